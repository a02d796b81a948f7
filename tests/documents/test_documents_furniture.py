"""Page furniture: running headers, footers and signing stamps go; text in a page's body stays, however
often it recurs."""

from __future__ import annotations

from bot.documents import clean, read_document
from bot.documents.structure import is_known_heading
from tests.conftest import SHARED_CORPUS, requires_shared_corpus

_PAGE = """<!-- sida {n} -->

KUNGSBACKA KOMMUN                  SAMMANTRÄDESPROTOKOLL          {n} (4)
Nämnden för Kultur & Fritid
Datum
2024-05-15

§ {par}                       Dnr KFT-2024-0011{n}
Information till nämnd: ärende nummer {n}

Beslut
Nämnden noterar informationen till protokollet.

Beslutsunderlag
Förvaltningen för Kultur & Fritids tjänsteskrivelse, 2024-05-06

Beslutsgång
Ordförande finner att det finns ett förslag till beslut, det vill säga förvaltningens
förslag, och att nämnden bifaller det.

Beslutet skickas till
Kommunstyrelsen

Det här dokumentet är digitalt signerat
Transaktionsidentitet: 0C5AC950FCA386731DF69010FCA3E69377D9C24914
Transaktionsidentitet: 96104E9A1AEF0D7D9F4622E186459855A8FD30D60D
"""


_COVER = """<!-- sida 1 -->

KUNGSBACKA KOMMUN                  SAMMANTRÄDESPROTOKOLL          1 (5)
Nämnden för Kultur & Fritid
Datum
2024-05-15

Plats och tid för sammanträde    Kungsbacka Badhus Klockan 17:00 – 20:10
Sekreterare                      Erik Norinder

Det här dokumentet är digitalt signerat
Transaktionsidentitet: 0C5AC950FCA386731DF69010FCA3E69377D9C24914
"""


def _protokoll(tmp_path):
    front = "---\ntyp: protokoll\ndatum: 2024-05-15\n---\n\n"
    pages = [_PAGE.format(n=n, par=55 + n).replace("(4)", "(5)") for n in range(2, 6)]
    path = tmp_path / "protokoll.md"
    path.write_text(front + _COVER + "\n".join(pages), encoding="utf-8")
    [protokoll] = read_document(path, path.name)
    return protokoll


def test_a_reference_repeated_on_every_page_stays_under_its_heading(tmp_path):
    protokoll = _protokoll(tmp_path)
    paragraphs = [s for s in protokoll.sections if (s.heading or "").startswith("§")]
    assert len(paragraphs) == 4
    for section in paragraphs:
        assert "Beslutsunderlag\n\nFörvaltningen för Kultur & Fritids tjänsteskrivelse, 2024-05-06\n\nBeslutsgång" \
            in section.text
        assert section.text.rstrip().endswith("Beslutet skickas till\n\nKommunstyrelsen")


def test_each_paragraf_of_a_protokoll_carries_its_arendes_diarienummer(tmp_path):
    protokoll = _protokoll(tmp_path)
    assert protokoll.dnr is None  # the protokoll itself has none; its ärenden do
    paragraphs = [s for s in protokoll.sections if (s.heading or "").startswith("§")]
    assert [(s.heading, s.dnr) for s in paragraphs] == [
        (f"§ {55 + n} Information till nämnd: ärende nummer {n}", f"KFT-2024-0011{n}") for n in range(2, 6)]


def test_the_opening_block_of_a_meeting_is_headed_with_the_meetings_date(tmp_path):
    first = _protokoll(tmp_path).sections[0]
    assert first.heading == "Sammanträdet 15 maj 2024: plats, tid, närvarande och justering"
    assert "Kungsbacka Badhus Klockan 17:00 – 20:10" in first.text
    path = tmp_path / "kallelse.md"
    path.write_text("---\ntyp: kallelse\ndatum: 2024-09-25\n---\n\nNämnden för Kultur & Fritid\n\n"
                    "Sammanträde onsdagen den 25 september 2024 kl. 17:00 Gåsevadholm, Storgatan 37\n\n"
                    "**1. Information till nämnd: lokalbehovsplan**\n\nFöredragande: Karl Persson, förvaltningschef\n",
                    encoding="utf-8")
    [kallelse] = read_document(path, path.name)
    assert [s.heading for s in kallelse.sections] == [
        "Sammanträdet 25 september 2024: plats och tid", "1. Information till nämnd: lokalbehovsplan"]
    # another document that starts with a place and a time keeps its own headings
    path.write_text("---\ntyp: tjänsteutlåtande\n---\n\nPlats och tid för invigningen: Fyren klockan 14.\n",
                    encoding="utf-8")
    assert read_document(path, path.name)[0].sections[0].heading is None


