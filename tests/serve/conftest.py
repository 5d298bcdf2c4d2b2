"""Fixtures for the server tests (helpers in :mod:`support`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kgraph.server import ServeOptions
from kgraph.store import OxigraphStore

from .support import SAMPLE, TOKEN, XSS, LiveServer, load_store


@pytest.fixture(scope="session")
def sample_store() -> Iterator[OxigraphStore]:
    store = load_store(SAMPLE, XSS)
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
def rw_server() -> Iterator[LiveServer]:
    """A server accepting updates with :data:`TOKEN`, on its own fresh copy of the sample."""
    store = load_store(SAMPLE)
    server = LiveServer(store, ServeOptions(timeout=10.0, allow_update=True, token=TOKEN))
    yield server
    server.stop()
    store.close()
