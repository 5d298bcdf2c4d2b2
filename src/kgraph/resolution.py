"""Entity resolution over the store: candidate pairs for a person to judge, and applying
their judgements (``kgraph resolve --review FILE`` / ``--apply FILE``).

Each release's graph names its organisations, people and places by canonical IRIs, and its
resolution graph (``kgg:resolution/{release}``) keeps the release-local node of each with the
name that release gives it (``kgi:local/{release}/...``, ``owl:sameAs`` the canonical IRI).
Candidates are pairs of canonical entities of one kind whose names look alike:

* blocking: only entities sharing a name token (three letters or more, not a stop word) or
  an acronym are compared, so the work grows with the entities, not with their square;
* features, each in [0, 1] and named in the review file:
  ``name_overlap`` (the best token Jaccard between any two of their names),
  ``contained`` (every token of one name is in the other: "Simac" / "Simac Tanning Tech"),
  ``acronym`` (one name is the initials of the other: "UCIMU" / "Unione Costruttori ...");
  ``initial`` (people: same surname, and the first names agree on the initial: "M. Rossi");
* score: ``0.6 name_overlap + 0.3 contained + 0.5 acronym + 0.4 initial``, capped at 1;
  pairs from ``MIN_SCORE`` up are written, best first, and a pair already judged (same,
  different or unsure) is never proposed again.

Applying a review appends its judged rows to the judgements file (under version control)
and rebuilds, from the text stored in the graph, every release that names a judged entity,
so the graph follows at once and every later build keeps the decision.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from rdflib import URIRef

from ._csvfiles import inert_cell, write_csv
from .config import Settings
from .errors import InputError
from .judgements import (
    Judgement,
    Resolver,
    append_judgements,
    parse_ref,
    read_judgements,
    today_source,
)
from .namespaces import KGI
from .store import SelectResult, Store

__all__ = ["Candidate", "Entity", "REVIEW_COLUMNS", "candidates", "entities", "write_review",
           "read_review", "apply_review", "affected_releases", "MIN_SCORE"]

MIN_SCORE = 0.5
MAX_BLOCK = 200  # a token shared by more entities than this says nothing ("association")
REVIEW_COLUMNS = ["judgement", "left", "right", "score", "features", "left_names", "right_names",
                  "kind"]
_STOP = frozenset("""the and for of del della dei degli delle di da per con the association
associazione italian italiana italiano spa srl group gruppo company""".split())
_WORD = re.compile(r"[^\W_]+")

_LOCAL_ENTITIES = """
SELECT DISTINCT ?e ?name ?release WHERE {
  GRAPH ?g { ?l a kg:LocalEntity ; owl:sameAs ?e ; kg:surfaceForm ?name ; kg:statedIn ?release }
}"""


@dataclass
class Entity:
    iri: str
    kind: str
    names: set[str] = field(default_factory=set)
    releases: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Candidate:
    left: Entity
    right: Entity
    score: float
    features: dict[str, float]


def _tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(text)


def _acronym(name: str) -> str:
    words = [w for w in _tokens(name) if w not in _STOP]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def entities(store: Store) -> list[Entity]:
    """The canonical entities of the store with the names and releases that state them."""
    rows = store.query(_LOCAL_ENTITIES)
    assert isinstance(rows, SelectResult)
    found: dict[str, Entity] = {}
    for r in rows:
        iri = str(r["e"])
        if not iri.startswith(str(KGI)):
            continue
        kind = iri[len(str(KGI)):].split("/", 1)[0]
        e = found.setdefault(iri, Entity(iri, kind))
        e.names.add(str(r["name"]))
        e.releases.add(str(r["release"]).rsplit("/", 1)[-1])
    return sorted(found.values(), key=lambda e: e.iri)


def _features(a: Entity, b: Entity) -> dict[str, float]:
    overlap = contained = acronym = initial = 0.0
    for x in a.names:
        tx = set(_tokens(x)) - _STOP
        for y in b.names:
            ty = set(_tokens(y)) - _STOP
            if tx and ty:
                overlap = max(overlap, len(tx & ty) / len(tx | ty))
                if tx <= ty or ty <= tx:
                    contained = 1.0
            if _acronym(x) and _acronym(x) == "".join(_tokens(y)):
                acronym = 1.0
            if _acronym(y) and _acronym(y) == "".join(_tokens(x)):
                acronym = 1.0
            if a.kind == b.kind == "person":
                wx, wy = _tokens(x), _tokens(y)
                if len(wx) >= 2 and len(wy) >= 2 and wx[-1] == wy[-1] and wx[0][0] == wy[0][0]:
                    initial = 1.0
    return {"name_overlap": round(overlap, 3), "contained": contained, "acronym": acronym,
            "initial": initial}


def _score(f: dict[str, float]) -> float:
    return round(min(1.0, 0.6 * f["name_overlap"] + 0.3 * f["contained"] + 0.5 * f["acronym"]
                     + 0.4 * f["initial"]), 3)


def candidates(store: Store, resolver: Resolver, *, min_score: float = MIN_SCORE) -> list[Candidate]:
    """Pairs of entities of one kind that may be one, best first; judged pairs left out."""
    ents = entities(store)
    blocks: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for e in ents:
        keys: set[str] = set()
        for name in e.names:
            keys.update(t for t in _tokens(name) if len(t) >= 3 and t not in _STOP)
            if _acronym(name):
                keys.add(_acronym(name))
            if len(_tokens(name)) == 1:
                keys.add(_tokens(name)[0])  # a one-word name meets the acronyms it may be
        for k in keys:
            blocks[(e.kind, k)].append(e)
    seen: set[tuple[str, str]] = set()
    out = []
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for a, b in combinations(members, 2):
            pair = (a.iri, b.iri) if a.iri < b.iri else (b.iri, a.iri)
            if pair in seen or resolver.judged(a.iri, b.iri):
                continue
            seen.add(pair)
            f = _features(a, b)
            s = _score(f)
            if s >= min_score:
                left, right = (a, b) if a.iri < b.iri else (b, a)
                out.append(Candidate(left, right, s, f))
    out.sort(key=lambda c: (-c.score, c.left.iri, c.right.iri))
    return out




def _curie(iri: str) -> str:
    return "kgi:" + iri[len(str(KGI)):] if iri.startswith(str(KGI)) else iri


def write_review(path: str | Path, found: Iterable[Candidate]) -> int:
    """Write candidate pairs for a person to judge; returns how many. The file is
    replaced atomically.

    Raises:
        InputError: the file cannot be written.
    """
    path = Path(path)
    rows = [{"judgement": "", "left": _curie(c.left.iri), "right": _curie(c.right.iri),
             "score": f"{c.score:.3f}",
             "features": " ".join(f"{k}={v:g}" for k, v in c.features.items() if v),
             "left_names": inert_cell(" | ".join(sorted(c.left.names))),
             "right_names": inert_cell(" | ".join(sorted(c.right.names))), "kind": c.left.kind}
            for c in found]
    write_csv(path, REVIEW_COLUMNS, rows, what="review file")
    return len(rows)


def read_review(path: str | Path) -> list[Judgement]:
    """The judged rows of an edited review file (``judgement`` is same, different or
    unsure; an empty cell is no decision).

    Raises:
        InputError: the file cannot be read, or a row has another judgement or a bad IRI.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("no such review file", source=path)
    judged = read_judgements(path, undecided_ok=True)
    source = today_source(path.name)
    return [Judgement(j.judgement, j.left, j.right, source, j.note, j.line) for j in judged]


