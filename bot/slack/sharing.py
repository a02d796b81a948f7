"""Recent ephemeral answers, kept in memory so the "Dela i kanalen" button can post them later."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass

from bot.answering.model import Answer


@dataclass
class SharedAnswer:
    answer: Answer
    question_id: str
    user: str | None


class RecentAnswers:
    def __init__(self, max_items: int = 1000):
        self.max_items = max_items
        self._items: OrderedDict[str, SharedAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, item: SharedAnswer) -> str:
        key = uuid.uuid4().hex[:16]
        with self._lock:
            self._items[key] = item
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> SharedAnswer | None:
        with self._lock:
            return self._items.get(key)
