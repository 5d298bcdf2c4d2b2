"""Store backends, opened by URL.

* ``oxigraph:PATH`` (or a bare path): embedded Oxigraph on disk (the default, ``.kgraph/store``);
* ``memory:``: embedded Oxigraph in memory;
* ``http(s)://...`` or ``sparql+http(s)://...``: a remote SPARQL 1.1 endpoint (Query,
  Update, Graph Store Protocol); see :mod:`kgraph.store.remote` for the URL conventions.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import (
    EXPORT_FORMATS,
    Capabilities,
    QueryDataset,
    QueryResult,
    SelectResult,
    Store,
    StoreStats,
)
from .oxigraph import OxigraphStore
from .remote import RemoteStore

__all__ = ["Store", "SelectResult", "QueryResult", "StoreStats", "Capabilities", "QueryDataset",
           "OxigraphStore", "RemoteStore", "open_store", "EXPORT_FORMATS"]


def open_store(url: str, *, read_only: bool = False) -> Store:
    """Open the store named by ``url``.

    Raises:
        StoreError: the URL names no known backend.
        StoreLocked: the embedded store is held by another process.
    """
    if url in ("memory:", "memory", ":memory:"):
        return OxigraphStore(None)
    if url.startswith("oxigraph:"):
        return OxigraphStore(Path(url[len("oxigraph:"):]), read_only=read_only)
    if url.startswith(("http://", "https://", "sparql+http://", "sparql+https://")):
        return RemoteStore(url)
    if "://" in url or url.endswith(":"):
        raise StoreError(
            "unknown store URL (use oxigraph:PATH, memory: or an http(s) SPARQL endpoint)", source=url
        )
    return OxigraphStore(Path(url), read_only=read_only)
