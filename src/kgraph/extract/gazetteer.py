"""Canonical names, aliases and types of the entities extraction recognises.

The data lives in ``kgraph/extract/data/<pack>/*.yaml`` (package data: ``common/`` and one
folder per language, merged by :func:`_load`; see data/README.md) and is read once. Names in
facts are canonical ("ICE" -> "Italian Trade Agency", "Politecnico di Milano" -> "Milan
Polytechnic", "Southeast Asia" -> "South-East Asia"); :func:`canonical_key` turns a
canonical name into the slug the RDF side mints IRIs from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from ..errors import ConfigError
from ..model import ORG_TYPES

__all__ = [
    "Kind",
    "OrgEntry",
    "PlaceEntry",
    "RoleEntry",
    "SegmentItem",
    "canonical_key",
    "fold",
    "resolve",
    "organisations",
    "places",
    "roles",
    "segment_items",
    "standalone_segments",
    "segment_heads",
    "indicator_cues",
    "cue_lexicon",
    "relation_cues",
    "appointment_words",
    "segment_name",
    "add_organisations",
    "reset",
    "version",
]

Kind = Literal["organisation", "place", "role", "segment"]


def fold(text: str) -> str:
    """Lower case with accents stripped (offset-preserving only for precomposed Latin text)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def canonical_key(name: str) -> str:
    """The normalised slug of a name: lower case, accents stripped, other characters to "-".

    >>> canonical_key("Confindùstria S.p.A.")
    'confindustria-s-p-a'
    """
    return "-".join(re.findall(r"[a-z0-9]+", fold(name)))


@dataclass(frozen=True)
class OrgEntry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    city: str | None = None
    sector: str | None = None  # sector associations: the sector they represent
    compounds: bool = False  # the name begins its federations' names ("Confindustria Macchine")


@dataclass(frozen=True)
class PlaceEntry:
    name: str
    kind: str  # country, region, city, aggregate
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    iso2: str | None = None
    m49: str | None = None


@dataclass(frozen=True)
class RoleEntry:
    name: str
    aliases: tuple[str, ...] = ()
    plurals: tuple[str, ...] = ()  # plural forms: the role of each name in a list that follows
    offices: tuple[str, ...] = ()  # the post as a noun: "la presidenza di X" names its holder
    portfolio: bool = False  # a government post: "Minister of Labour" is of the Ministry of Labour
    verbs: tuple[str, ...] = ()  # the post as a verb: "X, who heads Y"


@dataclass(frozen=True)
class SegmentItem:
    name: str
    forms: tuple[str, ...]


COMMON = "common"


def packs() -> tuple[str, ...]:
    """The language packs: every folder of ``data/`` but ``common/``, in name order ("en", "it").

    A new folder (``data/fr/``) is a new pack: nothing in the code lists them.
    """
    folder = resources.files("kgraph.extract").joinpath("data")
    return tuple(sorted(f.name for f in folder.iterdir() if f.is_dir() and not f.name.startswith(("_", "."))
                        and f.name != COMMON))


