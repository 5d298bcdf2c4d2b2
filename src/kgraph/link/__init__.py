"""Links to open data: Wikidata reconciliation and enrichment, code lists, offline cache.

The entry points are :func:`link` (what ``kgraph link`` runs) and :func:`link_offline`
(curated links, code lists and cached answers, what ``kgraph run`` applies). The
:class:`WikidataClient` is polite (User-Agent, one request at a time, VALUES batches of
50 by POST, Retry-After, backoff, timeouts) and caches every answer on disk
(:class:`ResponseCache`), so re-runs and ``--offline`` need no network.
"""

from __future__ import annotations

from ._codelists import PlaceCode, code_iri, codelists_graph, place_codes, scheme_iri
from ._errors import CacheMiss, EntitySkipped, WikidataUnavailable
from ._federation import redirect_service, uses_service
from ._linker import (
    CODELISTS_GRAPH,
    LINKS_GRAPH,
    WIKIDATA_GRAPH,
    CuratedLink,
    Link,
    LinkReport,
    link,
    link_offline,
    read_curated,
)
from ._reconcile import (
    MARGIN,
    THRESHOLD,
    Candidate,
    Decision,
    Entity,
    Reconciliation,
    WikidataItem,
    candidate_query,
    enrichment_query,
    find_entities,
    reconcile,
)
from ._review import ReviewedLink, read_review, write_review
from ._wikidata import WIKIDATA_ENDPOINT, ResponseCache, SparqlResponse, WikidataClient

__all__ = [
    "link", "link_offline", "LinkReport", "Link", "CuratedLink", "read_curated",
    "WikidataClient", "ResponseCache", "SparqlResponse", "WIKIDATA_ENDPOINT",
    "EntitySkipped", "CacheMiss", "WikidataUnavailable",
    "Entity", "WikidataItem", "Candidate", "Decision", "Reconciliation", "THRESHOLD", "MARGIN",
    "find_entities", "candidate_query", "enrichment_query", "reconcile",
    "ReviewedLink", "read_review", "write_review",
    "codelists_graph", "place_codes", "PlaceCode", "code_iri", "scheme_iri",
    "redirect_service", "uses_service",
    "LINKS_GRAPH", "WIKIDATA_GRAPH", "CODELISTS_GRAPH",
]
