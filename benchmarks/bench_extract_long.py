"""Long and repetitive inputs: extraction time at two sizes, this tree beside an earlier one.

    .venv/bin/python benchmarks/bench_extract_long.py [--baseline REV] [--scale K]

Each case of tests/test_extract_linear.py is extracted at size N and 4N, in this tree and in
REV (default 9ab1472, before the per-clause and per-paragraph bounds of issue 11), each in its
own process on one core. The report gives seconds for both trees, the ratio baseline/current,
and the growth t(4N)/t(N): about 4 is linear, about 16 quadratic. Goal (issue 11): every case
under 5 s at its larger size on a quiet machine. Raw figures go to
benchmarks/results/extract_long.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from _baseline import export_tree

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).with_name("results")
BASELINE = "9ab1472"
HEAD = "Milan, 3 March 2025 – "

# text builders by name: (unit, repeat count at scale 1)
CASES: dict[str, tuple[str, int]] = {
    "percentages": ("12% ", 5_000),
    "one-quoted-sentence": ('"We will grow exports to Germany by 5% in 2025," said Mario Rossi, '
                            "President of Acimit. ", 500),
    "capitalised-names": ("Mario Rossi Acimit Assomac ", 2_500),
    "role-word": ("President ", 10_000),
    "amounts-between-dashes": ("- 575 million euros -", 2_500),
}

CHILD = r"""
import json, sys, time
from kgraph.extract import extract
from kgraph.model import Document
texts = json.loads(sys.stdin.read())
extract(Document(slug="warm", path="warm.txt", text="Milan, 3 March 2025 - Exports grew 5% in 2024."))
out = {}
for name, text in texts.items():
    t = time.perf_counter()
    extract(Document(slug=name, path=name + ".txt", text=text))
    out[name] = round(time.perf_counter() - t, 3)
print(json.dumps(out))
"""


def texts(scale: int) -> dict[str, str]:
    out = {}
    for name, (unit, n) in CASES.items():
        for mult in (1, 4):
            out[f"{name}@{mult}N"] = HEAD + unit * (n * scale * mult)
    # ordinary prose at release scale: the real releases beside the project, run together to
    # 250 kB and 1 MB (skipped where ../shared is absent)
    real = sorted((ROOT.parent / "shared" / "releases" / "real").glob("*.txt"))
    if real:
        body = "\n\n".join(f.read_text(encoding="utf-8") for f in real) + "\n\n"
        for mult in (1, 4):
            size = 250_000 * scale * mult
            out[f"real-releases-run-together@{mult}N"] = (HEAD + body * (size // len(body) + 1))[:size]
    return out


def run(src: Path, payload: dict[str, str]) -> dict[str, float]:
    env = {"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1"}
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", CHILD], input=json.dumps(payload),
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default=BASELINE)
    ap.add_argument("--scale", type=int, default=1, help="multiply every case's size")
    args = ap.parse_args()
    payload = texts(args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        before = run(export_tree(args.baseline, Path(tmp) / "baseline") / "src", payload)
    now = run(ROOT / "src", payload)
    rows = []
    for name in [*CASES, "real-releases-run-together"]:
        if f"{name}@1N" not in payload:
            continue
        small, big = f"{name}@1N", f"{name}@4N"
        rows.append({"case": name, "chars_4N": len(payload[big]),
                     "baseline_s": [before[small], before[big]], "current_s": [now[small], now[big]],
                     "growth_current": round(now[big] / max(now[small], 1e-3), 1),
                     "ratio_baseline_over_current_4N": round(before[big] / max(now[big], 1e-3), 2)})
    result = {"baseline": args.baseline, "scale": args.scale, "rows": rows}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extract_long.json").write_text(json.dumps(result, indent=2))
    print(f"{'case':24} {'chars(4N)':>10} {'base N':>8} {'base 4N':>8} {'cur N':>7} {'cur 4N':>7} {'growth':>7} {'x faster':>8}")
    for r in rows:
        print(f"{r['case']:24} {r['chars_4N']:>10} {r['baseline_s'][0]:>8} {r['baseline_s'][1]:>8} "
              f"{r['current_s'][0]:>7} {r['current_s'][1]:>7} {r['growth_current']:>7} "
              f"{r['ratio_baseline_over_current_4N']:>8}")


if __name__ == "__main__":
    main()
