"""Extraction throughput (text -> facts) in releases per second on one core.

Runs :func:`kgraph.extract.extract` over the founding release and the development releases,
repeated to at least 1,000 releases, after one warm-up pass (pipelines and caches are built
once per process). Usage: ``python benchmarks/bench_extract_text.py [--releases N]``.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import spacy

from kgraph.extract import extract
from kgraph.model import Document

ROOT = Path(__file__).resolve().parents[1]


def corpus() -> list[Document]:
    paths = sorted((ROOT / "data" / "releases").glob("*.txt"))
    paths += sorted((ROOT.parent / "shared" / "releases" / "dev").glob("*.txt"))
    return [Document(slug=p.stem, path=str(p), text=p.read_text(encoding="utf-8")) for p in paths]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--releases", type=int, default=1000, help="how many releases to extract")
    n = ap.parse_args().releases
    docs = corpus()
    t0 = time.perf_counter()
    for d in docs:
        extract(d)
    warm = time.perf_counter() - t0
    t0 = time.perf_counter()
    facts = 0
    for i in range(n):
        facts += len(extract(docs[i % len(docs)]).facts)
    elapsed = time.perf_counter() - t0
    print(f"corpus: {len(docs)} distinct releases, {sum(len(d.text) for d in docs)} characters")
    print(f"first pass (builds pipelines): {warm:.2f} s")
    print(f"{n} releases in {elapsed:.2f} s: {n / elapsed:.0f} releases/s, {facts / n:.0f} facts/release")
    print(f"python {platform.python_version()}, spaCy {spacy.__version__}, {platform.processor() or platform.machine()}")


if __name__ == "__main__":
    main()
