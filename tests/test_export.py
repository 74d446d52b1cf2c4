"""The export: the docs tree and a hook-free mkdocs.yml that MkDocs alone builds into the same pages."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from archive.csp import harden
from archive.engine.export import MARKER, ExportError, mkdocs_page
from archive.engine.theme_fixes import fix
from archive.output_folders import SITE_MARKER
from archive.render.text import front_matter, split_front_matter
from conftest import ENV, LAKESIDE, REPO, edit

# Both builds date the sitemap from this, so a run that crosses midnight compares the same dates.
BUILD_ENV = {**ENV, "SOURCE_DATE_EPOCH": "1764288000"}
# Runs a module (here mkdocs) and fails, after it, if any module of the archive package was imported.
# PYTHONPATH (and the venv's .pth file) put scripts/ on sys.path, so the archive is importable: only not imported.
GUARD = """
import runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
finally:
    loaded = sorted(name for name in sys.modules if name.split(".")[0] == "archive")
    if loaded:
        sys.exit("archive modules were imported: " + ", ".join(loaded))
"""


def archive_command(*args: str, env: dict[str, str] = ENV) -> subprocess.CompletedProcess[str]:
    """Run ``python -m archive``."""
    return subprocess.run([sys.executable, "-m", "archive", *args], capture_output=True, text=True, env=env, check=False)


def guarded(module: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m module args`` under the guard, with the archive importable."""
    return subprocess.run([sys.executable, "-c", GUARD, module, *args], cwd=cwd, capture_output=True, text=True,
                          env=BUILD_ENV, check=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The repository's data built normally, and exported then built by MkDocs alone: (normal site, export, its site)."""
    root = tmp_path_factory.mktemp("export")
    built = archive_command("--project", str(REPO), "build", "--site-dir", str(root / "normal"), env=BUILD_ENV)
    assert built.returncode == 0, built.stderr
    exported = archive_command("--project", str(REPO), "export", str(root / "export"))
    assert exported.returncode == 0, exported.stderr
    alone = guarded("mkdocs", "build", "--strict", cwd=root / "export")
    assert alone.returncode == 0, alone.stderr
    return root / "normal", root / "export", root / "export" / "site"


def test_the_guard_notices_an_archive_module(tmp_path: Path) -> None:
    """The guard is not vacuous: the archive is importable in the build's environment, and importing it fails."""
    result = guarded("archive", "--help", cwd=tmp_path)
    assert result.returncode == 1
    assert "archive modules were imported: archive, " in result.stderr and "archive.cli" in result.stderr


def test_the_export_builds_into_the_same_files(sites: tuple[Path, Path, Path]) -> None:
    normal, _, alone = sites
    assert sorted(snapshot(alone)) == sorted(name for name in snapshot(normal) if name != SITE_MARKER)  # the marker: a build's own
    assert (alone / "transcripts" / "2001-06-16-brdo" / "index.html").is_file()


# What the hooks add to a page and an engine without hooks cannot, each removed from the normal build or
# applied to the export's page with the very function the hooks use:
# 1. Before </head>: the Atom feed link, then the page's citation meta tags and JSON-LD (Generated.head). The feed
#    link is always first, and the hooks end their insertion with a line break before the theme's </head>.
_HOOK_HEAD = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="New conversations" href="[^"]*">.*?\n</head>', re.S)
# 2. "Edit this page": the hooks point it at the YAML file (or docs/ page) in the repository. The exported
#    configuration, like the project's, has no repo_url, so MkDocs alone gives no page an edit address and the theme
#    writes neither the link nor the indented template lines around it.
_EDIT_LINK = re.compile(
    r'[ \t]*\n[ \t]*<a href="[^"]*" title="Edit this page" class="md-content__button md-icon" rel="edit[^"]*">.*?</a>\n(?:[ \t]+\n)*\n', re.S
)


def _as_the_hooks_finish_it(html: str, site_url: str) -> str:
    """The export's page with the hooks' last two steps applied, as on_post_page and on_post_template apply them:
    3. theme_fixes.fix, the corrections to the theme's own markup (autocomplete, aria-label, the toc label), and
    4. csp.harden, the Content-Security-Policy meta element and rel="noopener noreferrer" on outbound links."""
    return harden(fix(html), site_url)


def _without_hook_additions(html: str) -> str:
    """The normal build's page without the feed link, head tags and edit link (1 and 2 above)."""
    return _EDIT_LINK.sub("", _HOOK_HEAD.sub("</head>", html, count=1), count=1)


