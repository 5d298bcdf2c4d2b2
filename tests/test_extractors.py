"""Extractors: the protocol and registry, the run record of the extractor that built a
release, rule provenance of every fact (in the graph and scored per rule by `kgraph eval`),
and the date a file name carries. Real stores and real extractors: no mocks."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import kgraph
from kgraph.cli import app
from kgraph.config import load_settings
from kgraph.errors import EXIT_USAGE, ExtractorError
from kgraph.extract import (
    Extractor,
    RulesExtractor,
    extract,
    extractor_names,
    file_name_date,
    get_extractor,
    read_release,
    register_extractor,
    unregister_extractor,
)
from kgraph.extract.base import stamp_rule
from kgraph.model import Document, DocumentInfo, Extraction, Mention, Organisation, Person
from kgraph.pipeline import RUNS_GRAPH, build, evaluate, read_back, release_graph
from kgraph.store import OxigraphStore, SelectResult

RUN = """
SELECT ?name ?version ?hash ?config ?software WHERE { GRAPH ?runs {
  ?run a kg:ExtractionRun ; prov:used ?release ; kg:extractorName ?name ;
       kg:extractorVersion ?version ; kg:configHash ?hash ; kg:extractorConfig ?config ;
       kg:softwareVersion ?software .
} }
"""


class WordListExtractor:
    """A small real extractor: every listed name found in the text is an organisation."""

    name = "word-list"
    version = "2.5.1"

    def __init__(self, words: tuple[str, ...] = ("Vigevano Tanners Guild",), kind: str = "TradeAssociation") -> None:
        self.config: dict[str, Any] = {"words": list(words), "type": kind}

    def extract(self, document: Document) -> Extraction:
        document.language = "en"
        text = document.text
        facts: list[Any] = []
        for word in self.config["words"]:
            for m in re.finditer(re.escape(word), text):
                facts.append(Organisation(Mention(m.group(), m.start(), m.end()), name=word,
                                          type=self.config["type"], rule="word-list.exact"))
        first = text.splitlines()[0]
        info = DocumentInfo(Mention(first, 0, len(first)), title=first)
        return Extraction(document=document, info=info, facts=facts)


def _canonical_hash(config: dict[str, Any]) -> str:
    data = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@pytest.fixture
def word_list() -> Iterator[str]:
    register_extractor("word-list", WordListExtractor)
    yield "word-list"
    unregister_extractor("word-list")


@pytest.fixture
def guild_release(tmp_path: Path) -> Path:
    path = tmp_path / "guild-2023-03-09-spring-meeting.txt"
    path.write_text(textwrap.dedent("""\
        Spring gathering of the Vigevano Tanners Guild
        The Vigevano Tanners Guild brought its members together to compare order books,
        swap notes on drum maintenance and plan a joint stand for the autumn.
        """), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the registry


def test_rules_is_the_default_and_follows_the_protocol() -> None:
    rules = get_extractor()
    assert isinstance(rules, RulesExtractor) and isinstance(rules, Extractor)
    assert rules.name == "rules" and "rules" in extractor_names()
    assert get_extractor("rules").name == "rules"
    assert load_settings(environ={}).extractor == "rules"
    assert load_settings(environ={"KGRAPH_EXTRACTOR": "word-list"}).extractor == "word-list"


def test_unknown_name_is_a_usage_error_listing_the_known_names(word_list: str) -> None:
    with pytest.raises(ExtractorError) as info:
        get_extractor("no-such-reader")
    assert info.value.exit_code == EXIT_USAGE
    assert info.value.known == sorted(extractor_names())
    assert "rules" in str(info.value) and "word-list" in str(info.value)


@pytest.mark.parametrize("command", ["build", "eval"])
def test_cli_unknown_extractor_exits_2_with_the_names(command: str, founding_release: Path,
                                                        word_list: str, tmp_path: Path) -> None:
    target = founding_release
    if command == "eval":
        target = tmp_path / "gold.yaml"
        target.write_text(f"release: {founding_release.name}\n", encoding="utf-8")
    store = tmp_path / "store"
    args = ["--store", f"oxigraph:{store}", command, "--extractor", "no-such-reader", str(target)]
    if command == "eval":
        args[2:] = ["eval", "--releases", str(founding_release.parent), "--extractor",
                    "no-such-reader", str(target)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "unknown extractor 'no-such-reader'" in result.output
    assert "rules" in result.output and "word-list" in result.output
    assert not store.exists()  # nothing was opened, nothing was built


def test_kgraph_extractor_setting_is_read(founding_release: Path) -> None:
    result = CliRunner().invoke(app, ["--store", "memory:", "build", str(founding_release)],
                                env={"KGRAPH_EXTRACTOR": "nowhere-reader"})
    assert result.exit_code == 2
    assert "unknown extractor 'nowhere-reader'" in result.output


def test_registration_checks_names_and_objects(word_list: str) -> None:
    with pytest.raises(ExtractorError, match="already registered"):
        register_extractor("word-list", WordListExtractor)
    with pytest.raises(ExtractorError, match="already registered"):
        register_extractor("rules", WordListExtractor)
    register_extractor("not-one", object())
    try:
        with pytest.raises(ExtractorError, match="is not an extractor"):
            get_extractor("not-one")
    finally:
        unregister_extractor("not-one")
    bad = WordListExtractor()
    bad.config = {"when": dt.date(2024, 1, 1)}
    with pytest.raises(ExtractorError, match="not plain JSON"):
        get_extractor(bad)


def test_entry_point_plugins_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A package that declares ``[project.entry-points."kgraph.extractors"]`` is found by name
    once installed: here a real distribution folder on sys.path."""
    (tmp_path / "probe_plugin.py").write_text(textwrap.dedent("""\
        from kgraph.extract import RulesExtractor

        class Careful(RulesExtractor):
            name = "careful"
            version = "0.0.7"
        """), encoding="utf-8")
    dist = tmp_path / "probe_plugin-0.0.7.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: probe-plugin\nVersion: 0.0.7\n",
                                   encoding="utf-8")
    (dist / "entry_points.txt").write_text(
        "[kgraph.extractors]\ncareful = probe_plugin:Careful\nbroken = probe_missing_module:Nothing\n",
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "probe_plugin", raising=False)
    assert {"careful", "broken", "rules"} <= set(extractor_names())
    careful = get_extractor("careful")
    assert (careful.name, careful.version) == ("careful", "0.0.7")
    with pytest.raises(ExtractorError, match="could not be loaded"):
        get_extractor("broken")


