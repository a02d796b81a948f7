"""Extractive answers (no language model): the most relevant passages of the top hits, each cited.

Sentences are scored against the question with Swedish stems and compound parts (QuestionMatcher).
A passage is a sentence, grown by its neighbours in the same hit when they cover question words it lacks
or when it is too short to stand alone; adjacent sentences keep a passage verbatim. Passages are then
chosen greedily: coverage of the question, what they add that the passages already chosen do not cover,
and a bonus for the hit's retrieval rank (the hybrid search ranks meaning as well as words). At most
two passages per hit. When no passage is about the question, the answer says so and suggests how to ask
instead of quoting noise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answering.citations import number_by_passage
from bot.answering.model import Answer
from bot.answering.originals import letters as letters_only
from bot.answering.sentences import QuestionMatcher, Sentence, is_prose, split
from bot.index.swedish import words
from bot.retrieval.hits import Hit

MAX_QUOTES = 5
MAX_PER_HIT = 2
RANK_BOOST = 0.6  # relevance of a passage from the hit ranked r is multiplied by 1 + RANK_BOOST / (1 + r)
MIN_COVERAGE = 0.25  # of the question's weighted terms, for the best passage
RELATIVE_CUTOFF = 0.5  # a further passage must score at least this share of the best
NEW_TERMS_SHARE = 0.5  # in what order: this share of a passage's worth from question words not yet covered
MIN_GAIN = 0.1  # a neighbour joins when it adds at least this share of the question's weight...
SHORT_WORDS = 12  # ...or when the passage is shorter than this many words (context)
MAX_SENTENCES = 3  # per passage
MAX_PASSAGE_CHARS = 700

_LABEL = re.compile(r"^[^:.!?\n]{1,40}:\s+")
_PARAGRAPH_BREAK = re.compile(r"\s*\n[ \t]*\n\s*")
Verify = Callable[[Hit, str], bool]  # does this quote stand in the hit's original file?

INTRO = "Det här står i handlingarna (utdrag ur källorna, ingen sammanfattning):"
NOTHING_FOUND = (
    "Jag hittade inget i de indexerade handlingarna som besvarar frågan. "
    "Pröva att formulera om den med andra ord, till exempel med ett ärendes namn, ett diarienummer "
    "eller ett mer precist begrepp."
)


@dataclass
class Quote:
    hit_rank: int
    hit: Hit
    text: str
    score: float  # coverage boosted by the hit's rank
    coverage: float
    credits: tuple[float, ...]  # per question word
    first: int  # sentence indexes [first, last] of the hit
    last: int


def _verified(hit: Hit, s: Sentence, verify: Verify) -> Sentence | None:
    """The sentence if it stands in the original file; else without a "Rubrik: " the reader put in front
    of a table cell, if that does; else None."""
    if verify(hit, s.text):
        return s
    label = _LABEL.match(s.text)
    if label and verify(hit, s.text[label.end():]):
        return Sentence(s.start + label.end(), s.end, s.text[label.end():])
    return None


def _joinable(text: str, a: Sentence | None, b: Sentence | None) -> bool:
    """Adjacent sentences that read as one passage: both prose, nothing but a space or a paragraph break
    between them (not a line break of a list or a table, not a bullet)."""
    if a is None or b is None or not is_prose(a.text) or not is_prose(b.text):
        return False
    between = text[a.end:b.start]
    return not between.strip() and ("\n" not in between or bool(_PARAGRAPH_BREAK.fullmatch(between)))


def _passages(rank: int, hit: Hit, matcher: QuestionMatcher, sentences: list[Sentence],
              verify: Verify | None) -> list[Quote]:
    """Every relevant sentence of the hit as a passage, grown by the neighbours that add to it."""
    if verify is not None:
        sentences = [_verified(hit, s, verify) for s in sentences]
    credits = [matcher.credits(s.text) if s else () for s in sentences]
    boost = 1 + RANK_BOOST / (1 + rank)
    out = []
    for i, s in enumerate(sentences):
        if not s or not is_prose(s.text) or not any(credits[i]):
            continue
        first = last = i
        have = credits[i]
        while last - first + 1 < MAX_SENTENCES:
            options = []
            for j in (first - 1, last + 1):
                if not 0 <= j < len(sentences):
                    continue
                pair = (sentences[j], sentences[first]) if j < first else (sentences[last], sentences[j])
                if _joinable(hit.text, *pair):
                    joined = tuple(map(max, have, credits[j]))
                    options.append((matcher.weighted(joined) - matcher.weighted(have), j == last + 1, j, joined))
            if not options:
                break
            gain, _, j, joined = max(options)
            if gain < MIN_GAIN:  # nothing worth adding, unless the passage is too short to stand alone
                following = [o for o in options if o[1]]
                if not following or len(words(hit.text[sentences[first].start:sentences[last].end])) >= SHORT_WORDS:
                    break
                _, _, j, joined = following[0]
            a, b = min(j, first), max(j, last)
            text = hit.text[sentences[a].start:sentences[b].end]
            if len(text) > MAX_PASSAGE_CHARS or (verify is not None and not verify(hit, text)):
                break
            first, last, have = a, b, joined
        text = hit.text[sentences[first].start:sentences[last].end]
        cov = matcher.weighted(have)
        out.append(Quote(rank, hit, text, cov * boost, cov, have, first, last))
    return out


def _repeats(a: Quote, b: Quote) -> bool:
    """One passage says what the other does (the same words, one within the other, e.g. a proposal and
    the decision that repeats it)."""
    x, y = (letters_only(q.text) for q in (a, b))
    return x in y or y in x


def select_quotes(question: str, hits: Sequence[Hit], max_quotes: int = MAX_QUOTES,
                  min_coverage: float = MIN_COVERAGE, verify: Verify | None = None,
                  max_per_hit: int = MAX_PER_HIT, max_per_source: int | None = None,
                  after: Sequence[Quote] = (), relative_cutoff: float = RELATIVE_CUTOFF) -> list[Quote]:
    """The best passages for `question`, best first; [] when nothing in the hits is about it.

    At most `max_per_hit` passages of one hit and, when given, `max_per_source` of one document.
    `after`: passages already chosen (from other hits): not repeated, and counted in those limits.
    Further passages must score at least `relative_cutoff` of the best one."""
    per_hit = [split(h.text) for h in hits]
    matcher = QuestionMatcher(question, [s.text for ss in per_hit for s in ss])
    candidates = [q for r, h in enumerate(hits) for q in _passages(r, h, matcher, per_hit[r], verify)]
    # best first; among equals the higher-ranked hit and the earlier passage
    candidates.sort(key=lambda q: (-q.score, q.hit_rank, q.first))
    if not candidates or max(q.coverage for q in candidates) < min_coverage:
        return []
    best = candidates[0].score
    taken = list(after)
    covered = tuple(0.0 for _ in matcher.words)
    for q in taken:
        covered = tuple(map(max, covered, matcher.credits(q.text)))
    chosen: list[Quote] = []

    def allowed(c: Quote) -> bool:
        same_hit = [t for t in taken if t.hit.chunk_id == c.hit.chunk_id]
        return not (
            any(_repeats(c, t) for t in taken)
            or len(same_hit) >= max_per_hit
            or any(c.first <= t.last and t.first <= c.last for t in same_hit)
            or (max_per_source is not None and sum(t.hit.source == c.hit.source for t in taken) >= max_per_source)
        )

    candidates = [c for c in candidates if allowed(c)]
    while candidates and len(chosen) < max_quotes:
        def worth(q: Quote) -> float:
            gain = matcher.weighted(tuple(max(0.0, c - h) for c, h in zip(q.credits, covered)))
            return ((1 - NEW_TERMS_SHARE) * q.coverage + NEW_TERMS_SHARE * gain) * q.score / q.coverage

        # relevant in itself, or adding enough of what the question asks that is not covered yet
        eligible = [q for q in candidates if max(q.score, worth(q)) >= relative_cutoff * best]
        if not eligible:
            break
        q = max(eligible, key=worth)  # max keeps the first of equals: the sort order above
        chosen.append(q)
        taken.append(q)
        covered = tuple(map(max, covered, q.credits))
        candidates = [c for c in candidates if allowed(c)]
    return chosen


def extractive_answer(question: str, hits: Sequence[Hit], *, query: str | None = None,
                      verify: Verify | None = None) -> Answer:
    """An answer of quotes from `hits`; `query` (default: the question) is what sentences are scored by.

    Quotes from the same document section share one number, so the source list names it once.
    """
    quotes = select_quotes(query or question, hits, verify=verify)
    if not quotes:
        return nothing_found(question)
    numbers, citations = number_by_passage([(q.hit, " ".join(q.text.split())) for q in quotes])
    lines = [INTRO, ""]
    for q, n in zip(quotes, numbers):
        lines.append(f"• {' '.join(q.text.split())} [{n}]")
    return Answer(question=question, answer="\n".join(lines), mode="extractive", citations=citations)


def nothing_found(question: str, note: str | None = None) -> Answer:
    return Answer(question=question, answer=NOTHING_FOUND, mode="extractive", found=False, note=note)
