"""Where the reference data lives: the project's ``data/`` over the shipped one."""

from __future__ import annotations

from pathlib import Path

from .. import _project

__all__ = ["data_dir", "data_file", "curated_links_file", "CURATED_LINKS", "CODELISTS_DIR"]


def data_dir() -> Path:
    """The shipped ``data/`` folder (beside ``src/`` in a checkout, in the package when
    installed), else the project's ``data/``."""
    return _project.shipped_dir("data") or _project.project_root() / "data"


def data_file(*parts: str) -> Path:
    """``data/PARTS``: the project's file when it has one, else the shipped one."""
    found = _project.find("data", *parts)
    return found if found is not None else data_dir().joinpath(*parts)


def curated_links_file() -> Path:
    return data_file("links", "curated.csv")


CODELISTS_DIR = data_dir() / "codelists"
"""The shipped code lists (a project's ``data/codelists/`` overrides file by file)."""
CURATED_LINKS = data_dir() / "links" / "curated.csv"
"""The shipped curated links (a project's ``data/links/curated.csv`` overrides them)."""
