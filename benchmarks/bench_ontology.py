"""Ontology and validation timings: ``python benchmarks/bench_ontology.py [--repeat N]``.

Measures parsing the ontology + schemes, SHACL validation of the hand-written founding
release (tests/data/shapes/valid/founding-release.ttl) and of N copies of it under
distinct release IRIs, and the OWL RL closure of ontology + example. Prints one line per
measurement (median of the repeats, seconds).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import owlrl
import pyshacl
import rdflib
from rdflib import Graph, URIRef

from kgraph.ontology import _cache, load_ontology, validate

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "shapes" / "valid" / "founding-release.ttl"


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def copies(example: Graph, n: int) -> Graph:
    """n releases: the example with every kgi: IRI of the release renamed per copy."""
    slug = "assomac-2025-06-20-sector-2024"
    out = Graph()
    for i in range(n):
        def rename(term: object, i: int = i) -> object:
            if isinstance(term, URIRef) and slug in str(term):
                return URIRef(str(term).replace(slug, f"{slug}-copy{i}"))
            return term
        for s, p, o in example:
            out.add((rename(s), p, rename(o)))  # type: ignore[arg-type]
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median reported)")
    args = parser.parse_args(argv)
    example = Graph().parse(EXAMPLE)
    print(f"python {platform.python_version()}, rdflib {rdflib.__version__}, pyshacl {pyshacl.__version__}, "
          f"owlrl {owlrl.__version__}, {platform.machine()} {platform.system()}")

    def cold_load() -> None:
        _cache.clear()
        load_ontology()

    print(f"load ontology+schemes (cold parse): {timed(cold_load, args.repeat):.3f} s")
    print(f"load ontology+schemes (cached):     {timed(load_ontology, args.repeat):.3f} s")
    print(f"validate founding example ({len(example)} triples): {timed(lambda: validate(example), args.repeat):.3f} s")
    ten = copies(example, 10)
    print(f"validate 10 releases ({len(ten)} triples): {timed(lambda: validate(ten), max(1, args.repeat // 2)):.3f} s")

    def closure() -> None:
        g = load_ontology()
        g += example
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)

    print(f"OWL RL closure ontology+example:    {timed(closure, max(1, args.repeat // 2)):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
