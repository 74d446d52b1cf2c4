"""Command line: ``python -m archive check`` validates the data; ``build`` publishes the site; ``export`` writes its files.

Exit codes: 0 when all is well, 1 when the data or the build has problems,
2 for a wrong command line. Problems go to standard error, one per line, as
``path:line:col: field: message``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import scaffold
from .characters import visible
from .engine.build import build_site
from .engine.export import ExportError, export
from .json_schema import write_schemas
from .model import Archive
from .pipeline import read_archive, registry_ids
from .problems import DataError
from .project import read_project
from .report import FORMATS, problems_report
from .safe_write import LinkRefused
from .scaffold import Answers, ScaffoldError, new_transcript, parse_side
from .source_tree import source_problems
from .values import PLACEHOLDER


def _check(project: Path, fmt: str = "human") -> Archive | None:
    """The checked archive, or None after reporting its problems (links and unportable names in the source
    folders first: then nothing is read)."""
    started = time.perf_counter()
    if not _sources_ok(project):
        return None
    try:
        archive = read_archive(project / "data")
    except DataError as err:
        if fmt == "json":
            print(problems_report(err.problems, fmt))
            return None
        files = len({p.file for p in err.problems})
        print(problems_report(err.problems, fmt), file=sys.stderr if fmt == "human" else sys.stdout)
        print(f"{len(err.problems)} problem(s) in {files} file(s); nothing was built.", file=sys.stderr)
        return None
    elapsed = (time.perf_counter() - started) * 1000
    if fmt == "json":
        print("[]")
        return archive
    print(
        f"OK: {len(archive.transcripts)} transcripts, {len(archive.people)} people, "
        f"{len(archive.sources)} sources, {len(archive.topics)} topics checked in {elapsed:.0f} ms"
    )
    return archive


def _sources_ok(project: Path) -> bool:
    """Whether the source folders hold no link and no name some system cannot check out; if not, say so."""
    found = source_problems(project)
    for line in found:
        print(visible(line), file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s) with the project's files; nothing was read or built.", file=sys.stderr)
    return not found


def _split(answer: str) -> list[str]:
    return [part.strip() for part in answer.split(";") if part.strip()]


def _ask_until_valid(prompt: str, check: Callable[[str], str | None]) -> str:
    """Ask one question until the answer passes ``check``; a wrong answer is asked again, alone, with the reason."""
    while True:
        answer = input(f"{prompt}: ").strip()
        problem = check(answer)
        if problem is None:
            return answer
        print(f"  {visible(problem)}", file=sys.stderr)


def _interview(project: Path, args: argparse.Namespace) -> Answers:
    """Ask at the terminal for whatever the command line did not give, in the README's order."""
    known = registry_ids(project / "data")
    given = {
        "id": args.id, "date": args.date, "title": args.title,
        "sides": "; ".join(args.side or []), "topics": "; ".join(args.topic or []), "source": args.source,
    }
    questions: list[tuple[str, str, Callable[[str], str | None]]] = [
        ("id", "Id (the file name: the date and a place), e.g. 2002-05-24-moscow", lambda a: scaffold.check_id(a, project)),
        ("date", "Date, e.g. 2002-05-24", lambda a: scaffold.check_date(a, given["id"])),
        ("title", "Title", scaffold.check_line),
        ("sides", "Sides, e.g. 'United States: bush, rice; Russia: putin'", lambda a: scaffold.check_sides(_split(a), known)),
        ("topics", "Topic ids, separated by ';'", lambda a: scaffold.check_ids("topics", _split(a), known)),
        ("source", "Id of the source you read it in (from data/sources.yaml)", lambda a: scaffold.check_ids("sources", [a] if a else [], known)),
    ]
    for name, prompt, check in questions:
        if not given[name]:
            given[name] = _ask_until_valid(prompt, scaffold.check_answer(check))
    return Answers(
        id=given["id"], date=given["date"], title=given["title"],
        sides=[parse_side(side) for side in _split(given["sides"])], topics=_split(given["topics"]),
        source=given["source"], archive=args.archive,
    )


_NEW_ARGS = ("id", "date", "title", "side", "topic", "source")


