"""Reading a release file into a :class:`~kgraph.model.Document`.

The text a Document holds is the text every offset indexes into and the text the graph
stores (``schema:text``), so everything that changes characters happens here, once:
BOM removal, charset decoding, HTML to main text.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..config import Settings
from ..errors import ReleaseError
from ..model import Document
from ._text import detect_language

__all__ = ["read_release", "RELEASE_SUFFIXES", "DEFAULT_MAX_BYTES"]

RELEASE_SUFFIXES = (".txt", ".md", ".html", ".htm")
DEFAULT_MAX_BYTES = Settings.max_release_bytes
_HTML_SUFFIXES = (".html", ".htm")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Charsets that Western European releases (English, Italian) are written in: when
# charset-normalizer finds several equally plausible decodings, these win.
_WESTERN = ("cp1252", "iso8859_15", "latin_1", "iso8859_1")
_SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")



def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _decode(data: bytes, source: Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReleaseError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start + len(bom)})",
                    source=source,
                ) from None
    if b"\x00" in data:
        raise ReleaseError("binary file (contains NUL bytes), not a text release", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        raise ReleaseError(
            "not UTF-8 and its character set cannot be detected reliably "
            "(binary data or a mixture of encodings); save it as UTF-8",
            source=source,
        )
    best = matches[0]
    chosen = best
    # Short texts leave several single-byte charsets equally plausible; prefer the
    # Western ones the corpus is written in over, say, Vietnamese cp1258.
    for m in matches:
        close = m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.05
        if close and any(cs in _WESTERN for cs in m.could_be_from_charset):
            chosen = m
            break
    encoding = next((cs for cs in chosen.could_be_from_charset if cs in _WESTERN), chosen.encoding)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return str(chosen)


def _html_text(markup: str, source: Path) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )
    text = (getattr(doc, "text", None) or "").strip()
    title = (getattr(doc, "title", None) or "").strip()
    if not text:
        text = _fallback_html_text(markup)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    if not text.strip():
        raise ReleaseError("HTML page without any main text", source=source)
    return text


def _fallback_html_text(markup: str) -> str:
    """Visible text of a page trafilatura finds no main content in (a very short page)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    lines = [line.strip() for line in root.text_content().splitlines()]
    return "\n".join(line for line in lines if line)


def read_release(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one release (plain text, Markdown or HTML) into a Document.

    The Document's ``text`` is exactly what the graph stores and what every offset
    indexes into; ``slug`` is the file stem and ``sha256`` the hash of ``text`` (UTF-8).
    HTML pages are reduced to their main text (trafilatura); scripts and styles never
    reach the text.

    Raises:
        ReleaseError: the file is missing, empty, larger than ``max_bytes``, binary,
            in an undetectable charset, or an HTML page without main text (the message
            names the file and the problem).
    """
    source = Path(path)
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise ReleaseError(f"cannot read the release: {exc.strerror or exc}", source=source) from None
    if not source.is_file():
        raise ReleaseError("not a file", source=source)
    if size > max_bytes:
        raise ReleaseError(
            f"file too large: {_size(size)}, the limit is {_size(max_bytes)} "
            "(set KGRAPH_MAX_RELEASE_BYTES to raise it)",
            source=source,
        )
    if size == 0:
        raise ReleaseError("empty file", source=source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ReleaseError(f"cannot read the release: {exc.strerror or exc}", source=source) from None
    text = _decode(data, source)
    if source.suffix.lower() in _HTML_SUFFIXES:
        text = _html_text(text, source)
    if not text.strip():
        raise ReleaseError("empty file (only white space)", source=source)
    slug = source.stem
    if not _SAFE_SLUG.fullmatch(slug):
        # The slug names the release's IRI and graph: keep it IRI-safe.
        from ._iris import canonical_key

        slug = canonical_key(slug)
    return Document(
        slug=slug,
        path=str(source),
        text=text,
        language=detect_language(text),
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
