"""Facts -> RDF -> a real Oxigraph store -> facts again, independent of the text side.

The extractions here are made from the gold files (`gold_as_extraction_facts`) or written
out by hand over a real text, so these tests pin the RDF side of the contract: IRIs,
Data Cube, provenance, time series, conflicts and the read-back used by `kgraph eval`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kgraph import namespaces as ns
from kgraph.evaluation import Gold, gold_as_extraction_facts, load_gold, score
from kgraph.extract._read import read_release
from kgraph.extract.rdf import run_graph, to_graph
from kgraph.model import (
    Document,
    DocumentInfo,
    Extraction,
    Fact,
    Membership,
    Mention,
    Observation,
    Organisation,
    Person,
)
from kgraph.namespaces import KG, KGI, PROV, QB, RDF, SDMX_MEAS, SKOS
from kgraph.pipeline import DERIVED_GRAPH, read_back, recompute_conflicts, release_graph
from kgraph.store import OxigraphStore, SelectResult


def _doc(slug: str, text: str) -> Document:
    return Document(slug=slug, path=f"{slug}.txt", text=text,
                    sha256=hashlib.sha256(text.encode()).hexdigest())


def _m(doc: Document, phrase: str) -> Mention:
    start = doc.text.index(phrase)
    return Mention(phrase, start, start + len(phrase))


def _load(store: OxigraphStore, extraction: Extraction) -> None:
    store.replace_graphs({release_graph(extraction.document.slug): to_graph(extraction)})


def _gold_extraction(gold: Gold, doc: Document) -> Extraction:
    """The gold facts as an extraction; the gold has no offsets, so every fact quotes the
    release's first line (a real span of the text, as provenance requires)."""
    x = gold_as_extraction_facts(gold, doc)
    first = doc.text.split("\n", 1)[0]
    span = Mention(first, 0, len(first))
    x.info.evidence = span
    for fact in x.facts:
        fact.evidence = span
    return x


def _gold_files(shared: Path) -> list[Path]:
    return [shared / "gold" / "assomac-2025-06-20-sector-2024.yaml",
            *sorted((shared / "gold" / "dev").glob("*.yaml"))]


def test_gold_facts_survive_the_round_trip_through_the_graph(shared_dir: Path) -> None:
    """Every gold fact, turned into RDF and read back by SPARQL, scores P = R = 1."""
    store = OxigraphStore()
    for path in _gold_files(shared_dir):
        gold = load_gold(path)
        doc = read_release(shared_dir / "releases" / gold.release)
        _load(store, _gold_extraction(gold, doc))
        result = score(read_back(store, doc.slug), gold)
        for kind, s in result.kinds.items():
            assert (s.fp, s.fn) == (0, 0), (path.name, kind, s.misses, s.spurious)
            assert s.tp > 0


def _founding_graph(shared_dir: Path) -> tuple[Graph, Document]:
    gold = load_gold(shared_dir / "gold" / "assomac-2025-06-20-sector-2024.yaml")
    doc = read_release(shared_dir / "releases" / gold.release)
    return to_graph(_gold_extraction(gold, doc)), doc


