"""Reconciliation: find the store's organisations, people, places and venues on Wikidata.

One SELECT per batch of entities (``VALUES`` of their names in English and Italian)
returns every candidate whose label or alias equals a name, with what scoring needs
(types through ``wdt:P31/wdt:P279*``, country, employer, positions) and what enrichment
needs (website, inception, headquarters, ...), so reconciliation and enrichment cost one
request per 50 entities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from string import Template

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import FOAF, KG, ORG, RDFS, SKOS, WD, WDT, WIKIDATA_PREFIXES, sparql_prologue
from ..schema import Registry, registry
from ..store import Store
from ._errors import CacheMiss, EntitySkipped
from ._util import norm, select
from ._wikidata import WikidataClient

__all__ = [
    "Entity", "WikidataItem", "Candidate", "Decision", "Reconciliation",
    "THRESHOLD", "MARGIN", "ENRICH_PROPERTIES", "find_entities", "candidate_query",
    "enrichment_query", "parse_items", "reconcile", "fetch_items", "qid_of",
]

THRESHOLD = 0.8
"""Lowest score a candidate is accepted at without review."""
MARGIN = 0.1
"""How far the best candidate must be ahead of the runner-up to be accepted without review."""

# Score parts: the name matched a Wikidata label (or only an alias), the item is of the
# expected type (or only of a generic one), the context agrees (Italy, employer, position).
NAME_LABEL, NAME_ALIAS = 0.6, 0.5
TYPE_STRICT, TYPE_GENERIC = 0.25, 0.15
CONTEXT = 0.15

HOME_COUNTRY = "Q38"  # Italy: the country of the sector's organisations and venues

# Wikidata classes for the type constraints (checked through wdt:P31/wdt:P279*).
Q_ORGANISATION, Q_BUSINESS, Q_AGENCY, Q_UNIVERSITY = "Q43229", "Q4830453", "Q327333", "Q3918"
Q_HUMAN, Q_COUNTRY, Q_SOVEREIGN = "Q5", "Q6256", "Q3624078"
Q_REGION, Q_CONTINENT = "Q82794", "Q5107"
Q_CITY, Q_COMUNE, Q_SETTLEMENT, Q_LOCATION = "Q515", "Q747074", "Q486972", "Q2221906"

# kind -> (strict classes, generic classes)
KIND_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "organisation": (frozenset({Q_ORGANISATION}), frozenset()),
    "company": (frozenset({Q_BUSINESS}), frozenset({Q_ORGANISATION})),
    "agency": (frozenset({Q_AGENCY}), frozenset({Q_ORGANISATION})),
    "university": (frozenset({Q_UNIVERSITY}), frozenset({Q_ORGANISATION})),
    "venue": (frozenset({Q_ORGANISATION, Q_LOCATION}), frozenset()),
    "person": (frozenset({Q_HUMAN}), frozenset()),
    "country": (frozenset({Q_COUNTRY, Q_SOVEREIGN}), frozenset()),
    "region": (frozenset({Q_REGION, Q_CONTINENT}), frozenset()),
    "city": (frozenset({Q_CITY, Q_COMUNE}), frozenset({Q_SETTLEMENT})),
}
TYPE_CLASSES = sorted({q for strict, generic in KIND_TYPES.values() for q in strict | generic})
_HOME_KINDS = {"organisation", "company", "agency", "university", "venue", "city"}

# The kind (of KIND_TYPES) each class is searched as on Wikidata; any other node class of
# the registry takes the kind of its nearest superclass here (kg:InnovationDistrict is a
# venue, kg:Confederation an organisation), and a class with none (a market aggregate, a
# concept) is not searched.
_WIKIDATA_KINDS: dict[URIRef, str] = {
    FOAF.Person: "person", KG.Country: "country", KG.Region: "region", KG.City: "city",
    KG.Venue: "venue", KG.GovernmentAgency: "agency", KG.University: "university",
    KG.Company: "company", ORG.Organization: "organisation",
}


def _kinds(reg: Registry) -> list[tuple[URIRef, str]]:
    """Store classes -> kind, by the registry's precedence (the first a node has wins)."""
    out = []
    for c in reg.node_classes:
        kind = next((_WIKIDATA_KINDS[k] for k in (c.iri, *reg.superclasses(c.iri))
                     if k in _WIKIDATA_KINDS), None)
        if kind is not None:
            out.append((c.iri, kind))
    return out

