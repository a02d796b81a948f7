"""Reciprocal rank fusion and the per-document cap."""

from bot.retrieval.fusion import cap_per_document, reciprocal_rank_fusion


def test_rrf_rewards_agreement():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "b", "d"]])
    ids = [i for i, _ in fused]
    assert ids[0] == "b" or ids[0] == "c"
    assert set(ids) == {"a", "b", "c", "d"}
    assert ids.index("b") < ids.index("a") and ids.index("c") < ids.index("d")


def test_rrf_weights():
    fused = reciprocal_rank_fusion([["a"], ["b"]], weights=[1.0, 2.0])
    assert [i for i, _ in fused] == ["b", "a"]
    assert fused[0][1] == 2.0 / 61


def test_cap_per_document_keeps_order():
    items = [("x", 1), ("x", 2), ("y", 1), ("x", 3), ("y", 2), ("y", 3), ("z", 1)]
    assert cap_per_document(items, 2, lambda t: t[0]) == [("x", 1), ("x", 2), ("y", 1), ("y", 2), ("z", 1)]
    assert cap_per_document(items, 0, lambda t: t[0]) == items
