"""Projects: kgraph.toml found upwards, settings precedence, and a project's own
ontology/, queries/ and data/ over the files kgraph ships (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph import _project
from kgraph.cli import app
from kgraph.config import load_settings
from kgraph.errors import ConfigError
from kgraph.link import read_curated
from kgraph.ontology import load_ontology, ontology_file
from kgraph.queries import QueryLibrary

ROOT = Path(__file__).resolve().parents[1]


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    return result.exit_code, result.output


def test_init_writes_a_project_and_refuses_a_second_time(tmp_path: Path) -> None:
    code, out = _invoke("init", str(tmp_path / "p"))
    assert code == 0, out
    assert (tmp_path / "p" / "kgraph.toml").is_file()
    assert [f.name for f in (tmp_path / "p" / "releases").iterdir()] == [
        "assomac-2025-06-20-sector-2024.txt"]
    code, out = _invoke("init", str(tmp_path / "p"))
    assert code == 2
    assert "already a kgraph project" in out


def test_config_file_is_found_upwards_and_anchors_paths(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kgraph.toml").write_text('releases = "texts"\nquery_timeout = 5\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    s = load_settings(environ={})
    assert s.config_file == tmp_path / "kgraph.toml"
    assert s.releases == tmp_path / "texts"
    assert s.query_timeout == 5.0
    assert s.store == f"oxigraph:{tmp_path / '.kgraph/store'}"  # a default, from the project
    assert s.sources["releases"] == str(tmp_path / "kgraph.toml")
    assert s.sources["store"] == "default"
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}).releases == Path("texts")  # relative where it is read


def test_precedence_option_env_file_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kgraph.toml").write_text('store = "memory:"\nextractor = "from-file"\nout = "o"\n')
    monkeypatch.chdir(tmp_path)
    env = {"KGRAPH_STORE": "oxigraph:env", "KGRAPH_EXTRACTOR": "from-env"}
    s = load_settings({"store": "oxigraph:opt"}, environ=env)
    assert (s.store, s.sources["store"]) == ("oxigraph:opt", "option")
    assert (s.extractor, s.sources["extractor"]) == ("from-env", "env")
    assert s.out == Path("o") and s.sources["out"].endswith("kgraph.toml")
    assert s.sources["judgements"] == "default"
    code, out = _invoke("--store", "memory:", "config", "--format", "json",
                        env={"KGRAPH_EXTRACTOR": "from-env"})
    assert code == 0, out
    shown = json.loads(out)["settings"]
    assert shown["store"] == {"value": "memory:", "source": "option"}
    assert shown["extractor"] == {"value": "from-env", "source": "env"}
    assert shown["query_timeout"] == {"value": 30.0, "source": "default"}
    code, out = _invoke("config")
    assert "kgraph.toml" in out and "[option]" not in out


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_config_never_shows_a_key_or_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    secrets = {"KGRAPH_LLM_API_KEY": "sk-key-that-must-stay-hidden",
               "KGRAPH_SERVE_TOKEN": "token-that-must-stay-hidden"}
    assert load_settings(environ=secrets).serve_token == "token-that-must-stay-hidden"
    code, out = _invoke("config", "--format", fmt, env=secrets)
    assert code == 0, out
    assert "must-stay-hidden" not in out
    assert out.count("(hidden)") == 2
    code, out = _invoke("config", "--format", fmt, env={"KGRAPH_LLM_API_KEY": ""})
    assert "(hidden)" not in out


@pytest.mark.parametrize("text, problem", [
    ('colour = "red"\n', "unknown setting 'colour'"),
    ("query_timeout = \"soon\"\n", "not a valid float"),
    ("allow_federation = 3\n", "not a valid bool"),
    ("store = [\n", "malformed TOML"),
])
def test_bad_config_file_is_an_error_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               text: str, problem: str) -> None:
    (tmp_path / "kgraph.toml").write_text(text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=problem) as info:
        load_settings(environ={})
    assert "kgraph.toml" in str(info.value)
    code, out = _invoke("config")
    assert code == 2 and problem.split("'")[0] in out


def test_project_queries_override_and_extend_the_shipped(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shipped = QueryLibrary()
    assert "people-roles" in shipped
    assert shipped.get("people-roles").path.parent == _project.shipped_dir("queries")
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "people-roles.rq").write_text(
        "# title: My people\n# description: mine\n# columns: p\nSELECT ?p WHERE { ?p a foaf:Person }\n")
    (tmp_path / "queries" / "mine.rq").write_text(
        "# title: Mine\n# description: one triple\n# columns: s\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n")
    lib = QueryLibrary()
    assert lib.get("people-roles").title == "My people"
    assert "mine" in lib and "releases" in lib
    assert len(lib.list()) == len(shipped.list()) + 1


def test_project_ontology_and_data_override_the_shipped(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KGRAPH_ONTOLOGY_DIR", raising=False)
    before = len(load_ontology())
    assert len(read_curated()) > 0
    (tmp_path / "ontology").mkdir()
    (tmp_path / "ontology" / "extra.ttl").write_text(
        "@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\n")
    assert len(load_ontology()) == before + 1
    assert ontology_file("shapes.ttl").parent == _project.shipped_dir("ontology")
    (tmp_path / "data" / "links").mkdir(parents=True)
    (tmp_path / "data" / "links" / "curated.csv").write_text(
        "entity,wikidata,label,source\nhttps://w3id.org/kgraph/id/org/x,Q1,X,my notes\n")
    assert [c.qid for c in read_curated()] == ["Q1"]


# --- incremental builds -----------------------------------------------------------------------

def test_a_second_build_of_an_unchanged_folder_builds_nothing(tmp_path: Path,
                                                               founding_release: Path) -> None:
    import shutil

    from kgraph.config import Settings
    from kgraph.pipeline import build, stored_build_keys
    from kgraph.store import OxigraphStore

    folder = tmp_path / "releases"
    folder.mkdir()
    shutil.copy(founding_release, folder / founding_release.name)
    second = folder / "assomac-2025-07-01-note.txt"
    second.write_text("Milan, 1 July 2025. Assomac announced that its members will meet "
                      "in Vigevano next autumn.\n", encoding="utf-8")
    settings = Settings(judgements=tmp_path / "judgements.csv")
    store = OxigraphStore()
    first = build(store, [folder], settings=settings)
    assert (len(first.releases), len(first.skipped)) == (2, 0)
    assert len(stored_build_keys(store)) == 2
    quads = len(store)
    again = build(store, [folder], settings=settings)
    assert (len(again.releases), len(again.skipped), again.exit_code) == (0, 2, 0)
    assert again.nothing_built and "nothing to build" in again.lines()[1]
    assert len(store) == quads
    # One file changes: only that one is built again.
    second.write_text(second.read_text(encoding="utf-8") + "The meeting is open to all.\n",
                      encoding="utf-8")
    third = build(store, [folder], settings=settings)
    assert [r.slug for r in third.releases] == [second.stem]
    assert third.skipped == [folder / founding_release.name]
    # New judgements change how entities resolve: every release is built again.
    (tmp_path / "judgements.csv").write_text("judgement,left,right,source,note\n")
    assert len(build(store, [folder], settings=settings).releases) == 2
    # Another extractor version, or --force, rebuilds too.
    assert len(build(store, [folder], settings=settings, force=True).releases) == 2


def test_build_command_counts_built_skipped_failed(tmp_path: Path, founding_release: Path) -> None:
    url = f"oxigraph:{tmp_path / 'store'}"
    code, out = _invoke("--store", url, "build", str(founding_release))
    assert code == 0, out
    assert "1 release(s) loaded" in out and "0 skipped (unchanged)" in out
    code, out = _invoke("--store", url, "build", str(founding_release))
    assert code == 0, out
    assert "0 release(s) loaded" in out and "1 skipped (unchanged), 0 failed" in out
    assert "nothing to build: all 1 release(s) are unchanged" in out
    code, out = _invoke("--store", url, "build", "--force", str(founding_release))
    assert code == 0 and "1 release(s) loaded" in out


# --- publication dates ------------------------------------------------------------------------

def _published(tmp_path: Path, name: str, text: str) -> tuple[str | None, str | None, str | None]:
    from kgraph.pipeline import build
    from kgraph.store import OxigraphStore, SelectResult

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    store = OxigraphStore()
    report = build(store, [path])
    assert report.exit_code == 0, report.lines()
    rows = store.query("SELECT ?p ?s ?d WHERE { ?r a kg:PressRelease . "
                       "OPTIONAL { ?r schema:datePublished ?p } OPTIONAL { ?r kg:dateSource ?s } "
                       "OPTIONAL { ?r dct:date ?d } }")
    assert isinstance(rows, SelectResult) and len(rows) == 1
    row = rows[0]
    return tuple(None if row.get(v) is None else str(row[v]) for v in ("p", "s", "d"))  # type: ignore[return-value]


@pytest.mark.parametrize("name, text, expected", [
    # The text states no date: the file name gives it, and dct:date stays empty.
    ("ucimu-2024-03-05-orders.txt",
     "Machine tool orders rose in the winter, the association of builders reported.\n",
     ("2024-03-05", "file-name", None)),
    ("acimit-2023-10-30-nota.md",
     "Gli ordini di macchine tessili sono cresciuti nel terzo trimestre, secondo l'associazione.\n",
     ("2023-10-30", "file-name", None)),
    # The text states one: that wins over the file name.
    ("assomac-2025-01-02-note.txt",
     "Vigevano, 14 March 2025 - Assomac welcomed two new member companies this spring.\n",
     ("2025-03-14", "text", "2025-03-14")),
    # Neither: no publication date at all.
    ("plain-note.txt", "A short note about tanning machines with no date in it.\n",
     (None, None, None)),
])
def test_publication_date_and_its_source(tmp_path: Path, name: str, text: str,
                                         expected: tuple[str | None, ...]) -> None:
    assert _published(tmp_path, name, text) == expected


def test_publication_date_from_the_page_metadata(tmp_path: Path) -> None:
    page = ("<html><head><title>Footwear machines abroad</title>"
            '<meta property="article:published_time" content="2024-05-17T09:00:00+02:00">'
            "</head><body><article><h1>Footwear machines abroad</h1>"
            "<p>Italian makers of footwear machinery sold more abroad this season, the "
            "association said, with Asian buyers leading the demand for cutting systems.</p>"
            "<p>The association expects the trend to hold for the rest of the year.</p>"
            "</article></body></html>")
    published, source, stated = _published(tmp_path, "footwear-news.html", page)
    assert (published, source, stated) == ("2024-05-17", "page-metadata", None)
    # A date in the file name comes before the page's metadata.
    assert _published(tmp_path, "footwear-2024-05-20.html", page)[:2] == ("2024-05-20", "file-name")
