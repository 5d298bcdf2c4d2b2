"""SPARQL text handling shared by every backend: a lexer, the query form, the federation
guard and parameter binding.

The federation guard (``SERVICE`` and ``LOAD`` reach other hosts) decides on a parse of
the text, see :func:`check_federation`.

Parameters are bound as RDF terms by adding an inline ``VALUES`` block as the first element
of the query's outermost ``WHERE`` group. This gives the semantics of rdflib's
``initBindings`` (the variables are bound before the rest of the pattern is evaluated, so
FILTERs and OPTIONALs of that group see them) and works for every backend, including a
remote endpoint that only accepts query text. The terms are serialised by pyoxigraph's
N-Triples serialiser after pyoxigraph validated them (IRI syntax, language tag); user text
never reaches the query other than as the escaped lexical form of a literal.

pyoxigraph's own ``substitutions`` is not used: it refuses variables that are not in the
SELECT projection, and a remote endpoint has no equivalent.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import ParameterError, QueryError
from ..namespaces import PREFIXES

__all__ = [
    "Token", "tokens", "query_form", "check_federation", "bind_values", "term_to_sparql",
    "VARNAME", "FederationRefused", "unescape_codepoints", "check_graph_iri",
]

VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# One alternative per SPARQL lexical class that can hide a brace or a keyword: comments,
# long and short strings, IRIs, variables, language tags, prefixed names and keywords.
# A comment ends at CR or LF, and an IRI may hold \u and \U escapes, as in Oxigraph.
_LEX_PATTERN = (
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7\u00C0-\uFFFF]*)?:(?:[\w\-.:%\u00B7\u00C0-\uFFFF]|\\.)*)
  | (?P<word>[A-Za-z_\u00C0-\uFFFF][\w\-\u00B7\u00C0-\uFFFF]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """
)


