"""Slash commands: ask (ephemeral answer with a share button), draft (a .docx by DM), help."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.slack import history, replies, rendering, texts
from bot.slack.services import Services

HELP_WORDS = {"", "hjälp", "hjalp", "help", "?"}


def register(app: App, svc: Services) -> None:
    s = svc.settings

    def help_text() -> str:
        return texts.HELP.format(ask=s.slack_command_ask, draft=s.slack_command_draft)

    def allowed(command: dict) -> bool:
        return svc.access.allows(team=command.get("team_id"), channel=command.get("channel_id"), user=command.get("user_id"))

    def ask(ack: Ack, command: dict, respond: Respond, question: str) -> None:
        if not question:
            ack(text=texts.ASK_USAGE.format(command=s.slack_command_ask), response_type="ephemeral")
            return
        ack(text=texts.WORKING_ANSWER, response_type="ephemeral")
        svc.worker.submit(
            lambda: replies.answer_ephemeral(svc, respond, channel=command.get("channel_id"), question=question),
            name="ask-command",
        )

    @app.command(s.slack_command_ask)
    def on_ask(ack: Ack, command: dict, respond: Respond):
        if not allowed(command):
            ack(text=texts.DECLINED, response_type="ephemeral")
            return
        ask(ack, command, respond, history.clean_text(command.get("text")))

    @app.command(s.slack_command_draft)
    def on_draft(ack: Ack, command: dict, client: WebClient):
        if not allowed(command):
            ack(text=texts.DECLINED, response_type="ephemeral")
            return
        text = history.plain_text(command.get("text"))  # a pasted skrivelse: its line breaks matter
        if not text:
            ack(text=texts.DRAFT_USAGE.format(command=s.slack_command_draft), response_type="ephemeral")
            return
        ack(text=texts.WORKING_DRAFT, response_type="ephemeral")
        svc.worker.submit(
            lambda: replies.draft_to_direct_message(
                svc, client, user=command["user_id"], channel=command.get("channel_id"), text=text
            ),
            name="draft-command",
        )

    @app.command(s.slack_command_help)
    def on_help(ack: Ack, command: dict, respond: Respond):
        if not allowed(command):
            ack(text=texts.DECLINED, response_type="ephemeral")
            return
        text = history.clean_text(command.get("text"))
        if text.lower() in HELP_WORDS:
            message = rendering.text_message(help_text())
            ack(text=message.text, blocks=message.blocks, response_type="ephemeral")
            return
        ask(ack, command, respond, text)
