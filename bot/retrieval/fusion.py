"""Reciprocal rank fusion and the per-document cap: plain data in, plain data out."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], weights: Sequence[float] | None = None, k: int = RRF_K
) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum of weight / (k + rank), rank from 1. Best first.

    Ties keep the order in which ids were first seen (earlier rankings first).
    """
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def cap_per_document(items: Iterable[T], limit: int, document: Callable[[T], Hashable]) -> list[T]:
    """Keep the order, but at most ``limit`` items of any one document (limit < 1: no cap)."""
    if limit < 1:
        return list(items)
    seen: dict[Hashable, int] = {}
    kept = []
    for item in items:
        key = document(item)
        if seen.get(key, 0) < limit:
            seen[key] = seen.get(key, 0) + 1
            kept.append(item)
    return kept
