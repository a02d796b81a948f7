"""Checking quotes against the original files, not only against the indexed text.

The reader cleans text (re-flows lines, turns table rows into "Rubrik: värde" lines, joins hyphenation),
so a sentence of a chunk may not stand in the file it came from. A quote must: for text files (.md, .txt)
it is compared with the file on letters and digits only, case folded (as the evaluation compares
evidence). PDF and DOCX files have no raw text to compare with; their chunk text is trusted.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from pathlib import Path

from bot.retrieval.hits import Hit

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
_NOT_LETTERS = re.compile(r"[^0-9a-zåäöéüæøà]")


def letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text.replace("<br>", " ").lower())


class OriginalFiles:
    """`contains(hit, quote)`: whether the quote stands in the file the hit came from."""

    def __init__(self, catalog, max_files: int = 256):
        self._catalog = catalog
        self._paths: dict[str, str] = {}
        self._texts: dict[str, str | None] = {}
        self._max_files = max_files
        self._lock = threading.Lock()

    def _path(self, source: str) -> str | None:
        if source not in self._paths:
            self._paths = {r.source: r.path for r in self._catalog.files().values()}
        return self._paths.get(source)

    def _letters_of(self, source: str) -> str | None:
        with self._lock:
            if source in self._texts:
                return self._texts[source]
            path = self._path(source)
            text = None
            if path and Path(path).suffix.lower() in TEXT_SUFFIXES:
                try:
                    text = letters(Path(path).read_text(encoding="utf-8", errors="replace"))
                except OSError as e:
                    log.info("original file not readable (%s): quotes checked against the index only", type(e).__name__)
            if len(self._texts) >= self._max_files:
                self._texts.clear()
            self._texts[source] = text
            return text

    def contains(self, hit: Hit, quote: str) -> bool:
        original = self._letters_of(hit.source)
        return True if original is None else letters(quote) in original

    def section_of(self, hit: Hit, quote: str, sections: Sequence[str]) -> str | None:
        """Which of `sections` (headings of the hit) the quote stands under in the original file: the
        nearest of their headings before it. None when the file cannot tell (not text, or not found)."""
        original = self._letters_of(hit.source)
        at = original.find(letters(quote)) if original else -1
        if at < 0:
            return None
        before = {name: original.rfind(letters(name), 0, at) for name in sections if letters(name)}
        name, where = max(before.items(), key=lambda kv: kv[1], default=(None, -1))
        return name if where >= 0 else None
