"""Score an :class:`~kgraph.model.Extraction` against a gold file (``shared/gold/*.yaml``).

The matching rules are those of the gold README:

* **document** - one fact: date equal, place and publisher equal by name when the gold
  gives them;
* **organisations** - by name or alias (case- and accent-insensitive), type mapped to the
  same class (``Confederation`` counts as ``TradeAssociation``, ``InnovationDistrict`` as
  ``Venue``);
* **people** - each role is its own fact: person and organisation by name, the predicted
  role label contains every word of the gold role, unit words found in the unit or role
  label, start/end equal when the gold gives them; a predicted person with no role is a
  fact of its own (it only matches a gold person listed without roles);
* **events** - each given attribute is its own fact (each participant too); gold and
  predicted events are paired by how many attributes agree;
* **segments** - by label;
* **observations** - indicator, scope, period and value (within 0.5 % relative), unit and
  area when the gold gives them; a qualifier (estimated/preliminary) is a fact of its own;
* **markets** - market by name or alias and the relation;
* **relations** - subject, relation, object;
* **priorities, drivers** - every keyword (or the text, when no keywords) is contained in
  the predicted label or quote.

Matching is one-to-one (a maximum bipartite matching per kind). A kind that the gold file
does not annotate at all (its key is absent) is not scored: the analyst did not record it,
so predictions of that kind are neither right nor wrong. A key present with an empty list
is scored (every prediction is then spurious).

Each predicted fact counted as a true or false positive is also counted for the rule that
made it (``Fact.rule``, ``kg:extractionRule`` in the graph; ``(none)`` when it names none):
a rule's precision is TP / (TP + FP) over its facts, its recall TP / the gold facts of the
kinds it produced. A missed gold fact has no rule: it lowers the recall of every rule of
its kind alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .model import (
    DocumentInfo,
    Driver,
    Event,
    Extraction,
    MarketRelation,
    Membership,
    Observation,
    Organisation,
    OrgRelation,
    Person,
    Place,
    Priority,
    Segment,
)
from .schema import FactKind, Registry, registry

__all__ = [
    "KINDS",
    "Gold",
    "KindScore",
    "ReleaseScore",
    "RuleTally",
    "RuleScore",
    "NO_RULE",
    "load_gold",
    "score",
    "gold_as_extraction_facts",
]

KINDS: tuple[str, ...] = registry().gold_keys
"""The gold keys scored, in order: those of the schema registry's fact kinds."""

_RELATIVE_TOLERANCE = Decimal("0.005")


# --------------------------------------------------------------------------- gold model


@dataclass
class Gold:
    """The parsed content of one gold YAML file (records kept as plain dicts)."""

    path: str
    release: str
    language: str
    records: dict[str, list[dict[str, Any]]]  # only the kinds the file annotates

    @property
    def slug(self) -> str:
        return Path(self.release).stem


def load_gold(path: str | Path, *, schema: Registry | None = None) -> Gold:
    """Read a gold YAML file: the keys of the registry's fact kinds (``schema``, default
    the shipped one).

    Raises :class:`~kgraph.errors.InputError` naming the file when it cannot be read, is
    not YAML or lacks the ``release`` key.
    """
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror or exc}", source=p) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"not a valid YAML gold file: {exc}", source=p) from exc
    if not isinstance(data, dict) or "release" not in data:
        raise InputError("a gold file is a mapping with at least a 'release' key", source=p)
    records: dict[str, list[dict[str, Any]]] = {}
    for kind in (schema or registry()).gold_keys:
        if kind not in data:
            continue
        value = data[kind]
        if kind == "document":
            value = [value] if value else []
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
            raise InputError(f"'{kind}' must be a list of mappings", source=p)
        records[kind] = value
    return Gold(path=str(p), release=str(data["release"]), language=str(data.get("language", "en")),
                records=records)


# --------------------------------------------------------------------------- scores

