"""RDF files and update texts, read and written with pyoxigraph's parsers and serialisers.

Private to the backends: files are parsed (all of a file before anything is written),
graphs are written into ``INSERT DATA`` texts by the N-Triples serialiser (so any literal
is escaped), and exports are serialised. Terms reach the :class:`~kgraph.store.Store`
interface as rdflib terms only; the conversion lives in :mod:`kgraph.store._terms`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import PREFIXES
from ._results import syntax_error
from ._terms import to_ox

__all__ = ["RDF_FORMATS", "EXPORT_FORMATS", "rdf_format", "parse_file", "insert_data_text",
           "rdflib_to_ox", "to_ox_quad", "serialize"]

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "ntriples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS, "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML, "xml": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}
"""Format names (and file extensions) kgraph reads, mapped to pyoxigraph formats."""

EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")


def rdf_format(name: str | None, path: str | Path | None = None) -> ox.RdfFormat:
    """The pyoxigraph format for a format name, or guessed from a file extension.

    Raises:
        InputError: unknown format.
    """
    key = (name or (Path(path).suffix.lstrip(".") if path else "")).lower()
    if key not in RDF_FORMATS:
        raise InputError(
            f"unknown RDF format {key!r} (use one of {', '.join(sorted(RDF_FORMATS))})",
            source=path,
        )
    return RDF_FORMATS[key]


def parse_file(path: str | Path, *, format: str | None = None,
               graph: URIRef | None = None) -> list[ox.Quad]:
    """Every quad of an RDF file, parsed by pyoxigraph (never rdflib) into memory.

    Triples formats go to ``graph``; quads formats keep their graphs.

    Raises:
        RDFSyntaxError: the file does not parse (message with line and column).
        InputError: unreadable file, unknown format, triples without a target graph.
    """
    fmt = rdf_format(format, path)
    if not fmt.supports_datasets and graph is None:
        raise InputError("a triples format needs a target graph (--graph)", source=path)
    target: ox.NamedNode | ox.DefaultGraph = (
        ox.NamedNode(str(graph)) if graph is not None else ox.DefaultGraph())
    try:
        quads = [
            item if isinstance(item, ox.Quad)
            else ox.Quad(item.subject, item.predicate, item.object, target)
            # fresh blank node ids: two files' _:b0 stay two nodes
            for item in ox.parse(path=str(path), format=fmt, rename_blank_nodes=True)
        ]
    except SyntaxError as exc:
        raise syntax_error(exc, path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=path) from None
    return quads


def insert_data_text(graphs: Mapping[URIRef, Iterable[ox.Quad | ox.Triple]], *, drop: bool) -> str:
    """One SPARQL update (one transaction) that optionally drops then fills named graphs.

    Terms are written by pyoxigraph's N-Triples serialiser, so any literal is escaped.
    """
    parts = [f"DROP SILENT GRAPH {ox.NamedNode(str(name))}" for name in graphs] if drop else []
    body = io.StringIO()
    for name, triples in graphs.items():
        body.write(f"GRAPH {ox.NamedNode(str(name))} {{\n")
        for t in triples:
            body.write(f"{t.subject} {t.predicate} {t.object} .\n")
        body.write("}\n")
    parts.append("INSERT DATA {\n" + body.getvalue() + "}")
    return " ;\n".join(parts)


def rdflib_to_ox(data: Graph) -> Iterator[ox.Triple]:
    """pyoxigraph triples of an rdflib graph.

    Raises:
        InputError: a term is not valid RDF (an IRI with spaces, a bad language tag).
    """
    for s, p, o in data:
        try:
            yield ox.Triple(to_ox(s), to_ox(p), to_ox(o))
        except ValueError as exc:
            raise InputError(f"invalid RDF term in the triple ({s} {p} {o}): {exc}") from None


def to_ox_quad(quad: tuple[Node, Node, Node, URIRef]) -> ox.Quad:
    s, p, o, g = quad
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))


def serialize(quads: Iterable[ox.Quad], output: str | Path | IO[bytes] | None, *,
              format: str) -> bytes | None:
    """Quads in one of :data:`EXPORT_FORMATS` but JSON-LD; triples formats (ttl, nt) merge
    the graphs. Returns the bytes when ``output`` is None."""
    fmt = RDF_FORMATS[format]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if isinstance(output, Path):
        output = str(output)
    if fmt.supports_datasets:
        return ox.serialize(quads, output, format=fmt, prefixes=prefixes)
    # dict keeps first-seen order and drops a triple repeated in several graphs
    triples = list(dict.fromkeys(q.triple for q in quads))
    return ox.serialize(triples, output, format=fmt, prefixes=prefixes)
