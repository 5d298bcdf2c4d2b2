"""A tiny smoke run of the load benchmark (benchmarks/bench_serve.py): the mixed named
queries all answer under concurrency. No timing is asserted; the figures are in
benchmarks/README.md."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from .support import LiveServer

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_serve.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_serve", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_serve", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_load_smoke(live: LiveServer) -> None:
    bench = _bench()
    paths = bench.mixed_paths()
    report = bench.run_load(live.base, paths, requests=3 * len(paths), concurrency=4)
    assert report.errors == 0, report.error_samples
    assert report.requests == 3 * len(paths)
    assert report.p50_ms <= report.p99_ms <= report.max_ms


def test_load_counts_errors(live: LiveServer) -> None:
    bench = _bench()
    report = bench.run_load(live.base, ["/queries/no-such-query?format=json", "/queries/releases?format=json"],
                            requests=6, concurrency=2)
    assert report.errors == 3 and "no-such-query" in report.error_samples[0]
