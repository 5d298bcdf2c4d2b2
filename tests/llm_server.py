"""A small OpenAI-compatible chat completions server on 127.0.0.1 for the tests of the
llm and hybrid extractors: it answers from a fixture file (``tests/data/llm/*.json``), one
response after another (the last one repeats), and records every request it gets.

A response may carry ``"when": "some words"``: then the server answers each request with
the first such response whose words are in the text it was sent (an empty list of facts
when none is), whatever the order requests come in: canned answers for every chunk of a
release. ``"trickle": seconds`` sends the body one byte at a time, that long apart."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "data" / "llm"


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {"id": "chatcmpl-test", "object": "chat.completion", "model": "test-model",
            "choices": [{"index": 0, "finish_reason": finish_reason,
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}


class ChatServer:
    """``with ChatServer("correct") as server: server.base_url`` -> ``http://127.0.0.1:PORT/v1``."""

    def __init__(self, fixture: str | list[dict[str, Any]] = "correct") -> None:
        self.requests: list[dict[str, Any]] = []
        self.in_flight = 0
        self.most_in_flight = 0  # the most requests it was answering at once
        self.headers: list[dict[str, str]] = []
        self.load(fixture)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server hook
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with server.lock:
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                    server.requests.append(body)
                    server.headers.append(dict(self.headers.items()))
                    n = len(server.requests) - 1
                    spec = server.pick(body, n)
                if self.path != "/v1/chat/completions":
                    spec = {"status": 404, "body": {"error": {"message": "no such path"}}}
                time.sleep(float(spec.get("delay", 0)))
                with server.lock:
                    server.in_flight -= 1
                status = int(spec.get("status", 200))
                if "raw" in spec:
                    payload = completion(spec["raw"], spec.get("finish_reason", "stop"))
                elif "content" in spec:
                    payload = completion(json.dumps(spec["content"]), spec.get("finish_reason", "stop"))
                else:
                    payload = spec.get("body", {})
                data = json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(status)
                    for k, v in spec.get("headers", {}).items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    if spec.get("trickle"):
                        for i in range(len(data)):
                            self.wfile.write(data[i:i + 1])
                            self.wfile.flush()
                            time.sleep(float(spec["trickle"]))
                    else:
                        self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError, OSError):
                    pass  # the client gave up (a timeout test)

        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def load(self, fixture: str | list[dict[str, Any]]) -> None:
        """Answer from another fixture file (or a list of responses) from now on."""
        if isinstance(fixture, str):
            fixture = json.loads((FIXTURES / f"{fixture}.json").read_text(encoding="utf-8"))["responses"]
        self.responses = list(fixture)

    def pick(self, body: dict[str, Any], n: int) -> dict[str, Any]:
        """The response to the ``n``-th request, whose JSON body is ``body``."""
        canned = [r for r in self.responses if "when" in r]
        if not canned:
            return self.responses[min(n, len(self.responses) - 1)]
        sent = " ".join(str(m.get("content", "")) for m in body.get("messages", [])
                        if m.get("role") == "user")
        return next((r for r in canned if r["when"] in sent), {"content": {"facts": []}})

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> ChatServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
