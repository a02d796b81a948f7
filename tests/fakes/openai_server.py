"""A fake OpenAI-compatible server on 127.0.0.1 for tests: the real `openai` client talks to it over HTTP.

Implements POST /v1/chat/completions (plain JSON, and SSE chunks when `stream` is true) and
POST /v1/embeddings (float lists, or base64 float32 when `encoding_format` is "base64").

Scriptable per test: `server.script(...)` queues behaviours for the next chat requests, one each:
  {"status": 429}            an error status (429, 500, 503 ...) with an OpenAI-style error body
  {"hang": 5.0}              wait this long before answering (to trip the client's timeout)
  {"reply": "text"}          answer with this text (streamed in small pieces when asked)
  {"fail_after": "text"}     stream this text, then cut the connection (a failure mid-way)
With the queue empty it answers with `server.default_reply`, a string or a callable(request_json) -> str.
Every request is recorded in `server.requests` as {"path", "json", "headers"}.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeOpenAI:
    def __init__(self, embedding_dim: int = 8):
        self.requests: list[dict] = []
        self.default_reply = "Svar enligt källorna [1]."
        self.embedding_dim = embedding_dim
        self._queue: deque[dict] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- lifecycle --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # releases hanging requests
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- scripting --------------------------------------------------------------------------
    def script(self, *behaviours: dict) -> None:
        with self._lock:
            self._queue.extend(behaviours)

    def chat_requests(self) -> list[dict]:
        return [r["json"] for r in self.requests if r["path"].endswith("/chat/completions")]

    def _next_behaviour(self) -> dict | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None

    def _reply_text(self, body: dict) -> str:
        r = self.default_reply
        return r(body) if callable(r) else r

    def _embedding(self, text: str) -> list[float]:
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        return [(b - 128) / 128.0 for b in digest[: self.embedding_dim]]

    # --- HTTP -------------------------------------------------------------------------------
    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _send_json(self, status: int, obj: dict) -> None:
                data = json.dumps(obj).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                with fake._lock:
                    fake.requests.append({"path": self.path, "json": body, "headers": dict(self.headers)})
                try:
                    if self.path.endswith("/chat/completions"):
                        self._chat(body)
                    elif self.path.endswith("/embeddings"):
                        self._embeddings(body)
                    else:
                        self._send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (its timeout)
                    self.close_connection = True

            def _chat(self, body: dict) -> None:
                behaviour = fake._next_behaviour() or {}
                if "hang" in behaviour:
                    fake._stop.wait(behaviour["hang"])
                status = behaviour.get("status")
                if status:
                    kind = "rate_limit_exceeded" if status == 429 else "server_error"
                    self._send_json(status, {"error": {"message": f"fake {status}", "type": kind, "code": kind}})
                    return
                text = behaviour.get("reply") or behaviour.get("fail_after") or fake._reply_text(body)
                model = body.get("model", "fake-model")
                if body.get("stream"):
                    self._stream(text, model, cut=("fail_after" in behaviour))
                    return
                self._send_json(200, {
                    "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": model,
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": text}}],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                })

            def _stream(self, text: str, model: str, cut: bool) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                if cut:
                    self.send_header("Connection", "close")
                self.end_headers()
                pieces = [text[i : i + 7] for i in range(0, len(text), 7)]

                def chunk(delta: dict, finish: str | None = None) -> bytes:
                    obj = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                           "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                    return f"data: {json.dumps(obj)}\n\n".encode("utf-8")

                self.wfile.write(chunk({"role": "assistant", "content": ""}))
                for p in pieces:
                    self.wfile.write(chunk({"content": p}))
                    self.wfile.flush()
                if cut:
                    self.close_connection = True
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                self.wfile.write(chunk({}, "stop"))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _embeddings(self, body: dict) -> None:
                inputs = body.get("input")
                inputs = [inputs] if isinstance(inputs, str) else list(inputs or [])
                data = []
                for i, text in enumerate(inputs):
                    vec = fake._embedding(str(text))
                    if body.get("encoding_format") == "base64":
                        emb = base64.b64encode(struct.pack(f"<{len(vec)}f", *vec)).decode("ascii")
                    else:
                        emb = vec
                    data.append({"object": "embedding", "index": i, "embedding": emb})
                self._send_json(200, {"object": "list", "data": data, "model": body.get("model", "fake"),
                                      "usage": {"prompt_tokens": 1, "total_tokens": 1}})

        return Handler
