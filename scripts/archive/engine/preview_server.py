"""The preview server answers only its own site: requests naming another host are refused (a page elsewhere
could otherwise reach the preview by pointing a name of its own at 127.0.0.1), and a path the server cannot
read as a file name gets a plain 400 instead of a traceback in the log."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any

App = Callable[[dict, Callable[..., Any]], Iterable[bytes]]
_WILDCARDS = {"", "0.0.0.0", "::"}


def _split_host(header: str) -> tuple[str, int | None] | None:
    """A Host header as (name, port), or None if it is not one."""
    name, port = header, None
    if header.startswith("["):
        name, _, rest = header[1:].partition("]")
        if rest and not rest.startswith(":"):
            return None
        port_text = rest[1:]
    else:
        name, _, port_text = header.rpartition(":") if ":" in header else (header, "", "")
    if port_text:
        if not (port_text.isascii() and port_text.isdigit()):
            return None
        port = int(port_text)
    return name.lower().rstrip("."), port


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def allowed_host(header: str, host: str, port: int) -> bool:
    """Whether a request's Host header names the served address: its port, and as name an IP address (which
    no other site can point at this machine), ``localhost``, the name it serves on, or, when it listens on
    every address, this machine's own name."""
    parts = _split_host(header)
    if parts is None:
        return False
    name, asked = parts
    if (asked if asked is not None else 80) != port:
        return False
    names = {"localhost", host.lower().strip("[]")}
    if host in _WILDCARDS:
        names.add(socket.gethostname().lower())
    return _is_ip(name) or name in names


def guard(app: App, host: str, port: int) -> App:
    """``app`` answering only requests for ``host:port`` whose path is a plain file name."""

    def guarded(environ: dict, start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not allowed_host(environ.get("HTTP_HOST", ""), host, port):
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [f"This preview answers only at http://{host}:{port}/ (or another address of this machine).\n".encode()]
        path = environ.get("PATH_INFO", "")
        if any(ord(c) < 32 or ord(c) == 127 for c in path):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"The path holds a control character.\n"]
        return app(environ, start_response)

    return guarded
