"""Test helpers importable from any test module: a real `oxigraph serve`, free ports."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _oxigraph_binary() -> str:
    exe = Path(sys.executable).with_name("oxigraph")
    found = str(exe) if exe.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the `oxigraph` server binary (PyPI package oxigraph) is not installed")
    return found


class OxigraphServer:
    """A real `oxigraph serve` process on 127.0.0.1, stopped by PID at teardown."""

    def __init__(self, location: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.query_url = f"{self.base}/query"
        self.update_url = f"{self.base}/update"
        self.store_url = f"{self.base}/store"
        self.proc = subprocess.Popen(
            [_oxigraph_binary(), "serve", "--location", str(location),
             "--bind", f"127.0.0.1:{self.port}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            wait_http(f"{self.query_url}?query=ASK%7B%7D")
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def extract_checked(text: str, *, slug: str = "probe"):  # type: ignore[no-untyped-def]
    """Extract ``text``, asserting that every mention slices the text exactly."""
    from kgraph.extract import extract
    from kgraph.model import Document

    ex = extract(Document(slug=slug, path=f"{slug}.txt", text=text))
    for m in [ex.info.evidence, *ex.info.date_evidence, *(f.evidence for f in ex.facts)]:
        assert text[m.start:m.end] == m.text, (slug, m)
    return ex


def score_gold_release(folder: Path, gold_path: Path):  # type: ignore[no-untyped-def]
    """Extract the release a gold file of ``folder`` names (mentions checked) and score it."""
    from kgraph.evaluation import load_gold, score

    gold = load_gold(gold_path)
    path = folder / "releases" / gold.release
    return score(extract_checked(path.read_text(encoding="utf-8"), slug=path.stem), gold)


def score_table(total) -> str:  # type: ignore[no-untyped-def]
    """A ReleaseScore as a plain table per kind, with a total row (printed by the tests)."""
    from kgraph.evaluation import KINDS

    def row(name: str, s) -> str:  # type: ignore[no-untyped-def]
        return f"{name:14s} {s.tp:4d} {s.fp:4d} {s.fn:4d}  {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}"

    rows = [f"{'kind':14s} {'tp':>4s} {'fp':>4s} {'fn':>4s}  {'P':>5s} {'R':>5s} {'F1':>5s}"]
    rows += [row(kind, total.kinds[kind]) for kind in KINDS if kind in total.kinds]
    rows.append(row("total", total.total))
    return "\n".join(rows)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0
[SPARQL]
; no silent truncation of results and no "anytime" partial answers unless asked per query
ResultSetMaxRows = 0
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


def virtuoso_binary() -> tuple[str, str] | None:
    """Paths of ``virtuoso-t`` and its ``isql`` (Debian: ``isql-vt``), or None."""
    server = shutil.which("virtuoso-t")
    if server is None:
        return None
    isql = shutil.which("isql-vt") or shutil.which("isql", path=str(Path(server).parent))
    return (server, isql) if isql else None


class VirtuosoServer:
    """A private Virtuoso Open Source instance on 127.0.0.1 (own database and virtuoso.ini
    in ``location``), whose anonymous SPARQL user may update; stopped by PID.

    ``memory_mb`` sizes its page buffers (8 KB each), as Virtuoso's ini advises.
    """

    def __init__(self, location: Path, *, memory_mb: int = 200) -> None:
        binaries = virtuoso_binary()
        if binaries is None:
            raise FileNotFoundError("virtuoso-t")
        server, self.isql = binaries
        location.mkdir(parents=True, exist_ok=True)
        self.location = location
        self.sql_port = free_port()
        self.http_port = free_port()
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.sparql_url = f"{self.base}/sparql"
        buffers = max(2000, memory_mb * 1024 // 8 * 2 // 3)
        (location / "virtuoso.ini").write_text(VIRTUOSO_INI.format(
            dir=location, sql_port=self.sql_port, http_port=self.http_port,
            buffers=buffers, dirty=buffers * 3 // 4), encoding="utf-8")
        self.log = (location / "stdout.log").open("wb")
        self.proc = subprocess.Popen(
            [server, "-f", "-c", str(location / "virtuoso.ini")], cwd=location,
            stdout=self.log, stderr=subprocess.STDOUT,
        )
        try:
            wait_http(f"{self.sparql_url}?query=ASK%7B%7D", timeout=120)
            # the anonymous /sparql user ("SPARQL") may read only until granted updates
            self.sql('GRANT SPARQL_UPDATE TO "SPARQL"')
        except Exception:
            self.stop()
            raise

    def emptied(self) -> str:
        """The SPARQL URL after dropping every graph kgraph sees (Virtuoso's own stay)."""
        from kgraph.store import open_store

        with open_store(self.sparql_url) as store:
            for graph in store.graphs():
                store.drop_graph(graph)
        return self.sparql_url

    def sql(self, statement: str) -> str:
        """Run one SQL statement through isql as dba (the fresh database's password)."""
        done = subprocess.run(
            [self.isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"EXEC={statement};"],
            capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout}{done.stderr}")
        return done.stdout

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()
