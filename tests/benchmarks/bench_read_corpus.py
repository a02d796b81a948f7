"""Benchmark: read a whole corpus with the read step (no index, no embedding).

    python tests/benchmarks/bench_read_corpus.py [FOLDER]   (default: ../shared/corpus)

Prints files, statements, sections, characters, failures and the wall time.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from bot.documents import SUPPORTED_SUFFIXES, UnreadableDocument, read_document

IGNORED = {"readme", "manifest", "provenance"}


def main(folder: Path) -> None:
    paths = [p for p in sorted(folder.rglob("*"))
             if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name.split(".")[0].lower() not in IGNORED]
    started = time.perf_counter()
    statements = sections = chars = 0
    failures: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for path in paths:
        try:
            read = read_document(path, str(path.relative_to(folder)))
        except UnreadableDocument as e:
            failures[str(e)] += 1
            continue
        statements += len(read)
        for st in read:
            sections += len(st.sections)
            chars += len(st.text)
            types[st.doc_type] += 1
    elapsed = time.perf_counter() - started
    print(f"files {len(paths)}, statements {statements}, sections {sections}, characters {chars:,}")
    print(f"read in {elapsed:.2f} s ({1000 * elapsed / max(1, len(paths)):.1f} ms per file)")
    print("types:", dict(types.most_common()))
    print("failures:", dict(failures) or "none")


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[3] / "shared" / "corpus"
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
