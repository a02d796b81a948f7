"""DOCX, Markdown and plain text: structure, metadata and clear reasons for files that cannot be read."""

from __future__ import annotations

import json

import pytest

from bot.documents import UnreadableDocument, read_document, read_text
from tests.documents.fixtures import statement_docx


def test_docx_headings_lists_and_tables_in_order(tmp_path):
    [st] = read_document(statement_docx(tmp_path / "svar.docx"), "svar.docx")
    # The label and the Dnr line above the first heading are the head: metadata, as in a PDF.
    assert [s.heading for s in st.sections] == ["Förslag till beslut", "Ärendet", "Förvaltningens synpunkter"]
    arendet = st.sections[1].text
    assert "• avgifterna ses över under 2025,\n• syskonrabatten behålls." in arendet
    assert "Instrumentundervisning | 650 kr" in arendet.splitlines()
    assert arendet.index("syskonrabatten") < arendet.index("Instrumentundervisning")
    assert st.title == "Svar på skrivelse om kulturskolan"
    assert st.dnr == "6.1/2040/2024"
    assert st.doc_type == "tjänsteutlåtande"
    assert [(p.name, p.party) for p in st.authors] == [("Anna Svensson", "S"), ("Karin Berg", "V")]


def test_corrupt_docx(tmp_path):
    path = tmp_path / "trasig.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableDocument, match="Word-filen"):
        read_document(path, "trasig.docx")


MEETING_PACK = """---
kommun: kungsbacka
organ: kultur
datum: 2024-01-24
typ: handlingar
kalla_url: https://kungsbacka.se/download/handlingar.pdf
---

<!-- sida 1 -->

KALLELSE/UNDERRÄTTELSE

| | Ärende | Beteckning | Förslag |
| --- | --- | --- | --- |
| 5. | Initiativ från Alliansen:<br>samlingsplats för ungdomar<br>Föredragande: Marie Persson<br>15 min | KFT-2023-<br>00356 | Nämnden anser initiativet ligga i linje<br>med förvaltningens uppdrag. |

<!-- sida 2 -->

TJÄNSTESKRIVELSE

Datum
2024-01-11
Diarienummer
KFT-2023-00356

Initiativ från Alliansen: samlingsplats för ungdomar

Förslag till beslut i nämnden för Kultur & Fritid

Nämnden anser initiativet ligga i linje med förvaltningens uppdrag.

Sammanfattning av ärendet
Helene Engstrand (KD), Annika Hedman (C) och Maria Gathendahl (M)

inkom 2023-11-22 med initiativ om en samlingsplats för barn- och
ungdomsverksamhet.

1 (2)
Förvaltningen för Kultur & Fritid                         Kungsbacka kommun
434 81 Kungsbacka
Telefon 0300-83 40 00
www.kungsbacka.se

<!-- sida 3 -->

KUNGSBACKA  KOMMUN
2 (2)

Beskrivning av ärendet

\uf0b7  Vi har utökat öppettiderna på Fyren och Protonen.
\uf0b7  Ungdomarnas största behov är en plats att träffas på.

Karl Persson                       Marie Persson
Förvaltningschef                   Verksamhetschef

<!-- sida 4 -->

YTTRANDE
Till                                                  Datum
Kommunstyrelsen                                  2024-04-25

Diarienummer
KFT-2024-00123

Yttrande över Region Hallands remiss

Sammanfattande inställning

Kommunen instämmer i de stora dragen i remissutgåvan.
"""


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "2024-01-24_handlingar.md"
    path.write_text(MEETING_PACK, encoding="utf-8")
    return read_document(path, "handlingar/2024-01-24_handlingar.md")


def test_meeting_pack_split_into_its_documents(pack):
    assert [s.doc_type for s in pack] == ["kallelse", "tjänsteutlåtande", "yttrande"]
    assert [s.part for s in pack] == [0, 1, 2]
    assert all(s.source == "handlingar/2024-01-24_handlingar.md" for s in pack)
    kallelse, skrivelse, yttrande = pack
    assert (skrivelse.page_start, skrivelse.page_end) == (2, 3)
    assert (yttrande.page_start, yttrande.page_end) == (4, 4)


