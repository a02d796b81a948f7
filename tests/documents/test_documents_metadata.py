"""Metadata and clean-up functions that other steps reuse (e.g. to parse an incoming skrivelse)."""

from __future__ import annotations

import pytest

from bot.documents import clean
from bot.documents.metadata import (
    date_from_path,
    find_all_dnr,
    find_authors,
    find_date,
    find_dnr,
    find_people,
    find_series_numbers,
    find_signatories,
)


@pytest.mark.parametrize(
    "text, dnr",
    [
        ("Skrivelse om Stockholmsregionen. DNR 6.1/1085/2013.", "6.1/1085/2013"),
        ("Diarienummer\nKFT-2023-00356", "KFT-2023-00356"),
        ("| 5. | Initiativ | KFT-2023-<br>00356 |", "KFT-2023-00356"),
        ("Beteckning KFT-2023-\n00356", "KFT-2023-00356"),
        ("Begäran om yttrande (KS-2024-00284)", "KS-2024-00284"),
        ("Beredning av motion (KS 2024-00740)", "KS-2024-00740"),
        ("Betänkandet SOU 2023:58 lämnades i september.", "SOU 2023:58"),
        ("Kommittédirektiv Dir. 2022:103", "Dir. 2022:103"),
        ("Dnr KS/2017:200", "KS/2017:200"),
        ("Dnr 2024/123", "2024/123"),
        ("Diarienummer: KUL 2023/0456", "KUL 2023/0456"),
        ("Inget diarienummer här, bara 2023-2024 och 1 500 tkr.", None),
    ],
)
def test_find_dnr(text, dnr):
    assert find_dnr(text) == dnr


def test_find_dnr_prefers_the_labelled_one():
    text = "Ärendet gäller KS-2024-00284.\nDiarienummer\nKFT-2024-00123"
    assert find_dnr(text) == "KFT-2024-00123"
    assert find_all_dnr(text) == ["KS-2024-00284", "KFT-2024-00123"]


def test_government_numbers_apart_from_a_municipalitys():
    text = "Ärendet KS-2024-00284 tar upp betänkandet (SOU 2018:57), sou 2018:57 igen och prop. 2023/24:1."
    assert find_series_numbers(text) == ["SOU 2018:57", "Prop. 2023/24:1"]
    assert find_all_dnr(text) == ["KS-2024-00284", "SOU 2018:57", "Prop. 2023/24:1"]


def test_dates():
    assert find_date("Upprättad\n2024-01-17\nDatum\n2024-01-24") == "2024-01-24"
    assert find_date("Kungsbacka 23 oktober 2024") == "2024-10-23"
    assert find_date("Ingen 2024-13-45 giltig") is None
    assert date_from_path("artiklar/2025/12/statssekreterare.md") == "2025-12-01"
    assert date_from_path("handlingar/2025-02-19_handlingar.md") == "2025-02-19"


def test_people_and_authors_with_party():
    text = ("Skrivelse av Ann Mari Engel (V), Tomas Rudin (S) och Mats Berglund (MP) om\n"
            "Stockholmsregionen och samverkansmodellen.")
    expected = [("Ann Mari Engel", "V"), ("Tomas Rudin", "S"), ("Mats Berglund", "MP")]
    assert [(p.name, p.party) for p in find_people(text)] == expected
    assert [(p.name, p.party) for p in find_authors(text)] == expected


def test_authors_are_the_ones_who_wrote_not_the_chair():
    text = ("Ordförande Anders Ekström (M) finner att nämnden bifaller. Torbjörn Andersson (SD), Mats Dahl (SD och "
            "Stefan Jägnert (SD) inkom 2024-03-20 med initiativ att stänga av föreningen.")
    assert [p.name for p in find_authors(text)] == ["Torbjörn Andersson", "Mats Dahl", "Stefan Jägnert"]
    assert find_authors("Nämnden representeras av Maria Gathendahl (M) i kommittén.", require_cue=True) == []


