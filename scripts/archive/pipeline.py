"""Load, validate and model the whole data folder; every problem in every file is collected.

A :class:`Reader` remembers what it read: a live preview or a build that keeps one
re-reads only the files that changed. ``read_archive`` without one reads everything.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import references, shape
from .method_rules import check_method
from .model import NO_EVENTS, Archive, Event, Person, Source, Topic, Transcript
from .problems import DataError, Problem
from .safe_write import LINK_ADVICE
from .strict_yaml import Map, Scalar, YamlError, load, load_with_text
from .text_rules import check_text

REGISTRIES: dict[str, type] = {"people": Person, "sources": Source, "topics": Topic, "events": Event}
OPTIONAL_REGISTRIES = {"events"}  # an archive without context events needs no events.yaml
TRANSCRIPTS_DIR = "transcripts"
_convert_transcript = shape.document(Transcript)
_convert_registry = {name: shape.registry(cls) for name, cls in REGISTRIES.items()}


@dataclass(slots=True)
class _Files:
    """The data files found, and problems with the folder itself."""

    registries: dict[str, Path]
    transcripts: list[Path]
    problems: list[Problem]


def _display(path: Path, root: Path) -> str:
    """The path as reports show it: relative to the project, control characters written as escapes."""
    try:
        text = path.relative_to(root).as_posix()
    except ValueError:
        text = path.as_posix()
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _file_problem(path: Path, root: Path, message: str) -> Problem:
    return Problem(_display(path, root), 1, 1, (), message)


RESERVED_IDS = {"index"}
_LINK = f"is a link; {LINK_ADVICE}"


def _reserved(identifier: str) -> str | None:
    """Why an id cannot name a page of its own, if it cannot."""
    if identifier in RESERVED_IDS:
        return f"'{identifier}' is reserved for the page that lists the others; choose another id"
    return None


def _listing(folder: Path, root: Path, what: str, found: _Files) -> list[Path] | None:
    """The folder's entries in order, or None after recording that it cannot be read."""
    try:
        return sorted(folder.iterdir())
    except OSError as err:
        found.problems.append(_file_problem(folder, root, f"cannot read {what}: {err.strerror}"))
        return None


def _holds(expected: set[str]) -> str:
    """The files a data folder holds, in words: the required ones, then the optional ones."""
    optional = {f"{name}.yaml" for name in OPTIONAL_REGISTRIES}
    listed = ", ".join(sorted(expected - optional))
    return listed + "".join(f" (and optionally {name})" for name in sorted(optional))


def _find_files(data_dir: Path, root: Path) -> _Files:
    """List the data files, refusing links, stray files and names that are not ids."""
    found = _Files({}, [], [])
    expected = {f"{name}.yaml" for name in REGISTRIES} | {TRANSCRIPTS_DIR}
    if not data_dir.is_dir():
        found.problems.append(_file_problem(data_dir, root, "the data folder is missing"))
        return found
    listing = _listing(data_dir, root, "the data folder", found)
    if listing is None:
        return found
    for path in listing:
        if path.is_symlink():
            found.problems.append(_file_problem(path, root, _LINK))
        elif path.name not in expected and not path.name.startswith("."):
            found.problems.append(_file_problem(path, root, f"unexpected file; the data folder holds {_holds(expected)}"))
    for name in REGISTRIES:
        path = data_dir / f"{name}.yaml"
        if path.is_file() and not path.is_symlink():
            found.registries[name] = path
        elif not path.is_symlink() and not (name in OPTIONAL_REGISTRIES and not path.exists()):
            found.problems.append(_file_problem(path, root, "file is missing"))
    folder = data_dir / TRANSCRIPTS_DIR
    if folder.is_symlink():
        return found  # reported with the data folder's other links
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "is missing"
        found.problems.append(_file_problem(folder, root, f"the transcripts folder {what}; transcripts are .yaml files in it"))
        return found
    for path in _listing(folder, root, "the transcripts folder", found) or ():
        if path.is_symlink():
            found.problems.append(_file_problem(path, root, _LINK))
        elif path.name.startswith("."):
            continue
        elif path.suffix != ".yaml" or not path.is_file():
            found.problems.append(_file_problem(path, root, "unexpected file; transcripts are .yaml files"))
        else:
            message = check_text("id", path.stem) or _reserved(path.stem)
            if message:
                found.problems.append(_file_problem(path, root, f"file name: {message}"))
            else:
                found.transcripts.append(path)
    return found


def _load(path: Path, ctx: shape.Context) -> Any:
    """The file's YAML tree, or None after recording why it cannot be read."""
    try:
        ctx.text, tree = load_with_text(path)
        return tree
    except YamlError as err:
        ctx.problems.append(Problem(ctx.file, err.line, err.col, (), err.message))
    except OSError as err:
        ctx.problems.append(Problem(ctx.file, 1, 1, (), f"cannot read the file: {err.strerror}"))
    return None


@dataclass(slots=True)
class _Shaped:
    """One file loaded and shape-checked, remembered until the file changes."""

    stamp: tuple[int, int]
    value: Any
    ctx: shape.Context
    ids: set[str] | None = None  # for a registry: the ids it defines


