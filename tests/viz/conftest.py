"""Fixtures of the viz tests: the hand-made founding sample in real Oxigraph stores, and a
sample carrying script-injection payloads in labels and quotes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from viz_payloads import PAYLOAD_FLAG, PAYLOAD_HREF, PAYLOAD_IMG, PAYLOAD_QUOTES, PAYLOAD_SCRIPT

from kgraph.namespaces import FOAF, KG, KGG, KGI, OA, ORG, PROV, RDF, RDFS, SKOS
from kgraph.store import OxigraphStore

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLE = DATA / "viz-founding-sample.trig"



def load_sample(store: OxigraphStore) -> OxigraphStore:
    store.ox_store.load(path=str(SAMPLE))
    return store


def payload_graph() -> Graph:
    """Two organisations and a person whose labels and provenance quotes are attacks."""
    g = Graph()
    evil_org, evil_org2 = KGI["org/evil-script"], KGI["org/evil-img"]
    person = KGI["person/evil-href"]
    membership = KGI["membership/evil-href/evil-script/president"]
    ann, sel = KGI["annotation/evil/1-2"], KGI["annotation/evil/1-2/quote"]
    g.add((evil_org, RDF.type, KG.TradeAssociation))
    g.add((evil_org, SKOS.prefLabel, Literal(PAYLOAD_SCRIPT, lang="en")))
    g.add((evil_org, SKOS.altLabel, Literal(PAYLOAD_FLAG, lang="en")))
    g.add((evil_org, PROV.wasDerivedFrom, ann))
    g.add((evil_org2, RDF.type, KG.Company))
    g.add((evil_org2, SKOS.prefLabel, Literal(PAYLOAD_IMG, lang="en")))
    g.add((evil_org2, ORG.memberOf, evil_org))
    g.add((person, RDF.type, FOAF.Person))
    g.add((person, SKOS.prefLabel, Literal(PAYLOAD_HREF, lang="en")))
    g.add((person, FOAF.name, Literal(PAYLOAD_QUOTES)))
    g.add((membership, RDF.type, ORG.Membership))
    g.add((membership, RDF.type, KG.Fact))
    g.add((membership, ORG.member, person))
    g.add((membership, ORG.organization, evil_org))
    g.add((membership, ORG.role, KGI["role/evil"]))
    g.add((KGI["role/evil"], RDFS.label, Literal(PAYLOAD_FLAG)))
    g.add((membership, PROV.wasDerivedFrom, ann))
    g.add((ann, OA.hasSelector, sel))
    g.add((sel, RDF.type, OA.TextQuoteSelector))
    g.add((sel, OA.exact, Literal(PAYLOAD_FLAG + " " + PAYLOAD_QUOTES)))
    g.add((evil_org, ORG.memberOf, KGI["org/assomac"]))
    return g


@pytest.fixture
def sample_store() -> Iterator[OxigraphStore]:
    store = load_sample(OxigraphStore(None))
    yield store
    store.close()


@pytest.fixture
def payload_store() -> Iterator[OxigraphStore]:
    store = load_sample(OxigraphStore(None))
    store.replace_graph(KGG["release/evil"], payload_graph())
    yield store
    store.close()


@pytest.fixture
def sample_store_url(tmp_path: Path) -> str:
    """An on-disk Oxigraph store holding the sample, closed so a command can open it."""
    path = tmp_path / "store"
    store = load_sample(OxigraphStore(path))
    store.close()
    return f"oxigraph:{path}"
