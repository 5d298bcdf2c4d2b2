"""The HTTP shell: a read-only SPARQL 1.1 Protocol endpoint, dereferenceable IRIs and pages.

Build the ASGI application with :func:`create_app` and run it with uvicorn (``kgraph serve``
does both). Everything it answers comes from the store through
:meth:`kgraph.store.Store.query`, with a per-query timeout, so a runaway query is stopped by
the store layer and never blocks the other requests, which run on a thread pool.

Routes:

* ``/sparql``: SPARQL 1.1 Protocol, GET and POST (``application/x-www-form-urlencoded``
  with ``query=`` or ``update=``, ``application/sparql-query``, ``application/sparql-update``).
  SELECT/ASK as JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or
  RDF/XML, by ``Accept`` or a ``format`` parameter. Updates need ``allow_update`` and the
  bearer token; ``LOAD`` and ``SERVICE`` are always refused (the server never fetches
  remote data on a client's behalf).
* ``/id/{kind}/{key}``: the instance ``https://w3id.org/kgraph/id/{kind}/{key}``, answered
  directly (200, ``Vary: Accept``; no 303) as HTML, Turtle or JSON-LD.
* ``/`` (home), ``/queries`` and ``/queries/{name}`` (the named queries), ``/editor``
  (free SPARQL), ``/network`` (the network view).

Every HTML page comes from an autoescaped Jinja2 template, loads nothing from another host
and is served with a Content-Security-Policy that forbids it.
"""

from __future__ import annotations

import functools
import hmac
import re
import secrets
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import anyio
import anyio.to_thread
import networkx as nx
import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from . import viz
from ._sparql_results import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Format,
    NotAcceptable,
    negotiate,
    parse_accept,
    serialize_ask,
    serialize_graph,
    serialize_select,
)
from .config import __version__
from .errors import (
    ConfigError,
    KGraphError,
    ParameterError,
    QueryError,
    QueryTimeout,
    ServiceUnavailable,
)
from .namespaces import (
    DCTERMS,
    FOAF,
    KG,
    KGI,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    WD,
    XSD,
    bind_prefixes,
)
from .ontology import load_ontology
from .queries import NamedQuery, QueryLibrary
from .store import QueryResult, SelectResult, Store
from .store._sparql import FederationRefused, check_federation, query_form
from .store.base import QueryDataset
from .viz import provenance, views

__all__ = ["ServeOptions", "create_app", "generate_token", "MAX_BODY_BYTES", "DEFAULT_ROW_LIMIT"]

MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted (413 beyond); a SPARQL query is far smaller."""

DEFAULT_ROW_LIMIT = 10_000
"""Most rows a SELECT returns over HTTP; more are cut and ``X-KGraph-Truncated`` says so."""

_MAX_ENTITY_FACTS = 200
_VIEW_TITLES = {"timeline": "Timeline of events and releases", "market-map": "Map of markets by relation"}


@dataclass(frozen=True)
class ServeOptions:
    """How the server behaves; :func:`create_app` reads nothing else.

    ``token`` is the bearer token updates need; it is only consulted when
    ``allow_update`` is true. ``cors_origins`` lists the origins allowed to call the
    endpoint from a browser (``*`` for any); empty means no CORS headers.
    """

    timeout: float = 30.0
    row_limit: int = DEFAULT_ROW_LIMIT
    allow_update: bool = False
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    threads: int = 16

    def __post_init__(self) -> None:
        """Raises:
            ConfigError: a value out of range, or ``allow_update`` without a token.
        """
        if self.allow_update and not self.token:
            raise ConfigError("updates need a token: set KGRAPH_SERVE_TOKEN (or let kgraph serve generate one)")
        if not self.timeout > 0:
            raise ConfigError(f"the timeout must be a positive number of seconds, not {self.timeout}")
        if self.row_limit < 1:
            raise ConfigError(f"the row limit must be at least 1, not {self.row_limit}")
        if self.max_body_bytes < 1 or self.threads < 1:
            raise ConfigError("the body limit and the thread count must be positive")


def generate_token() -> str:
    """A fresh random bearer token (32 bytes, URL-safe)."""
    return secrets.token_urlsafe(32)


# --- refusing what a read-only endpoint must not run ----------------------------------

class _Refused(Exception):
    """A request the endpoint will not serve: HTTP ``status`` with one line of reason."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def _check_operation(text: str, *, update: bool) -> None:
    """Refuse SERVICE and LOAD always, and updates sent as queries.

    Raises:
        _Refused: 403 with the reason (400 when the text mentions SERVICE or LOAD but
            cannot be parsed to decide).
        QueryError: the text has no query form at all.
    """
    try:
        check_federation(text, allow_federation=False)
    except FederationRefused as exc:
        if not exc.checked:
            raise _Refused(400, f"{exc.message}; this endpoint never fetches remote data") from None
        where = f" (line {exc.line}, column {exc.column})" if exc.line is not None else ""
        raise _Refused(
            403,
            f"{exc.keyword} is refused{where}: this endpoint never fetches remote data or calls other endpoints",
        ) from None
    if not update and query_form(text) == "UPDATE":
        raise _Refused(
            403,
            "this is a SPARQL update sent as a query; the endpoint is read-only "
            "(updates go in the update= parameter and need --allow-update and a token)",
        )


