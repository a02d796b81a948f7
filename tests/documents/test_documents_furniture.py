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
