"""The one table from exceptions to HTTP answers, used by every handler.

A handler lets an error raise (or catches it to choose the page it renders); the status,
the extra headers and the one-line message come from :data:`ERROR_STATUS` either way, so
an error means the same status on the endpoint, the named queries, the views, the network
page and the entity pages.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import PlainTextResponse

from .._sparql_results import NotAcceptable
from ..errors import KGraphError, QueryError, QueryTimeout, ServiceUnavailable

__all__ = ["Refused", "ERROR_STATUS", "handled", "answer_of", "text"]


class Refused(Exception):
    """A request the server will not serve: HTTP ``status`` with one line of reason."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


ERROR_STATUS: tuple[tuple[type[Exception], int, Mapping[str, str]], ...] = (
    (NotAcceptable, 406, {}),
    (QueryTimeout, 503, {"Retry-After": "1"}),
    (ServiceUnavailable, 502, {}),
    (QueryError, 400, {}),  # malformed SPARQL, a bad parameter, SERVICE/LOAD unchecked
    (KGraphError, 400, {}),  # any other refusal of the input
)
"""Exception class -> (status, headers), first match wins (subclasses first). A
:class:`Refused` carries its own status and headers."""

handled: tuple[type[Exception], ...] = (Refused, *(cls for cls, _, _ in ERROR_STATUS))
"""The exceptions a handler answers; anything else is a server fault (500)."""


def answer_of(exc: Exception) -> tuple[int, str, dict[str, str]]:
    """``(status, message, headers)`` for an exception of :data:`handled`."""
    if isinstance(exc, Refused):
        return exc.status, exc.message, dict(exc.headers)
    for cls, status, headers in ERROR_STATUS:
        if isinstance(exc, cls):
            return status, str(exc), dict(headers)
    raise TypeError(f"no HTTP status for {type(exc).__name__}") from exc


def text(status: int, message: str, headers: Mapping[str, str] | None = None) -> PlainTextResponse:
    """A one-line plain-text answer."""
    return PlainTextResponse(message + "\n", status_code=status,
                             headers={"X-Content-Type-Options": "nosniff", **(headers or {})})
