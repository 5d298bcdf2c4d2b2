"""Releases from the web (issue 13): `kgraph build URL` against a loopback server that
serves pages, robots.txt, redirects, errors, a slow answer, a wrong content type and a
huge body. Nothing leaves this machine."""

from __future__ import annotations

import doctest
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph import fetch
from kgraph.cli import app
from kgraph.config import USER_AGENT, Settings
from kgraph.errors import ReleaseError
from kgraph.pipeline import build
from kgraph.store import OxigraphStore, SelectResult

ARTICLE = """<html><head><title>Cutting machines abroad</title>
<meta property="article:published_time" content="2024-05-17T09:00:00+02:00"></head>
<body><nav>Home | News | Contacts</nav><article><h1>Cutting machines abroad</h1>
<p>Milan, 17 May 2024. Makers of leather cutting machines sold more abroad this spring,
the association reported, with buyers in Vietnam and Mexico leading the demand.</p>
<p>The association expects the trend to hold until the end of the year.</p>
</article><footer>All rights reserved</footer></body></html>"""
UNDATED = """<html><head><title>Tanning lines</title>
<meta name="date" content="2023-02-08"></head><body><article><h1>Tanning lines</h1>
<p>Tanneries in the district are replacing their drying lines with models that use less
energy, according to a survey the association ran among its members.</p>
<p>Most of them plan further purchases in the coming months.</p></article></body></html>"""
PLAIN = "Vigevano - The association opened a training centre for machine technicians.\n"


class Site(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, str]] = []  # path, User-Agent, If-None-Match
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.article = ARTICLE
        self.folder = "."

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on the huge body is expected, not worth a traceback

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(http.server.BaseHTTPRequestHandler):
    server: Site

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, code: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.server.requests.append((self.path, self.headers.get("User-Agent", ""),
                                     self.headers.get("If-None-Match", "")))
        path = self.path
        if path == "/robots.txt":
            if self.server.robots == "500":
                self._send(500, b"oops", "text/plain")
            else:
                self._send(200, self.server.robots.encode(), "text/plain")
        elif path == "/news/2024-05-17-cutting.html":
            tag = f'"{hash(self.server.article)}"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            self._send(200, self.server.article.encode(), "text/html; charset=utf-8", ETag=tag)
        elif path == "/news/tanning":
            self._send(200, UNDATED.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/notes/training.txt":
            self._send(200, PLAIN.encode(), "text/plain; charset=utf-8")
        elif path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/notes/training.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/feed.xml":
            items = "".join(
                f"<item><title>{t}</title><link>{self.server.url}{p}</link>{d}</item>"
                for t, p, d in (
                    ("Cutting machines", "/news/2024-05-17-cutting.html",
                     "<pubDate>Fri, 17 May 2024 08:00:00 GMT</pubDate>"),
                    ("Training centre", "/notes/training.txt",
                     "<pubDate>Tue, 09 Jan 2024 10:00:00 GMT</pubDate>"),
                    ("Gone", "/missing.html", "")))
            rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
                   f"<link>{self.server.url}/</link>{items}</channel></rss>")
            self._send(200, rss.encode(), "application/rss+xml")
        elif path == "/report.pdf":
            from pdf_maker import column_pages, write_pdf

            pdf = write_pdf(Path(self.server.folder) / "report.pdf", column_pages(
                [PLAIN.strip(), "The centre will train forty technicians a year."]))
            self._send(200, pdf.read_bytes(), "application/pdf")
        elif path == "/private/secret.html":
            self._send(200, ARTICLE.encode(), "text/html")
        elif path == "/broken":
            self._send(500, b"internal error", "text/plain")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE.encode(), "text/html")
        elif path == "/logo.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
        elif path == "/huge":
            self._send(200, b"<p>" + b"x" * 300_000 + b"</p>", "text/html")
        elif path == "/huge-unsized":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
        else:
            self._send(404, b"not found", "text/plain")


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(page_cache=tmp_path / "pages", fetch_timeout=1.0, max_release_bytes=200_000,
                    judgements=tmp_path / "judgements.csv")


