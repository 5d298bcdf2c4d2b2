"""A remote SPARQL 1.1 endpoint: Query, Update and Graph Store Protocol over HTTP.

URLs:

* ``http(s)://HOST:PORT`` (an ``oxigraph serve`` root, no path): queries go to ``/query``
  with ``union-default-graph`` set, updates to ``/update``, graph reads to ``/store``.
* ``http(s)://HOST/.../sparql`` (one endpoint for queries and updates: Virtuoso, QLever,
  Blazegraph): queries and updates go to that URL; graphs are read with CONSTRUCT (on
  Virtuoso with its Graph Store Protocol service, ``/sparql-graph-crud``).
* ``http(s)://HOST/PATH`` (a dataset URL, Fuseki style): ``PATH/query``, ``PATH/update``,
  ``PATH/data``.
* ``sparql+http(s)://HOST/QUERY-PATH?update=URL&store=URL``: explicit endpoints, ``update``
  and ``store`` absolute or relative to the query URL; without ``update`` updates go to the
  query URL; without ``store`` graphs are read with CONSTRUCT; other parameters stay on the
  query URL (``sparql+http://h:7878/query?union-default-graph&update=/update``). Example:
  GraphDB ``sparql+http://h:7200/repositories/kg?update=/repositories/kg/statements&store=/repositories/kg/rdf-graphs/service``.

Every form takes ``dialect=standard|virtuoso`` (without it the server's ``Server`` header
decides, once per store) and credentials in the URL (``http://user:password@host/...``,
sent with HTTP Digest or Basic authentication as the server asks, e.g. Virtuoso's
``/sparql-auth``).

kgraph expects the default graph to be the union of the named graphs: ``oxigraph serve
--union-default-graph`` (or the per-query flag sent here), Fuseki ``tdb2:unionDefaultGraph
true``, GraphDB and Virtuoso do so by default for queries without ``FROM``.

Queries are sent as an HTML form (``query=...``, the SPARQL 1.1 Protocol's "URL-encoded
POST", which every server accepts: Virtuoso 7 hangs on a query POSTed directly), updates
directly as ``application/sparql-update``.

The ``virtuoso`` dialect adapts kgraph to what Virtuoso does differently:

* its own graphs (``virtrdf#`` with its quad-map schema, ``ldp#``, the endpoint's service
  description) are hidden from every query with ``define input:default-graph-exclude`` /
  ``input:named-graph-exclude``, so the union default graph, ``graphs()`` and the counts
  hold kgraph's graphs only;
* ``GRAPH ?g { }`` answers one unbound row rather than the graphs: graphs are listed by
  their triples;
* blank nodes are refused in ``INSERT DATA``: the statements holding one are written with
  ``INSERT { GRAPH ... } WHERE { }``, one operation per graph (Virtuoso fails on a
  template with several graphs; a blank node shared by two graphs of one write becomes
  two), their typed literals bound by ``STRDT`` (a template stores ``"70"^^xsd:decimal``
  as an xsd:integer);
* a blank node in JSON results is written ``nodeID://b1000``: read as the label ``b1000``;
* a query's timeout is also sent to the server (``timeout`` in ms), which stops the query
  and answers ``X-SQL-State: S1TAT`` with partial rows; kgraph reports a timeout, never the
  partial rows;
* large writes are sent in updates of at most ``batch`` triples (the SPARQL compiler
  refuses very long texts): a bulk load is then atomic per batch, not as a whole.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from ..config import USER_AGENT
from ..errors import KGraphError, QueryError, ServiceUnavailable, StoreError
from ..namespaces import PREFIXES
from ._rdfio import insert_data_text, rdflib_to_ox
from ._results import (
    local_syntax_error,
    parse_graph,
    parse_json_results,
    parse_triples,
    query_error,
    timeout_error,
)
from ._sparql import _matching, dataset_clauses, has_dataset_clause, query_form, tokens
from .base import Capabilities, Quad, QueryDataset, QueryResult, SelectResult, Store

__all__ = ["RemoteStore", "endpoints", "DIALECTS"]

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
_QUERY_FORM = "application/x-www-form-urlencoded"
_UPDATE = "application/sparql-update"
DIALECTS = ("standard", "virtuoso")
_OPTIONS = ("dialect", "batch")
_UNION = "union-default-graph"

# Graphs every Virtuoso instance holds for itself; the service description graph, named
# after the host the server believes it has, is found by its content.
_VIRTUOSO_GRAPHS = ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#")
_SD_SERVICE = "http://www.w3.org/ns/sparql-service-description#Service"
_VIRTUOSO_BATCH = 2_000
# a graph that is never written: an empty side of a dataset
_NO_GRAPH = "urn:kgraph:no-graph"


def _split_url(url: str) -> tuple[str, dict[str, str], tuple[str, str] | None]:
    """``url`` without kgraph's own options and credentials, the options, the credentials."""
    explicit = url.startswith(("sparql+http://", "sparql+https://"))
    raw = url[len("sparql+"):] if explicit else url
    parts = urllib.parse.urlsplit(raw)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    options = {k: v for k, v in pairs if k in _OPTIONS}
    rest = "&".join(k if not v else f"{k}={urllib.parse.quote(v, safe='/:')}"
                    for k, v in pairs if k not in _OPTIONS)
    creds = None
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, netloc = netloc.rsplit("@", 1)
        user, _, password = userinfo.partition(":")
        creds = (urllib.parse.unquote(user), urllib.parse.unquote(password))
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, rest, parts.fragment))
    return ("sparql+" if explicit else "") + clean, options, creds


