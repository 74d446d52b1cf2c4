"""One test for each MkDocs or Material internal the adapter (scripts/mkdocs_hooks.py) relies on, numbered as
in the list at the top of that module: an upgrade that changes one fails here, by name, before a build breaks."""

from __future__ import annotations

import inspect
import logging
import subprocess
import sys
from pathlib import Path

import material
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.commands import build as build_command
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import EVENTS
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import mkdocs_hooks
from archive.engine import theme_fixes
from archive.render.page import Page as Described
from archive.render.page import Part, text


def _config(tmp_path: Path) -> MkDocsConfig:
    config = MkDocsConfig()
    (tmp_path / "docs").mkdir(exist_ok=True)
    config.load_dict({"site_name": "Archive", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert not config.validate()[0]
    return config


def test_1_a_file_without_a_source_folder_is_generated_and_read_through_its_properties(tmp_path: Path) -> None:
    made = mkdocs_hooks._LazyFile(_config(tmp_path), Described("a/index.md", (Part(text, ("# Made",)),)))
    assert made.generated and made.abs_src_path is None
    assert made.content_string == "# Made" and made.content_bytes == b"# Made"
    assert isinstance(inspect.getattr_static(File, "content_string"), property)
    assert isinstance(inspect.getattr_static(File, "content_bytes"), property)
    made.copy_file()
    assert Path(made.abs_dest_path).read_text(encoding="utf-8") == "# Made"


def test_2_files_list_their_sources_and_pages(tmp_path: Path) -> None:
    config = _config(tmp_path)
    files = Files([File("a.md", None, config.site_dir, True), File("b.css", None, config.site_dir, True)])
    assert set(files.src_uris) == {"a.md", "b.css"}
    assert [f.src_uri for f in files.documentation_pages()] == ["a.md"]


def test_3_pages_take_their_source_metadata_and_edit_link_from_the_events(tmp_path: Path) -> None:
    assert {"page_read_source", "page_markdown", "page_content", "page_context", "post_page", "post_template"} <= set(EVENTS)
    page = Page(None, File("a.md", None, str(tmp_path), True), _config(tmp_path))
    page.meta, page.edit_url = {"title": "T"}, "https://example.org/edit"
    assert page.meta == {"title": "T"} and page.edit_url == "https://example.org/edit"
    templates = Path(material.__file__).parent / "templates"
    assert "page.edit_url" in (templates / "partials" / "actions.html").read_text(encoding="utf-8")
    assert "page.meta" in (templates / "base.html").read_text(encoding="utf-8")


def test_4_page_content_is_restored_before_the_search_plugin_reads_it() -> None:
    assert mkdocs_hooks.on_page_context.mkdocs_priority > 0  # the search plugin's on_page_context has the default, 0
    assert getattr(SearchPlugin.on_page_context, "mkdocs_priority", 0) == 0
    assert "page.content" in inspect.getsource(SearchIndex.add_entry_from_context) or "page.toc" in inspect.getsource(SearchIndex.add_entry_from_context)


def test_5_the_search_plugin_keeps_entries_in_a_list_and_writes_an_empty_one_as_the_adapter_expects() -> None:
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    assert index.entries == []
    written = index.generate_search_index(None)
    assert written.endswith('"docs":[]}')
    index.entries = [{"location": "a/", "title": "Путин", "text": "<p>x</p>"}]
    assert mkdocs_hooks.entries_json(index.entries) in index.generate_search_index(None)


def test_6_a_dirty_rebuild_skips_pages_whose_source_is_older_than_the_built_page() -> None:
    for step in (build_command._populate_page, build_command._build_page):
        assert "if dirty and not page.file.is_modified()" in inspect.getsource(step)
    assert "is_modified" in dir(File)


def test_7_the_server_can_be_rewatched_and_given_another_observer_and_jinja_takes_a_bytecode_cache() -> None:
    assert {"watch", "unwatch"} <= set(dir(LiveReloadServer))
    assert "self.observer" in inspect.getsource(LiveReloadServer.__init__)
    assert "self.observer.schedule" in inspect.getsource(LiveReloadServer.watch)
    from jinja2 import Environment

    assert "bytecode_cache" in inspect.signature(Environment).parameters


def test_8_the_configuration_maps_each_hook_file_to_its_module() -> None:
    config = MkDocsConfig(config_file_path=str(Path(__file__).resolve().parents[1] / "mkdocs.yml"))
    config.load_file(open(config.config_file_path, encoding="utf-8"))
    config.validate()
    [module] = config.hooks.values()
    assert callable(module.hand_over) and module.__file__.endswith("mkdocs_hooks.py")


def test_9_the_dirty_build_warning_is_logged_where_the_adapter_filters_it(caplog) -> None:
    assert "'dirty' build" in inspect.getsource(build_command.build)
    with caplog.at_level(logging.INFO, logger="mkdocs.commands.build"):
        logging.getLogger("mkdocs.commands.build").warning("A 'dirty' build is being performed")
    assert not caplog.records


def test_10_the_theme_still_writes_the_markup_theme_fixes_corrects(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n## Part\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Raw\ntheme:\n  name: material\n  font: false\nplugins: [search]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    raw = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for pattern, _replacement, why in theme_fixes.FIXES:
        assert pattern.search(raw), f"the theme no longer writes what this fix corrects: {why}"


def test_11_a_page_with_empty_output_is_not_written_and_the_adapter_drops_the_message(tmp_path: Path, caplog) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text("# Other\n", encoding="utf-8")
    (tmp_path / "empty.py").write_text("def on_post_page(output, page, config):\n    return '' if page.file.src_uri == 'other.md' else output\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Raw\nhooks: [empty.py]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").exists() and not (tmp_path / "site" / "other" / "index.html").exists()
    assert "Page skipped: 'other.md'" in result.stderr
    with caplog.at_level(logging.INFO, logger="mkdocs.commands.build"):
        logging.getLogger("mkdocs.commands.build").info("Page skipped: 'other.md'. Generated empty output.")
    assert not caplog.records


def test_12_the_search_index_looks_headings_up_through_one_method_the_adapter_can_replace() -> None:
    from mkdocs.structure.toc import AnchorLink

    assert "self._find_toc_by_id(toc, section.id)" in inspect.getsource(SearchIndex.create_entry_for_section)
    outer, inner, twin = AnchorLink("A", "a", 2), AnchorLink("B", "b", 3), AnchorLink("B again", "b", 2)
    outer.children.append(inner)
    toc = [outer, twin]
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    assert index._find_toc_by_id(toc, "b") is inner and index._find_toc_by_id(toc, "z") is None  # depth first, first match

    class _Page:
        pass

    page = _Page()
    page.toc = toc

    class _Plugin:
        search_index = index

    class _Plugins(dict):
        pass

    class _Config:
        plugins = _Plugins(search=_Plugin())

    mkdocs_hooks._look_up_headings_by_id(page, _Config())
    assert index._find_toc_by_id(toc, "b") is inner and index._find_toc_by_id(toc, "a") is outer
    assert index._find_toc_by_id(toc, "z") is None


def test_13_the_live_reload_server_is_a_wsgi_server_whose_app_can_be_wrapped() -> None:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=".")
    assert server.server_address[:2] == ("127.0.0.1", 0)
    assert server.get_app() == server.serve_request
    server.set_app(lambda environ, start_response: [])
    assert server.get_app() != server.serve_request
    server.server_close()
