"""Markets linked to a release: every ISO country, the cue phrases of data/markets.yaml.

Each text is written here (no sentence of a corpus or held-out release); each pattern has at
least three wordings, English and Italian.
"""

from __future__ import annotations

import pytest

from kgraph.extract import gazetteer as gz
from kgraph.model import Extraction, MarketRelation
from kgraph_testing import extract_checked


def run(text: str) -> Extraction:
    return extract_checked(text)  # type: ignore[no-any-return]


def markets(text: str) -> set[tuple[str, str]]:
    return {(m.market, m.relation) for m in run(text).of(MarketRelation)}


# --------------------------------------------------------------------------- every ISO country


@pytest.mark.parametrize(("text", "expected"), [
    ("Our members sold presses to Uzbekistan, Peru and Kazakhstan last year.",
     {"Uzbekistan", "Peru", "Kazakhstan"}),
    ("Le macchine sono state esportate verso Perù, Ecuador e Paraguay nel corso dell'anno.",
     {"Peru", "Ecuador", "Paraguay"}),
    ("Demand from Mongolia, Nepal and Sri Lanka picked up in the spring.",
     {"Mongolia", "Nepal", "Sri Lanka"}),
    ("I buoni risultati in Corea del Sud, Emirati e Moldavia hanno compensato il calo europeo.",
     {"South Korea", "United Arab Emirates", "Moldova"}),
])
def test_a_list_of_countries_is_kept_whole(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


def test_iso_countries_carry_their_codes() -> None:
    from kgraph.extract.rdf import _country_codes

    assert _country_codes("Perù") == ("PE", "604")
    assert _country_codes("Corea del Sud") == ("KR", "410")
    assert gz.place("Emirati Arabi Uniti").iso2 == "AE"  # type: ignore[union-attr]
    assert gz.place("Stati Uniti").iso2 == "US"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    "Maurizio Bianchi, the new treasurer, thanked the members.",
    "La riunione del consiglio si è tenuta a Vigevano.",
    "Chad Miller and Jordan Smith presented the new catalogue.",
])
def test_given_names_and_words_are_not_countries(text: str) -> None:
    from kgraph.extract.rules.names import _gazetteer_spans

    assert not run(text).of(MarketRelation)
    for lang in ("en", "it"):
        assert not [s for s in _gazetteer_spans(text, lang) if s.kind == "place:country"]


# --------------------------------------------------------------------------- the home market


@pytest.mark.parametrize("text", [
    "Domestic sales slipped back after two good years.",
    "Purchases by Italian households were flat over the season.",
    "La domanda interna resta il punto debole del comparto.",
    "La piazza italiana si conferma tra le più vivaci d'Europa.",
    "On the home market, dealers reported longer delivery times.",
])
def test_the_home_market_named_as_such(text: str) -> None:
    assert ("Italy", "domestic") in markets(text)


# --------------------------------------------------------------------------- destinations