# --------------------------------------------------------------------------- the run record


def test_a_registered_extractor_builds_and_its_run_is_recorded(word_list: str,
                                                                guild_release: Path) -> None:
    store = OxigraphStore()
    report = build(store, [guild_release], extractor=word_list)
    assert report.exit_code == 0, report.failures
    assert report.releases[0].counts["organisations"] == 2  # named twice: two facts, one node
    res = store.query(RUN, bindings={"runs": RUNS_GRAPH})
    assert isinstance(res, SelectResult) and len(res) == 1
    row = res[0]
    config = {"words": ["Vigevano Tanners Guild"], "type": "TradeAssociation"}
    assert (str(row["name"]), str(row["version"])) == ("word-list", "2.5.1")
    assert str(row["hash"]) == _canonical_hash(config)
    assert json.loads(str(row["config"])) == config
    assert str(row["software"]) == kgraph.__version__
    # the explicit rule of the extractor is on the fact's node and comes back with it
    back = read_back(store, guild_release.stem)
    assert [(o.name, o.rule) for o in back.of(Organisation)] == [
        ("Vigevano Tanners Guild", "word-list.exact")]


def test_rebuilding_with_another_configuration_replaces_the_run(guild_release: Path) -> None:
    store = OxigraphStore()
    with kgraph.open(store) as kg:
        kg.build([guild_release], extractor=WordListExtractor(("Vigevano",), "Company"))
        kg.build([guild_release], extractor=WordListExtractor(("Tanners Guild",), "Company"))
        rows = kg.query(RUN, runs=RUNS_GRAPH)
    assert isinstance(rows, SelectResult) and len(rows) == 1
    assert str(rows[0]["hash"]) == _canonical_hash({"words": ["Tanners Guild"], "type": "Company"})


