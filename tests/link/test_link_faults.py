"""Faults from a local HTTP server on 127.0.0.1: 429 with Retry-After, 500, a reply slower
than the timeout, HTML with status 200, truncated JSON. Retries are bounded, the waits are
the ones asked for, errors are clear, and a failed run leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.config import Settings
from kgraph.errors import EXIT_UNAVAILABLE, ServiceUnavailable
from kgraph.link import (
    LINKS_GRAPH,
    EntitySkipped,
    ResponseCache,
    WikidataClient,
    WikidataUnavailable,
    link,
)
from kgraph.namespaces import KGI, OWL

pytestmark = [pytest.mark.server, pytest.mark.usefixtures("fast_retries")]

SELECT = "SELECT ?item WHERE { ?item ?p ?o } LIMIT 1"
EMPTY = {"head": {"vars": ["item"]}, "results": {"bindings": []}}


def client(url: str, tmp_path: Path | None = None) -> WikidataClient:
    return WikidataClient(url, cache=ResponseCache(tmp_path) if tmp_path else None)


def test_429_waits_for_retry_after_then_succeeds(fault_server) -> None:
    server = fault_server([("429", 1), ("json", EMPTY)])
    c = client(server.url)
    resp = c.select(SELECT)
    assert resp.vars == ["item"] and resp.rows == []
    assert c.requests == 2 and len(server.seen) == 2
    assert c.stats.waits == [1.0]  # the server's Retry-After, not the (tiny) backoff
    assert server.seen[1].at - server.seen[0].at >= 1.0


def test_429_with_an_http_date_retry_after(fault_server) -> None:
    server = fault_server([("429", "Wed, 21 Oct 2015 07:28:00 GMT"), ("json", EMPTY)])
    c = client(server.url)
    c.select(SELECT)
    assert c.stats.waits == [0.0]  # a date in the past: go again at once


def test_429_asking_too_long_a_wait_stops_the_run(fault_server) -> None:
    server = fault_server([("429", 3600)])
    c = client(server.url)
    with pytest.raises(WikidataUnavailable, match=r"429.*asked to wait 3600 s"):
        c.select(SELECT)
    assert len(server.seen) == 1


def test_500_is_retried_with_exponential_backoff(fault_server) -> None:
    server = fault_server([("status", 500), ("status", 503), ("json", EMPTY)])
    c = client(server.url)
    c.select(SELECT)
    assert c.requests == 3
    assert c.stats.waits == [0.01, 0.02]


def test_retries_are_bounded(fault_server) -> None:
    server = fault_server([("status", 500)] * 10)
    c = client(server.url)
    with pytest.raises(WikidataUnavailable) as err:
        c.select(SELECT)
    assert "gave up after 4 attempts" in str(err.value) and "500" in str(err.value)
    assert server.url in str(err.value)
    assert len(server.seen) == 4
    assert c.stats.waits == [0.01, 0.02, 0.04]
    assert err.value.exit_code == EXIT_UNAVAILABLE and isinstance(err.value, ServiceUnavailable)


def test_a_reply_slower_than_the_timeout_is_a_fault(fault_server, monkeypatch) -> None:
    monkeypatch.setattr(WikidataClient, "timeout", 0.3)
    monkeypatch.setattr(WikidataClient, "max_retries", 1)
    server = fault_server([("slow", 1.0), ("slow", 1.0)])
    c = client(server.url)
    with pytest.raises(WikidataUnavailable, match=r"no answer within 0.3 s"):
        c.select(SELECT)
    assert c.requests == 2


def test_a_slow_reply_then_a_good_one_recovers(fault_server, monkeypatch) -> None:
    monkeypatch.setattr(WikidataClient, "timeout", 0.3)
    server = fault_server([("slow", 1.0), ("json", EMPTY)])
    c = client(server.url)
    assert c.select(SELECT).rows == []
    assert c.requests == 2


def test_html_with_status_200_is_not_data(fault_server) -> None:
    server = fault_server([("html", None)] * 4)
    c = client(server.url)
    with pytest.raises(WikidataUnavailable, match=r"content type 'text/html'"):
        c.select(SELECT)
    assert len(server.seen) == 4


def test_truncated_json_is_not_data(fault_server, tmp_path) -> None:
    server = fault_server([("truncated", None)] * 4)
    c = client(server.url, tmp_path)
    with pytest.raises(WikidataUnavailable, match=r"truncated JSON"):
        c.select(SELECT)
    assert not list(tmp_path.rglob("*.json"))  # faults are never cached


def test_a_connection_closed_before_the_declared_length_is_a_fault(fault_server) -> None:
    server = fault_server([("short", None), ("json", EMPTY)])
    c = client(server.url)
    assert c.select(SELECT).rows == []
    assert c.requests == 2 and c.stats.waits == [0.01]


def test_json_that_is_not_a_select_result_is_not_data(fault_server) -> None:
    server = fault_server([("json", {"error": "nope"})] * 4)
    with pytest.raises(WikidataUnavailable, match=r"not a SPARQL SELECT result"):
        client(server.url).select(SELECT)


def test_a_refused_query_skips_its_entities_only(fault_server) -> None:
    server = fault_server([("status", 400)])
    c = client(server.url)
    with pytest.raises(EntitySkipped, match="refused the query"):
        c.select(SELECT)
    assert len(server.seen) == 1  # a bad query is not retried


def test_an_entity_the_endpoint_refuses_is_skipped_alone(founding_store, wikidata, fault_server, tmp_path) -> None:
    server = fault_server(upstream=wikidata.query_url)
    server.reject_if = b"Tarquini"
    s = Settings(store="memory:", wikidata_endpoint=server.url, cache_dir=tmp_path / "cache")
    report = link(founding_store, s)
    skipped = [d.entity.iri for d in report.decisions if d.status == "skipped"]
    assert skipped == [KGI["person/maurizio-tarquini"]]
    assert any("maurizio-tarquini skipped: " in r and "refused the query" in r for r in report.skipped)
    assert any(line.startswith("not searched:") for line in report.lines)
    linked = {ln.entity for ln in report.links}
    assert KGI["person/mauro-bergozza"] in linked and KGI["org/assomac"] in linked
    # the batch, then each of its 10 entities alone (17 less 7 curated: 5 organisations,
    # ITA's Export Promotion Department, 4 people), then the curated places
    assert len(server.seen) == 1 + 10 + 1


def test_no_server_at_all(closed_url) -> None:

    c = client(closed_url)
    with pytest.raises(WikidataUnavailable, match="cannot connect"):
        c.select(SELECT)
    assert c.requests == 4


@pytest.mark.parametrize("fault", [("status", 500), ("html", None), ("truncated", None), ("slow", 1.0)])
def test_a_failed_run_leaves_the_store_unchanged(founding_store, wikidata, fault_server, tmp_path,
                                                monkeypatch, fault) -> None:
    monkeypatch.setattr(WikidataClient, "batch_size", 4)
    monkeypatch.setattr(WikidataClient, "max_retries", 1)
    monkeypatch.setattr(WikidataClient, "timeout", 0.3)
    # A first good run, so there is something to lose.
    s = Settings(store="memory:", wikidata_endpoint=wikidata.query_url, cache_dir=tmp_path / "c1")
    link(founding_store, s)
    before = set(founding_store.ox_store)
    assert (KGI["org/assomac"], OWL.sameAs, None) in founding_store.graph(LINKS_GRAPH)
    # Two batches succeed, the third keeps failing.
    server = fault_server([("proxy", None), ("proxy", None), fault, fault], upstream=wikidata.query_url)
    s2 = Settings(store="memory:", wikidata_endpoint=server.url, cache_dir=tmp_path / "c2")
    with pytest.raises(WikidataUnavailable):
        link(founding_store, s2)
    assert set(founding_store.ox_store) == before
    assert len(server.seen) == 4
    # The two good answers were cached, so a re-run only asks for the rest.
    assert len(list((tmp_path / "c2").rglob("*.json"))) == 2


def test_cli_maps_an_unavailable_endpoint_to_exit_3(fault_server, tmp_path, monkeypatch, founding_trig) -> None:
    from kgraph.cli import app

    server = fault_server([("status", 500)] * 10)
    store = tmp_path / "store"
    trig = founding_trig
    import pyoxigraph as ox

    st = ox.Store(str(store))
    st.load(path=str(trig), format=ox.RdfFormat.TRIG)
    before = set(st)
    del st
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["--store", f"oxigraph:{store}", "link", "--endpoint", server.url])
    assert result.exit_code == 3, result.output
    assert "kgraph: error:" in result.output and "gave up after 4 attempts" in result.output
    assert len(result.output.strip().splitlines()) == 1
    st = ox.Store(str(store))
    assert set(st) == before


@pytest.mark.parametrize("binding", [
    {"item": "Q38"},  # a bare string where a term object belongs
    {"item": {"type": "uri"}},  # no value
    {"item": {"type": "iri", "value": "http://www.wikidata.org/entity/Q38"}},  # unknown type
    {"item": {"type": "literal", "value": "x", "xml:lang": 7}},
    ["item"],  # a binding that is not an object
])
def test_a_binding_of_the_wrong_shape_is_exit_3_and_never_cached(
        binding, fault_server, tmp_path, monkeypatch, founding_trig) -> None:
    import pyoxigraph as ox

    from kgraph.cli import app

    bad = {"head": {"vars": ["item"]}, "results": {"bindings": [binding]}}
    server = fault_server([("json", bad)] * 10)
    store = tmp_path / "store"
    st = ox.Store(str(store))
    st.load(path=str(founding_trig), format=ox.RdfFormat.TRIG)
    before = set(st)
    del st
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    result = CliRunner().invoke(app, ["--store", f"oxigraph:{store}", "link", "--endpoint", server.url])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "binding 1" in result.output
    assert not [p for p in (tmp_path / "cache").rglob("*.json")]  # nothing believed, nothing cached
    st = ox.Store(str(store))
    assert set(st) == before


def test_bad_cached_answers_are_dropped_with_a_warning(founding_store, wikidata, tmp_path,
                                                      monkeypatch) -> None:
    """One bad answer in the cache must not break every later offline run."""
    import json

    import pyoxigraph as ox

    from kgraph.cli import app

    s = Settings(store="memory:", wikidata_endpoint=wikidata.query_url, cache_dir=tmp_path / "cache")
    link(founding_store, s)  # a real run fills the cache
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert entries
    for path in entries:  # each answer now holds a binding of the wrong shape
        entry = json.loads(path.read_text())
        entry["response"]["results"]["bindings"].append({"item": "not a term"})
        path.write_text(json.dumps(entry))
    store = tmp_path / "store"
    st = ox.Store(str(store))
    st.bulk_extend(founding_store.ox_store)
    del st
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    args = ["--store", f"oxigraph:{store}", "link", "--offline", "--endpoint", wikidata.query_url]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "Traceback" not in first.output and "linked" in first.output
    left = list((tmp_path / "cache").rglob("*.json"))
    dropped = first.output.count("dropped a bad cached Wikidata answer")
    assert dropped >= 1 and dropped == len(entries) - len(left)
    second = CliRunner().invoke(app, args)  # nothing left to drop, and as clean
    assert second.exit_code == 0 and "dropped" not in second.output, second.output