@pytest.mark.parametrize(("text", "expected"), [
    ("Most machines were shipped to Morocco and Tunisia.", {"Morocco", "Tunisia"}),
    ("Shipments to Egypt grew faster than expected.", {"Egypt"}),
    ("Destinazioni: Marocco e Tunisia in testa alla classifica.", {"Morocco", "Tunisia"}),
    ("Tra i mercati di sbocco come Brasile e Argentina la ripresa è lenta.", {"Brazil", "Argentina"}),
    ("Crescono le vendite negli Stati Uniti, ora al secondo posto.", {"United States"}),
    ("Gli ordini dalla Polonia restano stabili.", {"Poland"}),
])
def test_destination_cues(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Export revenue rose by 12% in Canada and by 8% in Mexico.", {"Canada", "Mexico"}),
    ("Le esportazioni sono salite del 9% in Canada e del 4% in Messico.", {"Canada", "Mexico"}),
    ("Foreign orders were up 6% in Vietnam, 3% in Thailand.", {"Vietnam", "Thailand"}),
])
def test_a_figure_in_a_place_of_an_export_sentence(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports shrank, mostly because of the slowdown in Brazil and Argentina.", {"Brazil", "Argentina"}),
    ("Il calo dell'export si deve alla frenata in Brasile e in Cile.", {"Brazil", "Chile"}),
    ("Sales abroad held up thanks to the increase in Poland.", {"Poland"}),
])
def test_a_change_in_a_place_of_an_export_sentence(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize("text", [
    "Production fell 5% in Germany.",
    "The slowdown in China weighed on the world economy.",
    "Il rallentamento in Germania preoccupa gli economisti.",
])
def test_a_change_in_a_place_without_exports_is_no_destination(text: str) -> None:
    assert not {r for r in markets(text) if r[1] == "destination"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Germany is the first market, ahead of France and Austria.", {"Germany", "France", "Austria"}),
    ("La Germania resta il primo mercato, davanti a Francia e Austria.", {"Germany", "France", "Austria"}),
    ("The leading outlet is Spain, followed by Portugal (9%) and Greece (4%).", {"Spain", "Portugal", "Greece"}),
    ("I principali mercati sono Spagna (12%), Portogallo (9%) e Grecia.", {"Spain", "Portugal", "Greece"}),
])
def test_ranked_destinations_with_their_shares(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize("text", [
    "Demand is weak in major markets; Mexico, Brazil and India above all.",
    "Our main export destination is Mexico, then Brazil and India.",
    "Il principale mercato di sbocco è il Messico, poi Brasile e India.",
])
def test_the_main_markets_named_after_the_cue(text: str) -> None:
    assert ("Mexico", "destination") in markets(text)


def test_a_new_clause_after_a_semicolon_ends_the_list() -> None:
    got = markets("Spain and Greece were the top destinations; Austria lost ground.")
    assert ("Spain", "destination") in got and ("Austria", "destination") not in got


# --------------------------------------------------------------------------- promotion tours


@pytest.mark.parametrize(("text", "expected"), [
    ("The 2027 programme opens in spring. First stops: Singapore and Hong Kong.", {"Singapore", "Hong Kong"}),
    ("Il programma parte a marzo. Prime tappe: Vietnam e Indonesia.", {"Vietnam", "Indonesia"}),
    ("Prossime tappe: Messico e Colombia, in autunno.", {"Mexico", "Colombia"}),
])
def test_the_stops_of_a_promotion_tour(text: str, expected: set[str]) -> None:
    assert {(name, "export_priority") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Buone notizie dal Canada, dove le vendite sono salite del 7%.", {"Canada"}),
    ("Mexico, where orders doubled, is the surprise of the year.", {"Mexico"}),
    ("Unica eccezione il Giappone, dove la domanda è rimasta stabile.", {"Japan"}),
])
def test_a_place_followed_by_where_it_buys(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Il Messico, che resta il primo paese per l'export del comparto, cresce ancora.", {"Mexico"}),
    ("Canada remains the first country for exports of the sector.", {"Canada"}),
    ("La Polonia è il primo paese di destinazione delle macchine.", {"Poland"}),
])
def test_the_first_country_for_exports(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize("text", [
    "Le vendite sono in calo in Asia (-9%), dove pesa la concorrenza dei produttori locali.",
    "Exports fell by 4% in Brazil, where competition from local makers is fierce.",
    "Orders dropped in Chile (-3%), amid strong competition.",
])
def test_competition_named_after_the_place_keeps_the_destination(text: str) -> None:
    assert any(rel == "destination" for _, rel in markets(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("Il primo mercato resta l'Europa, seguita dalle due Americhe (18%) e dall'Asia (9%).", {"America", "Asia"}),
    ("Europe leads, followed by the two Americas (18%) and Asia (9%) among export markets.", {"America", "Asia"}),
    ("Le destinazioni principali: Europa, seguita da entrambe le Americhe e dall'Oceania.", {"Oceania"}),
])
def test_ranked_lists_with_a_numeral_and_shares(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


# --------------------------------------------------------------------------- round 2 cues


@pytest.mark.parametrize(("text", "expected"), [
    ("Le esportazioni verso la CSI sono salite del 9% nel semestre.", ("CIS", "destination")),
    ("Exports to the CIS grew by 7% in the first half.", ("CIS", "destination")),
    ("Le vendite nei Paesi della Csi, tra cui Kazakistan, sono salite.", ("Kazakhstan", "destination")),
])
def test_the_cis_is_a_region(text: str, expected: tuple[str, str]) -> None:
    assert expected in markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Dieci anni fa esportavamo in Ucraina macchine per 50 milioni.", ("Ukraine", "destination")),
    ("Oggi esportiamo in Messico quasi metà della produzione.", ("Mexico", "destination")),
    ("L'azienda esporta soprattutto in Cile e Perù.", ("Chile", "destination")),
    ("We exported mainly to Egypt before the currency crisis.", ("Egypt", "destination")),
])
def test_a_verb_of_exporting_in_any_person(text: str, expected: tuple[str, str]) -> None:
    assert expected in markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The association says Morocco is an important market for Italian tanning machines.", ("Morocco", "destination")),
    ("Vietnam remains a significant outlet for our looms.", ("Vietnam", "destination")),
    ("Il Brasile è un importante mercato per le macchine da calzatura.", ("Brazil", "destination")),
    ("La Polonia resta un importante mercato di sbocco.", ("Poland", "destination")),
])
def test_an_important_market(text: str, expected: tuple[str, str]) -> None:
    assert expected in markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Among our export outlets, only Chile and Peru recorded an increase last quarter.", ("Peru", "destination")),
    ("In the export figures, Egypt and Morocco grew while the rest of Africa stalled.", ("Egypt", "destination")),
    ("Sul fronte dell'export, soltanto Cile e Perù hanno fatto registrare un incremento.", ("Chile", "destination")),
    ("Quanto alle esportazioni, Polonia e Romania sono cresciute a doppia cifra.", ("Romania", "destination")),
])
def test_places_a_change_in_exports_is_told_of(text: str, expected: tuple[str, str]) -> None:
    assert expected in markets(text)


