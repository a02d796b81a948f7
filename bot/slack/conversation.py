"""Which messages Kansli answers, shared by the channel and the DM listeners."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.answering.model import Turn
from bot.slack import history

log = logging.getLogger(__name__)

ANSWERED_SUBTYPES = (None, "file_share", "thread_broadcast")


def is_from_a_bot(event: dict, context: BoltContext) -> bool:
    """Kansli's own messages and other bots' are never answered."""
    return bool(
        event.get("bot_id")
        or event.get("subtype") == "bot_message"
        or (context.bot_user_id and event.get("user") == context.bot_user_id)
    )


def is_answerable(event: dict, context: BoltContext) -> bool:
    return event.get("subtype") in ANSWERED_SUBTYPES and not is_from_a_bot(event, context)


def thread_turns(client: WebClient, context: BoltContext, event: dict, thread: list[dict] | None = None) -> list[Turn]:
    """Earlier turns of the event's thread (none outside a thread, or when Slack cannot give them)."""
    if not event.get("thread_ts"):
        return []
    try:
        if thread is None:
            thread = history.load_thread(client, event["channel"], event["thread_ts"])
        return history.turns(thread, before_ts=event["ts"], bot_user_id=context.bot_user_id, bot_id=context.bot_id)
    except Exception as e:
        log.warning("thread history unavailable for %s: %s", event.get("channel"), type(e).__name__)
        return []


class KansliThreads:
    """Which channel threads Kansli takes part in, so that a reply in some other thread costs no
    conversations.replies call (Slack allows about 50 a minute). Kansli only joins a channel thread when
    it is mentioned, which this process sees and records; threads it has not seen are looked up once."""

    def __init__(self, max_threads: int = 20_000):
        self.max_threads = max_threads
        self._known: OrderedDict[tuple[str, str], bool] = OrderedDict()
        self._lock = threading.Lock()

    def involved(self, channel: str, thread_ts: str) -> bool | None:
        """True or False when known, None when the thread has to be looked up."""
        with self._lock:
            return self._known.get((channel, thread_ts))

    def remember(self, channel: str, thread_ts: str, involved: bool) -> None:
        with self._lock:
            if self._known.get((channel, thread_ts)) is True:
                return  # once in a thread, always in it
            self._known[(channel, thread_ts)] = involved
            self._known.move_to_end((channel, thread_ts))
            while len(self._known) > self.max_threads:
                self._known.popitem(last=False)
