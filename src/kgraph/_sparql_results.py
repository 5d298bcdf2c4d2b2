"""SPARQL result and RDF serialisations the HTTP server negotiates (private to the server).

SELECT/ASK results as SPARQL 1.1 JSON, XML, CSV and TSV; graphs (CONSTRUCT/DESCRIBE) as
Turtle, N-Triples, JSON-LD and RDF/XML. Everything is written from rdflib terms, so the
output does not depend on the store backend; CSV and TSV go through pyoxigraph's writers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import PREFIXES

__all__ = [
    "Format",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "negotiate",
    "parse_accept",
    "json_term",
    "NotAcceptable",
    "serialize_select",
    "serialize_ask",
    "serialize_graph",
]


@dataclass(frozen=True)
class Format:
    """One output format: its short name, its media type and the names that select it."""

    name: str
    media_type: str
    aliases: tuple[str, ...]


RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("json", "application/json", "srj")),
    Format("xml", "application/sparql-results+xml", ("xml", "application/xml", "text/xml", "srx")),
    Format("csv", "text/csv", ("csv",)),
    Format("tsv", "text/tab-separated-values", ("tsv",)),
)
"""SELECT/ASK formats; the first is the default for ``*/*``."""

GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("turtle", "ttl", "n3", "text/n3", "application/x-turtle")),
    Format("nt", "application/n-triples", ("nt", "ntriples", "n-triples", "text/plain")),
    # SPARQLWrapper asks CONSTRUCT results with format=json / format=xml: JSON-LD / RDF/XML.
    Format("json-ld", "application/ld+json", ("json-ld", "jsonld", "json", "application/json")),
    Format("xml", "application/rdf+xml", ("rdf+xml", "rdfxml", "xml", "rdf", "application/xml", "text/xml")),
)
"""CONSTRUCT/DESCRIBE formats; the first is the default for ``*/*``."""


class NotAcceptable(Exception):
    """No format the client accepts is available (HTTP 406)."""


def parse_accept(accept: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for i, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        q = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        # Earlier entries win ties, as clients list their preference first.
        out.append((media, q - i * 1e-6))
    return out


def negotiate(formats: Sequence[Format], *, accept: str | None, format_param: str | None) -> Format:
    """Pick the output format: an explicit ``format`` parameter, else the ``Accept`` header.

    Raises:
        NotAcceptable: neither names a format in ``formats``.
    """
    if format_param:
        # SPARQLWrapper sends a name or a comma-separated list of media types.
        for piece in format_param.split(","):
            wanted = piece.split(";")[0].strip().lower()
            for f in formats:
                if wanted == f.name or wanted == f.media_type or wanted in f.aliases:
                    return f
        raise NotAcceptable(
            f"unknown format {format_param!r} (use one of: {', '.join(f.name for f in formats)})"
        )
    if not accept:
        return formats[0]
    best: tuple[float, Format] | None = None
    for media, q in parse_accept(accept):
        if q <= 0:
            continue
        match: Format | None = None
        if media in ("*/*", "application/*", "text/*"):
            match = next((f for f in formats if f.media_type.startswith(media[:-1]) or media == "*/*"), None)
        else:
            match = next((f for f in formats if media == f.media_type or media in f.aliases), None)
        if match is not None and (best is None or q > best[0]):
            best = (q, match)
    if best is None:
        raise NotAcceptable(
            f"none of the accepted types ({accept}) is available; "
            f"available: {', '.join(f.media_type for f in formats)}"
        )
    return best[1]


def json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    if isinstance(term, Literal):
        attrs = ""
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype is not None:
            attrs = f" datatype={quoteattr(str(term.datatype))}"
        # an XML parser turns a raw CR into LF: written as a character reference it stays
        return f"<literal{attrs}>{xml_escape(str(term), {chr(13): '&#13;'})}</literal>"
    raise TypeError(f"unexpected term {term!r}")


def serialize_select(fmt: Format, variables: Sequence[str], rows: Sequence[dict[str, Node | None]]) -> bytes:
    """SELECT results in ``fmt`` (a member of :data:`RESULT_FORMATS`)."""
    if fmt.name == "json":
        bindings = [{v: json_term(t) for v, t in row.items() if t is not None} for row in rows]
        doc = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt.name == "xml":
        parts = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
                 "<head>"]
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            for v in variables:
                t = row.get(v)
                if t is not None:
                    parts.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode("utf-8")
    if fmt.name in ("csv", "tsv"):
        # pyoxigraph's writers, fed the JSON form, escape what a hand-made writer misses
        # (newlines, tabs and quotes inside literals), so that parsers read the rows back
        as_json = serialize_select(RESULT_FORMATS[0], variables, rows)
        solutions = ox.parse_query_results(as_json, format=ox.QueryResultsFormat.JSON)
        assert isinstance(solutions, ox.QuerySolutions)
        out_fmt = ox.QueryResultsFormat.CSV if fmt.name == "csv" else ox.QueryResultsFormat.TSV
        return solutions.serialize(format=out_fmt) or b""
    raise ValueError(f"not a result format: {fmt.name}")


def serialize_ask(fmt: Format, value: bool) -> bytes:
    """An ASK result in ``fmt`` (CSV and TSV carry one ``_askResult`` column)."""
    if fmt.name == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt.name == "xml":
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        ).encode()
    header = "_askResult" if fmt.name == "csv" else "?_askResult"
    return f"{header}\n{'true' if value else 'false'}\n".encode()


def serialize_graph(fmt: Format, graph: Graph) -> bytes:
    """A CONSTRUCT/DESCRIBE graph in ``fmt`` (a member of :data:`GRAPH_FORMATS`)."""
    if fmt.name == "json-ld":
        used = {str(ns) for _, ns in graph.namespaces()}
        context = {p: ns for p, ns in PREFIXES.items() if ns in used}
        return graph.serialize(format="json-ld", context=context, encoding="utf-8")
    return graph.serialize(format=fmt.name, encoding="utf-8")
