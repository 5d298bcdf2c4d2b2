"""The named-query library: headers, parameters, and every query's answers on the graph
the real pipeline builds from the founding release (`kgraph.pipeline.build`, then the
offline link stage with the curated links), on every backend. Conflicts and series need
two releases: the founding release plus an edited copy of it written to a temporary folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from kgraph.errors import ParameterError, QueryError
from kgraph.namespaces import FOAF, KGI, ORG
from kgraph.pipeline import build
from kgraph.queries import NamedQuery, QueryLibrary, default_query_dir, to_term
from kgraph.store import SelectResult, Store, open_store
from kgraph_testing import OxigraphServer

QUERY_FILES = sorted(default_query_dir().glob("*.rq"))
R1 = "assomac-2025-06-20-sector-2024.txt"
LIB = QueryLibrary()
SECTOR = "footwear, leather goods and tannery machinery"
Q = "http://www.wikidata.org/entity/"


def _open(kind: str, tmp: Path) -> tuple[Store, OxigraphServer | None]:
    if kind == "memory":
        return open_store("memory:"), None
    if kind == "oxigraph":
        return open_store(f"oxigraph:{tmp / 'store'}"), None
    server = OxigraphServer(tmp / "server")
    return open_store(server.base), server


@pytest.fixture(scope="module", params=["memory", "oxigraph", pytest.param("remote", marks=pytest.mark.server),
                                        pytest.param("virtuoso", marks=pytest.mark.server)])
def kgstore(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            founding_linked_trig: Path) -> Iterator[Store]:
    """The real build of the founding release (with curated links) once per backend."""
    if request.param == "virtuoso":
        store, server = open_store(request.getfixturevalue("virtuoso_server").emptied()), None
    else:
        store, server = _open(request.param, tmp_path_factory.mktemp(request.param))
    store.load(founding_linked_trig)
    try:
        yield store
    finally:
        store.close()
        if server is not None:
            server.stop()


def edited_release(founding: Path, folder: Path, name: str, edits: dict[str, str]) -> Path:
    """A copy of the founding release with some words replaced (each must occur)."""
    text = founding.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


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
    store = open_store("memory:")
    if "SERVICE" in body:
        # Federated queries would leave the machine: refused without --allow-federation,
        # and with it they are exercised against a local stand-in in tests/link.
        with pytest.raises(QueryError, match="SERVICE"):
            store.query(q.text, bindings=q.bindings(samples), source=str(path))
        prepareQuery(q.text)
        return
    res = store.query(q.text, bindings=q.bindings(samples), source=str(path))
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


# --- the analyst questions, on the real founding build ----------------------------

def test_people_roles(kgstore: Store) -> None:
    res = run(kgstore, "people-roles")
    assert sorted(zip(col(res, "name"), col(res, "role"), col(res, "orgName"), strict=True)) == [
        ("Giuliano Noci", "Professor of Strategy and Marketing", "Milan Polytechnic"),
        ("Maurizio Forte", "Managing Director", "Italian Trade Agency"),
        ("Maurizio Tarquini", "Director General", "Confindustria"),
        ("Mauro Bergozza", "President", "Assomac"),
    ]
    assomac = run(kgstore, "people-roles", organisation="Assomac")
    assert [(r, o) for r, o in zip(col(assomac, "name"), col(assomac, "role"), strict=True)] == [
        ("Mauro Bergozza", "President")]
    assert col(assomac, "person") == [str(KGI["person/mauro-bergozza"])]
    # filter by label, case-insensitive; the unit of the role comes along
    ita = run(kgstore, "people-roles", organisation="italian trade")
    assert col(ita, "name") == ["Maurizio Forte"]
    assert col(ita, "unit") == ["Export Promotion Department"]
    assert col(ita, "source") == [R1]
    assert col(run(kgstore, "people-roles", organisation="Polytechnic"), "name") == ["Giuliano Noci"]
    assert run(kgstore, "people-roles", organisation="Nowhere Inc").rows == []


def test_organisations_by_type(kgstore: Store) -> None:
    res = run(kgstore, "organisations-by-type")
    # the types of the gold file for the founding release
    assert dict(zip(col(res, "name"), col(res, "type"), strict=True)) == {
        "Assomac": "TradeAssociation", "Confindustria": "TradeAssociation",
        "Italian Trade Agency": "GovernmentAgency", "Milan Polytechnic": "University",
        "Kilometro Rosso Innovation District": "Venue",
    }
    assert sorted(col(run(kgstore, "organisations-by-type", kind="TradeAssociation"), "name")) == [
        "Assomac", "Confindustria"]
    assert col(run(kgstore, "organisations-by-type", kind="venue"), "name") == [
        "Kilometro Rosso Innovation District"]
    assert run(kgstore, "organisations-by-type", kind="Company").rows == []


def test_event_programme(kgstore: Store) -> None:
    res = run(kgstore, "event-programme", match="assomac")
    assert {str(v) for v in res.column("event")} == {str(KGI["event/assomac-2025-06-20-sector-2024/assomac/general-assembly/2025-06-20"])}
    row = res.rows[0]
    assert str(row["title"]) == "Growth, Collaboration and Innovation for the European Fashion Industry"
    assert str(row["date"]) == "2025-06-20"
    assert (str(row["venue"]), str(row["city"]), str(row["organiser"])) == (
        "Kilometro Rosso Innovation District", "Bergamo", "Assomac")
    # the four participants of the gold file; the three guests are the speakers
    assert sorted(col(res, "name")) == ["Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]
    speakers = {n for n, p in zip(col(res, "name"), col(res, "part"), strict=True) if p == "speaker"}
    assert {"Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini"} <= speakers
    assert run(kgstore, "event-programme", match="no such event").rows == []


def test_event_programme_lists_an_event_with_no_participant(tmp_path: Path) -> None:
    """A fair edition or a signing reported without names is still an event of the programme."""
    (tmp_path / "g.ttl").write_text(
        "@prefix kg: <https://w3id.org/kgraph/ontology#> . @prefix schema: <https://schema.org/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://example.org/ev/1> a kg:TradeFairEdition , schema:Event ; schema:name \"Probe Fair 2031\"@en ;\n"
        "    schema:startDate \"2031-05-02\"^^xsd:date .\n"
        "<https://example.org/ev/2> a schema:Event ; schema:name \"Probe signing\"@en .\n",
        encoding="utf-8")
    store = open_store("memory:")
    try:
        store.load(tmp_path / "g.ttl", graph=URIRef("https://example.org/release/probe"))
        res = run(store, "event-programme", match="probe")
        assert sorted(col(res, "title")) == ["Probe Fair 2031", "Probe signing"]
        assert col(res, "name") == [None, None] and col(res, "part") == [None, None]
    finally:
        store.close()


GOLD_FIGURES = {
    ("turnover", SECTOR): (Decimal(575000000), "EUR"),
    ("turnover_change", SECTOR): (Decimal(-12), "percent"),
    ("world_export_share", SECTOR): (Decimal(30), "percent"),
    ("world_export_share", "tannery machinery"): (Decimal(52), "percent"),
    ("world_export_share", "leather goods machinery"): (Decimal(35), "percent"),
    ("world_export_share", "footwear machinery"): (Decimal(12), "percent"),
}


def test_release_figures(kgstore: Store) -> None:
    res = run(kgstore, "release-figures", release="sector-2024")
    table = {(str(r["indicator"]), str(r["scope"])): (r["value"].toPython(), str(r["unit"]))  # type: ignore[union-attr]
             for r in res}
    assert table == GOLD_FIGURES
    assert len(res) == 6
    assert set(col(res, "period")) == {"2024"} and set(col(res, "area")) == {"Italy"}
    assert set(col(res, "source")) == {R1}
    turnover = next(r for r in res if str(r["indicator"]) == "turnover")
    assert "estimated" in str(turnover["status"]).split()
    assert run(kgstore, "release-figures", release="no-such-release").rows == []


def test_world_export_share_ranked(kgstore: Store) -> None:
    res = run(kgstore, "world-export-share", period="2024")
    assert list(zip(col(res, "segment"), [v.toPython() for v in res.column("share")], strict=True)) == [  # type: ignore[union-attr]
        ("tannery machinery", Decimal(52)), ("leather goods machinery", Decimal(35)),
        ("footwear machinery", Decimal(12))]
    assert set(col(res, "area")) == {"Italy"} and set(col(res, "unit")) == {"percent"}
    assert col(run(kgstore, "world-export-share", minShare="30"), "segment") == [
        "tannery machinery", "leather goods machinery"]
    assert run(kgstore, "world-export-share", period="1999").rows == []


def test_markets_by_relation(kgstore: Store) -> None:
    prio = run(kgstore, "markets-by-relation", relation="export_priority")
    assert col(prio, "marketName") == ["Africa", "India", "South America", "South-East Asia"]
    assert col(prio, "market")[0] == str(KGI["place/africa"])
    competitor = run(kgstore, "markets-by-relation", relation="competitor")
    assert col(competitor, "marketName") == ["China"]
    assert col(run(kgstore, "markets-by-relation", relation="domestic"), "marketName") == ["Italy"]
    every = run(kgstore, "markets-by-relation")
    assert set(col(every, "relationType")) == {"domestic", "export_priority", "competitor"}
    assert len(every) == 6


def test_priorities_by_organisation(kgstore: Store) -> None:
    res = run(kgstore, "priorities-by-organisation", organisation="Assomac")
    texts = col(res, "priority")
    # every priority of the gold file is there (matched by its key words, as the scorer does)
    for keywords in (["subsidised finance"], ["support for exports"], ["technical training"],
                     ["digital innovation"], ["technological neutrality"], ["synergies"],
                     ["European level"], ["digitisation", "automation", "sustainability"]):
        assert any(all(k.lower() in str(t).lower() for k in keywords) for t in texts), keywords
    finance = next(r for r in res if "subsidised finance" in str(r["priority"]))
    assert str(finance["programme"]) == "Industry 5.0"
    assert set(col(res, "onBehalfOf")) == {"Assomac"}
    assert run(kgstore, "priorities-by-organisation", organisation="Confindustria").rows == []


def test_entity_facts_with_sources(kgstore: Store) -> None:
    res = run(kgstore, "entity-facts", entity="kgi:place/italy")
    out = {(str(r["property"]), str(r["value"])) for r in res if str(r["direction"]) == "out"}
    assert ("http://www.w3.org/2004/02/skos/core#notation", "IT") in out
    assert ("http://www.w3.org/2000/01/rdf-schema#label", "Italy") in out
    # the curated link and the ISO code list, each from its own graph
    assert ("http://www.w3.org/2002/07/owl#sameAs", Q + "Q38") in out
    assert ("http://www.w3.org/2004/02/skos/core#exactMatch",
            "https://w3id.org/kgraph/id/code/iso3166-1/IT") in out
    incoming = {str(r["property"]) for r in res if str(r["direction"]) == "in"}
    assert "http://purl.org/linked-data/sdmx/2009/dimension#refArea" in incoming
    assert "https://w3id.org/kgraph/ontology#market" in incoming
    assert {s for s in col(res, "source") if s} == {R1}
    graphs = set(col(res, "graph"))
    assert {"https://w3id.org/kgraph/graph/release/assomac-2025-06-20-sector-2024",
            "https://w3id.org/kgraph/graph/links"} <= graphs


def test_fact_provenance(kgstore: Store, founding_release: Path) -> None:
    res = run(kgstore, "fact-provenance", fact="kgi:obs/assomac-2025-06-20-sector-2024/turnover/1")
    assert len(res) == 1
    row = res.rows[0]
    text = founding_release.read_text(encoding="utf-8")
    start, end = int(row["start"].toPython()), int(row["end"].toPython())  # type: ignore[union-attr]
    # the quote is the release text at its offsets, and it states the figure
    assert text[start:end] == str(row["exact"])
    assert "575 million euros" in str(row["exact"])
    assert text[:start].endswith(str(row["prefix"])) and text[end:].startswith(str(row["suffix"]))
    assert str(row["source"]) == R1 and str(row["published"]) == "2025-06-20"
    assert str(row["title"]).startswith("Assomac: the leather, footwear and leather goods technology sector")


def test_provenance_offsets_index_the_release_text(kgstore: Store, founding_release: Path) -> None:
    """Every annotation of the build quotes exactly text[start:end] of the release file."""
    res = kgstore.query("""
        SELECT ?text ?exact ?start ?end WHERE {
          ?ann oa:hasSource ?rel ; oa:hasSelector ?q , ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
          ?rel schema:text ?text }""")
    text = founding_release.read_text(encoding="utf-8")
    assert isinstance(res, SelectResult) and len(res) >= len(GOLD_FIGURES) + 4 + 6
    for r in res:
        start, end = int(r["start"].toPython()), int(r["end"].toPython())  # type: ignore[union-attr]
        assert str(r["text"])[start:end] == str(r["exact"]) == text[start:end]


CURATED_PLACES = {
    "Africa": "Q15", "Bergamo": "Q628", "China": "Q148", "India": "Q668", "Italy": "Q38",
    "South America": "Q18", "South-East Asia": "Q11708"}


def test_wikidata_linked_and_unlinked(kgstore: Store) -> None:
    linked = run(kgstore, "wikidata-links")
    assert dict(zip(col(linked, "name"), col(linked, "wikidata"), strict=True)) == {
        name: Q + qid for name, qid in CURATED_PLACES.items()}
    unlinked = run(kgstore, "unlinked-entities")
    names = set(col(unlinked, "name"))
    assert {"Assomac", "Confindustria", "Italian Trade Agency", "Milan Polytechnic",
            "Mauro Bergozza", "Giuliano Noci"} <= names
    assert not names & set(CURATED_PLACES)
    assert col(run(kgstore, "unlinked-entities", kind="Country"), "name") == []
    assert sorted(col(run(kgstore, "unlinked-entities", kind="Person"), "name")) == [
        "Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]
    assert LIB.run("is-linked", {"entity": "kgi:place/italy"}, store=kgstore) is True
    assert LIB.run("is-linked", {"entity": "kgi:org/assomac"}, store=kgstore) is False


def test_releases_drivers_quotations(kgstore: Store) -> None:
    rel = run(kgstore, "releases")
    assert col(rel, "source") == [R1]
    assert col(rel, "published") == ["2025-06-20"] and col(rel, "publisher") == ["Assomac"]
    # at least the gold file's organisations, people, figures, markets and drivers
    assert int(rel.rows[0]["facts"].toPython()) >= 5 + 4 + 6 + 6 + 5  # type: ignore[union-attr]
    drivers = run(kgstore, "drivers", release="sector-2024")
    found = " | ".join(col(drivers, "driver"))  # type: ignore[arg-type]
    for driver in ("geopolitical instability", "inflation", "shrinking consumption",
                   "tightening trade barriers", "slowdown in investments in the fashion supply chain"):
        assert driver in found
    quotes = run(kgstore, "quotations", speaker="bergozza")
    assert set(col(quotes, "name")) == {"Mauro Bergozza"}
    assert any(str(q).startswith("Our sector is going through a phase of deep, but not irreversible suffering")
               for q in col(quotes, "quote"))
    assert run(kgstore, "quotations", speaker="Noci").rows == []
    # the founding release states no relation between organisations
    assert run(kgstore, "organisation-relations").rows == []


def test_membership_network_is_a_graph(kgstore: Store) -> None:
    g = LIB.run("membership-network", store=kgstore)
    assert isinstance(g, Graph)
    assert (KGI["person/maurizio-forte"], ORG.memberOf, KGI["org/italian-trade-agency"]) in g
    assert (KGI["person/mauro-bergozza"], ORG.memberOf, KGI["org/assomac"]) in g
    assert sorted(str(n) for n in g.objects(None, FOAF.name)) == [
        "Giuliano Noci", "Maurizio Forte", "Maurizio Tarquini", "Mauro Bergozza"]


# --- two releases: the founding release plus an edited copy ------------------------------

@pytest.fixture(params=["memory", "oxigraph"])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    store, _ = _open(request.param, tmp_path)
    try:
        yield store
    finally:
        store.close()


def test_indicator_series_over_two_periods(empty_store: Store, founding_release: Path, tmp_path: Path) -> None:
    """The same sector one year earlier: another period, another turnover."""
    earlier = edited_release(founding_release, tmp_path / "releases", "assomac-2024-06-21-sector-2023.txt",
                             {"2024": "2023", "2025": "2024", "20 June": "21 June",
                              "575 million": "653 million"})
    report = build(empty_store, [founding_release, earlier])
    assert not report.failures and report.conflicts == 0
    res = run(empty_store, "indicator-series", indicator="turnover")
    assert [(str(r["refPeriod"]), r["value"].toPython(), str(r["source"]), str(r["published"]))  # type: ignore[union-attr]
            for r in res] == [
        ("2023", Decimal(653000000), earlier.name, "2024-06-21"),
        ("2024", Decimal(575000000), R1, "2025-06-20")]
    shares = run(empty_store, "indicator-series", indicator="world_export_share", scope="leather goods machinery")
    assert [(str(p), v.toPython()) for p, v in zip(shares.column("refPeriod"), shares.column("value"), strict=True)] == [  # type: ignore[union-attr]
        ("2023", Decimal(35)), ("2024", Decimal(35))]
    assert run(empty_store, "conflicting-figures").rows == []
    assert col(run(empty_store, "releases"), "source") == [earlier.name, R1]


def test_conflicting_figures(empty_store: Store, founding_release: Path, tmp_path: Path) -> None:
    """A later release restating the 2024 world export share as 31 %: one conflict."""
    revised = edited_release(founding_release, tmp_path / "releases", "assomac-2025-07-01-sector-2024-revised.txt",
                             {"30% share": "31% share", "20 June 2025": "1 July 2025",
                              "20 Tháng 6 2025": "1 Tháng 7 2025"})
    report = build(empty_store, [founding_release, revised])
    assert not report.failures and report.conflicts == 1
    res = run(empty_store, "conflicting-figures")
    assert len(res) == 1
    r = res.rows[0]
    assert (str(r["indicator"]), str(r["scopeLabel"]), str(r["refPeriod"]), str(r["area"])) == (
        "world_export_share", SECTOR, "2024", "Italy")
    assert {(r["value"].toPython(), str(r["source"])), (r["otherValue"].toPython(), str(r["otherSource"]))} == {  # type: ignore[union-attr]
        (Decimal(30), R1), (Decimal(31), revised.name)}
    # the other figures agree, so they are no conflict
    series = run(empty_store, "indicator-series", indicator="turnover")
    assert [v.toPython() for v in series.column("value")] == [Decimal(575000000)] * 2  # type: ignore[union-attr]


def test_query_reports_write_one_csv_per_parameterless_query(tmp_path: Path, founding_linked_trig: Path) -> None:
    import csv as csvmod

    from kgraph.pipeline import query_reports

    store = open_store("memory:")
    store.load(founding_linked_trig)
    lines = query_reports(store, tmp_path)
    written = {p.stem for p in (tmp_path / "queries").glob("*.csv")}
    assert "people-roles" in written and "world-export-share" in written
    assert not written & {"entity-facts", "fact-provenance", "is-linked", "membership-network"}
    assert len(lines) == len(written)
    with (tmp_path / "queries" / "people-roles.csv").open(encoding="utf-8") as f:
        rows = list(csvmod.DictReader(f))
    assert {r["name"] for r in rows} == {"Mauro Bergozza", "Maurizio Tarquini", "Maurizio Forte", "Giuliano Noci"}
    assert next(r for r in rows if r["name"] == "Maurizio Forte")["unit"] == "Export Promotion Department"
    with (tmp_path / "queries" / "world-export-share.csv").open(encoding="utf-8") as f:
        shares = [(r["segment"], r["share"]) for r in csvmod.DictReader(f)]
    assert shares == [("tannery machinery", "52"), ("leather goods machinery", "35"), ("footwear machinery", "12")]


def test_organisation_relations_of_a_release_stating_one(founding_release: Path, tmp_path: Path) -> None:
    """The founding release states no relation between organisations; a copy that says
    Assomac is a member of Confindustria gives exactly that relation, with its source."""
    stated = edited_release(founding_release, tmp_path / "releases", "assomac-2025-06-21-member.txt",
                            {"General Assembly of Assomac, hosted": "General Assembly of Assomac, "
                             "a member of Confindustria, hosted",
                             "20 June 2025": "21 June 2025"})
    store = open_store("memory:")
    assert not build(store, [founding_release, stated]).failures
    rows = run(store, "organisation-relations")
    assert [(str(r["subject"]), str(r["relation"]), str(r["object"]), str(r["source"])) for r in rows] == [
        ("Assomac", "memberOf", "Confindustria", stated.name)]


def test_drivers_and_priorities_of_an_italian_release_show_their_italian_labels(tmp_path: Path) -> None:
    """A driver or priority read from an Italian release has only an Italian label: the named
    queries show that label, not the node's IRI."""
    folder = tmp_path / "releases"
    folder.mkdir()
    release = folder / "assomac-2024-03-05-congiuntura.txt"
    release.write_text(
        "Vigevano, 5 marzo 2024\n\nAssomac: il fatturato del settore cala nel 2023\n\n"
        "Il fatturato dei costruttori di macchine per calzature è sceso dell'8% nel 2023 a causa "
        "dei costi energetici elevati. L'associazione chiede al governo incentivi fiscali per la "
        "formazione dei tecnici.\n", encoding="utf-8")
    store = open_store("memory:")
    assert not build(store, [release]).failures
    drivers = col(run(store, "drivers"), "driver")
    assert drivers and not any(str(d).startswith("http") for d in drivers), drivers
    priorities = col(run(store, "priorities-by-organisation"), "priority")
    assert priorities and not any(str(p).startswith("http") for p in priorities), priorities