def endpoints(url: str) -> tuple[str, str, str | None]:
    """``(query_url, update_url, store_url)`` for a store URL (see the module docs).

    Raises:
        StoreError: the URL is not an http(s) URL.
    """
    url = _split_url(url)[0]
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
    if path.endswith("/sparql"):  # one endpoint for both (Virtuoso, QLever, Blazegraph)
        return root, root, None
    return f"{root}/query", f"{root}/update", f"{root}/data"


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint over HTTP (urllib; no client library needed).

    ``timeout`` is the default for every request in seconds; a query's own timeout
    closes the connection when it passes (the server-side work stops only if the server
    has its own limit, e.g. ``oxigraph serve --timeout-s``, or the dialect sends it, as
    for Virtuoso). ``dialect`` (or ``?dialect=`` in the URL) is ``standard`` or
    ``virtuoso``; None asks the server once (its ``Server`` header).

    Raises:
        StoreError: the URL is not an http(s) URL, or names an unknown dialect.
    """

    def __init__(self, url: str, *, timeout: float = 60.0, dialect: str | None = None) -> None:
        self.url = url
        clean, options, creds = _split_url(url)
        self.query_url, self.update_url, self.store_url = endpoints(clean)
        self._store_given = self.store_url is not None
        self.timeout = timeout
        dialect = dialect or options.get("dialect")
        if dialect is not None and dialect not in DIALECTS:
            raise StoreError(f"unknown SPARQL dialect {dialect!r} (use {' or '.join(DIALECTS)})",
                             source=url)
        self._dialect = dialect
        try:
            self.batch = int(options["batch"]) if "batch" in options else None
        except ValueError:
            raise StoreError("batch= takes a number of triples", source=url) from None
        self._hidden: tuple[str, ...] = ()
        self._prologue = _PROLOGUE
        self._opener = urllib.request.build_opener()
        if creds is not None:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for endpoint in (self.query_url, self.update_url, self.store_url):
                if endpoint is not None:
                    manager.add_password(None, endpoint, *creds)
            self._opener = urllib.request.build_opener(
                urllib.request.HTTPDigestAuthHandler(manager),
                urllib.request.HTTPBasicAuthHandler(manager))

    # --- dialect -----------------------------------------------------------------------
    @property
    def dialect(self) -> str:
        """``standard`` or ``virtuoso`` (asks the server on first use when not given)."""
        if self._dialect is None:
            _, headers = self._request(self.query_url, form={"query": "ASK {}"}, what="query",
                                       accept="application/sparql-results+json")
            server = headers.get("Server", "") or ""
            self._setup("virtuoso" if "virtuoso" in server.lower() else "standard")
        elif not self._ready:
            self._setup(self._dialect)
        assert self._dialect is not None
        return self._dialect

    _ready = False

    def _setup(self, dialect: str) -> None:
        self._dialect = dialect
        self._ready = True
        if dialect != "virtuoso":
            return
        if not self._store_given and self.query_url.endswith("/sparql"):
            self.store_url = self.query_url + "-graph-crud"
        raw, _ = self._request(self.query_url, form={
            "query": f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s a <{_SD_SERVICE}> }} }}"},
            what="query", accept="application/sparql-results+json")
        answer = parse_json_results(raw, self.query_url)
        assert isinstance(answer, SelectResult)
        found = [str(r["g"]) for r in answer if isinstance(r["g"], URIRef)]
        self._hidden = tuple(dict.fromkeys([*_VIRTUOSO_GRAPHS, *found]))
        self._prologue = "".join(
            f"define input:default-graph-exclude <{g}> define input:named-graph-exclude <{g}>\n"
            for g in self._hidden) + _PROLOGUE

    # --- HTTP --------------------------------------------------------------------------
    def _request(self, url: str, *, body: str | None = None,
                 form: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
                 content_type: str = "", accept: str, timeout: float | None = None,
                 what: str = "request", source: str | None = None,
                 prologue_lines: int = 0, text: str | None = None) -> tuple[bytes, Any]:
        if form is not None:
            data: bytes | None = urllib.parse.urlencode(form).encode("ascii")
            content_type = _QUERY_FORM
        else:
            data = body.encode("utf-8") if body is not None else None
        req = urllib.request.Request(url, data=data, headers={
            "Accept": accept, "User-Agent": USER_AGENT,
            **({"Content-Type": f"{content_type}; charset=utf-8"} if data is not None else {}),
        })
        limit = timeout if timeout is not None else self.timeout
        try:
            with self._opener.open(req, timeout=limit) as resp:
                return bytes(resp.read()), resp.headers
        except urllib.error.HTTPError as exc:
            raw = exc.read().decode("utf-8", "replace").strip()
            first = raw.splitlines()[0] if raw else exc.reason
            if exc.code == 404 and what == "graph read":
                raise _NotFound(first) from None
            if exc.code in (401, 403):
                raise StoreError(
                    f"SPARQL endpoint refused the {what} (HTTP {exc.code}): {first} (give "
                    "credentials in the store URL, http://user:password@host/..., or grant "
                    "the server's anonymous user the right to update)", source=url) from None
            if what in ("query", "update") and exc.code in (400, 500) and text is not None:
                # a malformed text: report kgraph's own parser's position when it agrees
                local = local_syntax_error(text, update=what == "update", source=source)
                if local is not None:
                    raise local from None
            if exc.code >= 500:
                raise ServiceUnavailable(
                    f"SPARQL endpoint failed with HTTP {exc.code}: {first}", source=url) from None
            if what in ("query", "update") and exc.code == 400:
                # the prologue kgraph prepends shifts lines: report the caller's positions
                raise query_error(first, source, line_offset=prologue_lines) from None
            raise StoreError(f"SPARQL endpoint refused the {what} (HTTP {exc.code}): {first}",
                             source=url) from None
        except TimeoutError:
            if timeout is not None and what == "query":
                raise timeout_error(timeout, source, closed=True) from None
            raise ServiceUnavailable(f"SPARQL endpoint did not answer within {limit:g} s",
                                     source=url) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) and timeout is not None and what == "query":
                raise timeout_error(timeout, source, closed=True) from None
            raise ServiceUnavailable(f"cannot reach the SPARQL endpoint: {reason}",
                                     source=url) from None

    # --- Store -------------------------------------------------------------------------
    @property
    def capabilities(self) -> Capabilities:
        """Virtuoso is sent the timeout and stops the query itself; other servers only see
        the connection closed. A load is split in batches on Virtuoso or with ``batch=``."""
        virtuoso = self.dialect == "virtuoso"
        return Capabilities(
            atomic_load=not virtuoso and self.batch is None,
            cancellable_query=virtuoso,
            graph_store_protocol=self.store_url is not None,
            union_default_graph=virtuoso or _UNION in self._query_params())

    def _query_params(self) -> list[str]:
        return [k for k, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(self.query_url).query,
                                                     keep_blank_values=True)]

    def _query_url(self, own_dataset: bool) -> str:
        """The query URL; without the union flag when the query brings its dataset, which
        the flag would override (``oxigraph serve`` then ignores ``FROM``) or conflict with
        (``default-graph-uri`` is refused beside it)."""
        if not own_dataset or _UNION not in self._query_params():
            return self.query_url
        parts = urllib.parse.urlsplit(self.query_url)
        rest = "&".join(piece for piece in parts.query.split("&")
                        if piece.split("=", 1)[0] != _UNION)
        return urllib.parse.urlunsplit(parts._replace(query=rest))

    def _query(self, sparql: str, *, timeout: float | None, source: str | None,
               allow_federation: bool = False, row_limit: int | None = None,
               dataset: QueryDataset | None = None) -> QueryResult:
        form = query_form(sparql)
        if form == "UPDATE":
            raise QueryError("not a query (SELECT, ASK, CONSTRUCT or DESCRIBE)", source=source)
        virtuoso = self.dialect == "virtuoso"
        if dataset is None:
            # the text's own FROM / FROM NAMED sent as the protocol's dataset too: a server
            # whose default graph is the union for every query (`oxigraph serve
            # --union-default-graph`) ignores FROM, but not default-graph-uri
            own = dataset_clauses(sparql)
            if own is not None:
                dataset = QueryDataset(tuple(map(URIRef, own[0])), tuple(map(URIRef, own[1])))
        fields: list[tuple[str, str]] = [("query", self._prologue + sparql)]
        if dataset is not None:
            # the protocol's dataset, which wins over the text's FROM clauses; an empty side
            # is spelt as a graph that does not exist (Virtuoso reads a missing
            # named-graph-uri as "every graph", the protocol as "none")
            fields += [("default-graph-uri", str(g)) for g in dataset.default or (_NO_GRAPH,)]
            fields += [("named-graph-uri", str(g)) for g in dataset.named or (_NO_GRAPH,)]
        if virtuoso and timeout is not None:
            fields.append(("timeout", str(max(1, int(timeout * 1000)))))
        accept = ("application/sparql-results+json" if form in ("SELECT", "ASK")
                  else "application/n-triples")
        url = self._query_url(dataset is not None or has_dataset_clause(sparql))
        raw, headers = self._request(url, form=fields, what="query", accept=accept,
                                     timeout=timeout, source=source, text=sparql,
                                     prologue_lines=self._prologue.count("\n"))
        if virtuoso and (headers.get("X-SQL-State") or "").strip() == "S1TAT":
            # Virtuoso's "anytime" answer: partial rows after its own limit
            raise timeout_error(timeout or self.timeout, source, closed=True)
        if form in ("SELECT", "ASK"):
            return parse_json_results(raw, self.query_url, row_limit=row_limit, virtuoso=virtuoso)
        return parse_graph(raw)

    def _update(self, sparql: str) -> None:
        if self.dialect == "virtuoso":
            sparql = _template_inserts(sparql)
        self._send_update(sparql)

    def _send_update(self, sparql: str) -> None:
        # Virtuoso's defines are for queries; kgraph's updates name their graphs
        prologue = _PROLOGUE
        self._request(self.update_url, body=prologue + sparql, content_type=_UPDATE,
                      what="update", accept="*/*", text=sparql,
                      prologue_lines=prologue.count("\n"))

    def replace_graphs(self, graphs: Mapping[URIRef, Any]) -> None:
        if graphs and self.dialect == "virtuoso":
            # the whole text is built (and every term checked) before anything is sent
            self._update(_virtuoso_insert_text(
                {name: list(rdflib_to_ox(data)) for name, data in graphs.items()}, drop=True))
            return
        super().replace_graphs(graphs)

    def _add_quads(self, quads: list[ox.Quad]) -> None:
        by_graph: dict[URIRef, list[ox.Quad]] = {}
        for q in quads:
            name = q.graph_name
            if not isinstance(name, ox.NamedNode):
                raise KGraphError("the default graph is not used by kgraph: give quads a named graph")
            by_graph.setdefault(URIRef(name.value), []).append(q)
        if not by_graph:
            return
        batch = self.batch or (_VIRTUOSO_BATCH if self.dialect == "virtuoso" else None)
        for chunk in _batches(by_graph, batch):
            if self.dialect == "virtuoso":
                self._update(_virtuoso_insert_text(chunk, drop=False))
            else:
                self._update(insert_data_text(chunk, drop=False))

    def graphs(self) -> list[URIRef]:
        if self.dialect == "virtuoso":
            text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        else:
            text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
        res = self._query(text, timeout=None, source=None)
        assert isinstance(res, SelectResult)
        return sorted(URIRef(str(r["g"])) for r in res if isinstance(r["g"], URIRef))

    def quads(self, graphs: Sequence[URIRef] | None = None) -> Iterator[Quad]:
        for name in graphs if graphs is not None else self.graphs():
            graph = URIRef(str(name))
            for s, p, o in self._triples(graph):
                yield s, p, o, graph

    def _triples(self, name: URIRef) -> Iterator[Any]:
        _ = self.dialect  # the dialect may name the Graph Store Protocol service
        if self.store_url is not None:
            sep = "&" if "?" in self.store_url else "?"
            url = f"{self.store_url}{sep}{urllib.parse.urlencode({'graph': str(name)})}"
            try:
                raw, _headers = self._request(url, accept="application/n-triples", what="graph read")
            except _NotFound:
                return iter(())
            return parse_triples(raw)
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(str(name))} {{ ?s ?p ?o }} }}"
        raw, _headers = self._request(self.query_url, form={"query": self._prologue + text},
                                      what="query", accept="application/n-triples")
        return parse_triples(raw)

    def __len__(self) -> int:
        res = self._query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                          timeout=None, source=None)
        assert isinstance(res, SelectResult)
        n = res.rows[0]["n"]
        return int(n.toPython()) if isinstance(n, Literal) else 0


class _NotFound(StoreError):
    """HTTP 404 from the Graph Store Protocol: the graph does not exist."""


def _batches(by_graph: Mapping[URIRef, Sequence[ox.Quad | ox.Triple]],
             size: int | None) -> Iterator[dict[URIRef, Sequence[ox.Quad | ox.Triple]]]:
    """The graphs' triples in groups of at most ``size`` (all at once without a size)."""
    if size is None:
        yield dict(by_graph)
        return
    chunk: dict[URIRef, list[ox.Quad | ox.Triple]] = {}
    n = 0
    for name, triples in by_graph.items():
        for t in triples:
            chunk.setdefault(name, []).append(t)
            n += 1
            if n >= size:
                yield dict(chunk)
                chunk, n = {}, 0
    if chunk:
        yield dict(chunk)


