"""The named-query library: ``queries/*.rq``, each with a header of comment lines.

Header (the comment block at the top of the file)::

    # title: People and their roles
    # description: Who holds which role in which organisation, ...
    #   (indented continuation lines extend the field above)
    # param organisation: string = "" | part of an organisation's label; empty for all
    # param entity: iri | the entity's IRI or CURIE (no default: required)
    # columns: person, name, role, org, orgName, source

Parameter types: ``string``, ``iri`` (IRI or CURIE with a prefix of
:data:`kgraph.namespaces.PREFIXES`), ``integer``, ``decimal``, ``date``, ``boolean``. A
parameter named ``p`` binds the variable ``?p`` as an RDF term (see
:func:`kgraph.store._sparql.bind_values`); its value never becomes query text.
``columns`` lists a SELECT's projection, or ``boolean`` (ASK) or ``triples``
(CONSTRUCT/DESCRIBE).
"""

from __future__ import annotations

import builtins
import datetime as dt
import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from . import _project
from .errors import ParameterError, QueryError
from .namespaces import PREFIXES, XSD
from .store import Store
from .store._sparql import VARNAME, query_form
from .store.base import QueryResult

__all__ = [
    "Parameter", "NamedQuery", "QueryLibrary", "PARAM_TYPES", "default_query_dir", "default_query_dirs",
    "to_term", "expand_iri",
]

PARAM_TYPES = ("string", "iri", "integer", "decimal", "date", "boolean")
_FIELD = re.compile(r"^#\s?(?:(title|description|columns)\s*:|(param)\s)\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*:\s*(\w+)\s*(?:=\s*(.*?))?\s*\|\s*(.+)$")
_REQUIRED = object()


def default_query_dir() -> Path:
    """The shipped named queries (``queries/`` of the repository, packaged in the wheel),
    else the project's ``queries/``."""
    return _project.shipped_dir("queries") or _project.project_root() / "queries"


def default_query_dirs() -> builtins.list[Path]:
    """The folders of the default library, first wins: the project's ``queries/``, then the
    shipped one (a project file overrides the shipped query of its name)."""
    return _project.folders("queries")


def expand_iri(value: str, *, name: str = "iri") -> URIRef:
    """An IRI from ``<iri>``, an absolute IRI, or a CURIE with a known prefix.

    Raises:
        ParameterError: not a valid IRI and no known prefix.
    """
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    try:
        ox.NamedNode(text)
    except ValueError as exc:
        raise ParameterError(
            f"parameter {name!r}: {value!r} is not an IRI or a CURIE with a known prefix ({exc})"
        ) from None
    return URIRef(text)


def to_term(name: str, type_: str, value: Any) -> Node:
    """``value`` (a Python value, or text from the command line) as an RDF term of ``type_``.

    Raises:
        ParameterError: the value does not fit the type.
    """
    def bad(expected: str) -> ParameterError:
        return ParameterError(f"parameter {name!r} expects {expected}, got {value!r}")

    if type_ == "string":
        if isinstance(value, Literal):
            return value
        if not isinstance(value, str):
            raise bad("a string")
        return Literal(value)
    if type_ == "iri":
        if isinstance(value, URIRef):
            return expand_iri(str(value), name=name)
        if not isinstance(value, str):
            raise bad("an IRI or CURIE")
        return expand_iri(value, name=name)
    if type_ == "integer":
        if isinstance(value, bool):
            raise bad("an integer")
        try:
            return Literal(int(value) if isinstance(value, int) else int(str(value).strip()),
                           datatype=XSD.integer)
        except ValueError:
            raise bad("an integer") from None
    if type_ == "decimal":
        if isinstance(value, bool):
            raise bad("a decimal number")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise bad("a decimal number") from None
        if not number.is_finite():
            raise bad("a finite decimal number")
        return Literal(number, datatype=XSD.decimal)
    if type_ == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return Literal(value, datatype=XSD.date)
        try:
            return Literal(dt.date.fromisoformat(str(value).strip()), datatype=XSD.date)
        except ValueError:
            raise bad("a date (YYYY-MM-DD)") from None
    if type_ == "boolean":
        if isinstance(value, bool):
            return Literal(value)
        text = str(value).strip().lower()
        if text in ("true", "1", "yes"):
            return Literal(True)
        if text in ("false", "0", "no"):
            return Literal(False)
        raise bad("true or false")
    raise ParameterError(f"parameter {name!r} has unknown type {type_!r}")


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a named query."""

    name: str
    type: str
    description: str
    default: Any = _REQUIRED

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


@dataclass
class NamedQuery:
    """A ``.rq`` file with its parsed header."""

    name: str
    path: Path
    text: str
    title: str = ""
    description: str = ""
    params: list[Parameter] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    form: str = "SELECT"

    @classmethod
    def from_file(cls, path: str | Path, *, require_header: bool = True) -> NamedQuery:
        """Read a query file and its header.

        Raises:
            QueryError: unreadable file, or an incomplete/malformed header (when required).
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read the query: {exc}", source=path) from None
        fields: dict[str, str] = {}
        params: list[tuple[str, int]] = []
        last: str | None = None
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.startswith("#"):
                break
            m = _FIELD.match(line)
            if m:
                key, value = m.group(1) or m.group(2), m.group(3).strip()
                if key == "param":
                    params.append((value, lineno))
                    last = f"param{len(params) - 1}"
                else:
                    fields[key] = value
                    last = key
            elif line.startswith("#  ") and last is not None:  # continuation line
                extra = line[1:].strip()
                if last.startswith("param"):
                    i = int(last[5:])
                    params[i] = (params[i][0] + " " + extra, params[i][1])
                else:
                    fields[last] += " " + extra
        form = query_form(text)
        q = cls(name=path.stem, path=path, text=text, title=fields.get("title", ""),
                description=fields.get("description", ""), form=form,
                columns=[c.strip() for c in fields.get("columns", "").split(",") if c.strip()])
        for raw, lineno in params:
            q.params.append(_parse_param(raw, path, lineno))
        if require_header:
            missing = [k for k in ("title", "description", "columns") if not fields.get(k)]
            if missing:
                raise QueryError(f"the header lacks {', '.join(missing)}", source=path)
        return q

    def param(self, name: str) -> Parameter | None:
        return next((p for p in self.params if p.name == name), None)

    def bindings(self, values: Mapping[str, Any] | None = None) -> dict[str, Node]:
        """Typed RDF terms for every parameter: given values, else defaults.

        Raises:
            ParameterError: an unknown, missing or mistyped parameter.
        """
        values = dict(values or {})
        names = [p.name for p in self.params]
        for key in values:
            if key not in names:
                close = difflib.get_close_matches(key, names, n=3, cutoff=0.5)
                declared = ", ".join(names) if names else "none"
                raise ParameterError(
                    f"unknown parameter {key!r} (declared: {declared})",
                    source=self.name, suggestions=close)
        out: dict[str, Node] = {}
        for p in self.params:
            if p.name in values:
                out[p.name] = to_term(p.name, p.type, values[p.name])
            elif p.required:
                raise ParameterError(
                    f"missing parameter {p.name!r} ({p.type}: {p.description})", source=self.name)
            else:
                out[p.name] = to_term(p.name, p.type, p.default)
        return out


