"""Generated inputs (Hypothesis) for the number and period grammar: numbers written the
English or the Italian way read back to their value, any text gives periods in the
contract's notation (never an exception), and extraction of any short text keeps its quotes
at their offsets."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.extract.quantity import parse_count, parse_number
from kgraph.extract.timex import latest_before, periods

# Derandomized: CI runs the same examples every time, so a red build is reproducible.
FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])

_NOTATION = re.compile(r"\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}(?:/\d{4}-\d{2})?))?")


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@FUZZ
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_a_number_written_the_english_way_reads_back(whole: int, cents: int) -> None:
    text = f"{_grouped(whole, ',')}.{cents:02d}"
    assert parse_number(text, "en") == Decimal(f"{whole}.{cents:02d}")


@FUZZ
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_a_number_written_the_italian_way_reads_back(whole: int, cents: int) -> None:
    text = f"{_grouped(whole, '.')},{cents:02d}"
    assert parse_number(text, "it") == Decimal(f"{whole}.{cents:02d}")


@FUZZ
@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from([",", "."]), st.sampled_from(["en", "it"]))
def test_a_count_with_thousands_groups_reads_back_in_either_language(n: int, sep: str, lang: str) -> None:
    assert parse_count(_grouped(n, sep), lang) == n


_WORDS = st.sampled_from(["2024", "2023", "first quarter", "primo trimestre", "second half", "secondo semestre",
                          "January", "March", "gennaio", "marzo", "from", "to", "dal", "al", "base", "100",
                          "=", "(", ")", "Q3", "III", "last year", "lo scorso anno", "this year", "oggi",
                          "between", "and", "e", "nine months", "primi nove mesi", ",", ".", "2015=100"])


@FUZZ
@given(st.lists(_WORDS, max_size=14), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_any_text_gives_periods_in_the_contract_notation(words: list[str], today: dt.date) -> None:
    text = " ".join(words)
    for p in periods(text, today=today):
        assert 0 <= p.start < p.end <= len(text)
        value = latest_before(p.value, today) if "{y}" in p.value else p.value
        assert _NOTATION.fullmatch(value), (text, p.value)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["Milan,", "3 March 2025", "–", "Acimit", "exports", "rose", "by", "5%",
                                 "to", "EUR 2 billion", "in", "2024", "Mario Rossi,", "President of",
                                 "said", "\"", "orders", "fell", "12%", "in Germany", ".", "\n\n", "(", ")",
                                 "la produzione", "è calata del", "3,5%", "nel primo trimestre"]), max_size=40))
def test_extraction_of_any_short_text_keeps_every_quote_at_its_offsets(words: list[str]) -> None:
    from kgraph.extract import extract
    from kgraph.model import Document

    text = " ".join(words) or "x"
    ex = extract(Document("fuzz", "fuzz", text))
    for fact in ex.facts:
        m = fact.evidence
        assert text[m.start:m.end] == m.text
