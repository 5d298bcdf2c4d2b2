"""Small helpers shared by the link modules."""

from __future__ import annotations

import unicodedata

from rdflib.term import Node

from ..store import SelectResult, Store

__all__ = ["select", "norm"]


def select(store: Store, sparql: str, **bindings: Node) -> SelectResult:
    """Run a SELECT on the store (``bindings`` pre-bind variables)."""
    res = store.query(sparql, bindings=bindings or None)
    if not isinstance(res, SelectResult):  # pragma: no cover - our queries are SELECTs
        raise TypeError("expected a SELECT result")
    return res


def norm(text: str) -> str:
    """Lower case, accents stripped, runs of non-alphanumerics as one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())
