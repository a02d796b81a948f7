"""Token-bounded, section-aware chunks. A chunk never crosses two statements, nor two ärenden of a
protokoll (each § has its own diarienummer, which its chunks carry).

A statement is cut along its sections first, then paragraphs, then sentences (then words, for a
run-on "sentence" such as a long table row). The piece that opens a section starts with the section's
heading, as the document does: a hit shows it, and an answer can quote what only a heading says (the
names of four new byggnadsminnen are the headings of their paragraphs). Chunks are bounded in tiktoken
tokens including their context head (title and section), so what is embedded fits the embedder's
window. A long section is split into pieces of even size, each later piece starting with the last
sentence of the one before (``overlap_tokens``); a small whole section is merged with its neighbour in
the same statement.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

from bot.documents.model import Statement
from bot.documents.sentences import split
from bot.index.tokens import count_tokens

# o200k tokens. Swedish runs ~0.87 e5 (XLM-R) tokens per o200k token, so 300 stays well inside
# multilingual-e5-small's 512, and a passage this size is one focused point of a statement.
DEFAULT_MAX_TOKENS = 300
DEFAULT_OVERLAP_TOKENS = 30
DEFAULT_MIN_TOKENS = 80
# A "sentence" shorter than this (a heading word, a page number, "Beslut") makes no point of its own
# and gets no vector of its own (chunk.sentence_texts).
MIN_SENTENCE_CHARS = 16  # a change changes what is embedded: bump RULES_VERSION

_PAGE_MARKER = re.compile(r"<!--\s*sida\s+(\d+)\s*-->", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+(?=[\"'”(•\-–A-ZÅÄÖÉ0-9])|\n+")


@dataclass
class Chunk:
    id: str  # stable, derived from the file key, statement part and ordinal
    source: str
    part: int
    ordinal: int  # position within the statement
    text: str  # the passage itself, as shown and quoted
    title: str | None = None
    dnr: str | None = None
    date: str | None = None
    doc_type: str | None = None
    organisation: str | None = None
    url: str | None = None
    section: str | None = None
    page_start: int | None = None
    page_end: int | None = None

    @property
    def context_text(self) -> str:
        """What is embedded and BM25-indexed: title and section heading as context, then the passage."""
        head = " — ".join(x for x in (self.title, self.section) if x)
        return f"{head}\n\n{self.text}" if head else self.text

    def sentences(self) -> list[str]:
        """The passage's sentences that get a vector of their own, in order (the passage itself when none
        has MIN_SENTENCE_CHARS)."""
        return [s.text for s in split(self.text) if len(s.text) >= MIN_SENTENCE_CHARS] or [self.text]

    def sentence_texts(self) -> list[str]:
        """What is embedded for each of sentences(), so that a passage can rank by the one sentence that
        answers a question (bot/retrieval/sentences.py): the document's title as context, then the sentence.

        Measured (full corpus, 86 questions of four sets, 2026-12-06): the title alone as context ranked
        better than title and section heading, and both better than the bare sentence."""
        return [f"{self.title}\n\n{s}" if self.title else s for s in self.sentences()]


# Bump when the reader or the chunking rules change what a file's chunks hold: the indexer then re-reads
# every file (unchanged passages come from the embedding cache). v2: page notes moved to their paragraph.
# v3: the piece that opens a section starts with its heading. v4: a protokoll's § is never merged with
# another, and its chunks carry the §'s own diarienummer.
RULES_VERSION = 4


def chunker_signature(max_tokens: int, overlap_tokens: int, min_tokens: int, sentences: bool = True) -> str:
    """Names the reading and chunking rules, and whether sentences get vectors of their own; the indexer
    re-chunks a file when they change."""
    return f"v{RULES_VERSION}/{max_tokens}/{overlap_tokens}/{min_tokens}" + ("/sentences" if sentences else "")


@dataclass
class _Unit:
    text: str
    tokens: int
    page: int | None
    sep: str  # joins this unit to the one before it in a piece


@dataclass
class _Piece:
    headings: list[str | None]
    text: str
    tokens: int
    page_start: int | None
    page_end: int | None
    whole_section: bool
    dnr: str | None = None  # the section's own diarienummer (a protokoll's §), if it has one


def chunk_statement(
    statement: Statement,
    file_key: str,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    overlap_tokens: int = DEFAULT_OVERLAP_TOKENS,
    min_tokens: int = DEFAULT_MIN_TOKENS,
) -> list[Chunk]:
    title = (statement.title or "").strip() or None
    pieces: list[_Piece] = []
    for section in statement.sections:
        heading = (section.heading or "").strip() or None
        budget = _budget(title, heading, max_tokens)
        units, marked = _units(section.text, budget, section.page_start)
        if not units:
            continue
        if heading:
            units = _headed(heading, units, budget)
        for piece in _pack(heading, units, budget, overlap_tokens, marked, (section.page_start, section.page_end)):
            piece.dnr = section.dnr
            pieces.append(piece)
    pieces = _merge_small(pieces, title, max_tokens, min_tokens)

    chunks = []
    for ordinal, p in enumerate(pieces):
        chunk = Chunk(
            id="",
            source=statement.source,
            part=statement.part,
            ordinal=ordinal,
            text=p.text,
            title=title,
            dnr=p.dnr or statement.dnr,
            date=statement.date,
            doc_type=statement.doc_type,
            organisation=statement.organisation,
            url=statement.url,
            section=_label(p.headings),
            page_start=p.page_start if p.page_start is not None else statement.page_start,
            page_end=p.page_end if p.page_end is not None else statement.page_end,
        )
        # The content hash makes an id name one exact text: a vector stored under it is never stale.
        digest = hashlib.sha1(chunk.context_text.encode("utf-8")).hexdigest()[:10]
        chunk.id = f"{file_key}:{statement.part}:{ordinal}:{digest}"
        chunks.append(chunk)
    return chunks


def _label(headings: list[str | None]) -> str | None:
    named = [h for h in headings if h]
    return "; ".join(dict.fromkeys(named)) or None


def _budget(title: str | None, heading: str | None, max_tokens: int) -> int:
    head = " — ".join(x for x in (title, heading) if x)
    used = count_tokens(head) + 2 if head else 0
    return max(max_tokens - used, max_tokens // 2)


def _units(text: str, budget: int, page: int | None) -> tuple[list[_Unit], bool]:
    """Paragraphs (or sentences / word runs of an over-long paragraph), each with the page it starts on
    when the text carries page markers (``<!-- sida N -->``); and whether it did."""
    units: list[_Unit] = []
    marked = False
    for para in re.split(r"\n\s*\n", text or ""):
        markers = _PAGE_MARKER.findall(para)
        para = _PAGE_MARKER.sub(" ", para).strip()
        if para:
            n = count_tokens(para)
            if n <= budget:
                units.append(_Unit(para, n, page, "\n\n"))
            else:
                for i, piece in enumerate(_split_long(para, budget)):
                    units.append(_Unit(piece, count_tokens(piece), page, "\n\n" if i == 0 else " "))
        if markers:
            marked = True
            page = int(markers[-1])
    return units, marked


def _headed(heading: str, units: list[_Unit], budget: int) -> list[_Unit]:
    """The section's units with its heading joined to the first, which is cut smaller if both would not
    fit in one piece (a heading never stands alone at the end of a piece)."""
    first, rest = units[0], units[1:]
    room = budget - count_tokens(heading) - 1
    if first.tokens > room:
        parts = _split_long(first.text, max(room, 1))
        first = _Unit(parts[0], count_tokens(parts[0]), first.page, first.sep)
        rest = [_Unit(t, count_tokens(t), first.page, " ") for t in parts[1:]] + rest
    text = f"{heading}\n\n{first.text}"
    return [_Unit(text, count_tokens(text), first.page, "\n\n")] + rest


def _split_long(para: str, budget: int) -> list[str]:
    out = []
    for sentence in _sentences(para):
        if count_tokens(sentence) <= budget:
            out.append(sentence)
            continue
        words, current = sentence.split(), []
        for word in words:  # a run-on "sentence" (a table row, a list without stops): cut between words
            if current and count_tokens(" ".join(current + [word])) > budget:
                out.append(" ".join(current))
                current = []
            current.append(word)
        if current:
            out.append(" ".join(current))
    return out


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _pack(heading, units: list[_Unit], budget: int, overlap_tokens: int, marked: bool, section_pages) -> list[_Piece]:
    """Cut one section's units into pieces of even size within the budget."""
    total = sum(u.tokens + 1 for u in units)
    if total <= budget:
        start, end = section_pages if section_pages != (None, None) else _pages(units, marked, section_pages)
        return [_Piece([heading], _join(units), total, start, end, True)]
    target = total / math.ceil(total / budget)
    pieces: list[_Piece] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        if current and (size + unit.tokens + 1 > budget or size >= target):
            pieces.append(_Piece([heading], _join(current), size, *_pages(current, marked, section_pages), False))
            current = _overlap(current[-1], overlap_tokens, budget - unit.tokens - 1)
            size = sum(u.tokens + 1 for u in current)
        current.append(unit)
        size += unit.tokens + 1
    if current:
        pieces.append(_Piece([heading], _join(current), size, *_pages(current, marked, section_pages), False))
    return pieces


