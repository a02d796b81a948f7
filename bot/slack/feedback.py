"""👍/👎 on answers, stored for later evaluation in <data dir>/slack_feedback.sqlite.

A question is stored as its keyed id and the person as theirs (bot/slack/pseudonyms.py), never its text
(the button carries only the id). A direct message's channel id names the person, so feedback given there
is stored with the channel "DM". The table keeps its old "question" column, always empty.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from bot.slack.private import private_file
from bot.slack.pseudonyms import Pseudonyms

DIRECT_MESSAGE = "DM"


def _stored_channel(channel: str | None) -> str | None:
    return DIRECT_MESSAGE if channel and channel.startswith("D") else channel  # Slack's DM ids start with D


class FeedbackStore:
    def __init__(self, path: Path, pseudonyms: Pseudonyms):
        self.path = private_file(Path(path))
        self.pseudonyms = pseudonyms
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS feedback (at REAL, question_id TEXT, vote TEXT, user_hash TEXT, "
                "channel TEXT, mode TEXT, question TEXT)"
            )
            # Rows stored before the key existed hold plain digests that can be reversed: re-key them.
            db.create_function("rekey_question_id", 1, pseudonyms.rekey_question_id, deterministic=True)
            db.create_function("rekey_user_id", 1, pseudonyms.rekey_user_id, deterministic=True)
            db.execute(
                "UPDATE feedback SET question_id = rekey_question_id(question_id), user_hash = rekey_user_id(user_hash) "
                "WHERE question_id IS NOT rekey_question_id(question_id) OR user_hash IS NOT rekey_user_id(user_hash)"
            )
            db.execute("UPDATE feedback SET channel = ? WHERE channel LIKE 'D%' AND channel != ?", (DIRECT_MESSAGE, DIRECT_MESSAGE))

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def record(
        self,
        *,
        question_id: str,
        vote: str,
        user: str | None,
        channel: str | None,
        mode: str | None = None,
    ) -> None:
        row = (
            time.time(),
            self.pseudonyms.rekey_question_id(question_id),  # buttons posted before the key carry a plain id
            vote,
            self.pseudonyms.user_id(user),
            _stored_channel(channel),
            mode,
            None,
        )
        with self._lock, self._connect() as db:
            db.execute("INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?)", row)