ENRICH_PROPERTIES = ("P31", "P17", "P39", "P108", "P856", "P571", "P625", "P159", "P749",
                     "P463", "P297", "P298", "P299", "P1082")
"""Wikidata properties fetched for every candidate and kept for accepted links."""
_OBJECT_PROPERTIES = ("P17", "P39", "P108", "P159", "P749", "P463")
_CONTEXT_PROPERTIES = ("P39", "P108")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_LANGS = ("en", "it")
# Names are also looked up as "mul" labels (Wikidata's language-independent labels, used
# for many people's and organisations' names).
_SEARCH_LANGS = ("en", "it", "mul")


def qid_of(iri: Node | str) -> str | None:
    """``Q38`` for ``wd:Q38`` (or for ``"Q38"``); ``None`` for anything else."""
    text = str(iri)
    if text.startswith(str(WD)):
        text = text[len(str(WD)):]
    return text if _QID.match(text) else None


@dataclass(frozen=True)
class Entity:
    """An entity of the store to reconcile: its IRI, kind, names (preferred first) and,
    for people, the organisations they hold roles in (IRIs and names)."""

    iri: URIRef
    kind: str
    names: tuple[str, ...]
    orgs: tuple[URIRef, ...] = ()
    org_names: tuple[str, ...] = ()
    concept: bool = False  # a SKOS concept: linked with skos:exactMatch, not owl:sameAs

    @property
    def label(self) -> str:
        return self.names[0] if self.names else str(self.iri)


@dataclass
class WikidataItem:
    """What one answer says about one Wikidata item."""

    qid: str
    labels: dict[str, set[str]] = field(default_factory=dict)  # lang -> labels
    descriptions: dict[str, set[str]] = field(default_factory=dict)
    claims: dict[str, set[Node]] = field(default_factory=dict)  # "P17" -> values
    classes: set[str] = field(default_factory=set)  # type classes it is an instance of
    object_labels: dict[URIRef, dict[str, set[str]]] = field(default_factory=dict)

    @property
    def iri(self) -> URIRef:
        return WD[self.qid]

    def label(self) -> str:
        for lang in _LANGS:
            if self.labels.get(lang):
                return sorted(self.labels[lang])[0]
        return self.qid

    def description(self) -> str:
        for lang in _LANGS:
            if self.descriptions.get(lang):
                return sorted(self.descriptions[lang])[0]
        return ""

    def merge(self, other: WikidataItem) -> None:
        for mine, theirs in ((self.labels, other.labels), (self.descriptions, other.descriptions),
                             (self.claims, other.claims)):
            for k, vals in theirs.items():
                mine.setdefault(k, set()).update(vals)  # type: ignore[arg-type]
        self.classes |= other.classes
        for o, labels in other.object_labels.items():
            for lang, vals in labels.items():
                self.object_labels.setdefault(o, {}).setdefault(lang, set()).update(vals)


@dataclass(frozen=True)
class Candidate:
    entity: URIRef
    qid: str
    label: str
    description: str
    score: float
    reasons: tuple[str, ...]


@dataclass
class Decision:
    """The outcome for one entity: ``status`` is ``auto`` (accepted), ``review`` (a
    person must choose), ``none`` (no candidate), ``skipped`` (its request failed)."""

    entity: Entity
    candidates: list[Candidate]
    status: str
    accepted: Candidate | None = None


@dataclass
class Reconciliation:
    decisions: list[Decision]
    items: dict[str, WikidataItem]
    retrieved: list[dt.datetime]
    skipped: list[str] = field(default_factory=list)  # reasons, one per skipped batch


_ENTITIES = """
SELECT ?e ?type ?which ?name WHERE {
  ?e a ?type .
  VALUES ?type { $types }
  OPTIONAL {
    VALUES ?which { $labels }
    ?e ?which ?name .
  }
}
"""
_MEMBERSHIPS = """
SELECT ?person ?org ?orgName WHERE {
  ?m org:member ?person ; org:organization ?org .
  OPTIONAL { ?org skos:prefLabel|skos:altLabel|rdfs:label ?orgName }
}
"""
_CONCEPTS = "SELECT DISTINCT ?e WHERE { ?e a ?c . VALUES ?c { skos:Concept kg:Sector kg:Segment } }"


