"""Links go where they appear to go: checked hosts, and internationalised hosts shown in both forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.hosts import check_host, shown_host
from archive.render.text import shown_url
from archive.text_rules import check_url
from conftest import build, edit, page


@pytest.mark.parametrize(
    "url",
    ["https://nsarchive.gwu.edu/media/33711/ocr", "https://пример.рф/страница", "https://xn--e1afmkfd.xn--p1ai/", "http://例え.テスト/", "https://a-b.example:8443/x?y=1#z"],
)
def test_plain_and_internationalised_links_are_accepted(url: str) -> None:
    assert check_url(url) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://nsarchive.gwu.edu@evil.example/", "a link cannot hold a user name or password before '@'"),
        ("https://user:pass@archive.example/", "a link cannot hold a user name or password before '@'"),
        ("https:///path", "a link needs a host name"),
        ("https://:443/", "a link needs a host name"),
        ("https://archive.example:99999/", "a link needs a host name (and a port, if any, of digits 0-9 only)"),
        ("https://аrchive.example/", "the host label 'аrchive' mixes alphabets (cyrillic, latin)"),
        ("https://xn--rchive-2nf.example/", "mixes alphabets"),
        ("https://archive.example∕evil.example/", "which is not a letter, digit or hyphen"),
        ("javascript:alert(1)", "expected a link starting with https:// or http://"),
    ],
)
def test_misleading_links_are_refused(url: str, why: str) -> None:
    problem = check_url(url)
    assert problem is not None and why in problem


def test_a_host_label_that_is_not_valid_punycode_is_refused() -> None:
    assert check_host("xn--zz.example") == "the host label 'xn--zz' is not a valid internationalised name"


def test_internationalised_hosts_are_shown_in_both_forms() -> None:
    assert shown_host("xn--e1afmkfd.xn--p1ai") == "пример.рф (xn--e1afmkfd.xn--p1ai)"
    assert shown_host("пример.рф") == "пример.рф (xn--e1afmkfd.xn--p1ai)"
    assert shown_host("archive.example") == "archive.example"
    assert shown_url("https://xn--e1afmkfd.xn--p1ai/a?b=<") == "https://пример.рф (xn--e1afmkfd.xn--p1ai)/a?b=&lt;"


def test_a_source_page_shows_an_internationalised_address_in_both_forms(project: Path) -> None:
    edit(project, "data/sources.yaml", "url: https://archive.example/memo-1", "url: https://xn--e1afmkfd.xn--p1ai/memo-1")
    assert build(project).returncode == 0
    soup = page(project / "site", "transcripts/2001-06-16-lakeside")
    link = soup.select_one('ol.bibliography a[href="https://xn--e1afmkfd.xn--p1ai/memo-1"]')
    assert link.get_text() == "https://пример.рф (xn--e1afmkfd.xn--p1ai)/memo-1"
