"""A Slack thread as conversation history for the engine: the people's turns and Kansli's own."""

from __future__ import annotations

import re

from slack_sdk import WebClient

from bot.answering.model import Turn

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_SPECIAL = re.compile(r"<!(?:here|channel|everyone)[^>]*>")  # @here, @channel
_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")  # <#C123|allmänt>, <https://…|text>, <mailto:…>


def plain_text(text: str | None) -> str:
    """What a person wrote, from a message's or slash command's text in Slack's markup, line breaks
    kept: without user mentions and @here, links and channels as their labels, and "&amp;", "&lt;",
    "&gt;" as the characters Slack escaped ("Kultur &amp; Fritid" is "Kultur & Fritid")."""
    text = _SPECIAL.sub(" ", _MENTION.sub(" ", text or ""))
    text = _LINK.sub(lambda m: m.group(2) or m.group(1).lstrip("#").removeprefix("mailto:"), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def clean_text(text: str | None) -> str:
    """A message's text as one line of plain text (plain_text, spaces collapsed): a question."""
    return " ".join(plain_text(text).split())


def mentions(text: str | None, user_id: str | None) -> bool:
    return bool(user_id) and f"<@{user_id}>" in (text or "")


def load_thread(client: WebClient, channel: str, thread_ts: str, limit: int = 200) -> list[dict]:
    messages: list[dict] = []
    cursor = None
    while True:
        resp = client.conversations_replies(channel=channel, ts=thread_ts, limit=min(limit, 200), cursor=cursor)
        messages.extend(resp.get("messages") or [])
        cursor = (resp.get("response_metadata") or {}).get("next_cursor")
        if not cursor or len(messages) >= limit:
            return messages


def is_from_kansli(message: dict, bot_user_id: str | None, bot_id: str | None) -> bool:
    return bool(
        (bot_user_id and message.get("user") == bot_user_id) or (bot_id and message.get("bot_id") == bot_id)
    )


def involves_kansli(messages: list[dict], bot_user_id: str | None, bot_id: str | None) -> bool:
    return any(is_from_kansli(m, bot_user_id, bot_id) or mentions(m.get("text"), bot_user_id) for m in messages)


def turns(messages: list[dict], *, before_ts: str, bot_user_id: str | None, bot_id: str | None) -> list[Turn]:
    """Earlier turns (ts before `before_ts`); other bots' messages are left out."""
    out: list[Turn] = []
    for m in sorted(messages, key=lambda m: float(m.get("ts", 0))):
        if float(m.get("ts", 0)) >= float(before_ts):
            continue
        if is_from_kansli(m, bot_user_id, bot_id):
            role = "assistant"
        elif m.get("bot_id") or m.get("subtype") == "bot_message":
            continue
        else:
            role = "user"
        text = clean_text(m.get("text"))
        if text:
            out.append(Turn(role=role, text=text))
    return out
