"""Citations checked against the sources that were given.

Every `[n]` in a model's text must name a source that was sent; other numbers are removed and counted.
Each valid number becomes a Citation whose quote is the sentence of that source that best supports the
text citing it, verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.answering.model import Citation
from bot.answering.sentences import QuestionMatcher, is_prose
from bot.documents.sentences import split
from bot.retrieval.hits import Hit

_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\]")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([.,;:!?])")


@dataclass
class Checked:
    text: str  # the text with invalid markers removed
    cited: list[int]  # valid numbers in order of first use
    invalid: int  # markers (numbers) removed


def check_markers(text: str, valid: Sequence[int] | set[int]) -> Checked:
    valid = set(valid)
    cited: list[int] = []
    invalid = 0

    def fix(m: re.Match) -> str:
        nonlocal invalid
        keep = []
        for part in re.split(r"\s*[,;]\s*", m.group(1)):
            n = int(part)
            if n in valid:
                keep.append(n)
                if n not in cited:
                    cited.append(n)
            else:
                invalid += 1
        return "".join(f"[{n}]" for n in keep)

    out = _MARKER.sub(fix, text)
    if invalid:
        out = _SPACE_BEFORE_PUNCT.sub(r"\1", re.sub(r"[ \t]{2,}", " ", out))
    return Checked(out, cited, invalid)


def citation_for(n: int, hit: Hit, quote: str) -> Citation:
    return Citation(
        n=n, source=hit.source, quote=quote, title=hit.title, dnr=hit.dnr, date=hit.date,
        section=hit.section, url=hit.url, page_start=hit.page_start, page_end=hit.page_end,
    )


def passage_key(hit: Hit) -> tuple[str, str | None]:
    """Hits with the same key are one entry of a source list: the same section of the same document."""
    return hit.source, hit.section


def number_by_passage(quotes: Sequence[tuple[Hit, str]]) -> tuple[list[int], list[Citation]]:
    """Numbers for (hit, quote) pairs in order: one number per document section, in order of first use.

    The citation of a number carries the first quote given for it and the pages of all its hits.
    """
    numbers: list[int] = []
    by_key: dict[tuple, Citation] = {}
    for hit, quote in quotes:
        c = by_key.get(passage_key(hit))
        if c is None:
            c = by_key[passage_key(hit)] = citation_for(len(by_key) + 1, hit, quote)
        _span_pages(c, [hit])
        numbers.append(c.n)
    return numbers, list(by_key.values())


def _span_pages(c: Citation, hits: Sequence[Hit]) -> None:
    """Widen the citation's pages to cover those of `hits` (of the same document section)."""
    pages = [p for p in (c.page_start, c.page_end) + tuple(x for h in hits for x in (h.page_start, h.page_end))
             if p is not None]
    c.page_start, c.page_end = (min(pages), max(pages)) if pages else (None, None)


def claims_citing(text: str, n: int) -> str:
    """The sentences of `text` that carry the marker [n] (what the source is cited for)."""
    marker = f"[{n}]"
    return " ".join(s.text for s in split(text) if marker in s.text) or text


def best_quote(hits: Hit | Sequence[Hit], claim: str, verify=None) -> tuple[Hit, str]:
    """The sentence of the hits that best matches `claim`, verbatim, and its hit (prose, and standing in
    the original file when `verify` can tell, preferred)."""
    hits = [hits] if isinstance(hits, Hit) else list(hits)
    candidates = [(h, " ".join(s.text.split())) for h in hits for s in split(h.text)]
    if not candidates:
        return hits[0], " ".join(hits[0].text.split())
    matcher = QuestionMatcher(claim, [c for _, c in candidates])

    def rank(hc):
        h, c = hc
        return (verify is None or verify(h, c), is_prose(c), matcher.coverage(c), -abs(len(c) - 160))

    return max(candidates, key=rank)


_REPEATED_MARKER = re.compile(r"(\[\d+\])(?:\s*\1)+")


def cite(text: str, numbered: dict[int, Hit], verify=None) -> tuple[str, list[Citation], int]:
    """Check the markers of a model's `text` against the numbered sources it was given.

    Sources from the same document section get one number (the lowest), so the source list names
    each section once.
    """
    checked = check_markers(text, numbered.keys())
    first_of: dict[tuple, int] = {}
    for n in sorted(numbered):
        first_of.setdefault(passage_key(numbered[n]), n)
    same = {n: first_of[passage_key(h)] for n, h in numbered.items()}
    text = _MARKER.sub(lambda m: f"[{same[int(m.group(1))]}]", checked.text)
    text = _REPEATED_MARKER.sub(r"\1", text)
    citations = []
    for n in sorted({same[n] for n in checked.cited}):
        group = [h for m, h in sorted(numbered.items()) if same[m] == n]
        hit, quote = best_quote(group, claims_citing(text, n), verify)
        citations.append(citation_for(n, hit, quote))
        _span_pages(citations[-1], group)
    return text, citations, checked.invalid
