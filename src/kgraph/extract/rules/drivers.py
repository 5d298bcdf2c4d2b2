"""Drivers: the causes a release gives for a result (demand, costs, exchange rates, named
factors), from cue phrases and the structure of the sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from functools import cache
from typing import Any

from ...model import Driver, Priority
from .. import gazetteer as gz
from .lexicon import _lex_alt, _lex_scan, _lex_triggers, _lexicon
from .markets import _CUE_WINDOW
from .segment import _CLAUSE_STOP
from .state import _covering, _mention, _near, _overlapping, _State
from .statements import (
    _CLAUSE_START,
    _FINITE_VERB,
    _QUOTE_OR_DASH,
    _bullets_after,
    _clean_label,
    _list_items,
    _only_places,
)

# cause phrases with structure the lexicon (data/drivers.yaml) cannot state as a list
_DRIVER_INTRO = re.compile(
    r"(?i)\b(driven\s+by\s+(?=the\s+(?:slowdown|decline|drop|crisis))|frenat[ao]\b[^.;]{0,40}?\b(?:da|dai|dal|dalla|dalle|dagli|dall['’])|"
    r"\bpesa(?:no)?(?:\s+(?:ancora|anche|soprattutto|tuttora))?(?=\s+(?:il|lo|la|i|gli|le|l['’]))|"
    r"\ba\s+pesare\s+(?:sono|è|sono\s+stat[ie]|sono\s+stati)(?:\s+(?:soprattutto|anche|ancora))?|"
    r"(?:the\s+)?(?:main\s+)?(?:causes|reasons|factors)\b[^:.]{0,60}:|(?:le\s+)?(?:principali\s+)?(?:cause|ragioni|motivi|fattori)\b[^:.]{0,60}:)")
_DRIVER_INTRO_TRIGGERS = ("driven", "frenat", "pesa", "cause", "reason", "factor", "ragioni", "motivi", "fattori")
# a subject that weighs on the result: "the fall in investment ... is weighing on every market"
@cache
def _driver_subject() -> re.Pattern[str]:
    """_DRIVER_SUBJECT with the words data/drivers.yaml adds: an adverb before the verb ("are
    certainly weighing on") and a weight told with its object left out ("are weighing heavily")."""
    adverbs, alone = _lex_alt("drivers", "subject_adverbs"), _lex_alt("drivers", "weigh_alone")
    anchor = r"[ \u00a0]*(?:weighing"
    assert anchor in _DRIVER_SUBJECT.pattern
    return re.compile(_DRIVER_SUBJECT.pattern.replace(
        anchor, rf"[ \u00a0]*(?:(?:{adverbs})[ \u00a0]+)?(?:{alone}|weighing", 1))


_DRIVER_SUBJECT = re.compile(
    r"(?i)[ \u00a0]+(?:is|are|was|were|has\s+been|have\s+been)?[ \u00a0]*(?:weighing\s+on|weighs\s+on|weigh\s+on|weighed\s+on|hitting|"
    r"has\s+hit|have\s+hit|hit|hurt|hurts|has\s+hurt|penalised|penalized|penalises|penalizes|held\s+back|is\s+holding\s+back|"
    r"pesa\s+su\w*|pesano\s+su\w*|ha\s+pesato|hanno\s+pesato|ha\s+colpito|hanno\s+colpito|colpisce|penalizza|penalizzano|ha\s+penalizzato|hanno\s+penalizzato|ha\s+frenato|hanno\s+frenato|frena|frenano|"
    # a force pushing the market: "incentives are pushing new investment", "l'export traina"
    r"pushing|driving|drives|drove|boosting|boosts|boosted|fuelling|fueling|fuels|fuelled|spinge|spingono|traina|trainano|sostiene|sostengono|"
    # a cause with its effect named after it: "the strong dollar caused a drop", "i dazi hanno provocato"
    r"caused|has\s+caused|have\s+caused|contributed\s+to|has\s+contributed\s+to|ha\s+causato|hanno\s+causato|ha\s+provocato|hanno\s+provocato|"
    r"ha\s+contribuito\s+a\w*|hanno\s+contribuito\s+a\w*|"
    # a cost eating into margins: "the sharp rise in costs erodes margins"
    r"erodes|eroding|eroded|erode|erodono|ha\s+eroso|hanno\s+eroso|squeezes|squeezing|"
    # a constraint named as such: "the shortage of technicians is our biggest constraint"
    r"(?:our|the|il\s+nostro|la\s+nostra)\s+(?:biggest|main|greatest|principale|maggiore)\s+(?:constraint|obstacle|problem|challenge|concern|limite|ostacolo|problema|freno|vincolo)|"
    # "sanctions are a serious obstacle to growth", "il caro energia rappresenta un freno"
    r"(?:is|are|remains?|costituisc[eo]n?o?|rappresent[ao]n?o?|resta|restano)\s+(?:a|an|un|uno|una)\s+(?:[a-zà-ÿ]+\s+)?(?:obstacle|brake|burden|threat|ostacolo|freno|minaccia|zavorra)|"
    # a weak demand, a high cost: "la domanda interna resta debole", "the cost of energy remains high"
    r"(?:resta|rimane|restano|rimangono|remains?|stays?)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:debole|deboli|weak|sluggish|fiacca|fiacco)|"
    # (only for a demand, and a cost or price: checked where the subject is known)
    r"(?:è|is)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:debole|weak|sluggish|fiacca)|"
    r"(?:resta|rimane|restano|rimangono|remains?|stays?|è|is|are|sono)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:alt[oaie]|high|elevat[oaie]))\b")
_NEEDS_SUBJECT = re.compile(r"(?i)\b(?:è|is|are|sono)\s+(?:ancora\s+|still\s+|very\s+|molto\s+)?(?:debole|weak|sluggish|fiacca)\b|\b(?:alt[oaie]|high|elevat[oaie])$")
_DEMAND = re.compile(r"(?i)\b(?:domanda|demand|consumi|consumption)\b")
_DEMAND_OR_COST = re.compile(r"(?i)\b(?:domanda|demand|cost[oi]?|costs|prezz[oi]|prices?)\b")
_DRIVER_HOLD = re.compile(
    r"(?i)[ \u00a0]+(?:(?:are|is|were|was|have|has|stanno|hanno|ha|sono)[ \u00a0]+)?(?:postponing|postponed|delaying|delayed|froze|frozen|freezing|"
    r"rinviando|rinviato|rinviano|rimandando|rimandato|congelando|congelato|congelano)[ \u00a0]+(?:(?:their|the|its|our|gli|i|le|i\s+loro|gli\s+stessi|nuovi|new)[ \u00a0]+)*"
    r"(?:investments?|investimenti|orders|ordini|purchases|acquisti|capital\s+spending)\b")


# a consequence, not a further cause: "..., such as to lift it to second place", "tale da ..."
_CONSEQUENCE = re.compile(r"(?i)[ \u00a0]*(?:(?:such|so)(?:[ \u00a0]+as)?[ \u00a0]+to|tal[ei][ \u00a0]+da|così[ \u00a0]+da|in[ \u00a0]+modo[ \u00a0]+da)\b")


_INFINITIVE_AFTER = re.compile(r"(?i)[ \u00a0]*(?:be|been|have|essere)[ \u00a0]")
_QUOTED_NAME = re.compile(r"(?i)\b(?:so-called|so[ \u00a0]+called|cosiddett[aoie]|named|called|denominat[aoie]|chiamat[aoie])[ \u00a0]+[“\"«][^“”\"«»\n]{1,40}[”\"»]")


_RELATIVE = re.compile(r"(?i)[ \u00a0,]+(?:che|which|that|who|il[ \u00a0]+quale|la[ \u00a0]+quale)\b")


def _find_drivers(st: _State) -> None:
    text = st.text
    seen: set[str] = set()
    recent: deque[str] = deque(maxlen=40)  # a repeated quote comes back within a few drivers
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}  # drivers read, per sentence

    factor_word_rx, _ = _lexicon("drivers", "factor", "factor_alone")
    figure_spans = sorted((f.start, f.end) for f in st.figures())

    aims = sorted((p.evidence.start, p.evidence.end) for p in st.relations.facts if isinstance(p, Priority))

    def add(s: int, e: int) -> bool:
        mention = _mention(text, s, e)
        label = re.sub(r"(?i)^of[ \u00a0]+", "", _clean_label(mention.text))  # "the increase ..., of energy costs"
        key = gz.canonical_key(label)
        if not label or _not_a_driver(st, mention.start, mention.end, label):
            return False
        if _covering(aims, mention.start, mention.end):
            return False  # "we hope the raw materials market calms down": what is wished for, no cause given
        if label[:1] in "“«" and text[mention.end:mention.end + 1] in ("”", "»"):
            label = label[1:].lstrip()  # "owing to the “long winter”": the quoted words whole
        if label.count("(") != label.count(")") or label.count("“") != label.count("”") or label.count("«") != label.count("»"):
            return False  # "exports (approx", "the “return of an old foe: ...": half a phrase
        if _overlapping(figure_spans, mention.start, mention.end):
            # a figure inside: "fermo intorno al -1%" is a result told; "i deboli risultati sul
            # mercato domestico con gli ordini scesi del 9,2%" a cause whose figure is left out
            i = bisect.bisect_left(figure_spans, (mention.end, -1))
            f0 = min(a for a, b in figure_spans[max(0, i - 4):i] if a < mention.end and mention.start < b)
            words = text[mention.start:f0].split()
            while words and words[-1].lower().strip(",;:(") in _FN_WORDS:
                words.pop()
            if len(words) < 5:
                return False
            return add(mention.start, text.rfind(words[-1], mention.start, f0) + len(words[-1]))
        if " " not in label and not label[:1].isupper() and not (factor_word_rx is not None and factor_word_rx.fullmatch(label)):
            return False  # a bare word ("exports", "limitato") names no cause, a factor word does ("inflation")
        if _only_places(st, mention.start, mention.end):
            return False  # "driven by Germany": a market, no cause
        here = spans.setdefault(st.sentence_of(mention.start), [])
        inside = _covering(here, mention.start, mention.end)
        bisect.insort(here, (mention.start, mention.end))
        # a quote said twice, once with an aside: "weakness in some markets (not only ...)"
        if key in seen or (not inside and key.count("-") >= 1 and any(
                f"-{short}-" in f"-{long_}-" for k in recent if k.count("-") >= 1
                for short, long_ in [sorted((k, key), key=len)])):
            return True
        seen.add(key)
        recent.append(key)
        st.relations.facts.append(Driver(mention, text=label))
        return True

    def taken(pos: int) -> bool:
        return _covering(spans.get(st.sentence_of(pos), []), pos, pos + 1)

    # customers putting investment on hold: "companies are postponing investments", "i clienti
    # hanno congelato gli investimenti" -- the clause, subject and verb, is the driver
    for m in st.scan(_DRIVER_HOLD, ("postpon", "delay", "froze", "freez", "rinvi", "rimand", "congel")):
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[,;:“”\"«»(‘']|\b(?:but|ma|and|e|while|mentre)\b[ \u00a0]", lead)), default=0)
        start = s0 + cut + (len(lead[cut:]) - len(lead[cut:].lstrip(" \u00a0")))
        if 1 <= len(text[start:m.start()].split()) <= 10 and not re.search(r"\d", text[start:m.start()]):
            add(start, m.end())

    for m in st.scan(_driver_subject(), ("weigh", "hit", "hurt", "penali", "held back", "holding back", "pesa", "pesato", "colpi", "frena", "frenato",
                                       "obstacle", "brake", "burden", "threat", "ostacolo", "freno", "minaccia", "zavorra", "push", "driving", "drive", "drove", "boost", "fuel", "erod", "eros", "squeez", "sping", "train", "sosten", "constraint", "obstacle", "problem", "challenge",
                                       "caused", "contribu", "causato", "provocato",
                                       "concern", "limite", "ostacolo", "freno", "vincolo", "debol", "weak", "sluggish", "fiacc", "high", "alt", "elevat")):
        # the noun phrase the verb follows, back to the clause start
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[,;:“”\"«»(]|\b(?:but|ma|and|e|while|mentre)\b[ \u00a0]", lead)), default=0)
        phrase = lead[cut:]
        start = s0 + cut + (len(phrase) - len(phrase.lstrip(" \u00a0")))
        words = phrase.split()
        if not (2 <= len(words) <= 12) or re.search(r"\d", phrase) or not re.match(
                r"(?i)(?:the|il|la|lo|i|gli|le|l['’]|un|una|a|an)\b", phrase.strip()):
            continue
        if re.match(r"(?i)(?:the|il|la)\s+(?:result|risultato|figure|dato|index|indice|sector|settore|year|anno)\b", phrase.strip()):
            continue
        if re.search(r"(?i)\b(?:che|which|that|who)[ \u00a0]*$", phrase):
            continue  # "... frenate da scelte che hanno penalizzato ...": the subject is a relative pronoun
        # "is weak" and "remains high" make a driver only of a demand or a cost ("la domanda di
        # piastrelle è debole", "il costo del gas resta alto"), not of any subject
        if _NEEDS_SUBJECT.search(m.group()) and not (_DEMAND_OR_COST.search(phrase) and (
                "debol" in m.group() or "weak" in m.group() or "sluggish" in m.group() or "fiacc" in m.group()
                or re.search(r"(?i)\b(?:cost[oi]?|costs|prezz[oi]|prices?)\b", phrase))):
            continue
        add(start, m.start())

    # a demand that keeps falling: "domestic demand continues to shrink", "la domanda interna ha
    # accusato un'altra contrazione" -- the demand is the cause of the sector's result
    for m in _lex_scan(st, "drivers", "demand_falls"):
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[,;:“”\"«»(]|\b(?:but|ma|and|e|while|mentre)\b[ \u00a0]", lead)), default=0)
        phrase = lead[cut:].strip(" \u00a0")
        if 1 <= len(phrase.split()) <= 5 and _DEMAND.search(phrase) and not re.search(r"\d", phrase):
            add(s0 + cut + len(lead[cut:]) - len(lead[cut:].lstrip(" \u00a0")), m.start())

    concession, _ = _lexicon("drivers", "concession")
    alone_rx, _ = _lexicon("drivers", "factor", "factor_alone")
    clause_rx, _ = _lexicon("drivers", "cause_clause", "concession_clause")
    because_rx, _ = _lexicon("drivers", "cause_clause")
    effect_rx, _ = _lexicon("drivers", "effect")
    positive_rx, _ = _lexicon("drivers", "cause_positive")
    component_rx, _ = _lexicon("drivers", "components")
    trend_rx, _ = _lexicon("drivers", "trend")
    hard_rx, hard_trig = _lexicon("drivers", "hardships")
    example_rx, _ = _lexicon("drivers", "examples")
    intros = [*st.scan(_DRIVER_INTRO, _DRIVER_INTRO_TRIGGERS),
              *_lex_scan(st, "drivers", "cause_before", "cause_positive", "concession", "cause_clause", "concession_clause")]
    for m in sorted(intros, key=lambda x: (x.start(), -x.end())):
        if taken(m.start()):
            continue  # "uncertainty resulting from the turmoil": a cue inside a driver already read
        helped = positive_rx is not None and positive_rx.fullmatch(m.group()) is not None
        if helped and (trend_rx is None or trend_rx.search(text, *st.sentence_of(m.start())) is None):
            continue  # "thanks to the organisers": a credit, no cause of a trend
        if clause_rx is not None and clause_rx.fullmatch(m.group()):
            # a whole clause is the cause: it is one driver, to its comma ("although difficulties
            # remain in the client sectors and in some markets, ..."); a "because" only after an
            # effect, since "perché lo sforzo sia sostenibile" states a purpose
            s0, s1 = st.sentence_of(m.start())
            if because_rx is not None and because_rx.fullmatch(m.group()) and (
                    effect_rx is None or effect_rx.search(text, max(s0, m.start() - _CUE_WINDOW), m.start()) is None):
                continue
            if not (because_rx is not None and because_rx.fullmatch(m.group())) and not any(
                    rx is not None and rx.search(text, s0, s1) for rx in (trend_rx, effect_rx)):
                continue  # "most are subcontractors, although many also sell their own brand": no result conceded
            a = m.end()
            end_m = _CLAUSE_STOP.search(text, a, s1)
            quote = _QUOTE_OR_DASH.search(text, a, end_m.start() if end_m else s1)
            b = quote.start() if quote else (end_m.start() if end_m else s1)
            if hard_rx is not None and example_rx is not None and (h := hard_rx.search(text, a, b)) \
                    and example_rx.search(text, h.end(), min(s1, h.end() + 80)):
                continue  # "despite the fact that we met difficulties such as X and Y": the examples are the causes
            if len(text[a:b].split()) >= 3 and not re.search(r"\d", text[a:b]):
                add(a, b)
            continue
        _, s1 = st.sentence_of(m.start())
        a = m.end()
        if _INFINITIVE_AFTER.match(text, a):
            continue  # "final figures, due to be released in spring": a schedule, no cause
        # a quoted name ("the so-called "Esempio Ter" decree") is no quotation's end
        seg = _QUOTED_NAME.sub(lambda q: "x" * len(q.group()), text[a:s1])
        end_m = re.search(r"[.;:!?](?=\s|$)|[;”\"«»]|[ \u00a0][-–][ \u00a0]|,[ \u00a0]+(?:which|that|while|but|with|in|as|che|ma|mentre|con|sia|così|so|thus|hence|quindi|pertanto|therefore)\b|[ \u00a0]+(?:when|quando)\b", seg)
        b = a + end_m.start() if end_m else s1
        if concession is not None and concession.fullmatch(m.group()):
            # "Despite the difficulties, Italy confirms ...": the concession ends at its comma, and
            # a bare word ("the difficulties") names no driver
            comma = text.find(",", a, b)
            b = comma if comma >= 0 else b
            bare = re.sub(r"(?i)^(?:the|il|la|lo|i|gli|le|l['’])\s*", "", text[a:b].strip())
            if len(bare.split()) < 2 and (alone_rx is None or not alone_rx.fullmatch(bare)):
                continue  # (a factor word says enough: "despite the uncertainty, ...")
        bullets = _bullets_after(text, m.end()) if m.group().endswith(":") else []
        if m.group().endswith(":") and not bullets and b <= a + 2:
            continue
        items = bullets or (_list_items(text, a, b, st, bare_nouns=True) if b > a else [])
        told = sum(_figure_early(text, figure_spans, s, e) for s, e in items)
        if told >= 2 and 2 * told >= len(items):
            continue  # "alla luce di un calo ..., attestato al -2% ..., il volume (124 milioni ...)": results listed, no cause
        if len(items) >= 2 and len(text[items[-1][0]:items[-1][1]].split()) == 1 \
                and re.search(r"(?i)[ \u00a0](?:and|e|ed|or|o)[ \u00a0]*$", text[items[-2][1]:items[-1][0]]):
            # "worsened by supply shortages and delays": a bare last word closes the item before it
            items = [*items[:-2], (items[-2][0], items[-1][1])]
        for i in range(len(items) - 2, -1, -1):
            # "of leather and chemical products", "weakness of agricultural and construction
            # machinery": a complement split at its "and" is one item
            piece = text[items[i][0]:items[i][1]].strip()
            nxt = text[items[i + 1][0]:items[i + 1][1]].strip()
            if (re.match(r"(?i)(?:of|di)[ \u00a0]", piece) or (
                    re.search(r"(?i)\b(?:of|di|del|della|dei|degli|delle)[ \u00a0]+[\w-]+$", piece)
                    # the second half is bare words: "construction machinery", not "all'incertezza
                    # geopolitica" or "inasprimento delle barriere" (items of their own)
                    and len(nxt.split()) <= 3 and not any(w.lower() in _FN_WORDS or re.search(r"['’]", w) for w in nxt.split()))) \
                    and re.fullmatch(r"[ \u00a0]+(?:and|e|ed)[ \u00a0]+", text[items[i][1]:items[i + 1][0]]) \
                    or (st.lang == "it" and _adjectives_joined(text, items[i], items[i + 1])):
                items[i:i + 2] = [(items[i][0], items[i + 1][1])]
        if helped:
            items = [(s, e) for s, e in items if not _a_share_of_the_figure(st, s, e, component_rx)]
        for n, (s, e) in enumerate(items):
            if n and _starts_participle_clause(text, items[n - 1][1], s, e):
                break  # "innovation offered to customers, providing original solutions ...": a new clause
            conceded = _clean_label(text[s:e])
            if " " in conceded and _result_told(conceded):
                # "sebbene con valori più bassi, dimostra ...": a result conceded, then the main
                # clause (a bare "the rise, at times a sharp one, of dyes and fuel" goes on to its complement)
                break
            rel = _RELATIVE.search(text, s, e)
            if rel and len(_clean_label(text[s:rel.start()]).split()) >= 2 and not _defining_relative(text, rel, e, effect_rx):
                # "dall'incertezza geopolitica che ha frenato gli investimenti": the item ends at "che"
                add(s, rel.start())
                break
            if rel:
                # "da fattori che hanno pesato sulla logistica": a bare noun is defined by
                # its relative clause, which stays
                add(s, e)
                break
            if _CLAUSE_START.match(text[s:e].strip(" \u00a0")) or _FINITE_VERB.search(text, s, e) \
                    or _CONSEQUENCE.match(text, s, e):
                break  # a new clause ("..., our companies keep investing", "and exports declined") ends the list
            if not add(s, e) and _names_org(st, s, e):
                break  # "welcomes the vote of the Trade Council, launches ...": no cause here

    # a base effect: "the drop is no surprise after the exploit in 2017", "il dato va letto
    # rispetto a un trimestre record dell'anno prima" -- the exceptional earlier period,
    # to its clause's end, is the cause (a change word is welcome here: "dopo il forte aumento")
    for m in st.scan(_base_effect(), _lex_triggers("drivers", "base_before")):
        s0, s1 = st.sentence_of(m.start())
        a = m.start("head")
        end_m = _BASE_END.search(text, m.end(), s1)
        b = end_m.start() if end_m else s1
        if taken(a) or re.search(r"\d", text[a:b].replace(_year_of(text[a:b]), "", 1)) or len(text[a:b].split()) > 12:
            continue  # (a year may be named, no other figure: "after the 20% rise" is a result told)
        mention = _mention(text, a, b)
        label = _clean_label(mention.text)
        key = gz.canonical_key(label)
        if label and key not in seen:
            seen.add(key)
            bisect.insort(spans.setdefault(st.sentence_of(a), []), (mention.start, mention.end))
            st.relations.facts.append(Driver(mention, text=label))

    # "weak demand, no upturn in cars and the tariffs are the main risks": the list before the words
    for m in _lex_scan(st, "drivers", "named_before"):
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[;:]", lead)), default=0)
        a = s0 + cut
        for s, e in _list_items(text, a, m.start(), st, bare_nouns=True):
            s += len(text[s:e]) - len(text[s:e].lstrip(" \u00a0“”\"«»"))
            e -= len(text[s:e]) - len(text[s:e].rstrip(" \u00a0“”\"«»"))
            if e > s and not taken(s):
                add(s, e)

    # hardships named then exemplified: "numerous difficulties during the year, such as X, Y and
    # Z", "criticità come A e B": each example is one driver
    if hard_rx is not None and example_rx is not None:
        for m in st.scan(hard_rx, hard_trig):
            _, s1 = st.sentence_of(m.start())
            ex = example_rx.search(text, m.end(), min(s1, m.end() + 80))
            if ex is None or re.search(r"[.;:!?]", text[m.end():ex.start()]):
                continue
            a = ex.end()
            end_m = re.search(r"[.;:!?](?=\s|$)|[;”\"«»]|[ \u00a0][-–][ \u00a0]|,[ \u00a0]+(?:just|only|to|which|that|che|solo|per)\b", text[a:s1])
            b = a + end_m.start() if end_m else s1
            for s, e in _list_items(text, a, b, st, bare_nouns=True):
                if not taken(s):
                    add(s, e)

    _factor_drivers(st, add, taken)


