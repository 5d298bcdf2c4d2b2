"""The jobs the shells run: build, link, validate, and ``run`` (all of them in order)."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .store import SelectResult, Store, open_store

__all__ = ["RunReport", "run", "query_reports"]


@dataclass
class RunReport:
    """What a job did, as lines a shell may print, and the exit code it implies."""

    lines: list[str] = field(default_factory=list)
    exit_code: int = 0


def run(settings: Settings) -> RunReport:
    """The main job: every stage that exists so far, in order, on ``settings.store``."""
    report = RunReport()
    with open_store(settings.store) as store:
        report.lines.append(f"store {store.url}: {len(store)} quads")
        report.lines += query_reports(store, settings.out, timeout=settings.query_timeout)
    return report


def query_reports(store: Store, out: Path, *, timeout: float | None = None) -> list[str]:
    """Run every named SELECT query that needs no parameter and write
    ``out/queries/NAME.csv`` (plain values, one row per result); returns one line per file.

    Raises:
        QueryTimeout: a query ran longer than ``timeout`` seconds.
        OSError: ``out`` cannot be written.
    """
    from .queries import QueryLibrary

    folder = Path(out) / "queries"
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for q in QueryLibrary().list():
        if q.form != "SELECT" or any(p.required for p in q.params):
            continue
        res = store.query(q.text, bindings=q.bindings(), timeout=timeout, source=str(q.path))
        assert isinstance(res, SelectResult)
        target = folder / f"{q.name}.csv"
        with target.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(res.vars)
            for row in res:
                w.writerow(["" if row.get(v) is None else str(row[v]) for v in res.vars])
        lines.append(f"{target}: {len(res)} rows ({q.title})")
    return lines
