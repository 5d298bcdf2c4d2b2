"""Reading a release file into a :class:`~kgraph.model.Document`.

The text a Document holds is the text every offset indexes into and the text the graph
stores (``schema:text``), so everything that changes characters happens here, once:
BOM removal, charset decoding, HTML to main text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from ..config import Settings
from ..errors import ReleaseError
from ..model import Document
from .rules import detect_language

__all__ = ["read_release", "RELEASE_SUFFIXES", "DEFAULT_MAX_BYTES"]

RELEASE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
DEFAULT_MAX_BYTES = Settings.max_release_bytes
_HTML_SUFFIXES = (".html", ".htm")
_BOMS = (  # UTF-32 first: its little-endian mark begins like UTF-16's
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A well-formed multi-byte UTF-8 sequence: in a file that is not valid UTF-8 as a whole,
# one of these means UTF-8 mixed with another encoding (or a damaged file), and no single
# charset can decode it without corrupting one part.
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# Control characters no release holds (tab, line feed, form feed, carriage return allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# What Western European text (English, Italian) puts above ASCII: accented letters,
# typographic quotes and dashes, the euro sign, degree and bullet signs.
_WESTERN_CHARS = re.compile(r"[\u00c0-\u00ff\u2018-\u201e\u2013\u2014\u2026\u20ac\u00ab\u00bb"
                            r"\u00b0\u00b7\u2022\u00a0\u00a9\u00ae\u2122\u00ba\u00aa\u00b2\u00b3]")
_SAFE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")



def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _texty(text: str) -> bool:
    """Whether decoded characters look like a text, not bytes read as one."""
    return len(_CONTROL.findall(text, 0, 1_000_000)) <= len(text) // 2000


def _wide_without_bom(data: bytes) -> str | None:
    """The UTF-32 or UTF-16 encoding that the pattern of NUL bytes shows, if any.

    Latin text in UTF-16 has a NUL in every other byte (the high byte of each code unit),
    in UTF-32 three NULs in every four; the side the NULs fall on gives the byte order.
    """
    n = len(data)
    if n >= 8 and n % 4 == 0:
        if data[2::4].count(0) == n // 4 and data[3::4].count(0) == n // 4:
            return "utf-32-le"
        if data[0::4].count(0) == n // 4 and data[1::4].count(0) == n // 4:
            return "utf-32-be"
    if n >= 4 and n % 2 == 0:
        half = n // 2
        odd, even = data[1::2].count(0), data[0::2].count(0)
        if odd >= half * 0.6 and even <= half * 0.02:
            return "utf-16-le"
        if even >= half * 0.6 and odd <= half * 0.02:
            return "utf-16-be"
    return None


def _decode(data: bytes, source: Path) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read with.

    UTF-8 first (with or without BOM), then UTF-16/32 (by BOM or by the pattern of NUL
    bytes), then Windows-1252, the charset Western releases are saved in when not UTF-8,
    when what it gives reads as Western text; other charsets only when charset-normalizer
    is sure. A file that mixes UTF-8 with another encoding is refused: any single guess
    would corrupt one part of it silently.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReleaseError(
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                    f"(byte {exc.start + len(bom)})",
                    source=source,
                ) from None
    if b"\x00" in data:
        wide = _wide_without_bom(data)
        if wide is not None:
            try:
                text = data.decode(wide)
            except UnicodeDecodeError:
                text = ""
            if text and _texty(text):
                return text, wide
        raise ReleaseError("binary file (contains NUL bytes), not a text release", source=source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        if not _texty(text):
            raise ReleaseError("binary file (control characters), not a text release", source=source)
        return text, "utf-8"
    seqs = _UTF8_SEQ.findall(data)
    stray = sum(1 for b in data if b >= 0x80) - sum(len(q) for q in seqs)
    # A Western single-byte text can hold a pair that happens to be UTF-8 ("È’" is U+0212):
    # one such pair among many other high bytes is chance; more is UTF-8 mixed with
    # another encoding, or damaged UTF-8.
    if len(seqs) > max(1, stray // 20):
        raise ReleaseError(
            f"not valid UTF-8 at byte {bad_at}, yet it holds UTF-8 characters elsewhere: its "
            "character set cannot be decided (UTF-8 mixed with another encoding, or a damaged "
            "file); save it as UTF-8",
            source=source,
        )
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        text, encoding = data.decode("latin-1"), "latin-1"
    high = sum(1 for ch in text if ord(ch) > 127)
    letters = sum(1 for ch in text if ch.isalpha())
    # Accented letters are a few in a hundred in Italian, fewer in English: a text whose
    # letters are mostly "accented" is another alphabet (Cyrillic, Greek) in its own charset.
    if (_texty(text) and len(_WESTERN_CHARS.findall(text)) >= high * 0.9
            and (letters < 20 or high <= letters * 0.3)):
        return text, encoding
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1 or not _texty(str(best)):
        raise ReleaseError(
            "not UTF-8 and its character set cannot be detected reliably "
            "(binary data or a mixture of encodings); save it as UTF-8",
            source=source,
        )
    return str(best), best.encoding


def _html_text(markup: str, source: Path) -> tuple[str, dt.date | None]:
    """The page's main text, and the date its metadata gives (trafilatura's reading)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )
    try:
        published = dt.date.fromisoformat(str(getattr(doc, "date", None) or "")[:10])
    except ValueError:
        published = None
    text = (getattr(doc, "text", None) or "").strip()
    title = (getattr(doc, "title", None) or "").strip()
    if not text:
        text = _fallback_html_text(markup)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    if not text.strip():
        raise ReleaseError("HTML page without any main text", source=source)
    return text, published


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
    reach the text. PDF files are read with pdfminer.six (the ``pdf`` extra), see
    :mod:`._pdf`; Word files with python-docx (the ``docx`` extra), see :mod:`._docx`.

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
    metadata_date = None
    if source.suffix.lower() == ".pdf":
        from ._pdf import pdf_text

        text, encoding = pdf_text(data, source), "pdf"
    elif source.suffix.lower() == ".docx":
        from ._docx import docx_text

        text, encoding = docx_text(data, source), "docx"
    else:
        text, encoding = _decode(data, source)
    if source.suffix.lower() in _HTML_SUFFIXES:
        text, metadata_date = _html_text(text, source)
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
        encoding=encoding,
        metadata_date=metadata_date,
    )
