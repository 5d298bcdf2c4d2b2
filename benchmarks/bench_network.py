"""``kgraph viz`` end to end on a large store, the store's size around it, and the
write-ahead log a build leaves, beside an earlier tree in the same run.

    .venv/bin/python benchmarks/bench_network.py [--baseline REV] [--quads 1000000] [--rounds 2]
        [--build-files 40]

A synthetic store (``bench_store.generate``: one graph per release, each repeating the labels
of the entities it names, as a real build does) is loaded into an on-disk Oxigraph store and
copied, one copy per tree. Each round runs ``kgraph viz`` (the whole-graph page) with the
baseline tree (REV exported by ``git archive``) and with this tree, interleaved, each in its
own process, and records the wall time and the store folder's size after it (a command
that opens the store for writing lets RocksDB compact and grow it). Then each tree builds
``--build-files`` release files into a fresh store and the bytes of write-ahead log left
in it are reported. Raw figures go to benchmarks/results/network.json.
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
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).with_name("results")
BASELINE = "e9b0d1b"  # main before issue 14's work (2026-12-02)
sys.path.insert(0, str(Path(__file__).parent))
from _baseline import export_tree  # noqa: E402


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _logs(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.glob("*.log"))


def _kgraph(tree: Path, *args: str, cwd: Path) -> float:
    # A generous query timeout for both trees: the point is the time taken, not a limit.
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "KGRAPH_QUERY_TIMEOUT": "900"}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "kgraph", *args], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):  # 1: findings (a build's failed file), still timed
        raise RuntimeError(f"kgraph {' '.join(args)} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - t


def main() -> None:
    from bench_build import copies, corpus
    from bench_store import generate

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--quads", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--build-files", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = export_tree(args.baseline, tmp / "baseline")
        data = tmp / "data.nq"
        quads = generate(args.quads, data)
        master = tmp / "master"
        _kgraph(ROOT, "--store", f"oxigraph:{master}", "import", str(data), cwd=tmp)
        trees = {"baseline": base, "current": ROOT}
        stores = {}
        for name in trees:
            stores[name] = tmp / f"store-{name}"
            shutil.copytree(master, stores[name])
        start_size = _size(master)
        viz: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        nodes = ""
        for _ in range(args.rounds):
            for name, tree in trees.items():
                out = tmp / f"{name}.html"
                seconds = _kgraph(tree, "--store", f"oxigraph:{stores[name]}", "viz", "-o", str(out), cwd=tmp)
                viz[name].append({"seconds": round(seconds, 2), "store_mb": round(_size(stores[name]) / 1e6, 1),
                                  "page_mb": round(out.stat().st_size / 1e6, 1) if out.exists() else 0})
        check = subprocess.run([sys.executable, "-c",
                                "import sys, networkx as nx\n"
                                "from kgraph.store import OxigraphStore\n"
                                "from kgraph.viz import project\n"
                                "s = OxigraphStore(sys.argv[1], read_only=True)\n"
                                "g = project(s)\nprint(g.number_of_nodes(), g.number_of_edges())",
                                str(master)], capture_output=True, text=True, check=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        nodes = check.stdout.strip()
        files = copies(corpus(), args.build_files, tmp / "releases")
        wal = {}
        for name, tree in trees.items():
            target = tmp / f"built-{name}"
            _kgraph(tree, "--store", f"oxigraph:{target}", "build", str(files), cwd=tmp)
            wal[name] = {"log_mb": round(_logs(target) / 1e6, 1), "store_mb": round(_size(target) / 1e6, 1)}
    medians = {name: statistics.median(r["seconds"] for r in runs) for name, runs in viz.items()}
    result = {
        "baseline": args.baseline, "quads": quads, "nodes_edges": nodes,
        "store_mb_before": round(start_size / 1e6, 1), "viz": viz, "viz_median_seconds": medians,
        "viz_ratio_baseline_over_current": round(medians["baseline"] / medians["current"], 2),
        "build": {"files": args.build_files, **wal}, "load_average": os.getloadavg(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "network.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