def find_entities(store: Store, *, schema: Registry | None = None) -> list[Entity]:
    """Organisations, venues, people, countries, regions and cities in the store, sorted
    by IRI; market aggregates are left to the code lists. The classes, their precedence
    and the label preference come from ``schema`` (default: the shipped registry)."""
    reg = schema or registry()
    kind_list = _kinds(reg)
    kind_rank = {iri: n for n, (iri, _) in enumerate(kind_list)}
    # Labels in the registry's preference, aliases last.
    which_order = {p: n for n, p in enumerate((*reg.label_properties, SKOS.altLabel))}
    query = Template(_ENTITIES).substitute(
        types=" ".join(iri.n3() for iri, _ in kind_list),
        labels=" ".join(p.n3() for p in which_order))
    kinds: dict[URIRef, URIRef] = {}
    names: dict[URIRef, list[tuple[int, str]]] = {}
    for row in select(store, query):
        e, t = row["e"], row["type"]
        if not isinstance(e, URIRef) or not isinstance(t, URIRef):
            continue
        if e not in kinds or kind_rank[t] < kind_rank[kinds[e]]:
            kinds[e] = t
        name = row.get("name")
        if isinstance(name, Literal) and str(name).strip():
            # Preferred label first, English (or untagged) before Italian within a predicate.
            rank = which_order.get(row["which"], 9) * 2 + (0 if name.language in (None, "en") else 1)  # type: ignore[call-overload]
            names.setdefault(e, []).append((rank, str(name).strip()))
    orgs: dict[URIRef, set[URIRef]] = {}
    org_names: dict[URIRef, set[str]] = {}
    for row in select(store, _MEMBERSHIPS):
        p, o = row["person"], row["org"]
        if isinstance(p, URIRef) and isinstance(o, URIRef):
            orgs.setdefault(p, set()).add(o)
            if row.get("orgName") is not None:
                org_names.setdefault(p, set()).add(str(row["orgName"]))
    concepts = {row["e"] for row in select(store, _CONCEPTS)}
    kind_of = dict(kind_list)
    out = []
    for e in sorted(kinds):
        seen: list[str] = []
        for _, n in sorted(names.get(e, []), key=lambda t: (t[0], t[1])):
            if n not in seen:
                seen.append(n)
        if not seen:
            continue
        out.append(Entity(e, kind_of[kinds[e]], tuple(seen), tuple(sorted(orgs.get(e, ()))),
                          tuple(sorted(org_names.get(e, ()))), e in concepts))
    return out


# -- queries ---------------------------------------------------------------------------

_PREFIXES = sparql_prologue(WIKIDATA_PREFIXES)


def _body() -> str:
    props = " ".join(f"wdt:{p}" for p in ENRICH_PROPERTIES)
    objs = " ".join(f"wdt:{p}" for p in _OBJECT_PROPERTIES)
    classes = " ".join(f"wd:{q}" for q in TYPE_CLASSES)
    return f"""  {{
    VALUES ?p {{ rdfs:label schema:description }}
    ?item ?p ?v . FILTER(LANG(?v) IN ("en", "it"))
  }} UNION {{
    VALUES ?p {{ {props} }}
    ?item ?p ?v .
  }} UNION {{
    VALUES ?cls {{ {classes} }}
    ?item wdt:P31/wdt:P279* ?cls .
  }} UNION {{
    VALUES ?p {{ {objs} }}
    ?item ?p ?o . ?o rdfs:label ?v . FILTER(LANG(?v) IN ("en", "it"))
  }}"""


def candidate_query(entities: Sequence[Entity]) -> str:
    """The SELECT for one batch: candidates for every name of every entity (``?key`` is
    the entity's position in ``entities``). Names enter the text only as escaped RDF
    literals (``Literal.n3()``), the query equivalent of bindings for a remote endpoint."""
    rows = []
    for n, entity in enumerate(entities):
        key = Literal(f"e{n}").n3()
        for name in entity.names:
            for lang in _SEARCH_LANGS:
                rows.append(f"    ({key} {Literal(name, lang=lang).n3()})")
    return (
        _PREFIXES
        + "SELECT ?key ?item ?match ?p ?v ?cls ?o WHERE {\n  VALUES (?key ?text) {\n"
        + "\n".join(rows)
        + "\n  }\n  VALUES ?match { rdfs:label skos:altLabel }\n  ?item ?match ?text .\n"
        + _body()
        + "\n}\n"
    )


