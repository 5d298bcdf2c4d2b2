"""A project's own extraction data: ``data/extract/<pack>/<name>.yaml`` extends the packs
kgraph ships (issue 13, item 1), is part of the build key, and fails clearly when malformed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.errors import ConfigError
from kgraph.extract import gazetteer as gz
from kgraph.extract.base import RulesExtractor
from kgraph.model import Document, Organisation, Priority
from kgraph.store import open_store

# Written for these tests: an alias the shipped packs do not know, and a request cue they lack.
RELEASES = {
    "guild-2025-11-03-tariffs.txt": (
        "Milan, 3 November 2025\n\nThe Shoe Machine Alliance met its members in Vigevano. "
        "\"We lobby for lower energy tariffs for small machine builders,\" its president said.\n"),
    "guild-2025-11-10-fairs.txt": (
        "Milano, 10 novembre 2025\n\nLa Shoe Machine Alliance ha riunito la giunta. "
        "Noi facciamo pressione per fiere all'estero più accessibili alle piccole imprese.\n"),
}
ORG_ALIAS = "entries:\n  - {name: Assomac, aliases: [Shoe Machine Alliance]}\n"
CUES = {"en": "ask:\n  - we lobby for\n", "it": "ask:\n  - facciamo pressione per\n"}


def _project(root: Path) -> Path:
    root.mkdir(exist_ok=True)
    (root / "kgraph.toml").write_text(f'store = "oxigraph:{root / "store"}"\nreleases = "releases"\n', encoding="utf-8")
    (root / "releases").mkdir()
    for name, text in RELEASES.items():
        (root / "releases" / name).write_text(text, encoding="utf-8")
    for pack, cue in CUES.items():
        folder = root / "data" / "extract" / pack
        folder.mkdir(parents=True)
        (folder / "priorities.yaml").write_text(cue, encoding="utf-8")
    (root / "data" / "extract" / "en" / "organisations.yaml").write_text(ORG_ALIAS, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _back_to_the_shipped_data() -> Iterator[None]:
    # every test leaves the working folder (monkeypatch.chdir); the caches follow it back
    yield
    gz.refresh()


def _facts(text: str) -> tuple[set[str], set[str]]:
    x = RulesExtractor()
    got = x.extract(Document(slug="probe-2025-11-03", path="probe.txt", text=text))
    return ({o.name for o in got.of(Organisation)}, {p.text for p in got.of(Priority)})


def test_a_project_adds_an_alias_and_a_cue_and_only_it_sees_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "p")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    shipped_digest = RulesExtractor().config["data"]
    for text in RELEASES.values():
        orgs, priorities = _facts(text)
        assert "Assomac" not in orgs and not priorities
    monkeypatch.chdir(root / "releases")  # a project is found upwards
    assert RulesExtractor().config["data"] != shipped_digest
    orgs, priorities = _facts(RELEASES["guild-2025-11-03-tariffs.txt"])
    assert "Assomac" in orgs
    assert priorities == {"lower energy tariffs for small machine builders"}
    orgs, priorities = _facts(RELEASES["guild-2025-11-10-fairs.txt"])
    assert "Assomac" in orgs
    assert any(p.startswith("fiere all'estero") for p in priorities), priorities
    monkeypatch.chdir(outside)
    assert RulesExtractor().config["data"] == shipped_digest
    assert _facts(RELEASES["guild-2025-11-03-tariffs.txt"])[1] == set()


def _count(store_path: Path, needle: str) -> int:
    with open_store(f"oxigraph:{store_path}") as store:
        rows = store.query(f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o
            FILTER (isLiteral(?o) && CONTAINS(STR(?o), "{needle}")) }} }}""")
        return int(str(next(iter(rows))["n"]))  # type: ignore[call-overload]


def test_a_build_in_the_project_finds_them_and_an_edit_rebuilds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    runner = CliRunner()
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 0, result.output
    assert "2 release(s) loaded" in result.output
    assert _count(root / "store", "lower energy tariffs") >= 1
    result = runner.invoke(app, ["build"])
    assert "0 release(s) loaded" in result.output and "2 skipped" in result.output
    # the project's data is part of every build key: an edit builds the releases again
    (root / "data" / "extract" / "en" / "priorities.yaml").write_text(
        "ask:\n  - we lobby for\n  - we press for\n", encoding="utf-8")
    result = runner.invoke(app, ["build"])
    assert "2 release(s) loaded" in result.output, result.output


