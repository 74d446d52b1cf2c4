"""Step 2c, the method page's rules about kinds, tiers and assessments, checked on each modelled transcript
against the bibliography (``docs/method.md``, *What the check enforces*, lists them).

- A quotation (an excerpt, a public remark or a caveat of kind ``quote``) never rests on a weak source.
- A summary is the editors' own summary of a passage read in the document, so its source is primary.
- A disputed claim is one its sources disagree about, so it cites at least two.
"""

from __future__ import annotations

from .model import Source, Transcript
from .problems import Problem
from .shape import Context


def _at(ctx: Context, path: tuple, message: str) -> Problem:
    """A problem at the mark recorded for ``path`` (a reference), or at the file's start if none was."""
    mark = ctx.marks.get(path)
    return Problem(ctx.file, mark.line if mark else 1, mark.col if mark else 1, path, message)


def _quoted(transcript: Transcript) -> list[tuple[tuple, str, str]]:
    """Every quotation-like entry: (path of its source reference, its kind, the source's id)."""
    found = [(("excerpts", i, "source", "source"), e.kind, e.source.source) for i, e in enumerate(transcript.excerpts)]
    found += [(("public_remarks", i, "source", "source"), r.kind, r.source.source) for i, r in enumerate(transcript.public_remarks)]
    if transcript.caveat is not None:
        found.append((("caveat", "source", "source"), transcript.caveat.kind, transcript.caveat.source.source))
    return found


def check_method(ctx: Context, transcript: Transcript, sources: dict[str, Source]) -> list[Problem]:
    """The method page's rules for one transcript; ``ctx`` is the file's conversion (its marks give positions)."""
    problems: list[Problem] = []
    for path, kind, source in _quoted(transcript):
        tier = sources[source].tier if source in sources else None
        if kind == "quote" and tier == "weak":
            problems.append(_at(ctx, path, (
                f"a quotation cannot rest on '{source}', a weak source (wording seen only in weak sources is not quoted "
                "at all); cite a primary or secondary source that prints these words, or mark the excerpt paraphrase"
            )))
        elif kind == "summary" and tier not in (None, "primary"):
            problems.append(_at(ctx, path, (
                f"a summary is the editors' own summary of a passage read in the document, but '{source}' is a {tier} "
                "source; cite the document (a primary source), or mark the excerpt paraphrase"
            )))
    for i, claim in enumerate(transcript.claims):
        if claim.assessment == "disputed" and len({c.source for c in claim.sources}) < 2:
            problems.append(_at(ctx, ("claims", i, "sources", 0, "source"), (
                "a disputed claim is one its sources disagree about: cite at least two sources, "
                "each account with its own, or choose another assessment"
            )))
    return problems
