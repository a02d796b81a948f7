"""Score fusion: plain data in, plain data out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")


def zscore_fusion(
    rankings: Sequence[Sequence[tuple[str, float]]], weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse scored candidate lists: score(id) = sum of weight * z-score of id's score in each list.

    Scores are standardised within each list (mean 0, standard deviation 1), so a BM25 score and a
    cosine similarity become comparable, and a list that clearly prefers one candidate (a rare name or
    diarienummer in BM25, a close paraphrase in the dense list) weighs more than a list of near ties.
    An id missing from a list gets that list's lowest z-score. Best first; empty lists are ignored.

    Measured on the dev set over the whole corpus, this beat reciprocal rank fusion (evidence in the
    top hit 79 % against 64 %), and kept diarienummer look-ups, where the dense list is a row of near
    ties, far better than weighted rank fusion or min-max score fusion.
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    standardised = []
    for ranking, w in zip(rankings, weights):
        if not ranking:
            continue
        values = np.asarray([score for _, score in ranking], dtype=np.float64)
        mean, sd = float(values.mean()), float(values.std()) or 1.0
        z = {cid: (score - mean) / sd for cid, score in ranking}
        standardised.append((z, (float(values.min()) - mean) / sd, w))
    order: dict[str, None] = {}
    for ranking in rankings:
        for cid, _ in ranking:
            order.setdefault(cid)
    fused = {cid: sum(w * z.get(cid, floor) for z, floor, w in standardised) for cid in order}
    return sorted(fused.items(), key=lambda kv: -kv[1])


RRF_K = 60  # the usual constant of reciprocal rank fusion (Cormack et al. 2009)


def rrf_fusion(
    rankings: Sequence[Sequence[tuple[str, float]]], weights: Sequence[float] | None = None, k: int = RRF_K
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: score(id) = sum of weight / (k + rank of id in each list). Scores are
    ignored, only ranks count. Best first."""
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    fused: dict[str, float] = {}
    for ranking, w in zip(rankings, weights):
        for rank, (cid, _) in enumerate(ranking, start=1):
            fused[cid] = fused.get(cid, 0.0) + w / (k + rank)
    return sorted(fused.items(), key=lambda kv: -kv[1])


def lifted(ranked: list[tuple[T, float]], weight: float, share: Callable[[T], float]) -> list[tuple[T, float]]:
    """``ranked`` (item, score) re-sorted, best first, after adding ``weight`` standard deviations of its
    scores times ``share(item)`` (0..1) to each score: a bonus that weighs the same whatever the scale of
    the scores (z-score fusion, BM25, cosine)."""
    if len(ranked) < 2:
        return ranked
    bonus = weight * float(np.std([score for _, score in ranked]))
    return sorted(((item, score + bonus * share(item)) for item, score in ranked), key=lambda cs: -cs[1])
