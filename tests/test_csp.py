"""Every page's Content-Security-Policy and its outbound links: the pure functions, then the built site."""

from __future__ import annotations

import base64
import hashlib
import random
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from archive import csp
from archive.csp import harden, policy, source_hash

SITE = "https://leaders-archive.github.io/conversations/"
FIRST = "__md_scope=new URL('.',location)"
SECOND = '\n  var palette = __md_get("__palette");\n'
JSON_LD = '{"@context":"https://schema.org","name":"x"}'
PAGE = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>T</title>
    <script>{FIRST}</script>
    <script type="application/ld+json">{JSON_LD}</script>
    <script id="__config" type="application/json">{{"base": "."}}</script>
    <script src="assets/bundle.js"></script>
  </head>
  <body>
    <p><a href="../timeline/">timeline</a> <a href="#x">here</a> <a href="mailto:a@example.org">mail</a></p>
    <script>{SECOND}</script>
  </body>
</html>
"""


def sha256(text: str) -> str:
    """The CSP hash source for a text, computed here independently of the module."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def parse(content: str) -> dict[str, list[str]]:
    """A policy as directive name -> sources."""
    parts = [p.split() for p in content.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


def directives(page: str) -> dict[str, list[str]]:
    """The page's one policy, parsed."""
    metas = BeautifulSoup(page, "html.parser").find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
    assert len(metas) == 1
    return parse(metas[0]["content"])


def test_a_page_with_two_inline_scripts_gets_exactly_their_hashes() -> None:
    found = directives(harden(PAGE, SITE))
    assert found["script-src"] == ["'self'", sha256(FIRST), sha256(SECOND)]
    assert sha256(JSON_LD) not in found["script-src"]
    assert "'unsafe-inline'" not in found["script-src"]


def test_a_hash_is_of_the_exact_text_so_one_changed_space_changes_it() -> None:
    assert source_hash(FIRST) == sha256(FIRST)
    changed = directives(harden(PAGE.replace(FIRST, FIRST + " "), SITE))["script-src"]
    assert sha256(FIRST) not in changed and sha256(FIRST + " ") in changed


def test_data_blocks_get_no_hash_and_javascript_types_do() -> None:
    page = (
        "<html><head><script type=\"application/ld+json\">{}</script><script type=text/template>t</script>"
        "<script type=\" Text/JavaScript \">a()</script><script type=module>b()</script>"
        "<script src=x.js>ignored()</script></head><body></body></html>"
    )
    assert directives(harden(page))["script-src"] == ["'self'", sha256("a()"), sha256("b()")]


def test_the_policy_comes_right_after_meta_charset_before_every_script() -> None:
    out = harden(PAGE, SITE)
    head = out.index("<head>")
    meta = out.index('<meta http-equiv="Content-Security-Policy"')
    assert out.index('<meta charset="utf-8">') < meta < out.index("<title>") < out.index("<script")
    assert out[head:meta].count("<") == 2  # <head> and <meta charset>
    assert "\n    <meta http-equiv=" in out  # on its own line, lined up with the charset


def test_the_policy_is_strict_and_without_what_a_meta_policy_ignores() -> None:
    found = parse(policy([sha256("x")]))
    assert found["default-src"] == ["'self'"]
    assert found["script-src"] == ["'self'", sha256("x")]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"] and found["form-action"] == ["'self'"]
    assert found["img-src"] == ["'self'", "data:"]
    assert found["style-src"] == ["'self'"]
    assert found["worker-src"] == ["'self'"]
    assert "frame-ancestors" not in found and "report-uri" not in found and "sandbox" not in found


def test_style_attributes_are_allowed_by_hash_only_where_a_page_has_them() -> None:
    plain = directives(harden(PAGE, SITE))
    assert plain["style-src"] == ["'self'"]
    table = PAGE.replace("<p>", '<table><tr><td style="text-align: right;">1</td><td style="text-align: right;">2</td></tr></table><p>')
    styled = directives(harden(table, SITE))
    assert styled["style-src"] == ["'self'", "'unsafe-hashes'", sha256("text-align: right;")]
    inline = directives(harden(PAGE.replace("<title>", "<style>p { color: red }</style><title>"), SITE))
    assert inline["style-src"] == ["'self'", sha256("p { color: red }")]


def test_the_preview_lets_its_live_reload_script_run() -> None:
    found = directives(harden(PAGE, SITE, live_reload=True))
    assert found["script-src"] == ["'self'", "'unsafe-inline'"]


def test_a_policy_already_there_is_replaced_so_hardening_twice_changes_nothing() -> None:
    once = harden(PAGE, SITE)
    assert harden(once, SITE) == once
    stale = PAGE.replace("<title>", "<meta http-equiv=content-security-policy content=\"script-src *\"><title>")
    assert harden(stale, SITE) == once


def test_outbound_links_get_noopener_noreferrer_merged_with_their_rel() -> None:
    body = (
        '<a href="https://example.org/a" rel="noopener" target="_blank">a</a>'
        '<a href="http://example.org/b">b</a>'
        '<a href="https://github.com/x/edit/main/y.yaml" title="Edit this page" rel="edit">c</a>'
        "<a href='//example.net/d' rel='NoReferrer'>d</a>"
        '<a href=HTTPS://Example.org/e>e</a>'
    )
    out = harden(PAGE.replace("<p>", "<p>" + body), SITE)
    assert '<a href="https://example.org/a" rel="noopener noreferrer" target="_blank">a</a>' in out
    assert '<a href="http://example.org/b" rel="noopener noreferrer">b</a>' in out
    assert 'title="Edit this page" rel="edit noopener noreferrer">c</a>' in out
    assert "<a href='//example.net/d' rel=\"NoReferrer noopener\">d</a>" in out
    assert '<a href=HTTPS://Example.org/e rel="noopener noreferrer">e</a>' in out


def test_relative_and_same_site_links_are_untouched() -> None:
    links = (
        '<a href="../timeline/">t</a><a href="#x">x</a><a href="mailto:a@example.org">m</a>'
        '<a href="https://leaders-archive.github.io/conversations/claims/">c</a>'
        '<a href="https://LEADERS-ARCHIVE.github.io/conversations/">h</a><a>no href</a>'
    )
    out = harden(PAGE.replace("<p>", "<p>" + links), SITE)
    assert "<p>" + links in out
    assert "noopener" not in out


def test_markup_inside_comments_scripts_titles_and_attribute_values_is_not_a_link() -> None:
    tricky = (
        '<!-- <a href="https://example.org/">c</a> -->'
        '<textarea><a href="https://example.org/">t</a></textarea>'
        '<img alt=\'<a href="https://example.org/">\' src="x.png">'
    )
    out = harden(PAGE.replace("<p>", tricky + "<p>"), SITE)
    assert "noopener" not in out
    script = "var s = '<a href=\"https://example.org/\">' + '</scrip' + 't>';"
    out = harden(PAGE.replace(SECOND, script), SITE)
    assert "noopener" not in out
    assert sha256(script) in directives(out)["script-src"]


def test_a_script_the_browser_would_end_elsewhere_is_refused() -> None:
    with pytest.raises(ValueError, match="<!--"):
        harden(PAGE.replace(SECOND, "<!--<script>x</script>-->"), SITE)


def test_a_page_without_head_is_refused() -> None:
    with pytest.raises(ValueError, match="no <head>"):
        harden("<p>no head</p>")


@pytest.mark.parametrize(
    "hostile",
    [
        "<a " + "x" * 400_000,
        "<" * 400_000,
        "<a href=\"" + "'" * 400_000,
        "<a " + 'b="" ' * 100_000 + ">",
        "<a " + "/ " * 200_000,
        "<!--" + "-" * 400_000,
        "<a href=https://example.org/" + "=" * 400_000 + ">",
        "<script>" + "<!--" * 100_000,
        "<p " + "a= " * 130_000 + ">",
        "<meta http-equiv=content-security-policy>" * 50_000,
        "<a href=https://example.org/>x</a>" * 50_000,
    ],
    ids=[
        "unclosed-tag", "lt", "unclosed-quote", "many-attributes", "slashes", "open-comment", "equals",
        "script-comments", "empty-values", "many-policies", "many-links",
    ],
)
def test_large_hostile_pages_are_hardened_or_refused(hostile: str) -> None:
    """Large hostile pages end in one policy or a refusal, never a crash. (How long they take is measured by
    `make bench`'s pathological inputs, which run the whole build; tests assert no timings.)"""
    page = "<html><head><meta charset=utf-8></head><body>" + hostile
    try:
        hardened = harden(page, SITE)
    except ValueError:
        return
    assert hardened.lower().count('http-equiv="content-security-policy"') >= 1


# Pieces a page is assembled from at random below: every kind of token the tokenizer tells apart,
# the characters that end or open them, and the cases where a tag only looks like another.
_PIECES = [
    "text", " ", "\n", "<", ">", '"', "'", "=", "/", "\\", ":", "&", "&#58;", "\t",
    "<p>", "</p>", "<br/>", "<b title=\"x>y\">", "<i x='<script>'>", "<u =style>", "<s\tstyle=a>",
    "<p style=color:red>", "<P STYLE='x'>", "<p data-style=x>", "<p title='style'>", "<p style>", "<ſcript>", "<u ſtyle=x>", "<ſ x='", "<\u212a y=\"",
    "<a href=../t/>", '<a href="https://example.org/">', "<a href='//e.net'>", '<A HREF="&#104;ttps://e.org">',
    "<area href=\\\\e.org>", "<a href='/\t/e.org'>", "<a rel=nofollow href=http://e.org>", "<a href=#x>", "<a>",
    "<a href=http:e.org>", "<a href='https&#58;&#47;&#47;e.org'>", "<a href=/\\e.org>",
    "<svg>", "</svg>", "<svg/>", "<svg><script>s()</script></svg>", "<math>", "</math>", "<![CDATA[", "]]>",
    "<!--", "-->", "--!>", "<!-->", "<!--->", "<!---->", "<!x>", "<?x>", "</>", "</ x>", "</p x='>'>", "</svg x='<b>'>",
    "<script>", "</script>", "<script type=module>", "<script type=text/plain>", "<script src=x.js>", "a()",
    "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>", "<xmp>", "<plaintext>",
    "<head>", "<meta charset=utf-8>", "<meta http-equiv=content-security-policy content=x>", "<td style=\"a:b\">",
]


def test_the_fast_paths_change_nothing_the_plain_tokenizer_finds(monkeypatch: pytest.MonkeyPatch, real_site: Path) -> None:
    """Passing over text and tags in one step, and not reading links that cannot name a host, give exactly
    the pages (or the refusals) that the token-by-token reading gives, on random mixes of every kind of token."""
    pick = random.Random(20261129)
    pages = ["<html><head>" + "".join(pick.choices(_PIECES, k=pick.randint(1, 40))) for _ in range(4000)]
    pages += [path.read_text(encoding="utf-8") for path in _html_files(real_site)]

    def outcome(page: str) -> str:
        try:
            return harden(page, SITE)
        except ValueError as refused:
            return f"refused: {refused}"

    fast = [outcome(page) for page in pages]
    monkeypatch.setattr(csp, "_SKIP", re.compile(""))  # step token by token
    monkeypatch.setattr(csp, "_MAYBE_ABSOLUTE", re.compile(""))  # read every link's href
    plain = [outcome(page) for page in pages]
    differing = [page for page, one, other in zip(pages, fast, plain) if one != other]
    assert not differing, differing[:3]
    assert 0 < sum(result.startswith("refused") for result in plain) < len(pages)
    assert sum("noopener" in result for result in plain) > 100


# --- the built site ---

_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


def _html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert len(files) > 30 and site / "404.html" in files
    return files


def test_every_built_page_has_one_policy_before_any_script_listing_each_inline_script(real_site: Path) -> None:
    for path in _html_files(real_site):
        text = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
        assert len(metas) == 1, path
        meta = metas[0]
        assert meta.find_parent("head") is soup.head, path
        first_script = soup.find("script")
        assert first_script is None or text.index("Content-Security-Policy") < text.index("<script"), path
        found = parse(meta["content"])
        assert "'unsafe-inline'" not in found["script-src"], path
        assert found["object-src"] == ["'none'"] and found["default-src"] == ["'self'"], path
        inline = [s for s in soup.find_all("script") if not s.has_attr("src") and s.get("type", "").strip().lower() in _EXECUTABLE]
        assert inline, path  # Material writes a few on every page
        for script in inline:
            assert sha256(script.string or "") in found["script-src"], (path, (script.string or "")[:60])
        data_blocks = [s for s in soup.find_all("script") if s.get("type") in ("application/ld+json", "application/json")]
        for block in data_blocks:
            assert sha256(block.string or "") not in found["script-src"], path
        assert len(found["script-src"]) == 1 + len({s.string for s in inline}), path
        for tag in soup.find_all(style=True):
            assert sha256(tag["style"]) in found["style-src"], path


def test_no_built_page_relies_on_inline_event_handlers_or_javascript_urls(real_site: Path) -> None:
    for path in _html_files(real_site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag.name)
            for attribute in ("href", "src", "action"):
                assert not str(tag.get(attribute, "")).strip().lower().startswith("javascript:"), path


def test_every_outbound_link_in_the_built_site_has_noopener_noreferrer(real_site: Path) -> None:
    outbound = 0
    for path in _html_files(real_site):
        for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            href = link["href"]
            rel = link.get("rel") or []
            if href.startswith(("http://", "https://")) and not href.startswith(SITE):
                outbound += 1
                assert {"noopener", "noreferrer"} <= set(rel), (path, href)
            elif not href.startswith(("http://", "https://", "//")):
                assert "noreferrer" not in rel, (path, href)
    assert outbound > 20
