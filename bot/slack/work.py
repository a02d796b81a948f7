"""The work after the ack: a small thread pool of its own, so that Bolt's listener threads (which
run the acks) are never busy answering questions."""

from __future__ import annotations

import logging
from collections.abc import Callable
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

log = logging.getLogger(__name__)


class Worker:
    def __init__(self, max_workers: int = 4):
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="kansli-work")
        self._pending: set[Future] = set()
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], None], *, name: str) -> Future:
        def run() -> None:
            try:
                job()
            except Exception:  # the job reports to the person itself; this is the last line of defence
                log.exception("slack job %s failed", name)

        future = self._pool.submit(run)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._done)
        return future

    def _done(self, future: Future) -> None:
        with self._lock:
            self._pending.discard(future)

    def wait_idle(self, timeout: float | None = None) -> None:
        """Wait for the work submitted so far (and any it led to) to finish."""
        while True:
            with self._lock:
                pending = set(self._pending)
            if not pending:
                return
            wait(pending, timeout=timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
