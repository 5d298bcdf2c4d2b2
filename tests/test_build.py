"""`kgraph build` end to end on real Oxigraph stores: provenance, idempotence, atomic
replacement, entities across releases, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.config import Settings
from kgraph.namespaces import KGG, KGI
from kgraph.pipeline import RUNS_GRAPH, build, release_graph
from kgraph.store import OxigraphStore, SelectResult, open_store

FOUNDING_SLUG = "assomac-2025-06-20-sector-2024"

PROVENANCE = """
SELECT DISTINCT ?g ?fact ?exact ?start ?end ?text WHERE { GRAPH ?g {
  ?release schema:text ?text .
  ?fact kg:statedIn ?release ; prov:wasDerivedFrom ?ann .
  ?ann oa:hasSource ?release ; oa:hasSelector ?q , ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
} }
"""


def _quads(store: OxigraphStore) -> set[object]:
    return set(store.ox_store)


@pytest.fixture(scope="module")
def founding_store(founding_release: Path) -> OxigraphStore:
    store = OxigraphStore()
    report = build(store, [founding_release])
    assert report.exit_code == 0, report.failures
    return store


def test_every_fact_quote_is_the_stored_text_at_its_offsets(founding_store: OxigraphStore) -> None:
    res = founding_store.query(PROVENANCE, bindings={"g": release_graph(FOUNDING_SLUG)})
    assert isinstance(res, SelectResult)
    facts = {row["fact"] for row in res}
    assert len(facts) > 40  # every kind of the founding release, entities included
    for row in res:
        text, start, end = str(row["text"]), int(str(row["start"])), int(str(row["end"]))
        assert 0 <= start < end <= len(text)
        assert text[start:end] == str(row["exact"]), row["fact"]
    # the same comparison inside the store: SPARQL's SUBSTR counts code points, as Python does
    mismatch = founding_store.query("""ASK { GRAPH ?g {
        ?release schema:text ?text . ?fact kg:statedIn ?release ; prov:wasDerivedFrom ?ann .
        ?ann oa:hasSelector ?q , ?p . ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
        FILTER (SUBSTR(?text, ?start + 1, ?end - ?start) != ?exact) } }""",
        bindings={"g": release_graph(FOUNDING_SLUG)})
    assert mismatch is False
    # every fact node has provenance, none is left without
    missing = founding_store.query(
        "ASK { GRAPH ?g { ?f a kg:Fact . FILTER NOT EXISTS { ?f prov:wasDerivedFrom ?a } } }",
        bindings={"g": release_graph(FOUNDING_SLUG)})
    assert missing is False


def test_stored_text_is_the_file_text(founding_store: OxigraphStore, founding_release: Path) -> None:
    res = founding_store.query("SELECT ?g ?text WHERE { GRAPH ?g { ?r a kg:PressRelease ; schema:text ?text } }",
                               bindings={"g": release_graph(FOUNDING_SLUG)})
    assert isinstance(res, SelectResult)
    assert [str(r["text"]) for r in res] == [founding_release.read_text(encoding="utf-8")]


def test_building_twice_gives_an_isomorphic_graph_with_the_same_iris(founding_release: Path) -> None:
    store = OxigraphStore()
    build(store, [founding_release])
    first = store.graph(release_graph(FOUNDING_SLUG))
    runs_before = len(store.graph(RUNS_GRAPH))
    build(store, [founding_release])
    second = store.graph(release_graph(FOUNDING_SLUG))
    assert isomorphic(first, second)
    iris = {t for t in first.all_nodes() if str(t).startswith(str(KGI))}
    assert iris == {t for t in second.all_nodes() if str(t).startswith(str(KGI))}
    assert len(store.graph(RUNS_GRAPH)) == runs_before  # the run record is replaced, not added


def test_a_changed_release_replaces_only_its_own_graph(tmp_path: Path, shared_dir: Path) -> None:
    releases = tmp_path / "releases"
    releases.mkdir()
    for f in sorted((shared_dir / "releases" / "dev").glob("*.txt"))[:2]:
        shutil.copy(f, releases / f.name)
    store = OxigraphStore(tmp_path / "store")
    build(store, [releases])
    names = sorted(releases.glob("*.txt"))
    changed, other = names[0], names[1]
    other_before = store.graph(release_graph(other.stem))
    changed_before = store.graph(release_graph(changed.stem))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nACIMIT President Marco Salvadè "
                       "said exports to India fell.\n", encoding="utf-8")
    report = build(store, [changed])
    assert report.exit_code == 0
    assert isomorphic(store.graph(release_graph(other.stem)), other_before)
    assert not isomorphic(store.graph(release_graph(changed.stem)), changed_before)
    store.close()


def test_the_same_organisation_in_several_releases_is_one_node(shared_dir: Path) -> None:
    store = OxigraphStore()
    releases = sorted((shared_dir / "releases").rglob("*.txt"))
    naming = {p.stem for p in releases if "assomac" in p.read_text(encoding="utf-8").lower()}
    report = build(store, releases)
    assert report.exit_code == 0 and len(naming) >= 3
    res = store.query("""SELECT ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {
        GRAPH ?g { ?o a kg:TradeAssociation ; skos:prefLabel ?l } FILTER(STR(?l) = "Assomac")
    } GROUP BY ?o""")
    assert isinstance(res, SelectResult)
    # one node, described in the graph of every release that names the association
    assert [(r["o"], int(str(r["n"]))) for r in res] == [(KGI["org/assomac"], len(naming))]


BAD = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02PK\x03\x04" * 50,
    "noise.txt": bytes((i * 151 + 7) % 255 + 1 for i in range(3000)),
}


def _bad_folder(tmp_path: Path, founding_release: Path) -> Path:
    folder = tmp_path / "incoming"
    folder.mkdir()
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    shutil.copy(founding_release, folder / founding_release.name)
    return folder


def test_bad_files_fail_alone_and_leave_the_store_as_it_was(tmp_path: Path, founding_release: Path,
                                                           shared_dir: Path) -> None:
    store = OxigraphStore()
    build(store, [shared_dir / "releases" / "dev"])
    folder = _bad_folder(tmp_path, founding_release)
    # earlier versions of the bad files' releases are in the store: a failure keeps them
    (tmp_path / "old").mkdir()
    shutil.copy(shared_dir / "releases" / "dev" / "acimit-2024-11-04-orders-q3.txt",
                tmp_path / "old" / "binary.txt")
    build(store, [tmp_path / "old" / "binary.txt"])
    before = _quads(store)
    report = build(store, [folder / n for n in (*BAD, "huge.txt")])
    assert report.exit_code == 1
    assert _quads(store) == before
    messages = {f.path.name: f.message for f in report.failures}
    assert set(messages) == {*BAD, "huge.txt"}
    assert "empty file" in messages["empty.txt"]
    assert "binary" in messages["binary.txt"]
    assert "character set" in messages["noise.txt"]
    assert "too large" in messages["huge.txt"] and "50.0 MB" in messages["huge.txt"]
    # with a good file among them, the good one loads
    report = build(store, [folder])
    assert [r.slug for r in report.releases] == [FOUNDING_SLUG]
    assert release_graph(FOUNDING_SLUG) in store.graphs()


def test_cli_build_lists_failures_and_exits_1(tmp_path: Path, founding_release: Path) -> None:
    folder = _bad_folder(tmp_path, founding_release)
    url = f"oxigraph:{tmp_path / 'store'}"
    result = CliRunner().invoke(app, ["--store", url, "build", str(folder)])
    assert result.exit_code == 1, result.output
    for name in (*BAD, "huge.txt"):
        assert f"kgraph: failed: {folder / name}:" in result.output
    assert FOUNDING_SLUG in result.output  # the summary table lists the good release
    assert "1 release(s) loaded" in result.output
    with open_store(url) as store:
        assert store.graphs() == sorted([release_graph(FOUNDING_SLUG), RUNS_GRAPH,
                                         KGG[f"resolution/{FOUNDING_SLUG}"]])


def test_cli_build_defaults_to_the_releases_folder(tmp_path: Path, founding_release: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data" / "releases").mkdir(parents=True)
    shutil.copy(founding_release, tmp_path / "data" / "releases")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--store", "memory:", "build"])
    assert result.exit_code == 0, result.output
    assert "orgs" in result.output and FOUNDING_SLUG in result.output


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--store", "memory:", "build", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "nope: no such file or folder" in result.output


def test_html_release_with_scripts_loads_its_main_text_only(tmp_path: Path, founding_release: Path) -> None:
    body = "".join(f"<p>{para}</p>\n" for para in founding_release.read_text(encoding="utf-8").split("\n\n"))
    page = tmp_path / "founding.html"
    page.write_text("<html><head><title>Assomac</title><script>var s='INJECTED';</script>"
                    f"<style>.x{{}}</style></head><body><article>{body}<script>alert('INJECTED')</script>"
                    "</article></body></html>", encoding="utf-8")
    store = OxigraphStore()
    report = build(store, [page])
    assert report.exit_code == 0
    assert report.releases[0].counts["observations"] >= 6
    text = store.query("SELECT ?g ?t WHERE { GRAPH ?g { ?r a kg:PressRelease ; schema:text ?t } }",
                       bindings={"g": release_graph("founding")})
    assert isinstance(text, SelectResult)
    assert "INJECTED" not in str(text.rows[0]["t"])
    assert "575 million euros" in str(text.rows[0]["t"])


def test_a_release_without_facts_loads_a_document_node_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "weather.txt"
    f.write_text("It rained all afternoon and the garden looked greener afterwards.\n", encoding="utf-8")
    store = OxigraphStore()
    report = build(store, [f])
    assert report.exit_code == 0
    assert any("no recognisable facts" in w and str(f) in w for w in report.warnings)
    assert store.query("ASK { GRAPH ?g { ?r a kg:PressRelease } }", bindings={"g": release_graph("weather")})
    assert store.query("ASK { GRAPH ?g { ?f a kg:Fact } }", bindings={"g": release_graph("weather")}) is False
    result = CliRunner().invoke(app, ["--store", "memory:", "build", str(f)])
    assert result.exit_code == 0
    assert "no recognisable facts" in result.output


def test_size_limit_comes_from_settings(tmp_path: Path, founding_release: Path) -> None:
    store = OxigraphStore()
    report = build(store, [founding_release], settings=Settings(max_release_bytes=1000))
    assert report.exit_code == 1
    assert "too large" in report.failures[0].message
    assert store.graphs() == []


def test_run_builds_the_configured_releases(tmp_path: Path, founding_release: Path) -> None:
    from kgraph.pipeline import run

    (tmp_path / "rel").mkdir()
    shutil.copy(founding_release, tmp_path / "rel")
    report = run(Settings(store=f"oxigraph:{tmp_path / 'st'}", releases=tmp_path / "rel"))
    assert report.exit_code == 0
    assert any(FOUNDING_SLUG in line for line in report.lines)
    with open_store(f"oxigraph:{tmp_path / 'st'}") as store:
        assert KGG[f"release/{FOUNDING_SLUG}"] in store.graphs()


def test_a_release_violating_the_shapes_is_not_loaded(tmp_path: Path, founding_release: Path,
                                                      repo_root: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A stricter shapes file (a real ontology folder, KGRAPH_ONTOLOGY_DIR) rejects the
    release: the failure names the file and the shape, and the store keeps its state."""
    onto = tmp_path / "ontology"
    shutil.copytree(repo_root / "ontology", onto)
    with (onto / "shapes.ttl").open("a", encoding="utf-8") as f:
        f.write("\n<urn:test:strict> a sh:NodeShape ; sh:targetClass kg:PressRelease ;\n"
                "  sh:property [ sh:path dct:publisher ; sh:minCount 2 ;\n"
                '    sh:message "a release needs two publishers" ] .\n')
    store = OxigraphStore()
    build(store, [founding_release])
    before = _quads(store)
    monkeypatch.setenv("KGRAPH_ONTOLOGY_DIR", str(onto))
    report = build(store, [founding_release])
    assert report.exit_code == 1
    assert "violates the SHACL shapes" in report.failures[0].message
    assert "two publishers" in report.failures[0].message
    assert _quads(store) == before


