"""The ontology and the reference schemes: they parse, declare exactly the terms of
``kgraph.namespaces.KG`` with English and Italian labels and definitions, cover the gold
keys, stay consistent under an OWL RL closure, and the contract's examples parse."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import owlrl
import pytest
import yaml
from owlrl.Namespaces import ERRNS
from rdflib import BNode, Graph, Literal, URIRef

import kgraph.namespaces as ns
from kgraph import model
from kgraph.errors import ConfigError, RDFSyntaxError
from kgraph.namespaces import (
    KG,
    KGG,
    KGI,
    ONTOLOGY_IRI,
    ORG,
    OWL,
    PREFIXES,
    PROV,
    QB,
    RDF,
    RDFS,
    SKOS,
)
from kgraph.ontology import (
    load_ontology,
    load_shapes,
    ontology_dir,
    ontology_graph_name,
    write_docs,
)

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
VALID = sorted((ROOT / "tests" / "data" / "shapes" / "valid").glob("*.ttl"))
KG_NS = str(KG._NS)
KG_NAMES = sorted(KG.__annotations__)
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


@pytest.fixture(scope="module")
def kgraph_ttl() -> Graph:
    return Graph().parse(ONTOLOGY / "kgraph.ttl")


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return Graph().parse(ONTOLOGY / "schemes.ttl")


def test_files_parse_and_load() -> None:
    ont = load_ontology()
    shapes = load_shapes()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ont
    assert (KGI["scheme/sector"], RDF.type, SKOS.ConceptScheme) in ont  # schemes.ttl is included
    assert len(shapes) > 100
    assert ontology_dir() == ONTOLOGY
    assert ontology_graph_name() == URIRef(KGG["ontology"])


def test_ontology_header(kgraph_ttl: Graph) -> None:
    assert kgraph_ttl.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/kgraph/ontology/0.1.0")
    assert str(kgraph_ttl.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    from kgraph.namespaces import DCTERMS

    for prop in (DCTERMS.title, DCTERMS.description):
        langs = {o.language for o in kgraph_ttl.objects(ONTOLOGY_IRI, prop) if isinstance(o, Literal)}
        assert {"en", "it"} <= langs, prop


@pytest.mark.parametrize("name", KG_NAMES)
def test_kg_term_is_declared_with_labels_and_definitions(kgraph_ttl: Graph, name: str) -> None:
    term = KG[name]
    types = set(kgraph_ttl.objects(term, RDF.type))
    assert types & DECLARATION_TYPES, f"kg:{name} is not declared as a class or property in kgraph.ttl"
    for prop in (RDFS.label, SKOS.prefLabel, SKOS.definition):
        langs = {o.language for o in kgraph_ttl.objects(term, prop) if isinstance(o, Literal)}
        assert {"en", "it"} <= langs, f"kg:{name} lacks {prop} in English and Italian (has {langs})"
    # classes start upper case, properties lower case: the namespace's own convention
    if OWL.Class in types:
        assert name[0].isupper()
    else:
        assert name[0].islower()


def test_every_declared_kg_term_is_in_the_namespace(kgraph_ttl: Graph) -> None:
    declared = {
        str(s)[len(KG_NS):]
        for s in kgraph_ttl.subjects()
        if isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }
    assert declared == set(KG_NAMES)


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (KG.TradeAssociation, ORG.FormalOrganization),
        (KG.Confederation, KG.TradeAssociation),
        (KG.GovernmentAgency, ORG.FormalOrganization),
        (KG.University, ORG.FormalOrganization),
        (KG.Company, ORG.FormalOrganization),
        (KG.ResearchCentre, ORG.FormalOrganization),
        (KG.TradeFair, ORG.FormalOrganization),
        (KG.Venue, ORG.Organization),
        (KG.Venue, ns.SDO.Place),
        (KG.InnovationDistrict, KG.Venue),
        (KG.PressRelease, ns.SDO.NewsArticle),
        (KG.GeneralAssembly, ns.SDO.Event),
        (KG.TradeFairEdition, ns.SDO.Event),
        (KG.Conference, ns.SDO.Event),
        (KG.Signing, ns.SDO.Event),
        (KG.Quotation, ns.SDO.Quotation),
        (KG.ExtractionRun, PROV.Activity),
        (KG.Sector, SKOS.Concept),
        (KG.Segment, SKOS.Concept),
        (KG.Indicator, SKOS.Concept),
        (KG.Unit, SKOS.Concept),
        (KG.ObservationStatus, SKOS.Concept),
        (KG.Period, SKOS.Concept),
        (KG.MarketRelationType, SKOS.Concept),
        (KG.Priority, SKOS.Concept),
        (KG.Driver, SKOS.Concept),
        (KG.MarketRelation, KG.Fact),
        (KG.PriorityStatement, KG.Fact),
        (KG.DriverStatement, KG.Fact),
        (KG.OrganisationalRelation, KG.Fact),
        (KG.Country, ns.SDO.Place),
        (KG.Region, ns.SDO.Place),
        (KG.City, ns.SDO.Place),
        (KG.MarketAggregate, ns.SDO.Place),
    ],
)
def test_contract_subclass_axioms(kgraph_ttl: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in kgraph_ttl


@pytest.mark.parametrize("prop", [KG.indicator, KG.scope, KG.counterpart])
def test_data_cube_dimensions(kgraph_ttl: Graph, prop: URIRef) -> None:
    assert (prop, RDF.type, QB.DimensionProperty) in kgraph_ttl


def _gold_indicator_keys(shared: Path) -> set[str]:
    keys: set[str] = set()
    for path in [*shared.glob("gold/*.yaml"), *shared.glob("gold/dev/*.yaml")]:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        keys |= {o["indicator"] for o in doc.get("observations") or []}
    readme = (shared / "gold" / "README.md").read_text(encoding="utf-8")
    match = re.search(r"Indicator names are snake_case keys of an indicator scheme\s*\(([^)]*)\)", readme)
    assert match, "gold/README.md no longer lists indicator keys where this test expects them"
    keys |= {k.strip() for k in match.group(1).split(",") if re.fullmatch(r"[a-z_]+", k.strip())}
    return keys


def _notations(graph: Graph, cls: URIRef) -> dict[str, URIRef]:
    out: dict[str, URIRef] = {}
    for s in graph.subjects(RDF.type, cls):
        for n in graph.objects(s, SKOS.notation):
            assert isinstance(s, URIRef)
            out[str(n)] = s
    return out


def test_indicator_scheme_covers_the_gold_keys(schemes: Graph, shared_dir: Path) -> None:
    keys = _gold_indicator_keys(shared_dir)
    assert {"turnover", "world_export_share", "orders_index", "order_backlog"} <= keys
    indicators = _notations(schemes, KG.Indicator)
    wanted = keys | {"production_change", "exports", "imports", "trade_balance", "employment", "companies"}
    assert not wanted - set(indicators), f"indicator keys missing from schemes.ttl: {wanted - set(indicators)}"
    for key, iri in indicators.items():
        assert iri == KGI[f"indicator/{key}"]
        assert (iri, SKOS.inScheme, KGI["scheme/indicator"]) in schemes


@pytest.mark.parametrize(
    ("cls", "kind", "expected"),
    [
        (KG.Unit, "measure-unit", set(model.UNITS)),
        (KG.MarketRelationType, "market-relation", set(model.MARKET_RELATIONS)),
        (KG.ObservationStatus, "status", {"estimated", "preliminary"}),
    ],
)
def test_code_lists(schemes: Graph, cls: URIRef, kind: str, expected: set[str]) -> None:
    found = _notations(schemes, cls)
    assert set(found) == expected
    for notation, iri in found.items():
        assert iri == KGI[f"{kind}/{notation}"]


def test_sector_scheme_labels_cover_the_gold_segments(schemes: Graph, shared_dir: Path) -> None:
    labels: dict[str, URIRef] = {}
    for cls in (KG.Sector, KG.Segment):
        for s in schemes.subjects(RDF.type, cls):
            for prop in (SKOS.prefLabel, SKOS.altLabel):
                for o in schemes.objects(s, prop):
                    assert isinstance(s, URIRef)
                    labels[str(o).lower()] = s
    for path in [*shared_dir.glob("gold/*.yaml"), *shared_dir.glob("gold/dev/*.yaml")]:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for seg in doc.get("segments") or []:
            iri = labels.get(seg["name"].lower())
            assert iri is not None, f"{path.name}: segment {seg['name']!r} not in schemes.ttl"
            expected_cls = KG.Sector if seg["kind"] == "sector" else KG.Segment
            assert (iri, RDF.type, expected_cls) in schemes
            key = re.sub(r"[^a-z0-9]+", "-", seg["name"].lower()).strip("-")
            assert iri == KGI[f"sector/{key}"], "sector IRIs follow the contract's key rule"


def test_sector_maps_to_the_code_lists_of_kgraph_link(schemes: Graph) -> None:
    """The mappings point at kgraph.link's code-list concepts (kgi:code/{scheme}/{code})."""
    sector = KGI["sector/footwear-leather-goods-and-tannery-machinery"]
    assert (sector, SKOS.closeMatch, KGI["code/nace2/C28.94"]) in schemes
    assert (sector, SKOS.broadMatch, KGI["code/hs/8453"]) in schemes
    for segment, code in [("tannery-machinery", "8453.10"), ("footwear-machinery", "8453.20"),
                          ("leather-goods-machinery", "8453.80")]:
        assert (KGI[f"sector/{segment}"], SKOS.broadMatch, KGI[f"code/hs/{code}"]) in schemes
    assert (KGI["sector/spare-parts"], SKOS.closeMatch, KGI["code/hs/8453.90"]) in schemes
    # the code concepts themselves are kgraph.link's (graph kgg:codelists), not minted here
    assert not any(str(s).startswith(str(KGI["code/"])) for s in schemes.subjects())


