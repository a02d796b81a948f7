"""Extractive answers over a real (tiny) index of a statement as PDF-extracted text arrives: what staff
ask ("Vilka …?") answered by the administration's own words, lists whole; off-topic questions not at all."""

from __future__ import annotations

import pytest

from bot.answering.engine import Engine
from bot.answering.originals import letters

# Shaped like the Stockholm tjänsteutlåtande in knowledge/: broken lines, a Symbol-font bullet (U+F0B7).
SVAR = """ Svar på skrivelse om regionen och samverkansmodellen

Förslag till beslut
Skrivelsen besvaras genom detta tjänsteutlåtande.

Sammanfattning
Kulturförvaltningen har idag inget uppdrag i förhållande till samverkansmodellen.

Ärendet
I skrivelsen föreslås att kulturförvaltningen ska ta initiativ till en regional
konferens om olika möjligheter till regional samverkan på kulturområdet.

Förvaltningens synpunkter
Regional samverkan och samtal inom kulturområdet finns i regionen även om det inte
tar sin utgångspunkt i samverkansmodellen.

Några exempel:
\uf0b7 Staden ingår i dialogen kring handlingsplan för kulturella och kreativa
näringar där landstingets kulturförvaltning är samordnare.
\uf0b7 Samverkan pågår kring länsfunktionerna som konsulentverksamhet inom dans och
film, länsbiblioteket och länsmuseet.
\uf0b7 Kulturförvaltningen är aktiv i föreningen för regionens kultur- och fritidschefer
som planerar två kulturchefsmöten om året.
"""

TAL = """---
title: Tal vid Gastronomiska akademiens belöningshögtid
date: 2024-03-01
---

Svensk mat är en del av vårt internationella varumärke. Där hittar man paradrätter som inlagd sill,
gravad lax, köttbullar och raggmunk med fläsk.
"""


@pytest.fixture
def indexed(settings, tmp_path):
    from bot.index.indexer import index_paths

    root = tmp_path / "corpus"
    root.mkdir()
    (root / "svar-samverkan.txt").write_text(SVAR, encoding="utf-8")
    (root / "tal.md").write_text(TAL, encoding="utf-8")
    index_paths([root], settings, progress=False)
    return settings, root


def test_which_forms_of_samverkan_exist_is_answered_with_the_list_each_form_on_a_line(indexed):
    settings, root = indexed
    result = Engine(settings).ask("Vilka regionala samverkansformer finns inom kulturområdet?")
    assert result.found
    first = result.answer.split("\n• ")[1]
    assert first.startswith("Regional samverkan och samtal inom kulturområdet finns")  # not "I skrivelsen …"
    items = [line.strip() for line in first.splitlines() if line.strip().startswith("– ")]
    assert len(items) == 3 and "länsfunktionerna" in items[1] and "kultur- och fritidschefer" in items[2]
    c = result.citations[0]
    assert c.source == "svar-samverkan.txt" and c.section == "Förvaltningens synpunkter"
    assert letters(c.quote) in letters(SVAR)  # as the file has it, bullets aside


def test_a_question_sharing_one_word_with_a_speech_is_not_answered(indexed):
    settings, _ = indexed
    result = Engine(settings).ask("Hur lagar man köttbullar?")
    assert not result.found and result.citations == [] and "hittade inget" in result.answer
