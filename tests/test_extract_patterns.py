"""Language patterns added for generalisation, each on a short hand-written release.

None of these texts comes from a release of the corpus or of the held-out sets: each states a
pattern the way another writer might, and the test asserts what extraction reads from it.
"""

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
    OrgRelation,
    Priority,
)
from kgraph_testing import extract_checked


def run(text: str) -> Extraction:
    return extract_checked(text)  # type: ignore[no-any-return]


def rels(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject, r.relation, r.object) for r in ex.of(OrgRelation)}


def test_organisational_links_after_an_apposition_and_for_the_association() -> None:
    ex = run("Milan, 3 May 2024\n\nThe figures of ACIMAC, the association of ceramic machinery makers, "
             "member of Confindustria, were published today.\n\nThe association is part of Federmacchine "
             "and a member of CECIMO.")
    assert rels(ex) == {("ACIMAC", "member_of", "Confindustria"), ("ACIMAC", "part_of", "Federmacchine"),
                        ("ACIMAC", "member_of", "CECIMO")}
    it = run("Bologna, 3 maggio 2024\n\nUCIMA, l'associazione dei costruttori di macchine per il "
             "packaging, aderente a Federmacchine, ha presentato i dati.")
    assert rels(it) == {("UCIMA", "member_of", "Federmacchine")}


@pytest.mark.parametrize(("head", "date", "place"), [
    ("Sassuolo, 19.12.2024\n\n", dt.date(2024, 12, 19), "Sassuolo"),
    ("Cinisello Balsamo (Milan), April 28, 2025\n\n", dt.date(2025, 4, 28), "Cinisello Balsamo"),
    ("Comunicato stampa del 15 maggio 2024\n\n", dt.date(2024, 5, 15), None),
])
def test_datelines_and_headers(head: str, date: dt.date, place: str | None) -> None:
    ex = run(head + "ACIMAC: machinery orders grew in the first quarter\n\nOrders rose by 4% in the quarter.")
    assert (ex.info.date, ex.info.place) == (date, place)


def test_source_for_names_the_publisher() -> None:
    ex = run("Rome, 2 March 2025\n\nFootwear sales fell in 2024\n\nConfindustria Moda presented the "
             "data.\n\nSource: Confindustria Moda Research Centre for Assocalzaturifici")
    assert ex.info.publisher == "Assocalzaturifici"


def test_succession_with_the_election_date_and_the_predecessor() -> None:
    ex = run("Milan, 20 March 2025\n\nNewly appointed President Anna Verdi, who succeeds Paolo Neri as "
             "President of Amaplast after her election by the assembly on 5 March 2025, spoke first.")
    got = {(m.person, m.role, m.organisation, m.start, m.end) for m in ex.of(Membership)}
    assert got == {("Anna Verdi", "President", "AMAPLAST", dt.date(2025, 3, 5), None),
                   ("Paolo Neri", "President", "AMAPLAST", None, dt.date(2025, 3, 5))}
    it = run("Vigevano, 10 giugno 2024\n\nL'assemblea ha eletto Carla Bianchi nuova presidente di Assomac: "
             "succede a Mario Rossi. Bianchi, 48 anni, è amministratore delegato della Calzaturificio Alfa "
             "di Vigevano.")
    got = {(m.person, m.role, m.organisation, m.start, m.end) for m in it.of(Membership)}
    assert ("Mario Rossi", "President", "Assomac", None, dt.date(2024, 6, 10)) in got
    assert ("Carla Bianchi", "Managing Director", "Calzaturificio Alfa", None, None) in got


def test_minister_of_resolves_to_the_ministry() -> None:
    ex = run("Rome, 2 March 2025\n\nThe Minister of Enterprises and Made in Italy, Adolfo Urso, opened the meeting.")
    assert {(m.person, m.role, m.organisation) for m in ex.of(Membership)} == {
        ("Adolfo Urso", "Minister", "Ministry of Enterprises and Made in Italy")}


