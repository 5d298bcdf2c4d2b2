"""Benchmark: many releases naming the same people (issue 11, bounded memory).

    .venv/bin/python benchmarks/bench_shared_people.py [--releases 300]

Builds N short releases that all name the same president, vice president and director of
one association (each on its own day, so each release dates the posts its own way) into an
in-memory store, then measures, each in a fresh process so peak memory is its own:

* ``claims``: the graph as kgraph writes it, one membership claim per release;
* ``shared``: the baseline, the same store rewritten to the earlier layout where every
  release wrote the same membership node (its triples repeated in every release graph, which
  the union default graph multiplies).

For each: rows of the network projection's membership query, time and peak RSS of
``kgraph.viz.project`` and of the ``people-roles`` named query. Ratios are shared / claims.
Raw figures go to ``benchmarks/results/shared_people.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).with_name("results")

RELEASE = """Milan, {day} – The board of Acimit met today to review the quarter.

Mario Bianchi, President of Acimit, opened the meeting with Anna Verdi, Vice President of \
Acimit, and Carlo Neri, Director General of Acimit.

Orders of textile machinery rose by {n}% in the quarter compared with the previous year.
"""

# The earlier layout: one membership node per post, shared by every release graph that states it.
TO_SHARED = """
DELETE { GRAPH ?g { ?m ?p ?o } }
INSERT { GRAPH ?g { ?shared ?p ?o } }
WHERE {
  GRAPH ?g { ?m a <http://www.w3.org/ns/org#Membership> ; ?p ?o }
  BIND(IRI(REPLACE(STR(?m), "/membership/[^/]+/", "/membership/")) AS ?shared)
}
"""


def write_releases(folder: Path, n: int) -> None:
    start = dt.date(2020, 1, 6)
    for i in range(n):
        day = start + dt.timedelta(days=i)
        text = RELEASE.format(day=f"{day.day} {day:%B %Y}", n=i % 9 + 1)
        (folder / f"acimit-{day.isoformat()}-board.txt").write_text(text, encoding="utf-8")


def measure(trig: str, layout: str) -> dict[str, Any]:
    """Runs in a child process: load the store, convert it if asked, time the readers."""
    import pyoxigraph as ox

    from kgraph.queries import QueryLibrary
    from kgraph.store import OxigraphStore
    from kgraph.viz import project
    from kgraph.viz._project import Q_MEMBERSHIPS

    store = OxigraphStore(None)
    store.ox_store.load(path=trig, format=ox.RdfFormat.TRIG)
    if layout == "shared":
        store.ox_store.update(TO_SHARED)
    out: dict[str, Any] = {"layout": layout, "quads": len(store.ox_store)}
    out["membership_rows"] = sum(1 for _ in store.query(Q_MEMBERSHIPS, timeout=None))  # type: ignore[union-attr]
    t = time.perf_counter()
    g = project(store)
    out["project_s"] = round(time.perf_counter() - t, 3)
    out["nodes"], out["edges"] = g.number_of_nodes(), g.number_of_edges()
    t = time.perf_counter()
    rows = QueryLibrary().run("people-roles", store=store, timeout=None)
    out["people_roles_rows"] = sum(1 for _ in rows)  # type: ignore[union-attr]
    out["people_roles_s"] = round(time.perf_counter() - t, 3)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--releases", type=int, default=300)
    ap.add_argument("--limit", type=float, default=120.0,
                    help="seconds a layout may take before it is stopped and reported as such")
    ap.add_argument("--child", nargs=2, metavar=("TRIG", "LAYOUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return

    from kgraph.pipeline import build
    from kgraph.store import OxigraphStore

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "releases"
        folder.mkdir()
        write_releases(folder, args.releases)
        store = OxigraphStore(None)
        t = time.perf_counter()
        report = build(store, [folder])
        build_s = time.perf_counter() - t
        assert report.exit_code == 0, report.lines()
        trig = Path(tmp) / "store.trig"
        import pyoxigraph as ox

        store.ox_store.dump(str(trig), format=ox.RdfFormat.TRIG)
        runs = {}
        for layout in ("claims", "shared"):
            try:
                proc = subprocess.run([sys.executable, __file__, "--child", str(trig), layout],
                                      capture_output=True, text=True, timeout=args.limit)
            except subprocess.TimeoutExpired:
                # The shared layout multiplies rows by the copies of every triple: past a
                # few dozen releases it does not finish at all.
                runs[layout] = {"layout": layout, "stopped_after_s": args.limit}
                continue
            if proc.returncode:
                sys.exit(f"{layout}: {proc.stderr}")
            runs[layout] = json.loads(proc.stdout.strip().splitlines()[-1])
    result: dict[str, Any] = {"releases": args.releases, "build_s": round(build_s, 2),
                              "conflicting_pairs": report.conflicts, **runs}
    if "stopped_after_s" not in runs["shared"]:
        result["ratios_shared_over_claims"] = {
            k: round(runs["shared"][k] / runs["claims"][k], 2)
            for k in ("membership_rows", "project_s", "people_roles_s", "peak_rss_mb")
            if runs["claims"][k]}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "shared_people.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
