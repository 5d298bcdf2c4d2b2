"""The llm and hybrid extractors against a real OpenAI-compatible HTTP server on the loopback
interface (tests/llm_server.py) answering from fixture files (tests/data/llm/*.json): every
fixture ends in its documented outcome (accepted; rejected with its reason; retried; exit 3
with the store unchanged), the API key is never shown, answers are cached, and no answer can
make a stored fact quote text other than the text at its offsets."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import string
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.config import Settings, load_settings
from kgraph.errors import ConfigError, ServiceUnavailable
from kgraph.extract import extractor_names, get_extractor, read_release, to_graph
from kgraph.extract.grounding import locate, name_in, period_stated, quote_at, value_in
from kgraph.extract.llm import (
    ChatClient,
    HybridExtractor,
    LLMExtractor,
    answer_schema,
    chunks,
    validate,
)
from kgraph.model import MarketRelation, Membership, Observation, Organisation
from kgraph.namespaces import OA
from kgraph.pipeline import build
from kgraph.store import open_store
from llm_server import FIXTURES, ChatServer

RELEASE = FIXTURES / "release.txt"
SECRET = "sk-test-never-shown-4711"


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """No back-off waits in tests; two retries."""
    monkeypatch.setattr(ChatClient, "backoff", 0.0)
    monkeypatch.setattr(ChatClient, "max_retry_after", 0.0)
    monkeypatch.setattr(ChatClient, "retries", 2)


@pytest.fixture
def server() -> Iterator[ChatServer]:
    with ChatServer("correct") as s:
        yield s


def _settings(tmp_path: Path, server: ChatServer | None, **kw: Any) -> Settings:
    values: dict[str, Any] = {"llm_base_url": server.base_url if server else "",
                              "llm_model": "test-model", "llm_api_key": SECRET,
                              "llm_cache_dir": tmp_path / "llm-cache", "llm_timeout": 5.0}
    values.update(kw)
    return Settings(**values)


def _extract(tmp_path: Path, server: ChatServer, fixture: Any, cls: type[LLMExtractor] = LLMExtractor):
    server.load(fixture)
    extractor = cls(_settings(tmp_path, server))
    return extractor, extractor.extract(read_release(RELEASE))


# --- grounding ---------------------------------------------------------------------------

def test_locate_exact_then_normalised_back_to_raw_offsets() -> None:
    text = "Il consiglio ha scelto  “Marta\nFerri” – a larga maggioranza."
    exact = locate("ha scelto", text)
    assert exact is not None and text[exact.start:exact.end] == "ha scelto"
    loose = locate('scelto "Marta Ferri" - a larga', text)
    assert loose is not None and quote_at(text, loose)
    assert loose.text == "scelto  “Marta\nFerri” – a larga"
    assert locate("Marta Ferrari", text) is None
    assert locate("  ", text) is None and locate("a", text) is None
    assert locate("ha scelto", text, 20) is None  # only inside the chunk
    italian = "Nel 2023 l’export   verso l’Asia è cresciuto."
    found = locate("l'export verso l'Asia", italian)
    assert found is not None and found.text == "l’export   verso l’Asia"
    english = "The board’s\nchair spoke — briefly."
    found = locate("board's chair spoke - briefly", english)
    assert found is not None and quote_at(english, found)


@given(st.text(alphabet=string.ascii_letters + " \n\t’“”-–.,", min_size=5, max_size=80),
       st.integers(0, 79), st.integers(3, 30))
def test_locate_never_returns_other_text(text: str, a: int, n: int) -> None:
    quote = text[a:a + n].replace("’", "'").replace("\n", " ")
    found = locate(quote, text)
    if found is not None:
        assert quote_at(text, found)


def test_names_numbers_and_periods_come_from_the_quote() -> None:
    assert name_in("Agenzia ICE", "the Italian Trade Agency said", "organisation")
    assert name_in("China", "demand from the Chinese market", "place")
    assert not name_in("Mara Neri", "the chairwoman spoke")
    assert value_in(Decimal("1200000000"), "EUR", "sales climbed to 1,2 miliardi di euro", "it")
    assert value_in(Decimal("-4"), "percent", "orders slipped by 4% on the quarter", "en")
    assert not value_in(Decimal("5"), "percent", "orders slipped by 4% on the quarter", "en")
    assert not value_in(Decimal("4"), "EUR", "orders slipped by 4% on the quarter", "en")
    assert value_in(Decimal("860"), "count", "some 860 firms took part", "en")
    assert period_stated("2023-H1", "in the first half of 2023 sales held", "")
    assert period_stated("2022", "sales held", "A note on 2022 results.")
    assert not period_stated("2019", "sales held", "A note on 2022 results.")
    assert value_in(Decimal("-7"), "percent", "gli ordini sono in calo del 7%", "it")
    assert value_in(Decimal("2.5"), "percent", "una crescita del 2,5% rispetto al 2023", "it")
    assert not value_in(Decimal("25"), "percent", "una crescita del 2,5% rispetto al 2023", "it")
    assert period_stated("2023-H1", "nel primo semestre 2023 le vendite hanno tenuto", "")
    assert period_stated("2024-Q3", "nel terzo trimestre", "", dates=[dt.date(2024, 10, 2)])
    assert not name_in("Gianni Verdi", "il presidente Verdi Gianfranco ha parlato")


def test_retry_after_reads_seconds_and_http_dates() -> None:
    from kgraph._http import retry_after as _retry_after

    assert _retry_after("3") == 3.0 and _retry_after(None) is None and _retry_after("soon") is None
    later = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30),
                                        usegmt=True)
    wait = _retry_after(later)
    assert wait is not None and 20 < wait <= 30


def test_non_numbers_and_errors_keep_secrets_out(tmp_path: Path) -> None:
    from kgraph.extract.llm.client import public_url

    assert public_url(f"https://me:{SECRET}@host:8443/v1?k={SECRET}#x") == "https://host:8443/v1"
    with pytest.raises(ConfigError) as info:
        ChatClient(f"ftp://me:{SECRET}@host/v1", "m")
    assert SECRET not in str(info.value)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Una riga di testo.", "Another line here", "", "  ", "x" * 900,
                                 "Frase lunga. " * 40]), max_size=12),
       st.integers(200, 3000))
def test_chunks_keep_offsets_and_cover_the_text(parts: list[str], limit: int) -> None:
    text = "\n\n".join(parts)
    spans = chunks(text, limit)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text) and b - a <= limit and text[a:b].strip()
        assert not text[last:a].strip()  # nothing but white space between chunks
        last = b
    assert not text[last:].strip()


# --- the schema ---------------------------------------------------------------------------

def test_schema_comes_from_the_model_and_the_ontology() -> None:
    schema = answer_schema()
    kinds = {k["properties"]["fact"]["enum"][0]: k for k in schema["properties"]["facts"]["items"]["anyOf"]}
    assert set(kinds) == {"organisation", "person", "place", "membership", "observation",
                          "market", "org_relation", "event", "segment", "priority", "driver",
                          "quotation"}
    event = kinds["event"]["properties"]
    assert {"kind", "organiser", "date", "venue", "city", "title", "participants"} <= set(event)
    assert "GeneralAssembly" in event["kind"]["enum"] and event["date"]["pattern"]
    assert "tannery machinery" in kinds["segment"]["properties"]["parent"]["enum"]
    obs = kinds["observation"]["properties"]
    assert "turnover" in obs["indicator"]["enum"] and "EUR" in obs["unit"]["enum"]
    assert re.fullmatch(obs["period"]["pattern"].strip("^$"), "2024-01/2024-08")
    assert "destination" in kinds["market"]["properties"]["relation"]["enum"]
    assert "President" in kinds["membership"]["properties"]["role"]["enum"]
    assert "TradeAssociation" in kinds["organisation"]["properties"]["type"]["enum"]
    for k in kinds.values():  # what strict structured output asks
        assert k["additionalProperties"] is False and set(k["required"]) == set(k["properties"])
    assert validate({"facts": []}, schema) is None
    assert validate({"facts": [{"fact": "person", "quote": "Mara Neri", "name": 3}]}, schema)
    assert validate({"facts": [], "more": 1}, schema)


# --- each fixture ends in its documented outcome ------------------------------------------

def test_correct_facts_are_accepted_with_their_quotes(tmp_path: Path, server: ChatServer) -> None:
    extractor, x = _extract(tmp_path, server, "correct")
    assert x.counts["llm-accepted"] == 5 and not any(k.startswith("rejected:") for k in x.counts)
    assert x.counts["llm-tokens"] == 120
    for f in x.facts:
        assert quote_at(x.document.text, f.evidence) and f.rule and f.rule.startswith("llm.")
    org = x.of(Organisation)[0]
    assert "–" in org.evidence.text  # the text's own dash, though the answer wrote "-"
    obs = {o.indicator: o for o in x.of(Observation)}
    assert obs["turnover"].value == 410000000 and obs["turnover"].period == "2024"
    assert obs["turnover_change"].value == Decimal("3.5")
    assert [m.market for m in x.of(MarketRelation)] == ["Vietnam"]
    assert x.of(Membership)[0].role == "President"
    assert x.info.date is not None  # the document record is read by the rules


@pytest.mark.parametrize(("fixture", "reason"), [
    ("quote-not-in-text", "quote-not-found"),
    ("value-differs", "value-not-in-quote"),
    ("name-not-in-quote", "name-not-in-quote"),
    ("period-never-stated", "period-not-stated"),
    ("truncated", "answer-truncated"),
    ([{"status": 200, "raw": '{"facts": [{"fact": "observation", "value": NaN}]}'}], "answer-invalid"),
])
def test_bad_answers_are_rejected_with_their_reason(tmp_path: Path, server: ChatServer,
                                                    fixture: Any, reason: str) -> None:
    _, x = _extract(tmp_path, server, fixture)
    assert x.counts.get(f"rejected:{reason}") == 1
    assert x.counts["llm-accepted"] == 0 and not x.facts
    assert len(server.requests) == 1  # rejected, never asked again or repaired


def test_429_waits_what_retry_after_asks_then_succeeds(tmp_path: Path, server: ChatServer,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ChatClient, "max_retry_after", 5.0)
    extractor, x = _extract(tmp_path, server, "rate-limited")
    assert len(server.requests) == 2 and x.counts["llm-accepted"] == 1
    assert extractor._client is not None and extractor._client.waits == [1.0]


def test_500_is_retried(tmp_path: Path, server: ChatServer) -> None:
    _, x = _extract(tmp_path, server, "server-error-then-ok")
    assert len(server.requests) == 2 and [m.market for m in x.of(MarketRelation)] == ["Vietnam"]


def _dump(store_url: str) -> set[str]:
    with open_store(store_url) as store:
        return {" ".join(str(t) for t in q) for q in store.dataset().quads((None, None, None, None))}


@pytest.mark.parametrize(("fixture", "extra"), [
    ("server-error", {}),
    ("slow", {"KGRAPH_LLM_TIMEOUT": "0.5"}),
])
def test_a_failing_service_exits_3_with_the_store_unchanged(
        tmp_path: Path, server: ChatServer, fixture: str, extra: dict[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ChatClient, "retries", 1)
    store = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    first = runner.invoke(app, ["--store", store, "build", str(RELEASE)])
    assert first.exit_code == 0, first.output
    before = _dump(store)
    server.load(fixture)
    env = {"KGRAPH_LLM_BASE_URL": server.base_url, "KGRAPH_LLM_MODEL": "test-model",
           "KGRAPH_LLM_API_KEY": SECRET, "KGRAPH_LLM_CACHE_DIR": str(tmp_path / "cache"), **extra}
    result = runner.invoke(app, ["--store", store, "build", "--extractor", "hybrid", str(RELEASE)],
                           env=env)
    assert result.exit_code == 3, result.output
    assert "kept failing" in result.output and SECRET not in result.output
    assert len(server.requests) == 2  # tried, retried once, given up
    assert _dump(store) == before


# --- settings, the key, the cache ----------------------------------------------------------

def test_the_api_key_is_never_printed_logged_stored_or_cached(tmp_path: Path, server: ChatServer) -> None:
    store = f"oxigraph:{tmp_path / 'store'}"
    env = {"KGRAPH_LLM_BASE_URL": server.base_url, "KGRAPH_LLM_MODEL": "test-model",
           "KGRAPH_LLM_API_KEY": SECRET, "KGRAPH_LLM_CACHE_DIR": str(tmp_path / "cache")}
    result = CliRunner().invoke(app, ["--store", store, "build", "--extractor", "llm", str(RELEASE)],
                                env=env)
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    assert "accepted" in result.output and "tokens" in result.output
    assert server.headers[0]["Authorization"] == f"Bearer {SECRET}"  # where it belongs
    assert not any(SECRET in q for q in _dump(store))  # not in the run record either
    for f in (tmp_path / "cache").rglob("*"):
        assert f.is_dir() or SECRET not in f.read_text(encoding="utf-8")
    settings_ = load_settings(environ=env)
    assert settings_.llm_api_key == SECRET and SECRET not in repr(settings_)
    extractor = LLMExtractor(settings_)
    assert SECRET not in json.dumps(extractor.config) and SECRET not in repr(extractor)
    hidden = LLMExtractor(Settings(llm_base_url=f"https://user:{SECRET}@api.example/v1?key={SECRET}"))
    assert SECRET not in json.dumps(hidden.config)


def test_requests_ask_for_schema_constrained_output_at_temperature_0(tmp_path: Path,
                                                                     server: ChatServer) -> None:
    _extract(tmp_path, server, "correct")
    body = server.requests[0]
    assert body["model"] == "test-model" and body["temperature"] == 0
    assert body["max_tokens"] == Settings().llm_max_tokens
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == answer_schema()
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    text = RELEASE.read_text(encoding="utf-8")
    assert body["messages"][1]["content"] == text[slice(*chunks(text)[0])]


def test_answers_are_cached_and_offline_reads_the_cache_only(tmp_path: Path, server: ChatServer) -> None:
    _, first = _extract(tmp_path, server, "correct")
    assert len(server.requests) == 1
    again = LLMExtractor(_settings(tmp_path, server)).extract(read_release(RELEASE))
    offline = LLMExtractor(_settings(tmp_path, None, llm_offline=True)).extract(read_release(RELEASE))
    assert len(server.requests) == 1  # neither asked the network
    assert again.facts == first.facts == offline.facts
    empty = LLMExtractor(_settings(tmp_path / "other", None, llm_offline=True))
    x = empty.extract(read_release(RELEASE))
    assert not x.facts and x.counts["llm-chunks-unanswered"] == 1 and x.warnings


@pytest.mark.parametrize("concurrency", [1, 3])
def test_requests_are_bounded_by_the_concurrency(tmp_path: Path, server: ChatServer,
                                                 concurrency: int) -> None:
    paragraph = "Riga di prova sul mercato delle macchine, scritta per questo test. " * 20
    release = tmp_path / "many-chunks.txt"
    release.write_text("\n\n".join(f"{i}. {paragraph}" for i in range(8)), encoding="utf-8")
    server.load([{"status": 200, "delay": 0.2, "content": {"facts": []}}])
    extractor = LLMExtractor(_settings(tmp_path, server, llm_concurrency=concurrency))
    extractor.prepare([read_release(release)])
    assert len(server.requests) == len(chunks(release.read_text(encoding="utf-8"))) == 8
    assert 1 <= server.most_in_flight <= concurrency
    x = extractor.extract(read_release(release))
    assert len(server.requests) == 8 and x.counts["llm-chunks"] == 8


def test_answers_got_before_a_failure_are_kept(tmp_path: Path, server: ChatServer) -> None:
    paragraph = "Un paragrafo scritto per provare la cache delle risposte. " * 30
    release = tmp_path / "two-chunks.txt"
    release.write_text(f"{paragraph}\n\n{paragraph.upper()}", encoding="utf-8")
    ok = {"status": 200, "content": {"facts": []}}
    server.load([ok, *[{"status": 500}] * 3])
    with pytest.raises(ServiceUnavailable):
        LLMExtractor(_settings(tmp_path, server, llm_concurrency=1)).prepare([read_release(release)])
    assert len(server.requests) == 4  # one answer, then one chunk tried three times
    server.requests.clear()
    server.load([ok])
    LLMExtractor(_settings(tmp_path, server)).prepare([read_release(release)])
    assert len(server.requests) == 1  # only the chunk that had no answer


def test_a_cut_answer_is_not_cached(tmp_path: Path, server: ChatServer) -> None:
    _extract(tmp_path, server, "truncated")
    LLMExtractor(_settings(tmp_path, server)).extract(read_release(RELEASE))
    assert len(server.requests) == 2


def test_defaults_stay_rules_and_settings_are_checked(tmp_path: Path) -> None:
    assert load_settings(environ={}).extractor == "rules"
    assert {"rules", "llm", "hybrid"} <= set(extractor_names())
    assert get_extractor("llm").name == "llm"  # created without touching the network
    with pytest.raises(ConfigError, match="KGRAPH_LLM_MODEL"):
        LLMExtractor(Settings()).prepare([read_release(RELEASE)])
    with pytest.raises(ConfigError, match="KGRAPH_LLM_BASE_URL"):
        LLMExtractor(Settings(llm_model="m", llm_cache_dir=tmp_path)).prepare([read_release(RELEASE)])
    result = CliRunner().invoke(app, ["--store", "memory:", "build", "--extractor", "llm",
                                      str(RELEASE)], env={"KGRAPH_LLM_MODEL": ""})
    assert result.exit_code == 2 and "KGRAPH_LLM_MODEL" in result.output


# --- hybrid, build and eval -----------------------------------------------------------------

def test_hybrid_tags_each_fact_and_keeps_shared_ones_once(tmp_path: Path, server: ChatServer) -> None:
    _, x = _extract(tmp_path, server, "correct", HybridExtractor)
    rules = {f.rule.split(".")[0] for f in x.facts if f.rule}
    assert rules == {"rules", "llm", "rules+llm"}
    turnover = [o for o in x.of(Observation) if o.indicator == "turnover"]
    assert len(turnover) == 1 and turnover[0].rule and turnover[0].rule.startswith("rules+llm.")
    assert len(x.of(Membership)) == 1
    vietnam = [m for m in x.of(MarketRelation) if m.market == "Vietnam"]
    assert vietnam and vietnam[0].rule == "llm.market"
    assert x.counts["llm-also-by-rules"] >= 2


def test_hybrid_keeps_one_figure_though_the_readers_differ_on_its_area(tmp_path: Path,
                                                                      server: ChatServer) -> None:
    answer = json.loads((FIXTURES / "correct.json").read_text(encoding="utf-8"))["responses"][0]
    for f in answer["content"]["facts"]:
        if f["fact"] == "observation":
            f["area"] = None
        if f["fact"] == "membership":
            f["quote"], f["end"] = "Laura Bianchi, President of Assomac, said", "2025-12-31"
    _, x = _extract(tmp_path, server, [answer], HybridExtractor)
    assert len([o for o in x.of(Observation) if o.indicator == "turnover"]) == 1
    assert len(x.of(Membership)) == 1 and x.of(Membership)[0].end is None  # no year in its quote


def test_qualifiers_and_index_bases_are_read_from_the_quote(tmp_path: Path, server: ChatServer) -> None:
    release = tmp_path / "orders-2025-05-02.txt"
    release.write_text("Bergamo, 2 May 2025\n\nSecondo le stime preliminari, nel primo trimestre "
                       "2025 il nostro indice degli ordini (base 2021=100) si è fermato a 88,4 punti.\n",
                       encoding="utf-8")
    server.load([{"status": 200, "content": {"facts": [{
        "fact": "observation", "indicator": "orders_index", "scope": "tannery machinery",
        "value": 88.4, "unit": "index", "period": "2025-Q1", "area": "Italy", "market": None,
        "offset": None, "quote": "Secondo le stime preliminari, nel primo trimestre 2025 il nostro indice degli ordini "
                 "(base 2021=100) si è fermato a 88,4 punti"}]}}])
    x = LLMExtractor(_settings(tmp_path, server)).extract(read_release(release))
    [obs] = x.of(Observation)
    assert obs.base == "2021=100" and obs.qualifiers == ("preliminary",)
    assert obs.value == Decimal("88.4") and obs.period == "2025-Q1"


def test_build_reports_model_facts_per_release(tmp_path: Path, server: ChatServer) -> None:
    server.load("value-differs")
    with open_store("memory:") as store:
        report = build(store, [RELEASE], settings=_settings(tmp_path, server), extractor="hybrid")
    assert not report.failures
    counts = report.releases[0].extractor_counts
    assert counts["rejected:value-not-in-quote"] == 1
    assert any("1 rejected (value-not-in-quote 1)" in line for line in report.lines())
    assert report.extractor is not None and report.extractor.name == "hybrid"


def test_without_settings_the_extractor_reads_its_variables(tmp_path: Path, server: ChatServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"BASE_URL": server.base_url, "MODEL": "test-model",
                        "CACHE_DIR": str(tmp_path / "cache")}.items():
        monkeypatch.setenv(f"KGRAPH_LLM_{name}", value)
    with open_store("memory:") as store:
        report = build(store, [RELEASE], extractor="llm")  # what kgraph.api's build does
        mine = LLMExtractor(_settings(tmp_path / "own", server))
        # force: the same text, extractor and configuration would otherwise be skipped as
        # unchanged (incremental builds).
        given = build(store, [RELEASE], settings=Settings(), extractor=mine, force=True)
    assert report.releases[0].extractor_counts["llm-accepted"] == 5
    assert given.extractor is mine and given.releases[0].extractor_counts["llm-accepted"] == 5


def test_eval_scores_the_llm_extractor(tmp_path: Path, server: ChatServer) -> None:
    gold = tmp_path / "gold" / "probe.yaml"
    gold.parent.mkdir()
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "probe-2025-03-12.txt").write_text(RELEASE.read_text(encoding="utf-8"),
                                                                encoding="utf-8")
    gold.write_text("release: probe-2025-03-12.txt\nlanguage: en\n"
                    "markets:\n  - {name: Vietnam, relation: destination}\n", encoding="utf-8")
    env = {"KGRAPH_LLM_BASE_URL": server.base_url, "KGRAPH_LLM_MODEL": "test-model",
           "KGRAPH_LLM_CACHE_DIR": str(tmp_path / "cache")}
    result = CliRunner().invoke(app, ["eval", str(gold), "--releases", str(tmp_path / "releases"),
                                      "--extractor", "llm", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["extractor"]["name"] == "llm"
    assert data["total"]["kinds"]["markets"]["tp"] == 1
    assert data["extractor_counts"]["probe-2025-03-12"]["llm-accepted"] == 5


# --- no answer can store a quote that is not the text at its offsets ------------------------

_TEXT = RELEASE.read_text(encoding="utf-8")
_quotes = st.one_of(
    st.builds(lambda a, n: _TEXT[a:a + n], st.integers(0, len(_TEXT)), st.integers(0, 120)),
    st.builds(lambda a, n: _TEXT[a:a + n].replace(" ", "  ").replace("–", "-"),
              st.integers(0, len(_TEXT)), st.integers(0, 120)),
    st.text(max_size=60),
    st.sampled_from(["Vietnam", "Laura Bianchi, President of Assomac", "EUR 410 million",
                     "Assomac\n", "“Vietnam”", "410", "2024"]),
)
_names = st.sampled_from(["Vietnam", "Mexico", "Assomac", "Laura Bianchi", "Italy", "x", ""])
_offsets = st.one_of(st.none(), st.integers(-50, 5000))
_fact = st.one_of(
    st.fixed_dictionaries({"fact": st.just("market"), "quote": _quotes, "offset": _offsets,
                           "market": _names,
                           "relation": st.sampled_from(["destination", "competitor"]),
                           "scope": st.none()}),
    st.fixed_dictionaries({"fact": st.just("observation"), "quote": _quotes, "offset": _offsets,
                           "indicator": st.sampled_from(["turnover", "exports"]),
                           "scope": st.just("tannery machinery"),
                           "value": st.sampled_from([410000000, 3.5, 2024, 12]),
                           "unit": st.sampled_from(["EUR", "percent", "count"]),
                           "period": st.sampled_from(["2024", "2025", "2024-Q1"]),
                           "area": st.sampled_from([None, "Italy", "Atlantis"]),
                           "market": st.sampled_from([None, "Vietnam"])}),
    st.fixed_dictionaries({"fact": st.just("membership"), "quote": _quotes, "offset": _offsets,
                           "person": _names,
                           "role": st.just("President"), "organisation": _names,
                           "start": st.none(), "end": st.sampled_from([None, "2024-05-01"])}),
    st.fixed_dictionaries({"fact": st.just("organisation"), "quote": _quotes, "offset": _offsets,
                           "name": _names,
                           "type": st.just("TradeAssociation")}),
)
_answer = st.one_of(
    st.lists(_fact, max_size=6).map(lambda fs: {"status": 200, "content": {"facts": fs}}),
    st.text(max_size=40).map(lambda t: {"status": 200, "raw": t}),
    st.lists(_fact, max_size=3).map(lambda fs: {"status": 200, "finish_reason": "length",
                                                "raw": json.dumps({"facts": fs})[:-3]}),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=_answer)
def test_no_answer_makes_hybrid_store_a_quote_not_at_its_offsets(server: ChatServer,
                                                                  answer: dict[str, Any]) -> None:
    server.load([answer])
    with tempfile.TemporaryDirectory() as tmp:
        extractor = HybridExtractor(_settings(Path(tmp), server))
        x = extractor.extract(read_release(RELEASE))
    text = x.document.text
    for f in x.facts:
        assert quote_at(text, f.evidence), f
    graph: Graph = to_graph(x)
    for sel in graph.subjects(OA.exact, None):
        exact = str(graph.value(sel, OA.exact))
        pos = next(p for p in graph.objects(None, OA.hasSelector)
                   if str(p) == str(sel).removesuffix("/quote") + "/position")
        start, end = int(graph.value(pos, OA.start)), int(graph.value(pos, OA.end))  # type: ignore[arg-type]
        assert text[start:end] == exact
