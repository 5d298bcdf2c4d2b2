"""General patterns found missing on held-out set 2, probed with sentences of other wording."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kgraph.model import (
    Driver,
    Event,
    Extraction,
    MarketRelation,
    Membership,
    Observation,
    Organisation,
)
from kgraph_testing import extract_checked


def run(text: str) -> Extraction:
    return extract_checked(text)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("head", "date", "place"), [
    ("Torino, 3 sett. 2024\n\n", dt.date(2024, 9, 3), "Turin"),
    ("Lecco, Mar. 5, 2025\n\n", dt.date(2025, 3, 5), "Lecco"),
    ("Vicenza – 2 dicembre 2024\n\n", dt.date(2024, 12, 2), "Vicenza"),
    ("PARMA, 2024-12-02\n\n", dt.date(2024, 12, 2), "Parma"),
    ("Padova, lunedì 9 GIUGNO 2025\n\n", dt.date(2025, 6, 9), "Padua"),
    ("Firenze, Monday 9 June 2025\n\n", dt.date(2025, 6, 9), "Florence"),
    ("19-05-2025 – Mumbai\n\n", dt.date(2025, 5, 19), "Mumbai"),
])
def test_dateline_styles(head: str, date: dt.date, place: str) -> None:
    ex = run(head + "ACIMAC: machinery orders grew in the first quarter\n\nOrders rose by 4% in the quarter.")
    assert (ex.info.date, ex.info.place) == (date, place)


def test_a_company_release_its_own_figures_and_the_day_the_post_begins() -> None:
    ex = run("VERONA, 2025-01-20\n\nMarchetti Robotics names a new Managing Director\n\nLuca Bassi has been "
             "appointed CEO of Marchetti Robotics S.r.l., a maker of palletising robots. Bassi will take office "
             "on 1 March 2025. The company closed 2024 with revenues of EUR 120 million.\n\n"
             "About Marchetti Robotics\nMarchetti Robotics builds robots.")
    assert ex.info.publisher == "Marchetti Robotics"
    assert {o.name for o in ex.of(Organisation)} >= {"Marchetti Robotics"}
    got = {(m.person, m.role, m.organisation, m.start) for m in ex.of(Membership)}
    assert ("Luca Bassi", "CEO", "Marchetti Robotics", dt.date(2025, 3, 1)) in got
    assert {(o.indicator, o.scope, o.area, o.value) for o in ex.of(Observation)} == {
        ("turnover", "Marchetti Robotics", None, Decimal("120000000"))}


def test_a_territorial_association_surveys_its_province_by_roman_quarter() -> None:
    ex = run("Bergamo, 5 novembre 2024\n\nIndagine congiunturale\n\nSecondo l'indagine di Confindustria Bergamo, "
             "nel III trimestre 2024 la produzione della meccanica bergamasca è diminuita del 3,1% rispetto "
             "al III trimestre 2023.")
    assert {(o.indicator, o.area, o.period, o.value) for o in ex.of(Observation)} == {
        ("production_change", "Bergamo", "2024-Q3", Decimal("-3.1"))}


def test_trade_balance_and_the_last_quarter() -> None:
    ex = run("Milan, 3 March 2025\n\nUCIMU: exports up\n\nIn 2024 exports of machine tools reached EUR 3.1 "
             "billion and the trade balance stood at EUR 1.4 billion. In the last quarter of 2024 exports "
             "grew by 2.5%.")
    got = {(o.indicator, o.period, o.value) for o in ex.of(Observation)}
    assert ("trade_balance", "2024", Decimal("1400000000")) in got
    assert ("exports_change", "2024-Q4", Decimal("2.5")) in got


def test_conference_title_venue_and_unknown_fair() -> None:
    ex = run("Bologna, 10 March 2025\n\nAssofluid: outlook\n\nThe results will be discussed at the conference "
             "\u201cHydraulics Tomorrow\u201d, scheduled for 20 May 2025 at Palazzo dei Congressi in Bologna.\n\n"
             "Members will also exhibit at Fluidex 2025, the international trade fair for fluid power, held "
             "from 7 to 10 October 2025 at Messe Stuttgart.")
    evs = {(e.kind, e.title, e.venue, e.date) for e in ex.of(Event)}
    assert ("Conference", "Hydraulics Tomorrow", "Palazzo dei Congressi", dt.date(2025, 5, 20)) in evs
    assert any(k == "TradeFairEdition" and d == dt.date(2025, 10, 7) for k, _, _, d in evs), evs
    conf = next(e for e in ex.of(Event) if e.kind == "Conference")
    assert conf.participants == ()  # announced, not yet held


def test_driver_cues_and_opportunity_markets() -> None:
    ex = run("Milano, 4 aprile 2025\n\nACIMIT: ordini in calo\n\nLe imprese tessili stanno rinviando gli "
             "investimenti e la domanda europea resta debole. Nonostante il caro energia, il Messico e il "
             "Vietnam offrono grandi opportunità per le macchine tessili. Despite the difficulties, the "
             "sector holds.")
    drivers = {d.text for d in ex.of(Driver)}
    assert any("rinviando gli investimenti" in d for d in drivers), drivers
    assert any("domanda europea" in d for d in drivers), drivers
    assert any("caro energia" in d for d in drivers), drivers
    assert "difficulties" not in drivers  # a bare word names no driver
    rels = {(r.market, r.relation) for r in ex.of(MarketRelation)}
    assert {("Mexico", "export_priority"), ("Vietnam", "export_priority")} <= rels


def test_bracketed_role_and_sentence_opening_words() -> None:
    ex = run("Roma, 2 aprile 2025\n\nDati\n\n\u201cThe market is weak\u201d, said Elena Conti (UCIMA President). "
             "Secondo Paolo Verdi, direttore generale di UCIMA, il 2025 sarà migliore.")
    got = {(m.person, m.role, m.organisation) for m in ex.of(Membership)}
    assert ("Elena Conti", "President", "UCIMA") in got
    assert ("Paolo Verdi", "Director General", "UCIMA") in got
    assert not any(p.startswith("Secondo") for p, _, _ in got)


def test_an_estimates_note_qualifies_its_statement_not_a_later_period() -> None:
    ex = run("Milan, 3 March 2025\n\nACIMGA: 2024 results\n\nIn 2024 production of printing and converting "
             "machinery fell to EUR 2.1 billion. The figures are estimates by the association.\n\nExports came "
             "to EUR 1.5 billion in 2024. In the first quarter of 2025 exports grew by 4%.")
    quals = {(o.indicator, o.period): o.qualifiers for o in ex.of(Observation)}
    assert "estimated" in quals[("production", "2024")]
    assert "estimated" in quals[("exports", "2024")]
    assert "estimated" not in quals[("exports_change", "2025-Q1")]


# a wire's dateline gives day and month only: the year comes from the file name when they agree
@pytest.mark.parametrize(("slug", "text", "date", "place"), [
    ("wire-2023-03-09-orders", "TORINO, 9 MAR - Gli ordini di presse sono cresciuti nel quarto trimestre.",
     dt.date(2023, 3, 9), "Turin"),
    ("wire-2022-11-17-fair", "BOLOGNA, 17 novembre (ANSA) - La fiera ha chiuso con buoni numeri.",
     dt.date(2022, 11, 17), "Bologna"),
    ("news-2024-06-02-board", "Parma, 2 June - The association elected its new board on Friday.",
     dt.date(2024, 6, 2), "Parma"),
])
def test_yearless_dateline_takes_the_year_of_the_file_name(slug: str, text: str, date: dt.date, place: str) -> None:
    ex = extract_checked(text, slug=slug)
    assert (ex.info.date, ex.info.place) == (date, place)


def test_yearless_dateline_that_disagrees_with_the_file_name_gives_no_date() -> None:
    ex = extract_checked("TORINO, 9 MAR - Gli ordini di presse sono cresciuti.", slug="wire-2023-03-10-orders")
    assert ex.info.date is None


@pytest.mark.parametrize(("text", "date"), [
    ("Fair closes with more visitors\n14\n10\n2022\n\nThe show closed today with 12,000 visitors.",
     dt.date(2022, 10, 14)),
    ("La fiera chiude in crescita\n3\n02\n2021\n\nLa rassegna ha chiuso oggi i battenti.", dt.date(2021, 2, 3)),
    ("Orders up again\n 30 \n 6 \n 2019 \n\nOrders rose in the second quarter.", dt.date(2019, 6, 30)),
])
def test_a_date_block_on_three_lines(text: str, date: dt.date) -> None:
    assert run(text).info.date == date
