"""The ``kgraph`` command line: a thin shell over the library.

Each command builds the library object, calls one library function, and turns
:class:`~kgraph.errors.KGraphError` into a message on stderr and an exit code
(0 ok, 1 findings, 2 usage or input error, 3 external service unavailable).
Commands live in :mod:`kgraph._commands`, one module per area.
"""

from __future__ import annotations

import sys

import typer

from . import _commands
from ._commands._app import State, command_errors, err, state
from .config import load_settings
from .errors import EXIT_USAGE, KGraphError

__all__ = ["app", "main", "State", "command_errors", "state"]

app = typer.Typer(
    name="kgraph",
    help="Turn supply-chain press releases into an RDF knowledge graph, query, explore and link it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _global(
    ctx: typer.Context,
    store: str = typer.Option(
        None,
        "--store",
        help="Store URL: oxigraph:PATH (default oxigraph:.kgraph/store), memory:, or an "
        "http(s) SPARQL 1.1 endpoint. Also KGRAPH_STORE.",
        show_default=False,
    ),
) -> None:
    """Turn supply-chain press releases into an RDF knowledge graph, query, explore and link it."""
    try:
        ctx.obj = State(load_settings({"store": store}))
    except KGraphError as exc:
        err(str(exc))
        raise typer.Exit(exc.exit_code) from None


_commands.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        app(args=argv, prog_name="kgraph")
    except KGraphError as exc:  # pragma: no cover - commands catch their own
        err(str(exc))
        sys.exit(exc.exit_code if exc.exit_code else EXIT_USAGE)
