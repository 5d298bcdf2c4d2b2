"""Extraction throughput of this tree beside an earlier extractor's, in the same run.

    .venv/bin/python benchmarks/bench_extract_compare.py [--baseline REV] [--releases N]

The corpus is the founding release, ../shared/releases/dev/ and ../shared/releases/real/,
repeated to at least N releases (default 500). Each tree (this one, and REV checked out
into a temporary git worktree, default the first commit of the rule-grammar work) extracts
the same documents in its own process on one core; the report gives releases/s for both
and the ratio. Goal (issue 10): the current extractor stays >= 50 releases/s.
Raw figures go to benchmarks/results/extract_compare.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RESULTS = Path(__file__).with_name("results")
BASELINE = "20edd1b"  # main before the extraction issue's work (2026-12-02)

CHILD = r"""
import json, sys, time
from pathlib import Path
from kgraph.extract import extract, read_release
files = [Path(p) for p in json.loads(sys.argv[1])]
n = int(sys.argv[2])
docs = [read_release(f) for f in files]
docs = (docs * (n // len(docs) + 1))[:n]
extract(docs[0])  # loading the tokenizer and the gazetteer is not per release
t = time.perf_counter()
for d in docs:
    extract(d)
dt = time.perf_counter() - t
print(json.dumps({"releases": n, "seconds": round(dt, 3), "per_second": round(n / dt, 1)}))
"""


def corpus() -> list[Path]:
    files = [ROOT / "data" / "releases" / "assomac-2025-06-20-sector-2024.txt"]
    for sub in ("dev", "real"):
        files += sorted((SHARED / "releases" / sub).glob("*.txt"))
    return [f for f in files if f.is_file()]


def run(tree: Path, files: list[Path], n: int) -> dict[str, float]:
    env = {"PYTHONPATH": str(tree / "src"), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1"}
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", CHILD,
                          json.dumps([str(f) for f in files]), str(n)],
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--releases", type=int, default=500)
    args = ap.parse_args()
    files = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.baseline],
                       check=True)
        try:
            before = run(base, files, args.releases)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
        now = run(ROOT, files, args.releases)
    result = {"corpus_files": len(files), "baseline": args.baseline, "baseline_run": before,
              "current_run": now, "ratio_current_over_baseline": round(now["per_second"] / before["per_second"], 2)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extract_compare.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
