"""The engine the deliver step (CLI, Slack) talks to: ask, draft, render.

Built once per process from settings; creates the searcher and (when configured) the LLM client lazily.
On first use it indexes the sample corpus in `knowledge/` if nothing is indexed yet.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.answering import answer as answering
from bot.answering import draft as drafting
from bot.answering import render
from bot.answering.model import Answer, Draft, Turn
from bot.answering.skrivelse import read_pasted, read_skrivelse
from bot.config import Settings
from bot.retrieval.hits import Filters, Hit

log = logging.getLogger(__name__)


class Engine:
    def __init__(self, settings: Settings, *, searcher=None, llm=None):
        self.settings = settings
        self._searcher = searcher
        self._llm = llm
        self._lock = threading.RLock()  # the properties build on each other
        self._originals = None

    # --- the parts, made on first use -------------------------------------------------------------
    @property
    def searcher(self):
        with self._lock:
            if self._searcher is None:
                from bot.index.indexer import ensure_index
                from bot.retrieval.search import Searcher

                ensure_index(self.settings, progress=sys.stderr.isatty())
                self._searcher = Searcher(self.settings)
            return self._searcher

    @property
    def llm(self):
        """The LLM client, or None when no LLM is configured (then nothing ever calls one)."""
        if not self.settings.llm_configured:
            return None
        with self._lock:
            if self._llm is None:
                from bot.answering.llm import LLMClient

                self._llm = LLMClient(self.settings)
            return self._llm

    @property
    def originals(self):
        """Checks quotes against the original files (see bot.answering.originals)."""
        with self._lock:
            if self._originals is None:
                from bot.answering.originals import OriginalFiles

                self._originals = OriginalFiles(self.searcher.catalog) if hasattr(self.searcher, "catalog") else False
            return self._originals or None

    def _verify(self):
        originals = self.originals
        return originals.contains if originals else None

    def _place(self):
        originals = self.originals
        return originals.section_of if originals else None

    def _compounds(self):
        """The corpus' compound splitter, for scoring sentences as BM25 splits words (None: the hits' own words)."""
        compounds = getattr(self.searcher, "compounds", None)
        return compounds() if compounds is not None else None

    def _search(self, filters: Filters | None) -> Callable[[str, int], list[Hit]]:
        searcher = self.searcher
        return lambda query, k: searcher.search(query, k, filters)

    # --- the interface ----------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        *,
        history: Sequence[Turn] = (),
        filters: Filters | None = None,
        on_token: Callable[[str], None] | None = None,
    ) -> Answer:
        """A cited answer. Never raises for LLM trouble: falls back to extractive with `note` set; `note`
        also says when search had to do without its semantic half and, for an answer without a language
        model, which of the question's words no indexed document holds."""
        search = self._search(filters)
        result = answering.answer(
            question, search=lambda q: search(q, self.settings.top_k), settings=self.settings, llm=self.llm,
            history=history, on_token=on_token, verify=self._verify(), place=self._place(),
            closest=getattr(self.searcher, "closest_sentences", None), splitter=self._compounds(),
        )
        notes = [getattr(self.searcher, "warning", None), result.note]  # warning: set when search had to degrade
        if result.mode == "extractive" and (unknown := answering.unknown_words(question, self.searcher)):
            notes.append(answering.unknown_words_note(unknown, result.found))  # a language model reads for itself
        result.note = " ".join(n for n in notes if n) or None
        return result

    def draft(self, skrivelse: str | Path, *, filters: Filters | None = None) -> Draft:
        """A first draft of the tjänsteutlåtande answering `skrivelse` (its text, or a file path); text is
        read the way a file is.

        Raises bot.documents.UnreadableDocument for a file that cannot be read, or text that is empty.
        """
        sk = read_skrivelse(skrivelse) if isinstance(skrivelse, Path) else read_pasted(skrivelse)
        search = self._search(filters)
        llm = self.llm
        if llm is None:
            return drafting.template_draft(sk, search, verify=self._verify(), splitter=self._compounds())
        return drafting.llm_draft(sk, search, llm, self.settings, verify=self._verify(), splitter=self._compounds())

    def render_markdown(self, draft: Draft) -> str:
        return render.render_markdown(draft)

    def render_docx(self, draft: Draft) -> bytes:
        return render.render_docx(draft)
