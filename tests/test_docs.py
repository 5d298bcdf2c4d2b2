"""Every CLI command documents itself (fails when a command lacks help), and the README
mentions every command."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from kgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
COMMAND = typer.main.get_command(app)
NAMES = sorted(COMMAND.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", NAMES)
def test_command_has_help(name: str) -> None:
    cmd = COMMAND.commands[name]  # type: ignore[attr-defined]
    assert cmd.help and len(cmd.help.strip()) > 20, f"`kgraph {name}` lacks help text"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert param.help, f"option {param.opts} of `kgraph {name}` lacks help"
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


@pytest.mark.parametrize("name", NAMES)
def test_readme_documents_command(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"kgraph {name}" in readme, f"README.md does not document `kgraph {name}`"


def test_top_level_help_lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in NAMES:
        assert name in result.output


def test_bad_store_url_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["--store", "ftp://nowhere", "run"])
    assert result.exit_code == 2
    assert "unknown store URL" in result.output
