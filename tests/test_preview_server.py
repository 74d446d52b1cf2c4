"""The preview server answers only its own site: another host name is refused (a page elsewhere could point a
name of its own at 127.0.0.1 and read the preview), and a path that is no file name gets a 400, not a traceback."""

from __future__ import annotations

import http.client
from pathlib import Path

import pytest

from archive.engine.preview_server import allowed_host, guard
from test_serve import start_preview, stop_preview, wait_for


@pytest.mark.parametrize(("header", "host", "port", "allowed"), [
    ("127.0.0.1:8000", "127.0.0.1", 8000, True),
    ("localhost:8000", "127.0.0.1", 8000, True),
    ("LOCALHOST:8000", "127.0.0.1", 8000, True),
    ("[::1]:8000", "127.0.0.1", 8000, True),
    ("192.168.1.20:8080", "0.0.0.0", 8080, True),
    ("preview.example:8000", "preview.example", 8000, True),
    ("evil.example:8000", "127.0.0.1", 8000, False),
    ("127.0.0.1.evil.example:8000", "127.0.0.1", 8000, False),
    ("localhost.:8000", "127.0.0.1", 8000, True),
    ("127.0.0.1:9000", "127.0.0.1", 8000, False),
    ("127.0.0.1", "127.0.0.1", 8000, False),
    ("127.0.0.1", "127.0.0.1", 80, True),
    ("", "127.0.0.1", 8000, False),
    ("127.0.0.1:80x", "127.0.0.1", 8000, False),
    ("[::1]x:8000", "127.0.0.1", 8000, False),
])
def test_only_the_served_address_is_answered(header: str, host: str, port: int, allowed: bool) -> None:
    assert allowed_host(header, host, port) is allowed


def _call(app, host: str, path: str) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    answered: list[str] = []
    body = b"".join(app({"HTTP_HOST": host, "PATH_INFO": path}, lambda status, headers: answered.append(status)))
    return answered[0], body


def test_the_guard_passes_its_own_requests_on_and_answers_the_others_itself() -> None:
    def site(environ, start_response):  # type: ignore[no-untyped-def]
        start_response("200 OK", [])
        return [b"page"]

    app = guard(site, "127.0.0.1", 8000)
    assert _call(app, "127.0.0.1:8000", "/timeline/") == ("200 OK", b"page")
    assert _call(app, "evil.example:8000", "/timeline/")[0] == "403 Forbidden"
    assert _call(app, "127.0.0.1:8000", "/\x00")[0] == "400 Bad Request"


def test_the_running_preview_refuses_another_host_and_a_null_in_the_path(tmp_path: Path) -> None:
    _, port, server = start_preview(tmp_path)
    try:
        wait_for(f"http://127.0.0.1:{port}/timeline/", "Lakeside meeting")
        answers = {}
        for host, path in (("evil.example", "/timeline/"), (f"127.0.0.1:{port}", "/%00"), (f"localhost:{port}", "/timeline/")):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path, headers={"Host": host if ":" in host else f"{host}:{port}"})
            response = connection.getresponse()
            answers[host, path] = response.status
            response.read()
            connection.close()
        assert answers == {("evil.example", "/timeline/"): 403, (f"127.0.0.1:{port}", "/%00"): 400, (f"localhost:{port}", "/timeline/"): 200}
    finally:
        stderr = stop_preview(server)
    assert "Traceback" not in stderr