# --- helpers on terms ---------------------------------------------------------------

_LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, FOAF.name, SDO.name, DCTERMS.title)
_NS_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _curie(iri: str) -> str:
    """``kg:TradeAssociation`` for a known namespace, else the IRI itself."""
    for prefix, ns in _NS_BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _local_path(iri: str) -> str | None:
    """The server path (``/id/...``) of an instance IRI, or None for other IRIs."""
    base = str(KGI)
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + quote(iri[len(base):], safe="/-_.~")
    return None


# Provenance nodes (the quote selectors, the extraction runs) are no entities a reader follows.
_NOT_RELATED = tuple(str(KGI) + k for k in ("annotation/", "run/"))


def _related(iri: str) -> bool:
    """An instance worth listing among an entity's related entities."""
    return _local_path(iri) is not None and not iri.startswith(_NOT_RELATED)


def _safe_href(iri: str) -> str | None:
    """A link target for an IRI: local for instances, the IRI for http(s), else none
    (so that a ``javascript:`` IRI in the data can never become a link)."""
    local = _local_path(iri)
    if local is not None:
        return local
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def _pick_label(candidates: Sequence[tuple[URIRef, Literal]]) -> str | None:
    best: tuple[int, int, str] | None = None
    for pred, lit in candidates:
        try:
            rank = _LABEL_PREDICATES.index(pred)
        except ValueError:
            continue
        lang_rank = 0 if lit.language in (None, "en") else 1
        key = (rank, lang_rank, str(lit))
        if best is None or key < best:
            best = key
    return best[2] if best else None


@functools.lru_cache(maxsize=1)
def _vocabulary_labels() -> dict[str, str]:
    """English labels of the ontology's classes and properties, read once: pages name a
    property "date published", not ``schema:datePublished``."""
    try:
        graph = load_ontology()
    except KGraphError:  # no ontology: the pages fall back to readable local names
        return {}
    out: dict[str, str] = {}
    for s, o in graph.subject_objects(RDFS.label):
        if isinstance(s, URIRef) and isinstance(o, Literal) and o.language in (None, "en"):
            out.setdefault(str(s), str(o))
    return out


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _term_label(iri: str) -> str:
    """A vocabulary term as a reader says it: the ontology's label, else its local name
    in words (``wasDerivedFrom`` -> "was derived from"), else the IRI."""
    known = _vocabulary_labels().get(iri)
    if known:
        return known
    curie = _curie(iri)
    if curie == iri:
        return iri
    return _CAMEL.sub(" ", curie.split(":", 1)[1]).replace("_", " ").lower()


def _term(iri: str) -> _Link:
    return _link(iri, _term_label(iri))


@dataclass
class _Link:
    iri: str
    label: str
    href: str | None
    curie: str


def _link(iri: str, label: str | None) -> _Link:
    return _Link(iri=iri, label=label or _curie(iri), href=_safe_href(iri), curie=_curie(iri))


def _value(term: Node | None, labels: Mapping[str, str]) -> dict[str, Any]:
    """A term as the templates show it: a link for IRIs, text for literals."""
    if term is None:
        return {"kind": "none", "text": ""}
    if isinstance(term, URIRef):
        return {"kind": "iri", "link": _link(str(term), labels.get(str(term)))}
    if isinstance(term, BNode):
        return {"kind": "bnode", "text": f"_:{term}"}
    lit = term if isinstance(term, Literal) else Literal(str(term))
    # "und" (undetermined) says nothing to a reader
    suffix = f"@{lit.language}" if lit.language and lit.language != "und" else ""
    dtype = _CELL_TYPES.get(str(lit.datatype)) if lit.datatype is not None else None
    return {"kind": "literal", "text": str(lit), "suffix": suffix, "dtype": dtype}


# Typed literals the result tables format for the reader's locale and sort by value.
_CELL_TYPES = {
    **{str(XSD[n]): "number" for n in ("decimal", "integer", "double", "float", "int", "long",
                                       "nonNegativeInteger", "positiveInteger", "short")},
    str(XSD.date): "date", str(XSD.dateTime): "date",
}


# --- the application ------------------------------------------------------------------