def test_graph_follows_the_contract_iris(shared_dir: Path) -> None:
    g, doc = _founding_graph(shared_dir)
    release = KGI[f"release/{doc.slug}"]
    ita = KGI["org/italian-trade-agency"]
    assert (ita, RDF.type, KG.GovernmentAgency) in g
    assert (ita, SKOS.prefLabel, Literal("Italian Trade Agency", lang="en")) in g
    assert (ita, SKOS.altLabel, Literal("ICE", lang="und")) in g  # not in the text: undetermined
    assert (KGI["org/assomac"], RDF.type, KG.TradeAssociation) in g
    forte = KGI[f"membership/{doc.slug}/maurizio-forte/italian-trade-agency/managing-director/"
                "export-promotion-department"]
    assert (forte, KG.inUnit, KGI["unit/italian-trade-agency/export-promotion-department"]) in g
    assert (forte, RDF.type, KG.Fact) in g
    assert (KGI[f"event/{doc.slug}/assomac/general-assembly/2025-06-20"], RDF.type, KG.GeneralAssembly) in g
    obs = KGI[f"obs/{doc.slug}/turnover/1"]
    assert (obs, RDF.type, QB.Observation) in g
    assert (obs, SDMX_MEAS.obsValue, Literal("575000000", datatype=ns.XSD.decimal)) in g
    assert (obs, KG.obsStatus, KGI["status/estimated"]) in g
    assert (KGI["period/2024"], SKOS.notation, Literal("2024")) in g
    assert (KGI["place/china"], SKOS.notation, Literal("CN")) in g
    assert (KGI["place/china"], SKOS.notation, Literal("156")) in g
    assert (KGI["place/south-east-asia"], SKOS.notation, Literal("035")) in g
    assert (release, KG.sha256, Literal(doc.sha256)) in g
    # every fact node has its provenance
    for fact in g.subjects(RDF.type, KG.Fact):
        assert (fact, KG.statedIn, release) in g
        assert g.value(fact, PROV.wasDerivedFrom) is not None
    # the run, with its times, stays out of the release graph
    assert not list(g.triples((None, PROV.startedAtTime, None)))


def test_to_graph_is_deterministic(shared_dir: Path) -> None:
    g1, _ = _founding_graph(shared_dir)
    g2, _ = _founding_graph(shared_dir)
    assert isomorphic(g1, g2)
    assert set(g1.subjects()) == set(g2.subjects())  # no blank nodes in the founding graph


def test_run_graph_records_the_activity(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "gold" / "assomac-2025-06-20-sector-2024.yaml")
    doc = read_release(shared_dir / "releases" / gold.release)
    t = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    g = run_graph(_gold_extraction(gold, doc), started=t, ended=t)
    run = KGI[f"run/{doc.slug}/{doc.sha256[:12]}"]
    assert (run, RDF.type, KG.ExtractionRun) in g
    assert (run, PROV.used, KGI[f"release/{doc.slug}"]) in g


TEXT_2023 = ("Bergamo, 10 June 2024\n\nAssomac, the association of Italian footwear, leather "
             "goods and tannery machinery manufacturers, reports turnover of 650 million euros "
             "in 2023 for the sector in Italy. President Maria Vittoria Brustia spoke.")
TEXT_2024 = ("Bergamo, 20 June 2025\n\nASSOMAC reports that the sector closed 2024 with "
             "turnover of 575 million euros in Italy. Its President Mauro Bergozza spoke.")
TEXT_2024_OTHER = ("Milan, 1 July 2025\n\nA study on Assomac figures puts the turnover of the "
                   "sector in Italy at 590 million euros for 2024.")
SECTOR = "footwear, leather goods and tannery machinery"


def _turnover(slug: str, text: str, figure: str, value: int, period: str) -> Extraction:
    doc = _doc(slug, text)
    org = "Assomac" if "Assomac" in text else "ASSOMAC"
    facts = [
        Organisation(_m(doc, org), name="Assomac", type="TradeAssociation", aliases=(org,)),
        Observation(_m(doc, figure), indicator="turnover", scope=SECTOR, value=Decimal(value),
                    unit="EUR", period=period, area="Italy"),
    ]
    return Extraction(doc, DocumentInfo(_m(doc, text.split("\n")[0]), publisher="Assomac"), facts)


def test_same_organisation_in_two_releases_is_one_iri() -> None:
    store = OxigraphStore()
    _load(store, _turnover("r2023", TEXT_2023, "650 million euros", 650_000_000, "2023"))
    _load(store, _turnover("r2024", TEXT_2024, "575 million euros", 575_000_000, "2024"))
    res = store.query("SELECT ?o (COUNT(DISTINCT ?r) AS ?n) WHERE { ?o a org:Organization ; "
                      "kg:statedIn ?r } GROUP BY ?o")
    assert isinstance(res, SelectResult)
    rows = {str(r["o"]): int(str(r["n"])) for r in res}
    assert rows == {str(KGI["org/assomac"]): 2}