def enrichment_query(qids: Iterable[str]) -> str:
    """The SELECT for what enrichment keeps about the items ``qids``.

    Raises:
        InputError: one of ``qids`` is not a Wikidata item ID (``Q`` and digits).
    """
    items = []
    for q in sorted(set(qids), key=lambda s: int(s[1:]) if _QID.match(s) else 0):
        if not _QID.match(q):
            raise InputError(f"not a Wikidata item ID: {q!r}")
        items.append(f"wd:{q}")
    return (_PREFIXES + "SELECT ?item ?p ?v ?cls ?o WHERE {\n  VALUES ?item { "
            + " ".join(items) + " }\n" + _body() + "\n}\n")


def parse_items(rows: Iterable[Mapping[str, Node]]) -> tuple[dict[str, WikidataItem], dict[tuple[str, str], set[str]]]:
    """Items described by the rows, and how each (key, qid) matched (``label``/``alias``)."""
    items: dict[str, WikidataItem] = {}
    matches: dict[tuple[str, str], set[str]] = {}
    wdt = str(WDT)
    for row in rows:
        qid = qid_of(row.get("item", ""))
        if qid is None:
            continue
        item = items.setdefault(qid, WikidataItem(qid))
        key, match = row.get("key"), row.get("match")
        if key is not None and match is not None:
            matches.setdefault((str(key), qid), set()).add("label" if match == RDFS.label else "alias")
        cls = row.get("cls")
        if cls is not None and qid_of(cls):
            item.classes.add(qid_of(cls))  # type: ignore[arg-type]
            continue
        p, v, o = row.get("p"), row.get("v"), row.get("o")
        if p is None or v is None:
            continue
        if o is not None:
            if isinstance(o, URIRef) and isinstance(v, Literal) and v.language:
                item.object_labels.setdefault(o, {}).setdefault(v.language, set()).add(str(v))
            continue
        if str(p).startswith(wdt):
            item.claims.setdefault(str(p)[len(wdt):], set()).add(v)
        elif isinstance(v, Literal) and v.language:
            # The first branch of the query asks for rdfs:label and schema:description only.
            target = item.labels if p == RDFS.label else item.descriptions
            target.setdefault(v.language, set()).add(str(v))
    return items, matches


# -- scoring ---------------------------------------------------------------------------


def _score(entity: Entity, item: WikidataItem, how: set[str], org_qids: Mapping[URIRef, str]) -> Candidate:
    reasons = []
    score = NAME_LABEL if "label" in how else NAME_ALIAS
    reasons.append("label" if "label" in how else "alias")
    strict, generic = KIND_TYPES[entity.kind]
    if item.classes & strict:
        score += TYPE_STRICT
        reasons.append("type")
    elif item.classes & generic:
        score += TYPE_GENERIC
        reasons.append("generic-type")
    if entity.kind in _HOME_KINDS and WD[HOME_COUNTRY] in item.claims.get("P17", set()):
        score += CONTEXT
        reasons.append("country:Italy")
    elif entity.kind == "person" and _person_context(entity, item, org_qids):
        score += CONTEXT
        reasons.append("employer/position")
    return Candidate(entity.iri, item.qid, item.label(), item.description(), round(score, 4), tuple(reasons))


def _person_context(entity: Entity, item: WikidataItem, org_qids: Mapping[URIRef, str]) -> bool:
    wanted = {WD[org_qids[o]] for o in entity.orgs if o in org_qids}
    names = {norm(n) for n in entity.org_names if len(norm(n)) >= 3}
    for prop in _CONTEXT_PROPERTIES:
        for value in item.claims.get(prop, set()):
            if value in wanted:
                return True
            for labels in item.object_labels.get(value, {}).values():  # type: ignore[call-overload]
                for label in labels:
                    text = f" {norm(label)} "
                    if any(f" {n} " in text for n in names):
                        return True
    return False


def _decide(entity: Entity, candidates: list[Candidate], threshold: float, margin: float) -> Decision:
    candidates.sort(key=lambda c: (-c.score, int(c.qid[1:])))
    if not candidates:
        return Decision(entity, candidates, "none")
    best = candidates[0]
    runner_up = candidates[1].score if len(candidates) > 1 else 0.0
    if best.score >= threshold and best.score - runner_up >= margin - 1e-9:
        return Decision(entity, candidates, "auto", best)
    return Decision(entity, candidates, "review")


