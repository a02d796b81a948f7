"""Embeddings shipped with a folder of documents, so that its first index need not compute them.

A folder may carry ``.embeddings/<model>.npz``: the vectors of every text Kansli embeds for its files
(each chunk's context text and its sentences), keyed as the embedding cache keys them (sha256 of the
model's name and the text). ``kansli index FOLDER`` loads them into the cache before it embeds anything;
a text that is not there (a file changed or added since, other chunking rules) is embedded as usual.

The sample corpus in knowledge/ ships one, so the first question on a fresh machine reads and stores the
documents and computes no embedding. After a change to the reader or the chunking, write it anew:

    python -m bot.index.seed knowledge/
"""

from __future__ import annotations

import logging
import re
import sys
import zipfile
from pathlib import Path

import numpy as np

from bot.config import Settings
from bot.index.embedders import CachedEmbedder

log = logging.getLogger(__name__)

FOLDER = ".embeddings"


def seed_path(root: Path, model: str) -> Path:
    return Path(root) / FOLDER / (re.sub(r"[^\w.-]+", "-", model) + ".npz")


def load_seed(root: Path, embedder: CachedEmbedder) -> int:
    """Put the vectors shipped with folder ``root`` for the embedder's model into its cache; how many.
    A seed that cannot be read is logged and left alone: the texts are then embedded."""
    path = seed_path(root, embedder.name)
    if not path.is_file():
        return 0
    try:
        with np.load(path, allow_pickle=False) as seed:
            if str(seed["model"]) != embedder.name:
                return 0
            keys, vectors = seed["keys"], seed["vectors"].astype(np.float32)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
        log.warning("could not read the shipped embeddings %s: %s", path, e)
        return 0
    if keys.ndim != 2 or keys.shape[1] != 32 or vectors.shape != (len(keys), embedder.dim):
        log.warning("the shipped embeddings %s do not fit the model %s; not used", path, embedder.name)
        return 0
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return embedder.preload([bytes(k) for k in keys], vectors)


def write_seed(root: Path, settings: Settings) -> Path:
    """Index folder ``root`` and write the vectors of every text embedded for its files next to them."""
    from bot.index.catalog import Catalog
    from bot.index.embedders import make_embedder
    from bot.index.indexer import index_paths

    root = Path(root).resolve()
    report = index_paths([root], settings, progress=sys.stderr.isatty())
    if report.failed:
        raise SystemExit(f"{root}: {len(report.failed)} file(s) could not be indexed; no seed written")
    catalog, embedder = Catalog(settings), make_embedder(settings)
    try:
        mine = set(catalog.file_keys_under(str(root)))
        texts: list[str] = []
        for chunk in catalog.iter_chunks():
            if chunk.id.split(":")[0] in mine:  # a chunk id begins with its file's key
                texts.append(chunk.context_text)
                if settings.sentence_vectors:
                    texts.extend(chunk.sentence_texts())
        texts = list(dict.fromkeys(texts))
        cached = embedder.cached(texts)
        if len(cached) != len(texts):
            raise SystemExit(f"{len(texts) - len(cached)} texts of {root} have no cached vector; no seed written")
        path = seed_path(root, embedder.name)
        path.parent.mkdir(exist_ok=True)
        np.savez_compressed(
            path, model=np.array(embedder.name),
            keys=np.frombuffer(b"".join(embedder.key(t) for t in texts), dtype=np.uint8).reshape(len(texts), -1),
            vectors=np.vstack([cached[i] for i in range(len(texts))]).astype(np.float16))
        return path
    finally:
        catalog.close()
        embedder.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m bot.index.seed FOLDER")
    print(write_seed(Path(sys.argv[1]), Settings()))