def test_running_headers_and_signing_stamps_still_go(tmp_path):
    text = _protokoll(tmp_path).text
    for furniture in ("SAMMANTRÄDESPROTOKOLL", "(5)", "digitalt signerat", "Transaktionsidentitet",
                      "Nämnden för Kultur & Fritid", "\nDatum\n"):
        assert furniture not in text


def test_only_lines_at_page_edges_count_as_repeated():
    page = ["KUNGSBACKA KOMMUN   PROTOKOLL   2 (3)", "Datum", "", "Beslutsunderlag", "Tjänsteskrivelse, 2024-05-06",
            "", "Beslutsgång", "Ordförande finner att nämnden bifaller förslaget.", "",
            "Det här dokumentet är digitalt signerat", "Transaktionsidentitet: AB12"]
    repeated = clean.repeated_edge_lines([page] * 4, top=4, bottom=3, keep=is_known_heading,
                                         passable=clean.is_contact_line)
    assert repeated == {"KUNGSBACKA KOMMUN PROTOKOLL", "Datum", "Det här dokumentet är digitalt signerat"}


def test_page_edges_stop_at_the_body():
    page = ["KUNGSBACKA KOMMUN   PROTOKOLL   2 (3)", "Datum", "2024-05-15", "Beslutet skickas till",
            "Kommunstyrelsen", "", "Det här dokumentet är digitalt signerat", "Transaktionsidentitet: AB12"]
    repeated = {"KUNGSBACKA KOMMUN PROTOKOLL", "Datum", "Kommunstyrelsen", "Det här dokumentet är digitalt signerat"}
    header, footer = clean.page_edges(page, lambda ln: clean.edge_key(ln) in repeated,
                                      lambda ln: clean.edge_key(ln) in repeated or clean.is_contact_line(ln),
                                      heading=is_known_heading)
    assert header == {0, 1}  # the date is not among the repeated lines: the header ends there
    assert footer == {6, 7}  # a line right under a heading is that section's text


@requires_shared_corpus()
def test_protokoll_keeps_beslutsunderlag_that_recurs_on_several_pages():
    relative = "kungsbacka-kultur-fritid/protokoll/2024-05-15_protokoll.md"
    [protokoll] = read_document(SHARED_CORPUS / relative, relative)
    by_number = {s.heading.split()[1]: s for s in protokoll.sections if (s.heading or "").startswith("§")}
    assert "Beslutsunderlag\n\nFörvaltningen för Kultur & Fritids tjänsteskrivelse, 2024-05-06" in by_number["63"].text
    assert "Beslutet skickas till\n\nKommunstyrelsen" in by_number["60"].text
    assert "SAMMANTRÄDESPROTOKOLL" not in protokoll.text and "Transaktionsidentitet" not in protokoll.text


def test_note_reference_marks_leave_the_text():
    notes = {4, 10, 12, 13, 16, 17}
    cases = {
        "Region Halland arbetar sedan 2023 med regional fysisk planering.17 Kulturområdet ska bidra":
            "Region Halland arbetar sedan 2023 med regional fysisk planering. Kulturområdet ska bidra",
        "Det finns ojämlikhet mellan grupper4 och skillnader i tillit,":
            "Det finns ojämlikhet mellan grupper och skillnader i tillit,",
        "som exempelvis bibliotekarier10. Detta riskerar": "som exempelvis bibliotekarier. Detta riskerar",
        "samhällets sociala skyddsnät.12": "samhällets sociala skyddsnät.",
        "själva kan ta sig till kultur. 13": "själva kan ta sig till kultur.",
        "de olika kulturformerna.16": "de olika kulturformerna.",
        "Besöken har ökat under senare år.16 Fler deltar.": "Besöken har ökat under senare år. Fler deltar.",
        "enligt ”Konstnär – oavsett villkor?”12 och andra": "enligt ”Konstnär – oavsett villkor?” och andra",
    }
    for line, expected in cases.items():
        assert clean.strip_note_references(line, notes) == expected


