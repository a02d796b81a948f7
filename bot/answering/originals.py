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
from dataclasses import dataclass
from pathlib import Path

from bot.retrieval.hits import Hit

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".md", ".markdown", ".txt")
_NOT_LETTERS = re.compile(r"[^0-9a-zåäöéüæøà]")


def letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text.replace("<br>", " ").lower())


@dataclass(frozen=True)
class _Original:
    letters: str  # the file's letters and digits, case folded
    lines: tuple[tuple[int, str], ...]  # each non-empty line: where its letters start in `letters`, and them


def _original(text: str) -> _Original:
    lines, at = [], 0
    for line in text.splitlines():
        line_letters = letters(line)
        if line_letters:
            lines.append((at, line_letters))
            at += len(line_letters)
    return _Original("".join(x for _, x in lines), tuple(lines))


class OriginalFiles:
    """`contains(hit, quote)`: whether the quote stands in the file the hit came from;
    `section_of(hit, quote, sections)`: under which of those headings it stands there."""

    def __init__(self, catalog, max_files: int = 256):
        self._catalog = catalog
        self._paths: dict[str, str] = {}
        self._texts: dict[str, _Original | None] = {}
        self._max_files = max_files
        self._lock = threading.Lock()

    def _path(self, source: str) -> str | None:
        if source not in self._paths:
            self._paths = {r.source: r.path for r in self._catalog.files().values()}
        return self._paths.get(source)

    def _original_of(self, source: str) -> _Original | None:
        with self._lock:
            if source in self._texts:
                return self._texts[source]
            path = self._path(source)
            text = None
            if path and Path(path).suffix.lower() in TEXT_SUFFIXES:
                try:
                    text = _original(Path(path).read_text(encoding="utf-8", errors="replace"))
                except OSError as e:
                    log.info("original file not readable (%s): quotes checked against the index only", type(e).__name__)
            if len(self._texts) >= self._max_files:
                self._texts.clear()
            self._texts[source] = text
            return text

    def contains(self, hit: Hit, quote: str) -> bool:
        original = self._original_of(hit.source)
        return True if original is None else letters(quote) in original.letters

    def section_of(self, hit: Hit, quote: str, sections: Sequence[str]) -> str | None:
        """Which of `sections` (headings of the hit) the quote stands under in the original file: the
        nearest line before it that is one of those headings (where the quote stands more than once, as
        in an agenda and again in its ärende, the place nearest such a heading). None when the file
        cannot tell."""
        original = self._original_of(hit.source)
        quote = letters(quote)
        if original is None or not quote:
            return None
        names = {letters(n): n for n in sections if letters(n)}
        headings = [(at, names[line]) for at, line in original.lines if line in names]
        best, at = None, original.letters.find(quote)
        while at >= 0:
            before = [(at - where, name) for where, name in headings if where < at]
            if before and (best is None or min(before) < best):
                best = min(before)
            at = original.letters.find(quote, at + 1)
        return best[1] if best else None
