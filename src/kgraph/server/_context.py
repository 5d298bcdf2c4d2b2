"""What every handler shares: the store behind the :class:`~kgraph.api.KG` facade, the
options, running queries on the thread pool with the timeout, rendering pages, answering
errors through the one status table, answering results by content negotiation, and the
cached network projection."""

from __future__ import annotations

import functools
import secrets
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import anyio
import anyio.to_thread
import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import Graph
from rdflib.term import Node
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .. import viz
from .._sparql_results import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    negotiate,
    serialize_ask,
    serialize_graph,
    serialize_select,
)
from ..config import __version__
from ..errors import KGraphError, QueryTimeout
from ..store import QueryDataset, QueryResult, SelectResult
from ._errors import answer_of, text
from ._options import ServeOptions
from ._terms import media

if TYPE_CHECKING:
    from ..api import KG

__all__ = ["ServerContext", "CSP_PAGES", "CSP_NETWORK", "CSP_DATA"]

CSP_PAGES = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'unsafe-inline'; img-src data:; "
    "connect-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'"
)
# The network page is the viz library's self-contained file (inline scripts without a
# nonce); it may run its own scripts but still reach no other host.
CSP_NETWORK = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; connect-src 'none'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'"
)
CSP_DATA = "default-src 'none'; frame-ancestors 'none'"


class ServerContext:
    """The state and the shared steps of one application."""

    def __init__(self, kg: KG, options: ServeOptions) -> None:
        self.kg = kg
        self.store = kg.store
        self.options = options
        self.library = kg.library
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
        with self._projection_lock:
            self._projection = None  # the store changed: draw the network again

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
                "Content-Security-Policy": CSP_PAGES.format(nonce=nonce),
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer",
                "Vary": "Accept",
            },
        )

    def error_page(self, request: Request, status: int, title: str, message: str) -> HTMLResponse:
        return self.page(request, "serve_error.html", status=status, title=title, message=message)

    def error(self, request: Request, exc: Exception, *, html: bool, title: str = "Error") -> Response:
        """The answer to an error of :data:`~kgraph.server._errors.handled`: its status from
        the one table, as a page (``html``) or one line of text."""
        status, message, headers = answer_of(exc)
        if html:
            return self.error_page(request, status, title, message)
        return text(status, message, headers)

    # --- answers -----------------------------------------------------------------------

    def result_response(self, result: QueryResult, *, accept: str | None, format_param: str | None) -> Response:
        headers = {"Vary": "Accept", "Content-Security-Policy": CSP_DATA, "X-Content-Type-Options": "nosniff"}
        if isinstance(result, Graph):
            fmt = negotiate(GRAPH_FORMATS, accept=accept, format_param=format_param)
            return Response(serialize_graph(fmt, result), media_type=media(fmt), headers=headers)
        fmt = negotiate(RESULT_FORMATS, accept=accept, format_param=format_param)
        if isinstance(result, bool):
            return Response(serialize_ask(fmt, result), media_type=media(fmt), headers=headers)
        rows = result.rows
        limit = self.options.row_limit
        if result.truncated or (limit and len(rows) > limit):
            rows = rows[:limit]
            headers["X-KGraph-Truncated"] = "true"
            headers["X-KGraph-Row-Limit"] = str(limit)
        return Response(serialize_select(fmt, result.vars, rows), media_type=media(fmt), headers=headers)


    # --- the network projection, shared by the network page and the entity pages -------

    def network_graph(self) -> nx.MultiDiGraph:
        """The whole-graph projection, built once and kept until an update changes the store."""
        with self._projection_lock:
            if self._projection is None:
                self._projection = viz.project(self.store, timeout=self.options.timeout)
            return self._projection

    async def in_network(self, iri: str) -> bool:
        try:
            g = await anyio.to_thread.run_sync(self.network_graph, limiter=self.limiter)
        except KGraphError:
            return False
        return iri in g

