"""kgraph: press releases of an industrial supply chain as an RDF knowledge graph.

``kg = kgraph.open("memory:")`` opens a knowledge graph (see :mod:`kgraph.api`).
"""

from __future__ import annotations

from .api import KG, open
from .config import __version__
from .errors import KGraphError

__all__ = ["KGraphError", "KG", "open", "__version__"]
