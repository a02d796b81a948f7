"""The vector store: chromadb, embedded under KANSLI_DATA_DIR or a Chroma server (KANSLI_CHROMA_HOST).

Chroma never embeds anything itself here: the collection is created without an embedding function
and every add and query passes explicit vectors (its default embedder would download an English-only
model). The collection records the embedder's name and dimension and refuses another embedder.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from bot.config import Settings
from bot.index.locations import chroma_path

log = logging.getLogger(__name__)

COLLECTION = "kansli-chunks"
# The nearest-neighbour graph. Chroma's defaults (16 neighbours a node, ef_construction 100) build a graph
# that differs from build to build and, for 2 of 476 questions over the whole corpus in every build,
# left one of the 10 truly nearest chunks unreachable, even at ef_search 1,000 (once the article that
# answers a dev question: two builds of the same files answered it differently). With 32 neighbours and
# ef_construction 200: all 10 nearest found for every question in three builds, 99.4 % of the 400 nearest
# (against 98.6 %), building 2 s slower for the whole corpus. Fixed when a collection is created: an index
# built before gets it from `kansli index --rebuild`.
HNSW = {"space": "cosine", "max_neighbors": 32, "ef_construction": 200, "ef_search": 400}


class EmbedderMismatch(Exception):
    """The index was built with another embedder than the one configured."""


class StoreUnavailable(Exception):
    """The Chroma server cannot be reached."""


def store_location(settings: Settings) -> str:
    if settings.chroma_host:
        return f"http://{settings.chroma_host}:{settings.chroma_port}"
    return str(chroma_path(settings))


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
        except Exception as e:  # chromadb raises plain ValueError/ConnectionError here
            raise StoreUnavailable(f"Kunde inte nå Chroma-servern på {store_location(settings)}: {e}") from e
    path = chroma_path(settings)
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class VectorStore:
    def __init__(self, settings: Settings, embedder_name: str, dim: int, rebuild: bool = False):
        self.settings = settings
        self.embedder_name = embedder_name
        self.dim = dim
        self._open(rebuild)

    def _open(self, rebuild: bool = False) -> None:
        from chromadb.errors import NotFoundError

        self._client = _client(self.settings)
        if rebuild:
            try:
                self._client.delete_collection(COLLECTION)
            except NotFoundError:
                pass
        try:
            self._col = self._client.get_collection(COLLECTION, embedding_function=None)
        except NotFoundError:
            self._col = self._client.create_collection(
                COLLECTION,
                embedding_function=None,
                metadata={"embedding_model": self.embedder_name, "dim": self.dim},
                configuration={"hnsw": dict(HNSW)},
            )
        if self._col._embedding_function is not None:  # defence: chroma must never embed by itself
            raise RuntimeError("chroma collection has an embedding function; refusing to use it")
        meta = self._col.metadata or {}
        built_with, built_dim = meta.get("embedding_model"), meta.get("dim")
        if built_with != self.embedder_name or (built_dim is not None and int(built_dim) != self.dim):
            raise EmbedderMismatch(mismatch_message(built_with, self.embedder_name))
        self._max_batch = max(1, int(self._client.get_max_batch_size()))

    def refresh(self) -> None:
        """See what another process (a `kansli index` run) wrote since this store was opened.

        An embedded chroma client keeps its vector index in memory and does not see other processes'
        writes; a long-running process (the Slack bot) calls this when the index has changed.
        """
        if not self.settings.chroma_host:
            from chromadb.api.client import SharedSystemClient

            SharedSystemClient.clear_system_cache()
            self._open()

    def count(self) -> int:
        return self._col.count()

    def upsert(self, ids: Sequence[str], embeddings: np.ndarray, metadatas: Sequence[dict] | None = None) -> None:
        ids = list(ids)
        embeddings = np.asarray(embeddings, dtype=np.float32)
        for i in range(0, len(ids), self._max_batch):
            j = i + self._max_batch
            self._col.upsert(ids=ids[i:j], embeddings=embeddings[i:j],
                             metadatas=list(metadatas[i:j]) if metadatas else None)

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), self._max_batch):
            self._col.delete(ids=ids[i:i + self._max_batch])

    def all_ids(self) -> set[str]:
        return set(self._col.get(include=[])["ids"])

    def query(self, embedding: np.ndarray, k: int, ids_subset: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` nearest (chunk id, cosine distance), nearest first; only among ``ids_subset`` when given."""
        from chromadb.errors import InternalError

        if k <= 0 or (ids_subset is not None and not ids_subset):
            return []
        q = np.asarray(embedding, dtype=np.float32).reshape(1, -1)
        subset = list(ids_subset) if ids_subset is not None else None
        try:
            res = self._col.query(query_embeddings=q, n_results=k, ids=subset, include=["distances"])
        except InternalError:
            if subset is None:
                raise
            # An id the store does not hold (e.g. written by a run that was killed): ask for the known ones.
            known = self._col.get(ids=subset, include=[])["ids"]
            if not known:
                return []
            res = self._col.query(query_embeddings=q, n_results=k, ids=known, include=["distances"])
        return list(zip(res["ids"][0], (float(d) for d in res["distances"][0])))


def mismatch_message(built_with: str | None, configured: str) -> str:
    return (f"Indexet är byggt med {built_with or 'en okänd modell'} men inställningen är {configured}; "
            "kör om indexeringen med --rebuild eller byt tillbaka.")
