"""CLI commands, one module per area; each module has ``register(app)``."""

from __future__ import annotations

import typer

from . import build, link, project, query, resolve, run, serve, validate, viz

__all__ = ["register"]

_MODULES = [project, run, build, query, validate, link, resolve, viz, serve]


def register(app: typer.Typer) -> None:
    for module in _MODULES:
        module.register(app)
