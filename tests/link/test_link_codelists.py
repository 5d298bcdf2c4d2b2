"""Code lists (ISO 3166-1, UN M49, NACE, HS) and curated links, with no network."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal

from kgraph import pipeline
from kgraph.config import Settings
from kgraph.errors import InputError
from kgraph.link import (
    CODELISTS_GRAPH,
    LINKS_GRAPH,
    code_iri,
    codelists_graph,
    link_offline,
    read_curated,
    scheme_iri,
)
from kgraph.namespaces import KG, KGI, OWL, RDF, SKOS, VOID, WD
from kgraph.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]
CERTAIN = {"italy": "Q38", "china": "Q148", "india": "Q668", "africa": "Q15", "south-america": "Q18",
           "south-east-asia": "Q11708", "europe": "Q46", "bergamo": "Q628"}


def test_code_lists_as_skos() -> None:
    g = codelists_graph()
    it = code_iri("iso3166-1", "IT")
    assert (it, RDF.type, SKOS.Concept) in g
    assert (it, SKOS.inScheme, scheme_iri("iso3166-1")) in g
    assert {str(n) for n in g.objects(it, SKOS.notation)} == {"IT", "ITA", "380"}
    assert (it, SKOS.prefLabel, Literal("Italy", lang="en")) in g
    assert (it, SKOS.prefLabel, Literal("Italia", lang="it")) in g
    assert len(set(g.subjects(SKOS.inScheme, scheme_iri("iso3166-1")))) == 249
    sea = code_iri("m49", "035")
    assert (sea, SKOS.broader, code_iri("m49", "142")) in g
    assert (code_iri("m49", "005"), SKOS.broader, code_iri("m49", "419")) in g
    assert (code_iri("m49", "419"), SKOS.broader, code_iri("m49", "019")) in g
    assert (code_iri("m49", "001"), SKOS.topConceptOf, scheme_iri("m49")) in g
    for code in ("002", "019", "005", "142", "035", "150", "009", "001"):
        assert (code_iri("m49", code), SKOS.notation, Literal(code)) in g
    assert (code_iri("nace2", "C28.94"), SKOS.broader, code_iri("nace2", "C28.9")) in g
    assert (code_iri("hs", "8453.10"), SKOS.broader, code_iri("hs", "8453")) in g
    assert "tanning" in str(g.value(code_iri("hs", "8453.10"), SKOS.prefLabel))


def test_markets_and_segments_link_to_codes(founding_store) -> None:
    g = codelists_graph(founding_store)
    expect = {
        "place/italy": code_iri("iso3166-1", "IT"),  # by notation
        "place/india": code_iri("iso3166-1", "IN"),  # by name
        "place/africa": code_iri("m49", "002"),
        "place/south-america": code_iri("m49", "005"),
        "place/south-east-asia": code_iri("m49", "035"),  # "South-East Asia" is an alias of 035
        "place/world": code_iri("m49", "001"),
    }
    for key, concept in expect.items():
        assert (KGI[key], SKOS.exactMatch, concept) in g, key
    assert (KGI["place/foreign-markets"], SKOS.exactMatch, None) not in g
    assert (KGI["place/bergamo"], SKOS.exactMatch, None) not in g
    sector = KGI["sector/footwear-leather-goods-and-tannery-machinery"]
    assert (sector, SKOS.closeMatch, code_iri("nace2", "C28.94")) in g
    assert (KGI["sector/tannery-machinery"], SKOS.broadMatch, code_iri("hs", "8453.10")) in g
    assert (KGI["sector/footwear-machinery"], SKOS.broadMatch, code_iri("hs", "8453.20")) in g


def test_shipped_curated_links_are_exactly_the_certain_ones() -> None:
    curated = read_curated()
    assert {str(c.entity).rsplit("/", 1)[1]: c.qid for c in curated} == CERTAIN
    assert all(c.source for c in curated)


def test_curated_links_need_a_source(tmp_path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("entity,wikidata,label,source\nhttps://w3id.org/kgraph/id/place/x,Q1,X,\n")
    with pytest.raises(InputError, match=r"c.csv: line 2: a curated link must cite its source"):
        read_curated(p)
    p.write_text("entity,wikidata,label,source\nhttps://w3id.org/kgraph/id/place/x,42,X,here\n")
    with pytest.raises(InputError, match="needs an entity IRI and a Wikidata ID"):
        read_curated(p)


def test_offline_applies_curated_links_and_code_lists_without_network(founding_store, tmp_path, closed_url) -> None:
    s = Settings(store="memory:", wikidata_endpoint=closed_url, cache_dir=tmp_path / "empty-cache")
    report = link_offline(founding_store, s)
    assert report.requests == 0
    links = founding_store.graph(LINKS_GRAPH)
    for key, qid in CERTAIN.items():
        if key == "europe":  # not an entity of the founding store
            assert (KGI["place/europe"], None, None) not in links
            continue
        assert (KGI[f"place/{key}"], OWL.sameAs, WD[qid]) in links
    methods = {str(o) for o in links.objects(None, KG.method)}
    assert methods == {"curated"}
    assert any("not searched" in line and "not cached" in line for line in report.lines)
    assert (KGI["place/italy"], SKOS.exactMatch, code_iri("iso3166-1", "IT")) in founding_store.graph(CODELISTS_GRAPH)
    assert not (tmp_path / "empty-cache").exists()


def test_pipeline_run_applies_the_offline_link_stage(tmp_path, monkeypatch, closed_url) -> None:
    path = tmp_path / "store"
    st = ox.Store(str(path))
    st.load(path=str(Path(__file__).parent / "data" / "founding.trig"), format=ox.RdfFormat.TRIG)
    del st
    monkeypatch.setenv("KGRAPH_WIKIDATA_ENDPOINT", closed_url)
    s = Settings(store=f"oxigraph:{path}", wikidata_endpoint=closed_url, cache_dir=tmp_path / "cache")
    report = pipeline.run(s)
    assert any(line.startswith("linked 7 of 16 entities") for line in report.lines), report.lines
    with OxigraphStore(path) as store:
        assert (KGI["place/bergamo"], OWL.sameAs, WD.Q628) in store.graph(LINKS_GRAPH)
        assert len(store.graph(CODELISTS_GRAPH)) > 2000


def test_a_concept_is_linked_with_exact_match(founding_store, tmp_path, closed_url) -> None:
    founding_store.update(
        "INSERT DATA { GRAPH <https://w3id.org/kgraph/graph/test> { "
        "<https://w3id.org/kgraph/id/place/africa> a <http://www.w3.org/2004/02/skos/core#Concept> } }")
    s = Settings(store="memory:", wikidata_endpoint=closed_url, cache_dir=tmp_path / "cache")
    link_offline(founding_store, s)
    links = founding_store.graph(LINKS_GRAPH)
    assert (KGI["place/africa"], SKOS.exactMatch, WD.Q15) in links
    assert (KGI["place/africa"], OWL.sameAs, None) not in links
    assert (KGI["place/italy"], OWL.sameAs, WD.Q38) in links
    assert {LINKS_GRAPH} == set(links.subjects(VOID.linkPredicate, SKOS.exactMatch))