def test_the_rules_extractor_is_recorded_by_default(founding_release: Path) -> None:
    store = OxigraphStore()
    assert build(store, [founding_release]).exit_code == 0
    res = store.query(RUN, bindings={"runs": RUNS_GRAPH})
    assert isinstance(res, SelectResult) and len(res) == 1
    assert str(res[0]["name"]) == "rules"
    assert str(res[0]["hash"]) == _canonical_hash(RulesExtractor().config)


# --------------------------------------------------------------------------- rule provenance


def test_every_rules_fact_names_its_rule(founding_release: Path) -> None:
    x = extract(read_release(founding_release))
    assert x.info.rule == "document"
    assert x.facts and all(f.rule for f in x.facts)
    rules = {f.rule for f in x.facts}
    assert {"organisations", "people", "observations", "markets", "segments"} <= rules
    assert {f.rule for f in x.of(Person)} == {"people"}


def test_a_rule_set_where_the_fact_is_made_wins() -> None:
    m = Mention("Guild", 0, 5)
    fine = Person(m, name="Anna Rossi", rule="people.role-apposition")
    plain = Person(m, name="Anna Rossi")
    stamp_rule([fine, plain, None], "people")
    assert (fine.rule, plain.rule) == ("people.role-apposition", "people")
    assert fine == plain  # the rule is provenance, not part of the fact


def test_rules_survive_the_graph(founding_release: Path) -> None:
    store = OxigraphStore()
    assert build(store, [founding_release]).exit_code == 0
    direct = extract(read_release(founding_release))
    back = read_back(store, founding_release.stem)
    assert back.info.rule == "document"
    assert {(type(f).__name__, f.rule) for f in direct.facts} == {
        (type(f).__name__, f.rule) for f in back.facts if f.rule is not None}


def test_eval_scores_every_rule(shared_dir: Path) -> None:
    golds = sorted(str(p) for p in (shared_dir / "gold" / "dev").glob("*.yaml"))
    report = evaluate(golds)
    data = report.as_dict()
    total = report.total
    rules = data["rules"]
    assert isinstance(rules, dict)
    assert data["extractor"] == {"name": "rules", "version": kgraph.__version__,
                                 "config_hash": _canonical_hash(RulesExtractor().config)}
    for kind, k in total.kinds.items():
        # each TP and FP of a kind is counted for exactly one rule
        assert sum(r["kinds"].get(kind, {}).get("tp", 0) for r in rules.values()) == k.tp
        assert sum(r["kinds"].get(kind, {}).get("fp", 0) for r in rules.values()) == k.fp
    for name, r in rules.items():
        assert r["precision"] == round(r["tp"] / (r["tp"] + r["fp"]), 4), name
        assert r["recall"] == round(r["tp"] / r["gold"], 4), name
        for kind, k in r["kinds"].items():
            assert k["gold"] == total.kinds[kind].tp + total.kinds[kind].fn
    assert {"document", "observations", "markets", "people", "organisations"} <= set(rules)
    # the table shows every rule that found something
    result = CliRunner().invoke(app, ["eval", *golds])
    assert result.exit_code == 0, result.output
    table = result.output.split("Scores per rule", 1)[1]
    for name, r in rules.items():
        if r["tp"]:
            assert re.search(rf"│ {re.escape(name)} +│", table), name


def test_eval_rules_are_the_same_from_the_graph_and_from_the_extractor(shared_dir: Path) -> None:
    from kgraph.evaluation import load_gold, score
    from kgraph.pipeline import gold_release_path

    gold = load_gold(shared_dir / "gold" / "dev" / "assomac-2020-11-26-assembly.yaml")
    release = gold_release_path(gold)
    store = OxigraphStore()
    assert build(store, [release]).exit_code == 0
    direct = score(extract(read_release(release)), gold)
    graph = score(read_back(store, release.stem), gold)
    as_pairs = {r: (s.tp, s.fp) for r, s in direct.rules.items()}
    assert {r: (s.tp, s.fp) for r, s in graph.rules.items() if r != "(none)"} == as_pairs


