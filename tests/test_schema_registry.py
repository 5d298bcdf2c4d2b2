"""The schema registry (kgraph.schema) drives every consumer of the KG contract.

The proof of issue 12 item 1: a fact kind added in one place, the ontology (a class, two
properties and the registry's annotations, here a test-local copy), with its dataclass
appears in the writer, the read-back, the network projection and evaluation, with no
code of any of them changed. The other tests check that what the consumers used to
restate agrees with the ontology, and that SPARQL prefixes are spelled in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kgraph import model
from kgraph._readback import read_back, release_graph
from kgraph.evaluation import KINDS, Gold, load_gold, score
from kgraph.extract.rdf import to_graph
from kgraph.model import Document, DocumentInfo, Extraction, Fact, Mention, Organisation
from kgraph.namespaces import KG, ORG, PREFIXES, RDF, SDO, SKOS
from kgraph.schema import Registry, load_registry, registry, shipped_ontology_file
from kgraph.store import OxigraphStore
from kgraph.viz import project

ROOT = Path(__file__).resolve().parents[1]
KG_NS = str(KG._NS)
AWARD = URIRef(KG_NS + "AwardStatement")
PRIZE = URIRef(KG_NS + "Prize")
AWARDED_TO = URIRef(KG_NS + "awardedTo")
PRIZE_P = URIRef(KG_NS + "prize")

# The whole of the new fact kind, as the ontology states it: a class with the registry's
# annotations, a concept class for its prizes, and two properties whose rdfs:domain is
# the class and whose kg:modelName is the dataclass field they hold.
TOY_KIND = f"""
@prefix kg: <{KG_NS}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .

kg:AwardStatement a owl:Class ; rdfs:subClassOf kg:Fact ; rdfs:label "award statement"@en ;
    kg:modelName "Award" ; kg:goldKey "awards" ; kg:factOrder 20 ;
    kg:edgeSource ( kg:awardedTo ) ; kg:edgeTarget ( kg:prize ) ; kg:edgeLabel "awarded" .
kg:Prize a owl:Class ; rdfs:subClassOf skos:Concept ; rdfs:label "prize"@en ;
    kg:legend "Prize" ; kg:precedence 40 .
kg:awardedTo a owl:ObjectProperty ; rdfs:domain kg:AwardStatement ; rdfs:range foaf:Agent ;
    kg:modelName "winner" .
kg:prize a owl:ObjectProperty ; rdfs:domain kg:AwardStatement ; rdfs:range kg:Prize ;
    kg:modelName "prize" .
