"""Nothing lost: generated transcripts with arbitrary Unicode are built by the real MkDocs, and every
excerpt, claim, name and citation appears in the page's visible text exactly (whitespace aside).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config

from archive.text_rules import check_text
from conftest import REPO
from hostile import _Dumper

EXAMPLES = int(os.environ.get("FIDELITY_EXAMPLES", "300"))
SPECIAL = [
    "<b>", "</div>", "*x*", "_y_", "# h", "`c`", "[a](b)", "{: #x}", "&amp;", "&#35;", "\\", "|", "---", "!!!",
    "{{ x }}", "--8<--", "Путин", "Україна", "שלום", "مرحبا", "😀", "👍🏽", "👨‍👩‍👧", "中文", "\u00a0", "\u2003", "e\u0301",
]
_chars = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\ufffe\uffff")


def _text_of(kind: str, max_size: int) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.text(_chars, min_size=1, max_size=12), st.sampled_from(SPECIAL), st.just(" "))
    if kind == "text":
        pieces = st.one_of(pieces, st.just("\n"), st.just("\n\n"))
    return st.lists(pieces, min_size=1, max_size=max_size).map("".join).map(str.strip).filter(lambda s: check_text(kind, s) is None)


lines = _text_of("line", 8)
texts = _text_of("text", 12)


def _project(root: Path) -> Path:
    """The real configuration and hooks, with one hand-written page so each build stays quick."""
    project = root / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    shutil.copytree(REPO / "docs" / "stylesheets", project / "docs" / "stylesheets")
    shutil.copytree(REPO / "docs" / "javascripts", project / "docs" / "javascripts")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n", encoding="utf-8")
    (project / "scripts").symlink_to(REPO / "scripts")
    return project


def _write(data: Path, names: list[str], title: str, excerpts: list[str], statement: str) -> None:
    shutil.rmtree(data, ignore_errors=True)
    (data / "transcripts").mkdir(parents=True)
    dump = lambda value: yaml.dump(value, Dumper=_Dumper, allow_unicode=True, sort_keys=False)  # noqa: E731
    people = {f"p{i}": {"name": name, "description": name} for i, name in enumerate(names)}
    (data / "people.yaml").write_text(dump(people), encoding="utf-8")
    (data / "sources.yaml").write_text(dump({"s": {"tier": "primary", "title": title, "publisher": title}}), encoding="utf-8")
    (data / "topics.yaml").write_text(dump({"t": {"title": title}}), encoding="utf-8")
    transcript = {
        "title": title, "date": "2001-06-16", "kind": "memorandum-of-conversation", "summary": title, "topics": ["t"],
        "participants": [{"side": title, "people": [{"person": p} for p in people]}],
        "document": {"archive": title},
        "excerpts": [
            {"id": f"e{i}", "speaker": f"p{i % len(names)}", "kind": ("quote", "paraphrase", "summary")[i % 3], "text": text, "source": {"source": "s"}}
            for i, text in enumerate(excerpts)
        ],
        "claims": [{"id": "c", "speaker": "p0", "excerpts": ["e0"], "statement": statement, "assessment": "opinion",
                    "annotation": "An opinion.", "sources": [{"source": "s"}]}],
    }
    (data / "transcripts" / "2001-06-16-x.yaml").write_text(dump(transcript), encoding="utf-8")


def _normal(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    names=st.lists(lines, min_size=1, max_size=3),
    title=lines,
    excerpts=st.lists(texts, min_size=1, max_size=3),
    statement=lines,
)
def test_every_text_appears_on_the_built_page(names: list[str], title: str, excerpts: list[str], statement: str) -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        project = _project(Path(tmp))
        _write(project / "data", names, title, excerpts, statement)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        html = (project / "site" / "transcripts" / "2001-06-16-x" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    page = _normal(soup.select_one("article").get_text(" "))
    for text in [*excerpts, statement, title, *names]:
        assert _normal(text) in page, text
    assert _normal(soup.select_one("ol.bibliography").get_text(" ")).find(_normal(title)) >= 0
    assert _normal(soup.title.get_text()) == _normal(f"{title} - Leaders' Conversations Archive")
