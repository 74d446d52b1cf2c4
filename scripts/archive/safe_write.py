"""Writing without following links: every file the archive writes is opened below a folder it trusts, one
folder at a time, each opened with ``O_NOFOLLOW``, so a link planted in a checkout (a file, a folder, dangling
or not) is refused with its name instead of being written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

_FOLDER = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_FILE = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
LINK_ADVICE = "the archive reads and writes no file through a link; remove it (or put the file itself there)"


class LinkRefused(OSError):
    """A link where the archive would read or write; the message names it."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(errno.ELOOP, f"{path}: is a link; {LINK_ADVICE}")
        self.path = str(path)

    def __str__(self) -> str:
        return str(self.strerror)


def _refusal(path: Path, err: OSError) -> OSError:
    """A link at ``path`` becomes :class:`LinkRefused`; any other failure stays as it was, naming the path."""
    if path.is_symlink():
        return LinkRefused(path)
    err.filename = str(path)
    return err


@contextlib.contextmanager
def _folder_fd(root: Path, parts: Iterable[str], create: bool) -> Iterator[int]:
    """A descriptor of ROOT/PARTS..., each folder opened without following a link (and made if ``create``)."""
    where = root
    if create:
        root.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(root, _FOLDER)
    except OSError as err:
        raise _refusal(root, err) from None
    try:
        for part in parts:
            where = where / part
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o777, dir_fd=fd)
            try:
                inner = os.open(part, _FOLDER, dir_fd=fd)
            except OSError as err:
                raise _refusal(where, err) from None
            os.close(fd)
            fd = inner
        yield fd
    finally:
        os.close(fd)


def _split(relative: str) -> tuple[list[str], str]:
    parts = [p for p in Path(relative).parts if p not in ("", ".")]
    if not parts or ".." in parts or Path(relative).is_absolute():
        raise ValueError(f"not a path inside the folder: {relative!r}")
    return parts[:-1], parts[-1]


@contextlib.contextmanager
def open_for_writing(root: Path, relative: str, *, exclusive: bool = False, text: bool = True) -> Iterator[IO]:
    """ROOT/RELATIVE opened for writing (made, with the folders it needs; emptied unless ``exclusive``, which
    refuses a file that exists); no link on the way or at the end is followed."""
    folders, name = _split(relative)
    with _folder_fd(root, folders, create=True) as fd:
        flags = _FILE | (os.O_EXCL if exclusive else os.O_TRUNC)
        try:
            handle = os.open(name, flags, 0o666, dir_fd=fd)
        except OSError as err:
            raise _refusal(root / relative, err) from None
    mode = "w" if text else "wb"
    with open(handle, mode, encoding="utf-8" if text else None, newline="" if text else None) as out:
        yield out


def write_bytes(root: Path, relative: str, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``data`` to ROOT/RELATIVE without following a link."""
    with open_for_writing(root, relative, exclusive=exclusive, text=False) as out:
        out.write(data)


def write_text(root: Path, relative: str, text: str, *, exclusive: bool = False) -> None:
    """Write ``text`` (UTF-8) to ROOT/RELATIVE without following a link."""
    write_bytes(root, relative, text.encode("utf-8"), exclusive=exclusive)


def read_bytes(root: Path, relative: str) -> bytes | None:
    """ROOT/RELATIVE's bytes, None if there is no such file; a link is refused, not followed."""
    folders, name = _split(relative)
    try:
        with _folder_fd(root, folders, create=False) as fd:
            handle = os.open(name, _READ, dir_fd=fd)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise _refusal(root / relative, err) from None
    with open(handle, "rb") as source:
        return source.read()


def make_folders(root: Path, relative: str) -> Path:
    """Make ROOT/RELATIVE and the folders above it (up to ROOT), following no link; the folder's path."""
    parts = [p for p in Path(relative).parts if p not in ("", ".")]
    with _folder_fd(root, parts, create=True):
        return root.joinpath(*parts)
