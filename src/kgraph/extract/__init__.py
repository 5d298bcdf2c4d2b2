"""Extraction: the text side (release text -> :class:`~kgraph.model.Extraction`).

``extract(document)`` reads one release; :mod:`kgraph.extract.gazetteer` holds the canonical
names, aliases and types it resolves names with (and ``canonical_key`` for IRIs).
"""

from __future__ import annotations

from . import gazetteer
from ._read import read_release
from ._text import detect_language, extract
from .gazetteer import canonical_key, resolve
from .rdf import run_graph, to_graph

__all__ = ["extract", "detect_language", "gazetteer", "canonical_key", "resolve",
           "read_release", "to_graph", "run_graph"]
