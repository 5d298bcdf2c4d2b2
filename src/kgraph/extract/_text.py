"""Compatibility: the rules extractor moved to the package :mod:`kgraph.extract.rules`."""

from __future__ import annotations

from .rules.assemble import extract
from .rules.lexicon import _lex_trigger, _lexicon
from .rules.names import _gazetteer_spans
from .rules.segment import detect_language

__all__ = ["extract", "detect_language", "_gazetteer_spans", "_lex_trigger", "_lexicon"]
