"""Drive the real Bolt app the way Slack does: correctly signed HTTP requests to POST /slack/events."""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from slack_sdk.signature import SignatureVerifier

from bot.slack.app import build_app
from bot.slack.server import SlackHTTPServer
from bot.slack.services import Services
from tests.fakes.slack_api import BOT_TOKEN, BOT_USER_ID, TEAM_ID, FakeSlack

SIGNING_SECRET = "kansli-test-signing-secret"
CHANNEL = "CKULTUR"
USER = "UANNA"

_ids = itertools.count(1)


def slack_settings(settings, fake: FakeSlack, **overrides):
    return settings.model_copy(
        update={
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "slack_api_url": fake.api_url,
            **overrides,
        }
    )


@dataclass
class Reply:
    status: int
    body: str
    headers: dict

    def json(self):
        return json.loads(self.body) if self.body else None


class RunningKansli:
    """The Bolt app in HTTP mode on 127.0.0.1 (a free port), and a Slack-like sender of signed requests."""

    def __init__(self, settings, engine, fake: FakeSlack):
        self.fake = fake
        self.services = Services.create(settings, engine)
        self.app = build_app(self.services)
        self.server = SlackHTTPServer(self.app, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.services.worker.shutdown()

    def idle(self) -> None:
        """Wait until all work after the acks is done."""
        for _ in range(2):  # the ack can reach Slack a moment before its work is queued
            time.sleep(0.2)
            self.services.worker.wait_idle(timeout=60)

    # --- raw HTTP -------------------------------------------------------------------------------

    def post(self, body: str, content_type: str, *, timestamp: int | None = None, secret: str = SIGNING_SECRET, headers: dict | None = None) -> Reply:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        request = urllib.request.Request(self.url + "/slack/events", data=body.encode("utf-8"), headers=all_headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return Reply(resp.status, resp.read().decode("utf-8"), dict(resp.headers))
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.read().decode("utf-8"), dict(e.headers))

    def get(self, path: str) -> Reply:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as resp:
                return Reply(resp.status, resp.read().decode("utf-8"), dict(resp.headers))
        except urllib.error.HTTPError as e:
            return Reply(e.code, e.read().decode("utf-8"), dict(e.headers))

    # --- what Slack sends -----------------------------------------------------------------------

    def command(self, command: str, text: str, *, channel: str = CHANNEL, user: str = USER, **kw) -> Reply:
        return self.post(command_body(self.fake, command, text, channel=channel, user=user), "application/x-www-form-urlencoded", **kw)

    def event(self, event: dict, *, event_id: str | None = None, retry: int | None = None, **kw) -> Reply:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return self.post(json.dumps(event_body(event, event_id=event_id)), "application/json", headers=headers, **kw)

    def action(self, action: dict, *, channel: str = CHANNEL, user: str = USER, message: dict | None = None, ephemeral: bool = False) -> Reply:
        return self.post(action_body(self.fake, action, channel=channel, user=user, message=message, ephemeral=ephemeral), "application/x-www-form-urlencoded")


def command_body(fake: FakeSlack, command: str, text: str, *, channel: str = CHANNEL, user: str = USER) -> str:
    n = next(_ids)
    return urllib.parse.urlencode(
        {
            "token": "legacy",
            "team_id": TEAM_ID,
            "team_domain": "kultur",
            "channel_id": channel,
            "channel_name": "kultur",
            "user_id": user,
            "user_name": "anna",
            "command": command,
            "text": text,
            "api_app_id": "AKANSLI",
            "response_url": fake.response_url(f"cmd{n}"),
            "trigger_id": f"trigger{n}",
        }
    )


def event_body(event: dict, *, event_id: str | None = None) -> dict:
    return {
        "token": "legacy",
        "team_id": TEAM_ID,
        "api_app_id": "AKANSLI",
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        "event": event,
    }


def action_body(fake: FakeSlack, action: dict, *, channel: str, user: str, message: dict | None, ephemeral: bool) -> str:
    n = next(_ids)
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID, "domain": "kultur"},
        "user": {"id": user, "username": "anna", "team_id": TEAM_ID},
        "api_app_id": "AKANSLI",
        "channel": {"id": channel, "name": "kultur"},
        "container": {"type": "message", "channel_id": channel, "is_ephemeral": ephemeral, "message_ts": (message or {}).get("ts", "1.1")},
        "message": message,
        "response_url": fake.response_url(f"act{n}"),
        "trigger_id": f"trigger{n}",
        "actions": [{"action_ts": str(time.time()), "block_id": "b", **action}],
    }
    if message is None:
        del payload["message"]
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


def mention(text: str, *, channel: str = CHANNEL, user: str = USER, ts: str, thread_ts: str | None = None, **extra) -> dict:
    e = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}", "ts": ts, "channel": channel, "event_ts": ts, **extra}
    if thread_ts:
        e["thread_ts"] = thread_ts
    return e


def message(text: str, *, channel: str = CHANNEL, user: str = USER, ts: str, thread_ts: str | None = None, channel_type: str = "channel", **extra) -> dict:
    e = {"type": "message", "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts, "channel_type": channel_type, **extra}
    if thread_ts:
        e["thread_ts"] = thread_ts
    return e


def visible_text(message: dict) -> str:
    """What a person reads in a message: its blocks' text (or the plain text when it has none)."""
    parts: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text", "markdown") and isinstance(node.get("text"), str):
                parts.append(node["text"])
            for v in node.values():
                if isinstance(v, (dict, list)):
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(message.get("blocks") or [])
    return "\n".join(parts) if parts else (message.get("text") or "")
