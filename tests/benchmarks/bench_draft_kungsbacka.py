"""Template draft for a real request -> answer pair, with the answer left out of the index.

Kungsbacka KFT-2023-00356: Alliansen's initiative on a meeting place for young people (page 13 of the
2024-01-24 meeting pack) and the förvaltning's tjänsteskrivelse answering it (pages 14-15). The script
copies the corpus, removes the answer (and the agenda row that states its proposed decision), indexes
the copy, drafts from the initiative without an LLM and prints the draft and a comparison.

    KANSLI_DATA_DIR=/work/data-full /work/venv/bin/python tests/benchmarks/bench_draft_kungsbacka.py \
        [--work DIR] [--kungsbacka-only]

KANSLI_DATA_DIR names an index of the corpus whose embeddings are reused: its embeddings.sqlite is copied
into the work folder (never written), so only the chunks changed by removing the answer are embedded.
KANSLI_EMBEDDING_CACHE, when set, is used instead.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
PACK = "kungsbacka-kultur-fritid/handlingar/2024-01-24_handlingar_EXCERPT_chars0-17124.md"

# The points of the real tjänsteskrivelse (pages 14-15), and a pattern for the draft touching the same theme.
# A template draft can only quote what the index holds: a theme found is underlag, not the point itself.
REAL_ANSWER_POINTS = {
    "Ung i Kungsbacka har i uppdrag att hitta mötesplatser för ungdomar (tema: mötesplatser för unga)":
        r"Ung i Kungsbacka|mötesplats\w* för unga",
    "dialoger med motorburen ungdom tillsammans med nattvandrarna (tema: samverkan med nattvandrare)":
        r"nattvandrar|motorburen",
    "utökade öppettider på Fyren och Protonen": r"Fyren|Protonen|öppettider",
    "ingen lämplig plats i dag; kan kräva hyra och omprioritering i budget": r"omprioriter|hyra",
    "Fryshuset fortbildar ungdomskonsulenter": r"Fryshuset",
}


def split_pack(text: str) -> tuple[str, str, str]:
    """(pack without the answer, the initiative, the real answer)."""
    pages = re.split(r"(?=<!-- sida \d+ -->)", text)
    by_no = {int(re.match(r"<!-- sida (\d+) -->", p).group(1)): p for p in pages if p.startswith("<!-- sida")}
    initiative = by_no[13]
    answer = by_no[14] + by_no.get(15, "")
    kept = "".join(p for p in pages if not any(p is by_no.get(n) for n in (14, 15)))
    # the agenda row that states the answer's proposed decision
    kept = re.sub(r"^\| 5\. \| Initiativ från Alliansen.*$\n", "", kept, flags=re.MULTILINE)
    return kept, initiative, answer


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", help="folder for the corpus copy and its index (default: a temporary one); "
                                   "reuse it to skip re-indexing")
    ap.add_argument("--kungsbacka-only", action="store_true", help="index only Kungsbacka and Stockholm")
    ap.add_argument("--out", help="also write the draft here (.md or .docx)")
    args = ap.parse_args()

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="kansli-bench-draft-"))
    corpus = work / "corpus"
    names = ["kungsbacka-kultur-fritid", "stockholm"] + ([] if args.kungsbacka_only else ["regeringen-kultur"])
    for name in names:
        if not (corpus / name).is_dir():
            shutil.copytree(CORPUS / name, corpus / name)
    kept, initiative, answer = split_pack((CORPUS / PACK).read_text(encoding="utf-8"))
    (corpus / PACK).write_text(kept, encoding="utf-8")
    assert "Fryshuset" not in kept and "Fryshuset" in answer

    reused = Path(os.environ.get("KANSLI_DATA_DIR", "/nonexistent")) / "embeddings.sqlite"
    if "KANSLI_EMBEDDING_CACHE" not in os.environ and reused.is_file():
        cache = work / "embeddings.sqlite"
        if not cache.exists():
            shutil.copy2(reused, cache)
        os.environ["KANSLI_EMBEDDING_CACHE"] = str(cache)
    os.environ["KANSLI_DATA_DIR"] = str(work / "data")
    from bot.answering.draft import template_draft
    from bot.answering.render import render_docx, render_markdown
    from bot.answering.skrivelse import read_pasted
    from bot.config import Settings
    from bot.index.indexer import index_paths
    from bot.retrieval.search import Searcher

    settings = Settings()
    t0 = time.monotonic()
    print(index_paths([corpus], settings, progress=sys.stderr.isatty()).summary(), file=sys.stderr)
    print(f"indexing: {time.monotonic() - t0:.0f} s", file=sys.stderr)

    searcher = Searcher(settings)
    sk = read_pasted(initiative)  # as pasted into Slack /utkast or `kansli draft -`
    t0 = time.monotonic()
    draft = template_draft(sk, lambda q, k: searcher.search(q, k))
    print(f"draft: {time.monotonic() - t0:.1f} s", file=sys.stderr)
    md = render_markdown(draft)
    print(md)
    if args.out:
        out = Path(args.out)
        out.write_bytes(render_docx(draft)) if out.suffix == ".docx" else out.write_text(md, encoding="utf-8")

    print("\n=== Jämförelse med den verkliga tjänsteskrivelsen (KFT-2023-00356) ===")
    print(f"typ: {sk.kind}; rubrik: {draft.title}")
    print(f"förslagsställare: {', '.join(f'{p.name} ({p.party})' for p in sk.authors)}")
    print(f"att-satser: {len(sk.proposals)}")
    synpunkter = next(s.text for s in draft.sections if s.heading == "Förvaltningens synpunkter")
    for point, pattern in REAL_ANSWER_POINTS.items():
        found = bool(re.search(pattern, synpunkter, re.IGNORECASE))
        print(f"[{'x' if found else ' '}] {point}")
    print("källor:")
    for c in draft.citations:
        print(f"  [{c.n}] {c.source} ({c.title}, {c.dnr}, {c.date})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
