"""Who may do what: the bearer token for updates, and what a read-only endpoint refuses
whoever asks (SERVICE and LOAD always; an update sent as a query)."""

from __future__ import annotations

import hmac

from starlette.requests import Request

from ..store._sparql import FederationRefused, check_federation, query_form
from ._errors import Refused
from ._options import ServeOptions

__all__ = ["check_operation", "check_update_allowed"]


def check_operation(text: str, *, update: bool) -> None:
    """Refuse SERVICE and LOAD always, and updates sent as queries.

    Raises:
        Refused: 403 with the reason (400 when the text mentions SERVICE or LOAD but
            cannot be parsed to decide).
        QueryError: the text has no query form at all.
    """
    try:
        check_federation(text, allow_federation=False)
    except FederationRefused as exc:
        if not exc.checked:
            raise Refused(400, f"{exc.message}; this endpoint never fetches remote data") from None
        where = f" (line {exc.line}, column {exc.column})" if exc.line is not None else ""
        raise Refused(
            403,
            f"{exc.keyword} is refused{where}: this endpoint never fetches remote data or calls other endpoints",
        ) from None
    if not update and query_form(text) == "UPDATE":
        raise Refused(
            403,
            "this is a SPARQL update sent as a query; the endpoint is read-only "
            "(updates go in the update= parameter and need --allow-update and a token)",
        )


def check_update_allowed(options: ServeOptions, request: Request) -> None:
    """Updates need ``allow_update`` and the bearer token (compared in constant time).

    Raises:
        Refused: 403 when updates are off, 401 without the right token.
    """
    if not options.allow_update:
        raise Refused(403, "updates are disabled: this endpoint is read-only (start the server with --allow-update)")
    token = options.token
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if not token or scheme.lower() != "bearer" or not given:
        raise Refused(401, "updates need a bearer token (Authorization: Bearer TOKEN)",
                      {"WWW-Authenticate": 'Bearer realm="kgraph"'})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise Refused(401, "wrong bearer token", {"WWW-Authenticate": 'Bearer realm="kgraph", error="invalid_token"'})
