"""Candidates re-scored by their sentence closest to the question (plain data)."""

import numpy as np

from bot.retrieval.sentences import best_sentence, by_best_sentence


def ids(ranked):
    return [cid for cid, _ in ranked]


def test_best_sentence_is_the_closest_one_of_the_chunk():
    question = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    vectors = {
        "a": np.array([[0.0, 1.0, 0.0], [0.6, 0.8, 0.0]], dtype=np.float32),
        "b": np.array([[0.8, 0.0, 0.6]], dtype=np.float32),
        "none": np.zeros((0, 3), dtype=np.float32),
    }
    assert best_sentence(question, vectors) == {"a": np.float32(0.6), "b": np.float32(0.8)}


def test_the_chunk_whose_sentence_answers_overtakes_one_broadly_on_the_subject():
    ranked = [("broad", 2.0), ("answer", 1.8), ("other", 0.5), ("far", 0.1)]
    best = {"broad": 0.84, "answer": 0.93, "other": 0.83, "far": 0.82}
    assert ids(by_best_sentence(ranked, best)) == ["answer", "broad", "other", "far"]


def test_a_clear_lead_of_the_fusion_holds():
    ranked = [("exact", 9.0), ("b", 1.0), ("c", 0.9)]
    best = {"exact": 0.80, "b": 0.95, "c": 0.85}
    assert ids(by_best_sentence(ranked, best))[0] == "exact"


def test_only_the_first_candidates_are_rescored_the_rest_follow_in_order():
    ranked = [(f"c{i}", 10.0 - i / 100) for i in range(40)]
    best = {f"c{i}": 0.5 + i / 100 for i in range(40)}  # the later, the closer its sentence
    out = by_best_sentence(ranked, best, depth=30)
    assert ids(out[30:]) == [f"c{i}" for i in range(30, 40)]
    assert set(ids(out[:30])) == {f"c{i}" for i in range(30)} and ids(out[:30]) != ids(ranked[:30])


def test_a_candidate_without_sentence_vectors_gains_nothing_and_none_at_all_changes_nothing():
    ranked = [("a", 1.0), ("b", 0.9), ("c", 0.8)]
    assert by_best_sentence(ranked, {}) == ranked
    out = by_best_sentence(ranked, {"b": 0.9, "c": 0.7})
    assert ids(out) == ["b", "a", "c"]  # "a" counts as the least close, like "c"
