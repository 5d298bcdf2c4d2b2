"""CLI commands, one module per area; each module has ``register(app)``."""

from __future__ import annotations

import typer

from . import link, run, validate, viz

__all__ = ["register"]

_MODULES = [run, validate, link, viz]


def register(app: typer.Typer) -> None:
    for module in _MODULES:
        module.register(app)
