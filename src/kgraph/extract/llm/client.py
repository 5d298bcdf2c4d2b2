"""Talking to an OpenAI-compatible chat completions endpoint, with retries and a cache.

Only the standard library is used (``http.client``): one POST to ``{base_url}/chat/completions``
per chunk of text. Answers are kept on disk, keyed by the chunk's text, the model and the
hash of the prompt and schema, so that a rebuild asks nothing of the network; ``offline``
reads the cache only. The API key goes into the ``Authorization`` header and nowhere else:
not into messages, errors, logs, cache entries or the extractor's configuration.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import socket
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..._http import retry_after
from ...config import USER_AGENT
from ...errors import ConfigError, ServiceUnavailable

__all__ = ["ChatClient", "Answer", "ResponseCache", "cache_key", "public_url"]


def public_url(url: str) -> str:
    """``url`` without user, password, query or fragment (they may carry a secret): what
    messages and the extractor's configuration show."""
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


@dataclass(frozen=True)
class Answer:
    """What the model said about one chunk: the message content as sent, why it stopped
    and the tokens it cost."""

    content: str
    finish_reason: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def as_json(self) -> dict[str, Any]:
        return {"content": self.content, "finish_reason": self.finish_reason,
                "prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens}


def cache_key(text: str, model: str, setup_hash: str) -> str:
    """The cache key of one request: SHA-256 over the chunk's text hash, the model name and
    the hash of the prompt and schema."""
    text_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return hashlib.sha256(f"{text_hash}\0{model}\0{setup_hash}".encode()).hexdigest()


class ResponseCache:
    """Answers on disk, one JSON file per key (``ab/abcdef....json``), written atomically."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Answer | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return Answer(str(data["content"]), data.get("finish_reason"),
                          int(data.get("prompt_tokens") or 0),
                          int(data.get("completion_tokens") or 0), cached=True)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry is asked again

    def put(self, key: str, answer: Answer) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(answer.as_json(), out, ensure_ascii=False, sort_keys=True)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written costs a request next time, nothing more


class _Retry(Exception):
    def __init__(self, why: str, wait: float | None = None) -> None:
        super().__init__(why)
        self.why = why
        self.wait = wait


class ChatClient:
    """POSTs chat completions and retries what is worth retrying.

    429 (waiting what ``Retry-After`` asks, at most :attr:`max_retry_after` seconds), 5xx,
    time-outs (an attempt not complete within :attr:`timeout` seconds of wall-clock time,
    however the server paces its bytes) and refused connections are tried again, :attr:`retries` times with
    exponential back-off from :attr:`backoff` seconds (at most :attr:`max_backoff`); then,
    or at once for other 4xx answers, :class:`~kgraph.errors.ServiceUnavailable` (exit 3).
    The retry knobs are class attributes so tests can set them to zero.
    """

    retries = 4
    backoff = 1.0
    max_backoff = 30.0
    max_retry_after = 120.0

    def __init__(self, base_url: str, model: str, *, api_key: str = "", timeout: float = 60.0,
                 max_tokens: int = 4096) -> None:
        if not base_url:
            raise ConfigError("KGRAPH_LLM_BASE_URL is not set: the address of an OpenAI-compatible "
                              "API, e.g. http://localhost:11434/v1 (or build --offline from the cache)")
        if not base_url.startswith(("http://", "https://")):
            raise ConfigError(f"KGRAPH_LLM_BASE_URL={public_url(base_url)!r} is not an http(s) URL")
        self._url = base_url.rstrip("/") + "/chat/completions"
        self.url = public_url(self._url)  # what messages show
        self.model = model
        self._key = api_key
        self.timeout = timeout
        self.max_tokens = max_tokens
        self.waits: list[float] = []  # seconds slept between attempts (for the report)
        self.requests = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never the key
        return f"ChatClient(url={self.url!r}, model={self.model!r})"

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.waits.append(seconds)
        if seconds > 0:
            time.sleep(seconds)

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Answer:
        """The model's answer to ``messages``, constrained by ``schema``, temperature 0."""
        body = json.dumps({
            "model": self.model, "messages": messages, "temperature": 0,
            "max_tokens": self.max_tokens,
            "response_format": {"type": "json_schema", "json_schema": {
                "name": "kgraph_facts", "strict": True, "schema": schema}},
        }).encode("utf-8")
        last = ""
        for attempt in range(self.retries + 1):
            try:
                return self._post(body)
            except _Retry as exc:
                last = exc.why
                if attempt == self.retries:
                    break
                wait = min(self.backoff * 2 ** attempt, self.max_backoff)
                if exc.wait is not None:
                    wait = min(max(exc.wait, wait if self.backoff else 0.0), self.max_retry_after)
                self.sleep(wait)
        raise ServiceUnavailable(f"the language model at {self.url} kept failing ({last}) after "
                                 f"{self.retries + 1} attempt(s); nothing was loaded")

    def _post(self, body: bytes) -> Answer:
        """One attempt, all of it (connecting, sending, the headers and the whole body)
        within :attr:`timeout` seconds of wall-clock time.

        A socket timeout alone bounds each read, so a server that trickles a byte now and
        then could hold a request for ever; a timer shuts the socket down at the deadline,
        which ends whatever read is under way.
        """
        headers = {"Content-Type": "application/json", "Accept": "application/json",
                   "User-Agent": USER_AGENT}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        parts = urllib.parse.urlsplit(self._url)
        connection_class = (http.client.HTTPSConnection if parts.scheme == "https"
                            else http.client.HTTPConnection)
        deadline = time.monotonic() + self.timeout
        conn = connection_class(parts.hostname or "", parts.port, timeout=self.timeout)
        expired = threading.Event()
        # The socket as connected: the connection lets go of it once the headers say the
        # server will close, but the response still reads from it.
        sockets: list[socket.socket] = []

        def cut() -> None:
            expired.set()
            for sock in sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        timer = threading.Timer(self.timeout, cut)
        timer.daemon = True
        with self._lock:
            self.requests += 1
        timeout = _Retry(f"no complete answer within {self.timeout:g} s")
        timer.start()
        try:
            conn.connect()
            if conn.sock is not None:
                sockets.append(conn.sock)
            if expired.is_set() or time.monotonic() >= deadline:
                raise timeout
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            raw = response.read()
            status = response.status
            retry_header = response.getheader("Retry-After")
        except _Retry:
            raise
        except (TimeoutError, OSError, http.client.HTTPException) as exc:
            if expired.is_set() or isinstance(exc, TimeoutError):
                raise timeout from None
            if isinstance(exc, ConnectionRefusedError):
                raise _Retry("cannot connect: connection refused") from None
            raise _Retry(f"connection failed: {type(exc).__name__}") from None
        finally:
            timer.cancel()
            conn.close()
        if expired.is_set():
            raise timeout  # the body was cut off at the deadline
        if status == 429:
            raise _Retry("HTTP 429 too many requests", retry_after(retry_header))
        if status >= 500:
            raise _Retry(f"HTTP {status}")
        if 300 <= status < 400:  # never followed: the body would go where nobody said
            raise ServiceUnavailable(f"the language model at {self.url} answered HTTP {status} "
                                     "(a redirect): set KGRAPH_LLM_BASE_URL to the final address")
        if status >= 400:
            hint = " (check KGRAPH_LLM_API_KEY)" if status in (401, 403) else ""
            raise ServiceUnavailable(f"the language model at {self.url} refused the request: "
                                     f"HTTP {status}{hint}")
        return _answer(raw, self.url)


def _answer(raw: bytes, url: str) -> Answer:
    """The first choice of a chat completion. An envelope that is not a chat completion is
    a service failure; the message content itself is judged later, against the schema."""
    try:
        data = json.loads(raw.decode("utf-8"))
        choice = data["choices"][0]
        content = choice["message"]["content"]
        usage = data.get("usage") or {}
        return Answer(content if isinstance(content, str) else "", choice.get("finish_reason"),
                      int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0))
    except (UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise _Retry("the answer is not a chat completion") from None
