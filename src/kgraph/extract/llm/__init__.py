"""Language-model extraction: ``--extractor llm`` and ``--extractor hybrid``.

See :mod:`.extractor` for how answers are asked, checked and grounded, :mod:`.schema` for
the JSON Schema answers must follow and :mod:`.client` for the HTTP side (retries, cache).
"""

from __future__ import annotations

from .client import Answer, ChatClient, ResponseCache, cache_key
from .extractor import (
    CHUNK_CHARS,
    HybridExtractor,
    LLMExtractor,
    as_item,
    chunks,
    merge_into,
    same_fact,
    system_prompt,
)
from .schema import FACT_KINDS, KIND_OF, answer_schema, check_fact, schema_hash, validate

__all__ = ["LLMExtractor", "HybridExtractor", "ChatClient", "Answer", "ResponseCache",
           "cache_key", "chunks", "CHUNK_CHARS", "system_prompt", "FACT_KINDS", "answer_schema",
           "schema_hash", "validate", "KIND_OF", "check_fact", "same_fact", "merge_into", "as_item"]
