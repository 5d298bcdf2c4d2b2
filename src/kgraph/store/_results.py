"""What every backend gives back, and how their answers and errors are read: one module.

The result types (:class:`SelectResult`, :data:`QueryResult`) hold rdflib terms only. The
decoders turn each backend's raw answer into them: pyoxigraph solutions (embedded store),
a query worker's pickled rows, SPARQL JSON results and N-Triples bodies (remote
endpoints). Parser messages of Oxigraph (SPARQL and RDF syntax errors, local or reported
by a server) become :class:`~kgraph.errors.QueryError` / ``RDFSyntaxError`` with the line
and column, the same way for every backend.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import KGraphError, QueryError, QueryTimeout, RDFSyntaxError, ServiceUnavailable
from ..namespaces import PREFIXES
from ._terms import to_rdflib, to_rdflib_triple

__all__ = [
    "SelectResult", "QueryResult", "query_error", "syntax_error", "local_syntax_error",
    "timeout_error", "timeout_message", "convert", "decode_worker", "parse_json_results", "parse_graph",
    "parse_triples",
]


@dataclass
class SelectResult:
    """Rows of a SELECT: ``vars`` in projection order, each row a dict var -> term (or None)."""

    vars: list[str]
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    truncated: bool = False  # more rows matched than the query's row limit let through

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, Node | None]:
        return self.rows[index]

    def column(self, var: str) -> list[Node | None]:
        """The values of one variable, row by row."""
        return [row.get(var) for row in self.rows]

    def values(self, var: str) -> list[Any]:
        """The Python values (``str``, ``int``, ``Decimal``, ``date``...) of one variable."""
        return [None if t is None else t.toPython() for t in self.column(var)]  # type: ignore[attr-defined]

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame of Python values (needs the ``dataframe`` extra):
        a column whose values are all numbers is numeric (float, or nullable integer), one
        whose values are all dates or datetimes holds datetimes, so that plots work."""
        import datetime as dt

        import pandas as pd  # optional extra

        df = pd.DataFrame(
            [{v: (None if r.get(v) is None else r[v].toPython()) for v in self.vars} for r in self.rows],  # type: ignore[union-attr]
            columns=self.vars,
        )
        for col in self.vars:
            present = [x for x in df[col] if x is not None]
            if not present:
                continue
            if all(isinstance(x, int) and not isinstance(x, bool) for x in present):
                df[col] = df[col].astype("Int64")
            elif all(isinstance(x, (int, float, Decimal)) and not isinstance(x, bool) for x in present):
                df[col] = pd.to_numeric(df[col].map(lambda x: None if x is None else float(x)))
            elif all(isinstance(x, (dt.date, dt.datetime)) for x in present):
                df[col] = pd.to_datetime(df[col])
        return df

    def _repr_html_(self) -> str:
        """An HTML table for notebooks; every value is escaped."""
        import html

        limit = 200
        head = "".join(f"<th>{html.escape(v)}</th>" for v in self.vars)
        body = []
        for row in self.rows[:limit]:
            cells = []
            for v in self.vars:
                term = row.get(v)
                text = "" if term is None else str(term)
                numeric = getattr(term, "datatype", None) is not None and isinstance(
                    term.toPython(), (int, float, Decimal))  # type: ignore[union-attr]
                style = ' style="text-align:right"' if numeric else ""
                cells.append(f"<td{style}>{html.escape(text)}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        more = f"<p>{len(self.rows)} rows, the first {limit} shown</p>" if len(self.rows) > limit else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


QueryResult = SelectResult | bool | Graph
"""SELECT -> :class:`SelectResult`; ASK -> ``bool``; CONSTRUCT/DESCRIBE -> rdflib ``Graph``."""


# --- errors -------------------------------------------------------------------------------

_POS = re.compile(r"(?:line|at) (\d+)(?::|, column |, col )?(\d+)?")


def query_error(message: str, source: str | None = None, *, line_offset: int = 0) -> QueryError:
    """A QueryError with the line and column found in a parser's message.

    ``line_offset`` lines were prepended to the caller's text before parsing.
    """
    m = _POS.search(message)
    line = int(m.group(1)) - line_offset if m else None
    col = int(m.group(2)) if m and m.group(2) else None
    if m and line_offset:
        message = message[: m.start(1)] + str(line) + message[m.end(1):]
    return QueryError(f"malformed SPARQL: {message}", source=source, line=line, column=col)


def syntax_error(exc: SyntaxError, path: str | Path) -> RDFSyntaxError:
    """The RDFSyntaxError (file, line and column) for a parser's SyntaxError."""
    where = f"line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else "") if exc.lineno else ""
    msg = str(exc.msg if exc.msg else exc)
    return RDFSyntaxError(f"{where}: malformed RDF: {msg}" if where else f"malformed RDF: {msg}",
                          source=path)


def local_syntax_error(text: str, *, update: bool, source: str | None) -> QueryError | None:
    """kgraph's own parser's error (with line and column) for a text a server refused,
    or None when it parses (then the server's own message is the one to show)."""
    probe = ox.Store()  # empty, in memory: parsing is all that happens
    try:
        if update:
            probe.update(text, prefixes=PREFIXES)
        else:
            probe.query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        return query_error(str(exc), source)
    except Exception:  # noqa: BLE001 - it parsed; evaluation errors are not the point
        return None
    return None


def timeout_message(timeout: float, *, closed: bool = False) -> str:
    """What every backend says when a query outlives its timeout (``closed``: a remote
    endpoint's connection was closed, the server may go on unless it has its own limit)."""
    how = "the connection was closed; " if closed else ""
    return (f"the query ran longer than {timeout:g} s and was stopped ({how}raise --timeout "
            "or KGRAPH_QUERY_TIMEOUT, or narrow the query)")


def timeout_error(timeout: float, source: str | None, *, closed: bool = False) -> QueryTimeout:
    return QueryTimeout(timeout_message(timeout, closed=closed), source=source)


# --- decoding -----------------------------------------------------------------------------

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def convert(res: object, row_limit: int | None = None) -> QueryResult:
    """pyoxigraph's answer (solutions, boolean or triples) as a QueryResult; with
    ``row_limit`` the solutions past that many rows are never read."""
    if isinstance(res, ox.QueryBoolean):
        return bool(res)
    if isinstance(res, ox.QuerySolutions):
        vars_ = [v.value for v in res.variables]
        # rdflib terms are costly to build (literals parse their value): convert each
        # distinct term once per result
        memo: dict[object, Node | None] = {None: None}

        def term(t: object) -> Node | None:
            try:
                return memo[t]
            except KeyError:
                memo[t] = node = to_rdflib(t)
                return node

        rows: list[dict[str, Node | None]] = []
        truncated = False
        for sol in res:
            if row_limit is not None and len(rows) >= row_limit:
                truncated = True  # the rest is never read
                break
            rows.append(dict(zip(vars_, map(term, sol), strict=True)))
        return SelectResult(vars_, rows, truncated=truncated)
    g = Graph()
    for t in res:  # type: ignore[attr-defined]
        g.add(to_rdflib_triple(t))
    return g


def decode_worker(kind: str, payload: object, source: str | None) -> QueryResult:
    """A query worker's answer (see :func:`kgraph.store._worker.answer`) as a QueryResult.

    Raises:
        QueryError: the worker's parser refused the text.
        KGraphError: the query failed in the worker.
    """
    if kind == "ask":
        return bool(payload)
    if kind == "select":
        assert isinstance(payload, tuple)
        return _rows(*payload)
    if kind == "graph":
        assert isinstance(payload, bytes)
        return parse_graph(payload)
    if kind == "syntax":
        raise query_error(str(payload), source)
    raise KGraphError(f"the query failed: {payload}", source=source)


def _rows(names: list[str], rows: list[tuple[tuple[str, ...] | None, ...]],
          truncated: bool) -> SelectResult:
    """A worker's SELECT answer (terms as tuples of strings) as rdflib rows."""
    memo: dict[object, Node | None] = {None: None}

    def term(t: tuple[str, ...] | None) -> Node | None:
        try:
            return memo[t]
        except KeyError:
            pass
        assert t is not None
        if t[0] == "u":
            node: Node = URIRef(t[1])
        elif t[0] == "b":
            node = BNode(t[1])
        elif t[2]:
            node = Literal(t[1], lang=t[2])
        elif t[3] == _XSD_STRING:
            node = Literal(t[1])
        else:
            node = Literal(t[1], datatype=URIRef(t[3]))
        memo[t] = node
        return node

    return SelectResult(names, [dict(zip(names, map(term, row), strict=True)) for row in rows],
                        truncated=truncated)


# Virtuoso writes a blank node of a result as "nodeID://b1000", not a blank node label
_VIRTUOSO_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')


def parse_json_results(raw: bytes, url: str, *, row_limit: int | None = None,
                       virtuoso: bool = False) -> SelectResult | bool:
    """SPARQL 1.1 JSON results (SELECT or ASK) as a QueryResult; ``virtuoso`` reads its
    ``nodeID://`` blank nodes as plain labels.

    Raises:
        ServiceUnavailable: the body is not SPARQL JSON results.
    """
    if virtuoso:
        raw = _VIRTUOSO_BNODE.sub(rb"\1", raw)
    try:
        res = convert(ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON), row_limit)
    except SyntaxError as exc:
        raise ServiceUnavailable(f"unreadable SPARQL results: {exc}", source=url) from None
    assert not isinstance(res, Graph)
    return res


def parse_triples(raw: bytes) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of an N-Triples body, as rdflib terms."""
    for t in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES):
        yield to_rdflib_triple(t)


def parse_graph(raw: bytes) -> Graph:
    """An N-Triples body (a CONSTRUCT or DESCRIBE answer) as an rdflib Graph."""
    g = Graph()
    for triple in parse_triples(raw):
        g.add(triple)
    return g
