"""A data folder with a hostile payload in every free-text field, generated from the model.

Walking the model's type hints means a field added later is filled too, so the
injection test cannot miss it.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any, Literal

import yaml

from archive import model
from archive.values import PartialDate, TextRule, TimeSpan

# Each payload must show as literal text and never become markup, a link or a script.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<iframe src="javascript:alert(3)"></iframe>',
    "[x](javascript:alert(4))",
    '{ onclick="alert(5)" }',
    "{: #search }",
    '--8<-- "/etc/passwd"',
    "!!! note",
    "{{ config }}",
    "| a | b |",
    "---",
    '</title><script>alert(6)</script>"><svg onload=alert(7)>',
    "=HYPERLINK(\"https://evil.example\",\"x\")",
    "&lt;b&gt;entity&lt;/b&gt; &amp; &#106;avascript",
]
# Notes and annotations accept links, so a javascript: link there is refused by the check (tested elsewhere).
MARKUP_PAYLOADS = [p for p in PAYLOADS if "](javascript" not in p]
FORMULA = "=HYPERLINK(\"https://evil.example\",\"x\")"
LINE = " ".join(PAYLOADS)
TEXT = "\n".join(PAYLOADS)
MARKUP = "\n".join(MARKUP_PAYLOADS)


class _Dumper(yaml.SafeDumper):
    """Writes plain YAML: no anchors or aliases, even for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Every free-text field also carries a marker naming it, so a test can tell which field's text reached a page.
MARKERS: dict[str, str] = {}


def marker(path: str) -> str:
    """The marker of one field (letters only, so it survives every escaping unchanged)."""
    return "field" + "".join(part.capitalize() for part in path.replace("_", ".").split("."))


def _value(tp: Any, name: str, refs: dict[str, str]) -> Any:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Annotated:
        rule: TextRule = args[1]
        if rule.kind == "ref":
            return refs[rule.registry]
        if rule.kind in ("line", "text", "markup"):
            MARKERS[name] = marker(name)
            return f"{marker(name)} " + {"line": LINE, "text": TEXT, "markup": MARKUP}[rule.kind]
        return {"id": refs["id"], "url": "https://archive.example/x?a=1&b=2"}.get(rule.kind, LINE)
    if origin in (typing.Union, __import__("types").UnionType):
        return _value(next(a for a in args if a is not type(None)), name, refs)
    if origin is list:
        return [_value(args[0], name, refs)]
    if origin is Literal:
        return args[0]
    if tp is bool:
        return False
    if tp is PartialDate:
        return "2001-06-16"
    if tp is TimeSpan:
        return "10:00-11:00"
    if dataclasses.is_dataclass(tp):
        return _record(tp, refs, name)
    raise TypeError(tp)


def _record(cls: type, refs: dict[str, str], path: str) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    record = {}
    for f in dataclasses.fields(cls):
        if f.metadata.get("derived") or f.name == "draft":
            continue
        record[f.name] = _value(hints[f.name], f"{path}.{f.name}", refs)
    return record


def write_data(folder: Path) -> None:
    """Write people, sources, topics and one transcript, every text field carrying the payloads."""
    refs = {"people": "speaker", "sources": "source", "topics": "topic", "excerpts": "excerpt", "id": "excerpt"}
    transcript = _record(model.Transcript, refs, "transcript")
    transcript["claims"][0]["id"] = "claim"
    transcript["public_remarks"][0]["id"] = "remark"
    transcript["excerpts"][0]["former_ids"] = ["former-excerpt"]
    transcript["corrections"][0]["date"] = "2026-01-01"
    # Cells that start with a formula character, for the CSV downloads.
    transcript["title"] = FORMULA + " " + LINE
    transcript["claims"][0]["statement"] = FORMULA + " " + LINE
    for path in ("transcript.title", "transcript.claims.statement"):
        MARKERS.pop(path)  # checked by their own tests
    registries = {
        "people": {"speaker": _record(model.Person, refs, "person")},
        "sources": {"source": _record(model.Source, refs, "source")},
        "topics": {"topic": _record(model.Topic, refs, "topic")},
    }
    (folder / "transcripts").mkdir(parents=True)
    for name, data in registries.items():
        (folder / f"{name}.yaml").write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "transcripts" / "2001-06-16-hostile.yaml").write_text(
        yaml.dump(transcript, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
