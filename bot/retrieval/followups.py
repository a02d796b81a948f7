"""A matter's steps side by side: the best candidate and the other document of its matter that ranks.

A matter passes several documents. In a nämnd, an ärende passes several meetings, and the later step
says which decision it continues: "Nämnden gav 2024-02-21 § 18 förvaltningen i uppdrag att presentera
förslag på förnyat bidragssystem" opens the § of May where the nämnd hears how the work went. In
government, a promemoria or betänkande is followed by a lagrådsremiss of the same name, or by a
skrivelse that names it ("Läsdelegationens förslag i betänkandet (SOU 2018:57)"). Two chunks are steps
of one matter when, being of different documents, one cites the other's § ("YYYY-MM-DD § N"), they share
a diarienummer, one's text names the other's government number (SOU, Ds, Dir., Prop., Skr.), or they
bear the same name of TITLE_WORDS words or more, a series number aside. Someone asking about a matter
needs both steps, and the later one often shares fewer words with the question than the start. So when
the best candidate and another candidate are linked, the other comes right after it; when the question
asks what came of something (outcomes.py) and the other is dated later, the other comes first. Only the
candidates' own ranking brings a step in: nothing unrelated to the question is added. Plain data in and
out.

Measured (full corpus, kansli eval's measures, 2026-12-07): the § links alone (session 9) moved a
candidate for 6 of 476 questions and changed one figure, the dev question "Vad hände med arbetet att
förnya bidragen … våren 2024?", whose May § went from hit 8 to hit 2. The other links and the later step
first (session 10), over 746 questions of twenty-five sets: evidence in the top hit 549 -> 553 (seven
gained, among them that dev question, now first, and four of heldout22-23, written before the change;
three lost: two asking how a February decision went, where the May text citing it now comes first, and
one about a remiss), within 4,000 characters 702 -> 703; heldout24, written after, unchanged. A
diarienummer of any kind named in the text as a link too lost three more (Kungsbacka texts name the
KS and KFT numbers of many ärenden) and gained none; so only government numbers count as cited.
"""

from __future__ import annotations

import re

from bot.documents.metadata import find_series_numbers
from bot.index.catalog import dnr_key
from bot.index.chunking import Chunk

# "2024-02-21 § 18", "2024-11-19, § 349": a decision cited by its meeting's date and its paragraph.
CITATION = re.compile(r"\b(\d{4}-\d{2}-\d{2}),? § ?(\d+)\b")
# A protokoll's paragraph opens its section heading: "§ 18 Uppdrag till förvaltningen att …".
PARAGRAPH = re.compile(r"§ ?(\d+)\b")
# What a title says beyond the matter's name: its series number ("…, Ds 2013:63") and the word that makes
# a directive an addition to an earlier one ("Tilläggsdirektiv till Kulturbryggan").
_TITLE_EXTRAS = re.compile(r",?\s*(?:SOU|Ds|Dir\.?|Skr\.?|Prop\.?)\s?\d{4}(?:/\d{2})?:\d+\s*$|^tilläggsdirektiv till\s+",
                           re.IGNORECASE)
TITLE_WORDS = 3  # a shorter title ("Språklag", "Nämndinitiativ!") names a kind of document, not a matter


def paragraph(chunk: Chunk) -> tuple[str, str] | None:
    """(meeting date, paragraph number) of a chunk of a protokoll's §; None for any other chunk."""
    m = PARAGRAPH.match(chunk.section or "")
    return (chunk.date, m.group(1)) if m and chunk.date else None


def cited(chunk: Chunk) -> set[tuple[str, str]]:
    """The (meeting date, paragraph number) of the decisions the chunk's text cites."""
    return set(CITATION.findall(chunk.text))


def numbers(chunk: Chunk) -> set[str]:
    """The document's own numbers (as dnr_key compares them): its diarienummer and a series number in
    its title ("Efter kostnadshyra, Ds 2024:32")."""
    own = find_series_numbers(chunk.title or "") + ([chunk.dnr] if chunk.dnr else [])
    return {dnr_key(n) for n in own}


def cited_numbers(chunk: Chunk) -> set[str]:
    """The government publications the chunk's text names ("… i betänkandet SOU 2018:57")."""
    return {dnr_key(n) for n in find_series_numbers(chunk.text)}


def matter_title(chunk: Chunk) -> str | None:
    """The document's title as the name of its matter, or None when it is too short to name one."""
    title = _TITLE_EXTRAS.sub("", (chunk.title or "").strip()).strip().casefold()
    return title if len(title.split()) >= TITLE_WORDS else None


def linked(a: Chunk, b: Chunk) -> bool:
    """Whether the two chunks are steps of one matter (see the module docstring)."""
    return _links(a)(b)


def _links(a: Chunk):
    """A test of whether a chunk is linked to ``a``, with what ``a`` is and cites read once."""
    pa, cites = paragraph(a), cited(a)
    own, names, title = numbers(a), cited_numbers(a), matter_title(a)

    def test(b: Chunk) -> bool:
        if (b.source, b.part) == (a.source, a.part):
            return False
        if (pa is not None and pa in cited(b)) or paragraph(b) in cites:
            return True
        theirs = numbers(b)
        return bool(own & theirs or own & cited_numbers(b) or theirs & names) or \
            (title is not None and title == matter_title(b))
    return test


def followed(ranked: list[tuple[Chunk, float]], reach: int, later_first: bool = False) -> list[tuple[Chunk, float]]:
    """``ranked`` (chunk, score), best first, with the best-ranked chunk among the first ``reach`` that
    is linked to the first chunk moved right after it; each keeps its own score. With ``later_first``
    (the question asks what came of something) the later-dated of the two comes first."""
    if len(ranked) < 2:
        return ranked
    to_first = _links(ranked[0][0])
    for i in range(1, min(reach, len(ranked))):
        if to_first(ranked[i][0]):
            first, step = ranked[0], ranked[i]
            if later_first and (step[0].date or "") > (first[0].date or ""):
                first, step = step, first
            return [first, step, *ranked[1:i], *ranked[i + 1:]]
    return ranked
