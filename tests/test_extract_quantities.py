"""The value, unit and period of figures, each pattern on short hand-written releases.

None of these texts comes from a release of the corpus: each states a pattern in its own words
(English and Italian), and the test asserts the value, unit and period extraction reads. The
grammar itself (numbers, words, units, periods) has its doctest tables in
kgraph.extract.quantity and kgraph.extract.timex, run by test_extract_grammar_doctest.py.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgraph.model import Observation
from kgraph_testing import extract_checked

Row = tuple[str, Decimal, str, str]  # indicator, value, unit, period


def rows(text: str) -> set[Row]:
    ex = extract_checked(text)
    return {(o.indicator, o.value, o.unit, o.period) for o in ex.of(Observation)}


def row(indicator: str, value: str, unit: str, period: str) -> Row:
    return (indicator, Decimal(value), unit, period)


@pytest.mark.parametrize(("text", "want"), [
    ("Turin, 5 May 2024\n\nIn the first quarter of 2024 the machine tool orders index stood at 112.4 "
     "(base 100 in 2015), a fall of 6% on the same quarter of 2023.",
     row("orders_index", "112.4", "index", "2024-Q1")),
    ("Milano, 12 novembre 2025\n\nTra luglio e settembre 2025 l'indice ordini è salito a 95,1 "
     "(base 2021=100).",
     row("orders_index", "95.1", "index", "2025-Q3")),
    ("Brescia, 12 novembre 2025\n\nTra luglio e settembre 2025 l'indice della raccolta ordini si è attestato "
     "a 88,6 (base 100 nel 2021).",
     row("orders_index", "88.6", "index", "2025-Q3")),
    ("Como, 3 August 2023\n\nIn the April-June 2023 period the orders index was 101.7 (2010=100), "
     "down 2% year on year.",
     row("orders_index", "101.7", "index", "2023-Q2")),
])
def test_an_index_base_year_is_not_the_period(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Milan, 10 May 2024\n\nFrom January to March 2024, exports of the sector rose by 5%.",
     row("exports_change", "5", "percent", "2024-Q1")),
    ("Vigevano, 20 luglio 2023\n\nDa gennaio a giugno 2023 le esportazioni sono cresciute del 4%.",
     row("exports_change", "4", "percent", "2023-H1")),
    ("Biella, 2 November 2022\n\nBetween July and September 2022 the orders of the industry fell by 3%.",
     row("orders_change", "-3", "percent", "2022-Q3")),
    ("Bologna, 5 dicembre 2024\n\nNei primi nove mesi del 2024 il fatturato del settore è calato del 6%.",
     row("turnover_change", "-6", "percent", "2024-01/2024-09")),
    ("Parma, 30 October 2023\n\nIn the period from January to August 2023 our exports grew by 11%.",
     row("exports_change", "11", "percent", "2023-01/2023-08")),
    ("Modena, 14 maggio 2025\n\nNel primo trimestre 2025 il fatturato è aumentato del 2%.",
     row("turnover_change", "2", "percent", "2025-Q1")),
])
def test_month_ranges_quarters_and_halves(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Milan, 14 March 2022\n\nLast year the sector's turnover reached 2.1 billion euros.",
     row("turnover", "2100000000", "EUR", "2021")),
    ("Vicenza, 9 aprile 2021\n\nLo scorso anno il fatturato delle aziende è stato di 3,2 miliardi di euro.",
     row("turnover", "3200000000", "EUR", "2020")),
    ("Rome, 2 July 2024\n\nThis year exports should climb by 4%, the association expects.",
     row("exports_change", "4", "percent", "2024")),
    ("Milano, 18 febbraio 2019\n\nQuest'anno il fatturato del comparto è previsto in crescita del 3%.",
     row("turnover_change", "3", "percent", "2019")),
])
def test_periods_relative_to_the_release_date(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Rho, 24 February 2023\n\nThe show closed today with 4,100 visitors.",
     row("visitors", "4100", "count", "2023")),
    ("Bologna, 6 ottobre 2022\n\nSi è chiusa ieri la rassegna, che ha accolto 9.800 visitatori.",
     row("visitors", "9800", "count", "2022")),
    ("Florence, 11 June 2021\n\nThis morning the organisers counted 520 exhibitors, up 9% compared with "
     "the 2019 edition.",
     row("exhibitors", "520", "count", "2021")),
    ("Verona, 20 May 2024\n\nThe exhibitors numbered 610, up 12% from the May 2022 edition.",
     row("exhibitors", "610", "count", "2024")),
])
def test_a_fair_is_dated_by_the_release_not_by_the_edition_it_is_compared_with(text: str, want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not any(r[3] in ("2019", "2022") and r[0] == "exhibitors" for r in got if r != want)


@pytest.mark.parametrize(("text", "want"), [
    ("Milan, 3 March 2024\n\nIn 2023 footwear production reached 150 million pairs.",
     row("production", "150000000", "pairs", "2023")),
    ("Milano, 3 marzo 2024\n\nNel 2023 la produzione di calzature è scesa a 98,5 milioni di paia.",
     row("production", "98500000", "pairs", "2023")),
    ("Rimini, 8 June 2023\n\nIn 2023 the exhibitors of the fair filled an exhibition area of 40,000 square metres.",
     row("exhibit_space", "40000", "sqm", "2023")),
    ("Rimini, 8 giugno 2023\n\nNel 2023 i padiglioni della fiera hanno occupato 35.000 metri quadrati.",
     row("exhibit_space", "35000", "sqm", "2023")),
    ("Vigevano, 1 luglio 2022\n\nNel 2021 le esportazioni hanno raggiunto 12.500 tonnellate.",
     row("exports", "12500", "tonnes", "2021")),
])
def test_physical_quantities_keep_their_unit(text: str, want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not any(r[1] == want[1] and r[2] in ("EUR", "USD") for r in got)


@pytest.mark.parametrize(("text", "want"), [
    ("London, 2 May 2024\n\nIn 2023 the group's turnover was EUR 320 mn.", row("turnover", "320000000", "EUR", "2023")),
    ("London, 2 May 2024\n\nIn 2023 turnover came to EUR1.2bn.", row("turnover", "1200000000", "EUR", "2023")),
    ("New York, 2 May 2024\n\nIn 2023 exports amounted to USD 5 billion.", row("exports", "5000000000", "USD", "2023")),
    ("Sassuolo, 20 giugno 2013\n\nNel 2012 il fatturato è stato di un miliardo e 450 milioni di euro.",
     row("turnover", "1450000000", "EUR", "2012")),
    ("Milan, 20 June 2023\n\nIn 2022 the industry's exports reached half a billion euros.",
     row("exports", "500000000", "EUR", "2022")),
    ("Milano, 20 giugno 2023\n\nNel 2022 la produzione ha superato il mezzo miliardo di euro.",
     row("production", "500000000", "EUR", "2022")),
    ("Milano, 20 giugno 2023\n\nNel 2022 l'export è cresciuto del tre per cento.",
     row("exports_change", "3", "percent", "2022")),
    ("Milan, 20 June 2023\n\nIn 2022 turnover grew by three percent.", row("turnover_change", "3", "percent", "2022")),
    ("Milano, 20 giugno 2023\n\nNel 2022 il fatturato è stato di 1,5 miliardi di euro.",
     row("turnover", "1500000000", "EUR", "2022")),
])
def test_amounts_in_english_and_italian_writing(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Milan, 3 March 2024\n\nIn 2023 exports recorded a drop of 12%.", row("exports_change", "-12", "percent", "2023")),
    ("Milano, 3 marzo 2024\n\nNel 2023 le esportazioni hanno registrato un calo del 7%.",
     row("exports_change", "-7", "percent", "2023")),
    ("Milano, 3 marzo 2024\n\nNel 2023 il fatturato ha subito una flessione del 4,5%.",
     row("turnover_change", "-4.5", "percent", "2023")),
    ("Milan, 3 March 2024\n\nTurnover in 2023: –6.2% (EUR 2.3 billion).", row("turnover_change", "-6.2", "percent", "2023")),
    ("Milano, 3 marzo 2024\n\nNel 2023 la produzione è in crescita del 2,1%.",
     row("production_change", "2.1", "percent", "2023")),
])
def test_the_sign_of_a_change_from_its_words(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2024\n\nIn 2024 exports are expected to grow between 3 and 5%.",
    "Milano, 3 marzo 2024\n\nNel 2024 le esportazioni dovrebbero crescere tra il 2 e il 4%.",
    "Milano, 3 marzo 2024\n\nPer il 2024 si stima un fatturato in aumento fra 1% e 3%.",
])
def test_a_range_gives_no_single_figure(text: str) -> None:
    assert not any(r[0].endswith("_change") for r in rows(text))


@pytest.mark.parametrize(("text", "want"), [
    ("Prato, 4 April 2020\n\nIn 2019 the industry comprised some 280 manufacturers employing around 11,000 people.",
     {row("companies", "280", "count", "2019"), row("employment", "11000", "count", "2019")}),
    ("Sassuolo, 4 aprile 2020\n\nNel 2019 il settore contava 140 aziende e 5.800 addetti.",
     {row("companies", "140", "count", "2019"), row("employment", "5800", "count", "2019")}),
    ("Vigevano, 4 aprile 2020\n\nNel 2019 il comparto ha dato lavoro a 41mila addetti in 900 imprese.",
     {row("companies", "900", "count", "2019"), row("employment", "41000", "count", "2019")}),
])
def test_counts_of_companies_and_employees(text: str, want: set[Row]) -> None:
    assert want <= rows(text)


@pytest.mark.parametrize("text", [
    "Brescia, 4 April 2024\n\nThe 2024 survey covered a sample of 180 companies.",
    "Brescia, 4 aprile 2024\n\nNel 2024 l'indagine è stata condotta su un campione di 230 imprese.",
    "Milan, 4 April 2024\n\nIn 2024 the association represents about 190 companies.",
])
def test_a_sample_or_a_membership_is_not_the_sector_count(text: str) -> None:
    assert not any(r[0] == "companies" for r in rows(text))


@pytest.mark.parametrize(("text", "want"), [
    ("Bergamo, 12 November 2024\n\nIn the third quarter of 2024 capacity utilisation fell to 73.2%.",
     row("capacity_utilisation", "73.2", "percent", "2024-Q3")),
    ("Bergamo, 12 novembre 2024\n\nNel III trimestre 2024 l'utilizzo degli impianti è salito al 77,4%.",
     row("capacity_utilisation", "77.4", "percent", "2024-Q3")),
    ("Bergamo, 12 novembre 2024\n\nNel secondo trimestre 2024 il tasso di utilizzo della capacità produttiva "
     "è calato al 69%.",
     row("capacity_utilisation", "69", "percent", "2024-Q2")),
])
def test_a_change_to_a_level_gives_the_level(text: str, want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not any(r[0].endswith("_change") for r in got)


@pytest.mark.parametrize(("text", "want"), [
    ("Milano, 3 giugno 2016\n\nNel primo trimestre 2016 altre 27 aziende hanno cessato l'attività.",
     row("company_closures", "27", "count", "2016-Q1")),
    ("Milan, 3 June 2016\n\nIn the first quarter of 2016 a further 18 companies closed down.",
     row("company_closures", "18", "count", "2016-Q1")),
    ("Milan, 3 June 2016\n\nIn 2015 some 45 firms shut their doors for good.",
     row("company_closures", "45", "count", "2015")),
])
def test_a_count_of_closed_companies(text: str, want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not any(r[0] == "companies" for r in got)


@pytest.mark.parametrize(("text", "want"), [
    ("Bologna\n\nPiù di 48.000 presenze e 87 paesi rappresentati. È il consuntivo dell'edizione 2023 della rassegna.",
     {row("visitors", "48000", "count", "2023"), row("visitor_countries", "87", "count", "2023")}),
    ("Hanover\n\nThe visitorship came to over 92,000. That was the result of the 2022 edition of the show.",
     {row("visitors", "92000", "count", "2022")}),
    ("Paris\n\nExhibitors totalling 1,480 filled the halls. Such were the figures of the 2024 edition.",
     {row("exhibitors", "1480", "count", "2024")}),
])
def test_a_fair_figure_dated_later_in_its_paragraph(text: str, want: set[Row]) -> None:
    assert want <= rows(text)


@pytest.mark.parametrize("text", [
    "Chennai, 5 March 2025\n\nIn 2025 the Italian makers exhibited in a national pavilion of 450 square metres.",
    "Istanbul, 5 marzo 2025\n\nNel 2025 le aziende italiane erano presenti in un padiglione nazionale di 320 metri quadrati.",
    "Dubai, 5 March 2025\n\nIn 2025 the association ran a collective stand covering about 280 sqm.",
])
def test_a_pavilion_is_not_the_show_s_exhibit_space(text: str) -> None:
    assert not any(r[0] == "exhibit_space" for r in rows(text))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("Milan, 17 February 2025\n\nIn 2024 exports of the sector fell by 1.5%. In the second half exports "
     "grew by 0.7%.\n\nSales in France rose by 3.9%.",
     row("exports_change", "3.9", "percent", "2024"), row("exports_change", "3.9", "percent", "2024-H2")),
    ("Milano, 17 febbraio 2025\n\nNel 2024 le esportazioni del comparto sono calate del 2,5%. Nel secondo "
     "semestre l'export è cresciuto dell'1,1%.\n\nLe vendite in Spagna sono aumentate del 5,2%.",
     row("exports_change", "5.2", "percent", "2024"), row("exports_change", "5.2", "percent", "2024-H2")),
    ("Milano, 8 giugno 2016\n\nNel 2016 la produzione è calata del 2%. Nel primo trimestre gli ordini sono "
     "scesi del 4%.\n\nIl trimestre si è chiuso con un calo delle esportazioni del 6%.",
     row("exports_change", "-6", "percent", "2016-Q1"), row("exports_change", "-6", "percent", "2016")),
])
def test_a_part_of_the_year_does_not_date_the_next_paragraph(text: str, want: Row, not_want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not_want not in got


@pytest.mark.parametrize("text", [
    "Milan, 5 December 2023\n\nIn 2023 the industry's turnover went past the €7 billion mark at last.",
    "London, 5 December 2023\n\nIn 2023 sales broke through the EUR 4 billion threshold.",
    "Milano, 5 dicembre 2023\n\nNel 2023 il fatturato del comparto ha superato la soglia dei 6 miliardi di euro.",
    "Milano, 5 dicembre 2023\n\nNel 2023 il giro d'affari ha oltrepassato quota 5 miliardi di euro.",
])
def test_a_milestone_passed_is_not_the_figure(text: str) -> None:
    assert not any(r[0] == "turnover" for r in rows(text))


@pytest.mark.parametrize(("text", "want"), [
    ("Milan, 3 March 2024\n\nIn 2023 the export ratio rose by 2 percentage points to 81%.",
     {row("export_ratio_change", "2", "points", "2023"), row("export_ratio", "81", "percent", "2023")}),
    ("Milano, 3 marzo 2024\n\nNel 2023 la quota export è salita di 1,5 punti percentuali, all'80%.",
     {row("export_ratio_change", "1.5", "points", "2023"), row("export_ratio", "80", "percent", "2023")}),
    ("Milano, 3 marzo 2024\n\nNel 2023 l'utilizzo degli impianti è sceso di 3 punti percentuali, al 72%.",
     {row("capacity_utilisation_change", "-3", "points", "2023"), row("capacity_utilisation", "72", "percent", "2023")}),
])
def test_percentage_points_are_the_change_of_a_share(text: str, want: set[Row]) -> None:
    got = rows(text)
    assert want <= got
    assert not any(r[2] == "points" and not r[0].endswith("_change") for r in got)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("Bologna, 15 December 2019\n\nIn January-September 2019 the sector's exports grew by 9%. Output for the whole "
     "of 2019 should come to 3.2 billion euros (the best result so far was 3.0 billion in 2008), a rise on 2018.",
     row("production", "3200000000", "EUR", "2019"), row("production", "3200000000", "EUR", "2008")),
    ("Parma, 10 December 2021\n\nIn 2021 the makers' turnover came to 6.8 billion euros (it had peaked at 7.1 "
     "billion in 2011) and exports rose by 11%.",
     row("turnover", "6800000000", "EUR", "2021"), row("turnover", "6800000000", "EUR", "2011")),
    ("Milano, 18 dicembre 2023\n\nNel 2023 il fatturato del comparto si attesta a 2,4 miliardi di euro (contro "
     "un massimo di 2,6 miliardi toccato nel 2007), mentre l'export sale del 4%.",
     row("turnover", "2400000000", "EUR", "2023"), row("turnover", "2400000000", "EUR", "2007")),
])
def test_a_bracket_with_its_own_figure_dates_only_that_figure(text: str, want: Row, not_want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "want"), [
    ("Monza, 12 December 2018\n\nOver the first ten months of 2018 sales abroad climbed 8%. At year end the "
     "sector's output is expected to reach 1.9 billion euros.",
     row("production", "1900000000", "EUR", "2018")),
    ("Vigevano, 9 December 2022\n\nIn 2022 the makers gained ground abroad. By the end of the year their "
     "turnover should total 800 million euros.",
     row("turnover", "800000000", "EUR", "2022")),
    ("Vicenza, 11 dicembre 2024\n\nNel 2024 le esportazioni del comparto crescono. A fine anno il fatturato "
     "dovrebbe raggiungere 1,3 miliardi di euro.",
     row("turnover", "1300000000", "EUR", "2024")),
])
def test_year_end_is_the_year_of_the_context(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("Bologna, 20 December 2017\n\nIn 2017 output is set to reach 4.1 billion euros, five points of growth over 2016.",
     row("production", "4100000000", "EUR", "2017"), row("production", "4100000000", "EUR", "2016")),
    ("Turin, 19 December 2019\n\nThis year turnover should come to 2.2 billion euros, an increase over 2018.",
     row("turnover", "2200000000", "EUR", "2019"), row("turnover", "2200000000", "EUR", "2018")),
    ("Brescia, 16 dicembre 2022\n\nNel 2022 la produzione raggiunge 3,5 miliardi di euro, in crescita sul 2021.",
     row("production", "3500000000", "EUR", "2022"), row("production", "3500000000", "EUR", "2021")),
])
def test_a_change_in_words_makes_over_year_a_comparison(text: str, want: Row, not_want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "want"), [
    ("Rho, 14 February 2019\n\nThe leather show closed today: 1,210 exhibitors, 430 of them foreign, and among "
     "the stands 512 international exhibitors from 40 countries.",
     row("foreign_exhibitors", "512", "count", "2019")),
    ("Bologna, 3 March 2020\n\nThe fair welcomed 18,400 visitors from abroad over its four days.",
     row("foreign_visitors", "18400", "count", "2020")),
    ("Milano, 22 settembre 2021\n\nLa fiera chiude oggi con 9.300 visitatori esteri e 610 espositori stranieri.",
     row("foreign_exhibitors", "610", "count", "2021")),
    ("Milano, 22 settembre 2021\n\nLa fiera chiude oggi con 9.300 visitatori dall'estero.",
     row("foreign_visitors", "9300", "count", "2021")),
])
def test_a_fair_s_foreign_part_counted_by_its_noun(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Rho, 20 September 2018\n\nThe show closed today with an attendance figure of 41,050 trade operators.",
     row("visitors", "41050", "count", "2018")),
    ("Vicenza, 12 May 2022\n\nThe exhibition ended with a total of 6,200 visitors across three days.",
     row("visitors", "6200", "count", "2022")),
    ("Bologna, 5 ottobre 2023\n\nLa manifestazione si chiude con visitatori per un numero di 12.400 presenze.",
     row("visitors", "12400", "count", "2023")),
])
def test_attendance_as_a_figure_of(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Lineapelle closes with more visitors\n\nThe leather show ended its latest edition with visitors up 6% on "
     "October 2020, while foreign exhibitors were steady.",
     row("visitors_change", "6", "percent", "2021")),
    ("MICAM: a busy close\n\nAt the footwear show the visitors rose by 4% compared with September 2022 and by 9% "
     "against February 2022.",
     row("visitors_change", "4", "percent", "2023")),
    ("Mipel chiude in crescita\n\nLa rassegna della pelletteria registra visitatori in aumento del 5% su "
     "settembre 2017, con 40 nuovi espositori.",
     row("visitors_change", "5", "percent", "2018")),
])
def test_a_yearless_fair_follows_the_second_half_edition_it_is_compared_with(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize("text", [
    "Mipel chiude in crescita\n\nLa rassegna della pelletteria registra visitatori in aumento del 5% su marzo 2017.",
    "MICAM: a busy close\n\nAt the footwear show the visitors rose by 4% compared with February 2022.",
])
def test_a_first_half_edition_compared_with_leaves_the_year_open(text: str) -> None:
    assert not any(r[0] == "visitors_change" and r[3] in ("2017", "2018", "2022", "2023") for r in rows(text))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("Vigevano, 4 July 2018\n\nIn 2017 sales went mostly abroad: exports (some 80% of turnover) came to 512 "
     "million euros (+6.1% on 2016) against imports of 40 million euros.",
     row("exports", "512000000", "EUR", "2017"), row("turnover", "512000000", "EUR", "2017")),
    ("Vigevano, 4 July 2018\n\nIn 2017 exports (nearly two thirds of production) reached 300 million euros "
     "(+3.5% on 2016), while imports stopped at 25 million euros.",
     row("exports_change", "3.5", "percent", "2017"), row("imports_change", "3.5", "percent", "2017")),
    ("Vigevano, 4 luglio 2018\n\nNel 2017 le esportazioni (circa il 70% del fatturato) salgono a 410 milioni "
     "di euro (+5,2% sul 2016), a fronte di importazioni per 30 milioni di euro.",
     row("exports", "410000000", "EUR", "2017"), row("turnover", "410000000", "EUR", "2017")),
])
def test_a_bracket_keeps_its_cue_to_itself(text: str, want: Row, not_want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "want"), [
    ("Modena, 20 June 2013\n\nIn 2012 the companies held their ground, though down slightly (-3%) was the "
     "number of employees, just over 5,000.",
     row("employment_change", "-3", "percent", "2012")),
    ("Modena, 20 giugno 2013\n\nNel 2012 restano attive tutte le aziende, anche se è sceso, (-2%) il numero "
     "degli addetti.",
     row("employment_change", "-2", "percent", "2012")),
    ("Modena, 20 giugno 2013\n\nNel 2012 è calato (-5%) il numero dei dipendenti del settore.",
     row("employment_change", "-5", "percent", "2012")),
])
def test_a_bracket_opening_its_own_phrase_takes_the_noun_after(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "want"), [
    ("Milan, 30 October 2019\n\nIn the third quarter of 2019 the machine tool orders index fell by 4%. Orders "
     "from abroad dropped 2.1%, with an absolute value of 98.6.",
     row("orders_index", "98.6", "index", "2019-Q3")),
    ("Milano, 14 luglio 2024\n\nNel secondo trimestre 2024 l'indice degli ordini cresce del 6%. Gli ordini "
     "interni salgono del 3,2%, per un valore assoluto di 61,7.",
     row("orders_index", "61.7", "index", "2024-Q2")),
    ("Milano, 14 luglio 2024\n\nNel secondo trimestre 2024 l'indice degli ordini cresce del 6%, con un valore "
     "assoluto pari a 77,9.",
     row("orders_index", "77.9", "index", "2024-Q2")),
])
def test_an_absolute_value_after_an_index_is_its_level(text: str, want: Row) -> None:
    assert want in rows(text)


@pytest.mark.parametrize(("text", "market"), [
    ("Milano, 20 ottobre 2025\n\nNel terzo trimestre 2025 gli ordini raccolti dai costruttori sul mercato domestico crescono "
     "del 9,1%.", "domestic market"),
    ("Milano, 20 ottobre 2025\n\nNel terzo trimestre 2025 sui mercati domestici gli ordini calano del 3%.",
     "domestic market"),
    ("Milan, 20 October 2025\n\nIn the third quarter of 2025 orders on the domestic market rose by 9.1%.",
     "domestic market"),
])
def test_orders_at_home_have_the_domestic_market(text: str, market: str) -> None:
    ex = extract_checked(text)
    assert any(o.indicator == "orders_change" and o.market == market for o in ex.of(Observation))


@pytest.mark.parametrize("text", [
    "Orders abroad (-3.3%); orders at home (+8.8%)\n\nMilan, 20 October 2025\n\n"
    "In the third quarter of 2025 orders on the domestic market rose by 8.8%, while foreign orders fell by 3.3%.",
    "Ordini esteri (-3,3%); ordini interni (+8,8%)\n\nMilano, 20 ottobre 2025\n\n"
    "Nel terzo trimestre 2025 gli ordini sul mercato domestico crescono dell'8,8%, mentre gli ordini esteri calano del 3,3%.",
    "Ordini in Italia +8,8%\n\nMilano, 20 ottobre 2025\n\n"
    "Nel terzo trimestre 2025 gli ordini sul mercato interno crescono dell'8,8%.",
])
def test_a_headline_figure_repeated_in_the_body_counts_once(text: str) -> None:
    ex = extract_checked(text)
    assert len([o for o in ex.of(Observation) if o.value == Decimal("8.8")]) == 1


@pytest.mark.parametrize(("text", "want", "not_want"), [
    ("Modena, 1 December 2015\n\nIn 2015 the makers' turnover grew by 6.4% with respect to the 2014 value of "
     "1.5 billion euros.",
     row("turnover", "1500000000", "EUR", "2014"), row("turnover_change", "6.4", "percent", "2014")),
    ("Modena, 1 December 2015\n\nIn 2015 exports rose 3% relative to the 2014 level of 900 million euros.",
     row("exports", "900000000", "EUR", "2014"), row("exports_change", "3", "percent", "2014")),
    ("Modena, 1 dicembre 2015\n\nNel 2015 il fatturato cresce del 5% rispetto al dato 2014 di 1,2 miliardi di euro.",
     row("turnover", "1200000000", "EUR", "2014"), row("turnover_change", "5", "percent", "2014")),
])
def test_the_year_compared_with_dates_its_own_figure(text: str, want: Row, not_want: Row) -> None:
    got = rows(text)
    assert want in got
    assert not_want not in got


@pytest.mark.parametrize(("text", "want"), [
    ("Milano, 2 marzo 2024\n\nNel 2023 l'export ha toccato 8,1 miliardi di euro (+4% sul 2022) per 150 milioni "
     "di paia esportate (-2,2% sul 2022).",
     row("exports_volume_change", "-2.2", "percent", "2023")),
    ("Milan, 2 March 2024\n\nIn 2023 exports came to 8.1 billion euros (+4%) for 150 million pairs shipped "
     "(-2.2% on 2022 and +1.5% on 2019).",
     row("exports_volume_change", "1.5", "percent", "2023")),
    ("Milan, 2 March 2024\n\nIn 2023 the makers exported 150 million pairs (-3.1%), worth 8.1 billion euros.",
     row("exports_volume_change", "-3.1", "percent", "2023")),
])
def test_the_change_of_a_count_in_pairs_is_in_volume(text: str, want: Row) -> None:
    assert want in rows(text)
