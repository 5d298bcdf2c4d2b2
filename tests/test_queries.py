"""The named-query library: headers, parameters, and every query's answers on the
hand-made founding-release fixture, on every backend.

The lead can point ``KGRAPH_TEST_QUERY_DATA`` at an export (TriG/N-Quads) of the real
build to run the same assertions against it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from conftest import OxigraphServer
from kgraph.errors import ParameterError, QueryError
from kgraph.namespaces import FOAF, KGI, ORG
from kgraph.queries import NamedQuery, QueryLibrary, default_query_dir, to_term
from kgraph.store import SelectResult, Store, open_store

DATA = Path(os.environ.get("KGRAPH_TEST_QUERY_DATA",
                           Path(__file__).parent / "data" / "founding-sample.trig"))
QUERY_FILES = sorted(default_query_dir().glob("*.rq"))
R1 = "assomac-2025-06-20-sector-2024.txt"
R2 = "sample-2025-01-30-preview-2024.txt"
LIB = QueryLibrary()


@pytest.fixture(scope="module", params=["memory", "oxigraph", pytest.param("remote", marks=pytest.mark.server)])
def kgstore(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The fixture dataset loaded once per backend."""
    tmp = tmp_path_factory.mktemp(request.param)
    server = None
    if request.param == "memory":
        store = open_store("memory:")
    elif request.param == "oxigraph":
        store = open_store(f"oxigraph:{tmp / 'store'}")
    else:
        server = OxigraphServer(tmp / "server")
        store = open_store(server.base)
    store.load(DATA)
    try:
        yield store
    finally:
        store.close()
        if server is not None:
            server.stop()


def run(store: Store, name: str, **params: object) -> SelectResult:
    res = LIB.run(name, params, store=store)
    assert isinstance(res, SelectResult)
    assert res.vars == LIB.get(name).columns
    return res


def col(res: SelectResult, var: str) -> list[str | None]:
    return [None if v is None else str(v) for v in res.column(var)]


# --- headers --------------------------------------------------------------------------

def test_there_are_at_least_twelve_queries() -> None:
    assert len(QUERY_FILES) >= 12


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_header_is_complete_and_query_parses(path: Path) -> None:
    q = NamedQuery.from_file(path)
    assert q.title and len(q.description) > 20 and q.columns
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
    for p in q.params:
        assert p.description, f"{path.name}: parameter {p.name} lacks a description"
        assert re.search(rf"\?{p.name}\b", body), f"{path.name}: ?{p.name} is not used"
    # it parses and runs on an empty store; a SELECT projects exactly its declared columns
    samples = {p.name: ("kgi:org/assomac" if p.type == "iri" else p.default)
               for p in q.params if p.required}
    res = open_store("memory:").query(q.text, bindings=q.bindings(samples), source=str(path))
    if q.form == "SELECT":
        assert isinstance(res, SelectResult) and res.vars == q.columns
    elif q.form == "ASK":
        assert q.columns == ["boolean"] and res is False
    else:
        assert q.columns == ["triples"] and isinstance(res, Graph)


def test_malformed_header_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: t\n# description: d\nSELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="lacks columns"):
        NamedQuery.from_file(bad)
    bad.write_text("# title: t\n# description: d\n# columns: s\n# param x: float = 1 | x\n"
                   "SELECT ?s WHERE { ?s ?p ?x }\n", encoding="utf-8")
    with pytest.raises(QueryError, match="unknown type 'float'") as info:
        NamedQuery.from_file(bad)
    assert info.value.line == 4


# --- parameters -----------------------------------------------------------------------

def test_unknown_query_suggests_nearest_names() -> None:
    with pytest.raises(QueryError) as info:
        LIB.get("people-role")
    assert "people-roles" in info.value.suggestions
    assert "did you mean: people-roles" in str(info.value)


