"""The kgraph error hierarchy.

One base, :class:`KGraphError`; subclasses are grouped by what the caller does next,
and each carries the exit code the CLI maps it to:

* :class:`InputError` (exit 2): fix the input (a file, a query, a parameter, an option).
* :class:`FindingsError` (exit 1): the run worked but found problems (validation
  violations, releases that failed to load).
* :class:`ServiceUnavailable` (exit 3): an external service (remote store, Wikidata)
  could not be reached or kept failing; try again later.
* :class:`StoreError` (exit 2): the store cannot be used as asked (locked, read-only,
  wrong URL).
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "KGraphError",
    "InputError",
    "ReleaseError",
    "QueryError",
    "ParameterError",
    "RDFSyntaxError",
    "ConfigError",
    "ExtractorError",
    "FindingsError",
    "ValidationFailed",
    "StoreError",
    "StoreLocked",
    "ServiceUnavailable",
    "QueryTimeout",
    "EXIT_OK",
    "EXIT_FINDINGS",
    "EXIT_USAGE",
    "EXIT_UNAVAILABLE",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNAVAILABLE = 3


class KGraphError(Exception):
    """Base of every error kgraph raises on purpose."""

    exit_code: int = EXIT_USAGE

    def __init__(self, message: str, *, source: str | Path | None = None) -> None:
        self.message = message
        self.source = str(source) if source is not None else None
        super().__init__(f"{self.source}: {message}" if self.source else message)


class InputError(KGraphError):
    """Bad input from the user: fix it and run again."""


class ReleaseError(InputError):
    """A release file cannot be read or extracted (empty, binary, too large...)."""


class QueryError(InputError):
    """A SPARQL query is malformed, unknown or refused."""

    def __init__(
        self,
        message: str,
        *,
        source: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        suggestions: list[str] | None = None,
    ) -> None:
        self.line = line
        self.column = column
        self.suggestions = suggestions or []
        if line is not None:
            message = f"line {line}" + (f", column {column}" if column is not None else "") + f": {message}"
        if self.suggestions:
            message += f" (did you mean: {', '.join(self.suggestions)}?)"
        super().__init__(message, source=source)


class ParameterError(QueryError):
    """A query parameter is missing, unknown or of the wrong type."""


class RDFSyntaxError(InputError):
    """An RDF file does not parse."""


class ConfigError(InputError):
    """A setting (option or KGRAPH_* variable) has a bad value."""


class ExtractorError(ConfigError):
    """An extractor name is unknown, or its plugin cannot be loaded or is not an extractor.

    ``known`` lists the names that can be used (built-ins and ``kgraph.extractors`` entry
    points), so the message can say what to pick instead.
    """

    def __init__(self, message: str, *, known: list[str] | None = None,
                 source: str | Path | None = None) -> None:
        self.known = sorted(known or [])
        if self.known:
            message += f" (known extractors: {', '.join(self.known)})"
        super().__init__(message, source=source)


class FindingsError(KGraphError):
    """The run finished but found problems worth a non-zero exit."""

    exit_code = EXIT_FINDINGS


class ValidationFailed(FindingsError):
    """SHACL validation reported violations."""

    def __init__(self, message: str, *, report: str = "", source: str | Path | None = None) -> None:
        self.report = report
        super().__init__(message, source=source)


class StoreError(KGraphError):
    """The store cannot be opened or used as asked."""


class StoreLocked(StoreError):
    """The embedded store is held by another process."""


class ServiceUnavailable(KGraphError):
    """An external service (remote SPARQL endpoint, Wikidata) is unreachable or failing."""

    exit_code = EXIT_UNAVAILABLE


class QueryTimeout(KGraphError):
    """A query ran longer than its timeout and was stopped."""

    exit_code = EXIT_FINDINGS
