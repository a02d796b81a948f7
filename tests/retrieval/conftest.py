"""The retrieval tests' shared index: the fixture documents, indexed once per session for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.index.indexer import index_paths

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def indexed(tmp_path_factory, embedding_cache) -> dict[str, str]:
    """Environment of an index of the fixtures, in small chunks so a document has several."""
    env = {
        "KANSLI_DATA_DIR": str(tmp_path_factory.mktemp("retrieval") / "data"),
        "KANSLI_EMBEDDING_CACHE": str(embedding_cache),
        "KANSLI_CHUNK_MAX_TOKENS": "60",
        "KANSLI_CHUNK_MIN_TOKENS": "10",
    }
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        report = index_paths([FIXTURES], Settings(), progress=False)
    assert report.ok, report.summary()
    return env
