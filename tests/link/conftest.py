"""Fixtures for the link tests: the founding release's entities in an Oxigraph store, a
real `oxigraph serve` loaded with a Wikidata-shaped fixture, and a local fault server."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kgraph.link import WikidataClient
from kgraph.store import OxigraphStore

DATA = Path(__file__).parent / "data"


@pytest.fixture
def founding_store() -> Iterator[OxigraphStore]:
    """An in-memory store holding the founding release's entities (hand-made TriG)."""
    store = OxigraphStore(None)
    store.ox_store.load(path=str(DATA / "founding.trig"), format=ox.RdfFormat.TRIG)
    yield store
    store.close()


@pytest.fixture
def wikidata(oxigraph_server: Any) -> Any:
    """`oxigraph serve` on 127.0.0.1 loaded with the Wikidata-shaped fixture."""
    req = urllib.request.Request(
        f"{oxigraph_server.store_url}?default", data=(DATA / "wikidata.ttl").read_bytes(),
        headers={"Content-Type": "text/turtle"}, method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status in (200, 201, 204)
    return oxigraph_server


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retry knobs small enough for tests (the class attributes are the knobs)."""
    monkeypatch.setattr(WikidataClient, "backoff_base", 0.01)
    monkeypatch.setattr(WikidataClient, "backoff_max", 0.05)
    monkeypatch.setattr(WikidataClient, "max_retries", 3)
    monkeypatch.setattr(WikidataClient, "timeout", 0.5)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float


@dataclass
class FaultServer:
    """A local HTTP server answering from a script of faults, then proxying to ``upstream``
    (a real SPARQL endpoint) once the script is used up. Records every request."""

    url: str
    script: list[tuple[str, Any]] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    upstream: str | None = None
    reject_if: bytes | None = None  # answer 400 to every request whose body holds this


def _handler(server: FaultServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def _reply(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            server.seen.append(Seen("POST", self.path, dict(self.headers), body, time.monotonic()))
            if server.reject_if is not None and server.reject_if in body:
                self._reply(400, b"Bad Request: query refused", "text/plain")
                return
            step = server.script.pop(0) if server.script else ("proxy", None)
            kind, arg = step
            if kind == "429":
                self._reply(429, b"Too Many Requests", "text/plain", {"Retry-After": str(arg)})
            elif kind == "status":
                self._reply(int(arg), b"server error", "text/plain")
            elif kind == "slow":
                time.sleep(float(arg))
                self._reply(200, b'{"head":{"vars":[]},"results":{"bindings":[]}}', "application/sparql-results+json")
            elif kind == "html":
                self._reply(200, b"<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>",
                            "text/html; charset=utf-8")
            elif kind == "truncated":
                self._reply(200, b'{"head":{"vars":["item"]},"results":{"bindings":[{"item":{"type":"u',
                            "application/sparql-results+json")
            elif kind == "short":  # declares more bytes than it sends, then hangs up
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", "5000")
                self.end_headers()
                self.wfile.write(b'{"head":{"vars":["item"]},"results":{"bind')
                self.close_connection = True
            elif kind == "json":
                self._reply(200, json.dumps(arg).encode(), "application/sparql-results+json")
            else:
                assert server.upstream, "no upstream to proxy to"
                req = urllib.request.Request(server.upstream, data=body, method="POST", headers={
                    "Content-Type": self.headers.get("Content-Type", ""),
                    "Accept": self.headers.get("Accept", "")})
                with urllib.request.urlopen(req, timeout=10) as resp:
                    self._reply(resp.status, resp.read(), resp.headers.get("Content-Type", ""))

    return Handler


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (timeout) breaks the pipe: expected here


@pytest.fixture
def fault_server() -> Iterator[Callable[..., FaultServer]]:
    """Factory: ``fault_server(script, upstream=None)`` starts a fault server on 127.0.0.1."""
    started: list[_QuietServer] = []

    def start(script: list[tuple[str, Any]] | None = None, upstream: str | None = None) -> FaultServer:
        state = FaultServer("", list(script or []), [], upstream)
        httpd = _QuietServer(("127.0.0.1", 0), _handler(state))
        state.url = f"http://127.0.0.1:{httpd.server_address[1]}/sparql"
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append(httpd)
        return state

    yield start
    for httpd in started:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def closed_url() -> str:
    """A loopback URL nobody listens on."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/sparql"
