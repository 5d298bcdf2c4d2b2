"""``kgraph validate``: check the store's release graphs against the SHACL shapes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..errors import EXIT_FINDINGS
from ._app import command_errors, state
from .query import open_kg


class ReportFormat(StrEnum):
    text = "text"
    turtle = "turtle"


def register(app: typer.Typer) -> None:
    @app.command("validate")
    @command_errors
    def validate(
        ctx: typer.Context,
        format: Annotated[
            ReportFormat,
            typer.Option(
                "--format",
                help="Report format on violations: text (one line per result) or turtle "
                "(the SHACL validation report graph).",
            ),
        ] = ReportFormat.text,
    ) -> None:
        """Validate the store's release graphs (all but ontology, links, wikidata, codelists)
        against the SHACL shapes of ontology/shapes.ttl. Exit 0 when they conform, 1 with
        the report on violations."""
        with open_kg(state(ctx).settings) as kg:
            report = kg.validate()
        if report.conforms:
            typer.echo(report.summary())
            for result in report.warnings:
                typer.echo(result.describe())
            return
        if format is ReportFormat.turtle:
            typer.echo(report.to_turtle())
        else:
            typer.echo(report.to_text())
        raise typer.Exit(EXIT_FINDINGS)
