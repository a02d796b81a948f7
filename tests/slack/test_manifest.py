"""The app manifest declares what the listeners need: commands, events, scopes, Socket Mode."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.config import Settings

MANIFEST = Path(__file__).resolve().parents[2] / "deploy" / "slack" / "manifest.yaml"


def test_manifest_declares_the_commands_events_and_scopes_kansli_uses():
    m = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    s = Settings(_env_file=None)
    commands = {c["command"] for c in m["features"]["slash_commands"]}
    assert commands == {s.slack_command_ask, s.slack_command_draft, s.slack_command_help}
    events = set(m["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.channels", "message.im", "assistant_thread_started", "app_home_opened"} <= events
    scopes = set(m["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "commands", "files:read", "files:write", "assistant:write", "im:write", "channels:history"} <= scopes
    assert m["settings"]["socket_mode_enabled"] is True
    assert m["settings"]["interactivity"]["is_enabled"] is True
    assert m["features"]["assistant_view"]["suggested_prompts"]
