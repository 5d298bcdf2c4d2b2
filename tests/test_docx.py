"""Word releases (issue 13): body paragraphs and tables in document order, the running
header and footer left out, facts quoted at their offsets. The .docx files are made here
with python-docx from sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.errors import ReleaseError
from kgraph.extract._read import read_release
from kgraph.pipeline import build, read_back
from kgraph.store import OxigraphStore

docx = pytest.importorskip("docx", reason="the docx extra (python-docx) is not installed")

PARAS = [
    "Vigevano, 12 February 2025. The association of footwear machinery makers said that "
    "sales abroad rose by nine per cent last year.",
    "Buyers in India and Brazil placed the largest orders, the study office added.",
]


def _make(path: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "FOOTWEAR MACHINERY NEWS"
    document.sections[0].footer.paragraphs[0].text = "www.example.org"
    document.add_heading("Footwear machines sold more abroad", level=1)
    document.add_paragraph(PARAS[0])
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Market", "Share"
    table.cell(1, 0).text, table.cell(1, 1).text = "India", "14%"
    document.add_paragraph(PARAS[1])
    document.save(str(path))
    return path


def test_docx_text_in_document_order(tmp_path: Path) -> None:
    doc = read_release(_make(tmp_path / "assomac-2025-02-12-sales.docx"))
    assert doc.encoding == "docx"
    assert doc.text == ("Footwear machines sold more abroad\n\n" + PARAS[0]
                        + "\n\nMarket | Share\n\nIndia | 14%\n\n" + PARAS[1] + "\n")
    assert "FOOTWEAR MACHINERY NEWS" not in doc.text and "example.org" not in doc.text


def test_a_docx_release_builds_with_quotes_at_their_offsets(tmp_path: Path) -> None:
    path = _make(tmp_path / "assomac-2025-02-12-sales.docx")
    store = OxigraphStore()
    report = build(store, [tmp_path])
    assert report.exit_code == 0, report.lines()
    facts = read_back(store, "assomac-2025-02-12-sales")
    text = facts.document.text
    assert path.stat().st_size > 0 and len(facts.facts) > 2
    for fact in facts.facts:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.text


def test_a_file_that_is_not_a_docx_is_a_clear_failure(tmp_path: Path) -> None:
    bad = tmp_path / "note.docx"
    bad.write_text("plain text under a Word name\n", encoding="utf-8")
    with pytest.raises(ReleaseError, match="not a readable .docx"):
        read_release(bad)
