"""The examples in kgraph.api's docstring run on the real build of the founding release
and give what they say."""

from __future__ import annotations

import doctest
from pathlib import Path

import kgraph.api


def test_api_docstring_examples(founding_release: Path) -> None:
    result = doctest.testmod(kgraph.api, extraglobs={"FOUNDING": founding_release}, verbose=False,
                             optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 10
    assert result.failed == 0
