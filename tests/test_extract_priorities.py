"""Priorities: what a release asks for or aims at (cue lexicon data/priorities.yaml).

Each text is written here (no sentence of a corpus or held-out release); each pattern has at
least three wordings, English and Italian.
"""

from __future__ import annotations

import re

import pytest

from kgraph.extract import gazetteer as gz
from kgraph.extract.rules.lexicon import _lex_trigger, _lexicon
from kgraph.model import Extraction, Priority
from kgraph_testing import extract_checked


def run(text: str) -> Extraction:
    return extract_checked(text)  # type: ignore[no-any-return]


def priorities(text: str) -> set[str]:
    return {p.text for p in run(text).of(Priority)}


def found(text: str, *words: str) -> bool:
    return any(all(w.lower() in p.lower() for w in words) for p in priorities(text))


@pytest.mark.parametrize("name", ["markets", "drivers", "priorities"])
def test_every_cue_is_found_by_its_own_trigger(name: str) -> None:
    """The sentence filter is derived from the lexicon: each cue, written out, passes it and matches."""
    for group, cues in gz.cue_lexicon(name).items():
        rx, triggers = _lexicon(name, group)
        assert rx is not None
        for cue in cues:
            written = re.sub(r"\*", "", cue.replace(" _ ", " ")).replace("'", "’")
            assert any(t in written.lower() for t in triggers), (group, cue)
            assert rx.search(written), (group, cue)
            assert _lex_trigger(cue) in written.lower(), (group, cue)


@pytest.mark.parametrize(("text", "words"), [
    ("The association calls for a longer tax credit on new looms.", ("tax credit",)),
    ("We ask the government for faster refunds of VAT to exporters.", ("refunds of vat",)),
    ("Confindustria Moda urged a single window for export permits.", ("single window",)),
    ("L'associazione chiede incentivi per la formazione dei tecnici.", ("incentivi per la formazione",)),
    ("Chiediamo al governo la proroga di Transizione 5.0 e fondi per la formazione.", ("transizione 5.0",)),
    ("Occorre un piano straordinario per le competenze digitali.", ("piano straordinario",)),
    ("È necessario un fondo per l'innovazione delle piccole imprese.", ("fondo per l'innovazione",)),
    ("Serve una politica industriale di lungo respiro.", ("politica industriale",)),
])
def test_a_request_names_its_priority(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Our makers still need to invest in robotics and in data platforms.", ("robotics", "data platforms")),
    ("It is crucial to train welders and maintenance staff in every district.", ("welders", "maintenance")),
    ("The new board aims to ensure openness and continuity.", ("openness", "continuity")),
    ("Il consorzio mira a rafforzare la presenza in fiera e la formazione dei giovani.", ("presenza in fiera", "formazione")),
    ("Il progetto intende avvicinare gli studenti alle aziende del distretto.", ("studenti",)),
])
def test_an_aim_is_one_clause(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Defending the quality of the supply chain remains the main objective of the board.", ("quality of the supply chain",)),
    ("Tutelare il marchio del distretto resta l'obiettivo principale del consorzio.", ("marchio del distretto",)),
    ("Il sostegno delle Camere di commercio è un elemento centrale del programma.", ("sostegno delle camere",)),
    ("Further delays in refunds must be avoided, the chairman said.", ("delays in refunds",)),
])
def test_a_priority_named_before_its_cue(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("L'UE deve lavorare a nuovi accordi commerciali con il Messico.", ("accordi commerciali",)),
    ("The EU must conclude the trade talks with Australia without delay.", ("trade talks",)),
    ("Il governo deve rendere strutturali gli incentivi per i beni strumentali.", ("incentivi",)),
])
def test_a_demand_put_to_an_authority(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "bad"), [
    ("Chiediamo accordi con il Cile e con il Perù.", "con il Perù"),
    ("We call for agreements with Chile and with Peru.", "with Peru"),
    ("Chiediamo misure per le imprese, che oggi pagano l'energia il doppio dei concorrenti e officine è ferma.", "officine"),
])
def test_list_pieces_that_continue_an_item_are_not_items(text: str, bad: str) -> None:
    assert not any(p.lower().startswith(bad.lower()) for p in priorities(text)), priorities(text)


