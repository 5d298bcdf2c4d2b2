"""Market relations: the places a release names as outlets, competitors, priorities or sources
of growth, alone or in lists, with the figure attached to each.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from functools import cache

from ...model import MarketRelation, Place
from .. import gazetteer as gz
from .frames import _FIRST_GAP, _LIST_GAP
from .lexicon import _lex_alt, _lex_scan, _lex_triggers, _lexicon
from .state import HOME_COUNTRY, _mention, _near, _Span, _State

_DEST_CUE = re.compile(r"(?i)\b(markets?\s+such\s+as|markets?\s+like|countries\s+such\s+as|mercati\s+(?:come|quali)|paesi\s+(?:come|quali)|sales\s+in|vendite\s+in|risultati\s+in|exports?\s+to|esportazioni\s+verso|missions?(?:\s+[a-z]+)?\s+(?:to|in)|missioni(?:\s+[a-z]+)?\s+(?:in|verso)|destinations?\s+(?:such\s+as|like)|growth\s+in|crescita\s+in|buoni\s+risultati\s+in|results\s+in|markets?\s+of|mercati\s+di|driven\s+by|thanks\s+to|trainat[aoei]\s+da(?:l|lla|i|gli|lle)?|grazie\s+a(?:l|lla|i|gli|lle)?|such\s+as|like|come|quali|including|tra\s+cui|in\s+particolare|sales\s+to|shipments\s+to|vendite\s+verso|demand\s+from|orders\s+from|domanda\s+(?:proveniente\s+)?da(?:l|lla|i|gli|lle)?|ordini\s+(?:provenienti\s+)?da(?:l|lla|i|gli|lle)?|followed\s+by|seguit[oaie]\s+da(?:l|lla|i|gli|lle)?)\b")
_PRIORITY_CUE = re.compile(r"(?i)\b(priorit\w*|key\s+markets?|target\s+markets?|strategic\s+markets?|new\s+outlets|nuovi\s+sbocchi|missions?|missioni|support\s+for\s+exports?|promotion|promozione|mercati\s+(?:chiave|obiettivo|strategici|prioritari)|focus)\b")
_OPPORTUNITY_CUE = re.compile(r"(?i)\b(?:(?:the\s+)?(?:greatest|highest|biggest|most)\s+potential|maggior[ei]\s+potenzial\w*|offr\w*\s+(?:\w+\s+){0,2}(?:grandi\s+|great\s+|new\s+|nuove\s+)?opportunit\w*|offer\w*\s+(?:\w+\s+){0,2}(?:great\s+|new\s+|significant\s+)?opportunit\w*|mercati\s+emergenti|emerging\s+markets)")
_GROW_IN = re.compile(r"(?i)\b(?:grow|expand|crescere|espanderci|espandersi)\s+(?:in|into|nei|negli|nel|in)\b")


_COMP_CUE = re.compile(r"(?i)\b(competitors?|concorrent[ei]|dominated\s+by|competition\s+from|concorrenza|rivals?)\b")
# how far back a cue's sentence is searched for what colours it (competition, priority)
_CUE_WINDOW = 200


# "the main outlet markets were China, Turkey and India", "i principali mercati sono stati Cina, ..."
_AFTER_MARKETS_GAP = re.compile(r"(?i)^(?:[ \u00a0]+(?:of|for|by|in|dell['’]|della|del|dei|delle|degli|per|in)[ \u00a0]*[^,.;:\d]{0,40}?)?[ \u00a0]*(?:[,:;]|(?:are|were|is|was|have[ \u00a0]+been|include[ds]?|remain(?:ed|s)?|sono(?:[ \u00a0]+stat[ie])?|è|resta|rimane|restano|rimangono|includono|si[ \u00a0]+conferma(?:no)?)(?=[ \u00a0]))[ \u00a0]*(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")
# a cue's own last word may be elided: "trainata dall'Asia"; "seguito dalle due Americhe"
_CUE_GAP = re.compile(r"^['’”\"]?[ \u00a0]*[,:]?[ \u00a0]*(?:(?:both|entramb[ei])[ \u00a0]+)?(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?(?:(?:two|due)[ \u00a0]+)?$")
# "by 25% in North America": a percentage attached to a place
_FIGURE_IN = re.compile(r"[ \u00a0]*(?:in|to|towards|verso|nel|nella|negli|nei|per|in)[ \u00a0]+")
# a list item may carry its figure in brackets: "Germany (12%), France (8%) and Spain"
# (an item may carry its figure in brackets, or a clause of its own up to a semicolon: "the US, which
# bought EUR 90m; Germany (EUR 60m); and France")
_MARKET_LIST_GAP = re.compile(r"^(?:[ \u00a0]*\([^()\n]{1,30}\))?(?:,[ \u00a0]*(?:which|that|che|where|dove)\b[^;()\n]{1,90}(?=;))?(?:;[ \u00a0]*(?:(?:and|e)[ \u00a0]+)?|,[ \u00a0]*|[ \u00a0]+(?:and|e|ed|or|o)[ \u00a0]+|,[ \u00a0]+(?:and|e)[ \u00a0]+)(?:(?:in|to|into|a|in|verso|nel|nella|negli|nei|da|dal|dalla|dai|dagli|dalle|dall['’])[ \u00a0]*)?(?:(?:the|il|lo|la|i|gli|le)[ \u00a0]+|l['’])?$")


_COMP_BEFORE = re.compile(r"(?i)(?:['’]s)?[ \u00a0,]*(?:(?:is|was|remains|remain|are|è|resta|rimane)[ \u00a0]+)?(?:(?:the|its|our|their|il|la|i|le|main|largest|biggest|leading|major|strongest|principale|principali|maggiore|maggiori|primo|first|top|chief|fiercest)[ \u00a0]+)*")
_COMP_GAP = re.compile(r"^[ \u00a0]*(?:(?:remain|remained|are|were|include|included|sono|restano|rimangono|the|a|an|il|la|i|gli|le|growing|increasing|rising|strong|stronger|aggressive|crescente|forte|still|ancora)[ \u00a0]+)*$")
_DEST_AFTER_CUE = re.compile(r"(?i)\b(?:remain\w*|are|were|is|was|as|represent\w*|restano|sono|rimangono|resta|rimane|è|confermano|confirmed|confirms|si[ \u00a0]+confermano|si[ \u00a0]+conferma)?[ \u00a0]*(?:(?:the|i|il|la|le|our|its|an|a|un|uno|una)[ \u00a0]+)?(?:(?:world|global)['’]s[ \u00a0]+)?(?:(?:most[ \u00a0]+)?(?:main|leading|first|second|third|top|principal|primary|key|largest|biggest|major|important|significant|principali|principale|primi|primo|prima|secondo|terzo|maggiore|maggiori|importante|importanti|rilevante)[ \u00a0]+)(?:(?:\d{1,2}|three|five|ten|tre|cinque|dieci)[ \u00a0]+)?(?:destination[ \u00a0]+|export[ \u00a0]+|outlet[ \u00a0]+|foreign[ \u00a0]+)?(?:markets?|outlets?|destinations?|clients?|customers?|buyers?|client[ei]|acquirent[ei]|mercat[oi](?:[ \u00a0]+di[ \u00a0]+(?:destinazione|sbocco))?|sbocch[oi]|(?:paese|paesi)[ \u00a0]+di[ \u00a0]+destinazione|"
    r"(?:nazione|paese|country)[ \u00a0]+(?:per[ \u00a0]+l['’]export|for[ \u00a0]+exports|di[ \u00a0]+destinazione|di[ \u00a0]+sbocco))\b")


def _list_after(text: str, pos: int, limit: int, spans: list[_Span], *, gap: re.Pattern[str]) -> list[_Span]:
    """Places listed right after ``pos``: "... such as India, Turkey and Bangladesh"."""
    listed: list[_Span] = []
    i = bisect.bisect_left(spans, pos, key=lambda s: s.start)
    for p in itertools.islice(spans, i, None):  # lazily: a list ends at its first gap
        if p.start >= limit:
            break
        between = text[pos:p.start]
        if listed and not _MARKET_LIST_GAP.match(between):
            break
        if not listed and not gap.match(between):
            break
        listed.append(p)
        pos = p.end
    return listed


def _list_before(text: str, pos: int, spans: list[_Span], *,
                 lead: str = r"[ \u00a0]*(?:,[ \u00a0]*(?=(?:che|which|that)\b))?(?:(?:si|still|also|again|ancora|anche|once[ \u00a0]+again|have|has|che|which|that)[ \u00a0]+)*") -> list[_Span]:
    """Places listed right before ``pos``: "Germany and the United States remain the main markets"."""
    listed: list[_Span] = []
    for p in sorted(spans, key=lambda x: -x.end):
        between = text[p.end:pos]
        if listed and not re.match(r"^(?:,[ \u00a0]*|[ \u00a0]+(?:and|e|ed|or|o)[ \u00a0]+(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?|,[ \u00a0]+(?:and|e)[ \u00a0]+"
                                   r"|,?[ \u00a0]*(?:with|along[ \u00a0]+with|together[ \u00a0]+with|con|insieme[ \u00a0]+a)[ \u00a0]+(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?)$", between):
            break
        if not listed and not re.fullmatch(lead, between):
            break
        listed.append(p)
        pos = p.start
    return listed


_AMONG_MARKETS = re.compile(
    r"(?i)\b(?:tra|fra|among)[ \u00a0]+(?:le|i|gli|the)[ \u00a0]+(?:(?:main|leading|principali|maggiori|top)[ \u00a0]+)?"
    r"(?:destinazioni|mercati|markets|destinations|sbocchi|outlets|paesi[ \u00a0]+di[ \u00a0]+destinazione)"
    r"(?:[ \u00a0]+(?:estere|esteri|di[ \u00a0]+sbocco|di[ \u00a0]+destinazione|foreign|export|abroad))?"
    r"(?:[ \u00a0]+(?:più|most|more|the[ \u00a0]+most)[ \u00a0]+[a-zàèéìòù]+)?"
    r"(?:[ \u00a0]*,|[ \u00a0]+(?:hanno|have|has|ha|si[ \u00a0]+sono|sono|figurano|spiccano|troviamo|include|includes|were|are|stand[ \u00a0]+out)(?:[ \u00a0]+(?!(?:il|lo|la|i|gli|le|the)[ \u00a0])[a-zàèéìòù]+(?=[ \u00a0]))?)?[ \u00a0]*")
# a place list the association means to work on: "must also look at India, Mexico and Brazil",
# "a promotion plan for footwear in the United States, Japan and the Gulf countries",
# "will concentrate its promotional activity in 2025: India, Vietnam and Mexico ..."
_PRIORITY_VERB = re.compile(
    r"(?i)\b(?:look(?:ing)?[ \u00a0]+(?:at|to|towards)|focus(?:es|ed|ing)?[ \u00a0]+on|concentrat\w*|target(?:s|ed|ing)?|"
    r"promotion[ \u00a0]+plan|promotional[ \u00a0]+(?:activit\w+|campaign|plan|initiatives?)|(?:trade[ \u00a0]+)?missions?|"
    r"guardare[ \u00a0]+(?:a|verso)|puntare[ \u00a0]+su|puntiamo[ \u00a0]+su|concentrer\w*|concentra\w*|piano[ \u00a0]+(?:di[ \u00a0]+)?promozion\w*|"
    r"attività[ \u00a0]+promozional\w*|missioni|priority[ \u00a0]+markets|mercati[ \u00a0]+prioritari)\b")
_PRIORITY_LEAD = re.compile(r"(?i)(?:\b(?:in|to|on|at|towards|into|verso|su|sui|sul|in|nei|negli|nel|nella|nelle|per)[ \u00a0]+|:[ \u00a0]*[“\"«]?)(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?$")
# "Il Sud-Est asiatico e l'Africa del Nord sono le aree su cui concentreremo la nostra attività"
_AREAS_WE_TARGET = re.compile(
    r"(?i)[ \u00a0]+(?:sono|are|will[ \u00a0]+be|saranno|restano|remain)[ \u00a0]+(?:le|the|i|gli)[ \u00a0]+(?:aree|areas|mercati|markets|paesi|countries|regions|regioni)"
    r"[ \u00a0]+(?:su[ \u00a0]+cui|on[ \u00a0]+which|where|dove|in[ \u00a0]+cui|verso[ \u00a0]+cui|we[ \u00a0]+will)[ \u00a0]+[^.;]{0,30}?\b(?:concentr|focus|punt|target|invest)")


_SETTING_LEAD = re.compile(r"[ \u00a0]*(?:[“\"«][ \u00a0]*)?(?:(?:In|Nella|Nelle|Negli|Nei|Nel|Sulla|Sui|Sul|Verso|Across)(?![\w'’])|Nell['’])[ \u00a0]*(?:(?:the|single|singol[ao]|sol[ao]|intera|intero|whole|il|la|lo|i|gli|le)[ \u00a0]+)?"
                           r"(?:(?:area|region|regione|mercato|market|paese|country)[ \u00a0]+(?:of[ \u00a0]+|del[ \u00a0]+|dell['’][ \u00a0]*)?)?")


# the link verbs of a ranking, from the data ("is once again", "torna a essere"), with at most one
# short aside between commas: "la Francia torna a essere, dopo tre anni, il primo mercato"
@cache
def _rank_link_lead() -> str:
    links = _lex_alt("markets", "rank_links")
    return (r"[ \u00a0]*(?:,[ \u00a0]*)?(?:(?:si|still|also|again|ancora|anche|once[ \u00a0]+again|have|has|che|which|that"
            rf"|{links})(?![\w'’])[ \u00a0]*(?:,[^,.;:\n]{{1,30}},[ \u00a0]*)?)*")


# "resta quello europeo", "is the European one": a ranked market named by its adjective
_ADJ_MARKET_GAP = re.compile(r"(?i)(?:[ \u00a0]+(?:of|for|by|in|dell['’]|della|del|dei|delle|degli|per)[ \u00a0]*[^,.;:\d]{0,40}?)?[ \u00a0]*(?:(?:is|was|remains|remained|è|resta|rimane|è[ \u00a0]+stato|si[ \u00a0]+conferma)[ \u00a0]+)?(?:quello|quella|the)[ \u00a0]+")
_ONE_AFTER = re.compile(r"(?i)[ \u00a0]+(?:one|market)\b")
_CLIENT_AFTER = re.compile(r"(?i)[ \u00a0]*,?[ \u00a0]*(?:who|which|that|che)[ \u00a0]+[^,.;:]{0,40}?\b(?:clients?|customers?|buyers?|client[ei]|acquirent[ei]|outlets?|sbocc\w+)\b")
@cache
def _goods_to_re() -> re.Pattern[str]:
    """An export noun, "of" and up to four words of goods, then the preposition of a destination."""
    return re.compile(rf"(?i)\b(?:{_lex_alt('markets', 'export_nouns')})[ \u00a0]+(?:of|di|dei|degli|delle|del|della|dello)[ \u00a0]+"
                      r"(?:[^\W\d][\w'’-]*[ \u00a0]+){0,4}?(?:to|towards|into|verso|in|nei|negli|nel|nella|nelle)[ \u00a0]+")


@cache
def _markets_that_re() -> re.Pattern[str]:
    """ "(are) the markets that|where ...": a market noun with a relative clause after it."""
    return re.compile(r"(?i)\b(?:the|i|il)[ \u00a0]+(?:markets?|mercat[oi])[ \u00a0]+(?:that|which|where|in[ \u00a0]+which|che|dove|in[ \u00a0]+cui)\b")


# two places joined, not contrasted: "in Italy and abroad", "all'estero e in Italia"
_JOINED = re.compile(r"(?i)[ \u00a0]*(?:,[ \u00a0]*)?(?:and|e|ed|or|o|as[ \u00a0]+well[ \u00a0]+as|as[ \u00a0]+well|come)?[ \u00a0]*(?:(?:in|on|sul|nel)[ \u00a0]+(?:the[ \u00a0]+)?)?")
# the market noun of a place's adjective: "the Chinese market(s)", "il mercato russo", "i mercati asiatici"
@cache
def _market_after_adj() -> re.Pattern[str]:
    """"the Chinese market(s)", not a compound of "market" ("a Japanese market research firm")."""
    return re.compile(rf"(?i)[ \u00a0]+markets?\b(?![ \u00a0-]+(?:{_lex_alt('markets', 'market_compounds')})\b)")
_MARKET_BEFORE_ADJ = re.compile(r"(?i)\bmercat[oi][ \u00a0]+$")
# a gap that opens a list: "markets (EU, Asia and North America)", "main markets: Chile and Peru"
_OPEN_LIST_GAP = re.compile(r"^[ \u00a0]*[(:][ \u00a0]*(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?$")


@cache
def _rank_gap() -> re.Pattern[str]:
    """The words between a rank phrase and its places: "in second place (we find)", "sul podio"."""
    links = _lex_alt("markets", "rank_links")
    return re.compile(rf"(?i)^[ \u00a0]*,?[ \u00a0]*(?:(?:{links})[ \u00a0]+)?(?:(?:the|il|la|lo|i|gli|le)[ \u00a0]+|l['’])?$")


def _find_ranked_markets(st: _State, places: list[_Span], adjs: list[_Span],
                         add: Callable[[_Span, str], None]) -> None:
    """Rankings, market nouns that open a list, exporter ranks, contrasts with abroad, sanctions."""
    text = st.text
    export_rx, _ = _lexicon("markets", "export_words")
    about: dict[tuple[int, int], bool] = {}

    def on_markets(sent: tuple[int, int]) -> bool:
        """The sentence, or the one before it, is about markets or exports (a ranking goes on
        across sentences: "... the first market. In second place we find Chile")."""
        if sent not in about:
            about[sent] = re.search(r"(?i)market|mercat|destination|destinazion|outlet|sbocc", text[sent[0]:sent[1]]) is not None \
                or (export_rx is not None and export_rx.search(text, *sent) is not None)
        return about[sent]

    def prev_sentence(sent: tuple[int, int]) -> tuple[int, int] | None:
        # (the one before, across a paragraph break too)
        i = bisect.bisect_left(st.segmentation.sentences, sent) - 1
        return st.segmentation.sentences[i] if i >= 0 else None

    def ranked_context(sent: tuple[int, int]) -> bool:
        prev = prev_sentence(sent)
        return on_markets(sent) or (prev is not None and on_markets(prev))

    def relation_for(s0: int, pos: int) -> str:
        window = text[max(s0, pos - _CUE_WINDOW):pos]
        if _COMP_CUE.search(window):
            return "competitor"
        return "destination"

    # "in first place we find Spain", "al secondo posto troviamo Cile e Perù (+15%)"
    for m in _lex_scan(st, "markets", "rank_before"):
        sent = st.sentence_of(m.start())
        if not ranked_context(sent):
            continue
        rel = relation_for(sent[0], m.start())
        for p in _list_after(text, m.end(), sent[1], places, gap=_rank_gap()):
            if p.name != HOME_COUNTRY:
                add(p, rel)
    # "le vendite sui mercati restanti (Asia, UE e Africa)", "its main markets: Chile and Peru"
    for m in _lex_scan(st, "markets", "market_nouns"):
        sent = st.sentence_of(m.start())
        rel = relation_for(sent[0], m.start())
        if rel == "destination" and _PRIORITY_CUE.search(text, max(sent[0], m.start() - _CUE_WINDOW), m.end()):
            rel = "export_priority"
        for p in _list_after(text, m.end(), sent[1], places, gap=_OPEN_LIST_GAP):
            if p.name != HOME_COUNTRY:
                add(p, rel)
    # "the second-largest exporter worldwide, following Germany", "terzo esportatore
    # mondiale dopo Germania e Cina": who ranks ahead of the home country competes with it
    nouns_rx, _ = _lexicon("markets", "rank_nouns")
    for m in _lex_scan(st, "markets", "competitor_rank"):
        s0, s1 = st.sentence_of(m.start())
        if nouns_rx is None or nouns_rx.search(text, max(s0, m.start() - 80), m.start()) is None:
            continue
        for p in _list_after(text, m.end(), s1, places, gap=_CUE_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "competitor")
    # "abroad the index stood at 78, while in Italy it reached 148": the home country set
    # against foreign markets is the domestic market
    # ("2,000 employees in Italy and abroad" joins the two: no contrast, no market)
    for m in _lex_scan(st, "markets", "abroad"):
        s0, s1 = st.sentence_of(m.start())
        for p in _near(places, s0, s1):
            if p.name == HOME_COUNTRY and s0 <= p.start < s1 and re.search(
                    r"(?i)(?<!made)[ \u00a0]+(?:in|on|sul|nel)[ \u00a0]+(?:the[ \u00a0]+)?$", text[max(s0, p.start - 12):p.start]) \
                    and not _JOINED.fullmatch(text[p.end:m.start()] if p.end <= m.start() else text[m.end():p.start]):
                add(p, "domestic")
                break
    # "how much the Brazilian market matters", "il mercato russo", "the Indian and Turkish markets":
    # a place named as a market by its adjective (not "the European market leader")
    aims_rx, _ = _lexicon("markets", "aims")
    for i, a in enumerate(adjs):
        if a.name == HOME_COUNTRY:
            continue
        s0, s1 = st.sentence_of(a.start)
        last = a
        for q in adjs[i + 1:]:
            if q.start < s1 and _LIST_GAP.match(text[last.end:q.start]):
                last = q
            else:
                break
        noun = _MARKET_BEFORE_ADJ.search(text, max(s0, a.start - 12), a.start) or _market_after_adj().match(text, last.end, s1)
        if noun is None:
            continue
        # "wants to strengthen its foothold on the Indian market": a market to grow in
        aim = aims_rx is not None and aims_rx.search(text, max(s0, a.start - _CUE_WINDOW), a.start) is not None
        add(a, "export_priority" if aim else "destination")  # (not competitor: "Chinese rivals dominate the Asian market")
    # "sales of Italian machinery to Turkey and Morocco", "le esportazioni di calzature in Russia":
    # the goods named between the noun and its destination (never another country's goods,
    # "exports of Chinese looms to Africa")
    for m in st.scan(_goods_to_re(), _lex_triggers("markets", "export_nouns")):
        s0, s1 = st.sentence_of(m.start())
        if any(m.start() <= a.start < m.end() and a.name != HOME_COUNTRY for a in _near(adjs, m.start(), m.end())) \
                or any(m.start() <= p.start < m.end() for p in _near(places, m.start(), m.end())):
            continue
        rel = relation_for(s0, m.start())
        for p in _list_after(text, m.end(), s1, places, gap=_CUE_GAP):
            if p.name != HOME_COUNTRY:
                add(p, rel)
    # "the United States and India are the markets that are growing", "Cile e Perù sono i mercati
    # dove crescono le vendite": places named as the markets a relative clause tells of
    for m in st.scan(_markets_that_re(), ("market", "mercat")):
        s0, _ = st.sentence_of(m.start())
        before = [p for p in _near(places, s0, m.start()) if s0 <= p.start and p.end <= m.start()]
        rel = relation_for(s0, m.start())
        for p in _list_before(text, m.start(), before, lead=_rank_link_lead()):
            if p.name != HOME_COUNTRY:
                add(p, rel)
    # "the end of the sanctions against Russia": a market the association wants reopened
    for m in _lex_scan(st, "markets", "priority_before"):
        _, s1 = st.sentence_of(m.start())
        for p in _list_after(text, m.end(), s1, places, gap=_CUE_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")


def _find_markets(st: _State) -> None:
    text = st.text
    rels: dict[tuple[str, str], MarketRelation] = {}
    places = [p for p in st.mentions.ents if p.kind in ("place:country", "place:region")]
    adjs = [p for p in st.mentions.ents if p.kind in ("adj:country", "adj:region")]
    places_and_adjs = sorted([*places, *adjs], key=lambda p: p.start)

    def add(p: _Span, rel: str) -> None:
        key = (p.name, rel)
        if key not in rels:
            rels[key] = MarketRelation(_mention(text, p.start, p.end), market=p.name, relation=rel, scope=st.mentions.sector)

    figure_sentences = {st.sentence_of(f.start) for f in st.figures()}
    for m in _lex_scan(st, "markets", "domestic"):
        s0, _ = st.sentence_of(m.start())
        if (s0, _) in figure_sentences and re.fullmatch(
                r"(?i)[ \u00a0]*(?:(?:on|in)[ \u00a0]+the|sul|nel)[ \u00a0]+", text[s0:m.start()]):
            continue  # "On the domestic market orders grew by 15%": the sentence's setting, told by its figure
        rels.setdefault((HOME_COUNTRY, "domestic"), MarketRelation(
            _mention(text, m.start(), m.end()), market=HOME_COUNTRY, relation="domestic", scope=st.mentions.sector))
    ranked_rx, _ = _lexicon("markets", "ranked")
    about_markets: dict[tuple[int, int], bool] = {}
    for m in _lex_scan(st, "markets", "destination", "ranked"):
        s0, s1 = st.sentence_of(m.start())
        if ranked_rx is not None and ranked_rx.fullmatch(m.group()):
            if (s0, s1) not in about_markets:
                rank_rx, _ = _lexicon("markets", "rank_before")
                about_markets[(s0, s1)] = re.search(
                    r"(?i)market|mercat|destination|destinazion|outlet|sbocc", text[s0:s1]) is not None \
                    or (rank_rx is not None and rank_rx.search(text, s0, s1) is not None)
            if not about_markets[(s0, s1)]:
                continue  # "followed by" lists destinations only in a sentence about markets (or ranks)
        listed = _list_after(text, m.end(), s1, places, gap=_CUE_GAP)
        if not listed:
            continue
        window = text[max(s0, m.start() - _CUE_WINDOW):m.start()]
        if _COMP_CUE.search(window + m.group()):
            rel = "competitor"
        elif _PRIORITY_CUE.search(window + m.group()):
            rel = "export_priority"
        else:
            rel = "destination"
        for p in listed:
            if p.name != HOME_COUNTRY:
                add(p, rel)
    # "Quanto ai mercati esteri, Cina e Stati Uniti sono vivaci": every place the sentence names after the phrase
    for m in _lex_scan(st, "markets", "foreign_topic"):
        s0, s1 = st.sentence_of(m.start())
        for p in _near(places, m.end(), s1):
            if m.end() <= p.start < s1 and p.name != HOME_COUNTRY \
                    and not _COMP_CUE.search(text, max(s0, p.start - _CUE_WINDOW), p.start):
                add(p, "destination")
    # "exports weakened, mostly through the slump in Brazil and Egypt", "foreign sales rose 14%
    # in Oceania, 6% in Central Asia": a change or a figure "in" a place is a
    # destination where the sentence is about exports
    export_rx, _ = _lexicon("markets", "export_words")
    about_exports: dict[tuple[int, int], bool] = {}

    def on_exports(sent: tuple[int, int], pos: int) -> bool:
        """A sentence about exports (asked once per sentence), not about competitors before ``pos``."""
        if sent not in about_exports:
            about_exports[sent] = export_rx is not None and export_rx.search(text, *sent) is not None
        return about_exports[sent] and _COMP_CUE.search(text, max(sent[0], pos - _CUE_WINDOW), pos) is None

    def after_exports(sent: tuple[int, int], pos: int) -> bool:
        """The sentence right before, in the same paragraph, is about exports: "Sales to Asia
        slipped. The fall in Japan cancelled out the gains in Mexico" goes on telling them."""
        i = bisect.bisect_left(st.segmentation.sentences, sent) - 1
        if i < 0:
            return False
        prev = st.segmentation.sentences[i]
        return "\n" not in text[prev[1]:sent[0]] and on_exports(prev, prev[1]) \
            and _COMP_CUE.search(text, sent[0], pos) is None

    for m in _lex_scan(st, "markets", "change_in"):
        s0, s1 = st.sentence_of(m.start())
        if not on_exports((s0, s1), m.start()) and not after_exports((s0, s1), m.start()):
            continue
        for p in _list_after(text, m.end(), s1, places, gap=_CUE_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    for f in st.figures():
        if f.kind != "pct":
            continue
        s0, s1 = st.sentence_of(f.start)
        at = _FIGURE_IN.match(text, f.end, s1)
        if at is None or not on_exports((s0, s1), f.start):
            continue
        for p in _list_after(text, at.end(), s1, places, gap=_CUE_GAP)[:1]:
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    # "In Russia, invece, sono state esportate 5 milioni di paia", "Nell'area Csi gli ordini crescono": a
    # sentence about exports set in a place it names first
    for s0, s1 in st.segmentation.sentences:
        lead = _SETTING_LEAD.match(text, s0, min(s1, s0 + 40))
        setting = st.place_at(lead.end()) if lead else None
        if setting is not None and setting.name != HOME_COUNTRY and on_exports((s0, s1), setting.start):
            add(setting, "destination")
    # "only Spain and India recorded an increase in orders": the places a change is told of
    for m in _lex_scan(st, "markets", "change_after"):
        s0, s1 = st.sentence_of(m.start())
        if not on_exports((s0, s1), m.start()):
            continue
        before = [p for p in _near(places, max(s0, m.start() - 80), m.start()) if s0 <= p.start and p.end <= m.start()]
        for p in _list_before(text, m.start(), before):
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    # "In controtendenza il Nord America, dove le vendite sono cresciute del 6,4%"
    for m in _lex_scan(st, "markets", "after_place"):
        s0, _ = st.sentence_of(m.start())
        before = [p for p in _near(places, max(s0, m.start() - 60), m.start()) if s0 <= p.start and p.end <= m.start()]
        for p in _list_before(text, m.start(), before, lead=r"[ \u00a0]*,[ \u00a0]*"):
            if p.name != HOME_COUNTRY:
                add(p, "destination")
    # the stops of a promotion tour: "first stops: Chennai and Hong Kong" (a city stands for its market)
    for m in _lex_scan(st, "markets", "tour"):
        _, s1 = st.sentence_of(m.start())
        for p in _list_after(text, m.end(), s1, st.places(), gap=_CUE_GAP):
            if p.name != HOME_COUNTRY and p.kind in ("place:country", "place:region", "place:city"):
                add(p, "export_priority")
    for m in st.scan(_AMONG_MARKETS, ("tra ", "fra ", "among")):
        s0, s1 = st.sentence_of(m.start())
        rel = "competitor" if _COMP_CUE.search(text, max(s0, m.start() - _CUE_WINDOW), m.start()) else "destination"
        for p in _list_after(text, m.end(), s1, places, gap=_FIRST_GAP):
            if p.name != HOME_COUNTRY:
                add(p, rel)
    for m in st.scan(_PRIORITY_VERB, ("look", "focus", "concentr", "target", "promot", "mission", "guardare", "puntare", "puntiamo", "promozion", "priorit")):
        s0, s1 = st.sentence_of(m.start())
        nxt = next((p for p in _near(places, m.end(), m.end() + 90) if m.end() <= p.start < min(s1, m.end() + 90)), None)
        if nxt is None:
            continue
        gap = text[m.end():nxt.start]
        ends_in_prep = re.search(r"(?i)(?:at|to|towards|on|su|a|verso)$", m.group())
        if re.search(r"[.;!?]|\d+(?:[.,]\d+)?[ \u00a0]*%", gap) or not (
                _PRIORITY_LEAD.search(gap) or (ends_in_prep and _FIRST_GAP.match(gap))):
            continue
        for p in _list_after(text, nxt.start, s1, places, gap=_FIRST_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    # markets named as opportunities: "Canada and Saudi Arabia offer great opportunities", "with
    # Mexico and India as the markets with the greatest potential", "i mercati emergenti
    # dell'Africa subsahariana e dell'India"
    for m in st.scan(_OPPORTUNITY_CUE, ("potential", "potenzial", "opportunit", "emergent", "emerging")):
        s0, s1 = st.sentence_of(m.start())
        if re.search(r"(?i)mercati[ \u00a0]+emergenti|emerging[ \u00a0]+markets", m.group()):
            listed = _list_after(text, m.end(), s1, places, gap=re.compile(r"^[ \u00a0]*(?:of|in|such[ \u00a0]+as|like|come|quali|d(?:el|ella|ell['’]|ei|egli|i))?[ \u00a0]*(?:(?:the|il|la|i|gli|le)[ \u00a0]+|l['’])?$"))
        else:
            listed = [p for p in _near(places, s0, m.start()) if s0 <= p.start and p.end <= m.start()
                      and not re.search(r"(?i)\b(?:oltre|beyond|besides|apart|except|tranne)\b", text[max(s0, p.start - 25):p.start])]
        for p in listed:
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    # "our priority will be to grow in India and South-East Asia"
    for m in st.scan(_GROW_IN, ("grow", "expand", "crescere", "espand")):
        s0, s1 = st.sentence_of(m.start())
        lo = max(s0, m.start() - _CUE_WINDOW)
        if not _PRIORITY_CUE.search(text, lo, m.start()) and not re.search(r"(?i)\b(?:aim|want|plan|intend|obiettivo|puntiamo|vogliamo)\b", text[lo:m.start()]):
            continue
        for p in _list_after(text, m.end(), s1, places, gap=_FIRST_GAP):
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    for m in st.scan(_AREAS_WE_TARGET, ("aree", "areas", "mercati", "markets", "paesi", "countries", "regions", "regioni")):
        s0, _ = st.sentence_of(m.start())
        before_cue = [p for p in _near(places, s0, m.start()) if s0 <= p.start and p.end <= m.start()]
        for p in _list_before(text, m.start(), before_cue):
            if p.name != HOME_COUNTRY:
                add(p, "export_priority")
    for m in st.scan(_COMP_CUE, ("compet", "concorren", "dominated", "rival")):
        s0, s1 = st.sentence_of(m.start())
        for p in _near(places_and_adjs, s0, s1):
            if not (s0 <= p.start < s1) or p.name == HOME_COUNTRY:
                continue
            # "China, the largest competitor", "China's competitors" (only what sits right before)
            if p.end <= m.start() and _COMP_BEFORE.fullmatch(text[p.end:m.start()]):
                add(p, "competitor")
        for p in _list_after(text, m.end(), s1, places_and_adjs, gap=_COMP_GAP):
            # "dominated by Asia, which will become a major client": a buyer, told by the clause after it
            if p.name != HOME_COUNTRY and not _CLIENT_AFTER.match(text, p.end, min(s1, p.end + 80)):
                add(p, "competitor")
    competition: dict[tuple[int, int], bool] = {}

    def about_competition(s0: int, s1: int) -> bool:
        if (s0, s1) not in competition:
            competition[(s0, s1)] = re.search(r"(?i)compet|concorr|dominat|rival", text[s0:s1]) is not None
        return competition[(s0, s1)]

    for i, p in enumerate(adjs):
        # "the growing Chinese presence dominates the competitive context", "Chinese competition",
        # "Chinese and Vietnamese competitors", "who dominate the world market with their German
        # colleagues": the noun may follow the last adjective of a list
        s0, s1 = st.sentence_of(p.start)
        last = p
        for q in adjs[i + 1:]:
            if q.start < s1 and _LIST_GAP.match(text[last.end:q.start]):
                last = q
            else:
                break
        noun_after = re.match(r"(?i)[ \u00a0]+(?:(?:machinery|machine|equipment|technology)[ \u00a0]+)?(?:presence|competition|competitors|rivals|colleagues|counterparts|peers|colleghi|manufacturers(?=[^.]{0,80}\bcompetit))\b", text[last.end:last.end + 100])
        # "concorrenza dei produttori cinesi", "competition from Chinese manufacturers"
        noun_before = re.search(r"(?i)\b(?:presenza|concorrenza|concorrenti|colleghi|competitor|competition[ \u00a0]+from|pressure[ \u00a0]+from)"
                                r"(?:[ \u00a0]+(?:dei|degli|delle|di|from|the)[ \u00a0]+(?:produttori|costruttori|manufacturers|producers|players|aziende|imprese|companies|suppliers|fornitori))?[ \u00a0]+$",
                                text[max(0, p.start - 45):p.start])
        if p.name != HOME_COUNTRY and (noun_after or noun_before) \
                and about_competition(s0, s1):
            add(p, "competitor")
        # "Chinese suppliers are offering complete lines at very low prices", "low-cost Chinese
        # components", "fornitori cinesi a basso costo": foreign makers competing on price
        elif p.name != HOME_COUNTRY and re.match(
                r"(?i)[ \u00a0]+(?:suppliers|producers|makers|manufacturers|components|machines|fornitori|produttori|costruttori|componenti|macchine)\b",
                text[last.end:last.end + 30]) and re.search(
                r"(?i)low[ -](?:cost|price)|(?:very\s+)?low\s+prices|basso\s+costo|prezzi\s+(?:molto\s+)?bassi|aggressiv|dumping",
                text[max(s0, p.start - 30):min(s1, last.end + 100)]):
            add(p, "competitor")
    for m in st.scan(_DEST_AFTER_CUE, ("market", "outlet", "destination", "destinazion", "mercat", "sbocc", "nazione", "paese", "paesi", "countr",
                                       "client", "customer", "buyer", "acquirent")):
        s0, _ = st.sentence_of(m.start())
        before_cue = [p for p in _near(places, s0, m.start()) if s0 <= p.start and p.end <= m.start()]
        listed_back = _list_before(text, m.start(), before_cue, lead=_rank_link_lead())
        after = _list_after(text, m.end(), st.sentence_of(m.start())[1], places, gap=_AFTER_MARKETS_GAP)
        if not after:
            # "il primo mercato resta quello europeo", "the first market is the European one"
            after = [_Span(a.start, a.end, a.name, "place:" + a.kind.split(":")[1]) for a in adjs
                     if m.end() <= a.start < m.end() + 60 and _ADJ_MARKET_GAP.fullmatch(text, m.end(), a.start)
                     and (not text[a.start - 4:a.start].lower().startswith("the") or _ONE_AFTER.match(text, a.end))][:1]
        if after and ";" in text[m.end():after[0].start] and listed_back:
            after = []  # "A and B were the top destinations; C lost ground": a new clause
        listed_back += after
        rel = "export_priority" if _PRIORITY_CUE.search(m.group()) else "destination"
        for p in listed_back:
            if p.name != HOME_COUNTRY:
                add(p, rel)
    _find_ranked_markets(st, places, adjs, add)
    st.relations.facts.extend(rels.values())
    for market in dict.fromkeys(r.market for r in rels.values()):
        entry = gz.place(market)
        ev = rels[next(k for k in rels if k[0] == market)].evidence
        st.relations.facts.append(Place(ev, name=market, kind=entry.kind if entry else "country",
                              aliases=entry.aliases if entry else ()))
