"""``kgraph run``: the main job (what ``make run`` does)."""

from __future__ import annotations

import typer

from ._app import command_errors, state
from .query import open_kg


def register(app: typer.Typer) -> None:
    @app.command("run")
    @command_errors
    def run(
        ctx: typer.Context,
        force: bool = typer.Option(False, "--force", help="Rebuild every release, also those "
                                   "unchanged since their last build."),
    ) -> None:
        """Run the main job on the configured store: build the graph from the releases folder
        (skipping releases unchanged since their last build), validate it, and write the
        reports (what `make run` does)."""
        settings = state(ctx).settings
        with open_kg(settings, write=True) as kg:
            report = kg.run(settings, force=force)
        for line in report.lines:
            typer.echo(line, err=line.startswith("warning:"))
        if report.exit_code:
            raise typer.Exit(report.exit_code)
