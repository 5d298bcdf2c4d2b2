"""A quick, conservative SHACL check: "surely no sh:Violation" or "maybe one".

pySHACL takes 50 to 300 ms for one release graph of 700 triples, most of it in its generic
machinery (building constraint objects for every shape it evaluates, result descriptions
for branches of ``sh:or`` that are thrown away). A build only needs to know whether a
release has a violation; when it has one, the full report. So the build first asks this
checker, which compiles the shapes once into plain Python tests over an index of the graph,
and calls pySHACL only when the checker is not sure the graph conforms: a graph it passes
is a graph pySHACL passes (``tests/test_shapes.py`` holds it to that on every broken
example and on random damage to valid graphs), and every report comes from pySHACL.

The checker is sound by construction, not complete: any construct it does not know (a
constraint component, a complex path, ``sh:deactivated``, a SPARQL constraint that uses
more than ``$this``) makes it decline the whole shapes graph (:class:`Unsupported`), and
every test answers "maybe" when in doubt (a comparison of unlike values, an unknown
datatype). Warnings and infos are not looked for: they never fail a release.

SHACL-SPARQL constraints run in an in-memory Oxigraph store with ``$this`` left free; the
``$this`` values of the solutions are the focus nodes that fail.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["QuickCheck", "Unsupported"]


class Unsupported(Exception):
    """The shapes use something the quick check does not implement."""


class _Unsure(Exception):
    """The check cannot decide this graph (a recursive shape, a query that failed)."""


Triple = tuple[Node, Node, Node]
_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf  # namespace attribute look-ups are slow


class _Index:
    """Subject -> predicate -> objects (and the reverse when an inverse path needs it)."""

    def __init__(self, triples: Iterable[Triple], inverse: bool) -> None:
        self.out: dict[Node, dict[Node, list[Node]]] = {}
        self.typed: dict[Node, set[Node]] = {}  # class -> its direct instances
        self.inv: dict[Node, dict[Node, list[Node]]] = {}
        self.triples: list[Triple] = []
        seen: set[Triple] = set()
        for t in triples:
            if t in seen:
                continue
            seen.add(t)
            self.triples.append(t)
            s, p, o = t
            self.out.setdefault(s, {}).setdefault(p, []).append(o)
            if p == _TYPE:
                self.typed.setdefault(o, set()).add(s)
            if inverse:
                self.inv.setdefault(o, {}).setdefault(p, []).append(s)
        self._supers: dict[Node, frozenset[Node]] = {}
        self.memo: dict[tuple[Node, Node], bool] = {}
        self.busy: set[tuple[Node, Node]] = set()
        self.ox: object = None  # an Oxigraph copy, made when a SPARQL constraint needs it
        self.sparql_failures: dict[int, set[Node] | None] = {}

    def objects(self, s: Node, p: Node) -> list[Node]:
        return self.out.get(s, {}).get(p, [])

    def subjects(self, p: Node, o: Node) -> list[Node]:
        return self.inv.get(o, {}).get(p, [])

    def supers(self, cls: Node) -> frozenset[Node]:
        """``cls`` and every class it is an rdfs:subClassOf*, in this graph."""
        found = self._supers.get(cls)
        if found is None:
            todo, acc = [cls], {cls}
            while todo:
                for sup in self.objects(todo.pop(), _SUBCLASS):
                    if sup not in acc:
                        acc.add(sup)
                        todo.append(sup)
            found = self._supers[cls] = frozenset(acc)
        return found

    def is_instance(self, node: Node, cls: Node) -> bool:
        return any(cls in self.supers(t) for t in self.objects(node, _TYPE))

    def instances(self, cls: Node) -> set[Node]:
        found: set[Node] = set()
        for t, members in self.typed.items():
            if cls in self.supers(t):
                found |= members
        return found


Check = Callable[[_Index, Node, list[Node]], bool]
"""(graph, focus node, value nodes) -> True when surely conforming."""


@dataclass
class _Shape:
    node: Node
    path: list[tuple[str, Node]] | None = None  # steps ("out", p) or ("in", p); None: node shape
    violation: bool = True  # results would be sh:Violation
    checks: list[Check] = field(default_factory=list)
    properties: list[_Shape] = field(default_factory=list)
    target_classes: list[Node] = field(default_factory=list)
    target_nodes: list[Node] = field(default_factory=list)
    target_subjects_of: list[Node] = field(default_factory=list)
    target_objects_of: list[Node] = field(default_factory=list)

    def values(self, index: _Index, focus: Node) -> list[Node]:
        if self.path is None:
            return [focus]
        nodes = [focus]
        for kind, p in self.path:
            step: list[Node] = []
            for n in nodes:
                step.extend(index.objects(n, p) if kind == "out" else index.subjects(p, n))
            nodes = list(dict.fromkeys(step))
        return nodes


# Shape-graph predicates that carry no constraint (names, documentation, grouping).
_IGNORED = {SH.message, SH.name, SH.description, SH.order, SH.group, SH.defaultValue,
            SH.severity, SH.path, SH.property, SH.targetClass, SH.targetNode,
            SH.targetSubjectsOf, SH.targetObjectsOf, SH.flags, SH.qualifiedMinCount,
            SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint}
_NODE_KINDS: dict[Node, tuple[type, ...]] = {
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef), SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}
_PY_TYPES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: str, RDF.langString: str, XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: dt.date, XSD.time: dt.time,
    XSD.dateTime: dt.datetime,
}


def _datatype_ok(v: Node, datatype: Node) -> bool:
    if not isinstance(v, Literal) or getattr(v, "ill_typed", None) is True:
        return False
    actual = v.datatype or (RDF.langString if v.language else XSD.string)
    if actual != datatype:
        return False
    expected = _PY_TYPES.get(datatype)
    if expected is None:
        return True  # pySHACL checks no value for other datatypes either
    if datatype == XSD.date and isinstance(v.value, dt.datetime):
        return False
    return isinstance(v.value, expected)


def _ordered(a: Node, b: Node, strict: bool) -> bool:
    """``a < b`` (or ``<=``) when both are comparable numbers or like dates; else False."""
    if not (isinstance(a, Literal) and isinstance(b, Literal)):
        return False
    x, y = a.value, b.value
    numeric = (int, float, Decimal)
    if isinstance(x, bool) or isinstance(y, bool):
        return False
    if isinstance(x, numeric) and isinstance(y, numeric):
        if isinstance(x, float) != isinstance(y, float):
            return False  # mixed float and decimal: leave it to pySHACL
    elif not (type(x) is type(y) and isinstance(x, (dt.date, dt.time, str))):
        return False
    if isinstance(x, (dt.datetime, dt.time)) and ((x.tzinfo is None) != (y.tzinfo is None)):
        return False
    try:
        return bool(x < y) if strict else bool(x <= y)
    except TypeError:
        return False


def _lang_matches(tag: str, ranges: list[str]) -> bool:
    tag = tag.lower()
    for r in ranges:
        r = r.lower()
        if r == "*" or tag == r or tag.startswith(r + "-"):
            return True
    return False


class QuickCheck:
    """The shapes compiled once; :meth:`surely_conforms` per graph.

    Raises:
        Unsupported: the shapes use a construct the check does not implement.
    """

    def __init__(self, shapes: Graph) -> None:
        self.sg = shapes
        self._shapes: dict[Node, _Shape] = {}
        self._inverse = False
        self._sparql: list[tuple[int, str]] = []
        roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
        for pred in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
            roots |= set(shapes.subjects(pred, None))
        for cls_type in (RDFS.Class, OWL.Class):
            if roots & set(shapes.subjects(RDF.type, cls_type)):
                raise Unsupported("implicit class targets")
        self.targeted = [self._shape(r) for r in sorted(roots, key=str)]
        self.targeted = [s for s in self.targeted if s.target_classes or s.target_nodes
                         or s.target_subjects_of or s.target_objects_of]

    # --- compiling ------------------------------------------------------------------
    def _list(self, head: Node) -> list[Node]:
        return list(Collection(self.sg, head))

    def _one(self, node: Node, pred: Node) -> Node:
        values = list(self.sg.objects(node, pred))
        if len(values) != 1:
            raise Unsupported(f"{len(values)} values of {pred} on {node}")
        return values[0]

    def _int(self, node: Node, pred: Node) -> int:
        value = self._one(node, pred)
        if not isinstance(value, Literal) or not isinstance(value.value, int):
            raise Unsupported(f"{pred} is not an integer")
        return int(value.value)

    def _shape(self, node: Node, depth: int = 0) -> _Shape:
        if node in self._shapes:
            return self._shapes[node]
        if depth > 20:
            raise Unsupported("shapes nested too deep")
        shape = _Shape(node)
        self._shapes[node] = shape  # before the children: recursion ends here
        sg = self.sg
        if (node, SH.deactivated, None) in sg:
            raise Unsupported("sh:deactivated")
        severity = list(sg.objects(node, SH.severity))
        shape.violation = not severity or severity == [SH.Violation]
        path = list(sg.objects(node, SH.path))
        if len(path) > 1:
            raise Unsupported("two paths")
        if path:
            p = path[0]
            steps = self._list(p) if (p, RDF.first, None) in sg else [p]
            shape.path = [self._step(step) for step in steps]
        shape.target_classes = list(sg.objects(node, SH.targetClass))
        shape.target_nodes = list(sg.objects(node, SH.targetNode))
        shape.target_subjects_of = list(sg.objects(node, SH.targetSubjectsOf))
        shape.target_objects_of = list(sg.objects(node, SH.targetObjectsOf))
        if shape.target_objects_of:
            self._inverse = True
        for pred, value in sg.predicate_objects(node):
            if not str(pred).startswith(str(SH)) or pred in _IGNORED:
                continue
            shape.checks.append(self._check(node, pred, value, depth))
        shape.properties = [self._shape(p, depth + 1) for p in sg.objects(node, SH.property)]
        return shape

    def _step(self, step: Node) -> tuple[str, Node]:
        """One step of a path: a predicate, or the inverse of one (nothing else)."""
        if isinstance(step, URIRef):
            return ("out", step)
        inverse = list(self.sg.objects(step, SH.inversePath))
        if (len(inverse) != 1 or not isinstance(inverse[0], URIRef)
                or len(list(self.sg.predicate_objects(step))) != 1):
            raise Unsupported("a complex path")
        self._inverse = True
        return ("in", inverse[0])

    def _check(self, node: Node, pred: Node, value: Node, depth: int) -> Check:  # noqa: C901
        if pred == SH["class"]:
            return lambda g, f, vs: all(g.is_instance(v, value) for v in vs)
        if pred == SH.datatype:
            return lambda g, f, vs: all(_datatype_ok(v, value) for v in vs)
        if pred == SH.nodeKind:
            kinds = _NODE_KINDS.get(value)
            if kinds is None:
                raise Unsupported(f"node kind {value}")
            return lambda g, f, vs: all(isinstance(v, kinds) for v in vs)
        if pred == SH.minCount:
            n = self._int(node, pred)
            return lambda g, f, vs: len(vs) >= n
        if pred == SH.maxCount:
            n = self._int(node, pred)
            return lambda g, f, vs: len(vs) <= n
        if pred in (SH.minLength, SH.maxLength):
            n, longest = self._int(node, pred), pred == SH.maxLength
            return lambda g, f, vs: all(
                not isinstance(v, BNode) and (len(str(v)) <= n if longest else len(str(v)) >= n)
                for v in vs)
        if pred == SH.pattern:
            flags = list(self.sg.objects(node, SH.flags))
            if len(flags) > 1 or any(set(str(f)) - set("ismx") for f in flags):
                raise Unsupported("pattern flags")
            bits = 0
            for letter in str(flags[0]) if flags else "":
                bits |= {"i": re.I, "s": re.S, "m": re.M, "x": re.X}[letter]
            regex = re.compile(str(value), bits)
            return lambda g, f, vs: all(not isinstance(v, BNode) and regex.search(str(v)) is not None
                                        for v in vs)
        if pred == SH["in"]:
            allowed = set(self._list(value))
            return lambda g, f, vs: all(v in allowed for v in vs)
        if pred == SH.languageIn:
            ranges = [str(x) for x in self._list(value)]
            return lambda g, f, vs: all(isinstance(v, Literal) and bool(v.language)
                                        and _lang_matches(str(v.language), ranges) for v in vs)
        if pred == SH.uniqueLang:
            if value != Literal(True):
                return lambda g, f, vs: True
            def unique(g: _Index, f: Node, vs: list[Node]) -> bool:
                langs = [v.language for v in vs if isinstance(v, Literal) and v.language]
                return len({x.lower() for x in langs}) == len(langs)
            return unique
        if pred in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            strict = pred in (SH.minExclusive, SH.maxExclusive)
            if pred in (SH.minInclusive, SH.minExclusive):
                return lambda g, f, vs: all(_ordered(value, v, strict) for v in vs)
            return lambda g, f, vs: all(_ordered(v, value, strict) for v in vs)
        if pred in (SH.lessThan, SH.lessThanOrEquals):
            strict = pred == SH.lessThan
            return lambda g, f, vs: all(_ordered(v, w, strict) for v in vs for w in g.objects(f, value))
        if pred == SH.equals:
            return lambda g, f, vs: set(vs) == set(g.objects(f, value))
        if pred == SH.disjoint:
            return lambda g, f, vs: not (set(vs) & set(g.objects(f, value)))
        if pred == SH.hasValue:
            return lambda g, f, vs: value in vs
        if pred == SH.node:
            target = self._shape(value, depth + 1)
            return lambda g, f, vs: all(self._conforms(g, target, v) for v in vs)
        if pred == SH["not"]:
            target = self._shape(value, depth + 1)
            return lambda g, f, vs: all(not self._conforms(g, target, v) for v in vs)
        if pred in (SH["or"], SH["and"], SH.xone):
            members = [self._shape(m, depth + 1) for m in self._list(value)]
            if pred == SH["or"]:
                return lambda g, f, vs: all(any(self._conforms(g, m, v) for m in members) for v in vs)
            if pred == SH["and"]:
                return lambda g, f, vs: all(all(self._conforms(g, m, v) for m in members) for v in vs)
            return lambda g, f, vs: all(sum(self._conforms(g, m, v) for m in members) == 1 for v in vs)
        if pred == SH.qualifiedValueShape:
            if (node, SH.qualifiedValueShapesDisjoint, Literal(True)) in self.sg:
                raise Unsupported("disjoint qualified value shapes")
            target = self._shape(value, depth + 1)
            low = self._int(node, SH.qualifiedMinCount) if (node, SH.qualifiedMinCount, None) in self.sg else None
            high = self._int(node, SH.qualifiedMaxCount) if (node, SH.qualifiedMaxCount, None) in self.sg else None

            def qualified(g: _Index, f: Node, vs: list[Node]) -> bool:
                n = sum(1 for v in vs if self._conforms(g, target, v))
                return (low is None or n >= low) and (high is None or n <= high)
            return qualified
        if pred == SH.sparql:
            return self._sparql_check(value)
        raise Unsupported(f"constraint {pred}")

    def _sparql_check(self, constraint: Node) -> Check:
        sg = self.sg
        if set(sg.predicates(constraint)) - {RDF.type, SH.select, SH.message, SH.prefixes, SH.severity}:
            raise Unsupported("a SPARQL constraint with more than a SELECT")
        select = str(self._one(constraint, SH.select))
        if set(re.findall(r"\$(\w+)", select)) != {"this"} or not re.search(r"SELECT\s+\$this\b", select):
            raise Unsupported("a SPARQL constraint that needs more than $this")
        prologue = []
        for holder in sg.objects(constraint, SH.prefixes):
            for decl in sg.objects(holder, SH.declare):
                prologue.append(f"PREFIX {self._one(decl, SH.prefix)}: <{self._one(decl, SH.namespace)}>")
        key = len(self._sparql)
        self._sparql.append((key, "\n".join(prologue) + "\n" + select.replace("$this", "?this")))

        def check(g: _Index, f: Node, vs: list[Node]) -> bool:
            return f not in self._sparql_failures(g, key)
        return check

    def _sparql_failures(self, g: _Index, key: int) -> set[Node]:
        if key not in g.sparql_failures:
            import pyoxigraph as ox

            from .store._terms import to_ox, to_rdflib

            try:
                if g.ox is None:
                    terms: dict[Node, object] = {}

                    def term(t: Node) -> object:
                        found = terms.get(t)
                        if found is None:
                            found = terms[t] = to_ox(t)
                        return found

                    store = ox.Store()
                    default = ox.DefaultGraph()
                    store.extend([ox.Quad(term(s), term(p), term(o), default)  # type: ignore[arg-type]
                                  for s, p, o in g.triples])
                    g.ox = store
                assert isinstance(g.ox, ox.Store)
                res = g.ox.query(self._sparql[key][1])
                assert isinstance(res, ox.QuerySolutions)
                g.sparql_failures[key] = {to_rdflib(row["this"]) for row in res}  # type: ignore[misc]
            except Exception:  # noqa: BLE001 - any doubt leaves the answer to pySHACL
                g.sparql_failures[key] = None
        found = g.sparql_failures[key]
        if found is None:
            raise _Unsure("a SPARQL constraint could not be run")
        return found

    # --- checking -------------------------------------------------------------------
    def _conforms(self, g: _Index, shape: _Shape, focus: Node) -> bool:
        """Every constraint of ``shape`` (whatever its severity) holds at ``focus``."""
        key = (shape.node, focus)
        if key in g.memo:
            return g.memo[key]
        if key in g.busy:  # SHACL leaves recursive shapes undefined: let pySHACL say
            raise _Unsure("a recursive shape")
        g.busy.add(key)
        vs = shape.values(g, focus)
        ok = (all(c(g, focus, vs) for c in shape.checks)
              and all(self._conforms(g, p, focus) for p in shape.properties))
        g.busy.discard(key)
        g.memo[key] = ok
        return ok

    def _violates(self, g: _Index, shape: _Shape, focus: Node) -> bool:
        """A result of severity sh:Violation at ``focus``, from ``shape`` or its property shapes."""
        if shape.violation:
            vs = shape.values(g, focus)
            if not all(c(g, focus, vs) for c in shape.checks):
                return True
        return any(self._violates(g, p, focus) for p in shape.properties)

    def surely_conforms(self, triples: Iterable[Triple]) -> bool:
        """True when the graph has no sh:Violation for sure; False when it may have one."""
        g = _Index(triples, self._inverse)
        try:
            return self._check_all(g)
        except _Unsure:
            return False

    def _check_all(self, g: _Index) -> bool:
        for shape in self.targeted:
            focus: set[Node] = set(shape.target_nodes)
            for cls in shape.target_classes:
                focus |= g.instances(cls)
            for p in shape.target_subjects_of:
                focus |= {s for s, q, _o in g.triples if q == p}
            for p in shape.target_objects_of:
                focus |= {o for _s, q, o in g.triples if q == p}
            for f in focus:
                if self._violates(g, shape, f):
                    return False
        return True
