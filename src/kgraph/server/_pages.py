"""The pages: home, the SPARQL editor, the named queries (a form, a table, a chart, or the
results in any format), the drawn views and the network view."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

import anyio
import anyio.to_thread
from markupsafe import Markup
from rdflib import Graph
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .. import viz
from ..errors import KGraphError, QueryTimeout
from ..namespaces import PREFIXES, sparql_prologue
from ..queries import NamedQuery
from ..store import QueryResult
from ..viz import views
from ._context import CSP_NETWORK, ServerContext
from ._errors import Refused, handled
from ._terms import link_to, prefers_html, safe_href, term_value


def _prologue(*names: str) -> str:
    """PREFIX lines for ``names``, spelled by kgraph.namespaces (the one place that does)."""
    return sparql_prologue({n: PREFIXES[n] for n in names})

__all__ = ["Pages", "describe_named"]

VIEW_TITLES = {"timeline": "Timeline of events and releases", "market-map": "Map of markets by relation"}


class Pages:
    """``/``, ``/editor``, ``/queries``, ``/queries/{name}``, ``/views/{name}``, ``/network``."""

    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx

    async def home(self, request: Request) -> Response:
        try:
            graphs = await self.ctx.select(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
            )
            releases = await self.ctx.select(
                _prologue("kg", "dct") +
                "SELECT ?r (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) (SAMPLE(?f) AS ?file) "
                "WHERE { ?r a kg:PressRelease . OPTIONAL { ?r dct:title ?t } OPTIONAL { ?r dct:date ?d } "
                "OPTIONAL { ?r kg:sourceFile ?f } } GROUP BY ?r ORDER BY DESC(?date) ?r"
            )
            classes = await self.ctx.select(
                _prologue("skos", "rdfs") +
                "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) (SAMPLE(?l) AS ?label) WHERE { ?s a ?c . "
                "FILTER(STRSTARTS(STR(?s), \"https://w3id.org/kgraph/id/\")) "
                "OPTIONAL { ?c skos:prefLabel|rdfs:label ?l } } GROUP BY ?c ORDER BY DESC(?n) ?c"
            )
        except handled as exc:
            title = "Statistics timed out" if isinstance(exc, QueryTimeout) else "Statistics"
            return self.ctx.error(request, exc, html=True, title=title)
        total = sum(int(r["n"]) for r in graphs.rows if r.get("n") is not None)  # type: ignore[call-overload]
        return self.ctx.page(
            request,
            "serve_home.html",
            title="kgraph",
            total=total,
            graphs=[{"link": link_to(str(r["g"]), None), "n": r["n"]} for r in graphs.rows],
            releases=[
                {"link": link_to(str(r["r"]), str(r["title"]) if r.get("title") else None),
                 "date": r.get("date") or "", "file": r.get("file") or ""}
                for r in releases.rows
            ],
            classes=[{"link": link_to(str(r["c"]), str(r["label"]) if r.get("label") else None), "n": r["n"]}
                     for r in classes.rows],
            queries=self._query_list(),
            allow_update=self.ctx.options.allow_update,
        )

    async def editor(self, request: Request) -> Response:
        example = (
            _prologue("kg", "skos") +
            "SELECT ?org ?label WHERE {\n  ?org a kg:TradeAssociation ; skos:prefLabel ?label .\n}\nORDER BY ?label"
        )
        query = request.query_params.get("query") or example
        return self.ctx.page(request, "serve_editor.html", title="SPARQL editor", query=query,
                             timeout=self.ctx.options.timeout, row_limit=self.ctx.options.row_limit,
                         prefixes=dict(PREFIXES), autorun="query" in request.query_params)

    # --- named queries ----------------------------------------------------------------------

    def _query_list(self) -> list[dict[str, str]]:
        return [{"name": q.name, "title": q.title or q.name} for q in self.ctx.library.list()]

    async def queries(self, request: Request) -> Response:
        return self.ctx.page(request, "serve_queries.html", title="Named queries",
                             queries=[describe_named(q) for q in self.ctx.library.list()])

    async def named_query(self, request: Request) -> Response:
        name = request.path_params["name"]
        try:
            named = self.ctx.library.get(name)
        except KGraphError as exc:
            return self.ctx.error(request, Refused(404, str(exc)), html=True, title="Unknown query")
        info = describe_named(named)
        raw = {p["name"]: request.query_params[p["name"]]
               for p in info["parameters"] if request.query_params.get(p["name"], "") != ""}
        fmt_param = request.query_params.get("format")
        wants_html = fmt_param is None and prefers_html(request.headers.get("accept"))
        submitted = "run" in request.query_params or not any(p["required"] for p in info["parameters"])
        error: str | None = None
        table: dict[str, Any] | None = None
        if submitted or not wants_html:
            try:
                bindings = named.bindings(raw)
                result = await self.ctx.run_query(named.text, bindings=bindings,
                                                  row_limit=self.ctx.options.row_limit)
            except handled as exc:
                if not wants_html:
                    return self.ctx.error(request, exc, html=False)
                error = str(exc)  # shown above the form, which stays usable
            else:
                if not wants_html:
                    try:
                        return self.ctx.result_response(result, accept=request.headers.get("accept"),
                                                        format_param=fmt_param)
                    except handled as exc:
                        return self.ctx.error(request, exc, html=False)
                table = await self._table(result)
        chart_svg = None
        if table is not None and name in views.QUERY_VIEWS:
            try:
                chart_svg = await self.view_svg(views.QUERY_VIEWS[name], raw)
            except KGraphError as exc:
                error = f"the chart could not be drawn: {exc}"
        csv_href = f"/queries/{quote(name)}?" + urlencode({**raw, "format": "csv"})
        return self.ctx.page(request, "serve_query.html", title=info["title"], q=info, values=raw,
                             table=table, error=error, csv_href=csv_href, chart_svg=chart_svg)

    async def view(self, request: Request) -> Response:
        """``/views/{name}``: one drawn view (timeline, market map, a chart) on its own page."""
        name = request.path_params["name"]
        if name not in views.VIEWS:
            return self.ctx.error(request, Refused(404, f"no view named {name!r}"), html=True,
                                  title="Unknown view")
        params = {k: v for k, v in request.query_params.items() if v}
        try:
            svg = await self.view_svg(name, params)
        except handled as exc:
            return self.ctx.error(request, exc, html=True,
                                  title="Timed out" if isinstance(exc, QueryTimeout) else "View")
        return self.ctx.page(request, "serve_view.html", title=VIEW_TITLES.get(name, name), chart_svg=svg,
                             name=name)

    async def view_svg(self, name: str, params: Mapping[str, str]) -> Markup:
        """A drawn view (:mod:`kgraph.viz.views`) as markup for a page; its links are local."""
        call = functools.partial(views.render, name, self.ctx.store, params, href=safe_href,
                                 timeout=self.ctx.options.timeout)
        view = await anyio.to_thread.run_sync(call, limiter=self.ctx.limiter)
        # views.render escapes every string of the graph it draws
        return Markup(view.svg)

    async def _table(self, result: QueryResult) -> dict[str, Any]:
        if isinstance(result, bool):
            return {"vars": ["result"], "rows": [[{"kind": "literal", "text": str(result).lower()}]], "truncated": False}
        if isinstance(result, Graph):
            rows = [[term_value(s, {}), term_value(p, {}), term_value(o, {})] for s, p, o in sorted(result)]
            return {"vars": ["subject", "predicate", "object"], "rows": rows[: self.ctx.options.row_limit],
                    "truncated": len(rows) > self.ctx.options.row_limit}
        rows_in = result.rows[: self.ctx.options.row_limit]
        truncated = result.truncated or len(result.rows) > self.ctx.options.row_limit
        return {"vars": result.vars,
                "rows": [[term_value(r.get(v), {}) for v in result.vars] for r in rows_in],
                "truncated": truncated}

    # --- network --------------------------------------------------------------------------

    def _network_page(self, focus: str | None, depth: int) -> str:
        g = self.ctx.network_graph()
        title = "kgraph network"
        if focus is not None:
            if focus not in g:
                raise Refused(404, f"{focus} is not an entity of the network")
            g = viz.ego_network(g, focus, depth=depth)
            title = f"Network around {g.nodes[focus].get('label', focus)}"
        return viz.render_html(g, title=title, focus=focus, entity_base="/id/")

    async def network(self, request: Request) -> Response:
        focus = request.query_params.get("focus") or None
        depth_raw = request.query_params.get("depth", "1")
        try:
            depth = max(0, min(3, int(depth_raw)))
        except ValueError:
            return self.ctx.error(request, Refused(400, f"depth must be a whole number, not {depth_raw!r}"),
                                  html=True, title="Network view")
        try:
            html = await anyio.to_thread.run_sync(self._network_page, focus, depth, limiter=self.ctx.limiter)
        except handled as exc:
            return self.ctx.error(request, exc, html=True, title="Network view")
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP_NETWORK,
                                           "X-Content-Type-Options": "nosniff",
                                           "Referrer-Policy": "no-referrer"})


def describe_named(q: NamedQuery) -> dict[str, Any]:
    params = [{
        "name": p.name,
        "type": p.type,
        "default": "" if p.required or p.default is None else str(p.default),
        "description": p.description,
        "required": p.required,
    } for p in q.params]
    return {"name": q.name, "title": q.title or q.name, "description": q.description,
            "parameters": params, "columns": list(q.columns)}
