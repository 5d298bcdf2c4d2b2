"""The link job: curated links, reviewed links, reconciliation, enrichment, code lists,
all computed first and written with one atomic ``replace_graphs`` call."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..config import Settings
from ..errors import InputError
from ..judgements import Judgement, Resolver, append_judgements, read_judgements, today_source
from ..namespaces import (
    DCTERMS,
    KG,
    KGG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    VOID,
    WD,
    WDT,
    XSD,
    bind_prefixes,
)
from ..store import Store
from ._codelists import codelists_graph
from ._data import curated_links_file
from ._reconcile import (
    ENRICH_PROPERTIES,
    MARGIN,
    THRESHOLD,
    Decision,
    Entity,
    WikidataItem,
    fetch_items,
    find_entities,
    qid_of,
    reconcile,
)
from ._review import read_rejections, read_review, write_review
from ._util import select
from ._wikidata import ResponseCache, WikidataClient

__all__ = ["CuratedLink", "Link", "LinkReport", "read_curated", "link", "link_offline",
           "LINKS_GRAPH", "WIKIDATA_GRAPH", "CODELISTS_GRAPH"]

LINKS_GRAPH = KGG["links"]
WIKIDATA_GRAPH = KGG["wikidata"]
CODELISTS_GRAPH = KGG["codelists"]


@dataclass(frozen=True)
class CuratedLink:
    entity: URIRef
    qid: str
    label: str
    source: str


@dataclass(frozen=True)
class Link:
    """One accepted link and its provenance."""

    entity: URIRef
    qid: str
    score: float
    method: str  # "curated", "review" or "auto:<reasons>"
    source: str  # where the decision came from: a file or the endpoint
    concept: bool = False


@dataclass
class LinkReport:
    """What a link run did; ``lines`` are for a shell to print."""

    links: list[Link] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    requests: int = 0
    cache_hits: int = 0
    skipped: list[str] = field(default_factory=list)
    review_path: Path | None = None
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # for a shell to print on stderr

    def count(self, status: str) -> int:
        return sum(1 for d in self.decisions if d.status == status)


def read_curated(path: str | Path | None = None) -> list[CuratedLink]:
    """Curated links (``entity,wikidata,label,source``); every row must cite its source.
    By default the project's ``data/links/curated.csv``, else the shipped one.

    Raises:
        InputError: the file is missing or a row lacks an IRI, a QID or a source.
    """
    path = Path(path) if path is not None else curated_links_file()
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"entity", "wikidata", "source"} - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"missing columns: {', '.join(sorted(missing))}", source=path)
            rows = list(reader)
    except OSError as exc:
        raise InputError(f"cannot read curated links: {exc.strerror or exc}", source=path) from None
    out = []
    for line, row in enumerate(rows, start=2):
        qid = qid_of((row.get("wikidata") or "").strip())
        entity = (row.get("entity") or "").strip()
        if qid is None or not entity.startswith(("http://", "https://")):
            raise InputError(f"line {line}: needs an entity IRI and a Wikidata ID", source=path)
        if not (row.get("source") or "").strip():
            raise InputError(f"line {line}: a curated link must cite its source", source=path)
        out.append(CuratedLink(URIRef(entity), qid, (row.get("label") or "").strip(), row["source"].strip()))
    return out


_OLD_LINKS = """
SELECT ?g ?e ?t ?score ?method ?src WHERE {
  GRAPH ?g { ?a a kg:LinkAssertion ; kg:linkedEntity ?e ; kg:linkTarget ?t ;
                kg:score ?score ; kg:method ?method . OPTIONAL { ?a kg:linkSource ?src } }
}
"""


def _old_links(store: Store, entities: dict[URIRef, Entity]) -> list[Link]:
    out = []
    for row in select(store, _OLD_LINKS, g=LINKS_GRAPH):
        e, qid = row["e"], qid_of(row["t"] or "")
        if isinstance(e, URIRef) and qid and e in entities:
            out.append(Link(e, qid, float(str(row["score"])), str(row["method"]),
                            str(row.get("src") or ""), entities[e].concept))
    return out


def _decimal(x: float) -> Literal:
    return Literal(f"{x:.4f}", datatype=XSD.decimal)


def _links_graph(links: list[Link], *, now: dt.datetime, endpoint: str) -> Graph:
    g = bind_prefixes(Graph())
    stamp = Literal(now.isoformat(), datatype=XSD.dateTime)
    predicates = set()
    for ln in sorted(links, key=lambda x: str(x.entity)):
        pred = SKOS.exactMatch if ln.concept else OWL.sameAs
        predicates.add(pred)
        g.add((ln.entity, pred, WD[ln.qid]))
        a = BNode()
        g.add((a, RDF.type, KG.LinkAssertion))
        g.add((a, KG.linkedEntity, ln.entity))
        g.add((a, KG.linkTarget, WD[ln.qid]))
        g.add((a, KG.score, _decimal(ln.score)))
        g.add((a, KG.method, Literal(ln.method)))
        g.add((a, PROV.generatedAtTime, stamp))
        src: Node = URIRef(ln.source) if ln.source.startswith(("http://", "https://")) else Literal(ln.source)
        g.add((a, KG.linkSource, src))
        g.add((a, VOID.inDataset, LINKS_GRAPH))
    g.add((LINKS_GRAPH, RDF.type, VOID.Linkset))
    g.add((LINKS_GRAPH, DCTERMS.title, Literal("Links from kgraph entities to Wikidata", lang="en")))
    for pred in sorted(predicates or {OWL.sameAs}):
        g.add((LINKS_GRAPH, VOID.linkPredicate, pred))
    g.add((LINKS_GRAPH, VOID.objectsTarget, WIKIDATA_GRAPH))
    g.add((LINKS_GRAPH, VOID.triples, Literal(len(links), datatype=XSD.integer)))
    g.add((LINKS_GRAPH, DCTERMS.modified, stamp))
    g.add((WIKIDATA_GRAPH, RDF.type, VOID.Dataset))
    g.add((WIKIDATA_GRAPH, VOID.sparqlEndpoint, URIRef(endpoint)))
    return g


def _enrichment_graph(
    qids: set[str], items: dict[str, WikidataItem], old: Graph, *, endpoint: str,
    retrieved: list[dt.datetime],
) -> Graph:
    g = bind_prefixes(Graph())
    keep = {str(WDT[p]) for p in ENRICH_PROPERTIES}
    for qid in sorted(qids, key=lambda q: int(q[1:])):
        item = items.get(qid)
        s = WD[qid]
        if item is None:
            # Not fetched this time (offline, not cached): keep what an earlier run stored.
            for p, o in old.predicate_objects(s):
                g.add((s, p, o))
                if isinstance(o, URIRef):
                    for lab in old.objects(o, RDFS.label):
                        g.add((o, RDFS.label, lab))
            continue
        for lang, labels in item.labels.items():
            for text in labels:
                g.add((s, RDFS.label, Literal(text, lang=lang)))
        for lang, texts in item.descriptions.items():
            for text in texts:
                g.add((s, SDO.description, Literal(text, lang=lang)))
        for prop, values in item.claims.items():
            if str(WDT[prop]) in keep:
                for v in values:
                    g.add((s, WDT[prop], v))
                    for lang, labels in item.object_labels.get(v, {}).items():  # type: ignore[call-overload]
                        for text in labels:
                            g.add((v, RDFS.label, Literal(text, lang=lang)))
    g.add((WIKIDATA_GRAPH, RDF.type, VOID.Dataset))
    g.add((WIKIDATA_GRAPH, DCTERMS.source, URIRef(endpoint)))
    if retrieved:
        g.add((WIKIDATA_GRAPH, PROV.generatedAtTime,
               Literal(max(retrieved).isoformat(), datatype=XSD.dateTime)))
    for t in old.objects(WIKIDATA_GRAPH, PROV.generatedAtTime):
        if not retrieved:
            g.add((WIKIDATA_GRAPH, PROV.generatedAtTime, t))
    return g


def link(
    store: Store,
    settings: Settings,
    *,
    offline: bool = False,
    review: str | Path | None = None,
    apply: str | Path | None = None,
    client: WikidataClient | None = None,
    curated: str | Path | None | bool = True,
    codelists: Path | None = None,
    threshold: float = THRESHOLD,
    margin: float = MARGIN,
    now: dt.datetime | None = None,
) -> LinkReport:
    """Link the store to Wikidata and the code lists, replacing the graphs ``kgg:links``,
    ``kgg:wikidata`` and ``kgg:codelists`` in one atomic write.

    Links come from, in order of precedence: ``apply`` (a review file a person edited),
    links accepted in earlier reviews, ``curated`` (certain IDs), and reconciliation
    (auto-accepted above ``threshold`` with ``margin`` over the runner-up). Ambiguous
    entities go to ``review`` (a CSV) when given. ``offline`` answers from the cache only.

    Raises:
        InputError: the review or curated file is malformed, or names an entity the
            store does not have (the store is unchanged).
        WikidataUnavailable: the endpoint kept failing (the store is unchanged).
    """
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    endpoint = client.endpoint if client is not None else settings.wikidata_endpoint
    if client is None:
        client = WikidataClient(endpoint, cache=ResponseCache(settings.cache_dir), offline=offline)
    reviewed = read_review(apply) if apply is not None else []
    # Rows marked no become judgements under version control (written once the run has
    # succeeded), so no later run proposes or accepts those candidates again.
    no = ([Judgement("different", str(e), f"wd:{q}", today_source(Path(apply).name))
           for e, q in read_rejections(apply)] if apply is not None else [])
    resolver = Resolver([*read_judgements(settings.judgements), *no], source=str(settings.judgements))
    # True: the default file (the project's over the shipped one); None or False: none.
    curated_links = ([] if curated is None or curated is False
                     else read_curated(None if curated is True else curated))
    entities = {e.iri: e for e in find_entities(store)}
    for r in reviewed:
        if r.entity not in entities:
            raise InputError(f"line {r.line}: {r.entity} is not an entity of the store", source=apply)

    chosen: dict[URIRef, Link] = {}
    old = _old_links(store, entities)
    for ln in old:
        if ln.method == "review":
            chosen.setdefault(ln.entity, ln)
    for r in reviewed:
        chosen[r.entity] = Link(r.entity, r.qid, r.score, "review", str(apply), entities[r.entity].concept)
    for c in curated_links:
        if c.entity in entities and c.entity not in chosen:
            chosen[c.entity] = Link(c.entity, c.qid, 1.0, "curated", c.source, entities[c.entity].concept)

    rec = reconcile(sorted(entities.values(), key=lambda e: str(e.iri)), client,
                    known={e: ln.qid for e, ln in chosen.items()}, threshold=threshold, margin=margin,
                    rejected={e: resolver.rejected_links(e) for e in entities})
    old_by_entity: dict[URIRef, list[Link]] = {}
    for ln in old:
        old_by_entity.setdefault(ln.entity, []).append(ln)
    for d in rec.decisions:
        if d.accepted is not None:
            chosen[d.entity.iri] = Link(d.entity.iri, d.accepted.qid, d.accepted.score,
                                        "auto:" + "+".join(d.accepted.reasons), endpoint, d.entity.concept)
        elif d.status == "skipped" and d.entity.iri in old_by_entity:
            # Not searched this time (offline, refused query): keep the earlier link.
            chosen[d.entity.iri] = old_by_entity[d.entity.iri][0]
    for e, ln in list(chosen.items()):
        if ln.qid in resolver.rejected_links(e) and ln.method != "curated":
            del chosen[e]  # a person rejected it after an earlier run accepted it

    qids = {ln.qid for ln in chosen.values()}
    items = {q: rec.items[q] for q in qids if q in rec.items}
    more, times, skipped = fetch_items(client, qids - set(items)) if qids - set(items) else ({}, [], [])
    items.update(more)
    links = list(chosen.values())
    graphs = {
        LINKS_GRAPH: _links_graph(links, now=now, endpoint=endpoint),
        WIKIDATA_GRAPH: _enrichment_graph(qids, items, store.graph(WIKIDATA_GRAPH), endpoint=endpoint,
                                          retrieved=rec.retrieved + times),
        CODELISTS_GRAPH: codelists_graph(store, folder=codelists),
    }
    store.replace_graphs(graphs)
    if no:
        append_judgements(settings.judgements, no)

    report = LinkReport(links, rec.decisions, client.requests, client.stats.cache_hits,
                        rec.skipped + skipped)
    report.warnings.extend(f"dropped a bad cached Wikidata answer: {d}" for d in client.stats.dropped)
    if review is not None:
        write_review(review, rec.decisions)
        report.review_path = Path(review)
    by_method: dict[str, int] = {}
    for ln in links:
        key = ln.method.split(":")[0]
        by_method[key] = by_method.get(key, 0) + 1
    report.lines.append(
        f"linked {len(links)} of {len(entities)} entities to Wikidata "
        f"({', '.join(f'{n} {m}' for m, n in sorted(by_method.items())) or 'none'}); "
        f"{client.requests} requests, {client.stats.cache_hits} cached answers"
    )
    n_review = report.count("review")
    if n_review:
        where = f"written to {review}" if review is not None else "use --review FILE to write them"
        report.lines.append(f"{n_review} entities need a person's review: {where}")
    if rec.skipped or skipped:
        report.lines.append(f"not searched: {'; '.join(rec.skipped + skipped)}")
    report.lines.append(f"code lists: {len(graphs[CODELISTS_GRAPH])} triples in {CODELISTS_GRAPH}")
    return report


def link_offline(store: Store, settings: Settings) -> LinkReport:
    """Curated links, code lists and cached answers only: never touches the network
    (what ``kgraph run`` applies).

    Raises:
        InputError: the curated-links or a code-list file is malformed (store unchanged).
    """
    return link(store, settings, offline=True)
