"""Rendering query results for the terminal and for pipes (shell-only helpers)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from .._sparql_results import json_term
from ..errors import InputError
from ..namespaces import PREFIXES, bind_prefixes
from ..store import SelectResult

__all__ = ["SELECT_FORMATS", "render_select", "render_ask", "render_graph", "show", "compact", "is_tty"]

SELECT_FORMATS = ("table", "csv", "tsv", "json", "md")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def is_tty() -> bool:
    return sys.stdout.isatty()


def compact(term: Node | None) -> str:
    """A short display form: CURIE for known namespaces, lexical form for literals."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in _BY_LENGTH:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _plain(term: Node | None) -> str:
    return "" if term is None else str(term)


def _aligned(header: Sequence[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def render_select(res: SelectResult, fmt: str, *, title: str | None = None) -> str | object:
    """Text for a SELECT result; a rich Table for ``table`` on a terminal.

    Raises:
        InputError: a format SELECT results cannot take (e.g. ttl).
    """
    if fmt == "table":
        cells = [[compact(r.get(v)) for v in res.vars] for r in res.rows]
        if is_tty():
            from rich.table import Table

            table = Table(*res.vars, title=title, caption=f"{len(res.rows)} rows")
            for row in cells:
                table.add_row(*row)
            return table
        return _aligned(res.vars, cells)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        if fmt == "csv":
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(res.vars)
            for r in res.rows:
                w.writerow([_plain(r.get(v)) for v in res.vars])
        else:
            buf.write("\t".join(res.vars) + "\n")
            for r in res.rows:
                fields = [_plain(r.get(v)).replace("\t", " ").replace("\n", " ") for v in res.vars]
                buf.write("\t".join(fields) + "\n")
        return buf.getvalue()
    if fmt == "json":
        doc = {"head": {"vars": res.vars}, "results": {"bindings": [
            {v: json_term(t) for v, t in r.items() if t is not None} for r in res.rows]}}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        def esc(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(res.vars) + " |", "|" + "---|" * len(res.vars)]
        lines += ["| " + " | ".join(esc(compact(r.get(v))) for v in res.vars) + " |" for r in res.rows]
        return "\n".join(lines) + "\n"
    raise InputError(f"format {fmt!r} does not fit SELECT results (use {', '.join(SELECT_FORMATS)})")


def render_ask(answer: bool, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}) + "\n"
    if fmt == "ttl":
        raise InputError("format 'ttl' does not fit an ASK result")
    return ("true" if answer else "false") + "\n"


def render_graph(graph: Graph, fmt: str) -> str:
    """Turtle for CONSTRUCT/DESCRIBE results (``ttl``, or ``table`` by default).

    Raises:
        InputError: a tabular format asked for triples.
    """
    if fmt in ("ttl", "table"):
        return str(bind_prefixes(graph).serialize(format="turtle"))
    if fmt == "nt":
        return str(graph.serialize(format="nt"))
    raise InputError(f"format {fmt!r} does not fit a graph result (use ttl)")


def show(value: str | object) -> None:
    """Print text as is, or a rich renderable on the terminal."""
    if isinstance(value, str):
        sys.stdout.write(value)
        sys.stdout.flush()
        return
    from rich.console import Console

    Console().print(value)
