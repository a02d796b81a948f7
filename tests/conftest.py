"""Shared test fixtures.

Every test gets its own KANSLI_DATA_DIR; embeddings are cached by content hash in one file per test
session, so the real local embedder embeds each fixture text once.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"

# Never let anything reach a real LLM or Slack from the tests.
for _var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
    os.environ.pop(_var, None)


@pytest.fixture(scope="session")
def embedding_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("embcache") / "embeddings.sqlite"


@pytest.fixture
def settings(tmp_path, monkeypatch, embedding_cache):
    """Fresh settings with a private data dir (and the session's embedding cache)."""
    from bot.config import Settings, get_settings

    monkeypatch.setenv("KANSLI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KANSLI_EMBEDDING_CACHE", str(embedding_cache))
    monkeypatch.chdir(tmp_path)  # no stray .env
    get_settings.cache_clear()
    yield Settings()
    get_settings.cache_clear()


def requires_shared_corpus():
    return pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not present")
