"""Which indicator, scope and area a figure gets, and which figures are found at all.

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


def got(ex: Extraction) -> set[tuple[str, Decimal]]:
    return {(o.indicator, o.value) for o in ex.of(Observation)}


# --------------------------------------------------------------------------- sector structure


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nCeramic machinery in 2024\n\nThe sector counts some 140 companies and 5,900 "
    "employees, with turnover of EUR 2.1 billion in 2024.",
    "Milan, 3 March 2025\n\nCeramic machinery in 2024\n\nIn 2024 the industry was made up of 140 firms "
    "employing about 5,900 people.",
    "Modena, 3 marzo 2025\n\nMacchine per ceramica nel 2024\n\nNel 2024 il comparto contava 140 aziende "
    "con circa 5.900 addetti.",
    "Modena, 3 marzo 2025\n\nMacchine per ceramica nel 2024\n\nLe 140 imprese del settore, che occupano "
    "5.900 persone, hanno chiuso il 2024 in crescita.",
])
def test_companies_and_employees_of_the_sector(text: str) -> None:
    obs = {(o.indicator, o.value, o.period, o.area) for o in run(text).of(Observation)
           if o.unit == "count"}
    assert obs == {("companies", Decimal("140"), "2024", "Italy"), ("employment", Decimal("5900"), "2024", "Italy")}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nThe association represents about 180 companies. Turnover grew 3% in 2024.",
    "Milano, 3 marzo 2025\n\nL'associazione rappresenta oltre 180 imprese. Nel 2024 il fatturato è cresciuto del 3%.",
    "Milan, 3 March 2025\n\nIn 2024, 45 companies took part in the trade mission to Mexico; turnover grew 3%.",
    "Milano, 3 marzo 2025\n\nL'indagine 2024, su un campione di 180 aziende, indica un fatturato in crescita del 3%.",
])
def test_members_samples_and_delegations_are_not_the_sectors_size(text: str) -> None:
    assert got(run(text)) == {("turnover_change", Decimal("3"))}


@pytest.mark.parametrize("text", [
    "Milan, 3 April 2025\n\nFootwear in the first quarter of 2025\n\nIn the first quarter of 2025 a further "
    "52 companies ceased trading.",
    "Milano, 3 aprile 2025\n\nCalzature nel primo trimestre 2025\n\nNel primo trimestre 2025 altre 52 aziende "
    "hanno chiuso i battenti.",
    "Milano, 3 aprile 2025\n\nCalzature nel primo trimestre 2025\n\nNel primo trimestre 2025 52 imprese "
    "calzaturiere avevano cessato l'attività.",
])
def test_companies_that_close_are_closures(text: str) -> None:
    assert got(run(text)) == {("company_closures", Decimal("52"))}


def test_capital_goods_are_their_own_scope() -> None:
    for text in ("Milan, 3 March 2025\n\nCapital goods in 2024\n\nThe capital goods sector closed 2024 with "
                 "turnover down 6%.",
                 "Milano, 3 marzo 2025\n\nBeni strumentali nel 2024\n\nIl comparto dei beni strumentali ha chiuso "
                 "il 2024 con un fatturato in calo del 6%.",
                 "Roma, 3 marzo 2025\n\nIl bene strumentale nel 2024\n\nNel 2024 il fatturato del bene strumentale "
                 "ha registrato un calo del 6%."):
        assert {(o.indicator, o.scope, o.value) for o in run(text).of(Observation)} == {
            ("turnover_change", "capital goods", Decimal("-6"))}


# --------------------------------------------------------------------------- trade fairs


@pytest.mark.parametrize("text", [
    "Milan, 20 September 2024\n\nSIMAC Tanning Tech 2024 closes\n\nSIMAC Tanning Tech welcomed 310 exhibitors "
    "and 7 200 buyers, up 9% on the September 2023 edition.",
    "Milan, 20 September 2024\n\nSIMAC Tanning Tech 2024 closes\n\nThe exhibitors of SIMAC Tanning Tech, "
    "totalling 310, met 7,200 buyers.",
    "Milano, 20 settembre 2024\n\nSi chiude SIMAC Tanning Tech 2024\n\nSIMAC Tanning Tech ha accolto 7.200 presenze "
    "e 310 espositori.",
])
def test_fair_counts_belong_to_the_editions_year_and_have_no_area(text: str) -> None:
    obs = {(o.indicator, o.value, o.period, o.area) for o in run(text).of(Observation) if o.unit == "count"}
    assert obs == {("exhibitors", Decimal("310"), "2024", None), ("visitors", Decimal("7200"), "2024", None)}


@pytest.mark.parametrize("text", [
    "Milan, 20 September 2024\n\nLineapelle 2024 closes\n\nMost exhibitors came from Italy (720 exhibitors), "
    "France (65 exhibitors) and Spain (41 exhibitors).",
    "Milan, 20 September 2024\n\nLineapelle 2024 closes\n\nThe exhibitors by country: Italy: 720 exhibitors, "
    "France: 65 exhibitors, Spain: 41 exhibitors.",
    "Milano, 20 settembre 2024\n\nSi chiude Lineapelle 2024\n\nGli espositori arrivavano da Italia (720 espositori), "
    "Francia (65 espositori) e Spagna (41 espositori).",
])
def test_exhibitors_by_country_take_the_country_as_area(text: str) -> None:
    obs = {(o.indicator, o.value, o.area) for o in run(text).of(Observation)}
    assert obs == {("exhibitors", Decimal("720"), "Italy"), ("exhibitors", Decimal("65"), "France"),
                   ("exhibitors", Decimal("41"), "Spain")}


@pytest.mark.parametrize("text", [
    "Milan, 20 February 2025\n\nMipel 2025 closes\n\nThe fair counted 35 new exhibitors and 12 returning exhibitors.",
    "Milano, 20 febbraio 2025\n\nSi chiude Mipel 2025\n\nLa rassegna ha registrato 35 nuovi espositori e 12 rientri.",
    "Milano, 20 febbraio 2025\n\nSi chiude Mipel 2025\n\nTra gli stand 35 nuovi espositori e 12 espositori di ritorno.",
])
def test_new_and_returning_exhibitors(text: str) -> None:
    assert got(run(text)) == {("new_exhibitors", Decimal("35")), ("returning_exhibitors", Decimal("12"))}


@pytest.mark.parametrize("text", [
    "Milan, 20 September 2024\n\nSIMAC Tanning Tech 2024 closes\n\nICE brought a delegation of 60 buyers "
    "from 20 countries to the fair.",
    "Milano, 20 settembre 2024\n\nSi chiude SIMAC Tanning Tech 2024\n\nICE ha portato in fiera una delegazione "
    "di 60 buyers da 20 paesi.",
    "Milan, 20 September 2024\n\nSIMAC Tanning Tech 2024 closes\n\nA group of 60 buyers from 20 countries "
    "visited the fair with ICE.",
])
def test_a_delegation_is_not_the_fairs_attendance(text: str) -> None:
    assert got(run(text)) == set()


# --------------------------------------------------------------------------- indicator choice


@pytest.mark.parametrize(("text", "expected"), [
    ("Milan, 3 March 2025\n\nPlastics machinery in 2024\n\nIn 2024 turnover reached EUR 4.9 billion, with an "
     "export share of 76%.", {("turnover", Decimal("4900000000")), ("export_ratio", Decimal("76"))}),
    ("Milano, 3 marzo 2025\n\nMacchine per plastica nel 2024\n\nNel 2024 il fatturato è stato di 4,9 miliardi di "
     "euro, con una quota export del 76%.", {("turnover", Decimal("4900000000")), ("export_ratio", Decimal("76"))}),
    ("Milan, 3 March 2025\n\nPlastics machinery in 2024\n\nIn 2024 exports made up 76% of revenues.",
     {("export_ratio", Decimal("76"))}),
    ("Milano, 3 marzo 2025\n\nMacchine per plastica nel 2024\n\nNel 2024 l'export ha generato il 76% del "
     "fatturato complessivo.", {("export_ratio", Decimal("76"))}),
])
def test_an_export_share_is_the_export_ratio_not_a_change(text: str, expected: set[tuple[str, Decimal]]) -> None:
    assert got(run(text)) == expected


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nResults\n\nIn 2024 the service business made up 12% of revenues.",
    "Milano, 3 marzo 2025\n\nRisultati\n\nNel 2024 i ricambi hanno pesato per il 12% del fatturato.",
    "Milan, 3 March 2025\n\nResults\n\nIn 2024 the after-sales unit accounted for 12% of total sales.",
])
def test_another_subjects_part_of_turnover_is_not_the_export_ratio(text: str) -> None:
    assert got(run(text)) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Milan, 3 March 2025\n\nFootwear in 2024\n\nIn 2024 exports fell 4.1% in value and 6.3% in volume.",
     {("exports_change", Decimal("-4.1")), ("exports_volume_change", Decimal("-6.3"))}),
    ("Milano, 3 marzo 2025\n\nCalzature nel 2024\n\nNel 2024 la produzione è diminuita del 6,3% in quantità e del "
     "4,1% in valore.", {("production_volume_change", Decimal("-6.3")), ("production_change", Decimal("-4.1"))}),
    ("Milano, 3 marzo 2025\n\nCalzature nel 2024\n\nNel 2024 i consumi delle famiglie: -6,3% in volume, -4,1% "
     "in valore.", {("consumption_volume_change", Decimal("-6.3")), ("consumption_change", Decimal("-4.1"))}),
    # a change given only in volume, or for both at once, stays a change
    ("Milan, 3 March 2025\n\nFootwear in 2024\n\nIn 2024 household spending on shoes was down 6.3% in volume.",
     {("consumption_change", Decimal("-6.3"))}),
    ("Milan, 3 March 2025\n\nFootwear in 2024\n\nIn 2024 exports fell 6.3% in both volume and value.",
     {("exports_change", Decimal("-6.3"))}),
])
def test_volume_changes_where_the_text_tells_volume_from_value(text: str, expected: set[tuple[str, Decimal]]) -> None:
    assert got(run(text)) == expected


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nPackaging machinery in 2024\n\nIn 2024 domestic sales fell by 9% to EUR 1.7 billion.",
    "Bologna, 3 marzo 2025\n\nMacchine per packaging nel 2024\n\nNel 2024 le vendite sul mercato interno sono scese "
    "del 9%, a 1,7 miliardi di euro.",
    "Bologna, 3 marzo 2025\n\nMacchine per packaging nel 2024\n\nNel 2024 il fatturato interno è diminuito del 9% e "
    "si è fermato a 1,7 miliardi di euro.",
])
def test_domestic_sales(text: str) -> None:
    obs = {(o.indicator, o.value, o.market) for o in run(text).of(Observation)}
    assert obs == {("domestic_sales", Decimal("1700000000"), "domestic market"),
                   ("turnover_change", Decimal("-9"), "domestic market")}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 exports grew by 12% in Mexico, 8% in India and 5% in Brazil.",
    "Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 le esportazioni sono cresciute del 12% in Messico, "
    "dell'8% in India e del 5% in Brasile.",
    "Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 exports to Mexico rose 12%; exports to India rose 8%, "
    "exports to Brazil rose 5%.",
])
def test_export_changes_keep_their_destination(text: str) -> None:
    obs = {(o.indicator, o.value, o.area, o.market) for o in run(text).of(Observation)}
    assert obs == {("exports_change", Decimal("12"), "Italy", "Mexico"), ("exports_change", Decimal("8"), "Italy", "India"),
                   ("exports_change", Decimal("5"), "Italy", "Brazil")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Milan, 20 September 2024\n\nITMA 2024 closes\n\nVisitors came mostly from Italy (14%), Germany (9%) and "
     "Brazil (6%).", {("visitors_share", Decimal("14"), "Italy"), ("visitors_share", Decimal("9"), "Germany"),
                      ("visitors_share", Decimal("6"), "Brazil")}),
    ("Milano, 20 settembre 2024\n\nSi chiude ITMA 2024\n\nI visitatori arrivavano soprattutto da Italia (14%), "
     "Germania (9%) e Brasile (6%).", {("visitors_share", Decimal("14"), "Italy"),
                                       ("visitors_share", Decimal("9"), "Germany"),
                                       ("visitors_share", Decimal("6"), "Brazil")}),
    ("Milano, 20 settembre 2024\n\nSi chiude ITMA 2024\n\nIn crescita i visitatori: bene Germania (+9%) e "
     "Brasile (+6%).", {("visitors_change", Decimal("9"), "Germany"), ("visitors_change", Decimal("6"), "Brazil")}),
])
def test_a_fairs_breakdown_by_country(text: str, expected: set[tuple[str, Decimal, str]]) -> None:
    assert {(o.indicator, o.value, o.area) for o in run(text).of(Observation)} == expected


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nFootwear in 2024\n\nIn 2024 the sector recorded -2.5% in volume and -0.8% in value, "
    "and domestic demand fell again.",
    "Milano, 3 marzo 2025\n\nCalzature nel 2024\n\nNel 2024 il comparto ha segnato un -2,5%, mentre la domanda "
    "interna ha ceduto ancora.",
    "Milano, 3 marzo 2025\n\nCalzature nel 2024\n\nNel 2024 un calo del 2,5%; le esportazioni hanno invece tenuto.",
])
def test_a_cue_past_the_figures_clause_is_not_its_indicator(text: str) -> None:
    assert got(run(text)) == set()


# --------------------------------------------------------------------------- scope and area


@pytest.mark.parametrize(("text", "area"), [
    ("Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 exports grew 3%, while German makers' sales fell 8%.",
     "Germany"),
    ("Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 exports grew 3%. The Chinese competitor's exports "
     "fell 8%.", "China"),
    ("Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 le esportazioni sono cresciute del 3%, mentre le "
     "vendite dei costruttori tedeschi sono diminuite dell'8%.", "Germany"),
    ("Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 l'export è cresciuto del 3%, mentre le "
     "esportazioni dell'industria cinese sono diminuite dell'8%.", "China"),
])
def test_another_countrys_figures_are_its_own(text: str, area: str) -> None:
    obs = {(o.value, o.area) for o in run(text).of(Observation)}
    assert obs == {(Decimal("3"), "Italy"), (Decimal("-8"), area)}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 turnover grew 4% and the group invested EUR 200 million "
    "in research.",
    "Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 turnover grew 4%, and the company spent over EUR 200 "
    "million on new plants.",
    "Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 il fatturato è cresciuto del 4% e il gruppo ha investito "
    "200 milioni di euro in ricerca.",
])
def test_amounts_invested_or_spent_are_not_turnover(text: str) -> None:
    assert got(run(text)) == {("turnover_change", Decimal("4"))}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nFootwear in 2024\n\nIN 2024 BOTH TURNOVER (-7.2%) AND EXPORTS (-5.5%) FELL.",
    "Milan, 3 March 2025\n\nFootwear in 2024\n\nIn 2024 the sector saw lower turnover (-7.2%) and exports (-5.5%).",
    "Milano, 3 marzo 2025\n\nCalzature nel 2024\n\nNel 2024 sono calati fatturato (-7,2%) ed esportazioni (-5,5%).",
])
def test_a_bracketed_figure_belongs_to_the_noun_before_it(text: str) -> None:
    assert got(run(text)) == {("turnover_change", Decimal("-7.2")), ("exports_change", Decimal("-5.5"))}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 exports to Chile were EUR 3 million, with sales focused on "
    "knitting machinery (55% of the total), dyeing machinery (20%) and spare parts (15%).",
    "Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 le esportazioni verso il Cile sono state di 3 milioni di "
    "euro, con vendite concentrate su macchine per maglieria (55% del totale), macchine per tintoria (20%) e "
    "ricambi (15%).",
    "Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 exports to Chile reached EUR 3 million; sales went to "
    "knitting machinery (55% of the total), dyeing machinery (20%) and spare parts (15%).",
])
def test_sales_in_a_sentence_about_exports_are_exports(text: str) -> None:
    obs = {(o.indicator, o.scope, o.value) for o in run(text).of(Observation) if o.unit == "percent"}
    assert obs == {("exports_share", "knitting machinery", Decimal("55")),
                   ("exports_share", "dyeing machinery", Decimal("20")),
                   ("exports_share", "spare parts", Decimal("15"))}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 exports focused on knitting machinery (55% of the total), "
    "other equipment (20%) and dyeing machinery (15%).",
    "Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 l'export si è concentrato su macchine per maglieria "
    "(55% del totale), altre attrezzature (20%) e macchine per tintoria (15%).",
    "Milan, 3 March 2025\n\nExports in 2024\n\nThe 2024 exports: knitting machinery (55% of the total), various "
    "items (20%), dyeing machinery (15%).",
])
def test_an_item_with_no_known_name_is_dropped_not_given_its_neighbours_scope(text: str) -> None:
    obs = {(o.scope, o.value) for o in run(text).of(Observation)}
    assert obs == {("knitting machinery", Decimal("55")), ("dyeing machinery", Decimal("15"))}


@pytest.mark.parametrize("text", [
    "Milan, 20 September 2024\n\nSIMAC Tanning Tech 2024 closes\n\nOf the buyers, 55% were Italian, while the "
    "remaining 45% came from abroad.",
    "Milan, 20 September 2024\n\nSIMAC Tanning Tech 2024 closes\n\nItalians made up 55% of the visitors and the "
    "other 45% came from abroad.",
    "Milano, 20 settembre 2024\n\nSi chiude SIMAC Tanning Tech 2024\n\nIl 55% dei visitatori era italiano, mentre "
    "il restante 45% proveniva dall'estero.",
])
def test_the_foreign_part_of_a_fairs_visitors(text: str) -> None:
    assert ("foreign_visitors_share", Decimal("45")) in got(run(text))


@pytest.mark.parametrize("text", [
    "Milan, 20 September 2024\n\nITMA 2024 closes\n\nThe net exhibition space grew by 6% on the previous edition.",
    "Milano, 20 settembre 2024\n\nSi chiude ITMA 2024\n\nLa superficie espositiva è cresciuta del 6% rispetto "
    "all'edizione precedente.",
    "Milan, 20 September 2024\n\nITMA 2024 closes\n\nExhibitors filled a larger exhibit space, up 6% on the last "
    "edition.",
])
def test_exhibition_space_change(text: str) -> None:
    assert got(run(text)) == {("exhibit_space_change", Decimal("6"))}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 consumption fell 14%, to less than EUR 26 billion.",
    "Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 il consumo è diminuito del 14%, per un totale "
    "inferiore a 26 miliardi di euro.",
    "Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 il consumo è diminuito del 14% e si è fermato sotto i 26 "
    "miliardi di euro.",
])
def test_a_bound_is_not_a_level(text: str) -> None:
    assert got(run(text)) == {("consumption_change", Decimal("-14"))}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 exports grew 5%, producing a trade surplus of EUR 2.1 billion.",
    "Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 le esportazioni sono cresciute del 5%, con un saldo "
    "commerciale di 2,1 miliardi di euro.",
    "Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 l'export è cresciuto del 5% e l'attivo della bilancia "
    "commerciale ha toccato 2,1 miliardi di euro.",
])
def test_a_trade_balance_is_not_exports(text: str) -> None:
    assert got(run(text)) == {("exports_change", Decimal("5")), ("trade_balance", Decimal("2100000000"))}


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 the export share reached 78%, up from 75%.",
    "Milan, 3 March 2025\n\nMachinery in 2024\n\nIn 2024 the export ratio was 78%, against 75% a year earlier.",
    "Milano, 3 marzo 2025\n\nMacchine nel 2024\n\nNel 2024 la quota export è stata del 78%, rispetto al 75% "
    "dell'anno precedente.",
])
def test_the_level_compared_with_is_not_a_change(text: str) -> None:
    assert got(run(text)) == {("export_ratio", Decimal("78"))}


@pytest.mark.parametrize(("text", "market"), [
    ("Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 the United States remained the first market, with 16% of "
     "exports.", "United States"),
    ("Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 la Germania si conferma primo mercato con il 16% "
     "dell'export.", "Germany"),
    ("Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 la Francia è il primo mercato di sbocco, con il 16% delle "
     "esportazioni.", "France"),
])
def test_a_markets_part_of_the_exports(text: str, market: str) -> None:
    assert {(o.indicator, o.value, o.area, o.market) for o in run(text).of(Observation)} == {
        ("exports_share", Decimal("16"), "Italy", market)}


@pytest.mark.parametrize(("text", "market"), [
    ("Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 exports fell; against the trend North America, where sales "
     "grew by 6.4%.", "North America"),
    ("Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 l'export è calato; in controtendenza il Messico, dove le "
     "vendite sono cresciute del 6,4%.", "Mexico"),
    ("Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 l'export è calato, ma in India le vendite sono cresciute "
     "del 6,4%.", "India"),
])
def test_sales_in_a_foreign_market_are_exports_there(text: str, market: str) -> None:
    assert {(o.indicator, o.value, o.area, o.market) for o in run(text).of(Observation)} == {
        ("exports_change", Decimal("6.4"), "Italy", market)}


@pytest.mark.parametrize("text", [
    "Milano, 3 marzo 2025\n\nExport nel 2024\n\nLa contrazione del 12,2% subita dall'export nazionale pesa sul 2024.",
    "Milan, 3 March 2025\n\nExports in 2024\n\nIn 2024 a decline of 12.2% of exports weighed on the sector.",
    "Milano, 3 marzo 2025\n\nExport nel 2024\n\nNel 2024 il calo del 12,2% delle esportazioni ha pesato sul settore.",
])
def test_a_change_of_the_exports_is_not_a_share_of_them(text: str) -> None:
    assert got(run(text)) == {("exports_change", Decimal("-12.2"))}


@pytest.mark.parametrize("text", [
    "Milan, 20 April 2025\n\nMachine tool orders in Q1 2025\n\nIn the first quarter of 2025 the orders index fell "
    "by 4%; the index stood at 91.2. On the domestic market orders rose by 3%. In absolute terms the index was "
    "104.5. Orders from foreign markets fell by 7%, and the index stood at 85.3.",
    "Milano, 20 aprile 2025\n\nOrdini di macchine utensili nel primo trimestre 2025\n\nNel primo trimestre del 2025 "
    "l'indice degli ordini è calato del 4%; l'indice si è così attestato a 91,2. Sul mercato interno gli ordini sono "
    "cresciuti del 3%. Il valore assoluto dell'indice risulta pari a 104,5. Gli ordini esteri sono diminuiti del 7%, e "
    "l'indice è sceso a 85,3.",
    "Milano, 20 aprile 2025\n\nOrdini di macchine utensili nel primo trimestre 2025\n\nNel primo trimestre del 2025 "
    "l'indice degli ordini è calato del 4%; l'indice è pari a 91,2. Sul mercato interno gli ordini sono "
    "cresciuti del 3%, con l'indice a 104,5. All'estero gli ordini sono diminuiti del 7%, mentre in Italia "
    "l'indice si attesta a 106,0.",
])
def test_an_index_quoted_after_a_markets_change_is_that_markets(text: str) -> None:
    idx = {(o.value, o.market) for o in run(text).of(Observation) if o.unit == "index"}
    assert (Decimal("91.2"), None) in idx
    assert (Decimal("104.5"), "domestic market") in idx
    assert all(m is not None for v, m in idx if v != Decimal("91.2"))
