"""Bounded load test of ``kgraph serve`` on loopback.

Starts ``kgraph serve`` as a real process on 127.0.0.1 (on an on-disk Oxigraph store built
from the founding-release sample, or on ``--store``), then sends ``--requests`` GET
requests from ``--concurrency`` client threads, cycling through a mix of named queries
(``/queries/NAME?format=json``, some with parameters), and reports errors and latency
percentiles. Run: ``python benchmarks/bench_serve.py [--requests 1000] [--concurrency 16]``.

:func:`run_load` is also used by the test suite for a tiny smoke run (no timing asserted).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from _baseline import export_tree  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "serve-founding-sample.trig"

# (named query, parameters): the mix every run cycles through.
MIX: tuple[tuple[str, dict[str, str]], ...] = (
    ("people-roles", {}),
    ("people-roles", {"organisation": "Assomac"}),
    ("organisations-by-type", {}),
    ("markets-by-relation", {"relation": "export_priority"}),
    ("release-figures", {}),
    ("world-export-share", {}),
    ("event-programme", {}),
    ("entity-facts", {"entity": "kgi:org/assomac"}),
    ("quotations", {}),
    ("releases", {}),
    ("indicator-series", {"indicator": "turnover"}),
    ("wikidata-links", {}),
    ("unlinked-entities", {}),
    ("membership-network", {}),
    ("priorities-by-organisation", {}),
)


def mixed_paths(mix: Sequence[tuple[str, dict[str, str]]] = MIX) -> list[str]:
    """The request paths of the mix (JSON results of each named query)."""
    return [f"/queries/{name}?" + urlencode({**params, "format": "json"}) for name, params in mix]


def baseline_paths(mix: Sequence[tuple[str, dict[str, str]]] = MIX) -> list[str]:
    """The same queries for a bare ``oxigraph serve`` (``/query?query=``): the text with its
    parameters bound as kgraph binds them, and kgraph's prefixes declared."""
    from kgraph.namespaces import PREFIXES
    from kgraph.queries import QueryLibrary
    from kgraph.store._sparql import bind_values

    library = QueryLibrary()
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    out = []
    for name, params in mix:
        q = library.get(name)
        text = prologue + bind_values(q.text, q.bindings(params))
        out.append("/query?" + urlencode({"query": text}))
    return out


@dataclass
class LoadReport:
    requests: int
    concurrency: int
    errors: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    per_second: float
    error_samples: list[str] = field(default_factory=list)


