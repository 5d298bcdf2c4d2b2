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