def _batches(entities: Sequence[Entity], size: int) -> list[Sequence[Entity]]:
    return [entities[i:i + size] for i in range(0, len(entities), size)]


def fetch_items(client: WikidataClient, qids: Iterable[str]) -> tuple[dict[str, WikidataItem], list[dt.datetime], list[str]]:
    """What Wikidata says about ``qids`` (for links that did not come from a candidate
    search), in batches; returns items, retrieval times and the reasons of skipped batches.

    Raises:
        WikidataUnavailable: the endpoint kept failing.
    """
    items: dict[str, WikidataItem] = {}
    times: list[dt.datetime] = []
    skipped: list[str] = []
    ordered = sorted(set(qids), key=lambda s: int(s[1:]))
    for i in range(0, len(ordered), client.batch_size):
        try:
            resp = client.select(enrichment_query(ordered[i:i + client.batch_size]))
        except EntitySkipped as exc:
            skipped.append(str(exc))
            continue
        times.append(resp.retrieved)
        found, _ = parse_items(resp.rows)
        for qid, item in found.items():
            items.setdefault(qid, WikidataItem(qid)).merge(item)
    return items, times, skipped


def reconcile(
    entities: Sequence[Entity],
    client: WikidataClient,
    *,
    known: Mapping[URIRef, str] | None = None,
    rejected: Mapping[URIRef, set[str]] | None = None,
    threshold: float = THRESHOLD,
    margin: float = MARGIN,
) -> Reconciliation:
    """Search Wikidata for ``entities`` (one request per ``client.batch_size``), score the
    candidates and decide. ``known`` maps entities already linked (curated, reviewed) to
    their QIDs: they are not searched, but count as context for people.

    Raises:
        WikidataUnavailable: the endpoint kept failing (nothing is decided).
    """
    known = dict(known or {})
    todo = [e for e in entities if e.iri not in known]
    items: dict[str, WikidataItem] = {}
    matches: dict[URIRef, dict[str, set[str]]] = {}
    times: list[dt.datetime] = []
    skipped_reasons: list[str] = []
    skipped_entities: set[URIRef] = set()
    queue = list(_batches(todo, client.batch_size))
    while queue:
        batch = queue.pop(0)
        try:
            resp = client.select(candidate_query(batch))
        except CacheMiss as exc:
            skipped_reasons.append(f"{len(batch)} entities not searched: {exc}")
            skipped_entities.update(e.iri for e in batch)
            continue
        except EntitySkipped as exc:
            if len(batch) > 1:
                # The endpoint refused the batch: ask for its entities one by one, so
                # only the entity it cannot take is skipped.
                queue[:0] = [[e] for e in batch]
                continue
            skipped_reasons.append(f"{batch[0].iri} skipped: {exc}")
            skipped_entities.add(batch[0].iri)
            continue
        times.append(resp.retrieved)
        found, how = parse_items(resp.rows)
        for qid, item in found.items():
            items.setdefault(qid, WikidataItem(qid)).merge(item)
        for (key, qid), kinds in how.items():
            # ?key echoes a VALUES row of our own query ("e0", "e1", ...): a key that names
            # no entity of the batch is noise in the answer, not a match.
            n = int(key[1:]) if key[:1] == "e" and key[1:].isdigit() else -1
            if 0 <= n < len(batch):
                matches.setdefault(batch[n].iri, {}).setdefault(qid, set()).update(kinds)
    decisions: dict[URIRef, Decision] = {}
    org_qids = dict(known)
    # People are scored last: their context is the organisations linked before them.
    for entity in sorted(todo, key=lambda e: (e.kind == "person", str(e.iri))):
        if entity.iri in skipped_entities:
            decisions[entity.iri] = Decision(entity, [], "skipped")
            continue
        # A candidate a person rejected (a kept judgement) is neither proposed nor accepted.
        no = (rejected or {}).get(entity.iri, set())
        cands = [_score(entity, items[q], how, org_qids)
                 for q, how in matches.get(entity.iri, {}).items() if q not in no]
        d = _decide(entity, cands, threshold, margin)
        decisions[entity.iri] = d
        if d.accepted is not None:
            org_qids[entity.iri] = d.accepted.qid
    return Reconciliation([decisions[e.iri] for e in todo], items, times, skipped_reasons)
