"""Whole-pipeline build throughput (read, extract, RDF, SHACL validation, atomic store
update, conflicts) beside the build of an earlier tree, in the same run.

    .venv/bin/python benchmarks/bench_build.py [--baseline REV] [--files 60] [--rounds 2]
        [--large 1000] [--workers 2]

The corpus is the founding release, ../shared/releases/dev/ and ../shared/releases/real/
when present, copied to N files with distinct names (so N release graphs). REV (default
the main branch before issue 14's work) is exported with ``git archive`` into a temporary
folder. Each round builds the same ``--files`` files into a fresh on-disk Oxigraph store,
each build in its own process: the baseline tree, then this tree with one process, then
this tree with ``--workers`` processes (interleaved, so the machine's load falls on all
three alike); the report gives the median releases/s of each and the ratios, and checks
that both trees loaded the same number of quads. Then this tree builds ``--large`` files
with ``--workers`` processes once (the goal: >= 50 releases/s on 2 cores), with its peak
memory. Raw figures go to benchmarks/results/build.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from _baseline import export_tree  # noqa: E402

RESULTS = Path(__file__).with_name("results")
BASELINE = "e9b0d1b"  # main before issue 14's work (2026-12-02)

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from kgraph.pipeline import build
from kgraph.store import OxigraphStore
folder, store_dir, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
files = sorted(folder.glob("*.txt"))
store = OxigraphStore(store_dir)
kwargs = {"workers": workers} if workers > 1 else {}
t = time.perf_counter()
report = build(store, files, **kwargs)
dt = time.perf_counter() - t
quads = len(store)
store.close()
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
print(json.dumps({"files": len(files), "loaded": len(report.releases), "failed": len(report.failures),
                  "quads": quads, "seconds": round(dt, 2), "per_second": round(len(files) / dt, 1),
                  "peak_rss_mb": round(rss)}))
"""


def shared() -> Path:
    for candidate in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared"


def corpus() -> list[Path]:
    files = [ROOT / "data" / "releases" / "assomac-2025-06-20-sector-2024.txt"]
    for sub in ("dev", "real"):
        files += sorted((shared() / "releases" / sub).glob("*.txt"))
    return [f for f in files if f.is_file()]


def copies(files: list[Path], n: int, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for i in range(n):
        f = files[i % len(files)]
        shutil.copy(f, folder / f"r{i:05d}-{f.name}")
    return folder


def run(tree: Path, folder: Path, store: Path, workers: int) -> dict[str, float]:
    env = {"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1",
           "HOME": os.environ.get("HOME", "/tmp")}
    out = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(store), str(workers)],
                         capture_output=True, text=True, env=env, check=True)
    shutil.rmtree(store, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--files", type=int, default=60, help="files per interleaved build")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--large", type=int, default=1000, help="files of the final large build (0: none)")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    files = corpus()
    runs: dict[str, list[dict[str, float]]] = {"baseline": [], "current, 1 process": [],
                                               f"current, {args.workers} workers": []}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = export_tree(args.baseline, tmp / "baseline")
        small = copies(files, args.files, tmp / "small")
        for _ in range(args.rounds):
            runs["baseline"].append(run(base, small, tmp / "store", 1))
            runs["current, 1 process"].append(run(ROOT, small, tmp / "store", 1))
            runs[f"current, {args.workers} workers"].append(run(ROOT, small, tmp / "store", args.workers))
        large = None
        if args.large:
            big = copies(files, args.large, tmp / "large")
            large = run(ROOT, big, tmp / "store", args.workers)
    medians = {k: statistics.median(r["per_second"] for r in v) for k, v in runs.items()}
    quads = {k: sorted({r["quads"] for r in v}) for k, v in runs.items()}
    result = {
        "corpus_files": len(files), "baseline": args.baseline, "files": args.files,
        "rounds": runs, "median_per_second": medians,
        "ratio_over_baseline": {k: round(v / medians["baseline"], 1) for k, v in medians.items()},
        "same_quads": len({tuple(q) for q in quads.values()}) == 1, "quads": quads,
        "large": large, "load_average": os.getloadavg(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "build.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
