"""kgraph: press releases of an industrial supply chain as an RDF knowledge graph.

``kg = kgraph.open("memory:")`` opens a knowledge graph (see :mod:`kgraph.api`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import __version__
from .errors import KGraphError

if TYPE_CHECKING:
    from .api import KG, open

__all__ = ["KGraphError", "KG", "open", "__version__"]


def __getattr__(name: str) -> Any:
    # The API (rdflib, pyoxigraph, the query library) loads on first use, so that the
    # command line starts without it (`kgraph --help`).
    if name in ("KG", "open"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
