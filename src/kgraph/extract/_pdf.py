"""The text of a PDF release, as the graph will quote it.

pdfminer.six (the ``pdf`` extra) was chosen by measuring release-like PDFs made with
several layouts (``tests/pdf_maker.py``): one column, two columns, and two columns whose
content stream runs in another order than the reading order (right column and footer
first). pypdf follows the content stream and scrambled the last; pdfminer's layout
analysis read all three in order. On top of its text:

* running headers and footers (a line that opens or closes most pages, page numbers
  aside) are dropped;
* a word broken with a hyphen at a line end is joined again (``machin-`` / ``ery``), when
  a lower-case letter follows;
* the lines of a paragraph are joined with spaces, also over a column or page break (a
  block that ends without closing its sentence, followed by one that starts in lower
  case, or one longer than a heading that ends on a lower-case word); paragraphs are
  separated by a blank line.

Offsets of facts index into this text, which is what the release stores.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

from ..errors import ReleaseError

__all__ = ["pdf_text"]

_DIGITS = re.compile(r"\d+")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ÿ])")
_BLANK = re.compile(r"\n[ \t]*\n+")
_CLOSERS = set(".!?:;\"'»”)")
_HEADING = 80  # characters: a block longer than this is not a heading
_EDGE = 2  # lines at the top and at the bottom of a page that may be a header or footer


def _furniture(pages: list[list[str]]) -> set[str]:
    """Header and footer lines (digits masked) that open or close most pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = {_DIGITS.sub("#", ln.strip()) for ln in [*lines[:_EDGE], *lines[-_EDGE:]] if ln.strip()}
        seen.update(edge)
    return {line for line, n in seen.items() if n >= max(2, (len(pages) + 1) // 2)}


def _runs_on(before: str, block: str) -> bool:
    """Whether ``block`` continues the paragraph ``before`` over a column or page break:
    ``before`` does not close its sentence, and ``block`` starts in lower case, or
    ``before`` is longer than a heading and ends on a lower-case word or a comma."""
    if before[-1] in _CLOSERS:
        return False
    return block[0].islower() or (len(before) > _HEADING and (before[-1].islower() or before[-1] in ",-"))


def pdf_text(data: bytes, source: str | Path) -> str:
    """The reading text of a PDF file's bytes.

    Raises:
        ReleaseError: the ``pdf`` extra is not installed, or the file is not a readable PDF
            (damaged, encrypted, or scanned pages without text).
    """
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:
        raise ReleaseError("reading PDF releases needs the pdf extra: pip install 'kgraph[pdf]'",
                           source=source) from None
    try:
        raw = extract_text(io.BytesIO(data), laparams=LAParams())
    except PDFSyntaxError as exc:
        raise ReleaseError(f"not a readable PDF: {exc}", source=source) from None
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise ReleaseError(f"cannot read the PDF: {type(exc).__name__}: {exc}", source=source) from None
    pages = [page.splitlines() for page in raw.split("\f")]
    drop = _furniture([[ln for ln in p if ln.strip()] for p in pages])
    kept_pages = []
    for lines in pages:
        kept = [ln.rstrip() for ln in lines if _DIGITS.sub("#", ln.strip()) not in drop]
        text = "\n".join(kept).strip()
        if text:
            kept_pages.append(text)
    text = _HYPHEN_BREAK.sub("", "\n\n".join(kept_pages))
    paragraphs: list[str] = []
    for block in _BLANK.split(text):
        para = " ".join(ln.strip() for ln in block.splitlines() if ln.strip())
        if not para:
            continue
        if paragraphs and _runs_on(paragraphs[-1], para):
            last = paragraphs[-1]
            paragraphs[-1] = (last[:-1] + para if last.endswith("-") and last[-2:-1].isalpha()
                              else f"{last} {para}")
        else:
            paragraphs.append(para)
    text = "\n\n".join(paragraphs)
    if not text.strip():
        raise ReleaseError("a PDF without text (scanned pages need OCR first)", source=source)
    return text + "\n"
