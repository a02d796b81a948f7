"""Neighbouring chunks that are both among the hits are one passage.

A point a statement makes often runs over a chunk boundary (a paragraph and the note that follows it,
a list and its introduction). When search ranks two adjacent chunks of the same document, the reader
should get them as one hit, in document order, at the better rank, rather than as two hits far apart
or one of them cut by the per-document cap. Two §§ of a protokoll are two ärenden: never one passage.

The cap keeps one document from filling the hits. In a meeting's protokoll or kallelse the opening
block (place, time, who took part) is not counted with the §§: two §§ on the question's subject must
not push out the block that says where the meeting was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.documents.statements import MEETING_OPENING, MEETING_TYPES
from bot.index.chunking import Chunk

# A passage grows by neighbours up to about two full chunks (300 o200k tokens are ~1,100 characters
# of Swedish): longer hits would crowd other documents out of the answer's context.
MAX_PASSAGE_CHARS = 2400
# Only chunks ranked this high join a neighbour: what a hit holds must not depend on how many hits
# were asked for, and a neighbour ranked far down adds little.
NEIGHBOUR_REACH = 10


@dataclass
class Passage:
    chunks: list[Chunk]  # adjacent, in document order
    score: float  # the best of its chunks'
    best: Chunk = field(init=False)  # the chunk that ranked it

    def __post_init__(self):
        self.best = self.chunks[0]

    @property
    def document(self) -> tuple[str, int]:
        return self.best.source, self.best.part

    @property
    def text(self) -> str:
        out = self.chunks[0].text
        for prev, nxt in zip(self.chunks, self.chunks[1:]):
            out += "\n\n" + _without_overlap(prev.text, nxt.text)
        return out

    def takes(self, chunk: Chunk) -> int:
        """-1 / 1 when ``chunk`` is the neighbour just before / after this passage and fits; else 0."""
        if (chunk.source, chunk.part) != self.document or chunk.dnr != self.best.dnr:
            return 0  # another document, or another ärende of a protokoll (its own § and diarienummer)
        side = -1 if chunk.ordinal == self.chunks[0].ordinal - 1 else 1 if chunk.ordinal == self.chunks[-1].ordinal + 1 else 0
        if side and len(self.text) + len(chunk.text) + 2 > MAX_PASSAGE_CHARS:
            return 0
        return side

    def add(self, chunk: Chunk, side: int) -> None:
        if side < 0:
            self.chunks.insert(0, chunk)
        else:
            self.chunks.append(chunk)


def passages(ranked: Iterable[tuple[Chunk, float]], k: int, per_document: int) -> list[Passage]:
    """The best ``k`` passages from chunks ranked best first: a chunk among the first NEIGHBOUR_REACH
    next to a passage already taken joins it; any other chunk starts a new passage, unless its document
    has ``per_document`` passages already (per_document < 1: no cap); a meeting's opening block is
    counted apart from its §§."""
    out: list[Passage] = []
    count: dict[tuple, int] = {}
    for rank, (chunk, score) in enumerate(ranked):
        full = len(out) >= k
        if full and rank >= NEIGHBOUR_REACH:
            break
        for p in out if rank < NEIGHBOUR_REACH else ():
            side = p.takes(chunk)
            if side:
                p.add(chunk, side)
                break
        else:
            document = _capped_unit(chunk)
            if not full and (per_document < 1 or count.get(document, 0) < per_document):
                count[document] = count.get(document, 0) + 1
                out.append(Passage([chunk], score))
    return out


def _capped_unit(chunk: Chunk) -> tuple:
    """What the per-document cap counts: the document, and a meeting's opening block on its own.

    Measured over 476 questions (2026-12-07): the same figures as counting each § on its own (two more
    top hits, four more within 4,000 characters than one count for the whole document), without letting
    a protokoll's third § push the passage that answers out of the hits an answer quotes (it did so for
    a dev question)."""
    if chunk.doc_type in MEETING_TYPES and (chunk.section or "").startswith(MEETING_OPENING):
        return chunk.source, chunk.part, MEETING_OPENING
    return chunk.source, chunk.part


def _without_overlap(prev: str, nxt: str) -> str:
    """The next chunk's text without the sentence it repeats from the end of the previous one."""
    head, sep, rest = nxt.partition("\n\n")
    return rest if sep and prev.endswith(head) else nxt
