"""A question's explicit time expressions, and how they re-rank documents by date."""

from bot.index.chunking import Chunk
from bot.retrieval.search import dated
from bot.retrieval.timeframe import Period, date_match, periods


def test_year_month_and_season_are_read():
    assert periods("Vad beslutade nämnden i februari 2024?") == [Period(2024, frozenset({2}))]
    assert periods("Vad hände under våren 2024?") == [Period(2024, frozenset(range(1, 7)))]
    assert periods("Vem fick Tucholskypriset 2024?") == [Period(2024)]
    assert periods("Sammanträdet 2024-02-21") == [Period(2024, frozenset({2}))]


def test_numbers_that_are_not_years_are_ignored():
    assert periods("Vad sägs i Dir. 2022:103 och SOU 2023:58 om KFT-2024-00111?") == []
    assert periods("Hur många besökare kom, 1500 eller 2500?") == []


def test_a_month_match_beats_a_year_match():
    february = periods("i februari 2024")
    assert date_match("2024-02-21", february) == 1.0
    assert 0 < date_match("2024-05-15", february) < 1.0
    assert date_match("2025-02-19", february) == 0.0
    assert date_match(None, february) == 0.0


def test_a_named_month_or_season_counts_more_than_a_bare_year():
    # "hösten 2023" says when it happened; "2023" alone is often the subject's year (an annual report)
    assert date_match("2023-10-05", periods("hösten 2023")) > date_match("2023-10-05", periods("2023")) > 0


def chunk(name: str, date: str | None) -> Chunk:
    return Chunk(id=name, source=f"{name}.md", part=0, ordinal=0, text=name, date=date)


def test_a_document_dated_when_the_question_says_moves_up_but_a_clear_winner_stays():
    ranked = [(chunk("maj", "2024-05-15"), 3.0), (chunk("februari", "2024-02-21"), 2.9),
              (chunk("annat", "2023-01-10"), 0.5), (chunk("odaterat", None), 0.1)]
    order = [c.id for c, _ in dated(ranked, periods("Vad beslutade nämnden i februari 2024?"))]
    assert order[:2] == ["februari", "maj"]
    far = [(chunk("maj", "2024-05-15"), 9.0), *ranked[1:]]
    assert [c.id for c, _ in dated(far, periods("i februari 2024"))][0] == "maj"