def test_sector_mappings_agree_with_the_link_module(schemes: Graph) -> None:
    """When kgraph.link's sector-links.csv is present, every row is stated here too."""
    import csv

    path = ROOT / "data" / "codelists" / "sector-links.csv"
    if not path.is_file():
        pytest.skip("kgraph.link's data/codelists/sector-links.csv is not in this tree")
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            triple = (URIRef(row["entity"]), SKOS[row["relation"]], KGI[f"code/{row['scheme']}/{row['code']}"])
            assert triple in schemes, row


def test_roles_have_english_and_italian_labels(schemes: Graph) -> None:
    roles = set(schemes.subjects(RDF.type, ORG.Role))
    assert {KGI[f"role/{k}"] for k in ("president", "vice-president", "director-general",
                                         "managing-director", "professor", "ceo", "minister")} <= roles
    for role in roles:
        langs = {o.language for o in schemes.objects(role, SKOS.prefLabel)}
        assert {"en", "it"} <= langs, role
    assert Literal("Direttore generale", lang="it") in set(schemes.objects(KGI["role/director-general"], SKOS.prefLabel))


def test_every_concept_and_scheme_is_labelled_in_both_languages(schemes: Graph) -> None:
    subjects = {s for s in schemes.subjects(RDF.type, None) if isinstance(s, URIRef)}
    checked = 0
    for s in subjects:
        types = set(schemes.objects(s, RDF.type))
        if types & {QB.ComponentSpecification, QB.DataStructureDefinition}:
            continue
        langs = {o.language for o in schemes.objects(s, SKOS.prefLabel) if isinstance(o, Literal)} or {
            o.language for o in schemes.objects(s, RDFS.label) if isinstance(o, Literal)}
        assert {"en", "it"} <= langs, f"{s} lacks en+it labels"
        checked += 1
    assert checked > 60


