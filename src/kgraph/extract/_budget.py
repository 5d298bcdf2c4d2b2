"""A time budget per release: extraction runs in a forked worker process that is stopped
when one release takes longer than the budget.

Extraction is meant to run in time near-linear in the text, but one pathological input
(thousands of repeated quote marks, a page of parentheses) must not hold a build for
minutes: a regular expression running in C cannot be interrupted by a signal, so the only
sure way to stop it is to stop the process. One worker serves every release of a build
(forking once, not once per release) and is forked again only after it was stopped.
Where ``os.fork`` does not exist, extraction runs in-process without a budget.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
from multiprocessing.connection import Connection
from typing import Any

from ..errors import KGraphError, ReleaseError
from ..model import Document, Extraction
from .base import Extractor

__all__ = ["BudgetedExtractor"]

# Short texts in each language, ending with their language code, that touch every stage.
_WARM_UP = (
    "Milan, 3 March 2025 – Mario Rossi, President of Acimit, said exports rose 5% to "
    "EUR 2 billion in 2024 (en)",
    "Milano, 3 marzo 2025 – Mario Rossi, presidente di Acimit, ha detto che l'export è "
    "cresciuto del 5% a 2 miliardi di euro nel 2024 (it)",
)


def _serve(conn: Connection, extractor: Extractor) -> None:
    while True:
        try:
            document = conn.recv()
        except EOFError:
            return
        if document is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", extractor.extract(document))
        except KGraphError as exc:
            reply = ("kgraph", (type(exc).__name__, exc.message))
        except Exception as exc:  # a bug in extraction must not stop the other releases
            reply = ("bug", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send(("bug", f"the extraction could not be passed back: {exc}"))


class BudgetedExtractor:
    """``extract(document)`` through a worker process, within ``budget`` seconds.

    Raises (from :meth:`extract`):
        ReleaseError: the release took longer than the budget (the worker is stopped),
            or extraction failed with an unexpected error.
        KGraphError: what the extractor itself raised, as a ReleaseError with its message.
    """

    def __init__(self, extractor: Extractor, budget: float | None) -> None:
        self.extractor = extractor
        self.budget = budget if budget and budget > 0 else None
        self._proc: Any = None
        self._conn: Connection | None = None
        self._warm = False

    def __enter__(self) -> BudgetedExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _warm_up(self) -> None:
        """Load what extraction loads lazily (tokenizers, gazetteers, patterns) in this
        process once, so every worker forked from it starts warm and the budget counts
        the release's own time."""
        if not self._warm:
            self._warm = True
            for text in _WARM_UP:
                self._in_process(Document("warm-up", "warm-up", text, language=text[-3:-1]))

    def _start(self) -> Connection:
        if self._conn is None:
            self._warm_up()
            ctx = mp.get_context("fork")
            parent, child = ctx.Pipe()
            self._proc = ctx.Process(target=_serve, args=(child, self.extractor), daemon=True)
            self._proc.start()
            child.close()
            self._conn = parent
        return self._conn

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._proc, self._conn = None, None

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.send(None)
            except OSError:
                pass
            if self._proc is not None:
                self._proc.join(timeout=1)
        self._stop()

    def extract(self, document: Document) -> Extraction:
        if self.budget is None or not hasattr(os, "fork"):
            return self._in_process(document)
        conn = self._start()
        try:
            conn.send(document)
            ready = conn.poll(self.budget)
            reply = conn.recv() if ready else None
        except (EOFError, OSError):
            self._stop()
            raise ReleaseError("extraction failed: the worker process ended unexpectedly",
                               source=document.path) from None
        if reply is None:
            self._stop()
            raise ReleaseError(
                f"extraction took longer than {self.budget:g} s and was stopped (the time budget "
                "per release, KGRAPH_EXTRACT_BUDGET)", source=document.path)
        kind, payload = reply
        if kind == "ok":
            return payload
        if kind == "kgraph":
            raise ReleaseError(payload[1], source=document.path)
        raise ReleaseError(f"extraction failed: {payload}", source=document.path)

    def _in_process(self, document: Document) -> Extraction:
        try:
            return self.extractor.extract(document)
        except KGraphError:
            raise
        except Exception as exc:
            raise ReleaseError(f"extraction failed: {type(exc).__name__}: {exc}",
                               source=document.path) from exc
