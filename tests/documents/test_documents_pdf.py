"""PDF reading: what a person notices in the text that comes out, and clear reasons for bad files."""

from __future__ import annotations

import pytest

from bot.documents import UnreadableDocument, read_document
from tests.documents.fixtures import (
    encrypted_pdf,
    image_only_pdf,
    letterhead_pdf,
    statement_pdf,
    table_pdf,
    two_column_pdf,
)


@pytest.fixture
def statement(tmp_path):
    path = statement_pdf(tmp_path / "utlatande.pdf")
    [st] = read_document(path, "utlatande.pdf")
    return st


def test_symbol_font_bullets_become_list_items(statement):
    text = statement.text
    assert "• Stockholms stad ingår i dialogen kring handlingsplanen." in text
    assert "• Samverkan pågår kring länsfunktionerna inom dans och film." in text
    assert "\uf0b7" not in text


def test_hyphenation_joined_only_inside_one_word(statement):
    text = statement.text
    assert "kultursamverkansmodellen" in text
    assert "regionens kulturförvaltning" in text
    assert "kultur- och fritidschefer" in text
    assert "Barn- och ungdomsnämnden" in text
    assert "kultur-\n" not in text


def test_page_furniture_removed(statement):
    text = statement.text
    assert "KULTURFÖRVALTNINGEN" not in text
    assert "08-508 319 00" not in text
    assert "(3)" not in text


def test_sections_carry_headings_and_pages(statement):
    headings = [s.heading for s in statement.sections]
    assert headings == ["Förslag till beslut", "Sammanfattning", "Förvaltningens synpunkter", "Regionala samtal",
                        "Bilaga"]
    by_heading = {s.heading: s for s in statement.sections}
    assert (by_heading["Sammanfattning"].page_start, by_heading["Sammanfattning"].page_end) == (1, 1)
    assert by_heading["Förvaltningens synpunkter"].page_start == 2
    assert by_heading["Bilaga"].page_end == 3
    assert (statement.page_start, statement.page_end) == (1, 3)


def test_paragraphs_found_without_blank_lines(statement):
    samtal = next(s for s in statement.sections if s.heading == "Regionala samtal")
    assert samtal.text.split("\n\n") == [
        "Kulturförvaltningen deltar i de regionala samtal som landstinget bjuder in till och delar med sig av "
        "erfarenheter från stadens arbete med kulturella och kreativa näringar. Samtalen hålls två gånger per år.",
        "Nästa samtal gäller länsfunktionerna inom dans, film och bibliotek och hålls under hösten.",
    ]


def test_metadata_from_the_text(statement):
    assert statement.title == "Svar på skrivelse om regional samverkan"
    assert statement.dnr == "6.1/1085/2013"
    assert statement.doc_type == "tjänsteutlåtande"
    assert [(p.name, p.party) for p in statement.authors] == [("Ann Mari Engel", "V"), ("Mats Berglund", "MP")]


def test_two_columns_read_in_order(tmp_path):
    [st] = read_document(two_column_pdf(tmp_path / "spalter.pdf"), "spalter.pdf")
    text = st.text
    assert "Vänster spalt börjar här och fortsätter i vänster spalt." in text
    assert "Höger spalt börjar här och fortsätter i höger spalt." in text
    assert text.index("Vänster") < text.index("Höger")


def test_table_rows_stay_readable(tmp_path):
    [st] = read_document(table_pdf(tmp_path / "tabell.pdf"), "tabell.pdf")
    lines = st.text.splitlines()
    assert "Uttag ur Hasselgrenska fonden | KFT-2024-00247" in lines
    assert "Revidering av delegeringsförteckning | KFT-2024-00246" in lines
    assert "Föredragningslista för nämndens sammanträde." in st.text


def test_encrypted_pdf_is_refused_with_reason(tmp_path):
    source = statement_pdf(tmp_path / "open.pdf")
    path = encrypted_pdf(tmp_path / "locked.pdf", source)
    with pytest.raises(UnreadableDocument, match="krypterad"):
        read_document(path, "locked.pdf")


def test_image_only_pdf_has_no_text(tmp_path):
    with pytest.raises(UnreadableDocument, match="ingen text"):
        read_document(image_only_pdf(tmp_path / "scan.pdf"), "scan.pdf")


def test_truncated_pdf_is_refused(tmp_path):
    data = statement_pdf(tmp_path / "full.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableDocument, match="ofullständig"):
        read_document(path, "cut.pdf")


def test_corrupt_pdf_is_refused(tmp_path):
    path = tmp_path / "trasig.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf\n%%EOF\n")
    with pytest.raises(UnreadableDocument, match="PDF"):
        read_document(path, "trasig.pdf")


def test_not_a_pdf_at_all(tmp_path):
    path = tmp_path / "fel.pdf"
    path.write_bytes(b"PK\x03\x04 a zip file named .pdf")
    with pytest.raises(UnreadableDocument, match="inte en giltig PDF"):
        read_document(path, "fel.pdf")


