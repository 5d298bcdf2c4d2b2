"""The JSON Schema a model's answer must follow, generated from :mod:`kgraph.model` and the
ontology's schemes, and a validator for the part of JSON Schema it uses.

Each kind of fact a model may propose is a :mod:`kgraph.model` dataclass; its fields become
the properties of one object schema (``evidence`` becomes ``quote``, the verbatim text the
fact stands on). Closed vocabularies come from the ontology (``ontology/schemes.ttl``:
indicator keys, units, market relations, sectors) and the package data (organisation types,
role words); the period follows the contract's notation. Every property is required and no
other is allowed (what "strict" structured output asks), optional ones taking ``null``.

:func:`answer_schema` is what the server is asked to follow; :func:`check_fact` judges each
proposed fact alone against its kind's part of it, so that one fact of the wrong shape is
dropped (with its reason) without costing the others of the answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import types
import typing
from dataclasses import fields
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ...model import (
    MARKET_RELATIONS,
    ORG_TYPES,
    PLACE_KINDS,
    UNITS,
    Driver,
    Event,
    Fact,
    MarketRelation,
    Membership,
    Observation,
    Organisation,
    OrgRelation,
    Person,
    Place,
    Priority,
    Quotation,
    Segment,
)

__all__ = ["FACT_KINDS", "KIND_OF", "PERIOD_PATTERN", "DATE_PATTERN", "answer_schema",
           "kind_schemas", "schema_hash", "validate", "check_fact", "vocabularies"]

FACT_KINDS: dict[str, type[Fact]] = {
    "organisation": Organisation,
    "person": Person,
    "place": Place,
    "membership": Membership,
    "observation": Observation,
    "market": MarketRelation,
    "org_relation": OrgRelation,
    "event": Event,
    "segment": Segment,
    "priority": Priority,
    "driver": Driver,
    "quotation": Quotation,
}
"""The kinds of fact a model may propose, by the name its answer gives them (``fact``):
every kind of :mod:`kgraph.model` but the document record, which the rules read."""

KIND_OF: dict[type[Fact], str] = {cls: kind for kind, cls in FACT_KINDS.items()}

PERIOD_PATTERN = r"^[0-9]{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])(/[0-9]{4}-(0[1-9]|1[0-2]))?))?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

# Fields left to kgraph, never asked of a model: aliases and an organisation's parent and
# city come from the gazetteer, qualifiers and index bases from the rules' reading of the
# text around a figure. _KEEP asks them where they mean something else: a figure's unit, a
# membership's unit (a department), an event's city, a segment's parent sector.
_LEFT_OUT = {"evidence", "rule", "aliases", "parent", "qualifiers", "base", "city", "unit"}
_KEEP: dict[type[Fact], set[str]] = {Observation: {"unit"}, Event: {"city"}, Segment: {"parent"},
                                     Membership: {"unit"}}


@lru_cache(maxsize=1)
def vocabularies() -> dict[str, tuple[str, ...]]:
    """The closed word lists of the schema: from the ontology's schemes where it is
    installed, else from the model's constants and the package data alone."""
    from .. import gazetteer

    out: dict[str, tuple[str, ...]] = {
        "unit": UNITS, "relation": MARKET_RELATIONS, "org_type": ORG_TYPES,
        "place_kind": PLACE_KINDS, "event_kind": _event_kinds(),
        "role": tuple(sorted({r.name for r in gazetteer.roles()})),
    }
    indicators: set[str] = set()
    sectors: set[str] = {s.name for s in gazetteer.standalone_segments()}
    try:
        from rdflib import RDF

        from ...namespaces import KG, SKOS
        from ...ontology import load_ontology

        graph = load_ontology()
        for s in graph.subjects(RDF.type, KG.Indicator):
            notation = graph.value(s, SKOS.notation)
            if notation is not None:
                indicators.add(str(notation))
        for cls in (KG.Sector, KG.Segment):
            for s in graph.subjects(RDF.type, cls):
                for label in graph.objects(s, SKOS.prefLabel):
                    if getattr(label, "language", None) == "en":
                        sectors.add(str(label))
        units = {str(graph.value(s, SKOS.notation)) for s in graph.subjects(RDF.type, KG.Unit)}
        if units >= set(UNITS):
            out["unit"] = tuple(u for u in UNITS if u in units)
    except Exception:  # noqa: BLE001 - an installation without the ontology still extracts
        pass
    if not indicators:
        indicators = set(gazetteer.indicator_cues())
    out["indicator"] = tuple(sorted(indicators))
    out["sector"] = tuple(sorted(sectors))
    return out


