"""How the server behaves: :class:`ServeOptions`, the only thing :func:`create_app` reads."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from ..errors import ConfigError

__all__ = ["ServeOptions", "generate_token", "MAX_BODY_BYTES", "DEFAULT_ROW_LIMIT"]

MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted (413 beyond); a SPARQL query is far smaller."""

DEFAULT_ROW_LIMIT = 10_000
"""Most rows a SELECT returns over HTTP; more are cut and ``X-KGraph-Truncated`` says so."""


@dataclass(frozen=True)
class ServeOptions:
    """How the server behaves; :func:`create_app` reads nothing else.

    ``token`` is the bearer token updates need; it is only consulted when
    ``allow_update`` is true. ``cors_origins`` lists the origins allowed to call the
    endpoint from a browser (``*`` for any); empty means no CORS headers.
    """

    timeout: float = 30.0
    row_limit: int = DEFAULT_ROW_LIMIT
    allow_update: bool = False
    token: str | None = None
    cors_origins: tuple[str, ...] = ()
    max_body_bytes: int = MAX_BODY_BYTES
    threads: int = 16

    def __post_init__(self) -> None:
        """Raises:
            ConfigError: a value out of range, or ``allow_update`` without a token.
        """
        if self.allow_update and not self.token:
            raise ConfigError("updates need a token: set KGRAPH_SERVE_TOKEN (or let kgraph serve generate one)")
        if not self.timeout > 0:
            raise ConfigError(f"the timeout must be a positive number of seconds, not {self.timeout}")
        if self.row_limit < 1:
            raise ConfigError(f"the row limit must be at least 1, not {self.row_limit}")
        if self.max_body_bytes < 1 or self.threads < 1:
            raise ConfigError("the body limit and the thread count must be positive")


def generate_token() -> str:
    """A fresh random bearer token (32 bytes, URL-safe)."""
    return secrets.token_urlsafe(32)