NO_RULE = "(none)"
"""The rule a predicted fact is counted under when it names none."""


@dataclass
class RuleTally:
    """True and false positives of one rule within one kind."""

    tp: int = 0
    fp: int = 0

    def __add__(self, other: RuleTally) -> RuleTally:
        return RuleTally(self.tp + other.tp, self.fp + other.fp)


def _merge_rules(a: dict[str, RuleTally], b: dict[str, RuleTally]) -> dict[str, RuleTally]:
    out = dict(a)
    for rule, t in b.items():
        out[rule] = out.get(rule, RuleTally()) + t
    return out


@dataclass
class KindScore:
    """True/false positives and false negatives of one fact kind, with what went wrong."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    by_rule: dict[str, RuleTally] = field(default_factory=dict)  # TP/FP of each rule

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                         self.misses + other.misses, self.spurious + other.spurious,
                         _merge_rules(self.by_rule, other.by_rule))

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "misses": list(self.misses),
                "spurious": list(self.spurious)}


@dataclass
class RuleScore:
    """One rule's true and false positives per kind, with each kind's number of gold facts."""

    rule: str
    kinds: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # kind -> (tp, fp, gold)

    @property
    def tp(self) -> int:
        return sum(k[0] for k in self.kinds.values())

    @property
    def fp(self) -> int:
        return sum(k[1] for k in self.kinds.values())

    @property
    def gold(self) -> int:
        return sum(k[2] for k in self.kinds.values())

    @staticmethod
    def _p(tp: int, fp: int) -> float:
        return tp / (tp + fp) if tp + fp else 1.0

    @staticmethod
    def _r(tp: int, gold: int) -> float:
        return tp / gold if gold else 1.0

    @property
    def precision(self) -> float:
        return self._p(self.tp, self.fp)

    @property
    def recall(self) -> float:
        """The share of the gold facts of the kinds this rule produced that it found."""
        return self._r(self.tp, self.gold)

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "gold": self.gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "kinds": {k: {"tp": tp, "fp": fp, "gold": gold,
                              "precision": round(self._p(tp, fp), 4),
                              "recall": round(self._r(tp, gold), 4)}
                          for k, (tp, fp, gold) in self.kinds.items()}}


@dataclass
class ReleaseScore:
    """Scores per kind for one release (or, summed, for several)."""

    releases: list[str]
    kinds: dict[str, KindScore] = field(default_factory=dict)

    @property
    def total(self) -> KindScore:
        out = KindScore()
        for k in self.kinds.values():
            out = out + k
        return out

    def __getitem__(self, kind: str) -> KindScore:
        return self.kinds[kind]

    @property
    def rules(self) -> dict[str, RuleScore]:
        """Scores per extraction rule, sorted by rule id."""
        out: dict[str, RuleScore] = {}
        for kind in _ordered(self.kinds):
            k = self.kinds[kind]
            for rule, t in k.by_rule.items():
                out.setdefault(rule, RuleScore(rule)).kinds[kind] = (t.tp, t.fp, k.tp + k.fn)
        return dict(sorted(out.items()))

    def __add__(self, other: ReleaseScore) -> ReleaseScore:
        kinds: dict[str, KindScore] = {}
        for kind in _ordered([*self.kinds, *other.kinds]):
            kinds[kind] = self.kinds.get(kind, KindScore()) + other.kinds.get(kind, KindScore())
        return ReleaseScore(self.releases + other.releases, kinds)

    def __radd__(self, other: object) -> ReleaseScore:
        # lets ``sum(scores)`` work with its default start of 0
        if other == 0:
            return self
        return NotImplemented

    def as_dict(self) -> dict[str, Any]:
        return {"releases": list(self.releases),
                "kinds": {k: v.as_dict() for k, v in self.kinds.items()},
                "total": self.total.as_dict(),
                "rules": {r: v.as_dict() for r, v in self.rules.items()}}


def _ordered(kinds: Iterable[str]) -> list[str]:
    """Gold keys in the shipped order, others after in the order given."""
    present = dict.fromkeys(kinds)
    return [k for k in KINDS if k in present] + [k for k in present if k not in KINDS]


# --------------------------------------------------------------------------- helpers


def _norm(text: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a name or phrase."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", stripped.casefold()))


def _words(text: str | None) -> set[str]:
    return set(_norm(text).split())


class _Names:
    """Alias groups: two names are equal when they fall in the same group."""

    def __init__(self) -> None:
        self._group: dict[str, int] = {}
        self._next = 0

    def add(self, names: Iterable[str | None]) -> None:
        keys = [_norm(n) for n in names if n and _norm(n)]
        if not keys:
            return
        groups = {self._group[k] for k in keys if k in self._group}
        gid = min(groups) if groups else self._next
        self._next += 1
        for k, g in list(self._group.items()):
            if g in groups:
                self._group[k] = gid
        for k in keys:
            self._group[k] = gid

    def same(self, a: str | None, b: str | None) -> bool:
        ka, kb = _norm(a), _norm(b)
        if not ka or not kb:
            return False
        if ka == kb:
            return True
        ga, gb = self._group.get(ka), self._group.get(kb)
        return ga is not None and ga == gb


def _number(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _close(pred: Decimal, gold: Decimal) -> bool:
    if gold == 0:
        return pred == 0
    return abs(pred - gold) <= _RELATIVE_TOLERANCE * abs(gold)


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _match(gold: Sequence[Any], pred: Sequence[Any], ok: Callable[[Any, Any], bool]) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> predicted index (Kuhn's algorithm)."""
    edges = [[j for j, p in enumerate(pred) if ok(g, p)] for g in gold]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _rule_of(p: Any) -> str | None:
    return getattr(p, "rule", None)


