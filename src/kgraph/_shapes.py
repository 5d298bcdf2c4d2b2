"""SHACL validation of one release graph before it is loaded.

A build validates thousands of small graphs against the same shapes, so the work that does
not depend on the data is done once per process (:class:`ReleaseValidator`): the shapes are
parsed and pySHACL's shapes graph (its shapes and their parsed constraints) is kept between
releases, the text of each SHACL-SPARQL constraint is parsed by rdflib once instead of once
per release, and the ontology's class hierarchy (the only axioms a shape needs:
``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf``) is added to the release
graph in place for the validation and taken out again afterwards, instead of copying the
release and the whole ontology into a new graph. Before pySHACL runs at all, a quick
conservative check (:mod:`kgraph._fastshacl`) clears the graphs that surely conform, which
is nearly every release of a build; pySHACL then reports on the others. The results are those of
:func:`kgraph.ontology.validate` on the release graph plus ``kgraph.ttl``
(``tests/test_shapes.py`` compares the two on every broken example).
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDFS
from rdflib.term import Node

from .errors import InputError, RDFSyntaxError, ValidationFailed
from .ontology import (
    ONTOLOGY_FILES,
    ValidationReport,
    _results,
    load_shapes,
    ontology_dir,
    ontology_file,
)

__all__ = ["validate_release", "ReleaseValidator", "release_validator"]

Triple = tuple[Node, Node, Node]


@lru_cache(maxsize=4)
def _axioms(path: Path, mtime: float) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise RDFSyntaxError(f"does not parse: {exc}", source=path) from None


class _FastMembership(list[Any]):
    """A list whose ``in`` is a set look-up.

    pySHACL tests every predicate of a shape against its list of constraint parameters
    with ``in`` for every shape it evaluates (a third of the validation time went to
    ``URIRef.__eq__``); same members, same order, same answers.
    """

    def __init__(self, items: list[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _speed_up_pyshacl() -> None:
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    # pyshacl.shape caches exactly this tuple on first use (module attribute CONSTRAINT_PARAMS).
    if not isinstance(getattr(pyshacl.shape, "CONSTRAINT_PARAMS", (None,))[0], _FastMembership):
        pyshacl.shape.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
            _FastMembership(list(ALL_CONSTRAINT_PARAMETERS)), CONSTRAINT_PARAMETERS_MAP)


_OPTIONS: dict[str, Any] = {
    "debug": False, "inference": "none", "inplace": True, "abort_on_first": False,
    "allow_infos": True, "allow_warnings": True, "advanced": False, "iterate_rules": False,
    "use_js": None, "sparql_mode": False, "focus_nodes": None, "use_shapes": None,
}


class ReleaseValidator:
    """Validates release graphs against one shapes graph plus the class hierarchy.

    Not thread-safe (the graph being validated is changed in place while it runs): one per
    process, used under a lock by :func:`validate_release`.
    """

    def __init__(self, shapes: Graph, hierarchy: list[Triple]) -> None:
        _speed_up_pyshacl()
        self.shapes = shapes
        self.hierarchy = hierarchy
        self._validator: Any = None
        self._prepared: dict[str, Any] = {}
        from ._fastshacl import QuickCheck, Unsupported

        try:
            self.quick: QuickCheck | None = QuickCheck(shapes)
        except Unsupported:
            self.quick = None  # shapes beyond the quick check: pySHACL for every release

    def surely_conforms(self, graph: Graph) -> bool:
        """The quick check: True when ``graph`` (with the class hierarchy) surely has no
        violation; False when only pySHACL can say."""
        if self.quick is None:
            return False
        return self.quick.surely_conforms(itertools.chain(graph, self.hierarchy))

    def _cached_query(self, query: Callable[..., Any]) -> Callable[..., Any]:
        from rdflib.plugins.sparql import prepareQuery

        def run(query_object: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(query_object, str):
                prepared = self._prepared.get(query_object)
                if prepared is None:
                    # pySHACL writes every prefix it uses into the text (sh:prefixes)
                    prepared = self._prepared[query_object] = prepareQuery(query_object)
                query_object = prepared
            return query(query_object, *args, **kwargs)

        return run

    def validate(self, graph: Graph) -> ValidationReport:
        """Validate ``graph``, which is left as it was.

        Raises:
            InputError: the shapes are not usable SHACL.
        """
        from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError
        from pyshacl.graph_abstraction import DataGraph
        from pyshacl.validator import Validator

        added = [t for t in self.hierarchy if t not in graph]
        for t in added:
            graph.add(t)
        try:
            data = DataGraph.from_rdflib(graph)
            data.query = self._cached_query(data.query)  # type: ignore[method-assign]
            if self._validator is None:
                options = dict(_OPTIONS, logger=logging.getLogger("kgraph.shacl"))
                self._validator = Validator(data, shacl_graph=self.shapes, options=options)
            else:
                # Keep the shapes graph (shapes, parsed constraints); only the data changes.
                self._validator.data_graph = data
                self._validator._target_graph = None
                self._validator.inplace = True
            conforms, report_graph, text = self._validator.run()
        except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError) as exc:
            message = getattr(exc, "message", None) or str(exc)
            raise InputError(f"the SHACL shapes cannot be used: {message}",
                             source=ontology_dir() / "shapes.ttl") from None
        finally:
            for t in added:
                graph.remove(t)
        assert isinstance(report_graph, Graph)
        return ValidationReport(conforms=bool(conforms), results=_results(report_graph),
                                text=str(text), graph=report_graph)


_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _validator(axioms_file: Path, axioms_mtime: float, shapes_file: Path,
               shapes_mtime: float) -> ReleaseValidator:
    hierarchy = list(_axioms(axioms_file, axioms_mtime).triples((None, RDFS.subClassOf, None)))
    return ReleaseValidator(load_shapes(), hierarchy)


def release_validator() -> ReleaseValidator:
    """The process's validator for the current ontology folder (rebuilt when
    ``kgraph.ttl`` or ``shapes.ttl`` change).

    Raises:
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology or shapes file does not parse.
    """
    ontology_dir()  # one clear error when there is no ontology at all
    axioms_file = ontology_file(ONTOLOGY_FILES[0])
    shapes_file = ontology_file("shapes.ttl")
    return _validator(axioms_file, axioms_file.stat().st_mtime, shapes_file,
                      shapes_file.stat().st_mtime if shapes_file.exists() else 0.0)


def validate_release(graph: Graph, *, source: str | Path) -> None:
    """Validate one release graph against ``ontology/shapes.ttl``.

    The class hierarchy of ``kgraph.ttl`` is taken into account (so ``sh:class`` follows
    ``rdfs:subClassOf``); the reference schemes are not, because the release graph
    already carries the types and labels of the reference concepts it uses, and
    re-validating every scheme concept with every release would cost ten times more.

    Raises:
        ValidationFailed: the graph violates the shapes; the message names ``source`` and
            the first violations (warnings do not fail a release).
        ConfigError: the ontology folder is missing.
        RDFSyntaxError: an ontology or shapes file does not parse.
    """
    validator = release_validator()
    with _LOCK:
        if validator.surely_conforms(graph):
            return
        report = validator.validate(graph)
    if not report.conforms:
        shown = "; ".join(v.describe() for v in report.violations[:3])
        more = len(report.violations) - 3
        raise ValidationFailed(
            f"violates the SHACL shapes: {shown}" + (f" (and {more} more)" if more > 0 else ""),
            report=report.text, source=source)
