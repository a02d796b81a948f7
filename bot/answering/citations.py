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
from bot.answering.sentences import QuestionMatcher, is_prose, split
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
        else:
            pages = [p for p in (c.page_start, c.page_end, hit.page_start, hit.page_end) if p is not None]
            c.page_start, c.page_end = (min(pages), max(pages)) if pages else (None, None)
        numbers.append(c.n)
    return numbers, list(by_key.values())


def claims_citing(text: str, n: int) -> str:
    """The sentences of `text` that carry the marker [n] (what the source is cited for)."""
    marker = f"[{n}]"
    return " ".join(s.text for s in split(text) if marker in s.text) or text


def best_quote(hit: Hit, claim: str, verify=None) -> str:
    """The sentence of the hit that best matches `claim`, verbatim (prose, and standing in the original
    file when `verify` can tell, preferred)."""
    candidates = [" ".join(s.text.split()) for s in split(hit.text)]
    if not candidates:
        return " ".join(hit.text.split())
    matcher = QuestionMatcher(claim, candidates)

    def rank(c: str):
        return (verify is None or verify(hit, c), is_prose(c), matcher.coverage(c), -abs(len(c) - 160))

    return max(candidates, key=rank)


def cite(text: str, numbered: dict[int, Hit], verify=None) -> tuple[str, list[Citation], int]:
    """Check the markers of a model's `text` against the numbered sources it was given."""
    checked = check_markers(text, numbered.keys())
    citations = [
        citation_for(n, numbered[n], best_quote(numbered[n], claims_citing(checked.text, n), verify))
        for n in sorted(checked.cited)
    ]
    return checked.text, citations, checked.invalid
