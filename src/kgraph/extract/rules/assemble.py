"""Assembly: the order the components run in over one release and the extraction they give
(every fact stamped with the rule of the stage that made it, sorted by position).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...model import Document, Extraction, Mention
from ..base import rule_id, stamp_rule
from .discourse import _collect_surnames
from .document import _document_info
from .drivers import _find_drivers
from .events import _find_conference, _find_event, _find_fair_editions
from .figures import _find_observations
from .links import _find_relations
from .markets import _find_markets
from .names import _gazetteer_spans
from .orgs import _find_organisations
from .people import _find_people
from .priorities import _find_priorities
from .quotes import _find_quotations
from .sectors import _find_segments
from .segment import _sentences, detect_language
from .state import _Mentions, _Segmentation, _State

__all__ = ["extract", "detect_language"]


def _add_entities(st: _State) -> None:
    st.relations.facts.extend(st.mentions.orgs.values())
    st.relations.facts.extend(st.mentions.people.values())
    st.relations.facts.extend(st.relations.memberships)


def _stamp(st: _State, stage: Any) -> None:
    # Every fact records the stage that made it (``_find_people`` -> "people"); a finer rule
    # id set where the fact is made ("people.role-apposition") is kept.
    stamp_rule([st.docinfo.info, *st.relations.facts, *st.mentions.orgs.values(), *st.mentions.people.values(), *st.relations.memberships],
               rule_id(stage))


def extract(document: Document) -> Extraction:
    """Read every fact of one release.

    The language is detected from the text (English or Italian) and written back to
    ``document.language``. A release with no recognisable facts gives an extraction with only
    its :class:`~kgraph.model.DocumentInfo` and a warning. Never raises on odd text: input
    checks (empty, binary, too large) belong to the reader.
    """
    text = document.text
    lang = detect_language(text)
    document.language = lang
    st = _State(doc=document, text=text, lang=lang, mentions=_Mentions(ents=_gazetteer_spans(text, lang)),
                segmentation=_Segmentation(sentences=_sentences(text)))
    _find_organisations(st)
    _stamp(st, _find_organisations)
    _document_info(st)
    _stamp(st, _document_info)
    assert st.docinfo.info is not None
    stages = [_find_segments, _collect_surnames, _find_people, _add_entities, _find_relations,
              _find_event, _find_fair_editions, _find_conference, _find_observations, _find_markets,
              _find_priorities, _find_drivers, _find_quotations]
    for stage in stages:
        try:
            stage(st)
        except Exception as exc:  # noqa: BLE001 - one odd sentence must not lose the whole release
            st.warnings.append(f"{document.path or document.slug}: {stage.__name__.strip('_')} "
                               f"skipped after an internal error: {exc!r}")
        _stamp(st, stage)
    st.relations.facts.sort(key=lambda f: f.evidence.start)
    warnings = list(st.warnings)
    if not st.relations.facts:
        warnings.append(f"{document.path or document.slug}: no recognisable facts; only the document is recorded")
    return Extraction(document=document, info=st.docinfo.info, facts=st.relations.facts, warnings=warnings)


def _iter_mentions(ex: Extraction) -> Iterator[Mention]:
    yield ex.info.evidence
    yield from ex.info.date_evidence
    for f in ex.facts:
        yield f.evidence