def test_agenda_rows_become_sections_with_joined_dnr(pack):
    kallelse = pack[0]
    item = kallelse.sections[0]
    assert item.heading == "5. Initiativ från Alliansen: samlingsplats för ungdomar"
    assert "Beteckning: KFT-2023-00356" in item.text
    assert "Förslag: Nämnden anser initiativet ligga i linje med förvaltningens uppdrag." in item.text
    assert kallelse.date == "2024-01-24"


def test_tjansteskrivelse_metadata_and_sections(pack):
    st = pack[1]
    assert st.title == "Initiativ från Alliansen: samlingsplats för ungdomar"
    assert st.dnr == "KFT-2023-00356"
    assert st.date == "2024-01-11"
    assert st.url == "https://kungsbacka.se/download/handlingar.pdf"
    assert st.organisation == "Kungsbacka kommun, Nämnden för Kultur & Fritid"
    assert [s.heading for s in st.sections] == [
        "Förslag till beslut i nämnden för Kultur & Fritid",
        "Sammanfattning av ärendet",
        "Beskrivning av ärendet",
    ]
    summary = st.sections[1].text
    assert "(M) inkom 2023-11-22" in summary  # a blank line inside a sentence is not a paragraph break
    assert "barn- och ungdomsverksamhet" in summary
    description = st.sections[2]
    assert description.page_start == 3
    assert "• Vi har utökat öppettiderna på Fyren och Protonen.\n• Ungdomarnas" in description.text
    assert [(p.name, p.party) for p in st.authors] == [
        ("Helene Engstrand", "KD"), ("Annika Hedman", "C"), ("Maria Gathendahl", "M")]
    assert [(p.name, p.role) for p in st.signatories] == [
        ("Karl Persson", "Förvaltningschef"), ("Marie Persson", "Verksamhetschef")]
    text = st.text
    for furniture in ("0300-83 40 00", "www.kungsbacka.se", "KUNGSBACKA", "1 (2)", "Karl Persson"):
        assert furniture not in text


def test_yttrande_title_and_dnr(pack):
    st = pack[2]
    assert st.title == "Yttrande över Region Hallands remiss"
    assert st.dnr == "KFT-2024-00123"
    assert st.date == "2024-04-25"
    assert st.sections[0].heading == "Sammanfattande inställning"


def test_front_matter_written_by_staff(tmp_path):
    path = tmp_path / "eget.md"
    path.write_text(
        "---\ntitel: Kulturstrategi för Söderort\ndatum: 2023-05-02\ndiarienummer: 6.1/0420/2023\n"
        "organisation: Stockholms stad, kulturförvaltningen\nurl: https://example.se/strategi.pdf\n---\n\n"
        "TJÄNSTEUTLÅTANDE\n\nDatum\n2022-01-01\n\n# Bakgrund\n\nStrategin tar sikte på barn- och ungdomskultur.\n\n## Mål\n\n* Fler besök\n* Fler läsare\n",
        encoding="utf-8",
    )
    [st] = read_document(path, "eget.md")
    assert st.title == "Kulturstrategi för Söderort"
    assert (st.date, st.dnr) == ("2023-05-02", "6.1/0420/2023")  # front matter wins over the text
    assert st.doc_type == "tjänsteutlåtande"
    assert st.organisation == "Stockholms stad, kulturförvaltningen"
    assert st.url == "https://example.se/strategi.pdf"
    assert [s.heading for s in st.sections] == ["Bakgrund", "Mål"]
    assert st.sections[1].text == "• Fler besök\n• Fler läsare"

    # the type named as staff write it, or as search --json names the field
    for key in ("dokumenttyp", "doc_type"):
        path.write_text(f"---\n{key}: yttrande\n---\n\nKulturförvaltningen tillstyrker förslaget.\n", encoding="utf-8")
        assert read_document(path, "eget.md")[0].doc_type == "yttrande", key