def test_trade_fair_attendance_is_scoped_to_the_fairs_sector() -> None:
    ex = run("Milan, 25 February 2026\n\nLINEAPELLE CLOSES ITS WINTER EDITION\n\nThe fair, held from 17 to 19 "
             "February 2026 at Fiera Milano, hosted 1,150 exhibitors, 40% of them from abroad. The organisers "
             "counted 20,300 visitors from 105 countries, an increase of 2 percent; foreign visitors "
             "accounted for 50% of the total.")
    obs = {(o.indicator, o.value) for o in ex.of(Observation)}
    assert obs == {("exhibitors", Decimal("1150")), ("foreign_exhibitors_share", Decimal("40")),
                   ("visitors", Decimal("20300")), ("visitor_countries", Decimal("105")),
                   ("visitors_change", Decimal("2")), ("foreign_visitors_share", Decimal("50"))}
    assert {o.scope for o in ex.of(Observation)} == {"leather, accessories and components"}
    assert {o.period for o in ex.of(Observation)} == {"2026"}
    ev = ex.of(Event)
    assert [(e.kind, e.date, e.venue, e.title) for e in ev] == [
        ("TradeFairEdition", dt.date(2026, 2, 17), "Fiera Milano", "LINEAPELLE")]


def test_italian_counts_after_their_noun_and_their_parts() -> None:
    ex = run("Milano, 3 ottobre 2024\n\nSi è chiusa la fiera Lineapelle 2024. Gli espositori sono stati 1.210 "
             "(di cui 1.074 italiani).")
    assert {(o.indicator, o.value) for o in ex.of(Observation)} == {
        ("exhibitors", Decimal("1210")), ("exhibitors", Decimal("1074"))}


def test_sales_to_a_foreign_country_are_exports_and_periods_past_a_contrast() -> None:
    ex = run("Milano, 12 marzo 2025\n\nMacchine tessili: produzione in calo\n\nNel 2024 le vendite in Cina "
             "hanno registrato una flessione del 14,2%. Il fatturato si è attestato a 2.346 milioni di euro, "
             "mentre nel secondo semestre gli ordini sono cresciuti dell'8,4%.")
    got = {(o.indicator, o.value, o.period) for o in ex.of(Observation)}
    assert ("exports_change", Decimal("-14.2"), "2024") in got
    assert ("turnover", Decimal("2346000000"), "2024") in got
    assert ("orders_change", Decimal("8.4"), "2024-H2") in got


def test_a_preliminary_cue_in_a_figure_free_sentence_qualifies_the_years_figures() -> None:
    ex = run("Rome, 11 March 2025\n\nThe preliminary results of the sector for 2024 were presented today.\n\n"
             "Turnover fell to € 13.1 billion, down 8.4 percent compared with 2023.")
    assert {(o.indicator, o.period, o.qualifiers) for o in ex.of(Observation)} == {
        ("turnover", "2024", ("preliminary",)), ("turnover_change", "2024", ("preliminary",))}


def test_world_rankings() -> None:
    ex = run("Cinisello Balsamo, 19.12.2024\n\nIl 2024 delle macchine utensili\n\nNel 2024 la produzione è "
             "calata del 5%. Nella classifica mondiale l'Italia si conferma quarto produttore e quinto "
             "esportatore di macchine utensili.")
    got = {(o.indicator, o.value, o.unit, o.period, o.area) for o in ex.of(Observation) if o.unit == "rank"}
    assert got == {("world_production_rank", Decimal("4"), "rank", "2024", "Italy"),
                   ("world_export_rank", Decimal("5"), "rank", "2024", "Italy")}


def test_export_priorities_competitors_and_destinations() -> None:
    ex = run("Milan, 3 March 2025\n\nMachinery exports in 2024\n\nGermany and the United States remain our "
             "main outlets, but manufacturers must also look at India, Mexico and Brazil. Our Chinese and "
             "Korean competitors are growing.")
    got = {(m.market, m.relation) for m in ex.of(MarketRelation)}
    assert got == {("Germany", "destination"), ("United States", "destination"),
                   ("India", "export_priority"), ("Mexico", "export_priority"), ("Brazil", "export_priority"),
                   ("China", "competitor"), ("South Korea", "competitor")}
    it = run("Milano, 12 marzo 2025\n\nMacchine tessili nel 2024\n\nTra le destinazioni estere hanno tenuto "
             "Francia e Spagna, mentre è cresciuta la pressione dei concorrenti tedeschi. Il Sud-Est asiatico "
             "e l'Africa del Nord sono le aree su cui concentreremo la nostra attività.")
    assert {(m.market, m.relation) for m in it.of(MarketRelation)} == {
        ("France", "destination"), ("Spain", "destination"), ("Germany", "competitor"),
        ("South-East Asia", "export_priority"), ("North Africa", "export_priority")}


