"""Reconciling the founding release's entities against a real `oxigraph serve` loaded
with a Wikidata-shaped fixture."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kgraph import namespaces as ns
from kgraph.config import USER_AGENT, Settings
from kgraph.link import (
    LINKS_GRAPH,
    WIKIDATA_GRAPH,
    ResponseCache,
    WikidataClient,
    candidate_query,
    find_entities,
    link,
    reconcile,
)
from kgraph.namespaces import KG, KGI, OWL, PROV, RDF, RDFS, VOID, WD, WDT

pytestmark = pytest.mark.server

NOW = dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.UTC)


def settings(tmp_path: Path, endpoint: str) -> Settings:
    return Settings(store="memory:", wikidata_endpoint=endpoint, cache_dir=tmp_path / "cache")


def test_entities_found_in_the_store_by_kind(founding_store) -> None:
    kinds = {e.iri: e.kind for e in find_entities(founding_store)}
    assert kinds[KGI["org/assomac"]] == "organisation"
    assert kinds[KGI["org/italian-trade-agency"]] == "agency"
    assert kinds[KGI["org/milan-polytechnic"]] == "university"
    assert kinds[KGI["org/kilometro-rosso-innovation-district"]] == "venue"
    assert kinds[KGI["person/maurizio-forte"]] == "person"
    assert kinds[KGI["place/italy"]] == "country"
    assert kinds[KGI["place/south-east-asia"]] == "region"
    assert kinds[KGI["place/bergamo"]] == "city"
    # market aggregates go to the code lists only
    assert KGI["place/world"] not in kinds


def test_reconcile_founding_entities(founding_store, wikidata, tmp_path) -> None:
    client = WikidataClient(wikidata.query_url, cache=ResponseCache(tmp_path))
    rec = reconcile(find_entities(founding_store), client)
    by = {d.entity.iri: d for d in rec.decisions}
    expected = {
        "org/assomac": "Q9900001", "org/confindustria": "Q9900002",
        "org/italian-trade-agency": "Q9900003", "org/milan-polytechnic": "Q9900004",
        "org/kilometro-rosso-innovation-district": "Q9900005",
        "person/mauro-bergozza": "Q9900011", "person/maurizio-tarquini": "Q9900012",
        "person/giuliano-noci": "Q9900015",
        "place/italy": "Q38", "place/china": "Q148", "place/india": "Q668", "place/africa": "Q15",
        "place/south-america": "Q18", "place/south-east-asia": "Q11708", "place/bergamo": "Q628",
    }
    for key, qid in expected.items():
        d = by[KGI[key]]
        assert d.status == "auto" and d.accepted is not None, (key, d)
        assert d.accepted.qid == qid, key
    # A same-named human is not an organisation: the type constraint keeps it out.
    assomac = by[KGI["org/assomac"]]
    decoy = next(c for c in assomac.candidates if c.qid == "Q9900051")
    assert decoy.score < assomac.accepted.score - 0.3  # type: ignore[union-attr]
    # The alias "ICE" finds a train too; type and country decide.
    assert "Q9900052" in {c.qid for c in by[KGI["org/italian-trade-agency"]].candidates}
    # Context: Noci's employer is the linked Milan Polytechnic; Tarquini's position names Confindustria.
    assert "employer/position" in by[KGI["person/giuliano-noci"]].accepted.reasons  # type: ignore[union-attr]
    assert "employer/position" in by[KGI["person/maurizio-tarquini"]].accepted.reasons  # type: ignore[union-attr]
    # Two humans named Maurizio Forte, neither with context: a person must decide.
    forte = by[KGI["person/maurizio-forte"]]
    assert forte.status == "review" and forte.accepted is None
    assert {c.qid for c in forte.candidates} == {"Q9900013", "Q9900014"}
    # 16 entities, one batch: one request.
    assert client.requests == 1


def test_context_decides_between_namesakes(founding_store, wikidata, tmp_path) -> None:
    """Without the Italy context, the province decoy would tie with the city."""
    client = WikidataClient(wikidata.query_url, cache=ResponseCache(tmp_path))
    rec = reconcile(find_entities(founding_store), client)
    bergamo = next(d for d in rec.decisions if d.entity.iri == KGI["place/bergamo"])
    scores = {c.qid: c.score for c in bergamo.candidates}
    assert scores["Q628"] > scores["Q9900054"]
    assert "country:Italy" in next(c for c in bergamo.candidates if c.qid == "Q628").reasons


def test_batches_of_fifty_by_post_with_user_agent(founding_store, wikidata, fault_server, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(WikidataClient, "batch_size", 5)
    server = fault_server(upstream=wikidata.query_url)
    client = WikidataClient(server.url, cache=ResponseCache(tmp_path))
    entities = find_entities(founding_store)
    reconcile(entities, client)
    assert len(server.seen) == client.requests == -(-len(entities) // 5)
    for req in server.seen:
        assert req.method == "POST"
        assert req.headers["User-Agent"] == USER_AGENT
        assert "https://" in req.headers["User-Agent"]
        assert req.headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert b"VALUES" in req.body
    assert WikidataClient.batch_size == 5
    monkeypatch.undo()
    assert WikidataClient.batch_size == 50


def test_names_reach_the_query_only_as_escaped_literals(wikidata, tmp_path) -> None:
    from kgraph.link import Entity

    nasty = Entity(KGI["org/x"], "organisation", ('Evil" } ; DROP ALL ; #', "back\\slash\nnewline"))
    q = candidate_query([nasty])
    assert 'DROP ALL ; #"@en' in q
    client = WikidataClient(wikidata.query_url, cache=ResponseCache(tmp_path))
    rec = reconcile([nasty], client)  # parses and runs on the endpoint: no candidates, no error
    assert rec.decisions[0].status == "none"
    assert not rec.skipped


def test_link_writes_links_provenance_linkset_and_enrichment(founding_store, wikidata, tmp_path) -> None:
    s = settings(tmp_path, wikidata.query_url)
    report = link(founding_store, s, now=NOW)
    links = founding_store.graph(LINKS_GRAPH)
    assert (KGI["org/assomac"], OWL.sameAs, WD.Q9900001) in links
    assert (KGI["place/italy"], OWL.sameAs, WD.Q38) in links
    assert (KGI["person/maurizio-forte"], OWL.sameAs, None) not in links
    # Per-link provenance.
    a = links.value(predicate=KG.linkedEntity, object=KGI["org/assomac"])
    assert (a, RDF.type, KG.LinkAssertion) in links
    assert links.value(a, KG.linkTarget) == WD.Q9900001
    assert float(links.value(a, KG.score)) == 1.0
    assert links.value(a, KG.score).datatype == ns.XSD.decimal
    assert str(links.value(a, KG.method)).startswith("auto:label+type")
    assert links.value(a, PROV.generatedAtTime) == Literal(NOW.isoformat(), datatype=ns.XSD.dateTime)
    assert links.value(a, KG.linkSource) == URIRef(wikidata.query_url)
    curated = links.value(predicate=KG.linkedEntity, object=KGI["place/italy"])
    assert str(links.value(curated, KG.method)) == "curated"
    assert "issue 6" in str(links.value(curated, KG.linkSource))
    # The linkset.
    assert (LINKS_GRAPH, RDF.type, VOID.Linkset) in links
    assert (LINKS_GRAPH, VOID.linkPredicate, OWL.sameAs) in links
    assert int(links.value(LINKS_GRAPH, VOID.triples)) == len(report.links) == 15
    # Enrichment, with the retrieval time.
    wd = founding_store.graph(WIKIDATA_GRAPH)
    assert (WD.Q9900001, WDT.P856, URIRef("https://www.assomac.example/")) in wd
    assert (WD.Q9900001, WDT.P159, WD.Q9900100) in wd
    assert (WD.Q9900100, RDFS.label, Literal("Vigevano", lang="en")) in wd
    assert (WD.Q9900003, WDT.P749, WD.Q9900101) in wd
    assert (WD.Q9900015, WDT.P108, WD.Q9900004) in wd
    assert (WD.Q628, WDT.P625, None) in wd
    assert (WD.Q38, WDT.P297, Literal("IT")) in wd
    assert (WD.Q38, WDT.P1082, None) in wd
    assert (WD.Q9900001, ns.SDO.description, None) in wd
    assert wd.value(WIKIDATA_GRAPH, PROV.generatedAtTime) is not None
    # Only accepted items are kept: not the decoys, not the ambiguous Fortes.
    for qid in ("Q9900051", "Q9900052", "Q9900013", "Q9900014"):
        assert (WD[qid], None, None) not in wd
    # Curated places were not searched, so their data came from one enrichment request.
    assert report.requests == 2


def test_second_run_is_answered_from_the_cache(founding_store, wikidata, fault_server, tmp_path) -> None:
    server = fault_server(upstream=wikidata.query_url)
    s = settings(tmp_path, server.url)
    first = link(founding_store, s, now=NOW)
    n = len(server.seen)
    assert n == first.requests == 2
    before = set(founding_store.ox_store)
    second = link(founding_store, s, now=NOW)
    assert len(server.seen) == n  # no request reached the server
    assert second.requests == 0 and second.cache_hits == 2
    # Same answers, same links (only blank-node labels differ).
    assert len(set(founding_store.ox_store)) == len(before)
    assert {(str(ln.entity), ln.qid) for ln in second.links} == {(str(ln.entity), ln.qid) for ln in first.links}


def test_offline_uses_the_cache_and_no_network(founding_store, wikidata, tmp_path) -> None:
    s = settings(tmp_path, wikidata.query_url)
    link(founding_store, s, now=NOW)
    wikidata.stop()  # the endpoint is gone
    report = link(founding_store, s, offline=True, now=NOW)
    assert report.requests == 0 and report.cache_hits == 2
    assert (KGI["org/assomac"], OWL.sameAs, WD.Q9900001) in founding_store.graph(LINKS_GRAPH)
    assert (WD.Q9900001, WDT.P856, None) in founding_store.graph(WIKIDATA_GRAPH)
