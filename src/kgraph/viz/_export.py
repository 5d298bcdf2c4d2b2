"""Exports of a projected network for other tools: GraphML, GEXF (Gephi), PNG and SVG."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import InputError
from ._html import CLASS_COLOURS, write_html
from ._layout import fast_layout

__all__ = ["FORMATS", "export", "flat_graph", "write_gexf", "write_graphml", "write_image"]

FORMATS = ("html", "graphml", "gexf", "png", "svg")


def _flat(value: Any) -> str | int | float | bool:
    if isinstance(value, (list, tuple, set)):
        return " | ".join(str(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def flat_graph(g: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all scalars (lists joined by `` | ``, ``None`` dropped),
    as GraphML and GEXF require."""
    out = g.__class__()
    for node, data in g.nodes(data=True):
        out.add_node(node, **{k: _flat(v) for k, v in data.items() if v is not None})
    if g.is_multigraph():
        for i, (u, v, data) in enumerate(g.edges(data=True)):
            attrs = {k: _flat(val) for k, val in data.items() if val is not None}
            out.add_edge(u, v, key=f"e{i}", **attrs)
    else:
        for u, v, data in g.edges(data=True):
            out.add_edge(u, v, **{k: _flat(val) for k, val in data.items() if val is not None})
    return out


def _writable(path: str | Path) -> Path:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the folder: {exc.strerror or exc}", source=target.parent) from None
    return target


def _atomic(target: Path, write: Any) -> Path:
    tmp = target.with_name(target.name + ".tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror or exc}", source=target) from None
    return target


def write_graphml(g: nx.Graph, path: str | Path) -> Path:
    """GraphML (yEd, Cytoscape, Gephi). Raises InputError when ``path`` cannot be written."""
    flat = flat_graph(g)
    return _atomic(_writable(path), lambda p: nx.write_graphml(flat, p, encoding="utf-8"))


def write_gexf(g: nx.Graph, path: str | Path) -> Path:
    """GEXF 1.2 for Gephi, with the viz module's colour (by class, as on the page), size
    (by degree) and position (the page's layout) of every node, so that Gephi opens it
    drawn rather than grey. Raises InputError when ``path`` cannot be written."""
    flat = flat_graph(g)
    positions = fast_layout(g, scale=500.0) if g.number_of_nodes() else {}
    degree = dict(g.degree())
    top = max(degree.values(), default=0) or 1
    for node, data in flat.nodes(data=True):
        colour = CLASS_COLOURS.get(str(data.get("cls") or "Other"), CLASS_COLOURS["Other"])
        x, y = positions.get(node, (0.0, 0.0))
        data["viz"] = {
            "color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0},
            "size": round(10 + 30 * (degree[node] / top) ** 0.5, 1),
            "position": {"x": round(float(x), 2), "y": round(float(y), 2), "z": 0.0},
        }
    return _atomic(_writable(path), lambda p: nx.write_gexf(flat, p, encoding="utf-8"))


def write_image(
    g: nx.Graph,
    path: str | Path,
    *,
    format: str | None = None,  # noqa: A002 - mirrors matplotlib's savefig
    width: int = 1600,
    height: int = 1200,
    dpi: int = 100,
    title: str | None = None,
    label_top: int = 30,
) -> Path:
    """A static picture of the network (PNG or SVG) of exactly ``width`` x ``height``
    pixels: nodes coloured by class with a legend, the title in a band of its own above
    the drawing, and labels (as ``<text>`` in SVG, on a white ground, cut at 40
    characters) for every node of a small graph or else for the ``label_top``
    best-connected nodes, so that a report shows names rather than a pile of words. Needs
    the ``viz`` extra (matplotlib).

    Raises:
        InputError: matplotlib is missing, the format is not png/svg, or ``path`` cannot
            be written.
    """
    target = _writable(path)
    fmt = (format or target.suffix.lstrip(".") or "png").lower()
    if fmt not in ("png", "svg"):
        raise InputError(f"unsupported image format {fmt!r} (use png or svg)", source=target)
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
    except ImportError:
        raise InputError("static images need matplotlib: pip install 'kgraph[viz]'", source=target) from None

    simple = nx.Graph(g)
    if simple.number_of_nodes() <= 300:
        pos = nx.spring_layout(simple, seed=7)
    else:
        pos = fast_layout(simple)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kgraph"}):
        fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
        FigureCanvasAgg(fig)
        band = 40 / height if title else 0.0  # the title's own band: never over the drawing
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0 - band))
        ax.set_axis_off()
        classes = [str(g.nodes[n].get("cls") or "Other") for n in simple.nodes]
        colours = [CLASS_COLOURS.get(c, CLASS_COLOURS["Other"]) for c in classes]
        degree = dict(simple.degree())
        top = max(degree.values(), default=0) or 1
        sizes = [80 + 600 * (degree[n] / top) for n in simple.nodes]
        nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#999999", width=0.8, alpha=0.7)
        nx.draw_networkx_nodes(simple, pos, ax=ax, node_color=colours, node_size=sizes,
                               edgecolors="#444444", linewidths=0.5)
        ranked = sorted(simple.nodes, key=lambda n: (-degree[n], str(g.nodes[n].get("label") or n)))
        shown = ranked if len(ranked) <= 40 else ranked[:max(0, label_top)]

        def cut(text: str) -> str:
            return text if len(text) <= 40 else text[:39].rstrip() + "\u2026"

        labels = {n: cut(str(g.nodes[n].get("label") or n)) for n in shown}
        nx.draw_networkx_labels(simple, pos, labels=labels, ax=ax, font_size=8,
                                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        if g.number_of_edges() <= 60:
            edge_labels = {(u, v): cut(str(d.get("label", ""))) for u, v, d in g.edges(data=True)}
            nx.draw_networkx_edge_labels(simple, pos, edge_labels=edge_labels, ax=ax, font_size=6,
                                         font_color="#555555")
        present = [c for c in CLASS_COLOURS if c in set(classes)]
        handles = [Line2D([0], [0], marker="o", linestyle="", markerfacecolor=CLASS_COLOURS[c],
                          markeredgecolor="#444444", label=c) for c in present]
        if handles:
            ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=True)
        if title:
            fig.text(0.01, 1.0 - band / 2, title, ha="left", va="center", fontsize=12, fontweight="bold")
        ax.margins(0.05)
        return _atomic(target, lambda p: fig.savefig(p, format=fmt, dpi=dpi))


def export(g: nx.Graph, path: str | Path, *, format: str = "html", title: str = "kgraph network",  # noqa: A002
           **page_options: Any) -> Path:
    """Write ``g`` to ``path`` in ``format`` (one of :data:`FORMATS`); ``page_options``
    (``max_nodes``, ``focus``...) go to the HTML page and are ignored by the other formats.

    Raises:
        InputError: unknown format, missing matplotlib, or ``path`` cannot be written.
    """
    fmt = format.lower()
    if fmt == "html":
        return write_html(g, path, title=title, **page_options)
    if fmt == "graphml":
        return write_graphml(g, path)
    if fmt == "gexf":
        return write_gexf(g, path)
    if fmt in ("png", "svg"):
        return write_image(g, path, format=fmt, title=title)
    raise InputError(f"unknown format {format!r} (use one of: {', '.join(FORMATS)})", source="--format")