def test_drivers_from_bulleted_causes_and_weighing_subjects() -> None:
    ex = run("Milano, 15 maggio 2024\n\nIl settore conciario nel 2023\n\nLe cause della frenata sono:\n"
             "- il calo della domanda di lusso;\n- l'aumento dei costi energetici.\n\n"
             "\"The fall in investment across the supply chain is weighing on every market,\" he said.")
    got = {d.text for d in ex.of(Driver)}
    assert got == {"calo della domanda di lusso", "aumento dei costi energetici",
                   "fall in investment across the supply chain"}


def test_priorities_from_a_bulleted_list_of_steps() -> None:
    ex = run("Milan, 28 April 2025\n\nMachine tool orders\n\nFor the association, two steps are now needed:\n"
             "  • the extension of Transition 5.0 beyond 2025;\n  • a simplification of the access procedures.\n")
    assert {(p.text, p.programme) for p in ex.of(Priority)} == {
        ("extension of Transition 5.0 beyond 2025", "Transition 5.0"),
        ("simplification of the access procedures", None)}


def test_two_fairs_in_one_sentence_keep_their_own_dates_and_venues() -> None:
    ex = run("Milano, 8 luglio 2024\n\nANIMA e le fiere\n\nANIMA sarà presente a EMO Hannover 2025, dal 22 al "
             "26 settembre, e a BI-MU 2024, a Fiera Milano dal 9 al 12 ottobre 2024.")
    got = {(e.title, e.date, e.venue) for e in ex.of(Event)}
    assert got == {("EMO Hannover 2025", dt.date(2025, 9, 22), None),
                   ("BI-MU 2024", dt.date(2024, 10, 9), "Fiera Milano")}


def test_italian_drivers_after_a_pesare_sono() -> None:
    ex = run("Milano, 8 luglio 2024\n\nIl semestre della meccanica\n\nA pesare sono soprattutto "
             "l'incertezza sui tassi di interesse e il rallentamento dell'economia tedesca.")
    assert {d.text for d in ex.of(Driver)} == {"incertezza sui tassi di interesse",
                                               "rallentamento dell'economia tedesca"}


def test_an_apposed_association_the_gazetteer_lacks_is_the_publisher() -> None:
    ex = run("Rho (Milan), 5 February 2025 - Production fell 11 per cent in 2024 to EUR 2.1 billion, "
             "according to Zetamac, the association of widget machinery manufacturers.")
    assert ex.info.publisher == "Zetamac"
    assert ex.info.place == "Rho"


def test_absolute_changes_are_not_levels_and_market_lists_are_not_priorities() -> None:
    ex = run("Milan, 5 February 2025\n\nMachinery in 2024\n\nDomestic consumption decreased by 15%, a decline "
             "of more than 200 million euros compared to 2023. \"We must focus on the Gulf countries, India "
             "and Saudi Arabia,\" he added. The main competitors remain German and Chinese manufacturers.")
    assert {(o.indicator, o.value) for o in ex.of(Observation)} == {("consumption_change", Decimal("-15"))}
    assert not ex.of(Priority)
    assert {(m.market, m.relation) for m in ex.of(MarketRelation)} >= {
        ("Gulf countries", "export_priority"), ("India", "export_priority"), ("Saudi Arabia", "export_priority"),
        ("Germany", "competitor"), ("China", "competitor")}


