"""Token counting with tiktoken, offline.

tiktoken fetches its BPE files from the internet on first use. Kansli vendors the two it needs in
``tiktoken_cache/`` (named, as tiktoken expects, by the sha1 of their download URL) and points
``TIKTOKEN_CACHE_DIR`` there before any encoding is loaded, so nothing is ever downloaded.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

CACHE_DIR = Path(__file__).resolve().parent / "tiktoken_cache"
VENDORED = {
    "o200k_base": "fb374d419588a4632f3f557e76b4b70aebbca790",
    "cl100k_base": "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
}
DEFAULT_ENCODING = "o200k_base"

os.environ["TIKTOKEN_CACHE_DIR"] = str(CACHE_DIR)

import tiktoken  # noqa: E402  (after TIKTOKEN_CACHE_DIR is set)


def encoding_name_for(model: str | None) -> str:
    """o200k_base for the gpt-4o/4.1/5/o-series family and anything unknown; cl100k_base for older models."""
    if not model:
        return DEFAULT_ENCODING
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        return DEFAULT_ENCODING
    return name if name in VENDORED else DEFAULT_ENCODING


@lru_cache(maxsize=None)
def _encoding(name: str) -> tiktoken.Encoding:
    path = CACHE_DIR / VENDORED[name]
    if not path.is_file():  # tiktoken would try to download it: refuse instead
        raise RuntimeError(f"tiktoken-filen för {name} saknas i {CACHE_DIR}; installera om Kansli")
    return tiktoken.get_encoding(name)


def encoding_for(model: str | None = None) -> tiktoken.Encoding:
    return _encoding(encoding_name_for(model))


def count_tokens(text: str, model: str | None = None) -> int:
    return len(encoding_for(model).encode(text, disallowed_special=()))