"""


@dataclass
class Award(Fact):
    winner: str
    prize: str


TEXT = ("Brescia, 3 March 2025 - Officine Rampini received the Silver Lathe award from the "
        "jury of the machining fair, the third prize in its history.")
SLUG = "toy-2025-03-03-award"


@pytest.fixture(scope="module")
def toy_registry() -> Registry:
    graph = Graph().parse(shipped_ontology_file(), format="turtle")
    graph.parse(data=TOY_KIND, format="turtle")
    return Registry.from_graph(graph, {"Award": Award})


def _extraction() -> Extraction:
    doc = Document(slug=SLUG, path=f"{SLUG}.txt", text=TEXT, language="en", sha256="0" * 64)
    start = TEXT.index("Officine Rampini")
    end = TEXT.index(" from the jury")
    quote = Mention(TEXT[start:end], start, end)
    name = Mention("Officine Rampini", start, start + len("Officine Rampini"))
    return Extraction(document=doc, info=DocumentInfo(Mention("", 0, 0)), facts=[
        Organisation(name, name="Officine Rampini", type="Company"),
        Award(quote, winner="Officine Rampini", prize="Silver Lathe", rule="toy"),
    ])


def test_a_fact_kind_added_in_the_ontology_reaches_every_consumer(
        toy_registry: Registry, tmp_path: Path) -> None:
    kind = toy_registry.kind("Award")
    assert kind.cls == AWARD and kind.gold == "awards"
    assert [(f.name, f.kind) for f in kind.fields] == [("winner", "agent"), ("prize", "concept")]

    # writer: the fact becomes a node of its class, its values an organisation and a concept
    ex = _extraction()
    g = to_graph(ex, schema=toy_registry)
    [node] = g.subjects(RDF.type, AWARD)
    assert (node, RDF.type, KG.Fact) in g
    winner = g.value(node, AWARDED_TO)
    assert (winner, RDF.type, KG.Company) in g
    prize = g.value(node, PRIZE_P)
    assert (prize, RDF.type, PRIZE) in g and (prize, SKOS.prefLabel, Literal("Silver Lathe", lang="en")) in g
    # ... and the shipped registry, which has no such kind, writes none
    assert not list(to_graph(ex).subjects(RDF.type, AWARD))

    # read-back: the graph gives the fact back
    store = OxigraphStore()
    store.replace_graph(release_graph(SLUG), g)
    back = read_back(store, SLUG, schema=toy_registry)
    [award] = [f for f in back.facts if isinstance(f, Award)]
    assert (award.winner, award.prize, award.rule) == ("Officine Rampini", "Silver Lathe", "toy")
    assert award.evidence == ex.facts[1].evidence

    # network: one edge from the winner to the prize, the prize a node of its legend class
    net = project(store, schema=toy_registry)
    assert net.nodes[str(prize)]["cls"] == "Prize"
    [(s, t, data)] = [(s, t, d) for s, t, d in net.edges(data=True) if d["fact"] == str(node)]
    assert (s, t) == (str(winner), str(prize))
    assert data["label"] == "awarded" and data["predicate"] == "Award statement"
    fan = project(store, schema=toy_registry, facts_as_nodes=True)
    assert fan.nodes[str(node)]["cls"] == "Fact"

    # evaluation: the gold key is read from a gold file and scored
    gold_file = tmp_path / f"{SLUG}.yaml"
    gold_file.write_text(f"release: {SLUG}.txt\nawards:\n"
                         "  - winner: Officine Rampini\n    prize: silver lathe\n"
                         "  - winner: Officine Rampini\n    prize: Golden Gear\n", encoding="utf-8")
    gold = load_gold(gold_file, schema=toy_registry)
    assert len(gold.records["awards"]) == 2
    s = score(back, gold, schema=toy_registry)
    assert (s["awards"].tp, s["awards"].fp, s["awards"].fn) == (1, 0, 1)
    assert "awards" not in load_gold(gold_file).records  # the shipped registry: not a kind


TOY_CLASS = f"""
@prefix kg: <{KG_NS}> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

kg:Startup a owl:Class ; rdfs:subClassOf kg:Company ; rdfs:label "start-up"@en ;
    kg:legend "Organisation" ; kg:precedence 13 .