def test_data_structure_definition(schemes: Graph) -> None:
    dsd = KGI["dsd/indicators"]
    assert schemes.value(KGI["dataset/indicators"], QB.structure) == dsd
    dims = {schemes.value(c, QB.dimension) for c in schemes.objects(dsd, QB.component)} - {None}
    from kgraph.namespaces import SDMX_ATTR, SDMX_DIM, SDMX_MEAS

    assert dims == {KG.indicator, KG.scope, SDMX_DIM.refArea, KG.counterpart, SDMX_DIM.refPeriod}
    measures = {schemes.value(c, QB.measure) for c in schemes.objects(dsd, QB.component)} - {None}
    assert measures == {SDMX_MEAS.obsValue}
    attrs = {schemes.value(c, QB.attribute) for c in schemes.objects(dsd, QB.component)} - {None}
    assert attrs == {SDMX_ATTR.unitMeasure, KG.obsStatus, KG.basePeriod}


# --- OWL RL consistency --------------------------------------------------------------------

def _owlrl_problems(graph: Graph) -> list[str]:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    problems = [str(graph.value(s, ERRNS.error)) for s in graph.subjects(RDF.type, ERRNS.ErrorMessage)]
    problems += [f"{s} is an owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)]
    return problems


@pytest.mark.parametrize("example", VALID, ids=lambda p: p.name)
def test_owl_rl_closure_of_ontology_and_example_is_consistent(example: Path) -> None:
    graph = load_ontology()
    graph.parse(example)
    associations = set(graph.subjects(RDF.type, KG.TradeAssociation))
    before = len(graph)
    assert _owlrl_problems(graph) == []
    assert len(graph) > before  # the closure did infer something (subclasses, domains)
    # a sample of what it must infer from the contract's axioms
    assert associations
    for org in associations:
        assert (org, RDF.type, ORG.FormalOrganization) in graph
    for place in graph.subjects(RDF.type, KG.City):
        assert (place, RDF.type, ns.SDO.Place) in graph


def test_owl_rl_closure_of_ontology_and_contract_examples_is_consistent() -> None:
    graph = load_ontology()
    for _line, block in _turtle_blocks():
        graph.parse(data=PREFIX_HEADER + block, format="turtle")
    assert _owlrl_problems(graph) == []


def test_owl_rl_check_detects_an_inconsistency() -> None:
    """The check above can fail: a node in two disjoint classes is reported."""
    graph = load_ontology()
    x = KGI["org/nonsense"]
    graph.add((KG.Company, OWL.disjointWith, KG.University))
    graph.add((x, RDF.type, KG.Company))
    graph.add((x, RDF.type, KG.University))
    assert _owlrl_problems(graph)


# --- errors --------------------------------------------------------------------------------

def _copy_ontology(tmp_path: Path) -> Path:
    folder = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, folder, ignore=shutil.ignore_patterns("docs", "*.md"))
    return folder


