"""A polite Wikidata SPARQL client with a disk cache of responses.

Wikidata's query service asks clients for a descriptive User-Agent, one request at a
time, and to honour ``Retry-After`` on 429. Every response is checked (status, content
type, JSON shape) before it is believed: an HTML page or truncated JSON with status 200
is a fault, not data. Retry knobs are class attributes so tests can make them small.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import json
import os
import tempfile
import threading
import time
import urllib.error
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    Unauthorized,
    URITooLong,
)

from .._http import retry_after
from ..config import USER_AGENT
from ..errors import ConfigError
from ._errors import CacheMiss, EntitySkipped, WikidataUnavailable

__all__ = ["WIKIDATA_ENDPOINT", "ResponseCache", "SparqlResponse", "WikidataClient"]

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"

# One request at a time per process, whatever the number of clients (Wikidata's policy).
_REQUEST_LOCK = threading.Lock()

_JSON_TYPES = ("application/sparql-results+json", "application/json")


@dataclass
class SparqlResponse:
    """A checked SELECT answer: rows of rdflib terms and when it was retrieved."""

    vars: list[str]
    rows: list[dict[str, Node]]
    retrieved: dt.datetime
    from_cache: bool = False


class ResponseCache:
    """Responses on disk, one JSON file per (endpoint, query), keyed by their SHA-256.

    Files are written atomically (temporary file, then rename), so an interrupted run
    never leaves a half-written entry; an unreadable entry counts as a miss.
    """

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.dropped: list[str] = []  # "path: reason" of each bad entry deleted

    @staticmethod
    def key(endpoint: str, query: str) -> str:
        return hashlib.sha256(f"{endpoint}\n{query}".encode()).hexdigest()

    def path(self, endpoint: str, query: str) -> Path:
        k = self.key(endpoint, query)
        return self.directory / k[:2] / f"{k}.json"

    def get(self, endpoint: str, query: str) -> tuple[dict[str, Any], dt.datetime] | None:
        """The cached JSON answer and its retrieval time, or ``None``.

        An entry that cannot be believed (unreadable JSON, not a SPARQL SELECT result, a
        binding of the wrong shape) is deleted, so that one bad answer does not poison every
        later run, and its reason is appended to :attr:`dropped`.
        """
        p = self.path(endpoint, query)
        try:
            raw = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self._drop(p, f"unreadable: {exc}")
            return None
        try:
            entry = json.loads(raw)
        except ValueError as exc:
            self._drop(p, f"malformed JSON: {exc}")
            return None
        if not isinstance(entry, dict):
            self._drop(p, "not a cache entry")
            return None
        if entry.get("endpoint") != endpoint or entry.get("query") != query:
            return None  # a hash collision or another endpoint's entry: not ours to delete
        problem = select_json_problem(entry.get("response"))
        if problem is not None:
            self._drop(p, problem)
            return None
        try:
            when = dt.datetime.fromisoformat(str(entry["retrieved"]))
        except (KeyError, ValueError) as exc:
            self._drop(p, f"no retrieval time: {exc}")
            return None
        return entry["response"], when

    def _drop(self, p: Path, reason: str) -> None:
        try:
            p.unlink(missing_ok=True)
        except OSError:  # a read-only cache: the entry is still ignored
            pass
        self.dropped.append(f"{p}: {reason}")

    def put(self, endpoint: str, query: str, response: Mapping[str, Any], retrieved: dt.datetime) -> None:
        """Store one answer.

        Raises:
            ConfigError: the cache folder cannot be written (``KGRAPH_CACHE_DIR``).
        """
        try:
            self._put(endpoint, query, response, retrieved)
        except OSError as exc:
            raise ConfigError(f"cannot write the Wikidata cache (KGRAPH_CACHE_DIR): {exc.strerror or exc}",
                              source=self.directory) from None

    def _put(self, endpoint: str, query: str, response: Mapping[str, Any], retrieved: dt.datetime) -> None:
        p = self.path(endpoint, query)
        p.parent.mkdir(parents=True, exist_ok=True)
        entry = {"endpoint": endpoint, "query": query, "retrieved": retrieved.isoformat(),
                 "response": response}
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entry, fh, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class _Retryable(Exception):
    """A transient fault: wait ``wait`` seconds (None: exponential backoff) and try again."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


