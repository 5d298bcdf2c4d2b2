"""Releases from the web: ``kgraph build https://...`` fetches a page politely and caches it.

A page is fetched with kgraph's descriptive User-Agent, only where the site's robots.txt
allows it (a robots.txt that is missing, 4xx, allows everything; one that cannot be read,
5xx or no answer, allows nothing, as RFC 9309 asks), with a timeout on every network step
and on the whole download, and within the release size limit. Only HTML, plain text,
Markdown and PDF are accepted (by the ``Content-Type`` header). What was fetched is kept in the
page cache (``KGRAPH_PAGE_CACHE``, default ``data/cache/pages``) beside a small JSON record
(URL, time, type, ``ETag``/``Last-Modified``): a later build asks the site whether the page
changed (a conditional GET) and uses the cached copy on ``304 Not Modified``, or when the
site cannot be reached. The cached file is then read like any release file (HTML main text
by trafilatura), its name made from the URL (host and path), so a date in the URL is the
release's file-name date. :func:`read_feed` reads an RSS or Atom feed (the ``feeds``
extra, feedparser) fetched the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from .config import USER_AGENT, Settings
from .errors import ReleaseError

__all__ = ["is_url", "fetch_release", "FetchedPage", "page_slug", "CONTENT_TYPES", "FEED_TYPES",
           "FeedItem", "read_feed"]

CONTENT_TYPES = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
    "text/markdown": ".md", "text/x-markdown": ".md", "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
"""The content types a release page may have, and the suffix its cached copy gets."""
FEED_TYPES = {
    "application/rss+xml": ".xml", "application/atom+xml": ".xml", "application/xml": ".xml",
    "text/xml": ".xml", "application/rdf+xml": ".xml",
}
"""The content types of an RSS or Atom feed."""

_URL = re.compile(r"^https?://", re.I)
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 100
_CHUNK = 64 * 1024


def is_url(value: object) -> bool:
    """Whether a build argument is an http(s) URL rather than a path."""
    return isinstance(value, str) and bool(_URL.match(value))


@dataclass(frozen=True)
class FetchedPage:
    """A page as the cache holds it."""

    url: str
    path: Path  # the cached copy, read like a release file
    from_cache: bool  # the site was not asked again, or answered 304
    warning: str | None = None


def page_slug(url: str) -> str:
    """The release name of a URL: host and path in lower case, other characters ``-``
    (``https://www.acimit.it/news/2024-05-17-orders.html`` ->
    ``acimit-it-news-2024-05-17-orders``); long names end in a hash so they stay unique.

    >>> page_slug("https://www.acimit.it/news/2024-05-17-orders.html")
    'acimit-it-news-2024-05-17-orders'
    >>> page_slug("http://127.0.0.1:8080/a?id=7")
    '127-0-0-1-8080-a-id-7'
    """
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = re.sub(r"\.(html?|php|aspx?|txt|md)$", "", parts.path, flags=re.I)
    raw = f"{host}{path}" + (f"?{parts.query}" if parts.query else "")
    slug = _SLUG_CHARS.sub("-", raw.lower()).strip("-") or "page"
    if len(slug) > _MAX_SLUG:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
        slug = f"{slug[:_MAX_SLUG - 11].rstrip('-')}-{digest}"
    return slug


class _Robots:
    """robots.txt verdicts, one fetch per site and process."""

    def __init__(self) -> None:
        self._sites: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def allowed(self, url: str, *, timeout: float) -> bool | None:
        """Whether robots.txt allows ``url``; ``None`` when it could not be read."""
        parts = urllib.parse.urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._sites:
            self._sites[site] = self._read(site, timeout=timeout)
        parser = self._sites[site]
        return None if parser is None else parser.can_fetch(USER_AGENT, url)

    @staticmethod
    def _read(site: str, *, timeout: float) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser(f"{site}/robots.txt")
        request = urllib.request.Request(f"{site}/robots.txt", headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - http(s) only
                body = answer.read(512 * 1024)
        except urllib.error.HTTPError as exc:
            if 400 <= exc.code < 500:  # no robots.txt: everything is allowed
                parser.parse([])
                return parser
            return None
        except (urllib.error.URLError, OSError, TimeoutError):
            return None
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser


_ROBOTS = _Robots()


def _content_type(headers: Message) -> tuple[str, str | None]:
    return headers.get_content_type().lower(), headers.get_content_charset()


def _read_body(answer: object, *, limit: int, deadline: float, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise ReleaseError("the download took too long and was stopped", source=url)
        chunk = answer.read(_CHUNK)  # type: ignore[attr-defined]
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise ReleaseError(f"the page is larger than the release size limit ({limit} bytes; "
                               "set KGRAPH_MAX_RELEASE_BYTES to raise it)", source=url)
        chunks.append(chunk)


def _record_path(folder: Path, slug: str) -> Path:
    return folder / f"{slug}.json"


def fetch_release(url: str, settings: Settings, *, robots: _Robots | None = None,
                  types: dict[str, str] | None = None) -> FetchedPage:
    """Fetch ``url`` into the page cache (or revalidate the cached copy) and return it.
    ``types`` maps the accepted content types to the cached file's suffix (default: the
    release types, :data:`CONTENT_TYPES`).

    Raises:
        ReleaseError: robots.txt forbids the page, the site answered with an error status,
            a wrong content type, a body over the size limit, or too slowly, or could not be
            reached with nothing cached (the message names the URL).
    """
    robots = robots or _ROBOTS
    types = types or CONTENT_TYPES
    timeout = settings.fetch_timeout
    folder = Path(settings.page_cache)
    slug = page_slug(url)
    record_path = _record_path(folder, slug)
    record: dict[str, str] = {}
    if record_path.is_file():
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
    cached = folder / record.get("file", "-") if record.get("url") == url else None
    if cached is not None and not cached.is_file():
        cached = None
    verdict = robots.allowed(url, timeout=timeout)
    if verdict is None and cached is not None:
        return FetchedPage(url, cached, from_cache=True, warning=f"{url}: the site's robots.txt "
                           "could not be read; used the cached copy")
    if verdict is None:
        raise ReleaseError("the site's robots.txt could not be read (an error status or no "
                           "answer), so kgraph fetches nothing from it", source=url)
    if not verdict:
        raise ReleaseError("the site's robots.txt does not allow kgraph to fetch this page",
                           source=url)
    headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(types)}
    if cached is not None:
        if record.get("etag"):
            headers["If-None-Match"] = record["etag"]
        if record.get("last_modified"):
            headers["If-Modified-Since"] = record["last_modified"]
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + max(timeout, 0.1) * 3
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - http(s) only
            kind, charset = _content_type(answer.headers)
            if kind not in types:
                raise ReleaseError(f"unsupported content type {kind!r} (kgraph reads "
                                   f"{', '.join(sorted(types))})", source=url)
            length = answer.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > settings.max_release_bytes:
                raise ReleaseError(f"the page is larger than the release size limit "
                                   f"({settings.max_release_bytes} bytes; set "
                                   "KGRAPH_MAX_RELEASE_BYTES to raise it)", source=url)
            body = _read_body(answer, limit=settings.max_release_bytes, deadline=deadline, url=url)
            etag, modified = answer.headers.get("ETag"), answer.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and cached is not None:
            return FetchedPage(url, cached, from_cache=True)
        raise ReleaseError(f"the site answered {exc.code} {exc.reason}", source=url) from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        if cached is not None:
            return FetchedPage(url, cached, from_cache=True,
                               warning=f"{url}: could not fetch ({reason}); used the cached copy")
        raise ReleaseError(f"could not fetch the page: {reason}", source=url) from None
    textual = kind.startswith("text/") or kind == "application/xhtml+xml"
    if textual and charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        # The header names the charset: store UTF-8 so reading needs no guess.
        try:
            body = body.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass
    target = folder / f"{slug}{types[kind]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        record = {"url": url, "file": target.name, "content_type": kind,
                  "fetched": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()}
        if etag:
            record["etag"] = etag
        if modified:
            record["last_modified"] = modified
        record_path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ReleaseError(f"cannot write the page cache: {exc.strerror or exc}",
                           source=folder) from None
    return FetchedPage(url, target, from_cache=False)


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: the page it links to and the date the feed gives it."""

    link: str
    date: dt.date | None
    title: str


def read_feed(url: str, settings: Settings, *, robots: _Robots | None = None) -> list[FeedItem]:
    """The entries of the RSS or Atom feed at ``url`` (fetched like a page, into the page
    cache), those with an http(s) link, in feed order.

    Raises:
        ReleaseError: the ``feeds`` extra is missing, the feed cannot be fetched (as
            :func:`fetch_release`), or it is not a feed.
    """
    try:
        import feedparser
    except ImportError:
        raise ReleaseError("reading feeds needs the feeds extra: pip install 'kgraph[feeds]'",
                           source=url) from None
    page = fetch_release(url, settings, robots=robots, types=FEED_TYPES)
    parsed = feedparser.parse(page.path.read_bytes())
    if parsed.get("bozo") and not parsed.get("entries"):
        raise ReleaseError(f"not an RSS or Atom feed: {parsed.get('bozo_exception')}", source=url)
    items = []
    for entry in parsed.get("entries", []):
        link = urllib.parse.urljoin(url, str(entry.get("link") or ""))
        if not is_url(link):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        items.append(FeedItem(link, date, str(entry.get("title") or "")))
    return items