class Reader:
    """Reads the data folder's files, remembering each until it changes.

    An unchanged file (same modification time and size) is not read again, and an unchanged
    transcript is not checked again against unchanged registries. Keep one Reader across the reads that should share this work (a live preview re-reads only the file
    an editor saved; a build reuses what the check read); a fresh one reads everything.
    """

    def __init__(self) -> None:
        self._shaped: dict[tuple[Path, str], _Shaped] = {}  # by the path as found, which includes the data folder
        self._checked: dict[Path, tuple[_Shaped, tuple[object, ...], list[Problem]]] = {}

    def archive(self, data_dir: Path) -> Archive:
        """The validated archive; raises :class:`DataError` with every problem found."""
        with no_cyclic_gc():
            return self._archive(data_dir)

    def transcript(self, path: Path, root: Path, registries: dict[str, set[str] | None]) -> tuple[Transcript | None, list[Problem]]:
        """Load, shape-check and meaning-check one transcript file against the registries' ids."""
        entry = self._shape(path, root, "transcript", lambda tree, ctx: _convert_transcript(tree, ctx, {"id": path.stem}))
        against = tuple(registries.values())
        checked = self._checked.get(path)
        if checked is not None and checked[0] is entry and len(checked[1]) == len(against) and all(a is b for a, b in zip(checked[1], against)):
            found = checked[2]
        else:
            found = references.check_transcript(entry.ctx, registries)
            self._checked[path] = (entry, against, found)
        problems = entry.ctx.problems + found
        ok = entry.value is not shape.INVALID and not problems
        return (entry.value if ok else None), problems

    def _shape(self, path: Path, root: Path, kind: str, convert: Any) -> _Shaped:
        """The file loaded and shape-checked, from memory while it has not changed."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        key = (path, kind)
        cached = self._shaped.get(key)
        if cached is not None and cached.stamp == stamp and cached.ctx.file == _display(path, root):
            return cached
        ctx = shape.Context(_display(path, root))
        tree = _load(path, ctx)
        value = shape.INVALID if tree is None else convert(tree, ctx)
        ctx.text = ""  # needed only while converting; not kept for every file
        self._shaped[key] = entry = _Shaped(stamp, value, ctx)
        return entry

    def _archive(self, data_dir: Path) -> Archive:
        root = data_dir.parent
        files = _find_files(data_dir, root)
        problems = list(files.problems)
        loaded: dict[str, dict[str, Any]] = {}
        known: dict[str, set[str] | None] = {name: None for name in REGISTRIES}
        for name, path in files.registries.items():
            entry = self._shape(path, root, name, _convert_registry[name])
            problems += entry.ctx.problems
            if entry.value is not shape.INVALID:
                loaded[name] = entry.value
                if entry.ids is None:
                    entry.ids = {m.value for p, m in entry.ctx.marks.items() if len(p) == 1}  # the keys: ids of entries
                known[name] = entry.ids
                problems += [
                    Problem(entry.ctx.file, mark.line, mark.col, key, message)
                    for key, mark in entry.ctx.marks.items()
                    if len(key) == 1 and (message := _reserved(key[0]))
                ]
        for name, path in files.registries.items():
            if name in loaded:  # corrections in a registry cite sources
                problems += references.check_registry(self._shape(path, root, name, _convert_registry[name]).ctx, known)
        transcripts = []
        for path in files.transcripts:
            transcript, found = self.transcript(path, root, known)
            problems += found
            if transcript is not None:
                transcripts.append(transcript)
                if "sources" in loaded:  # the method's rules weigh each citation by its source's tier
                    problems += check_method(self._shaped[(path, "transcript")].ctx, transcript, loaded["sources"])
        if problems:
            raise DataError(problems)
        transcripts.sort(key=lambda t: (t.date.sort_key(), t.time.start if t.time else "", t.id))
        return Archive(people=loaded["people"], sources=loaded["sources"], topics=loaded["topics"], transcripts=transcripts,
                       events=loaded.get("events", NO_EVENTS))


def read_transcript(
    path: Path, root: Path, registries: dict[str, set[str] | None], reader: Reader | None = None
) -> tuple[Transcript | None, list[Problem]]:
    """Load, shape-check and meaning-check one transcript file (with ``reader``'s memory, if given)."""
    return (reader or Reader()).transcript(path, root, registries)


def registry_ids(data_dir: Path) -> dict[str, set[str]]:
    """The ids each registry defines (empty where a registry cannot be read)."""
    ids: dict[str, set[str]] = {}
    for name in REGISTRIES:
        try:
            tree = load(data_dir / f"{name}.yaml")
        except (YamlError, OSError):
            tree = None
        ids[name] = set(tree.values) if isinstance(tree, Map) else set()
    return ids


def source_tiers(data_dir: Path) -> dict[str, str]:
    """Each source's tier as written in sources.yaml (empty where the registry cannot be read)."""
    try:
        tree = load(data_dir / "sources.yaml")
    except (YamlError, OSError):
        return {}
    if not isinstance(tree, Map):
        return {}
    tiers = {}
    for name, entry in tree.values.items():
        tier = entry.values.get("tier") if isinstance(entry, Map) else None
        if isinstance(tier, Scalar):
            tiers[name] = tier.value
    return tiers


def read_archive(data_dir: Path, reader: Reader | None = None) -> Archive:
    """The validated archive (with ``reader``'s memory, if given); raises :class:`DataError` with every problem found."""
    return (reader or Reader()).archive(data_dir)


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector while building large acyclic structures (trees, records, pages).

    Loading makes millions of small objects and none of them form cycles, so the
    collector's repeated full scans are pure cost; reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
