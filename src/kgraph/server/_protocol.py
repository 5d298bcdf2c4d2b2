"""The SPARQL 1.1 Protocol endpoint, ``/sparql``: queries by GET and POST (form or direct
body), the protocol's dataset, results by content negotiation, and updates for a holder
of the token when the server allows them."""

from __future__ import annotations

import functools

import anyio
import anyio.to_thread
from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..store import QueryDataset
from ._auth import check_operation, check_update_allowed
from ._context import ServerContext
from ._errors import Refused, handled

__all__ = ["Protocol"]


class Protocol:
    """``/sparql``."""

    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx

    async def sparql(self, request: Request) -> Response:
        try:
            return await self._sparql(request)
        except handled as exc:
            return self.ctx.error(request, exc, html=False)

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
                raise Refused(
                    415,
                    f"unsupported Content-Type {ctype or '(none)'!r}: use application/x-www-form-urlencoded, "
                    "application/sparql-query or application/sparql-update",
                )
        elif "update" in params:
            raise Refused(405, "updates must be sent with POST", {"Allow": "POST"})
        for key in ("using-graph-uri", "using-named-graph-uri"):
            if key in params:
                raise Refused(400, f"the {key} parameter is not supported: this endpoint takes no "
                               "updates on a dataset; use WITH or USING in the update")
        if update is not None and ("default-graph-uri" in params or "named-graph-uri" in params):
            raise Refused(400, "default-graph-uri and named-graph-uri go with queries, not updates")
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
            raise Refused(400, "missing query: send query= (GET or POST) or a application/sparql-query body")
        # The check may parse a long text: keep it off the event loop.
        await anyio.to_thread.run_sync(functools.partial(check_operation, query, update=False),
                                       limiter=self.ctx.limiter)
        default_graphs, named_graphs = await self._dataset(request)
        dataset = None
        if default_graphs or named_graphs:
            # the protocol's dataset replaces the union default graph (and any FROM of the query)
            dataset = QueryDataset.of(QueryDataset(tuple(map(URIRef, default_graphs)),
                                                   tuple(map(URIRef, named_graphs))))
        result = await self.ctx.run_query(query, row_limit=self.ctx.options.row_limit, graphs=dataset)
        fmt_param = params.get("format") or params.get("output") or params.get("results")
        accept = request.headers.get("accept")
        return self.ctx.result_response(result, accept=accept, format_param=fmt_param)

    async def _update(self, request: Request, update: str) -> Response:
        check_update_allowed(self.ctx.options, request)
        await anyio.to_thread.run_sync(functools.partial(check_operation, update, update=True),
                                       limiter=self.ctx.limiter)
        await self.ctx.run_update(update)
        return Response(status_code=204)