@pytest.mark.parametrize("text", [
    "The figures need to be confirmed by the statistics office.",
    "Le stime sono state riviste: è importante.",
    "This need for speed is typical of the season.",
])
def test_a_passive_or_a_bare_phrase_is_no_priority(text: str) -> None:
    assert not priorities(text), priorities(text)


# --------------------------------------------------------------------------- wishes and goals


@pytest.mark.parametrize(("text", "words"), [
    ("We hope that the next budget will renew the tax credit for digital looms.", "tax credit for digital looms"),
    ("We trust that Brussels will simplify the rules on chemical registration.", "rules on chemical registration"),
    ("Speriamo che il governo rinnovi il credito d'imposta per i macchinari.", "credito d'imposta per i macchinari"),
    ("Ci auguriamo che le istituzioni sostengano la formazione dei tecnici nell'area pelle.", "formazione dei tecnici"),
])
def test_a_wish_put_to_those_who_decide(text: str, words: str) -> None:
    assert found(text, words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The show sets itself the goal of becoming the hub for sustainable tanning.", "hub for sustainable tanning"),
    ("This year we set ourselves the goal of doubling visits from Latin American buyers.", "doubling visits"),
    ("La rassegna si pone l'obiettivo di rafforzare il legame tra filiera e design.", "legame tra filiera e design"),
    ("L'associazione si prefigge di ampliare la rete dei laboratori di prova.", "rete dei laboratori di prova"),
])
def test_a_goal_set(text: str, words: str) -> None:
    assert found(text, words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("We have reached two key goals: opening a showroom in Dubai, and training forty young technicians.", "training forty young technicians"),
    ("Our objectives: lowering water use in dyeing, and certifying every supplier.", "lowering water use"),
    ("Abbiamo centrato due obiettivi: portare i grandi marchi in fiera e ampliare lo spazio per le startup.", "grandi marchi in fiera"),
])
def test_goals_named_as_a_heading(text: str, words: str) -> None:
    assert found(text, words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Per il 2026 l'obiettivo è quello di aprire due uffici in Asia centrale.", "aprire due uffici"),
    ("Il presidente ha indicato come priorità quella di formare nuovi tecnici per le concerie.", "formare nuovi tecnici"),
    ("The aim is to double the number of foreign buyers at the show.", "double the number of foreign buyers"),
    ("Our aim is to bring tanning schools closer to the machine builders.", "tanning schools closer"),
])
def test_an_aim_named_then_stated(text: str, words: str) -> None:
    assert found(text, words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Our main mission is to bring young engineers into the loom makers.", ("young engineers",)),
    ("The federation's first strategic goal remains to open new outlets for knitting machines.", ("new outlets",)),
    ("Il nostro compito principale è quello di formare nuovi manutentori.", ("nuovi manutentori",)),
    ("L'obiettivo prioritario del consorzio resta difendere il credito d'imposta sulla ricerca.", ("credito d'imposta",)),
])
def test_an_aim_named_with_its_noun(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


def test_coordinated_aims_after_quello_di_are_two() -> None:
    text = ("Come filo conduttore del mandato indico quello di aprire nuovi mercati alle pelli italiane, "
            "affinché crescano le vendite, e di sostenere la formazione dei giovani conciatori.")
    assert found(text, "aprire nuovi mercati") and found(text, "formazione dei giovani"), priorities(text)
    assert not found(text, "crescano"), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("He recalled the goals the federation has long pursued, first of all training for young technicians.", ("training for young",)),
    ("The priorities of the new board, above all an export insurance scheme for small firms, were approved.", ("export insurance",)),
    ("Tra gli obiettivi ricordati dal presidente, in primis la difesa del marchio di origine.", ("marchio di origine",)),
])
def test_goals_then_the_first_of_them(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("We will work along three main lines. The first is the training of young technicians. "
     "The second one is access to credit for small firms.", ("training of young", "access to credit")),
    ("Tre le direttrici del piano. La prima è quella di rafforzare le missioni all'estero, con fondi dedicati. "
     "La seconda riguarda la formazione dei manutentori.", ("missioni all'estero", "formazione dei manutentori")),
    ("Il programma ha quattro pilastri. Il primo è la digitalizzazione delle concerie perché i clienti la chiedono.",
     ("digitalizzazione delle concerie",)),
])
def test_an_ordinal_after_a_count_of_aims(text: str, words: tuple[str, ...]) -> None:
    for w in words:
        assert found(text, w), priorities(text)
    assert not found(text, "clienti la chiedono")


