"""Text -> facts: rule-based extraction from English and Italian press releases.

Everything works on the text exactly as stored: spaCy's tokenizer and PhraseMatcher find
gazetteer names (token offsets are character offsets into the same string), regular
expressions find the language patterns (roles, figures, periods, cue phrases) and dateparser
reads dates. No copy of the text is normalised, so every :class:`~kgraph.model.Mention`
slices the document exactly.

Pipelines, matchers and compiled patterns are built once per process (module-level caches):
extraction of a release is a few milliseconds.

The extractor is a package of components over one document model (:mod:`.state`); a module
imports only those below it:

- :mod:`.state`: the document model (spans, the extraction state) and the span-overlap helpers
- :mod:`.segment`: language, sentences, clauses
- :mod:`.lexicon`: word lists of the data files as regular expressions, cue lexicons
- :mod:`.names`: gazetteer mentions, the shapes of names, the vocabulary of roles
- :mod:`.orgs`, :mod:`.document`, :mod:`.sectors`: organisations, the dateline and publisher,
  sectors and segments
- :mod:`.discourse`: surnames and nicknames across sentences, the organisation a release is about
- :mod:`.people`, :mod:`.indicators` / :mod:`.frames` / :mod:`.figures`, :mod:`.markets`,
  :mod:`.statements`, :mod:`.links`, :mod:`.events`, :mod:`.quotes`: the relations
- :mod:`.assemble`: the pipeline order, :func:`extract`
"""

from __future__ import annotations

from .assemble import extract
from .segment import detect_language

__all__ = ["extract", "detect_language"]
