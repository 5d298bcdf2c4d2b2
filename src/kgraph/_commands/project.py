"""``kgraph init`` and ``kgraph config``: start a project, show its settings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Annotated

import typer

from .. import _project
from ..config import secret_names, setting_names
from ..errors import InputError
from ._app import command_errors, state

SAMPLE_RELEASE = "assomac-2025-06-20-sector-2024.txt"

CONFIG_TEMPLATE = """\
# kgraph project settings. Each key is also a KGRAPH_* environment variable (KGRAPH_STORE,
# ...); an option beats the environment, which beats this file, which beats the default.
# Relative paths are taken from this file's folder. `kgraph config` shows what is in force.
store = "oxigraph:.kgraph/store"
releases = "releases"
out = "out"
# query_timeout = 30                    # seconds; 0 for no limit
# extractor = "rules"
# extract_budget = 60                   # seconds one release's extraction may take
# max_release_bytes = 5242880
# judgements = "data/resolution/judgements.csv"
# cache_dir = "data/cache/wikidata"
# wikidata_endpoint = "https://query.wikidata.org/sparql"
# allow_federation = false
# page_cache = "data/cache/pages"       # web pages `kgraph build URL` fetched
# fetch_timeout = 20                    # seconds for each network step of a fetch
# ontology_dir = "ontology"             # only this folder's kgraph.ttl, schemes.ttl, shapes.ttl
"""


def init_project(folder: Path) -> list[str]:
    """Write a starter project into ``folder``: ``kgraph.toml``, ``releases/`` holding the
    founding release as a sample. Returns what was written, one line each.

    Raises:
        InputError: ``folder`` already holds a ``kgraph.toml`` (nothing is written).
    """
    config = folder / _project.CONFIG_FILE
    if config.exists():
        raise InputError("already a kgraph project (kgraph.toml exists); nothing written",
                         source=folder)
    releases = folder / "releases"
    try:
        releases.mkdir(parents=True, exist_ok=True)
        config.write_text(CONFIG_TEMPLATE, encoding="utf-8")
        lines = [f"wrote {config}", f"made {releases}/"]
        sample = _project.shipped_dir("data")
        source = sample / "releases" / SAMPLE_RELEASE if sample is not None else None
        if source is not None and source.is_file():
            shutil.copyfile(source, releases / SAMPLE_RELEASE)
            lines.append(f"wrote {releases / SAMPLE_RELEASE} (a sample release)")
    except OSError as exc:
        raise InputError(f"cannot write the project: {exc.strerror or exc}", source=folder) from None
    return lines


def register(app: typer.Typer) -> None:
    @app.command("init")
    @command_errors
    def init(
        folder: Annotated[Path, typer.Argument(help="Folder of the new project (made if missing).")] = Path("."),
    ) -> None:
        """Start a project: write kgraph.toml and a releases folder holding a sample release.
        Then `kgraph run` in that folder builds, links, validates and reports."""
        for line in init_project(folder):
            typer.echo(line)
        typer.echo(f"next: cd {folder} && kgraph run" if folder != Path(".") else "next: kgraph run")

    @app.command("config")
    @command_errors
    def config(
        ctx: typer.Context,
        fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    ) -> None:
        """Show every setting in force and where it comes from (option, env, the
        kgraph.toml file, or default)."""
        if fmt not in ("table", "json"):
            raise typer.BadParameter("use table or json", param_hint="--format")
        settings = state(ctx).settings
        secret = secret_names()
        # a key or token is never shown, only whether it is set
        rows = [(name, ("(hidden)" if getattr(settings, name) else "")
                 if name in secret else _shown(getattr(settings, name)),
                 settings.sources.get(name, "default"))
                for name in setting_names()]
        if fmt == "json":
            typer.echo(json.dumps({
                "config_file": str(settings.config_file) if settings.config_file else None,
                "settings": {n: {"value": v if isinstance(v, bool | int | float) or v is None else str(v),
                                 "source": s} for n, v, s in rows}}, indent=2))
            return
        typer.echo(f"config file: {settings.config_file or '(none: no kgraph.toml here or above)'}")
        width = max(len(n) for n, _, _ in rows)
        for name, value, source in rows:
            typer.echo(f"{name:<{width}}  {value}  [{source}]")


def _shown(value: object) -> object:
    """A setting's value as `kgraph config` prints it (an unset optional one as "")."""
    return "" if value is None else value
