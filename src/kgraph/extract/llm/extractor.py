"""The ``llm`` and ``hybrid`` extractors: facts a language model proposes, kept only where
they stand on the text.

The release is cut into paragraph chunks that keep their offsets; each chunk is sent to an
OpenAI-compatible chat completions endpoint with a JSON Schema (see :mod:`.schema`) as the
structured output format, at temperature 0. An answer that is not JSON with a list of
facts, or was cut off, is rejected whole (never repaired); each proposed fact is then
checked alone for its kind's shape (dropped with a warning when it breaks it) and grounded
(:mod:`kgraph.extract.grounding`), a fact that fails being rejected with its reason. The
release's document record (title, dateline) is read by the rules in both modes; ``hybrid``
adds the rules' facts, each fact tagged with the extractor that made it (``rules.*``,
``llm.*``, ``rules+llm.*`` when both made it: such a fact is kept once, completed by the
other, see :func:`same_fact` and :func:`merge_into`).

Requests are made by :meth:`LLMExtractor.prepare` for every release of a build before the
store is touched, so a service that keeps failing ends the build (exit 3) with the store
as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import fields
from decimal import Decimal
from typing import Any

from ...config import Settings, __version__, load_settings
from ...errors import ConfigError
from ...model import (
    Document,
    Driver,
    Event,
    Extraction,
    Fact,
    MarketRelation,
    Membership,
    Mention,
    Observation,
    Organisation,
    OrgRelation,
    Person,
    Place,
    Priority,
    Quotation,
    Segment,
)
from ..gazetteer import Kind, canonical_key, resolve
from ..grounding import (
    Folded,
    date_stated,
    locate,
    name_in,
    period_stated,
    person_in,
    quote_at,
    segment_canonical,
    segment_in,
    value_in,
    words_in,
)
from .client import Answer, ChatClient, ResponseCache, cache_key, public_url
from .schema import (
    ENVELOPE,
    KIND_OF,
    answer_schema,
    check_fact,
    schema_hash,
    validate,
    vocabularies,
)

__all__ = ["LLMExtractor", "HybridExtractor", "chunks", "CHUNK_CHARS", "system_prompt",
           "same_fact", "merge_into", "as_item"]

CHUNK_CHARS = 2000
"""Most characters of text one request carries (paragraphs are merged up to it)."""

MERGE_CHARS = 2 * CHUNK_CHARS
"""Longest evidence a merged fact may get (the span covering its readers' quotes): two
adjacent chunks, what an event told over a few paragraphs needs."""

PROMPT_VERSION = 2

_PARAGRAPH = re.compile(r"\n[ \t\r\u00a0]*\n")
_SENTENCE_END = re.compile(r"[.!?;:][\"'”’)]?[ \t\u00a0]+|\n")


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of the chunks of ``text``: whole paragraphs (split at blank lines)
    merged while they fit in ``limit`` characters, a longer paragraph cut at its last
    sentence end within the limit (at the limit when it has none). Chunks of white space
    only are left out."""
    paragraphs: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        paragraphs.append((pos, m.start()))
        pos = m.end()
    paragraphs.append((pos, len(text)))
    pieces: list[tuple[int, int]] = []
    for a, b in paragraphs:
        while b - a > limit:
            cut = None
            for m in _SENTENCE_END.finditer(text, a + limit // 2, a + limit):
                cut = m.end()
            cut = cut if cut and cut > a else a + limit
            pieces.append((a, cut))
            a = cut
        pieces.append((a, b))
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        if not text[a:b].strip():
            continue
        if out and b - out[-1][0] <= limit:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def system_prompt() -> str:
    """What the model is told before each chunk (its hash is part of every cache key)."""
    v = vocabularies()
    return (
        "You read press releases of the Italian footwear, leather and machinery industries "
        "(English or Italian) and list the facts the given text states, as JSON following "
        "the schema. Rules:\n"
        "- Every fact cites `quote`: a short verbatim passage of the text (one sentence or "
        "less, a few sentences for an event) that states the whole fact. Copy it exactly; do "
        "not translate or shorten words. `offset` is the character offset in the given text "
        "where the quote begins, or null when unsure.\n"
        "- Every name in a fact (person, organisation, place, market, venue, city, speaker) "
        "must be written in its quote. Numbers are given as plain numbers in the unit named: "
        "money in units of its currency (1.2 billion euros -> 1200000000, unit EUR), "
        "percentages in percent (-12% -> -12, unit percent); a fall is negative.\n"
        "- `period` is the period the figure is about, written in the text, in the notation "
        "2024, 2024-H1, 2024-Q3 or 2024-01/2024-08. Leave a figure out when no period is stated.\n"
        "- `indicator` is one of the listed keys; leave out a figure no key fits. `scope` is "
        "the sector the figure is about, `area` its reference country (usually Italy), "
        "`market` the counterpart market of a trade figure.\n"
        "- Memberships link a person to the organisation and role the quote states, and the "
        "`unit` of the organisation when one is named; `start`/`end` are ISO dates only when "
        "written.\n"
        "- Events (an assembly, a trade fair edition, a conference, a signing): `kind`, and "
        "what the quote says of it: organiser, ISO date (a day written in the quote, or the "
        "release's day when it says today), venue, city, title, the people speaking "
        "(`speakers`) and everyone taking part (`participants`, speakers included).\n"
        "- Segments: a sector or segment of the industry the release is about (`kind` sector "
        "or segment), with the sector a segment belongs to as `parent`.\n"
        "- Priorities (what the release asks for or commits to: policies, investments, "
        "support) and drivers (causes it gives for a change): `text` is the words of the "
        "quote that name it, copied, one priority or driver per fact; a priority's "
        "`programme` is a programme it names, `voiced_by` who asks for it.\n"
        "- Quotations: `text` is the words in quotation marks, copied, and `speaker` the "
        "person who says them.\n"
        "- Do not guess: when the text does not state a fact, leave it out. An empty list is "
        "a good answer.\n"
        f"Indicator keys: {', '.join(v['indicator'])}.\n"
        f"Sectors: {'; '.join(v['sector'])}.\n"
        f"Roles (these words where they fit, else the role in the words of the text): {', '.join(v['role'])}.\n"
    )


def _setup_hash(max_tokens: int) -> str:
    text = f"{PROMPT_VERSION}\0{system_prompt()}\0{schema_hash()}\0{max_tokens}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canon(name: str, kind: Kind) -> str:
    return resolve(name, kind) or " ".join(name.split())


def _date(value: Any, quote: str) -> Any:
    """An ISO date of the answer, kept only when its year is written in the quote."""
    if not isinstance(value, str):
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if str(day.year) in quote else None


def _qualifiers(quote: str) -> tuple[str, ...]:
    """What the quote itself says of its figure, read with the rules' words (never asked of
    the model): "estimated", "preliminary"."""
    from .._figures import _EST_STRICT_RE, _PRELIM_RE

    found = [q for q, rx in (("estimated", _EST_STRICT_RE), ("preliminary", _PRELIM_RE))
             if rx.search(quote)]
    return tuple(found)


def _base(quote: str) -> str | None:
    """The index base the quote writes ("base 2021=100"), else None."""
    from ..timex import index_bases

    bases = index_bases(quote)
    return bases[0].base if bases else None


def _people(item: dict[str, Any], *names: str) -> list[str]:
    """The person names of the list fields ``names``, white space tidied, each once."""
    out: dict[str, str] = {}
    for name in names:
        for p in item.get(name) or ():
            tidy = " ".join(str(p).split())
            out.setdefault(canonical_key(tidy), tidy)
    return list(out.values())


class _Grounder:
    """Turns the proposals of one answer into facts of one document, or reasons to reject.

    ``item`` is one proposed fact that keeps its kind's shape (:func:`.schema.check_fact`);
    the result is a fact whose mention is the document's text at its offsets, or one of
    :data:`kgraph.extract.grounding.REASONS`.
    """

    def __init__(self, document: Document, dates: Sequence[Any], publisher: str | None = None) -> None:
        self.doc = document
        self.dates = list(dates)
        self.publisher = canonical_key(publisher) if publisher else None
        self._places: dict[str, bool] = {}
        self._folded: Folded | None = None
        self._kinds: dict[str, Callable[[dict[str, Any], Mention], Fact | str]] = {
            "organisation": self._organisation, "person": self._person, "place": self._place,
            "membership": self._membership, "market": self._market,
            "org_relation": self._org_relation, "observation": self._observation,
            "event": self._event, "segment": self._segment, "priority": self._priority,
            "driver": self._driver, "quotation": self._quotation,
        }

    def known_place(self, name: str) -> bool:
        # once per name: a scan of the whole text for each figure would make a long release
        # quadratic
        if name not in self._places:
            self._places[name] = (resolve(name, "place") is not None
                                  or name_in(name, self.doc.text, "place"))
        return self._places[name]

    @property
    def folded(self) -> Folded:
        """The release folded once, where a person a quote names by surname must be named
        whole."""
        if self._folded is None:
            self._folded = Folded(self.doc.text)
        return self._folded

    def fact(self, item: dict[str, Any], start: int, end: int) -> Fact | str:
        hint = item.get("offset")
        near = start + hint if isinstance(hint, int) and not isinstance(hint, bool) else None
        m = locate(item["quote"], self.doc.text, start, end, near=near)
        if m is None:
            return "quote-not-found"
        return self._kinds[item["fact"]](item, m)

    def _agent_in(self, name: str, m: Mention) -> bool:
        """An organisation (or its alias) or a person named in the quote."""
        return name_in(name, m.text, "organisation") or person_in(name, m.text, self.folded)

    def _organisation(self, item: dict[str, Any], m: Mention) -> Fact | str:
        if not name_in(item["name"], m.text, "organisation"):
            return "name-not-in-quote"
        return Organisation(m, name=_canon(item["name"], "organisation"), type=item["type"])

    def _person(self, item: dict[str, Any], m: Mention) -> Fact | str:
        if not name_in(item["name"], m.text):
            return "name-not-in-quote"
        return Person(m, name=" ".join(item["name"].split()))

    def _place(self, item: dict[str, Any], m: Mention) -> Fact | str:
        if not name_in(item["name"], m.text, "place"):
            return "name-not-in-quote"
        return Place(m, name=_canon(item["name"], "place"), kind=item["kind"])

    def _membership(self, item: dict[str, Any], m: Mention) -> Fact | str:
        q = m.text
        unit = item.get("unit") or None
        if not (name_in(item["person"], q) and name_in(item["organisation"], q, "organisation")
                and name_in(item["role"], q, "role") and (not unit or name_in(unit, q))):
            return "name-not-in-quote"
        # A role is kept as worded ("Professor of Strategy and Marketing") unless the
        # gazetteer knows it under a canonical name ("Presidente" -> "President").
        return Membership(m, person=" ".join(item["person"].split()), role=_canon(item["role"], "role"),
                          organisation=_canon(item["organisation"], "organisation"),
                          unit=" ".join(unit.split()) if unit else None,
                          start=_date(item.get("start"), q), end=_date(item.get("end"), q))

    def _market(self, item: dict[str, Any], m: Mention) -> Fact | str:
        if not name_in(item["market"], m.text, "place"):
            return "name-not-in-quote"
        return MarketRelation(m, market=_canon(item["market"], "place"),
                              relation=item["relation"], scope=item.get("scope") or None)

    def _org_relation(self, item: dict[str, Any], m: Mention) -> Fact | str:
        if not (name_in(item["subject"], m.text, "organisation")
                and name_in(item["object"], m.text, "organisation")):
            return "name-not-in-quote"
        return OrgRelation(m, subject=_canon(item["subject"], "organisation"),
                           relation=item["relation"], object=_canon(item["object"], "organisation"))

    def _observation(self, item: dict[str, Any], m: Mention) -> Fact | str:
        q = m.text
        market, area = item.get("market") or None, item.get("area") or None
        if market and not name_in(market, q, "place"):
            return "name-not-in-quote"
        if area and not self.known_place(area):
            return "unknown-term"
        value = Decimal(str(item["value"]))
        if not value.is_finite():
            raise ValueError("the value is not a number")
        if not value_in(value, item["unit"], q, self.doc.language):
            return "value-not-in-quote"
        if not period_stated(item["period"], q, self.doc.text, dates=self.dates):
            return "period-not-stated"
        return Observation(m, indicator=item["indicator"], scope=item["scope"], value=value,
                           unit=item["unit"], period=item["period"],
                           area=_canon(area, "place") if area else None,
                           market=_canon(market, "place") if market else None,
                           qualifiers=_qualifiers(q), base=_base(q) if item["unit"] == "index" else None)

    def _event(self, item: dict[str, Any], m: Mention) -> Fact | str:
        q, text = m.text, self.doc.text
        organiser, venue, city = (item.get(k) or None for k in ("organiser", "venue", "city"))
        speakers = _people(item, "speakers")
        people = _people(item, "speakers", "participants")
        if organiser and not self._agent_in(organiser, m):
            return "name-not-in-quote"
        if venue and not name_in(venue, q, "organisation"):
            return "name-not-in-quote"
        if city and not name_in(city, q, "place"):
            return "name-not-in-quote"
        if not all(person_in(p, q, self.folded) for p in people):
            return "name-not-in-quote"
        title = item.get("title") or None
        if title:
            # the title as the text writes it (its own quote marks and dashes)
            found = locate(title, text, m.start, m.end)
            if found is None:
                return "text-not-in-quote"
            title = " ".join(found.text.split())
        day = dt.date.fromisoformat(item["date"]) if item.get("date") else None
        if day is not None and not date_stated(day, q, dates=self.dates):
            return "date-not-stated"
        return Event(m, kind=item["kind"],
                     organiser=_canon(organiser, "organisation") if organiser else None,
                     date=day, venue=_canon(venue, "organisation") if venue else None,
                     city=_canon(city, "place") if city else None, title=title,
                     speakers=tuple(speakers), participants=tuple(people))

    def _segment(self, item: dict[str, Any], m: Mention) -> Fact | str:
        if not segment_in(item["name"], m.text):
            return "name-not-in-quote"
        name = segment_canonical(item["name"])
        # The parent comes from the schema's closed list of sectors, like an observation's
        # scope: a term of the vocabulary, not a name the quote must write.
        parent = item.get("parent") or None
        if parent and canonical_key(parent) == canonical_key(name):
            parent = None
        return Segment(m, name=name, kind=item["kind"], parent=parent)

    def _priority(self, item: dict[str, Any], m: Mention) -> Fact | str:
        q = m.text
        if not words_in(item["text"], q):
            return "text-not-in-quote"
        programme, voiced = item.get("programme") or None, item.get("voiced_by") or None
        if programme and not name_in(programme, q):
            return "name-not-in-quote"
        # Who asks for a priority is often the release's publisher, named only in its dateline.
        if voiced and not (self._agent_in(voiced, m)
                           or canonical_key(_canon(voiced, "organisation")) == self.publisher):
            return "name-not-in-quote"
        return Priority(m, text=" ".join(item["text"].split()), programme=programme,
                        voiced_by=_canon(voiced, "organisation") if voiced else None)

    def _driver(self, item: dict[str, Any], m: Mention) -> Fact | str:
        if not words_in(item["text"], m.text):
            return "text-not-in-quote"
        return Driver(m, text=" ".join(item["text"].split()))

    def _quotation(self, item: dict[str, Any], m: Mention) -> Fact | str:
        said = locate(item["text"], self.doc.text, m.start, m.end)
        if said is None:
            return "text-not-in-quote"
        speaker = item.get("speaker") or None
        if speaker and not self._agent_in(speaker, m):
            return "name-not-in-quote"
        return Quotation(m, text=said.text,
                         speaker=_canon(speaker, "organisation") if speaker else None)


def as_item(fact: Fact) -> dict[str, Any] | None:
    """A fact as a model would have proposed it (its evidence as the quote), so that the
    rules' facts can be put through the same grounding; None for a kind a model does not
    propose."""
    kind = KIND_OF.get(type(fact))
    if kind is None:
        return None
    item: dict[str, Any] = {"fact": kind, "quote": fact.evidence.text, "offset": None}
    for f in fields(fact):
        if f.name in ("evidence", "rule"):
            continue
        v = getattr(fact, f.name)
        if isinstance(v, dt.date):
            v = v.isoformat()
        elif isinstance(v, tuple):
            v = [str(x) for x in v]
        item[f.name] = v
    return item


# What makes two facts one statement, whoever made them and wherever they quote it: the
# figure and what it measures, not the sector or area each reader attached to it; the post,
# not the dates one of them also read.
_SAME: dict[type[Fact], tuple[str, ...]] = {
    Observation: ("indicator", "value", "unit", "period", "market"),
    MarketRelation: ("market", "relation"),
    Membership: ("person", "role", "organisation"),
    Organisation: ("name",), Person: ("name",), Place: ("name",),
    OrgRelation: ("subject", "relation", "object"),
    Segment: ("name",),
}


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return canonical_key(v) if re.search(r"\w", v) else v
    if isinstance(v, Decimal):
        return v.normalize()
    return v


def _dedup_key(fact: Fact) -> tuple[Any, ...]:
    names = _SAME.get(type(fact)) or tuple(
        f.name for f in fields(fact) if f.name not in ("evidence", "rule", "date_evidence"))
    return (type(fact).__name__, *(_norm(getattr(fact, n)) for n in names))


def _span(fact: Fact, text: str) -> tuple[int, int]:
    """Where a label's own words are (a priority's, a driver's, a quotation's text inside
    its evidence), else the evidence."""
    ev = fact.evidence
    label = getattr(fact, "text", None)
    if isinstance(label, str):
        found = locate(label, text, ev.start, ev.end)
        if found is not None:
            return found.start, found.end
    return ev.start, ev.end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans share at least half of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and 2 * inter >= min(a[1] - a[0], b[1] - b[0])


def same_fact(a: Fact, b: Fact, text: str,
              spans: tuple[tuple[int, int], tuple[int, int]] | None = None) -> bool:
    """Whether ``a`` and ``b`` state one fact (see the README's merge policy).

    Events: the same kind, and no field of day, title, organiser, venue or city that the
    two fill differently. Priorities, drivers, quotations: the same label, or
    labels at overlapping places of the text (readers cut a phrase differently; ``spans``,
    when given, are those places, worked out once by the caller). Other kinds: the fields
    of :data:`_SAME` (or every field) equal, names compared by key.
    """
    if type(a) is not type(b):
        return False
    if isinstance(a, Event) and isinstance(b, Event):
        # A release tells of an event over several paragraphs ("the Assembly", "the event")
        # and seldom of two of one kind, which would then differ in day, title or place.
        if a.kind != b.kind:
            return False
        return not any(x is not None and y is not None and x != y
                       for x, y in ((_norm(getattr(a, n)), _norm(getattr(b, n)))
                                    for n in ("date", "title", "organiser", "venue", "city")))
    if isinstance(a, (Priority, Driver, Quotation)) and isinstance(b, (Priority, Driver, Quotation)):
        if _norm(a.text) == _norm(b.text):
            return True
        sa, sb = spans if spans is not None else (_span(a, text), _span(b, text))
        return _overlap(sa, sb)
    return _dedup_key(a) == _dedup_key(b)


def _identity(fact: Fact) -> frozenset[str]:
    """The fields that make a fact the fact it is: never changed by a merge."""
    if isinstance(fact, Event):
        return frozenset({"kind"})
    if isinstance(fact, (Priority, Driver, Quotation)):
        return frozenset({"text"})
    return frozenset(_SAME.get(type(fact), ()))


def merge_into(kept: Fact, other: Fact, text: str, *, other_wins: bool = False) -> bool:
    """Let ``other`` (the same fact, as :func:`same_fact` says) complete ``kept``: a field
    ``kept`` leaves empty takes ``other``'s value, a list takes ``other``'s names it lacks,
    and with ``other_wins`` a field the two fill differently takes ``other``'s value (never
    a field that makes the fact what it is: a figure's value, a priority's label). The
    evidence becomes the span covering both quotes, so that every value still stands on
    it; when that span would exceed two chunks (:data:`MERGE_CHARS`) nothing is taken.
    Whether anything was."""
    changes: dict[str, Any] = {}
    fixed = _identity(kept)
    for f in fields(kept):
        if f.name in ("evidence", "rule", "date_evidence"):
            continue
        mine, theirs = getattr(kept, f.name), getattr(other, f.name)
        if isinstance(mine, tuple):
            have = {_norm(v) for v in mine}
            extra = tuple(v for v in theirs if _norm(v) not in have)
            if extra:
                changes[f.name] = mine + extra
        elif theirs is not None and (mine is None or (other_wins and f.name not in fixed
                                                      and _norm(mine) != _norm(theirs))):
            changes[f.name] = theirs
    if not changes:
        return False
    a = min(kept.evidence.start, other.evidence.start)
    b = max(kept.evidence.end, other.evidence.end)
    if b - a > MERGE_CHARS:
        return False
    for name, value in changes.items():
        setattr(kept, name, value)
    kept.evidence = Mention(text[a:b], a, b)
    return True


class _Merger:
    """Facts kept once each: a fact that states one already kept (:func:`same_fact`) only
    completes it (:func:`merge_into`). Key-compared kinds are looked up, the others
    compared with the kept facts of their type."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.facts: list[Fact] = []
        self._by_key: dict[tuple[Any, ...], Fact] = {}
        self._by_type: dict[type[Fact], list[tuple[Fact, tuple[int, int]]]] = {}

    def twin(self, fact: Fact) -> Fact | None:
        if type(fact) in _SAME or not isinstance(fact, (Event, Priority, Driver, Quotation)):
            return self._by_key.get(_dedup_key(fact))
        span = _span(fact, self.text)
        return next((k for k, ks in self._by_type.get(type(fact), ())
                     if same_fact(k, fact, self.text, (ks, span))), None)

    def add(self, fact: Fact) -> None:
        self.facts.append(fact)
        self._by_key.setdefault(_dedup_key(fact), fact)
        self._by_type.setdefault(type(fact), []).append((fact, _span(fact, self.text)))


class LLMExtractor:
    """Facts proposed by a language model and grounded in the text (``--extractor llm``).

    Settings (``KGRAPH_LLM_*``, see :class:`~kgraph.config.Settings`): base URL, model, API
    key, timeout, concurrency, maximum tokens, cache folder and offline. Created with no
    arguments it reads them from the environment; :meth:`configure` gives one set up from
    given settings (what builds use).
    """

    name = "llm"
    version = __version__
    with_rules = False

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else load_settings()
        s = self.settings
        self.config: dict[str, Any] = {
            "model": s.llm_model, "base_url": public_url(s.llm_base_url),
            "max_tokens": s.llm_max_tokens, "temperature": 0, "chunk_chars": CHUNK_CHARS,
            "prompt_schema": _setup_hash(s.llm_max_tokens),
        }
        if self.with_rules:
            from ..base import RulesExtractor

            self.config["rules"] = RulesExtractor().config
        self._answers: dict[str, Answer] = {}
        self._prepared = False
        self._client: ChatClient | None = None
        folder = s.llm_cache_dir
        self._cache = ResponseCache(folder if str(folder) not in ("", ".") else None)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(model={self.settings.llm_model!r})"

    def configure(self, settings: Settings) -> LLMExtractor:
        """This extractor set up from ``settings`` (a new instance)."""
        return type(self)(settings)

    # --- requests ------------------------------------------------------------------
    def _check(self) -> None:
        if not self.settings.llm_model:
            raise ConfigError("KGRAPH_LLM_MODEL is not set: the name of the model to ask "
                              "(e.g. qwen2.5:7b-instruct for Ollama)")

    def _client_for_requests(self) -> ChatClient:
        if self._client is None:
            s = self.settings
            self._client = ChatClient(s.llm_base_url, s.llm_model, api_key=s.llm_api_key,
                                      timeout=s.llm_timeout, max_tokens=s.llm_max_tokens)
        return self._client

    def _key(self, text: str) -> str:
        return cache_key(text, self.settings.llm_model, self.config["prompt_schema"])

    def _fetch(self, texts: dict[str, str]) -> None:
        """Answers for ``texts`` (key -> chunk text) into memory: from the cache, else asked
        (unless offline), ``llm_concurrency`` requests at a time.

        Raises:
            ServiceUnavailable: the service kept failing (pending requests are cancelled).
        """
        missing: dict[str, str] = {}
        for key, text in texts.items():
            if key in self._answers:
                continue
            cached = self._cache.get(key)
            if cached is not None:
                self._answers[key] = cached
            elif not self.settings.llm_offline:
                missing[key] = text
        if not missing:
            return
        client = self._client_for_requests()
        schema = answer_schema()
        prompt = system_prompt()

        def ask(text: str) -> Answer:
            return client.complete([{"role": "system", "content": prompt},
                                    {"role": "user", "content": text}], schema)

        workers = max(1, self.settings.llm_concurrency)
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kgraph-llm")
        try:
            futures = {pool.submit(ask, text): key for key, text in missing.items()}
            # Each answer is kept as it comes, so a build stopped by a failing service asks
            # only the rest next time.
            for future in as_completed(futures):
                answer = future.result()  # ServiceUnavailable: the rest are cancelled below
                key = futures[future]
                self._answers[key] = answer
                if answer.finish_reason != "length":  # a cut answer is asked again next time
                    self._cache.put(key, answer)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _chunk_texts(self, document: Document) -> list[tuple[int, int, str]]:
        return [(a, b, self._key(document.text[a:b])) for a, b in chunks(document.text)]

    def prepare(self, documents: Iterable[Document]) -> None:
        """Ask the model about every chunk of ``documents`` now (cached answers are not
        asked again), so that :meth:`extract` needs no network: what a build calls before
        it writes anything. Afterwards, chunks not prepared get no model facts.

        Raises:
            ConfigError: the model or the base URL is not set.
            ServiceUnavailable: the service kept failing.
        """
        self._check()
        texts: dict[str, str] = {}
        for document in documents:
            for a, b, key in self._chunk_texts(document):
                texts[key] = document.text[a:b]
        self._fetch(texts)
        self._prepared = True

    # --- extraction ----------------------------------------------------------------
    def _rules(self, document: Document) -> Extraction:
        from ..base import RulesExtractor

        return RulesExtractor().extract(document)

    def extract(self, document: Document) -> Extraction:
        self._check()
        rules = self._rules(document)
        counts: Counter[str] = Counter()
        warnings: list[str] = list(rules.warnings) if self.with_rules else []
        parts = self._chunk_texts(document)
        if not self._prepared:
            self._fetch({key: document.text[a:b] for a, b, key in parts})
        dates = [d for d in (rules.info.date, rules.info.file_date) if d is not None]
        grounder = _Grounder(document, dates, rules.info.publisher)
        proposed: list[Fact] = []
        for a, b, key in parts:
            answer = self._answers.get(key)
            counts["llm-chunks"] += 1
            if answer is None:
                counts["llm-chunks-unanswered"] += 1
                continue
            counts["llm-tokens"] += answer.tokens
            items, reason = _read(answer)
            if reason:
                counts[f"rejected:{reason}"] += 1
                continue
            counts["llm-proposed"] += len(items)
            checks = [check_fact(item) for item in items]
            broken = [(kind, why) for kind, why in checks if why is not None]
            if broken:
                # an answer that breaks the schema is rejected whole, never repaired by
                # keeping the parts that happen to fit (issue 16, item 2)
                counts["rejected:answer-schema"] += 1
                warnings.append(f"llm: rejected the answer for characters {a}-{b}: "
                                + "; ".join(f"a proposed {kind if kind != '?' else 'fact'}: {why}"
                                            for kind, why in broken))
                continue
            for item, (kind, _) in zip(items, checks, strict=True):
                fact: Fact | str
                try:
                    fact = grounder.fact(item, a, b)
                except (ValueError, TypeError, ArithmeticError, KeyError, AttributeError) as exc:
                    # what the schema cannot say (a value no number) ends here, never in a
                    # traceback: the fact fits the schema, so it alone is dropped, unread
                    counts["rejected:shape-invalid"] += 1
                    warnings.append(f"llm: dropped a proposed {kind} in characters {a}-{b}: "
                                    f"unreadable ({type(exc).__name__}: {exc})")
                    continue
                if isinstance(fact, str):
                    counts[f"rejected:{fact}"] += 1
                    continue
                assert quote_at(document.text, fact.evidence)
                fact.rule = f"llm.{item['fact']}"
                proposed.append(fact)
        facts = self._combine(rules, proposed, counts, grounder)
        facts.sort(key=lambda f: f.evidence.start)
        if counts["llm-chunks-unanswered"]:
            warnings.append(f"{counts['llm-chunks-unanswered']} chunk(s) have no answer "
                            "in the cache (offline): no model facts for them")
        extraction = Extraction(document=document, info=rules.info, facts=facts,
                                warnings=warnings)
        extraction.counts = dict(sorted(counts.items()))
        return extraction

    def _combine(self, rules: Extraction, proposed: list[Fact], counts: Counter[str],
                 grounder: _Grounder) -> list[Fact]:
        merger = _Merger(rules.document.text)
        for fact in proposed:
            twin = merger.twin(fact)
            if twin is None:
                merger.add(fact)
            else:  # the model stated it twice (two chunks, two quotes): once, completed
                merge_into(twin, fact, merger.text)
        counts["llm-accepted"] = len(merger.facts)
        return merger.facts


class HybridExtractor(LLMExtractor):
    """The rules and the model together (``--extractor hybrid``): every fact tagged with the
    extractor that made it, a fact both made kept once.

    The merge policy (also in the README): two facts are the same by :func:`same_fact`;
    the rules' fact is kept, with the rules' values, and the model's fills the fields it
    leaves empty and adds the names its lists lack (the evidence then covers both quotes).
    The rules' facts go through the same grounding as the model's: where a rules' fact fails
    it and the model's twin passes, the model's values win where the two differ. A rules'
    fact is never dropped for failing grounding (the rules read context a quote does not
    hold: a period from a heading, a speaker named a paragraph before); the failures are
    counted (``rules-ungrounded:<reason>``). A fact only the model made is kept, since it
    passed grounding to get here.
    """

    name = "hybrid"
    with_rules = True

    def _combine(self, rules: Extraction, proposed: list[Fact], counts: Counter[str],
                 grounder: _Grounder) -> list[Fact]:
        model = super()._combine(rules, proposed, counts, grounder)
        text = rules.document.text
        merger = _Merger(text)
        ungrounded: set[int] = set()
        for fact in rules.facts:
            fact.rule = f"rules.{fact.rule}" if fact.rule else "rules"
            item = as_item(fact)
            if item is not None:
                try:
                    verdict = grounder.fact(item, fact.evidence.start, fact.evidence.end)
                except (ValueError, TypeError, ArithmeticError, KeyError, AttributeError):
                    verdict = "shape-invalid"
                if isinstance(verdict, str):
                    counts[f"rules-ungrounded:{verdict}"] += 1
                    ungrounded.add(id(fact))
            merger.add(fact)
        for fact in model:
            twin = merger.twin(fact)
            if twin is None:
                merger.add(fact)
                continue
            counts["llm-also-by-rules"] += 1
            if twin.rule and twin.rule.startswith("rules."):
                twin.rule = "rules+llm" + twin.rule.removeprefix("rules")
            elif twin.rule == "rules":
                twin.rule = "rules+llm"
            if twin.rule and twin.rule.startswith("rules+llm") and merge_into(
                    twin, fact, text, other_wins=id(twin) in ungrounded):
                counts["llm-completed-rules"] += 1
        return merger.facts


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity are no values of a fact


def _read(answer: Answer) -> tuple[list[Any], str | None]:
    """The proposals of an answer, or why the whole answer is rejected: cut off, not JSON,
    or not an object with a list of objects under ``facts`` (each fact's own shape is
    judged alone, by :func:`.schema.check_fact`)."""
    if answer.finish_reason == "length":
        return [], "answer-truncated"
    try:
        data = json.loads(answer.content, parse_float=Decimal, parse_constant=_no_constant)
    except ValueError:
        return [], "answer-invalid"
    if validate(data, ENVELOPE) is not None:
        return [], "answer-invalid"
    return list(data["facts"]), None
