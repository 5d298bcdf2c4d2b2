"""Extraction and build throughput on one core.

    .venv/bin/python benchmarks/bench_extract.py [--releases N] [--build-files N]

Extraction: the corpus (the founding release and ../shared/releases/dev/) repeated to at
least N releases (default 1,000), each read once into memory, then ``extract`` timed per
release in this one process (one core); goal >= 50 releases/s. ``to_graph`` is timed the
same way. Build: N copies of the corpus files (distinct names, so distinct graphs) built
into an embedded on-disk Oxigraph store with ``pipeline.build`` (read, extract, RDF,
SHACL validation, atomic load), in releases/s.

Baseline, measured in the same run: reading the same files (``read_release``: decoding and
hashing only), so the ratios say how much each stage costs over touching the text at all.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus() -> list[Path]:
    files = [ROOT / "data" / "releases" / "assomac-2025-06-20-sector-2024.txt"]
    files += sorted((SHARED / "releases" / "dev").glob("*.txt"))
    return [f for f in files if f.is_file()]


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("inf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--releases", type=int, default=1000, help="releases to extract (>= 1000)")
    ap.add_argument("--build-files", type=int, default=200, help="files to build into the store")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    from kgraph.extract import extract
    from kgraph.extract._read import read_release
    from kgraph.extract.rdf import to_graph
    from kgraph.pipeline import build
    from kgraph.store import OxigraphStore

    files = corpus()
    if not files:
        print("no corpus found", file=sys.stderr)
        return 2
    reps = -(-args.releases // len(files))
    paths = files * reps
    extract(read_release(files[0]))  # warm-up: spaCy pipeline and gazetteer loading

    t = time.perf_counter()
    docs = [read_release(p) for p in paths]
    t_read = time.perf_counter() - t

    t = time.perf_counter()
    extractions = [extract(d) for d in docs]
    t_extract = time.perf_counter() - t

    t = time.perf_counter()
    triples = sum(len(to_graph(x)) for x in extractions)
    t_rdf = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "releases"
        folder.mkdir()
        for i in range(args.build_files):
            src = files[i % len(files)]
            shutil.copy(src, folder / f"{src.stem}-{i:05d}{src.suffix}")
        store = OxigraphStore(Path(tmp) / "store")
        t = time.perf_counter()
        report = build(store, [folder])
        t_build = time.perf_counter() - t
        quads = len(store)
        store.close()
    assert not report.failures, report.failures[:3]

    n = len(paths)
    results = {
        "releases": n, "corpus_files": len(files), "build_files": args.build_files,
        "read_per_s (baseline)": round(rate(n, t_read), 1),
        "extract_per_s": round(rate(n, t_extract), 1),
        "to_graph_per_s": round(rate(n, t_rdf), 1),
        "build_per_s": round(rate(args.build_files, t_build), 1),
        "extract_vs_read": round(t_extract / t_read, 1),
        "build_vs_read": round((t_build / args.build_files) / (t_read / n), 1),
        "triples_per_release": round(triples / n, 1),
        "store_quads": quads,
        "goal_extract_per_s": 50, "goal_met": rate(n, t_extract) >= 50,
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "versions": {p: version(p) for p in ("kgraph", "spacy", "rdflib", "pyoxigraph", "pyshacl")},
    }
    for k, v in results.items():
        print(f"{k:24} {v}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_extract.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