def test_malformed_ontology_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_ontology(tmp_path)
    text = (folder / "schemes.ttl").read_text(encoding="utf-8").splitlines()
    bad_line = len(text) + 2
    (folder / "schemes.ttl").write_text("\n".join([*text, "", "kgi:broken a a a ."]) + "\n", encoding="utf-8")
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", str(folder))
    with pytest.raises(RDFSyntaxError) as info:
        load_ontology()
    message = str(info.value)
    assert "schemes.ttl" in message
    assert f"line {bad_line}" in message
    assert info.value.exit_code == 2


def test_malformed_shapes_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_ontology(tmp_path)
    (folder / "shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y \"unterminated .\n")
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", str(folder))
    with pytest.raises(RDFSyntaxError, match=r"shapes\.ttl.*line"):
        load_shapes()


def test_missing_ontology_folder_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(ConfigError, match="KGRAPH_ONTOLOGY_DIR"):
        load_ontology()


def test_env_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_ontology(tmp_path)
    with (folder / "schemes.ttl").open("a", encoding="utf-8") as fh:
        fh.write('\nkgi:scheme\\/extra a skos:ConceptScheme ; skos:prefLabel "extra"@en .\n')
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", str(folder))
    assert ontology_dir() == folder
    assert (KGI["scheme/extra"], RDF.type, SKOS.ConceptScheme) in load_ontology()


# --- the contract's examples ----------------------------------------------------------------

def _turtle_blocks() -> list[tuple[int, str]]:
    text = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    blocks = []
    for m in re.finditer(r"^```turtle\n(.*?)^```", text, re.S | re.M):
        blocks.append((text[: m.start()].count("\n") + 1, m.group(1)))
    return blocks