"""


def test_an_organisation_class_added_in_the_ontology_reaches_every_consumer(tmp_path: Path) -> None:
    """The class hierarchy too: a subclass of kg:Company declared in the ontology alone is
    written with its superclasses, read back, drawn, reconciled as a company and scored
    as a Company."""
    from kgraph.link._reconcile import find_entities

    graph = Graph().parse(shipped_ontology_file(), format="turtle")
    graph.parse(data=TOY_CLASS, format="turtle")
    reg = Registry.from_graph(graph)
    startup = URIRef(KG_NS + "Startup")
    assert "Startup" in reg.org_types and reg.org_class("Startup") == "Company"

    ex = _extraction()
    ex.facts[0] = Organisation(ex.facts[0].evidence, name="Officine Rampini", type="Startup")
    g = to_graph(ex, schema=reg)
    org = g.value(predicate=RDF.type, object=startup)
    assert org is not None and (org, RDF.type, ORG.FormalOrganization) in g
    store = OxigraphStore()
    store.replace_graph(release_graph(SLUG), g)
    [back] = [f for f in read_back(store, SLUG, schema=reg).facts if isinstance(f, Organisation)]
    assert back.type == "Startup"
    net = project(store, schema=reg)
    assert (net.nodes[str(org)]["cls"], net.nodes[str(org)]["type"]) == ("Organisation", "Start-up")
    [entity] = [e for e in find_entities(store, schema=reg) if e.iri == org]
    assert entity.kind == "company"
    gold = Gold("x.yaml", f"{SLUG}.txt", "en",
                {"organisations": [{"name": "Officine Rampini", "type": "Company"}]})
    assert score(read_back(store, SLUG, schema=reg), gold, schema=reg)["organisations"].tp == 1


def test_registry_agrees_with_the_model() -> None:
    reg = registry()
    assert set(reg.org_types) == set(model.ORG_TYPES)
    assert set(reg.place_classes) == set(model.PLACE_KINDS)
    for kind in reg.fact_kinds:
        assert kind.model is not None and issubclass(kind.model, Fact), kind.name
    assert KINDS == reg.gold_keys == (
        "document", "organisations", "people", "events", "segments", "observations",
        "markets", "relations", "priorities", "drivers")


def test_class_hierarchy_comes_from_the_ontology() -> None:
    reg = registry()
    assert reg.org_class("Confederation") == "TradeAssociation"
    assert reg.org_class("InnovationDistrict") == "Venue"
    assert reg.org_class("Company") == "Company"
    # what the writer states with a class: itself and its kg:materialised superclasses
    assert set(reg.types_of(KG.Confederation)) == {
        KG.Confederation, KG.TradeAssociation, ORG.FormalOrganization, ORG.Organization}
    assert set(reg.types_of(KG.InnovationDistrict)) == {
        KG.InnovationDistrict, KG.Venue, ORG.Organization, SDO.Place}
    assert set(reg.types_of(KG.University)) == {KG.University, ORG.FormalOrganization, ORG.Organization}
    assert set(reg.types_of(KG.TradeFairEdition)) == {KG.TradeFairEdition, SDO.Event}
    # a node's class: the type of highest precedence, subclass before superclass
    first = reg.first([ORG.Organization, KG.TradeAssociation, KG.Confederation])
    assert first is not None and first.iri == KG.Confederation


def test_a_registry_file_can_be_loaded(tmp_path: Path) -> None:
    path = tmp_path / "kgraph.ttl"
    path.write_text(shipped_ontology_file().read_text(encoding="utf-8") + TOY_KIND, encoding="utf-8")
    reg = load_registry(path, models={"Award": Award})
    assert reg.kind("Award").edge is not None
    assert "awards" in reg.gold_keys


_PREFIX_LINE = re.compile(r"PREFIX\s+([\w-]*):\s*<(http[^>]*)>", re.IGNORECASE)
# modules still allowed to spell their own prefixes (none: the server's pages take
# namespaces.sparql_prologue too)
_NOT_YET: set[str] = set()


def test_sparql_prefixes_are_spelled_only_in_namespaces() -> None:
    """No module but kgraph.namespaces writes a PREFIX declaration of its own; queries
    get theirs from the store (PREFIXES) or from namespaces.sparql_prologue."""
    offenders = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in sorted((ROOT / "src" / "kgraph").rglob("*.py"))
        if path.name != "namespaces.py" and str(path.relative_to(ROOT / "src" / "kgraph")) not in _NOT_YET
        for m in _PREFIX_LINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_named_queries_declare_prefixes_as_namespaces_does() -> None:
    """A named query (queries/*.rq) keeps its PREFIX lines, so that it runs as it is on any
    SPARQL endpoint, but each must bind its prefix to the IRI kgraph.namespaces gives it."""
    wrong = []
    for path in sorted((ROOT / "queries").glob("*.rq")):
        for m in _PREFIX_LINE.finditer(path.read_text(encoding="utf-8")):
            if PREFIXES.get(m.group(1)) != m.group(2):
                wrong.append(f"{path.name}: {m.group(0)}")
    assert not wrong


def test_gold_of_the_shipped_kinds_is_read_as_before() -> None:
    gold = Gold("x.yaml", "x.txt", "en", {"organisations": []})
    assert score(_extraction(), gold)["organisations"].fp == 1
