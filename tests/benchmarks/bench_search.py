"""Search latency at about 10,000 chunks: p50 / p95 per mode, query embedding included.

A script, not a test. It needs an existing index to start from (default: $KANSLI_DATA_DIR, e.g. the
full ../shared/corpus in /work/data-full). When that index has fewer chunks than --chunks, a benchmark
index is built in --work-dir from it plus synthetic variants of its chunks until it holds --chunks:
each variant is a real chunk with its sentences rotated (so BM25 posting lists grow as with more
text) under another file, with the chunk's cached vector, and its sentences' vectors, plus a little
noise (so nothing is embedded again; the vector store holds as many distinct vectors as chunks). It
is written through the real catalog, vector store and BM25 index, and searched through the real Searcher.

Queries: the dev questions plus titles of random chunks (100 in all by default), each run once per mode
after a warm-up; then hybrid and dense again with the query vectors computed beforehand, which is what
retrieval itself costs apart from the embedding model (useful when other work shares the cores).

    KANSLI_DATA_DIR=/work/data-full KANSLI_EMBEDDING_CACHE=/work/data-full/embeddings.sqlite \\
    /work/venv/bin/python tests/benchmarks/bench_search.py [--chunks 10000] [--work-dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"


def _rotate(text: str, by: int) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) < 2:
        return text
    by %= len(sentences)
    return " ".join(sentences[by:] + sentences[:by])


def build_variant_index(source_settings, target_settings, want: int, seed: int = 7) -> int:
    """Copy the source index's chunks into the target, plus rotated variants, up to ``want`` chunks."""
    import numpy as np

    from bot.index.catalog import Catalog, FileRecord
    from bot.index.embedders import make_embedder
    from bot.index.lexical import LexicalIndex
    from bot.index.locations import lexical_dir
    from bot.index.vector_store import VectorStore

    source = Catalog(source_settings)
    chunks = list(source.iter_chunks())
    files = source.files()
    sentences = source.sentence_vectors(c.id for c in chunks)
    source.close()
    if not chunks:
        raise SystemExit("the source index is empty: index something first (kansli index PATH)")
    embedder = make_embedder(source_settings)
    vectors = embedder.embed_passages([c.context_text for c in chunks])  # all cached: nothing embedded
    rng = np.random.default_rng(seed)

    target = Catalog(target_settings)
    target.check_embedder(embedder.name)
    store = VectorStore(target_settings, embedder.name, embedder.dim)
    by_file: dict[str, list[int]] = {}
    for i, c in enumerate(chunks):
        by_file.setdefault(c.id.split(":", 1)[0], []).append(i)
    all_ids, all_texts = [], []
    copy = 0
    while len(all_ids) < want:
        items, ids, vecs = [], [], []
        noisy = (lambda m: m) if copy == 0 else (
            lambda m: m + rng.normal(0, 0.02, m.shape).astype("float32"))
        for key, rows in by_file.items():
            if len(all_ids) + len(ids) >= want:
                break
            rec = files.get(key)
            source_name = rec.source if rec else chunks[rows[0]].source
            new_key = key if copy == 0 else f"{key}v{copy}"
            new_source = source_name if copy == 0 else f"variant-{copy}/{source_name}"
            new_chunks, new_sentences = [], {}
            for r in rows:
                c = chunks[r]
                new_chunks.append(replace(c, id=c.id if copy == 0 else f"{new_key}:{c.id.split(':', 1)[1]}",
                                          source=new_source, text=_rotate(c.text, copy)))
                v = noisy(vectors[r])
                vecs.append(v / np.linalg.norm(v))
                if c.id in sentences:
                    m = noisy(sentences[c.id])
                    new_sentences[new_chunks[-1].id] = m / np.linalg.norm(m, axis=1, keepdims=True)
            record = FileRecord(file_key=new_key, path=f"/bench/{new_source}", root="/bench", source=new_source,
                                chunks=len(new_chunks))
            items.append((record, [], new_chunks, new_sentences))
            ids.extend(c.id for c in new_chunks)
            all_texts.extend(c.context_text for c in new_chunks)
        target.replace_files(items)
        store.upsert(ids, np.vstack(vecs))
        all_ids.extend(ids)
        copy += 1
    LexicalIndex.build(all_ids, all_texts).save(lexical_dir(target_settings))
    target.close()
    return len(all_ids)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chunks", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--work-dir", default=None, help="where the benchmark index is built (default: <data dir>-bench)")
    ap.add_argument("--questions", default=str(SHARED / "eval" / "dev_questions.jsonl"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from bot.config import Settings
    from bot.index.catalog import Catalog
    from bot.retrieval.evaluation import percentile
    from bot.retrieval.search import MODES, Searcher

    source_settings = Settings()
    catalog = Catalog(source_settings)
    have = catalog.count_chunks()
    catalog.close()
    settings = source_settings
    note = f"the index in {source_settings.kansli_data_dir} as it is"
    if have < args.chunks:
        work = Path(args.work_dir or f"{source_settings.kansli_data_dir}-bench")
        os.environ["KANSLI_DATA_DIR"] = str(work)
        os.environ.setdefault("KANSLI_EMBEDDING_CACHE", str(Path(source_settings.kansli_data_dir) / "embeddings.sqlite"))
        settings = Settings()
        built = 0
        if (work / "catalog.sqlite").exists():
            existing = Catalog(settings)
            built = existing.count_chunks()
            existing.close()
        if built < args.chunks:
            if built:
                raise SystemExit(f"{work} holds a smaller index; remove it or pass another --work-dir")
            started = time.perf_counter()
            built = build_variant_index(source_settings, settings, args.chunks)
            print(f"built {built} chunks in {work} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        note = f"{have} real chunks of {source_settings.kansli_data_dir} plus synthetic variants, {built} in all, in {work}"

    rnd = random.Random(11)
    queries = []
    qpath = Path(args.questions)
    if qpath.is_file():
        queries = [json.loads(line)["question"] for line in qpath.read_text(encoding="utf-8").splitlines() if line.strip()]
    catalog = Catalog(settings)
    titles = sorted({c.title for c in catalog.iter_chunks() if c.title})
    chunks = catalog.count_chunks()
    catalog.close()
    while len(queries) < args.queries and titles:
        queries.append(rnd.choice(titles))
    queries = queries[: args.queries]

    searcher = Searcher(settings)
    results = {}
    for mode in MODES:
        searcher.search(queries[0], mode=mode)  # warm-up: loads the model and the indexes
        times = []
        for q in queries:
            t = time.perf_counter()
            searcher.search(q, mode=mode)
            times.append((time.perf_counter() - t) * 1000)
        results[mode] = {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
                         "mean_ms": round(statistics.fmean(times), 1)}
    vectors = {}
    t = time.perf_counter()
    for q in queries:
        vectors[q] = searcher.embedder.embed_query(q)
    embed_ms = (time.perf_counter() - t) * 1000 / len(queries)
    searcher.close()

    # The same searches with the query vectors computed beforehand: what retrieval itself costs
    # (fusion, filters, catalog look-ups, the vector store), apart from the embedding model.
    class Precomputed:
        name, dim = searcher.embedder.name, searcher.embedder.dim

        def embed_query(self, text):
            return vectors[text]

    without = Searcher(settings, embedder=Precomputed())
    for mode in ("hybrid", "dense"):
        without.search(queries[0], mode=mode)
        times = []
        for q in queries:
            t = time.perf_counter()
            without.search(q, mode=mode)
            times.append((time.perf_counter() - t) * 1000)
        results[f"{mode}_without_embedding"] = {"p50_ms": round(percentile(times, 50), 1),
                                                "p95_ms": round(percentile(times, 95), 1),
                                                "mean_ms": round(statistics.fmean(times), 1)}
    without.close()
    load = os.getloadavg()[0]

    out = {"chunks": chunks, "queries": len(queries), "index": note, "cores": os.cpu_count(), "load_average": load,
           "query_embedding_mean_ms": round(embed_ms, 1), "modes": results}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"{chunks} chunks ({note}); {len(queries)} queries; {os.cpu_count()} cores, load average {load:.1f}")
        print(f"query embedding alone: {embed_ms:.1f} ms mean")
        for mode, r in results.items():
            print(f"{mode:26s} p50 {r['p50_ms']:6.1f} ms   p95 {r['p95_ms']:6.1f} ms   mean {r['mean_ms']:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
