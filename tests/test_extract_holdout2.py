"""Held-out set 2 (tests/data/holdout2/): extraction scored per kind, with floors under what it reaches.

Set 2 was written by another hand, with other publishers, datelines, role phrasing and periods.
It was used as development material once, to find the GENERAL causes of its misses (datelines
with abbreviated months, weekdays, dashes, the date first; sector vocabulary; trade balance;
Roman-numeral quarters; company and territorial releases; unknown fairs and venues; driver and
priority cues). The floors sit a little under the measured scores so that a change that loses
that generality fails here; they are far from perfect on purpose: rules were not fitted to
its sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.evaluation import ReleaseScore
from kgraph_testing import score_gold_release, score_table

HOLDOUT2 = Path(__file__).parent / "data" / "holdout2"
GOLDS = sorted((HOLDOUT2 / "gold").glob("*.yaml"))

# kind -> (precision floor, recall floor), measured summed over the set (see the printed table)
FLOORS = {
    "document": (0.95, 0.95),
    "organisations": (0.9, 0.9),
    "people": (0.72, 0.62),
    "events": (0.85, 0.7),
    "segments": (0.7, 0.7),
    "observations": (0.78, 0.7),
    "markets": (0.95, 0.65),
    "relations": (0.95, 0.6),
    "priorities": (0.7, 0.5),
    "drivers": (0.7, 0.5),
}


def _score_release(gold_path: Path) -> ReleaseScore:
    return score_gold_release(HOLDOUT2, gold_path)


@pytest.mark.skipif(not GOLDS, reason="held-out set 2 is not present")
def test_holdout_set_2_meets_the_floors_per_kind() -> None:
    total = sum(_score_release(g) for g in GOLDS)
    assert isinstance(total, ReleaseScore)
    print("\nheld-out set 2, summed over", len(GOLDS), "releases\n" + score_table(total))
    assert set(FLOORS) <= set(total.kinds), set(FLOORS) - set(total.kinds)
    for kind, (p_floor, r_floor) in FLOORS.items():
        s = total.kinds[kind]
        assert s.precision >= p_floor, (kind, round(s.precision, 3), s.spurious)
        assert s.recall >= r_floor, (kind, round(s.recall, 3), s.misses)


@pytest.mark.skipif(not GOLDS, reason="held-out set 2 is not present")
@pytest.mark.parametrize("gold_path", GOLDS, ids=[g.stem for g in GOLDS])
def test_every_holdout2_release_finds_its_document(gold_path: Path) -> None:
    # the document fact is all-or-nothing (date, place, publisher): every dateline style counts
    s = _score_release(gold_path)
    assert s.kinds["document"].tp == 1, (s.kinds["document"].misses, s.kinds["document"].spurious)
