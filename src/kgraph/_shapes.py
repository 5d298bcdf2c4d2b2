"""SHACL validation of one release graph before it is loaded."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from .errors import ValidationFailed

__all__ = ["validate_release", "SHAPES_FILE"]

SHAPES_FILE = Path(__file__).resolve().parents[2] / "ontology" / "shapes.ttl"


@lru_cache(maxsize=1)
def _shapes() -> Graph | None:
    if not SHAPES_FILE.is_file():
        return None
    return Graph().parse(SHAPES_FILE, format="turtle")


def validate_release(graph: Graph, *, source: str | Path) -> None:
    """Validate ``graph`` against ``ontology/shapes.ttl`` (no shapes file: nothing to check).

    Raises:
        ValidationFailed: the graph violates the shapes; the message names ``source`` and
            the first violations.
    """
    shapes = _shapes()
    if shapes is None:
        return
    import pyshacl

    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                         advanced=True, allow_warnings=True)
    if not conforms:
        lines = [ln.strip() for ln in str(text).splitlines() if ln.strip().startswith("Message:")]
        summary = "; ".join(lines[:3]) or "the graph does not conform"
        raise ValidationFailed(f"violates the SHACL shapes: {summary}", report=str(text),
                               source=source)