def test_a_new_pack_folder_a_replaced_record_and_a_new_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kgraph.toml").write_text("")
    fr = tmp_path / "data" / "extract" / "fr"
    fr.mkdir(parents=True)
    (fr / "relations.yaml").write_text("member_of: [membre de, adhérent à]\n", encoding="utf-8")
    (fr / "organisations.yaml").write_text(
        "entries:\n"
        "  - {name: ACIMIT, type: TradeAssociation, replace: true, aliases: [Acimit France]}\n"
        "  - {name: Fédération des Chaussures, type: TradeAssociation, aliases: [FDC]}\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    RulesExtractor()
    assert {"membre de", "member of"} <= set(gz.relation_cues()["member_of"])
    acimit = gz.organisation("ACIMIT")
    assert acimit is not None and acimit.aliases == ("Acimit France",) and acimit.sector is None
    assert gz.resolve("FDC", "organisation") == "Fédération des Chaussures"
    assert [p for p, _ in gz.project_files()] == ["fr", "fr"]


@pytest.mark.parametrize("name, text, line, problem", [
    ("priorities.yaml", "ask:\n  - we lobby for\n  - [unclosed\n", 4, "not valid YAML"),
    ("priorities.yaml", "ask: we lobby for\n", 1, "ask is a list of words, not the str"),
    ("priorities.yaml", "ask:\n  - fine\n  - yes\n", 3, "must be text, not the bool 'yes'"),
    ("priorities.yaml", "\nasks:\n  - we lobby for\n", 2, "unknown key 'asks'"),
    ("organisations.yaml", "entries:\n  - {aliases: [X]}\n", 2, "needs a name"),
    ("organisations.yaml", "entries:\n  - {name: Nuova, aliases: [N]}\n", 2,
     "'Nuova' names no record of organisations.yaml, so it is a new one: it needs type"),
    ("organisations.yaml", "entries:\n  - {name: ACIMIT, replace: true, aliases: [A]}\n", 2,
     "'ACIMIT' replaces the shipped record: it needs type"),
    ("organisations.yaml", "entries:\n  - {name: Nuova, type: Club}\n", 2,
     "Nuova.type 'Club' is not one of"),
    ("organisations.yaml", "entries:\n  - name: Assomac\n    alias: [A]\n", 3, "unknown key 'alias'"),
    ("indicators.yaml", "bases:\n  turnover: [giro]\n  sales:\n    x: [y]\n", 4,
     "bases.sales is a list of words, not a mapping"),
])
def test_a_bad_file_names_the_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            name: str, text: str, line: int, problem: str) -> None:
    (tmp_path / "kgraph.toml").write_text("")
    folder = tmp_path / "data" / "extract" / "en"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=problem) as info:
        RulesExtractor()
    assert str(info.value).startswith(f"{folder / name}:{line}: "), info.value


def test_a_file_no_pack_has_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kgraph.toml").write_text("")
    folder = tmp_path / "data" / "extract" / "en"
    folder.mkdir(parents=True)
    (folder / "priority.yaml").write_text("ask: [we lobby for]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="no data file of that name"):
        RulesExtractor()
    (folder / "priority.yaml").rename(tmp_path / "data" / "extract" / "priorities.yaml")
    with pytest.raises(ConfigError, match="belongs in a pack folder"):
        RulesExtractor()


def test_the_cli_fails_with_exit_2_and_leaves_the_store_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    runner = CliRunner()
    assert runner.invoke(app, ["build"]).exit_code == 0
    with open_store(f"oxigraph:{root / 'store'}") as store:
        before = len(store)
    (root / "data" / "extract" / "it" / "priorities.yaml").write_text("ask:\n  - : x\n  -\n    - a\n",
                                                                       encoding="utf-8")
    result = runner.invoke(app, ["build", "--force"])
    assert result.exit_code == 2, result.output
    assert "priorities.yaml:" in result.output
    with open_store(f"oxigraph:{root / 'store'}") as store:
        assert len(store) == before
