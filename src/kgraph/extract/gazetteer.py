"""Canonical names, aliases and types of the entities extraction recognises.

The data lives in ``kgraph/extract/data/<pack>/*.yaml`` (package data: ``common/`` and one
folder per language, merged by :func:`_load`; see data/README.md), extended by the current
project's ``data/extract/<pack>/*.yaml``, and is read once (again after :func:`refresh`
sees other project files). Names in
facts are canonical ("ICE" -> "Italian Trade Agency", "Politecnico di Milano" -> "Milan
Polytechnic", "Southeast Asia" -> "South-East Asia"); :func:`canonical_key` turns a
canonical name into the slug the RDF side mints IRIs from.
"""

from __future__ import annotations

import hashlib
import re
import sys
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
    "data_digest",
    "project_files",
    "refresh",
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


def _merge(a: Any, b: Any, where: str, *, override: bool = False) -> Any:
    """``b`` (a later pack) laid over ``a``: mappings key by key (keys in order of first
    appearance), word lists appended without repeats, records joined by name (see data/README.md).

    ``override`` (a project's file over the shipped packs): ``b``'s settings win where the
    two differ, and a record of ``b`` marked ``replace: true`` takes the place of ``a``'s."""
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = _merge(a[k], v, f"{where}.{k}", override=override) if k in a else v
        return out
    if isinstance(a, list) and isinstance(b, list):
        if _is_records(a) or _is_records(b):
            return _merge_records(a, b, where, override=override)
        seen = set(a)
        return a + [w for w in b if w not in seen]
    if a != b:
        if override:
            return b
        raise ConfigError(f"data packs disagree on {where}: {a!r} and {b!r}")
    return a


def _merge_records(a: list[dict[str, Any]], b: list[dict[str, Any]], where: str, *,
                   override: bool = False) -> list[dict[str, Any]]:
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
        own = {key: v for key, v in r.items() if key != REPLACE} if override else r
        if k < len(slots):
            replaced = override and r.get(REPLACE) is True
            out[slots[k]] = dict(own) if replaced else _merge(out[slots[k]], own, f"{where}[{n}]",
                                                               override=override)
        else:
            at.setdefault(n, []).append(len(out))
            out.append(dict(own))
    return out


def _load_shipped(name: str) -> Any:
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


def _load(name: str) -> Any:
    """The data file ``name`` of every pack merged: ``common/`` first, then each language pack,
    then the current project's ``data/extract/<pack>/name`` (see :func:`project_files`)."""
    merged = _load_shipped(name)
    for pack, path in project_files():
        if path.name == name:
            merged = _merge(merged, _project_words(path, pack, merged), f"{pack}/{name}", override=True)
    return merged


# --- a project's own data: <project>/data/extract/<pack>/<name>.yaml over the shipped packs ---

PROJECT_DATA = ("data", "extract")
"""Where a project keeps its extraction data, beside its ``ontology/`` and ``queries/``: the
project's ``data/`` already holds its reference data (code lists, curated links), and
``extract/<pack>/`` mirrors ``kgraph/extract/data/<pack>/``, so a shipped file is copied to
the same relative place to be extended."""

REPLACE = "replace"
"""A project record's key: ``replace: true`` puts the record in place of the shipped one."""

_REQUIRED = {"organisations.yaml": ("type",), "places.yaml": ("kind",), "segments.yaml": ("forms",)}
"""Keys a project's new (or replacing) record must give, beside ``name``: the readers index them."""


def project_folder() -> Any:
    """The current project's ``data/extract/`` (a :class:`~pathlib.Path`), or ``None``
    (the project is the folder of the nearest ``kgraph.toml``: :mod:`kgraph._project`)."""
    from .. import _project

    return _project.own(*PROJECT_DATA)


