"""Event plumbing: Slack's retries never reach a listener twice; events Kansli does not act on are acked."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse

from bot.slack.services import Services

log = logging.getLogger(__name__)


def register(app: App, svc: Services) -> None:
    @app.middleware
    def drop_repeated_events(body: dict, next):
        if body.get("type") == "event_callback" and not svc.deduper.claim_event(body.get("event_id")):
            log.info("dropped repeated event %s", body.get("event_id"))
            return BoltResponse(status=200, body="")
        return next()

    # Files arrive as `message` events with files (they carry the thread); file_shared adds nothing.
    @app.event("file_shared")
    def on_file_shared(ack):
        ack()

    @app.event("assistant_thread_context_changed")
    def on_context_changed(ack):
        ack()
