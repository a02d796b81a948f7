"""The real corpus: what a person would check in the statements read from ../shared/corpus."""

from __future__ import annotations

import pytest

from bot.documents import UnreadableDocument, read_document
from tests.conftest import SHARED_CORPUS, requires_shared_corpus

pytestmark = requires_shared_corpus()

KUNGSBACKA = SHARED_CORPUS / "kungsbacka-kultur-fritid"


def _read(relative: str):
    return read_document(SHARED_CORPUS / relative, relative)


def test_stockholm_tjansteutlatande():
    [path] = sorted((SHARED_CORPUS / "stockholm").glob("*.txt"))
    [st] = read_document(path, path.name)
    assert st.title == "Svar på skrivelse om Stockholmsregionen och samverkansmodellen"
    assert st.dnr == "6.1/1085/2013"
    assert st.doc_type == "tjänsteutlåtande"
    assert st.organisation == "Stockholms stad, kulturförvaltningen"
    assert [(p.name, p.party) for p in st.authors] == [
        ("Ann Mari Engel", "V"), ("Tomas Rudin", "S"), ("Mats Berglund", "MP")]
    assert [(p.name, p.role) for p in st.signatories] == [
        ("Berit Svedberg", "Kulturdirektör"), ("Patrik Liljegren", "Chef")]
    assert [s.heading for s in st.sections] == [
        "Förslag till beslut", "Sammanfattning", "Underlag för beslut", "Ärendet", "Ärendets beredning",
        "Förvaltningens synpunkter", "Bilaga"]
    synpunkter = st.sections[5].text
    assert synpunkter.count("\n• ") == 4
    assert "Föreningen Storstockholms kultur- och fritidschefer" in synpunkter
    assert "erfarenhets- och kunskapsutbyte" in synpunkter
    assert "\uf0b7" not in st.text
    # Re-flowed: a sentence broken over lines (with blank lines between) reads as one.
    assert "förvaltningen anser att om det finns ett regionalt intresse" in st.sections[1].text


def test_meeting_pack_2024_01_24_split_into_documents():
    statements = _read(
        "kungsbacka-kultur-fritid/handlingar/2024-01-24_handlingar_EXCERPT_chars0-17124.md")
    kinds = [s.doc_type for s in statements]
    assert kinds[0] == "kallelse"
    assert kinds.count("tjänsteutlåtande") == 5
    assert "protokollsutdrag" in kinds and "initiativ" in kinds
    answer = next(s for s in statements if s.doc_type == "tjänsteutlåtande" and s.dnr == "KFT-2023-00356")
    assert answer.title == "Initiativ från Alliansen: samlingsplats för ungdomar"
    assert answer.date == "2024-01-11"
    assert (answer.page_start, answer.page_end) == (14, 15)
    assert [p.name for p in answer.authors] == [
        "Helene Engstrand", "Annika Hedman", "Maria Gathendahl", "Birgitta Gustafsson"]
    assert [(p.name, p.role) for p in answer.signatories] == [
        ("Karl Persson", "Förvaltningschef"), ("Marie Persson", "Verksamhetschef")]
    headings = [s.heading for s in answer.sections]
    assert headings[:2] == ["Förslag till beslut i nämnden för Kultur & Fritid", "Sammanfattning av ärendet"]
    assert "Beskrivning av ärendet" in headings
    description = next(s for s in answer.sections if s.heading == "Beskrivning av ärendet")
    assert (description.page_start, description.page_end) == (14, 15)
    assert "Besöksadress" not in answer.text and "www.kungsbacka.se" not in answer.text
    initiativ = next(s for s in statements if s.doc_type == "initiativ")
    assert initiativ.page_start == 13
    assert "motorburen ungdom" in initiativ.text


def test_kulturplan_in_meeting_pack_has_its_own_headings():
    statements = _read("kungsbacka-kultur-fritid/handlingar/2024-05-15_handlingar_EXCERPT_chars0-80000.md")
    plan = next(s for s in statements if s.doc_type == "kulturplan")
    assert "Hallands kulturplan 2025–2028" in plan.title
    assert plan.organisation == "Region Halland"
    by_heading = {s.heading: s for s in plan.sections}
    assert "två gånger per år, vanligtvis deltar presidierna" in by_heading["Samverkan med kommunerna"].text
    assert any(h and h.endswith("Regionsamverkan Sydsverige") for h in by_heading)
    dans = by_heading["Dans"]
    assert "Rum för Dans är Hallands dansinstitution som drivs gemensamt av Falkenbergs kommun" in dans.text
    assert dans.page_start == 44
    yttrande = next(s for s in statements if s.doc_type == "yttrande")
    assert yttrande.dnr == "KFT-2024-00123"
    assert yttrande.organisation == "Kungsbacka kommun, Nämnden för Kultur & Fritid"