def project_files() -> list[tuple[str, Any]]:
    """``(pack, path)`` of every ``.yaml`` file of the project's ``data/extract/<pack>/``:
    ``common`` first, then the packs in name order (a folder the shipped data lacks, ``fr/``,
    is one more pack), each pack's files in name order.

    Raises:
        ConfigError: a file lies outside a pack folder, or names no shipped data file.
    """
    folder = project_folder()
    if folder is None:
        return []
    shipped = {f.name for f in resources.files("kgraph.extract").joinpath("data", COMMON).iterdir()}
    for pack in packs():
        shipped |= {f.name for f in resources.files("kgraph.extract").joinpath("data", pack).iterdir()}
    known = sorted(n for n in shipped if n.endswith(".yaml"))
    out: list[tuple[str, Any]] = []
    subs = sorted((d for d in folder.iterdir() if d.is_dir() and not d.name.startswith((".", "_"))),
                  key=lambda d: (d.name != COMMON, d.name))
    for stray in sorted(folder.glob("*.y*ml")):
        raise ConfigError(f"{stray}: a data file belongs in a pack folder: "
                          f"{folder}/<{COMMON}|en|it|...>/{stray.name}")
    for sub in subs:
        for path in sorted(sub.iterdir()):
            if path.suffix in (".yaml", ".yml") and path.is_file():
                if path.name not in known:
                    raise ConfigError(f"{path}: no data file of that name to extend "
                                      f"(the packs have {', '.join(known)})")
                out.append((sub.name, path))
    return out


def _project_words(path: Any, pack: str, shipped: Any) -> Any:
    """A project's data file, checked against the shape of the shipped data it extends.

    Raises:
        ConfigError: naming the file and line: the YAML does not parse, or a value has
            another shape than the shipped one (a list where words are a mapping, a word
            that is not text, a record with no name, an unknown key...).
    """
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}{at}: not valid YAML: {problem}") from None
    if node is None:
        return None
    _Checker(path, path.name).file(node, shipped)
    return _words(data)


_TAG = "tag:yaml.org,2002:"


class _Checker:
    """Walks a project file's YAML nodes beside the shipped data, so an error has a line."""

    def __init__(self, path: Any, name: str) -> None:
        self.path = path
        self.name = name

    def fail(self, node: yaml.Node, message: str) -> None:
        raise ConfigError(f"{self.path}:{node.start_mark.line + 1}: {message}")

    def file(self, node: yaml.Node, ref: Any) -> None:
        if isinstance(ref, list):  # a list file: its records under entries:, as the packs write them
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == "entries":
                        self.records(v, ref, "entries")
                    elif k.value != "examples":
                        self.fail(k, f"unknown key {k.value!r}: {self.name} holds its records under "
                                     "'entries:' (and test cases under 'examples:')")
                return
            self.records(node, ref, self.name)
            return
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{self.name} is a mapping of word lists, not {_what(node)}")
        assert isinstance(node, yaml.MappingNode)
        keys = {str(k): v for k, v in ref.items()}
        for k, v in node.value:
            if k.value == "examples" and "examples" not in keys:
                continue  # test cases: the loader drops them
            if k.value not in keys:
                self.fail(k, f"unknown key {k.value!r} (the keys of {self.name}: {', '.join(keys)})")
            self.value(v, keys[k.value], k.value)

    def value(self, node: yaml.Node, ref: Any, where: str) -> None:
        if isinstance(ref, dict):
            if not isinstance(node, yaml.MappingNode):
                self.fail(node, f"{where} is a mapping, not {_what(node)}")
            keys = {str(k): v for k, v in ref.items()}
            # the keys of a nested mapping are data (country codes, indicators, currencies):
            # a new one is a new group, shaped as its siblings
            sibling = next(iter(ref.values()), None)
            for k, v in node.value:
                if not isinstance(k, yaml.ScalarNode):
                    self.fail(k, f"a key of {where} must be a word")
                self.value(v, keys.get(k.value, sibling), f"{where}.{k.value}")
        elif isinstance(ref, list):
            if _is_records(ref):
                self.records(node, ref, where)
            else:
                self.words(node, where)
        elif ref is not None:
            if not isinstance(node, yaml.ScalarNode) or node.tag == _TAG + "null":
                self.fail(node, f"{where} is a single value, not {_what(node)}")

    def words(self, node: yaml.Node, where: str) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{where} is a list of words, not {_what(node)}")
        for item in node.value:
            if where == "examples" and isinstance(item, yaml.MappingNode):
                continue  # drivers.yaml: its "examples" words beside the test cases
            if not isinstance(item, yaml.ScalarNode) or item.tag != _TAG + "str":
                self.fail(item, f"a word of {where} must be text, not {_what(item)} (quote it)")

    def records(self, node: yaml.Node, ref: list[dict[str, Any]], where: str) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{where} is a list of records ({{name: ..., ...}}), not {_what(node)}")
        fields: dict[str, Any] = {}
        for r in ref:
            for k, v in r.items():
                fields.setdefault(k, v)
        names = {r["name"] for r in ref}
        allowed = {"type": set(ORG_TYPES)} if self.name == "organisations.yaml" else {}
        if self.name == "places.yaml":
            allowed = {"kind": {r["kind"] for r in ref}}
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                self.fail(item, f"a record of {where} is a mapping {{name: ..., ...}}, not {_what(item)}")
            got = {k.value: (k, v) for k, v in item.value}
            if "name" not in got or not isinstance(got["name"][1], yaml.ScalarNode) \
                    or not got["name"][1].value:
                self.fail(item, f"a record of {where} needs a name")
            name = got["name"][1].value
            for key, (k, v) in got.items():
                if key == REPLACE:
                    if v.tag != _TAG + "bool":
                        self.fail(v, f"{REPLACE} is true or false")
                    continue
                if key not in fields:
                    self.fail(k, f"unknown key {key!r} in the record {name!r} (a record of "
                                 f"{self.name} has: {', '.join(fields)}, {REPLACE})")
                if isinstance(fields[key], list):
                    self.words(v, f"{name}.{key}")
                elif not isinstance(v, yaml.ScalarNode) or v.tag == _TAG + "null":
                    self.fail(v, f"{name}.{key} is a single value, not {_what(v)}")
                elif key in allowed and v.value not in allowed[key]:
                    self.fail(v, f"{name}.{key} {v.value!r} is not one of {', '.join(sorted(allowed[key]))}")
            replaced = REPLACE in got and got[REPLACE][1].value.lower() == "true"
            if name not in names or replaced:
                missing = [k for k in _REQUIRED.get(self.name, ()) if k not in got]
                if missing:
                    why = ("replaces the shipped record" if replaced
                           else f"names no record of {self.name}, so it is a new one")
                    self.fail(item, f"{name!r} {why}: it needs {', '.join(missing)}")


