"""Fixtures for the index step: a tiny corpus of short Swedish documents (embedding is slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

DOCS = {
    "bibliotek.md": """---
title: Yttrande om bibliotekens öppettider
dnr: KFT-2024-00001
date: 2024-03-01
doc_type: yttrande
organisation: Kungsbacka kommun
---
# Yttrande om bibliotekens öppettider

## Förslag till beslut

Nämnden föreslås godkänna yttrandet.

## Ärendet

Biblioteken har öppet sex dagar i veckan. Förvaltningen föreslår längre öppettider på kvällarna.
""",
    "musik.txt": "Svar på skrivelse om musikskolan\n\nMusikskolan ska få fler platser för barn i förorterna.\n",
    "scen/teater.md": """---
title: Tjänsteutlåtande om teaterstöd
dnr: 6.1/200/2013
date: 2013-05-02
doc_type: tjänsteutlåtande
organisation: Stockholms stad, kulturförvaltningen
---
# Tjänsteutlåtande om teaterstöd

## Sammanfattning

Fria teatergrupper får ett höjt verksamhetsstöd från 2014.
""",
}


def write_docs(root: Path, docs: dict[str, str] = DOCS) -> Path:
    for name, text in docs.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_docs(tmp_path / "docs")


@pytest.fixture
def dense_search():
    return _dense_search


@pytest.fixture
def store_ids():
    return _store_ids


def _dense_search(settings, query: str, k: int = 5):
    """Vector search trusting only catalog chunks, as retrieval does: [(Chunk, distance)]."""
    from bot.index.catalog import Catalog
    from bot.index.embedders import make_embedder
    from bot.index.vector_store import VectorStore

    embedder = make_embedder(settings)
    store = VectorStore(settings, embedder.name, embedder.dim)
    catalog = Catalog(settings)
    try:
        hits = store.query(embedder.embed_query(query), k)
        chunks = catalog.get_chunks(i for i, _ in hits)
        return [(chunks[i], d) for i, d in hits if i in chunks]
    finally:
        catalog.close()


def _store_ids(settings) -> set[str]:
    from bot.index.embedders import make_embedder
    from bot.index.vector_store import VectorStore

    embedder = make_embedder(settings)
    return VectorStore(settings, embedder.name, embedder.dim).all_ids()