def _overlap(last: _Unit, overlap_tokens: int, room: int) -> list[_Unit]:
    """The last sentence of the previous piece, to start the next piece with, if it is short enough."""
    if overlap_tokens <= 0:
        return []
    sentences = _sentences(last.text)
    if len(sentences) < 2 and last.sep == "\n\n":
        return []  # a whole short paragraph: the paragraph break is a natural boundary
    tail = sentences[-1] if sentences else ""
    n = count_tokens(tail)
    if not tail or n > min(overlap_tokens, room - 1):
        return []
    return [_Unit(tail, n, last.page, "\n\n")]


def _join(units: list[_Unit]) -> str:
    out = units[0].text
    for u in units[1:]:
        out += u.sep + u.text
    return out


def _pages(units: list[_Unit], marked: bool, section_pages: tuple[int | None, int | None]):
    """A piece's pages: from the page markers when the text has them, else the whole section's."""
    seen = [u.page for u in units if u.page is not None]
    if marked and seen:
        return min(seen), max(seen)
    return section_pages


def _merge_small(pieces: list[_Piece], title: str | None, max_tokens: int, min_tokens: int) -> list[_Piece]:
    """Merge a small whole section with the next whole section of the statement when both fit together
    (and are of the same ärende: a protokoll's §§ stay apart)."""
    out: list[_Piece] = []
    for p in pieces:
        prev = out[-1] if out else None
        if (prev and prev.whole_section and p.whole_section and prev.dnr == p.dnr
                and (prev.tokens < min_tokens or p.tokens < min_tokens)):
            text = f"{prev.text}\n\n{p.text}"  # p's text opens with its heading
            headings = prev.headings + p.headings
            tokens = prev.tokens + p.tokens + 1
            if tokens <= _budget(title, _label(headings), max_tokens):
                out[-1] = _Piece(headings, text, tokens,
                                 _min(prev.page_start, p.page_start), _max(prev.page_end, p.page_end), True, p.dnr)
                continue
        out.append(p)
    return out


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)