def test_an_extractor_without_rules_is_scored_under_none(word_list: str, tmp_path: Path,
                                                         guild_release: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(f"release: {guild_release.name}\norganisations:\n"
                    "  - {name: Vigevano Tanners Guild, type: TradeAssociation}\n"
                    "  - {name: Drum Makers Circle, type: TradeAssociation}\n", encoding="utf-8")
    report = evaluate([gold], releases_dir=guild_release.parent, extractor=word_list)
    rules = report.total.rules
    assert set(rules) == {"word-list.exact"}
    r = rules["word-list.exact"]
    assert (r.tp, r.fp, r.gold, r.precision, r.recall) == (1, 0, 2, 1.0, 0.5)


# --------------------------------------------------------------------------- file-name dates


@pytest.mark.parametrize(("stem", "day"), [
    ("acimit-2024-11-04-orders-q3", dt.date(2024, 11, 4)),
    ("en-03-assomac-2022-11-04-assembly", dt.date(2022, 11, 4)),
    ("2019-02-28", dt.date(2019, 2, 28)),
    ("fair-2023-02-30-bad-then-2023-03-01", dt.date(2023, 3, 1)),
    ("orders-q3-2024", None),
    ("release-20241104", None),
])
def test_file_name_date(stem: str, day: dt.date | None) -> None:
    assert file_name_date(stem) == day


FILE_DATE = """
SELECT ?date ?fileDate WHERE { GRAPH ?g {
  ?r a kg:PressRelease . OPTIONAL { ?r dct:date ?date } OPTIONAL { ?r kg:fileDate ?fileDate }
} }
"""


def test_the_file_name_date_is_kept_apart_from_the_stated_date(tmp_path: Path) -> None:
    undated = tmp_path / "guild-2024-11-04-drum-survey.txt"
    undated.write_text("Drum survey of the tanning machinery builders\n"
                       "Builders of tanning drums reported steadier order books across the "
                       "season, with buyers asking chiefly for retrofits.\n", encoding="utf-8")
    dated = tmp_path / "guild-2024-11-06-drum-survey-it.txt"
    dated.write_text("Indagine sui bottali\nVigevano, 5 novembre 2024\n"
                     "I costruttori di bottali per concia segnalano portafogli ordini più "
                     "stabili, con clienti che chiedono soprattutto ammodernamenti.\n",
                     encoding="utf-8")
    store = OxigraphStore()
    assert build(store, [undated, dated]).exit_code == 0
    seen = {}
    for path in (undated, dated):
        res = store.query(FILE_DATE, bindings={"g": release_graph(path.stem)})
        assert isinstance(res, SelectResult) and len(res) == 1
        seen[path.stem] = (res[0]["date"] and res[0]["date"].toPython(), res[0]["fileDate"].toPython())
        back = read_back(store, path.stem)
        assert back.info.file_date == seen[path.stem][1]
    # no date in the text: none stated, the file name's date beside it
    assert seen[undated.stem] == (None, dt.date(2024, 11, 4))
    # the text's own date is the stated one; the file name's stays apart
    assert seen[dated.stem] == (dt.date(2024, 11, 5), dt.date(2024, 11, 6))
    x = get_extractor().extract(read_release(undated))
    assert (x.info.date, x.info.file_date) == (None, dt.date(2024, 11, 4))


def test_cli_build_names_the_extractor(founding_release: Path) -> None:
    result = CliRunner().invoke(app, ["--store", "memory:", "build", "--extractor", "rules",
                                      str(founding_release)])
    assert result.exit_code == 0, result.output
    digest = _canonical_hash(RulesExtractor().config)
    assert f"extractor: rules {kgraph.__version__} (config sha256 {digest[:12]})" in result.output