PREFIX_HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


def test_contract_has_an_example_per_pattern() -> None:
    assert len(_turtle_blocks()) >= 9


@pytest.mark.parametrize("line,block", _turtle_blocks(), ids=lambda v: f"line{v}" if isinstance(v, int) else "")
def test_contract_examples_parse(line: int, block: str) -> None:
    graph = Graph()
    try:
        graph.parse(data=PREFIX_HEADER + block, format="turtle")
    except SyntaxError as exc:  # pragma: no cover - the failure message is the point
        pytest.fail(f"ontology/README.md turtle block at line {line} does not parse: {exc}")
    assert len(graph) > 0
    kg_terms = {t for triple in graph for t in triple if isinstance(t, URIRef) and str(t).startswith(KG_NS)}
    unknown = {str(t)[len(KG_NS):] for t in kg_terms} - set(KG_NAMES)
    assert not unknown, f"README block at line {line} uses undeclared kg: terms {unknown}"


# --- HTML docs -------------------------------------------------------------------------------

def test_docs_list_every_term(tmp_path: Path) -> None:
    page = write_docs(tmp_path / "docs")
    html = page.read_text(encoding="utf-8")
    assert page.name == "index.html"
    for name in KG_NAMES:
        assert f'id="{name}"' in html, f"kg:{name} missing from the docs"
        assert f"kg:{name}" in html
    assert "comunicato stampa" in html  # Italian labels are shown
    assert "https://w3id.org/kgraph/ontology/0.1.0" in html


def test_docs_escape_labels(tmp_path: Path) -> None:
    graph = load_ontology()
    graph.set((KG.Company, SKOS.prefLabel, Literal("<script>alert(1)</script>", lang="en")))
    graph.add((KG.Company, RDFS.subClassOf, URIRef("javascript:alert(2)")))
    graph.add((KG.Company, RDFS.subClassOf, BNode()))  # anonymous classes must not break the page
    page = write_docs(tmp_path, ontology=graph).read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page


def test_docs_list_the_reference_schemes(tmp_path: Path) -> None:
    html = write_docs(tmp_path).read_text(encoding="utf-8")
    assert str(KGI["scheme/indicator"]) in html
    assert "<td>world_export_share</td>" in html
    assert "Direttore generale" in html


def test_docs_script_writes_the_page(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "html"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "ontology_docs.py"), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert 'id="PressRelease"' in (out / "index.html").read_text(encoding="utf-8")
    bad = subprocess.run([sys.executable, str(ROOT / "scripts" / "ontology_docs.py"), str(out)],
                         capture_output=True, text=True, timeout=120,
                         env={"KGRAPH_ONTOLOGY_DIR": str(tmp_path / "missing"), "PATH": ""})
    assert bad.returncode == 2
    assert "KGRAPH_ONTOLOGY_DIR" in bad.stderr


@pytest.mark.browser
def test_docs_page_renders_in_a_browser(tmp_path: Path, browser: object) -> None:
    page_path = write_docs(tmp_path)
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(page_path.as_uri())
        assert page.title() == "kgraph ontology"
        sections = page.locator("section.term")
        assert sections.count() == len(KG_NAMES)
        page.click('nav a[href="#PressRelease"]')
        assert page.evaluate("location.hash") == "#PressRelease"
        heading = page.locator("#PressRelease h3").inner_text()
        assert heading == "kg:PressRelease"
        assert "comunicato stampa" in page.locator("#PressRelease").inner_text()
        assert page.locator("section.scheme table tr").count() > 50
    finally:
        page.close()


def test_committed_docs_are_current(tmp_path: Path) -> None:
    """ontology/docs/index.html is what `make docs` writes from the current ontology."""
    fresh = write_docs(tmp_path).read_text(encoding="utf-8")
    committed = (ONTOLOGY / "docs" / "index.html").read_text(encoding="utf-8")
    assert committed == fresh, "ontology/docs/index.html is stale: run `make docs`"