def test_every_page_is_the_same_but_for_what_the_hooks_add(sites: tuple[Path, Path, Path]) -> None:
    """Whole pages, article and all; a difference not named above fails."""
    normal, export, alone = sites
    site_url = yaml.safe_load((export / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    pages = sorted(p.relative_to(normal) for p in normal.rglob("*.html"))
    assert Path("404.html") in pages and Path("transcripts/2001-06-16-brdo/index.html") in pages
    for page in pages:
        ours = (normal / page).read_text(encoding="utf-8")
        theirs = (alone / page).read_text(encoding="utf-8")
        assert _as_the_hooks_finish_it(theirs, site_url) == _without_hook_additions(ours), page


def test_the_hook_additions_are_really_there(sites: tuple[Path, Path, Path]) -> None:
    """The normalisations above each remove something present, on a generated page and on a hand-written one."""
    normal, _, alone = sites
    for page in ("transcripts/2001-06-16-brdo/index.html", "method/index.html"):
        ours = (normal / page).read_text(encoding="utf-8")
        theirs = (alone / page).read_text(encoding="utf-8")
        assert _HOOK_HEAD.search(ours) and _EDIT_LINK.search(ours), page
        assert not _HOOK_HEAD.search(theirs) and not _EDIT_LINK.search(theirs), page
        assert 'http-equiv="Content-Security-Policy"' in ours and 'http-equiv="Content-Security-Policy"' not in theirs


def _sitemap_entries(text: str) -> list[str]:
    return sorted(re.findall(r"<url>.*?</url>", text, re.S))


def test_search_index_and_sitemap_hold_the_same_entries(sites: tuple[Path, Path, Path]) -> None:
    """Only their order differs: the hooks append the generated pages after the hand-written ones, while in the
    export they are files among the others, and MkDocs lists pages in the order of its files."""
    normal, _, alone = sites
    ours = json.loads((normal / "search" / "search_index.json").read_text(encoding="utf-8"))
    theirs = json.loads((alone / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert ours["config"] == theirs["config"]
    assert sorted(ours["docs"], key=json.dumps) == sorted(theirs["docs"], key=json.dumps)
    assert any(d["location"].startswith("transcripts/2001-06-16-brdo/") for d in theirs["docs"])
    sitemaps = [(normal / "sitemap.xml").read_text(encoding="utf-8"), (alone / "sitemap.xml").read_text(encoding="utf-8")]
    assert _sitemap_entries(sitemaps[0]) == _sitemap_entries(sitemaps[1])
    zipped = [gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") for site in (normal, alone)]
    assert _sitemap_entries(zipped[0]) == _sitemap_entries(zipped[1]) == _sitemap_entries(sitemaps[0])


def test_every_other_file_is_byte_identical(sites: tuple[Path, Path, Path]) -> None:
    """Downloads (CSV, JSON, feeds, citations, schemas), stylesheets, scripts and the theme's assets."""
    normal, _, alone = sites
    ours, theirs = snapshot(normal), snapshot(alone)
    compared = [name for name in ours if not name.endswith(".html") and not name.startswith(("search/", "sitemap.xml", SITE_MARKER))]
    assert {"feed.xml", "corrections.xml", "downloads/claims.csv", "cite/2001-06-16-brdo.bib"} <= set(compared)
    assert [name for name in compared if ours[name] != theirs[name]] == []


def test_the_exported_configuration_is_the_projects_without_hooks(sites: tuple[Path, Path, Path]) -> None:
    _, export, _ = sites
    exported = yaml.safe_load((export / "mkdocs.yml").read_text(encoding="utf-8"))  # plain YAML: no !ENV left
    with (REPO / "mkdocs.yml").open("rb") as source:
        project = yaml_load(source)  # as MkDocs reads it, with !ENV resolved
    assert "hooks" not in exported and project["hooks"] == ["scripts/mkdocs_hooks.py"]
    assert exported == {key: value for key, value in project.items() if key != "hooks"}
    assert (export / MARKER).is_file()


def test_drafts_are_left_out_unless_asked_for(project: Path, tmp_path: Path) -> None:
    edit(project, LAKESIDE, "title: Lakeside meeting\n", "title: Lakeside meeting\ndraft: true\n")
    assert archive_command("--project", str(project), "export", str(tmp_path / "public")).returncode == 0
    assert not (tmp_path / "public" / "docs" / "transcripts" / "2001-06-16-lakeside.md").exists()
    assert (tmp_path / "public" / "docs" / "transcripts" / "2003-02-lakeside-call.md").is_file()
    with_drafts = archive_command("--project", str(project), "export", str(tmp_path / "drafts"), env={**ENV, "ARCHIVE_DRAFTS": "1"})
    assert with_drafts.returncode == 0
    assert (tmp_path / "drafts" / "docs" / "transcripts" / "2001-06-16-lakeside.md").is_file()


def test_bad_data_gives_the_checks_report_and_changes_nothing(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "export"
    assert archive_command("--project", str(project), "export", str(target)).returncode == 0
    before = snapshot(target)
    edit(project, LAKESIDE, "    speaker: beta\n    kind: paraphrase", "    speaker: putn\n    kind: paraphrase")
    check = archive_command("--project", str(project), "check")
    result = archive_command("--project", str(project), "export", str(target))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == check.stderr
    assert result.stderr.endswith("1 problem(s) in 1 file(s); nothing was built.\n")
    assert "Traceback" not in result.stderr
    assert snapshot(target) == before
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["export"]  # no temporary folder left beside it


def test_a_folder_not_made_by_an_export_is_never_replaced(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes"
    target.mkdir()
    (target / "todo.txt").write_text("mine\n", encoding="utf-8")
    result = archive_command("--project", str(project), "export", str(target))
    assert result.returncode == 1
    assert result.stderr == (f"Error: DIR {target}: is not empty and was not written by the archive (it has no {MARKER}); "
                             "name a new or empty folder, or remove this one. Nothing was touched\n")
    assert snapshot(target) == {"todo.txt": b"mine\n"}
    inside_docs = archive_command("--project", str(project), "export", str(project / "docs" / "export"))
    assert inside_docs.returncode == 1 and "it is inside the docs folder, docs/; name a folder of its own" in inside_docs.stderr
    assert not (project / "docs" / "export").exists()


def test_an_earlier_export_is_replaced_whole(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "export"
    target.mkdir()  # an empty folder is accepted too
    assert archive_command("--project", str(project), "export", str(target)).returncode == 0
    (target / "docs" / "stale.md").write_text("left from before\n", encoding="utf-8")
    again = archive_command("--project", str(project), "export", str(target))
    assert again.returncode == 0, again.stderr
    assert not (target / "docs" / "stale.md").exists()
    assert (target / "docs" / "transcripts" / "2001-06-16-lakeside.md").is_file()


HOSTILE_TITLES = [
    "Smile \U0001F600 and \U0001D400\U0010FFFD beyond the Basic Multilingual Plane",
    'quote " backslash \\ and a literal \\ud83d\\ude00 that is not an escape',
    "---",
    "...",
    "key: value # not a comment",
    "yes",
    "null",
    "~",
    "&amp; <b>markup</b> 'single'",
    "tab\there, line\nbreak, carriage\rreturn",
    "\x00\x07\x1b\x7f\x85\u2028\u2029\ufeff\u202e",
    "{flow: mapping}, [flow, list]",
    "",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_mkdocs_reads_the_exported_metadata_exactly(title: str) -> None:
    """MkDocs' own reader (YAML) gets back exactly what the archive's reader gets from the generated block."""
    text = front_matter({"title": title, "description": "d"}, searchable=False) + "\n# Body\n"
    meta, body = split_front_matter(text)
    page = mkdocs_page(text, "data/transcripts/x.yaml")
    assert page.isascii()
    assert get_data(page) == ("# Body\n", meta)
    assert meta["search"] == {"exclude": True}


def test_the_archives_own_block_is_misread_beyond_the_basic_plane() -> None:
    """Why the export rewrites the block: JSON's surrogate pairs make MkDocs take the block for page text."""
    text = front_matter({"title": "Smile \U0001F600"}) + "Body\n"
    body, meta = get_data(text)
    assert meta == {} and body == text
    assert get_data(mkdocs_page(text, "x"))[1] == {"title": "Smile \U0001F600"}


def test_a_page_without_metadata_gets_an_empty_block() -> None:
    """So that no first line of a page can be taken for metadata (MkDocs also reads 'key: value' lines)."""
    page = mkdocs_page("Title: not metadata\n\ntext\n", "x")
    assert page == "---\n{}\n---\nTitle: not metadata\n\ntext\n"
    assert get_data(page) == ("Title: not metadata\n\ntext\n", {})


def test_an_unreadable_block_names_its_source() -> None:
    with pytest.raises(ExportError, match=r"^data/people.yaml: page metadata: unreadable metadata line 'title \"x\"'$"):
        mkdocs_page('---\ntitle "x"\n---\nbody\n', "data/people.yaml")


def test_a_title_beyond_the_basic_plane_reaches_the_built_page(project: Path, tmp_path: Path) -> None:
    """End to end, MkDocs alone: the page's <title> comes from the exported metadata, not from its text."""
    edit(project, LAKESIDE, "title: Lakeside meeting\n", "title: 'Lakeside \U0001F600 \"meeting\" \\ 𝐀'\n")
    assert archive_command("--project", str(project), "export", str(tmp_path / "export")).returncode == 0
    built = guarded("mkdocs", "build", "--strict", cwd=tmp_path / "export")
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "export" / "site" / "transcripts" / "2001-06-16-lakeside" / "index.html").read_text(encoding="utf-8")
    assert "<title>Lakeside \U0001F600 &quot;meeting&quot; \\ 𝐀 - " in html
    assert "title: " not in html
