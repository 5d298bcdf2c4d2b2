"""The examples in kgraph.api's docstring run and give what they say."""

from __future__ import annotations

import doctest
from pathlib import Path

import kgraph.api

SAMPLE = Path(__file__).parent / "data" / "founding-sample.trig"


def test_api_docstring_examples() -> None:
    result = doctest.testmod(kgraph.api, extraglobs={"SAMPLE": SAMPLE}, verbose=False,
                             optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 10
    assert result.failed == 0
