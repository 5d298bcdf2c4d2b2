"""SHACL validation of one release graph before it is loaded."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .errors import RDFSyntaxError, ValidationFailed
from .ontology import ONTOLOGY_FILES, load_shapes, ontology_dir, ontology_file, validate

__all__ = ["validate_release"]


@lru_cache(maxsize=4)
def _axioms(path: Path, mtime: float) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise RDFSyntaxError(f"does not parse: {exc}", source=path) from None


@lru_cache(maxsize=4)
def _shapes(path: Path, mtime: float) -> Graph:
    return load_shapes()


def validate_release(graph: Graph, *, source: str | Path) -> None:
    """Validate one release graph against ``ontology/shapes.ttl``.

    The class axioms of ``kgraph.ttl`` are mixed in (so ``sh:class`` follows
    ``rdfs:subClassOf``); the reference schemes are not, because the release graph
    already carries the types and labels of the reference concepts it uses, and
    re-validating every scheme concept with every release would cost ten times more.

    Raises:
        ValidationFailed: the graph violates the shapes; the message names ``source`` and
            the first violations (warnings do not fail a release).
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology or shapes file does not parse.
    """
    ontology_dir()  # one clear error when there is no ontology at all
    axioms_file = ontology_file(ONTOLOGY_FILES[0])
    shapes_file = ontology_file("shapes.ttl")
    data = graph + _axioms(axioms_file, axioms_file.stat().st_mtime)
    shapes = _shapes(shapes_file, shapes_file.stat().st_mtime if shapes_file.exists() else 0.0)
    report = validate(data, ontology=False, shapes=shapes)
    if not report.conforms:
        shown = "; ".join(v.describe() for v in report.violations[:3])
        more = len(report.violations) - 3
        raise ValidationFailed(
            f"violates the SHACL shapes: {shown}" + (f" (and {more} more)" if more > 0 else ""),
            report=report.text, source=source)
