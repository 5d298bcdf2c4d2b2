"""Long and repetitive text: every release must extract well within the time budget.

These are the inputs that once held a build for minutes (a page of quote marks, of
parentheses, a name run repeated thousands of times): each is built with a budget of
30 s per release, many times what linear work needs, and must load rather than be stopped.
Speed itself is measured in benchmarks/bench_extract_text.py, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.config import Settings
from kgraph.pipeline import build
from kgraph.store import OxigraphStore

HEAD = "Milan, 3 March 2025 – "

CASES = {
    "quote-marks": '"' * 100_000,
    "parentheses": "(" * 20_000 + ")" * 20_000,
    "guillemets-and-dashes": "«–»" * 30_000,
    "capitalised-names": "Mario Rossi Acimit Assomac " * 5_000,
    "one-long-word": "x" * 200_000,
    "percentages": "12% " * 10_000,
    "amounts-between-dashes": "- 575 million euros -" * 5_000,
    "role-word": "President " * 20_000,
    "numbered-percentages": "".join(f"{i}. The share grew {i % 90}%.\n" for i in range(5_000)),
    "one-quoted-sentence": ('"We will grow exports to Germany by 5% in 2025," said Mario Rossi, '
                            "President of Acimit. ") * 500,
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_long_repetitive_release_loads_within_the_budget(tmp_path: Path, name: str) -> None:
    f = tmp_path / f"{name}.txt"
    f.write_text(HEAD + CASES[name], encoding="utf-8")
    report = build(OxigraphStore(), [f], settings=Settings(extract_budget=30.0))
    assert not report.failures, report.failures[0].message
    assert [r.slug for r in report.releases] == [name]
