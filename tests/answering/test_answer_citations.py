"""The citation checker: every [n] names a given source; quotes stand verbatim in that source."""

from __future__ import annotations

from bot.answering.citations import check_markers, cite
from bot.documents.sentences import split
from tests.answering.sample_hits import DANS, REGIONAL


def test_markers_to_sources_not_given_are_removed_and_counted():
    checked = check_markers("Först [1]. Sedan [2, 5]. Sist [4] .", {1, 2})
    assert checked.text == "Först [1]. Sedan [2]. Sist." and checked.cited == [1, 2] and checked.invalid == 2


def test_citations_quote_the_sentence_that_supports_the_claim():
    text, citations, invalid = cite("Rum för Dans drivs av tre parter [2]. Mötet hålls två gånger per år [1].",
                                    {1: REGIONAL, 2: DANS})
    assert invalid == 0 and [c.n for c in citations] == [1, 2]
    assert citations[0].quote == "Det kulturpolitiska samverkansmötet i Halland träffas två gånger per år."
    assert citations[1].quote in DANS.text and "drivs gemensamt" in citations[1].quote
    assert citations[1].dnr == DANS.dnr and citations[1].title == DANS.title


def test_swedish_abbreviations_do_not_end_sentences():
    text = "Stödet gäller bl.a. föreningar, t.ex. idrottsklubbar. Ansökan görs senast 1 mars. Därefter beslutar nämnden."
    assert [s.text for s in split(text)] == [
        "Stödet gäller bl.a. föreningar, t.ex. idrottsklubbar.", "Ansökan görs senast 1 mars.",
        "Därefter beslutar nämnden.",
    ]


def test_sources_from_one_document_section_are_cited_under_one_number():
    from tests.answering.sample_hits import hit

    part1 = hit(4, "Förvaltningen ser positivt på samverkan i Stockholmsregionen.", source="utlatande.txt",
                section="Förvaltningens synpunkter", page_start=3, page_end=3)
    part2 = hit(5, "Förvaltningen anser att samverkansmodellen bör införas stegvis.", source="utlatande.txt",
                section="Förvaltningens synpunkter", page_start=4, page_end=4)
    text, citations, invalid = cite("Förvaltningen är positiv [1]. Modellen bör införas stegvis [2][1]. "
                                    "Dans drivs gemensamt [3].", {1: part1, 2: part2, 3: DANS})
    assert invalid == 0
    assert text == "Förvaltningen är positiv [1]. Modellen bör införas stegvis [1]. Dans drivs gemensamt [3]."
    assert [c.n for c in citations] == [1, 3] and citations[0].source == "utlatande.txt"
    assert (citations[0].page_start, citations[0].page_end) == (3, 4)  # the pages of both passages
    assert citations[0].quote in part1.text or citations[0].quote in part2.text
