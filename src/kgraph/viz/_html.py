"""The interactive page: one self-contained HTML file around vis-network.

vis-network's JavaScript and CSS are inlined from the copy that ships inside the pyvis
package, so the page makes no request to any host. The graph goes into the page as JSON
in a ``<script type="application/json">`` element (with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped) that the page reads with ``JSON.parse``; every label, tooltip and legend
entry is put into the DOM as text (``textContent``), never as HTML. A Content Security
Policy allows only the page's own inline scripts (by hash) and no network access at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..errors import InputError
from ._analytics import communities as find_communities
from ._layout import fast_layout

__all__ = [
    "CLASS_COLOURS",
    "COMMUNITY_COLOURS",
    "LABEL_TOP",
    "NODE_LIMIT",
    "PHYSICS_LIMIT",
    "page_data",
    "render_html",
    "write_html",
]

#: Legend colours by node class (colour-blind-friendly Okabe-Ito first).
CLASS_COLOURS: dict[str, str] = {
    "Organisation": "#0072B2",
    "Person": "#E69F00",
    "Place": "#009E73",
    "Market": "#56B4E9",
    "Sector": "#CC79A7",
    "Segment": "#D55E00",
    "Event": "#F0E442",
    "Release": "#999999",
    "Unit": "#4B6FA5",
    "Priority": "#8C564B",
    "Driver": "#B22222",
    "Programme": "#6A3D9A",
    "Figure": "#44AA99",
    "Fact": "#BBBBBB",
    "Other": "#DDDDDD",
}

#: Above this many nodes, positions are computed in Python and physics stays off.
PHYSICS_LIMIT = 300

#: Above this many nodes, the page first shows the most connected ones; the rest are in
#: the page and a click on a node reveals its hidden neighbours.
NODE_LIMIT = 1000

#: How many of the most connected nodes keep their labels at overview zoom.
LABEL_TOP = 12

#: Colours of the largest communities (Paul Tol's muted scheme); smaller ones share grey.
COMMUNITY_COLOURS = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77",
                     "#CC6677", "#882255", "#AA4499", "#6699CC")
_SMALL_COMMUNITIES = "#CFCFCF"
# Louvain runs on at most this many of the best-connected nodes (on 10k nodes it takes
# seconds a page cannot wait); every other node joins its neighbours' commonest community.
_COMMUNITY_LIMIT = 1000

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_INSTANCE_BASE = "https://w3id.org/kgraph/id/"
_SKIP_ATTRS = {"label", "cls", "type", "iri", "wikidata", "quotes", "x", "y", "size"}


def _safe_json(data: Any) -> Markup:
    """JSON that cannot end its ``<script>`` element or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text))  # noqa: S704 - escaped just above


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from the pyvis package (the newest bundled version)."""
    lib = resources.files("pyvis") / "lib"
    versions = sorted(
        (p for p in lib.iterdir() if p.name.startswith("vis-") and p.is_dir()),
        key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)],
    )
    if not versions:  # pragma: no cover - a broken pyvis install
        raise InputError("pyvis ships no vis-network copy", source=str(lib))
    js = (versions[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    css = (versions[-1] / "vis-network.css").read_text(encoding="utf-8")
    # Inlined verbatim, so they must not be able to close their own element.
    # ("<!--" would switch the HTML parser into a state where "</script>" no longer ends it.)
    if re.search(r"</script|<!--", js, re.I) or re.search(r"</style", css, re.I):  # pragma: no cover
        raise InputError("the bundled vis-network cannot be inlined safely", source=str(lib))
    return js, css


def _attrs_of(data: dict[str, Any]) -> list[list[str]]:
    out = []
    for key, value in data.items():
        if key in _SKIP_ATTRS or value in (None, "", [], ()):
            continue
        out.append([str(key), value if isinstance(value, str) else str(value)])
    return out


def page_data(
    g: nx.Graph,
    *,
    title: str = "kgraph network",
    physics_limit: int = PHYSICS_LIMIT,
    positions: dict[Any, tuple[float, float]] | None = None,
    focus: str | None = None,
    entity_base: str | None = None,
    max_nodes: int | None = NODE_LIMIT,
    label_top: int = LABEL_TOP,
) -> dict[str, Any]:
    """What the page draws: nodes, edges, legend classes, communities, and whether physics
    runs.

    Nodes are numbered; sizes grow with degree; positions come from :func:`fast_layout`
    (or ``positions``). Graphs of up to ``physics_limit`` nodes (and no given positions)
    then run physics in the page until it stabilises; larger ones are drawn as placed.
    ``focus`` (a node) is marked as the centre of an ego network; ``entity_base`` (the
    server's ``/id/``) makes the instance IRIs of ``https://w3id.org/kgraph/id/`` link to
    local entity pages (an offline file has no such links).

    The ``label_top`` nodes of highest degree get a ``rank`` (their labels stay readable
    at overview zoom). Every node gets the index of its Louvain community (``community``,
    largest first). Above ``max_nodes`` nodes (None or 0: no limit), only the ``max_nodes``
    of highest degree (and ``focus``) are shown at first; the others are marked
    ``collapsed`` and a click on a node reveals its collapsed neighbours.
    """
    n = g.number_of_nodes()
    capped = bool(max_nodes) and n > (max_nodes or 0)
    physics = positions is None and n <= physics_limit and not capped
    if positions is None:
        # Small graphs start from these positions too, so physics settles in few steps.
        positions = fast_layout(g, scale=100.0 if physics else 60.0)
    ids = {node: i for i, node in enumerate(g.nodes)}
    degree = dict(g.degree())
    top = max(degree.values(), default=0) or 1
    # Neighbours, not edge ends: ten figures between the same two nodes do not make a hub.
    simple = nx.Graph(g)
    by_degree = sorted(g.nodes, key=lambda v: (-simple.degree(v), str(g.nodes[v].get("label") or v)))
    rank = {node: k + 1 for k, node in enumerate(by_degree[:max(0, label_top)])}
    shown = set(by_degree[:max_nodes]) if capped else set(g.nodes)
    if focus is not None and focus in g:
        shown.add(focus)
    groups = _communities(simple, [v for v in by_degree if v in shown][:_COMMUNITY_LIMIT], by_degree)
    community = {node: k for k, members in enumerate(groups) for node in members}
    counts: dict[str, int] = {}
    nodes = []
    for node, data in g.nodes(data=True):
        cls = str(data.get("cls") or "Other")
        counts[cls] = counts.get(cls, 0) + 1
        item: dict[str, Any] = {
            "id": ids[node],
            "label": str(data.get("label") or node),
            "cls": cls,
            "type": str(data.get("type") or cls),
            "iri": str(data.get("iri") or node),
            "size": round(10 + 30 * (degree[node] / top) ** 0.5, 1),
        }
        if node == focus:
            item["focus"] = True
        if node in rank:
            item["rank"] = rank[node]
        if node in community:
            item["community"] = community[node]
        if node not in shown:
            item["collapsed"] = True
        iri = item["iri"]
        if entity_base is not None and iri.startswith(_INSTANCE_BASE):
            item["href"] = entity_base + iri[len(_INSTANCE_BASE):]
        if data.get("wikidata"):
            item["wd"] = str(data["wikidata"])
        quotes = data.get("quotes")
        if quotes:
            item["quotes"] = [str(q) for q in quotes]
        extra = _attrs_of(data)
        if extra:
            item["attrs"] = extra
        if positions is not None:
            x, y = positions[node]
            item["x"], item["y"] = round(x, 1), round(y, 1)
        nodes.append(item)
    edges = []
    parallel: dict[frozenset[int], int] = {}
    for u, v, data in g.edges(data=True):
        item = {"from": ids[u], "to": ids[v], "label": str(data.get("label", ""))}
        pair = frozenset((ids[u], ids[v]))
        # the k-th edge between the same two nodes is drawn on its own curve
        lane = parallel.get(pair, 0)
        parallel[pair] = lane + 1
        if lane:
            item["lane"] = lane
        if data.get("quotes"):
            item["quotes"] = [str(q) for q in data["quotes"]]
        edges.append(item)
    order = list(CLASS_COLOURS)
    classes = [
        {"name": c, "colour": CLASS_COLOURS.get(c, CLASS_COLOURS["Other"]), "count": counts[c]}
        for c in sorted(counts, key=lambda c: (order.index(c) if c in order else len(order), c))
    ]
    return {"title": title, "physics": physics, "nodes": nodes, "edges": edges,
            "classes": classes, "communities": _community_legend(g, groups, by_degree),
            "capped": capped}


def _communities(simple: nx.Graph, core: list[Any], by_degree: list[Any]) -> list[set[Any]]:
    """Louvain communities of the ``core`` nodes, then each other node (best-connected
    first) joins the commonest community among its neighbours that have one; a node with
    none stays out. One pass over the edges beyond Louvain on the core."""
    if not core:
        return []
    groups = find_communities(simple.subgraph(core))
    if len(core) == simple.number_of_nodes():
        return groups
    of = {node: k for k, members in enumerate(groups) for node in members}
    for node in by_degree:
        if node in of:
            continue
        votes: dict[int, int] = {}
        for other in simple.adj[node]:
            k = of.get(other)
            if k is not None:
                votes[k] = votes.get(k, 0) + 1
        if votes:
            k = min(votes, key=lambda c: (-votes[c], c))
            of[node] = k
            groups[k].add(node)
    return groups


def _community_legend(g: nx.Graph, groups: list[set[Any]], by_degree: list[Any]) -> list[dict[str, Any]]:
    """One legend entry per community: its colour, size, and its best-connected member's
    label as its name; communities past the palette share one grey entry."""
    order = {node: k for k, node in enumerate(by_degree)}
    legend: list[dict[str, Any]] = []
    for k, members in enumerate(groups):
        if k < len(COMMUNITY_COLOURS):
            head = min(members, key=lambda v: order[v])
            legend.append({"id": k, "colour": COMMUNITY_COLOURS[k], "count": len(members),
                           "name": str(g.nodes[head].get("label") or head)})
        else:
            rest = sum(len(m) for m in groups[k:])
            legend.append({"id": -1, "colour": _SMALL_COMMUNITIES, "count": rest,
                           "name": f"{len(groups) - k} smaller communities"})
            break
    return legend


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("kgraph", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(g: nx.Graph, *, title: str = "kgraph network", **options: Any) -> str:
    """The page for ``g`` as a string (``options`` go to :func:`page_data`)."""
    data = page_data(g, title=title, **options)
    js, css = _vis_assets()
    env = _environment()
    app_js = (resources.files("kgraph") / "templates" / "network.js").read_text(encoding="utf-8")
    return env.get_template("network.html.j2").render(
        title=title,
        data_json=_safe_json(data),
        vis_js=Markup(js),  # noqa: S704 - trusted package code, checked in _vis_assets
        vis_css=Markup(css),  # noqa: S704 - trusted package CSS
        app_js=Markup(app_js),  # noqa: S704 - our own static script
        script_hashes=" ".join(_csp_hash(s) for s in (js, app_js)),
        counts=f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges",
    )


def write_html(g: nx.Graph, path: str | Path, *, title: str = "kgraph network", **options: Any) -> Path:
    """Write the page for ``g`` to ``path`` (only that file; parent folders are created).

    Raises:
        InputError: ``path`` cannot be written.
    """
    target = Path(path)
    html = render_html(g, title=title, **options)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"cannot write the page: {exc.strerror or exc}", source=target) from None
    return target
