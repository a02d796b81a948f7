"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that slack-sdk's real WebClient talks to.

It keeps a tiny workspace (messages per channel, files, uploads) so that what the bot posts can be read
back the way a person would see it, and records every call. Also serves the file download URLs
(url_private, bot token required), the upload URLs of files.getUploadURLExternal, and response_url posts.

    fake = FakeSlack(); fake.start()
    settings.slack_api_url = fake.api_url
    ...
    fake.wait_for(lambda: fake.calls_to("chat.postMessage"))
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

BOT_TOKEN = "xoxb-kansli-test"
APP_TOKEN = "xapp-kansli-test"  # Socket Mode: apps.connections.open only
BOT_USER_ID = "UKANSLI"
BOT_ID = "BKANSLI"
TEAM_ID = "T0KULTUR"
JSON_FIELDS = ("blocks", "files", "prompts", "chunks", "loading_messages", "view", "metadata")


@dataclass
class Call:
    method: str  # "chat.postMessage", … or "response_url", "upload", "download"
    params: dict
    at: float = field(default_factory=time.monotonic)


@dataclass
class Upload:
    file_id: str
    filename: str
    content: bytes = b""
    channel: str | None = None
    thread_ts: str | None = None
    initial_comment: str | None = None
    title: str | None = None


class FakeSlack:
    def __init__(self):
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict]] = {}  # channel -> messages (people's and the bot's)
        self.files: dict[str, dict] = {}  # file id -> {"info": {...}, "content": bytes}
        self.uploads: dict[str, Upload] = {}
        self._failures: dict[str, list[tuple[int, dict, dict]]] = {}
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self.socket_mode_url: str | None = None  # what apps.connections.open gives (no websocket server here)

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> "FakeSlack":
        fake = self

        class Handler(_Handler):
            pass

        Handler.fake = fake
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-slack").start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.base_url + "/api/"

    def response_url(self, name: str = "r") -> str:
        return f"{self.base_url}/response/{name}"

    # --- setting the scene ----------------------------------------------------------------------

    def next_ts(self) -> str:
        return f"{1700000000 + next(self._ts)}.000100"

    def add_message(self, channel: str, *, user: str, text: str, ts: str | None = None, thread_ts: str | None = None, **extra) -> dict:
        message = {"type": "message", "user": user, "text": text, "ts": ts or self.next_ts(), **extra}
        if thread_ts:
            message["thread_ts"] = thread_ts
        with self._lock:
            self.messages.setdefault(channel, []).append(message)
        return message

    def add_file(self, name: str, content: bytes, *, filetype: str | None = None, size: int | None = None) -> dict:
        file_id = f"F{next(self._ids):06d}"
        info = {
            "id": file_id,
            "name": name,
            "title": name,
            "filetype": filetype or name.rsplit(".", 1)[-1],
            "size": len(content) if size is None else size,
            "url_private": f"{self.base_url}/download/{file_id}/{name}",
            "url_private_download": f"{self.base_url}/download/{file_id}/{name}?download=1",
        }
        self.files[file_id] = {"info": info, "content": content}
        return info

    def fail(self, method: str, *, times: int = 1, status: int = 429, body: dict | None = None, headers: dict | None = None) -> None:
        """The next `times` calls to `method` fail (default: rate limited with Retry-After: 1)."""
        if status == 429 and headers is None:
            headers = {"Retry-After": "1"}
        body = body or {"ok": False, "error": "ratelimited" if status == 429 else "internal_error"}
        self._failures.setdefault(method, []).extend([(status, body, headers or {})] * times)

    # --- reading what happened ------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, condition, timeout: float = 30.0):
        """Wait until condition() is truthy; return its value."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                value = condition()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out waiting; calls so far: {[c.method for c in self.calls]}")
                self._lock.wait(min(left, 0.2))

    def bot_messages(self, channel: str | None = None) -> list[dict]:
        with self._lock:
            return [
                m
                for ch, ms in self.messages.items()
                if channel in (None, ch)
                for m in ms
                if m.get("user") == BOT_USER_ID
            ]

    def thread(self, channel: str, thread_ts: str) -> list[dict]:
        with self._lock:
            return [m for m in self.messages.get(channel, []) if m.get("thread_ts", m["ts"]) == thread_ts]

    # --- the API ---------------------------------------------------------------------------------

    def _record(self, method: str, params: dict) -> None:
        with self._lock:
            self.calls.append(Call(method, params))
            self._lock.notify_all()

    def _failure(self, method: str):
        with self._lock:
            queue = self._failures.get(method)
            return queue.pop(0) if queue else None

    def _post_message(self, channel: str, params: dict, **extra) -> dict:
        message = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "text": params.get("text") or "",
            "blocks": params.get("blocks") or [],
            "ts": self.next_ts(),
            **extra,
        }
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        with self._lock:
            self.messages.setdefault(channel, []).append(message)
        return message

    def _find(self, channel: str, ts: str) -> dict | None:
        for m in self.messages.get(channel, []):
            if m["ts"] == ts:
                return m
        return None

    def api(self, method: str, params: dict) -> tuple[int, dict, dict]:
        failure = self._failure(method)
        if failure:
            return failure
        ok = {"ok": True}
        if method == "auth.test":
            return 200, {**ok, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": TEAM_ID, "user": "kansli", "team": "Kultur", "url": "https://kultur.slack.com/"}, {}
        if method == "chat.postMessage":
            m = self._post_message(params["channel"], params)
            return 200, {**ok, "channel": params["channel"], "ts": m["ts"], "message": m}, {}
        if method == "chat.postEphemeral":
            return 200, {**ok, "message_ts": self.next_ts()}, {}
        if method == "chat.update":
            with self._lock:
                m = self._find(params["channel"], params["ts"])
                if m is None:
                    return 200, {"ok": False, "error": "message_not_found"}, {}
                m.update(text=params.get("text") or "", blocks=params.get("blocks") or [])
            return 200, {**ok, "channel": params["channel"], "ts": params["ts"]}, {}
        if method == "chat.startStream":
            m = self._post_message(params["channel"], {"thread_ts": params.get("thread_ts")}, streaming=True)
            self._stream_text(m, params)
            return 200, {**ok, "channel": params["channel"], "ts": m["ts"]}, {}
        if method in ("chat.appendStream", "chat.stopStream"):
            with self._lock:
                m = self._find(params["channel"], params["ts"])
                if m is None:
                    return 200, {"ok": False, "error": "message_not_found"}, {}
                self._stream_text(m, params)
                if method == "chat.stopStream":
                    m["streaming"] = False
                    m["blocks"] = params.get("blocks") or []
            return 200, {**ok, "channel": params["channel"], "ts": params["ts"]}, {}
        if method == "conversations.replies":
            messages = self.thread(params["channel"], params["ts"])
            return 200, {**ok, "messages": messages, "has_more": False}, {}
        if method == "conversations.open":
            return 200, {**ok, "channel": {"id": "D" + str(params.get("users", "")).lstrip("U")}}, {}
        if method == "files.info":
            f = self.files.get(params.get("file"))
            if f is None:
                return 200, {"ok": False, "error": "file_not_found"}, {}
            return 200, {**ok, "file": f["info"]}, {}
        if method == "files.getUploadURLExternal":
            file_id = f"FUP{next(self._ids):05d}"
            with self._lock:
                self.uploads[file_id] = Upload(file_id=file_id, filename=params.get("filename", ""))
            return 200, {**ok, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}, {}
        if method == "files.completeUploadExternal":
            shared = []
            with self._lock:
                for f in params.get("files") or []:
                    upload = self.uploads.get(f["id"])
                    if upload is None:
                        return 200, {"ok": False, "error": "file_not_found"}, {}
                    upload.channel = params.get("channel_id")
                    upload.thread_ts = params.get("thread_ts")
                    upload.initial_comment = params.get("initial_comment")
                    upload.title = f.get("title")
                    shared.append({"id": upload.file_id, "title": upload.title, "name": upload.filename})
            if params.get("channel_id"):
                self._post_message(
                    params["channel_id"], {"text": params.get("initial_comment") or "", "thread_ts": params.get("thread_ts")},
                    files=shared,
                )
            return 200, {**ok, "files": shared}, {}
        if method == "apps.connections.open":
            return 200, {**ok, "url": self.socket_mode_url}, {}
        if method.startswith("assistant.threads.") or method in ("views.publish", "reactions.add"):
            return 200, ok, {}
        return 200, {"ok": False, "error": "unknown_method"}, {}

    @staticmethod
    def _stream_text(message: dict, params: dict) -> None:
        text = params.get("markdown_text") or ""
        for chunk in params.get("chunks") or []:
            if chunk.get("type") == "markdown_text":
                text += chunk.get("text", "")
        message["text"] = message.get("text", "") + text


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


class _Handler(BaseHTTPRequestHandler):
    fake: FakeSlack
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _reply(self, status: int, body, headers: dict | None = None, content_type: str = "application/json") -> None:
        data = (json.dumps(body) if not isinstance(body, (bytes, str)) else body)
        data = data.encode("utf-8") if isinstance(data, str) else data
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _params(self, raw: bytes, query: str) -> dict:
        params: dict = dict(parse_qsl(query))
        if raw:
            if (self.headers.get("Content-Type") or "").startswith("application/json"):
                params.update(json.loads(raw))
            else:
                params.update(parse_qsl(raw.decode("utf-8")))
        for key in JSON_FIELDS:
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    pass
        return params

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path.startswith("/download/"):
            file_id = url.path.split("/")[2]
            self.fake._record("download", {"file": file_id, "authorization": self.headers.get("Authorization")})
            f = self.fake.files.get(file_id)
            if f is None:
                self._reply(404, "not found", content_type="text/plain")
            elif self.headers.get("Authorization") != f"Bearer {BOT_TOKEN}":
                self._reply(200, "<html>Logga in på Slack</html>", content_type="text/html")
            else:
                self._reply(200, f["content"], content_type="application/octet-stream")
            return
        if url.path.startswith("/api/"):
            self._api(url.path[len("/api/"):], b"", url.query)
            return
        self._reply(404, "not found", content_type="text/plain")

    def do_POST(self):
        url = urlsplit(self.path)
        raw = self._body()
        if url.path.startswith("/api/"):
            self._api(url.path[len("/api/"):], raw, url.query)
        elif url.path.startswith("/upload/"):
            file_id = url.path.split("/")[2]
            with self.fake._lock:
                upload = self.fake.uploads.get(file_id)
                if upload is not None:
                    upload.content = raw
            self.fake._record("upload", {"file_id": file_id, "length": len(raw)})
            self._reply(200 if upload else 404, f"OK - {len(raw)}", content_type="text/plain")
        elif url.path.startswith("/response/"):
            params = json.loads(raw or b"{}")
            params["_url"] = url.path
            self.fake._record("response_url", params)
            self._reply(200, "ok", content_type="text/plain")
        else:
            self._reply(404, "not found", content_type="text/plain")

    def _api(self, method: str, raw: bytes, query: str) -> None:
        params = self._params(raw, query)
        auth = self.headers.get("Authorization") or ""
        token = auth.removeprefix("Bearer ") if auth else params.get("token")
        if token != (APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN):
            status, body, headers = 200, {"ok": False, "error": "invalid_auth"}, {}
        else:
            status, body, headers = self.fake.api(method, params)
        self.fake._record(method, {**params, "_status": status, "_ok": body.get("ok")})
        self._reply(status, body, headers)