def test_protokoll_split_per_paragraf():
    [protokoll] = _read("kungsbacka-kultur-fritid/protokoll/2024-02-21_protokoll.md")
    assert protokoll.doc_type == "protokoll"
    assert protokoll.date == "2024-02-21"
    paragraphs = [s for s in protokoll.sections if s.heading and s.heading.startswith("§")]
    assert [s.heading.split()[1] for s in paragraphs] == [str(n) for n in range(15, 26)]
    hanhals = next(s for s in paragraphs if s.heading == "§ 24 Hanhals IF")
    assert "kommer dras in om föreningen inte inkommer med en åtgärdsplan" in hanhals.text
    assert "Reservation" in hanhals.text and "381 549 kr" in hanhals.text
    assert (hanhals.page_start, hanhals.page_end) == (12, 13)
    assert ("Annika Hedman", "ordförande") in [(p.name, p.role) for p in protokoll.signatories]


def test_kallelse_agenda_items_are_sections():
    [kallelse] = _read("kungsbacka-kultur-fritid/kallelse/2024-09-25_kallelse.md")
    item = next(s for s in kallelse.sections if s.heading and "Hasselgrenska" in s.heading)
    assert item.heading == "3. Uttag ur Hasselgrenska fonden: skulptur vid Kulturhuset Fyren"
    assert "Beteckning: KFT-2024-00247" in item.text
    assert "skulptur skapad av Kerstin Dahl Norén" in item.text


def test_motion_pack_2025_tjansteskrivelse():
    statements = _read("kungsbacka-kultur-fritid/handlingar/2025-02-19_handlingar_EXCERPT_chars0-56978.md")
    lustgas = next(s for s in statements if s.dnr == "KFT-2024-00347")
    assert lustgas.doc_type == "tjänsteutlåtande"
    assert lustgas.title.startswith("Beredning av motion - Förbud mot användning av lustgas")
    assert "föreslår att kommunfullmäktige bifaller motionen med hänvisning till att berusning av lustgas" \
        in lustgas.sections[0].text
    assert [p.party for p in lustgas.authors] == ["SD"] * 4
    utdrag = [s for s in statements if s.doc_type == "protokollsutdrag"]
    assert {s.dnr for s in utdrag} >= {"KS-2024-00740", "KS-2024-00648"}


def test_government_page_metadata_from_sidecar():
    [st] = _read("regeringen-kultur/rattsliga-dokument/kommittedirektiv/2022/07/dir.-2022103.md")
    assert st.dnr == "Dir. 2022:103"
    assert st.doc_type == "direktiv"
    assert st.date and st.date.startswith("2022-07")
    assert st.url.startswith("https://www.regeringen.se/rattsliga-dokument/kommittedirektiv/2022/07/dir.-2022103")
    assert st.organisation == "Regeringskansliet, Kulturdepartementet"
    assert "Översyn av kultursamverkansmodellen" in st.title


def test_every_corpus_file_reads():
    failures = []
    count = 0
    for path in sorted(SHARED_CORPUS.rglob("*")):
        if path.suffix not in (".md", ".txt") or path.name in ("README.md", "MANIFEST.txt"):
            continue
        try:
            statements = read_document(path, str(path.relative_to(SHARED_CORPUS)))
        except UnreadableDocument as e:
            failures.append((path.name, str(e)))
            continue
        count += len(statements)
        for st in statements:
            assert st.title, path
            assert st.doc_type, path
            assert all(s.text or s.heading for s in st.sections), path
    assert not failures
    assert count > 1500


@pytest.mark.parametrize("relative", [
    "kungsbacka-kultur-fritid/handlingar/2025-02-19_handlingar_EXCERPT_chars56978-72978.md",
])
def test_excerpt_without_front_matter_still_dated(relative):
    statements = _read(relative)
    assert all(s.date for s in statements)
    assert statements[0].doc_type == "tjänsteutlåtande"


def test_protokoll_without_front_matter_is_still_one_protokoll(tmp_path):
    text = (KUNGSBACKA / "protokoll" / "2024-02-21_protokoll.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]  # as if converted by staff without the export's front matter
    path = tmp_path / "nämndprotokoll.md"
    path.write_text(body, encoding="utf-8")
    [protokoll] = read_document(path, path.name)
    assert protokoll.doc_type == "protokoll"
    assert sum(1 for s in protokoll.sections if (s.heading or "").startswith("§")) == 11
