"""Nothing empty passes silently (issue 13): reading commands never create a store, an
empty store is a warning or an error, no named queries is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.pipeline import query_reports
from kgraph.store import open_store


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("command", [
    ["query", "releases"], ["describe", "Assomac"], ["export"], ["stats"], ["validate"],
    ["viz"], ["analyse"], ["viz", "--query", "membership-network"],
])
def test_reading_commands_never_create_a_store(tmp_path: Path, command: list[str]) -> None:
    store = tmp_path / "nowhere" / "store"
    code, out = _invoke("--store", f"oxigraph:{store}", *command)
    assert code == 2, out
    assert "no store here yet" in out
    assert not store.exists() and not store.parent.exists()


def _empty_store(tmp_path: Path) -> str:
    url = f"oxigraph:{tmp_path / 'store'}"
    open_store(url).close()
    return url


@pytest.mark.parametrize("command", [["viz", "-o", "x.html"], ["analyse"]])
def test_drawing_an_empty_store_is_an_error(tmp_path: Path, command: list[str]) -> None:
    code, out = _invoke("--store", _empty_store(tmp_path), *command)
    assert code == 2, out
    assert "the store is empty" in out
    assert not Path("x.html").exists()


@pytest.mark.parametrize("command", [["query", "releases"], ["stats"], ["validate"]])
def test_querying_an_empty_store_warns(tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(app, ["--store", _empty_store(tmp_path), *command])
    assert result.exit_code == 0, result.output
    assert "kgraph: warning:" in result.stderr and "the store is empty" in result.stderr


def test_no_named_queries_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kgraph._project as project

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(project, "shipped_dir", lambda kind: None)
    code, out = _invoke("queries")
    assert code == 2
    assert "no named queries found" in out
    with open_store("memory:") as store:
        lines = query_reports(store, tmp_path / "out")
    assert lines[0].startswith("warning: no named queries found")