def test_every_release_graph_conforms_to_the_shapes(shared_dir: Path) -> None:
    """The graphs build loads, as loaded (Oxigraph then stores oa:start/oa:end, declared
    xsd:nonNegativeInteger, as xsd:integer: its canonical form of integer types)."""
    from kgraph.extract import extract
    from kgraph.extract._read import read_release
    from kgraph.extract.rdf import to_graph
    from kgraph.ontology import validate

    files = [shared_dir / "releases" / "assomac-2025-06-20-sector-2024.txt",
             *sorted((shared_dir / "releases" / "dev").glob("*.txt"))]
    for f in files:
        result = validate(to_graph(extract(read_release(f))))
        assert result.conforms, (f.name, result.summary(), [v.describe() for v in result.violations[:5]])
        assert not result.warnings, (f.name, [v.describe() for v in result.warnings[:5]])


def _variants(tmp_path: Path, founding_release: Path) -> Path:
    """The founding release, a year-earlier edition and a revised edition (real text, real
    extraction): same indicators, scope and area; other periods or other values."""
    folder = tmp_path / "editions"
    folder.mkdir()
    text = founding_release.read_text(encoding="utf-8")
    shutil.copy(founding_release, folder)
    earlier = text.replace("2025", "\0").replace("2024", "2023").replace("\0", "2024")
    (folder / "assomac-2024-06-20-sector-2023.txt").write_text(earlier, encoding="utf-8")
    revised = text.replace("575 million euros", "590 million euros")
    (folder / "assomac-2025-07-01-sector-2024-revised.txt").write_text(revised, encoding="utf-8")
    return folder


