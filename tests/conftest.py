"""Shared fixtures: paths to the material, a real `oxigraph serve`, headless Chromium."""

from __future__ import annotations

import os
import shutil
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


from kgraph_testing import (  # noqa: E402,F401  (re-exported)
    OxigraphServer,
    VirtuosoServer,
    free_port,
    virtuoso_binary,
    wait_http,
)


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty `oxigraph serve` for one test."""
    server = OxigraphServer(tmp_path / "oxigraph-server")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    """One private Virtuoso for the session (it takes seconds to create its database);
    skipped without `virtuoso-t` unless CI=true (or KGRAPH_REQUIRE_VIRTUOSO=1), where its
    absence fails."""
    if virtuoso_binary() is None:
        if os.environ.get("CI") == "true" or os.environ.get("KGRAPH_REQUIRE_VIRTUOSO") == "1":
            pytest.fail("CI=true but Virtuoso is not installed (apt-get install virtuoso-opensource)")
        pytest.skip("no Virtuoso on this machine (apt-get install virtuoso-opensource); "
                    "Virtuoso tests skipped")
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def virtuoso_url(virtuoso_server: VirtuosoServer) -> str:
    """The session's Virtuoso emptied of every graph kgraph sees: a fresh store per test."""
    return virtuoso_server.emptied()


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


def _export_build(path: Path, *, link: bool, cache_dir: Path) -> Path:
    """Build the founding release with the real pipeline into a memory store (optionally
    with the offline link stage: curated links and code lists) and export it as TriG."""
    from kgraph.config import Settings
    from kgraph.pipeline import build, link_offline
    from kgraph.store import open_store

    with open_store("memory:") as store:
        report = build(store, [FOUNDING])
        assert report.exit_code == 0 and not report.failures, report.lines()
        if link:
            # an empty cache: only the curated links apply, never the network
            link_offline(store, Settings(cache_dir=cache_dir))
        store.export(path, format="trig")
    return path


@pytest.fixture(scope="session")
def founding_trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """TriG export of the graph `kgraph.pipeline.build` makes from the founding release
    (one named graph per release plus kgg:runs and kgg:derived; IRIs are deterministic)."""
    tmp = tmp_path_factory.mktemp("founding-build")
    return _export_build(tmp / "founding.trig", link=False, cache_dir=tmp / "cache")


@pytest.fixture(scope="session")
def founding_linked_trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """As `founding_trig`, after the offline link stage (data/links/curated.csv gives
    owl:sameAs for the places; the ISO code lists are loaded)."""
    tmp = tmp_path_factory.mktemp("founding-linked-build")
    return _export_build(tmp / "founding-linked.trig", link=True, cache_dir=tmp / "cache")
