"""Priorities: what an organisation sets out to do -- aims, requests to governments, plans, the
markets and actions it names as its focus -- each as a labelled span of the text.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ...model import Priority
from .. import gazetteer as gz
from .lexicon import _lex_alt, _lex_scan, _lex_triggers, _lexicon
from .state import _mention, _near, _overlapping, _State
from .statements import (
    _CLAUSE_START,
    _FINITE_VERB,
    _QUOTE_OR_DASH,
    _bullets_after,
    _clean_label,
    _list_items,
    _only_places,
)

# the structured priority cues (headings, "our priority will be"); plain cue phrases are in
# data/priorities.yaml. The triggers are the literal starts of these alternatives.
_PRIO_INTRO_TRIGGERS = ("among", "priorit", "goals", "objectives", "obiettivi", "traguardi", "our", "the", "la", "il", "mia", "nostra", "le", "at", "al",
                        "steps", "measures", "actions", "interventions", "requests", "demands", "proposals",
                        "misure", "interventi", "azioni", "richieste", "proposte", "passi",
                        "dobbiamo", "devono", "must", "we", "need", "have", "occorre", "bisogna", "è")
_PRIO_INTRO = re.compile(
    r"(?i)(?:among\s+the\s+priorities[^:]{0,40}:|priorities\s+(?:are|include|included)[^:]{0,10}:?|priorit(?:ies|à)\b[^:.\n]{0,40}:|"
    # "Our priority will be to grow in India", "Il primo impegno della mia presidenza sarà ..."
    r"(?:our|the|la|il|mia|nostra)\s+(?:main\s+|first\s+|top\s+|primo\s+|prima\s+|principale\s+)?(?:priority|priorità|impegno|obiettivo|goal|objective)\b[^.:;\n]{0,40}?\s+(?:will\s+be|is|sarà|è)\s+(?:to\s+)?|"
    r"le\s+priorità[^:]{0,40}:|"
    # goals named as a heading: "we have reached two important goals:", "i nostri obiettivi:"
    r"\b(?:goals|objectives|obiettivi|traguardi)\b[^:.\n]{0,30}:|"
    r"at\s+the\s+heart\s+of\s+the\s+(?:debate|discussion)\s*:|al\s+centro\s+del(?:\s+dibattito|l['’]incontro)\s*:|"
    # a bulleted list of demands: "three steps are now needed:", "le misure richieste:"
    r"\b(?:steps|measures|actions|interventions|requests|demands|proposals|misure|interventi|azioni|richieste|proposte|passi)\b[^:.\n]{0,40}:|"
    # "dobbiamo puntare su sostenibilità e digitalizzazione", "we must focus on ..."
    r"\b(?:dobbiamo|devono|must|we\s+need\s+to|need\s+to|we\s+have\s+to|have\s+to|occorre|bisogna|è\s+necessario)\s+(?:puntare|focus|invest|investire|concentrarci|concentrate|scommettere|bet)\s+(?:su(?:l|lla|i|gli|lle)?|on|in|sull['’])\b)")


_COMPLEMENT_WORD = re.compile(r"(?i)\b(?:in|of|for|to|at|on|with|between|towards|against|beyond|contro|oltre|per|di|del|della|dei|degli|delle|dello|al|alla|ai|agli|alle|da|dal|dalla|con|tra|fra|su|sul|sulla|verso|nel|nella|nei|negli|nelle)\b|\b(?:all|dell|dall|sull|nell)['’]")


@cache
def _goal_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Priority constructions built from data/priorities.yaml: an aim named with its noun ("our
    first objective is to ..."), goals then the first of them ("goals ..., first of all X"), an
    ordinal opening a sentence ("The second one is ..."), the count of aims that licenses it
    ("three guidelines"), and a measure that must be kept ("the tax credit must be extended")."""
    sp = "[ \u00a0]+"
    nouns, verbs = _lex_alt("priorities", "goal_nouns"), _lex_alt("priorities", "goal_verbs")
    # (no comma in the gap: "our mission, which is ..." describes, it does not name an aim)
    goal = re.compile(
        rf"(?i)(?<![\w-])(?:{nouns})(?![\w-])[^.:;,\n]{{0,40}}?{sp}(?:(?:{verbs}){sp}(?:(?:quell[oa]{sp})?di{sp}|to{sp}|"
        rf"(?=(?:the|il|la|lo|i|gli|le){sp}|l['’]|[a-zà-ù]{{2,}}(?:are|ere|ire)(?![\w'’])))|quell[oa]{sp}di{sp})")
    first = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'goal_plurals')})(?![\w-])[^.:;\n]{{0,80}}?,{sp}"
        rf"(?:{_lex_alt('priorities', 'goal_first')}){sp}")
    ordinal = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'ordinals')})(?:{sp}(?:one|of{sp}these|[a-zà-ù]+(?:{sp}di{sp}[a-zà-ù]+)?))?"
        rf"{sp}(?:is|will{sp}be|concerns|aims{sp}to|è|sarà|riguarda|intende|mira{sp}a|punta{sp}a|prevede)"
        rf"{sp}(?:(?:quell[oa]{sp})?di{sp}|to{sp})?")
    count = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'counts')})(?![\w-])[^.\n]{{0,40}}?(?<![\w-])(?:{_lex_alt('priorities', 'count_nouns')})(?![\w-])")
    must = re.compile(
        rf"(?i)(?<![\w-])(?:{_lex_alt('priorities', 'must_be')}){sp}(?:(?:[a-z]+ly|ulteriormente|subito|urgentemente|finalmente){sp})?"
        rf"(?:{_lex_alt('priorities', 'policy_participles')})(?![\w])")
    return goal, first, ordinal, count, must


