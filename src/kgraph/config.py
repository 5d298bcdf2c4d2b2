"""Settings from ``KGRAPH_*`` environment variables, overridable by options.

Every setting has one name; the environment variable is ``KGRAPH_`` plus the name in
upper case (``store`` -> ``KGRAPH_STORE``).
"""

from __future__ import annotations

import os
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings", "DEFAULT_STORE", "PROJECT_URL", "USER_AGENT"]

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
    extra: Mapping[str, str] = field(default_factory=dict)


def _coerce(name: str, raw: str, target: Any) -> Any:
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


def load_settings(
    overrides: Mapping[str, Any] | None = None, *, environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings from the environment, then ``overrides`` (options given on the command line).

    ``None`` values in ``overrides`` are ignored, so unset options keep the environment's value.

    Raises:
        ConfigError: a variable has a value of the wrong type.
    """
    env = os.environ if environ is None else environ
    base = Settings()
    values: dict[str, Any] = {}
    # The field types themselves, so a new setting needs no second declaration here.
    types = typing.get_type_hints(Settings)
    for f in fields(Settings):
        if f.name == "extra":
            continue
        raw = env.get(f"KGRAPH_{f.name.upper()}")
        if raw is not None:
            values[f.name] = _coerce(f.name, raw, types[f.name])
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
    return replace(base, **values)
