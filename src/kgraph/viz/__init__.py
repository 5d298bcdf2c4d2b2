"""Networks of the knowledge graph: projection, analytics, interactive pages and exports.

>>> g = project(store)                        # entities as nodes, facts folded into edges
>>> write_html(ego_network(g, "Assomac", depth=2), "out/assomac.html")
>>> analyse(g, top=10).central[0].label

:func:`project` reads the store with SPARQL against the KG contract
(``ontology/README.md``); :func:`query_network` draws a CONSTRUCT or a SELECT of
``?s ?p ?o``. Pages are single offline files (vis-network inlined from pyvis, no CDN).
"""

from __future__ import annotations

from ._analytics import (
    Analysis,
    CentralEntity,
    analyse,
    betweenness_centrality,
    communities,
    degree_centrality,
    ego_network,
    find_node,
    shortest_path,
)
from ._export import FORMATS, export, flat_graph, write_gexf, write_graphml, write_image
from ._html import (
    CLASS_COLOURS,
    COMMUNITY_COLOURS,
    LABEL_TOP,
    NODE_LIMIT,
    PHYSICS_LIMIT,
    page_data,
    render_html,
    write_html,
)
from ._layout import fast_layout
from ._project import CLASS_OF_TYPE, network_from_triples, project, query_network, release_iri

__all__ = [
    "Analysis",
    "CLASS_COLOURS",
    "CLASS_OF_TYPE",
    "COMMUNITY_COLOURS",
    "CentralEntity",
    "FORMATS",
    "LABEL_TOP",
    "NODE_LIMIT",
    "PHYSICS_LIMIT",
    "analyse",
    "betweenness_centrality",
    "communities",
    "degree_centrality",
    "ego_network",
    "export",
    "fast_layout",
    "find_node",
    "flat_graph",
    "network_from_triples",
    "page_data",
    "project",
    "query_network",
    "release_iri",
    "render_html",
    "shortest_path",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_image",
]
