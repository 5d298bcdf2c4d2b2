"""SHACL validation of one release graph before it is loaded."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .errors import ValidationFailed
from .ontology import validate

__all__ = ["validate_release"]


def validate_release(graph: Graph, *, source: str | Path) -> None:
    """Validate one release graph against ``ontology/shapes.ttl`` (with the ontology and
    schemes mixed in, see :func:`kgraph.ontology.validate`).

    Raises:
        ValidationFailed: the graph violates the shapes; the message names ``source`` and
            the first violations (warnings do not fail a release).
        ConfigError: the ontology folder is missing.
    """
    report = validate(graph)
    if not report.conforms:
        shown = "; ".join(v.describe() for v in report.violations[:3])
        more = len(report.violations) - 3
        raise ValidationFailed(
            f"violates the SHACL shapes: {shown}" + (f" (and {more} more)" if more > 0 else ""),
            report=report.text, source=source)