@pytest.mark.parametrize("text", [
    "The first is Germany, with a fifth of all sales.",
    "Orders grew in all quarters. The first one is usually the weakest of the year.",
    "La prima è stata una giornata di grande affluenza in fiera.",
])
def test_an_ordinal_without_a_count_of_aims_names_none(text: str) -> None:
    assert not priorities(text), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Training, research and cooperation to meet the challenges of automation.", ("cooperation", "automation")),
    ("Innovazione, formazione e credito per affrontare le sfide della transizione digitale.", ("credito", "transizione digitale")),
    ("We offer testing, certification, and closer ties to tackle the new challenges of energy costs.", ("closer ties", "energy costs")),
])
def test_an_aim_to_meet_the_challenges(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize("text", [
    "Last year our companies had to face the challenges of the pandemic.",
    "Le imprese hanno dovuto affrontare le sfide del caro energia.",
    "They managed to meet the challenges of a very hard year.",
])
def test_a_narrative_of_challenges_names_no_aim(text: str) -> None:
    assert not priorities(text), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The association is now working to secure lower duties on leather imports.", ("lower duties",)),
    ("Stiamo lavorando per ridurre i tempi dei rimborsi IVA agli esportatori.", ("rimborsi iva",)),
    ("We renew our commitment to the circular economy of leather.", ("circular economy",)),
    ("L'associazione conferma l'impegno per la formazione tecnica dei giovani.", ("formazione tecnica",)),
    ("La federazione si impegna a sostenere le fiere di settore nei Balcani.", ("fiere di settore",)),
])
def test_work_and_commitment_towards_an_aim(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Energy efficiency in the tanneries is a must for every producer.", ("energy efficiency",)),
    ("La tracciabilità delle pelli è un must per i nostri clienti.", ("tracciabilità delle pelli",)),
    ("A stable incentive plan remains a priority for the machine builders.", ("stable incentive plan",)),
    ("La riduzione della burocrazia resta una priorità per le piccole imprese.", ("riduzione della burocrazia",)),
])
def test_a_need_named_before_its_cue(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The tax credit for training must be extended to 2027.", ("tax credit for training",)),
    ("Export insurance for small firms should be urgently strengthened.", ("export insurance",)),
    ("La Nuova Sabatini va rifinanziata entro l'estate.", ("nuova sabatini",)),
    ("Gli incentivi per i beni strumentali devono essere resi strutturali.", ("incentivi per i beni strumentali",)),
])
def test_a_measure_that_must_be_kept(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("We call on Brussels to cut red tape for machinery exporters.", ("red tape",)),
    ("Chiediamo che il governo confermi il credito d'imposta per la formazione 4.0.", ("credito d'imposta",)),
    ("Sarebbe necessario un piano nazionale per le competenze tecniche.", ("piano nazionale",)),
    ("It would be desirable to simplify customs procedures for spare parts.", ("customs procedures",)),
])
def test_an_appeal_or_a_conditional_need(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The federation asks the government to restore the tax credit for new looms.", ("tax credit",)),
    ("Our request is to cut the waiting times for export licences.", ("export licences",)),
    ("La richiesta dell'associazione è quella di semplificare le pratiche doganali.", ("pratiche doganali",)),
])
def test_a_request_named_or_put_to_the_government(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The federation is pushing for lower duties on components from Asia.", ("lower duties",)),
    ("Ci battiamo per una tassazione più equa delle imprese manifatturiere.", ("tassazione più equa",)),
    ("UNIC continua a battersi per il riconoscimento del cuoio nelle etichette.", ("riconoscimento del cuoio",)),
    ("The association will continue to support member firms in their search for new markets.", ("new markets",)),
    ("Continueremo a promuovere le macchine italiane nelle fiere del Sud-Est asiatico.", ("fiere del sud-est",)),
])
def test_a_cause_fought_for_or_kept_up(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("A mission to India with the aim of presenting Italian looms to local mills.", ("italian looms",)),
    ("Una missione in Brasile con lo scopo di presentare le tecnologie italiane ai calzaturifici locali.", ("tecnologie italiane",)),
    ("Per il futuro puntiamo su innovazione e sostenibilità delle macchine.", ("innovazione", "sostenibilità")),
    ("Support for exports must remain a priority for the government.", ("support for exports",)),
])
def test_a_purpose_or_a_lasting_priority(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Le due federazioni chiedono di:\n- ridurre il costo del gas per le fonderie\n- rifinanziare i contratti di sviluppo\n",
     ("costo del gas", "contratti di sviluppo")),
    ("In the letter the makers ask the ministry to:\n- restore the bonus for new presses\n- fund labs in technical schools\n",
     ("bonus for new presses", "labs in technical schools")),
    ("L'associazione sollecita il governo a:\n- semplificare i bandi per le fiere\n- sostenere i voucher per l'export\n",
     ("bandi per le fiere", "voucher per l'export")),
])
def test_an_ask_then_its_bulleted_requests(text: str, words: tuple[str, ...]) -> None:
    for w in words:
        assert found(text, w), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Assomac chiede al governo di vigilare, con le dogane, affinché le macchine importate rispettino le norme.",
     ("vigilare", "rispettino le norme")),
    ("La federazione chiede di prorogare, almeno di sei mesi, la scadenza delle consegne.", ("prorogare", "scadenza delle consegne")),
    ("UCIMU asks the ministry to extend, for one more year, the deadline for deliveries.", ("extend", "deadline for deliveries")),
])
def test_an_ask_put_as_an_infinitive_is_one_request(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Bonus per i macchinari, fondi per la formazione e sgravi sull'export sono alcune delle richieste inviate al ministro.",
     ("bonus per i macchinari", "fondi per la formazione")),
    ("Lower energy tariffs, faster customs checks and export credit are the main requests of the federation.",
     ("lower energy tariffs", "faster customs checks")),
    ("Una legge sul made in Italy e meno burocrazia sono le proposte della confederazione.", ("legge sul made in italy", "meno burocrazia")),
])
def test_requests_named_after_their_list(text: str, words: tuple[str, ...]) -> None:
    for w in words:
        assert found(text, w), priorities(text)


