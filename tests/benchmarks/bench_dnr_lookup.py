"""Diarienummer look-ups: for N random diarienummer of the index, ask "Vad handlar <dnr> om?" and see
where the ärende's own documents (those registered under it) rank. A script, not a test.

    KANSLI_DATA_DIR=/work/data-full /work/venv/bin/python tests/benchmarks/bench_dnr_lookup.py [-n 60] [--lower]

--lower types the diarienummer in lower case without leading zeros ("kft-2023-356"), as people do.
"""

from __future__ import annotations

import argparse
import random
import re


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--lower", action="store_true")
    args = parser.parse_args()

    from bot.config import Settings
    from bot.retrieval.search import Searcher

    searcher = Searcher(Settings())
    dnrs = sorted({c.dnr for c in searcher.catalog.iter_chunks() if c.dnr})
    if not dnrs:
        raise SystemExit("the index holds no document with a diarienummer")
    sample = random.Random(args.seed).sample(dnrs, min(args.n, len(dnrs)))
    reciprocal, first = 0.0, 0
    for dnr in sample:
        typed = re.sub(r"-0+(\d)", r"-\1", dnr.lower()) if args.lower else dnr
        for rank, hit in enumerate(searcher.search(f"Vad handlar {typed} om?", 10), start=1):
            if hit.dnr == dnr:
                reciprocal += 1 / rank
                first += rank == 1
                break
    print(f"{len(sample)} diarienummer ({len(dnrs)} in the index): the ärende's own document first for {first}, "
          f"MRR@10 {reciprocal / len(sample):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