def test_italian_half_year_markets_across_a_contrast_and_the_associations_officers() -> None:
    ex = run("Bologna, 18 settembre 2024 – Nei primi sei mesi del 2024 il fatturato di UCIMA si è attestato a "
             "4,1 miliardi di euro. Il mercato interno è cresciuto del 4%, mentre le esportazioni hanno segnato "
             "+1,5%. Il direttore generale dell'associazione, Luca Bianchi, ha presentato le missioni in Arabia "
             "Saudita e in India.")
    got = {(o.indicator, o.value, o.period, o.market) for o in ex.of(Observation)}
    assert got == {("turnover", Decimal("4100000000"), "2024-H1", None),
                   ("turnover_change", Decimal("4"), "2024-H1", "domestic market"),
                   ("exports_change", Decimal("1.5"), "2024-H1", None)}
    assert {(m.person, m.role, m.organisation) for m in ex.of(Membership)} == {
        ("Luca Bianchi", "Director General", "UCIMA")}
    assert {(m.market, m.relation) for m in ex.of(MarketRelation)} >= {
        ("Saudi Arabia", "export_priority"), ("India", "export_priority")}


def test_a_demonym_on_the_measured_noun_names_the_area() -> None:
    ex = run("Brussels, November 14, 2024\n\nMachine tools in Europe\n\nEuropean machine tool production is "
             "expected to decline by 5.6% in 2024. German production fell 8.2 percent, while Italy posted a "
             "drop of 12.1%. Exports to German customers rose by 3%.")
    got = {(o.indicator, o.value, o.area) for o in ex.of(Observation)}
    assert got == {("production_change", Decimal("-5.6"), "Europe"), ("production_change", Decimal("-8.2"), "Germany"),
                   ("production_change", Decimal("-12.1"), "Italy"), ("exports_change", Decimal("3"), "Italy")}
    assert ex.info.date == dt.date(2024, 11, 14)


def test_a_fair_release_with_its_next_edition_elsewhere() -> None:
    ex = run("ITMA 2023 closes with 111,000 visitors from 136 countries\n\nMilan, 15 June 2023 – The 19th "
             "edition of ITMA, held at Fiera Milano Rho from 8 to 14 June 2023, welcomed 111,000 visitors from "
             "136 countries. The exhibition hosted 1,709 exhibitors. The next ITMA will be held in Hannover "
             "from 10 to 16 September 2027.")
    got = {(e.title, e.date, e.venue, e.city) for e in ex.of(Event)}
    # "Fiera Milano Rho": the town the venue's mention names (the fairground is in Rho)
    assert got == {("ITMA 2023", dt.date(2023, 6, 8), "Fiera Milano", "Rho"),
                   ("ITMA", dt.date(2027, 9, 10), None, "Hannover")}
    assert {(o.indicator, o.value, o.scope) for o in ex.of(Observation)} == {
        ("visitors", Decimal("111000"), "textile machinery"), ("visitor_countries", Decimal("136"), "textile machinery"),
        ("exhibitors", Decimal("1709"), "textile machinery")}


def test_an_apposition_after_a_proper_name_is_not_a_priority_of_its_own() -> None:
    ex = run("Milano, 19 dicembre 2024\n\nMacchine utensili nel 2024\n\n«Per il 2025 chiediamo di semplificare "
             "Transizione 5.0 e di rifinanziare la Nuova Sabatini, strumento essenziale per le piccole imprese».")
    texts = {p.text for p in ex.of(Priority)}
    assert len(texts) == 2
    assert any("Nuova Sabatini" in t for t in texts) and not any(t.startswith("strumento") for t in texts)


def test_results_presented_today_make_a_conference() -> None:
    ex = run("Rome, 4 April 2025\n\nThe 2024 results of the packaging machinery sector were presented today at "
             "the Ministry of Enterprises and Made in Italy by UCIMA. Riccardo Cavanna, President of UCIMA, "
             "opened the meeting.")
    ev = ex.of(Event)
    assert [(e.kind, e.organiser, e.date, e.city, e.participants) for e in ev] == [
        ("Conference", "UCIMA", dt.date(2025, 4, 4), "Rome", ("Riccardo Cavanna",))]
    quiet = run("Rome, 4 April 2025\n\nThe results were presented in a report. Turnover grew by 3% in 2024.")
    assert not quiet.of(Event)


