"""Where the index step keeps its files under KANSLI_DATA_DIR."""

from __future__ import annotations

import errno
from pathlib import Path

from bot.config import Settings

_OS_REASONS = {
    errno.ENOENT: "finns inte",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EEXIST: "det är en fil, inte en mapp",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp",
    errno.EISDIR: "det är en mapp, inte en fil",
}


class DataDirUnavailable(Exception):
    """KANSLI_DATA_DIR cannot be created, opened or written."""


def os_reason(e: OSError) -> str:
    """Why a file operation failed, in Swedish (the system's own words when there is no translation)."""
    return _OS_REASONS.get(e.errno, e.strerror or type(e).__name__)


def unusable(directory: Path, e: OSError | None = None) -> DataDirUnavailable:
    """The error for a data dir that cannot be created (e: why) or written."""
    reason = "" if e is None else ": den går inte att skapa" if e.errno == errno.ENOENT else f": {os_reason(e)}"
    return DataDirUnavailable(f"Datamappen {directory} går inte att använda{reason}. "
                              "Ange en mapp där Kansli får skriva med KANSLI_DATA_DIR.")


def ensure_data_dir(settings: Settings) -> Path:
    """The data dir, created if needed; DataDirUnavailable (with a Swedish message) if that fails."""
    directory = data_dir(settings)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise unusable(directory, e) from e
    return directory


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
