"""SHACL shapes: the hand-written founding release validates, each broken example fails
with its expected message; ``validate_store`` and ``kgraph validate`` on real Oxigraph
stores."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from typer.testing import CliRunner

import kgraph.namespaces as ns
from kgraph.cli import app
from kgraph.config import load_settings
from kgraph.namespaces import KG, KGG, KGI, RDF, SH, SKOS
from kgraph.ontology import ValidationReport, load_ontology, validate
from kgraph.pipeline import load_ontology_into, run, validate_store
from kgraph.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "shapes"
VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
FOUNDING = DATA / "valid" / "founding-release.ttl"
RELEASE_GRAPH = URIRef(KGG["release/assomac-2025-06-20-sector-2024"])


def _expected(path: Path) -> str:
    match = re.search(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.M)
    assert match, f"{path.name} lacks its '# expect: <message>' header"
    return match.group(1).strip()


@pytest.fixture(scope="module")
def founding() -> Graph:
    return Graph().parse(FOUNDING)


def _broken(founding: Graph, path: Path) -> Graph:
    graph = Graph()
    graph += founding
    graph.parse(path)
    return graph


def test_examples_are_there() -> None:
    assert VALID and len(INVALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms(path: Path) -> None:
    graph = Graph().parse(path)
    report = validate(graph)
    assert report.conforms, report.to_text()
    assert report.violations == []


@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_domains_and_ranges_do_not_break_validation(inference: str) -> None:
    """With the ontology's entailments added (domains, ranges, subclasses), legit data
    still conforms: no axiom gives a node a class whose shape it cannot satisfy."""
    graph = Graph()
    for path in VALID:
        graph.parse(path)
    report = validate(graph, inference=inference)
    assert report.conforms, report.to_text()


def test_founding_example_is_complete(founding: Graph) -> None:
    """The valid example holds everything the brief asks for, so the shapes above really
    ran over each kind of node."""
    from kgraph.namespaces import OA, ORG, QB

    counts = {cls: len(set(founding.subjects(RDF.type, cls))) for cls in (
        KG.PressRelease, ORG.Membership, QB.Observation, KG.MarketRelation, KG.GeneralAssembly,
        KG.PriorityStatement, KG.DriverStatement, KG.Quotation, OA.SpecificResource, KG.ExtractionRun)}
    assert counts[QB.Observation] == 6
    assert counts[ORG.Membership] == 4
    assert counts[KG.MarketRelation] == 6
    assert all(n >= 1 for n in counts.values()), counts
    forte = KGI["membership/assomac-2025-06-20-sector-2024/maurizio-forte/italian-trade-agency/"
                "managing-director/export-promotion-department"]
    assert founding.value(forte, KG.inUnit) == KGI["unit/italian-trade-agency/export-promotion-department"]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_broken_example_fails_with_its_message(founding: Graph, path: Path) -> None:
    expected = _expected(path)
    report = validate(_broken(founding, path))
    assert not report.conforms, f"{path.name} should not conform"
    messages = [r.message for r in report.violations]
    assert any(expected in m for m in messages), f"{path.name}: expected {expected!r} in {messages}"
    assert expected in report.to_text()


def test_warnings_do_not_fail(founding: Graph) -> None:
    graph = Graph()
    graph += founding
    graph.add((KGI["place/italy"], SKOS.prefLabel, Literal("Italia", lang="en")))  # second @en label
    graph.remove((KGI["place/china"], SKOS.notation, Literal("156")))
    report = validate(graph)
    assert report.conforms, report.to_text()
    messages = " | ".join(r.message for r in report.warnings)
    assert "more than one skos:prefLabel in the same language" in messages
    assert "UN M49" in messages
    assert all(r.severity == "Warning" for r in report.warnings)


def test_validate_does_not_modify_the_input(founding: Graph) -> None:
    graph = Graph()
    graph += founding
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def test_without_the_ontology_reference_concepts_are_missing(founding: Graph) -> None:
    report = validate(founding, ontology=False)
    assert not report.conforms
    assert any("a kg:Indicator" in r.message for r in report.violations)


def test_dataset_is_validated_as_a_union(founding: Graph) -> None:
    """Facts in one named graph may point at the release in another: validate the union."""
    ds = Dataset()
    release = KGI["release/assomac-2025-06-20-sector-2024"]
    release_triples = ds.graph(URIRef(KGG["a"]))
    rest = ds.graph(URIRef(KGG["b"]))
    for triple in founding:
        (release_triples if triple[0] == release else rest).add(triple)
    report = validate(ds)
    assert report.conforms, report.to_text()


def test_report_formats(founding: Graph) -> None:
    report = validate(_broken(founding, DATA / "invalid" / "observation-without-value.ttl"))
    assert isinstance(report, ValidationReport)
    turtle = Graph().parse(data=report.to_turtle(), format="turtle")
    assert (None, RDF.type, SH.ValidationReport) in turtle
    assert (None, SH.conforms, Literal(False)) in turtle
    [violation] = report.violations
    assert violation.focus_node == KGI["obs/assomac-2025-06-20-sector-2024/turnover/99"]
    assert str(violation.path).endswith("obsValue")
    assert violation.severity == "Violation"
    assert violation.describe().startswith("Violation: kgi:obs/")
    assert "Constraint Violation" in report.text  # pySHACL's own text


def test_bad_inference_option() -> None:
    from kgraph.errors import InputError

    with pytest.raises(InputError, match="unknown inference"):
        validate(Graph(), inference="magic")


def test_date_typed_as_string_is_caught_with_rdfs_inference_too(founding: Graph) -> None:
    graph = _broken(founding, DATA / "invalid" / "event-date-not-a-date.ttl")
    report = validate(graph, inference="rdfs")
    assert any("xsd:date" in r.message for r in report.violations)


# --- pipeline and CLI on real Oxigraph stores ---------------------------------------------

def _store_with(path: Path, *files: Path) -> str:
    url = f"oxigraph:{path}"
    data = Graph()
    for f in files:
        data.parse(f)
    with open_store(url) as store:
        store.replace_graph(RELEASE_GRAPH, data)
    return url


def test_load_ontology_into_replaces_the_graph(tmp_path: Path) -> None:
    with open_store(f"oxigraph:{tmp_path / 's'}") as store:
        stale = Graph()
        stale.add((KGI["stale"], RDF.type, KG.Sector))
        store.replace_graph(URIRef(KGG["ontology"]), stale)
        size = load_ontology_into(store)
        size_again = load_ontology_into(store)
        graph = store.graph(URIRef(KGG["ontology"]))
        assert size == size_again == len(graph) == len(load_ontology())
        assert (KGI["stale"], RDF.type, KG.Sector) not in graph
        assert (KGI["indicator/turnover"], SKOS.notation, Literal("turnover")) in graph
        # the store answers contract queries over the union default graph
        rows = store.query(
            "SELECT ?i ?n WHERE { ?i a kg:Indicator ; skos:notation ?n }", bindings={"n": Literal("exports")}
        )
        assert [r["i"] for r in rows] == [KGI["indicator/exports"]]  # type: ignore[union-attr]


def test_validate_store_checks_release_graphs_only(tmp_path: Path) -> None:
    url = _store_with(tmp_path / "s", FOUNDING)
    with open_store(url) as store:
        load_ontology_into(store)
        assert validate_store(store).conforms
        # junk in the enrichment graphs is not the releases' business
        junk = Graph()
        junk.add((KGI["obs/junk"], RDF.type, URIRef("http://purl.org/linked-data/cube#Observation")))
        store.replace_graph(URIRef(KGG["links"]), junk)
        assert validate_store(store).conforms
        # ... but in any other graph it is
        store.replace_graph(URIRef(KGG["derived"]), junk)
        report = validate_store(store)
        assert not report.conforms
        assert any(r.focus_node == KGI["obs/junk"] for r in report.violations)


def test_run_reports_validation(tmp_path: Path) -> None:
    url = _store_with(tmp_path / "s", FOUNDING, DATA / "invalid" / "membership-without-organisation.ttl")
    # run() builds its releases folder first: give it another release, so that the broken
    # graph above stays in the store for validation to find
    releases = tmp_path / "releases"
    releases.mkdir()
    (releases / "note.txt").write_text("Nothing to report today.\n", encoding="utf-8")
    report = run(load_settings({"store": url, "releases": releases}, environ={}))
    text = "\n".join(report.lines)
    assert "ontology: " in text
    assert "validation: does not conform: 1 violation(s)" in text
    assert "exactly one org:organization" in text
    assert report.exit_code == 1


def test_cli_validate_exit_0_on_valid_store(tmp_path: Path) -> None:
    url = _store_with(tmp_path / "s", FOUNDING)
    result = CliRunner().invoke(app, ["--store", url, "validate"])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violation(s)" in result.output


@pytest.mark.parametrize("name", ["fact-without-quote", "observation-without-value", "release-date-not-a-date"])
def test_cli_validate_exit_1_on_violations(tmp_path: Path, name: str) -> None:
    broken = DATA / "invalid" / f"{name}.ttl"
    url = _store_with(tmp_path / "s", FOUNDING, broken)
    result = CliRunner().invoke(app, ["--store", url, "validate"])
    assert result.exit_code == 1, result.output
    assert "does not conform" in result.output
    assert _expected(broken) in result.output


def test_cli_validate_turtle_report(tmp_path: Path) -> None:
    url = _store_with(tmp_path / "s", FOUNDING, DATA / "invalid" / "observation-without-value.ttl")
    result = CliRunner().invoke(app, ["--store", url, "validate", "--format", "turtle"])
    assert result.exit_code == 1
    report = Graph().parse(data=result.output, format="turtle")
    assert (None, SH.resultSeverity, SH.Violation) in report
    messages = {str(m) for m in report.objects(None, SH.resultMessage)}
    assert any("sdmx-measure:obsValue" in m for m in messages)


def test_cli_validate_rejects_unknown_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--store", "memory:", "validate", "--format", "xml"])
    assert result.exit_code == 2


def test_cli_validate_names_a_broken_shapes_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    folder = tmp_path / "ontology"
    shutil.copytree(Path(__file__).resolve().parents[1] / "ontology", folder,
                    ignore=shutil.ignore_patterns("docs", "*.md"))
    (folder / "shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n\nsh:a sh:b .\nsh:c sh:d\n")
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", str(folder))
    result = CliRunner().invoke(app, ["--store", "memory:", "validate"])
    assert result.exit_code == 2
    assert "shapes.ttl" in result.output and "line" in result.output


def test_value_typed_as_double_is_refused(founding: Graph) -> None:
    from kgraph.namespaces import SDMX_MEAS

    graph = Graph()
    graph += founding
    obs = KGI["obs/assomac-2025-06-20-sector-2024/turnover/1"]
    graph.set((obs, SDMX_MEAS.obsValue, Literal("575000000", datatype=ns.XSD.double)))
    report = validate(graph)
    assert any("must be an xsd:decimal" in r.message for r in report.violations)


# --- the shapes themselves ------------------------------------------------------------------

def test_shapes_are_well_formed_shacl() -> None:
    import pyshacl

    from kgraph.ontology import load_shapes

    conforms, _graph, text = pyshacl.validate(Graph(), shacl_graph=load_shapes(), meta_shacl=True)
    assert conforms, text


def test_every_property_shape_has_a_message() -> None:
    from kgraph.ontology import load_shapes

    shapes = load_shapes()
    property_shapes = set(shapes.subjects(SH.path, None))
    assert len(property_shapes) > 80
    for shape in property_shapes:
        assert shapes.value(shape, SH.message) is not None, \
            f"property shape on {shapes.value(shape, SH.path)} lacks sh:message"


def test_every_class_of_the_ontology_is_targeted() -> None:
    """Each kg: class is the target of a shape, directly or through a superclass."""
    from kgraph.namespaces import OWL, RDFS
    from kgraph.ontology import load_shapes

    ont = load_ontology()
    targets = set(load_shapes().objects(None, SH.targetClass))
    for cls in ont.subjects(RDF.type, OWL.Class):
        if not str(cls).startswith(str(KG._NS)):
            continue
        supers = set(ont.transitive_objects(cls, RDFS.subClassOf))  # includes cls itself
        assert supers & targets, f"no shape targets {cls} or a superclass of it"


def test_unusable_shapes_are_an_input_error(founding: Graph) -> None:
    from kgraph.errors import InputError

    bad = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix kg: <https://w3id.org/kgraph/ontology#> .
        <urn:x:Shape> a sh:NodeShape ; sh:targetClass kg:Fact ;
            sh:property [ sh:path kg:statedIn ; sh:minCount "one" ] .
    """, format="turtle")
    with pytest.raises(InputError, match="SHACL shapes cannot be used"):
        validate(founding, shapes=bad)


