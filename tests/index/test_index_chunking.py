"""Chunks follow sections, paragraphs and sentences, stay within their token bound and their statement."""

from __future__ import annotations

import re

from bot.documents.model import Section, Statement
from bot.index.chunking import chunk_statement
from bot.index.tokens import count_tokens

SENTENCES = [
    f"Mening {i} handlar om kulturförvaltningens arbete med regional samverkan och bidrag till föreningar."
    for i in range(60)
]


def long_statement(part: int = 0) -> Statement:
    paragraphs = [" ".join(SENTENCES[i:i + 4]) for i in range(0, 60, 4)]
    return Statement(
        source="pack.md",
        part=part,
        title="Tjänsteutlåtande om samverkan",
        dnr="KFT-2023-00356",
        date="2023-10-01",
        doc_type="tjänsteutlåtande",
        organisation="Kungsbacka kommun",
        sections=[
            Section("Förslag till beslut", "Nämnden godkänner förvaltningens förslag.", 1, 1),
            Section("Sammanfattning", "Förvaltningen har utrett frågan.", 1, 1),
            Section("Ärendet", "\n\n".join(paragraphs), 1, 3),
            Section("Bilaga", "Bilaga 1. Karta över samverkansområden.", 3, 3),
        ],
    )


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_chunks_stay_within_the_token_bound_with_their_context():
    for max_tokens in (120, 300):
        chunks = chunk_statement(long_statement(), "f1", max_tokens=max_tokens)
        assert len(chunks) > 1
        assert all(count_tokens(c.context_text) <= max_tokens for c in chunks)


def test_no_text_is_lost_and_sentences_are_not_cut():
    chunks = chunk_statement(long_statement(), "f1", max_tokens=120)
    joined = "\n".join(c.text for c in chunks)
    for sentence in SENTENCES:
        assert sentence in joined  # every sentence whole, in some chunk


def test_chunks_carry_title_section_and_metadata():
    chunks = chunk_statement(long_statement(), "f1", max_tokens=120)
    for c in chunks:
        assert c.context_text.startswith("Tjänsteutlåtande om samverkan — ")
        assert c.dnr == "KFT-2023-00356" and c.doc_type == "tjänsteutlåtande" and c.date == "2023-10-01"
        assert c.source == "pack.md" and c.part == 0
    long_section = [c for c in chunks if c.section == "Ärendet"]
    assert len(long_section) >= 3  # the long section is split, each piece keeps its heading
    assert long_section[0].text.startswith("Ärendet\n\n")  # the first piece shows it, as the document does
    assert not any(c.text.startswith("Ärendet") for c in long_section[1:])
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))


def test_small_sections_merge_within_the_statement_and_keep_their_headings():
    chunks = chunk_statement(long_statement(), "f1", max_tokens=300)
    first = chunks[0]
    assert first.section == "Förslag till beslut; Sammanfattning"
    assert first.text.startswith("Förslag till beslut\n\nNämnden godkänner")
    assert "Sammanfattning\n\nFörvaltningen har utrett" in first.text
    assert not any("Karta över" in c.text and "Mening" in c.text for c in chunks[:-1])


def test_a_chunk_never_crosses_statements():
    a = Statement(source="pack.md", part=0, title="Första ärendet",
                  sections=[Section("Ärendet", "Kort text om det första ärendet.")])
    b = Statement(source="pack.md", part=1, title="Andra ärendet",
                  sections=[Section("Ärendet", "Kort text om det andra ärendet.")])
    chunks_a, chunks_b = chunk_statement(a, "f1"), chunk_statement(b, "f1")
    assert [c.text for c in chunks_a] == ["Ärendet\n\nKort text om det första ärendet."]
    assert [c.text for c in chunks_b] == ["Ärendet\n\nKort text om det andra ärendet."]
    assert chunks_a[0].id != chunks_b[0].id and chunks_b[0].part == 1


def test_a_protokolls_paragrafer_stay_apart_and_carry_their_diarienummer():
    """Two small §§ would merge as small sections do, but they are two ärenden."""
    st = Statement(source="protokoll.md", title="Protokoll 2024-05-15", doc_type="protokoll", sections=[
        Section("§ 64 Anmälan av delegeringsbeslut", "Redovisningen godkänns.", dnr="KFT-2024-00137"),
        Section("§ 65 Redovisning av inkomna handlingar", "Nämnden noterar redovisningen.", dnr="KFT-2024-00138"),
        Section("Justering", "Protokollet justeras digitalt."),
        Section("Underskrifter", "Ordförande och sekreterare."),
    ])
    chunks = chunk_statement(st, "f1")
    assert [(c.section, c.dnr) for c in chunks] == [
        ("§ 64 Anmälan av delegeringsbeslut", "KFT-2024-00137"),
        ("§ 65 Redovisning av inkomna handlingar", "KFT-2024-00138"),
        ("Justering; Underskrifter", None),  # sections of no ärende merge as before
    ]


def test_ids_are_stable_and_name_the_text():
    one = chunk_statement(long_statement(), "f1", max_tokens=120)
    two = chunk_statement(long_statement(), "f1", max_tokens=120)
    assert [c.id for c in one] == [c.id for c in two]
    assert len({c.id for c in one}) == len(one)
    assert all(c.id.startswith("f1:0:") for c in one)
    changed = long_statement()
    changed.sections[0].text = "Nämnden avslår förslaget."
    assert chunk_statement(changed, "f1", max_tokens=120)[0].id != one[0].id


def test_a_run_on_text_without_sentence_ends_is_cut_between_words():
    row = " | ".join(f"Förening {i} 25 000 kr" for i in range(200))
    st = Statement(source="t.md", title="Bidrag", sections=[Section("Tabell", row)])
    chunks = chunk_statement(st, "f1", max_tokens=100)
    assert len(chunks) > 3
    assert all(count_tokens(c.context_text) <= 100 for c in chunks)
    assert chunks[0].text.startswith("Tabell\n\nFörening 0 ")  # the heading opens the section, not alone
    assert words(" ".join(c.text for c in chunks)) == ["Tabell"] + words(row)


def test_pages_follow_page_markers():
    text = "\n\n".join([SENTENCES[0], "<!-- sida 4 -->", " ".join(SENTENCES[1:20]), "<!-- sida 5 -->",
                        " ".join(SENTENCES[20:40])])
    st = Statement(source="p.md", title="Handlingar", sections=[Section("Ärendet", text, 3, 5)])
    chunks = chunk_statement(st, "f1", max_tokens=200)
    assert chunks[0].page_start == 3
    assert chunks[-1].page_end == 5
    assert all("<!--" not in c.text for c in chunks)


def test_empty_sections_give_no_chunks():
    st = Statement(source="e.md", title="Tom", sections=[Section("Ärendet", "  \n\n "), Section(None, "")])
    assert chunk_statement(st, "f1") == []
