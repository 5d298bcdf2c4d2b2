"""Statements: what priorities and drivers share -- the items of a list, a clean label, bullets
after a colon, the clause starts and finite verbs that end a statement.
"""

from __future__ import annotations

import re

from .state import _near, _State

# a piece that continues the item before it: an example, a relative clause, a second complement
# ("accordi con l'India e con il Mercosur"), an apposition ("..., in grado di ...", "..., dedicated to ...")
_MERGE_ITEM = re.compile(r"(?i)^(?:a\s+partire\s+d|(?:starting\s+with|such\s+as(?!\s+to\b)|including|in\s+particular|come|tra\s+cui|also|anche|which|that|che|in\s+order|"
                         r"con|with|per|for|in\s+grado|able\s+to|capable\s+of|\w+(?:ed|at[oaie]|it[oaie])\s+(?:to|a|al|alla|ai|per|for|by|da))\b)")
_LEAD = re.compile(r"(?i)^(?:però|tuttavia|inoltre|quindi|dunque|pertanto|however|therefore|moreover|al\s+governo\s+di|alle\s+istituzioni\s+di|the\s+government\s+to|al\s+governo|alle\s+istituzioni|the\s+government|above\s+all|and|e|ed|to\s+the|the|a|an|also|for|soprattutto|un|una|uno|il|lo|la|i|gli|le|dei|delle|degli|di|by|da|dal|dalla|dai|dagli|dalle|al|alla|allo|alle|agli|ai|all['’]|dall['’]|dell['’]|sul|sulla|sullo|sui|sugli|sulle|sull['’]|l['’])\b[ \u00a0]*")


# (and "between A and B", "tra A e B": the "and" belongs to the preposition)
_BOTH = re.compile(r"(?i)\b(?:both|entramb[ie]|between|tra|fra)\b")


def _list_items(text: str, a: int, b: int, st: _State, *, bare_nouns: bool = False) -> list[tuple[int, int]]:
    """Items of an enumeration between a and b."""
    seg = text[a:b]
    protected = _near(st.protected(), a, b)
    if ";" in seg:
        parts = [(a + m.start(), a + m.end()) for m in re.finditer(r"[^;]+", seg)]
    else:
        cuts = [a]
        for m in re.finditer(r",[ \u00a0]+(?:and[ \u00a0]+|e[ \u00a0]+)?|[ \u00a0][-–][ \u00a0]|[ \u00a0]+(?:and|e|ed)[ \u00a0]+", seg):
            pos = a + m.start()
            if any(p.start <= pos < p.end for p in _near(protected, pos, pos)):
                continue
            if "," not in m.group() and _BOTH.search(text, cuts[-1], pos):
                continue  # "growth in both the foreign and the home markets": one item
            cuts.extend([pos, a + m.end()])
        cuts.append(b)
        parts = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    items: list[tuple[int, int]] = []
    for s, e in parts:
        piece = text[s:e].strip(" \u00a0")
        if not piece:
            continue
        only_places = False
        if items:
            inside = [p for p in _near(protected, s, e) if p.start < e and s < p.end]
            rest = "".join(ch for i, ch in enumerate(text[s:e])
                           if not any(p.start <= s + i < p.end for p in inside))
            only_places = bool(inside) and not any(ch.isalpha() for ch in rest)
        # "rifinanziare la Nuova Sabatini, strumento essenziale per le piccole imprese": an apposition
        # (a bare noun after a comma) describes the proper name before it
        apposition = bool(items) and text[items[-1][1]:s].lstrip(" \u00a0").startswith(",") \
            and re.search(r"[A-ZÀ-Ý][\w'’.-]*[ \u00a0]*$", text[items[-1][0]:items[-1][1]]) is not None \
            and re.match(r"[a-zà-ÿ]", piece) is not None and not _LEAD.match(piece) and not re.match(r"(?i)(?:to|di|per|a)\b", piece) \
            and not any(p.end == items[-1][1] or p.start < items[-1][1] <= p.end for p in protected)  # a place closes a list item
        if items and (_MERGE_ITEM.match(piece) or only_places or apposition):
            items[-1] = (items[-1][0], e)
        else:
            items.append((s, e))
    if not bare_nouns and any(len(text[s:e].split()) < 2 for s, e in items):
        return [(a, b)]  # a list of bare nouns is one item: "digitisation, automation, sustainability"
    return items


def _clean_label(text: str) -> str:
    t = re.sub(r"[ \u00a0]+", " ", text).strip(" .,;:-–\"“”«»")
    t = _LEAD.sub("", t)
    t = _LEAD.sub("", t)
    return t[:1].lower() + t[1:] if t[:2] != t[:2].upper() else t


def _only_places(st: _State, s: int, e: int) -> bool:
    inside = [p for p in _near(st.places(), s, e) if s <= p.start and p.end <= e]
    if not inside:
        return False
    rest = st.text[s:e]
    for p in sorted(inside, key=lambda x: -x.start):
        rest = rest[:p.start - s] + rest[p.end - s:]
    return not re.sub(r"(?i)\b(?:and|e|ed|or|o|the|il|la|i|gli|le|l['’]|countries|paesi)\b|[^\w]", "", rest)


_CLAUSE_START = re.compile(r"(?i)(?:our|we|it|they|this|these|its|their|there|he|she|(?-i:I)|noi|i\s+nostri|le\s+nostre|il\s+nostro|la\s+nostra|questo|questa|ci|si)\b")


_FINITE_VERB = re.compile(r"(?i)\b(?:declined|fell|dropped|decreased|grew|rose|increased|contracted|slowed|recorded|were|was|are|is|have|has|had|sono|è|ha|hanno|calano|crescono|diminuiscono)\b")


def _bullets_after(text: str, pos: int) -> list[tuple[int, int]]:
    """The items of a bulleted list starting on the line after ``pos`` (an intro ending in ':')."""
    if not re.match(r"[ \u00a0\t]*\r?\n", text[pos:]):
        return []
    items: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\r\n]*(?:\r?\n|$)", text[pos:]):
        body = line.group().rstrip("\r\n")
        if not body.strip():
            if items:
                break
            continue
        bm = re.match(r"[ \u00a0\t]*(?:[-•*–·▪]|\d{1,2}[.)])[ \u00a0\t]+", body)
        if not bm:
            break
        a = pos + line.start() + bm.end()
        b = pos + line.start() + len(body.rstrip(" \u00a0\t;.,"))
        if b > a:
            items.append((a, b))
        if len(items) > 12:
            break
    return items


_QUOTE_OR_DASH = re.compile(r"[”\"«»]|[ \u00a0][-–][ \u00a0]")
