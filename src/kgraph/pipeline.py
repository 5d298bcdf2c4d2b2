"""The jobs the shells run: build, link, validate, and ``run`` (all of them in order)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .config import Settings
from .namespaces import KGG
from .ontology import ValidationReport, load_ontology, ontology_graph_name, validate
from .store import Store, open_store

__all__ = [
    "RunReport", "run", "load_ontology_into", "validate_store", "link_offline", "write_network",
    "NON_RELEASE_GRAPHS",
]

NON_RELEASE_GRAPHS = frozenset(
    URIRef(KGG[name]) for name in ("ontology", "links", "wikidata", "codelists")
)
"""Graphs :func:`validate_store` leaves out: reference and enrichment data, not releases."""


@dataclass
class RunReport:
    """What a job did, as lines a shell may print, and the exit code it implies."""

    lines: list[str] = field(default_factory=list)
    exit_code: int = 0


def load_ontology_into(store: Store) -> int:
    """Replace graph ``kgg:ontology`` by the ontology and the schemes; return its size.

    Raises:
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology file does not parse (the store is left as it was).
        StoreError, ServiceUnavailable: the store refused the update.
    """
    graph = load_ontology()
    store.replace_graph(ontology_graph_name(), graph)
    return len(graph)


def validate_store(store: Store) -> ValidationReport:
    """Validate the union of the store's release graphs (every graph but ontology, links,
    wikidata and codelists) against the shapes, with the ontology files.

    Raises:
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology or shapes file does not parse.
        ServiceUnavailable: a remote store could not be read.
    """
    union = Graph()
    names = [g for g in store.graphs() if g not in NON_RELEASE_GRAPHS]
    for name in names:
        for triple in store.graph(name):
            union.add(triple)
    return validate(union)


def link_offline(store: Store, settings: Settings) -> list[str]:
    """Link stage without network: curated Wikidata links, code lists, cached answers.

    Raises:
        InputError: a curated-links or code-list file is malformed.
    """
    from .link import link_offline as _link_offline

    return _link_offline(store, settings).lines


def run(settings: Settings) -> RunReport:
    """The main job: every stage that exists so far, in order, on ``settings.store``."""
    report = RunReport()
    with open_store(settings.store) as store:
        size = load_ontology_into(store)
        report.lines.append(f"ontology: {size} triples in {ontology_graph_name()}")
        report.lines.extend(link_offline(store, settings))
        validation = validate_store(store)
        report.lines.append(f"validation: {validation.summary()}")
        if not validation.conforms:
            report.lines.extend(f"  {r.describe()}" for r in validation.violations)
            report.exit_code = max(report.exit_code, 1)
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