def _read(pack: str, name: str) -> Any:
    item = resources.files("kgraph.extract").joinpath("data", pack, name)
    if not item.is_file():
        return None
    try:
        return yaml.safe_load(item.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:  # pragma: no cover - broken installation
        raise ConfigError(f"gazetteer data file {pack}/{name} cannot be read: {exc}") from exc


def _words(data: Any) -> Any:
    """A pack file without its test cases: the mappings under ``examples:`` (drivers.yaml's own
    ``examples`` group of words, "such as", stays) and the ``entries:`` wrapper of a list file."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    if isinstance(data.get("examples"), list):
        words = [w for w in data["examples"] if not isinstance(w, dict)]
        if words:
            data["examples"] = words
        else:
            del data["examples"]
    if set(data) == {"entries"}:
        return data["entries"]
    return data


def _is_records(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(d, dict) and "name" in d for d in items)


def _merge(a: Any, b: Any, where: str) -> Any:
    """``b`` (a later pack) laid over ``a``: mappings key by key (keys in order of first
    appearance), word lists appended without repeats, records joined by name (see data/README.md)."""
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = _merge(a[k], v, f"{where}.{k}") if k in a else v
        return out
    if isinstance(a, list) and isinstance(b, list):
        if _is_records(a) or _is_records(b):
            return _merge_records(a, b, where)
        seen = set(a)
        return a + [w for w in b if w not in seen]
    if a != b:
        raise ConfigError(f"data packs disagree on {where}: {a!r} and {b!r}")
    return a


def _merge_records(a: list[dict[str, Any]], b: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    # a name listed twice (segments.yaml: "capital goods" as a segment and as an umbrella) is
    # matched occurrence by occurrence, so each pack lists such records in the same order
    out = [dict(r) for r in a]
    at: dict[str, list[int]] = {}
    for i, r in enumerate(out):
        at.setdefault(r["name"], []).append(i)
    used: dict[str, int] = {}
    for r in b:
        n = r["name"]
        k = used.get(n, 0)
        used[n] = k + 1
        slots = at.get(n, [])
        if k < len(slots):
            out[slots[k]] = _merge(out[slots[k]], r, f"{where}[{n}]")
        else:
            at.setdefault(n, []).append(len(out))
            out.append(dict(r))
    return out


def _load(name: str) -> Any:
    """The data file ``name`` of every pack merged: ``common/`` first, then each language pack."""
    merged: Any = None
    found = False
    for pack in (COMMON, *packs()):
        data = _read(pack, name)
        if data is not None:
            found = True
            merged = _merge(merged, _words(data), name)
    if not found:
        raise ConfigError(f"gazetteer data file {name} is in no pack")
    return merged


def examples() -> list[tuple[str, str, dict[str, Any]]]:
    """Every test case of the data files: ``(pack, file name, case)`` with ``case`` a mapping
    ``{id, text, expect}`` (data/README.md); tests/test_extract_examples.py runs them."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    folder = resources.files("kgraph.extract").joinpath("data")
    for pack in (COMMON, *packs()):
        for item in sorted(folder.joinpath(pack).iterdir(), key=lambda f: f.name):
            if not item.name.endswith(".yaml"):
                continue
            data = _read(pack, item.name)
            cases = data.get("examples") if isinstance(data, dict) else None
            out += [(pack, item.name, c) for c in cases or () if isinstance(c, dict)]
    return out


_EXTRA_ORGS: list[OrgEntry] = []
_VERSION = [0]


def version() -> int:
    """Changes whenever :func:`add_organisations` extends the gazetteer (matcher caches key on it)."""
    return _VERSION[0]


def add_organisations(entries: Iterable[OrgEntry]) -> int:
    """Extend the gazetteer at run time, e.g. with the organisation labels and aliases already
    in the graph, so later releases recognise names an earlier release introduced.

    Entries whose canonical key is already known are ignored. Returns how many were added.
    Raises :class:`~kgraph.errors.ConfigError` when an entry has an unknown type.
    """
    known = {canonical_key(n) for o in organisations() for n in (o.name, *o.aliases)}
    added = 0
    for e in entries:
        if e.type not in ORG_TYPES:
            raise ConfigError(f"organisation {e.name!r} has unknown type {e.type!r}")
        if canonical_key(e.name) in known or not canonical_key(e.name):
            continue
        _EXTRA_ORGS.append(e)
        known.add(canonical_key(e.name))
        added += 1
    if added:
        _VERSION[0] += 1
        organisations.cache_clear()
        _index.cache_clear()
    return added


def reset() -> None:
    """Forget the organisations added at run time (back to the packaged data)."""
    if _EXTRA_ORGS:
        _EXTRA_ORGS.clear()
        _VERSION[0] += 1
        organisations.cache_clear()
        _index.cache_clear()


@cache
def organisations() -> tuple[OrgEntry, ...]:
    """Every known organisation (the packaged data plus any added at run time)."""
    base = tuple(OrgEntry(d["name"], d["type"], tuple(d.get("aliases") or ()), d.get("city"),
                          d.get("sector"), bool(d.get("compounds")))
                 for d in _load("organisations.yaml"))
    return base + tuple(_EXTRA_ORGS)


@cache
def places() -> tuple[PlaceEntry, ...]:
    """Every known place: countries, regions, aggregates ("foreign markets") and cities.

    ``places.yaml`` gives the places releases name most, with demonyms and Italian forms;
    every other ISO 3166-1 country comes from pycountry (English and Italian names), so that
    a list of countries is never cut short by one the file does not know.
    """
    listed = tuple(PlaceEntry(d["name"], d["kind"], tuple(d.get("aliases") or ()),
                              tuple(d.get("adjectives") or ()), d.get("iso2"),
                              str(d["m49"]) if d.get("m49") else None)
                   for d in _load("places.yaml"))
    return _with_iso_countries(listed)


def _uninvert(name: str) -> str:
    """ "Korea, Republic of" -> "Republic of Korea": ISO puts the qualifier after a comma."""
    head, sep, tail = name.partition(", ")
    return f"{tail} {head}" if sep else name


def _with_iso_countries(listed: tuple[PlaceEntry, ...]) -> tuple[PlaceEntry, ...]:
    import gettext

    import pycountry

    extra = _load("countries.yaml") or {}
    ambiguous = {fold(n) for n in extra.get("ambiguous") or ()}
    more_aliases: dict[str, list[str]] = {k.upper(): list(v) for k, v in (extra.get("aliases") or {}).items()}
    try:
        italian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["it"]).gettext
    except OSError:  # pragma: no cover - pycountry ships its locales
        def italian(message: str) -> str:
            return message
    taken = {fold(n) for p in listed for n in (p.name, *p.aliases)}
    by_code = {p.iso2: i for i, p in enumerate(listed) if p.iso2}
    out = list(listed)
    for c in pycountry.countries:
        code = str(c.alpha_2)
        common = getattr(c, "common_name", None)
        official = getattr(c, "official_name", None)
        forms = [_uninvert(n) for n in (common, c.name, official) if n]
        forms += [_uninvert(italian(n)) for n in (common, c.name) if n]
        forms += more_aliases.get(code, [])
        # a country name that is also a given name or a city ("Chad", "Jordan", "Monaco" --
        # Munich in Italian) is left to its longer forms
        names = [n for n in dict.fromkeys(forms) if fold(n) not in taken and fold(n) not in ambiguous]
        if code in by_code:
            i = by_code[code]
            out[i] = replace(out[i], aliases=(*out[i].aliases, *names))
        elif names:
            out.append(PlaceEntry(names[0], "country", tuple(names[1:]), (), code, str(c.numeric)))
        taken.update(fold(n) for n in names)
    return tuple(out)


