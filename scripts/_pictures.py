"""What the picture scripts share: the output folder, Chromium, the founding release built."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from kgraph.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
RELEASE = "assomac-2025-06-20-sector-2024"


def out_folder(doc: str, default: str) -> Path:
    """The ``--out`` folder of a picture script, made if missing."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--out", default=default, help="folder for the PNG files")
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    return out


def chromium() -> str:
    """The headless browser the pictures are taken with (the one the browser tests use)."""
    found = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
    if found is None:
        raise SystemExit("no Chromium on this machine (apt-get install chromium)")
    return found


def build_founding(store: Any) -> None:
    """Build the founding release into ``store`` with the real pipeline."""
    report = build(store, [ROOT / "data" / "releases" / f"{RELEASE}.txt"])
    if report.exit_code != 0:
        raise SystemExit("\n".join(report.lines()))