def test_sidecar_metadata_for_government_pages(tmp_path):
    folder = tmp_path / "regeringen" / "rattsliga-dokument" / "kommittedirektiv" / "2022" / "07"
    folder.mkdir(parents=True)
    (folder / "dir.-2022103.md").write_text(
        "# Översyn av kultursamverkansmodellen\n\nEn särskild utredare ska genomföra en översyn.\n",
        encoding="utf-8",
    )
    record = {"title": "Översyn av kultursamverkansmodellen för kultur i hela landet",
              "url": "/rattsliga-dokument/kommittedirektiv/2022/07/dir.-2022103/",
              "published": "2022-07-14", "id": "Dir. 2022:103"}
    (tmp_path / "regeringen" / "metadata_kultur.jsonl").write_text(
        json.dumps({"source_json": "x.json", "record": record}) + "\n", encoding="utf-8")
    [st] = read_document(folder / "dir.-2022103.md", "x/dir.-2022103.md")
    assert st.title == "Översyn av kultursamverkansmodellen för kultur i hela landet"
    assert (st.date, st.dnr, st.doc_type) == ("2022-07-14", "Dir. 2022:103", "direktiv")
    assert st.url == "https://www.regeringen.se/rattsliga-dokument/kommittedirektiv/2022/07/dir.-2022103/"
    assert "En särskild utredare ska genomföra en översyn." in st.text


def test_press_release_without_sidecar_record_gets_type_and_month_from_path(tmp_path):
    folder = tmp_path / "pressmeddelanden" / "2023" / "09"
    folder.mkdir(parents=True)
    path = folder / "budget.md"
    path.write_text("# Kulturen som sammanhållande kraft\n\nRegeringen satsar på läsning.\n", encoding="utf-8")
    [st] = read_document(path, "pressmeddelanden/2023/09/budget.md")
    assert (st.title, st.doc_type, st.date) == ("Kulturen som sammanhållande kraft", "pressmeddelande", "2023-09-01")


def test_double_spaced_text_is_reflowed(tmp_path):
    path = tmp_path / "utlatande.txt"
    raw = ("Sammanfattning \n\nKulturförvaltningen har idag inget uppdrag i \n\nförhållande till modellen. \n\n"
           " \n\nÄrendet \n\nI skrivelsen föreslås en regional \n\nkonferens. \n\n")
    path.write_bytes(raw.encode("cp1252"))
    [st] = read_document(path, "utlatande.txt")
    assert [(s.heading, s.text) for s in st.sections] == [
        ("Sammanfattning", "Kulturförvaltningen har idag inget uppdrag i förhållande till modellen."),
        ("Ärendet", "I skrivelsen föreslås en regional konferens."),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "skrivelse.txt"
    path.write_bytes("Förvaltningens synpunkter\n\nKulturförvaltningen ser positivt på förslaget.\n".encode(encoding))
    [st] = read_document(path, "skrivelse.txt")
    assert st.sections[-1].heading == "Förvaltningens synpunkter"
    assert st.sections[-1].text == "Kulturförvaltningen ser positivt på förslaget."


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("tom.txt", b"", "tom"),
        ("blank.md", b"---\ntitel: x\n---\n\n   \n", "tom"),
        ("tabell.xlsx", b"PK\x03\x04", "stöds inte"),
    ],
)
def test_unreadable_files_get_a_swedish_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(path, name)


def test_read_text_parses_a_pasted_skrivelse():
    text = ("Skrivelse om fler öppna scener i ytterstaden\n\nSkrivelse av Anna Svensson (S) och Karin Berg (V)"
            " till kulturnämnden, 2024-03-12.\n\nVi föreslår att kulturförvaltningen utreder fler öppna scener.\n")
    [st] = read_text(text, "skrivelse.txt")
    assert st.title == "Skrivelse om fler öppna scener i ytterstaden"
    assert st.date == "2024-03-12"
    assert [(p.name, p.party) for p in st.authors] == [("Anna Svensson", "S"), ("Karin Berg", "V")]
    with pytest.raises(UnreadableDocument):
        read_text("   ")


NOTED_PLAN = """<!-- sida 1 -->

Kulturplan för Halland

Samverkan med kulturskapare
Region Halland erbjuder centrumbildningarna att föreslå en representant att delta i
samrådet.15 Representanten ska vara verksam i Halland.

Kulturen samverkar med andra politikområden och skapar utvecklingskraft i hela länet.
Besöken har ökat under senare år.16

15 Centrumbildningarna består just nu av Centrum för dramatik, Danscentrum,
Filmcentrum samt Översättarcentrum.
16 Region Halland, Kulturvanor, 2023, https://www.regionhalland.se/kulturvanor

6

<!-- sida 2 -->

Kulturarv
Hembygdsrörelsen är en av de största ideella rörelserna i länet.
"""


