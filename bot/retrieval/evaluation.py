"""Measure search quality on a question file (the format of shared/eval/dev_questions.jsonl).

One JSON object a line: ``question``, ``relevant_files`` (paths of the files that answer it),
``evidence`` (short verbatim passages; any one found counts) and, for people, ``expected_answer``.

Measures, per search mode, averaged over the questions:

- file-level Recall@1 and Recall@5: the share of a question's relevant files among the first 1 / 5
  distinct files of the hits (in rank order);
- MRR@10: 1 / the rank of the first relevant file among the first 10 distinct files (0 if none);
- evidence in the top hit: an evidence passage stands in the first hit's text;
- evidence within 4,000 characters: an evidence passage stands in one of the hits, read in rank order
  until 4,000 characters of hit text are used up (the last hit cut where the budget ends);
- search latency p50 / p95 in milliseconds, query embedding included.

The JSON report also gives each question's own scores (``per_question``), to see which ones fail.

Evidence is compared on letters and digits only: case folded, ``<br>`` read as a space, everything
else dropped.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from bot.retrieval.hits import Hit

CONTEXT_CHARS = 4000
EVAL_K = 20  # hits fetched per question: enough for 10 distinct files and 4,000 characters
MODES = ("bm25", "dense", "hybrid")
MODE_NAMES = {"bm25": "BM25", "dense": "semantisk", "hybrid": "hybrid"}


class QuestionFileError(ValueError):
    """The question file cannot be used at all."""


@dataclass
class Question:
    question: str
    relevant_files: list[str]
    evidence: list[str] = field(default_factory=list)
    expected_answer: str | None = None


def load_questions(path: Path) -> tuple[list[Question], list[str]]:
    """Questions, and one Swedish message per line that was skipped."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise QuestionFileError(f"kan inte läsa frågefilen {path}: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise QuestionFileError(f"frågefilen {path} är inte UTF-8") from e
    questions, problems = [], []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            problems.append(f"rad {n}: inte giltig JSON, hoppas över")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("question"), str) or not obj["question"].strip():
            problems.append(f"rad {n}: saknar \"question\", hoppas över")
            continue
        files = obj.get("relevant_files") or []
        evidence = obj.get("evidence") or []
        if isinstance(files, str):
            files = [files]
        if isinstance(evidence, str):
            evidence = [evidence]
        if not files and not evidence:
            problems.append(f"rad {n}: varken \"relevant_files\" eller \"evidence\", hoppas över")
            continue
        questions.append(Question(obj["question"], [str(f) for f in files], [str(e) for e in evidence],
                                  obj.get("expected_answer")))
    if not questions:
        raise QuestionFileError(f"frågefilen {path} innehåller inga användbara frågor")
    return questions, problems


def normalise(text: str) -> str:
    """Letters and digits only, case folded; ``<br>`` counts as a space (and spaces are dropped)."""
    return "".join(ch for ch in text.replace("<br>", " ").casefold() if ch.isalnum())


def has_evidence(text: str, evidence: Sequence[str]) -> bool:
    norm = normalise(text)
    return any(e and e in norm for e in (normalise(x) for x in evidence))


def evidence_within(hits: Sequence[Hit], evidence: Sequence[str], budget: int = CONTEXT_CHARS) -> bool:
    """Does an evidence passage stand in the hits read in rank order, up to ``budget`` characters?"""
    left = budget
    for hit in hits:
        if left <= 0:
            break
        if has_evidence(hit.text[:left], evidence):
            return True
        left -= len(hit.text)
    return False


class FileMatcher:
    """Does a hit's source name one of a question's relevant files?

    With ``corpus_root`` and a way to resolve a hit's source to its absolute path, paths are compared
    exactly. Otherwise relative paths are compared by their trailing parts, so an index of the corpus
    root ("kungsbacka/protokoll/a.md") and of one of its folders ("protokoll/a.md") both match.
    """

    def __init__(self, corpus_root: Path | None = None, resolve: Callable[[str], Path | None] | None = None):
        self.corpus_root = Path(corpus_root).resolve() if corpus_root else None
        self.resolve = resolve

    def __call__(self, source: str, relevant: str) -> bool:
        if self.corpus_root is not None and self.resolve is not None:
            absolute = self.resolve(source)
            if absolute is not None:
                return Path(absolute).resolve() == (self.corpus_root / relevant).resolve()
        a, b = PurePosixPath(source.replace("\\", "/")).parts, PurePosixPath(relevant.replace("\\", "/")).parts
        n = min(len(a), len(b))
        return n > 0 and a[-n:] == b[-n:]


def unindexed(questions: Sequence[Question], sources: Sequence[str],
              same_file: Callable[[str, str], bool] | None = None) -> list[Question]:
    """The questions none of whose relevant files the index holds: they can only count as misses."""
    same_file = same_file or FileMatcher()
    return [q for q in questions
            if q.relevant_files and not any(same_file(s, r) for r in q.relevant_files for s in sources)]


def distinct_sources(hits: Sequence[Hit]) -> list[str]:
    out: list[str] = []
    for h in hits:
        if h.source not in out:
            out.append(h.source)
    return out


@dataclass
class QuestionScore:
    recall_at_1: float
    recall_at_5: float
    reciprocal_rank: float
    evidence_top: bool
    evidence_context: bool
    latency_ms: float


