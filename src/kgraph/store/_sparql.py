"""SPARQL text handling shared by every backend: a lexer, the query form, the federation
guard and parameter binding.

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..errors import ParameterError, QueryError

__all__ = [
    "Token", "tokens", "query_form", "check_federation", "bind_values", "term_to_sparql",
    "VARNAME",
]

VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# One alternative per SPARQL lexical class that can hide a brace or a keyword: comments,
# long and short strings, IRIs, variables, language tags, prefixed names and keywords.
_LEX = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00B7\u00C0-\uFFFF]*)?:(?:[\w\-.:%\u00B7\u00C0-\uFFFF]|\\.)*)
  | (?P<word>[A-Za-z_\u00C0-\uFFFF][\w\-\u00B7\u00C0-\uFFFF]*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str  # string, iri, var, lang, pname, word, number, punct
    text: str
    start: int
    end: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a SPARQL text (no whitespace, no comments)."""
    pos = 0
    while pos < len(text):
        m = _LEX.match(text, pos)
        if m is None or m.end() == pos:  # pragma: no cover - the last alternative matches any char
            break
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group(), m.start(), m.end())
        pos = m.end()


_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def query_form(text: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; ``UPDATE`` for anything else
    that starts like an update; raises QueryError when there is no query form at all."""
    for tok in tokens(text):
        if tok.kind == "word":
            word = tok.text.upper()
            if word in ("PREFIX", "BASE"):
                continue
            if word in _FORMS:
                return word
            return "UPDATE"
    raise QueryError("empty query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def check_federation(text: str, *, allow_federation: bool, source: str | None = None) -> None:
    """Refuse ``SERVICE`` (federated query) and ``LOAD`` (fetch a URL) unless allowed.

    The check works on tokens, so the words inside strings, IRIs, comments, variables and
    prefixed names do not count; only the keywords themselves do.

    Raises:
        QueryError: the text uses SERVICE or LOAD and ``allow_federation`` is false.
    """
    if allow_federation:
        return
    found = _shape(text).federated
    if found is not None:
        word, line, column = found
        raise QueryError(
            f"{word} reaches other servers and is refused "
            "(use --allow-federation / allow_federation=True to permit it)",
            source=source, line=line, column=column,
        )


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
    """What binding and the federation guard need to know about one query text."""

    federated: tuple[str, int, int] | None  # SERVICE/LOAD keyword, line, column
    insert_at: int | None  # offset just after the WHERE group's "{"
    wrap_close: int | None  # offset of its "}" when the group is a bare sub-select
    problem: str | None  # why parameters cannot be bound


@functools.lru_cache(maxsize=512)
def _shape(text: str) -> _Shape:
    """Lex a query once; named queries run many times with the same text."""
    toks = list(tokens(text))
    federated = None
    for tok in toks:
        if tok.is_word("SERVICE", "LOAD"):
            line = text.count("\n", 0, tok.start) + 1
            column = tok.start - (text.rfind("\n", 0, tok.start) + 1) + 1
            federated = (tok.text.upper(), line, column)
            break
    try:
        i = _where_brace(toks)
        if i is None:
            return _Shape(federated, None, None, None)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        close = toks[_matching(toks, i)].start if nxt is not None and nxt.is_word("SELECT") else None
        return _Shape(federated, toks[i].end, close, None)
    except QueryError as exc:
        return _Shape(federated, None, None, exc.message)
