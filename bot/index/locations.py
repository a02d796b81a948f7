"""Where the index step keeps its files under KANSLI_DATA_DIR."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings


def data_dir(settings: Settings) -> Path:
    return Path(settings.kansli_data_dir).expanduser()


def catalog_path(settings: Settings) -> Path:
    return data_dir(settings) / "catalog.sqlite"


def chroma_path(settings: Settings) -> Path:
    return data_dir(settings) / "chroma"


def lexical_dir(settings: Settings) -> Path:
    """The BM25 index (bot.index.lexical.LexicalIndex.save/load)."""
    return data_dir(settings) / "bm25"


def embedding_cache_path(settings: Settings) -> Path:
    return Path(settings.embedding_cache).expanduser() if settings.embedding_cache else data_dir(settings) / "embeddings.sqlite"


def lock_path(settings: Settings) -> Path:
    return data_dir(settings) / "index.lock"