def _new(project: Path, args: argparse.Namespace, usage: str) -> int:
    if not sys.stdin.isatty() and not any(getattr(args, name) for name in _NEW_ARGS):
        print(usage, file=sys.stderr)
        print("new: no terminal to ask at: give the facts as options (see above), e.g. via make new ARGS='--id ...'", file=sys.stderr)
        return 2
    try:
        answers = _interview(project, args) if sys.stdin.isatty() else Answers(
            id=args.id or "", date=args.date or "", title=args.title or "",
            sides=[parse_side(side) for side in args.side or []], topics=args.topic or [],
            source=args.source or "", archive=args.archive,
        )
        path = new_transcript(project, answers)
    except ScaffoldError as err:
        print(f"new: {visible(str(err))}", file=sys.stderr)
        return 1
    except EOFError:
        print("\nnew: stopped; nothing was written.", file=sys.stderr)
        return 1
    print(f"Wrote {path.relative_to(project)} (a draft). Fill it in, then run 'make check'.")
    return 0


def _export(project: Path, target: Path, archive: Archive) -> int:
    """Write the hook-free docs tree (drafts only when ARCHIVE_DRAFTS=1, as in the build)."""
    try:
        count = export(project, target, include_drafts=os.environ.get("ARCHIVE_DRAFTS") == "1", archive=archive)
    except ExportError as err:
        print(f"Error: {visible(str(err))}", file=sys.stderr)
        return 1
    print(f"Exported the docs and {count} generated files into {target}; build them with: cd {target} && mkdocs build")
    return 0


def _stop(signum: int, frame: object) -> None:
    """SIGTERM ends the command the way Ctrl-C does, so every temporary folder is removed on the way out."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command; an interruption or a file-system fault ends it with one line, not a traceback."""
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("Interrupted; nothing was changed.", file=sys.stderr)
        return 130
    except LinkRefused as link:
        print(f"Error: {visible(str(link))}", file=sys.stderr)
        return 1
    except OSError as err:
        where = f" {visible(str(err.filename))}" if err.filename else ""
        print(f"Error: cannot read or write{where}: {err.strerror or err}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str] | None) -> int:
    """Run the command named on the command line."""
    parser = argparse.ArgumentParser(prog="python -m archive", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path("."), help="folder holding mkdocs.yml, docs/ and data/ (default: .)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every data file and report all problems")
    check.add_argument(
        "--format", choices=FORMATS, default="human",
        help="human: path:line:col: field: message; github: ::error annotations plus a job summary; json: a list",
    )
    commands.add_parser("schema", help="write the editor-facing JSON Schema files into schema/")
    new = commands.add_parser("new", help="write a draft transcript from a few facts (never overwrites a file)")
    new.add_argument("--id", help="the new file's id, e.g. 2002-05-24-moscow")
    new.add_argument("--date", help="date of the conversation, e.g. 2002-05-24")
    new.add_argument("--title", help="title shown to readers")
    new.add_argument("--side", action="append", help="a delegation: 'Side name: person-id, person-id' (repeat per side)")
    new.add_argument("--topic", action="append", help="a topic id (repeatable)")
    new.add_argument("--source", help="id of the source the wording will be read in")
    new.add_argument("--archive", default=PLACEHOLDER + "archive to be named", help="archive or library holding the document")
    build = commands.add_parser("build", help="validate, then build the site into site/ (replaced only on success)")
    build.add_argument(
        "--site-dir", type=Path, default=None,
        help="where to put the site: a new or empty folder, or a site the archive built (default: mkdocs.yml's site_dir)",
    )
    exporting = commands.add_parser(
        "export", help="validate, then write docs/ with every generated page and a mkdocs.yml without hooks into DIR"
    )
    exporting.add_argument("dir", type=Path, help="a new or empty folder, or one an earlier export wrote (replaced whole)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "new":
        return _new(project, args, new.format_usage()) if _sources_ok(project) else 1
    if args.command == "schema":
        for path in write_schemas(project):
            print(f"Wrote {path}")
        return 0
    archive = _check(project, getattr(args, "format", "human"))
    if archive is None or args.command == "check":
        return 0 if archive is not None else 1
    if args.command == "export":
        return _export(project, args.dir, archive)
    if not build_site(project, args.site_dir, archive):
        print("The site was not built; the previous site is unchanged.", file=sys.stderr)
        return 1
    print(f"Built {args.site_dir or read_project(project).site}")
    return 0
