"""CLI commands, one module per area; each module has ``register(app)``."""

from __future__ import annotations

import typer

from . import build, link, query, run, serve, validate, viz

__all__ = ["register"]

_MODULES = [run, build, query, validate, link, viz, serve]


def register(app: typer.Typer) -> None:
    for module in _MODULES:
        module.register(app)