@functools.cache
def _lex() -> re.Pattern[str]:
    # Compiled on first use: most texts never need the lexer, and a command line that runs
    # one query should not pay for compiling it at start-up.
    return re.compile(_LEX_PATTERN, re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Token:
    kind: str  # string, iri, var, lang, pname, word, number, punct
    text: str
    start: int
    end: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


# Where "<" follows an operand inside parentheses it is the less-than operator, as a
# grammar-driven parser reads it: "FILTER(?c<1)SERVICE#>" holds no IRI. (A collection of
# IRIs "(<a> <b>)" is then lexed as operators too, which only costs words inside <b>.)
_LESS = re.compile(r"<=|<")
_OPERANDS = frozenset({"string", "iri", "var", "lang", "pname", "word", "number"})


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a SPARQL text (no whitespace, no comments)."""
    pos = 0
    brackets: list[str] = []
    prev: Token | None = None
    while pos < len(text):
        if (text[pos] == "<" and brackets and brackets[-1] == "(" and prev is not None
                and (prev.kind in _OPERANDS or prev.text in (")", "]"))):
            m = _LESS.match(text, pos)
        else:
            m = _lex().match(text, pos)
        if m is None or m.end() == pos:  # pragma: no cover - the last alternative matches any char
            break
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            prev = Token(kind, m.group(), m.start(), m.end())
            if kind == "punct":
                if prev.text in "({[":
                    brackets.append(prev.text)
                elif prev.text in ")}]" and brackets:
                    brackets.pop()
            yield prev
        pos = m.end()


_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; ``UPDATE`` for a text that starts
    with an update operation.

    Raises:
        QueryError: the text starts like neither (``hello world``), or is empty.
    """
    for tok in tokens(text):
        if tok.kind == "word":
            word = tok.text.upper()
            if word in ("PREFIX", "BASE"):
                continue
            if word in _FORMS:
                return word
            if word in _UPDATE_WORDS:
                return "UPDATE"
            raise QueryError(f"not a SPARQL query or update: it starts with {tok.text[:40]!r}, "
                             "not SELECT, ASK, CONSTRUCT, DESCRIBE or an update operation")
    raise QueryError("empty query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


class FederationRefused(QueryError):
    """The text uses SERVICE or LOAD, or mentions them and cannot be checked.

    ``keyword`` is ``SERVICE`` or ``LOAD``; ``checked`` is false when the text could not be
    parsed to decide (it is refused all the same).
    """

    def __init__(self, message: str, *, keyword: str, checked: bool, source: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        super().__init__(message, source=source, line=line, column=column)
        self.keyword = keyword
        self.checked = checked


def check_federation(text: str, *, allow_federation: bool, source: str | None = None) -> None:
    """Refuse ``SERVICE`` (federated query) and ``LOAD`` (fetch a URL) unless allowed.

    SPARQL lets ``\\uXXXX`` / ``\\UXXXXXXXX`` spell any character (SPARQL 1.1 section 19.2
    applies them to the whole text; Oxigraph 0.5 only inside IRIs and strings), so the text
    is judged in both readings. A text in which neither reading contains "service" or
    "load" in any case is allowed at once (most queries). Otherwise it is refused when
    either of two judges finds the keyword:

    * a lexer with Oxigraph's rules, on both readings: comments end at CR or LF, an IRI
      may hold escapes, ``<`` after an operand inside parentheses is the operator, and a
      keyword may be glued to what follows it (``SERVICESILENT<...>``, ``SERVICEex:name``
      with ``ex:`` declared);
    * the grammar: rdflib's SPARQL parser, which follows the W3C grammar, parses the text
      as a query or else as an update, and its parse tree is searched at every depth (every
      operation of an update, sub-selects, OPTIONAL, UNION, MINUS, EXISTS, GRAPH) for a
      service pattern or a LOAD. It must parse Oxigraph's reading (the escapes inside IRIs
      and strings neutralised); a text it cannot parse, or longer than
      100,000 characters, is refused as uncheckable. The whole-text reading counts too
      when it parses.

    Raises:
        FederationRefused (a QueryError): SERVICE or LOAD without ``allow_federation``, or a
            text mentioning them that cannot be checked.
    """
    if allow_federation:
        return
    verdict = _verdict(text) if len(text) <= _CACHED_LENGTH else _judge(text)
    if verdict is None:
        return
    word, checked, line, column, reason = verdict
    hint = "(use --allow-federation / allow_federation=True to permit it)"
    if checked:
        message = f"{word} reaches other servers and is refused {hint}"
    else:
        message = (f"the text mentions {word.lower()} and cannot be checked for SERVICE/LOAD "
                   f"({reason}), so it is refused {hint}")
    raise FederationRefused(message, keyword=word, checked=checked, source=source,
                            line=line, column=column)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_MENTION = re.compile(r"service|load", re.IGNORECASE)
_KEYWORDS = ("SERVICE", "LOAD")
_CACHED_LENGTH = 20_000  # named queries; a large update is judged again rather than kept
_GRAMMAR_LIMIT = 100_000  # rdflib's parser takes about 3 s per 100 KB
_GRAMMAR_LOCK = threading.Lock()


def unescape_codepoints(text: str) -> str:
    """``text`` with every ``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by its character."""
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()

    return _ESCAPE.sub(one, text) if "\\" in text else text


_Verdict = tuple[str, bool, int | None, int | None, str]  # keyword, checked, line, column, why


@functools.lru_cache(maxsize=512)
def _verdict(text: str) -> _Verdict | None:
    """Named queries run many times with the same text: judge each once."""
    return _judge(text)


def _judge(text: str) -> _Verdict | None:
    plain = unescape_codepoints(text)
    if not (_MENTION.search(text) or _MENTION.search(plain)):
        return None
    # As written, lexed the way Oxigraph reads it (escapes inside IRIs and strings only);
    # then with every escape applied, the way SPARQL 1.1 section 19.2 reads it.
    for t in (text, plain) if plain != text else (text,):
        found = _lexed_keyword(t)
        if found is not None:
            word, line, column = found
            return (word, True, line, column, "")
    # The grammar must read Oxigraph's spelling; the other one counts when it parses.
    oxigraph = _oxigraph_spelling(text)
    for t, required in ((oxigraph, True), (plain, False)):
        if not required and t == oxigraph:
            break
        if len(t) > _GRAMMAR_LIMIT:
            reason = f"longer than {_GRAMMAR_LIMIT:,} characters"
        else:
            try:
                parsed = _parsed_keyword(t)
            except Exception as exc:  # noqa: BLE001 - any failure of the checker refuses
                reason = ("the checking parser cannot read it: "
                          + (str(exc).splitlines() or [""])[0][:200])
            else:
                if parsed is not None:
                    return (parsed, True, None, None, "")
                continue
        if required:
            low = plain.lower()
            word = "LOAD" if "load" in low and "service" not in low else "SERVICE"
            return (word, False, None, None, reason)
    return None


def _oxigraph_spelling(text: str) -> str:
    """``text`` with each escape inside an IRI or a string replaced by a plain letter.

    Oxigraph reads escapes there only, as one character of the IRI or string; rdflib's
    grammar, called without its own expansion, then sees Oxigraph's token boundaries. The
    letter keeps them even where the escaped character is a quote or ``>`` (an IRI's or a
    string's value does not matter to the check).
    """
    if "\\" not in text:
        return text
    parts: list[str] = []
    pos = 0
    for tok in tokens(text):
        if "\\" in tok.text and tok.kind in ("iri", "string"):
            parts.append(text[pos:tok.start])
            parts.append(_ESCAPE.sub("x", tok.text))
            pos = tok.end
    parts.append(text[pos:])
    return "".join(parts)


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column; CR, LF and CRLF each end a line."""
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n?|\n", before))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


def _lexed_keyword(text: str) -> tuple[str, int, int] | None:
    """The first SERVICE/LOAD keyword a lexer with Oxigraph's rules finds."""
    toks = list(tokens(text))
    declared = set(PREFIXES)
    for i, tok in enumerate(toks):
        if tok.kind == "pname" and i > 0 and toks[i - 1].is_word("PREFIX"):
            declared.add(tok.text.split(":", 1)[0])
    for i, tok in enumerate(toks):
        upper = tok.text.upper()
        for word in _KEYWORDS:
            if not upper.startswith(word):
                continue
            glued = False
            if tok.kind == "word":
                glued = True  # no SPARQL word starts so except the keywords themselves
            elif tok.kind == "pname" and not (i > 0 and toks[i - 1].is_word("PREFIX")):
                # "SERVICEex:x" is SERVICE then ex:x when ex: is declared
                glued = tok.text.split(":", 1)[0][len(word):] in declared
            if glued:
                return (word, *_position(text, tok.start))
    return None


def _parsed_keyword(text: str) -> str | None:
    """SERVICE or LOAD when rdflib's grammar finds one in the parse tree of ``text``.

    The grammar is called without rdflib's own escape expansion (the caller passes each
    spelling), and with CR made LF: rdflib ends a comment at LF only.

    Raises:
        Exception: the text is neither a query nor an update for the grammar.
    """
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parser import Query, UpdateUnit
    from rdflib.plugins.sparql.parserutils import CompValue

    text = text.replace("\r", "\n")
    with _GRAMMAR_LOCK:
        try:
            tree: object = Query.parse_string(text, parse_all=True)
        except Exception:  # noqa: BLE001 - not a query: try it as an update
            tree = UpdateUnit.parse_string(text, parse_all=True)
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return "SERVICE"
            if node.name == "Load":
                return "LOAD"
            stack.extend(node.values())
        elif isinstance(node, ParseResults):
            stack.extend(list(node))
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return None


def term_to_sparql(name: str, term: Node) -> str:
    """The N-Triples form of ``term`` after pyoxigraph validated it.

    Raises:
        ParameterError: a blank node, an invalid IRI or language tag.
    """
    try:
        if isinstance(term, URIRef):
            return str(ox.NamedNode(str(term)))
        if isinstance(term, Literal):
            if term.language:
                return str(ox.Literal(str(term), language=term.language))
            if term.datatype is not None:
                return str(ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))))
            return str(ox.Literal(str(term)))
    except ValueError as exc:
        raise ParameterError(f"parameter {name!r}: {exc}") from None
    if isinstance(term, BNode):
        raise ParameterError(f"parameter {name!r}: a blank node cannot be a parameter")
    raise ParameterError(f"parameter {name!r}: {term!r} is not an RDF term")


