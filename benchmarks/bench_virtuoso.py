"""Virtuoso vs embedded Oxigraph through kgraph: load N quads, then run named queries.

    python benchmarks/bench_virtuoso.py              # 1M quads
    python benchmarks/bench_virtuoso.py --quads 10M  # the issue's size (about 15 minutes)

Both stores get the same synthetic N-Quads file (``bench_store.generate``: releases as
named graphs following the KG contract) in the same run, one after the other:

* embedded: ``open_store("oxigraph:DIR").load(file)`` (pyoxigraph ``bulk_load``);
* Virtuoso through kgraph: ``open_store("http://127.0.0.1:PORT/sparql").load(file)``, the
  remote backend's path (the file parsed by pyoxigraph, then ``INSERT DATA`` updates of
  2,000 triples over HTTP);
* Virtuoso's own bulk loader (``ld_dir`` + ``rdf_loader_run`` through isql), the fastest
  way into Virtuoso and the baseline for the HTTP path.

Then each named query of ``bench_store.PARAMS`` runs ``--repeat`` times on both stores
(median). Virtuoso is a private instance started here (tests/kgraph_testing.py), with
``--memory-mb`` of page buffers. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_store import PARAMS, _size, generate  # noqa: E402

from kgraph.queries import QueryLibrary  # noqa: E402
from kgraph.store import open_store  # noqa: E402
from kgraph_testing import VirtuosoServer  # noqa: E402


def _median(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quads", default="1M", help="how many quads (1M; 10M on demand)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (median)")
    ap.add_argument("--memory-mb", type=int, default=2000, help="Virtuoso page buffers")
    ap.add_argument("--no-native", action="store_true", help="skip Virtuoso's own bulk loader")
    args = ap.parse_args()
    lib = QueryLibrary()
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-virtuoso-") as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data" / "data.nq"
        data.parent.mkdir()
        n = generate(_size(args.quads), data)
        print(f"{n:,} quads, {data.stat().st_size / 1e6:.0f} MB of N-Quads")
        rows: list[tuple[str, str, str, str]] = []

        embedded = open_store(f"oxigraph:{tmp / 'oxigraph'}")
        t = time.perf_counter()
        embedded.load(data)
        t_embedded = time.perf_counter() - t

        server = VirtuosoServer(tmp / "virtuoso", memory_mb=args.memory_mb)
        try:
            remote = open_store(server.sparql_url)
            t = time.perf_counter()
            remote.load(data)
            t_remote = time.perf_counter() - t
            assert len(remote) == len(embedded), (len(remote), len(embedded))  # the file repeats some quads
            rows.append(("load, kgraph (HTTP updates)", f"{t_embedded:.1f} s", f"{t_remote:.1f} s",
                         f"{t_remote / t_embedded:.2f}x"))
            if not args.no_native:
                native = VirtuosoServer(tmp / "virtuoso-native", memory_mb=args.memory_mb)
                try:
                    t = time.perf_counter()
                    native.sql(f"ld_dir('{data.parent}', 'data.nq', 'http://example.org/unused')")
                    native.sql("rdf_loader_run()")
                    native.sql("checkpoint")
                    t_native = time.perf_counter() - t
                    with open_store(native.sparql_url) as check:
                        assert len(check) == len(embedded), (len(check), len(embedded))
                    rows.append(("load, Virtuoso's bulk loader (isql)", f"{t_embedded:.1f} s",
                                 f"{t_native:.1f} s", f"{t_native / t_embedded:.2f}x"))
                finally:
                    native.stop()
            for name, params in PARAMS.items():
                ours = lib.run(name, params, store=embedded)
                theirs = lib.run(name, params, store=remote)
                size = len(ours) if not isinstance(ours, bool) else int(ours)
                size_r = len(theirs) if not isinstance(theirs, bool) else int(theirs)
                a = _median(lambda name=name, params=params: lib.run(name, params, store=embedded), args.repeat)
                b = _median(lambda name=name, params=params: lib.run(name, params, store=remote), args.repeat)
                rows.append((f"`{name}` ({size} rows{'' if size == size_r else f', Virtuoso {size_r}'})",
                             f"{a * 1000:.0f} ms", f"{b * 1000:.0f} ms", f"{b / a:.2f}x"))
            remote.close()
        finally:
            server.stop()
            embedded.close()
    print("\n| what | embedded Oxigraph | Virtuoso | ratio |\n|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
