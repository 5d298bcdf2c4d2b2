"""Small HTTP helpers shared by the clients of external services (the Wikidata linker, the
language-model extractor), which sit in layers that must not import each other."""

from __future__ import annotations

import datetime as dt
import email.utils

__all__ = ["retry_after"]


def retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date; a date
    in the past is 0), or None when it is absent or unreadable.

    >>> retry_after("7")
    7.0
    >>> retry_after("Thu, 01 Jan 1970 00:00:00 GMT")
    0.0
    >>> retry_after("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
