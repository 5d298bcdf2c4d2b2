"""A minimal PDF writer for tests: pages of text lines placed at given positions, in the
base-14 Helvetica font (WinAnsi encoding), written in the order given. Enough to make
release-like PDFs with one or two columns, running headers and footers and hyphenated
line ends, without a PDF library."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Page:
    lines: list[tuple[float, float, str, float]] = field(default_factory=list)  # x, y, text, size

    def text(self, x: float, y: float, text: str, size: float = 11) -> Page:
        self.lines.append((x, y, text, size))
        return self


def _escape(text: str) -> bytes:
    out = bytearray()
    for byte in text.encode("cp1252"):
        ch = chr(byte)
        if ch in "()\\":
            out += b"\\" + ch.encode()
        elif byte < 32 or byte > 126:
            out += f"\\{byte:03o}".encode()
        else:
            out.append(byte)
    return bytes(out)


def write_pdf(path: Path, pages: list[Page], *, width: float = 595, height: float = 842) -> Path:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for page in pages:
        stream = b"".join(
            b"BT /F1 %g Tf %g %g Td (" % (size, x, y) + _escape(text) + b") Tj ET\n"
            for x, y, text, size in page.lines)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] "
                        b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, width, height, font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                             + b"] /Count %d >>" % len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref)
    path.write_bytes(bytes(out))
    return path


def column_pages(paragraphs: list[str], *, columns: int = 1, header: str | None = None,
                 footer: str | None = None, chars: int = 70, per_page: int = 40,
                 hyphenate: bool = True, shuffled: bool = False) -> list[Page]:
    """Lay out paragraphs in ``columns`` columns of ``chars`` characters a line, breaking
    long words with a hyphen when ``hyphenate``; a header and a footer (with the page
    number) on every page. ``shuffled`` writes each page's lines in an order unrelated to
    the reading order (right column first, footer before body), as some tools do."""
    lines: list[str] = []
    for para in paragraphs:
        line = ""
        for word in para.split():
            if len(line) + 1 + len(word) <= chars:
                line = f"{line} {word}".strip()
                continue
            room = chars - len(line) - 2
            if hyphenate and room >= 4 and len(word) - room >= 3 and word.isalpha():
                lines.append(f"{line} {word[:room]}-".strip())
                line = word[room:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
        lines.append("")
    pages = []
    col_width = 500 / columns
    per_col = per_page
    chunk = per_col * columns
    for start in range(0, len(lines), chunk):
        page = Page()
        body = []
        for i, text in enumerate(lines[start:start + chunk]):
            col, row = divmod(i, per_col)
            size = 9 if columns > 1 else 11
            if text:
                body.append((50 + col * col_width, 760 - row * size * 1.3, text, size))
        number = len(pages) + 1
        extra = []
        if header:
            extra.append((50, 810, header, 8))
        if footer:
            extra.append((50, 30, f"{footer} {number}", 8))
        ordered = (extra[::-1] + sorted(body, key=lambda t: (-t[0], t[1]))) if shuffled else (
            extra[:1] + body + extra[1:])
        for x, y, text, size in ordered:
            page.text(x, y, text, size)
        pages.append(page)
    return pages
