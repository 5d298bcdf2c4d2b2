"""Helpers for the server tests: real Oxigraph stores and a real uvicorn on 127.0.0.1.

The data is the graph the real pipeline builds from the founding release, after the offline
link stage (fixture ``serve_data``: ``founding_linked_trig`` of tests/conftest.py; set
``KGRAPH_SERVE_TEST_DATA`` to a TriG or N-Quads file to run the same tests on another
build) plus ``tests/data/serve-xss.trig``, hostile labels for the escaping tests.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import uvicorn

from kgraph.server import ServeOptions, create_app
from kgraph.store import OxigraphStore

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE_OVERRIDE = os.environ.get("KGRAPH_SERVE_TEST_DATA")
XSS = DATA / "serve-xss.trig"
TOKEN = "serve-test-token-7f3a"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_store(*paths: Path) -> OxigraphStore:
    """A real in-memory Oxigraph store holding the given TriG / N-Quads files."""
    store = OxigraphStore(None)
    for path in paths:
        fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG
        store.ox_store.load(path=str(path), format=fmt)
    return store


class LiveServer:
    """The kgraph ASGI app under a real uvicorn on 127.0.0.1, in a thread."""

    def __init__(self, store: Any, options: ServeOptions, library: Any = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.sparql = f"{self.base}/sparql"
        self.app = create_app(store, options=options, library=library)
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="off", timeout_graceful_shutdown=2)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        urllib.request.urlopen(f"{self.sparql}?query=ASK%7B%7D", timeout=5).read()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
