"""Keyed ids for what Kansli keeps about people: a question's id and a Slack user's id.

A plain hash of a Slack user id (or of a common question) is reversed by hashing every candidate, so
ids are HMAC-SHA256 under a random key made once in <data dir>/slack_pseudonym.key (mode 0600, never
logged). Without the key a stored id says nothing; with it the same question or person always gets the
same id, so feedback can still be counted per question and per person.

Before the key existed, Kansli stored plain SHA-256 digests (16 hex digits for a question, 12 for a
person). The keyed id is taken over that same digest, so such ids — in old feedback rows, shared answers
and buttons already posted in Slack — are re-keyed with `rekey_*` and match the new ones.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from bot.slack.private import narrow

KEY_FILE = "slack_pseudonym.key"
_KEY_BYTES = 32
_PLAIN_QUESTION_HEX, _QUESTION_HEX = 16, 24
_PLAIN_USER_HEX, _USER_HEX = 12, 16
_HEX = frozenset("0123456789abcdef")


def load_or_create_key(path: Path) -> bytes:
    """The key in `path`, made on first use; readable by its owner only."""
    if not path.exists():
        _create_key(path)
    narrow(path)
    return path.read_bytes()


def _create_key(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(_KEY_BYTES))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # whole or not at all, and never replaces a key another process just made
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)


def _plain_digest(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def _is_plain(value: str | None, length: int) -> bool:
    return value is not None and len(value) == length and set(value) <= _HEX


class Pseudonyms:
    def __init__(self, key: bytes):
        self._key = key

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> "Pseudonyms":
        return cls(load_or_create_key(Path(data_dir) / KEY_FILE))

    def __repr__(self) -> str:  # the key never reaches a log line or a traceback
        return "Pseudonyms(key=<hidden>)"

    def _keyed(self, plain: str, length: int) -> str:
        return hmac.new(self._key, plain.encode("ascii"), hashlib.sha256).hexdigest()[:length]

    def question_id(self, question: str) -> str:
        """The same id for the same question, whatever its case and spacing."""
        return self._keyed(_plain_digest(" ".join(question.lower().split()), _PLAIN_QUESTION_HEX), _QUESTION_HEX)

    def user_id(self, user: str | None) -> str | None:
        return self._keyed(_plain_digest(user, _PLAIN_USER_HEX), _USER_HEX) if user else None

    def rekey_question_id(self, value: str | None) -> str | None:
        """A question id stored or posted before the key existed, as its keyed id; others unchanged."""
        return self._keyed(value, _QUESTION_HEX) if _is_plain(value, _PLAIN_QUESTION_HEX) else value

    def rekey_user_id(self, value: str | None) -> str | None:
        return self._keyed(value, _USER_HEX) if _is_plain(value, _PLAIN_USER_HEX) else value
