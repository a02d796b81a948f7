"""Embedders: the local model, an OpenAI-compatible endpoint, and the content-hash cache."""

from __future__ import annotations

import numpy as np
import pytest

from bot.index.embedders import CachedEmbedder, EmbeddingError, LocalE5Embedder, OpenAIEmbedder, make_embedder
from tests.fakes.openai_server import FakeOpenAI

PASSAGES = [
    "Biblioteken har öppet sex dagar i veckan.",
    "Musikskolan ska få fler platser för barn i förorterna.",
]


def test_local_embedder_ranks_the_relevant_passage_first(settings):
    embedder = make_embedder(settings)
    vectors = embedder.embed_passages(PASSAGES)
    assert vectors.shape == (2, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    query = embedder.embed_query("När har biblioteket öppet?")
    assert query.shape == (embedder.dim,)
    assert float(vectors[0] @ query) > float(vectors[1] @ query)


def test_unchanged_text_is_never_embedded_twice(tmp_path):
    cache = tmp_path / "cache.sqlite"
    first = CachedEmbedder(LocalE5Embedder(), cache)
    a = first.embed_passages(PASSAGES)
    assert first.embedded == 2
    again = first.embed_passages(PASSAGES[::-1])
    assert first.embedded == 2
    assert np.allclose(again, a[::-1])
    first.close()

    reopened = CachedEmbedder(LocalE5Embedder(), cache)  # another run, same cache file
    b = reopened.embed_passages(PASSAGES + ["Ny text om teaterstöd."])
    assert reopened.embedded == 1
    assert np.allclose(b[:2], a)


def test_openai_compatible_endpoint_in_batches(tmp_path):
    with FakeOpenAI(embedding_dim=8) as server:
        embedder = OpenAIEmbedder("text-embedding-test", base_url=server.base_url, api_key="x", batch_size=2)
        cached = CachedEmbedder(embedder, tmp_path / "cache.sqlite")
        vectors = cached.embed_passages([f"text {i}" for i in range(5)])
        assert vectors.shape == (5, 8) and cached.dim == 8
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        calls = [r for r in server.requests if r["path"].endswith("/embeddings")]
        assert len(calls) == 3  # 2 + 2 + 1
        cached.embed_passages([f"text {i}" for i in range(5)])
        assert cached.embedded == 5
        assert embedder.embed_query("fråga").shape == (8,)
    assert cached.name == "openai/text-embedding-test"


def test_unreachable_endpoint_is_a_clear_error():
    with FakeOpenAI() as server:
        url = server.base_url
    embedder = OpenAIEmbedder("text-embedding-test", base_url=url, api_key="x", timeout=2)
    embedder._client = embedder._client.with_options(max_retries=0)
    with pytest.raises(EmbeddingError, match="inbäddningstjänsten"):
        embedder.embed_passages(["text"])
