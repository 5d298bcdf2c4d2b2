"""The earlier tree a benchmark runs side by side with the current one."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def export_tree(rev: str, folder: Path) -> Path:
    """Write ``src``, ``ontology`` and ``queries`` of commit ``rev`` into ``folder`` (made
    here) and return it; put ``folder / "src"`` on PYTHONPATH to run that version."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src", "ontology", "queries"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder
