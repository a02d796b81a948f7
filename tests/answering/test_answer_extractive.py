"""Extractive answers: quotes that stand in their sources, cited; plain words when nothing is found."""

from __future__ import annotations

import re

from bot.answering.extractive import extractive_answer
from tests.answering.sample_hits import BUDGET, DANS, REGIONAL, hit

HITS = [BUDGET, REGIONAL, DANS]


def test_quotes_stand_in_their_sources_and_every_marker_has_a_citation():
    result = extractive_answer("Vilken dansinstitution drivs gemensamt av Falkenberg och Kungsbacka?", HITS)
    assert result.found and result.mode == "extractive"
    by_n = {c.n: c for c in result.citations}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", result.answer)}
    assert markers and markers <= by_n.keys()
    sources = {h.source: h.text for h in HITS}
    assert all(c.quote in sources[c.source] for c in result.citations)
    assert by_n[1].source == DANS.source  # the relevant passage first, although the hit ranked last
    assert "Rum för Dans" in result.answer


def test_compound_words_match_their_parts():
    samverkan = hit(5, "Samverkan med kommunerna sker i flera olika former, bland annat i nätverk och på konferenser.")
    result = extractive_answer("Vilka samverkansformer finns?", HITS + [samverkan])
    assert result.found and result.citations[0].source == samverkan.source


def test_nothing_relevant_says_so_instead_of_quoting_noise():
    result = extractive_answer("Vilka regler gäller för fiske med nät i sjöar?", HITS)
    assert not result.found and result.citations == []
    assert "hittade inget" in result.answer and "formulera om" in result.answer


def test_tables_and_page_furniture_are_not_quoted():
    table = hit(4, "| Ärende | Beteckning |\n| --- | --- |\n| Rum för Dans dansinstitution | KFT-2024-00001 |\n\n"
                   "Rum för Dans är en dansinstitution i Halland som får stöd av kommunen.")
    result = extractive_answer("Vad är Rum för Dans?", [table])
    assert result.found and "|" not in result.answer and "dansinstitution i Halland" in result.answer