def _virtuoso_insert_text(graphs: Mapping[URIRef, Iterable[ox.Quad | ox.Triple]], *,
                          drop: bool) -> str:
    """As :func:`insert_data_text`, with one operation per graph and no empty one (see the
    module docs); blank nodes are handled by :func:`_template_inserts`."""
    parts = [f"DROP SILENT GRAPH {ox.NamedNode(str(name))}" for name in graphs] if drop else []
    for name, triples in graphs.items():
        body = io.StringIO()
        for t in triples:
            body.write(f"{t.subject} {t.predicate} {t.object} .\n")
        if not body.tell():
            continue  # an empty INSERT DATA group is a syntax error to Virtuoso
        parts.append(f"INSERT DATA {{ GRAPH {ox.NamedNode(str(name))} {{\n{body.getvalue()}}} }}")
    return " ;\n".join(parts) or "CLEAR SILENT GRAPH <urn:kgraph:nothing>"


def _template_inserts(text: str) -> str:
    """``text`` with each ``INSERT DATA { ... }`` that holds a blank node split in two: the
    statements without one stay data, those with one go to ``INSERT { ... } WHERE { }``
    (Virtuoso refuses blank nodes in data), one graph per operation, each typed literal
    of the template bound by ``STRDT`` (a template writes ``"70"^^xsd:decimal`` as an
    xsd:integer; a bound value keeps its type)."""
    if "_:" not in text:
        return text
    toks = list(tokens(text))

    def blank(k: int) -> bool:  # "_:b0" lexes as the word "_" glued to the name ":b0"
        return (toks[k].kind == "word" and toks[k].text == "_" and k + 1 < len(toks)
                and toks[k + 1].start == toks[k].end and toks[k + 1].text.startswith(":"))

    out: list[str] = []
    pos = i = 0
    while i < len(toks):
        if (toks[i].is_word("INSERT") and i + 2 < len(toks) and toks[i + 1].is_word("DATA")
                and toks[i + 2].text == "{"):
            close = _matching(toks, i + 2)
            if any(blank(k) for k in range(i + 3, close)):
                out += [text[pos:toks[i].start], _split_insert(text, toks, i + 2, close, blank)]
                pos = toks[close].end
            i = close + 1
            continue
        i += 1
    out.append(text[pos:])
    return "".join(out)