TURNOVER = """
SELECT DISTINCT ?scope ?area ?period ?value ?release WHERE {
  ?o kg:indicator/skos:notation "turnover" ; kg:scope ?scope ; sdmx-dimension:refArea ?area ;
     sdmx-dimension:refPeriod/skos:notation ?period ; sdmx-measure:obsValue ?value ;
     kg:statedIn ?release .
} ORDER BY ?period ?value
"""


def test_releases_of_several_years_form_a_time_series(tmp_path: Path, founding_release: Path) -> None:
    store = OxigraphStore()
    assert build(store, [_variants(tmp_path, founding_release)]).exit_code == 0
    res = store.query(TURNOVER, bindings={
        "scope": KGI["sector/footwear-leather-goods-and-tannery-machinery"],
        "area": KGI["place/italy"]})
    assert isinstance(res, SelectResult)
    series = [(str(r["period"]), int(str(r["value"])), str(r["release"]).rsplit("/", 1)[-1]) for r in res]
    assert series == [
        ("2023", 575_000_000, "assomac-2024-06-20-sector-2023"),
        ("2024", 575_000_000, FOUNDING_SLUG),
        ("2024", 590_000_000, "assomac-2025-07-01-sector-2024-revised"),
    ]


def test_disagreeing_releases_are_both_kept_and_flagged(tmp_path: Path, founding_release: Path) -> None:
    store = OxigraphStore()
    report = build(store, [_variants(tmp_path, founding_release)])
    assert report.conflicts == 1
    flagged = store.query("""SELECT DISTINCT ?a ?b ?va ?vb ?ra ?rb WHERE {
        GRAPH kgg:derived { ?a kg:conflictsWith ?b }
        ?a sdmx-measure:obsValue ?va ; kg:statedIn ?ra . ?b sdmx-measure:obsValue ?vb ; kg:statedIn ?rb .
    }""")
    assert isinstance(flagged, SelectResult)
    pairs = {(str(r["ra"]).rsplit("/", 1)[-1], int(str(r["va"])), str(r["rb"]).rsplit("/", 1)[-1], int(str(r["vb"])))
             for r in flagged}
    revised = "assomac-2025-07-01-sector-2024-revised"
    assert pairs == {(FOUNDING_SLUG, 575_000_000, revised, 590_000_000),
                     (revised, 590_000_000, FOUNDING_SLUG, 575_000_000)}
    # the revision is withdrawn (its file corrected): the flag goes with the next build
    (tmp_path / "editions" / f"{revised}.txt").write_text(
        founding_release.read_text(encoding="utf-8"), encoding="utf-8")
    assert build(store, [tmp_path / "editions" / f"{revised}.txt"]).conflicts == 0
    assert len(store.graph(KGG["derived"])) == 0