@pytest.mark.parametrize("text", [
    "Chile and Peru recorded an increase in visitors at the fair.",
    "Cile e Perù sono cresciuti come numero di visitatori.",
    "Egypt and Morocco grew their own tanning capacity.",
])
def test_a_change_with_no_word_of_export_names_no_market(text: str) -> None:
    assert not markets(text)


# --------------------------------------------------------------------------- lists with figures, topics, settings

@pytest.mark.parametrize(("text", "expected"), [
    ("Among the top 5 export destinations were Spain, which bought presses worth EUR 40.2m; Turkey (EUR 31.5m); "
     "Mexico (EUR 20.1m); and Chile (EUR 12.0m).",
     {"Spain", "Turkey", "Mexico", "Chile"}),
    ("The top ten destination markets are Vietnam (EUR 80m); Brazil (EUR 52m) and Egypt (EUR 33m).",
     {"Vietnam", "Brazil", "Egypt"}),
    ("I primi 3 mercati di sbocco sono stati Spagna, che ha acquistato macchine per 40 milioni; Turchia (31 milioni); "
     "e Messico (20 milioni).",
     {"Spain", "Turkey", "Mexico"}),
])
def test_a_ranked_list_with_figures_between_the_places(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("As for foreign markets, Canada and Morocco look lively while the Eurozone is still slow.",
     {"Canada", "Morocco", "Euro area"}),
    ("Quanto ai mercati esteri, il Giappone e l'Australia sono vivaci, mentre l'Area euro resta debole.",
     {"Japan", "Australia", "Euro area"}),
    ("Sui mercati esteri la ripresa è partita in Cile e in Perù, più lenta in Tunisia.",
     {"Chile", "Peru", "Tunisia"}),
])
def test_places_in_a_sentence_about_foreign_markets(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Americas did well, especially Canada, while Africa was weaker.", {"Canada"}),
    ("Il Medio Oriente ha frenato, soprattutto Qatar e Kuwait, con vendite in calo.", {"Qatar", "Kuwait"}),
    ("A fall in the Gulf, particularly in Oman and Bahrain, cut our sales to the region.", {"Oman", "Bahrain"}),
])
def test_places_picked_out_of_an_area(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Nella sola Polonia, invece, sono state esportate 2 milioni di paia.", {"Poland"}),
    ("In Mexico, exports of moulds grew by 9% in the half.", {"Mexico"}),
    ("Nell'area Csi gli ordinativi dei nostri associati continuano a crescere.", {"CIS"}),
    ("Shoe exports rose 7% over the year, mainly due to Japan.", {"Japan"}),
])
def test_a_sentence_about_exports_set_in_a_place(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


def test_a_place_opening_a_sentence_not_about_exports_is_no_market() -> None:
    assert not markets("In Germany, the fair opened its doors to visitors on Monday.")


# --------------------------------------------------------------------------- rankings, round 3


@pytest.mark.parametrize(("text", "expected"), [
    ("Sales abroad were flat. In second place we find Chile and Peru, with gains of 4% each.", {"Chile", "Peru"}),
    ("Le esportazioni di presse hanno tenuto.\n\nAl terzo posto troviamo Cile e Perù (+4,1%).", {"Chile", "Peru"}),
    ("Among our outlet markets the ranking has changed: on the podium, Canada and Morocco.", {"Canada", "Morocco"}),
    ("Per i mercati di sbocco, si confermano sul podio Marocco (con un aumento del 2%) e Tunisia (+1%).",
     {"Morocco", "Tunisia"}),
])
def test_a_rank_phrase_before_the_places(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize("text", [
    "At the fair, in first place we find a new line of cutting presses.",
    "In second place came Chile in the football match of the local clubs.",
    "Al primo posto troviamo la Francia nella classifica dei visitatori del museo.",
])
def test_a_rank_phrase_outside_a_market_sentence_is_no_market(text: str) -> None:
    assert not {m for m in markets(text) if m[1] == "destination"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports dipped, and Mexico, with Brazil, was no longer the most important export destination.",
     {"Mexico", "Brazil"}),
    ("Quest'anno il Canada torna ad essere, dopo tre anni, il primo mercato di sbocco per le presse.", {"Canada"}),
    ("Sales of lasts slowed, yet Morocco has become once again the main outlet market.", {"Morocco"}),
    ("Nel 2024 la Ue è tornata a essere il principale mercato di sbocco dei nostri telai.", {"European Union"}),
])
def test_a_place_linked_to_a_ranked_market_noun(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Il primo mercato di sbocco dei telai resta quello europeo, con il 40% delle vendite.", {"Europe"}),
    ("The main outlet market for our presses remains the Asian one, at 35% of sales.", {"Asia"}),
    ("Il principale mercato di destinazione è quello asiatico (25% del totale).", {"Asia"}),
])
def test_a_ranked_market_named_by_its_adjective(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Il calo è stato compensato dalle vendite negli altri mercati (Asia, Ue e Nord America).",
     {"European Union", "Asia", "North America"}),
    ("The firm ships to three main markets: Chile, Peru and Canada.", {"Chile", "Peru", "Canada"}),
    ("I principali mercati: Marocco, Tunisia ed Egitto, tutti in crescita.", {"Morocco", "Tunisia", "Egypt"}),
])
def test_a_market_noun_opening_a_list(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Italy ranks as the world's second largest exporter of looms, behind Germany.", {"Germany"}),
    ("L'Italia è il terzo esportatore mondiale di telai, dopo Germania e Giappone.", {"Germany", "Japan"}),
    ("Our makers are now the fourth producer worldwide, following China, Germany and Japan.",
     {"China", "Germany", "Japan"}),
])
def test_the_places_ranked_ahead_of_the_home_country_are_competitors(text: str, expected: set[str]) -> None:
    assert {(name, "competitor") for name in expected} <= markets(text)


