"""Figure frames: qualifiers a source puts on a year's figures, the markets of a flow listed
with bracketed amounts, and other constructions of figures that recur in the sector's releases.

Every text here is written for the test (no sentence of a corpus release): each pattern is
stated in at least three wordings, English and Italian.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kgraph.model import Extraction, Observation
from kgraph_testing import extract_checked


def run(text: str) -> Extraction:
    return extract_checked(text)  # type: ignore[no-any-return]


def quals(ex: Extraction) -> dict[tuple[str, Decimal, str], tuple[str, ...]]:
    return {(o.indicator, o.value, o.period): o.qualifiers for o in ex.of(Observation)}


# --------------------------------------------------------------------------- preliminary figures


@pytest.mark.parametrize("text", [
    "Turin, 4 December 2025\n\nValve makers close a good year\n\nBased on preliminary data gathered by the "
    "association's statistics office, sales of valve machinery came to EUR 3.4 billion in 2025. Exports "
    "made up 70% of sales and rose 5% to EUR 2.4 billion.",
    "Turin, 4 December 2025\n\nValve makers close a good year\n\nAccording to the provisional figures of the "
    "federation, in 2025 sales of valve machinery came to EUR 3.4 billion. Exports made up 70% of sales and "
    "rose 5% to EUR 2.4 billion.",
    "Torino, 4 dicembre 2025\n\nUn buon anno per le valvole\n\nSulla base dei dati provvisori raccolti "
    "dall'ufficio studi, nel 2025 il fatturato del comparto è stato di 3,4 miliardi di euro. Le esportazioni "
    "sono salite del 5% a 2,4 miliardi di euro, il 70% del fatturato.",
    "Turin, 4 December 2025\n\nValve makers close a good year\n\nPreliminary estimates released by the "
    "association point to a strong twelve months for valve machinery.\n\nSales came to EUR 3.4 billion in "
    "2025. Exports made up 70% of sales and rose 5% to EUR 2.4 billion.",
])
def test_a_preliminary_source_qualifies_the_years_figures(text: str) -> None:
    q = quals(run(text))
    assert q[("turnover", Decimal("3.4E+9"), "2025")] == ("preliminary",)
    assert q[("exports", Decimal("2.4E+9"), "2025")] == ("preliminary",)
    assert q[("exports_change", Decimal("5"), "2025")] == ("preliminary",)


@pytest.mark.parametrize("text", [
    "Turin, 4 June 2025\n\nValve makers in 2024\n\nSales of valve machinery came to EUR 3.4 billion in 2024. "
    "This final result revises upwards the preliminary estimate given in March.",
    "Torino, 4 giugno 2025\n\nValvole nel 2024\n\nNel 2024 il fatturato del comparto è stato di 3,4 miliardi "
    "di euro. Il dato corregge al rialzo il preconsuntivo diffuso a marzo.",
    "Turin, 4 June 2025\n\nValve makers in 2024\n\nAt the assembly the members heard that, according to the "
    "2024 results, sales of valve machinery came to EUR 3.4 billion.",
])
def test_final_figures_are_not_preliminary(text: str) -> None:
    assert quals(run(text))[("turnover", Decimal("3.4E+9"), "2024")] == ()


# --------------------------------------------------------------------------- markets of a flow


@pytest.mark.parametrize("text", [
    "Milan, 4 March 2025\n\nExports in 2024\n\nIn 2024 the main export destinations were Spain (EUR 40.2m), "
    "Mexico (EUR 31.5m) and Brazil (EUR 22.1m).",
    "Milan, 4 March 2025\n\nExports in 2024\n\nExports grew in 2024 in the leading markets: Spain (EUR 40.2 "
    "million), Mexico (EUR 31.5 million) and Brazil (EUR 22.1 million).",
    "Milano, 4 marzo 2025\n\nExport nel 2024\n\nNel 2024 le esportazioni hanno premiato i mercati principali: "
    "Spagna (40,2 milioni di euro), Messico (31,5 milioni di euro) e Brasile (22,1 milioni di euro).",
])
def test_bracketed_amounts_after_destinations_are_their_markets(text: str) -> None:
    got = {(o.indicator, o.value, o.area, o.market) for o in run(text).of(Observation)}
    assert ("exports", Decimal("4.02E+7"), "Italy", "Spain") in got
    assert ("exports", Decimal("3.15E+7"), "Italy", "Mexico") in got
    assert ("exports", Decimal("2.21E+7"), "Italy", "Brazil") in got


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize("text", [
    "Milan, 3 December 2024\n\nValve makers in 2024\n\nSales of valve machinery grew 4% in 2024. The "
    "industry looks ahead cautiously to 2025, with 7.5 months of production already in its order book.",
    "Milan, 3 December 2024\n\nValve makers in 2024\n\nSales of valve machinery grew 4% in 2024. Makers are "
    "looking to 2025 with some worry.\n\nThe sector counts 210 companies.",
    "Milano, 3 dicembre 2024\n\nValvole nel 2024\n\nNel 2024 il fatturato del comparto è cresciuto del 4%. "
    "Il settore guarda con prudenza al 2025, con 7,5 mesi di produzione già assicurati.",
])
def test_a_year_looked_ahead_to_dates_no_other_figure(text: str) -> None:
    obs = run(text).of(Observation)
    assert obs and {o.period for o in obs} == {"2024"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Valve makers had a hard time\n\nSales of valve machinery fell 6% last year, the association said.",
     ("turnover_change", Decimal("-6"), "2023")),
    ("Valvole, un anno difficile\n\nL'anno scorso il fatturato del comparto è calato del 6%, ha detto "
     "l'associazione.", ("turnover_change", Decimal("-6"), "2023")),
    ("Valve makers had a hard time\n\nThe association counts 85 companies; exports fell 6% last year.",
     ("exports_change", Decimal("-6"), "2023")),
])
def test_a_text_with_no_date_counts_last_year_from_its_files_date(text: str, expected: tuple[str, Decimal, str]) -> None:
    ex = extract_checked(text, slug="valves-2024-03-12-results")
    assert expected in {(o.indicator, o.value, o.period) for o in ex.of(Observation)}
    assert ex.info.date is None  # the document states no date: none is recorded


@pytest.mark.parametrize("text", [
    "Milano, 2 febbraio 2025\n\nOrdini di macchine per legno\n\nNel quarto trimestre 2024 l'indice degli "
    "ordini è sceso del 9%. Su base annua, la raccolta ordini complessiva cala del 12%. La raccolta all'estero è "
    "scesa del 14%.",
    "Milan, 2 February 2025\n\nWoodworking machinery orders\n\nIn the fourth quarter of 2024 the orders "
    "index fell 9%. For the full year, the orders index dropped 12%. Orders from abroad fell 14%.",
    "Milan, 2 February 2025\n\nWoodworking machinery orders\n\nOrders slipped 9% in the fourth quarter of "
    "2024. On an annual basis, the orders index was down 12%, and orders from abroad fell 14%.",
])
def test_a_whole_year_summed_up_after_a_quarter(text: str) -> None:
    got = {(o.indicator, o.value, o.period) for o in run(text).of(Observation)}
    assert ("orders_change", Decimal("-9"), "2024-Q4") in got
    assert ("orders_change", Decimal("-12"), "2024") in got
    assert any(v == Decimal("-14") and p == "2024" for _, v, p in got)


@pytest.mark.parametrize("text", [
    "Milan, 2 February 2025\n\nOrders in the fourth quarter of 2024\n\nIn the fourth quarter of 2024 the "
    "orders index fell 9%.\n\nThe association speaks for a sector of 210 companies with 9,000 employees and "
    "a turnover of EUR 1.9 billion.",
    "Milano, 2 febbraio 2025\n\nOrdini nel quarto trimestre 2024\n\nNel quarto trimestre 2024 l'indice degli "
    "ordini è sceso del 9%.\n\nIl settore conta 210 aziende con 9.000 addetti e un fatturato di 1,9 miliardi "
    "di euro.",
    "Milan, 2 February 2025\n\nOrders in the fourth quarter of 2024\n\nOrders slipped 9% in the fourth "
    "quarter of 2024.\n\nThe industry is made up of 210 firms employing some 9,000 people, with turnover of "
    "EUR 1.9 billion.",
])
def test_a_sectors_structure_after_a_quarter_is_the_years(text: str) -> None:
    got = {(o.indicator, o.value, o.period) for o in run(text).of(Observation)}
    assert {("companies", Decimal("210"), "2024"), ("employment", Decimal("9000"), "2024"),
            ("turnover", Decimal("1.9E+9"), "2024"), ("orders_change", Decimal("-9"), "2024-Q4")} <= got


# --------------------------------------------------------------------------- fair attendance by origin


@pytest.mark.parametrize("text", [
    "Milan, 20 September 2024\n\nLeatherworld closes its 50th edition\n\nThe 50th Leatherworld closed with "
    "attendance up 20%, thanks to a 30% rise in arrivals from abroad and +4% from Italy.",
    "Milan, 20 September 2024\n\nLeatherworld closes its 50th edition\n\nThe 50th Leatherworld closed with "
    "41,000 visitors (+20%), including 22,000 visitors from abroad (+30%) and 19,000 from Italy (+4%).",
    "Milano, 20 settembre 2024\n\nLeatherworld chiude la 50esima edizione\n\nLa 50esima edizione di "
    "Leatherworld si è chiusa con visitatori in crescita del 20%: +30% dall'estero e +4% dall'Italia.",
])
def test_a_fairs_attendance_change_by_origin(text: str) -> None:
    got = {(o.indicator, o.value, o.area) for o in run(text).of(Observation) if o.unit == "percent"}
    assert got == {("visitors_change", Decimal("20"), None), ("foreign_visitors_change", Decimal("30"), None),
                   ("domestic_visitors_change", Decimal("4"), None)}


# --------------------------------------------------------------------------- whose flow, which indicator


@pytest.mark.parametrize(("text", "market"), [
    ("Milan, 5 March 2025\n\nShoes to the Gulf\n\nAcross the Middle East, Italian exports of shoes "
     "reached EUR 250 million in 2024.", "Middle East"),
    ("Milano, 5 marzo 2025\n\nScarpe nel Golfo\n\nNell'intero Medio Oriente l'export italiano di scarpe "
     "ha raggiunto 250 milioni di euro nel 2024.", "Middle East"),
    ("Milano, 5 marzo 2025\n\nScarpe verso l'Est\n\nNella sola Polonia, invece, nel 2024 sono state "
     "esportate paia di scarpe italiane per un valore di 250 milioni di euro.", "Poland"),
])
def test_the_home_countrys_flow_into_a_place_named_first(text: str, market: str) -> None:
    got = {(o.indicator, o.value, o.area, o.market) for o in run(text).of(Observation)}
    assert got == {("exports", Decimal("2.5E+8"), "Italy", market)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Milan, 5 March 2025\n\nShoe demand at home\n\nIn 2024 spending by Italian households on shoes fell 3.1%.",
     {("consumption_change", Decimal("-3.1"))}),
    ("Milano, 5 marzo 2025\n\nLa domanda interna\n\nNel 2024 gli acquisti di scarpe delle famiglie sono "
     "scesi del 3,1%.", {("consumption_change", Decimal("-3.1"))}),
    ("Milan, 5 March 2025\n\nShoe demand at home\n\nPurchases of shoes by Italian households dropped 3.1% "
     "in 2024.", {("consumption_change", Decimal("-3.1"))}),
])
def test_households_buying_is_consumption(text: str, expected: set[tuple[str, Decimal]]) -> None:
    assert {(o.indicator, o.value) for o in run(text).of(Observation)} == expected


@pytest.mark.parametrize("text", [
    "Milano, 5 aprile 2025\n\nCalzature, primo trimestre 2025\n\nNel primo trimestre 2025 la cassa "
    "integrazione è salita del 12%, a 2,1 milioni di ore autorizzate.",
    "Milan, 5 April 2025\n\nFootwear in the first quarter of 2025\n\nIn the first quarter of 2025 hours paid by "
    "the wage guarantee fund rose 12% to 2.1 million hours.",
    "Milano, 5 aprile 2025\n\nCalzature, primo trimestre 2025\n\nLe ore di cassa integrazione sono cresciute "
    "del 12% nel primo trimestre 2025, arrivando a 2,1 milioni di ore.",
])
def test_hours_of_the_wage_guarantee_fund(text: str) -> None:
    got = {(o.indicator, o.value, o.unit, o.period) for o in run(text).of(Observation)}
    assert got == {("wage_guarantee_hours_change", Decimal("12"), "percent", "2025-Q1"),
                   ("wage_guarantee_hours", Decimal("2.1E+6"), "hours", "2025-Q1")}


@pytest.mark.parametrize("text", [
    "Milan, 5 June 2025\n\nTanneries in 2024\n\nIn 2024 production grew 3% in volume (118 million square "
    "metres of finished hides) and 1% in value.",
    "Milano, 5 giugno 2025\n\nConcerie nel 2024\n\nNel 2024 la produzione è salita del 3% in volume (118 "
    "milioni di metri quadrati di pellame finito) e dell'1% in valore.",
    "Milano, 5 giugno 2025\n\nConcerie nel 2024\n\nNel 2024 il volume della produzione ha raggiunto 118 "
    "milioni di metri quadri di pellame lavorato.",
])
def test_square_metres_of_output_are_production(text: str) -> None:
    got = {(o.indicator, o.value, o.unit) for o in run(text).of(Observation) if o.unit == "sqm"}
    assert got == {("production", Decimal("1.18E+8"), "sqm")}


@pytest.mark.parametrize("text", [
    "Milan, 5 February 2025\n\nLeatherworld opens\n\nLeatherworld opens tomorrow with 1,200 exhibitors, while "
    "visitors are expected to top 25,000.",
    "Milano, 5 febbraio 2025\n\nApre Leatherworld\n\nLeatherworld apre domani con 1.200 espositori, mentre "
    "sono attesi oltre 25mila visitatori.",
    "Milano, 5 febbraio 2025\n\nApre Leatherworld\n\nLeatherworld apre domani con 1.200 espositori; gli "
    "organizzatori prevedono un'affluenza di 25mila operatori.",
])
def test_attendance_hoped_for_is_no_result(text: str) -> None:
    got = {(o.indicator, o.value) for o in run(text).of(Observation)}
    assert got == {("exhibitors", Decimal("1200"))}


@pytest.mark.parametrize(("text", "expected"), [
    ("Milan, 20 September 2024\n\nLeatherworld closes\n\nLeatherworld closed with 40,000 visitors. The number of "
     "Japanese buyers was up 18% over September 2023. Among Asian markets, Korea came first (+9%).",
     {("visitors_change", Decimal("18"), "Japan"), ("visitors_change", Decimal("9"), "South Korea")}),
    ("Milano, 20 settembre 2024\n\nChiude Leatherworld\n\nLeatherworld ha chiuso con 40.000 visitatori. I "
     "visitatori giapponesi sono cresciuti del 18% su settembre 2023. La Corea si conferma in testa con un +9%.",
     {("visitors_change", Decimal("18"), "Japan"), ("visitors_change", Decimal("9"), "South Korea")}),
    ("Milano, 20 settembre 2024\n\nChiude Leatherworld\n\nLeatherworld ha chiuso con 40.000 visitatori, in "
     "calo del 4% rispetto a settembre 2023. Il Giappone si conferma primo mercato con un +18%.",
     {("visitors_change", Decimal("-4"), None), ("visitors_change", Decimal("18"), "Japan")}),
])
def test_a_fairs_changes_by_the_country_of_its_visitors(text: str, expected: set[tuple[str, Decimal, str | None]]) -> None:
    got = {(o.indicator, o.value, o.area) for o in run(text).of(Observation) if o.unit == "percent"}
    assert got == expected


# --------------------------------------------------------------------------- amounts that are not levels


@pytest.mark.parametrize("text", [
    "Milan, 5 March 2025\n\nValve exports in 2024\n\nIn 2024 exports to Brazil fell 2% to EUR 310,000 "
    "($336,000).",
    "Milano, 5 marzo 2025\n\nExport di valvole nel 2024\n\nNel 2024 le esportazioni verso il Brasile sono "
    "scese del 2% a 310.000 euro (336.000 dollari).",
    "Milan, 5 March 2025\n\nValve exports in 2024\n\nExports to Brazil came to EUR 310,000 (USD 336,000) in "
    "2024, 2% less than a year earlier.",
])
def test_an_amount_restated_in_another_currency_is_not_a_second_figure(text: str) -> None:
    got = {(o.indicator, o.value, o.unit) for o in run(text).of(Observation) if o.unit in ("EUR", "USD")}
    assert got == {("exports", Decimal("310000"), "EUR")}


@pytest.mark.parametrize("text", [
    "Milan, 5 March 2025\n\nValve makers in 2024\n\nExports account for the greater part of the sector's "
    "turnover, having reached 2.3 billion euros in 2024 (up 4% on 2023).",
    "Milano, 5 marzo 2025\n\nValvole nel 2024\n\nL'export resta la parte più grande del fatturato: nel 2024 "
    "ha raggiunto 2,3 miliardi di euro (+4% sul 2023).",
    "Milan, 5 March 2025\n\nValve makers in 2024\n\nIn 2024 exports, the biggest part of the industry's "
    "turnover, reached 2.3 billion euros (up 4% on 2023).",
])
def test_the_whole_a_share_is_of_is_not_the_figures_subject(text: str) -> None:
    got = {(o.indicator, o.value) for o in run(text).of(Observation)}
    assert got == {("exports", Decimal("2.3E+9")), ("exports_change", Decimal("4"))}


@pytest.mark.parametrize("text", [
    "Milano, 5 giugno 2025\n\nConcerie nel 2024\n\nNel 2024 il fatturato è stato di 5 miliardi di euro. Le "
    "concerie continuano a investire nella formazione il 3% del loro fatturato, vale a dire più di 150 "
    "milioni di euro.",
    "Milan, 5 June 2025\n\nTanneries in 2024\n\nIn 2024 turnover was 5 billion euros. Tanneries keep investing "
    "over 4% of their turnover, or more than 200 million euros, in sustainability.",
    "Milan, 5 June 2025\n\nTanneries in 2024\n\nIn 2024 turnover was 5 billion euros, and the sector spent "
    "more than 200 million euros on training.",
])
def test_amounts_spent_beside_the_turnover_are_not_turnover(text: str) -> None:
    got = {(o.indicator, o.value) for o in run(text).of(Observation) if o.unit == "EUR"}
    assert got == {("turnover", Decimal("5E+9"))}


@pytest.mark.parametrize("text", [
    "Valve machinery tops 3 billion euros\n\nIn 2024 the sector's turnover rose 8% to 3.12 billion euros.",
    "Valvole, il fatturato supera i 3 miliardi\n\nNel 2024 il fatturato del settore è salito dell'8% a 3,12 "
    "miliardi di euro.",
    "Valve makers: turnover over EUR 3 billion\n\nIn 2024 the sector's turnover grew by 8%, reaching "
    "EUR 2.96 billion.",
])
def test_a_headline_rounding_a_body_figure_is_not_a_figure_of_its_own(text: str) -> None:
    got = [o for o in extract_checked(text, slug="valves-2025-03-05-results").of(Observation) if o.unit == "EUR"]
    assert len(got) == 1 and got[0].value in (Decimal("3.12E+9"), Decimal("2.96E+9"))


# --------------------------------------------------------------------------- changes told across clauses


@pytest.mark.parametrize("text", [
    "Milan, 5 March 2025\n\nValve makers in 2024\n\nIn 2024 exports, long the industry's engine, shrank by "
    "2.5 percent while imports expanded by 6 percent.",
    "Milano, 5 marzo 2025\n\nValvole nel 2024\n\nNel 2024 le esportazioni, da sempre il motore del settore, "
    "sono calate del 2,5% mentre le importazioni sono cresciute del 6%.",
    "Milan, 5 March 2025\n\nValve makers in 2024\n\nIn 2024 production grew, if only slightly, by a meagre "
    "1.2 percent, while imports expanded by 6 percent.",
])
def test_a_cue_past_a_contrast_belongs_to_the_next_figure(text: str) -> None:
    got = {(o.indicator, o.value) for o in run(text).of(Observation)}
    assert ("imports_change", Decimal("6")) in got
    assert got & {("exports_change", Decimal("-2.5")), ("production_change", Decimal("1.2"))}
    assert not any(k == "imports_change" and v != Decimal("6") for k, v in got)


@pytest.mark.parametrize("text", [
    "Milan, 5 March 2025\n\nValve makers in 2024\n\nCompared to 2019, the last year in which sales fell, "
    "foreign sales have grown by 21%.",
    "Milano, 5 marzo 2025\n\nValvole nel 2024\n\nNel 2024 le vendite estere sono cresciute del 21% rispetto al "
    "2019.",
    "Milan, 5 March 2025\n\nValve makers in 2024\n\nIn 2024 foreign sales rose 21% on 2019.",
])
def test_foreign_sales_are_exports_with_no_market_of_their_own(text: str) -> None:
    got = {(o.indicator, o.value, o.market) for o in run(text).of(Observation)}
    assert got == {("exports_change", Decimal("21"), None)}


@pytest.mark.parametrize("text", [
    "Milan, 15 April 2025\n\nMachine tools in the first quarter\n\nOrders for machine tools picked up again in "
    "the first quarter of 2025. According to the association's index, the quarter closed 12% up on a year "
    "earlier. In absolute terms the index stood at 131 (base 100 in 2021).",
    "Milano, 15 aprile 2025\n\nMacchine utensili nel primo trimestre\n\nNel primo trimestre del 2025 gli "
    "ordini di macchine utensili sono di nuovo in aumento. Secondo l'indice dell'associazione, il periodo "
    "termina con una crescita del 12%. L'indice, in termini assoluti, è pari a 131 (base 100 nel 2021).",
    "Milano, 15 aprile 2025\n\nMacchine utensili nel primo trimestre\n\nGli ordini di macchine utensili "
    "tornano a salire nel primo trimestre 2025. L'indice elaborato dall'associazione segna infatti una "
    "crescita del 12%, con un valore assoluto di 131 (base 2021=100).",
])
def test_a_sentence_without_figures_names_what_the_next_go_on_about(text: str) -> None:
    got = {(o.indicator, o.value, o.period) for o in run(text).of(Observation)}
    assert got == {("orders_change", Decimal("12"), "2025-Q1"), ("orders_index", Decimal("131"), "2025-Q1")}


@pytest.mark.parametrize("text", [
    "Glamour and craft at MICAM\n\nThe 95th MICAM, staged at the Rho exhibition centre, welcomed over 40 "
    "thousand visitors, level with the February 2023 edition.",
    "Moda e artigianato al MICAM\n\nSono i temi della 95esima edizione di MICAM a Fiera Milano (Rho), con oltre "
    "40mila visitatori, in linea con l'edizione di febbraio 2023.",
    "Glamour and craft at MICAM\n\nThe 95th MICAM at Fiera Milano (Rho) drew more than 40,000 visitors, on a "
    "par with the February 2023 edition.",
])
def test_a_fair_compared_with_last_years_edition_reports_the_files_year(text: str) -> None:
    ex = extract_checked(text, slug="micam-2024-02-22-edition-95")
    got = {(o.indicator, o.value, o.period) for o in ex.of(Observation)}
    assert got == {("visitors", Decimal("40000"), "2024")}