def test_missing_unknown_and_mistyped_parameters(kgstore: Store) -> None:
    with pytest.raises(ParameterError, match="missing parameter 'entity'"):
        LIB.run("entity-facts", {}, store=kgstore)
    with pytest.raises(ParameterError) as info:
        LIB.run("people-roles", {"organization": "Assomac"}, store=kgstore)
    assert info.value.suggestions == ["organisation"]
    with pytest.raises(ParameterError, match="'minShare' expects a decimal"):
        LIB.run("world-export-share", {"minShare": "lots"}, store=kgstore)
    with pytest.raises(ParameterError, match="'entity'"):
        LIB.run("entity-facts", {"entity": "not an iri"}, store=kgstore)
    with pytest.raises(ParameterError, match="expects a string"):
        LIB.run("people-roles", {"organisation": 12}, store=kgstore)


def test_parameter_coercion() -> None:
    assert to_term("e", "iri", "kgi:org/assomac") == KGI["org/assomac"]
    assert to_term("e", "iri", "<http://example.org/x>") == URIRef("http://example.org/x")
    assert to_term("n", "integer", "42") == Literal(42)
    assert to_term("d", "decimal", "2.5").toPython() == Decimal("2.5")
    assert str(to_term("d", "date", "2025-06-20")) == "2025-06-20"
    assert to_term("b", "boolean", "yes") == Literal(True)
    for type_, value in [("integer", "4.5"), ("date", "20/06/2025"), ("boolean", "maybe"),
                         ("integer", True), ("iri", "a b c"), ("iri", "relative/path")]:
        with pytest.raises(ParameterError):
            to_term("p", type_, value)


def test_injection_through_a_named_query_parameter(kgstore: Store) -> None:
    before = kgstore.export(format="nq")
    res = run(kgstore, "people-roles", organisation='") || true || ("')
    assert res.rows == []
    res = run(kgstore, "markets-by-relation", relation='competitor" || "" = "')
    assert res.rows == []
    assert kgstore.export(format="nq") == before


# --- the analyst questions --------------------------------------------------------------

def test_people_roles(kgstore: Store) -> None:
    res = run(kgstore, "people-roles")
    assert sorted(zip(col(res, "name"), col(res, "role"), col(res, "orgName"), strict=True)) == [
        ("Giuliano Noci", "Professor of Strategy and Marketing", "Milan Polytechnic"),
        ("Maurizio Forte", "Managing Director", "Italian Trade Agency"),
        ("Maurizio Tarquini", "Director General", "Confindustria"),
        ("Mauro Bergozza", "President", "Assomac"),
    ]
    # filter by label or alias, case-insensitive; the unit of the role comes along
    ice = run(kgstore, "people-roles", organisation="ice")
    assert col(ice, "name") == ["Maurizio Forte"]
    assert col(ice, "unit") == ["Export Promotion Department"]
    assert col(ice, "source") == [R1]
    assert col(run(kgstore, "people-roles", organisation="Politecnico"), "name") == ["Giuliano Noci"]
    assert run(kgstore, "people-roles", organisation="Nowhere Inc").rows == []


def test_organisations_by_type(kgstore: Store) -> None:
    res = run(kgstore, "organisations-by-type")
    assert dict(zip(col(res, "name"), col(res, "type"), strict=True)) == {
        "Assomac": "TradeAssociation", "Confindustria": "Confederation",
        "Italian Trade Agency": "GovernmentAgency", "Milan Polytechnic": "University",
        "Kilometro Rosso Innovation District": "InnovationDistrict",
    }
    # a confederation is a trade association, an innovation district a venue
    assert col(run(kgstore, "organisations-by-type", kind="TradeAssociation"), "name") == [
        "Confindustria", "Assomac"]
    assert col(run(kgstore, "organisations-by-type", kind="venue"), "name") == [
        "Kilometro Rosso Innovation District"]


def test_event_programme(kgstore: Store) -> None:
    res = run(kgstore, "event-programme", match="assomac")
    assert {str(v) for v in res.column("event")} == {str(KGI["event/assomac/general-assembly/2025-06-20"])}
    row = res.rows[0]
    assert str(row["title"]) == "Growth, Collaboration and Innovation for the European Fashion Industry"
    assert str(row["date"]) == "2025-06-20"
    assert (str(row["venue"]), str(row["city"]), str(row["organiser"])) == (
        "Kilometro Rosso Innovation District", "Bergamo", "Assomac")
    parts = sorted(zip(col(res, "part"), col(res, "name"), strict=True))
    assert parts == [("attendee", "Mauro Bergozza"), ("speaker", "Giuliano Noci"),
                     ("speaker", "Maurizio Forte"), ("speaker", "Maurizio Tarquini")]
    assert run(kgstore, "event-programme", match="no such event").rows == []