def run_load(base_url: str, paths: Sequence[str], *, requests: int = 1000, concurrency: int = 16,
             timeout: float = 60.0, headers: dict[str, str] | None = None,
             expect_json: bool = True) -> LoadReport:
    """Send ``requests`` GETs (cycling through ``paths``) from ``concurrency`` threads.

    A request is an error unless it answers 200 (with a JSON body when ``expect_json``).
    """
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        with httpx.Client(base_url=base_url, timeout=timeout, headers=headers) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                path = paths[i % len(paths)]
                start = time.perf_counter()
                try:
                    r = client.get(path)
                    ok = r.status_code == 200 and (not expect_json or isinstance(r.json(), dict))
                    detail = f"{path}: HTTP {r.status_code} {r.text[:200]}"
                except (httpx.HTTPError, ValueError) as exc:
                    ok, detail = False, f"{path}: {type(exc).__name__}: {exc}"
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(detail)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    lat = sorted(latencies)
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
    return LoadReport(
        requests=len(lat), concurrency=concurrency, errors=len(errors), seconds=round(seconds, 3),
        p50_ms=round(q[49], 1), p90_ms=round(q[89], 1), p99_ms=round(q[98], 1),
        max_ms=round(lat[-1], 1) if lat else 0.0, per_second=round(len(lat) / seconds, 1),
        error_samples=errors[:5],
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _build_store(target: Path) -> str:
    import pyoxigraph as ox

    store = ox.Store(str(target))
    store.load(path=str(SAMPLE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return f"oxigraph:{target}"


def _start_server(store_url: str, port: int, timeout: float,
                  tree: Path | None = None) -> subprocess.Popen[str]:
    """``kgraph serve`` of this tree, or of ``tree`` (an exported earlier revision)."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "src")
    return _wait(subprocess.Popen(
        [sys.executable, "-m", "kgraph", "--store", store_url, "serve", "--port", str(port),
         "--timeout", str(timeout)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    ), f"http://127.0.0.1:{port}/sparql")


def _start_oxigraph(location: Path, port: int) -> subprocess.Popen[str]:
    exe = Path(sys.executable).with_name("oxigraph")
    return _wait(subprocess.Popen(
        [str(exe), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    ), f"http://127.0.0.1:{port}/query")


def _stop(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def _wait(proc: subprocess.Popen[str], url: str) -> subprocess.Popen[str]:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=1)
            return proc
        except httpx.TransportError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"kgraph serve did not start: {proc.stderr.read() if proc.stderr else ''}") from None
            time.sleep(0.1)


def _median_report(runs: list[LoadReport]) -> LoadReport:
    """The run of median throughput."""
    return sorted(runs, key=lambda r: r.per_second)[len(runs) // 2]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=1000, help="number of requests (default 1000)")
    ap.add_argument("--concurrency", type=int, default=16, help="client threads (default 16)")
    ap.add_argument("--store", help="store URL to serve (default: the founding sample on disk)")
    ap.add_argument("--timeout", type=float, default=30.0, help="server query timeout in seconds")
    ap.add_argument("--no-baseline", action="store_true", help="skip the bare oxigraph serve run")
    ap.add_argument("--rounds", type=int, default=2,
                    help="rounds; each runs every server in turn, so load falls on all alike")
    ap.add_argument("--previous", metavar="REV",
                    help="also serve with the kgraph of this git revision (exported by git archive)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "serve.json",
                    help="where to write the JSON report")
    args = ap.parse_args(argv)
    runs: dict[str, list[LoadReport]] = {}
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-serve-") as tmp:
        location = Path(tmp) / "store"
        store_url = args.store or _build_store(location)
        previous = export_tree(args.previous, Path(tmp) / "previous") if args.previous else None
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        accept = {"Accept": "application/sparql-results+json, application/n-triples;q=0.5"}
        for _ in range(args.rounds):
            servers: list[tuple[str, Any]] = [("kgraph serve", lambda: _start_server(store_url, port, args.timeout))]
            if previous is not None:
                servers.append((f"kgraph serve at {args.previous}",
                                lambda: _start_server(store_url, port, args.timeout, previous)))
            if args.store is None and not args.no_baseline:
                # The floor: the same queries on a bare `oxigraph serve` of the same store
                # (no Python, no worker process, no timeout).
                servers.append(("oxigraph serve", lambda: _start_oxigraph(location, port)))
            for name, start in servers:
                proc = start()
                try:
                    if name == "oxigraph serve":
                        paths = baseline_paths()
                        run_load(base, paths, requests=len(paths), concurrency=1, headers=accept,
                                 expect_json=False)
                        rep = run_load(base, paths, requests=args.requests, concurrency=args.concurrency,
                                       headers=accept, expect_json=False)
                    else:
                        paths = mixed_paths()
                        run_load(base, paths, requests=len(paths), concurrency=1)  # warm-up: one of each
                        rep = run_load(base, paths, requests=args.requests, concurrency=args.concurrency)
                finally:
                    _stop(proc)
                runs.setdefault(name, []).append(rep)
    report = _median_report(runs["kgraph serve"])
    baseline = _median_report(runs["oxigraph serve"]) if "oxigraph serve" in runs else None
    env = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": {p: version(p) for p in ("kgraph", "pyoxigraph", "starlette", "uvicorn", "httpx")},
        "store": args.store or "oxigraph: founding sample (tests/data/serve-founding-sample.trig)",
        "mix": [name for name, _ in MIX],
    }
    doc: dict[str, object] = {"report": asdict(report), "environment": env,
                              "rounds": {k: [asdict(r) for r in v] for k, v in runs.items()},
                              "load_average": os.getloadavg()}
    for name, reps in runs.items():
        if name.startswith("kgraph serve at"):
            doc["previous"] = asdict(_median_report(reps))
    if baseline is not None:
        doc["baseline_oxigraph_serve"] = asdict(baseline)
        doc["ratios"] = {
            "p50": round(report.p50_ms / max(baseline.p50_ms, 0.1), 1),
            "p99": round(report.p99_ms / max(baseline.p99_ms, 0.1), 1),
            "throughput": round(baseline.per_second / max(report.per_second, 0.1), 1),
            "throughput_share_of_oxigraph": round(report.per_second / max(baseline.per_second, 0.1), 2),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    print(json.dumps(doc, indent=2))
    return 0 if report.errors == 0 and (baseline is None or baseline.errors == 0) else 1


if __name__ == "__main__":
    sys.exit(main())
