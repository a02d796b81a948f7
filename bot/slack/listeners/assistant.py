"""Direct messages and the Messages tab (the agent experience): suggested prompts when a thread opens,
a loading status, the answer streamed; skrivelser sent here become drafts."""

from __future__ import annotations

from slack_bolt import Ack, App, BoltContext, SayStream, SetStatus
from slack_sdk import WebClient

from bot.slack import history, replies, texts
from bot.slack.conversation import is_answerable, thread_turns
from bot.slack.services import Services


def is_direct_message(event: dict) -> bool:
    return event.get("channel_type") == "im"


def register(app: App, svc: Services) -> None:
    @app.event("assistant_thread_started")
    def on_thread_started(ack: Ack, event: dict, context: BoltContext, client: WebClient):
        ack()
        thread = event["assistant_thread"]

        def greet() -> None:
            channel, thread_ts = thread["channel_id"], thread["thread_ts"]
            if not svc.access.allows(team=context.team_id, channel=channel, user=thread.get("user_id")):
                replies.tell(client, channel, texts.DECLINED, thread_ts)
                return
            client.assistant_threads_setSuggestedPrompts(
                channel_id=channel, thread_ts=thread_ts, title=texts.SUGGESTED_PROMPTS_TITLE, prompts=texts.SUGGESTED_PROMPTS
            )
            replies.tell(client, channel, texts.GREETING, thread_ts)

        svc.worker.submit(greet, name="assistant-thread-started")

    @app.event("message", matchers=[is_direct_message])
    def on_direct_message(
        ack: Ack, event: dict, context: BoltContext, client: WebClient, say_stream: SayStream, set_status: SetStatus
    ):
        ack()
        if not is_answerable(event, context):
            return

        def handle() -> None:
            channel, ts = event["channel"], event["ts"]
            reply_ts = event.get("thread_ts") or ts
            if not svc.deduper.claim_message(channel, ts):
                return
            if not svc.access.allows(team=context.team_id, channel=channel, user=event.get("user")):
                replies.tell(client, channel, texts.DECLINED, reply_ts)
                return
            if event.get("files"):
                replies.draft_from_files(
                    svc, client, channel=channel, thread_ts=reply_ts, file_events=event["files"], set_status=set_status
                )
                return
            question = history.clean_text(event.get("text"))
            if not question:
                return
            replies.answer_streamed(
                svc,
                client,
                channel=channel,
                thread_ts=reply_ts,
                question=question,
                history=thread_turns(client, context, event),
                set_status=set_status,
                start_stream=lambda: say_stream(thread_ts=reply_ts),
            )

        svc.worker.submit(handle, name="direct-message")