def test_releases_form_a_time_series_one_query_returns() -> None:
    store = OxigraphStore()
    _load(store, _turnover("r2023", TEXT_2023, "650 million euros", 650_000_000, "2023"))
    _load(store, _turnover("r2024", TEXT_2024, "575 million euros", 575_000_000, "2024"))
    res = store.query("""
        SELECT DISTINCT ?scope ?period ?value ?release WHERE {
          ?o kg:indicator/skos:notation "turnover" ; kg:scope ?scope ;
             sdmx-dimension:refArea kgi:place\\/italy ; sdmx-dimension:refPeriod/skos:notation ?period ;
             sdmx-measure:obsValue ?value ; kg:statedIn ?release .
        } ORDER BY ?period""", bindings={"scope": KGI["sector/footwear-leather-goods-and-tannery-machinery"]})
    assert isinstance(res, SelectResult)
    assert [(str(r["period"]), int(str(r["value"]))) for r in res] == [
        ("2023", 650_000_000), ("2024", 575_000_000)]
    assert {str(r["release"]) for r in res} == {str(KGI["release/r2023"]), str(KGI["release/r2024"])}


def test_different_values_for_the_same_dimensions_are_kept_and_flagged() -> None:
    store = OxigraphStore()
    _load(store, _turnover("r2023", TEXT_2023, "650 million euros", 650_000_000, "2023"))
    _load(store, _turnover("r2024", TEXT_2024, "575 million euros", 575_000_000, "2024"))
    _load(store, _turnover("study", TEXT_2024_OTHER, "590 million euros", 590_000_000, "2024"))
    assert recompute_conflicts(store) == 1
    a, b = KGI["obs/r2024/turnover/1"], KGI["obs/study/turnover/1"]
    derived = store.graph(DERIVED_GRAPH)
    assert set(derived) == {(a, KG.conflictsWith, b), (b, KG.conflictsWith, a)}
    # both observations are kept, each with its source
    for obs, release in ((a, "r2024"), (b, "study")):
        assert store.query("ASK { ?o kg:statedIn ?r ; sdmx-measure:obsValue ?v }",
                           bindings={"o": obs, "r": KGI[f"release/{release}"]})
    # the same value again is no conflict; a corrected release clears the flag
    _load(store, _turnover("study", TEXT_2024_OTHER, "590 million euros", 575_000_000, "2024"))
    assert recompute_conflicts(store) == 0
    assert len(store.graph(DERIVED_GRAPH)) == 0


def test_membership_dates_become_an_interval() -> None:
    doc = _doc("elect", "Vigevano, 25 November 2020. Assomac elected Maria Vittoria Brustia President.")
    ev = _m(doc, "Assomac elected Maria Vittoria Brustia President")
    x = Extraction(doc, DocumentInfo(ev), [
        Person(_m(doc, "Maria Vittoria Brustia"), name="Maria Vittoria Brustia"),
        Membership(ev, person="Maria Vittoria Brustia", role="President", organisation="Assomac",
                   start=dt.date(2020, 11, 25)),
    ])
    store = OxigraphStore()
    _load(store, x)
    back = read_back(store, "elect").of(Membership)
    assert [(m.person, m.role, m.organisation, m.start, m.end) for m in back] == [
        ("Maria Vittoria Brustia", "President", "Assomac", dt.date(2020, 11, 25), None)]
    assert back[0].evidence == ev


def test_read_back_of_an_unknown_release_is_an_input_error() -> None:
    from kgraph.errors import InputError

    with pytest.raises(InputError, match="no release graph"):
        read_back(OxigraphStore(), "nothing-here")


