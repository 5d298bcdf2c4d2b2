"""Extractors: the protocol every extractor follows and the registry that finds them.

An extractor turns one :class:`~kgraph.model.Document` into an
:class:`~kgraph.model.Extraction`. kgraph ships ``rules`` (:class:`RulesExtractor`, the
rule-based reader of :mod:`kgraph.extract`) and ``llm`` and ``hybrid`` (a language model's
facts grounded in the text, alone or with the rules': :mod:`kgraph.extract.llm`); others
come from installed packages through the entry-point group ``kgraph.extractors``::

    [project.entry-points."kgraph.extractors"]
    spacy-ner = "mypackage.extractors:NerExtractor"

The entry point names a class (called with no arguments) or a ready instance. Every build
records the extractor's name, version and a hash of its configuration in the run it writes
to ``kgg:runs``, so a graph says which extractor, set up how, made it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Protocol, runtime_checkable

from ..config import __version__
from ..errors import ConfigError, ExtractorError
from ..model import Document, Extraction, Fact

__all__ = [
    "Extractor", "RulesExtractor", "EXTRACTOR_GROUP", "DEFAULT_EXTRACTOR", "get_extractor",
    "register_extractor", "unregister_extractor", "extractor_names", "config_hash",
    "canonical_config", "file_name_date", "stamp_rule", "rule_id",
]

EXTRACTOR_GROUP = "kgraph.extractors"
"""The entry-point group third-party extractors register in."""

DEFAULT_EXTRACTOR = "rules"


@runtime_checkable
class Extractor(Protocol):
    """What kgraph needs of an extractor.

    ``name`` is how users pick it (``--extractor NAME``); ``version`` is the extractor's
    own version (not kgraph's); ``config`` holds every setting that changes its output and
    must be JSON-serialisable: its canonical JSON is hashed into the run record.
    ``extract`` must not change ``document.text`` (every offset indexes into it) and should
    set ``document.language``.
    """

    name: str
    version: str
    config: dict[str, Any]

    def extract(self, document: Document) -> Extraction: ...


class RulesExtractor:
    """The built-in rule-based extractor: English and Italian patterns, gazetteer, dates."""

    name = "rules"
    version = __version__

    def __init__(self) -> None:
        # The word lists of the package data are the rules' set-up: their digest is part of
        # the configuration, so editing a list changes the hash even at the same version.
        self.config: dict[str, Any] = {"languages": ["en", "it"], "data": _data_digest()}

    def extract(self, document: Document) -> Extraction:
        from . import gazetteer
        from .rules import extract

        gazetteer.refresh()  # the working folder's project, even for an extractor made elsewhere
        extraction = extract(document)
        if extraction.info.file_date is None:
            extraction.info.file_date = file_name_date(document.slug)
        return extraction

    def __repr__(self) -> str:
        return f"RulesExtractor(version={self.version!r})"


def _data_digest() -> str:
    """SHA-256 over the names and bytes of the rules' data files: the shipped packs
    (``extract/data/<pack>/*.yaml``) and the project's ``data/extract/<pack>/*.yaml``.

    Raises:
        ConfigError: a project data file is malformed (before anything is built).
    """
    from . import gazetteer

    return gazetteer.data_digest()


ExtractorFactory = Callable[[], Extractor]

def _llm() -> Extractor:
    from .llm import LLMExtractor

    return LLMExtractor()


def _hybrid() -> Extractor:
    from .llm import HybridExtractor

    return HybridExtractor()


_BUILTIN: dict[str, ExtractorFactory] = {"rules": RulesExtractor, "llm": _llm, "hybrid": _hybrid}
_registered: dict[str, ExtractorFactory | Extractor] = {}


def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=EXTRACTOR_GROUP)}


def extractor_names() -> list[str]:
    """Every extractor name that :func:`get_extractor` accepts, sorted (no plugin is loaded)."""
    return sorted({*_BUILTIN, *_registered, *_entry_points()})


def register_extractor(name: str, extractor: ExtractorFactory | Extractor, *,
                       replace: bool = False) -> None:
    """Make an extractor available under ``name`` in this process (no packaging needed):
    a ready instance, or a class or function called with no arguments each time it is asked for.

    Raises:
        ExtractorError: ``name`` is taken (pass ``replace=True`` to override it) or empty.
    """
    if not name or not name.strip() or name != name.strip():
        raise ExtractorError(f"extractor name {name!r} must be a non-empty word")
    if not replace and (name in _registered or name in _BUILTIN):
        raise ExtractorError(f"an extractor named {name!r} is already registered")
    _registered[name] = extractor


def unregister_extractor(name: str) -> None:
    """Forget an extractor registered with :func:`register_extractor` (no error if absent)."""
    _registered.pop(name, None)


def _instance(name: str, obj: Any, origin: str) -> Extractor:
    if not isinstance(obj, Extractor) and callable(obj):
        try:
            obj = obj()
        except ConfigError:
            raise  # its message says what to fix (a project's data file and line)
        except Exception as exc:
            raise ExtractorError(f"extractor {name!r} ({origin}) could not be created: "
                                 f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(obj, Extractor):
        raise ExtractorError(f"extractor {name!r} ({origin}) is not an extractor: it needs "
                             "name, version, config and extract(document)")
    if not isinstance(obj.version, str) or not isinstance(obj.config, dict):
        raise ExtractorError(f"extractor {name!r} ({origin}): version must be a string and "
                             "config a dict")
    canonical_config(obj.config, name=name)  # fails now rather than after the first release
    return obj


def get_extractor(name: str | Extractor | None = None) -> Extractor:
    """The extractor called ``name`` (default ``rules``); an extractor instance is returned
    as it is (after checking it).

    Names registered in this process come first, then the built-ins, then the
    ``kgraph.extractors`` entry points of the installed packages.

    Raises:
        ExtractorError: no extractor has that name (the message lists the known ones), or
            its plugin cannot be loaded or does not follow the :class:`Extractor` protocol.
    """
    if name is None:
        name = DEFAULT_EXTRACTOR
    if not isinstance(name, str):
        return _instance(getattr(name, "name", type(name).__name__), name, "given")
    if name in _registered:
        return _instance(name, _registered[name], "registered")
    if name in _BUILTIN:
        return _instance(name, _BUILTIN[name], "built-in")
    found = _entry_points().get(name)
    if found is None:
        raise ExtractorError(f"unknown extractor {name!r}", known=extractor_names())
    try:
        obj = found.load()
    except Exception as exc:
        raise ExtractorError(f"extractor {name!r} (entry point {found.value}) could not be "
                             f"loaded: {type(exc).__name__}: {exc}") from exc
    return _instance(name, obj, f"entry point {found.value}")


def canonical_config(config: dict[str, Any], *, name: str = "?") -> str:
    """The configuration as canonical JSON: keys sorted, no spaces, UTF-8 text.

    Raises:
        ExtractorError: the configuration is not JSON-serialisable.
    """
    try:
        return json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ExtractorError(f"the config of extractor {name!r} is not plain JSON: {exc}") from exc


def config_hash(config: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of an extractor's configuration."""
    return hashlib.sha256(canonical_config(config).encode("utf-8")).hexdigest()


_FILE_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})-([0-9]{2})-([0-9]{2})(?![0-9])")


def file_name_date(stem: str) -> dt.date | None:
    """The first valid ``YYYY-MM-DD`` in a file stem (``acimit-2024-11-04-orders-q3`` ->
    2024-11-04), else None."""
    for m in _FILE_DATE.finditer(stem):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def rule_id(stage: Callable[..., Any] | str) -> str:
    """The rule id of a finding stage: ``_find_fair_editions`` -> ``fair-editions``,
    ``_document_info`` -> ``document``."""
    name = stage if isinstance(stage, str) else getattr(stage, "__name__", str(stage))
    name = name.strip("_")
    for prefix in ("find_",):
        name = name.removeprefix(prefix)
    name = name.removesuffix("_info")
    return name.replace("_", "-")


def stamp_rule(facts: Iterable[Fact | None], rule: str) -> None:
    """Give ``rule`` to every fact that has none yet: a rule set where the fact is made wins."""
    for fact in facts:
        if fact is not None and fact.rule is None:
            fact.rule = rule
