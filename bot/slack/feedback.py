"""👍/👎 on answers, stored for later evaluation in <data dir>/slack_feedback.sqlite.

A question is stored as its id (a hash); its text only when settings.log_content is on.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from pathlib import Path


def question_id(question: str) -> str:
    return hashlib.sha256(" ".join(question.lower().split()).encode("utf-8")).hexdigest()[:16]


def _user_id_hash(user: str | None) -> str | None:
    return hashlib.sha256(user.encode("utf-8")).hexdigest()[:12] if user else None


class FeedbackStore:
    def __init__(self, path: Path, *, log_content: bool = False):
        self.path = Path(path)
        self.log_content = log_content
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS feedback (at REAL, question_id TEXT, vote TEXT, user_hash TEXT, "
                "channel TEXT, mode TEXT, question TEXT)"
            )

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
        question: str | None = None,
    ) -> None:
        row = (
            time.time(),
            question_id,
            vote,
            _user_id_hash(user),
            channel,
            mode,
            question if self.log_content else None,
        )
        with self._lock, self._connect() as db:
            db.execute("INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?)", row)

    def all(self) -> list[dict]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY at")]
