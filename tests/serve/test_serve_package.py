"""The server package's contracts: one exception -> status table for every handler, one
"describe an entity" shared by the pages, ``KG.describe`` and ``entity-facts.rq``, and an
app factory over the ``KG`` facade."""

from __future__ import annotations

import ast
from pathlib import Path

import httpx
import pytest
from rdflib import Literal, URIRef

import kgraph.server as server_package
from kgraph._sparql_results import NotAcceptable
from kgraph.api import ENTITY_STATEMENTS, KG
from kgraph.errors import (
    InputError,
    KGraphError,
    ParameterError,
    QueryError,
    QueryTimeout,
    ServiceUnavailable,
    StoreError,
)
from kgraph.queries import QueryLibrary
from kgraph.server import ServeOptions, create_app
from kgraph.server._errors import ERROR_STATUS, Refused, answer_of, handled
from kgraph.store import OxigraphStore, SelectResult

from .support import LiveServer

PACKAGE = Path(server_package.__file__).parent


@pytest.mark.parametrize(("exc", "status"), [
    (NotAcceptable("x"), 406), (QueryTimeout("x"), 503), (ServiceUnavailable("x"), 502),
    (QueryError("x"), 400), (ParameterError("x"), 400), (InputError("x"), 400),
    (StoreError("x"), 400), (KGraphError("x"), 400), (Refused(418, "x", {"A": "b"}), 418),
])
def test_one_table_gives_every_status(exc: Exception, status: int) -> None:
    assert isinstance(exc, handled)
    got, message, headers = answer_of(exc)
    assert got == status and "x" in message
    if isinstance(exc, QueryTimeout):
        assert headers == {"Retry-After": "1"}
    # a subclass never comes after its base in the table (first match wins)
    classes = [cls for cls, _, _ in ERROR_STATUS]
    for i, cls in enumerate(classes):
        assert not any(issubclass(cls, earlier) for earlier in classes[:i]), cls


def test_no_handler_writes_a_status_of_its_own() -> None:
    """Statuses come from the table (or a Refused naming why): no handler module builds an
    error response with a literal status or catches an error class to pick one."""
    for path in PACKAGE.glob("_*.py"):
        if path.name in ("_errors.py", "_options.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                    "text", "error_page", "PlainTextResponse"):
                assert not any(isinstance(a, ast.Constant) and isinstance(a.value, int)
                               and a.value >= 400 for a in node.args), (path.name, node.lineno)
            if isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Name):
                assert node.type.id not in ("QueryTimeout", "ServiceUnavailable", "NotAcceptable",
                                            "ParameterError", "QueryError"), (path.name, node.lineno)


def test_describe_is_written_once(sample_store: OxigraphStore) -> None:
    """KG.describe and the entity pages run ENTITY_STATEMENTS: the named query entity-facts
    without its label column, row for row."""
    named = QueryLibrary().get("entity-facts")
    entity = URIRef("https://w3id.org/kgraph/id/org/assomac")
    full = sample_store.query(named.text, bindings={"entity": entity})
    ours = sample_store.query(ENTITY_STATEMENTS, bindings={"entity": entity})
    assert isinstance(full, SelectResult) and isinstance(ours, SelectResult)
    assert ours.vars == [v for v in full.vars if v != "valueLabel"]
    assert len(ours.rows) > 10
    assert ours.rows == [{k: v for k, v in r.items() if k != "valueLabel"} for r in full.rows]
    d = KG(sample_store).describe("kgi:org/assomac")
    assert d.facts.rows == ours.rows


def test_the_app_is_built_over_the_kg_facade(sample_store: OxigraphStore) -> None:
    kg = KG(sample_store)
    create_app(kg)  # a KG, or a store it wraps
    server = LiveServer(sample_store, ServeOptions(timeout=10.0))
    try:
        page = httpx.get(f"{server.base}/id/org/assomac", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "Assomac" in page.text
        missing = httpx.get(f"{server.base}/id/org/nobody-at-all", headers={"Accept": "text/html"})
        assert missing.status_code == 404
        missing_rdf = httpx.get(f"{server.base}/id/org/nobody-at-all", headers={"Accept": "text/turtle"})
        assert missing_rdf.status_code == 404 and "no such entity" in missing_rdf.text
        unknown_view = httpx.get(f"{server.base}/views/nothing", headers={"Accept": "text/html"})
        assert unknown_view.status_code == 404
        assert Literal("out") in {r["direction"] for r in kg.describe("kgi:org/assomac").facts}
    finally:
        server.stop()
