"""A release's text with the span of every extracted fact highlighted by kind.

The spans are the stored Web Annotation offsets (``oa:TextPositionSelector`` start/end on
the release's ``schema:text``), never a search for the quote. Spans may nest or cross, so
the text is cut at every span boundary and each piece is marked with the innermost span
that covers it (facts before mere entity mentions); ``data-spans`` lists every span a
piece belongs to, so that the pieces of one span put together give back exactly the
stored characters. Each piece links to the card of its fact (``#fact-N``, highlighted by
CSS ``:target``: no script), and every span starts with an anchor ``#span-START-END`` that
fact pages link to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from rdflib import URIRef

from ._svg import Href, esc, format_value, truncate

__all__ = ["KINDS", "HighlightedText", "Span", "highlight", "release_text"]

#: Kinds in the order a class decides them, with their legend label and colour.
KINDS: dict[str, tuple[str, str]] = {
    "figure": ("figure", "#cde7f7"),
    "membership": ("person and role", "#fde2b8"),
    "market": ("market", "#c9efe1"),
    "event": ("event", "#f5ee9e"),
    "quotation": ("quotation", "#e6dcf2"),
    "priority": ("priority", "#f6d6cf"),
    "driver": ("driver", "#ecd2d2"),
    "relation": ("organisation relation", "#dbe3f1"),
    "entity": ("entity mention", "#eeeeee"),
}

_ONT = "https://w3id.org/kgraph/ontology#"
_KIND_OF_CLASS: dict[str, str] = {
    "http://purl.org/linked-data/cube#Observation": "figure",
    "http://www.w3.org/ns/org#Membership": "membership",
    _ONT + "MarketRelation": "market",
    "https://schema.org/Event": "event",
    _ONT + "Quotation": "quotation",
    _ONT + "PriorityStatement": "priority",
    _ONT + "DriverStatement": "driver",
    _ONT + "OrganisationalRelation": "relation",
}
_SKIP_CLASSES = {_ONT + "PressRelease"}

SPANS_QUERY = """\
SELECT DISTINCT ?release ?thing ?type ?start ?end ?label ?indicator ?value ?unit ?about ?role WHERE {
  ?ann oa:hasSource ?release ; oa:hasSelector ?pos .
  ?pos oa:start ?start ; oa:end ?end .
  ?thing prov:wasDerivedFrom ?ann .
  OPTIONAL { ?thing a ?type }
  OPTIONAL { SELECT DISTINCT ?thing ?label WHERE {
    ?thing skos:prefLabel|foaf:name|schema:name|rdfs:label ?label } }
  OPTIONAL { ?thing org:member|kg:market|kg:driver|kg:priority|schema:creator|kg:subject ?o .
             { SELECT DISTINCT ?o ?about WHERE {
               ?o skos:prefLabel|foaf:name ?about FILTER(LANG(?about) IN ("en", "")) } } }
  OPTIONAL { ?thing org:role ?r . { SELECT DISTINCT ?r ?role WHERE {
    ?r skos:prefLabel|rdfs:label ?role FILTER(LANGMATCHES(LANG(?role), "en")) } } }
  OPTIONAL { ?thing kg:indicator ?i ; sdmx-measure:obsValue ?value .
             OPTIONAL { ?i skos:prefLabel ?indicator FILTER(LANGMATCHES(LANG(?indicator), "en")) }
             OPTIONAL { ?thing sdmx-attribute:unitMeasure ?u . ?u skos:notation ?unit } }
}
"""

TEXT_QUERY = """\
SELECT ?release ?text WHERE { ?release schema:text ?text } LIMIT 1
"""


@dataclass
class Span:
    """One stored span and the thing (fact or entity) derived from it."""

    start: int
    end: int
    thing: str
    kind: str
    label: str

    @property
    def key(self) -> str:
        return f"{self.start}-{self.end}"


@dataclass
class HighlightedText:
    """The marked-up text, the fact cards (one per thing) and the count per kind."""

    html: Markup
    cards: list[dict[str, Any]] = field(default_factory=list)
    legend: list[dict[str, Any]] = field(default_factory=list)


def _kind(types: set[str]) -> str | None:
    if types & _SKIP_CLASSES:
        return None
    for cls, kind in _KIND_OF_CLASS.items():
        if cls in types:
            return kind
    return "entity"


def _spans(rows: list[Mapping[str, Any]], length: int) -> list[Span]:
    types: dict[str, set[str]] = defaultdict(set)
    info: dict[tuple[str, int, int], dict[str, Any]] = {}
    for r in rows:
        thing = str(r["thing"])
        if r.get("type") is not None:
            types[thing].add(str(r["type"]))
        try:
            start, end = int(str(r["start"])), int(str(r["end"]))
        except (TypeError, ValueError):
            continue
        if not 0 <= start < end <= length:
            continue  # offsets outside the stored text are not drawn
        entry = info.setdefault((thing, start, end), {})
        if r.get("label") is not None and "label" not in entry:
            entry["label"] = str(r["label"])
        if r.get("about") is not None and "about" not in entry:
            # a fact without a label of its own is told by what it is about (and the role)
            role = f", {r['role']}" if r.get("role") is not None else ""
            entry["about"] = f"{r['about']}{role}"
        if r.get("value") is not None and "value" not in entry:
            entry["value"] = (r.get("indicator"), r["value"], r.get("unit"))
    spans = []
    for (thing, start, end), entry in info.items():
        kind = _kind(types[thing])
        if kind is None:
            continue
        label = entry.get("label") or entry.get("about") or ""
        if "value" in entry:
            ind, value, unit = entry["value"]
            signed = ind is not None and str(ind).endswith("change")
            label = f"{ind or 'figure'}: {format_value(value, None if unit is None else str(unit), signed=signed)}"
        spans.append(Span(start, end, thing, kind, label))
    spans.sort(key=lambda s: (s.start, -s.end, s.thing))
    return spans


def highlight(text: str, spans: list[Span], href: Href) -> HighlightedText:
    """Mark ``spans`` in ``text`` (see the module docstring)."""
    order = list(KINDS)
    things: dict[str, int] = {}
    cards: list[dict[str, Any]] = []
    for s in spans:
        if s.thing not in things:
            things[s.thing] = len(cards)
            cards.append({"id": f"fact-{len(cards)}", "iri": s.thing, "href": href(s.thing), "kind": s.kind,
                          "kind_label": KINDS[s.kind][0], "label": s.label,
                          "quote": text[s.start:s.end], "span": s.key})
    starts: dict[int, list[Span]] = defaultdict(list)
    ends: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        starts[s.start].append(s)
        ends[s.end].append(s)
    bounds = sorted({0, len(text), *starts, *ends})
    active: dict[int, Span] = {}
    anchored: set[str] = set()
    out: list[str] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        for s in ends.get(a, []):
            active.pop(id(s), None)
        for s in starts.get(a, []):
            active[id(s)] = s
            if s.key not in anchored:
                anchored.add(s.key)
                out.append(f'<span class="kg-anchor" id="span-{s.key}"></span>')
        piece = esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        covering = list(active.values())
        primary = min(covering, key=lambda s: (s.kind == "entity", s.end - s.start, order.index(s.kind)))
        keys = " ".join(sorted({s.key for s in covering}))
        title = "; ".join(dict.fromkeys(f"{KINDS[s.kind][0]}: {truncate(s.label, 80)}" if s.label
                                        else KINDS[s.kind][0] for s in covering))
        out.append(f'<a class="kg-span k-{primary.kind}" href="#{cards[things[primary.thing]]["id"]}" '
                   f'data-spans="{esc(keys)}" data-kind="{primary.kind}" title="{esc(title)}">{piece}</a>')
    counts: dict[str, int] = defaultdict(int)
    for c in cards:
        counts[c["kind"]] += 1
    legend = [{"kind": k, "label": KINDS[k][0], "colour": KINDS[k][1], "n": counts[k]} for k in order if counts[k]]
    # every piece of the graph's text went through esc()
    return HighlightedText(Markup("".join(out)), cards, legend)


def release_text(store: Any, release: str, href: Href, *, timeout: float | None = None) -> HighlightedText | None:
    """The highlighted text of ``release`` (an IRI), or None when it has no ``schema:text``."""
    res = store.query(TEXT_QUERY, bindings={"release": URIRef(release)}, timeout=timeout)
    if not res.rows or res.rows[0].get("text") is None:
        return None
    text = str(res.rows[0]["text"])
    rows = store.query(SPANS_QUERY, bindings={"release": URIRef(release)}, timeout=timeout).rows
    return highlight(text, _spans(rows, len(text)), href)

