"""The review file: candidates a person decides on (CSV, one row per candidate).

A person puts ``yes`` in the ``accept`` column of at most one row per entity and feeds
the file back with ``kgraph link --apply FILE``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from .._csvfiles import inert_cell, write_csv
from ..errors import InputError
from ._reconcile import Decision, qid_of

__all__ = ["REVIEW_COLUMNS", "ReviewedLink", "write_review", "read_review", "read_rejections"]

REVIEW_COLUMNS = ["entity", "label", "kind", "rank", "qid", "wikidata_label", "description",
                  "score", "reasons", "accept"]
_YES = {"yes", "y", "x", "1", "true", "accept", "ok"}
_NO = {"", "no", "n", "0", "false", "reject", "-"}
_REJECTED = _NO - {""}  # said explicitly: remembered, unlike a row left empty


@dataclass(frozen=True)
class ReviewedLink:
    """A link a person accepted in the review file."""

    entity: URIRef
    qid: str
    score: float
    line: int





def write_review(path: str | Path, decisions: Iterable[Decision]) -> int:
    """Write the candidates of every decision in ``review`` state; returns the number of
    entities written. The file is replaced atomically.

    Raises:
        InputError: the file cannot be written.
    """
    path = Path(path)
    entities = 0
    rows = []
    for d in decisions:
        if d.status != "review":
            continue
        entities += 1
        for rank, c in enumerate(d.candidates, start=1):
            rows.append({"entity": str(d.entity.iri), "label": inert_cell(d.entity.label), "kind": d.entity.kind,
                         "rank": rank, "qid": c.qid, "wikidata_label": inert_cell(c.label),
                         "description": inert_cell(c.description), "score": f"{c.score:.4f}",
                         "reasons": "+".join(c.reasons), "accept": ""})
    write_csv(path, REVIEW_COLUMNS, rows, what="review file")
    return entities


def read_review(path: str | Path) -> list[ReviewedLink]:
    """The accepted rows of an edited review file.

    Raises:
        InputError: the file is missing, lacks the ``entity``/``qid``/``accept`` columns,
            has an ``accept`` value that is neither yes nor no, a bad QID, or two accepted
            rows for one entity (the message names the file and line).
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = {"entity", "qid", "accept"} - set(reader.fieldnames or [])
            if missing:
                raise InputError(f"not a review file: missing columns {', '.join(sorted(missing))}", source=path)
            rows = list(reader)
    except OSError as exc:
        raise InputError(f"cannot read the review file: {exc.strerror or exc}", source=path) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"not a CSV review file: {exc}", source=path) from None
    out: dict[URIRef, ReviewedLink] = {}
    for line, row in enumerate(rows, start=2):
        accept = (row.get("accept") or "").strip().lower()
        if accept in _NO:
            continue
        if accept not in _YES:
            raise InputError(f"line {line}: accept must be yes or empty, not {row['accept']!r}", source=path)
        entity = (row.get("entity") or "").strip()
        qid = qid_of((row.get("qid") or "").strip())
        if not entity.startswith(("http://", "https://")):
            raise InputError(f"line {line}: entity {entity!r} is not an IRI", source=path)
        if qid is None:
            raise InputError(f"line {line}: {row.get('qid')!r} is not a Wikidata item ID (Q123)", source=path)
        iri = URIRef(entity)
        if iri in out:
            raise InputError(f"line {line}: a second accepted candidate for {entity} "
                             f"(line {out[iri].line} is accepted already)", source=path)
        try:
            score = float(row.get("score") or 1.0)
        except ValueError:
            raise InputError(f"line {line}: score {row.get('score')!r} is not a number", source=path) from None
        out[iri] = ReviewedLink(iri, qid, score, line)
    return list(out.values())


def read_rejections(path: str | Path) -> list[tuple[URIRef, str]]:
    """(entity, QID) of the rows a person marked ``no`` in an edited review file: candidates
    to remember as rejected (a row left empty is no decision).

    Raises:
        InputError: the file cannot be read (see :func:`read_review`).
    """
    read_review(path)  # the same checks, the same messages
    with Path(path).open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        qid = qid_of((row.get("qid") or "").strip())
        entity = (row.get("entity") or "").strip()
        if (row.get("accept") or "").strip().lower() in _REJECTED and qid and entity:
            out.append((URIRef(entity), qid))
    return out