def test_custom_shapes_replace_the_default(founding: Graph) -> None:
    strict = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix kg: <https://w3id.org/kgraph/ontology#> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        <urn:x:Shape> a sh:NodeShape ; sh:targetClass foaf:Person ;
            sh:property [ sh:path foaf:mbox ; sh:minCount 1 ; sh:message "people need a mailbox" ] .
    """, format="turtle")
    report = validate(founding, shapes=strict)
    assert not report.conforms
    assert {r.message for r in report.violations} == {"people need a mailbox"}
    assert len(report.violations) == 4


def _result_key(report: ValidationReport) -> list[tuple[str, ...]]:
    return sorted((str(r.focus_node), str(r.path), r.message, r.severity, str(r.value))
                  for r in report.results)


def test_release_validator_gives_the_results_of_a_fresh_validation(founding: Graph) -> None:
    """The build's validator keeps pySHACL's shapes between releases, prepares the SPARQL
    constraints once and adds only the class hierarchy, in place: every broken example (in
    turns with the valid one, so no state leaks from one graph into the next) gets the same
    results as a fresh pySHACL run on the graph plus all of kgraph.ttl, the graph is left
    as it was, and a broken one still fails the build's check."""
    from kgraph._shapes import release_validator, validate_release
    from kgraph.errors import ValidationFailed
    from kgraph.ontology import load_shapes, ontology_dir

    axioms = Graph().parse(ontology_dir() / "kgraph.ttl")
    shapes = load_shapes()
    fast = release_validator()
    for path in [FOUNDING, *INVALID, FOUNDING]:
        graph = _broken(founding, path) if path != FOUNDING else founding
        before = set(graph)
        reference = validate(graph + axioms, ontology=False, shapes=shapes)
        report = fast.validate(graph)
        assert set(graph) == before, path.name
        assert report.conforms == reference.conforms, path.name
        assert _result_key(report) == _result_key(reference), path.name
        if path != FOUNDING:
            with pytest.raises(ValidationFailed):
                validate_release(graph, source=path)