def _release_facts(store: OxigraphStore) -> dict[str, str]:
    # The release is also derived from the quotes of its title and dateline (annotations).
    rows = store.query("SELECT DISTINCT ?src ?derived ?pub ?how ?file WHERE { ?r a kg:PressRelease ; "
                       "dct:source ?src ; prov:wasDerivedFrom ?derived ; kg:sourceFile ?file . "
                       "FILTER NOT EXISTS { ?derived oa:hasSelector ?s } "
                       "OPTIONAL { ?r schema:datePublished ?pub ; kg:dateSource ?how } }")
    assert isinstance(rows, SelectResult) and len(rows) == 1, rows.rows
    return {k: str(v) for k, v in rows[0].items() if v is not None}


def test_page_slug_doctests() -> None:
    assert doctest.testmod(fetch).failed == 0


def test_a_page_is_fetched_politely_built_and_cached(site: Site, settings: Settings) -> None:
    url = f"{site.url}/news/2024-05-17-cutting.html"
    store = OxigraphStore()
    report = build(store, [url], settings=settings)
    assert report.exit_code == 0, report.lines()
    facts = _release_facts(store)
    assert facts["src"] == url and facts["derived"] == url
    assert (facts["pub"], facts["how"]) == ("2024-05-17", "text")
    assert facts["file"] == f"127-0-0-1-{site.server_address[1]}-news-2024-05-17-cutting.html"
    text = store.query("SELECT ?t WHERE { ?r schema:text ?t }")
    assert isinstance(text, SelectResult)
    body = str(text.rows[0]["t"])
    assert "Vietnam" in body and "All rights reserved" not in body and "Home | News" not in body
    # robots.txt first, then the page, both with kgraph's User-Agent.
    assert [p for p, _, _ in site.requests] == ["/robots.txt", "/news/2024-05-17-cutting.html"]
    assert all(agent == USER_AGENT for _, agent, _ in site.requests)
    cached = sorted(p.name for p in settings.page_cache.iterdir())
    assert len(cached) == 2 and cached[0].endswith(".html") and cached[1].endswith(".json")
    # A second build asks whether the page changed (304) and skips the unchanged release.
    again = build(store, [url], settings=settings)
    assert len(again.skipped) == 1 and not again.releases
    assert site.requests[-1][2]  # sent If-None-Match
    # The page changes: fetched again and rebuilt.
    site.article = ARTICLE.replace("Mexico", "Brazil")
    third = build(store, [url], settings=settings)
    assert len(third.releases) == 1


def test_page_metadata_date_charset_and_redirects(site: Site, settings: Settings) -> None:
    store = OxigraphStore()
    report = build(store, [f"{site.url}/news/tanning"], settings=settings)
    assert report.exit_code == 0, report.lines()
    facts = _release_facts(store)
    assert (facts["pub"], facts["how"]) == ("2023-02-08", "page-metadata")
    store = OxigraphStore()
    report = build(store, [f"{site.url}/moved"], settings=settings)
    assert report.exit_code == 0, report.lines()
    assert _release_facts(store)["src"] == f"{site.url}/moved"


@pytest.mark.parametrize("path, problem", [
    ("/private/secret.html", "robots.txt"),
    ("/missing.html", "answered 404"),
    ("/broken", "answered 500"),
    ("/slow", "could not fetch the page"),
    ("/logo.png", "unsupported content type 'image/png'"),
    ("/huge", "larger than the release size limit"),
    ("/huge-unsized", "larger than the release size limit"),
])
def test_refused_pages_fail_alone(site: Site, settings: Settings, tmp_path: Path,
                                  path: str, problem: str) -> None:
    good = tmp_path / "note-2024-01-01.txt"
    good.write_text(PLAIN, encoding="utf-8")
    store = OxigraphStore()
    started = time.monotonic()
    report = build(store, [good, f"{site.url}{path}"], settings=settings)
    assert time.monotonic() - started < 20
    assert report.exit_code == 1
    assert [r.slug for r in report.releases] == ["note-2024-01-01"]
    (failure,) = report.failures
    assert failure.path == f"{site.url}{path}" and problem in failure.message