def test_a_rank_word_without_an_exporter_is_no_competitor() -> None:
    assert not {m for m in markets("Dopo la Germania, la mostra si sposterà in Francia.") if m[1] == "competitor"}


@pytest.mark.parametrize("text", [
    "Abroad the index slipped to 91 points, while in Italy it climbed to 120 points.",
    "All'estero l'indice si è fermato a 80 punti, mentre in Italia ha raggiunto 140 punti.",
    "Our members do well around the world, yet also in Italy, where sales reached 300 million euros.",
])
def test_italy_set_against_abroad_is_the_domestic_market(text: str) -> None:
    assert ("Italy", "domestic") in markets(text)


def test_made_in_italy_is_no_domestic_market() -> None:
    assert ("Italy", "domestic") not in markets("Buyers from abroad want machines made in Italy.")


@pytest.mark.parametrize(("text", "expected"), [
    ("The association asks for an end to the sanctions against Belarus.", {"Belarus"}),
    ("Assocalzaturifici chiede di togliere le sanzioni alla Russia, che pesano sull'export.", {"Russia"}),
    ("Le sanzioni contro l'Iran hanno chiuso un mercato che vogliamo riaprire.", {"Iran"}),
])
def test_a_market_under_sanctions_is_an_export_priority(text: str, expected: set[str]) -> None:
    assert {(name, "export_priority") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Two thirds of all leather sold went to customers in Mexico and Brazil.", {"Mexico", "Brazil"}),
    ("Il 60% delle pelli è andato a clienti in Francia e Spagna.", {"France", "Spain"}),
    ("Orders came mostly from buyers in Vietnam.", {"Vietnam"}),
])
def test_the_customers_in_a_place_make_it_a_destination(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Calano invece le vendite nei paesi europei fuori dall'UE (-3,1%) e in Asia.",
     {"non-EU Europe", "Asia"}),
    ("Sales to non-EU Europe fell by 4%, while Asia held steady.", {"non-EU Europe"}),
    ("Le vendite verso l'Europa extra UE sono cresciute del 2%.", {"non-EU Europe"}),
])
def test_non_eu_europe_is_a_region_of_its_own(text: str, expected: set[str]) -> None:
    got = markets(text)
    assert {(name, "destination") for name in expected} <= got
    assert ("European Union", "destination") not in got


