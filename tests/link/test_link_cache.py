"""The response cache: keyed by (endpoint, query), atomic files, unreadable entries miss."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kgraph.link import CacheMiss, ResponseCache, WikidataClient

WHEN = dt.datetime(2025, 7, 1, 12, 0, tzinfo=dt.UTC)
ANSWER = {"head": {"vars": ["item"]},
          "results": {"bindings": [{"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q38"}}]}}


def test_round_trip_and_keys(tmp_path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("http://a/sparql", "SELECT 1", ANSWER, WHEN)
    assert cache.get("http://a/sparql", "SELECT 1") == (ANSWER, WHEN)
    assert cache.get("http://b/sparql", "SELECT 1") is None  # another endpoint
    assert cache.get("http://a/sparql", "SELECT 2") is None  # another query
    files = list(tmp_path.rglob("*"))
    assert [f.suffix for f in files if f.is_file()] == [".json"]  # no temporary files left


def test_an_unreadable_entry_is_a_miss(tmp_path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("http://a/sparql", "SELECT 1", ANSWER, WHEN)
    cache.path("http://a/sparql", "SELECT 1").write_text('{"endpoint": "http://a/sp')
    assert cache.get("http://a/sparql", "SELECT 1") is None


def test_offline_client_answers_from_the_cache_only(tmp_path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("http://a/sparql", "SELECT 1", ANSWER, WHEN)
    c = WikidataClient("http://a/sparql", cache=cache, offline=True)
    resp = c.select("SELECT 1")
    assert resp.from_cache and resp.retrieved == WHEN
    assert str(resp.rows[0]["item"]) == "http://www.wikidata.org/entity/Q38"
    with pytest.raises(CacheMiss, match="not cached"):
        c.select("SELECT 2")
    assert c.requests == 0


def test_cli_link_offline(tmp_path, monkeypatch, closed_url) -> None:
    from kgraph.cli import app

    store = tmp_path / "store"
    st = ox.Store(str(store))
    st.load(path=str(Path(__file__).parent / "data" / "founding.trig"), format=ox.RdfFormat.TRIG)
    del st
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["--store", f"oxigraph:{store}", "link", "--offline",
                                      "--endpoint", closed_url])
    assert result.exit_code == 0, result.output
    assert "linked 7 of 16 entities to Wikidata (7 curated); 0 requests" in result.output
    assert "code lists:" in result.output


def test_an_entry_that_is_not_a_select_answer_is_a_miss(tmp_path) -> None:
    cache = ResponseCache(tmp_path)
    cache.put("http://a/sparql", "SELECT 1", {"error": "x"}, WHEN)
    assert cache.get("http://a/sparql", "SELECT 1") is None


def test_an_unwritable_cache_is_a_clear_error(tmp_path) -> None:
    from kgraph.errors import ConfigError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="cannot write the Wikidata cache"):
        ResponseCache(blocker).put("http://a/sparql", "SELECT 1", ANSWER, WHEN)
