"""What an installation of kgraph weighs: the whole environment, and what each direct
dependency costs alone (the distributions only it brings in).

Usage, from a checkout:
  python3 -m venv /tmp/kg && /tmp/kg/bin/pip install . && /tmp/kg/bin/python scripts/install_size.py

Run it with the environment's own Python: it reads that environment's installed metadata.
"""

from __future__ import annotations

import os
import re
import sys
import sysconfig
from importlib import metadata

from packaging.requirements import Requirement


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def main() -> int:
    dists = {_norm(d.metadata["Name"]): d for d in metadata.distributions()}
    if "kgraph" not in dists:
        print("kgraph is not installed in this environment", file=sys.stderr)
        return 2

    def size(name: str) -> int:
        total = 0
        for f in dists[name].files or []:
            try:
                total += os.path.getsize(dists[name].locate_file(f))
            except OSError:
                continue
        return total

    def requires(name: str) -> set[str]:
        out = set()
        for raw in dists[name].requires or []:
            req = Requirement(raw)
            # an extra's requirements are not installed by a plain `pip install`
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                out.add(_norm(req.name))
        return out

    def closure(roots: set[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            n = stack.pop()
            if n not in seen and n in dists:
                seen.add(n)
                stack += requires(n)
        return seen

    site = sysconfig.get_paths()["purelib"]
    on_disk = sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(site) for f in files)
    top = requires("kgraph")
    everything = closure(top)
    print(f"site-packages: {on_disk / 1e6:.0f} MB; kgraph {size('kgraph') / 1e6:.1f} MB; "
          f"its {len(everything)} dependencies {sum(size(n) for n in everything) / 1e6:.0f} MB")
    rows = []
    for dep in top:
        alone = closure({dep}) - closure(top - {dep})
        rows.append((sum(size(n) for n in alone), dep, sorted(alone, key=size, reverse=True)))
    print("| dependency | MB only it brings | largest of them |")
    print("|---|---:|---|")
    for total, dep, alone in sorted(rows, reverse=True):
        largest = ", ".join(f"{n} {size(n) / 1e6:.0f}" for n in alone[:5] if size(n) >= 1e6)
        print(f"| {dep} | {total / 1e6:.0f} | {largest} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
