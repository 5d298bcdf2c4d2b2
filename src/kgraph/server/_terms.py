"""Terms as the pages show them: labels, CURIEs, links that stay local or safe, table
cells; and the content negotiation helpers every handler shares."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .._sparql_results import Format, parse_accept
from ..errors import KGraphError
from ..namespaces import DCTERMS, FOAF, KGI, PREFIXES, RDFS, SDO, SKOS, XSD
from ..ontology import load_ontology

__all__ = ["LABEL_PREDICATES", "curie", "local_path", "is_related", "safe_href", "pick_label",
           "vocabulary_labels", "term_label", "term_link", "Link", "link_to", "term_value",
           "CELL_TYPES", "media", "prefers_html"]



LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, FOAF.name, SDO.name, DCTERMS.title)
_NS_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def curie(iri: str) -> str:
    """``kg:TradeAssociation`` for a known namespace, else the IRI itself."""
    for prefix, ns in _NS_BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def local_path(iri: str) -> str | None:
    """The server path (``/id/...``) of an instance IRI, or None for other IRIs."""
    base = str(KGI)
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + quote(iri[len(base):], safe="/-_.~")
    return None


# Provenance nodes (the quote selectors, the extraction runs) are no entities a reader follows.
_NOT_RELATED = tuple(str(KGI) + k for k in ("annotation/", "run/"))


def is_related(iri: str) -> bool:
    """An instance worth listing among an entity's related entities."""
    return local_path(iri) is not None and not iri.startswith(_NOT_RELATED)


def safe_href(iri: str) -> str | None:
    """A link target for an IRI: local for instances, the IRI for http(s), else none
    (so that a ``javascript:`` IRI in the data can never become a link)."""
    local = local_path(iri)
    if local is not None:
        return local
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def pick_label(candidates: Sequence[tuple[URIRef, Literal]]) -> str | None:
    best: tuple[int, int, str] | None = None
    for pred, lit in candidates:
        try:
            rank = LABEL_PREDICATES.index(pred)
        except ValueError:
            continue
        lang_rank = 0 if lit.language in (None, "en") else 1
        key = (rank, lang_rank, str(lit))
        if best is None or key < best:
            best = key
    return best[2] if best else None


@functools.lru_cache(maxsize=1)
def vocabulary_labels() -> dict[str, str]:
    """English labels of the ontology's classes and properties, read once: pages name a
    property "date published", not ``schema:datePublished``."""
    try:
        graph = load_ontology()
    except KGraphError:  # no ontology: the pages fall back to readable local names
        return {}
    out: dict[str, str] = {}
    for s, o in graph.subject_objects(RDFS.label):
        if isinstance(s, URIRef) and isinstance(o, Literal) and o.language in (None, "en"):
            out.setdefault(str(s), str(o))
    return out


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def term_label(iri: str) -> str:
    """A vocabulary term as a reader says it: the ontology's label, else its local name
    in words (``wasDerivedFrom`` -> "was derived from"), else the IRI."""
    known = vocabulary_labels().get(iri)
    if known:
        return known
    short = curie(iri)
    if short == iri:
        return iri
    return _CAMEL.sub(" ", short.split(":", 1)[1]).replace("_", " ").lower()


def term_link(iri: str) -> Link:
    return link_to(iri, term_label(iri))


@dataclass
class Link:
    iri: str
    label: str
    href: str | None
    curie: str


def link_to(iri: str, label: str | None) -> Link:
    return Link(iri=iri, label=label or curie(iri), href=safe_href(iri), curie=curie(iri))


def term_value(term: Node | None, labels: Mapping[str, str]) -> dict[str, Any]:
    """A term as the templates show it: a link for IRIs, text for literals."""
    if term is None:
        return {"kind": "none", "text": ""}
    if isinstance(term, URIRef):
        return {"kind": "iri", "link": link_to(str(term), labels.get(str(term)))}
    if isinstance(term, BNode):
        return {"kind": "bnode", "text": f"_:{term}"}
    lit = term if isinstance(term, Literal) else Literal(str(term))
    # "und" (undetermined) says nothing to a reader
    suffix = f"@{lit.language}" if lit.language and lit.language != "und" else ""
    dtype = CELL_TYPES.get(str(lit.datatype)) if lit.datatype is not None else None
    return {"kind": "literal", "text": str(lit), "suffix": suffix, "dtype": dtype}


# Typed literals the result tables format for the reader's locale and sort by value.
CELL_TYPES = {
    **{str(XSD[n]): "number" for n in ("decimal", "integer", "double", "float", "int", "long",
                                       "nonNegativeInteger", "positiveInteger", "short")},
    str(XSD.date): "date", str(XSD.dateTime): "date",
}


def media(fmt: Format) -> str:
    return f"{fmt.media_type}; charset=utf-8" if fmt.media_type.startswith("text/") else fmt.media_type


def prefers_html(accept: str | None) -> bool:
    """True when the client asks for HTML before any RDF or results type (browsers do)."""
    if not accept:
        return False
    best_html = best_other = -1.0
    for media, q in parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml"):
            best_html = max(best_html, q)
        elif media not in ("*/*", "application/xml", "text/*", "image/*") and not media.startswith("image/"):
            best_other = max(best_other, q)
    return best_html > 0 and best_html >= best_other