@pytest.mark.parametrize("text", [
    "“Chiediamo però al Governo - prosegue il direttore - una risposta rapida”.",
    "Sollecitare la domanda interna potrebbe dare respiro alle imprese.",
    "Chiediamo quindi alle istituzioni - ha detto - di ascoltarci.",
])
def test_an_addressee_or_an_infinitive_subject_is_no_request(text: str) -> None:
    assert not found(text, "governo") and not found(text, "domanda interna") and not found(text, "istituzioni"), priorities(text)


def test_coordinated_infinitives_of_one_ask_are_two_requests() -> None:
    text = "«Per il prossimo anno chiediamo di snellire il bando per le fiere e di rifinanziare i voucher per l'export»."
    assert found(text, "bando per le fiere") and found(text, "voucher per l'export"), priorities(text)
    assert not found(text, "bando per le fiere", "voucher"), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Le imprese devono investire in competenze digitali.", ("competenze digitali",)),
    ("Italy must defend its manufacturing base against unfair imports.", ("manufacturing base",)),
    ("Our companies must focus on after-sales services for foreign clients.", ("after-sales services",)),
    ("L'Italia deve tornare a investire nella formazione tecnica.", ("formazione tecnica",)),
])
def test_what_the_sector_or_the_country_must_do(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The shortage of welders urgently requires closer ties between schools and firms.", ("closer ties",)),
    ("La carenza di tecnici impone con urgenza un patto tra scuole e imprese.", ("patto tra scuole",)),
    ("Il caro energia richiede con urgenza un tetto al prezzo del gas.", ("tetto al prezzo",)),
])
def test_a_need_the_situation_imposes(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Looking ahead, we must continue to invest in robotics for small tanneries.", ("robotics",)),
    ("Our members agree: we have to continue training young technicians in the districts.", ("young technicians",)),
    ("Per crescere dobbiamo proseguire sulla strada della formazione tecnica.", ("formazione tecnica",)),
    ("Nei prossimi anni dovremo continuare a presidiare i mercati del Golfo con missioni mirate.", ("missioni mirate",)),
])
def test_a_course_the_speakers_bind_themselves_to_keep(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


def test_a_bare_we_must_exhorts_and_names_no_aim() -> None:
    assert not priorities("We must be ready for a year of hard choices, as everyone knows.")


@pytest.mark.parametrize(("text", "words"), [
    ("The federation is now working on a shared label for recycled soles.", ("recycled soles",)),
    ("Both groups are studying a joint scheme to certify leather traceability.", ("leather traceability",)),
    ("L'associazione sta lavorando a un catalogo comune delle macchine per la concia.", ("catalogo comune",)),
    ("Il consiglio sta studiando una piattaforma per le fiere digitali.", ("fiere digitali",)),
])
def test_a_project_in_the_making(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("The two presidents confirmed the will to open a joint technical office in Kazan.", ("joint technical office",)),
    ("Cartiera said it was their intention to expand apprenticeships across the region.", ("apprenticeships",)),
    ("Le parti hanno espresso la volontà di avviare scambi di tecnici tra i due paesi.", ("scambi di tecnici",)),
    ("Il presidente ha ribadito l'intenzione di rafforzare la presenza in Messico con uno showroom.", ("showroom",)),
])
def test_a_will_or_an_intention_declared(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words", "not_words"), [
    ("We do not ask for subsidies, but for a tax system that rewards firms hiring apprentices.", ("tax system",), ("subsidies",)),
    ("We are not asking for handouts but rather for clear rules on imports of used machinery.", ("clear rules",), ("handouts",)),
    ("Non chiediamo sussidi, ma regole semplici per chi esporta macchine in Africa.", ("regole semplici",), ("sussidi",)),
])
def test_the_request_is_what_follows_but_after_a_refused_one(text: str, words: tuple[str, ...], not_words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)
    assert not found(text, *not_words), priorities(text)