@cache
def roles() -> tuple[RoleEntry, ...]:
    """Every known role with its English and Italian names."""
    return tuple(RoleEntry(d["name"], tuple(d.get("aliases") or ()), tuple(d.get("plurals") or ()),
                           tuple(d.get("offices") or ()), bool(d.get("portfolio")), tuple(d.get("verbs") or ()))
                 for d in _load("roles.yaml"))


@cache
def _segments() -> dict[str, Any]:
    data: dict[str, Any] = _load("segments.yaml")
    return data


@cache
def segment_items() -> tuple[SegmentItem, ...]:
    """The products a machinery phrase lists, in canonical order."""
    return tuple(SegmentItem(d["name"], tuple(d["forms"])) for d in _segments()["items"])


@cache
def standalone_segments() -> tuple[SegmentItem, ...]:
    """Segments named on their own ("spare parts", "ricambi")."""
    return tuple(SegmentItem(d["name"], tuple(d["forms"])) for d in _segments()["standalone"])


@cache
def segment_heads() -> tuple[str, ...]:
    """Head nouns of machinery phrases ("machinery", "macchine", "technologies")."""
    return tuple(_segments()["heads"])


@cache
def relation_cues() -> dict[str, tuple[str, ...]]:
    """Cue phrases of links between organisations: ``{"member_of": (...), "part_of": (...), ...}``."""
    data = _load("relations.yaml")
    return {key: tuple(str(c) for c in cues) for key, cues in data.items()}


