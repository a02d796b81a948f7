"""Buttons: share an ephemeral answer in the channel; 👍/👎 feedback on an answer."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack import replies, texts
from bot.slack.rendering import FEEDBACK_ACTION, SHARE_ACTION
from bot.slack.services import Services


def register(app: App, svc: Services) -> None:
    @app.action(SHARE_ACTION)
    def on_share(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        svc.worker.submit(
            lambda: replies.share(
                svc, client, respond, share_id=action.get("value", ""), channel=body["channel"]["id"], user=body["user"]["id"]
            ),
            name="share",
        )

    @app.action(FEEDBACK_ACTION)
    def on_feedback(ack: Ack, body: dict, action: dict, respond: Respond):
        ack()
        vote, _, rest = (action.get("value") or "").partition(":")
        question_id, _, mode = rest.partition(":")

        def record() -> None:
            svc.feedback.record(
                question_id=question_id,
                vote=vote,
                user=(body.get("user") or {}).get("id"),
                channel=(body.get("channel") or {}).get("id"),
                mode=mode or None,
            )
            thanks = texts.FEEDBACK_THANKS_UP if vote == "up" else texts.FEEDBACK_THANKS_DOWN
            respond(text=thanks, response_type="ephemeral", replace_original=False)

        svc.worker.submit(record, name="feedback")