def _event_kinds() -> tuple[str, ...]:
    """The kinds of event with a class of their own, as the schema registry reads the ontology."""
    from ...schema import registry

    return tuple(str(c).rsplit("#", 1)[-1] for c in registry().event_classes)


def _enum_for(cls: type[Fact], name: str) -> tuple[str, ...] | None:
    v = vocabularies()
    return {
        (Organisation, "type"): v["org_type"],
        (Place, "kind"): v["place_kind"],
        (Observation, "indicator"): v["indicator"],
        (Observation, "unit"): v["unit"],
        (Observation, "scope"): v["sector"],
        (MarketRelation, "relation"): v["relation"],
        (MarketRelation, "scope"): v["sector"],
        (Event, "kind"): v["event_kind"],
        (Segment, "parent"): v["sector"],
    }.get((cls, name))


def _property(cls: type[Fact], name: str, hint: Any) -> dict[str, Any]:
    args = typing.get_args(hint)
    optional = (typing.get_origin(hint) in (typing.Union, types.UnionType)
                and type(None) in args)
    base = next((a for a in args if a is not type(None)), hint) if optional else hint
    prop: dict[str, Any]
    if typing.get_origin(base) is typing.Literal:
        prop = {"type": "string", "enum": list(typing.get_args(base))}
    elif base is Decimal:
        prop = {"type": "number"}
    elif base is dt.date:
        prop = {"type": "string", "pattern": DATE_PATTERN}
    elif typing.get_origin(base) is tuple:
        prop = {"type": "array", "items": {"type": "string"}}
    else:
        prop = {"type": "string"}
        enum = _enum_for(cls, name)
        if enum:
            prop["enum"] = list(enum)
        elif cls is Observation and name == "period":
            prop["pattern"] = PERIOD_PATTERN
    if optional:
        prop["type"] = [prop["type"], "null"]
        if "enum" in prop:
            prop["enum"] = [*prop["enum"], None]
    return prop