def test_latin1_release_loads_the_same_facts_as_utf8(tmp_path: Path, shared_dir: Path) -> None:
    source = shared_dir / "releases" / "dev" / "assomac-2024-06-26-export-2023-it.txt"
    text = source.read_text(encoding="utf-8").replace("–", "-")  # no en dash in Latin-1
    (tmp_path / "utf8").mkdir()
    (tmp_path / "latin1").mkdir()
    (tmp_path / "utf8" / source.name).write_text(text, encoding="utf-8")
    (tmp_path / "latin1" / source.name).write_bytes(text.encode("latin-1"))
    graphs = []
    for folder in ("utf8", "latin1"):
        store = OxigraphStore()
        report = build(store, [tmp_path / folder])
        assert report.exit_code == 0, report.failures
        assert report.releases[0].counts["observations"] == 5
        graphs.append(store.graph(release_graph(source.stem)))
    assert isomorphic(graphs[0], graphs[1])


def test_markdown_release_loads(tmp_path: Path, founding_release: Path) -> None:
    md = tmp_path / "founding.md"
    lines = founding_release.read_text(encoding="utf-8").split("\n")
    md.write_text("\n".join(["# " + lines[2], *lines[3:]]), encoding="utf-8")
    store = OxigraphStore()
    report = build(store, [tmp_path])
    assert report.exit_code == 0
    counts = report.releases[0].counts
    assert counts["observations"] == 6 and counts["memberships"] == 4


