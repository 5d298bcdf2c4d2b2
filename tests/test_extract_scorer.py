"""The gold scorer (kgraph.evaluation): perfect predictions score 1, perturbations lose exactly what changed."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from kgraph.errors import InputError
from kgraph.evaluation import KINDS, Gold, gold_as_extraction_facts, load_gold, score
from kgraph.model import (
    Document,
    Driver,
    Extraction,
    Membership,
    Mention,
    Observation,
    Organisation,
    Priority,
)


def _gold_files(shared: Path) -> list[Path]:
    return [shared / "gold" / "assomac-2025-06-20-sector-2024.yaml",
            *sorted((shared / "gold" / "dev").glob("*.yaml"))]


def _doc() -> Document:
    return Document(slug="x", path="x.txt", text="")


@pytest.fixture(scope="module")
def founding_gold(shared_dir: Path) -> Gold:
    return load_gold(shared_dir / "gold" / "assomac-2025-06-20-sector-2024.yaml")


def test_every_gold_file_scores_perfectly_against_itself(shared_dir: Path) -> None:
    for path in _gold_files(shared_dir):
        gold = load_gold(path)
        result = score(gold_as_extraction_facts(gold, _doc()), gold)
        assert set(result.kinds) == set(gold.records), path
        for kind, s in result.kinds.items():
            assert (s.precision, s.recall, s.fp, s.fn) == (1.0, 1.0, 0, 0), (path, kind, s)
        assert result.total.tp > 0


def test_counts_follow_the_readme_units(founding_gold: Gold) -> None:
    s = score(gold_as_extraction_facts(founding_gold, _doc()), founding_gold)
    assert s["document"].tp == 1
    assert s["organisations"].tp == 5
    assert s["people"].tp == 4  # one role each
    # kind, organiser, date, venue, city, title + 4 participants
    assert s["events"].tp == 10
    assert s["observations"].tp == 7  # six figures + the "estimated" qualifier
    assert s["markets"].tp == 6
    assert s["priorities"].tp == 8 and s["drivers"].tp == 5


def test_a_changed_value_loses_exactly_one_observation(founding_gold: Gold) -> None:
    ex = gold_as_extraction_facts(founding_gold, _doc())
    obs = ex.of(Observation)
    share = next(o for o in obs if o.scope == "tannery machinery")
    ex.facts[ex.facts.index(share)] = replace(share, value=Decimal("53"))
    s = score(ex, founding_gold)["observations"]
    assert (s.tp, s.fp, s.fn) == (6, 1, 1)
    assert "tannery machinery" in s.misses[0] and "52" in s.misses[0]
    assert "53" in s.spurious[0]


def test_numbers_match_within_half_a_percent(founding_gold: Gold) -> None:
    ex = gold_as_extraction_facts(founding_gold, _doc())
    turnover = next(o for o in ex.of(Observation) if o.indicator == "turnover")
    i = ex.facts.index(turnover)
    ex.facts[i] = replace(turnover, value=Decimal("577000000"))  # +0.35 %
    assert score(ex, founding_gold)["observations"].fn == 0
    ex.facts[i] = replace(turnover, value=Decimal("580000000"))  # +0.87 %
    # the figure and its qualifier are both lost
    assert score(ex, founding_gold)["observations"].fn == 2


def test_names_ignore_case_and_accents_and_use_aliases(founding_gold: Gold) -> None:
    ex = gold_as_extraction_facts(founding_gold, _doc())
    ex.facts = [f for f in ex.facts if not isinstance(f, Organisation)]
    ex.facts += [Organisation(Mention("", 0, 0), name="ASSOMAC", type="TradeAssociation"),
                 Organisation(Mention("", 0, 0), name="Confindùstria", type="Confederation"),
                 Organisation(Mention("", 0, 0), name="Agenzia ICE", type="GovernmentAgency"),
                 Organisation(Mention("", 0, 0), name="Politecnico di Milano", type="Company"),
                 Organisation(Mention("", 0, 0), name="Kilometro Rosso", type="InnovationDistrict")]
    s = score(ex, founding_gold)["organisations"]
    # the university typed as a company is the only loss
    assert (s.tp, s.fp, s.fn) == (4, 1, 1)
    assert s.misses == ["Milan Polytechnic (University)"]


def test_a_role_label_must_contain_the_gold_role_words(founding_gold: Gold) -> None:
    ex = gold_as_extraction_facts(founding_gold, _doc())
    forte = next(m for m in ex.of(Membership) if m.person == "Maurizio Forte")
    i = ex.facts.index(forte)
    ex.facts[i] = replace(forte, role="Managing Director of the Export Promotion Department", unit=None)
    assert score(ex, founding_gold)["people"].fn == 0
    ex.facts[i] = replace(forte, role="Director")
    s = score(ex, founding_gold)["people"]
    assert (s.tp, s.fp, s.fn) == (3, 1, 1)


def test_membership_dates_are_compared_when_the_gold_gives_them(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "gold" / "dev" / "assomac-2020-11-26-assembly.yaml")
    ex = gold_as_extraction_facts(gold, _doc())
    old = next(m for m in ex.of(Membership) if m.end is not None)
    ex.facts[ex.facts.index(old)] = replace(old, end=dt.date(2020, 11, 26))
    s = score(ex, gold)["people"]
    assert (s.tp, s.fp, s.fn) == (3, 1, 1)


def test_priorities_match_by_keywords_in_label_or_quote(founding_gold: Gold) -> None:
    ex = gold_as_extraction_facts(founding_gold, _doc())
    ex.facts = [f for f in ex.facts if not isinstance(f, Priority | Driver)]
    quote = "greater access to subsidised finance tools"
    ex.facts.append(Priority(Mention(quote, 10, 10 + len(quote)), text="finance"))
    ex.facts.append(Driver(Mention("", 0, 0), text="Inflation"))
    ex.facts.append(Driver(Mention("", 0, 0), text="sunspots"))
    r = score(ex, founding_gold)
    assert (r["priorities"].tp, r["priorities"].fp, r["priorities"].fn) == (1, 0, 7)
    assert (r["drivers"].tp, r["drivers"].fp, r["drivers"].fn) == (1, 1, 4)


def test_an_empty_extraction_recalls_nothing(founding_gold: Gold) -> None:
    from kgraph.model import DocumentInfo

    ex = Extraction(document=_doc(), info=DocumentInfo(Mention("", 0, 0)))
    r = score(ex, founding_gold)
    for kind in founding_gold.records:
        assert r[kind].tp == 0 and r[kind].fp == 0 and r[kind].fn > 0, kind
        assert r[kind].recall == 0.0 and r[kind].precision == 1.0


def test_unannotated_kinds_are_not_scored(shared_dir: Path) -> None:
    gold = load_gold(shared_dir / "gold" / "dev" / "acimit-2024-11-04-orders-q3.yaml")
    ex = gold_as_extraction_facts(gold, _doc())
    ex.facts.append(Driver(Mention("", 0, 0), text="weak demand"))
    r = score(ex, gold)
    assert "drivers" not in r.kinds and "events" not in r.kinds


def test_scores_sum_over_releases(shared_dir: Path) -> None:
    golds = [load_gold(p) for p in _gold_files(shared_dir)]
    scores = [score(gold_as_extraction_facts(g, _doc()), g) for g in golds]
    total = sum(scores[1:], scores[0])
    assert len(total.releases) == len(golds)
    assert total["observations"].tp == sum(s["observations"].tp for s in scores)
    assert set(total.kinds) <= set(KINDS)
    assert sum(scores).total.tp == total.total.tp  # type: ignore[arg-type]


def test_bad_gold_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing.yaml"):
        load_gold(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("release: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.yaml"):
        load_gold(bad)
    noref = tmp_path / "noref.yaml"
    noref.write_text("language: en\n", encoding="utf-8")
    with pytest.raises(InputError, match="release"):
        load_gold(noref)
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text("release: x.txt\npeople: 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="people"):
        load_gold(wrong)


def test_gold_records_are_not_modified_by_scoring(founding_gold: Gold) -> None:
    before = copy.deepcopy(founding_gold.records)
    score(gold_as_extraction_facts(founding_gold, _doc()), founding_gold)
    assert founding_gold.records == before