def _parse_param(raw: str, path: Path, lineno: int) -> Parameter:
    m = _PARAM.match(raw)
    if not m:
        raise QueryError("malformed parameter line (expected `param NAME: TYPE [= DEFAULT] | text`)",
                         source=path, line=lineno)
    name, type_, default, desc = m.groups()
    if type_ not in PARAM_TYPES:
        raise QueryError(f"parameter {name!r} has unknown type {type_!r} (use {', '.join(PARAM_TYPES)})",
                         source=path, line=lineno)
    if not VARNAME.match(name):
        raise QueryError(f"parameter name {name!r} is not a SPARQL variable name", source=path, line=lineno)
    value: Any = _REQUIRED
    if default is not None and default != "":
        if default.startswith('"'):
            try:
                value = json.loads(default)
            except json.JSONDecodeError:
                raise QueryError(f"parameter {name!r}: bad default {default}", source=path,
                                 line=lineno) from None
        else:
            value = default
        to_term(name, type_, value)  # a default must fit its own type
    return Parameter(name, type_, desc.strip(), value)


class QueryLibrary:
    """The named queries of a directory (default: the project's ``queries/`` over the
    shipped ones).

    Raises:
        QueryError: a query file has a malformed header (on first use).
    """

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directories = ([Path(directory)] if directory is not None
                            else default_query_dirs())
        self.directory = self.directories[0] if self.directories else default_query_dir()
        self._queries: dict[str, NamedQuery] | None = None

    def _load(self) -> dict[str, NamedQuery]:
        if self._queries is None:
            found: dict[str, Path] = {}
            for folder in reversed(self.directories):  # the first folder wins
                if folder.is_dir():
                    found.update((f.stem, f) for f in folder.glob("*.rq"))
            self._queries = {name: NamedQuery.from_file(found[name]) for name in sorted(found)}
        return self._queries

    def list(self) -> builtins.list[NamedQuery]:
        """Every named query, sorted by name."""
        return [*self._load().values()]

    def names(self) -> builtins.list[str]:
        return [*self._load()]

    def __contains__(self, name: object) -> bool:
        return name in self._load()

    def get(self, name: str) -> NamedQuery:
        """The query called ``name``.

        Raises:
            QueryError: no such query (with the nearest names as suggestions).
        """
        queries = self._load()
        if name in queries:
            return queries[name]
        close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.4)
        raise QueryError(
            "unknown query (`kgraph queries` lists them)", source=name, suggestions=close)

    def run(self, name: str, params: Mapping[str, Any] | None = None, *, store: Store,
            timeout: float | None = None, allow_federation: bool = False) -> QueryResult:
        """Run a named query on ``store`` with typed parameters.

        Raises:
            QueryError: unknown query, malformed query, SERVICE/LOAD refused.
            ParameterError: a missing, unknown or mistyped parameter.
            QueryTimeout: the query ran longer than ``timeout`` seconds.
            ServiceUnavailable: a remote store could not be reached.
        """
        q = self.get(name)
        return store.query(q.text, bindings=q.bindings(params), timeout=timeout,
                           allow_federation=allow_federation, source=str(q.path))
