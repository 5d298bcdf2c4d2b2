"""The text of a Word (.docx) release: python-docx (the ``docx`` extra) reads the body in
document order, paragraphs and table rows alike; headers and footers of the sections are
left out (they repeat on every page and are not the release). Paragraphs are separated by
a blank line, the cells of a table row by `` | ``. Offsets of facts index into this text.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import ReleaseError

__all__ = ["docx_text"]


def docx_text(data: bytes, source: str | Path) -> str:
    """The reading text of a .docx file's bytes.

    Raises:
        ReleaseError: the ``docx`` extra is not installed, or the file is not a readable
            .docx (damaged, or another format under that name), or it holds no text.
    """
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise ReleaseError("reading .docx releases needs the docx extra: pip install 'kgraph[docx]'",
                           source=source) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and its own errors
        raise ReleaseError(f"not a readable .docx file: {type(exc).__name__}: {exc}",
                           source=source) from None
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                blocks.append(text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells))  # merged cells repeat
                line = " | ".join(c for c in cells if c)
                if line:
                    blocks.append(line)
    if not blocks:
        raise ReleaseError("a .docx file without text", source=source)
    return "\n\n".join(blocks) + "\n"