def test_numbers_that_are_not_note_marks_stay():
    notes = set(range(1, 30))
    for line in (
        "Beslutet fattades 2024. Nämnden gav 2024-02-21 § 18 förvaltningen i uppdrag.",
        "Investeringarna visar ett överskott om 17,5 miljoner.",
        "Enligt SFS 2020:246 och Dir. 2022:103 ska utredningen redovisas.",
        "Galan sänds i SVT1 och P4, se bet. 2005/06:KrU29 och SOU 2010:72 s.172.",
        "Var tredje ungdom i åk8 och gy2 känner sig trygg.",
        "Stödet ökar med 12 procent till 4 föreningar, se sidan 13",
        "Det gäller lagen (2010:696) om radio och tv, kapitel 13.",
        "Se s.12 och kap.4 i betänkandet, bilaga 3.",
        "Ikraftträdande:1 januari 2025",
    ):
        assert clean.strip_note_references(line, notes) == line
    # Without a note of that number on the page, a mark stays as it is.
    assert clean.strip_note_references("kommersiell radio1.", {2, 3}) == "kommersiell radio1."


NOTED_PAGE = """<!-- sida 1 -->

Kulturplan för Halland

Samverkan med kulturskapare
Region Halland erbjuder centrumbildningarna att föreslå en representant att delta i
samrådet.15 Representanten ska vara verksam i Halland. Stödet uppgår till 15 miljoner
kronor per år.

Kulturen samverkar med andra politikområden och skapar utvecklingskraft i hela länet.
Besöken har ökat under senare år.16

15 Centrumbildningarna består just nu av Centrum för dramatik, Danscentrum,
Filmcentrum samt Översättarcentrum.
16 Region Halland, Kulturvanor, 2023, https://www.regionhalland.se/kulturvanor

6
"""


def test_a_page_with_notes_reads_without_their_marks(tmp_path):
    path = tmp_path / "kulturplan.md"
    path.write_text(NOTED_PAGE, encoding="utf-8")
    text = "\n\n".join(sec.text for st in read_document(path, path.name) for sec in st.sections)
    assert "delta i samrådet. Representanten ska vara verksam i Halland." in text
    assert "uppgår till 15 miljoner kronor" in text
    assert "Besöken har ökat under senare år.\n" in text + "\n"
    # The note that says something follows its paragraph, as a paragraph of its own without the number.
    assert "\n\nCentrumbildningarna består just nu av Centrum för dramatik" in text
    assert "15 Centrumbildningarna" not in text and "regionhalland.se" not in text


def test_a_page_number_starts_the_footer_only_at_the_bottom_over_furniture():
    kungsbacka = ["Nämnden noterar informationen till protokollet.", "Karl Persson", "Förvaltningschef",
                  "Beslutsunderlag", "Förvaltningens tjänsteskrivelse, 2024-01-16", "Sammanfattning",
                  "Förvaltningen informerar nämnden.", "1 (1)",
                  "Förvaltningen för Kultur & Fritid                         Kungsbacka kommun",
                  "434 81 Kungsbacka", "Erik Norinder", "0300-834883                Besöksadress",
                  "Utvecklingsledare                   Stadshuset, Storgatan 37", "www.kungsbacka.se"]
    assert clean.footer_start(kungsbacka) == 7
    short_page = ["Kulturförvaltningen", "Tjänsteutlåtande", "Dnr 6.1/0420/2024", "Sida 2 (2)",
                  "Förvaltningens synpunkter", "Förvaltningen anser att en lägre avgift ökar deltagandet.",
                  "Kulturförvaltningen", "Box 16113, 103 22 Stockholm", "Telefon 08-508 31 900", "stockholm.se"]
    assert clean.footer_start(short_page) is None  # a header's page number
    text_after = kungsbacka[:8] + ["Förvaltningen har fört två dialoger med ungdomarna i kommunen.",
                                   "Telefon 0300-83 40 00"]
    assert clean.footer_start(text_after) is None  # a sentence after the number is the body, not a footer