def _split_insert(text: str, toks: list[Any], open_: int, close: int, blank: Any) -> str:
    """The operations for the data block ``toks[open_..close]`` (see _template_inserts)."""
    # statements per graph ("" for the default graph), each a token range
    groups: dict[str, list[tuple[int, int]]] = {}
    k = open_ + 1
    while k < close:
        graph, end = "", close
        if toks[k].is_word("GRAPH"):
            graph = toks[k + 1].text
            k += 2  # at "{"
            end = _matching(toks, k)
            k += 1
        start = k
        while k < end:
            if toks[k].kind == "punct" and toks[k].text == ".":
                groups.setdefault(graph, []).append((start, k))
                start = k + 1
            elif toks[k].kind == "punct" and toks[k].text in "{}":
                break
            k += 1
        if start < k:
            groups.setdefault(graph, []).append((start, k))
        k = end + 1 if graph else end

    def piece(a: int, b: int) -> str:
        return text[toks[a].start:toks[b - 1].end] + " ."

    def wrap(graph: str, body: str) -> str:
        return f"GRAPH {graph} {{ {body} }}" if graph else body

    data, ops = [], []
    n = 0
    for graph, statements in groups.items():
        plain = [piece(a, b) for a, b in statements if not any(blank(j) for j in range(a, b))]
        if plain:
            data.append(wrap(graph, "\n".join(plain)))
        template, binds = [], []
        for a, b in statements:
            if not any(blank(j) for j in range(a, b)):
                continue
            parts, last, j = [], toks[a].start, a
            while j < b:
                if (toks[j].kind == "string" and j + 2 < b and toks[j + 1].text == "^^"
                        and toks[j + 2].kind in ("iri", "pname")):
                    n += 1
                    parts += [text[last:toks[j].start], f"?kgv{n}"]
                    binds.append(f"BIND(STRDT({toks[j].text}, {toks[j + 2].text}) AS ?kgv{n})")
                    last, j = toks[j + 2].end, j + 3
                    continue
                j += 1
            parts.append(text[last:toks[b - 1].end])
            template.append("".join(parts) + " .")
        if template:
            ops.append(f"INSERT {{ {wrap(graph, chr(10).join(template))} }} "
                       f"WHERE {{ {' '.join(binds)} }}")
    if data:
        ops.insert(0, "INSERT DATA { " + "\n".join(data) + " }")
    return " ;\n".join(ops)
