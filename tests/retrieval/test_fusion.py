"""Score fusion."""

import pytest

from bot.retrieval.fusion import rrf_fusion, zscore_fusion


def test_fusion_rewards_agreement():
    bm25 = [("a", 9.0), ("b", 5.0), ("c", 4.0)]
    dense = [("c", 0.90), ("b", 0.89), ("d", 0.80)]
    ids = [i for i, _ in zscore_fusion([bm25, dense])]
    assert set(ids) == {"a", "b", "c", "d"}
    assert ids.index("b") < ids.index("d") and ids.index("c") < ids.index("d")


def test_a_clear_winner_beats_near_ties():
    # BM25 is sure (a rare diarienummer); the dense list is a row of near ties
    bm25 = [("exact", 20.0), ("x", 2.0), ("y", 1.9), ("z", 1.8)]
    dense = [("p", 0.851), ("q", 0.850), ("exact", 0.849), ("r", 0.848)]
    assert zscore_fusion([bm25, dense])[0][0] == "exact"


def test_weights_and_empty_lists():
    a, b = [("a", 2.0), ("x", 1.0)], [("b", 2.0), ("y", 1.0)]
    assert zscore_fusion([a, b], [2.0, 1.0])[0][0] == "a"
    assert zscore_fusion([a, b], [1.0, 2.0])[0][0] == "b"
    assert [i for i, _ in zscore_fusion([[], a])] == ["a", "x"]
    assert zscore_fusion([[], []]) == []
    single = zscore_fusion([[("only", 3.0)]])
    assert single == [("only", pytest.approx(0.0))]


def test_reciprocal_rank_fusion_counts_ranks_only():
    bm25 = [("a", 9.0), ("b", 5.0), ("c", 4.0)]
    dense = [("c", 0.90), ("b", 0.89), ("d", 0.80)]
    fused = [i for i, _ in rrf_fusion([bm25, dense])]
    assert set(fused[:2]) == {"b", "c"} and set(fused[2:]) == {"a", "d"}  # in both lists beats first in one
    louder = [("a", 900.0), ("b", 5.0), ("c", 4.0)]
    assert [i for i, _ in rrf_fusion([louder, dense])] == fused
    assert rrf_fusion([bm25, dense], [1.0, 0.0])[0][0] == "a"
    assert rrf_fusion([[], []]) == []
