"""Drivers: the causes a release gives for its figures (cue lexicon data/drivers.yaml).

Each text is written here (no sentence of a corpus or held-out release); each pattern has at
least three wordings, English and Italian.
"""

from __future__ import annotations

import pytest

from kgraph.model import Driver, Extraction
from kgraph_testing import extract_checked


def run(text: str) -> Extraction:
    return extract_checked(text)  # type: ignore[no-any-return]


def drivers(text: str) -> set[str]:
    return {d.text for d in run(text).of(Driver)}


def found(text: str, words: str) -> bool:
    return any(words.lower() in d.lower() for d in drivers(text))


@pytest.mark.parametrize(("text", "words"), [
    ("Deliveries shrank by 6%, due mainly to the high cost of gas.", "cost of gas"),
    ("Orders slipped because of the long freeze on public tenders.", "freeze on public tenders"),
    ("Margins narrowed owing to dearer steel coils.", "dearer steel coils"),
    ("Il fatturato è sceso del 4% a causa dei rincari della logistica.", "rincari della logistica"),
    ("Le vendite sono calate per effetto della stretta sul credito.", "stretta sul credito"),
    ("Il comparto, colpito dalla debolezza dei cantieri edili, ha chiuso in calo.", "debolezza dei cantieri edili"),
    ("Investments were held back by the scarcity of skilled welders.", "scarcity of skilled welders"),
])
def test_a_cause_after_its_cue(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The phase of weak demand has cut the order books of our members.", "weak demand"),
    ("Our members are cautious, with persistent trade tensions and the war in the east.", "trade tensions"),
    ("Our members are cautious, with persistent trade tensions and the war in the east.", "war"),
    ("Le imprese restano prudenti: pesano le tensioni geopolitiche e la carenza di saldatori.", "tensioni geopolitiche"),
    ("Le imprese restano prudenti: pesano le tensioni geopolitiche e la carenza di saldatori.", "carenza di saldatori"),
    ("Il settore soffre la crisi tedesca e l'inflazione.", "crisi tedesca"),
])
def test_a_context_factor_in_a_sentence_about_causes(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize("text", [
    "Turnover fell by 5%, due to the reduction in orders from abroad.",
    "Il risultato negativo è dovuto al calo degli ordini esteri.",
    "Revenue dropped, owing to the decline in exports to Asia.",
])
def test_a_fall_in_the_figures_is_an_effect_not_a_cause(text: str) -> None:
    assert not any(("order" in d or "ordini" in d or "export" in d) for d in drivers(text)), drivers(text)


@pytest.mark.parametrize("text", [
    "We face a hard but not a lasting crisis, the chairman said, despite everything.",
    "Visitor numbers returned to pre-pandemic levels despite the heat.",
    "Le imprese non vivono una crisi, nonostante tutto.",
])
def test_a_negated_or_compound_factor_is_no_driver(text: str) -> None:
    assert not any(("crisis" in d or "crisi" in d or "pandemic" in d) for d in drivers(text)), drivers(text)


@pytest.mark.parametrize("text", [
    "The crisis is over, and the new catalogue is out.",
    "La crisi è alle spalle e il nuovo catalogo è pronto.",
    "Tensions in the board were settled in June.",
])
def test_a_factor_in_a_sentence_that_names_no_cause_is_no_driver(text: str) -> None:
    assert not drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The outlook is clouded, accentuated by trade frictions and volatility.", "trade frictions and volatility"),
    ("Growth was hampered by slower investment and bureaucracy.", "slower investment and bureaucracy"),
    ("Il mercato è stato frenato dalla burocrazia e dai ritardi.", "burocrazia"),
])
def test_a_bare_last_word_closes_the_item_before_it(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize("text", [
    "The agreement benefits from the backing of the Italian Trade Agency, and opens a new office.",
    "Exports fell, despite traditionally being the sector's strength.",
    "Nonostante “il segno meno”, le imprese investono.",
])
def test_fragments_and_acts_of_organisations_are_no_drivers(text: str) -> None:
    assert not drivers(text), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The shortage of certified welders is our main constraint this year.", "shortage of certified welders"),
    ("La carenza di tecnici specializzati resta il vincolo principale.", "carenza di tecnici"),
    ("A scarcity of components is the obstacle that slows every delivery.", "scarcity of components"),
])
def test_a_factor_named_as_a_constraint(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Sales were hit by the weakness of textile and furniture customers.", "textile and furniture customers"),
    ("Il calo è dovuto alla debolezza dei comparti tessile e arredo.", "tessile e arredo"),
    ("Output was held back by the slowdown of automotive and construction orders.", "automotive and construction"),
])
def test_a_complement_split_at_its_and_is_one_driver(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Il semestre è stato segnato da fattori che hanno rallentato le consegne.", "fattori che hanno rallentato le consegne"),
    ("The year was marked by events that disrupted shipping routes.", "events that disrupted shipping routes"),
    ("Le vendite sono state frenate da scelte che hanno penalizzato i piccoli produttori.", "scelte che hanno penalizzato"),
])
def test_a_bare_noun_keeps_the_relative_clause_that_defines_it(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


# --------------------------------------------------------------------------- causes as clauses


@pytest.mark.parametrize(("text", "words"), [
    ("Concern is growing because order books at the big mills keep thinning.", "order books at the big mills"),
    ("Output slowed in spring because several utilities raised their tariffs sharply.", "utilities raised their tariffs"),
    ("Le preoccupazioni aumentano perché i cantieri navali rinviano le commesse.", "cantieri navali rinviano"),
    ("Il comparto soffre poiché i distretti tessili hanno ridotto gli acquisti di impianti.", "distretti tessili hanno ridotto"),
])
def test_a_causal_clause_after_an_effect_is_one_driver(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize("text", [
    "The fair was moved to May because the exhibition halls were being refurbished.",
    "Perché il progetto sia solido nel tempo, serve una regia comune tra le imprese.",
    "La rassegna è cruciale perché arriva all'inizio della stagione degli acquisti.",
])
def test_a_because_with_no_effect_names_no_driver(text: str) -> None:
    assert not drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Although weakness persists in the brick and roofing tile client industries, sales rose by 4%.", "brick and roofing tile"),
    ("Even though difficulties remain in a few Andean markets, our members grew.", "few andean markets"),
    ("Sebbene permangano difficoltà nei comparti dei laterizi e delle stoviglie, il fatturato è cresciuto.", "comparti dei laterizi e delle stoviglie"),
    ("Benché la domanda dei calzaturifici resti fiacca, l'export ha tenuto.", "domanda dei calzaturifici"),
])
def test_a_conceded_clause_is_one_driver(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The good year came mostly as a result of fresh incentives on automated looms.", "incentives on automated looms"),
    ("This record is the result of strong investment by spinning mills in Asia.", "investment by spinning mills"),
    ("La crescita è frutto della ripresa degli investimenti nelle concerie.", "ripresa degli investimenti nelle concerie"),
    ("Il rimbalzo è il risultato della domanda sostenuta dei pellettieri.", "domanda sostenuta dei pellettieri"),
])
def test_a_result_credited_to_its_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Small workshops are forced to face steep freight charges.", "steep freight charges"),
    ("Tanneries are struggling with the soaring price of hides.", "soaring price of hides"),
    ("Le aziende sono alle prese con i rincari della logistica.", "rincari della logistica"),
    ("I produttori sono costretti ad affrontare il caro noli.", "caro noli"),
    ("Il blocco delle vendite pesa sul settore, e si unisce alla debolezza della valuta locale.", "debolezza della valuta locale"),
    ("Nel primo trimestre soffriremo ancora dell'effetto dei dazi sulle vendite.", "effetto dei dazi"),
    ("Small mills suffer mostly from the scarcity of dyers.", "scarcity of dyers"),
])
def test_a_hardship_faced(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The steep increase in freight costs erodes the margins of small mills.", "increase in freight costs"),
    ("The rise of energy bills is eroding the profits of tanneries.", "rise of energy bills"),
    ("Il forte rincaro dei noli erode i margini delle piccole imprese.", "rincaro dei noli"),
    ("Gli aumenti dei listini del gas hanno eroso la redditività.", "aumenti dei listini del gas"),
])
def test_a_cost_that_erodes_margins(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "bad"), [
    ("Sales rose, owing to the quality offered to clients, providing reliable, tailored systems for spinning.", "tailored"),
    ("Orders rose due to new products offered to buyers, ensuring durable, efficient dyeing.", "efficient"),
    ("Il fatturato è salito per effetto dell'innovazione offerta ai clienti, garantendo impianti sicuri, efficienti e puliti.", "puliti"),
])
def test_a_gerund_after_a_comma_ends_the_list_of_causes(text: str, bad: str) -> None:
    assert not any(bad in d for d in drivers(text)), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Turnover climbed, the result of demand in both the foreign and the home markets.", "both the foreign and the home markets"),
    ("The year closed well as a result of demand in both the Gulf and the Andean countries.", "both the gulf and the andean"),
    ("Sales grew due to orders from both the shoe and the bag makers, amid high costs.", "both the shoe and the bag makers"),
])
def test_both_and_is_one_item(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ('Sales grew as a result of the so-called "Nuova Sabatini" scheme for machine purchases.', "scheme for machine purchases"),
    ('Demand rose, due to the tax credit called "Transizione 5.0" for plant upgrades.', "for plant upgrades"),
    ('Gli ordini sono saliti per effetto della cosiddetta "legge Tremonti" sui beni strumentali.', "sui beni strumentali"),
])
def test_a_quoted_name_does_not_end_a_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize("text", [
    "Definitive numbers, due to be published next summer, may change the picture.",
    "The survey, due to be released in March, will give more detail.",
    "The ranking is due to be presented at the assembly in July.",
])
def test_due_to_be_names_no_cause(text: str) -> None:
    assert not drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Despite the uncertainty, our members kept their market share.", "uncertainty"),
    ("In spite of inflation, visitors came back in large numbers.", "inflation"),
    ("Nonostante l'incertezza, il comparto ha tenuto le posizioni.", "incertezza"),
    ("Malgrado la pandemia, la fiera ha registrato più espositori.", "pandemia"),
])
def test_a_conceded_factor_word_is_a_driver(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "bad"), [
    ("Bag machinery grew owing to a few large orders, such as to lift it to second place among exports.", "lift it"),
    ("Sales rose due to two big contracts, so as to offset the weak spring.", "offset"),
    ("Le vendite sono salite per effetto di alcune grosse commesse, tali da portarle al terzo posto.", "terzo posto"),
])
def test_a_consequence_is_no_cause(text: str, bad: str) -> None:
    assert drivers(text) and not any(bad in d for d in drivers(text)), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The rising demand for technical fabrics drives output in the district.", "demand for technical fabrics"),
    ("The recovery of car interiors boosts orders for cutting machines.", "recovery of car interiors"),
    ("A new wave of public tenders fuels demand for testing equipment.", "new wave of public tenders"),
])
def test_a_force_that_drives_a_figure(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("For our exporters, the customs rules are a real obstacle to growth.", "customs rules"),
    ("The strong euro remains a burden for shoe machinery sales.", "strong euro"),
    ("Per le concerie, il caro gas rappresenta un freno pesante.", "caro gas"),
    ("Secondo l'associazione, le nuove quote costituiscono una minaccia per le vendite.", "nuove quote"),
])
def test_a_subject_named_an_obstacle(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


def test_a_subject_named_an_obstacle_is_one_driver() -> None:
    ds = drivers("Il mercato è aperto da anni e le sanzioni economiche rappresentano un freno serio alle vendite.")
    assert [d for d in ds if "sanzioni" in d] == ["sanzioni economiche"], ds


@pytest.mark.parametrize(("text", "words"), [
    ("Home sales kept growing, driven largely by the new leasing schemes for small firms.", "new leasing schemes"),
    ("Thanks mostly to the upturn in car plants, orders rose by 9%.", "upturn in car plants"),
    ("Il mercato interno è ripartito, sostenuto in parte anche dagli sgravi sulle assunzioni.", "sgravi sulle assunzioni"),
    ("La crescita del 5% è stata trainata soprattutto dalla ripresa dei cantieri navali.", "ripresa dei cantieri navali"),
    ("Le esportazioni sono aumentate grazie soprattutto alla domanda delle concerie turche.", "domanda delle concerie turche"),
])
def test_a_cause_that_helped_a_trend(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize("text", [
    "Thanks to the organisers for a warm welcome to every visitor.",
    "Grazie al contributo degli sponsor la serata si è svolta in un clima di festa.",
    "The stand was supported by the regional chamber of commerce.",
])
def test_a_credit_with_no_trend_names_no_cause(text: str) -> None:
    assert not drivers(text), drivers(text)


@pytest.mark.parametrize("text", [
    "Turnover was driven by Germany and France, with more than half of the orders.",
    "Sales grew, driven mainly by exports, which make up 70% of the total.",
    "Il fatturato è cresciuto, trainato dalla Spagna e dal Portogallo.",
    "Gli ordini sono saliti del 6%, grazie soprattutto agli ordini esteri.",
    "Le esportazioni sono cresciute grazie alle vendite in Cile, Perù e Marocco.",
    "Orders grew again, driven by demand from Vietnam and Indonesia.",
])
def test_a_market_or_an_indicator_is_no_cause(text: str) -> None:
    assert not drivers(text), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Buyers voiced concern regarding what the fresh import quotas will do.", "fresh import quotas"),
    ("Non ultimi, gli effetti della riforma delle dogane sulle spedizioni.", "riforma delle dogane"),
    ("The dip in spring was the effect of the late Easter holidays.", "late easter holidays"),
])
def test_the_effects_of_a_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize("text", [
    "Il settore chiude i dodici mesi alla luce di un lieve calo, fermo intorno al -3% per le vendite, "
    "il 2% per la produzione e pari al 60% del fatturato per l'export.",
    "In light of a small decline, at -1% for orders, 4% for output and 55% for the export share, the year closed flat.",
])
def test_results_listed_after_a_cue_are_no_cause(text: str) -> None:
    assert not drivers(text), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Customers ordered less in 2019, worried about the trade war between Washington and Beijing.", "trade war"),
    ("Nonostante la svalutazione della lira turca, le vendite hanno tenuto.", "svalutazione della lira turca"),
    ("Orders fell sharply as a result of Brexit.", "brexit"),
    ("Le vendite in Europa hanno risentito della recessione tedesca.", "recessione tedesca"),
])
def test_events_and_policies_named_as_causes(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The gain is mainly down to the recovery of the furniture makers.", "recovery of the furniture makers"),
    ("Il buon risultato è da ricondurre alla tenuta delle vendite in Messico.", "tenuta delle vendite"),
    ("Il calo si spiega con la chiusura di molti calzaturifici in Romania.", "chiusura di molti calzaturifici"),
    ("The slower second half can be attributed to the delays in public tenders.", "delays in public tenders"),
])
def test_a_result_traced_back_to_its_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Costly loans, sluggish farm investment and the new duties are the main risks for the coming year.",
     ("sluggish farm investment", "new duties")),
    ("Dazi americani, credito caro e poca manodopera qualificata sono le criticità che frenano le imprese.",
     ("dazi americani", "credito caro")),
    ("Il presidente ha detto: cambi volatili e noli marittimi alle stelle sono i principali rischi.",
     ("cambi volatili", "noli marittimi")),
])
def test_factors_named_as_risks_after_their_list(text: str, words: tuple[str, ...]) -> None:
    for w in words:
        assert found(text, w), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Il calo è dovuto principalmente alla debolezza del mercato cinese.", "debolezza del mercato cinese"),
    ("Le vendite sono scese, complici i dazi americani sulle calzature.", "dazi americani"),
    ("Orders grew thanks in part to the new leasing rules.", "new leasing rules"),
    ("The main reason is the weak demand from carmakers.", "weak demand from carmakers"),
    ("La causa principale è il caro energia che ha colpito le concerie.", "caro energia"),
    ("The strong dollar caused a drop in orders from America.", "strong dollar"),
    ("I nuovi dazi hanno contribuito al calo delle vendite.", "nuovi dazi"),
])
def test_a_cause_told_with_an_adverb_a_name_or_its_effect(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words", "not_words"), [
    ("Il calo del 5% è dovuto soprattutto allo stop in Egitto, così la Turchia torna primo mercato.", "stop in egitto", "turchia torna"),
    ("Sales slipped mainly because of the freeze in Brazil, so Mexico is again the top market.", "freeze in brazil", "mexico is again"),
    ("Gli ordini sono calati a causa della crisi dei cantieri, pertanto il budget verrà rivisto.", "crisi dei cantieri", "budget verrà"),
])
def test_a_consequence_after_the_cause_is_no_cause(text: str, words: str, not_words: str) -> None:
    assert found(text, words), drivers(text)
    assert not found(text, not_words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Notwithstanding the weak euro zone, sales held up.", "weak euro zone"),
    ("Notwithstanding the dearer freight rates, exports rose.", "dearer freight rates"),
    ("Notwithstanding the strikes at the ports, deliveries kept pace.", "strikes at the ports"),
])
def test_a_concession_with_notwithstanding(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Orders held up well in a time of deep uncertainty over duties.", "deep uncertainty"),
    ("Exhibitors came back at a time of sluggish consumer spending.", "sluggish consumer spending"),
    ("Il fatturato ha tenuto in un periodo di forte instabilità dei cambi.", "forte instabilità"),
    ("Le vendite sono salite in un momento di grande fiducia dei consumatori.", "grande fiducia"),
])
def test_the_time_a_result_belongs_to(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("A frenare le consegne sono stati i ritardi nei porti del Nord Europa.", "ritardi nei porti"),
    ("A pesare sul risultato del trimestre è stata la chiusura dei negozi in Cina.", "chiusura dei negozi"),
    ("A penalizzare il comparto sono state le tensioni sui noli marittimi.", "noli marittimi"),
])
def test_an_italian_cleft_names_the_cause_after_the_effect(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("La buona annata è frutto anche del ritorno dei clienti giapponesi.", "clienti giapponesi"),
    ("I ritardi sono legati in primo luogo alla carenza di container.", "carenza di container"),
    ("Il recupero è dovuto soprattutto alla ripresa dell'edilizia tedesca.", "edilizia tedesca"),
])
def test_an_adverb_between_the_cue_and_its_preposition(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The gloomy outlook for car interiors leads us to expect flat sales next year.", "car interiors"),
    ("Le incertezze sui cambi ci inducono a una certa prudenza per il 2027.", "incertezze sui cambi"),
    ("The return of buyers from Asia has improved the climate among exhibitors.", "buyers from asia"),
    ("Il blocco dei trasporti nel Mar Rosso sta avendo ripercussioni su tutte le consegne.", "mar rosso"),
])
def test_a_cause_as_the_subject_of_what_it_did(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Sales dipped, mainly due to a market for presses that has levelled off since spring.", "levelled off"),
    ("Turnover slipped because of buyers who have postponed their visits to the autumn.", "postponed their visits"),
    ("Il calo è dovuto soprattutto a clienti che hanno anticipato gli acquisti all'anno scorso.", "anticipato gli acquisti"),
])
def test_a_relative_clause_that_tells_what_the_cause_is_stays(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words", "not_words"), [
    ("Orders fell due to the uncertainty over tariffs that has hit investment plans.", "uncertainty over tariffs", "investment plans"),
    ("Il calo è dovuto all'incertezza sui dazi che ha frenato gli ordini esteri.", "incertezza sui dazi", "ordini esteri"),
    ("Exports fell due to the freight crisis, which began in the spring.", "freight crisis", "began in"),
])
def test_a_relative_clause_of_effect_or_aside_is_cut(text: str, words: str, not_words: str) -> None:
    assert found(text, words), drivers(text)
    assert not found(text, not_words), drivers(text)


