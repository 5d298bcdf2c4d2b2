"""Shared fixtures: paths to the material, a real `oxigraph serve`, headless Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FOUNDING = ROOT / "data" / "releases" / "assomac-2025-06-20-sector-2024.txt"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def founding_release() -> Path:
    return FOUNDING


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared material is not beside the project ({SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _oxigraph_binary() -> str:
    exe = Path(sys.executable).with_name("oxigraph")
    found = str(exe) if exe.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` server binary (PyPI package oxigraph) is not installed")
    return found


class OxigraphServer:
    """A real `oxigraph serve` process on 127.0.0.1, stopped by PID at teardown."""

    def __init__(self, location: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.query_url = f"{self.base}/query"
        self.update_url = f"{self.base}/update"
        self.store_url = f"{self.base}/store"
        self.proc = subprocess.Popen(
            [_oxigraph_binary(), "serve", "--location", str(location),
             "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            wait_http(f"{self.query_url}?query=ASK%7B%7D")
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty `oxigraph serve` for one test."""
    server = OxigraphServer(tmp_path / "oxigraph-server")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to headless Chromium; skip without it unless KGRAPH_REQUIRE_BROWSER=1 (CI)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("KGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail("KGRAPH_REQUIRE_BROWSER=1 but no Chromium is installed (apt-get install chromium)")
    pytest.skip("no Chromium on this machine (apt-get install chromium); browser tests skipped")


CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """A Playwright Chromium browser (Debian's chromium, never a downloaded one)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
