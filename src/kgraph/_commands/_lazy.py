"""Entry points the commands call, importing the library only when a command runs: the
store backends pull in rdflib and pyoxigraph, which ``kgraph --help`` does not need."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["open_store", "open_for_reading"]


def open_store(url: str, *, read_only: bool = False) -> Store:
    """:func:`kgraph.store.open_store`, imported on first use."""
    from ..store import open_store as _open

    return _open(url, read_only=read_only)


def open_for_reading(url: str) -> Store:
    """A store a command only reads: an existing on-disk store is opened read-only, so the
    command works beside a server or a build holding it and never rewrites (compacts) it."""
    from pathlib import Path

    local = not url.startswith(("http://", "https://", "sparql+http")) and url not in (
        "memory:", "memory", ":memory:")
    if local:
        path = Path(url[len("oxigraph:"):] if url.startswith("oxigraph:") else url)
        if path.is_dir():
            return open_store(url, read_only=True)
    return open_store(url)
