"""Federated queries: ``SERVICE <https://query.wikidata.org/sparql>`` redirected to the
configured endpoint (``KGRAPH_WIKIDATA_ENDPOINT``), so tests and mirrors work offline."""

from __future__ import annotations

import re

from ..errors import ConfigError
from ._wikidata import WIKIDATA_ENDPOINT

__all__ = ["uses_service", "redirect_service"]

_SERVICE = re.compile(r"(\bSERVICE\s+(?:SILENT\s+)?)<([^<>\s]*)>", re.IGNORECASE)


def uses_service(sparql: str) -> bool:
    """Whether the query text has a ``SERVICE <...>`` clause (a federated query)."""
    return _SERVICE.search(sparql) is not None


def redirect_service(sparql: str, endpoint: str, *, default: str = WIKIDATA_ENDPOINT) -> str:
    """``sparql`` with every ``SERVICE <default>`` pointing at ``endpoint`` instead.

    Raises:
        ConfigError: ``endpoint`` is not an http(s) IRI (or holds characters an IRI cannot).
    """
    if not re.fullmatch(r"https?://[^<>\"{}|^`\\\s]+", endpoint):
        raise ConfigError(f"KGRAPH_WIKIDATA_ENDPOINT={endpoint!r} is not an http(s) URL")
    if endpoint == default:
        return sparql
    return _SERVICE.sub(lambda m: m.group(1) + (f"<{endpoint}>" if m.group(2) == default else m.group(0)[len(m.group(1)):]), sparql)
