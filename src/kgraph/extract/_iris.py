"""Instance IRIs: deterministic keys from canonical names (the contract's IRI table).

Every instance IRI kgraph mints is built here, from names the text side has already
resolved to their canonical form, so the same entity in several releases is one IRI.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

from ..namespaces import KGI
from .gazetteer import canonical_key as _gazetteer_key

__all__ = [
    "canonical_key", "notation_key", "release_iri", "org_iri", "person_iri", "place_iri",
    "role_iri", "unit_iri", "membership_iri", "event_iri", "sector_iri", "indicator_iri",
    "measure_unit_iri", "status_iri", "period_iri", "market_relation_iri", "priority_iri",
    "driver_iri", "programme_iri", "observation_iri", "market_fact_iri", "statement_iri",
    "quote_iri", "org_relation_iri", "annotation_iri", "run_iri", "DATASET", "DSD",
    "SECTOR_SCHEME", "kind_key",
]

_NOTATION = re.compile(r"[^A-Za-z0-9_.-]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@lru_cache(maxsize=65536)
def canonical_key(name: str) -> str:
    """``"Politecnico di Milano"`` -> ``"politecnico-di-milano"``: the gazetteer's key
    (lower case, accents stripped, every run of other characters one ``-``).

    Raises:
        ValueError: nothing of ``name`` survives (it has no letter or digit).
    """
    key = _gazetteer_key(name)
    if not key:
        raise ValueError(f"{name!r} has no letter or digit to make a key from")
    return key


def notation_key(notation: str) -> str:
    """A code used as is in an IRI (``world_export_share``, ``EUR``); ``/`` in month
    ranges becomes ``_`` (``2024-01/2024-08`` -> ``2024-01_2024-08``).

    Raises:
        ValueError: the notation is empty.
    """
    key = _NOTATION.sub("_", notation.strip()).strip("_")
    if not key:
        raise ValueError(f"{notation!r} is not a usable notation")
    return key


def kind_key(kind: str) -> str:
    """``"GeneralAssembly"`` -> ``"general-assembly"``."""
    return canonical_key(_CAMEL.sub("-", kind))


def release_iri(slug: str) -> URIRef:
    return KGI[f"release/{slug}"]


def org_iri(name: str) -> URIRef:
    return KGI[f"org/{canonical_key(name)}"]


def person_iri(name: str) -> URIRef:
    return KGI[f"person/{canonical_key(name)}"]


def place_iri(name: str) -> URIRef:
    return KGI[f"place/{canonical_key(name)}"]


def role_iri(role: str) -> URIRef:
    return KGI[f"role/{canonical_key(role)}"]


def unit_iri(organisation: str, unit: str) -> URIRef:
    return KGI[f"unit/{canonical_key(organisation)}/{canonical_key(unit)}"]


def membership_iri(release: str, person: str, organisation: str, role: str,
                   unit: str | None = None) -> URIRef:
    """One release's claim that ``person`` holds ``role`` in ``organisation``.

    The release is part of the key, as for observations: two releases may give the same
    post different dates, and each claim keeps its own dates and provenance (a shared node
    would carry two intervals, and its triples would repeat in every release graph)."""
    tail = f"/{canonical_key(unit)}" if unit else ""
    return KGI[
        f"membership/{release}/{canonical_key(person)}/{canonical_key(organisation)}/"
        f"{canonical_key(role)}{tail}"
    ]


def event_iri(release: str, organiser_or_release: str, kind: str, date_or_n: str) -> URIRef:
    """One release's account of an event. Like a membership, the release is part of the key:
    two releases may name another venue or end date for one assembly, and each account
    keeps its own (the event itself is the organiser, kind and day they share)."""
    return KGI[f"event/{release}/{canonical_key(organiser_or_release)}/{kind_key(kind)}/{date_or_n}"]


def sector_iri(name: str) -> URIRef:
    return KGI[f"sector/{canonical_key(name)}"]


def indicator_iri(key: str) -> URIRef:
    return KGI[f"indicator/{notation_key(key)}"]


def measure_unit_iri(notation: str) -> URIRef:
    return KGI[f"measure-unit/{notation_key(notation)}"]


def status_iri(status: str) -> URIRef:
    return KGI[f"status/{canonical_key(status)}"]


def period_iri(notation: str) -> URIRef:
    return KGI[f"period/{notation_key(notation)}"]


def market_relation_iri(notation: str) -> URIRef:
    return KGI[f"market-relation/{notation_key(notation)}"]


def priority_iri(text: str) -> URIRef:
    return KGI[f"priority/{canonical_key(text)}"]


def driver_iri(text: str) -> URIRef:
    return KGI[f"driver/{canonical_key(text)}"]


def programme_iri(name: str) -> URIRef:
    return KGI[f"programme/{canonical_key(name)}"]


def observation_iri(slug: str, indicator: str, n: int) -> URIRef:
    return KGI[f"obs/{slug}/{notation_key(indicator)}/{n}"]


def market_fact_iri(slug: str, place: str, relation: str) -> URIRef:
    return KGI[f"market-fact/{slug}/{canonical_key(place)}/{notation_key(relation)}"]


def statement_iri(slug: str, kind: str, text: str) -> URIRef:
    return KGI[f"statement/{slug}/{kind}/{canonical_key(text)}"]


def quote_iri(slug: str, start: int) -> URIRef:
    return KGI[f"quote/{slug}/{start}"]


def org_relation_iri(slug: str, subject: str, relation: str, obj: str) -> URIRef:
    return KGI[
        f"org-relation/{slug}/{canonical_key(subject)}/{notation_key(relation)}/{canonical_key(obj)}"
    ]


def annotation_iri(slug: str, start: int, end: int) -> URIRef:
    return KGI[f"annotation/{slug}/{start}-{end}"]


def run_iri(slug: str, sha256: str) -> URIRef:
    return KGI[f"run/{slug}/{sha256[:12]}"]


DATASET = KGI["dataset/indicators"]
DSD = KGI["dsd/indicators"]
SECTOR_SCHEME = KGI["scheme/sector"]
