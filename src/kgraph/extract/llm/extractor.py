"""The ``llm`` and ``hybrid`` extractors: facts a language model proposes, kept only where
they stand on the text.

The release is cut into paragraph chunks that keep their offsets; each chunk is sent to an
OpenAI-compatible chat completions endpoint with a JSON Schema (see :mod:`.schema`) as the
structured output format, at temperature 0. An answer that is not valid JSON for the schema,
or was cut off, is rejected whole (never repaired); every proposed fact is then grounded
(:mod:`kgraph.extract.grounding`) and a fact that fails is rejected with its reason. The
release's document record (title, dateline) is read by the rules in both modes; ``hybrid``
adds the rules' facts, each fact tagged with the extractor that made it (``rules.*``,
``llm.*``, ``rules+llm.*`` when both made it: such a fact is kept once).

Requests are made by :meth:`LLMExtractor.prepare` for every release of a build before the
store is touched, so a service that keeps failing ends the build (exit 3) with the store
as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import fields
from decimal import Decimal
from typing import Any

from ...config import Settings, __version__, load_settings
from ...errors import ConfigError
from ...model import (
    Document,
    Extraction,
    Fact,
    MarketRelation,
    Membership,
    Observation,
    Organisation,
    OrgRelation,
    Person,
    Place,
)
from ..gazetteer import Kind, canonical_key, resolve
from ..grounding import locate, name_in, period_stated, quote_at, value_in
from .client import Answer, ChatClient, ResponseCache, cache_key, public_url
from .schema import answer_schema, schema_hash, validate, vocabularies

__all__ = ["LLMExtractor", "HybridExtractor", "chunks", "CHUNK_CHARS", "system_prompt"]

CHUNK_CHARS = 2000
"""Most characters of text one request carries (paragraphs are merged up to it)."""

PROMPT_VERSION = 1

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
        "less) that states the whole fact. Copy it exactly; do not translate or shorten words.\n"
        "- Every name in a fact (person, organisation, place, market) must be written in its "
        "quote. Numbers are given as plain numbers in the unit named: money in units of its "
        "currency (1.2 billion euros -> 1200000000, unit EUR), percentages in percent "
        "(-12% -> -12, unit percent); a fall is negative.\n"
        "- `period` is the period the figure is about, written in the text, in the notation "
        "2024, 2024-H1, 2024-Q3 or 2024-01/2024-08. Leave a figure out when no period is stated.\n"
        "- `indicator` is one of the listed keys; leave out a figure no key fits. `scope` is "
        "the sector the figure is about, `area` its reference country (usually Italy), "
        "`market` the counterpart market of a trade figure.\n"
        "- Memberships link a person to the organisation and role the quote states; "
        "`start`/`end` are ISO dates only when written.\n"
        "- Do not guess: when the text does not state a fact, leave it out. An empty list is "
        "a good answer.\n"
        f"Indicator keys: {', '.join(v['indicator'])}.\n"
        f"Sectors: {'; '.join(v['sector'])}.\n"
        f"Roles: {', '.join(v['role'])}.\n"
    )


def _setup_hash(max_tokens: int) -> str:
    text = f"{PROMPT_VERSION}\0{system_prompt()}\0{schema_hash()}\0{max_tokens}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canon(name: str, kind: Kind) -> str:
    return resolve(name, kind) or " ".join(name.split())


def _date(value: Any, quote: str) -> Any:
    """An ISO date of the answer, kept only when its year is written in the quote."""
    import datetime as dt

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


class _Grounder:
    """Turns the proposals of one answer into facts of one document, or reasons to reject."""

    def __init__(self, document: Document, dates: Sequence[Any]) -> None:
        self.doc = document
        self.dates = list(dates)

    def known_place(self, name: str) -> bool:
        return resolve(name, "place") is not None or name_in(name, self.doc.text, "place")

    def fact(self, item: dict[str, Any], start: int, end: int) -> Fact | str:
        text = self.doc.text
        m = locate(item["quote"], text, start, end)
        if m is None:
            return "quote-not-found"
        q = m.text
        kind = item["fact"]
        if kind == "organisation":
            if not name_in(item["name"], q, "organisation"):
                return "name-not-in-quote"
            return Organisation(m, name=_canon(item["name"], "organisation"), type=item["type"])
        if kind == "person":
            if not name_in(item["name"], q):
                return "name-not-in-quote"
            return Person(m, name=" ".join(item["name"].split()))
        if kind == "place":
            if not name_in(item["name"], q, "place"):
                return "name-not-in-quote"
            return Place(m, name=_canon(item["name"], "place"), kind=item["kind"])
        if kind == "membership":
            if not (name_in(item["person"], q) and name_in(item["organisation"], q, "organisation")
                    and name_in(item["role"], q, "role")):
                return "name-not-in-quote"
            return Membership(m, person=" ".join(item["person"].split()), role=item["role"],
                              organisation=_canon(item["organisation"], "organisation"),
                              start=_date(item.get("start"), q), end=_date(item.get("end"), q))
        if kind == "market":
            if not name_in(item["market"], q, "place"):
                return "name-not-in-quote"
            return MarketRelation(m, market=_canon(item["market"], "place"),
                                  relation=item["relation"], scope=item.get("scope"))
        if kind == "org_relation":
            if not (name_in(item["subject"], q, "organisation")
                    and name_in(item["object"], q, "organisation")):
                return "name-not-in-quote"
            return OrgRelation(m, subject=_canon(item["subject"], "organisation"),
                               relation=item["relation"],
                               object=_canon(item["object"], "organisation"))
        assert kind == "observation", kind
        market, area = item.get("market"), item.get("area")
        if market and not name_in(market, q, "place"):
            return "name-not-in-quote"
        if area and not self.known_place(area):
            return "unknown-term"
        value = Decimal(str(item["value"]))
        if not value_in(value, item["unit"], q, self.doc.language):
            return "value-not-in-quote"
        if not period_stated(item["period"], q, text, dates=self.dates):
            return "period-not-stated"
        return Observation(m, indicator=item["indicator"], scope=item["scope"], value=value,
                           unit=item["unit"], period=item["period"],
                           area=_canon(area, "place") if area else None,
                           market=_canon(market, "place") if market else None,
                           qualifiers=_qualifiers(q), base=_base(q) if item["unit"] == "index" else None)


# What makes two facts one statement, whoever made them and wherever they quote it: the
# figure and what it measures, not the sector or area each reader attached to it; the post,
# not the dates one of them also read.
_SAME: dict[type[Fact], tuple[str, ...]] = {
    Observation: ("indicator", "value", "unit", "period", "market"),
    MarketRelation: ("market", "relation"),
    Membership: ("person", "role", "organisation"),
    Organisation: ("name",), Person: ("name",), Place: ("name",),
    OrgRelation: ("subject", "relation", "object"),
}


def _dedup_key(fact: Fact) -> tuple[Any, ...]:
    names = _SAME.get(type(fact)) or tuple(
        f.name for f in fields(fact) if f.name not in ("evidence", "rule", "date_evidence"))
    out: list[Any] = [type(fact).__name__]
    for name in names:
        v = getattr(fact, name)
        if isinstance(v, str):
            v = canonical_key(v) if re.search(r"\w", v) else v
        elif isinstance(v, Decimal):
            v = v.normalize()
        out.append(v)
    return tuple(out)


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
        parts = self._chunk_texts(document)
        if not self._prepared:
            self._fetch({key: document.text[a:b] for a, b, key in parts})
        dates = [d for d in (rules.info.date, rules.info.file_date) if d is not None]
        grounder = _Grounder(document, dates)
        schema = answer_schema()
        proposed: list[Fact] = []
        for a, b, key in parts:
            answer = self._answers.get(key)
            counts["llm-chunks"] += 1
            if answer is None:
                counts["llm-chunks-unanswered"] += 1
                continue
            counts["llm-tokens"] += answer.tokens
            items, reason = _read(answer, schema)
            if reason:
                counts[f"rejected:{reason}"] += 1
                continue
            for item in items:
                counts["llm-proposed"] += 1
                fact = grounder.fact(item, a, b)
                if isinstance(fact, str):
                    counts[f"rejected:{fact}"] += 1
                    continue
                assert quote_at(document.text, fact.evidence)
                fact.rule = f"llm.{item['fact']}"
                proposed.append(fact)
        facts = self._combine(rules, proposed, counts)
        facts.sort(key=lambda f: f.evidence.start)
        warnings = list(rules.warnings) if self.with_rules else []
        if counts["llm-chunks-unanswered"]:
            warnings.append(f"{counts['llm-chunks-unanswered']} chunk(s) have no answer "
                            "in the cache (offline): no model facts for them")
        extraction = Extraction(document=document, info=rules.info, facts=facts,
                                warnings=warnings)
        extraction.counts = dict(sorted(counts.items()))
        return extraction

    def _combine(self, rules: Extraction, proposed: list[Fact], counts: Counter[str]) -> list[Fact]:
        out: list[Fact] = []
        seen: set[tuple[Any, ...]] = set()
        for fact in proposed:
            key = _dedup_key(fact)
            if key in seen:
                continue  # the model stated it twice (two chunks, two quotes)
            seen.add(key)
            out.append(fact)
        counts["llm-accepted"] = len(out)
        return out


class HybridExtractor(LLMExtractor):
    """The rules and the model together (``--extractor hybrid``): every fact tagged with the
    extractor that made it, a fact both made kept once (the rules' quote)."""

    name = "hybrid"
    with_rules = True

    def _combine(self, rules: Extraction, proposed: list[Fact], counts: Counter[str]) -> list[Fact]:
        model = super()._combine(rules, proposed, counts)
        out: list[Fact] = []
        index: dict[tuple[Any, ...], Fact] = {}
        for fact in rules.facts:
            fact.rule = f"rules.{fact.rule}" if fact.rule else "rules"
            index.setdefault(_dedup_key(fact), fact)
            out.append(fact)
        for fact in model:
            twin = index.get(_dedup_key(fact))
            if twin is not None:
                counts["llm-also-by-rules"] += 1
                if twin.rule and not twin.rule.startswith("rules+llm"):
                    twin.rule = "rules+llm" + twin.rule.removeprefix("rules")
                continue
            out.append(fact)
        return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity are no values of a fact


def _read(answer: Answer, schema: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """The proposals of an answer, or why the whole answer is rejected."""
    if answer.finish_reason == "length":
        return [], "answer-truncated"
    try:
        data = json.loads(answer.content, parse_float=Decimal, parse_constant=_no_constant)
    except ValueError:
        return [], "answer-invalid"
    if validate(data, schema) is not None:
        return [], "answer-invalid"
    return list(data["facts"]), None

