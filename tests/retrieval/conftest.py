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


def other_business(texts: list[str], year: int) -> dict[str, str]:
    """The nämnd's other business beside the documents of a test, one dated document each (from March of
    ``year`` on): a search ranks among many candidates, not two."""
    return {f"annat-{i}.md": f"---\ntitle: Ärende {i}\ndate: {year}-{i + 3:02d}-10\n---\n{text}\n"
            for i, text in enumerate(texts)}


@pytest.fixture
def searcher_over(settings, tmp_path):
    """A function that indexes the files given (name -> text) for real, in a private data dir, and
    returns a Searcher of them."""
    from bot.retrieval.search import Searcher

    def build(files: dict[str, str]) -> Searcher:
        root = tmp_path / "docs"
        root.mkdir()
        for name, text in files.items():
            (root / name).write_text(text, encoding="utf-8")
        report = index_paths([root], settings, progress=False)
        assert report.ok, report.summary()
        return Searcher(settings)

    return build
