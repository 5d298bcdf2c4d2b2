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


# --------------------------------------------------------------------------- a fair's participation


Count = tuple[str, Decimal, str | None]  # indicator, value, area


def counts(text: str) -> set[Count]:
    return {(f[0], f[1], f[2]) for f in facts(text)}


@pytest.mark.parametrize(("text", "value"), [
    ("Biella, 8 October 2025\n\nSome 85 Italian companies are exhibiting at Techtextil North America in "
     "Atlanta this week.", "85"),
    ("Biella, 8 October 2025\n\nTechtextil North America opens in Atlanta with the participation of more "
     "than forty Italian firms.", "40"),
    ("Biella, 8 ottobre 2025\n\nA Techtextil North America di Atlanta saranno presenti 85 aziende italiane "
     "del comparto.", "85"),
    ("Biella, 8 ottobre 2025\n\nSono 85 le aziende italiane in fiera a Techtextil North America, ad Atlanta.", "85"),
])
def test_the_companies_of_one_country_at_a_fair_are_its_exhibitors_from_there(text: str, value: str) -> None:
    got = counts(text)
    assert ("exhibitors", Decimal(value), "Italy") in got
    assert not any(c[0] == "companies" for c in got)


@pytest.mark.parametrize("text", [
    "Biella, 8 October 2025\n\nTechtextil North America opens in Atlanta. Of the exhibitors, 31 companies "
    "will be part of the national pavilion run by the association.",
    "Biella, 8 ottobre 2025\n\nApre Techtextil North America ad Atlanta: 31 aziende esporranno nella "
    "collettiva nazionale organizzata dall'associazione.",
    "Biella, 8 October 2025\n\nAt Techtextil North America in Atlanta, 31 companies will exhibit in the "
    "Italian pavilion.",
])
def test_a_national_group_is_counted_apart(text: str) -> None:
    got = counts(text)
    assert ("national_group_exhibitors", Decimal("31"), "Italy") in got
    assert not any(c[0] in ("companies", "exhibitors") for c in got)


@pytest.mark.parametrize("text", [
    "Milan, 21 February 2025\n\nAt Simac this year more than 120 buyers from Chile, Kenya, Vietnam and "
    "Turkey, invited by the trade agency, met the exhibitors.",
    "Milano, 21 febbraio 2025\n\nA Simac quest'anno oltre 120 operatori provenienti da Cile, Kenya, Vietnam "
    "e Turchia, invitati dall'agenzia, hanno incontrato gli espositori.",
    "Milan, 21 February 2025\n\nSimac welcomed some 120 buyers from eleven countries, guests of the "
    "association's incoming programme.",
])
def test_invited_buyers_are_not_the_edition_s_visitors(text: str) -> None:
    got = counts(text)
    assert ("invited_buyers", Decimal("120"), None) in got
    assert not any(c[0] == "visitors" for c in got)


@pytest.mark.parametrize("text", [
    "Milano, 10 febbraio 2025\n\nLineapelle apre domani. Esporranno 1.240 aziende provenienti da 46 Paesi.",
    "Milan, 10 February 2025\n\nLineapelle opens tomorrow. Exhibiting will be 1,240 companies from 46 "
    "countries.",
    "Milano, 10 febbraio 2025\n\nLineapelle apre domani: espongono 1.240 aziende provenienti da 46 Paesi.",
])
def test_companies_said_to_exhibit_and_their_countries(text: str) -> None:
    got = counts(text)
    assert ("exhibitors", Decimal("1240"), None) in got
    assert ("exhibitor_countries", Decimal("46"), None) in got


@pytest.mark.parametrize("text", [
    "Milano, 10 febbraio 2025\n\nLineapelle apre domani. Fa da punto di riferimento a una filiera di 50.000 "
    "aziende che genera un giro d'affari di 120 miliardi di dollari.",
    "Milan, 10 February 2025\n\nLineapelle opens tomorrow, the meeting point of a supply chain of 50,000 "
    "companies with a turnover of USD 120 billion.",
    "Milan, 10 February 2025\n\nLineapelle opens tomorrow. The value chain it serves counts 50,000 "
    "companies and turnover of 120 billion dollars.",
])
def test_a_whole_supply_chain_is_not_the_sector(text: str) -> None:
    got = counts(text)
    assert not any(c[0] in ("companies", "turnover") for c in got)