def test_a_company_release_its_ceo_and_a_chairman_who_remains() -> None:
    ex = run("Brevetti Montolit S.p.A. appoints new CEO\n\nMilan, 3 March 2025 – Brevetti Montolit S.p.A., a "
             "member of ACIMAC, announced that Giulia Ferri has been appointed Chief Executive Officer, effective "
             "1 April 2025. She replaces Carlo Neri, who remains Chairman of the Board. The company, which "
             "exports 80% of its production, closed 2024 with revenues of € 85 million.")
    assert ex.info.publisher == "Brevetti Montolit"
    assert {(m.person, m.role, m.organisation, m.start) for m in ex.of(Membership)} == {
        ("Giulia Ferri", "CEO", "Brevetti Montolit", dt.date(2025, 4, 1)),
        ("Carlo Neri", "Chairman", "Brevetti Montolit", None),
        ("Carlo Neri", "CEO", "Brevetti Montolit", None)}
    assert next(m.end for m in ex.of(Membership) if (m.person, m.role) == ("Carlo Neri", "CEO")) == dt.date(2025, 4, 1)
    assert rels(ex) == {("Brevetti Montolit", "member_of", "ACIMAC")}
    assert {(o.indicator, o.value) for o in ex.of(Observation)} == {
        ("export_ratio", Decimal("80")), ("turnover", Decimal("85000000"))}


def test_plural_appointments_and_the_datelines_town_for_the_assembly() -> None:
    ex = run("AMAPLAST re-elects its President\n\nAssago (Milan), 21 May 2025 – The General Assembly of AMAPLAST, "
             "held today at the Milanofiori Congress Centre, re-elected Massimo Margaglione as President. "
             "Marco Bianchi and Anna Colombo were appointed Vice Presidents.")
    got = {(m.person, m.role, m.organisation) for m in ex.of(Membership)}
    assert got == {("Massimo Margaglione", "President", "AMAPLAST"), ("Marco Bianchi", "Vice President", "AMAPLAST"),
                   ("Anna Colombo", "Vice President", "AMAPLAST")}
    ev = ex.of(Event)[0]
    assert (ev.kind, ev.venue, ev.city, ev.date) == (
        "GeneralAssembly", "Milanofiori Congress Centre", "Assago", dt.date(2025, 5, 21))


def test_a_succession_in_a_sentence_of_its_own() -> None:
    ex = run("Milano, 8 luglio 2024\n\nIl Consiglio generale di ANIMA ha nominato Marco Rossi nuovo direttore "
             "generale. Rossi subentra a Giovanni Bianchi, che lascia l'incarico dopo dieci anni.")
    assert {(m.person, m.role, m.organisation, m.start, m.end) for m in ex.of(Membership)} == {
        ("Marco Rossi", "Director General", "ANIMA", dt.date(2024, 7, 8), None),
        ("Giovanni Bianchi", "Director General", "ANIMA", None, dt.date(2024, 7, 8))}


@pytest.mark.parametrize("unit", ["ABC DEF ", "Abc Def "])
def test_a_long_line_of_capitalised_words_is_no_organisation_and_no_person(unit: str) -> None:
    # bounded name patterns: such a line once took tens of seconds (quadratic backtracking)
    ex = run(unit * 8000)
    assert not ex.facts
    assert ex.warnings and "no recognisable facts" in ex.warnings[0]


def test_context_drivers_and_hoped_for_priorities() -> None:
    ex = run("Milano, 10 marzo 2025\n\nMacchine per ceramica nel 2024\n\nIn un contesto caratterizzato da tassi "
             "di interesse elevati e da una domanda edilizia debole, il fatturato del settore è sceso del 6%. "
             "È fondamentale il rifinanziamento degli incentivi per l'innovazione. ACIMAC auspica una rapida "
             "approvazione del piano Transizione 5.0.")
    assert {d.text for d in ex.of(Driver)} == {"tassi di interesse elevati", "domanda edilizia debole"}
    assert {(p.text, p.programme) for p in ex.of(Priority)} == {
        ("rifinanziamento degli incentivi per l'innovazione", None),
        ("rapida approvazione del piano Transizione 5.0", "Transition 5.0")}


def test_demand_and_orders_from_a_country_make_it_a_destination() -> None:
    ex = run("Milan, 3 May 2024\n\nTextile machinery orders\n\nStrong demand from India and Turkey lifted orders "
             "by 5% in 2024, while orders from Brazil fell.")
    assert {(m.market, m.relation) for m in ex.of(MarketRelation)} == {
        ("India", "destination"), ("Turkey", "destination"), ("Brazil", "destination")}
