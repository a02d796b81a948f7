"""Sentences of Swedish official text, each exactly as it stands (start and end offsets).

The one splitter the index (a vector per sentence, bot/index/chunking.py) and the answers (quotes made
of sentences, bot/answering/) share, so the sentence a search ranks by is the sentence an answer quotes.
A quote made of one sentence, or of adjacent sentences, is always a verbatim substring of its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end in a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    """
    t.ex bl.a m.m s.k d.v.s dvs ca nr jfr resp kap st kl tel o.s.v osv m.fl f.d p.g.a pga fr.o.m t.o.m
    mfl fig bil prop sou dir ds ang enl tf vice ev inkl exkl t.v obs forts mom st uppl bet
    """.split()
)
# Paragraphs, list items (also bullets a re-flowed paragraph has run together) and table rows.
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[•\-*–]|\d+[.)])\s)|\n(?=[ \t]*\|)|[ \t]+(?=•\s)")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t\n]*|[ \t]+(?=•\s)")
_END = re.compile(r"[.!?](?:[\"”»’)]*)(?=\s+[\"“„»(]?[A-ZÅÄÖÉ0-9])")
_BULLET = re.compile(r"^(?:[•\-*–]|\d+[.)])\s+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # text[start:end] of the source


def split(text: str, *, lines: bool = True) -> list[Sentence]:
    """Sentences in order; blocks (paragraphs, bullet items, table rows) never run into each other.

    `lines`: every line is a block, as in the reader's re-flowed text, where a single line break is
    deliberate ("Förslag: …" lines of a table). False for raw text, whose lines break mid-sentence.
    """
    out: list[Sentence] = []
    pos = 0
    for m in list((_LINE_BREAK if lines else _BLOCK_BREAK).finditer(text)) + [None]:
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
