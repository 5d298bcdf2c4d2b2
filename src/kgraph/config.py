"""Settings: options over ``KGRAPH_*`` environment variables over ``kgraph.toml`` over defaults.

Every setting has one name; the environment variable is ``KGRAPH_`` plus the name in
upper case (``store`` -> ``KGRAPH_STORE``), the key in ``kgraph.toml`` is the name itself.
The file is the nearest ``kgraph.toml`` from the working folder upwards (see
:mod:`kgraph._project`); relative paths in it, and the default paths when it is found in
another folder, are taken from the file's folder, so a command run in a subfolder of a
project uses the project's store and releases.
"""

from __future__ import annotations

import os
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings", "DEFAULT_STORE", "PROJECT_URL", "USER_AGENT",
           "setting_names", "read_config_file"]

DEFAULT_STORE = "oxigraph:.kgraph/store"
PROJECT_URL = "https://github.com/kgraph-project/kgraph"
try:
    from importlib.metadata import version as _version

    __version__ = _version("kgraph")
except Exception:  # pragma: no cover - running from a source tree without metadata
    __version__ = "0.0.0"
USER_AGENT = f"kgraph/{__version__} ({PROJECT_URL}; knowledge graph of Italian machinery press releases)"


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Build with :func:`load_settings`."""

    store: str = DEFAULT_STORE
    releases: Path = Path("data/releases")
    out: Path = Path("out")
    query_timeout: float = 30.0
    max_release_bytes: int = 5 * 1024 * 1024
    wikidata_endpoint: str = "https://query.wikidata.org/sparql"
    cache_dir: Path = Path("data/cache/wikidata")
    allow_federation: bool = False
    extractor: str = "rules"
    judgements: Path = Path("data/resolution/judgements.csv")
    extract_budget: float = 60.0  # seconds one release's extraction may take; 0: no limit
    # The llm and hybrid extractors: an OpenAI-compatible API (README, "Language-model
    # extraction"). The key is kept out of repr so that printing settings never shows it.
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout: float = 120.0  # seconds per request
    llm_concurrency: int = 2  # requests at a time
    llm_max_tokens: int = 4096  # most tokens of one answer
    llm_cache_dir: Path = Path(".kgraph/llm-cache")
    llm_offline: bool = False  # answers from the cache only, never the network
    page_cache: Path = Path("data/cache/pages")  # web pages `kgraph build URL` fetched
    fetch_timeout: float = 20.0  # seconds for each network step of fetching a page
    # `kgraph serve --allow-update`'s bearer token; empty: a random one printed at start.
    serve_token: str = field(default="", repr=False)
    # The folder holding kgraph.ttl, schemes.ttl and shapes.ttl; unset: the project's
    # ontology/ over the shipped one (see kgraph.ontology.ontology_dir).
    ontology_dir: Path | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)
    """Where each setting came from: ``option``, ``env``, the config file's path, or
    ``default``."""
    config_file: Path | None = field(default=None, compare=False)


_NOT_SETTINGS = ("extra", "sources", "config_file")


def secret_names() -> frozenset[str]:
    """Settings never printed (their field is declared with ``repr=False``)."""
    return frozenset(f.name for f in fields(Settings) if not f.repr)


def setting_names() -> list[str]:
    """The names of the settings, in declaration order."""
    return [f.name for f in fields(Settings) if f.name not in _NOT_SETTINGS]


def _value_type(target: Any) -> Any:
    """The type a setting's text becomes: ``Path`` for ``Path | None``."""
    args = [a for a in typing.get_args(target) if a is not type(None)]
    return args[0] if len(args) == 1 else target


def _optional(target: Any) -> bool:
    return type(None) in typing.get_args(target)


def _coerce(name: str, raw: str, target: Any) -> Any:
    if _optional(target) and raw == "":
        return None  # an empty value unsets an optional setting
    target = _value_type(target)
    try:
        if target is bool:
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if target is int:
            return int(raw)
        if target is float:
            return float(raw)
        if target is Path:
            return Path(raw)
    except ValueError:
        raise ConfigError(
            f"KGRAPH_{name.upper()}={raw!r} is not a valid {target.__name__}"
        ) from None
    return raw


def _anchor(value: Any, folder: Path) -> Any:
    """A relative path (or ``oxigraph:`` store path) taken from ``folder``."""
    if isinstance(value, Path):
        return value if value.is_absolute() else folder / value
    if isinstance(value, str) and value.startswith("oxigraph:"):
        path = Path(value[len("oxigraph:"):])
        return value if path.is_absolute() else f"oxigraph:{folder / path}"
    return value


def read_config_file(path: Path) -> dict[str, Any]:
    """The settings of a ``kgraph.toml``, typed, relative paths taken from its folder.

    Raises:
        ConfigError: the file does not parse, names an unknown setting or has a value of
            the wrong type.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config file: {exc}", source=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"malformed TOML: {exc}", source=path) from None
    types = typing.get_type_hints(Settings)
    names = setting_names()
    folder = path.parent
    here = Path.cwd()
    out: dict[str, Any] = {}
    for key, raw in data.items():
        name = key.replace("-", "_")
        if name not in names:
            raise ConfigError(f"unknown setting {key!r} (known: {', '.join(names)})", source=path)
        target = _value_type(types[name])
        if isinstance(raw, bool) and target is bool:
            text = "true" if raw else "false"
        elif isinstance(raw, str | int | float) and not isinstance(raw, bool) and target is not bool:
            text = str(raw)
        elif isinstance(raw, str):
            text = raw
        else:
            raise ConfigError(f"{key} = {raw!r} is not a valid {target.__name__}", source=path)
        try:
            value = _coerce(name, text, types[name])
        except ConfigError:
            raise ConfigError(f"{key} = {raw!r} is not a valid {target.__name__}",
                              source=path) from None
        out[name] = value if _same_dir(folder, here) else _anchor(value, folder)
    return out


def _same_dir(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:  # pragma: no cover
        return False


def load_settings(
    overrides: Mapping[str, Any] | None = None, *, environ: Mapping[str, str] | None = None,
    config: Path | bool | None = True,
) -> Settings:
    """Settings from ``overrides`` (options given on the command line), else the
    environment, else the config file, else the defaults.

    ``None`` values in ``overrides`` are ignored, so unset options keep the other sources'
    value. ``config`` is the ``kgraph.toml`` to read; ``True`` finds the nearest one from
    the working folder upwards, ``False`` or ``None`` reads none.

    Raises:
        ConfigError: a variable or a config-file entry has a value of the wrong type, or
            the config file is malformed.
    """
    from . import _project

    env = os.environ if environ is None else environ
    base = Settings()
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    path = _project.config_file() if config is True else (config or None)
    if path is not None:
        folder = path.parent
        if not _same_dir(folder, Path.cwd()):
            for name in setting_names():
                default = getattr(base, name)
                anchored = _anchor(default, folder)
                if anchored != default:
                    values[name] = anchored
        for name, value in read_config_file(path).items():
            values[name] = value
            sources[name] = str(path)
    # The field types themselves, so a new setting needs no second declaration here.
    types = typing.get_type_hints(Settings)
    for name in setting_names():
        raw = env.get(f"KGRAPH_{name.upper()}")
        if raw is not None:
            values[name] = _coerce(name, raw, types[name])
            sources[name] = "env"
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
            sources[key] = "option"
    for name in setting_names():
        sources.setdefault(name, "default")
    return replace(base, **values, sources=sources, config_file=path)
