"""The site's search index, written as the search plugin writes it but without holding every entry at once.

The plugin writes ``search/search_index.json`` as ``{"config":{...},"docs":[...]}``.
The archive takes each page's entries from the plugin as the page is written
(see ``mkdocs_hooks``), so the plugin writes its file with an empty ``docs``
list, and :func:`fill` then puts the entries in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_EMPTY_DOCS = '"docs":[]}'


def entries_json(entries: list[dict[str, Any]]) -> str:
    """Entries as the items of a JSON list (no brackets), serialised exactly as the search plugin does."""
    return json.dumps(entries, separators=(",", ":"), default=str)[1:-1]


def joined(items: Iterable[str]) -> Iterable[str]:
    """The non-empty items of a JSON list, with the commas between them."""
    first = True
    for item in items:
        if item:
            yield item if first else "," + item
            first = False


def fill(index: Path, docs: Iterable[str]) -> None:
    """Put ``docs`` (the text of the list's items, in pieces) into an index the plugin wrote with no entries."""
    written = index.read_text(encoding="utf-8")
    if not written.endswith(_EMPTY_DOCS):
        raise RuntimeError(f"{index} does not end as expected; cannot add the search entries")
    with index.open("w", encoding="utf-8") as out:
        out.write(written[: -len(_EMPTY_DOCS)] + '"docs":[')
        out.writelines(docs)
        out.write("]}")
