"""Events, the document record and sector segments: language patterns on short hand-written releases.

Each pattern is stated in at least three wordings (English and Italian where both exist). None of
these texts comes from a release of the corpus or of the held-out sets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kgraph.model import Event, Extraction, Organisation, Segment
from kgraph_testing import extract_checked

BODY_EN = "\n\nOrders for the machines rose by 4% in the quarter, the association reports.\n"
BODY_IT = "\n\nGli ordini di macchinari sono saliti del 4% nel trimestre, secondo l'associazione.\n"


def run(text: str) -> Extraction:
    return extract_checked(text)  # type: ignore[no-any-return]


def events(ex: Extraction, kind: str | None = None) -> list[Event]:
    return [e for e in ex.of(Event) if kind is None or e.kind == kind]


def segments(ex: Extraction) -> set[tuple[str, str]]:
    return {(s.name, s.kind) for s in ex.of(Segment)}


# --------------------------------------------------------------------------- the document record


@pytest.mark.parametrize(("head", "date", "place"), [
    # ordinal datelines
    ("Milan, June the 3rd 2024 - ACIMIT publishes its quarterly index.", dt.date(2024, 6, 3), "Milan"),
    ("LONDON, the 21st of September, 2023 - ACIMIT publishes its quarterly index.", dt.date(2023, 9, 21), "London"),
    ("Bergamo, 3rd June 2024 – ACIMIT publishes its quarterly index.", dt.date(2024, 6, 3), "Bergamo"),
    ("Vigevano, October 2nd, 2025 - ACIMIT publishes its quarterly index.", dt.date(2025, 10, 2), "Vigevano"),
    # an agency's tag before the town, an upper-case town, a dash as separator
    ("(ANSA) - MILANO, 20 giugno 2025 - L'ACIMIT pubblica il suo indice trimestrale.", dt.date(2025, 6, 20), "Milan"),
    ("BOLOGNA – 14 marzo 2024 – L'ACIMIT pubblica il suo indice trimestrale.", dt.date(2024, 3, 14), "Bologna"),
])
def test_datelines_in_many_styles(head: str, date: dt.date, place: str) -> None:
    ex = run(head + BODY_EN)
    assert (ex.info.date, ex.info.place) == (date, place)


@pytest.mark.parametrize("head", [
    "Tuesday, 4 March 2025",
    "Lunedì, 10 novembre 2025",
    "Friday, 7 February 2025",
])
def test_a_weekday_heading_the_release_is_no_town(head: str) -> None:
    ex = run(head + "\n\nACIMAC: new orders for ceramic machinery" + BODY_EN)
    assert ex.info.date is not None and ex.info.place is None


@pytest.mark.parametrize("text", [
    "Si è svolta giovedì 12 giugno 2025, nella sede di Assomac, la riunione annuale dei soci" + BODY_IT,
    "The committee met on 5 May 2024 in the offices of ACIMIT to discuss the index" + BODY_EN,
    "Il 3 aprile 2025 la giunta di AMAPLAST ha discusso i dati del comparto con i soci" + BODY_IT,
])
def test_a_date_inside_the_first_sentence_does_not_date_the_release(text: str) -> None:
    assert run(text).info.date is None


@pytest.mark.parametrize(("head", "date"), [
    ("UCIMU (X9912) 13.09.24\nMACHINE TOOL ORDERS SLOW DOWN IN THE SUMMER", dt.date(2024, 9, 13)),
    ("Comunicato UCIMU 02.12.25\nORDINI DI MACCHINE UTENSILI IN CALO", dt.date(2025, 12, 2)),
    ("ACIMIT news 7/3/25\nTEXTILE MACHINERY ORDERS RECOVER", dt.date(2025, 3, 7)),
])
def test_a_header_line_with_a_two_digit_year(head: str, date: dt.date) -> None:
    ex = run(head + BODY_EN)
    assert ex.info.date == date
    assert ex.info.title is not None and ex.info.title.isupper()  # the header line is not the title


@pytest.mark.parametrize(("text", "date"), [
    ("Assocalzaturifici, la riunione dei soci\n\nIeri, 9 ottobre 2024, i soci di Assocalzaturifici hanno "
     "discusso a lungo del calo dei consumi." + BODY_IT, dt.date(2024, 10, 10)),
    ("UNIC meets the tanners\n\nYesterday, 2 April 2025, the members of UNIC gathered to discuss the "
     "leather market." + BODY_EN, dt.date(2025, 4, 3)),
    ("ACIMIT e le imprese tessili\n\nOggi, martedì 4 marzo 2025, ACIMIT ha incontrato le imprese del "
     "distretto." + BODY_IT, dt.date(2025, 3, 4)),
])
def test_a_day_named_relative_to_the_writing_dates_the_release(text: str, date: dt.date) -> None:
    assert run(text).info.date == date


@pytest.mark.parametrize(("text", "publisher"), [
    ("Mipel: visitatori in aumento del 5%\n\nGli organizzatori di Mipel annunciano che la fiera chiude "
     "oggi con risultati positivi." + BODY_IT, "MIPEL"),
    ("The record year of Lineapelle\n\nThe 101st edition of Lineapelle closed with 22,000 visitors." + BODY_EN,
     "Lineapelle"),
    ("Bilancio positivo per la EMO\n\nLa EMO, organizzata dallo staff operativo di UCIMU, ha chiuso con "
     "60.000 visitatori." + BODY_IT, "UCIMU"),
    ("SIMAC Tanning Tech closes with more buyers\n\nThe fair, organised by the team of Assomac, counted "
     "7,000 buyers." + BODY_EN, "Assomac"),
])
def test_a_release_on_a_fair_is_issued_by_its_organiser_or_the_fair(text: str, publisher: str) -> None:
    assert run(text).info.publisher == publisher


@pytest.mark.parametrize("kicker", [
    "l'ultima fiera con il vecchio presidente",
    "una stagione difficile per la pelletteria",
    "the last show under the old chairman",
])
def test_a_lower_case_kicker_is_not_the_headline(kicker: str) -> None:
    ex = run(kicker + "\n\nMipel: visitatori in aumento del 5%\n\nLa fiera chiude oggi." + BODY_IT)
    assert ex.info.title == "Mipel: visitatori in aumento del 5%"


# --------------------------------------------------------------------------- assemblies


@pytest.mark.parametrize(("text", "date"), [
    ("ACIMAC has a new chairman\n\nOn Thursday 9 July, the ACIMAC Members' Meeting elected Carlo Neri as "
     "chairman for the term 2026-2028.", dt.date(2026, 7, 9)),
    ("New chairman at ACIMIT\n\nThe Annual Members’ Meeting of ACIMIT, held on Monday 14 June, chose "
     "Carlo Neri to lead the association in 2021-2023.", dt.date(2021, 6, 14)),
    ("UCIMU elegge il presidente\n\nMercoledì 17 giugno l'assemblea dei soci di UCIMU ha eletto Carlo Neri "
     "presidente per il biennio 2026-2027.", dt.date(2026, 6, 17)),
])
def test_a_members_meeting_dated_by_its_weekday(text: str, date: dt.date) -> None:
    ev = events(run(text), "GeneralAssembly")
    assert [e.date for e in ev] == [date]


@pytest.mark.parametrize(("text", "date"), [
    ("Milan, 20 June 2024\n\nAssomac's annual assembly, held on June 3rd at the Triennale, looked at "
     "exports.", dt.date(2024, 6, 3)),
    ("Milano, 20 giugno 2024\n\nL'assemblea annuale di Assomac, tenutasi il 3 giugno, ha esaminato "
     "l'export.", dt.date(2024, 6, 3)),
    ("Rome, 15 January 2025\n\nThe general assembly of UNIC took place on 12th December in Rome.",
     dt.date(2024, 12, 12)),
])
def test_a_yearless_assembly_day_takes_the_releases_year(text: str, date: dt.date) -> None:
    assert [e.date for e in events(run(text), "GeneralAssembly")] == [date]


@pytest.mark.parametrize("text", [
    ("Vigevano, 5 May 2025\n\nThe annual assembly of Assomac re-elected President Laura Conti, who "
     "illustrated the sector's results. Vice Presidents Marco Bassi and Elena Fumagalli were confirmed."),
    ("Vigevano, 5 maggio 2025\n\nL'assemblea annuale di Assomac ha confermato la Presidente Laura Conti, che "
     "ha illustrato i risultati del settore. Sono stati confermati i Vice Presidenti Marco Bassi ed Elena Fumagalli."),
    ("Vigevano, 5 May 2025\n\nAt the general assembly of Assomac, President Laura Conti said the year had "
     "been hard. Vice Presidents Marco Bassi and Elena Fumagalli were elected."),
])
def test_assembly_participants_are_who_speaks_not_every_officer_named(text: str) -> None:
    ev = events(run(text), "GeneralAssembly")
    assert len(ev) == 1 and ev[0].participants == ("Laura Conti",)


@pytest.mark.parametrize("text", [
    ("Milan, 4 November 2025 - The annual assembly of Assomac took place today. \"The latest Federmacchine "
     "Assembly shows that demand is weak,\" said President Laura Conti."),
    ("Milano, 4 novembre 2025 - Si è tenuta oggi l'assemblea annuale di Assomac. Secondo la recente "
     "Federmacchine Assemblea la domanda resta debole."),
    ("Milan, 4 November 2025 - Assomac held its general assembly today. As the last Federmacchine "
     "Assembly showed, orders are falling."),
])
def test_another_bodys_assembly_named_in_passing(text: str) -> None:
    ev = events(run(text), "GeneralAssembly")
    assert {e.organiser for e in ev} == {"Assomac", "Federmacchine"}
    passing = next(e for e in ev if e.organiser == "Federmacchine")
    assert (passing.date, passing.venue, passing.participants) == (None, None, ())


@pytest.mark.parametrize(("text", "venue", "city"), [
    ("Marco Bassi is the new president of UNIC, elected at the first general meeting of members. On "
     "Tuesday, March 4, the event took place at the Palazzo Visconti in Lodi; the term runs 2025-2027.",
     "Palazzo Visconti", "Lodi"),
    ("Si è riunita mercoledì 25 giugno 2025, presso Villa Serbelloni a Borgo Ticino, l'assemblea dei "
     "soci di AMAPLAST.", "Villa Serbelloni", "Borgo Ticino"),
    ("Ieri, 2 luglio 2025, c'è stata l'assemblea annuale di UNIC. Si è svolta al Castello Sforzesco di "
     "Vigevano, alla presenza di molti imprenditori.", "Castello Sforzesco", "Vigevano"),
])
def test_the_assemblys_venue_and_town(text: str, venue: str, city: str) -> None:
    ev = events(run(text), "GeneralAssembly")
    assert len(ev) == 1 and ev[0].city == city
    assert ev[0].venue is not None and ev[0].venue.startswith(venue)


# --------------------------------------------------------------------------- signings


@pytest.mark.parametrize(("text", "people", "date"), [
    ("Milano, 11 dicembre 2024\n\nÈ stato firmato ieri il protocollo d'intesa tra UCIMU e il Politecnico di Milano. "
     "Il presidente di UCIMU Carlo Neri ha firmato il documento.", ("Carlo Neri",), dt.date(2024, 12, 10)),
    ("Milan, 11 December 2024\n\nACIMIT and the Politecnico di Milano signed a memorandum of understanding "
     "today. President Carlo Neri signed for ACIMIT.", ("Carlo Neri",), dt.date(2024, 12, 11)),
    ("Bologna, 11 dicembre 2024\n\nUCIMA e l'Università di Bologna hanno sottoscritto una convenzione per "
     "la formazione di tecnici.", (), None),
    ("Rome, 11 December 2024\n\nA framework agreement on training was inked today by AMAPLAST and "
     "Federmacchine.", (), dt.date(2024, 12, 11)),
])
def test_an_agreement_signed_between_parties(text: str, people: tuple[str, ...], date: dt.date | None) -> None:
    ev = events(run(text), "Signing")
    assert [(e.participants, e.date) for e in ev] == [(people, date)]


@pytest.mark.parametrize("text", [
    "Milan, 3 May 2024\n\nThe agreement reached by the ministers did not include machinery." + BODY_EN,
    "Milano, 3 maggio 2024\n\nLa firma digitale è ora obbligatoria per le fatture." + BODY_IT,
    "Milan, 3 May 2024\n\nOrders are a sign that the market is in agreement with our outlook." + BODY_EN,
])
def test_no_signing_without_a_signed_agreement_between_named_parties(text: str) -> None:
    assert events(run(text), "Signing") == []


# --------------------------------------------------------------------------- fair editions


@pytest.mark.parametrize(("text", "date", "city"), [
    ("SIMAC Tanning Tech grows again\n\nHeld between the 16th and the 18th of September 2025, the "
     "international showcase of tanning machinery welcomed 300 exhibitors at Fiera Milano Rho.",
     dt.date(2025, 9, 16), "Rho"),
    ("Lineapelle chiude in crescita\n\nLa rassegna, che si è svolta dal 23 al 25 settembre 2025 a "
     "Fieramilano Rho, ha accolto 20.000 visitatori.", dt.date(2025, 9, 23), "Rho"),
    ("SIMAC Tanning Tech: more buyers\n\nThe show ran from the 4th to the 6th of February 2026 at "
     "Fiera Milano Rho and hosted 250 exhibitors.", dt.date(2026, 2, 4), "Rho"),
])
def test_the_fair_the_release_reports_on(text: str, date: dt.date, city: str) -> None:
    ev = events(run(text), "TradeFairEdition")
    assert [(e.date, e.venue, e.city) for e in ev] == [(date, "Fiera Milano", city)]


@pytest.mark.parametrize("text", [
    ("Lineapelle chiude in crescita\n\nLa 96esima edizione di Lineapelle si è svolta dal 20 al 22 settembre "
     "2025 a Fiera Milano Rho. La prossima edizione si terrà dal 16 al 18 febbraio 2026."),
    ("Lineapelle grows\n\nThe 96th edition of Lineapelle ran from 20 to 22 September 2025 at Fiera Milano "
     "Rho. The next edition will take place from the 16th to the 18th of February 2026."),
    ("Lineapelle grows\n\nLineapelle, held from 20 to 22 September 2025 at Fiera Milano Rho, closed its "
     "96th edition. The next edition is scheduled from 16 to 18 February 2026."),
])
def test_the_next_edition_keeps_only_what_its_announcement_states(text: str) -> None:
    ev = events(run(text), "TradeFairEdition")
    nxt = next(e for e in ev if e.date == dt.date(2026, 2, 16))
    assert (nxt.venue, nxt.city) == (None, None)


@pytest.mark.parametrize(("text", "organiser"), [
    ("Bilancio positivo per la EMO\n\nLa EMO 2025, organizzata dalle squadre tecniche di UCIMU, si è "
     "tenuta dal 5 al 10 ottobre 2025.", "UCIMU"),
    ("EMO closes\n\nEMO 2025, organised by the staff of UCIMU, ran from 4 to 9 October 2025.", "UCIMU"),
    ("SIMAC Tanning Tech closes\n\nSIMAC Tanning Tech 2025, organised by Assomac, ran from 4 to 6 "
     "February 2025.", "Assomac"),
])
def test_a_fair_organised_by_a_body_or_its_staff(text: str, organiser: str) -> None:
    assert [e.organiser for e in events(run(text), "TradeFairEdition")] == [organiser]


# --------------------------------------------------------------------------- segments


@pytest.mark.parametrize("text", [
    ("Milan, 3 February 2025\n\nAcimac, Acimall, Amaplast and UCIMA set up the federation Macchine for "
     "Wood, Ceramics, Packaging, Plastics and Rubber. The four sectors produce capital goods."),
    ("Milano, 3 febbraio 2025\n\nAcimac, Acimall, Amaplast e UCIMA hanno fondato la federazione delle "
     "macchine per ceramica, legno, plastica e gomma, packaging. I quattro comparti producono beni strumentali."),
    ("Milan, 3 February 2025\n\nThe federation of ceramic, woodworking, plastics and rubber and packaging "
     "machinery unites Acimac, Acimall, Amaplast and UCIMA, four makers of capital goods."),
])
def test_a_federation_of_sectors_under_an_umbrella(text: str) -> None:
    got = segments(run(text))
    assert ("capital goods", "sector") in got
    assert {("ceramic machinery", "segment"), ("woodworking machinery", "segment"),
            ("plastics and rubber machinery", "segment"), ("packaging machinery", "segment")} <= got


@pytest.mark.parametrize("text", [
    "Rome, 3 March 2025\n\nAssocalzaturifici says that the Italian footwear sector lost 5% of its turnover.",
    "Roma, 3 marzo 2025\n\nSecondo Assocalzaturifici il settore calzaturiero ha perso il 5% del fatturato.",
    "Milan, 3 March 2025\n\nUNIC reports that the tanning sector held its ground in 2024.",
])
def test_a_makers_associations_own_sector_is_no_machinery_segment(text: str) -> None:
    assert not any(name.endswith("machinery") for name, _kind in segments(run(text)))


@pytest.mark.parametrize("text", [
    "Milan, 3 March 2025\n\nAssofluid and the Department of Mechanical Engineering of the Politecnico di Milano met.",
    "Bologna, 3 marzo 2025\n\nLe esportazioni dell'industria meccanica varia sono cresciute del 2%.",
    "Milan, 3 March 2025\n\nThe export of capital goods fell, says Assofluid, while fluid power grew by 2%.",
])
def test_no_umbrella_or_name_part_becomes_a_segment(text: str) -> None:
    names = {name for name, _kind in segments(run(text))}
    assert "mechanical engineering" not in names and "capital goods" not in names


@pytest.mark.parametrize(("text", "venue", "city"), [
    ("Ieri, 3 luglio 2025, all'assemblea annuale dei conciatori si è discusso di export. UNIC chiede "
     "sostegno per le imprese. Si è svolta al Palazzo Ducale Sforza di Morimondo la parte pubblica.",
     "Palazzo Ducale Sforza", "Morimondo"),
    ("Yesterday, 3 July 2025, the annual assembly of UNIC looked at exports. The tanners asked for help. "
     "The event took place at the Villa Reale Bassi of Castellazzo, near Milan.", "Villa Reale Bassi", "Castellazzo"),
    ("Ieri, 3 luglio 2025, l'assemblea generale di UNIC ha discusso di export. I conciatori chiedono "
     "aiuto. L'incontro si è tenuto presso la Cascina Rossa Grande di Abbiategrasso.", "Cascina Rossa Grande",
     "Abbiategrasso"),
])
def test_where_the_assembly_was_held_a_few_sentences_on(text: str, venue: str, city: str) -> None:
    ev = events(run(text), "GeneralAssembly")
    assert [(e.city, e.date) for e in ev] == [(city, dt.date(2025, 7, 3))]
    assert ev[0].venue is not None and ev[0].venue.startswith(venue)


@pytest.mark.parametrize(("text", "date", "organiser"), [
    ("Milan, 10 March 2025\n\nOn 6 March the Assomac delegation took part in the workshop “Leather machines "
     "for a cleaner future”, hosted by the Tannery Research Board in Kanpur.", dt.date(2025, 3, 6), None),
    ("Milano, 10 marzo 2025\n\nIl 6 marzo la delegazione di Assomac ha partecipato al seminario «Macchine "
     "per una concia pulita», ospitato dal Consorzio Conciario Locale a Kanpur.", dt.date(2025, 3, 6), None),
    ("Milan, 10 March 2025\n\nOn Thursday 6 March ACIMIT staged the forum “Textile machines in Africa” "
     "in Lagos, organised by ACIMIT with local partners.", dt.date(2025, 3, 6), "ACIMIT"),
])
def test_a_seminar_on_a_yearless_day_and_its_unknown_host(text: str, date: dt.date, organiser: str | None) -> None:
    ev = events(run(text), "Conference")
    assert [(e.date, e.organiser) for e in ev] == [(date, organiser)]


@pytest.mark.parametrize(("text", "title"), [
    ("Milan, 12 May 2025\n\nThe Outlook Day of UCIMU, held today in Milan, looked at orders for 2026.", None),
    ("Bologna, 12 maggio 2025\n\nLa giornata di studio «Ceramica e robot» si è tenuta oggi a Bologna, "
     "organizzata da ACIMAC.", "Ceramica e robot"),
    ("Milan, 12 May 2025\n\nACIMIT's webinar “Looms and data” took place today with 300 listeners.",
     "Looms and data"),
])
def test_outlook_days_study_days_and_webinars_are_conferences(text: str, title: str | None) -> None:
    ev = events(run(text), "Conference")
    assert [(e.date, e.title) for e in ev] == [(dt.date(2025, 5, 12), title)]


@pytest.mark.parametrize("text", [
    ("SIMAC Tanning Tech grows\n\nThe 2025 edition of SIMAC Tanning Tech ran from 16 to 18 September 2025 at "
     "Fiera Milano Rho. The organisers praised the ties with Lineapelle, which was held simultaneously at the same venue."),
    ("SIMAC Tanning Tech cresce\n\nL'edizione 2025 di SIMAC Tanning Tech si è svolta dal 16 al 18 settembre 2025 "
     "a Fiera Milano Rho. Buone le sinergie con Lineapelle, in contemporanea nello stesso quartiere fieristico."),
    ("SIMAC Tanning Tech grows\n\nSIMAC Tanning Tech 2025 took place from 16 to 18 September 2025 at Fiera "
     "Milano Rho, with many buyers also visiting Lineapelle, held at the same time in the same fairground."),
])
def test_a_fair_held_at_the_same_place_has_an_edition_there(text: str) -> None:
    ev = {e.title: e for e in events(run(text), "TradeFairEdition")}
    assert set(ev) == {"SIMAC Tanning Tech 2025", "Lineapelle"}
    assert (ev["Lineapelle"].venue, ev["Lineapelle"].date) == ("Fiera Milano", None)


@pytest.mark.parametrize(("text", "title"), [
    ("Bologna, 27 giugno 2025\n\nSi è svolta oggi l'assemblea generale di UCIMA. Il direttore ha ricordato "
     "EMO 2025, svoltasi a Hannover dal 22 al 26 settembre 2025.", "EMO 2025"),
    ("Sassuolo, 27 June 2025\n\nACIMAC held its general assembly today. The director looked back at "
     "Ceramitec 2024, which ran in Munich from 9 to 12 April 2024.", "Ceramitec 2024"),
    ("Vigevano, 27 giugno 2025\n\nL'assemblea annuale di Assomac si è tenuta oggi. Il presidente ha "
     "ricordato SIMAC Tanning Tech 2025, che si è svolta dal 18 al 20 febbraio 2025 a Fiera Milano Rho.",
     "SIMAC Tanning Tech 2025"),
])
def test_an_assembly_release_reports_a_dated_fair_edition(text: str, title: str) -> None:
    ex = run(text)
    assert len(events(ex, "GeneralAssembly")) == 1
    fairs = events(ex, "TradeFairEdition")
    assert [(f.title, f.date is not None, f.city is not None) for f in fairs] == [(title, True, True)]


@pytest.mark.parametrize("text", [
    "Milan, 5 March 2025\n\nThe next SIMAC Tanning Tech will be a great opportunity, Assomac's assembly heard today.",
    "Milano, 5 marzo 2025\n\nL'assemblea annuale di Assomac si è tenuta oggi: la prossima Lineapelle sarà decisiva.",
    "Milan, 5 March 2025\n\nAt its general assembly today, ACIMIT looked forward to ITMA.",
])
def test_an_assembly_release_naming_a_fair_in_passing_has_no_edition(text: str) -> None:
    assert events(run(text), "TradeFairEdition") == []


@pytest.mark.parametrize(("text", "publisher"), [
    ("Textile machines: a slow quarter\n\nUCIMU and ACIMIT met the buyers. ACIMIT expects orders to grow."
     "\n\nPress office ACIMIT\nVia Tessitori 1, Milan", "ACIMIT"),
    ("Macchine tessili: un trimestre lento\n\nUCIMU e ACIMIT hanno incontrato i clienti. UCIMU prevede una "
     "ripresa.\n\nPer informazioni:\nArea Comunicazione – ACIMIT", "ACIMIT"),
    ("Ceramic machinery: a slow quarter\n\nUCIMU and ACIMAC expect better orders. UCIMU is cautious."
     "\n\nMedia contact: Anna Rossi, ACIMAC, tel. 0536 000000", "ACIMAC"),
])
def test_a_press_contact_line_names_the_publisher(text: str, publisher: str) -> None:
    assert run(text).info.publisher == publisher


@pytest.mark.parametrize(("text", "date", "place"), [
    ("ACIMIT: orders for looms recover\n\nOrders for looms rose by 3% in the quarter.\n\nMilan, 12 May 2025",
     dt.date(2025, 5, 12), "Milan"),
    ("ACIMIT: risalgono gli ordini di telai\n\nGli ordini di telai sono saliti del 3% nel trimestre.\n\n"
     "Moncalieri (TO), 12 maggio 2025", dt.date(2025, 5, 12), "Moncalieri"),
    ("UCIMU: machine tool orders stable\n\nOrders were flat in the quarter.\n\nCinisello Balsamo, "
     "May 12th, 2025", dt.date(2025, 5, 12), "Cinisello Balsamo"),
])
def test_a_dateline_closing_the_release(text: str, date: dt.date, place: str) -> None:
    ex = run(text)
    assert (ex.info.date, ex.info.place) == (date, place)


@pytest.mark.parametrize("text", [
    ("Milan, 3 May 2025\n\nACIMIT orders fell by 4%. Exports to India grew. The domestic market was flat. "
     "Prices held steady. ACIMIT and the Politecnico di Milano signed an agreement on training years ago."),
    ("Milano, 3 maggio 2025\n\nGli ordini ACIMIT sono calati del 4%. L'export verso l'India è cresciuto. Il "
     "mercato interno è fermo. I prezzi tengono. L'accordo firmato da ACIMIT con il Politecnico di Milano resta valido."),
    ("Milan, 3 May 2025\n\nUCIMU orders fell by 4%. Exports grew. Domestic demand was weak. Prices held. "
     "The convention signed by UCIMU and the Politecnico di Milano still funds three scholarships."),
])
def test_an_agreement_recalled_in_passing_is_no_signing(text: str) -> None:
    assert events(run(text), "Signing") == []


@pytest.mark.parametrize(("text", "date"), [
    ("Milan, 20 June 2025\n\nThe general assembly of Assomac, held on June 3rd, approved the report "
     "published on 10 May 2025.", dt.date(2025, 6, 3)),
    ("Milano, 20 giugno 2025\n\nIl 10 maggio 2025 Assomac ha diffuso i dati; l'assemblea annuale, tenutasi "
     "il 3 giugno, li ha discussi.", dt.date(2025, 6, 3)),
    ("Milan, 20 June 2025\n\nAfter the report of 10 May 2025, the annual meeting of Assomac took place on "
     "Tuesday 3 June 2025 in Vigevano.", dt.date(2025, 6, 3)),
])
def test_held_on_names_the_assemblys_day_before_another_date(text: str, date: dt.date) -> None:
    assert [e.date for e in events(run(text), "GeneralAssembly")] == [date]


@pytest.mark.parametrize(("text", "date"), [
    ("Rome, 12 March 2025\n\nThe forum “Machines and skills”, held on 10 March 2025 by UCIMU, followed the "
     "report of 1 February 2025.", dt.date(2025, 3, 10)),
    ("Roma, 12 marzo 2025\n\nIl convegno «Macchine e competenze», tenutosi il 10 marzo, ha ripreso il "
     "rapporto del 1° febbraio 2025.", dt.date(2025, 3, 10)),
    ("Rome, 12 March 2025\n\nAfter the report of 1 February 2025, the seminar “Machines and skills” took "
     "place on Monday 10 March in Rome.", dt.date(2025, 3, 10)),
])
def test_held_on_names_the_conferences_day(text: str, date: dt.date) -> None:
    assert [e.date for e in events(run(text), "Conference")] == [date]


# --------------------------------------------------------------------------- month-first day ranges

@pytest.mark.parametrize(("text", "date", "city"), [
    ("Milan, 2 October 2024\n\nSome sixty Italian exhibitors are taking part in ITMA Asia in Shanghai (October 14-18).",
     dt.date(2024, 10, 14), "Shanghai"),
    ("Milan, 2 October 2024\n\nItalian makers of looms will show their machines at ITMA Asia, staged in Shanghai "
     "between October 14 and 18, 2024.", dt.date(2024, 10, 14), "Shanghai"),
    ("Milan, 2 March 2025\n\nA pavilion of Italian firms awaits buyers at Techtextil in Frankfurt, April 8–11.",
     dt.date(2025, 4, 8), "Frankfurt"),
])
def test_a_fair_dated_month_first(text: str, date: dt.date, city: str) -> None:
    ev = events(run(text), "TradeFairEdition")
    assert [(e.date, e.city) for e in ev] == [(date, city)]


# --------------------------------------------------------------------------- a fair the gazetteer does not know

@pytest.mark.parametrize(("text", "title", "city"), [
    ("Milano, 5 marzo 2025\n\nTrenta calzaturifici italiani espongono a Kalevo Shoes, la mostra internazionale della "
     "calzatura, in programma dal 10 al 13 marzo a Mosca.", "Kalevo Shoes", "Moscow"),
    ("Milan, 5 March 2025\n\nThirty Italian shoemakers exhibit at Kalevo Shoes, the international footwear fair, "
     "from 10 to 13 March in Moscow.", "Kalevo Shoes", "Moscow"),
    ("Milan, 5 March 2025\n\nItalian tanneries exhibit at Tessa Pro Expo, a trade show for leather, in Paris "
     "from 10 to 12 March.", "Tessa Pro Expo", "Paris"),
])
def test_an_unknown_fair_has_its_edition(text: str, title: str, city: str) -> None:
    ev = events(run(text), "TradeFairEdition")
    assert [(e.title, e.city) for e in ev] == [(title, city)]


# --------------------------------------------------------------------------- a meeting named by capitalised words

@pytest.mark.parametrize(("text", "title", "organiser"), [
    ("Milano, 9 luglio 2025\n\nI dati saranno illustrati durante la Seconda Giornata Economica organizzata oggi da "
     "ACIMIT a Milano.", "Seconda Giornata Economica", "ACIMIT"),
    ("Milan, 9 July 2025\n\nThe index was discussed at the Textile Machinery Outlook Day, organised today by ACIMIT "
     "in Milan.", "Textile Machinery Outlook Day", "ACIMIT"),
    ("Milan, 9 July 2025\n\nThe figures were shown at the Annual Economic Day hosted today by UCIMU in Milan.",
     "Annual Economic Day", "UCIMU"),
])
def test_a_meeting_titled_by_its_capitalised_name(text: str, title: str, organiser: str) -> None:
    ev = events(run(text), "Conference")
    assert [(e.title, e.organiser) for e in ev] == [(title, organiser)]


@pytest.mark.parametrize("text", [
    "Milan, 9 July 2025\n\nThe figures were presented today at a conference organised by ACIMIT.",
    "Milano, 9 luglio 2025\n\nI dati sono stati illustrati oggi in un convegno organizzato da ACIMIT.",
    "Milan, 9 July 2025\n\nThe forum, held today by UCIMU, discussed exports.",
])
def test_a_meeting_named_by_a_common_noun_has_no_title(text: str) -> None:
    assert [e.title for e in events(run(text), "Conference")] == [None]


@pytest.mark.parametrize("head", [
    "02.06.2025 - UCIMU-SISTEMI PER PRODURRE\n\nOrders rose by 4% in the quarter, the association reports.",
    "03.02.2025 - ACIMIT\n\nOrders rose by 4% in the quarter, the association reports.",
    "20.11.2024 - ASSOMAC\n\nGli ordini sono saliti del 4% nel trimestre, secondo l'associazione.",
])
def test_an_organisation_after_the_date_is_no_place(head: str) -> None:
    assert run("Title of the release\n" + head).info.place is None


@pytest.mark.parametrize(("text", "venue", "city"), [
    ("Milano, 5 marzo 2025\n\nGli espositori italiani sono attesi a ITMA Asia, dal 10 al 13 marzo all’Expohall "
     "di Shanghai.", "Expohall", "Shanghai"),
    ("Milan, 5 March 2025\n\nItalian makers show their looms at ITMA Asia from 10 to 13 March at the Pudong Halls "
     "in Shanghai.", "Pudong Halls", "Shanghai"),
    ("Milano, 5 marzo 2025\n\nLe aziende saranno a Techtextil dal 10 al 13 marzo presso il Messezentrum di "
     "Frankfurt.", "Messezentrum", "Frankfurt"),
])
def test_a_fair_hall_named_with_its_town(text: str, venue: str, city: str) -> None:
    ev = events(run(text), "TradeFairEdition")
    assert [(e.venue, e.city) for e in ev] == [(venue, city)]


# ------------------------------------------------------------------ fairs beside the release's own, edition years

@pytest.mark.parametrize("text", [
    "Milano, 12 febbraio 2024\n\nLa rassegna dialoga con la tecnologia grazie a SIMAC Tanning Tech, allestita negli "
    "stessi giorni presso Fiera Milano Rho con 280 espositori di macchine.",
    "Milan, 12 February 2024\n\nThe show works hand in hand with SIMAC Tanning Tech, held on the same days at "
    "Fiera Milano with 280 machinery exhibitors.",
    "Milano, 12 febbraio 2024\n\nAccanto alla moda c'è SIMAC Tanning Tech, in contemporanea a Fiera Milano con "
    "280 aziende di macchine.",
])
def test_a_fair_held_on_the_same_days_at_a_named_venue(text: str) -> None:
    ev = [e for e in events(run(text), "TradeFairEdition") if e.title and "SIMAC" in e.title.upper()]
    assert ev and ev[0].venue == "Fiera Milano" and ev[0].city == "Rho"


@pytest.mark.parametrize("text", [
    "The 90th edition of MICAM closed at Fiera Milano (Rho) with 40,000 visitors, in line with the "
    "September 2021 edition.",
    "La 90ª edizione di MICAM si è chiusa a Fiera Milano (Rho) con 40.000 visitatori, in linea con "
    "l'edizione 2021.",
    "MICAM's 90th edition at Fiera Milano (Rho) drew 40,000 visitors, up 2% on the March 2021 edition.",
])
def test_a_compared_edition_gives_no_year_to_the_title(text: str) -> None:
    ev = events(run(text), "TradeFairEdition")
    assert ev and all("2021" not in (e.title or "") for e in ev)


@pytest.mark.parametrize("text", [
    "Milano, 4 giugno 2024\n\nPietro Sala, presidente di UCIMU, ha dichiarato: “gli ordini tengono, ma la domanda "
    "interna resta debole in tutti i comparti”.\n\nI dati saranno illustrati durante il convegno organizzato oggi da UCIMU "
    "per le imprese associate.",
    "Milan, 4 June 2024\n\nPietro Sala, President of UCIMU, said: “orders are holding up, but home demand is still weak "
    "across the board”.\n\nThe figures will be shown at a seminar held today by UCIMU for its member firms.",
    "Milano, 4 giugno 2024\n\n“La domanda interna resta debole e gli ordini tengono a fatica”, ha detto Pietro Sala, "
    "presidente di UCIMU.\n\nOggi si è tenuto il workshop organizzato da UCIMU per le aziende associate.",
])
def test_a_quote_in_another_paragraph_is_no_speech_at_the_meeting(text: str) -> None:
    ev = events(run(text), "Conference")
    assert ev and "Pietro Sala" not in ev[0].participants


@pytest.mark.parametrize(("text", "title", "city"), [
    ("Milano, 5 marzo 2024\n\nLa presidente di Assocalzaturifici Marta Neri, in visita alla Kozha Expo di Mosca, "
     "manifestazione di riferimento per la calzatura nell'area, ha incontrato i buyer.", "Kozha Expo", "Moscow"),
    ("Milan, 5 March 2024\n\nAssocalzaturifici President Marta Neri met buyers while visiting Shoe Star Expo, "
     "the leading footwear exhibition of the region.", "Shoe Star Expo", None),
    ("Milano, 5 marzo 2024\n\nIn occasione della Kozha Expo di Mosca, la mostra internazionale della calzatura, "
     "Marta Neri, presidente di Assocalzaturifici, ha incontrato gli importatori.", "Kozha Expo", None),
])
def test_a_fair_visited_while_it_runs_is_an_edition(text: str, title: str, city: str | None) -> None:
    ev = [e for e in events(run(text), "TradeFairEdition") if e.title == title]
    assert ev and (city is None or ev[0].city == city)


@pytest.mark.parametrize(("text", "fair"), [
    ("Milan, 3 June 2024\n\nAt its general assembly Acimall re-elected president Ugo Rota. Xylexpo remains key, as the latest "
     "edition with 410 exhibitors and 16,000 visitors showed.", "Xylexpo"),
    ("Milano, 3 giugno 2024\n\nAll'assemblea generale Acimall ha rieletto il presidente Ugo Rota. Xylexpo resta decisiva: "
     "l'ultima edizione ha accolto 410 espositori.", "Xylexpo"),
    ("Milan, 3 June 2024\n\nThe annual assembly of Assomac re-elected its president Ugo Rota. SIMAC Tanning Tech grew again: "
     "the last edition drew 9,000 visitors.", "SIMAC Tanning Tech"),
])
def test_an_assembly_release_keeps_a_fair_edition_given_with_its_results(text: str, fair: str) -> None:
    assert any((e.title or "").startswith(fair) for e in events(run(text), "TradeFairEdition"))


@pytest.mark.parametrize(("text", "day", "city"), [
    ("Acimall members meet to look at the year ahead\n\nThe annual meeting of Acimall weighed the outlook.\n\n"
     "June 12, 2024\n\nOn June 11th, in Verona, the chairman opened the Assembly by thanking the members.",
     dt.date(2024, 6, 11), "Verona"),
    ("Assomac takes stock\n\nThe annual assembly of Assomac looked at new markets.\n\n"
     "October 3, 2023\n\nOn the 2nd of October, in Vigevano, the General Meeting heard the president's report.",
     dt.date(2023, 10, 2), "Vigevano"),
    ("UCIMU fa il punto\n\nL'assemblea annuale di UCIMU ha discusso delle tariffe.\n\n"
     "15 maggio 2024\n\nIl 14 maggio, a Milano, il presidente ha aperto l'Assemblea ricordando i soci scomparsi.",
     dt.date(2024, 5, 14), "Milan"),
])
def test_the_assembly_named_again_after_the_dateline_gives_its_day_and_town(text: str, day: dt.date, city: str) -> None:
    ev = events(run(text), "GeneralAssembly")[0]
    assert (ev.date, ev.city) == (day, city)


@pytest.mark.parametrize(("text", "title", "day"), [
    ("Il Forum italo-tedesco delle macchine tessili tenutosi il 12 marzo scorso presso la Camera di Commercio di Milano "
     "ha riunito quaranta imprese dei due paesi.",
     "Forum italo-tedesco delle macchine tessili", dt.date(2024, 3, 12)),
    ("Oltre cento tecnici hanno seguito il Convegno nazionale sulla concia al cromo svoltosi il 5 marzo a Vicenza, "
     "con relatori da tre università.",
     "Convegno nazionale sulla concia al cromo", dt.date(2024, 3, 5)),
    ("Buyers from nine countries joined the Forum on sustainable footwear machinery held on March 20th in Vigevano "
     "to discuss new tanning methods.",
     "Forum on sustainable footwear machinery", dt.date(2024, 3, 20)),
])
def test_a_meeting_held_on_a_yearless_day_takes_its_title_and_the_file_name_year(
        text: str, title: str, day: dt.date) -> None:
    ex = extract_checked(text, slug="probe-2024-04-02-meeting")
    ev = events(ex, "Conference")[0]
    assert (ev.title, ev.date) == (title, day)


@pytest.mark.parametrize(("text", "city"), [
    ("Rome, 4 April 2024\n\nThe annual assembly of Assomac, held today in Lonato, looked at the orders of the year.",
     "Lonato"),
    ("Roma, 4 aprile 2024\n\nL'assemblea annuale di Acimit si è svolta oggi a Cernobbio davanti a duecento soci.",
     "Cernobbio"),
    ("Rome, 4 April 2024\n\nUnic's general assembly took place yesterday in Solofra with the tanners of the district.",
     "Solofra"),
    ("Rome, 4 April 2024\n\nThe annual assembly of Assomac, held in June, looked at the orders of the year.", "Rome"),
])
def test_an_assembly_held_in_a_town_the_gazetteer_lacks(text: str, city: str) -> None:
    # (a month after "held in" is no town: the dateline's town stays)
    ev = events(run(text), "GeneralAssembly")[0]
    assert ev.city == city


@pytest.mark.parametrize(("text", "day"), [
    ("Milano, 10 settembre 2024\n\nTorna Mipel, la fiera della pelletteria in programma dal 15 al 17 settembre nei padiglioni di "
     "Fiera Milano Rho, mostrando le collezioni primavera-estate 2025 di trecento marchi.", dt.date(2024, 9, 15)),
    ("Milan, 10 September 2024\n\nMicam, the shoe fair, runs from 15 to 17 September at Fiera Milano Rho and shows the "
     "Spring/Summer 2025 lines of eight hundred brands.", dt.date(2024, 9, 15)),
    ("Milano, 10 febbraio 2024\n\nLineapelle, la fiera dei materiali, apre dal 20 al 22 febbraio a Fiera Milano Rho "
     "con le proposte per l'autunno-inverno 2025 di mille espositori.", dt.date(2024, 2, 20)),
])
def test_a_collection_season_gives_no_year_to_the_fair_edition(text: str, day: dt.date) -> None:
    ev = events(run(text), "TradeFairEdition")[0]
    assert ev.date == day


@pytest.mark.parametrize(("text", "place"), [
    ("Risultati stabili per i costruttori\n\n3 Marzo 2024 - 09:30\n\nCastelfranco (Tv) – Gli ordini raccolti "
     "dalle imprese del comparto sono rimasti fermi nel trimestre.", "Castelfranco"),
    ("Orders hold steady\n\n3 March 2024\n\nVigevano – The members of the association kept their order books "
     "level through the quarter.", "Vigevano"),
    ("Ordini in calo\n\n3 marzo 2024\n\nSolofra (AV) – Le concerie del distretto hanno visto meno richieste "
     "dall'estero a inizio anno.", "Solofra"),
])
def test_a_town_opening_the_first_paragraph_after_a_dated_header_is_the_place(text: str, place: str) -> None:
    assert run(text).info.place == place


@pytest.mark.parametrize("text", [
    "Milano, 3 febbraio 2024\n\nFino a domenica resterà aperta, negli spazi di Palazzo Litta a Milano, la mostra "
    "Cuoio e Colore curata da Lineapelle con venti concerie.",
    "Milano, 3 febbraio 2024\n\nNelle sale di Villa Necchi a Milano, la mostra Pelli d'Autore organizzata da Lineapelle "
    "raccoglie borse storiche.",
    "Milan, 3 February 2024\n\nUntil Sunday the halls of Palazzo Reale in Milan, the exhibition Tanned Stories "
    "organised by Lineapelle, welcome visitors.",
])
def test_a_palace_hosting_an_exhibition_is_a_venue_and_a_fair_organises_no_edition_of_itself(text: str) -> None:
    ex = run(text)
    kinds = {o.name: o.type for o in ex.of(Organisation)}
    assert not any(t == "TradeFair" and n.split()[0] in ("Palazzo", "Villa") for n, t in kinds.items())
    assert not any(e.organiser and e.title and e.organiser == e.title for e in events(ex))


@pytest.mark.parametrize("text", [
    "Milan, 3 October 2024\n\nThe fair drew 30,000 visitors, more than last March, when the show clashed with a holiday.",
    "Milan, 3 October 2024\n\nAttendance beat that of last September, when the fair ran alongside a city marathon.",
    "Milano, 3 ottobre 2024\n\nI visitatori sono stati più di quelli di febbraio, quando la fiera ha coinciso con uno sciopero.",
])
def test_a_month_before_a_clause_about_the_fair_is_no_fair_name(text: str) -> None:
    assert not any(o.type == "TradeFair" for o in run(text).of(Organisation))


@pytest.mark.parametrize(("text", "city"), [
    ("Roma, 4 aprile 2024\n\nI conti dell'anno sono stati letti all'assemblea di Assomac, svolta sabato scorso a "
     "Castiglione delle Stiviere davanti ai soci.", "Castiglione delle Stiviere"),
    ("Rome, 4 April 2024\n\nThe general assembly of Acimit, held last Friday in Palazzolo sull'Oglio, approved the budget.",
     "Palazzolo sull'Oglio"),
    ("Roma, 4 aprile 2024\n\nL'assemblea annuale di Acimit si è tenuta ieri presso Villa Bassi a Palazzolo sull?Oglio, "
     "con duecento soci.", "Palazzolo sull'Oglio"),
    ("Roma, 4 aprile 2024\n\nL'assemblea di Unic si è svolta oggi a Lonato del Garda con i conciatori del distretto.",
     "Lonato del Garda"),
])
def test_a_town_named_with_a_joining_word(text: str, city: str) -> None:
    # ("sull?Oglio": a page that lost its apostrophes)
    assert events(run(text), "GeneralAssembly")[0].city == city


@pytest.mark.parametrize(("text", "venue", "speaker"), [
    ("Trento, 4 June 2025\n\nOn 3 June 2025 the members assembly of Acimall gathered in the Palazzo Rosa. "
     "During the meeting Acimall President Anna Rota made remarks about the year.", "Palazzo Rosa", "Anna Rota"),
    ("Trento, 4 June 2025\n\nThe Members' Assembly of Acimall met at the Villa Gialla on 3 June 2025. "
     "Acimall president Carlo Neri delivered a speech on exports.", "Villa Gialla", "Carlo Neri"),
    ("Trento, 4 June 2025\n\nOn 3 June 2025 the assembly of the members of UCIMA was held at Palazzo Blu. "
     "President Ida Berti gave a speech on the orders of the year.", "Palazzo Blu", "Ida Berti"),
    ("Trento, 4 June 2025\n\nThe UCIMA Member Assembly took place on 3 June 2025 at Palazzo Verde. "
     "UCIMA president Ida Berti delivered a speech on new markets.", "Palazzo Verde", "Ida Berti"),
])
def test_a_members_assembly_its_venue_and_who_spoke(text: str, venue: str, speaker: str) -> None:
    ev = events(run(text), "GeneralAssembly")
    assert len(ev) == 1 and ev[0].venue == venue and ev[0].date == dt.date(2025, 6, 3)
    assert speaker in ev[0].participants


@pytest.mark.parametrize(("text", "neighbour", "city"), [
    ("Milano, 12 marzo 2025\n\nSi chiude oggi a Fiera Milano Rho l'edizione 2025 di Simac Tanning Tech, con 250 espositori, "
     "in concomitanza con Lineapelle.", "Lineapelle", None),
    ("Milano, 12 marzo 2025\n\nLineapelle ha chiuso la sua edizione 2025 con 21.000 visitatori a Fiera Milano Rho. Ottimo "
     "il pubblico, grazie anche a Mipel, con il quale la fiera ha condiviso il giorno d'apertura.", "Mipel", None),
    ("Milan, 12 March 2025\n\nThe 2025 edition of Lineapelle opens at Fiera Milano Rho with 1,100 exhibitors, alongside "
     "MICAM.", "MICAM", None),
    ("Milano, 12 marzo 2025\n\nCento aziende toscane saranno a Micam, che apre oggi a Milano. Da martedì seguirà la 104ª "
     "edizione di Lineapelle a Fiera Milano Rho, con mille espositori.", "Micam", "Milan"),
])
def test_a_fair_running_together_with_the_releases_own_has_an_edition(
        text: str, neighbour: str, city: str | None) -> None:
    evs = {e.title: e for e in events(run(text), "TradeFairEdition")}
    assert neighbour in evs and evs[neighbour].city == city
    assert evs[neighbour].date is None and evs[neighbour].venue is None
    assert len(evs) == 2


@pytest.mark.parametrize("text", [
    # a fair named in passing, with no cue that it ran beside the release's own
    "Milano, 12 marzo 2025\n\nSi chiude oggi a Fiera Milano Rho l'edizione 2025 di Simac Tanning Tech. In autunno Assomac "
    "sarà presente anche a Lineapelle con uno stand informativo.",
    "Milan, 12 March 2025\n\nThe 2025 edition of Lineapelle closed at Fiera Milano Rho. Several tanners also plan to "
    "visit MICAM in the future.",
    # no fair edition in the release at all
    "Milano, 12 marzo 2025\n\nAssomac ha presentato i dati di export, in concomitanza con Lineapelle.",
])
def test_a_fair_named_in_passing_gets_no_edition_of_its_own(text: str) -> None:
    titles = {e.title for e in events(run(text), "TradeFairEdition")}
    assert not titles & {"Lineapelle", "MICAM"}


@pytest.mark.parametrize(("text", "day"), [
    ("Milano, 3 marzo 2018\n\nSi chiude oggi Simac Tanning Tech a Fiera Milano Rho: l'edizione, aperta martedì 27 "
     "febbraio, ha avuto più visitatori.", dt.date(2018, 2, 27)),
    ("Milan, 3 March 2018\n\nSimac Tanning Tech closes today at Fiera Milano Rho; the edition opened on Tuesday 27 "
     "February with more visitors.", dt.date(2018, 2, 27)),
    ("Milano, 3 marzo 2018\n\nChiude oggi la 94ª edizione di Lineapelle a Fiera Milano Rho. La fiera, inaugurata il "
     "27 febbraio, ha accolto mille espositori.", dt.date(2018, 2, 27)),
])
def test_a_fair_edition_dated_by_its_yearless_opening_day(text: str, day: dt.date) -> None:
    ev = events(run(text), "TradeFairEdition")[0]
    assert ev.date == day


@pytest.mark.parametrize("text", [
    "Milano, 12 ottobre 2025\n\nLa 106ª edizione di Lineapelle ha chiuso a Fiera Milano Rho. La prossima edizione si "
    "svolgerà a febbraio, in concomitanza con Simac Tanning Tech.",
    "Milan, 12 October 2025\n\nThe 2025 edition of Lineapelle closed at Fiera Milano Rho. The next edition will run in "
    "February alongside Simac Tanning Tech.",
    "Milan, 12 October 2025\n\nThe 2025 edition of Lineapelle closed at Fiera Milano Rho. Its next edition, with which "
    "Simac Tanning Tech will share two days, is set for February.",
])
def test_a_fair_beside_the_next_edition_gets_no_edition_now(text: str) -> None:
    assert "Simac Tanning Tech" not in {e.title for e in events(run(text), "TradeFairEdition")}


@pytest.mark.parametrize(("text", "days"), [
    ("Milan, 20 September 2024\n\nThe 2024 edition of MICAM closed with 40,000 visitors. The next editions of MICAM are "
     "planned for 9th-12th February and 14th - 17th September.", [dt.date(2025, 2, 9), dt.date(2025, 9, 14)]),
    ("Milano, 20 settembre 2024\n\nSi è chiusa l'edizione 2024 di Lineapelle con 20.000 visitatori. Le prossime edizioni "
     "di Lineapelle si terranno dal 4 al 6 febbraio e dal 23 al 25 settembre.", [dt.date(2025, 2, 4), dt.date(2025, 9, 23)]),
    ("Milan, 20 September 2024\n\nThe 2024 edition of Mipel closed with 9,000 visitors. Its upcoming editions: 9-11 "
     "February 2025 and 14-16 September 2025.", [dt.date(2025, 2, 9), dt.date(2025, 9, 14)]),
])
def test_next_editions_listed_in_turn_each_have_their_day(text: str, days: list[dt.date]) -> None:
    got = sorted(e.date for e in events(run(text), "TradeFairEdition") if e.date)
    assert got == days


@pytest.mark.parametrize(("text", "title"), [
    ("Milan, 20 September 2016\n\nThe 82nd edition of theMICAM closed with 44,000 visitors.", "theMICAM"),
    ("Milan, 20 September 2017\n\nthe MICAM, the footwear show, closed its 84th edition with more buyers.", "the MICAM"),
    ("Milano, 20 settembre 2017\n\nLa 84ª edizione di theMICAM si è chiusa con più compratori esteri.", "theMICAM"),
])
def test_a_fair_brand_written_with_its_article_keeps_it_in_the_title(text: str, title: str) -> None:
    ex = run(text)
    assert [e.title for e in events(ex, "TradeFairEdition")] == [title]
    assert "MICAM" in {o.name for o in ex.of(Organisation)}


@pytest.mark.parametrize(("text", "date"), [
    ("March 4, 2025_ Italian makers of looms booked more orders in the last quarter, ACIMIT says.", dt.date(2025, 3, 4)),
    ("4 marzo 2025 – Gli ordini di telai sono cresciuti nell'ultimo trimestre, secondo ACIMIT.", dt.date(2025, 3, 4)),
    ("04/03/2025 | The tanning machinery makers of ASSOMAC expect a calmer year ahead.", dt.date(2025, 3, 4)),
])
def test_a_release_opening_with_its_date_and_a_separator(text: str, date: dt.date) -> None:
    assert run(text).info.date == date


@pytest.mark.parametrize(("text", "place"), [
    ("VIGEVANO Per la prima volta i costruttori locali di macchine porteranno trenta stand a Simac.", "Vigevano"),
    ("FERMO - Le aziende calzaturiere della provincia guardano con fiducia alla fiera di febbraio.", "Fermo"),
    ("BERGAMO Some forty local machinery makers will show their lines at the autumn fair.", "Bergamo"),
])
def test_a_town_in_capitals_opening_the_text_is_the_place(text: str, place: str) -> None:
    assert run(text).info.place == place


@pytest.mark.parametrize("text", [
    # capitals that are no town, or a town that is a name's part
    "ASSOMAC Presents its yearly figures on the export of machines for tanneries.",
    "NEWS Le aziende calzaturiere della provincia guardano con fiducia alla fiera.",
])
def test_capitals_opening_the_text_that_are_no_town(text: str) -> None:
    assert run(text).info.place is None


@pytest.mark.parametrize("text", [
    "3 marzo 2025- 10:20 Pelle: UNIC, concerie in calo\n\nMilano, 3 mar. (AdnKronos) - Le concerie italiane hanno "
    "chiuso il trimestre in calo.",
    "3 marzo 2025 - Concerie in calo nel trimestre\n\nMILANO, 3 MAR - Le concerie italiane hanno chiuso il trimestre in calo.",
    "March 3, 2025_ Tanners report a weak quarter\n\nMilan, 3 Mar. (AdnKronos) - Italian tanneries closed the quarter lower.",
])
def test_a_dated_header_then_a_wire_dateline_gives_the_town(text: str) -> None:
    info = run(text).info
    assert info.date == dt.date(2025, 3, 3) and info.place == "Milan"


@pytest.mark.parametrize(("text", "day"), [
    ("Roma, 5 luglio 2019\n\nIl forum italo-tedesco della meccanica si è tenuto il 27 giugno scorso a Berlino. L'evento si "
     "è chiuso con la firma di un protocollo d'intesa tra UCIMU e VDW.", dt.date(2019, 6, 27)),
    ("Rome, 5 July 2019\n\nThe Italian-Polish machinery forum was held on 27 June in Warsaw. On that occasion ACIMIT and "
     "the Polish association signed a memorandum of understanding.", dt.date(2019, 6, 27)),
    ("Roma, 5 luglio 2019\n\nL'incontro tra le associazioni si è svolto il 27 giugno a Madrid. In quella sede UCIMA e "
     "AFM hanno firmato un accordo di collaborazione.", dt.date(2019, 6, 27)),
])
def test_a_signing_at_the_meeting_told_before_takes_its_day(text: str, day: dt.date) -> None:
    ev = events(run(text), "Signing")
    assert len(ev) == 1 and ev[0].date == day


@pytest.mark.parametrize(("text", "day"), [
    ("Rimini, 21 September 2018\n\nAt its annual assembly held last June 22, Acimall reviewed the year.",
     dt.date(2018, 6, 22)),
    ("Rimini, 21 September 2018\n\nThe annual assembly of Acimall, held on last June 22 in Milan, reviewed the year.",
     dt.date(2018, 6, 22)),
    ("Rimini, 21 September 2018\n\nAt the annual meeting, which took place last 22 June, Acimall reviewed the year.",
     dt.date(2018, 6, 22)),
])
def test_an_assembly_held_last_month_day(text: str, day: dt.date) -> None:
    assert events(run(text), "GeneralAssembly")[0].date == day


@pytest.mark.parametrize(("text", "organiser"), [
    ("Milano, 10 settembre 2022\n\nTorna Mipel, in scena dal 18 al 20 settembre nei padiglioni di Fiera Milano-Rho. "
     "Curata e organizzata da Assopellettieri, la manifestazione ospita 180 espositori.", "Assopellettieri"),
    ("Milan, 10 September 2022\n\nMipel 2022 opens on 18 September at Fiera Milano Rho. The show, organised by Assopellettieri, "
     "hosts 180 exhibitors.", "Assopellettieri"),
    ("Milano, 10 settembre 2022\n\nLa 122esima edizione di Mipel apre il 18 settembre a Fieramilano Rho. La fiera, organizzata "
     "da Assopellettieri, accoglie 180 marchi.", "Assopellettieri"),
])
def test_the_fairs_organiser_told_beside_the_fair_noun(text: str, organiser: str) -> None:
    ev = events(run(text), "TradeFairEdition")[0]
    assert ev.organiser == organiser and ev.venue == "Fiera Milano" and ev.city == "Rho"
