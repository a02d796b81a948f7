"""A question about what came of something: its later documents first.

"Hur gick det med SD:s initiativ om Hanhals IF?", "Förslaget om bemannade skolbibliotek i somras 2024 –
gick det igenom?", "Vad gjorde nämnden sen med lokalbehovsplanen?": the question names the start of the
matter (the initiativ, the proposal, the first information) in the words of its first document, which
therefore ranks first; what happened stands in a later one (the decision, the law passed, the next
meeting). Among the first candidates, the later a document is dated the larger its bonus: up to
OUTCOME_BONUS standard deviations of their scores, by the rank of its date. Plain data in and out.

Measured (full corpus, kansli eval's measures, 2026-12-07) on 506 questions of seventeen sets, 48 of
which ask what came of something (`heldout16`, half of whose questions do, prompted the idea): evidence
in the top hit 415 -> 418, within 4,000 characters 488 -> 488, none lost; the same with the first 10 or
30 candidates; a bonus of 2-3 gained one more top hit of `heldout16` and lost a dev question within
4,000 characters. Then on three sets written blind after it, half of each about what came of
something: `heldout17` top hit 16 -> 18 of 30, within 4,000 characters 25 -> 26; `heldout18` 14 -> 14,
28 -> 27; `heldout19` 15 -> 15, 23 -> 24 (with followups.py); `heldout20` unchanged; `heldout21` 14 -> 13
("Vad sa vi till slut i remissvaret …?" asks for a view), 28 -> 28. A small gain on balance.

Recognising the question: the phrases of ASKS_FOR_OUTCOME (session 9) catch about a third to half of
such questions. Since followups.py puts a later step of the best candidate's matter first for them
(session 10), recognising them pays, so a question also counts when it names how a matter started
(NAMES_START) and asks beyond it (ASKS_BEYOND). Drawn from the misses of heldout16-24 (115 of their 144
such questions recognised, the phrases alone 60; none of the 126 others; 31 of 476 older questions
flagged, 28 before); measured blind on heldout25, written after it: 12 of its 20 such questions
recognised (4 before) and none of its 10 others, evidence in the top hit 12 -> 15 of 30, none lost,
within 4,000 characters unchanged; on the 746 seen questions, top hit 553 -> 564, none lost.

The course of a matter (session 10): even recognised, such a question still found its start first, its
outcome mostly at hits 2-4, when the two documents are not linked (followups.py) and the start's date
ranks far ahead. A kind of document tells how far along a matter it stands (STAGES): a betänkande
answers a directive, a lagrådsremiss or a skrivelse follows a betänkande, the nämnd's decision follows
an initiativ. So of the first candidate and the next STAGE_REACH, the one furthest along, dated after
the first, comes first (furthest_first). Drawn from the misses of heldout16-27: on their 836 questions
with the dev set and the older sets, evidence in the top hit 605 -> 632, none lost, within 4,000
characters unchanged (the next 5 instead of 3: +31, -3); the evidence in 2 more answers, none lost.
Then blind on heldout28, written after it: top hit 12 -> 15 of 30, none lost. Press releases given a
stage (they announce outcomes, but starts and hand-overs too): 5 gained, 6 lost.
bot/answering/extractive.py (later_step) quotes the later document for the same questions.
"""

from __future__ import annotations

import re

from bot.index.chunking import Chunk
from bot.retrieval.fusion import lifted

ASKS_FOR_OUTCOME = re.compile(
    r"\b(?:hur gick det|hur har det gått|hur slutade|vad hände|vad har hänt|blev det (?:något|nåt|någon|några|av)"
    r"|vad blev det av|till slut|sedan dess|sen dess|gick (?:det|förslaget|den|de) igenom|åt vilket håll"
    r"|vad gjorde \w+ sen)\b", re.I)
# Or the question names how a matter started (a document that opens one, or what someone proposed)
# and asks beyond it: what became of it, led to, was brought in, afterwards, now, what the government
# or the nämnd did. "Ds 2024:32 om kostnadshyran – har regeringen bestämt något?", "Läsdelegationen
# föreslog ett läsråd 2018. Vad sa regeringen sen?", "Ledde Kultursamverkansutredningen till något?"
_START = (r"\w*utredning\w*|\w*betänkande\w*|\w*promemori\w*|ds|sou|dir|\w*direktiv\w*|\w*kommitté\w*|\w*uppdrag\w*"
          r"|\w*initiativ\w*|\w*motion\w*|\w*remiss\w*|\w*förslag\w*")
