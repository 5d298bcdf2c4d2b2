"""Portability (issue 13): no POSIX-only module is imported at module level, and query
timeouts work with the ``spawn`` start method that platforms without ``os.fork`` use."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from rdflib import Literal

from kgraph.errors import QueryError, QueryTimeout
from kgraph.store import OxigraphStore, SelectResult, _worker

ROOT = Path(__file__).resolve().parents[1]

# A cross product that runs for minutes on any store with a few triples.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
DATA = """
<urn:a> <http://xmlns.com/foaf/0.1/name> "Anna" <urn:g> .
<urn:b> <http://xmlns.com/foaf/0.1/name> "Bruno" <urn:g> .
<urn:c> <http://xmlns.com/foaf/0.1/name> "Carla" <urn:g> .
""" + "".join(f"<urn:x{i}> <urn:p> <urn:y{i}> <urn:g> .\n" for i in range(60))


def test_every_module_imports_without_posix_only_modules() -> None:
    """What Windows lacks is hidden from a fresh interpreter, which then imports every
    kgraph module."""
    code = textwrap.dedent("""
        import sys
        for name in ("resource", "fcntl", "termios", "pwd", "grp", "pty", "tty"):
            sys.modules[name] = None
        import importlib, pkgutil, kgraph, kgraph.cli  # the CLI first: commands register on it
        for info in pkgutil.walk_packages(kgraph.__path__, "kgraph."):
            if info.name == "kgraph.__main__":
                continue
            importlib.import_module(info.name)
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.fixture
def spawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_worker, "START_METHOD", "spawn")


def _load(store: OxigraphStore) -> OxigraphStore:
    store.ox_store.bulk_load(DATA.encode(), format=_worker.ox.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("on_disk", [False, True])
def test_spawned_workers_answer_and_are_stopped(spawn: None, tmp_path: Path, on_disk: bool) -> None:
    store = _load(OxigraphStore(tmp_path / "store" if on_disk else None))
    try:
        res = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?p foaf:name ?name }", timeout=60)
        assert isinstance(res, SelectResult) and res.rows[0]["n"] == Literal(3)
        assert store.query("ASK { <urn:a> ?p ?o }", timeout=60) is True
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="stopped"):
            store.query(RUNAWAY, timeout=3)
        assert time.monotonic() - started < 30
        with pytest.raises(QueryError, match="malformed SPARQL"):
            store.query("SELECT WHERE {", timeout=60)
    finally:
        store.close()
