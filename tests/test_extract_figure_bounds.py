"""Years that bound a span of time or name a collection season do not date figures.

"President until June 2027", "a partire da gennaio 2026 l'aliquota ...", "the autumn-winter 2026
lines": the year is a deadline, a start or a season's name, not a period anything was measured
over, so neither the figures beside it nor the sentences after it take it as their period.

Every text here is written for the test (no sentence of a corpus release).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgraph.model import Observation
from kgraph_testing import extract_checked


def periods(text: str, slug: str = "probe") -> dict[tuple[str, Decimal], str]:
    return {(o.indicator, o.value): o.period for o in extract_checked(text, slug=slug).of(Observation)}


@pytest.mark.parametrize("text", [
    "Milan, 3 October 2025\n\nThe valve makers' federation re-elected its chair until May 2028.\n\n"
    "Last month's show drew 31,250 visitors, up 4.5 percent.",
    "Milan, 3 October 2025\n\nMembers confirmed the board, which stays in office till 30 June 2028, "
    "when its term ends.\n\nLast month's show drew 31,250 visitors, up 4.5 percent.",
    "Milano, 3 ottobre 2025\n\nIl consiglio resterà in carica fino a giugno 2028.\n\n"
    "La mostra del mese scorso ha accolto 31.250 visitatori, in crescita del 4,5%.",
    "Milano, 3 ottobre 2025\n\nL'assemblea ha rinnovato il mandato del presidente sino al 2028.\n\n"
    "La mostra del mese scorso ha accolto 31.250 visitatori, in crescita del 4,5%.",
])
def test_a_term_of_office_end_is_no_period(text: str) -> None:
    p = periods(text)
    assert p[("visitors", Decimal("31250"))] == "2025"


@pytest.mark.parametrize("text", [
    "Rome, 2 January 2026\n\nIn the fourth quarter of 2025 the orders index of valve machinery rose 6.2%. "
    "\"Buyers hurried, because starting from February 2026 the tax credit is halved,\" the chair said.\n"
    "Over the whole year the index fell 3.1%.",
    "Roma, 2 gennaio 2026\n\nNel quarto trimestre 2025 la raccolta ordini di valvole misurata dall'indice è salita del 6,2%. "
    "«Si è anticipato perché a partire da febbraio 2026 il credito d'imposta si dimezza», ha detto il presidente.\n"
    "Sull'intero anno, invece, la raccolta ordini è calata del 3,1%.",
    "Roma, 2 gennaio 2026\n\nNel quarto trimestre 2025 la raccolta ordini di valvole misurata dall'indice è salita del 6,2%. "
    "Le imprese hanno investito prima che, a partire dal 2026, l'incentivo venisse ridotto.\n"
    "Sull'intero anno, invece, la raccolta ordini è calata del 3,1%.",
])
def test_a_start_date_in_a_remark_does_not_date_the_next_figures(text: str) -> None:
    p = periods(text)
    assert p[("orders_change", Decimal("6.2"))] == "2025-Q4"
    assert p[("orders_change", Decimal("-3.1"))] == "2025"


@pytest.mark.parametrize("text", [
    "Milan, 10 September 2025\n\nThe leather goods show opens next week with the spring-summer 2026 "
    "collections. Exhibitors rose 12% on the last edition.",
    "Milan, 10 September 2025\n\nBuyers will see the Spring/Summer 2026 lines at the show next week, "
    "where exhibitors rose 12% on the last edition.",
    "Milano, 10 settembre 2025\n\nLa fiera presenta la settimana prossima le collezioni primavera-estate 2026: "
    "gli espositori crescono del 12% sull'ultima edizione.",
])
def test_a_collection_season_is_no_period(text: str) -> None:
    assert periods(text)[("exhibitors_change", Decimal("12"))] == "2025"


# --------------------------------------------------------------------------- sales by foreign market


@pytest.mark.parametrize("text", [
    "Roma, 3 dicembre 2025\n\nNel 2025 il fatturato è calato del 4%. A pesare sono i cali registrati nei "
    "primi nove mesi in mercati come Brasile (-25,5%) e Messico (-40,7%).",
    "Rome, 3 December 2025\n\nIn 2025 sales fell 4%, dragged down by key markets such as Brazil (-25.5%) "
    "and Mexico (-40.7%).",
    "Rome, 3 December 2025\n\nTurnover slipped 4% in 2025. Demand weakened in several countries, among them "
    "Brazil (-25.5%), Mexico (-40.7%) and Chile (-12%).",
])
def test_a_sales_change_on_a_foreign_market_is_an_exports_change(text: str) -> None:
    obs = {(o.indicator, o.market, o.value) for o in extract_checked(text).of(Observation)}
    assert ("exports_change", "Brazil", Decimal("-25.5")) in obs
    assert ("exports_change", "Mexico", Decimal("-40.7")) in obs
    assert not any(i.startswith("turnover") and v in (Decimal("-25.5"), Decimal("-40.7")) for i, _, v in obs)


# --------------------------------------------------------------------------- part of a year, no year


@pytest.mark.parametrize("text", [
    "Milan, 14 September 2025\n\nLeather goods makers closed a good first half, with growth in industrial "
    "production (+11.4%) and turnover (+13%).",
    "Milan, 14 September 2025\n\nIn the first half, production rose 11.4% while turnover gained 13%.",
    "Milano, 14 settembre 2025\n\nNel primo semestre la produzione è salita dell'11,4% e il fatturato è "
    "cresciuto del 13%.",
])
def test_a_yearless_half_is_the_latest_before_the_release(text: str) -> None:
    p = periods(text)
    assert p[("production_change", Decimal("11.4"))] == "2025-H1"
    assert p[("turnover_change", Decimal("13"))] == "2025-H1"


# --------------------------------------------------------------------------- a difference is no level


@pytest.mark.parametrize("text", [
    "Roma, 3 dicembre 2025\n\nIl fatturato del settore chiuderà vicino ai 4,3 miliardi di euro: "
    "una differenza di soli 200 milioni sul 2024.",
    "Rome, 3 December 2025\n\nSales should settle at about EUR 4.3 billion, a difference of just EUR 200 "
    "million from 2024.",
    "Rome, 3 December 2025\n\nSales came to EUR 4.3 billion in 2025, a gap of EUR 200 million on the year before.",
])
def test_a_difference_between_two_years_is_no_level(text: str) -> None:
    values = {(o.indicator, o.value) for o in extract_checked(text).of(Observation)}
    assert ("turnover", Decimal("4.3E+9")) in values
    assert not any(v == Decimal("2E+8") for _, v in values)


# --------------------------------------------------------------------------- a dateline before a source


@pytest.mark.parametrize("text", [
    "Modena, 12 dicembre 2025\n\nModena – Secondo i dati preconsuntivi dell'ufficio studi, le vendite "
    "del comparto chiuderanno vicino ai 6,1 miliardi di euro (-1,9%).",
    "Modena, 12 dicembre 2025\n\nSan Martino (RE) – In base ai dati provvisori il giro d'affari "
    "del comparto si fermerà poco sopra i 6,1 miliardi di euro (-1,9%).",
    "Modena, 12 December 2025\n\nCarpi (MO) - According to preliminary figures from the research office, the "
    "sector's turnover should come to about EUR 6.1 billion.",
])
def test_a_paragraphs_place_lead_does_not_hide_its_preliminary_source(text: str) -> None:
    q = {(o.indicator, o.value): o.qualifiers for o in extract_checked(text).of(Observation)}
    assert q[("turnover", Decimal("6.1E+9"))] == ("preliminary",)


# --------------------------------------------------------------------------- one figure for a list


@pytest.mark.parametrize("text, key", [
    ("Milan, 14 June 2025\n\nAmong foreign visitors, the largest shares came from Spain, Poland and Turkey (5% each), then "
     "Brazil (3%).", "foreign_visitors_share"),
    ("Milan, 14 June 2025\n\nThe fair drew 80,000 visitors; after Germany, the largest groups came from "
     "Spain, Poland and Turkey (5% each) and Brazil (3%).", "visitors_share"),
    ("Rome, 4 March 2025\n\nExports to the main markets grew: Spain, Poland and Turkey (+5% each), the "
     "US (+2%).", "exports_change"),
    ("Roma, 4 marzo 2025\n\nLe esportazioni verso i principali mercati crescono: Spagna, Polonia e Turchia "
     "(+5% ciascuno), Stati Uniti (+2%).", "exports_change"),
])
def test_each_gives_the_figure_to_every_listed_place(text: str, key: str) -> None:
    got = {(o.area if o.indicator != "exports_change" else o.market) for o in extract_checked(text).of(Observation)
           if o.indicator == key and o.value == Decimal("5")}
    assert {"Spain", "Poland", "Turkey"} <= got


@pytest.mark.parametrize("text", [
    "Milan, 14 June 2025\n\nThe show drew an attendance of over 95,000 people hailing from 120 Countries.",
    "Milan, 14 June 2025\n\nOver 95,000 visitors from 120 Nations walked the halls.",
    "Milano, 14 giugno 2025\n\nOltre 95.000 visitatori provenienti da 120 Paesi hanno visitato la fiera.",
])
def test_capitalised_countries_are_counted(text: str) -> None:
    assert periods(text)[("visitor_countries", Decimal("120"))] == "2025"


# --------------------------------------------------------------------------- the part going abroad


@pytest.mark.parametrize("text", [
    "Rome, 3 June 2025\n\nThe 310 makers generated revenues of 3.2 billion euros in 2024, a 6.4% gain over "
    "2023 with 68.5% going to exports.",
    "Rome, 3 June 2025\n\nIn 2024 sales reached EUR 3.2 billion, up 6.4%, with 68.5% destined for foreign markets.",
    "Roma, 3 giugno 2025\n\nNel 2024 il fatturato ha raggiunto 3,2 miliardi di euro, in crescita del 6,4%, con "
    "il 68,5% realizzato all'estero.",
    "Roma, 3 giugno 2025\n\nNel 2024 il fatturato è cresciuto del 6,4% a 3,2 miliardi di euro, il 68,5% "
    "destinato all'export.",
])
def test_the_part_going_abroad_is_the_export_ratio_and_not_the_change_before_it(text: str) -> None:
    p = periods(text)
    assert p[("export_ratio", Decimal("68.5"))] == "2024"
    assert p[("turnover_change", Decimal("6.4"))] == "2024"
    assert ("export_ratio", Decimal("6.4")) not in p and ("exports_change", Decimal("6.4")) not in p


# --------------------------------------------------------------------------- an adjective in a count


@pytest.mark.parametrize("text", [
    "Milan, 1 October 2025\n\nLast month's edition welcomed a total of 41,210 unique visitors.",
    "Milan, 1 October 2025\n\nLast month's edition welcomed 41,210 professional visitors.",
    "Milan, 1 October 2025\n\nThe show counted 41,210 registered visitors and 1,250 exhibitors.",
    "Milano, 1 ottobre 2025\n\nLa scorsa edizione ha accolto 41.210 visitatori unici e 1.250 espositori.",
])
def test_an_adjective_between_a_count_and_its_noun(text: str) -> None:
    assert periods(text)[("visitors", Decimal("41210"))] == "2025"


# --------------------------------------------------------------------------- an edition's year


@pytest.mark.parametrize("text", [
    "(AGENZIA) - ROMA, 10 SET - Torna Pelvia, la fiera della pelle in programma dal 15 al 17 settembre a "
    "Roma. La fiera mostra le linee primavera-estate 2026 e gli espositori crescono del 12% sull'ultima edizione.",
    "(AGENCY) - ROME, 10 SEP - Pelvia, the leather fair, runs from 15 to 17 September in Rome with the "
    "spring-summer 2026 lines; exhibitors rose 12% on the last edition.",
    "(AGENZIA) - ROMA, 10 SET - La fiera Pelvia si tiene dal 15 al 17 settembre a Roma: in mostra le "
    "collezioni autunno-inverno 2026, con espositori in crescita del 12% sull'ultima edizione.",
])
def test_a_fair_dated_without_its_year_is_of_the_releases_year(text: str) -> None:
    got = {(o.indicator, o.value): o.period for o in extract_checked(text, slug="x-2025-09-10-pelvia").of(Observation)}
    assert got.get(("exhibitors_change", Decimal("12"))) in (None, "2025")
    assert "2026" not in got.values()
