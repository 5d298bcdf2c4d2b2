"""Start-up of the command line: ``kgraph --help`` and ``kgraph query releases`` on a small
store, beside an earlier tree and the floor (``python -c 'import pyoxigraph'``), in the same run.

    .venv/bin/python benchmarks/bench_cli.py [--baseline REV] [--repeat 7]

Each command runs ``--repeat`` times for each tree, interleaved (baseline, current, floor,
baseline, ...), each in a fresh interpreter; the report gives the median wall time of each
and the ratios. The small store holds the founding-release sample
(``tests/data/serve-founding-sample.trig``). Raw figures go to benchmarks/results/cli.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
from _baseline import export_tree  # noqa: E402

RESULTS = Path(__file__).with_name("results")
BASELINE = "e9b0d1b"  # main before issue 14's work (2026-12-02)
SAMPLE = ROOT / "tests" / "data" / "serve-founding-sample.trig"


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        base = export_tree(args.baseline, tmp / "baseline")
        store = f"oxigraph:{tmp / 'store'}"
        env_now = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        subprocess.run([sys.executable, "-m", "kgraph", "--store", store, "import", str(SAMPLE)],
                       env=env_now, check=True, stdout=subprocess.DEVNULL)
        envs = {"baseline": {**os.environ, "PYTHONPATH": str(base / "src")}, "current": env_now}
        commands = {
            "kgraph --help": ["--help"],
            "kgraph query releases": ["--store", store, "query", "releases", "--format", "csv"],
        }
        times: dict[str, dict[str, list[float]]] = {c: {"baseline": [], "current": []} for c in commands}
        floor: list[float] = []
        for _ in range(args.repeat):
            for cmd, argv in commands.items():
                for tree, env in envs.items():
                    times[cmd][tree].append(_timed([sys.executable, "-m", "kgraph", *argv], env, tmp))
            floor.append(_timed([sys.executable, "-c", "import pyoxigraph"], env_now, tmp))
    med = {c: {t: round(statistics.median(v), 3) for t, v in by.items()} for c, by in times.items()}
    result = {
        "baseline": args.baseline, "repeat": args.repeat, "median_seconds": med,
        "floor_import_pyoxigraph": round(statistics.median(floor), 3),
        "ratio_baseline_over_current": {c: round(m["baseline"] / m["current"], 2) for c, m in med.items()},
        "load_average": os.getloadavg(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cli.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