@pytest.mark.parametrize(("text", "wishes"), [
    ("Of course we hope that the region can keep investing in factories, that small firms can be helped in training.",
     [("investing in factories",), ("helped in training",)]),
    ("We trust that the ministry will renew the voucher scheme in order to support trade fairs abroad.",
     [("voucher scheme",), ("trade fairs abroad",)]),
    ("Ci auguriamo che il governo rinnovi gli incentivi, che le banche tornino a finanziare le imprese e che si semplifichi la burocrazia doganale.",
     [("rinnovi gli incentivi",), ("banche tornino",), ("burocrazia doganale",)]),
    ("Speriamo che la regione sostenga le scuole tecniche al fine di formare nuovi modellisti.",
     [("scuole tecniche",), ("nuovi modellisti",)]),
])
def test_each_that_clause_of_a_wish_is_one_priority(text: str, wishes: list[tuple[str, ...]]) -> None:
    for words in wishes:
        assert found(text, *words), priorities(text)
    assert not found(text, *wishes[0], *wishes[1]), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Al centro della nuova edizione, l'attenzione alla tracciabilità delle pelli grezze.", ("tracciabilità delle pelli",)),
    ("Il consorzio dedica particolare attenzione alla formazione dei giovani modellisti.", ("giovani modellisti",)),
    ("The board will pay particular attention to the safety of cutting machines.", ("safety of cutting machines",)),
    ("This year the focus is on recycled rubber for soles.", ("recycled rubber",)),
])
def test_attention_put_first(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "aims"), [
    ("The federations signed a memorandum which provides for joint training courses, shared research on coatings and trade missions.",
     [("joint training courses",), ("shared research",), ("trade missions",)]),
    ("Le due associazioni hanno firmato un accordo che prevede lo scambio di tecnici, corsi comuni di formazione e missioni congiunte in Brasile.",
     [("scambio di tecnici",), ("corsi comuni",), ("missioni congiunte",)]),
    ("Il protocollo d'intesa firmato a Lione prevede visite reciproche alle fiere e un osservatorio sui prezzi delle pelli.",
     [("visite reciproche",), ("osservatorio sui prezzi",)]),
])
def test_what_an_agreement_provides_for(text: str, aims: list[tuple[str, ...]]) -> None:
    for words in aims:
        assert found(text, *words), priorities(text)


