"""The engine the deliver step (CLI, Slack) talks to: ask, draft, render.

Built once per process from settings; creates the searcher and (when configured) the LLM client lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from bot.answering.model import Answer, Draft, Turn
from bot.config import Settings
from bot.retrieval.hits import Filters


class Engine:
    def __init__(self, settings: Settings):
        self.settings = settings

    def ask(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        filters: Filters | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """A cited answer. Never raises for LLM trouble: falls back to extractive with `note` set."""
        raise NotImplementedError

    def draft(self, skrivelse: str | Path, *, filters: Filters | None = None) -> Draft:
        """A first draft of the tjänsteutlåtande answering `skrivelse` (its text, or a file path).

        Raises bot.documents.UnreadableDocument for a file that cannot be read.
        """
        raise NotImplementedError

    def render_markdown(self, draft: Draft) -> str:
        raise NotImplementedError

    def render_docx(self, draft: Draft) -> bytes:
        raise NotImplementedError
