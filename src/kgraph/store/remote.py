"""A remote SPARQL 1.1 endpoint: Query, Update and Graph Store Protocol over HTTP.

URLs:

* ``http(s)://HOST:PORT`` (an ``oxigraph serve`` root, no path): queries go to ``/query``
  with ``union-default-graph`` set, updates to ``/update``, graph reads to ``/store``.
* ``http(s)://HOST/PATH`` (a dataset URL, Fuseki style): ``PATH/query``, ``PATH/update``,
  ``PATH/data``.
* ``sparql+http(s)://HOST/QUERY-PATH?update=URL&store=URL``: explicit endpoints, ``update``
  and ``store`` absolute or relative to the query URL; without ``update`` updates go to the
  query URL; without ``store`` graphs are read with CONSTRUCT; other parameters stay on the
  query URL (``sparql+http://h:7878/query?union-default-graph&update=/update``). Examples: GraphDB
  ``sparql+http://h:7200/repositories/kg?update=/repositories/kg/statements&store=/repositories/kg/rdf-graphs/service``;
  Virtuoso ``sparql+http://h:8890/sparql?store=/sparql-graph-crud``.

kgraph expects the default graph to be the union of the named graphs: ``oxigraph serve
--union-default-graph`` (or the per-query flag sent here), Fuseki ``tdb2:unionDefaultGraph
true``, GraphDB and Virtuoso do so by default for queries without ``FROM``.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from ..config import USER_AGENT
from ..errors import KGraphError, QueryError, QueryTimeout, ServiceUnavailable, StoreError
from ..namespaces import PREFIXES
from ._sparql import query_form
from .base import QueryResult, SelectResult, Store, insert_data_text
from .oxigraph import _convert, query_error

__all__ = ["RemoteStore", "endpoints"]

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_PROLOGUE_LINES = _PROLOGUE.count("\n")
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"


def endpoints(url: str) -> tuple[str, str, str | None]:
    """``(query_url, update_url, store_url)`` for a store URL (see the module docs).

    Raises:
        StoreError: the URL is not an http(s) URL.
    """
    explicit = url.startswith(("sparql+http://", "sparql+https://"))
    raw = url[len("sparql+"):] if explicit else url
    parts = urllib.parse.urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError("not an http(s) SPARQL endpoint URL", source=url)
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    if explicit:
        pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        params = dict(pairs)
        update = urllib.parse.urljoin(base, params["update"]) if "update" in params else base
        store = urllib.parse.urljoin(base, params["store"]) if "store" in params else None
        # other parameters (e.g. union-default-graph) stay on the query URL
        rest = "&".join(k if not v else f"{k}={urllib.parse.quote(v)}"
                        for k, v in pairs if k not in ("update", "store"))
        return (f"{base}?{rest}" if rest else base), update, store
    path = parts.path.rstrip("/")
    root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    if not path:  # oxigraph serve
        return f"{root}/query?union-default-graph", f"{root}/update", f"{root}/store"
    return f"{root}/query", f"{root}/update", f"{root}/data"


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint over HTTP (urllib; no client library needed).

    ``timeout`` is the default for every request in seconds; a query's own timeout
    closes the connection when it passes (the server-side work stops only if the server
    has its own limit, e.g. ``oxigraph serve --timeout-s``).

    Raises:
        StoreError: the URL is not an http(s) URL.
    """

    def __init__(self, url: str, *, timeout: float = 60.0) -> None:
        self.url = url
        self.query_url, self.update_url, self.store_url = endpoints(url)
        self.timeout = timeout

    # --- HTTP --------------------------------------------------------------------------
    def _request(self, url: str, *, body: str | None = None, content_type: str = "",
                 accept: str, timeout: float | None = None, what: str = "request",
                 source: str | None = None) -> bytes:
        # SPARQL 1.1 Protocol "POST directly": the query or update is the raw body
        data = body.encode("utf-8") if body is not None else None
        req = urllib.request.Request(url, data=data, headers={
            "Accept": accept, "User-Agent": USER_AGENT,
            **({"Content-Type": f"{content_type}; charset=utf-8"} if data is not None else {}),
        })
        limit = timeout if timeout is not None else self.timeout
        try:
            with urllib.request.urlopen(req, timeout=limit) as resp:  # noqa: S310 - http(s) only
                return bytes(resp.read())
        except urllib.error.HTTPError as exc:
            text = exc.read().decode("utf-8", "replace").strip()
            first = text.splitlines()[0] if text else exc.reason
            if exc.code == 404:
                raise _NotFound(first) from None
            if exc.code >= 500:
                raise ServiceUnavailable(
                    f"SPARQL endpoint failed with HTTP {exc.code}: {first}", source=url) from None
            if what in ("query", "update") and exc.code == 400:
                # the prologue kgraph prepends shifts lines: report the caller's positions
                raise query_error(first, source, line_offset=_PROLOGUE_LINES) from None
            raise StoreError(f"SPARQL endpoint refused the {what} (HTTP {exc.code}): {first}",
                             source=url) from None
        except TimeoutError:
            if timeout is not None and what == "query":
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s and was stopped (the connection "
                    "was closed; raise --timeout or narrow the query)", source=source) from None
            raise ServiceUnavailable(f"SPARQL endpoint did not answer within {limit:g} s",
                                     source=url) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ServiceUnavailable(f"cannot reach the SPARQL endpoint: {reason}",
                                     source=url) from None

    # --- Store -------------------------------------------------------------------------
    def _query(self, sparql: str, *, timeout: float | None, source: str | None,
               allow_federation: bool = False, row_limit: int | None = None) -> QueryResult:
        form = query_form(sparql)
        if form == "UPDATE":
            raise QueryError("not a query (SELECT, ASK, CONSTRUCT or DESCRIBE)", source=source)
        text = _PROLOGUE + sparql
        if form in ("SELECT", "ASK"):
            raw = self._request(self.query_url, body=text, content_type=_QUERY, what="query",
                                accept="application/sparql-results+json", timeout=timeout,
                                source=source)
            try:
                res = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
            except SyntaxError as exc:
                raise ServiceUnavailable(f"unreadable SPARQL results: {exc}", source=self.query_url) from None
            return _convert(res, row_limit)
        raw = self._request(self.query_url, body=text, content_type=_QUERY, what="query",
                            accept="application/n-triples", timeout=timeout, source=source)
        return _convert(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))

    def _update(self, sparql: str) -> None:
        self._request(self.update_url, body=_PROLOGUE + sparql, content_type=_UPDATE,
                      what="update", accept="*/*")

    def _add_quads(self, quads: list[ox.Quad]) -> None:
        by_graph: dict[URIRef, list[ox.Quad]] = {}
        for q in quads:
            name = q.graph_name
            if not isinstance(name, ox.NamedNode):
                raise KGraphError("the default graph is not used by kgraph: give quads a named graph")
            by_graph.setdefault(URIRef(name.value), []).append(q)
        if by_graph:
            self._update(insert_data_text(by_graph, drop=False))

    def graphs(self) -> list[URIRef]:
        res = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", timeout=None, source=None)
        assert isinstance(res, SelectResult)
        return sorted(URIRef(str(r["g"])) for r in res if isinstance(r["g"], URIRef))

    def quads(self, graphs: Sequence[URIRef] | None = None) -> Iterator[ox.Quad]:
        for name in graphs if graphs is not None else self.graphs():
            node = ox.NamedNode(str(name))
            for t in self._triples(name):
                yield ox.Quad(t.subject, t.predicate, t.object, node)

    def _triples(self, name: URIRef) -> Iterator[Any]:
        if self.store_url is not None:
            sep = "&" if "?" in self.store_url else "?"
            url = f"{self.store_url}{sep}{urllib.parse.urlencode({'graph': str(name)})}"
            try:
                raw = self._request(url, accept="application/n-triples", what="graph read")
            except _NotFound:
                return iter(())
            return iter(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))
        raw = self._request(
            self.query_url, what="query", accept="application/n-triples", content_type=_QUERY,
            body=(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(str(name))} {{ ?s ?p ?o }} }}"))
        return iter(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))

    def __len__(self) -> int:
        res = self._query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                          timeout=None, source=None)
        assert isinstance(res, SelectResult)
        n = res.rows[0]["n"]
        return int(n.toPython()) if isinstance(n, Literal) else 0


class _NotFound(StoreError):
    """HTTP 404 from the Graph Store Protocol: the graph does not exist."""
