"""Every CLI command documents itself (fails when a command lacks help), and the README
mentions every command."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from kgraph._commands import _reference as reference
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


def _prose(readme: str) -> str:
    """The README without its generated command reference."""
    start, end = readme.index(reference.START), readme.index(reference.END)
    return readme[:start] + readme[end:]


@pytest.mark.parametrize("name", NAMES)
def test_readme_documents_command(name: str) -> None:
    readme = _prose((ROOT / "README.md").read_text(encoding="utf-8"))
    assert f"kgraph {name}" in readme, f"README.md does not document `kgraph {name}`"


def test_readme_command_reference_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    fresh = reference.replace_reference(readme, reference.command_reference())
    assert fresh == readme, "README.md's command reference is stale: run `make reference`"


def test_command_reference_holds_every_command_and_option() -> None:
    text = reference.command_reference()
    for name in NAMES:
        assert f"#### kgraph {name}\n" in text
        for param in COMMAND.commands[name].params:  # type: ignore[attr-defined]
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in text, f"{opt} of kgraph {name} missing from the reference"
    stale = reference.replace_reference(
        f"intro\n{reference.START}\nold text\n{reference.END}\nafter\n", text)
    assert "old text" not in stale and stale.endswith(f"{reference.END}\nafter\n")
    with pytest.raises(ValueError):
        reference.replace_reference("no markers here", text)


def test_top_level_help_lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in NAMES:
        assert name in result.output


def test_bad_store_url_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["--store", "ftp://nowhere", "run"])
    assert result.exit_code == 2
    assert "unknown store URL" in result.output