def score_question(q: Question, hits: Sequence[Hit], latency_ms: float, same_file: Callable[[str, str], bool]) -> QuestionScore:
    files = distinct_sources(hits)

    def found(rel: str, upto: int) -> bool:
        return any(same_file(s, rel) for s in files[:upto])

    def recall(upto: int) -> float:
        if not q.relevant_files:
            return 0.0
        return sum(found(r, upto) for r in q.relevant_files) / len(q.relevant_files)

    rr = 0.0
    for rank, s in enumerate(files[:10], start=1):
        if any(same_file(s, r) for r in q.relevant_files):
            rr = 1.0 / rank
            break
    return QuestionScore(
        recall_at_1=recall(1),
        recall_at_5=recall(5),
        reciprocal_rank=rr,
        evidence_top=bool(hits) and has_evidence(hits[0].text, q.evidence),
        evidence_context=evidence_within(hits, q.evidence),
        latency_ms=latency_ms,
    )


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), -(-len(ordered) * p // 100)))
    return float(ordered[int(rank) - 1])


@dataclass
class ModeReport:
    mode: str
    questions: int
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float
    evidence_top: float
    evidence_context: float
    latency_p50_ms: float
    latency_p95_ms: float
    per_question: list[dict] = field(default_factory=list)

    @classmethod
    def from_scores(cls, mode: str, scores: Sequence[QuestionScore], questions: Sequence[Question] = ()) -> ModeReport:
        n = len(scores)

        def mean(xs) -> float:
            return round(statistics.fmean(xs), 4) if n else 0.0

        latencies = [s.latency_ms for s in scores]
        return cls(
            mode=mode,
            questions=n,
            recall_at_1=mean(s.recall_at_1 for s in scores),
            recall_at_5=mean(s.recall_at_5 for s in scores),
            mrr_at_10=mean(s.reciprocal_rank for s in scores),
            evidence_top=mean(float(s.evidence_top) for s in scores),
            evidence_context=mean(float(s.evidence_context) for s in scores),
            latency_p50_ms=round(percentile(latencies, 50), 1),
            latency_p95_ms=round(percentile(latencies, 95), 1),
            per_question=[{"question": q.question, **asdict(sc)} for q, sc in zip(questions, scores)],
        )


def evaluate(
    search: Callable[[str, str], list[Hit]],
    questions: Sequence[Question],
    modes: Sequence[str] = MODES,
    same_file: Callable[[str, str], bool] | None = None,
) -> list[ModeReport]:
    """Run every question in every mode; ``search(question, mode)`` returns hits best first."""
    same_file = same_file or FileMatcher()
    reports = []
    for mode in modes:
        if questions:
            search(questions[0].question, mode)  # warm-up: first-call costs are not search latency
        scores = []
        for q in questions:
            start = time.perf_counter()
            hits = search(q.question, mode)
            elapsed = (time.perf_counter() - start) * 1000
            scores.append(score_question(q, hits, elapsed, same_file))
        reports.append(ModeReport.from_scores(mode, scores, questions))
    return reports


def report_json(reports: Sequence[ModeReport]) -> dict:
    return {"context_chars": CONTEXT_CHARS, "k": EVAL_K, "modes": {r.mode: asdict(r) for r in reports}}


def report_table(reports: Sequence[ModeReport]) -> str:
    """A readable Swedish table, one column per mode."""
    rows = [
        ("Frågor", lambda r: str(r.questions)),
        ("Rätt fil först (Recall@1)", lambda r: _pct(r.recall_at_1)),
        ("Rätt fil bland fem (Recall@5)", lambda r: _pct(r.recall_at_5)),
        ("MRR@10", lambda r: f"{r.mrr_at_10:.2f}"),
        ("Belägg i första träffen", lambda r: _pct(r.evidence_top)),
        (f"Belägg inom {CONTEXT_CHARS:,} tecken".replace(",", " "), lambda r: _pct(r.evidence_context)),
        ("Söktid, median (ms)", lambda r: f"{r.latency_p50_ms:.0f}"),
        ("Söktid, 95:e percentil (ms)", lambda r: f"{r.latency_p95_ms:.0f}"),
    ]
    headers = ["Mått"] + [MODE_NAMES.get(r.mode, r.mode) for r in reports]
    body = [[name] + [fmt(r) for r in reports] for name, fmt in rows]
    widths = [max(len(row[i]) for row in [headers] + body) for i in range(len(headers))]

    def line(cells):
        return "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells))

    return "\n".join([line(headers), "  ".join("-" * w for w in widths)] + [line(r) for r in body])


def _pct(x: float) -> str:
    return f"{x * 100:.0f} %"


def evaluate_index(searcher, questions: Sequence[Question], corpus_root: Path | None = None) -> list[ModeReport]:
    """Evaluate a Searcher's index in every mode; ``corpus_root``: what ``relevant_files`` are relative to."""
    paths: dict[str, set[Path]] = {}
    if corpus_root is not None:
        for record in searcher.catalog.files().values():
            paths.setdefault(record.source, set()).add(Path(record.path))

    def resolve(source: str) -> Path | None:
        found = paths.get(source)
        return next(iter(found)) if found and len(found) == 1 else None

    matcher = FileMatcher(corpus_root, resolve if corpus_root is not None else None)
    return evaluate(lambda q, mode: searcher.search(q, EVAL_K, mode=mode), questions, MODES, matcher)
