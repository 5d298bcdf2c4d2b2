"""kgraph: press releases of an industrial supply chain as an RDF knowledge graph."""

from __future__ import annotations

from .config import __version__
from .errors import KGraphError

__all__ = ["KGraphError", "__version__"]