def test_literal_values_are_canonical_decimals() -> None:
    from kgraph.extract.rdf import decimal_literal

    assert decimal_literal(Decimal("575000000")) == Literal("575000000", datatype=ns.XSD.decimal)
    assert decimal_literal(Decimal("5.75E+8")) == Literal("575000000", datatype=ns.XSD.decimal)
    assert decimal_literal(Decimal("-12.760")) == Literal("-12.76", datatype=ns.XSD.decimal)
    assert decimal_literal(Decimal("0.00")) == Literal("0", datatype=ns.XSD.decimal)
    # the store keeps them as written, so a graph read back equals the graph loaded
    store = OxigraphStore()
    g = URIRef("urn:g")
    data = Graph()
    data.add((URIRef("urn:a"), SDMX_MEAS.obsValue, decimal_literal(Decimal("-4.610"))))
    store.replace_graphs({g: data})
    assert isomorphic(store.graph(g), data)


def test_a_fact_without_a_usable_name_is_left_out_with_a_warning() -> None:
    x = _turnover("r2024", TEXT_2024, "575 million euros", 575_000_000, "2024")
    x.facts.append(Organisation(_m(x.document, "reports"), name="—", type="Company"))
    warnings: list[str] = []
    g = to_graph(x, warnings=warnings)
    assert (KGI["obs/r2024/turnover/1"], RDF.type, QB.Observation) in g
    assert len(warnings) == 1 and "Organisation" in warnings[0] and "left out" in warnings[0]


def test_odd_facts_never_make_a_graph_that_violates_the_shapes() -> None:
    """What an extractor may produce on an unseen release (a quote off its offsets, a
    period or indicator outside the notation, facts stated twice with other details) is
    left out or merged so the release graph still conforms, with a warning for what is lost."""
    from kgraph.model import Event, MarketRelation, Quotation
    from kgraph.ontology import validate

    x = _turnover("r2024", TEXT_2024, "575 million euros", 575_000_000, "2024")
    doc, ev = x.document, _m(x.document, "ASSOMAC reports")
    bad_quote = Mention("something else", ev.start, ev.end)
    x.facts += [
        Observation(bad_quote, indicator="turnover", scope=SECTOR, value=Decimal(1), unit="EUR", period="2024"),
        Observation(ev, indicator="Turnover-Total", scope=SECTOR, value=Decimal(1), unit="EUR", period="2024"),
        Observation(ev, indicator="turnover", scope=SECTOR, value=Decimal(1), unit="EUR", period="2024-W3"),
        MarketRelation(ev, market="Italy", relation="domestic", scope=SECTOR),
        MarketRelation(ev, market="Italy", relation="domestic", scope="tannery machinery"),
        MarketRelation(ev, market="Italy", relation="home"),
        Event(ev, kind="GeneralAssembly", organiser="Assomac", date=dt.date(2025, 6, 20), city="Bergamo"),
        Event(ev, kind="GeneralAssembly", organiser="Assomac", date=dt.date(2025, 6, 20), city="Milan"),
        Membership(ev, person="Mauro Bergozza", role="President", organisation="Assomac",
                   start=dt.date(2023, 1, 1)),
        Membership(ev, person="Mauro Bergozza", role="President", organisation="Assomac",
                   start=dt.date(2024, 1, 1)),
        Quotation(ev, text="reports", speaker="Mauro Bergozza"),
        Quotation(ev, text="reports that", speaker="Assomac"),
    ]
    warnings: list[str] = []
    left_out: list[Fact] = []
    g = to_graph(x, warnings=warnings, left_out=left_out)
    assert left_out == [x.facts[2], x.facts[3], x.facts[4], x.facts[7]]
    report = validate(g)
    assert report.conforms, [v.describe() for v in report.violations[:5]]
    assert len(warnings) == 4, warnings  # the bad quote, indicator, period and relation
    assert sum(1 for _ in g.subjects(RDF.type, QB.Observation)) == 1
    assert len(set(g.subjects(RDF.type, KG.GeneralAssembly))) == 2
    store = OxigraphStore()
    store.replace_graphs({release_graph(doc.slug): g})
    back = read_back(store, doc.slug)
    assert [m.start for m in back.of(Membership)] == [dt.date(2023, 1, 1)]
