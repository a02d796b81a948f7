"""The app's Home tab: what Kansli can do, with examples."""

from __future__ import annotations

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.slack import rendering, texts
from bot.slack.services import Services


def register(app: App, svc: Services) -> None:
    s = svc.settings

    @app.event("app_home_opened")
    def on_home_opened(ack: Ack, event: dict, client: WebClient):
        ack()
        if event.get("tab") != "home":
            return
        blocks = rendering.text_message(texts.HELP.format(ask=s.slack_command_ask, draft=s.slack_command_draft)).blocks
        svc.worker.submit(
            lambda: client.views_publish(user_id=event["user"], view={"type": "home", "blocks": blocks}),
            name="app-home",
        )