def _matching(toks: list[Token], i: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``toks[i]``."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].text == "{" and toks[j].kind == "punct":
            depth += 1
        elif toks[j].text == "}" and toks[j].kind == "punct":
            depth -= 1
            if depth == 0:
                return j
    raise QueryError("unbalanced braces in the query")


def _where_brace(toks: list[Token]) -> int | None:
    """Index of the ``{`` opening the outermost WHERE group, or None (DESCRIBE <iri>)."""
    i = 0
    while i < len(toks) and not toks[i].is_word(*_FORMS):
        i += 1
    if i == len(toks):
        return None
    form = toks[i].text.upper()
    i += 1
    if form == "CONSTRUCT":
        if i < len(toks) and toks[i].text == "{":
            i = _matching(toks, i) + 1  # skip the template
        else:
            raise QueryError("parameters cannot be bound in the short form CONSTRUCT WHERE { }")
    depth = 0
    for j in range(i, len(toks)):
        tok = toks[j]
        if tok.kind != "punct":
            continue
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth -= 1
        elif tok.text == "{" and depth == 0:
            return j
    return None


def bind_values(text: str, bindings: Mapping[str, Node] | None) -> str:
    """``text`` with ``bindings`` added as a VALUES block at the start of its WHERE group.

    Raises:
        ParameterError: a bad variable name or term.
        QueryError: the query has no WHERE group to bind into.
    """
    if not bindings:
        return text
    names = list(bindings)
    for name in names:
        if not VARNAME.match(name):
            raise ParameterError(f"{name!r} is not a valid SPARQL variable name")
    values = " ".join(term_to_sparql(n, bindings[n]) for n in names)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }}"
    shape = _shape(text)
    if shape.problem is not None or shape.insert_at is None:
        raise QueryError(shape.problem or "the query has no WHERE clause to bind parameters into")
    at, close = shape.insert_at, shape.wrap_close
    if close is not None:
        # The WHERE group is a bare sub-select: VALUES cannot precede it, so wrap it.
        return text[:at] + f" {block} {{ " + text[at:close] + " } " + text[close:]
    return text[:at] + f" {block} " + text[at:]