def _what(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = node.tag.removeprefix(_TAG)
    return f"the {kind} {node.value!r}" if kind != "null" else "empty"


@cache
def _shipped_digest() -> str:
    digest = hashlib.sha256()
    folder = resources.files("kgraph.extract").joinpath("data")
    for pack in sorted((f for f in folder.iterdir() if f.is_dir()), key=lambda f: f.name):
        for item in sorted(pack.iterdir(), key=lambda f: f.name):
            if item.name.endswith(".yaml"):
                digest.update(f"{pack.name}/{item.name}".encode() + b"\0" + item.read_bytes() + b"\0")
    return digest.hexdigest()


def data_digest() -> str:
    """SHA-256 over the names and bytes of the data the rules read: the shipped packs, then
    the project's own files (with none, the shipped packs' digest alone). Checks the project's
    files, and :func:`refresh` makes the next reads use them.

    Raises:
        ConfigError: a project file is malformed (see :func:`_project_words`).
    """
    key = _project_key()
    if key not in _DIGESTS:
        digest = hashlib.sha256(_shipped_digest().encode())
        for pack, path in project_files():
            _project_words(path, pack, _load_shipped(path.name))
            digest.update(f"project/{pack}/{path.name}".encode() + b"\0" + path.read_bytes() + b"\0")
        _DIGESTS.clear()  # one project at a time: the last one is the one asked again
        _DIGESTS[key] = digest.hexdigest() if key else _shipped_digest()
    refresh()
    return _DIGESTS[key]


_DIGESTS: dict[tuple[Any, ...], str] = {}  # the project's files (path, mtime, size) -> digest


_LOADED: list[Any] = [object()]  # the project files the caches were filled from (none yet)


def _project_key() -> tuple[Any, ...]:
    out = []
    for _, path in project_files():
        st = path.stat()
        out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


def refresh() -> None:
    """Forget what was read from the data when the project's files are not those it was
    read from (another working folder, an edited file), so the next reads see them."""
    key = _project_key()
    if key == _LOADED[0]:
        return
    _LOADED[0] = key
    # every cache of the extraction modules is built from the data (regexes, word sets,
    # matchers): clearing them all needs no list to keep up to date
    for module_name, module in list(sys.modules.items()):
        if module is None or not (module_name == __package__ or module_name.startswith(f"{__package__}.")):
            continue
        for obj in list(vars(module).values()):
            # the type is asked, not the object: an RDF namespace answers any attribute
            if callable(getattr(type(obj), "cache_clear", None)) \
                    and getattr(obj, "__module__", None) == module_name:
                obj.cache_clear()
    _VERSION[0] += 1


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
