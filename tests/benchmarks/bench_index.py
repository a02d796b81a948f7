"""Indexing throughput against the raw embedder, and the cost of an unchanged re-index.

    python tests/benchmarks/bench_index.py knowledge/            # or ../shared/corpus/kungsbacka-kultur-fritid

1. reads and chunks the files (not timed against the embedder),
2. embeds every text the index embeds (each chunk, and each sentence unless KANSLI_SENTENCE_VECTORS=false)
   once, with the bare local embedder, in batches, no cache: the raw rate,
3. runs `index_paths` into a fresh data dir with a fresh embedding cache: the indexing rate (the whole
   run: reading, chunking, embedding, chroma, catalog, BM25). It indexes a copy of the paths without
   the embeddings a folder may ship (knowledge/ does, see bot/index/seed.py),
4. runs it again on the unchanged files.

Prints one JSON object. The machine's other load moves both rates; compare them from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kansli-bench-"))
    # A copy without the embeddings a folder may ship (bot/index/seed.py): the run must compute them.
    copies = []
    for i, given in enumerate(args.paths):
        src = Path(given).resolve()
        dst = work / "docs" / str(i) / src.name
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".*"))
        else:
            dst.parent.mkdir(parents=True)
            shutil.copy2(src, dst)
        copies.append(str(dst))
    args.paths = copies
    os.environ["KANSLI_DATA_DIR"] = str(work / "data")
    os.environ["KANSLI_EMBEDDING_CACHE"] = str(work / "embeddings.sqlite")
    from bot.config import Settings
    from bot.documents import UnreadableDocument, read_document
    from bot.index.chunking import chunk_statement
    from bot.index.embedders import LocalE5Embedder
    from bot.index.indexer import _walk, file_key, index_paths

    settings = Settings()
    t0 = time.perf_counter()
    texts = []
    for given in args.paths:
        root = Path(given).resolve()
        for path in ([root] if root.is_file() else _walk(root)):
            try:
                statements = read_document(path, path.name)
            except UnreadableDocument:
                continue
            for s in statements:
                for c in chunk_statement(s, file_key(path), settings.chunk_max_tokens,
                                         settings.chunk_overlap_tokens, settings.chunk_min_tokens):
                    texts.append(c.context_text)
                    if settings.sentence_vectors:
                        texts.extend(c.sentence_texts())
    texts = list(dict.fromkeys(texts))  # the index's cache embeds a text once
    read_seconds = time.perf_counter() - t0

    embedder = LocalE5Embedder()
    embedder.embed_passages(texts[:1])  # load the model
    t0 = time.perf_counter()
    for i in range(0, len(texts), args.batch):
        embedder.embed_passages(texts[i:i + args.batch])
    raw_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    report = index_paths(args.paths, settings, progress=False)
    index_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = index_paths(args.paths, settings, progress=False)
    unchanged_seconds = time.perf_counter() - t0

    raw_rate = len(texts) / raw_seconds
    index_rate = report.embedded / index_seconds
    print(json.dumps({
        "paths": args.paths,
        "files": report.indexed,
        "chunks": report.chunks,
        "texts_embedded": report.embedded,
        "sentence_vectors": settings.sentence_vectors,
        "read_and_chunk_seconds": round(read_seconds, 2),
        "raw_embedder_seconds": round(raw_seconds, 2),
        "raw_texts_per_second": round(raw_rate, 2),
        "index_seconds": round(index_seconds, 2),
        "index_texts_per_second": round(index_rate, 2),
        "index_rate_vs_raw": round(index_rate / raw_rate, 3),
        "unchanged_reindex_seconds": round(unchanged_seconds, 3),
        "unchanged_skipped": again.skipped,
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
