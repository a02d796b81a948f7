"""Answer each Slack message once: Slack retries events (same event_id) and sends one message as both
`app_mention` and `message.*` (same channel and ts)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class Deduper:
    """Remembers keys for `ttl` seconds; `claim(key)` is True only for the first caller."""

    def __init__(self, ttl: float = 3600.0, max_keys: int = 50_000):
        self.ttl = ttl
        self.max_keys = max_keys
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            while self._seen and (next(iter(self._seen.values())) < now - self.ttl or len(self._seen) > self.max_keys):
                self._seen.popitem(last=False)
            if key in self._seen:
                return False
            self._seen[key] = now
            return True

    def claim_event(self, event_id: str | None) -> bool:
        return True if not event_id else self.claim(f"event:{event_id}")

    def claim_message(self, channel: str, ts: str) -> bool:
        return self.claim(f"message:{channel}:{ts}")