def test_two_files_with_the_same_name_are_one_release_too_many(tmp_path: Path, founding_release: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(founding_release, tmp_path / "a")
    shutil.copy(founding_release, tmp_path / "b" / f"{FOUNDING_SLUG}.md")
    report = build(OxigraphStore(), [tmp_path])
    assert [r.slug for r in report.releases] == [FOUNDING_SLUG]
    assert len(report.failures) == 1
    assert report.failures[0].path == tmp_path / "b" / f"{FOUNDING_SLUG}.md"
    assert "same release name" in report.failures[0].message


def test_cli_shows_a_progress_bar_on_a_terminal(tmp_path: Path, shared_dir: Path) -> None:
    """On a terminal (a real pseudo-terminal here) with five files or more, a progress bar
    is drawn on stderr; on a pipe (every other test) there is none."""
    import os
    import pty
    import subprocess
    import sys

    folder = tmp_path / "many"
    folder.mkdir()
    for i, f in enumerate(sorted((shared_dir / "releases" / "dev").glob("*.txt")) * 2):
        shutil.copy(f, folder / f"{f.stem}-{i}.txt")
    import threading

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    chunks: list[bytes] = []

    def drain() -> None:
        # Read while the build runs: a pseudo-terminal holds a few KB, and a bar redrawn
        # ten times a second on a slow machine would fill it and block the writer.
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.run([sys.executable, "-m", "kgraph", "--store", "memory:", "build", str(folder)],
                          stdout=subprocess.PIPE, stderr=slave, env=env, timeout=300, check=False)
    os.close(slave)
    reader.join(timeout=30)
    os.close(master)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, drawn
    assert "/6" in drawn  # "n/6" files done, drawn by the bar
    assert "6 release(s) loaded" in proc.stdout.decode()


ELECTION = ("Milan, 3 March 2025 – The general assembly of Acimit elected Mario Bianchi as its new "
            "President today.\n\nHe succeeds Anna Verdi.\n")
NEWS_A_DAY_LATER = ("Rome, 4 March 2025 – The general assembly of Acimit elected Mario Bianchi as its new "
                    "President on Monday.\n\nHe succeeds Anna Verdi.\n")


def test_releases_dating_one_post_differently_stay_valid_together_and_are_flagged(tmp_path: Path) -> None:
    """The association's communiqué and a news item a day later date one election apart:
    each release keeps its own claim of the post, the merged graph validates, and the two
    claims are flagged as conflicting."""
    from kgraph.pipeline import load_ontology_into, validate_store

    (tmp_path / "acimit-2025-03-03-president.txt").write_text(ELECTION, encoding="utf-8")
    (tmp_path / "news-2025-03-04-acimit.txt").write_text(NEWS_A_DAY_LATER, encoding="utf-8")
    store = OxigraphStore()
    load_ontology_into(store)
    report = build(store, [tmp_path])
    assert report.exit_code == 0 and len(report.releases) == 2
    report_v = validate_store(store)
    assert report_v.conforms, [v.describe() for v in report_v.violations]
    rows = store.query("""SELECT ?m ?start ?release WHERE {
        ?m a org:Membership ; org:member kgi:person\\/mario-bianchi ; kg:statedIn ?release ;
           org:memberDuring/time:hasBeginning/time:inXSDDate ?start }""")
    assert isinstance(rows, SelectResult)
    claims = {str(r["release"]).rsplit("/", 1)[-1]: str(r["start"]) for r in rows}
    assert claims == {"acimit-2025-03-03-president": "2025-03-03", "news-2025-03-04-acimit": "2025-03-04"}
    flagged = store.query("SELECT ?a ?b WHERE { GRAPH kgg:derived { ?a kg:conflictsWith ?b } "
                          "?a a org:Membership }")
    assert isinstance(flagged, SelectResult)
    # Bianchi's start and Verdi's end differ: two posts, each flagged in both directions.
    assert len(list(flagged)) == 4 and report.conflicts == 2
    roles = store.query("SELECT DISTINCT ?name ?role ?source WHERE { ?m a org:Membership ; "
                        "org:member/foaf:name ?name ; org:role/skos:prefLabel ?role ; "
                        "kg:statedIn/kg:sourceFile ?source }")
    assert isinstance(roles, SelectResult)
    assert {(str(r["name"]), str(r["source"])) for r in roles} >= {
        ("Mario Bianchi", "acimit-2025-03-03-president.txt"), ("Mario Bianchi", "news-2025-03-04-acimit.txt")}
    from kgraph.queries import QueryLibrary

    posts = QueryLibrary().run("conflicting-posts", store=store)
    assert isinstance(posts, SelectResult)
    assert {(str(r["name"]), str(r["role"]), str(r["start"] or ""), str(r["otherStart"] or ""))
            for r in posts} == {("Mario Bianchi", "President", "2025-03-03", "2025-03-04"),
                               ("Anna Verdi", "President", "", "")}


def test_every_release_of_the_project_built_together_validates(shared_dir: Path) -> None:
    """The founding, dev and real releases of ../shared and the held-out test sets in one
    store: whatever each says of shared people and organisations, the union conforms."""
    from kgraph.pipeline import load_ontology_into, validate_store

    here = Path(__file__).parent / "data"
    store = OxigraphStore()
    load_ontology_into(store)
    report = build(store, [shared_dir / "releases", here / "holdout" / "releases",
                           here / "holdout2" / "releases"])
    assert report.exit_code == 0, report.lines()
    assert len(report.releases) >= 40
    validation = validate_store(store)
    assert validation.conforms, [v.describe() for v in validation.violations[:10]]


def test_a_release_over_the_time_budget_fails_alone_and_changes_nothing(tmp_path: Path,
                                                                        founding_release: Path) -> None:
    """A real extractor that never ends on one text: that release fails with a clear error
    after the budget, the store keeps its earlier state, and the next file still loads."""
    import time

    from kgraph.extract import RulesExtractor, register_extractor, unregister_extractor

    class Stuck(RulesExtractor):
        name = "stuck-on-loops"

        def extract(self, document):  # type: ignore[no-untyped-def]
            if "loop" in document.slug:
                time.sleep(600)
            return super().extract(document)

    register_extractor("stuck-on-loops", Stuck())
    try:
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "a-loop.txt").write_text("Milan, 3 March 2025 – Assomac met.\n", encoding="utf-8")
        shutil.copy(founding_release, folder / founding_release.name)
        store = OxigraphStore()
        started = time.monotonic()
        report = build(store, [folder], settings=Settings(extract_budget=2.0),
                       extractor="stuck-on-loops")
        assert time.monotonic() - started < 120  # stopped, not waited for
        assert [(f.path.name, f.message) for f in report.failures] == [
            ("a-loop.txt", "extraction took longer than 2 s and was stopped (the time budget per "
                           "release, KGRAPH_EXTRACT_BUDGET)")]
        assert [r.slug for r in report.releases] == [founding_release.stem]
        assert release_graph("a-loop") not in set(store.graphs())
    finally:
        unregister_extractor("stuck-on-loops")
