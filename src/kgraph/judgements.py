"""Entity resolution: which canonical entity a release's organisation, person or place is.

Extraction names an entity by its canonical name, and by default the entity's IRI is the key
of that name (``kgi:person/mario-rossi``): the same name in two releases is one entity. That
default is a guess; a person's judgement overrides it, and is kept as data so that every
later build honours it (in the manner of nomenklatura's judgements):

``judgement,left,right,source,note`` (CSV, ``data/resolution/judgements.csv`` by default,
``KGRAPH_JUDGEMENTS``), one row per judgement:

* ``same,kgi:org/simac-tanning-tech,kgi:org/simac-fair``: one entity; every release's
  ``simac-fair`` becomes ``simac-tanning-tech`` (the left side names the canonical IRI,
  unless the right side already belongs to a group an earlier line formed, whose IRI stays).
* ``different,kgi:person/mario-rossi@acimit-2025-03-03-president,kgi:person/mario-rossi@news-2025-03-04``:
  two people of one name; the right-hand release's entity is split off as
  ``kgi:person/mario-rossi~news-2025-03-04`` (``IRI@release`` names one release's entity).
  Between two canonical IRIs, ``different`` records that they must never be merged.
* ``different,kgi:org/assomac,wd:Q123``: a Wikidata candidate a person rejected; ``kgraph
  link`` never proposes or accepts it again.
* ``unsure,...``: looked at, undecided: no effect, and not proposed for review again.

Entity references are full IRIs or CURIEs of :data:`kgraph.namespaces.PREFIXES`.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from ._csvfiles import write_csv
from .errors import InputError
from .namespaces import KGI, PREFIXES, WD

__all__ = ["JUDGEMENT_COLUMNS", "JUDGEMENTS", "Judgement", "Resolver", "read_judgements",
           "append_judgements", "parse_ref", "split_iri"]

JUDGEMENTS = ("same", "different", "unsure")
JUDGEMENT_COLUMNS = ["judgement", "left", "right", "source", "note"]
_SPLIT = "~"  # kgi:person/mario-rossi~{release}: an entity split off one release's name


@dataclass(frozen=True)
class Judgement:
    """One row of the judgements file (``line`` counts from 1, the header being line 1)."""

    judgement: str
    left: str
    right: str
    source: str = ""
    note: str = ""
    line: int = 0


def parse_ref(text: str) -> tuple[URIRef, str | None]:
    """An entity reference as (IRI, release or None).

    >>> parse_ref("kgi:person/mario-rossi@news-2025-03-04")
    (rdflib.term.URIRef('https://w3id.org/kgraph/id/person/mario-rossi'), 'news-2025-03-04')
    >>> parse_ref("<http://www.wikidata.org/entity/Q42>")[0]
    rdflib.term.URIRef('http://www.wikidata.org/entity/Q42')

    Raises:
        ValueError: not an IRI or CURIE of a known prefix.
    """
    text = text.strip()
    release = None
    if text.startswith("<") and ">" in text:
        iri, rest = text[1:].split(">", 1)
        if rest.startswith("@"):
            release = rest[1:]
    else:
        iri, _, release_part = text.partition("@")
        release = release_part or None
        prefix, colon, local = iri.partition(":")
        if colon and prefix in PREFIXES and not local.startswith("//"):
            iri = PREFIXES[prefix] + local.replace("\\/", "/")
    if not iri.startswith(("http://", "https://")) or any(c in iri for c in ' <>"{}|^`\\'):
        raise ValueError(f"{text!r} is not an IRI or a CURIE (kgi:org/assomac)")
    if release is not None and not release.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ValueError(f"{text!r}: {release!r} is not a release name")
    return URIRef(iri), release


def split_iri(iri: URIRef, release: str) -> URIRef:
    """The IRI of the entity split off ``iri`` in ``release`` by a ``different`` judgement."""
    return URIRef(f"{iri}{_SPLIT}{release}")


def read_judgements(path: str | Path, *, undecided_ok: bool = False) -> list[Judgement]:
    """The judgements of a file; a missing file holds none. ``undecided_ok`` skips rows
    whose judgement cell is empty (a review file a person filled in part).

    Raises:
        InputError: the file cannot be read, lacks a column, or a row has an unknown
            judgement or a reference that is not an IRI (the message names the line).
    """
    path = Path(path)
    if not path.exists():
        return []
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = {"judgement", "left", "right"} - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"missing columns: {', '.join(sorted(missing))}", source=path)
            rows = [(n, row) for n, row in enumerate(reader, start=2)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read the judgements: {exc}", source=path) from None
    out = []
    for n, row in rows:
        kind = (row.get("judgement") or "").strip().lower()
        if not kind and (undecided_ok or not (row.get("left") or "").strip()):
            continue  # a blank line, or a pair left undecided
        if kind not in JUDGEMENTS:
            raise InputError(f"line {n}: judgement {kind!r} is not one of {', '.join(JUDGEMENTS)}",
                             source=path)
        left, right = (row.get("left") or "").strip(), (row.get("right") or "").strip()
        for ref in (left, right):
            try:
                parse_ref(ref)
            except ValueError as exc:
                raise InputError(f"line {n}: {exc}", source=path) from None
        if left == right:
            raise InputError(f"line {n}: an entity judged against itself ({left})", source=path)
        out.append(Judgement(kind, left, right, (row.get("source") or "").strip(),
                             (row.get("note") or "").strip(), n))
    return out


def append_judgements(path: str | Path, judgements: Iterable[Judgement]) -> int:
    """Add ``judgements`` to the file (created with its header when missing), replacing it
    atomically; a later judgement of the same pair replaces the earlier one. Returns the
    number written.

    Raises:
        InputError: the file cannot be read or written.
    """
    path = Path(path)
    new = list(judgements)
    old = read_judgements(path)
    pairs = {frozenset((j.left, j.right)) for j in new}
    kept = [j for j in old if frozenset((j.left, j.right)) not in pairs]
    write_csv(path, JUDGEMENT_COLUMNS,
              ({"judgement": j.judgement, "left": j.left, "right": j.right, "source": j.source,
                "note": j.note} for j in [*kept, *new]), what="judgements")
    return len(new)


@dataclass
class Resolver:
    """Maps an entity's default IRI in a release to its canonical IRI, honouring judgements.

    Raises (from the constructor):
        InputError: the judgements contradict each other (``same`` joins what a
            ``different`` keeps apart); the message names both lines.
    """

    judgements: Sequence[Judgement] = ()
    source: str | None = None
    _parent: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _splits: set[tuple[URIRef, str]] = field(default_factory=set, init=False, repr=False)
    _rejected: dict[URIRef, set[str]] = field(default_factory=dict, init=False, repr=False)
    _judged: set[frozenset[str]] = field(default_factory=set, init=False, repr=False)

    @classmethod
    def from_file(cls, path: str | Path) -> Resolver:
        """The resolver of a judgements file (none when the file does not exist).

        Raises:
            InputError: the file is malformed or contradicts itself.
        """
        return cls(read_judgements(path), source=str(path))

    def __post_init__(self) -> None:
        apart: list[tuple[str, str, Judgement]] = []
        for j in self.judgements:
            left, right = self._node(j.left), self._node(j.right)
            self._judged.add(frozenset((left, right)))
            lref, rref = parse_ref(j.left), parse_ref(j.right)
            if j.judgement == "same":
                self._union(left, right)
            elif j.judgement == "different":
                if str(rref[0]).startswith(str(WD)) and lref[1] is None:
                    self._rejected.setdefault(lref[0], set()).add(str(rref[0])[len(str(WD)):])
                elif rref[1] is not None and lref[0] == rref[0]:
                    self._splits.add((rref[0], rref[1]))
                else:
                    apart.append((left, right, j))
        for left, right, j in apart:
            if self._find(left) == self._find(right):
                same = next(s for s in self.judgements if s.judgement == "same"
                            and self._find(self._node(s.left)) == self._find(left))
                raise InputError(
                    f"line {j.line} says {j.left} and {j.right} are different, but "
                    f"line {same.line} (with the lines it joins) makes them the same entity",
                    source=self.source)

    # Each reference is a node of the union-find: a canonical IRI, or "IRI@release".
    @staticmethod
    def _node(ref: str) -> str:
        iri, release = parse_ref(ref)
        return f"{iri}@{release}" if release else str(iri)

    def _find(self, node: str) -> str:
        root = node
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(node, node) != root:  # path compression
            self._parent[node], node = root, self._parent[node]
        return root

    def _union(self, left: str, right: str) -> None:
        a, b = self._find(left), self._find(right)
        if a == b:
            return
        # The canonical IRI of a group is a plain IRI, never a release's reference; a group
        # an earlier line formed keeps its canonical IRI; otherwise the left side names it.
        if ("@" in a.rsplit("/", 1)[-1]) != ("@" in b.rsplit("/", 1)[-1]):
            if "@" in a.rsplit("/", 1)[-1]:
                a, b = b, a
        elif b in self._parent and a not in self._parent:
            a, b = b, a
        self._parent[b] = a
        self._parent.setdefault(a, a)

    def resolve(self, iri: URIRef, release: str) -> URIRef:
        """The canonical IRI of the entity that ``release`` names ``iri`` by default."""
        if not self._parent and not self._splits:
            return iri
        base = split_iri(iri, release) if (iri, release) in self._splits else iri
        for node in (f"{iri}@{release}", str(base)):
            if node in self._parent:
                root = self._find(node)
                if "@" in root.rsplit("/", 1)[-1]:
                    ref, rel = root.rsplit("@", 1)
                    return split_iri(URIRef(ref), rel) if (URIRef(ref), rel) in self._splits else URIRef(ref)
                return URIRef(root)
        return base

    def rejected_links(self, iri: URIRef) -> set[str]:
        """Wikidata QIDs a person rejected for ``iri``."""
        return set(self._rejected.get(iri, ()))

    def judged(self, left: str, right: str) -> bool:
        """Whether the pair already has a judgement (same, different or unsure)."""
        return frozenset((self._node(left), self._node(right))) in self._judged

    def is_default(self) -> bool:
        return not self._parent and not self._splits


def today_source(name: str) -> str:
    """The ``source`` cell of judgements taken from a review file today."""
    return f"{name} {dt.date.today().isoformat()}"


def local_iri(release: str, iri: URIRef) -> URIRef:
    """The release-local node of an entity: ``kgi:local/{release}/{kind}/{key}``."""
    path = str(iri)[len(str(KGI)):] if str(iri).startswith(str(KGI)) else str(iri)
    return KGI[f"local/{release}/{path}"]
