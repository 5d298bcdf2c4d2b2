"""PDF releases (issue 13): text in reading order from several layouts, running headers
and footers dropped, hyphenated line ends joined, and facts quoted at their offsets in the
text the graph stores. The PDFs are made here (tests/pdf_maker.py) from sentences written
for these tests."""

from __future__ import annotations

import builtins
import re
from pathlib import Path

import pytest

from kgraph.errors import ReleaseError
from kgraph.extract._read import read_release
from kgraph.pipeline import build, read_back
from kgraph.store import OxigraphStore
from pdf_maker import column_pages, write_pdf

pytest.importorskip("pdfminer", reason="the pdf extra (pdfminer.six) is not installed")

PARAS = [
    "Bergamo, 3 March 2025. The association of tannery machinery makers reported that orders "
    "from abroad grew by eleven per cent in the last quarter of the year, while domestic "
    "demand stayed flat.",
    "The president of the association said that manufacturers invested heavily in "
    "digitalisation and sustainability, and that customers in Vietnam, Mexico and Turkey "
    "accounted for most of the international growth.",
    "Exports reached one hundred and twenty million euro, according to the study office of "
    "the association, which surveyed sixty member companies in January and February.",
    "Il presidente ha ricordato che la fiera di settembre resterà l'appuntamento principale "
    "per le imprese del comparto, con una partecipazione attesa di oltre quattrocento espositori.",
]
LAYOUTS = {
    "one-column": {"columns": 1},
    "two-columns": {"columns": 2, "chars": 45, "per_page": 30},
    "content-out-of-order": {"columns": 2, "chars": 45, "per_page": 30, "shuffled": True},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_text_keeps_the_reading_order(tmp_path: Path, layout: str) -> None:
    pages = column_pages(PARAS * 3, header="TANNERY MACHINERY NEWS", footer="www.example.org page",
                         **LAYOUTS[layout])  # type: ignore[arg-type]
    assert len(pages) >= 2
    doc = read_release(write_pdf(tmp_path / f"news-2025-03-03-{layout}.pdf", pages))
    text = doc.text
    assert doc.encoding == "pdf"
    # Every paragraph, whole (hyphenated line ends joined, lines of a paragraph joined),
    # in the order written.
    at = -1
    for para in PARAS * 3:
        found = text.find(para, at + 1)
        assert found > at, (para[:40], text[:600])
        at = found
    assert "TANNERY MACHINERY NEWS" not in text and "www.example.org" not in text
    assert not re.search(r"[a-z]-\s+[a-z]", text)


def test_a_pdf_release_builds_with_quotes_at_their_offsets(tmp_path: Path) -> None:
    pages = column_pages(PARAS, columns=2, chars=45, per_page=30, header="NEWS", footer="p.")
    path = write_pdf(tmp_path / "assomac-2025-03-03-orders.pdf", pages)
    store = OxigraphStore()
    report = build(store, [path])
    assert report.exit_code == 0, report.lines()
    assert report.releases[0].encoding == "pdf"
    facts = read_back(store, "assomac-2025-03-03-orders")
    text = facts.document.text
    places = {f.name for f in facts.facts if type(f).__name__ == "Place"}
    assert "Bergamo" in places and len(facts.facts) > 3
    for fact in facts.facts:
        ev = fact.evidence
        assert text[ev.start:ev.end] == ev.text


def test_damaged_pdf_and_missing_extra_are_clear_failures(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    with pytest.raises(ReleaseError, match="PDF"):
        read_release(bad)
    good = write_pdf(tmp_path / "fine.pdf", column_pages(PARAS[:1]))
    real_import = builtins.__import__

    def no_pdfminer(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pdfminer"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pdfminer)
    with pytest.raises(ReleaseError, match=r"pip install 'kgraph\[pdf\]'"):
        read_release(good)
