"""Answers shown only to the asker (/fraga), kept so that "Dela i kanalen" can post them later — also
after a restart: <data dir>/slack_shared_answers.sqlite.

Keeping the answer is what sharing needs, so its text is stored (never logged), and only for
`ttl_days` (default 7): older answers are deleted, and sharing one says it is gone. Who asked is not
stored: the person who shares is named when the answer is posted.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.answering.model import Answer, Citation
from bot.slack.private import private_file

DEFAULT_TTL_DAYS = 7.0


@dataclass
class SharedAnswer:
    answer: Answer
    question_id: str


def _to_json(item: SharedAnswer) -> str:
    return json.dumps(
        {"answer": asdict(item.answer), "question_id": item.question_id}, ensure_ascii=False
    )


def _from_json(text: str) -> SharedAnswer:
    data = json.loads(text)
    answer = dict(data["answer"])
    answer["citations"] = [Citation(**c) for c in answer.get("citations") or []]
    return SharedAnswer(answer=Answer(**answer), question_id=data["question_id"])


class SharedAnswers:
    def __init__(self, path: Path, *, ttl_days: float = DEFAULT_TTL_DAYS):
        self.path = private_file(Path(path))
        self.ttl = ttl_days * 86400
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS shared_answers (id TEXT PRIMARY KEY, at REAL, item TEXT)")
            db.execute("CREATE INDEX IF NOT EXISTS shared_answers_at ON shared_answers (at)")
            # Answers kept by earlier versions named the asker's Slack id, which nothing needs.
            db.execute("UPDATE shared_answers SET item = json_remove(item, '$.user') WHERE json_type(item, '$.user') IS NOT NULL")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def put(self, item: SharedAnswer) -> str:
        key = uuid.uuid4().hex
        now = time.time()
        with self._lock, self._connect() as db:
            db.execute("DELETE FROM shared_answers WHERE at < ?", (now - self.ttl,))
            db.execute("INSERT INTO shared_answers VALUES (?, ?, ?)", (key, now, _to_json(item)))
        return key

    def get(self, key: str) -> SharedAnswer | None:
        """The answer kept under `key`, or None when it is unknown or older than the time it is kept."""
        with self._connect() as db:
            row = db.execute(
                "SELECT item FROM shared_answers WHERE id = ? AND at >= ?", (key, time.time() - self.ttl)
            ).fetchone()
        return _from_json(row[0]) if row else None
