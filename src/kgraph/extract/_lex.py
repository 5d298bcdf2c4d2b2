"""Lexical building blocks shared by the extraction modules."""

from __future__ import annotations

_SP = r"[ \u00a0\t]"  # a space inside a line (the no-break space included)
