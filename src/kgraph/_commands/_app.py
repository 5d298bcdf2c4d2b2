"""What every command module shares: the resolved global options and the error wrapper.

Command modules import this module, never :mod:`kgraph.cli`; the shell imports the command
modules to register them, so the dependency runs one way only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import typer

from ..config import Settings, load_settings
from ..errors import KGraphError

__all__ = ["State", "state", "err", "command_errors"]

F = TypeVar("F", bound=Callable[..., Any])


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