@dataclass
class _Stats:
    requests: int = 0
    cache_hits: int = 0
    waits: list[float] = field(default_factory=list)
    # Cached answers found malformed and deleted: one line each, for the run's warnings.
    dropped: list[str] = field(default_factory=list)


class WikidataClient:
    """SELECT queries against Wikidata (or a stand-in endpoint), cached on disk.

    ``offline=True`` answers from the cache only. The knobs below are class attributes
    (set them on the class or an instance; tests make them small):

    Raises (from :meth:`select`):
        WikidataUnavailable: the endpoint kept failing after the bounded retries, asked to
            wait longer than ``max_retry_after``, or is not there (404, 401).
        EntitySkipped: the endpoint refused this query (400, 414); skip its entities.
        CacheMiss: offline and the answer is not cached.
    """

    max_retries: int = 4  # retries after the first attempt
    backoff_base: float = 2.0  # seconds; doubles on every retry
    backoff_max: float = 60.0
    max_retry_after: float = 300.0  # a longer Retry-After stops the run instead
    timeout: float = 60.0  # socket timeout per request, seconds
    batch_size: int = 50  # entities per VALUES block

    def __init__(
        self,
        endpoint: str = WIKIDATA_ENDPOINT,
        *,
        cache: ResponseCache | None = None,
        offline: bool = False,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint
        self.cache = cache
        self.offline = offline
        self.user_agent = user_agent
        self._sleep = sleep
        self.stats = _Stats()

    @property
    def requests(self) -> int:
        """HTTP requests issued so far (retries included)."""
        return self.stats.requests

    def select(self, query: str) -> SparqlResponse:
        """Run a SELECT query; answered from the cache when it is there, else fetched
        (with the retries above) and cached.

        Raises:
            WikidataUnavailable: the endpoint kept failing; stop the run.
            EntitySkipped: the endpoint refused this query; skip what it was for.
            CacheMiss: offline and not cached.
            ConfigError: the cache folder cannot be written.
        """
        if self.cache is not None:
            before = len(self.cache.dropped)
            hit = self.cache.get(self.endpoint, query)
            self.stats.dropped.extend(self.cache.dropped[before:])
            if hit is not None:
                self.stats.cache_hits += 1
                return _parse(hit[0], hit[1], from_cache=True)
        if self.offline:
            raise CacheMiss("offline and this query's answer is not cached", source=self.endpoint)
        payload, retrieved = self._fetch(query)
        if self.cache is not None:
            self.cache.put(self.endpoint, query, payload, retrieved)
        return _parse(payload, retrieved, from_cache=False)

    # -- network -------------------------------------------------------------------------

    def _fetch(self, query: str) -> tuple[dict[str, Any], dt.datetime]:
        attempt = 0
        while True:
            try:
                with _REQUEST_LOCK:
                    return self._once(query)
            except _Retryable as fault:
                if attempt >= self.max_retries:
                    raise WikidataUnavailable(
                        f"gave up after {attempt + 1} attempts: {fault.reason}", source=self.endpoint
                    ) from None
                if fault.wait is not None:
                    if fault.wait > self.max_retry_after:
                        raise WikidataUnavailable(
                            f"{fault.reason}; asked to wait {fault.wait:g} s, more than "
                            f"{self.max_retry_after:g} s", source=self.endpoint
                        ) from None
                    wait = fault.wait
                else:
                    wait = min(self.backoff_max, self.backoff_base * (2 ** attempt))
                self.stats.waits.append(wait)
                if wait > 0:
                    self._sleep(wait)
                attempt += 1

    def _once(self, query: str) -> tuple[dict[str, Any], dt.datetime]:
        sw = SPARQLWrapper(self.endpoint, agent=self.user_agent, returnFormat=JSON)
        sw.setMethod(POST)
        sw.setRequestMethod(URLENCODED)
        sw.setOnlyConneg(True)
        sw.setQuery(query)
        # setTimeout() truncates to whole seconds; urlopen takes a float.
        sw.timeout = self.timeout  # type: ignore[assignment]
        self.stats.requests += 1
        try:
            result = sw.query()
            ctype = result.info().get("content-type", "")
            body = result.response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 429:
                raise _Retryable("429 Too Many Requests", retry_after(exc.headers.get("Retry-After"))) from None
            if exc.code in (502, 503, 504):
                raise _Retryable(f"HTTP {exc.code}", retry_after(exc.headers.get("Retry-After"))) from None
            raise WikidataUnavailable(f"HTTP {exc.code} {exc.reason}", source=self.endpoint) from None
        except EndPointInternalError:
            raise _Retryable("HTTP 500 (internal server error)") from None
        except (QueryBadFormed, URITooLong) as exc:
            raise EntitySkipped(f"the endpoint refused the query: {_first_line(exc)}", source=self.endpoint) from None
        except (EndPointNotFound, Unauthorized) as exc:
            raise WikidataUnavailable(f"not a usable SPARQL endpoint: {_first_line(exc)}", source=self.endpoint) from None
        except TimeoutError:
            raise _Retryable(f"no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Retryable(f"no answer within {self.timeout:g} s") from None
            raise _Retryable(f"cannot connect: {exc.reason}") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise _Retryable(f"connection broken: {type(exc).__name__}: {exc}") from None
        retrieved = dt.datetime.now(dt.UTC).replace(microsecond=0)
        mime = ctype.split(";")[0].strip().lower()
        if mime not in _JSON_TYPES:
            raise _Retryable(f"expected SPARQL JSON results, got content type {mime or 'none'!r}")
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise _Retryable(f"malformed or truncated JSON ({len(body)} bytes): {exc}") from None
        problem = select_json_problem(payload)
        if problem is not None:
            raise _Retryable(problem)
        return payload, retrieved


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


_TERM_TYPES = ("uri", "literal", "typed-literal", "bnode")


def select_json_problem(payload: Any) -> str | None:
    """Why ``payload`` is not a SPARQL 1.1 JSON SELECT result, or ``None`` when it is one.

    Every binding is checked down to its terms, so an answer that passes can be turned
    into rows without a surprise, and a bad one is never cached.

    >>> select_json_problem({"head": {"vars": ["x"]}, "results": {"bindings": [
    ...     {"x": {"type": "uri", "value": "http://www.wikidata.org/entity/Q38"}}]}}) is None
    True
    >>> select_json_problem({"head": {"vars": ["x"]}, "results": {"bindings": [{"x": "Q38"}]}})
    "binding 1: the value of 'x' is not a term object"
    >>> select_json_problem([])
    'the JSON is not a SPARQL SELECT result (no head.vars / results.bindings)'
    """
    if not (
        isinstance(payload, dict)
        and isinstance(payload.get("head"), dict)
        and isinstance(payload["head"].get("vars"), list)
        and isinstance(payload.get("results"), dict)
        and isinstance(payload["results"].get("bindings"), list)
    ):
        return "the JSON is not a SPARQL SELECT result (no head.vars / results.bindings)"
    if not all(isinstance(v, str) for v in payload["head"]["vars"]):
        return "head.vars holds something other than variable names"
    for n, binding in enumerate(payload["results"]["bindings"], 1):
        if not isinstance(binding, dict):
            return f"binding {n} is not an object"
        for name, term in binding.items():
            if not isinstance(term, dict):
                return f"binding {n}: the value of {name!r} is not a term object"
            if term.get("type") not in _TERM_TYPES:
                return f"binding {n}: {name!r} has no valid type ({term.get('type')!r})"
            if not isinstance(term.get("value"), str):
                return f"binding {n}: {name!r} has no string value"
            for extra in ("xml:lang", "datatype"):
                if extra in term and not isinstance(term[extra], str):
                    return f"binding {n}: {name!r} has a {extra} that is not a string"
    return None


def _term(value: Mapping[str, Any]) -> Node:
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    lang = value.get("xml:lang")
    if lang:
        return Literal(text, lang=lang)
    datatype = value.get("datatype")
    return Literal(text, datatype=URIRef(datatype) if datatype else None)


def _parse(payload: Mapping[str, Any], retrieved: dt.datetime, *, from_cache: bool) -> SparqlResponse:
    vars_ = [str(v) for v in payload["head"]["vars"]]
    rows = [{k: _term(v) for k, v in b.items()} for b in payload["results"]["bindings"]]
    return SparqlResponse(vars_, rows, retrieved, from_cache)