_NAMING = """
SELECT DISTINCT ?release WHERE {
  GRAPH ?g { ?l a kg:LocalEntity ; owl:sameAs ?e ; kg:statedIn ?release }
}"""


def affected_releases(store: Store, judgements: Iterable[Judgement]) -> list[str]:
    """The releases whose graphs change when ``judgements`` are applied: those naming a
    judged entity, or named in a judgement's ``IRI@release``."""
    slugs: set[str] = set()
    for j in judgements:
        for ref in (j.left, j.right):
            iri, release = parse_ref(ref)
            if release:
                slugs.add(release)
                continue
            rows = store.query(_NAMING, bindings={"e": iri})
            assert isinstance(rows, SelectResult)
            slugs.update(str(r["release"]).rsplit("/", 1)[-1] for r in rows)
    return sorted(slugs)


def apply_review(store: Store, settings: Settings, path: str | Path) -> tuple[int, list[str]]:
    """Record the judged rows of a review file in the judgements file and rebuild the
    releases they touch; returns (judgements recorded, releases rebuilt).

    The judgements are checked together with the recorded ones before anything is written:
    a contradiction leaves the file and the store as they were.

    Raises:
        InputError: the review file is malformed, or its judgements contradict the
            recorded ones (nothing is written).
    """
    from .pipeline import rebuild

    new = read_review(path)
    if not new:
        return 0, []
    recorded = read_judgements(settings.judgements)
    pairs = {frozenset((j.left, j.right)) for j in new}
    Resolver([*[j for j in recorded if frozenset((j.left, j.right)) not in pairs], *new],
             source=str(path))  # raises on a contradiction, before anything is written
    for j in new:
        for ref in (j.left, j.right):
            iri, _ = parse_ref(ref)
            if iri.startswith(str(KGI)) and not _known(store, iri) and "~" not in iri:
                raise InputError(f"line {j.line}: {ref} is not an entity of the store", source=path)
    append_judgements(settings.judgements, new)
    slugs = affected_releases(store, new)
    rebuild(store, slugs, settings=settings)
    return len(new), slugs


def _known(store: Store, iri: URIRef) -> bool:
    res = store.query("ASK { GRAPH ?g { ?l owl:sameAs ?e } }", bindings={"e": iri})
    return bool(res)
