"""Figure frames, third round (issue 10): causes of misread figures that recur across writers.

Every text here is written for the test (no sentence of a corpus release); each pattern is stated
in at least three wordings, English and Italian where the language has it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgraph.model import Observation
from kgraph_testing import extract_checked

Fact = tuple[str, Decimal, str | None, str | None, str]  # indicator, value, area, market, period


def facts(text: str) -> set[Fact]:
    return {(o.indicator, o.value, o.area, o.market, o.period) for o in extract_checked(text).of(Observation)}


def fact(indicator: str, value: str, area: str | None, market: str | None, period: str) -> Fact:
    return (indicator, Decimal(value), area, market, period)


# --------------------------------------------------------------------------- named brackets


@pytest.mark.parametrize("text", [
    "Vicenza, 9 July 2025\n\nA good first half of 2025 for the valve makers: industrial production (+7.5%) "
    "and turnover (+9%), carried by the home market (+4%) and above all by exports (+11.5%).",
    "Vicenza, 9 luglio 2025\n\nUn buon primo semestre 2025 per le valvole: produzione industriale (+7,5%) e "
    "fatturato (+9%), trainati dal mercato interno (+4%) e soprattutto dall'export (+11,5%).",
    "Vicenza, 9 luglio 2025\n\nNel primo semestre 2025 il comparto delle valvole chiude bene, con aumenti per "
    "produzione (+7,5%) e fatturato (+9%), sostenuti dal mercato interno (+4%) e dall'export (+11,5%).",
])
def test_a_bracketed_change_is_named_by_the_indicator_before_it(text: str) -> None:
    got = facts(text)
    assert fact("production_change", "7.5", "Italy", None, "2025-H1") in got
    assert fact("turnover_change", "9", "Italy", None, "2025-H1") in got
    # the home market named before the exports is the turnover's, not the exports'
    assert fact("exports_change", "11.5", "Italy", None, "2025-H1") in got


# --------------------------------------------------------------------------- relative clauses


@pytest.mark.parametrize("text", [
    "Parma, 2 December 2025\n\nIn 2025 exports, which have long been the sector's first source of revenue "
    "with 70% of total turnover, rose to EUR 1,204 million (+3%).",
    "Parma, 2 December 2025\n\nExports, which as ever bring in most of the industry's revenues, climbed to "
    "EUR 1,204 million in 2025 (+3%).",
    "Parma, 2 dicembre 2025\n\nNel 2025 le esportazioni, che rappresentano da sempre la prima voce del "
    "fatturato del settore, sono salite a 1.204 milioni di euro (+3%).",
])
def test_a_relative_clause_is_not_the_subject_of_the_figure_after_it(text: str) -> None:
    got = facts(text)
    assert fact("exports", "1.204E+9", "Italy", None, "2025") in got
    assert fact("exports_change", "3", "Italy", None, "2025") in got
    assert not any(f[0].startswith("turnover") for f in got)


# --------------------------------------------------------------------------- markets of a flow


@pytest.mark.parametrize("text", [
    "Bologna, 3 December 2025\n\nIn 2025 exports rose by 6% to EUR 2 billion.\n\nThe figures by area for "
    "the first nine months of 2025 show North America ahead.\n\nNext come Africa and Oceania (+12.4%), "
    "followed by the European Union (+8.1%) and South America (+1.6%).",
    "Bologna, 3 dicembre 2025\n\nNel 2025 le esportazioni sono cresciute del 6% a 2 miliardi di euro.\n\nI "
    "dati per area dei primi nove mesi del 2025 vedono in testa il Nord America.\n\nSeguono Africa e "
    "Oceania (+12,4%), poi Unione Europea (+8,1%) e Sud America (+1,6%).",
    "Bologna, 3 dicembre 2025\n\nNel 2025 l'export è salito del 6% a 2 miliardi di euro.\n\nSecondo i dati "
    "disaggregati dei primi nove mesi del 2025 guida il Nord America.\n\nAl secondo posto Africa e Oceania "
    "(+12,4%), seguite da Unione Europea (+8,1%) e Sud America (+1,6%).",
])
def test_markets_listed_with_bracketed_changes_keep_the_months_of_the_paragraph_before(text: str) -> None:
    got = facts(text)
    assert fact("exports_change", "12.4", "Italy", "Africa", "2025-01/2025-09") in got
    assert fact("exports_change", "8.1", "Italy", "European Union", "2025-01/2025-09") in got
    assert fact("exports_change", "1.6", "Italy", "South America", "2025-01/2025-09") in got
    # one change of the two together: recorded once, under the place named first
    assert not any(f[3] == "Oceania" for f in got)


@pytest.mark.parametrize("text", [
    "Milan, 20 March 2025\n\nThe main countries of origin of the visitors were Spain (12%), India (9%), "
    "Egypt and Morocco (6%).",
    "Milano, 20 marzo 2025\n\nI principali paesi di provenienza dei visitatori sono stati Spagna (12%), "
    "India (9%), Egitto e Marocco (6%).",
    "Milan, 20 March 2025\n\nMost visitors came from Spain (12%), India (9%), Egypt and Morocco (6%).",
])
def test_a_share_given_to_two_places_is_each_one_s(text: str) -> None:
    got = {(f[0], f[1], f[2]) for f in facts(text)}
    assert ("visitors_share", Decimal("6"), "Egypt") in got
    assert ("visitors_share", Decimal("6"), "Morocco") in got


@pytest.mark.parametrize("text", [
    "Milan, 20 March 2025\n\nThe best results came from Asia, with Japanese visitors up 21% and those from "
    "India up 14%.",
    "Milan, 20 March 2025\n\nAsia stood out: the number of Japanese visitors rose 21% and the number from "
    "India rose 14%.",
    "Milano, 20 marzo 2025\n\nBene l'Asia, con i visitatori giapponesi in crescita del 21% e quelli "
    "dall'India del 14%.",
])
def test_a_demonym_qualifies_its_own_figure_not_the_next(text: str) -> None:
    got = {(f[0], f[1], f[2]) for f in facts(text)}
    assert ("visitors_change", Decimal("21"), "Japan") in got
    assert ("visitors_change", Decimal("14"), "India") in got
    assert ("visitors_change", Decimal("14"), "Japan") not in got
