"""CSV files a person edits (review files, judgements): written atomically, cells from
outside made inert for spreadsheets."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["inert_cell", "write_csv"]


def inert_cell(text: str) -> str:
    """Text from outside as an inert spreadsheet cell: a leading = + - @ would make a
    formula when a person opens the file in a spreadsheet (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(path: str | Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]], *,
              what: str) -> None:
    """Replace ``path`` with a header and ``rows``, atomically (a temporary file renamed),
    so an interrupted run never leaves half a file.

    Raises:
        InputError: the file cannot be written ("cannot write the {what}: ...").
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as fh:
                writer = csv.DictWriter(fh, fieldnames=list(columns))
                writer.writeheader()
                writer.writerows(rows)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(f"cannot write the {what}: {exc.strerror or exc}", source=path) from None
