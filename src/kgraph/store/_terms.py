"""Conversion between pyoxigraph and rdflib terms (rdflib is the Python-facing API)."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

__all__ = ["to_rdflib", "to_rdflib_triple", "to_ox", "to_ox_graph_name"]


def to_rdflib(term: Any) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.DefaultGraph):
        return None
    raise TypeError(f"unsupported term {term!r}")


def to_ox(term: Any) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, str):
        return ox.Literal(term)
    if isinstance(term, bool):
        return ox.Literal(str(term).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if isinstance(term, float):
        return ox.Literal(repr(term), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    raise TypeError(f"cannot turn {term!r} into an RDF term")


def to_ox_graph_name(graph: Any) -> Any:
    if graph is None:
        return ox.DefaultGraph()
    return to_ox(URIRef(str(graph)) if not isinstance(graph, (URIRef, BNode)) else graph)


def to_rdflib_triple(t: Any) -> tuple[Node, Node, Node]:
    """A pyoxigraph Triple or Quad as an rdflib (s, p, o) tuple."""
    s, p, o = to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)
    assert s is not None and p is not None and o is not None
    return s, p, o