def _kind_schema(kind: str, cls: type[Fact]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {
        "fact": {"type": "string", "enum": [kind]},
        # No minLength: not every structured-output server takes it; grounding refuses short quotes.
        "quote": {"type": "string"},
        # Where the model says the quote starts in the text it was given: a hint only, to
        # choose between two places a quote occurs; stored offsets are always recomputed.
        "offset": {"type": ["integer", "null"]},
    }
    for f in fields(cls):
        if f.name in _LEFT_OUT and f.name not in _KEEP.get(cls, set()):
            continue
        props[f.name] = _property(cls, f.name, hints[f.name])
    return {"type": "object", "properties": props, "required": list(props),
            "additionalProperties": False}


@lru_cache(maxsize=1)
def _schema_json() -> str:
    schema = {
        "type": "object",
        "properties": {"facts": {"type": "array", "items": {
            "anyOf": [_kind_schema(k, c) for k, c in FACT_KINDS.items()]}}},
        "required": ["facts"],
        "additionalProperties": False,
    }
    return json.dumps(schema, sort_keys=True, ensure_ascii=False)


ENVELOPE: dict[str, Any] = {
    "type": "object",
    "properties": {"facts": {"type": "array"}},
    "required": ["facts"],
    "additionalProperties": False,
}
"""What an answer must be as a whole to be read at all (each fact is then checked alone)."""


@lru_cache(maxsize=1)
def _kind_schemas_json() -> str:
    return json.dumps({k: _kind_schema(k, c) for k, c in FACT_KINDS.items()}, sort_keys=True)


def kind_schemas() -> dict[str, dict[str, Any]]:
    """The object schema of each kind of fact, by the kind's name (a copy of one's own)."""
    result: dict[str, dict[str, Any]] = json.loads(_kind_schemas_json())
    return result


@lru_cache(maxsize=1)
def _shared_kind_schemas() -> dict[str, dict[str, Any]]:
    return kind_schemas()  # read, never changed: parsed once for every fact checked


def check_fact(item: Any) -> tuple[str, str | None]:
    """``(kind, why)`` of one proposed fact: the kind it claims (``"?"`` when none) and the
    first way it breaks that kind's shape, or None when it keeps it.

    Beyond the JSON Schema: a date must be a day of the calendar, a name or text not blank,
    and an event must say something besides its kind.
    """
    if not isinstance(item, dict):
        return "?", f"a fact must be an object, not {type(item).__name__}"
    kind = item.get("fact")
    schemas = _shared_kind_schemas()
    if not isinstance(kind, str) or kind not in schemas:
        return "?", f"unknown kind of fact {kind!r}"
    error = validate(item, schemas[kind], "$")
    if error:
        return kind, error
    for name, sub in schemas[kind]["properties"].items():
        value = item.get(name)
        if sub.get("pattern") == DATE_PATTERN and isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return kind, f"$.{name}: {value!r} is no day of the calendar"
        nullable = isinstance(sub.get("type"), list) and "null" in sub["type"]
        if name not in ("fact", "quote") and isinstance(value, str) and not value.strip() \
                and not nullable:  # "" in an optional field says what null says
            return kind, f"$.{name}: blank"
        if isinstance(value, list) and any(not str(v).strip() for v in value):
            return kind, f"$.{name}: a blank name in the list"
    if kind == "event" and not any(item.get(k) for k in ("organiser", "date", "venue", "city",
                                                         "title", "participants")):
        return kind, "an event with nothing but its kind"
    return kind, None


def answer_schema() -> dict[str, Any]:
    """The JSON Schema of a model's answer: ``{"facts": [...]}``, each fact one of
    :data:`FACT_KINDS` with the quote it stands on."""
    result: dict[str, Any] = json.loads(_schema_json())
    return result


def schema_hash() -> str:
    """SHA-256 of the schema's canonical JSON (part of every cache key)."""
    return hashlib.sha256(_schema_json().encode("utf-8")).hexdigest()


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "null": (type(None),),
    "number": (int, float, Decimal), "integer": (int,), "boolean": (bool,),
}


def validate(value: Any, schema: dict[str, Any], path: str = "$") -> str | None:
    """The first way ``value`` breaks ``schema`` (a message with its JSON path), or None.

    Covers what :func:`answer_schema` uses: type, enum, pattern, minLength, properties,
    required, additionalProperties false, items and anyOf.
    """
    if "anyOf" in schema:
        errors = [validate(value, s, path) for s in schema["anyOf"]]
        if all(errors):
            kind = value.get("fact") if isinstance(value, dict) else None
            for s, e in zip(schema["anyOf"], errors, strict=True):
                if kind in s.get("properties", {}).get("fact", {}).get("enum", []):
                    return e
            return f"{path}: matches none of the allowed shapes"
        return None
    allowed = schema.get("type")
    if allowed is not None:
        names = allowed if isinstance(allowed, list) else [allowed]
        ok = any(isinstance(value, _TYPES[n]) and not (n in ("number", "integer")
                                                       and isinstance(value, bool))
                 for n in names)
        if not ok:
            return f"{path}: expected {' or '.join(names)}, got {type(value).__name__}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{path}: {value!r} is not one of the allowed values"
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            return f"{path}: shorter than {schema['minLength']} characters"
        if "pattern" in schema and not re.search(schema["pattern"], value):
            return f"{path}: {value!r} does not match {schema['pattern']}"
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                return f"{path}: {key!r} is missing"
        if schema.get("additionalProperties") is False:
            extra = sorted(set(value) - set(props))
            if extra:
                return f"{path}: {extra[0]!r} is not allowed"
        for key, sub in props.items():
            if key in value:
                error = validate(value[key], sub, f"{path}.{key}")
                if error:
                    return error
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            error = validate(item, schema["items"], f"{path}[{i}]")
            if error:
                return error
    return None