def test_quick_check_never_passes_a_broken_example(founding: Graph) -> None:
    """The build's quick check (kgraph._fastshacl) may only clear graphs pySHACL clears:
    with the ontology and schemes mixed in, the valid example passes it and every broken
    example is left to pySHACL."""
    from kgraph._shapes import release_validator

    fast = release_validator()
    assert fast.quick is not None, "the shapes use something the quick check declines"
    base = load_ontology()
    base += founding
    assert validate(base, ontology=False).conforms
    assert fast.surely_conforms(base)
    for path in INVALID:
        broken = Graph()
        broken += base
        broken.parse(path)
        assert not fast.surely_conforms(broken), path.name


def _damaged(graph: Graph, rng: random.Random) -> Graph:
    """``graph`` with one random defect: a triple gone, an object swapped for another node
    of the graph, a literal retyped, or a second value added."""
    from rdflib.namespace import XSD

    triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    nodes = sorted({o for _s, _p, o in triples}, key=str)
    s, p, o = rng.choice(triples)
    out = Graph()
    out += graph
    kind = rng.randrange(4)
    if kind == 0:
        out.remove((s, p, o))
    elif kind == 1:
        out.remove((s, p, o))
        out.add((s, p, rng.choice(nodes)))
    elif kind == 2 and isinstance(o, Literal):
        out.remove((s, p, o))
        dtype = rng.choice([XSD.string, XSD.integer, XSD.date, XSD.decimal, XSD.double, None])
        out.add((s, p, Literal(str(o), datatype=dtype)))
    else:
        out.add((s, p, rng.choice(nodes)))
    return out


def test_quick_check_is_sound_on_random_damage() -> None:
    """Whatever one random defect does to a built release graph, a graph the quick check
    clears is one pySHACL clears too (the other way round only costs time)."""
    from kgraph._shapes import release_validator
    from kgraph.extract import extract
    from kgraph.extract._read import read_release
    from kgraph.extract.rdf import to_graph

    release = Path(__file__).resolve().parents[1] / "data" / "releases" / "assomac-2025-06-20-sector-2024.txt"
    graph = to_graph(extract(read_release(release)))
    fast = release_validator()
    assert fast.surely_conforms(graph) and fast.validate(graph).conforms
    rng = random.Random(14)
    cleared = 0
    for _ in range(40):
        damaged = _damaged(graph, rng)
        if fast.surely_conforms(damaged):
            cleared += 1
            assert fast.validate(damaged).conforms, damaged.serialize(format="nt")[:2000]
    assert cleared < 40  # some defects were caught by the quick check itself