def test_a_forecast_with_prevede_is_no_aim() -> None:
    assert not priorities("Per il 2027 l'associazione prevede una crescita del fatturato intorno al 3%.")


@pytest.mark.parametrize(("text", "words"), [
    ("«La sfida dei prossimi anni è portare la formazione tecnica in ogni distretto», ha detto il presidente.", "formazione tecnica"),
    ("The challenge for the coming years is to bring technical training to every district.", "technical training"),
    ("Per il presidente la vera sfida sarà aprire nuovi uffici in Africa.", "nuovi uffici"),
])
def test_an_aim_named_as_the_challenge(text: str, words: str) -> None:
    assert found(text, words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Tre i cardini su cui punta il nuovo consiglio per il biennio: export e formazione.", ("export", "formazione")),
    ("Two cornerstones of the new mandate for the next two years: training and trade fairs.", ("training", "trade fairs")),
    ("Quattro le linee di intervento scelte dal comitato: ricerca, credito e reti.", ("ricerca", "reti")),
])
def test_a_count_of_aims_then_a_colon(text: str, words: tuple[str, ...]) -> None:
    assert found(text, *words), priorities(text)


@pytest.mark.parametrize(("text", "words"), [
    ("Ora dobbiamo ridurre le distanze tra scuole e imprese, ha detto il presidente.", "distanze tra scuole"),
    ("«We must now win back the trust of buyers in Asia», the chairman said.", "trust of buyers"),
    ("For dye houses the drought makes it more urgent than ever to cut their water use.", "water use"),
])
def test_a_need_the_speakers_or_events_impose(text: str, words: str) -> None:
    assert found(text, words), priorities(text)


@pytest.mark.parametrize("text", [
    "«We must be ready for a hard winter», the chairman said.",
    "Dobbiamo essere pronti a un inverno difficile, ha detto il presidente.",
    "Stable rules reassure the firms that have to invest in new presses.",
])
def test_an_exhortation_or_others_duty_is_no_aim(text: str) -> None:
    assert not found(text, "ready") and not found(text, "pronti") and not found(text, "presses"), priorities(text)


@pytest.mark.parametrize(("text", "aims"), [
    ("Per restare leader bisogna sempre continuare a investire, proporre modelli nuovi e soprattutto gestire la fabbrica in modo più snello.",
     ["continuare a investire", "proporre modelli nuovi", "gestire la fabbrica"]),
    ("The association aims to train young welders, to open an office in Mexico and to cut energy use.",
     ["train young welders", "open an office in Mexico", "cut energy use"]),
    ("Il consorzio punta a crescere in India e a rafforzare la rete di vendita.", ["crescere in India", "rafforzare la rete di vendita"]),
])
def test_coordinated_infinitives_are_one_aim_each(text: str, aims: list[str]) -> None:
    got = priorities(text)
    for words in aims:
        assert any(words.lower() in p.lower() and len(p) < len(words) + 25 for p in got), got


@pytest.mark.parametrize(("text", "words"), [
    ("The agreement, signed in Rome, sets up a framework for joint training of technicians.", "framework for joint training"),
    ("L'intesa firmata ieri istituisce un tavolo permanente sulla formazione dei tecnici.", "tavolo permanente"),
    ("The memorandum lays the foundations for shared research between Italian and Indian labs.", "shared research between Italian and Indian labs"),
])
def test_what_an_agreement_sets_up_is_an_aim(text: str, words: str) -> None:
    assert found(text, words), priorities(text)