def test_release_figures(kgstore: Store) -> None:
    res = run(kgstore, "release-figures", release="sector-2024")
    table = {(str(r["indicator"]), str(r["scope"])): (r["value"].toPython(), str(r["unit"]))  # type: ignore[union-attr]
             for r in res}
    assert table == {
        ("turnover", "footwear, leather goods and tannery machinery"): (Decimal(575000000), "EUR"),
        ("turnover_change", "footwear, leather goods and tannery machinery"): (Decimal(-12), "percent"),
        ("world_export_share", "footwear, leather goods and tannery machinery"): (Decimal(30), "percent"),
        ("world_export_share", "tannery machinery"): (Decimal(52), "percent"),
        ("world_export_share", "leather goods machinery"): (Decimal(35), "percent"),
        ("world_export_share", "footwear machinery"): (Decimal(12), "percent"),
    }
    assert set(col(res, "period")) == {"2024"} and set(col(res, "area")) == {"Italy"}
    turnover = next(r for r in res if str(r["indicator"]) == "turnover")
    assert sorted(str(turnover["status"]).split()) == ["estimated", "preliminary"]
    assert len(run(kgstore, "release-figures").rows) == 8


def test_world_export_share_ranked(kgstore: Store) -> None:
    res = run(kgstore, "world-export-share", period="2024")
    assert list(zip(col(res, "segment"), [v.toPython() for v in res.column("share")], strict=True)) == [  # type: ignore[union-attr]
        ("tannery machinery", Decimal(52)), ("leather goods machinery", Decimal(35)),
        ("footwear machinery", Decimal(12))]
    assert col(run(kgstore, "world-export-share", minShare="30"), "segment") == [
        "tannery machinery", "leather goods machinery"]
    assert run(kgstore, "world-export-share", period="1999").rows == []


def test_indicator_series(kgstore: Store) -> None:
    res = run(kgstore, "indicator-series", indicator="turnover")
    assert [(str(r["refPeriod"]), r["value"].toPython(), str(r["source"])) for r in res] == [  # type: ignore[union-attr]
        ("2023", Decimal(653000000), R2), ("2024", Decimal(575000000), R1)]
    shares = run(kgstore, "indicator-series", indicator="world_export_share", scope="leather goods machinery")
    assert [v.toPython() for v in shares.column("value")] == [Decimal(35)]  # type: ignore[union-attr]


def test_markets_by_relation(kgstore: Store) -> None:
    prio = run(kgstore, "markets-by-relation", relation="export_priority")
    assert col(prio, "marketName") == ["Africa", "India", "South America", "South-East Asia"]
    competitor = run(kgstore, "markets-by-relation", relation="competitor")
    assert col(competitor, "marketName") == ["China"]
    assert col(competitor, "scopeLabel") == ["footwear machinery"]
    every = run(kgstore, "markets-by-relation")
    assert set(col(every, "relationType")) == {"domestic", "export_priority", "competitor"}


def test_priorities_by_organisation(kgstore: Store) -> None:
    res = run(kgstore, "priorities-by-organisation", organisation="Assomac")
    assert col(res, "priority") == [
        "acceleration of digital innovation", "access to subsidised finance tools",
        "investment in technical training", "support for exports in key markets"]
    # voiced by the president on behalf of Assomac
    assert col(res, "voicedBy")[0] == "Mauro Bergozza"
    finance = next(r for r in res if str(r["priority"]).startswith("access"))
    assert str(finance["programme"]) == "Industry 5.0"
    assert run(kgstore, "priorities-by-organisation", organisation="Confindustria").rows == []