_NEGATED_ASK = re.compile(r"(?i)\b(?:do|does|did|we|are|is)[ \u00a0]+not[ \u00a0]+(?:\w+[ \u00a0]+)?$|\b(?:don['’]t|doesn['’]t)[ \u00a0]+$|\bnon[ \u00a0]+(?:\w+[ \u00a0]+)?$")
_NOT_THIS_BUT = re.compile(r"(?i),?[ \u00a0]*(?:but|ma)[ \u00a0]+(?:(?:rather|also|for|piuttosto|anche)[ \u00a0]+){0,2}")
_THAT_SPLIT = re.compile(r"(?i)(?:,[ \u00a0]+(?:and[ \u00a0]+|e[ \u00a0]+)?|[ \u00a0]+(?:and|e|ed)[ \u00a0]+)(?:that|che)[ \u00a0]+")


_WISH_TAIL = re.compile(r"(?i)[ \u00a0]+(?:in[ \u00a0]+order[ \u00a0]+to|so[ \u00a0]+as[ \u00a0]+to|al[ \u00a0]+fine[ \u00a0]+di|in[ \u00a0]+modo[ \u00a0]+da)[ \u00a0]+|,[ \u00a0]+(?=[a-zà-ù]{3,}(?:ing|ando|endo)[ \u00a0])")


