"""``kgraph serve`` as a real process on 127.0.0.1, on an on-disk Oxigraph store."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kgraph.store import OxigraphStore

from .support import free_port, load_store


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory, serve_data: Path) -> Path:
    path = tmp_path_factory.mktemp("serve-cli") / "store"
    memory = load_store(serve_data)
    disk = OxigraphStore(path)
    disk.ox_store.extend(memory.ox_store)
    disk.close()
    return path


class Proc:
    def __init__(self, store: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.stderr = ""
        exe = str(Path(sys.executable).with_name("kgraph"))
        self.proc = subprocess.Popen(
            [exe, "--store", f"oxigraph:{store}", "serve", "--port", str(self.port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, **(env or {})},
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{self.base}/sparql", params={"query": "ASK {}"}, timeout=1)
                return
            except httpx.TransportError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    out, err = self.proc.communicate(timeout=5)
                    raise RuntimeError(f"kgraph serve did not start: {out} {err}") from None
                time.sleep(0.1)

    def stop(self) -> str:
        """Stop the server (SIGTERM, by PID) and return its stdout; its stderr is kept."""
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
        try:
            out, self.stderr = self.proc.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(self.proc.pid, signal.SIGKILL)
            out, self.stderr = self.proc.communicate()
        return out


@pytest.fixture
def serve_proc(disk_store: Path) -> Iterator[Proc]:
    p = Proc(disk_store, "--timeout", "5", "--row-limit", "3", "--cors", "http://ui.example")
    yield p
    p.stop()


def test_serve_read_only_process(serve_proc: Proc) -> None:
    base = serve_proc.base
    r = httpx.get(f"{base}/sparql", params={"query": "SELECT ?s WHERE { ?s a <http://xmlns.com/foaf/0.1/Person> }"},
                  headers={"Origin": "http://ui.example"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 3 and r.headers["x-kgraph-truncated"] == "true"
    assert r.headers["access-control-allow-origin"] == "http://ui.example"
    refused = httpx.post(f"{base}/sparql", data={"update": "DROP ALL"})
    assert refused.status_code == 403
    page = httpx.get(f"{base}/id/person/mauro-bergozza", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Mauro Bergozza" in page.text
    out = serve_proc.stop()
    assert f"http://127.0.0.1:{serve_proc.port}/" in out and "read-only" in out
    assert "Traceback" not in serve_proc.stderr


def test_serve_allow_update_prints_a_token(disk_store: Path, tmp_path: Path, serve_data: Path) -> None:
    copy = tmp_path / "store"
    dst = OxigraphStore(copy)
    dst.ox_store.extend(load_store(serve_data).ox_store)
    dst.close()
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_SERVE_TOKEN"}
    os.environ.pop("KGRAPH_SERVE_TOKEN", None)
    p = Proc(copy, "--allow-update", env=env)
    try:
        upd = {"update": "INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 'o' } }"}
        assert httpx.post(f"{p.base}/sparql", data=upd).status_code == 401
    finally:
        out = p.stop()
    token = next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("update token"))
    assert len(token) >= 32
    p = Proc(copy, "--allow-update", env={"KGRAPH_SERVE_TOKEN": "fixed-token-for-test"})
    try:
        assert httpx.post(f"{p.base}/sparql", data=upd, headers={"Authorization": f"Bearer {token}"}).status_code == 401
        ok = httpx.post(f"{p.base}/sparql", data=upd, headers={"Authorization": "Bearer fixed-token-for-test"})
        assert ok.status_code == 204
        ask = httpx.get(f"{p.base}/sparql", params={"query": "ASK { <urn:s> <urn:p> 'o' }"})
        assert ask.json()["boolean"] is True
    finally:
        out = p.stop()
    assert "fixed-token-for-test" not in out  # a token from the environment is never printed


def test_serve_bad_option_is_a_usage_error(disk_store: Path) -> None:
    exe = str(Path(sys.executable).with_name("kgraph"))
    r = subprocess.run([exe, "--store", f"oxigraph:{disk_store}", "serve", "--row-limit", "0"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "row limit" in r.stderr


def test_serve_port_in_use_is_a_usage_error(disk_store: Path) -> None:
    exe = str(Path(sys.executable).with_name("kgraph"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = subprocess.run([exe, "--store", f"oxigraph:{disk_store}", "serve", "--port", str(port)],
                           capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in r.stderr
    assert "Traceback" not in r.stderr