@pytest.mark.parametrize(("text", "expected"), [
    ("Demand for presses held up well on the Mexican market in 2024.", {"Mexico"}),
    ("Il mercato turco ha assorbito il 12% delle nostre macchine.", {"Turkey"}),
    ("The Indian and Brazilian markets bought more lasts than a year ago.", {"India", "Brazil"}),
    ("I mercati asiatici restano deboli per i nostri telai.", {"Asia"}),
])
def test_a_place_named_as_a_market_by_its_adjective(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


@pytest.mark.parametrize("text", [
    "The firm is the European market leader in cutting presses.",
    "A Japanese market research firm published the survey.",
    "Il mercato italiano delle presse è cresciuto del 3%.",
])
def test_an_adjective_before_market_leader_or_the_home_market_is_no_destination(text: str) -> None:
    assert not {m for m in markets(text) if m[1] == "destination"}


@pytest.mark.parametrize(("text", "expected"), [
    ("The trade mission aims to strengthen the presence of our makers in the Vietnamese market.", {"Vietnam"}),
    ("Le aziende vogliono rafforzare la presenza sul mercato indiano con nuove filiali.", {"India"}),
    ("ACIMIT plans to enter the Turkish market with a first showroom next year.", {"Turkey"}),
])
def test_an_aim_before_a_market_adjective_makes_an_export_priority(text: str, expected: set[str]) -> None:
    assert {(name, "export_priority") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The sector may soon be dominated by Africa, which will become a key client for our makers.", {"Africa"}),
    ("Il Messico diventerà il principale cliente dei costruttori di presse.", {"Mexico"}),
    ("Canada, which is the largest market in the world for these looms, bought 300 of them.", {"Canada"}),
])
def test_a_place_told_as_a_client_or_the_largest_market(text: str, expected: set[str]) -> None:
    got = markets(text)
    assert {(name, "destination") for name in expected} <= got
    assert not {m for m in got if m[1] == "competitor"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Sales of lasts to the Gulf fell. The weak trend in Oman offset the rise in Qatar, the firm said.", {"Oman", "Qatar"}),
    ("Gli ordini esteri sono calati. Pesa il calo in Cile, solo in parte compensato altrove.", {"Chile"}),
    ("Exports were flat in the half. The slowdown in Peru was the main reason for it.", {"Peru"}),
])
def test_a_change_in_a_place_right_after_an_export_sentence(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


def test_a_change_in_a_place_in_a_new_paragraph_is_no_market() -> None:
    assert not markets("Orders fell in the quarter.\n\nThe slowdown in Chile was a topic of the fair's talks.")


@pytest.mark.parametrize(("text", "expected"), [
    ("For many years Italian makers have dominated the global market, along with their Swiss colleagues.", {"Switzerland"}),
    ("Il mercato mondiale è dominato dai costruttori italiani e dai loro colleghi tedeschi.", {"Germany"}),
    ("Together with their Japanese counterparts, our firms dominate the market for knitting machines.", {"Japan"}),
])
def test_foreign_colleagues_in_a_dominated_market_are_competitors(text: str, expected: set[str]) -> None:
    assert {(name, "competitor") for name in expected} <= markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Sales of Italian tanning equipment to Egypt and Tunisia went down in the spring.", {"Egypt", "Tunisia"}),
    ("Le esportazioni di macchine per calzature in Messico sono raddoppiate.", {"Mexico"}),
    ("Deliveries of our new cutting presses to Vietnam began in May.", {"Vietnam"}),
    ("Le spedizioni di telai e ricambi verso il Cile sono riprese.", {"Chile"}),
])
def test_goods_named_between_the_export_noun_and_the_destination(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)


def test_another_countrys_goods_are_no_destination_of_ours() -> None:
    assert not markets("Exports of Chinese looms to Kenya doubled in two years.")


@pytest.mark.parametrize("text", [
    "The workforce grew to 900 employees in Italy and abroad.",
    "Il gruppo ha stabilimenti in Italia e all'estero.",
    "Abroad and in Italy the brand opened twelve new shops.",
])
def test_italy_joined_with_abroad_is_no_domestic_market(text: str) -> None:
    assert ("Italy", "domestic") not in markets(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Sales slowed in Europe, while Canada and Mexico are the markets that keep growing.", {"Canada", "Mexico"}),
    ("Cile e Perù sono i mercati dove le vendite di presse crescono di più.", {"Chile", "Peru"}),
    ("Vietnam is the market where our members sold the most looms last year.", {"Vietnam"}),
])
def test_places_named_as_the_markets_a_relative_clause_tells_of(text: str, expected: set[str]) -> None:
    assert {(name, "destination") for name in expected} <= markets(text)
