"""Fixtures for the server tests (helpers in :mod:`support`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.server import ServeOptions
from kgraph.store import OxigraphStore

from .support import SAMPLE_OVERRIDE, TOKEN, XSS, LiveServer, load_store


@pytest.fixture(scope="session")
def serve_data(founding_linked_trig: Path) -> Path:
    """The data served: the real build of the founding release with its curated links."""
    return Path(SAMPLE_OVERRIDE) if SAMPLE_OVERRIDE else founding_linked_trig


@pytest.fixture(scope="session")
def sample_store(serve_data: Path) -> Iterator[OxigraphStore]:
    store = load_store(serve_data, XSS)
    yield store
    store.close()


@pytest.fixture(scope="session")
def live(sample_store: OxigraphStore) -> Iterator[LiveServer]:
    """A read-only server on the sample, with CORS for one origin and a small row limit."""
    server = LiveServer(sample_store, ServeOptions(timeout=10.0, row_limit=100,
                                                   cors_origins=("http://allowed.example",)))
    yield server
    server.stop()


@pytest.fixture
def rw_server(serve_data: Path) -> Iterator[LiveServer]:
    """A server accepting updates with :data:`TOKEN`, on its own fresh copy of the sample."""
    store = load_store(serve_data)
    server = LiveServer(store, ServeOptions(timeout=10.0, allow_update=True, token=TOKEN))
    yield server
    server.stop()
    store.close()
