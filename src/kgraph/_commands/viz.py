"""``kgraph viz`` (network pages and exports) and ``kgraph analyse`` (graph analytics)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ParameterError, QueryError
from ._app import command_errors, state
from .query import open_kg, reading_store

_EXTENSIONS = {"html": "html", "graphml": "graphml", "gexf": "gexf", "png": "png", "svg": "svg"}


def _library() -> Any:
    try:
        return importlib.import_module("kgraph.queries")
    except ImportError:  # the named-query library is optional for drawing
        return None


def resolve_query(value: str, params: dict[str, str] | None = None) -> tuple[str, str, dict[str, Any]]:
    """SPARQL text, source name and bindings for ``--query``: a .rq file, or a named query
    (:class:`kgraph.queries.QueryLibrary` when present, else ``queries/NAME.rq`` in the
    working folder). ``params`` become typed bindings through the query's header.

    Raises:
        QueryError: the file cannot be read or no query has that name.
        ParameterError: a parameter is unknown, missing or mistyped.
    """
    library = _library()
    path = Path(value)
    if path.suffix == ".rq" or path.is_file():
        if library is not None and hasattr(library, "NamedQuery"):
            named = library.NamedQuery.from_file(path, require_header=False)
            return named.text, str(path), named.bindings(params or {})
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read the query file: {exc}", source=value) from None
        if params:
            raise ParameterError("--param needs the named-query library (kgraph.queries)", source=value)
        return text, str(path), {}
    if library is not None and hasattr(library, "QueryLibrary"):
        named = library.QueryLibrary().get(value)
        return named.text, str(named.path), named.bindings(params or {})
    local = Path("queries") / f"{value}.rq"
    if local.is_file():
        if params:
            raise ParameterError("--param needs the named-query library (kgraph.queries)", source=value)
        return local.read_text(encoding="utf-8"), str(local), {}
    raise QueryError("no such query (give a .rq file or the name of a query in queries/)",
                     source=value)


def _params(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, val = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"expected NAME=VALUE, not {pair!r}", source="--param")
        out[name.strip()] = val
    return out


def register(app: typer.Typer) -> None:
    @app.command("viz")
    @command_errors
    def viz_command(
        ctx: typer.Context,
        ego: str = typer.Option(None, "--ego", help="Draw only this entity (name, alias or IRI) "
                                "and its neighbourhood."),
        depth: int = typer.Option(2, "--depth", min=0, help="Hops around --ego to include."),
        query: str = typer.Option(None, "--query", help="Draw the triples of a CONSTRUCT (or of a "
                                  "SELECT ?s ?p ?o): a .rq file or a named query."),
        param: Annotated[list[str] | None, typer.Option(
            "--param", help="A parameter of the --query as NAME=VALUE (repeatable).")] = None,
        release: str = typer.Option(None, "--release", help="Draw one release: its file name, "
                                    "path or slug."),
        facts_as_nodes: bool = typer.Option(False, "--facts-as-nodes", help="Keep memberships, "
                                            "observations and other n-ary facts as nodes "
                                            "instead of labelled edges."),
        link_figures: bool = typer.Option(False, "--link-figures", help="Draw each figure "
                                          "(observation) as a node joined to the release that "
                                          "states it, and so to its publisher."),
        max_nodes: int = typer.Option(1000, "--max-nodes", min=0, help="HTML: show at first "
                                      "only this many best-connected nodes; a click on a node "
                                      "reveals its hidden neighbours (0: show all)."),
        fmt: str = typer.Option("html", "--format", help="Output format: html (interactive, "
                                "offline), graphml, gexf (Gephi), png or svg."),
        output: str = typer.Option(None, "--output", "-o", help="File to write (default "
                                    "OUT/network.FORMAT, OUT from KGRAPH_OUT, default out)."),
        title: str = typer.Option(None, "--title", help="Title shown on the page or picture."),
    ) -> None:
        """Draw the knowledge graph as a network: an interactive offline HTML page (default
        out/network.html), or GraphML, GEXF, PNG or SVG. Whole graph by default; --ego,
        --release or --query narrow it."""
        from .. import viz

        settings = state(ctx).settings
        kind = fmt.lower()
        if kind not in _EXTENSIONS:
            raise typer.BadParameter(f"use one of: {', '.join(_EXTENSIONS)}", param_hint="--format")
        if param and query is None:
            raise typer.BadParameter("--param goes with --query", param_hint="--param")
        if query is not None and (release is not None or facts_as_nodes or link_figures):
            raise typer.BadParameter("--query draws its own triples; it does not combine with "
                                     "--release, --facts-as-nodes or --link-figures",
                                     param_hint="--query")
        target = Path(output) if output else settings.out / f"network.{_EXTENSIONS[kind]}"
        with open_kg(settings, empty="error") as kg:
            text = source = bindings = None
            if query is not None:
                text, source, bindings = resolve_query(query, _params(param))
                heading = f"kgraph: {source}"
            else:
                heading = f"kgraph: {release}" if release else "kgraph: knowledge graph"
            if ego is not None:
                heading += f", around {ego} (depth {depth})"
            g = kg.projection(query=text, bindings=bindings, source=source, release=release,
                              facts_as_nodes=facts_as_nodes, link_figures=link_figures, ego=ego,
                              depth=depth, timeout=settings.query_timeout or None)
        focus = viz.find_node(g, ego) if ego is not None else None
        options = {"max_nodes": max_nodes or None, "focus": focus} if kind == "html" else {}
        written = viz.export(g, target, format=kind, title=title or heading, **options)
        typer.echo(f"wrote {written} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")

    @app.command("chart")
    @command_errors
    def chart_command(
        ctx: typer.Context,
        name: str = typer.Argument(..., help="The chart: indicator-series, world-export-share, "
                                   "release-figures, timeline or market-map."),
        param: Annotated[list[str] | None, typer.Option(
            "--param", help="A parameter as NAME=VALUE (repeatable), as for the named query.")] = None,
        output: str = typer.Option(None, "--output", "-o", help="File to write, .svg, .html or "
                                   ".png (default OUT/NAME.FORMAT)."),
        fmt: str = typer.Option(None, "--format", help="svg, html (a page around the SVG) or "
                                "png (the SVG painted with matplotlib, the viz extra); default: "
                                "from the --output suffix, else svg."),
    ) -> None:
        """Draw a chart of the graph as SVG (or an HTML page around it, or a PNG picture):
        figures over time, ranked shares, a release's figures, the timeline of events and
        releases, or the map of markets. Points link to their facts."""
        from ..viz import views  # drawing code is only needed here

        settings = state(ctx).settings
        suffixes = {".svg": "svg", ".html": "html", ".htm": "html", ".png": "png"}
        kind = (fmt or (suffixes.get(Path(output).suffix.lower()) if output else None) or "svg").lower()
        if kind not in ("svg", "html", "png"):
            raise typer.BadParameter("use one of: svg, html, png", param_hint="--format")
        target = Path(output) if output else settings.out / f"{name}.{kind}"
        if suffixes.get(target.suffix.lower()) != kind:
            raise typer.BadParameter(f"write a .{kind} file for --format {kind}", param_hint="--output")
        with reading_store(settings, empty="error") as store:
            view = views.render(name, store, _params(param), timeout=settings.query_timeout or None)
        if kind == "png":
            from ..viz._raster import svg_to_png

            svg_to_png(view.svg, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(view.svg if kind == "svg" else view.html(), encoding="utf-8")
        typer.echo(f"wrote {target} ({view.marks} marks)")

    @app.command("analyse")
    @command_errors
    def analyse_command(
        ctx: typer.Context,
        top: int = typer.Option(10, "--top", min=1, help="How many central entities to list."),
        path: Annotated[tuple[str, str] | None, typer.Option(
            "--path", help="Also print a shortest path between two entities: --path A B.")] = None,
        release: str = typer.Option(None, "--release", help="Analyse one release only: its file "
                                    "name, path or slug."),
    ) -> None:
        """Print the most central entities (betweenness and degree centrality) and the Louvain
        communities of the knowledge graph, and optionally a shortest path between two
        entities."""
        from .. import viz

        settings = state(ctx).settings
        with reading_store(settings, empty="error") as store:
            g = viz.project(store, release=release, timeout=settings.query_timeout or None)
        result = viz.analyse(g, top=top, path=path)
        typer.echo(f"{result.nodes} entities, {result.edges} relations")
        typer.echo("Most central entities (betweenness, degree):")
        for i, c in enumerate(result.central, 1):
            typer.echo(f"{i:3}. {c.label} [{c.cls}]  betweenness {c.betweenness:.3f}  "
                       f"degree {c.degree:.3f}")
        typer.echo(f"Communities (Louvain): {len(result.communities)}")
        for i, members in enumerate(result.communities, 1):
            typer.echo(f"{i:3}. ({len(members)}) " + "; ".join(members))
        if result.path is not None:
            typer.echo("Shortest path: " + " -> ".join(result.path))
