"""Where the shipped reference data lives (``data/`` at the project root)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir", "CURATED_LINKS", "CODELISTS_DIR"]


def data_dir() -> Path:
    """The project's ``data/`` folder: beside ``src/`` in a checkout, else ``./data``."""
    here = Path(__file__).resolve().parents[3] / "data"
    return here if (here / "codelists").is_dir() else Path("data")


CODELISTS_DIR = data_dir() / "codelists"
CURATED_LINKS = data_dir() / "links" / "curated.csv"
