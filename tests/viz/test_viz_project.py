"""Projection of a real Oxigraph store onto networkx, by SPARQL against the KG contract."""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, URIRef

from kgraph.errors import InputError, QueryError
from kgraph.namespaces import KGI
from kgraph.schema import registry
from kgraph.store import OxigraphStore
from kgraph.viz import CLASS_OF_TYPE, network_from_triples, project, query_network, release_iri
from kgraph.viz._project import _q_entities

RELEASE = "assomac-2025-06-20-sector-2024"


def by_label(g, label):
    found = [n for n, d in g.nodes(data=True) if d["label"] == label]
    assert len(found) == 1, (label, found)
    return found[0]


def edge_labels(g, a, b):
    target = by_label(g, b)
    return sorted(d["label"] for _, v, d in g.edges(by_label(g, a), data=True) if v == target)


def test_entities_become_nodes_with_class_label_and_wikidata(sample_store: OxigraphStore) -> None:
    g = project(sample_store)
    classes = {}
    for _, d in g.nodes(data=True):
        classes[d["cls"]] = classes.get(d["cls"], 0) + 1
    assert classes == {"Release": 1, "Person": 4, "Event": 1, "Organisation": 5, "Unit": 1,
                       "Market": 1, "Place": 7, "Sector": 1, "Segment": 3, "Programme": 1,
                       "Priority": 2, "Driver": 1}
    italy = g.nodes[by_label(g, "Italy")]
    assert italy["type"] == "Country"
    assert italy["wikidata"] == "http://www.wikidata.org/entity/Q38"
    assert italy["iri"] == str(KGI["place/italy"])
    # literals as attributes; the English label wins over the Italian one
    assert set(italy["notation"].split("; ")) == {"IT", "380"}
    polimi = g.nodes[by_label(g, "Milan Polytechnic")]
    assert polimi["altLabel"] == "Politecnico di Milano" and polimi["type"] == "University"
    venue = g.nodes[by_label(g, "Kilometro Rosso Innovation District")]
    assert venue["type"] == "Innovation district"  # not the broader org type
    event = g.nodes[by_label(g, "General Assembly of Assomac 2025")]
    assert event["cls"] == "Event" and event["startDate"] == "2025-06-20"
    assert event["quotes"] == ["the General Assembly of Assomac, hosted today at the Kilometro "
                               "Rosso Innovation District in Bergamo"]
    # roles, indicators, annotations are not entities
    assert not any("/role/" in n or "/annotation/" in n or "/indicator/" in n for n in g)


def test_n_ary_facts_fold_into_labelled_edges_with_quotes(sample_store: OxigraphStore) -> None:
    g = project(sample_store)
    assert edge_labels(g, "Mauro Bergozza", "Assomac") == ["President"]
    assert edge_labels(g, "Maurizio Forte", "Italian Trade Agency") == [
        "Managing Director, Export Promotion Department"]
    assert edge_labels(g, "Italy", "tannery machinery") == ["world export share 52 % (2024)"]
    assert edge_labels(g, "Italy", "footwear, leather goods and tannery machinery") == [
        "turnover 575 million EUR (2024)", "world export share 30 % (2024)"]
    assert edge_labels(g, "footwear machinery", "China") == ["competitor"]
    assert edge_labels(g, "footwear, leather goods and tannery machinery", "India") == [
        "export priority"]
    assert edge_labels(g, "Assomac", "access to subsidised finance tools") == ["priority"]
    assert edge_labels(g, "access to subsidised finance tools", "Industry 5.0") == ["programme"]
    # binary relations, one edge per fact
    assert edge_labels(g, "Assomac", "Confindustria") == ["member of"]
    assert edge_labels(g, "General Assembly of Assomac 2025", "Maurizio Tarquini") == ["speaker"]
    assert edge_labels(g, "tannery machinery", "footwear, leather goods and tannery machinery") == [
        "segment of"]
    [president] = [d for _, _, d in g.edges(by_label(g, "Mauro Bergozza"), data=True)
                   if d["label"] == "President"]
    assert president["quotes"] == ["Mauro Bergozza, President of Assomac"]
    assert president["fact"].endswith("/membership/mauro-bergozza/assomac/president")
    quoted = [d for _, _, d in g.edges(data=True) if d["label"] == "quoted in"]
    assert quoted[0]["quotes"] == [
        "Our sector is going through a phase of deep, but not irreversible suffering"]
    assert g.number_of_nodes() == 28 and g.number_of_edges() == 35


def test_facts_can_stay_nodes(sample_store: OxigraphStore) -> None:
    folded = project(sample_store)
    g = project(sample_store, facts_as_nodes=True)
    facts = [n for n, d in g.nodes(data=True) if d["cls"] == "Fact"]
    assert len(facts) == 4 + 5 + 6 + 3 + 1  # memberships, observations, markets, statements, quote
    obs = g.nodes[str(KGI[f"obs/{RELEASE}/world_export_share/2"])]
    assert obs["label"] == "world export share 52 % (2024)" and obs["type"] == "Observation"
    assert obs["quotes"] == ["it holds 52% of the global export of tannery machinery"]
    roles = sorted(d["label"] for _, _, d in g.out_edges(obs["iri"], data=True))
    assert roles == ["area", "scope"]
    membership = next(n for n in facts if n.endswith("/maurizio-forte/italian-trade-agency/managing-director/export-promotion-department"))
    assert sorted(d["label"] for _, _, d in g.out_edges(membership, data=True)) == [
        "member", "organisation", "unit"]
    assert g.number_of_nodes() == folded.number_of_nodes() + len(facts)


def test_release_view_and_release_lookup(sample_store: OxigraphStore) -> None:
    for name in (RELEASE, f"{RELEASE}.txt", f"data/releases/{RELEASE}.txt", str(KGI[f"release/{RELEASE}"])):
        iri, graph = release_iri(sample_store, name)
        assert iri == KGI[f"release/{RELEASE}"] and str(graph).endswith(f"graph/release/{RELEASE}")
    g = project(sample_store, release=RELEASE)
    assert g.number_of_nodes() == 28 and g.number_of_edges() == 35
    with pytest.raises(InputError, match=f"releases: {RELEASE}"):
        project(sample_store, release="nope-2020")


def test_release_name_is_a_binding_not_query_text(sample_store: OxigraphStore) -> None:
    before = len(sample_store)
    evil = '"> } } ; DROP ALL ; SELECT * { ?s ?p ?o'
    with pytest.raises(InputError, match="no such release"):
        project(sample_store, release=evil)
    assert len(sample_store) == before


def test_entity_query_lists_exactly_the_mapped_classes() -> None:
    values = re.search(r"VALUES \?type \{([^}]*)\}", _q_entities(registry())).group(1).split()  # type: ignore[union-attr]
    iris = [URIRef(v.strip("<>")) for v in values]
    assert iris == list(CLASS_OF_TYPE)


def test_construct_and_select_draw_as_networks(sample_store: OxigraphStore) -> None:
    construct = """PREFIX org: <http://www.w3.org/ns/org#>
    CONSTRUCT { ?p org:memberOf ?o } WHERE { ?m org:member ?p ; org:organization ?o }"""
    g = query_network(sample_store, construct)
    assert g.number_of_nodes() == 8 and g.number_of_edges() == 4
    assert g.nodes[str(KGI["person/mauro-bergozza"])]["label"] == "Mauro Bergozza"
    assert g.nodes[str(KGI["person/mauro-bergozza"])]["cls"] == "Person"
    select = """PREFIX org: <http://www.w3.org/ns/org#>
    SELECT ?s ?p ?o WHERE { ?s org:unitOf ?o BIND(org:unitOf AS ?p) }"""
    g2 = query_network(sample_store, select)
    assert [g2.nodes[n]["label"] for n in g2] == ["Export Promotion Department", "Italian Trade Agency"]
    assert [d["label"] for _, _, d in g2.edges(data=True)] == ["unit of"]


def test_query_networks_refuse_what_they_cannot_draw(sample_store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match=r"must project \?s \?p \?o \(missing: \?p, \?o\)"):
        query_network(sample_store, "SELECT ?s WHERE { ?s ?p ?o }", source="q.rq")
    with pytest.raises(QueryError, match="ASK"):
        query_network(sample_store, "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="^bad.rq: .*malformed SPARQL"):
        query_network(sample_store, "CONSTRUCT WHERE {", source="bad.rq")


def test_triples_without_a_store_use_their_own_labels() -> None:
    a, b = URIRef("http://example.org/a"), URIRef("http://example.org/b")
    knows = URIRef("http://xmlns.com/foaf/0.1/knows")
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    g = network_from_triples([(a, knows, b), (a, label, Literal("Alice")),
                              (b, URIRef("http://example.org/age"), Literal(42))])
    assert g.nodes[str(a)]["label"] == "Alice" and g.nodes[str(b)]["label"] == "b"
    assert g.nodes[str(b)]["age"] == "42"
    assert [d["label"] for _, _, d in g.edges(data=True)] == ["knows"]


def test_reference_concepts_appear_only_when_linked(sample_store: OxigraphStore) -> None:
    labels = {d["label"] for _, d in project(sample_store).nodes(data=True)}
    assert "textile machinery" not in labels and "spare parts" not in labels
    # the main sector is declared by the scheme too, but a release mentions it
    assert "footwear, leather goods and tannery machinery" in labels
    sample_store.update(
        "INSERT DATA { GRAPH <https://w3id.org/kgraph/graph/release/other> {"
        " <https://w3id.org/kgraph/id/sector/spare-parts> <http://www.w3.org/2004/02/skos/core#broader>"
        " <https://w3id.org/kgraph/id/sector/footwear-leather-goods-and-tannery-machinery> } }")
    g = project(sample_store)
    spare = g.nodes["https://w3id.org/kgraph/id/sector/spare-parts"]
    assert spare["label"] == "spare parts" and spare["cls"] == "Segment"


def test_a_projection_over_its_time_budget_is_stopped(sample_store) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from kgraph.errors import QueryTimeout
    from kgraph.viz import project

    with pytest.raises(QueryTimeout, match="stopped"):
        project(sample_store, timeout=0.001)
    assert project(sample_store, timeout=60).number_of_nodes() > 0


def test_linked_figures_hang_from_their_release_and_its_publisher(sample_store: OxigraphStore) -> None:
    plain = project(sample_store)
    assert not any(d["cls"] == "Figure" for _, d in plain.nodes(data=True))
    g = project(sample_store, link_figures=True)
    figures = [n for n, d in g.nodes(data=True) if d["cls"] == "Figure"]
    assert len(figures) == 5
    release = next(n for n, d in g.nodes(data=True) if d["cls"] == "Release")
    assert by_label(g, "Assomac") in g.successors(release)  # dct:publisher
    for f in figures:
        states = [(u, d["label"]) for u, _, d in g.in_edges(f, data=True)]
        assert (release, "states") in states
        assert g.out_degree(f) >= 1  # what it measures: area, scope or counterpart
    assert sum("world export share" in g.nodes[f]["label"] for f in figures) == 4
    # the question of issue 15: from Assomac, two hops reach its release's figures
    from kgraph.viz import ego_network
    ego = ego_network(g, "Assomac", depth=2)
    assert set(figures) <= set(ego.nodes)
