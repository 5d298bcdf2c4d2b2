"""The ``kgraph`` command line: a thin shell over the library.

Each command builds the library object, calls one library function, and turns
:class:`~kgraph.errors.KGraphError` into a message on stderr and an exit code
(0 ok, 1 findings, 2 usage or input error, 3 external service unavailable).
Commands live in :mod:`kgraph._commands`, one module per area.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import typer

from .config import Settings, load_settings
from .errors import EXIT_USAGE, KGraphError

__all__ = ["app", "main", "State", "command_errors", "state"]

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="kgraph",
    help="Turn supply-chain press releases into an RDF knowledge graph, query, explore and link it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@dataclass
class State:
    """What the global options resolve to; commands read it from the Typer context."""

    settings: Settings


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):  # invoked without the callback (tests calling commands directly)
        obj = State(load_settings())
        ctx.find_root().obj = obj
    return obj


def err(message: str) -> None:
    typer.echo(f"kgraph: error: {message}", err=True)


def command_errors(fn: F) -> F:
    """Turn library errors into one clear line on stderr and the documented exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KGraphError as exc:
            err(str(exc))
            raise typer.Exit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


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


from . import _commands  # noqa: E402  (registers the commands on ``app``)

_commands.register(app)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        app(args=argv, prog_name="kgraph")
    except KGraphError as exc:  # pragma: no cover - commands catch their own
        err(str(exc))
        sys.exit(exc.exit_code if exc.exit_code else EXIT_USAGE)