def test_meeting_pack_pdf_is_split_into_its_documents(tmp_path):
    from tests.documents.fixtures import meeting_pack_pdf

    statements = read_document(meeting_pack_pdf(tmp_path / "handlingar.pdf"), "handlingar.pdf")
    assert [s.doc_type for s in statements] == ["tjänsteutlåtande", "protokollsutdrag", "initiativ"]
    skrivelse, utdrag, initiativ = statements
    assert (skrivelse.page_start, skrivelse.page_end) == (1, 2)
    assert skrivelse.title == "Initiativ från Alliansen: samlingsplats för ungdomar"
    assert (skrivelse.dnr, skrivelse.date) == ("KFT-2023-00356", "2024-01-11")
    assert [s.heading for s in skrivelse.sections] == [
        "Förslag till beslut i nämnden för Kultur & Fritid", "Sammanfattning av ärendet", "Beskrivning av ärendet"]
    assert [(p.name, p.role) for p in skrivelse.signatories] == [
        ("Karl Persson", "Förvaltningschef"), ("Marie Persson", "Verksamhetschef")]
    assert "www.kungsbacka.se" not in skrivelse.text and "Karl Persson" not in skrivelse.text
    assert (utdrag.dnr, utdrag.date, utdrag.page_start) == ("KFT-2023-00356", "2023-11-22", 3)
    assert utdrag.sections[0].heading == "Beslut"
    assert initiativ.page_start == 4
    assert [(p.name, p.party) for p in initiativ.authors] == [("Helene Engstrand", "KD"), ("Annika Hedman", "C")]


_SHORT_SECOND_PAGE = [
    ["Svar på skrivelse om kulturskolans avgifter", "Förslag till beslut",
     "Kulturnämnden godkänner förvaltningens tjänsteutlåtande som svar på skrivelsen.", "Sammanfattning",
     "Förvaltningen föreslår att avgiften för kulturskolan sänks till 300 kronor per termin för",
     "barn i familjer med försörjningsstöd."],
    ["Förvaltningens synpunkter",
     "Förvaltningen anser att en lägre avgift ökar deltagandet bland barn i ytterstadens",
     "stadsdelar. Kostnaden beräknas till 1,2 miljoner kronor per år och ryms i budgeten.",
     "Berit Svedberg", "Kulturdirektör"],
]


def test_a_short_page_keeps_its_text_under_a_header_with_a_page_number(tmp_path):
    # "Sida 2 (2)" in the header of a page of a few lines once started the footer: the page was lost.
    [st] = read_document(letterhead_pdf(tmp_path / "kort.pdf", _SHORT_SECOND_PAGE), "kort.pdf")
    by_heading = {s.heading: s for s in st.sections}
    assert "Kostnaden beräknas till 1,2 miljoner kronor per år" in by_heading["Förvaltningens synpunkter"].text
    assert by_heading["Förvaltningens synpunkter"].page_start == 2
    assert "300 kronor per termin" in by_heading["Sammanfattning"].text
    assert [(p.name, p.role) for p in st.signatories] == [("Berit Svedberg", "Kulturdirektör")]


def test_two_page_letterhead_is_furniture_and_not_the_title(tmp_path):
    [st] = read_document(letterhead_pdf(tmp_path / "kort.pdf", _SHORT_SECOND_PAGE), "kort.pdf")
    assert st.title == "Svar på skrivelse om kulturskolans avgifter"
    assert st.dnr == "6.1/0420/2024"
    for furniture in ("Box 16113", "08-508 31 900", "stockholm.se", "Sida", "Kulturförvaltningen", "Dnr"):
        assert furniture not in st.text


def test_one_page_letterhead_is_not_the_title(tmp_path):
    [st] = read_document(letterhead_pdf(tmp_path / "en.pdf", _SHORT_SECOND_PAGE[:1]), "en.pdf")
    assert st.title == "Svar på skrivelse om kulturskolans avgifter"
    assert "Box 16113" not in st.text and "stockholm.se" not in st.text
    assert "Kulturnämnden godkänner förvaltningens tjänsteutlåtande" in st.text


def test_a_pdf_page_that_cannot_be_extracted_is_noted_by_number(tmp_path, monkeypatch, caplog):
    from pypdf import PageObject

    extract = PageObject.extract_text

    def broken_second_page(page, *args, **kwargs):
        if "Sida 2 (2)" in extract(page, *args, **kwargs):
            raise ValueError("broken content stream")
        return extract(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", broken_second_page)
    with caplog.at_level("INFO", logger="bot.documents"):
        [st] = read_document(letterhead_pdf(tmp_path / "kort.pdf", _SHORT_SECOND_PAGE), "arenden/kort.pdf")
    assert "300 kronor per termin" in st.text  # the rest of the file is read
    assert st.warnings == ["Sidan 2 kunde inte läsas och hoppades över."]
    assert any("arenden/kort.pdf" in r.getMessage() and "Sidan 2" in r.getMessage() for r in caplog.records)


def test_pdf_title_stops_at_the_heading_under_it(tmp_path):
    # PDF text has no blank lines: the heading right under the title once became part of the title.
    pages = [["Yttrande över remiss av", "Kulturrådets förslag till ny bidragsordning", "Avsnitt 1",
              "Förvaltningen anser att en lägre avgift ökar deltagandet bland barn."],
             ["Avsnitt 2", "Förvaltningen anser att kostnaden ryms i budgeten för år 2025."]]
    [st] = read_document(letterhead_pdf(tmp_path / "yttrande.pdf", pages), "yttrande.pdf")
    assert st.title == "Yttrande över remiss av Kulturrådets förslag till ny bidragsordning"
    assert [s.heading for s in st.sections] == ["Avsnitt 1", "Avsnitt 2"]
