"""HTTP mode: Bolt's POST /slack/events with signature verification, and GET /healthz."""

from __future__ import annotations

import time

from tests.slack.harness import mention


def test_health_endpoint_answers(kansli):
    reply = kansli.get("/healthz")
    assert reply.status == 200
    assert reply.json() == {"ok": True}


def test_request_with_a_bad_signature_is_rejected_and_not_answered(kansli, fake_slack):
    reply = kansli.event(mention("Vad gäller för meröppna bibliotek?", ts="200.1"), secret="not-the-secret")
    assert reply.status == 401
    reply = kansli.command("/fraga", "Vad gäller för meröppna bibliotek?", secret="not-the-secret")
    assert reply.status == 401
    kansli.idle()
    assert fake_slack.bot_messages() == []
    assert fake_slack.calls_to("response_url") == []


def test_stale_request_is_rejected_even_when_correctly_signed(kansli, fake_slack):
    reply = kansli.event(mention("Vad gäller för meröppna bibliotek?", ts="201.1"), timestamp=int(time.time()) - 10 * 60)
    assert reply.status == 401
    kansli.idle()
    assert fake_slack.bot_messages() == []


def test_unknown_path_is_not_found(kansli):
    assert kansli.get("/slack/other").status == 404


def test_slacks_url_verification_handshake_is_answered(kansli):
    import json

    reply = kansli.post(json.dumps({"type": "url_verification", "token": "legacy", "challenge": "kansli-123"}), "application/json")
    assert reply.status == 200
    assert "kansli-123" in reply.body


def test_starting_with_the_token_in_the_environment_logs_no_bolt_warning(kansli_factory, monkeypatch, caplog):
    from tests.fakes.slack_api import BOT_TOKEN

    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)  # as in production, where Bolt reads it too
    with caplog.at_level("WARNING"):
        kansli_factory()
    assert [r.getMessage() for r in caplog.records if r.name.startswith("bot.slack")] == []
