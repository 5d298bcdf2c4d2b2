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

The package, one module per concern: :mod:`._options` (how it behaves), :mod:`._errors`
(the one exception -> HTTP status table), :mod:`._auth` (the token, what is always
refused), :mod:`._context` (what handlers share: queries on the thread pool, pages,
results by content negotiation), :mod:`._protocol` (``/sparql``), :mod:`._pages`
(home, editor, named queries, views, network) and :mod:`._entity` (``/id/``); this module
builds the application over a :class:`~kgraph.api.KG`.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from ..api import KG
from ..queries import QueryLibrary
from ..store import Store
from ._context import ServerContext
from ._entity import Entities
from ._options import DEFAULT_ROW_LIMIT, MAX_BODY_BYTES, ServeOptions, generate_token
from ._pages import Pages
from ._protocol import Protocol

__all__ = ["ServeOptions", "create_app", "generate_token", "MAX_BODY_BYTES", "DEFAULT_ROW_LIMIT"]


def create_app(
    store: Store | KG, *, options: ServeOptions | None = None, library: QueryLibrary | None = None
) -> Starlette:
    """The ASGI application serving a knowledge graph: a :class:`~kgraph.api.KG`, or a
    store (then ``library`` is the named-query library; by default
    :class:`kgraph.queries.QueryLibrary` on the project's ``queries/``).
    """
    kg = store if isinstance(store, KG) else KG(store, library=library)
    opts = options or ServeOptions()
    ctx = ServerContext(kg, opts)
    protocol, pages, entities = Protocol(ctx), Pages(ctx), Entities(ctx)

    routes = [
        Route("/", pages.home, methods=["GET"]),
        Route("/sparql", protocol.sparql, methods=["GET", "POST"]),
        Route("/editor", pages.editor, methods=["GET"]),
        Route("/queries", pages.queries, methods=["GET"]),
        Route("/queries/{name}", pages.named_query, methods=["GET"]),
        Route("/network", pages.network, methods=["GET"]),
        Route("/views/{name}", pages.view, methods=["GET"]),
        Route("/id/{rest:path}", entities.entity, methods=["GET"]),
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
