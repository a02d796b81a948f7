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


def _markers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", text)]


def test_a_neighbour_that_answers_another_part_of_the_question_joins_the_quote():
    plan = hit(6, "Biblioteksplanen gäller för åren 2025 till 2030 i hela kommunen. Den följs upp av nämnden "
                  "varje år i verksamhetsberättelsen.\n\nBokbussen kör till tolv orter i kommunen.")
    result = extractive_answer("Vilka år gäller biblioteksplanen och hur följs den upp?", [plan])
    assert result.found
    quote = result.citations[0].quote
    assert "2025 till 2030" in quote and "följs upp" in quote  # one verbatim passage of both sentences
    assert quote in plan.text and "Bokbussen" not in result.answer


def test_several_relevant_passages_of_one_section_share_one_number():
    decision = dict(source="protokoll.md", section="§ 24 Hanhals IF", title="Protokoll", dnr="KFT-2024-00100")
    a = hit(7, "Nämnden beslutar att dra in föreningsbidraget till Hanhals IF om ingen åtgärdsplan kommer in.",
            page_start=12, page_end=12, **decision)
    b = hit(8, "Under 2023 betalades 381 549 kr i föreningsbidrag ut till Hanhals IF.", page_start=13, page_end=13,
            **decision)
    result = extractive_answer("Vad beslutade nämnden om Hanhals IF och hur mycket föreningsbidrag fick de 2023?",
                               [a, b, BUDGET])
    assert "dra in föreningsbidraget" in result.answer and "381 549 kr" in result.answer
    assert len(result.citations) == 1  # the source list names the section once ...
    c = result.citations[0]
    assert set(_markers(result.answer)) == {c.n} and (c.page_start, c.page_end) == (12, 13)  # ... with its pages
    assert c.quote in a.text or c.quote in b.text


def test_a_passage_repeated_in_another_hit_is_quoted_once():
    proposal = hit(1, "Förvaltningen föreslår att nämnden antar riktlinjerna för offentlig konst i Kungsbacka.")
    decision = hit(2, "Nämnden beslutar: Förvaltningen föreslår att nämnden antar riktlinjerna för offentlig konst "
                      "i Kungsbacka.")
    result = extractive_answer("Vad föreslogs om riktlinjerna för offentlig konst?", [proposal, decision])
    assert result.answer.count("antar riktlinjerna") == 1


def test_a_short_sentence_takes_the_next_one_along_for_context():
    short = hit(9, "Rum för Dans får stöd. Stödet är 200 000 kronor om året och gäller till och med 2026.")
    result = extractive_answer("Får Rum för Dans stöd?", [short])
    assert result.citations[0].quote == short.text  # "Rum för Dans får stöd." alone says too little
