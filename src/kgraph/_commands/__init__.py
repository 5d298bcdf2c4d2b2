"""CLI commands, one module per area; each module has ``register(app)``."""

from __future__ import annotations

import typer

from . import query, run, serve, viz

__all__ = ["register"]

_MODULES = [run, query, viz, serve]


def register(app: typer.Typer) -> None:
    for module in _MODULES:
        module.register(app)
