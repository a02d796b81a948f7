"""Channels: an @-mention is answered in a thread; follow-ups in that thread are answered with the
thread as history (with or without a mention, per settings); skrivelser dropped there become drafts.

With an LLM the answer is streamed into the thread as it is written (chat.startStream to the asker as
recipient); without one the answer is complete at once and is posted as one message."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, SayStream, SetStatus
from slack_sdk import WebClient

from bot.slack import history, replies, texts
from bot.slack.conversation import is_answerable, thread_turns
from bot.slack.services import Services


def register(app: App, svc: Services) -> None:
    def handle(
        event: dict, context: BoltContext, client: WebClient, say_stream: SayStream | None, set_status: SetStatus | None,
        *, mentioned: bool,
    ) -> None:
        channel, ts = event["channel"], event["ts"]
        reply_ts = event.get("thread_ts") or ts
        if not svc.access.allows(team=context.team_id, channel=channel, user=event.get("user")):
            if mentioned and svc.deduper.claim_message(channel, ts):
                replies.tell(client, channel, texts.DECLINED, reply_ts)
            return
        thread = None
        if mentioned:
            svc.threads.remember(channel, reply_ts, True)
        else:
            if svc.threads.involved(channel, reply_ts) is False:
                return
            thread = history.load_thread(client, channel, reply_ts)
            involved = history.involves_kansli(thread, context.bot_user_id, context.bot_id)
            svc.threads.remember(channel, reply_ts, involved)
            if not involved:
                return
        if not svc.deduper.claim_message(channel, ts):
            return  # the same message already arrived as app_mention or message.*
        if event.get("files"):
            replies.draft_from_files(svc, client, channel=channel, thread_ts=reply_ts, file_events=event["files"])
            return
        question = history.clean_text(event.get("text"))
        if not question:
            replies.tell(client, channel, texts.GREETING, reply_ts)
            return
        turns = thread_turns(client, context, event, thread)
        if svc.settings.llm_configured and say_stream is not None:
            replies.answer_streamed(
                svc, client, channel=channel, thread_ts=reply_ts, question=question, history=turns,
                set_status=set_status, start_stream=lambda: say_stream(thread_ts=reply_ts),
            )
        else:
            replies.answer_in_thread(svc, client, channel=channel, thread_ts=reply_ts, question=question, history=turns)

    @app.event("app_mention")
    def on_mention(ack: Ack, event: dict, context: BoltContext, client: WebClient, say_stream: SayStream, set_status: SetStatus):
        ack()
        if is_answerable(event, context):
            svc.worker.submit(lambda: handle(event, context, client, say_stream, set_status, mentioned=True), name="mention")

    @app.event("message")
    def on_channel_message(
        ack: Ack, event: dict, context: BoltContext, client: WebClient, say_stream: SayStream, set_status: SetStatus
    ):
        ack()
        if not is_answerable(event, context):
            return
        mentioned = history.mentions(event.get("text"), context.bot_user_id)
        follow_up = bool(event.get("thread_ts")) and not svc.settings.slack_thread_requires_mention
        if mentioned or follow_up:
            svc.worker.submit(
                lambda: handle(event, context, client, say_stream, set_status, mentioned=mentioned), name="channel-message"
            )