def test_page_notes_follow_the_paragraph_that_refers_to_them(tmp_path):
    path = tmp_path / "kulturplan.md"
    path.write_text(NOTED_PLAN, encoding="utf-8")
    text = "\n\n".join(sec.text for st in read_document(path, "kulturplan.md") for sec in st.sections)
    referring = text.index("verksam i Halland.")
    note = text.index("Centrumbildningarna består just nu av Centrum för dramatik, Danscentrum, Filmcentrum")
    assert referring < note < text.index("Kulturen samverkar")
    assert "regionhalland.se" not in text  # a note that only cites a source stays out
    assert "Hembygdsrörelsen" in text


def test_docx_meeting_pack_split_into_its_documents(tmp_path):
    from tests.documents.fixtures import meeting_pack_docx

    statements = read_document(meeting_pack_docx(tmp_path / "handlingar.docx"), "handlingar.docx")
    assert [s.doc_type for s in statements] == ["tjänsteutlåtande", "protokollsutdrag", "yttrande"]
    skrivelse, utdrag, yttrande = statements
    assert (skrivelse.dnr, skrivelse.date) == ("KFT-2023-00356", "2024-01-11")
    assert skrivelse.title == "Initiativ från Alliansen: samlingsplats för ungdomar"
    assert [s.heading for s in skrivelse.sections] == [
        "Förslag till beslut i nämnden för Kultur & Fritid", "Sammanfattning av ärendet", "Beskrivning av ärendet"]
    assert "Kungsmässan" in skrivelse.text and "noterar initiativet" not in skrivelse.text
    assert (utdrag.dnr, utdrag.date) == ("KFT-2023-00356", "2023-11-22")
    assert "Ledamöterna lämnar inget yttrande i ärendet." in utdrag.text  # a heading, not a new document
    assert (yttrande.dnr, yttrande.date) == ("KFT-2024-00123", "2024-05-07")
    assert yttrande.title == "Yttrande över Hallands kulturplan 2025–2028"
    assert "instämmer i de stora dragen" in yttrande.text and "Expedierat" not in yttrande.text


def test_a_notice_of_one_bold_line_keeps_it_as_text(tmp_path):
    path = tmp_path / "pressmeddelande.md"
    path.write_text("# Utredning om judiskt liv överlämnas\n\n**Observera att platsen meddelas vid anmälan.**\n",
                    encoding="utf-8")
    [st] = read_document(path, path.name)
    assert st.title == "Utredning om judiskt liv överlämnas"
    # Text, not an empty section under a heading: the index finds nothing to index in that.
    assert [sec.text for sec in st.sections] == ["Observera att platsen meddelas vid anmälan."]


def test_front_matter_that_is_not_yaml_is_noted_for_the_file(tmp_path, caplog):
    path = tmp_path / "trasig_front.md"
    path.write_text("---\ntitel: [oavslutad\n---\nText om kulturskolans avgifter för barn och unga.\n", encoding="utf-8")
    with caplog.at_level("INFO", logger="bot.documents"):
        [st] = read_document(path, "mapp/trasig_front.md")
    assert "Text om kulturskolans avgifter" in st.text
    assert len(st.warnings) == 1 and "front matter" in st.warnings[0] and "YAML" in st.warnings[0]
    logged = [r.getMessage() for r in caplog.records if "YAML" in r.getMessage()]
    assert logged and all("mapp/trasig_front.md" in m and "kulturskolans" not in m for m in logged)


def test_a_file_read_without_trouble_has_no_notes(tmp_path):
    path = tmp_path / "bra.md"
    path.write_text("---\ntitel: Kulturskolan\n---\nText om kulturskolans avgifter.\n", encoding="utf-8")
    [st] = read_document(path, "bra.md")
    assert st.title == "Kulturskolan" and st.warnings == []


def test_the_opening_of_a_sentence_over_a_list_is_not_a_heading():
    text = ("Initiativ om en samlingsplats för ungdomar\n\n"
            "Det saknas i dag en plats där ungdomarna kan träffas med sina fordon.\n"
            "Vi vill därför\n"
            "- att ge förvaltningen i uppdrag att utreda en samlingsplats.\n\n"
            "Sammanfattning\n\nUtredaren ska\n\n• föreslå en plats,\n• bedöma kostnaderna.\n")
    [st] = read_text(text, "initiativ.txt")
    headings = [s.heading for s in st.sections]
    assert "Vi vill därför" not in headings and "Utredaren ska" not in headings
    assert "Vi vill därför" in st.text and "Utredaren ska" in st.text
