"""Socket Mode: the same payloads through Bolt's Socket Mode request path (no websocket to Slack).

Messages are put on the real SocketModeClient's queue as Slack's websocket would deliver them; the
acks it would write back to the socket are captured at `send_message`.
"""

from __future__ import annotations

import json
import threading
import urllib.parse

import pytest
from slack_bolt.adapter.socket_mode import SocketModeHandler

from bot.slack.app import build_app
from bot.slack.services import Services
from tests.slack.harness import CHANNEL, command_body, event_body, mention, slack_settings, visible_text


@pytest.fixture
def socket_mode(settings, engine, fake_slack):
    svc = Services.create(slack_settings(settings, fake_slack, slack_signing_secret=None), engine)
    handler = SocketModeHandler(build_app(svc), app_token="xapp-kansli-test")
    sent: list[dict] = []
    done = threading.Condition()

    def send_message(raw: str) -> None:  # what would go over the websocket
        with done:
            sent.append(json.loads(raw))
            done.notify_all()

    handler.client.send_message = send_message

    def deliver(envelope: dict) -> dict:
        handler.client.enqueue_message(json.dumps(envelope))
        with done:
            assert done.wait_for(lambda: any(s["envelope_id"] == envelope["envelope_id"] for s in sent), timeout=10)
        return next(s for s in sent if s["envelope_id"] == envelope["envelope_id"])

    yield deliver, svc
    handler.client.close()
    svc.worker.shutdown()


def test_event_over_socket_mode_is_acked_and_answered_once(socket_mode, fake_slack):
    deliver, svc = socket_mode
    body = event_body(mention("Vad gäller för meröppna bibliotek?", ts="950.1"), event_id="EvSOCKET")
    ack = deliver({"type": "events_api", "envelope_id": "env-1", "accepts_response_payload": False, "payload": body})
    assert ack == {"envelope_id": "env-1"}
    deliver({"type": "events_api", "envelope_id": "env-2", "retry_attempt": 1, "retry_reason": "timeout", "payload": body})
    fake_slack.wait_for(lambda: fake_slack.bot_messages(CHANNEL))
    svc.worker.wait_idle(timeout=60)
    [answer] = fake_slack.bot_messages(CHANNEL)
    assert "2.3/455/2019" in visible_text(answer)


def test_slash_command_over_socket_mode_acks_with_the_ephemeral_notice(socket_mode, fake_slack):
    deliver, svc = socket_mode
    payload = dict(urllib.parse.parse_qsl(command_body(fake_slack, "/fraga", "Vad gäller för meröppna bibliotek?")))
    ack = deliver({"type": "slash_commands", "envelope_id": "env-3", "accepts_response_payload": True, "payload": payload})
    assert ack["payload"]["response_type"] == "ephemeral"
    [answer] = fake_slack.wait_for(lambda: fake_slack.calls_to("response_url"))
    assert "Vad gäller för meröppna bibliotek?" in visible_text(answer.params)
