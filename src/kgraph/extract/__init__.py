"""Extraction: the text side (release text -> :class:`~kgraph.model.Extraction`).

``extract(document)`` reads one release with the built-in rules; :mod:`kgraph.extract.gazetteer`
holds the canonical names, aliases and types it resolves names with (and ``canonical_key``
for IRIs). :class:`Extractor` is the protocol every extractor follows and
:func:`get_extractor` finds one by name (built-ins, ``register_extractor``, and the
``kgraph.extractors`` entry points): see :mod:`kgraph.extract.base`.
"""

from __future__ import annotations

from . import gazetteer
from ._read import read_release
from .base import (
    EXTRACTOR_GROUP,
    Extractor,
    RulesExtractor,
    config_hash,
    extractor_names,
    file_name_date,
    get_extractor,
    register_extractor,
    unregister_extractor,
)
from .gazetteer import canonical_key, resolve
from .rdf import run_graph, to_graph
from .rules import detect_language, extract

__all__ = ["extract", "detect_language", "gazetteer", "canonical_key", "resolve",
           "read_release", "to_graph", "run_graph", "Extractor", "RulesExtractor",
           "get_extractor", "register_extractor", "unregister_extractor", "extractor_names",
           "config_hash", "file_name_date", "EXTRACTOR_GROUP"]
