"""The grammar of quantities and periods is documented by doctest tables in its modules:
they run here, as part of the test suite."""

from __future__ import annotations

import doctest

import pytest

import kgraph.extract.quantity
import kgraph.extract.timex


@pytest.mark.parametrize("module", [kgraph.extract.quantity, kgraph.extract.timex])
def test_grammar_tables(module: object) -> None:
    result = doctest.testmod(module, verbose=False, optionflags=doctest.NORMALIZE_WHITESPACE)  # type: ignore[arg-type]
    assert result.attempted >= 5
    assert result.failed == 0


def test_http_helpers_doctests() -> None:
    import doctest

    from kgraph import _http

    result = doctest.testmod(_http, verbose=False)
    assert result.attempted >= 3 and result.failed == 0