@pytest.mark.parametrize(("text", "causes"), [
    ("Sales reached a record, notwithstanding the fact that makers faced many difficulties over the year, such as delays at the ports, dearer freight and the lack of welders, to name a few.",
     ["delays at the ports", "dearer freight", "lack of welders"]),
    ("Output held up although the district met several obstacles, including the closure of the canal and the shortage of hides.",
     ["closure of the canal", "shortage of hides"]),
    ("Il fatturato è cresciuto malgrado alcuni problemi, come il caro noli e la carenza di tecnici.",
     ["caro noli", "carenza di tecnici"]),
])
def test_hardships_named_then_exemplified(text: str, causes: list[str]) -> None:
    for words in causes:
        assert found(text, words), drivers(text)
    assert not found(text, "fact that"), drivers(text)


@pytest.mark.parametrize("text", [
    "Most members work for third parties, although many of them also sell under their own label.",
    "Two thirds of the exhibitors came from Europe, although several also run shops in Asia.",
    "La maggior parte dei soci lavora per conto terzi, sebbene molti abbiano anche un marchio proprio.",
])
def test_a_concession_without_a_result_names_no_cause(text: str) -> None:
    assert not drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Orders rose notwithstanding the fact that rival shows were held in the same week in Asia.", "rival shows"),
    ("Visitors grew, despite the fact that the airport of the city was closed for two days.", "airport of the city"),
    ("Le vendite sono cresciute nonostante il fatto che molti negozi siano rimasti chiusi a gennaio.", "negozi siano rimasti chiusi"),
])
def test_despite_the_fact_that_concedes_a_clause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "bad"), [
    ("Sales kept rising, despite a slight decline compared with the spring months.", "decline"),
    ("After two years marked by small decreases, the district is back in positive territory.", "decreases"),
    ("Il fatturato del 2023 è positivo, sebbene caratterizzato da valori più bassi dell'anno prima, e conferma la solidità del comparto.", "valori"),
    ("Il fatturato del 2023 è positivo, sebbene caratterizzato da valori più bassi dell'anno prima, e conferma la solidità del comparto.", "conferma"),
    ("Nonostante un generale trend crescente, molte imprese segnalano margini ridotti.", "trend"),
    ("Although this rise was smaller than in the two years before, turnover reached a new high.", "rise"),
])
def test_a_result_told_beside_its_figure_is_no_cause(text: str, bad: str) -> None:
    assert not found(text, bad), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Output grew despite the decline in demand from Germany.", "decline in demand"),
    ("Il fatturato ha tenuto nonostante il calo dei consumi in Francia.", "calo dei consumi"),
    ("Revenue held up, in spite of the increase in freight rates.", "increase in freight rates"),
])
def test_a_change_of_something_else_stays_a_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words", "bad"), [
    ("«Sì, la frenata delle vendite c’è e preoccupa gli espositori», ha detto il presidente.", "frenata delle vendite", "vend"),
    ("Secondo il presidente la crisi del settore c'è ancora e pesa sui conti delle imprese.", "crisi del settore", "sett"),
    ("Il conflitto e la lunga pandemia rischiano seriamente di ritardare la ripresa degli ordini.", "pandemia", "rischiano"),
    ("Le tensioni commerciali pesano ancora e i dazi minacciano seriamente le vendite.", "tensioni commerciali", "pesano"),
])
def test_a_factor_ends_at_a_whole_word_and_before_a_verb(text: str, words: str, bad: str) -> None:
    assert found(text, words), drivers(text)
    assert not any(bad in d.split() for d in drivers(text)), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Nonetheless, caution is needed given the constantly changing trade scenarios.", "constantly changing trade scenarios"),
    ("Orders slowed, hampered by rapidly rising freight costs.", "rapidly rising freight costs"),
    ("Margins shrank due to steadily growing labour costs in the district.", "steadily growing labour costs"),
])
def test_an_adverb_before_a_participle_opens_a_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The energy crisis, further aggravated by the war in the east, has cut the order books.", "war in the east"),
    ("Demand for looms fell, a slump exacerbated by the closure of two ports.", "closure of two ports"),
    ("La crisi dei consumi, acuita dai nuovi dazi americani, ha frenato le vendite.", "nuovi dazi americani"),
])
def test_a_cause_that_made_another_worse(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Il buon risultato è senz'altro merito in parte del piano di incentivi, ma anche della ripresa.", "piano di incentivi"),
    ("Le vendite sono salite: è merito soprattutto della nuova linea di stampanti.", "nuova linea di stampanti"),
    ("The record is to the credit of the new training scheme for young technicians.", "new training scheme"),
])
def test_a_result_credited_to_what_earned_it(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Destano però preoccupazione le scelte fiscali e sociali del Governo che, finora, trascurano il mondo produttivo.", "scelte fiscali e sociali del Governo"),
    ("Il fatturato è cresciuto. Preoccupano soprattutto i nuovi dazi americani sulle macchine.", "nuovi dazi americani"),
    ("Suscita preoccupazione la carenza di tecnici specializzati nei distretti.", "carenza di tecnici specializzati"),
])
def test_an_italian_worry_with_its_cause_after_the_verb(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("But even the doubts regarding the new tax rules and the outcome of the elections are certainly weighing heavily.", "outcome of the elections"),
    ("Orders are cautious: the uncertainties concerning the green transition weigh on new projects.", "uncertainties concerning the green transition"),
    ("Le incertezze legate alla transizione energetica pesano molto sulle scelte dei clienti.", "incertezze legate alla transizione energetica"),
    ("Il fatturato è calato a causa dei costi energetici e logistici.", "costi energetici e logistici"),
])
def test_a_factor_with_what_it_is_about(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize(("text", "bad"), [
    ("«We hope that next year the raw materials market will calm down», the chairman said.", "raw materials"),
    ("Ci auguriamo che nel 2026 i prezzi dell'energia tornino a livelli normali e che la carenza di tecnici si attenui.", "carenza di tecnici"),
    ("The federation is pushing for lower duties and an end to the shortage of chips in Europe.", "shortage of chips"),
])
def test_what_is_wished_for_is_no_cause(text: str, bad: str) -> None:
    assert not found(text, bad), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Home orders slipped, which was expected after the exploit in 2019.", "exploit in 2019"),
    ("Il dato va letto con cautela: si confronta con un secondo trimestre 2020 davvero eccezionale.", "secondo trimestre 2020 davvero eccezionale"),
    ("Sales cooled in spring, compared with an outstanding quarter a year earlier.", "outstanding quarter"),
    ("Gli ordini rallentano dopo il boom dell'anno scorso.", "boom dell'anno scorso"),
])
def test_a_base_effect_is_a_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


