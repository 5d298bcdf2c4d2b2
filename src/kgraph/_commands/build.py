"""``kgraph build`` and ``kgraph eval``: load releases into the store, score the graph."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..config import Settings
from ._app import command_errors, state

if TYPE_CHECKING:  # the pipeline, extraction and rich load when a command runs, not at start-up
    from rich.console import Console
    from rich.table import Table

    from .. import pipeline
    from ..evaluation import KindScore, RuleScore

_PROGRESS_MIN_FILES = 5
_SHORT = {"organisations": "orgs", "memberships": "roles", "observations": "obs",
          "priorities": "prio", "quotations": "quotes", "relations": "rels"}


def _console() -> Console:
    from rich.console import Console

    # A wide virtual width keeps tables readable when the output is a pipe or a file.
    return Console(width=None if sys.stdout.isatty() else 160, highlight=False)


def _summary(report: pipeline.BuildReport) -> Table:
    from rich.table import Table

    from .. import pipeline

    kinds = [k for k in pipeline.FACT_KINDS if any(r.counts.get(k) for r in report.releases)]
    table = Table(title="Facts by kind per release", title_justify="left")
    table.add_column("release", no_wrap=True)
    for k in kinds:
        table.add_column(_SHORT.get(k, k), justify="right")
    table.add_column("triples", justify="right")
    for r in report.releases:
        table.add_row(r.slug, *(str(r.counts.get(k, 0)) for k in kinds), str(r.triples))
    return table


def _score_rows(table: Table, label: str, kinds: dict[str, KindScore]) -> None:
    from ..evaluation import KINDS

    for kind in KINDS:
        if kind in kinds:
            s = kinds[kind]
            table.add_row(label, kind, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.2f}",
                          f"{s.recall:.2f}", f"{s.f1:.2f}")
            label = ""


def _score_table(title: str, first: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for col in (first, "kind", "TP", "FP", "FN", "P", "R", "F1"):
        table.add_column(col, justify="right" if col in ("TP", "FP", "FN", "P", "R", "F1") else "left")
    return table


_EXTRACTOR_HELP = ("Extractor that reads the releases: rules (built in), llm or hybrid (a "
                   "language model, see KGRAPH_LLM_*), or a name another package registers in "
                   "the kgraph.extractors entry-point group. Default: KGRAPH_EXTRACTOR, else rules.")
_OFFLINE_HELP = ("llm and hybrid: use the cached answers only, never the network "
                 "(KGRAPH_LLM_OFFLINE).")


def _with_extractor(settings: Settings, extractor: str | None, offline: bool = False) -> Settings:
    if offline:
        settings = replace(settings, llm_offline=True)
    return settings if extractor is None else replace(settings, extractor=extractor)


def _model_table(report: pipeline.BuildReport) -> Table | None:
    from rich.table import Table

    rows = [r for r in report.releases if r.extractor_counts]
    if not rows:
        return None
    table = Table(title="Model facts per release (rejected by reason)", title_justify="left")
    for col in ("release", "accepted", "also by rules", "rejected", "tokens"):
        table.add_column(col, justify="left" if col == "release" else "right")
    table.add_column("reasons", justify="left")
    for r in rows:
        c = r.extractor_counts
        rejected = {k.removeprefix("rejected:"): n for k, n in c.items() if k.startswith("rejected:")}
        table.add_row(r.slug, str(c.get("llm-accepted", 0)), str(c.get("llm-also-by-rules", 0)),
                      str(sum(rejected.values())),
                      str(c.get("llm-tokens", 0)),
                      ", ".join(f"{k} {n}" for k, n in sorted(rejected.items())))
    return table


def _rule_table(rules: dict[str, RuleScore]) -> Table:
    from rich.table import Table

    from ..evaluation import KINDS, RuleScore

    table = Table(title="Scores per rule (all releases; R = TP / gold facts of the kind)",
                  title_justify="left")
    for col in ("rule", "kind", "TP", "FP", "gold", "P", "R"):
        table.add_column(col, justify="left" if col in ("rule", "kind") else "right")
    for rule, r in rules.items():
        label = rule
        for kind in KINDS:
            if kind in r.kinds:
                tp, fp, gold = r.kinds[kind]
                table.add_row(label, kind, str(tp), str(fp), str(gold),
                              f"{RuleScore._p(tp, fp):.2f}", f"{RuleScore._r(tp, gold):.2f}")
                label = ""
    return table


def register(app: typer.Typer) -> None:
    @app.command("build")
    @command_errors
    def build(
        ctx: typer.Context,
        paths: list[str] = typer.Argument(  # noqa: B008 - Typer's declaration style
            None,
            help="Release files or folders (*.txt, *.md, *.html, *.htm, *.pdf, *.docx, searched "
            "recursively), "
            "or http(s) URLs of release pages (fetched politely and cached). "
            "Default: the releases folder (data/releases/, KGRAPH_RELEASES).",
            show_default=False,
        ),
        extractor: str = typer.Option(
            None, "--extractor", metavar="NAME", help=_EXTRACTOR_HELP, show_default=False,
        ),
        offline: bool = typer.Option(False, "--offline", help=_OFFLINE_HELP),
        force: bool = typer.Option(
            False, "--force", help="Rebuild every release, also those unchanged since their "
            "last build (same text, extractor, judgements, shapes).",
        ),
        feed: list[str] = typer.Option(  # noqa: B008
            None, "--feed", metavar="URL", help="An RSS or Atom feed (repeatable; the feeds "
            "extra): build the pages it lists that the store has no release of yet.",
            show_default=False,
        ),
        workers: int = typer.Option(
            1, "--workers", "-j", metavar="N", min=0,
            help="Worker processes that read, extract and validate releases in parallel "
            "(0: one per CPU). The store is still written in file order.",
        ),
    ) -> None:
        """Load releases into the store: read each file, extract its facts, turn them into RDF,
        validate them against the SHACL shapes and replace the release's named graph
        atomically. A release unchanged since its last build is skipped (--force rebuilds
        it). A file that fails leaves the store as it was; the others still load.
        Prints the facts by kind per release (llm, hybrid: the model's facts accepted and
        rejected by reason, and the tokens used); exit code 1 when any file failed, 2 for an
        unknown extractor, 3 when the language model kept failing (nothing is loaded)."""
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        from .. import pipeline
        from ..extract.base import get_extractor
        from ..fetch import is_url
        from ..store import open_store

        settings = _with_extractor(state(ctx).settings, extractor, offline)
        get_extractor(settings.extractor)  # an unknown name fails before the store is opened
        targets: list[str | Path] = list(paths or []) if paths or feed else [settings.releases]
        urls = [t for t in targets if is_url(t)]
        files: list[str | Path] = [*pipeline.release_files([t for t in targets if not is_url(t)]),
                                   *urls]
        if workers == 0:
            workers = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                       else os.cpu_count() or 1)
        out = _console()
        with open_store(settings.store) as store:
            feed_dates = None
            if feed:
                listed, feed_dates, lines = pipeline.feed_releases(store, feed, settings)
                files += [u for u in listed if u not in files]
                for line in lines:
                    out.print(line, markup=False)
            if len(files) >= _PROGRESS_MIN_FILES and sys.stderr.isatty():
                with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                              TimeElapsedColumn(), console=Console(stderr=True),
                              transient=True) as bar:
                    task = bar.add_task("building", total=len(files))

                    def advance(path: Path, done: int, total: int) -> None:
                        bar.update(task, completed=done, description=path.name)

                    report = pipeline.build(store, files, settings=settings, progress=advance,
                                            force=force, feed_dates=feed_dates,
                                            workers=workers)
            elif files:
                report = pipeline.build(store, files, settings=settings, force=force,
                                        feed_dates=feed_dates, workers=workers)
            else:  # a feed with nothing new
                report = pipeline.BuildReport(extractor=get_extractor(settings.extractor))
            quads = len(store)
        if report.releases:
            out.print(_summary(report))
            model = _model_table(report)
            if model is not None:
                out.print(model)
        out.print(f"{len(report.releases)} release(s) loaded into {settings.store} ({quads} quads), "
                  f"{len(report.skipped)} skipped (unchanged), {len(report.failures)} failed, "
                  f"{report.conflicts} conflicting observation pair(s)", markup=False)
        if report.nothing_built:
            out.print(report.nothing_built, markup=False)
        if report.extractor is not None:
            out.print(f"extractor: {pipeline.describe_extractor(report.extractor)}", markup=False)
        for w in report.warnings:
            typer.echo(f"kgraph: warning: {w}", err=True)
        for f in report.failures:
            typer.echo(f"kgraph: failed: {f.path}: {f.message}", err=True)
        if report.exit_code:
            raise typer.Exit(report.exit_code)

    @app.command("eval")
    @command_errors
    def eval_(
        ctx: typer.Context,
        gold: list[Path] = typer.Argument(  # noqa: B008
            ..., help="Gold YAML files (shared/gold/*.yaml): each names the release it is about.",
        ),
        fmt: str = typer.Option(
            "table", "--format", help="Output format: table (readable) or json.",
        ),
        releases: Path = typer.Option(  # noqa: B008
            None, "--releases",
            help="Folder the gold files' release paths are relative to (default: the "
            "releases folder beside the gold folder).", show_default=False,
        ),
        extractor: str = typer.Option(
            None, "--extractor", metavar="NAME", help=_EXTRACTOR_HELP, show_default=False,
        ),
        offline: bool = typer.Option(False, "--offline", help=_OFFLINE_HELP),
    ) -> None:
        """Score extraction against gold files: build the releases they name in a temporary
        in-memory store, read the facts back from the graph and compare them kind by kind
        (TP/FP/FN, precision, recall, F1, misses and spurious facts) and rule by rule (the
        rule each fact records)."""
        from ..api import KG
        from ..store import open_store as _open_store

        if fmt not in ("table", "json"):
            raise typer.BadParameter("use table or json", param_hint="--format")

        settings = _with_extractor(state(ctx).settings, extractor, offline)
        with KG(_open_store("memory:")) as kg:  # a fresh store: the gold releases only
            report = kg.evaluate(gold, releases=releases, settings=settings)
        if fmt == "json":
            typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        else:
            _print_eval(report)
        for f in report.build.failures:
            typer.echo(f"kgraph: failed: {f.path}: {f.message}", err=True)
        if report.exit_code:
            raise typer.Exit(report.exit_code)


def _print_eval(report: pipeline.EvalReport) -> None:
    from .. import pipeline

    out = _console()
    if report.build.extractor is not None:
        out.print(f"extractor: {pipeline.describe_extractor(report.build.extractor)}", markup=False)
    total = _score_table("Scores per kind (all releases)", "")
    _score_rows(total, "all", report.total.kinds)
    out.print(total)
    per = _score_table("Scores per release", "release")
    for s in report.scores:
        _score_rows(per, s.releases[0], s.kinds)
    out.print(per)
    out.print(_rule_table(report.total.rules))
    model = _model_table(report.build)
    if model is not None:
        out.print(model)
    for s in report.scores:
        lines: list[Any] = []
        for kind, k in s.kinds.items():
            lines += [f"  miss      {kind}: {m}" for m in k.misses]
            lines += [f"  spurious  {kind}: {m}" for m in k.spurious]
        if lines:
            out.print(f"{s.releases[0]}:", markup=False)
            for line in lines:
                out.print(line, markup=False)