def _that_clauses(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The coordinated "that" clauses of a wish ("we hope that A, that B, that C"), each whole."""
    cuts = list(_THAT_SPLIT.finditer(text, a, b))
    out, start = [], a
    for c in cuts:
        out.append((start, c.start()))
        start = c.end()
    out.append((start, b))
    # a purpose or a gerund clause tacked on is one more wish: "..., that firms keep investing in
    # order to stay leaders, keeping the brand strong" (three aims)
    parts: list[tuple[int, int]] = []
    for s, e in out:
        for c in _WISH_TAIL.finditer(text, s, e):
            parts.append((s, c.start()))
            s = c.end() if c.group().strip(" \u00a0,") else c.start() + len(c.group())
        parts.append((s, e))
    return [(s, e) for s, e in parts if len(text[s:e].split()) >= 3]


def _find_priorities(st: _State) -> None:
    text = st.text
    taken: dict[tuple[int, int], list[tuple[int, int]]] = {}  # per sentence
    single_rx, _ = _lexicon("priorities", "ask_to", "aim", "modal_ask")
    aim_rx, _ = _lexicon("priorities", "aim")
    modal_rx, _ = _lexicon("priorities", "modal_ask")
    not_after_modal = set(gz.cue_lexicon("priorities").get("modal_not_before", ()))
    goal_rx, first_rx, ordinal_rx, count_rx, must_rx = _goal_res()
    goals = list(st.scan(goal_rx, _lex_triggers("priorities", "goal_nouns")))
    named_goals = {(m.start(), m.end()) for m in goals}
    intros = [*st.scan(_PRIO_INTRO, _PRIO_INTRO_TRIGGERS), *_lex_scan(st, "priorities", "ask", "ask_to", "aim", "modal_ask"),
              *goals, *st.scan(first_rx, _lex_triggers("priorities", "goal_plurals"))]
    # the longest cue at a place wins ("it is necessary that" over "is necessary that")
    intros.sort(key=lambda x: (x.start(), -x.end()))
    last_end = -1
    for m in intros:
        if m.start() < last_end:
            continue
        s0, s1 = st.sentence_of(m.start())
        if modal_rx is not None and modal_rx.fullmatch(m.group()) and any(
                _PRIO_INTRO.match(text, m.start() + w.start()) for w in re.finditer(r"\S+", m.group())):
            continue  # "we must focus on A, B and C": the structured cue inside it reads the list
        last_end = m.end()
        if _MODAL_START.match(m.group()) and _SUBORDINATE_MODAL.search(text, max(s0, m.start() - 12), m.start()):
            continue  # "a sign for the firms that have to buy ...": others' duty described, no aim
        if modal_rx is not None and modal_rx.fullmatch(m.group()):
            nxt = re.match(r"[ \u00a0]+([\w'’]+)", text[m.end():s1])
            if nxt is None or nxt.group(1).lower() in not_after_modal:
                continue  # "we must be ready": an exhortation, no aim
        if (m.start(), m.end()) in named_goals:
            # "our first objective is to safeguard ...", "come leitmotiv quello di rafforzare ... e di
            # mantenere ...": each coordinated infinitive is one aim, to its clause's end
            a = m.end()
            end_m = _GOAL_END.search(text, a, s1)
            b = end_m.start() if end_m else s1
            for part in _GOAL_AND.split(text[a:b]):
                pa = text.find(part, a, b)
                purpose = _GOAL_PURPOSE.search(text, pa, pa + len(part))
                _add_priority(st, pa, purpose.start() if purpose else pa + len(part), s0, strong=True, taken=taken)
                a = pa + len(part)
            continue
        lead_in = _ASK_COLON.match(text, m.end())
        listed = _bullets_after(text, lead_in.end()) if lead_in else []
        if listed:
            # "le tre associazioni chiedono di:", "ask the ministry to:" and a bulleted list: each
            # item is one request
            for s, e in listed:
                _add_priority(st, s, e, s0, strong=True, taken=taken)
            continue
        if single_rx is not None and single_rx.fullmatch(m.group()):
            # "must keep investing in new equipment and skills", "aims to make sure everyone
            # and representativeness": one infinitive clause, to the sentence's (or quote's) end
            a = m.end()
            end_m = re.search(r"[”\"«»]|[ \u00a0][-–][ \u00a0]|,[ \u00a0]+(?:but|ma|otherwise|altrimenti|which|che)\b|[ \u00a0]+(?:but|ma)[ \u00a0]", text[a:s1])
            b = a + end_m.start() if end_m else s1
            strong_aim = aim_rx is not None and aim_rx.fullmatch(m.group()) is not None
            parts = _infinitives(text, a, b, after_to=bool(re.search(r"(?i)\bto$", m.group())))
            for pa, pb in parts:
                # (a list of two or more infinitives is a list of aims by its form)
                _add_priority(st, pa, pb, s0, strong=strong_aim or len(parts) > 1, taken=taken)
            continue
        strong = bool(re.match(r"(?i)(?:among|priorit|at\s+the\s+heart|al\s+centro|le\s+priorit)", m.group())) \
            or bool(re.search(r"(?i)\b(?:priority|priorità|impegno|obiettivo|goal|objective|goals|objectives|obiettivi|traguardi)\b", m.group())) \
            or bool(re.search(r"(?i)(?:puntare|focus|invest|investire|concentrarci|concentrate|scommettere|bet)\s+\S+$", m.group()))
        a = m.end()
        bullets = _bullets_after(text, a) if m.group().endswith(":") else []
        if not bullets and _ASK_INFINITIVE.match(text, a, s1):
            # "chiede al governo di continuare a vigilare, insieme a ..., perché ...": one request,
            # an infinitive clause to the sentence's (or quote's) end, not a list of nouns
            # ("chiediamo di semplificare X e di rifinanziare Y": each coordinated infinitive is one)
            end_m = _QUOTE_OR_DASH.search(text, a, s1)
            b = end_m.start() if end_m else s1
            # (a purpose clause stays: "di vigilare perché le macchine importate rispettino le norme")
            for part in _GOAL_AND.split(text[a:b]):
                pa = text.find(part, a, b)
                _add_priority(st, pa, pa + len(part), s0, strong=True, taken=taken)
                a = pa + len(part)
            continue
        if m.group().endswith(":") and not re.match(r"(?i)(?:among|priorit|at\s+the|al\s+centro|le\s+priorit|goals|objectives|obiettivi|traguardi)", m.group()):
            if not bullets:
                continue
        if bullets:
            for s, e in bullets:
                mention = _mention(text, s, e)
                label = _clean_label(mention.text)
                label = re.sub(r"(?i)^(?:further|additional|specific|new|ulterior[ei]|nuov[aoie]|specific[aoie]|maggiore|un[ao]?)\s+", "", label)
                if len(label.split()) < 2:
                    continue
                pm2 = re.search(r"(?i)\b(industry|industria|transizione|transition)\s+(\d\.\d)\b", mention.text)
                prog = (("Industry" if pm2.group(1).lower() in ("industry", "industria") else "Transition") + f" {pm2.group(2)}") if pm2 else None
                st.relations.facts.append(Priority(mention, text=label, programme=prog, voiced_by=st.docinfo.publisher))
            continue
        end_m = re.search(r"[.!?](?=\s|$)|[”\"«»]|\.\s*$|[ \u00a0][-–][ \u00a0](?=[a-z]+[ \u00a0]+[A-Z])|,[ \u00a0]+(?:otherwise|but|ma|altrimenti)\b|[ \u00a0]+(?:but|ma)[ \u00a0]", text[a:s1])
        b = a + end_m.start() if end_m else s1
        refused = _NOT_THIS_BUT.match(text, end_m.start() + a, s1) if end_m and (
            _NEGATED_ASK.search(text, max(s0, m.start() - 16), m.start()) or re.match(r"(?i)(?:do|don|are|non)\b", m.group())) else None
        if refused:
            # "we are not asking for subsidies, but for rules that ...": the ask is what follows "but",
            # one request to the clause's end
            a = refused.end()
            end_m = _QUOTE_OR_DASH.search(text, a, s1)
            b = end_m.start() if end_m else s1
            b = a + len(text[a:b].rstrip(" .\u00a0"))
            if b - a >= 8:
                _add_priority(st, a, b, s0, strong=True, taken=taken)
            continue
        clauses = _that_clauses(text, a, b) if re.search(r"(?i)(?:that|che)$", m.group()) else []
        if len(clauses) >= 2:
            # "we hope that the firms are heard, that the country keeps investing in industry, that
            # research is supported": each "that" clause is one wish, whole ("and" inside stays)
            for s, e in clauses:
                if not re.search(r"(?i)^(?:(?!\b(?:che|which|that|who)\b).)*\b(?:è|is|are|sono|was|were)\b", text[s:e]):
                    _add_priority(st, s, e, s0, strong=True, taken=taken)
            continue
        single = bool(re.search(r"(?i)\b(?:priority|priorità|impegno|obiettivo|goal|objective)\b[^:]*$", m.group()))
        if single:
            # "our priority will be to ...": one aim, to the clause's end
            cl = re.search(r"[,:;(]|[ \u00a0](?:where|dove|which|che|otherwise|altrimenti)\b", text[a:b])
            b = a + cl.start() if cl else b
        # within a quotation the list stops at the quote's end
        if b - a < 8:
            continue
        for s, e in ([(a, b)] if single else _list_items(text, a, b, st)):
            if _overlapping(taken.get((s0, s1), []), s, e):
                continue
            mention = _mention(text, s, e)
            if len(mention.text.split()) < 2:
                continue
            # a heading ("Among the priorities:") vouches for every item; a plain "we need"
            # only for a specific lever ("investments in ...", "misure per ..."), not for
            # "cohesion, investment and a long-term vision"
            if _only_places(st, s, e):
                continue  # "focus on the Gulf countries, India and Saudi Arabia": markets, not a priority
            if re.search(r"(?i)^(?:(?!\b(?:che|which|that|who)\b).)*\b(?:è|is|are|sono|was|were)\b", mention.text):
                continue  # "... e officine è ancora il doppio ...": a statement inside the list, no request
            if not strong and not _COMPLEMENT_WORD.search(mention.text):
                continue
            label = _clean_label(mention.text)
            label = re.sub(r"(?i)^(?:to\s+|the\s+need\s+to\s+|need\s+to\s+|the\s+urgency\s+of\s+)", "", label)
            if not label:
                continue  # "Chiediamo però al Governo - ...": the addressee, no request
            prog = None
            pm = re.search(r"(?i)\b(industry|industria|transizione|transition)\s+(\d\.\d)\b", mention.text)
            if pm:
                word = "Industry" if pm.group(1).lower() in ("industry", "industria") else "Transition"
                prog = f"{word} {pm.group(2)}"
            voiced = _speaker_near(st, s0, s)
            st.relations.facts.append(Priority(mention, text=label, programme=prog, voiced_by=voiced or st.docinfo.publisher))
            bisect.insort(taken.setdefault((s0, s1), []), (s, e))
    # what an agreement provides for: "a memorandum ... which provides for joint training, shared
    # research and joint production", "l'accordo prevede lo scambio di tecnici e ...": each item one aim
    agree_rx, _ = _lexicon("priorities", "agreement_nouns")
    for m in _lex_scan(st, "priorities", "provides_for"):
        s0, s1 = st.sentence_of(m.start())
        if agree_rx is None or not agree_rx.search(text, max(s0, m.start() - 250), m.start()):
            continue
        a = m.end()
        end_m = _QUOTE_OR_DASH.search(text, a, s1)
        b = end_m.start() if end_m else s1
        b = a + len(text[a:b].rstrip(" .\u00a0"))
        for s, e in _list_items(text, a, b, st):
            _add_priority(st, s, e, s0, strong=True, taken=taken)
    # "The first one is ...", "La prima è quella di ...": an ordinal opening its sentence, after a
    # count of aims ("three guidelines", "Due le linee di intervento")
    for m in st.scan(ordinal_rx, _lex_triggers("priorities", "ordinals")):
        s0, s1 = st.sentence_of(m.start())
        if text[s0:m.start()].strip(" \u00a0\"“«'‘") or not count_rx.search(text, max(0, s0 - _COUNT_WINDOW), s0):
            continue
        stop = _GOAL_CLAUSE_END.search(text, m.end(), s1)
        _add_priority(st, m.end(), stop.start() if stop else s1, s0, strong=True, taken=taken)
    # "Three pillars on which the plan rests: training, research and fairs", "Due i cardini del
    # mandato: export e formazione": a count of aims and a colon, then the aims
    for m in st.scan(count_rx, _lex_triggers("priorities", "counts")):
        s0, s1 = st.sentence_of(m.start())
        colon = re.compile(r"[^.:;\n]{0,100}:").match(text, m.end(), s1)
        if colon is None or _bullets_after(text, colon.end()):
            continue  # (a bulleted list after it is read by the intro that ends in ":")
        a = colon.end()
        end_m = _QUOTE_OR_DASH.search(text, a, s1)
        b = end_m.start() if end_m else s1
        b = a + len(text[a:b].rstrip(" .\u00a0"))
        for s, e in _list_items(text, a, b, st):
            _add_priority(st, s, e, s0, strong=True, taken=taken)
    # "synergies to tackle the challenges of ...", "unità e dialogo per affrontare le sfide del
    # domani": the noun phrase before the cue (no clause of its own) and the challenge
    for m in _lex_scan(st, "priorities", "challenge"):
        s0, s1 = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        # (the last conjunct of a list takes the purpose: "services, promotion, and synergies to
        # tackle ..."; a list with no "and" is one motto: "dialogo, coesione, sostenibilità per ...")
        cut = max((x.end() for x in re.finditer(r"[;:“”\"«»(]|[ \u00a0][-–][ \u00a0]|,?[ \u00a0]+(?:and|e|ed)[ \u00a0]+", lead)), default=0)
        phrase = lead[cut:].strip(" \u00a0")
        if not phrase or _CLAUSE_START.match(phrase) or _FINITE_VERB.search(phrase) or _PRIO_VERB.search(phrase):
            continue  # "companies had to face the challenges": a narrative, no aim
        end_m = _QUOTE_OR_DASH.search(text, m.end(), s1)
        _add_priority(st, s0 + cut + (len(lead[cut:]) - len(lead[cut:].lstrip(" \u00a0"))),
                      end_m.start() if end_m else s1, s0, strong=True, taken=taken)
    # "tax credits, faster refunds and training funds are some of the requests ...": each item
    for m in _lex_scan(st, "priorities", "requests_after"):
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[;“”\"«»(]|[ \u00a0][-–][ \u00a0]", lead)), default=0)
        for s, e in _list_items(text, s0 + cut, m.start(), st, bare_nouns=True):
            e = s + len(text[s:e].rstrip(" \u00a0:,"))
            _add_priority(st, s, e, s0, strong=True, taken=taken)
    # "promoting the excellence of the district remains the main objective", "the tax credit
    # must be extended": the clause before
    for m in [*_lex_scan(st, "priorities", "named_before"), *st.scan(must_rx, _lex_triggers("priorities", "must_be"))]:
        s0, _ = st.sentence_of(m.start())
        lead = text[s0:m.start()]
        cut = max((x.end() for x in re.finditer(r"[,;:“”\"«»(]|[ \u00a0][-–][ \u00a0]", lead)), default=0)
        _add_priority(st, s0 + cut, m.start(), s0, strong=True, taken=taken)


# where an aim named with its noun ends: a quote, a dash, a new sentence; and where one of its
# coordinated infinitives ends: a purpose or reason clause ("affinché ...", "because ...")
_GOAL_END = re.compile(r"[”\"«»]|[ \u00a0][-–][ \u00a0]|[.!?](?=\s|$)")
_GOAL_AND = re.compile(r"(?i),?[ \u00a0]+(?:e|ed|and)[ \u00a0]+(?=(?:di|to)[ \u00a0])(?:di|to)[ \u00a0]+")
_GOAL_CLAUSE_END = re.compile(r"(?i)[,;:(]|[ \u00a0]+(?:because|since|as|which|perché|poiché|affinché|così|so[ \u00a0]+that|in[ \u00a0]+order)(?![\w'’])")
_GOAL_PURPOSE = re.compile(r"(?i),?[ \u00a0]+(?:because|since|perché|poiché|affinché|così[ \u00a0]+da|so[ \u00a0]+that|in[ \u00a0]+order)(?![\w'’])")
# an ask whose requests follow as bullets: "chiedono di:", "call on the government to:"
_ASK_COLON = re.compile(r"[^\n.:;]{0,40}:[ \u00a0\t]*(?=\r?\n)")
# an ask put as an infinitive: "chiede (al governo) di prorogare ...", "asks (the EU) to restore ..."
_ASK_INFINITIVE = re.compile(r"(?i)[ \u00a0]+(?:(?:al|alle|ai|agli|all['’]|the|a)[ \u00a0]+[^\s,.;:]+(?:[ \u00a0]+[^\s,.;:]+){0,3}?[ \u00a0]+)?(?:di|to)[ \u00a0]+[a-zà-ù]+(?:are|ere|ire)(?![\w'’])")
# an infinitive opening each aim of a list: "investire, innovare e soprattutto formare" (an
# Italian infinitive, an adverb may come first), "to open offices and to train staff"
_IT_INFINITIVE = re.compile(r"(?i)(?:(?:sempre|anche|soprattutto|poi|inoltre)[ \u00a0]+)?(?:(?:a|ad|di)[ \u00a0]+)?[a-zà-ù]{2,}(?:are|ere|ire|urre|orre|arre|arsi|ersi|irsi)(?![\w'’])")
_TO_INFINITIVE = re.compile(r"(?i)(?:(?:also|above[ \u00a0]+all|then)[ \u00a0]+)?to[ \u00a0]+[a-z]{2,}(?![\w'’])")
_INFINITIVE_MARK = re.compile(r"(?i)(?:to|a|ad|di)[ \u00a0]+")
_INFINITIVE_CUT = re.compile(r"(?i),[ \u00a0]+(?:(?:and|e|ed)[ \u00a0]+)?|[ \u00a0]+(?:and|e|ed)[ \u00a0]+")


def _infinitives(text: str, a: int, b: int, *, after_to: bool) -> list[tuple[int, int]]:
    """The coordinated infinitive clauses of one need ("bisogna investire, proporre prodotti nuovi
    e soprattutto gestire meglio l'impresa": three aims; "to invest in skills, to open offices
    abroad": two, when the cue itself ends in "to"), or the whole span when it is no such list
    ("is studying a project, to foster ...": a purpose, not a second aim)."""
    a += len(text[a:b]) - len(text[a:b].lstrip(" \u00a0"))
    italian = _IT_INFINITIVE.match(text, a, b) is not None
    parts, start = [], a
    for c in _INFINITIVE_CUT.finditer(text, a, b):
        if (italian and _IT_INFINITIVE.match(text, c.end(), b)) or (after_to and _TO_INFINITIVE.match(text, c.end(), b)):
            parts.append((start, c.start()))
            mark = _INFINITIVE_MARK.match(text, c.end(), b)
            start = mark.end() if mark else c.end()
    parts.append((start, b))
    return parts


# a modal in a relative clause tells what others must do: "for firms that have to buy"
_SUBORDINATE_MODAL = re.compile(r"(?i)\b(?:who|which|that|chi|che|cui)[ \u00a0]+$")
_MODAL_START = re.compile(r"(?i)(?:have|has|must|need|needs|devono|deve|dobbiamo)\b")
# how far before an ordinal ("The second one is ...") its count of aims is looked for
_COUNT_WINDOW = 400
# a finite verb of a narrative ("companies faced", "abbiamo affrontato"): no aim before "to tackle"
_PRIO_VERB = re.compile(r"(?i)\b(?:had|have|has|did|will|would|could|we|they|abbiamo|hanno|ha|avevano|si)\b")


def _add_priority(st: _State, a: int, b: int, s0: int, *, strong: bool,
                  taken: dict[tuple[int, int], list[tuple[int, int]]]) -> None:
    """One priority read from text[a:b] (a need, an aim), unless a list item already holds it."""
    text = st.text
    sent = st.sentence_of(a)
    if b - a < 8 or _overlapping(taken.get(sent, []), a, b):
        return
    mention = _mention(text, a, b)
    if len(mention.text.split()) < 2 or _only_places(st, a, b):
        return
    if not strong and not _COMPLEMENT_WORD.search(mention.text):
        return
    if re.search(r"(?i)^(?:be|been|being|essere|stat[oaie])[ \u00a0]+\w+(?:ed|en|at[oaie]|it[oaie]|ut[oaie])\b", mention.text):
        return  # "needs to be confirmed": a passive names no aim
    label = _clean_label(mention.text)
    pm = re.search(r"(?i)\b(industry|industria|transizione|transition)\s+(\d\.\d)\b", mention.text)
    prog = (("Industry" if pm.group(1).lower() in ("industry", "industria") else "Transition") + f" {pm.group(2)}") if pm else None
    voiced = _speaker_near(st, s0, a)
    st.relations.facts.append(Priority(mention, text=label, programme=prog, voiced_by=voiced or st.docinfo.publisher))
    bisect.insort(taken.setdefault(sent, []), (a, b))


def _speaker_near(st: _State, s0: int, pos: int) -> str | None:
    cands = [p for p in _near(st.people_sorted(), s0, pos) if s0 <= p.start < pos]
    return max(cands, key=lambda p: p.start).name if cands else None