def test_entity_facts_with_sources(kgstore: Store) -> None:
    res = run(kgstore, "entity-facts", entity="kgi:place/italy")
    out = {(str(r["property"]), str(r["value"])) for r in res if str(r["direction"]) == "out"}
    assert ("http://www.w3.org/2004/02/skos/core#notation", "IT") in out
    assert ("http://www.w3.org/2002/07/owl#sameAs", "http://www.wikidata.org/entity/Q38") in out
    incoming = {str(r["property"]) for r in res if str(r["direction"]) == "in"}
    assert "http://purl.org/linked-data/sdmx/2009/dimension#refArea" in incoming
    assert "https://w3id.org/kgraph/ontology#market" in incoming
    assert {s for s in col(res, "source") if s} == {R1, R2}


def test_fact_provenance(kgstore: Store) -> None:
    res = run(kgstore, "fact-provenance", fact="kgi:obs/assomac-2025-06-20-sector-2024/turnover/1")
    assert len(res) == 1
    row = res.rows[0]
    assert str(row["exact"]) == "estimated closure of around 575 million euros"
    assert (int(row["start"].toPython()), int(row["end"].toPython())) == (1150, 1195)  # type: ignore[union-attr]
    assert str(row["source"]) == R1 and str(row["published"]) == "2025-06-20"


def test_provenance_offsets_index_the_release_text(kgstore: Store) -> None:
    """Every annotation of the fixture quotes exactly text[start:end] of its release."""
    res = kgstore.query("""
        SELECT ?text ?exact ?start ?end WHERE {
          ?ann oa:hasSource ?rel ; oa:hasSelector ?q , ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
          ?rel schema:text ?text }""")
    assert isinstance(res, SelectResult) and len(res) == 25
    for r in res:
        start, end = int(r["start"].toPython()), int(r["end"].toPython())  # type: ignore[union-attr]
        assert str(r["text"])[start:end] == str(r["exact"])


def test_wikidata_linked_and_unlinked(kgstore: Store) -> None:
    linked = run(kgstore, "wikidata-links")
    assert dict(zip(col(linked, "name"), col(linked, "wikidata"), strict=True)) == {
        "China": "http://www.wikidata.org/entity/Q148", "India": "http://www.wikidata.org/entity/Q668",
        "Italy": "http://www.wikidata.org/entity/Q38"}
    unlinked = run(kgstore, "unlinked-entities")
    names = set(col(unlinked, "name"))
    assert {"Assomac", "Bergamo", "Mauro Bergozza", "Africa"} <= names
    assert not names & {"Italy", "China", "India"}
    assert col(run(kgstore, "unlinked-entities", kind="Country"), "name") == []
    assert LIB.run("is-linked", {"entity": "kgi:place/italy"}, store=kgstore) is True
    assert LIB.run("is-linked", {"entity": "kgi:org/assomac"}, store=kgstore) is False


def test_conflicting_figures(kgstore: Store) -> None:
    res = run(kgstore, "conflicting-figures")
    assert len(res) == 1
    r = res.rows[0]
    assert (str(r["indicator"]), str(r["refPeriod"]), str(r["area"])) == ("world_export_share", "2024", "Italy")
    assert {(r["value"].toPython(), str(r["source"])), (r["otherValue"].toPython(), str(r["otherSource"]))} == {  # type: ignore[union-attr]
        (Decimal(30), R1), (Decimal(31), R2)}


def test_releases_drivers_quotations(kgstore: Store) -> None:
    rel = run(kgstore, "releases")
    assert col(rel, "source") == [R2, R1]
    assert [int(f.toPython()) for f in rel.column("facts")] == [2, 24]  # type: ignore[union-attr]
    assert set(col(rel, "publisher")) == {"Assomac"}
    drivers = run(kgstore, "drivers", release="sector-2024")
    assert col(drivers, "driver") == ["geopolitical instability", "inflation"]
    assert col(drivers, "quote") == ["geopolitical instability", "inflation"]
    quotes = run(kgstore, "quotations", speaker="bergozza")
    assert col(quotes, "quote") == [
        "Our sector is going through a phase of deep, but not irreversible suffering"]
    assert run(kgstore, "organisation-relations").rows == []


def test_membership_network_is_a_graph(kgstore: Store) -> None:
    g = LIB.run("membership-network", store=kgstore)
    assert isinstance(g, Graph)
    assert (KGI["person/maurizio-forte"], ORG.memberOf, KGI["org/italian-trade-agency"]) in g
    assert len(list(g.subjects(FOAF.name, None))) == 4
