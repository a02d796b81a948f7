"""Sentences of Swedish official text, and how well each one matches a question.

A sentence is returned exactly as it stands in the text (start and end offsets), so a quote made of
one sentence, or of adjacent sentences, is always a verbatim substring of its source.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.index.swedish import CompoundSplitter, content_words, stem, words

# Abbreviations that end in a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    """
    t.ex bl.a m.m s.k d.v.s dvs ca nr jfr resp kap st kl tel o.s.v osv m.fl f.d p.g.a pga fr.o.m t.o.m
    mfl fig bil prop sou dir ds ang enl tf vice ev inkl exkl t.v obs forts mom st uppl bet
    """.split()
)
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[•\-*–]|\d+[.)])\s)|\n(?=[ \t]*\|)")
_END = re.compile(r"[.!?](?:[\"”»’)]*)(?=\s+[\"“„»(]?[A-ZÅÄÖÉ0-9])")
_BULLET = re.compile(r"^(?:[•\-*–]|\d+[.)])\s+")
_PAGE_MARKER = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # text[start:end] of the source


def split(text: str) -> list[Sentence]:
    """Sentences in order; blocks (paragraphs, bullet items, table rows) never run into each other."""
    out: list[Sentence] = []
    pos = 0
    for m in list(_BLOCK_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        _split_block(text, pos, end, out)
        pos = m.end() if m else len(text)
    return out


def _split_block(text: str, start: int, end: int, out: list[Sentence]) -> None:
    block = text[start:end]
    lead = len(block) - len(block.lstrip())
    b = _BULLET.match(block[lead:])
    if b:
        lead += b.end()
    s = start + lead
    for m in _END.finditer(text, s, end):
        prev_word = re.search(r"(\S+)$", text[s : m.start()])
        token = (prev_word.group(1) if prev_word else "").lower().lstrip("(")
        if token.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[a-zåäö]", token):
            continue
        _add(text, s, m.end(), out)
        s = m.end()
    _add(text, s, end, out)


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def normalise(text: str) -> str:
    """Whitespace collapsed: how quotes are compared with their source."""
    return " ".join(_PAGE_MARKER.sub(" ", text).split())


def stands_in(quote: str, text: str) -> bool:
    q = normalise(quote)
    return bool(q) and q in normalise(text)


def is_prose(sentence: str) -> bool:
    """A sentence worth quoting: words, not a table row, a heading fragment, an address or a page number."""
    if "|" in sentence or "<!--" in sentence or "](" in sentence:
        return False
    ws = words(sentence)
    if len(ws) < 5 or len(sentence) > 600:
        return False
    letters = sum(c.isalpha() for c in sentence)
    return letters >= 0.6 * len(sentence.replace(" ", ""))


class QuestionMatcher:
    """Scores sentences against a question: stemmed content words and their compound parts, weighted by
    how rare each term is among the candidate sentences."""

    PART_WEIGHT = 0.6

    def __init__(self, question: str, candidates: list[str]):
        self.splitter = CompoundSplitter.from_texts(candidates + [question], min_count=1)
        whole, parts = self.splitter.terms(question)
        self.weights: dict[str, float] = {t: 1.0 for t in whole}
        for t in parts:
            self.weights.setdefault(t, self.PART_WEIGHT)
        df: dict[str, int] = {}
        self._terms_cache: dict[str, frozenset[str]] = {}
        for c in candidates:
            for t in self.terms(c) & self.weights.keys():
                df[t] = df.get(t, 0) + 1
        n = max(1, len(candidates))
        self.idf = {t: math.log(1 + n / (1 + df.get(t, 0))) for t in self.weights}
        self.total = sum(self.weights[t] * self.idf[t] for t in self.weights) or 1.0

    def terms(self, text: str) -> frozenset[str]:
        cached = self._terms_cache.get(text)
        if cached is None:
            whole, parts = self.splitter.terms(text)
            cached = frozenset(whole) | frozenset(parts)
            self._terms_cache[text] = cached
        return cached

    def coverage(self, text: str) -> float:
        """Share (0..1) of the question's weighted terms that the text contains."""
        found = self.terms(text) & self.weights.keys()
        return sum(self.weights[t] * self.idf[t] for t in found) / self.total

    def matched_words(self, text: str) -> int:
        return len(self.terms(text) & self.weights.keys())


def question_terms(question: str) -> list[str]:
    return [stem(w) for w in content_words(question)]
