"""Where kgraph finds a project and its reference files.

A *project* is the nearest folder, from the working folder upwards, that holds
``kgraph.toml``; without one, the working folder. Reference files (the ``ontology/``,
named ``queries/`` and ``data/`` of the repository) ship inside the package, under
``kgraph/_shipped/`` in an installed wheel, or are read from the source tree when kgraph
runs from a checkout. A project's own ``ontology/``, ``queries/`` and ``data/`` come
first: a file of the same name overrides the shipped one, other files add to them. The
project's ``data/extract/<pack>/*.yaml`` are merged into the extraction's word packs
instead (:func:`kgraph.extract.gazetteer.project_files`).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["CONFIG_FILE", "config_file", "project_root", "shipped_dir", "folders", "find", "own"]

CONFIG_FILE = "kgraph.toml"
SHIPPED = "_shipped"
"""The package folder the build copies the repository's reference folders into."""


def config_file(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The nearest ``kgraph.toml`` from ``start`` (default: the working folder) upwards."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
    return None


def project_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The folder of the nearest ``kgraph.toml``, else ``start`` (the working folder)."""
    found = config_file(start)
    return found.parent if found is not None else Path(start if start is not None else Path.cwd())


def shipped_dir(kind: str) -> Path | None:
    """The reference folder ``kind`` (``ontology``, ``queries``, ``data``) kgraph ships:
    in the installed package, else beside ``src/`` in a checkout; ``None`` when neither."""
    packaged = resources.files("kgraph").joinpath(SHIPPED, kind)
    # A wheel is installed unpacked, so the traversable is a real folder.
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    tree = Path(__file__).resolve().parents[2] / kind
    return tree if tree.is_dir() else None


def folders(kind: str, *, start: str | os.PathLike[str] | None = None) -> list[Path]:
    """The folders holding ``kind``, first wins: the project's own, then the shipped one."""
    out: list[Path] = []
    own = project_root(start) / kind
    if own.is_dir():
        out.append(own)
    shipped = shipped_dir(kind)
    if shipped is not None and not any(_same(shipped, f) for f in out):
        out.append(shipped)
    return out


def find(kind: str, *parts: str, start: str | os.PathLike[str] | None = None) -> Path | None:
    """The first ``kind/parts...`` of :func:`folders` that exists, or ``None``."""
    for folder in folders(kind, start=start):
        candidate = folder.joinpath(*parts)
        if candidate.exists():
            return candidate
    return None


def own(kind: str, *parts: str, start: str | os.PathLike[str] | None = None) -> Path | None:
    """The project's own folder ``kind/parts...`` when it exists and is not the shipped one
    (in a checkout the repository is both), else ``None``."""
    folder = project_root(start).joinpath(kind, *parts)
    if not folder.is_dir():
        return None
    shipped = shipped_dir(kind)
    if shipped is not None and _same(shipped.joinpath(*parts), folder):
        return None
    return folder


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:  # pragma: no cover - a folder that vanished between the calls
        return False
