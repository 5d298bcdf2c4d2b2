"""``kgraph resolve``: judge which entities are one, and keep the judgements."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import ParameterError
from ._app import command_errors, state
from ._lazy import open_store


def register(app: typer.Typer) -> None:
    @app.command("resolve")
    @command_errors
    def resolve(
        ctx: typer.Context,
        review: str = typer.Option(
            None, "--review", metavar="FILE",
            help="Write pairs of entities that may be one (same kind, names alike) to this CSV, "
            "best first; put same, different or unsure in its judgement column, then feed it "
            "back with --apply.",
            show_default=False,
        ),
        apply: str = typer.Option(
            None, "--apply", metavar="FILE",
            help="Record the judged rows of a review CSV in the judgements file "
            "(KGRAPH_JUDGEMENTS) and rebuild the releases they touch from the stored text.",
            show_default=False,
        ),
        min_score: float = typer.Option(
            0.5, "--min-score", help="Smallest score of a pair written by --review."),
    ) -> None:
        """Entity resolution: propose entities that may be one for a person to judge
        (--review), or apply such judgements (--apply). Judgements are kept in
        data/resolution/judgements.csv (KGRAPH_JUDGEMENTS) and every later build honours
        them: same merges two entities, different splits one name into two."""
        from .. import resolution
        from ..judgements import Resolver

        if (review is None) == (apply is None):
            raise ParameterError("give one of --review FILE or --apply FILE")
        settings = state(ctx).settings
        with open_store(settings.store) as store:
            if review is not None:
                found = resolution.candidates(store, Resolver.from_file(settings.judgements),
                                              min_score=min_score)
                n = resolution.write_review(Path(review), found)
                typer.echo(f"{n} candidate pair(s) written to {review}: fill in the judgement "
                           "column (same, different, unsure), then run kgraph resolve --apply "
                           f"{review}")
                return
            recorded, rebuilt = resolution.apply_review(store, settings, Path(apply))
        typer.echo(f"{recorded} judgement(s) recorded in {settings.judgements}; "
                   f"{len(rebuilt)} release(s) rebuilt" + (f": {', '.join(rebuilt)}" if rebuilt else ""))