def test_a_pdf_page_is_read_as_a_pdf(site: Site, settings: Settings, tmp_path: Path) -> None:
    pytest.importorskip("pdfminer", reason="the pdf extra (pdfminer.six) is not installed")
    site.folder = str(tmp_path)
    store = OxigraphStore()
    report = build(store, [f"{site.url}/report.pdf"], settings=settings)
    assert report.exit_code == 0, report.lines()
    assert report.releases[0].encoding == "pdf"
    assert report.releases[0].path.suffix == ".pdf"


def test_a_feed_builds_the_pages_not_yet_in_the_store(site: Site, tmp_path: Path) -> None:
    pytest.importorskip("feedparser", reason="the feeds extra (feedparser) is not installed")
    env = {"KGRAPH_PAGE_CACHE": str(tmp_path / "pages"), "KGRAPH_FETCH_TIMEOUT": "2",
           "KGRAPH_JUDGEMENTS": str(tmp_path / "judgements.csv")}
    url = f"oxigraph:{tmp_path / 'store'}"
    result = CliRunner().invoke(app, ["--store", url, "build", "--feed", f"{site.url}/feed.xml"],
                                env=env)
    assert result.exit_code == 1, result.output  # the item that is gone fails alone
    assert "3 item(s), 3 not yet in the store" in result.output
    assert "2 release(s) loaded" in result.output
    assert f"kgraph: failed: {site.url}/missing.html: the site answered 404" in result.output
    store = OxigraphStore(tmp_path / "store")
    rows = store.query("SELECT ?src ?pub ?how WHERE { ?r dct:source ?src ; "
                       "schema:datePublished ?pub ; kg:dateSource ?how }")
    assert isinstance(rows, SelectResult)
    dates = {str(r["src"]).rsplit("/", 1)[-1]: (str(r["pub"]), str(r["how"])) for r in rows}
    assert dates == {"2024-05-17-cutting.html": ("2024-05-17", "text"),
                     "training.txt": ("2024-01-09", "feed-metadata")}
    store.close()
    again = CliRunner().invoke(app, ["--store", url, "build", "--feed", f"{site.url}/feed.xml"],
                               env=env)
    assert "3 item(s), 1 not yet in the store" in again.output  # only the missing page again


def test_unreadable_robots_txt_allows_nothing(site: Site, settings: Settings) -> None:
    site.robots = "500"
    with pytest.raises(ReleaseError, match="robots.txt"):
        fetch.fetch_release(f"{site.url}/notes/training.txt", settings, robots=fetch._Robots())


def test_cached_copy_is_used_when_the_site_is_down(site: Site, settings: Settings) -> None:
    url = f"{site.url}/notes/training.txt"
    first = fetch.fetch_release(url, settings, robots=fetch._Robots())
    assert not first.from_cache and first.path.read_text(encoding="utf-8") == PLAIN
    site.shutdown()
    site.server_close()
    again = fetch.fetch_release(url, replace(settings, fetch_timeout=0.5), robots=fetch._Robots())
    assert again.from_cache and again.path == first.path
    assert again.warning and "used the cached copy" in again.warning
    with pytest.raises(ReleaseError, match="robots.txt could not be read"):
        fetch.fetch_release(f"{site.url}/other", replace(settings, fetch_timeout=0.5),
                            robots=fetch._Robots())


def test_build_command_takes_urls(site: Site, settings: Settings, tmp_path: Path) -> None:
    env = {"KGRAPH_PAGE_CACHE": str(tmp_path / "pages"), "KGRAPH_FETCH_TIMEOUT": "2"}
    result = CliRunner().invoke(app, ["--store", f"oxigraph:{tmp_path / 'store'}", "build",
                                      f"{site.url}/news/2024-05-17-cutting.html",
                                      f"{site.url}/broken"], env=env)
    assert result.exit_code == 1, result.output
    assert "1 release(s) loaded" in result.output
    assert f"kgraph: failed: {site.url}/broken: the site answered 500" in result.output
