"""The jobs the shells run: build, link, validate, and ``run`` (all of them in order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .store import Store, open_store

__all__ = ["RunReport", "run", "write_network"]


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
        page = write_network(store, settings)
        report.lines.append(f"network page: {page}")
    return report


def write_network(store: Store, settings: Settings) -> Path:
    """Write the whole-graph interactive page to ``settings.out / "network.html"``.

    Raises:
        InputError: the page cannot be written.
    """
    from . import viz

    graph = viz.project(store)
    return viz.write_html(graph, settings.out / "network.html", title="kgraph: knowledge graph")
