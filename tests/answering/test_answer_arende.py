"""A question that names an ärende by diarienummer, not by its subject."""

from __future__ import annotations

from bot.answering.answer import answer
from bot.answering.extractive import extractive_answer
from bot.config import Settings
from tests.answering.sample_hits import DANS, hit

INITIATIV = hit(7, "Nämnden anser att initiativet om en samlingsplats för ungdomar ligger i linje med "
                   "förvaltningens uppdrag och att det ingår i verkställigheten. Förvaltningen har haft två "
                   "dialoger med motorburna ungdomar under hösten.",
                title="Initiativ från Alliansen: samlingsplats för ungdomar", dnr="KFT-2023-00356")


def test_a_question_naming_only_the_diarienummer_is_answered_from_the_arende(tmp_path, monkeypatch):
    monkeypatch.setenv("KANSLI_DATA_DIR", str(tmp_path))
    settings = Settings()
    for question in ("Vad handlar KFT-2023-00356 om?", "Vad handlar kft-2023-356 om?"):
        result = answer(question, search=lambda q: [INITIATIV, DANS], settings=settings)
        assert result.found, question
        assert {c.source for c in result.citations} == {INITIATIV.source}
        assert "samlingsplats för ungdomar" in result.answer


def test_a_question_naming_no_arende_is_not_read_with_a_title(tmp_path, monkeypatch):
    monkeypatch.setenv("KANSLI_DATA_DIR", str(tmp_path))
    result = answer("Vad handlar det om?", search=lambda q: [INITIATIV, DANS], settings=Settings())
    assert not result.found


def test_a_passage_that_nearly_repeats_another_is_quoted_once():
    a = hit(1, "Helene Engstrand (KD) och Annika Hedman (C) inkommer med initiativ om att utreda en plats där "
               "motorburna ungdomar kan träffas utan att störa boende.", source="protokollsutdrag.md")
    b = hit(2, "Helene Engstrand (KD) och Annika Hedman (C) inkom 2023-11-22 med initiativ om att utreda en plats "
               "där motorburna ungdomar kan träffas utan att störa boende.", source="tjansteskrivelse.md")
    result = extractive_answer("Var kan motorburna ungdomar träffas utan att störa boende?", [a, b])
    assert result.found
    assert result.answer.count("motorburna ungdomar") == 1