_IT_ARTICLE = re.compile(r"(?i)(?:il|lo|la|i|gli|le|un|una|uno|l['’]|un['’])(?:[ \u00a0]+|(?<=['’]))")
_IT_PLURAL_END = re.compile(r"(?i)[a-zà-ù]{3,}[ei]")


def _adjectives_joined(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether an Italian "A e B" split two adjectives of one noun ("le misure fiscali e
    commerciali dell'esecutivo"): the left item opens with an article and ends in a plural word, the
    right one opens with a plural word and no article ("i dazi e le tasse" stays two items)."""
    piece, nxt = text[left[0]:left[1]].strip(), text[right[0]:right[1]].strip()
    words = nxt.split()
    return bool(words) and _IT_ARTICLE.match(piece) is not None and _IT_ARTICLE.match(nxt) is None \
        and re.fullmatch(r"[ \u00a0]+(?:e|ed)[ \u00a0]+", text[left[1]:right[0]]) is not None \
        and _IT_PLURAL_END.fullmatch(piece.split()[-1]) is not None and _IT_PLURAL_END.fullmatch(words[0]) is not None \
        and words[0].lower() not in _FN_WORDS


@cache
def _base_effect() -> re.Pattern[str]:
    """An exceptional earlier period a result is measured against (data/drivers.yaml base_before,
    base_heads): "after the exploit", "compared with an outstanding quarter", "dopo il forte aumento"."""
    sp = "[ \u00a0]+"
    return re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('drivers', 'base_before')}){sp}(?:(?:the|an?|il|lo|la|i|gli|le|un|uno|una){sp}|l['’]|un['’])?"
        rf"(?P<head>(?:[\w-]+{sp}){{0,4}}?(?:{_lex_alt('drivers', 'base_heads')}))(?![\w-])")


# where a base effect ends: a comma, a quote, a dash, a clause ("when", "quando")
_BASE_END = re.compile(r"(?i)[,;:”\"«»()]|[ \u00a0][-–][ \u00a0]|[ \u00a0]+(?:when|quando|which|che|but|ma|and|e)[ \u00a0]")


def _year_of(span: str) -> str:
    m = re.search(r"\b(?:19|20)\d\d\b", span)
    return m.group() if m else "\x00"


def _defining_relative(text: str, rel: re.Match[str], e: int, effect_rx: re.Pattern[str] | None) -> bool:
    """Whether the relative clause at ``rel`` (to ``e``) tells what the cause is rather than what
    it did: "a demand that has levelled off", "clienti che hanno anticipato gli acquisti" stay in
    the driver; "l'incertezza che ha frenato gli investimenti" (an effect word) and a clause set off
    by a comma ("the war, which ...") do not."""
    clause = text[rel.end():e]
    # (a pronoun that ends the item, its clause cut off at a comma ("il Governo che, finora,
    # ..."), defines nothing)
    return "," not in text[rel.start():rel.start() + 2] and 1 <= len(clause.split()) <= 16 \
        and not (effect_rx is not None and effect_rx.search(clause))


def _a_share_of_the_figure(st: _State, s: int, e: int, component_rx: re.Pattern[str] | None) -> bool:
    """Whether text[s:e] names only a share of the figure ("orders from abroad", "le vendite in
    Europa e Africa"): component words, places and grammatical words, nothing of a cause."""
    if component_rx is not None and component_rx.fullmatch(_clean_label(st.text[s:e])):
        return True
    heads = set(gz.cue_lexicon("drivers").get("component_heads", ()))
    rest = st.text[s:e]
    for p in sorted((p for p in _near(st.places(), s, e) if s <= p.start and p.end <= e), key=lambda x: -x.start):
        rest = rest[:p.start - s] + " " + rest[p.end - s:]
    words = re.findall(r"[\w]+", rest.lower())
    return bool(words) and any(w in heads for w in words) and all(w in heads or w in _FN_WORDS for w in words)


def _figure_early(text: str, figure_spans: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether a figure stands among the first words of text[s:e] ("pari al 77% del fatturato"):
    the item tells a result rather than names a cause."""
    i = bisect.bisect_left(figure_spans, (s, -1))
    return i < len(figure_spans) and figure_spans[i][0] < e and len(text[s:figure_spans[i][0]].split()) < 5


_GERUND = re.compile(r"(?i)[a-zà-ÿ]{3,}(?:ing|ando|endo)(?![\w'’])")


def _starts_participle_clause(text: str, prev_end: int, s: int, e: int) -> bool:
    """Whether the item at [s, e), after a comma, opens with a gerund ("providing", "unendo")
    rather than a participle used as an adjective ("rising costs", data/drivers.yaml)."""
    g = _GERUND.match(text, s, e)
    return g is not None and "," in text[prev_end:s] \
        and g.group().lower() not in gz.cue_lexicon("drivers").get("adjective_participles", ())


_FN_WORDS = frozenset(
    "the a an of in on at to for from by with and or but is are was were be been has have had will would can "
    "could this that these those its their our his her it they we which who whose what when where while as than "
    "also still very too more most less not no nor only even just so then there here both now such "
    "il lo la i gli le un una uno di del della dei degli delle dello da dal dalla dai dagli dalle in nel nella "
    "nei negli nelle su sul sulla sui sulle per con tra fra e ed o ma che chi cui non più meno molto ancora anche "
    "solo già è sono ha hanno era stato stata essere avere come se quando dove mentre sia né alla al ai agli "
    "alle allo questo questa questi queste quello quella tutto tutti ogni dell dall nell sull all si ci ne vi".split())
_WORD = r"[a-zà-öø-ÿ][a-zà-öø-ÿ-]*"
_LEFT_WORD = re.compile(rf"(?<![\w'’])({_WORD})[ \u00a0]+$")
_NEGATED = re.compile(r"(?i)\b(?:not|no|non|nessun[ao]?)[ \u00a0]+(?:(?:a|an|the|un|una|uno)[ \u00a0]+)?$")
_PROGRESSIVE = re.compile(r"(?i)\b(?:are|is|was|were|be|been)[ \u00a0]+\w+ing[ \u00a0]+$")
_POST_ADJ = re.compile(rf"(?:[ \u00a0]+{_WORD}(?![\w'’])){{1,2}}")
# (each word whole: "del mercato c’è" ends at "mercato", the elided "c’" is no word of it)
@cache
def _factor_complement() -> re.Pattern[str]:
    """A factor's complement: a preposition of data/drivers.yaml (factor_complements: "of",
    "regarding", "legate a") and up to four words ("uncertainties regarding the energy transition")."""
    return re.compile(
        rf"(?i)[ \u00a0]+(?:{_lex_alt('drivers', 'factor_complements')})"
        rf"(?:[ \u00a0]*(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’]))?(?:[ \u00a0]*(?:{_WORD}|[A-ZÀ-Ý][\w-]*)(?![\w'’])){{1,4}}")
# a verb after an Italian factor, not an adjective: "la pandemia rischiano ...", "i dazi pesano
# molto", an adverb ("seriamente"); a plural verb in -ano/-ono agrees with no head but one in -o
_IT_NOT_ADJ = re.compile(r"(?i)\w*mente|\w+(?:ano|ono)")


def _content_words(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w.lower() in _FN_WORDS:
            break
        out.append(w)
    return out


def _factor_drivers(st: _State, add: Any, taken: Any) -> None:
    """Context factors named as noun phrases: "the phase of weak demand", "la crescente carenza di
    risorse umane", "the shortage of chips and then the strikes". A factor counts only in a
    sentence that speaks of causes or effects (a cue of data/drivers.yaml) or lists two factors."""
    text = st.text
    factor_rx, factor_trig = _lexicon("drivers", "factor", "factor_alone")
    alone_rx, _ = _lexicon("drivers", "factor_alone")
    cue_rx, _ = _lexicon("drivers", "cause_before", "concession", "effect", "factor_context")
    if factor_rx is None:
        return
    by_sentence: dict[tuple[int, int], list[re.Match[str]]] = {}
    for m in st.scan(factor_rx, factor_trig):
        by_sentence.setdefault(st.sentence_of(m.start()), []).append(m)
    for (s0, s1), found in by_sentence.items():
        if len(found) < 2 and not (cue_rx is not None and cue_rx.search(text, s0, s1)):
            continue
        last_end = -1
        for m in found:
            a, b = m.start(), m.end()
            # (a coordinated factor counts only inside the driver that holds its "and": after a
            # subject read from "..., e i dazi restano un freno serio" it is that subject)
            if a < last_end or (taken(a) and not (_coordinated(text, st, a) and taken(max(s0, a - 6)))):
                continue
            if not taken(a) and taken(b - 1):
                continue  # "l'effetto di rimbalzo dello ...": a cue whose cause was read already
            if _PROGRESSIVE.search(text, max(s0, a - 40), a):
                continue  # "fuel prices that are driving costs up": the object of an effect
            # adjectives before the head: "weak", "constantly changing geopolitical", "crescente"
            for _ in range(3):
                lw = _LEFT_WORD.search(text, max(s0, a - 30), a)
                if lw is None or lw.group(1).lower() in _FN_WORDS:
                    break
                a = lw.start()
            if _NEGATED.search(text, max(s0, a - 16), a):
                continue  # "not an irreversible crisis" asserts none
            alone = " " in m.group().strip() or a < m.start()
            # Italian adjectives follow the noun: "tensioni geopolitiche", "crisi tedesca"
            if st.lang == "it":
                pa = _POST_ADJ.match(text, b, s1)
                if pa:
                    words = _content_words(pa.group().split())
                    for n, w in enumerate(words):
                        if _IT_NOT_ADJ.fullmatch(w) and (w.lower().endswith("mente") or not m.group().lower().endswith("o")):
                            words = words[:n]
                            break
                    if words:
                        b = text.find(words[-1], b, s1) + len(words[-1])
                        # "congiunture economiche e geopolitiche": a second adjective joined by "e"
                        tail = re.match(rf"[ \u00a0]+(?:e|ed)[ \u00a0]+({_WORD})(?=[ \u00a0]*[,.;:»”\"]|[ \u00a0]+(?:ma|but)\b)", text[b:s1])
                        if tail and tail.group(1).lower() not in _FN_WORDS:
                            b += tail.end()
                        alone = True
            cm = _factor_complement().match(text, b, s1)
            if cm:
                toks = list(re.finditer(r"\S+", cm.group()))
                rest = [t for t in toks[1:] if t.group().lower() not in ("the", "il", "lo", "la", "i", "gli", "le")]
                keep = [toks[0]] + rest[:len(_content_words([t.group() for t in rest]))]
                if len(keep) > 1:
                    b = cm.start() + keep[-1].end()
                    alone = True
                    # "in Cina e Iran", "in China and India": a list of places closes the complement
                    more = re.match(r"(?:,[ \u00a0]*|[ \u00a0]+(?:and|e|ed)[ \u00a0]+)([A-ZÀ-Ý][\w-]*)", text[b:s1])
                    if more and st.place_at(b + more.start(1)) is not None:
                        b += more.end()
            b = min(b, s1)
            # a bare head ("the crisis", "le criticità") says too little, unless it stands alone
            # in the lexicon ("the war", "la pandemia")
            if re.search(r"\d", text[a:b]) or not (alone or (alone_rx is not None and alone_rx.fullmatch(m.group()))):
                continue
            if add(a, b):
                last_end = b


def _coordinated(text: str, st: _State, pos: int) -> bool:
    """A factor inside a driver already read, after "and"/"sia per"/"as well as": a second cause."""
    before = text[max(0, pos - 25):pos]
    return re.search(r"(?i)\b(?:and|e|ed|sia|or|o|nonché|as[ \u00a0]+well[ \u00a0]+as)(?:[ \u00a0]+(?:per|for|da|dal|dalla|dalle|dai|by))?[ \u00a0]+(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$", before) is not None


_CHANGE_OF_FIGURE = re.compile(
    r"(?i)^(?:the[ \u00a0]+|la[ \u00a0]+|il[ \u00a0]+|l['’])?(?:reduction|decrease|increase|decline|drop|fall|rise|growth|contraction|"
    r"riduzione|diminuzione|aumento|incremento|calo|crescita|flessione|contrazione)\b[^.]{0,40}?\b(?:orders|exports|turnover|production|sales|"
    r"ordini|ordinativi|esportazioni|fatturato|produzione|vendite)\b")
# (an adverb before a participle used as an adjective opens a noun phrase: "constantly changing
# geopolitical scenarios", "rapidly rising costs"; before anything else it is half a clause)
_FRAGMENT_START = re.compile(r"(?i)^(?:(?:in|on|at|both|even|also|anche|be|been|essere|nel|nella|nei|negli|sul|sui|"
                             r"\w+(?:ally|ily|ously|ively|ently|antly|tely|rly|bly)(?![ \u00a0]+[a-z]{3,}(?:ing|ed)[ \u00a0]+(?!(?:the|a|an|in|on|of|to|by|at|for|with|from|and|or|that|which)\b)[a-z]))\b|"
                             r"[“\"«]|\w+ing[ \u00a0]+(?:the|a|an|its|their|our|his|her)\b)")


def _names_org(st: _State, s: int, e: int) -> bool:
    return any(s <= o.start and o.end <= e for o in _near(st.orgs_sorted(), s, e))


def _not_a_driver(st: _State, s: int, e: int, label: str) -> bool:
    """An effect or a fragment read as a cause: "the reduction in orders" is what the figures say,
    "both in the domestic" half a phrase, "the approval of the Trade Commission" an organisation's act."""
    raw = st.text[s:e]
    if len(label) < 3 or _FRAGMENT_START.match(raw) or _CHANGE_OF_FIGURE.match(label):
        return True
    if len(label.split()) == 1 and re.fullmatch(r"(?i)increase|decrease|rise|fall|drop|growth|aumento|calo|crescita|rincaro", label):
        return True
    return _result_told(label) or _names_org(st, s, e)


_COMPLEMENT_PREP = frozenset(
    "of in for from among on di del della dello dei degli delle dell nel nella nello nei negli nelle nell "
    "sul sulla sullo sui sugli sulle sull da dal dalla dai dagli dalle dall tra fra".split())


def _result_told(label: str) -> bool:
    """Whether a driver read from a concession or a "marked by" is the result itself: a change
    word ("a slight decline", "valori più bassi") that names nothing it is a change of, or only
    a period or a comparison ("compared with the spring", "del 2014"). Words in data/drivers.yaml."""
    lex = gz.cue_lexicon("drivers")
    heads, mods = lex.get("result_heads", ()), lex.get("result_modifiers", ())
    measured_rx, _ = _lexicon("drivers", "result_measured")
    words = [w for w in re.split(r"[ \u00a0'’]+", label.lower().strip(" “”\"«»")) if w]
    i = 0
    while i < min(2, len(words)) and words[i] in mods and words[i] not in heads:
        i += 1
    if i >= len(words) or words[i] not in heads:
        return False
    for n, w in enumerate(words[i + 1:i + 8]):
        if measured_rx is not None and measured_rx.fullmatch(w):
            return True  # "decline compared with", "valori più bassi": measured, not explained
        if w in _COMPLEMENT_PREP:
            after = [x for x in words[i + 2 + n:] if x not in _FN_WORDS]
            # "in demand", "dei costi": the thing that changed; "del 2014", "of the year": a period
            return not after or bool(re.match(r"\d", after[0])) or (
                measured_rx is not None and measured_rx.fullmatch(after[0]) is not None)
    return True  # "lievi decrementi", "un trend crescente": the change alone
