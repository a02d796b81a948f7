"""All Slack listeners, registered in one place; each gets the services it needs."""

from __future__ import annotations

from slack_bolt import App

from bot.slack.listeners import actions, app_home, assistant, commands, events, messages
from bot.slack.services import Services


def register(app: App, svc: Services) -> None:
    events.register(app, svc)  # first: drops Slack's retries and duplicates before any listener
    commands.register(app, svc)
    assistant.register(app, svc)  # DMs / the Messages tab, before the channel message listener
    messages.register(app, svc)
    actions.register(app, svc)
    app_home.register(app, svc)