@pytest.mark.parametrize("text", [
    "Milano, 21 febbraio 2025\n\nSimac chiude bene. L'affluenza: + 12% rispetto all'edizione 2024.",
    "Milan, 21 February 2025\n\nSimac closes well. Attendance: + 12% on the 2024 edition.",
    "Milan, 21 February 2025\n\nSimac closes well, with visitors at + 12% on the 2024 edition.",
])
def test_a_plus_set_apart_still_signs_the_change(text: str) -> None:
    assert ("visitors_change", Decimal("12"), None) in counts(text)


# --------------------------------------------------------------------------- compared levels


Q = tuple[str, Decimal, str, tuple[str, ...]]  # indicator, value, period, qualifiers


def qualified(text: str) -> set[Q]:
    return {(o.indicator, o.value, o.period, o.qualifiers) for o in extract_checked(text).of(Observation)}


@pytest.mark.parametrize("text", [
    "Rimini, 2 December 2025\n\nValve makers close 2025 well\n\nAccording to preliminary figures of the "
    "association, in 2025 turnover is estimated to have grown by 6.1% on the 2024 figure of 2.3 billion euros "
    "(itself up 4% on 2023).",
    "Rimini, 2 December 2025\n\nValve makers close 2025 well\n\nBased on the provisional data, turnover is "
    "estimated to have increased by 6.1% in 2025 compared with the 2024 level of 2.3 billion euros (itself up 4% "
    "on 2023).",
    "Rimini, 2 dicembre 2025\n\nValvole, un buon 2025\n\nSecondo i dati di preconsuntivo, nel 2025 il "
    "fatturato è stimato in crescita del 6,1% rispetto al valore 2024 di 2,3 miliardi di euro (a sua volta "
    "in aumento del 4% sul 2023).",
])
def test_the_level_compared_with_is_an_actual_and_its_bracket_shares_its_year(text: str) -> None:
    got = qualified(text)
    assert ("turnover_change", Decimal("6.1"), "2025", ("preliminary",)) in got
    assert ("turnover", Decimal("2.3E+9"), "2024", ()) in got
    assert ("turnover_change", Decimal("4"), "2024", ()) in got


@pytest.mark.parametrize("text", [
    "Milano, 8 giugno 2025\n\nI primi dati del 2025 confermano un quadro incerto. Nel primo trimestre gli "
    "acquisti delle famiglie sono calati del 2,2%.",
    "Milan, 8 June 2025\n\nThe first data of 2025 confirm an uncertain picture. In the first quarter "
    "household purchases fell by 2.2%.",
    "Milano, 8 giugno 2025\n\nI primi dati dell'anno, relativi al 2025, mostrano un clima incerto. Nel primo "
    "trimestre i consumi delle famiglie sono scesi del 2,2%.",
])
def test_the_first_data_of_a_year_are_not_preliminary(text: str) -> None:
    assert ("consumption_change", Decimal("-2.2"), "2025-Q1", ()) in qualified(text)


# --------------------------------------------------------------------------- changes told by comparison


@pytest.mark.parametrize("text", [
    "Brescia, 5 May 2025\n\nIn the first quarter of 2025 the drop hit orders from the home market, where the "
    "index stood at 88.2 points, or 17% less than a year earlier.",
    "Brescia, 5 maggio 2025\n\nNel primo trimestre 2025 il calo ha riguardato gli ordini del mercato interno, "
    "con un indice di 88,2 punti, il 17% in meno rispetto a un anno prima.",
    "Brescia, 5 May 2025\n\nIn the first quarter of 2025 the fall concerned domestic orders, with the index "
    "at 88.2 points, 17% lower than in the same quarter of 2024.",
])
def test_a_percentage_less_than_before_is_a_fall(text: str) -> None:
    got = facts(text)
    assert fact("orders_change", "-17", "Italy", "domestic market", "2025-Q1") in got


