"""Small pieces for drawing SVG on the server: escaping, numbers for readers, axis ticks,
period ordering.

Every string that comes from the graph goes through :func:`esc` (text and attribute
values alike), so a label holding markup is drawn as the characters it is. Charts carry no
script: the tooltips are SVG ``<title>`` elements and the links plain ``<a href>``.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

__all__ = [
    "Href",
    "esc",
    "format_number",
    "format_value",
    "nice_ticks",
    "period_key",
    "to_float",
    "truncate",
]

Href = Callable[[str], "str | None"]
"""Turns an IRI into a link target (a local path on the server, the IRI in files), or
None when the IRI must not become a link."""

MINUS = "\u2212"


def esc(value: object) -> str:
    """Text safe inside an SVG/HTML element or a double-quoted attribute."""
    return html.escape(str(value), quote=True)


def to_float(value: object) -> float | None:
    """The number a literal holds, or None when it holds none (NaN and infinities too)."""
    try:
        number = float(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_number(x: float, *, decimals: int = 2) -> str:
    """``12,345.6``: thousands separated, at most ``decimals`` decimals, no trailing zeros,
    a true minus sign."""
    text = f"{abs(x):,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("", "0"):
        return "0"
    return (MINUS if x < 0 else "") + text


def _scaled(x: float) -> str:
    """Large amounts in words a reader scans: ``575 m``, ``13.1 bn``."""
    a = abs(x)
    if a >= 1e9:
        return f"{format_number(x / 1e9)} bn"
    if a >= 1e6:
        return f"{format_number(x / 1e6)} m"
    return format_number(x)


_UNIT_SUFFIX = {"sqm": " m\u00b2", "months": " months", "pairs": " pairs"}


def format_value(value: object, unit: str | None = None, *, signed: bool = False) -> str:
    """A figure as a reader wants it: ``€575 m``, ``−12%``, ``+3.5%``, ``1,234``,
    ``120,000 m²``. A value that is no number is returned as it is."""
    x = to_float(value)
    if x is None:
        return str(value)
    sign = "+" if signed and x > 0 else ""
    if unit == "EUR":
        return f"{MINUS if x < 0 else sign}\u20ac{_scaled(abs(x))}"
    if unit == "USD":
        return f"{MINUS if x < 0 else sign}${_scaled(abs(x))}"
    if unit == "percent":
        return f"{sign}{format_number(x)}%"
    if unit == "rank":
        return f"#{format_number(x, decimals=0)}"
    if unit in ("count", "index", None, ""):
        return sign + (_scaled(x) if abs(x) >= 1e7 else format_number(x))
    if unit in _UNIT_SUFFIX:
        return sign + _scaled(x) + _UNIT_SUFFIX[unit]
    return f"{sign}{_scaled(x)} {unit}"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round axis ticks covering ``lo``..``hi`` (steps of 1, 2 or 5 times a power of ten)."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(1, count)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t < hi + step * 0.999:
        ticks.append(round(t, 10))
        t += step
    return ticks


_PERIOD = re.compile(r"(\d{4})(?:-(Q|H|W)?(\d{1,2}))?")


def period_key(period: str | None) -> tuple[int, int, int, str]:
    """Chronological order for period notations (``2024``, ``2024-Q3``, ``2023-H1``,
    ``2024-03``, ``2023-01/2023-08``): by start, then the shorter period first."""
    if not period:
        return (9999, 99, 0, "")
    m = _PERIOD.match(period)
    if m is None:
        return (9999, 99, 0, period)
    year = int(m.group(1))
    kind, num = m.group(2), m.group(3)
    if num is None:
        month, span = 1, 12
    elif kind == "Q":
        month, span = (int(num) - 1) * 3 + 1, 3
    elif kind == "H":
        month, span = (int(num) - 1) * 6 + 1, 6
    elif kind == "W":
        month, span = 1 + (int(num) - 1) * 12 // 53, 0
    else:
        month, span = int(num), 1
    if "/" in period:
        span = 12 + span  # a range sorts after the single period that starts with it
    return (year, month, span, period)


def truncate(text: str, limit: int) -> str:
    """At most ``limit`` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "\u2026"
