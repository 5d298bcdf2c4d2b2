"""Graph analytics on a projected network: centrality, communities, paths, ego networks.

All measures treat the network as undirected and simple (parallel edges collapse): a
membership or a market relation links two entities whichever way it was drawn.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import networkx as nx

from ..errors import InputError

__all__ = [
    "Analysis",
    "CentralEntity",
    "analyse",
    "betweenness_centrality",
    "communities",
    "degree_centrality",
    "ego_network",
    "find_node",
    "shortest_path",
]

#: Above this many nodes, betweenness is estimated from a sample of sources.
BETWEENNESS_EXACT_LIMIT = 2000


def _simple(g: nx.Graph) -> nx.Graph:
    return nx.Graph(g)


def degree_centrality(g: nx.Graph) -> dict[str, float]:
    """Degree centrality of every node (neighbours / (n - 1)), on the undirected simple graph."""
    return dict(nx.degree_centrality(_simple(g)))


def betweenness_centrality(g: nx.Graph, *, seed: int = 42) -> dict[str, float]:
    """Normalised betweenness centrality; estimated from 500 sampled sources on large graphs."""
    simple = _simple(g)
    k = 500 if simple.number_of_nodes() > BETWEENNESS_EXACT_LIMIT else None
    return dict(nx.betweenness_centrality(simple, k=k, seed=seed if k else None))


def communities(g: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities, largest first (deterministic for a given ``seed``)."""
    simple = _simple(g)
    if simple.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(simple, seed=seed, resolution=resolution)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))


def find_node(g: nx.Graph, name: str) -> str:
    """The node named by ``name``: its IRI, its label or an alternative label (any case),
    or a unique label containing it.

    Raises:
        InputError: no node or several nodes match (the message suggests close labels).
    """
    if name in g:
        return name
    wanted = name.strip().casefold()
    exact: list[str] = []
    partial: list[str] = []
    for node, data in g.nodes(data=True):
        label = str(data.get("label", "")).casefold()
        alts = [a.strip().casefold() for a in str(data.get("altLabel", "")).split(";") if a.strip()]
        if wanted == label or wanted in alts:
            exact.append(node)
        elif wanted and wanted in label:
            partial.append(node)
    if len(exact) == 1:
        return exact[0]
    candidates = exact or partial
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        labels = sorted(str(g.nodes[n].get("label", n)) for n in candidates)
        raise InputError(f"ambiguous entity, it matches: {', '.join(labels[:10])}", source=name)
    labels = [str(d.get("label", n)) for n, d in g.nodes(data=True)]
    close = difflib.get_close_matches(name, labels, n=5, cutoff=0.5)
    hint = f" (did you mean: {', '.join(close)}?)" if close else ""
    raise InputError(f"no entity with this name or IRI in the network{hint}", source=name)


def shortest_path(g: nx.Graph, source: str, target: str) -> list[str]:
    """Nodes on a shortest path between two entities (names as for :func:`find_node`).

    Raises:
        InputError: an entity is unknown or ambiguous, or no path joins them.
    """
    a, b = find_node(g, source), find_node(g, target)
    try:
        return list(nx.shortest_path(_simple(g), a, b))
    except nx.NetworkXNoPath:
        raise InputError(
            f"no path between {g.nodes[a].get('label', a)!r} and {g.nodes[b].get('label', b)!r}",
            source=f"{source} -> {target}",
        ) from None


def ego_network(g: nx.MultiDiGraph, center: str, *, depth: int = 2) -> nx.MultiDiGraph:
    """The entities within ``depth`` hops of ``center`` (either direction) and the edges
    among them, attributes kept.

    Raises:
        InputError: ``center`` is unknown or ambiguous, or ``depth`` is negative.
    """
    if depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}", source="--depth")
    node = find_node(g, center)
    ego = nx.ego_graph(g, node, radius=depth, undirected=True)
    return ego.copy()


@dataclass
class CentralEntity:
    node: str
    label: str
    cls: str
    degree: float
    betweenness: float


@dataclass
class Analysis:
    """What ``kgraph analyse`` prints."""

    nodes: int
    edges: int
    central: list[CentralEntity] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)  # labels, largest community first
    path: list[str] | None = None  # labels along the shortest path, when asked


def analyse(
    g: nx.MultiDiGraph,
    *,
    top: int = 10,
    path: tuple[str, str] | None = None,
    seed: int = 42,
) -> Analysis:
    """The ``top`` most central entities (by betweenness, then degree), the Louvain
    communities, and the shortest path between the two entities of ``path``.

    Raises:
        InputError: ``top`` is below 1, or a ``path`` end is unknown or unreachable.
    """
    if top < 1:
        raise InputError(f"top must be 1 or more, not {top}", source="--top")
    degree = degree_centrality(g)
    between = betweenness_centrality(g, seed=seed)

    def label(n: str) -> str:
        return str(g.nodes[n].get("label", n))

    ranked = sorted(g.nodes, key=lambda n: (-between.get(n, 0.0), -degree.get(n, 0.0), label(n)))
    central = [
        CentralEntity(n, label(n), str(g.nodes[n].get("cls", "")), degree.get(n, 0.0),
                      between.get(n, 0.0))
        for n in ranked[:top]
    ]
    groups = [sorted((label(n) for n in c), key=str.casefold) for c in communities(g, seed=seed)]
    result = Analysis(g.number_of_nodes(), g.number_of_edges(), central, groups)
    if path is not None:
        result.path = [label(n) for n in shortest_path(g, path[0], path[1])]
    return result