def _tally(gold: Sequence[Any], pred: Sequence[Any], ok: Callable[[Any, Any], bool],
           show_gold: Callable[[Any], str], show_pred: Callable[[Any], str],
           rule_of: Callable[[Any], str | None] = _rule_of) -> KindScore:
    pairs = _match(gold, pred, ok)
    matched_pred = set(pairs.values())
    s = KindScore(tp=len(pairs))
    for i, g in enumerate(gold):
        if i not in pairs:
            s.fn += 1
            s.misses.append(show_gold(g))
    for j, p in enumerate(pred):
        tally = s.by_rule.setdefault(rule_of(p) or NO_RULE, RuleTally())
        if j in matched_pred:
            tally.tp += 1
        else:
            tally.fp += 1
            s.fp += 1
            s.spurious.append(show_pred(p))
    return s


def _compact(d: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in d.items() if v not in (None, "", [], ()))


# --------------------------------------------------------------------------- scoring


def score(predicted: Extraction, gold: Gold, *, schema: Registry | None = None) -> ReleaseScore:
    """Compare one release's extraction with its gold file, kind by kind.

    Only the kinds the gold file annotates are scored (see the module docstring). The
    kinds are the gold keys of ``schema`` (default: the shipped registry); a key with no
    scorer of its own is scored from its fact kinds' shape (:func:`_score_generic`).
    """
    reg = schema or registry()
    names = _Names()
    for rec in gold.records.get("organisations", []) + gold.records.get("markets", []):
        names.add([rec.get("name"), *(rec.get("aliases") or [])])
    for fact in predicted.facts:
        if isinstance(fact, Organisation | Place):
            names.add([fact.name, *fact.aliases])

    scorers: dict[str, Callable[[Extraction, list[dict[str, Any]], _Names], KindScore]] = {
        "document": _score_document,
        "people": _score_people, "events": _score_events, "segments": _score_segments,
        "observations": _score_observations, "markets": _score_markets,
        "relations": _score_relations, "priorities": _score_priorities,
        "drivers": _score_drivers,
    }
    kinds = {}
    for kind in reg.gold_keys:
        if kind not in gold.records:
            continue
        if kind == "organisations":
            kinds[kind] = _score_organisations(predicted, gold.records[kind], names, reg)
        elif kind in scorers:
            kinds[kind] = scorers[kind](predicted, gold.records[kind], names)
        else:
            kinds[kind] = _score_generic(predicted, gold.records[kind], names,
                                         reg.kinds_of_gold(kind))
    return ReleaseScore([gold.slug], kinds)