@pytest.mark.parametrize(("text", "market"), [
    ("Como, 6 February 2025\n\nIn the fourth quarter of 2024 orders fell by 11%. A 9% slide was recorded "
     "abroad, while domestic orders rose.", "foreign markets"),
    ("Como, 6 February 2025\n\nIn the fourth quarter of 2024 orders fell by 11%. A 9% drop was recorded on "
     "foreign markets.", "foreign markets"),
    ("Como, 6 febbraio 2025\n\nNel quarto trimestre 2024 gli ordini sono calati dell'11%. Un calo del 9% si è "
     "registrato sul mercato interno.", "domestic market"),
])
def test_the_market_told_after_a_change_is_its_market(text: str, market: str) -> None:
    assert fact("orders_change", "-9", "Italy", market, "2024-Q4") in facts(text)


@pytest.mark.parametrize("text", [
    "Sassuolo, 1 December 2025\n\nThe sector expects a turnover of EUR 2.3 billion in 2025. According to the "
    "association, turnover in 2025 will come to EUR 2,317 million.",
    "Sassuolo, 1 dicembre 2025\n\nIl settore prevede un fatturato di 2,3 miliardi di euro nel 2025. Secondo "
    "l'associazione, il fatturato 2025 sarà di 2.317 milioni di euro.",
    "Sassuolo, 1 December 2025\n\nSales of about EUR 2.3 billion in 2025: turnover for the year is put at "
    "EUR 2,317 million.",
])
def test_a_figure_told_again_rounded_is_one_figure(text: str) -> None:
    got = {(f[0], f[1]) for f in facts(text)}
    assert ("turnover", Decimal("2.317E+9")) in got
    assert ("turnover", Decimal("2.3E+9")) not in got


@pytest.mark.parametrize("text", [
    "Bologna, 3 dicembre 2025\n\nNel 2025 il fatturato del comparto è lievitato di 4,2 punti percentuali.",
    "Bologna, 3 December 2025\n\nIn 2025 the sector's turnover grew by 4.2 percentage points.",
    "Bologna, 3 dicembre 2025\n\nNel 2025 le esportazioni sono aumentate di 4,2 punti percentuali.",
])
def test_a_level_s_change_in_percentage_points_is_in_percent(text: str) -> None:
    got = {(f[0], f[1]) for f in facts(text)}
    assert ("turnover_change", Decimal("4.2")) in got or ("exports_change", Decimal("4.2")) in got


@pytest.mark.parametrize("text", [
    "Bologna, 3 December 2025\n\nIn 2025 exports rose by 6% to EUR 2 billion. Leading the way is North America, "
    "which grew by 21.5%, with Canada, which posted a record rise of 30.2%.",
    "Bologna, 3 dicembre 2025\n\nNel 2025 l'export è salito del 6% a 2 miliardi di euro. In testa il Nord "
    "America, che quest'anno cresce del 21,5%, con il Canada che mette a segno una crescita record del 30,2%.",
    "Bologna, 3 dicembre 2025\n\nNel 2025 le esportazioni sono cresciute del 6% a 2 miliardi di euro. Guida il "
    "Nord America, che aumenta del 21,5%, con il Canada che segna un aumento del 30,2%.",
])
def test_a_market_told_as_the_subject_of_the_figure_s_relative_clause(text: str) -> None:
    got = facts(text)
    assert fact("exports_change", "21.5", "Italy", "North America", "2025") in got
    assert fact("exports_change", "30.2", "Italy", "Canada", "2025") in got


@pytest.mark.parametrize("text", [
    "Bologna, 3 dicembre 2025\n\nNel 2025 è proseguita la buona tenuta dell'Italia, che ha portato ricavi per "
    "1,3 miliardi di euro (+4,5%).",
    "Bologna, 3 December 2025\n\nIn 2025 Italy, which brought in revenues of EUR 1.3 billion (+4.5%), kept "
    "up its good run.",
    "Bologna, 3 dicembre 2025\n\nNel 2025 continua a crescere l'Italia, che ha prodotto ricavi per 1,3 "
    "miliardi di euro (+4,5%).",
])
def test_the_home_country_sold_to_is_the_home_market(text: str) -> None:
    got = facts(text)
    assert fact("domestic_sales", "1.3E+9", "Italy", "domestic market", "2025") in got