@dataclass(frozen=True)
class _Shape:
    """What binding needs to know about one query text."""

    insert_at: int | None  # offset just after the WHERE group's "{"
    wrap_close: int | None  # offset of its "}" when the group is a bare sub-select
    problem: str | None  # why parameters cannot be bound


@functools.lru_cache(maxsize=512)
def _shape(text: str) -> _Shape:
    """Lex a query once; named queries run many times with the same text."""
    toks = list(tokens(text))
    try:
        i = _where_brace(toks)
        if i is None:
            return _Shape(None, None, None)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        close = toks[_matching(toks, i)].start if nxt is not None and nxt.is_word("SELECT") else None
        return _Shape(toks[i].end, close, None)
    except QueryError as exc:
        return _Shape(None, None, exc.message)


_DATASET_END = ("WHERE", "ORDER", "GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES")


def has_dataset_clause(text: str) -> bool:
    """True when a query names its own dataset (``FROM`` / ``FROM NAMED``): it then runs on
    that dataset rather than on the union of the named graphs."""
    if "from" not in text.lower():
        return False
    depth = 0
    for tok in tokens(text):
        if tok.kind == "punct":
            depth += (tok.text == "{") - (tok.text == "}")
        elif depth == 0 and tok.is_word("FROM"):
            return True
    return False


def dataset_clauses(text: str) -> tuple[list[str], list[str]] | None:
    """The graphs of the text's own ``FROM`` and ``FROM NAMED`` clauses, or None when it
    has none or one that is not an absolute IRI in angle brackets (a prefixed name, a
    relative IRI): then only the text itself can say what it means."""
    if not has_dataset_clause(text):
        return None
    toks = list(tokens(text))
    i = next((n for n, t in enumerate(toks) if t.is_word(*_FORMS)), None)
    if i is None:
        return None
    i += 1
    if toks[i - 1].is_word("CONSTRUCT") and i < len(toks) and toks[i].text == "{":
        i = _matching(toks, i) + 1
    default: list[str] = []
    named: list[str] = []
    while i < len(toks) and not (toks[i].text == "{" or toks[i].is_word(*_DATASET_END)):
        if toks[i].is_word("FROM"):
            into = default
            if i + 1 < len(toks) and toks[i + 1].is_word("NAMED"):
                into, i = named, i + 1
            if i + 1 >= len(toks) or toks[i + 1].kind != "iri":
                return None
            try:
                into.append(ox.NamedNode(toks[i + 1].text[1:-1]).value)
            except ValueError:
                return None
            i += 1
        i += 1
    return (default, named) if default or named else None


def check_graph_iri(iri: str) -> str:
    """``iri`` when it is a valid IRI for a graph name.

    Raises:
        QueryError: it is not.
    """
    try:
        return ox.NamedNode(iri).value
    except ValueError as exc:
        raise QueryError(f"not a valid graph IRI: {iri!r}: {exc}") from None


def with_dataset(text: str, default_graphs: Sequence[str], named_graphs: Sequence[str]) -> str:
    """``text`` with its dataset replaced by ``FROM`` the default graphs and ``FROM NAMED``
    the named ones, as the SPARQL Protocol's ``default-graph-uri`` / ``named-graph-uri``
    ask (the protocol's dataset wins over the query's own ``FROM`` clauses).

    Raises:
        QueryError: an IRI is not valid, or the text is no query.
    """
    clauses = [f"{key} <{check_graph_iri(iri)}>"
               for key, iris in (("FROM", default_graphs), ("FROM NAMED", named_graphs))
               for iri in iris]
    toks = list(tokens(text))
    i = next((n for n, t in enumerate(toks) if t.is_word(*_FORMS)), None)
    if i is None:
        raise QueryError("a dataset can only be given to a query (SELECT, ASK, CONSTRUCT, DESCRIBE)")
    i += 1
    if toks[i - 1].is_word("CONSTRUCT") and i < len(toks) and toks[i].text == "{":
        i = _matching(toks, i) + 1
    cut: list[tuple[int, int]] = []
    at = len(text)
    n = i
    while n < len(toks):
        tok = toks[n]
        if tok.text == "{" or tok.is_word(*_DATASET_END):
            at = tok.start
            break
        if tok.is_word("FROM"):  # the query's own dataset clause gives way
            end = n + 1
            if end < len(toks) and toks[end].is_word("NAMED"):
                end += 1
            end = min(end, len(toks) - 1)
            cut.append((tok.start, toks[end].end))
            n = end
        n += 1
    out, pos = [], 0
    for start, end in cut:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:at])
    out.append(" " + " ".join(clauses) + " ")
    out.append(text[at:])
    return "".join(out)