def _score_document(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    info = ex.info

    def ok(g: dict[str, Any], p: DocumentInfo) -> bool:
        if _date(g.get("date")) != p.date:
            return False
        if g.get("place") and not names.same(g["place"], p.place):
            return False
        return not (g.get("publisher") and not names.same(g["publisher"], p.publisher))

    preds = [info] if (info.date or info.place or info.publisher) else []
    return _tally(recs, preds, ok,
                  lambda g: _compact({k: g.get(k) for k in ("date", "place", "publisher")}),
                  lambda p: _compact({"date": p.date, "place": p.place, "publisher": p.publisher}))


def _unique(facts: Iterable[Any], key: Callable[[Any], Any]) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for f in facts:
        k = key(f)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _score_organisations(ex: Extraction, recs: list[dict[str, Any]], names: _Names,
                         reg: Registry) -> KindScore:
    preds = _unique(ex.of(Organisation), lambda o: _norm(o.name))

    def ok(g: dict[str, Any], p: Organisation) -> bool:
        gold_names = [g.get("name"), *(g.get("aliases") or [])]
        if not any(names.same(n, m) for n in gold_names for m in (p.name, *p.aliases)):
            return False
        gt = g.get("type")
        # A type counts as its most general organisation type in the ontology
        # (a Confederation is a TradeAssociation, an InnovationDistrict a Venue).
        return not gt or reg.org_class(gt) == reg.org_class(p.type)

    return _tally(recs, preds, ok, lambda g: f"{g.get('name')} ({g.get('type')})",
                  lambda p: f"{p.name} ({p.type})")


def _score_people(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    gold_units: list[tuple[str, dict[str, Any] | None]] = []
    for rec in recs:
        roles = rec.get("roles") or []
        if not roles:
            gold_units.append((rec["name"], None))
        gold_units.extend((rec["name"], r) for r in roles)
    members = _unique(ex.of(Membership),
                      lambda m: (_norm(m.person), _norm(m.role), _norm(m.organisation),
                                 _norm(m.unit)))
    with_role = {_norm(m.person) for m in members}
    lone = _unique((p for p in ex.of(Person) if _norm(p.name) not in with_role),
                   lambda p: _norm(p.name))
    preds: list[Membership | Person] = [*members, *lone]

    def ok(g: tuple[str, dict[str, Any] | None], p: Membership | Person) -> bool:
        person, role = g
        if isinstance(p, Person):
            return role is None and names.same(person, p.name)
        if role is None or not names.same(person, p.person):
            return False
        if role.get("organisation") and not names.same(role.get("organisation"), p.organisation):
            return False
        if not _words(role.get("role")) <= _words(p.role):
            return False
        if role.get("unit") and not _words(role["unit"]) <= (_words(p.unit) | _words(p.role)):
            return False
        for attr in ("start", "end"):
            if role.get(attr) and _date(role[attr]) != getattr(p, attr):
                return False
        return True

    def show_gold(g: tuple[str, dict[str, Any] | None]) -> str:
        return g[0] + (f": {_compact(g[1])}" if g[1] else "")

    def show_pred(p: Membership | Person) -> str:
        if isinstance(p, Person):
            return p.name
        return f"{p.person}: " + _compact({"role": p.role, "organisation": p.organisation,
                                            "unit": p.unit, "start": p.start, "end": p.end})

    return _tally(gold_units, preds, ok, show_gold, show_pred)


_EVENT_ATTRS = ("kind", "organiser", "date", "venue", "city", "title")


def _event_units(ev: dict[str, Any]) -> list[tuple[str, Any]]:
    units = [(a, ev.get(a)) for a in _EVENT_ATTRS if ev.get(a) not in (None, "")]
    units += [("participant", p) for p in (ev.get("participants") or [])]
    return units


def _pred_event_dict(e: Event) -> dict[str, Any]:
    return {"kind": e.kind, "organiser": e.organiser, "date": e.date, "venue": e.venue,
            "city": e.city, "title": e.title,
            "participants": list(dict.fromkeys([*e.participants, *e.speakers])), "rule": e.rule}


def _attr_same(names: _Names, attr: str, g: Any, p: Any) -> bool:
    if attr == "kind":
        return str(g) == str(p)
    if attr == "date":
        return _date(g) == _date(p)
    if attr == "title":
        return _norm(g) == _norm(p)
    return names.same(str(g), str(p))


def _constant(rule: str | None) -> Callable[[Any], str | None]:
    """Every attribute of an event is counted for the event's rule."""
    return lambda _unit: rule


def _score_events(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    preds = [_pred_event_dict(e) for e in ex.of(Event)]

    def agree(g: dict[str, Any], p: dict[str, Any]) -> int:
        n = 0
        for attr, gv in _event_units(g):
            pvals = p["participants"] if attr == "participant" else [p.get(attr)]
            n += any(pv not in (None, "") and _attr_same(names, attr, gv, pv) for pv in pvals)
        return n

    # pair gold and predicted events greedily by agreement (releases hold one or two events)
    pairs: list[tuple[int, int]] = []
    candidates = sorted(((agree(g, p), i, j) for i, g in enumerate(recs) for j, p in enumerate(preds)),
                        reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for n, i, j in candidates:
        if n > 0 and i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    total = KindScore()
    for i, j in pairs:
        g, p = recs[i], preds[j]
        gu = _event_units(g)
        pu = _event_units(p)
        total = total + _tally(gu, pu, lambda a, b: a[0] == b[0] and _attr_same(names, a[0], a[1], b[1]),
                               lambda u: f"event {u[0]}={u[1]}", lambda u: f"event {u[0]}={u[1]}",
                               _constant(p.get("rule")))
    for i, g in enumerate(recs):
        if i not in used_g:
            total = total + _tally(_event_units(g), [], lambda a, b: False,
                                   lambda u: f"event {u[0]}={u[1]}", str)
    for j, p in enumerate(preds):
        if j not in used_p:
            total = total + _tally([], _event_units(p), lambda a, b: False, str,
                                   lambda u: f"event {u[0]}={u[1]}", _constant(p.get("rule")))
    return total


def _score_segments(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    preds = _unique(ex.of(Segment), lambda s: _norm(s.name))
    return _tally(recs, preds, lambda g, p: _norm(g.get("name")) == _norm(p.name),
                  lambda g: f"{g.get('name')} ({g.get('kind')})", lambda p: f"{p.name} ({p.kind})")


def _score_observations(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    obs = ex.of(Observation)

    def main_ok(g: dict[str, Any], p: Observation) -> bool:
        if str(g.get("indicator")) != p.indicator or str(g.get("period")) != p.period:
            return False
        if g.get("scope") and _norm(g.get("scope")) != _norm(p.scope):
            return False
        gv = _number(g.get("value"))
        if gv is None or not _close(Decimal(p.value), gv):
            return False
        if g.get("unit") and str(g["unit"]) != p.unit:
            return False
        return not (g.get("area") and not names.same(g["area"], p.area))

    gold_units: list[tuple[dict[str, Any], str | None]] = []
    for rec in recs:
        gold_units.append((rec, None))
        quals = rec.get("qualifier") or []
        for q in [quals] if isinstance(quals, str) else quals:
            gold_units.append((rec, str(q)))
    pred_units: list[tuple[Observation, str | None]] = []
    for o in obs:
        pred_units.append((o, None))
        pred_units.extend((o, q) for q in o.qualifiers)

    def ok(g: tuple[dict[str, Any], str | None], p: tuple[Observation, str | None]) -> bool:
        return g[1] == p[1] and main_ok(g[0], p[0])

    def show_gold(g: tuple[dict[str, Any], str | None]) -> str:
        rec = {k: g[0].get(k) for k in ("indicator", "scope", "area", "market", "period", "value", "unit")}
        return ("qualifier " + str(g[1]) + " of " if g[1] else "") + _compact(rec)

    def show_pred(p: tuple[Observation, str | None]) -> str:
        o = p[0]
        rec = {"indicator": o.indicator, "scope": o.scope, "area": o.area, "market": o.market,
               "period": o.period, "value": o.value, "unit": o.unit}
        return ("qualifier " + str(p[1]) + " of " if p[1] else "") + _compact(rec)

    return _tally(gold_units, pred_units, ok, show_gold, show_pred, lambda p: p[0].rule)


def _score_markets(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    preds = _unique(ex.of(MarketRelation), lambda m: (_norm(m.market), m.relation))

    def ok(g: dict[str, Any], p: MarketRelation) -> bool:
        return ((not g.get("relation") or g.get("relation") == p.relation)
                and any(names.same(n, p.market) for n in [g.get("name"), *(g.get("aliases") or [])]))

    return _tally(recs, preds, ok, lambda g: f"{g.get('name')} ({g.get('relation')})",
                  lambda p: f"{p.market} ({p.relation})")


def _score_relations(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    preds = _unique(ex.of(OrgRelation), lambda r: (_norm(r.subject), r.relation, _norm(r.object)))

    def ok(g: dict[str, Any], p: OrgRelation) -> bool:
        return (g.get("relation") == p.relation and names.same(g.get("subject"), p.subject)
                and names.same(g.get("object"), p.object))

    return _tally(recs, preds, ok,
                  lambda g: f"{g.get('subject')} {g.get('relation')} {g.get('object')}",
                  lambda p: f"{p.subject} {p.relation} {p.object}")


def _text_ok(g: dict[str, Any], label: str, quote: str) -> bool:
    haystacks = (_norm(label), _norm(quote))
    needles = [str(k) for k in (g.get("keywords") or [])] or [str(g.get("text", ""))]
    return all(any(f" {_norm(k)} " in f" {h} " for h in haystacks) for k in needles if _norm(k))


def _score_priorities(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    preds = _unique(ex.of(Priority), lambda p: _norm(p.text))
    return _tally(recs, preds, lambda g, p: _text_ok(g, p.text, p.evidence.text),
                  lambda g: str(g.get("text")), lambda p: p.text)


def _score_drivers(ex: Extraction, recs: list[dict[str, Any]], names: _Names) -> KindScore:
    preds = _unique(ex.of(Driver), lambda d: _norm(d.text))
    return _tally(recs, preds, lambda g, p: _text_ok(g, p.text, p.evidence.text),
                  lambda g: str(g.get("text")), lambda p: p.text)


def _score_generic(ex: Extraction, recs: list[dict[str, Any]], names: _Names,
                   kinds: Sequence[FactKind]) -> KindScore:
    """A kind scored from its shape alone: a prediction matches a gold record when every
    field the record gives agrees, names (agents, places) by name or alias, the rest
    case-, accent- and punctuation-insensitively."""
    fields = [fl for k in kinds for fl in k.fields]
    models = tuple(k.model for k in kinds if k.model is not None)
    found: list[Any] = [f for f in ex.facts if isinstance(f, models)]
    preds = _unique(found, lambda f: tuple(_norm(str(getattr(f, fl.name, "") or ""))
                                           for fl in fields))

    def agree(fl_kind: str, g: Any, p: Any) -> bool:
        if fl_kind in ("agent", "place"):
            return names.same(str(g), str(p) if p is not None else None)
        return _norm(str(g)) == _norm(str(p) if p is not None else "")

    def ok(g: dict[str, Any], p: Any) -> bool:
        return all(agree(fl.kind, g[fl.name], getattr(p, fl.name, None))
                   for fl in fields if g.get(fl.name) not in (None, ""))

    def show(values: Any, get: Callable[[Any, str], Any]) -> str:
        return _compact({fl.name: get(values, fl.name) for fl in fields})

    return _tally(recs, preds, ok, lambda g: show(g, lambda v, n: v.get(n)),
                  lambda p: show(p, lambda v, n: getattr(v, n, None)))


# --------------------------------------------------------------------------- gold -> facts


def gold_as_extraction_facts(gold: Gold, document: Any, *,
                             schema: Registry | None = None) -> Extraction:
    """The gold records as an :class:`Extraction` (evidence empty): scores P = R = 1.

    Useful to test a scorer or a converter against a known-perfect prediction. A gold key
    of ``schema`` with no conversion of its own becomes facts of its kind's dataclass.
    """
    from .model import Mention

    none = Mention("", 0, 0)
    r = gold.records
    doc = (r.get("document") or [{}])[0]
    info = DocumentInfo(none, title=doc.get("title"), date=_date(doc.get("date")),
                        place=doc.get("place"), publisher=doc.get("publisher"))
    facts: list[Any] = []
    for o in r.get("organisations", []):
        facts.append(Organisation(none, name=o["name"], type=o.get("type", "Company"),
                                  aliases=tuple(o.get("aliases") or ())))
    for p in r.get("people", []):
        facts.append(Person(none, name=p["name"]))
        for role in p.get("roles") or []:
            facts.append(Membership(none, person=p["name"], role=role["role"],
                                    organisation=role["organisation"], unit=role.get("unit"),
                                    start=_date(role.get("start")), end=_date(role.get("end"))))
    for e in r.get("events", []):
        facts.append(Event(none, kind=e.get("kind", "Event"), organiser=e.get("organiser"),
                           date=_date(e.get("date")), venue=e.get("venue"), city=e.get("city"),
                           title=e.get("title"), participants=tuple(e.get("participants") or ())))
    for s in r.get("segments", []):
        facts.append(Segment(none, name=s["name"], kind=s.get("kind", "segment")))
    for o in r.get("observations", []):
        quals = o.get("qualifier") or []
        facts.append(Observation(none, indicator=o["indicator"], scope=o["scope"],
                                 value=Decimal(str(o["value"])), unit=o.get("unit", "count"),
                                 period=str(o["period"]), area=o.get("area"), market=o.get("market"),
                                 qualifiers=tuple([quals] if isinstance(quals, str) else quals),
                                 base=o.get("base")))
    for m in r.get("markets", []):
        facts.append(Place(none, name=m["name"], kind="country", aliases=tuple(m.get("aliases") or ())))
        facts.append(MarketRelation(none, market=m["name"], relation=m["relation"]))
    for rel in r.get("relations", []):
        facts.append(OrgRelation(none, subject=rel["subject"], relation=rel["relation"],
                                 object=rel["object"]))
    for p in r.get("priorities", []):
        facts.append(Priority(none, text=p["text"] + " " + " ".join(p.get("keywords") or []),
                              programme=p.get("programme")))
    for d in r.get("drivers", []):
        facts.append(Driver(none, text=d["text"] + " " + " ".join(d.get("keywords") or [])))
    for key in (schema or registry()).gold_keys:
        if key in KINDS:
            continue
        for kind in (schema or registry()).kinds_of_gold(key):
            if kind.model is None:
                continue
            names = {fl.name for fl in kind.fields}
            for rec in r.get(key, []):
                facts.append(kind.model(none, **{k: v for k, v in rec.items() if k in names}))
    return Extraction(document=document, info=info, facts=facts)