@pytest.mark.parametrize("text", [
    "Biella, 8 October 2025\n\nIndia, which is the second largest market for textile machinery, recorded machinery "
    "imports worth 1.4 billion euros in 2024.",
    "Biella, 8 ottobre 2025\n\nL'India, che è il secondo mercato per le macchine tessili, ha importato "
    "macchinari per 1,4 miliardi di euro nel 2024.",
    "Biella, 8 October 2025\n\nIndia, which ranks second among textile machinery markets, imported machinery "
    "worth 1.4 billion euros in 2024.",
])
def test_a_place_whose_relative_clause_closed_is_the_figure_s_area(text: str) -> None:
    got = facts(text)
    assert fact("imports", "1.4E+9", "India", None, "2024") in got


@pytest.mark.parametrize("text", [
    "Milano, 1 dicembre 2025\n\nDa gennaio a settembre 2025 il comparto ha perso 140 imprese.",
    "Milan, 1 December 2025\n\nFrom January to September 2025 the industry lost 140 companies.",
    "Milano, 1 dicembre 2025\n\nNei primi nove mesi del 2025 il settore calzaturiero ha perso oltre 140 aziende.",
])
def test_companies_lost_are_closures(text: str) -> None:
    got = {(f[0], f[1]) for f in facts(text)}
    assert ("company_closures", Decimal("140")) in got
    assert ("companies", Decimal("140")) not in got


@pytest.mark.parametrize("text", [
    "Milano, 25 ottobre 2025\n\nNel 2024 l'export verso la Turchia è stato di 310 milioni di euro, e nei "
    "primi 6 mesi dell'anno vale 140 milioni di euro, in calo del 4,1% rispetto ai primi 6 mesi del 2024.",
    "Milan, 25 October 2025\n\nIn 2024 exports to Turkey came to EUR 310 million, while in the first half of the "
    "year they were worth EUR 140 million, down 4.1% on the first half of 2024.",
    "Milano, 25 ottobre 2025\n\nNel 2024 le esportazioni in Turchia hanno raggiunto 310 milioni di euro; nel "
    "primo semestre dell'anno valgono 140 milioni di euro, in calo del 4,1% sul primo semestre 2024.",
])
def test_a_part_of_the_year_compared_with_the_same_part_of_a_year_is_the_next_year_s(text: str) -> None:
    got = {(f[0], f[1], f[4]) for f in facts(text)}
    assert ("exports", Decimal("1.4E+8"), "2025-H1") in got
    assert ("exports_change", Decimal("-4.1"), "2025-H1") in got


@pytest.mark.parametrize("text", [
    "Milano, 25 luglio 2025\n\nNel 2024 il fatturato delle concerie è calato del 2%. Bene le forniture per "
    "interni auto (+6%).",
    "Milano, 25 luglio 2025\n\nNel 2024 il fatturato della conceria è sceso del 2%, con gli interni auto in "
    "crescita (+6%).",
    "Milano, 25 luglio 2025\n\nNel 2024 il giro d'affari delle concerie è diminuito del 2%: in crescita solo "
    "gli interni per l'arredo (+6%).",
])
def test_interiors_are_no_home_market(text: str) -> None:
    assert not any(f[3] == "domestic market" for f in facts(text))


@pytest.mark.parametrize("text", [
    "Milano, 25 luglio 2025\n\nNel 2024 gli ordini interni sono cresciuti del 6%.",
    "Milano, 25 luglio 2025\n\nNel 2024 la domanda interna di macchine è cresciuta del 6%.",
    "Milano, 25 luglio 2025\n\nNel 2024 il fatturato sul mercato interno è cresciuto del 6%.",
])
def test_what_is_sold_at_home_still_names_the_home_market(text: str) -> None:
    assert any(f[3] == "domestic market" or f[0].startswith("consumption") for f in facts(text))
