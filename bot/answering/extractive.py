"""Extractive answers (no language model): the most relevant sentences of the top hits, each cited.

Sentences are scored against the question with Swedish stems and compound parts, plus a bonus for the
hit's rank. Each hit gives at most one quote (its best sentence, joined with the next one when that one
is also relevant: adjacent sentences stay a verbatim passage). When no sentence is about the question,
the answer says so and suggests how to ask instead of quoting noise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answering.citations import citation_for
from bot.answering.model import Answer, Citation
from bot.answering.sentences import QuestionMatcher, Sentence, is_prose, split
from bot.retrieval.hits import Hit

MAX_QUOTES = 4
RANK_BONUS = 0.15
MIN_COVERAGE = 0.25  # of the question's weighted terms, for the best sentence
RELATIVE_CUTOFF = 0.5  # other quotes must score at least this share of the best
NEIGHBOUR_SHARE = 0.5  # a neighbouring sentence joins the quote when it is at least this relevant

_LABEL = re.compile(r"^[^:.!?\n]{1,40}:\s+")
Verify = Callable[[Hit, str], bool]  # does this quote stand in the hit's original file?

INTRO = "Det här står i handlingarna (utdrag ur källorna, ingen sammanfattning):"
NOTHING_FOUND = (
    "Jag hittade inget i de indexerade handlingarna som besvarar frågan. "
    "Pröva att formulera om den med andra ord, till exempel med ett ärendes namn, ett diarienummer "
    "eller ett mer precist begrepp, eller ta bort filter om du har angett några."
)


@dataclass
class Quote:
    hit_rank: int
    hit: Hit
    text: str
    score: float
    coverage: float


def _best_in_hit(rank: int, hit: Hit, matcher: QuestionMatcher, sentences: list[Sentence],
                 verify: Verify | None) -> Quote | None:
    if verify is not None:
        sentences = [_verified(hit, s, verify) for s in sentences]
    scored = [(matcher.coverage(s.text), i) for i, s in enumerate(sentences) if s and is_prose(s.text)]
    scored = [(c, i) for c, i in scored if c > 0]
    if not scored:
        return None
    cov, i = max(scored)
    start, end = sentences[i].start, sentences[i].end
    # Join the more relevant neighbour in the same paragraph: adjacent sentences stay verbatim.
    neighbours = []
    for j in (i - 1, i + 1):
        if 0 <= j < len(sentences) and sentences[j] and is_prose(sentences[j].text):
            a, b = sorted((sentences[i], sentences[j]), key=lambda s: s.start)
            between = hit.text[a.end : b.start]
            if not between.strip() and "\n" not in between:  # same paragraph, not the next list item
                neighbours.append((matcher.coverage(sentences[j].text), j))
    if neighbours:
        ncov, j = max(neighbours)
        a, b = min(start, sentences[j].start), max(end, sentences[j].end)
        if ncov >= NEIGHBOUR_SHARE * cov and (verify is None or verify(hit, hit.text[a:b])):
            start, end = a, b
            cov = matcher.coverage(hit.text[start:end])
    text = hit.text[start:end]
    return Quote(rank, hit, text, cov + RANK_BONUS / (1 + rank), cov)


def _verified(hit: Hit, s: Sentence, verify: Verify) -> Sentence | None:
    """The sentence if it stands in the original file; else without a "Rubrik: " the reader put in front
    of a table cell, if that does; else None."""
    if verify(hit, s.text):
        return s
    label = _LABEL.match(s.text)
    if label and verify(hit, s.text[label.end():]):
        return Sentence(s.start + label.end(), s.end, s.text[label.end():])
    return None


def select_quotes(question: str, hits: Sequence[Hit], max_quotes: int = MAX_QUOTES,
                  min_coverage: float = MIN_COVERAGE, verify: Verify | None = None) -> list[Quote]:
    """The best quotes for `question`, best first; [] when nothing in the hits is about it."""
    per_hit = [split(h.text) for h in hits]
    matcher = QuestionMatcher(question, [s.text for ss in per_hit for s in ss])
    quotes = [q for r, h in enumerate(hits) if (q := _best_in_hit(r, h, matcher, per_hit[r], verify))]
    quotes.sort(key=lambda q: -q.score)
    if not quotes or quotes[0].coverage < min_coverage:
        return []
    best = quotes[0].score
    chosen: list[Quote] = []
    seen: set[str] = set()
    for q in quotes:
        key = " ".join(q.text.split())
        if q.score < RELATIVE_CUTOFF * best or key in seen:
            continue
        seen.add(key)
        chosen.append(q)
        if len(chosen) == max_quotes:
            break
    return chosen


def extractive_answer(question: str, hits: Sequence[Hit], *, query: str | None = None,
                      verify: Verify | None = None) -> Answer:
    """An answer of quotes from `hits`; `query` (default: the question) is what sentences are scored by."""
    quotes = select_quotes(query or question, hits, verify=verify)
    if not quotes:
        return nothing_found(question)
    citations: list[Citation] = []
    lines = [INTRO, ""]
    for n, q in enumerate(quotes, start=1):
        quote = " ".join(q.text.split())
        citations.append(citation_for(n, q.hit, quote))
        lines.append(f"• {quote} [{n}]")
    return Answer(question=question, answer="\n".join(lines), mode="extractive", citations=citations)


def nothing_found(question: str, note: str | None = None) -> Answer:
    return Answer(question=question, answer=NOTHING_FOUND, mode="extractive", found=False, note=note)