@pytest.mark.parametrize("text", [
    "Dopo la forte crescita vista nel 2019, il 2020 ha portato una tenuta del fatturato.",
    "After the strong growth of 2019, turnover held steady in 2020.",
    "After the assembly, the members visited the new laboratory.",
])
def test_a_plain_sequence_is_no_base_effect(text: str) -> None:
    assert not drivers(text), drivers(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Sadly the market is still weak: domestic demand continues to shrink, the chairman said.", "domestic demand"),
    ("Il comparto ha chiuso in calo; la domanda nazionale ha accusato la sesta contrazione di fila.", "domanda nazionale"),
    ("Visitors were fewer; European consumption keeps falling.", "european consumption"),
])
def test_a_demand_that_keeps_falling_is_a_cause(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


def test_a_long_subject_before_a_falling_demand_is_no_cause() -> None:
    assert not drivers("The survey of the chamber shows that the demand for evening classes continues to fall.")


@pytest.mark.parametrize(("text", "bad"), [
    ("Margins shrank, also due to the “comeback of a foe we thought beaten: inflation”, the president said.", "comeback"),
    ("Le vendite sono calate anche a causa del «ritorno di un vecchio nemico: l'inflazione», ha detto il presidente.", "ritorno"),
    ("Orders dipped, owing to the “long winter of the building trade”, as the chairman put it.", "§"),
])
def test_half_a_quotation_is_no_cause(text: str, bad: str) -> None:
    assert not any(bad in d for d in drivers(text)), drivers(text)
    assert not any(d.count("«") != d.count("»") or d.count("“") != d.count("”") for d in drivers(text)), drivers(text)


def test_a_quoted_cause_is_read_whole() -> None:
    assert "long winter of the building trade" in drivers(
        "Orders dipped, owing to the “long winter of the building trade”, as the chairman put it.")


@pytest.mark.parametrize(("text", "words"), [
    ("Looking at 2027, there are many unknown factors in politics and trade, the chairman warned.", "unknown factors"),
    ("Per il 2026 permangono forti incertezze sul quadro dei dazi, ha detto il presidente.", "incertezze"),
    ("There remain serious supply difficulties in the district, the report says.", "supply difficulties"),
])
def test_a_factor_said_to_be_there(text: str, words: str) -> None:
    assert found(text, words), drivers(text)


def test_there_are_many_with_no_factor_names_no_cause() -> None:
    assert not drivers("There are many new exhibitors from Asia this year, the organisers said.")
