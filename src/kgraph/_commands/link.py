"""``kgraph link``: link the graph to Wikidata and the code lists."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import command_errors, state
from .query import open_kg


def register(app: typer.Typer) -> None:
    @app.command("link")
    @command_errors
    def link(
        ctx: typer.Context,
        offline: bool = typer.Option(
            False, "--offline",
            help="Use no network: curated links, code lists and cached Wikidata answers only.",
        ),
        review: str = typer.Option(
            None, "--review", metavar="FILE",
            help="Write the candidates of entities that need a person's decision to this CSV "
            "(put yes in its accept column, then feed it back with --apply).",
            show_default=False,
        ),
        apply: str = typer.Option(
            None, "--apply", metavar="FILE",
            help="Apply an edited review CSV: the rows marked yes in accept become links.",
            show_default=False,
        ),
        endpoint: str = typer.Option(
            None, "--endpoint", metavar="URL",
            help="Wikidata SPARQL endpoint (default https://query.wikidata.org/sparql; also "
            "KGRAPH_WIKIDATA_ENDPOINT).",
            show_default=False,
        ),
    ) -> None:
        """Reconcile organisations, people, places and venues with Wikidata (owl:sameAs with
        provenance in kgg:links), enrich them (kgg:wikidata) and add the ISO 3166, UN M49,
        NACE and HS code lists (kgg:codelists). Nothing is written when Wikidata fails."""
        from dataclasses import replace

        settings = state(ctx).settings
        if endpoint:
            settings = replace(settings, wikidata_endpoint=endpoint)
        with open_kg(settings, write=True) as kg:
            report = kg.link(settings, offline=offline, review=Path(review) if review else None,
                             apply=Path(apply) if apply else None)
        for line in report.warnings:
            typer.echo(f"kgraph: warning: {line}", err=True)
        for line in report.lines:
            typer.echo(line)
