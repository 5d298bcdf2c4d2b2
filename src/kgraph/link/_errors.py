"""The two ways a linking step can fail: skip what cannot be linked, or stop the run."""

from __future__ import annotations

from ..errors import KGraphError, ServiceUnavailable

__all__ = ["EntitySkipped", "CacheMiss", "WikidataUnavailable"]


class EntitySkipped(KGraphError):
    """The entities of one request cannot be reconciled (the endpoint refused the query,
    or ``--offline`` and the answer is not cached); the run goes on without them."""


class CacheMiss(EntitySkipped):
    """Offline, and the response to this query is not in the cache."""


class WikidataUnavailable(ServiceUnavailable):
    """Wikidata (or the configured endpoint) kept failing: the run stops, nothing is written."""