NAMES_START = re.compile(rf"\b(?:{_START}|föreslog|ville|yrkade|nominerade|skulle|tillsattes|lämnade)\b", re.I)
ASKS_BEYOND = re.compile(
    rf"\b(?:blev|ledde|infördes|antogs|inrättades|genomfördes|landade|sen|sedan|efteråt|nu|i dag|idag|vidare"
    rf"|efter (?:\w+ ){{0,2}}?(?:{_START})|kom det"
    r"|har (?:\w+ ){0,2}(?:bestämt|beslutat|gjort|levererat|återkommit|hänt)"
    r"|finns det (?:något|nåt|någon) (?:beslut|lag\w*|proposition)|fick (?:\w+ ){0,3}(?:lag\w*|uppdraget)"
    r"|(?:tog|sa|gjorde) regeringen|togs det)\b", re.I)
OUTCOME_BONUS = 1.0  # standard deviations of the candidates' scores, for the latest date
OUTCOME_REACH = 20  # candidates whose dates are compared


# Where a kind of document stands in the course of a matter: a directive or an initiativ opens it, a
# betänkande or promemoria answers the directive, a remiss and the förvaltning's tjänsteutlåtande follow,
# then the bill to the Lagråd, the proposition or the government's skrivelse, the nämnd's decision. Kinds
# that can stand anywhere (press releases, articles, reports) have no stage.
STAGES = {
    "direktiv": 0, "initiativ": 0, "motion": 0,
    "sou": 1, "promemoria": 1, "regeringsuppdrag": 1,
    "remiss": 2, "tjänsteutlåtande": 2, "yttrande": 2,
    "lagrådsremiss": 3, "protokollsutdrag": 3, "protokoll": 3,
    "proposition": 4, "skrivelse": 4,
}
STAGE_REACH = 3  # candidates after the first that may be further along


def asks_for_outcome(question: str) -> bool:
    """Whether the question asks what came of something: one of ASKS_FOR_OUTCOME's phrases, or a start
    it names (NAMES_START) and a step beyond it it asks for (ASKS_BEYOND)."""
    return bool(ASKS_FOR_OUTCOME.search(question)) or bool(NAMES_START.search(question) and ASKS_BEYOND.search(question))


def later_first(ranked: list[tuple[Chunk, float]]) -> list[tuple[Chunk, float]]:
    """The first OUTCOME_REACH chunks re-ranked with a bonus by the rank of their document's date among
    theirs (the earliest none, the latest OUTCOME_BONUS standard deviations; undated none); the rest as
    they were."""
    head = ranked[:OUTCOME_REACH]
    dates = sorted({chunk.date for chunk, _ in head if chunk.date})
    if len(dates) < 2:
        return ranked
    later = {date: i / (len(dates) - 1) for i, date in enumerate(dates)}
    return lifted(head, OUTCOME_BONUS, lambda chunk: later.get(chunk.date, 0.0)) + ranked[OUTCOME_REACH:]


def furthest_first(ranked: list[tuple[Chunk, float]]) -> list[tuple[Chunk, float]]:
    """``ranked`` with, when the first chunk's document has a stage (STAGES) and one of the next
    STAGE_REACH is dated after it and further along, the one furthest along first (of equals the
    better-ranked); the rest in their order, each with its own score."""
    if not ranked or (start := STAGES.get(ranked[0][0].doc_type or "")) is None:
        return ranked
    best, furthest = None, start
    for i, (chunk, _) in enumerate(ranked[1:STAGE_REACH + 1], start=1):
        stage = STAGES.get(chunk.doc_type or "")
        if stage is not None and stage > furthest and (chunk.date or "") > (ranked[0][0].date or ""):
            best, furthest = i, stage
    return ranked if best is None else [ranked[best], *ranked[:best], *ranked[best + 1:]]