@cache
def appointment_words() -> dict[str, tuple[str, ...]]:
    """Words of a change of post: ``{"elect": (...), "participles": (...), "succession": (...)}``."""
    data = _load("appointments.yaml")
    return {key: tuple(str(w) for w in words) for key, words in data.items()}


@cache
def indicator_cues() -> dict[str, dict[str, tuple[str, ...]]]:
    """Indicator cue words: ``{"bases": {...}, "shares": {...}, "months": {...}}``."""
    data = _load("indicators.yaml")
    return {group: {key: tuple(cues) for key, cues in table.items()} for group, table in data.items()}


@cache
def cue_lexicon(name: str) -> dict[str, tuple[str, ...]]:
    """A cue lexicon ``data/{name}.yaml``: lists of cue phrases by group (see the file's header)."""
    data = _load(f"{name}.yaml") or {}
    return {group: tuple(str(c) for c in cues) for group, cues in data.items()}


def segment_name(items: list[str]) -> str:
    """Canonical name of a machinery phrase listing ``items`` (canonical item names).

    >>> segment_name(["tannery", "footwear", "leather goods"])
    'footwear, leather goods and tannery machinery'
    """
    order = [i.name for i in segment_items()]
    ordered = sorted(dict.fromkeys(items), key=lambda n: order.index(n) if n in order else 99)
    if len(ordered) == 1:
        listed = ordered[0]
    else:
        listed = ", ".join(ordered[:-1]) + " and " + ordered[-1]
    return f"{listed} machinery"


@cache
def _index() -> dict[tuple[str, str], str]:
    idx: dict[tuple[str, str], str] = {}
    for o in organisations():
        for n in (o.name, *o.aliases):
            idx.setdefault(("organisation", canonical_key(n)), o.name)
    for p in places():
        for n in (p.name, *p.aliases):
            idx.setdefault(("place", canonical_key(n)), p.name)
    for r in roles():
        for n in (r.name, *r.aliases, *r.plurals, *r.offices):
            idx.setdefault(("role", canonical_key(n)), r.name)
    for s in standalone_segments():
        for n in (s.name, *s.forms):
            idx.setdefault(("segment", canonical_key(n)), s.name)
    return idx


def resolve(name: str, kind: Kind) -> str | None:
    """The canonical name of ``name`` as a ``kind``, or None when it is not known.

    >>> resolve("Agenzia ICE", "organisation")
    'Italian Trade Agency'
    >>> resolve("Presidente", "role")
    'President'
    """
    key = canonical_key(name)
    found = _index().get((kind, key))
    if found is None and kind == "place":
        # "Southeast Asia" and "South-East Asia" differ only by a hyphen
        compact = key.replace("-", "")
        for (k, alias), canon in _index().items():
            if k == "place" and alias.replace("-", "") == compact:
                return canon
    return found


def place(name: str) -> PlaceEntry | None:
    """The place entry of a canonical or alias name."""
    canon = resolve(name, "place")
    return next((p for p in places() if p.name == canon), None) if canon else None


def organisation(name: str) -> OrgEntry | None:
    """The organisation entry of a canonical or alias name."""
    canon = resolve(name, "organisation")
    return next((o for o in organisations() if o.name == canon), None) if canon else None


__all__ += ["place", "organisation"]