_CSP_PAGES = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'"
)
# The network page is the viz library's self-contained file (inline scripts without a
# nonce); it may run its own scripts but still reach no other host.
_CSP_NETWORK = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; connect-src 'none'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'"
)
_CSP_DATA = "default-src 'none'; frame-ancestors 'none'"


class _App:
    def __init__(self, store: Store, options: ServeOptions, library: QueryLibrary) -> None:
        self.store = store
        self.options = options
        self.library = library
        self.limiter = anyio.CapacityLimiter(options.threads)
        self._projection: nx.MultiDiGraph | None = None
        self._projection_lock = threading.Lock()
        self.env = Environment(
            loader=PackageLoader("kgraph", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(version=__version__)

    # --- running queries ------------------------------------------------------------

    async def run_query(self, text: str, *, bindings: Mapping[str, Node] | None = None,
                        row_limit: int | None = None,
                        graphs: QueryDataset | None = None) -> QueryResult:
        """Run a query on the thread pool with the configured timeout; a SELECT keeps at
        most ``row_limit`` rows (the store stops reading there).

        Raises:
            QueryError: malformed query.
            QueryTimeout: the store stopped the query at its timeout (or it did not
                answer within a short grace period after it).
        """
        timeout = self.options.timeout
        call = functools.partial(self.store.query, text, bindings=bindings, timeout=timeout,
                                 row_limit=row_limit, graphs=graphs)
        try:
            # The store stops the query at ``timeout``; the grace period only guards the
            # HTTP answer if a backend were late to do so.
            with anyio.fail_after(timeout + 5.0):
                return await anyio.to_thread.run_sync(call, limiter=self.limiter, abandon_on_cancel=True)
        except TimeoutError:
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped") from None

    async def run_update(self, text: str) -> None:
        await anyio.to_thread.run_sync(self.store.update, text, limiter=self.limiter)

    async def select(self, text: str, **bindings: Node) -> SelectResult:
        # Oxigraph wants pre-bound variables in the projection: internal queries list them.
        res = await self.run_query(text, bindings=bindings or None)
        assert isinstance(res, SelectResult)
        return res

    # --- rendering ---------------------------------------------------------------------

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        html = self.env.get_template(template).render(nonce=nonce, request_path=request.url.path, **context)
        return HTMLResponse(
            html,
            status_code=status,
            headers={
                "Content-Security-Policy": _CSP_PAGES.format(nonce=nonce),
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "Vary": "Accept",
            },
        )

    def error_page(self, request: Request, status: int, title: str, message: str) -> HTMLResponse:
        return self.page(request, "serve_error.html", status=status, title=title, message=message)

    # --- /sparql --------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        try:
            return await self._sparql(request)
        except _Refused as exc:
            return _text(exc.status, exc.message, exc.headers)
        except NotAcceptable as exc:
            return _text(406, str(exc))
        except QueryTimeout as exc:
            return _text(503, str(exc), {"Retry-After": "1"})
        except QueryError as exc:
            return _text(400, str(exc))
        except ServiceUnavailable as exc:
            return _text(502, str(exc))
        except KGraphError as exc:
            return _text(400, str(exc))

    async def _read_operation(self, request: Request) -> tuple[str | None, str | None, dict[str, str]]:
        params = {k: v for k, v in request.query_params.items()}
        query = params.get("query")
        update = None
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/x-www-form-urlencoded":
                form = await request.form()
                for key, value in form.multi_items():
                    if isinstance(value, str):
                        params.setdefault(key, value)
                q_value, u_value = form.get("query"), form.get("update")
                query = q_value if isinstance(q_value, str) else None
                update = u_value if isinstance(u_value, str) else None
            elif ctype == "application/sparql-query":
                query = (await request.body()).decode("utf-8", errors="replace")
            elif ctype == "application/sparql-update":
                update = (await request.body()).decode("utf-8", errors="replace")
            else:
                raise _Refused(
                    415,
                    f"unsupported Content-Type {ctype or '(none)'!r}: use application/x-www-form-urlencoded, "
                    "application/sparql-query or application/sparql-update",
                )
        elif "update" in params:
            raise _Refused(405, "updates must be sent with POST", {"Allow": "POST"})
        for key in ("using-graph-uri", "using-named-graph-uri"):
            if key in params:
                raise _Refused(400, f"the {key} parameter is not supported: this endpoint takes no "
                               "updates on a dataset; use WITH or USING in the update")
        if update is not None and ("default-graph-uri" in params or "named-graph-uri" in params):
            raise _Refused(400, "default-graph-uri and named-graph-uri go with queries, not updates")
        return query, update, params

    @staticmethod
    async def _dataset(request: Request) -> tuple[list[str], list[str]]:
        """The protocol's ``default-graph-uri`` and ``named-graph-uri`` values (each may
        repeat, in the URL or in a form body)."""
        pairs = list(request.query_params.multi_items())
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.method == "POST" and ctype == "application/x-www-form-urlencoded":
            pairs += [(k, v) for k, v in (await request.form()).multi_items() if isinstance(v, str)]
        return ([v for k, v in pairs if k == "default-graph-uri"],
                [v for k, v in pairs if k == "named-graph-uri"])

    async def _sparql(self, request: Request) -> Response:
        query, update, params = await self._read_operation(request)
        if update is not None:
            return await self._update(request, update)
        if query is None:
            if "text/html" in request.headers.get("accept", ""):
                return RedirectResponse("/editor", status_code=303)
            raise _Refused(400, "missing query: send query= (GET or POST) or a application/sparql-query body")
        # The check may parse a long text: keep it off the event loop.
        await anyio.to_thread.run_sync(functools.partial(_check_operation, query, update=False),
                                       limiter=self.limiter)
        default_graphs, named_graphs = await self._dataset(request)
        dataset = None
        if default_graphs or named_graphs:
            # the protocol's dataset replaces the union default graph (and any FROM of the query)
            dataset = QueryDataset.of(QueryDataset(tuple(map(URIRef, default_graphs)),
                                                   tuple(map(URIRef, named_graphs))))
        result = await self.run_query(query, row_limit=self.options.row_limit, graphs=dataset)
        fmt_param = params.get("format") or params.get("output") or params.get("results")
        accept = request.headers.get("accept")
        return self.result_response(result, accept=accept, format_param=fmt_param)

    def result_response(self, result: QueryResult, *, accept: str | None, format_param: str | None) -> Response:
        headers = {"Vary": "Accept", "Content-Security-Policy": _CSP_DATA, "X-Content-Type-Options": "nosniff"}
        if isinstance(result, Graph):
            fmt = negotiate(GRAPH_FORMATS, accept=accept, format_param=format_param)
            return Response(serialize_graph(fmt, result), media_type=_media(fmt), headers=headers)
        fmt = negotiate(RESULT_FORMATS, accept=accept, format_param=format_param)
        if isinstance(result, bool):
            return Response(serialize_ask(fmt, result), media_type=_media(fmt), headers=headers)
        rows = result.rows
        limit = self.options.row_limit
        if result.truncated or (limit and len(rows) > limit):
            rows = rows[:limit]
            headers["X-KGraph-Truncated"] = "true"
            headers["X-KGraph-Row-Limit"] = str(limit)
        return Response(serialize_select(fmt, result.vars, rows), media_type=_media(fmt), headers=headers)

    async def _update(self, request: Request, update: str) -> Response:
        if not self.options.allow_update:
            raise _Refused(403, "updates are disabled: this endpoint is read-only (start the server with --allow-update)")
        token = self.options.token
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if not token or scheme.lower() != "bearer" or not given:
            raise _Refused(401, "updates need a bearer token (Authorization: Bearer TOKEN)",
                           {"WWW-Authenticate": 'Bearer realm="kgraph"'})
        if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
            raise _Refused(401, "wrong bearer token", {"WWW-Authenticate": 'Bearer realm="kgraph", error="invalid_token"'})
        await anyio.to_thread.run_sync(functools.partial(_check_operation, update, update=True),
                                       limiter=self.limiter)
        await self.run_update(update)
        with self._projection_lock:
            self._projection = None
        return Response(status_code=204)

    # --- pages ----------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        try:
            graphs = await self.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
            )
            releases = await self.select(
                "PREFIX kg: <https://w3id.org/kgraph/ontology#> PREFIX dct: <http://purl.org/dc/terms/>\n"
                "SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) (SAMPLE(?f) AS ?file) "
                "WHERE { ?r a kg:PressRelease . OPTIONAL { ?r dct:title ?t } OPTIONAL { ?r dct:date ?d } "
                "OPTIONAL { ?r kg:sourceFile ?f } } GROUP BY ?r ORDER BY DESC(?date) ?r"
            )
            classes = await self.select(
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) (SAMPLE(?l) AS ?label) WHERE { ?s a ?c . "
                "FILTER(STRSTARTS(STR(?s), \"https://w3id.org/kgraph/id/\")) "
                "OPTIONAL { ?c skos:prefLabel|rdfs:label ?l } } GROUP BY ?c ORDER BY DESC(?n) ?c"
            )
        except QueryTimeout as exc:
            return self.error_page(request, 503, "Statistics timed out", str(exc))
        total = sum(int(r["n"]) for r in graphs.rows if r.get("n") is not None)  # type: ignore[call-overload]
        return self.page(
            request,
            "serve_home.html",
            title="kgraph",
            total=total,
            graphs=[{"link": _link(str(r["g"]), None), "n": r["n"]} for r in graphs.rows],
            releases=[
                {"link": _link(str(r["r"]), str(r["title"]) if r.get("title") else None),
                 "date": r.get("date") or "", "file": r.get("file") or ""}
                for r in releases.rows
            ],
            classes=[{"link": _link(str(r["c"]), str(r["label"]) if r.get("label") else None), "n": r["n"]}
                     for r in classes.rows],
            queries=self._query_list(),
            allow_update=self.options.allow_update,
        )

    async def editor(self, request: Request) -> Response:
        example = (
            "PREFIX kg: <https://w3id.org/kgraph/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "SELECT ?org ?label WHERE {\n  ?org a kg:TradeAssociation ; skos:prefLabel ?label .\n}\nORDER BY ?label"
        )
        text = request.query_params.get("query") or example
        return self.page(request, "serve_editor.html", title="SPARQL editor", query=text,
                         timeout=self.options.timeout, row_limit=self.options.row_limit,
                         prefixes=dict(PREFIXES), autorun="query" in request.query_params)

    # --- named queries ----------------------------------------------------------------------

    def _query_list(self) -> list[dict[str, str]]:
        return [{"name": q.name, "title": q.title or q.name} for q in self.library.list()]

    async def queries(self, request: Request) -> Response:
        return self.page(request, "serve_queries.html", title="Named queries",
                         queries=[_describe_named(q) for q in self.library.list()])

    async def named_query(self, request: Request) -> Response:
        name = request.path_params["name"]
        try:
            named = self.library.get(name)
        except KGraphError as exc:
            return self.error_page(request, 404, "Unknown query", str(exc))
        info = _describe_named(named)
        raw = {p["name"]: request.query_params[p["name"]]
               for p in info["parameters"] if request.query_params.get(p["name"], "") != ""}
        fmt_param = request.query_params.get("format")
        wants_html = fmt_param is None and _prefers_html(request.headers.get("accept"))
        submitted = "run" in request.query_params or not any(p["required"] for p in info["parameters"])
        error: str | None = None
        table: dict[str, Any] | None = None
        if submitted or not wants_html:
            try:
                bindings = named.bindings(raw)
                result = await self.run_query(named.text, bindings=bindings,
                                              row_limit=self.options.row_limit)
            except ParameterError as exc:
                if not wants_html:
                    return _text(400, str(exc))
                error = str(exc)
            except QueryTimeout as exc:
                if not wants_html:
                    return _text(503, str(exc))
                error = str(exc)
            except KGraphError as exc:
                if not wants_html:
                    return _text(400, str(exc))
                error = str(exc)
            else:
                if not wants_html:
                    try:
                        return self.result_response(result, accept=request.headers.get("accept"),
                                                    format_param=fmt_param)
                    except NotAcceptable as exc:
                        return _text(406, str(exc))
                table = await self._table(result)
        chart_svg = None
        if table is not None and name in views.QUERY_VIEWS:
            try:
                chart_svg = await self.view_svg(views.QUERY_VIEWS[name], raw)
            except KGraphError as exc:
                error = f"the chart could not be drawn: {exc}"
        csv_href = f"/queries/{quote(name)}?" + urlencode({**raw, "format": "csv"})
        return self.page(request, "serve_query.html", title=info["title"], q=info, values=raw,
                         table=table, error=error, csv_href=csv_href, chart_svg=chart_svg)

    async def view(self, request: Request) -> Response:
        """``/views/{name}``: one drawn view (timeline, market map, a chart) on its own page."""
        name = request.path_params["name"]
        if name not in views.VIEWS:
            return self.error_page(request, 404, "Unknown view", f"no view named {name!r}")
        params = {k: v for k, v in request.query_params.items() if v}
        try:
            svg = await self.view_svg(name, params)
        except QueryTimeout as exc:
            return self.error_page(request, 503, "Timed out", str(exc))
        except KGraphError as exc:
            return self.error_page(request, 400, "View", str(exc))
        return self.page(request, "serve_view.html", title=_VIEW_TITLES.get(name, name), chart_svg=svg,
                         name=name)

    async def view_svg(self, name: str, params: Mapping[str, str]) -> Markup:
        """A drawn view (:mod:`kgraph.viz.views`) as markup for a page; its links are local."""
        call = functools.partial(views.render, name, self.store, params, href=_safe_href,
                                 timeout=self.options.timeout)
        view = await anyio.to_thread.run_sync(call, limiter=self.limiter)
        # views.render escapes every string of the graph it draws
        return Markup(view.svg)

    async def _table(self, result: QueryResult) -> dict[str, Any]:
        if isinstance(result, bool):
            return {"vars": ["result"], "rows": [[{"kind": "literal", "text": str(result).lower()}]], "truncated": False}
        if isinstance(result, Graph):
            rows = [[_value(s, {}), _value(p, {}), _value(o, {})] for s, p, o in sorted(result)]
            return {"vars": ["subject", "predicate", "object"], "rows": rows[: self.options.row_limit],
                    "truncated": len(rows) > self.options.row_limit}
        rows_in = result.rows[: self.options.row_limit]
        truncated = result.truncated or len(result.rows) > self.options.row_limit
        return {"vars": result.vars,
                "rows": [[_value(r.get(v), {}) for v in result.vars] for r in rows_in],
                "truncated": truncated}

    # --- network --------------------------------------------------------------------------

    def network_graph(self) -> nx.MultiDiGraph:
        """The whole-graph projection, built once and kept until an update changes the store."""
        with self._projection_lock:
            if self._projection is None:
                self._projection = viz.project(self.store, timeout=self.options.timeout)
            return self._projection

    def _network_page(self, focus: str | None, depth: int) -> str:
        g = self.network_graph()
        title = "kgraph network"
        if focus is not None:
            if focus not in g:
                raise _Refused(404, f"{focus} is not an entity of the network")
            g = viz.ego_network(g, focus, depth=depth)
            title = f"Network around {g.nodes[focus].get('label', focus)}"
        return viz.render_html(g, title=title, focus=focus, entity_base="/id/")

    async def network(self, request: Request) -> Response:
        focus = request.query_params.get("focus") or None
        depth_raw = request.query_params.get("depth", "1")
        try:
            depth = max(0, min(3, int(depth_raw)))
        except ValueError:
            return self.error_page(request, 400, "Network view", f"depth must be a whole number, not {depth_raw!r}")
        try:
            html = await anyio.to_thread.run_sync(self._network_page, focus, depth, limiter=self.limiter)
        except _Refused as exc:
            return self.error_page(request, exc.status, "Network view", exc.message)
        except QueryTimeout as exc:
            return self.error_page(request, 503, "Network view", str(exc))
        except KGraphError as exc:
            return self.error_page(request, 400, "Network view", str(exc))
        return HTMLResponse(html, headers={"Content-Security-Policy": _CSP_NETWORK,
                                           "X-Content-Type-Options": "nosniff",
                                           "Referrer-Policy": "no-referrer"})

    async def _in_network(self, iri: str) -> bool:
        try:
            g = await anyio.to_thread.run_sync(self.network_graph, limiter=self.limiter)
        except KGraphError:
            return False
        return iri in g

    # --- dereferenceable IRIs -----------------------------------------------------------

    async def entity(self, request: Request) -> Response:
        rest = request.path_params["rest"]
        try:
            # The path arrives percent-decoded: "%20", "%3E" or "%00" become characters
            # that no IRI may hold.
            iri = URIRef(ox.NamedNode(str(KGI) + rest).value)
        except ValueError as exc:
            return _text(400, f"not a valid IRI: {str(KGI) + rest!r}: {exc}")
        fmt_param = request.query_params.get("format")
        accept = request.headers.get("accept")
        wants_html = fmt_param in (None, "html") and _prefers_html(accept)
        try:
            if not wants_html:
                graph = await self.run_query(
                    "CONSTRUCT { ?e ?p ?o . ?s ?q ?e } WHERE { { ?e ?p ?o } UNION { ?s ?q ?e } }",
                    bindings={"e": iri},
                )
                assert isinstance(graph, Graph)
                if len(graph) == 0:
                    return _text(404, f"no such entity: <{iri}>")
                bind_prefixes(graph)
                try:
                    fmt = negotiate(GRAPH_FORMATS, accept=accept, format_param=fmt_param)
                except NotAcceptable as exc:
                    return _text(406, str(exc))
                return Response(serialize_graph(fmt, graph), media_type=_media(fmt),
                                headers={"Vary": "Accept", "Content-Security-Policy": _CSP_DATA,
                                         "Content-Location": request.url.path + f"?format={fmt.name}"})
            view = await self._entity_view(iri)
        except QueryTimeout as exc:
            return self.error_page(request, 503, "Timed out", str(exc)) if wants_html else _text(503, str(exc))
        if view is None:
            return self.error_page(request, 404, "Not found", f"no such entity: {iri}")
        text_view = None
        if str(KG.PressRelease) in {c.iri for c in view["classes"]}:
            call = functools.partial(provenance.release_text, self.store, str(iri), _safe_href,
                                     timeout=self.options.timeout)
            try:
                text_view = await anyio.to_thread.run_sync(call, limiter=self.limiter)
            except KGraphError:
                text_view = None
            if text_view is not None:  # the text is shown highlighted, not as a property
                view["props"] = [(p, v) for p, v in view["props"] if p.iri != str(SDO.text)]
        network_src = None
        if await self._in_network(str(iri)):
            network_src = "/network?" + urlencode({"focus": str(iri), "depth": "1"})
        return self.page(request, "serve_entity.html", title=view["label"], e=view, network_src=network_src,
                         text_view=text_view)

    async def _entity_view(self, iri: URIRef) -> dict[str, Any] | None:
        label_paths = "skos:prefLabel|rdfs:label|foaf:name|schema:name|dct:title"
        prologue = (
            "PREFIX kg: <https://w3id.org/kgraph/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n"
            "PREFIX schema: <https://schema.org/>\nPREFIX dct: <http://purl.org/dc/terms/>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n"
        )
        out = await self.select(
            prologue + f"SELECT ?e ?p ?o ?ol WHERE {{ ?e ?p ?o OPTIONAL {{ ?o {label_paths} ?ol }} }}", e=iri
        )
        inc = await self.select(
            prologue + f"SELECT ?e ?s ?p ?sl WHERE {{ ?s ?p ?e OPTIONAL {{ ?s {label_paths} ?sl }} }}", e=iri
        )
        if not out.rows and not inc.rows:
            return None
        labels: dict[str, list[tuple[URIRef, Literal]]] = {}
        own: list[tuple[URIRef, Literal]] = []
        for r in out.rows:
            p, o = r["p"], r["o"]
            if isinstance(o, Literal) and isinstance(p, URIRef):
                own.append((p, o))
            if isinstance(o, URIRef) and isinstance(r.get("ol"), Literal):
                labels.setdefault(str(o), []).append((RDFS.label, r["ol"]))  # type: ignore[arg-type]
        for r in inc.rows:
            if isinstance(r.get("sl"), Literal):
                labels.setdefault(str(r["s"]), []).append((RDFS.label, r["sl"]))  # type: ignore[arg-type]
        names = {k: _pick_label(v) or _curie(k) for k, v in labels.items()}
        label = _pick_label(own) or _curie(str(iri))

        classes = sorted({str(r["o"]) for r in out.rows if r["p"] == RDF.type and isinstance(r["o"], URIRef)})
        wikidata = sorted({str(r["o"]) for r in out.rows
                           if r["p"] in (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch)
                           and isinstance(r["o"], URIRef) and str(r["o"]).startswith(str(WD))})
        props: dict[str, list[dict[str, Any]]] = {}
        for r in out.rows:
            if r["p"] == RDF.type:
                continue
            entry = _value(r["o"], names)
            values = props.setdefault(str(r["p"]), [])
            if entry not in values:
                values.append(entry)

        facts = await self._facts(iri, prologue, label_paths)
        fact_iris = {f["iri"] for f in facts}
        related: dict[str, _Link] = {}
        for r in out.rows:
            o = r["o"]
            if isinstance(o, URIRef) and r["p"] != RDF.type and _related(str(o)):
                related[str(o)] = _link(str(o), names.get(str(o)))
        for r in inc.rows:
            s = str(r["s"])
            if s not in fact_iris and _related(s):
                related[s] = _link(s, names.get(s))
        for f in facts:
            for _, values in f["props"]:
                for v in values:
                    if v["kind"] == "iri" and v["link"].href and v["link"].iri != str(iri) and _related(v["link"].iri):
                        related.setdefault(v["link"].iri, v["link"])
        return {
            "iri": str(iri),
            "label": label,
            "classes": [_term(c) for c in classes],
            "props": [(_term(p), vals) for p, vals in sorted(props.items(), key=lambda kv: _curie(kv[0]))],
            "facts": facts[:_MAX_ENTITY_FACTS],
            "facts_truncated": len(facts) > _MAX_ENTITY_FACTS,
            "related": sorted(related.values(), key=lambda link: link.label.lower()),
            "wikidata": [_link(w, _curie(w)) for w in wikidata],
            "incoming": len(inc.rows),
        }

    async def _facts(self, iri: URIRef, prologue: str, label_paths: str) -> list[dict[str, Any]]:
        """Facts about the entity (fact nodes pointing at it, or the entity if it is one),
        each with its properties, quotes and source release."""
        where_fact = "{ ?f ?x ?e . ?f a kg:Fact } UNION { ?e a kg:Fact . BIND(?e AS ?f) }"
        props = await self.select(
            prologue + f"SELECT DISTINCT ?e ?f ?p ?o ?ol WHERE {{ {where_fact} ?f ?p ?o "
            f"OPTIONAL {{ ?o {label_paths} ?ol }} }} ORDER BY ?f ?p",
            e=iri,
        )
        sources = await self.select(
            prologue + f"SELECT DISTINCT ?e ?f ?release ?title ?quote ?start ?end WHERE {{ {where_fact} "
            "OPTIONAL { ?f kg:statedIn ?release OPTIONAL { ?release dct:title ?title } } "
            "OPTIONAL { ?f prov:wasDerivedFrom ?ann . ?ann oa:hasSelector ?sel . ?sel oa:exact ?quote "
            "OPTIONAL { ?ann oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end } } } ORDER BY ?f",
            e=iri,
        )
        names: dict[str, str] = {}
        for r in props.rows:
            o, ol = r.get("o"), r.get("ol")
            if isinstance(o, URIRef) and isinstance(ol, Literal) and str(o) not in names:
                names[str(o)] = str(ol)
        facts: dict[str, dict[str, Any]] = {}
        skip = {KG.statedIn, PROV.wasDerivedFrom, PROV.wasGeneratedBy}
        for r in props.rows:
            f = str(r["f"])
            fact = facts.setdefault(f, {"iri": f, "link": _link(f, None), "types": [], "pmap": {},
                                        "quotes": [], "releases": []})
            p, o = r["p"], r["o"]
            if p == RDF.type:
                if o != KG.Fact and isinstance(o, URIRef):
                    link = _term(str(o))
                    if link not in fact["types"]:
                        fact["types"].append(link)
                continue
            if p in skip:
                continue
            entry = _value(o, names)
            values = fact["pmap"].setdefault(str(p), [])
            if entry not in values:
                values.append(entry)
        for r in sources.rows:
            found = facts.get(str(r["f"]))
            if found is None:
                continue
            fact = found
            if r.get("quote") is not None:
                q = {"text": str(r["quote"]), "start": r.get("start"), "end": r.get("end")}
                if q not in fact["quotes"]:
                    fact["quotes"].append(q)
            if r.get("release") is not None:
                rel = _link(str(r["release"]), str(r["title"]) if r.get("title") else None)
                if rel not in fact["releases"]:
                    fact["releases"].append(rel)
        out = []
        for fact in facts.values():
            fact["props"] = [(_term(p), v) for p, v in sorted(fact.pop("pmap").items(), key=lambda kv: _curie(kv[0]))]
            out.append(fact)
        return out


def _text(status: int, message: str, headers: Mapping[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status,
                             headers={"X-Content-Type-Options": "nosniff", **(headers or {})})


def _media(fmt: Format) -> str:
    return f"{fmt.media_type}; charset=utf-8" if fmt.media_type.startswith("text/") else fmt.media_type


def _prefers_html(accept: str | None) -> bool:
    """True when the client asks for HTML before any RDF or results type (browsers do)."""
    if not accept:
        return False
    best_html = best_other = -1.0
    for media, q in parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml"):
            best_html = max(best_html, q)
        elif media not in ("*/*", "application/xml", "text/*", "image/*") and not media.startswith("image/"):
            best_other = max(best_other, q)
    return best_html > 0 and best_html >= best_other


def _describe_named(q: NamedQuery) -> dict[str, Any]:
    params = [{
        "name": p.name,
        "type": p.type,
        "default": "" if p.required or p.default is None else str(p.default),
        "description": p.description,
        "required": p.required,
    } for p in q.params]
    return {"name": q.name, "title": q.title or q.name, "description": q.description,
            "parameters": params, "columns": list(q.columns)}


# --- construction ---------------------------------------------------------------------


def create_app(
    store: Store, *, options: ServeOptions | None = None, library: QueryLibrary | None = None
) -> Starlette:
    """The ASGI application serving ``store``.

    ``library`` is the named-query library; by default :class:`kgraph.queries.QueryLibrary`
    on the project's ``queries/``.

    """
    opts = options or ServeOptions()
    app = _App(store, opts, library if library is not None else QueryLibrary())

    routes = [
        Route("/", app.home, methods=["GET"]),
        Route("/sparql", app.sparql, methods=["GET", "POST"]),
        Route("/editor", app.editor, methods=["GET"]),
        Route("/queries", app.queries, methods=["GET"]),
        Route("/queries/{name}", app.named_query, methods=["GET"]),
        Route("/network", app.network, methods=["GET"]),
        Route("/views/{name}", app.view, methods=["GET"]),
        Route("/id/{rest:path}", app.entity, methods=["GET"]),
    ]
    middleware = []
    if opts.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware,
            allow_origins=list(opts.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
            expose_headers=["X-KGraph-Truncated", "X-KGraph-Row-Limit"],
        ))
    return Starlette(routes=routes, middleware=middleware, max_body_size=opts.max_body_bytes)
