"""The live preview's copy of the generated pages, on disk so ``mkdocs serve --dirty`` can skip unchanged ones.

A page's file is rewritten only when its text changes; MkDocs then compares
modification times and rebuilds just the pages an edit touched. The folder is
``.cache/preview/`` beside mkdocs.yml: never ``docs/``, never committed.
"""

from __future__ import annotations

from pathlib import Path

from .render.memo import Memo

# Rendered pages remembered across the preview's rebuilds (the hooks module is reloaded each time).
MEMO = Memo()
PREVIEW_DIR = Path(".cache") / "preview"
_written: dict[Path, bytes] = {}


def write_if_changed(project: Path, path: str, text: str) -> Path:
    """Keep ``PROJECT/.cache/preview/PATH`` equal to ``text``; returns the preview folder."""
    folder = project / PREVIEW_DIR
    target = folder / path
    data = text.encode("utf-8")
    if _written.get(target) != data:
        if not target.exists() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        _written[target] = data
    return folder
