"""A question about what the administration said or thinks: its own statements first.

"Vad svarade nämnden på SD-motionen om lustgas?", "Vad tycker Kultur & Fritid om S-motionen …?": the
answer is in the tjänsteutlåtande or yttrande that answers the proposal. The proposal itself, its
registration and its referral ("Anmälan av motion", "Remittering av motion") repeat the question's words
more often and would otherwise rank first. Plain data in and out.

Measured (full corpus, kansli eval's measures, 2026-12-06, 326 questions of eleven sets, 11 of which ask
for a view): a bonus of 2 standard deviations of the candidates' scores put the evidence in the top hit
for 276 instead of 274 and within 4,000 characters for 317 instead of 315, and lost none; 1.0 gained one
of each, 3.0 the same as 2.0.
"""

from __future__ import annotations

import re

from bot.index.chunking import Chunk
from bot.retrieval.fusion import lifted

# Also what extractive answers read as asking for the administration's view (bot/answering/extractive.py).
ASKS_FOR_VIEW = re.compile(r"\b(?:tycker|tyckte|anser|ansåg|svara\w*|bedöm\w*|synpunkt\w*|ställning\w*|inställning\w*"
                           r"|yttra\w*|föreslog|föreslår)\b", re.I)
# The administration's own statements (bot/documents/model.py DOC_TYPES; a Kungsbacka tjänsteskrivelse
# is read as a tjänsteutlåtande).
STATEMENT_TYPES = frozenset({"tjänsteutlåtande", "yttrande"})
VIEW_BONUS = 2.0  # standard deviations of the candidates' scores


def asks_for_view(question: str) -> bool:
    return bool(ASKS_FOR_VIEW.search(question))


def statements_first(ranked: list[tuple[Chunk, float]]) -> list[tuple[Chunk, float]]:
    """Chunks re-ranked with VIEW_BONUS standard deviations of the candidates' scores for the
    administration's own statements."""
    return lifted(ranked, VIEW_BONUS, lambda chunk: float(chunk.doc_type in STATEMENT_TYPES))
