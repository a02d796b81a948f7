"""Diarienummer named in a question, read as loosely as people type them."""

from bot.retrieval.cases import named_dnrs


def test_diarienummer_in_a_question_in_every_house_style():
    assert named_dnrs("Vad handlar KFT-2023-00356 om?") == ["KFT-2023-00356"]
    assert named_dnrs("Vad sa man i 6.1/1085/2013 och dir. 2022:103?") == ["6.1/1085/2013", "Dir. 2022:103"]
    assert named_dnrs("sou 2023:58") == ["SOU 2023:58"]


def test_lower_case_and_missing_leading_zeros_are_tried_as_written_and_in_full():
    assert named_dnrs("kft-2023-356") == ["KFT-2023-356", "KFT-2023-00356"]


def test_year_ranges_and_dates_are_not_diarienummer():
    assert named_dnrs("Vad hände 2023-2024 med bidragen?") == []
    assert named_dnrs("Sammanträdet 2024-02-21") == []
    assert named_dnrs(None) == []
