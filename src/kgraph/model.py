"""Plain data: documents, mentions and facts, before they become RDF."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Document", "Mention"]


@dataclass(frozen=True)
class Mention:
    """A span of a document's text: ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    """One release as read: its text exactly as stored, which every offset indexes into."""

    slug: str
    path: str
    text: str
    language: str = "en"
