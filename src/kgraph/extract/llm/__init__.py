"""Language-model extraction: ``--extractor llm`` and ``--extractor hybrid``.

See :mod:`.extractor` for how answers are asked, checked and grounded, :mod:`.schema` for
the JSON Schema answers must follow and :mod:`.client` for the HTTP side (retries, cache).
"""

from __future__ import annotations

from .client import Answer, ChatClient, ResponseCache, cache_key
from .extractor import CHUNK_CHARS, HybridExtractor, LLMExtractor, chunks, system_prompt
from .schema import FACT_KINDS, answer_schema, schema_hash, validate

__all__ = ["LLMExtractor", "HybridExtractor", "ChatClient", "Answer", "ResponseCache",
           "cache_key", "chunks", "CHUNK_CHARS", "system_prompt", "FACT_KINDS", "answer_schema",
           "schema_hash", "validate"]