def test_signatories_with_roles_in_columns():
    text = "Berit Svedberg  Patrik Liljegren \n\nKulturdirektör  Chef   \n"
    assert [(p.name, p.role) for p in find_signatories(text)] == [
        ("Berit Svedberg", "Kulturdirektör"), ("Patrik Liljegren", "Chef")]
    assert [(p.name, p.role) for p in find_signatories("Karl Persson\n\nFörvaltningschef")] == [
        ("Karl Persson", "Förvaltningschef")]


def test_signatories_over_party_names():
    text = ("Helene Engstrand Annika Hedman Maria Gathendahl Birgitta Gustafsson\n"
            "Kristdemokraterna Centerpartiet Moderaterna  Liberalerna")
    assert [(p.name, p.party) for p in find_signatories(text)] == [
        ("Helene Engstrand", "KD"), ("Annika Hedman", "C"), ("Maria Gathendahl", "M"), ("Birgitta Gustafsson", "L")]


def test_private_use_bullets_become_bullets():
    text = "\uf0b7 Stockholms stad\n\uf0a7  Samverkan\n\uf076 Forum\n\uf0d8 Pil\n\uf0fc Bock\n\ufffd  Ersatt\n* Markdown"
    assert clean.normalise_text(text).splitlines() == [
        "• Stockholms stad", "• Samverkan", "• Forum", "• Pil", "• Bock", "• Ersatt", "• Markdown"]


@pytest.mark.parametrize(
    "left, right, joined",
    [
        ("kultur-", "förvaltningen", "kulturförvaltningen"),
        ("barn-", "och ungdomsnämnden", "barn- och ungdomsnämnden"),
        ("kultur-", "eller fritidsfrågor", "kultur- eller fritidsfrågor"),
        ("dans-", "samt musikområdet", "dans- samt musikområdet"),
        ("hälso-", "till sjukvårdsfrågor", "hälso- till sjukvårdsfrågor"),
        ("KFT-2024-", "00356", "KFT-2024-00356"),
        ("Nidingens 400-", "årsjubileum", "Nidingens 400-årsjubileum"),
        ("BRÅ-", "samordnare", "BRÅ-samordnare"),
        ("om 1%-", "regeln", "om 1%-regeln"),
        ("vi -", "och ni", "vi - och ni"),
    ],
)
def test_line_end_hyphens(left, right, joined):
    assert clean.join_two(left, right) == joined


def test_page_numbers():
    for line in ("1 (2)", "2(4)", " 12 (14) ", "Sida 3 av 5"):
        assert clean.is_page_number(line)
    assert not clean.is_page_number("2024 (nytt)")
    assert clean.page_of("KUNGSBACKA KOMMUN    SAMMANTRÄDESPROTOKOLL   12 (14)") == (12, 14)


def test_reflow_keeps_bullets_and_joins_broken_sentences():
    lines = ["Några exempel:", "• Stockholms stad ingår i dialogen kring", "handlingsplanen.",
             "• Samverkan pågår.", "", "Nästa stycke börjar", "", "här och slutar."]
    assert clean.reflow(lines) == [
        "Några exempel:\n• Stockholms stad ingår i dialogen kring handlingsplanen.\n• Samverkan pågår.",
        "Nästa stycke börjar här och slutar.",
    ]


def test_footnotes_at_the_bottom_of_a_page():
    page = ["1 Inledning", "Kulturen i Halland växer.2 Fler deltar än tidigare.", "",
            "1 Region Halland, Konjunkturläget, 2023,", "https://www.regionhalland.se/konjunktur.html",
            "2 SCB, Kulturvanor, 2021, https://www.scb.se/", "3"]
    assert clean.footnotes_start(page) == 3
    assert clean.footnotes_start(["1 Inledning", "Kulturen i Halland växer.", "2 Ekonomi", "Budgeten håller."]) is None
