"""``kgraph query``, ``queries``, ``describe``, ``export``, ``stats`` and ``import``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..config import Settings
from ..errors import ParameterError, QueryError, StoreError
from ._app import command_errors, state
from ._lazy import open_store

if TYPE_CHECKING:  # rdflib, pyoxigraph and the API load when a command runs
    from ..api import KG
    from ..store import Store
    from ..store.base import StoreStats

# As kgraph._commands._output.SELECT_FORMATS and kgraph.store.EXPORT_FORMATS (checked by
# the tests), spelt out so that listing the commands imports neither.
QUERY_FORMATS = ("table", "csv", "tsv", "json", "md", "ttl")
EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld")


def reading_store(settings: Settings, *, empty: str = "warn") -> Store:
    """The configured store for a command that only reads it: an embedded store is opened
    read-only (so it works beside a process that holds it) and never created. An empty
    store is a warning on stderr (``empty="warn"``) or an error (``"error"``: nothing to
    draw or analyse).

    Raises:
        StoreError: no store at that path yet, or (``empty="error"``) an empty store.
        StoreLocked: held by another process.
    """
    url = settings.store
    local = not url.startswith(("http://", "https://", "sparql+http")) and url not in (
        "memory:", "memory", ":memory:")
    if local:
        path = Path(url[len("oxigraph:"):] if url.startswith("oxigraph:") else url)
        if not path.is_dir():
            raise StoreError("no store here yet (build it with `kgraph run` or `kgraph import`)",
                             source=path)
        store = open_store(url, read_only=True)
    else:
        store = open_store(url)
    if not store.graphs() and not len(store):
        message = "the store is empty (build it with `kgraph run` or `kgraph build`)"
        if empty == "error":
            store.close()
            raise StoreError(message, source=url)
        typer.echo(f"kgraph: warning: {url}: {message}", err=True)
    return store


def open_kg(settings: Settings, *, write: bool = False, empty: str = "warn") -> KG:
    """The configured store; reading commands get :func:`reading_store` (read-only, never
    created, a warning when empty, or an error with ``empty="error"``).

    Raises:
        StoreError: no store at that path yet; StoreLocked: held by another process.
    """
    from ..api import KG

    if not write:
        return KG(reading_store(settings, empty=empty))
    return KG(open_store(settings.store))


def _params(items: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"--param {item!r} is not KEY=VALUE")
        out[key.strip()] = value
    return out


def _timeout(value: float | None, settings: Settings) -> float | None:
    limit = settings.query_timeout if value is None else value
    return limit if limit and limit > 0 else None


def register(app: typer.Typer) -> None:
    @app.command("query")
    @command_errors
    def query(
        ctx: typer.Context,
        query: Annotated[str, typer.Argument(help="A named query (see `kgraph queries`) or a .rq file.")],
        param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as KEY=VALUE (repeatable); typed by the "
            "query's header (string, iri/CURIE, integer, decimal, date, boolean).")] = None,
        format: Annotated[str, typer.Option("--format", "-f", help="Output: table (rich on a terminal, aligned text "
            "when piped), csv, tsv, json (SPARQL JSON results), md; ttl for CONSTRUCT/DESCRIBE.")] = "table",
        timeout: Annotated[float | None, typer.Option("--timeout", help="Stop the query after this many seconds (default "
            "KGRAPH_QUERY_TIMEOUT, 30; 0 for no limit).", show_default=False)] = None,
        allow_federation: Annotated[bool, typer.Option("--allow-federation", help="Permit SERVICE (federated queries) and LOAD; "
            "refused by default. Also KGRAPH_ALLOW_FEDERATION.")] = False,
    ) -> None:
        """Run a named SPARQL query or a .rq file (SELECT, ASK, CONSTRUCT, DESCRIBE) on the
        store, with parameters bound as RDF terms, and print the result."""
        from rdflib import Graph

        from ..store import SelectResult
        from ._output import render_ask, render_graph, render_select, show

        settings = state(ctx).settings
        if format not in QUERY_FORMATS:
            raise ParameterError(f"unknown --format {format!r} (use {', '.join(QUERY_FORMATS)})")
        with open_kg(settings) as kg:
            res = kg.query(query, timeout=_timeout(timeout, settings),
                           allow_federation=allow_federation or settings.allow_federation,
                           **_params(param))
        if isinstance(res, bool):
            show(render_ask(res, format))
        elif isinstance(res, SelectResult):
            show(render_select(res, format, title=query))
        else:
            assert isinstance(res, Graph)
            show(render_graph(res, format))

    @app.command("queries")
    @command_errors
    def queries(
        ctx: typer.Context,
        format: Annotated[str, typer.Option("--format", "-f",
                                   help="Output: table, md, csv, tsv or json.")] = "table",
    ) -> None:
        """List the named queries: name, title, parameters (with types and defaults) and
        result columns."""
        from ..queries import QueryLibrary
        from ..store import SelectResult
        from ._output import render_select, show

        rows = []
        library = QueryLibrary()
        if not library.list():
            where = ", ".join(str(d) for d in library.directories) or "no queries folder"
            raise QueryError(f"no named queries found (looked in: {where})")
        for q in library.list():
            params = ", ".join(
                f"{p.name}:{p.type}" + ("" if p.required else f"={json.dumps(p.default)}")
                for p in q.params)
            rows.append({"name": q.name, "title": q.title, "parameters": params,
                         "columns": ", ".join(q.columns)})
        if format == "json":
            show(json.dumps(rows, indent=2) + "\n")
            return
        from rdflib import Literal

        res = SelectResult(["name", "title", "parameters", "columns"],
                           [{k: Literal(v) for k, v in r.items()} for r in rows])
        show(render_select(res, format, title="named queries"))

    @app.command("describe")
    @command_errors
    def describe(
        ctx: typer.Context,
        entity: Annotated[str, typer.Argument(help="An IRI, a CURIE (kgi:org/assomac) or a label (Assomac).")],
        format: Annotated[str, typer.Option("--format", "-f",
                                   help="Output: table, md, csv, tsv or json.")] = "table",
    ) -> None:
        """Show everything the store knows about one entity: its statements in and out,
        the graph of each and the release it was extracted from."""
        from ._output import compact, render_select, show

        with open_kg(state(ctx).settings) as kg:
            d = kg.describe(entity, timeout=state(ctx).settings.query_timeout or None)
        if format == "table":
            head = f"{compact(d.iri)}" + (f"  {d.label}" if d.label else "")
            head += "\n  types: " + ", ".join(compact(t) for t in d.types)
            head += "\n  sources: " + (", ".join(d.sources) or "-") + "\n"
            show(head)
        show(render_select(d.facts, format, title=str(d.iri)))

    @app.command("export")
    @command_errors
    def export(
        ctx: typer.Context,
        format: Annotated[str, typer.Option("--format", "-f",
                                   help="ttl, nt (graphs merged), nq, trig, or jsonld (with an @context).")] = "trig",
        graph: Annotated[list[str] | None, typer.Option("--graph", "-g",
                                        help="Only this named graph, IRI or CURIE (repeatable).")] = None,
        output: Annotated[Path | None, typer.Option("--output", "-o",
                                    help="Write to this file instead of standard output.")] = None,
    ) -> None:
        """Export the graph (or some named graphs) as Turtle, N-Triples, N-Quads, TriG or
        JSON-LD."""
        if format not in EXPORT_FORMATS:
            raise ParameterError(f"unknown --format {format!r} (use {', '.join(EXPORT_FORMATS)})")
        with open_kg(state(ctx).settings) as kg:
            data = kg.export(output, format=format, graphs=graph or None)
        if data is not None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    @app.command("stats")
    @command_errors
    def stats(
        ctx: typer.Context,
        format: Annotated[str, typer.Option("--format", "-f", help="Output: table or json.")] = "table",
    ) -> None:
        """Count the quads, the triples of each named graph and the entities of each class."""
        from ._output import show

        with open_kg(state(ctx).settings) as kg:
            s = kg.stats(timeout=state(ctx).settings.query_timeout or None)
        if format == "json":
            show(json.dumps({"quads": s.quads, "graphs": s.graphs, "classes": s.classes}, indent=2) + "\n")
            return
        show(_stats_text(s))

    @app.command("import")
    @command_errors
    def import_(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help="An RDF file: .ttl, .nt, .nq, .trig, .jsonld, .rdf.")],
        graph: Annotated[str | None, typer.Option("--graph", "-g",
                                  help="Target named graph (IRI or CURIE) for a triples format.")] = None,
        format: Annotated[str | None, typer.Option("--format", "-f",
                                   help="The file's format when its extension does not say.")] = None,
    ) -> None:
        """Load an RDF file into the store with pyoxigraph's parsers, all or nothing: a
        malformed file (reported with its line) leaves the store unchanged."""
        with open_kg(state(ctx).settings, write=True) as kg:
            n = kg.load(file, format=format, graph=graph)
            total = len(kg.store)
        typer.echo(f"{file}: {n} quads read; the store holds {total} quads")


def _stats_text(s: StoreStats) -> str:
    lines = [f"quads: {s.quads}", f"graphs: {len(s.graphs)}"]
    lines += [f"  {compact_iri(g)}  {n}" for g, n in s.graphs.items()]
    lines.append("entities by class:")
    lines += [f"  {compact_iri(c)}  {n}" for c, n in s.classes.items()]
    return "\n".join(lines) + "\n"


def compact_iri(text: str) -> str:
    from rdflib import URIRef

    from ._output import compact

    return compact(URIRef(text))

