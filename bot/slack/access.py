"""Who may use Kansli where, and which collection a channel searches (from settings)."""

from __future__ import annotations

from bot.config import Settings
from bot.retrieval.hits import Filters


def _ids(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in value.split(",") if v.strip())


def is_direct_message(channel: str | None) -> bool:
    return bool(channel) and channel.startswith("D")


class Access:
    def __init__(self, settings: Settings):
        self.teams = _ids(settings.slack_allowed_teams)
        self.channels = _ids(settings.slack_allowed_channels)
        self.users = _ids(settings.slack_allowed_users)
        self.collections: dict[str, str] = {}
        for pair in settings.slack_channel_collections.split(","):
            channel, sep, prefix = pair.partition("=")
            if sep and channel.strip() and prefix.strip():
                self.collections[channel.strip()] = prefix.strip()

    def allows(self, *, team: str | None, channel: str | None, user: str | None) -> bool:
        if self.teams and team not in self.teams:
            return False
        if self.users and user not in self.users:
            return False
        if self.channels and channel and not is_direct_message(channel) and channel not in self.channels:
            return False
        return True

    def filters_for(self, channel: str | None) -> Filters | None:
        prefix = self.collections.get(channel or "")
        return Filters(source_prefix=prefix) if prefix else None
