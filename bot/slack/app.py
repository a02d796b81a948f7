"""Builds the Bolt app: the Web API client (with retries), the signing secret, the listeners.

Nothing heavy happens here or in any listener's ack path; the engine is built and warmed before.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings
from bot.slack.listeners import register
from bot.slack.services import Services


def build_client(settings: Settings) -> WebClient:
    base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
    return WebClient(
        token=settings.slack_bot_token,
        base_url=base_url,
        timeout=30,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),  # waits for Retry-After
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


class _ClientGivesTheToken(logging.Filter):
    """App() reads SLACK_BOT_TOKEN from the environment by itself and, as Kansli gives it a client
    (Slack API URL, retries) holding that same token, warns on every start that the token is unused."""

    message = warning_client_prioritized_and_token_skipped()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


_bolt_log = logging.getLogger("bot.slack.bolt")
_bolt_log.addFilter(_ClientGivesTheToken())


def build_app(svc: Services) -> App:
    """The Bolt app; App() calls auth.test once to learn the bot's identity."""
    settings = svc.settings
    app = App(
        client=build_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=False,
        logger=_bolt_log,
    )
    register(app, svc)
    return app
