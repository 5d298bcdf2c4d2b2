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
