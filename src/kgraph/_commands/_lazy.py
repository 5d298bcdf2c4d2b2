"""Entry points the commands call, importing the library only when a command runs: the
store backends pull in rdflib and pyoxigraph, which ``kgraph --help`` does not need."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["open_store"]


def open_store(url: str, *, read_only: bool = False) -> Store:
    """:func:`kgraph.store.open_store`, imported on first use."""
    from ..store import open_store as _open

    return _open(url, read_only=read_only)
