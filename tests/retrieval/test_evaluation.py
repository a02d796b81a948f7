"""Evaluation measures on a tiny question file, computed by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.retrieval.evaluation import (
    FileMatcher,
    Question,
    QuestionFileError,
    evaluate,
    evidence_within,
    has_evidence,
    load_questions,
    normalise,
    percentile,
    report_table,
    score_question,
    unindexed,
)
from bot.retrieval.hits import Hit


def hit(source: str, text: str) -> Hit:
    return Hit(chunk_id=f"{source}:{len(text)}", source=source, text=text, score=1.0)


def test_normalise_keeps_letters_and_digits_only():
    assert normalise("Två gånger<br>per år, 22,5 Mkr!") == "tvågångerperår225mkr"
    assert has_evidence("… drivs GEMENSAMT av\nFalkenbergs kommun.", ["drivs gemensamt av Falkenbergs"])
    assert not has_evidence("drivs gemensamt", ["drivs gemensamt av Falkenbergs"])


def test_evidence_within_a_character_budget_in_rank_order():
    hits = [hit("a", "x" * 3000), hit("b", "y" * 900 + " rätt svar här")]
    assert evidence_within(hits, ["rätt svar"], budget=4000)
    assert not evidence_within(hits, ["rätt svar"], budget=3500)  # cut before the passage
    assert not evidence_within([hit("a", "rätt")], ["rätt svar"])


def test_file_matcher_compares_trailing_path_parts():
    same = FileMatcher()
    assert same("kungsbacka/protokoll/a.md", "kungsbacka/protokoll/a.md")
    assert same("protokoll/a.md", "kungsbacka/protokoll/a.md")  # a folder of the corpus was indexed
    assert not same("kallelse/a.md", "kungsbacka/protokoll/a.md")
    assert not same("b.md", "kungsbacka/protokoll/a.md")


def test_scores_of_one_question():
    q = Question("?", ["r1.md", "r2.md"], ["svaret är 42"])
    hits = [hit("x.md", "annat"), hit("r2.md", "svaret är 42"), hit("x.md", "mer"), hit("y.md", "a"),
            hit("z.md", "b"), hit("w.md", "c"), hit("r1.md", "svaret är 42")]
    s = score_question(q, hits, 12.0, FileMatcher())
    assert s.recall_at_1 == 0.0
    assert s.recall_at_5 == 0.5  # files in order: x, r2, y, z, w | r1
    assert s.reciprocal_rank == 0.5
    assert not s.evidence_top and s.evidence_context


def test_evaluate_averages_and_latency():
    questions = [Question("a", ["a.md"], ["alfa"]), Question("b", ["b.md"], ["beta"])]
    answers = {"a": [hit("a.md", "alfa")], "b": [hit("c.md", "gamma"), hit("b.md", "beta")]}
    calls = []

    def search(question, mode):
        calls.append((question, mode))
        return answers[question]

    (report,) = evaluate(search, questions, modes=("bm25",))
    assert report.questions == 2
    assert report.recall_at_1 == 0.5 and report.recall_at_5 == 1.0
    assert report.mrr_at_10 == 0.75
    assert report.evidence_top == 0.5 and report.evidence_context == 1.0
    assert report.latency_p50_ms >= 0
    assert calls.count(("a", "bm25")) == 2  # a warm-up, then the measured run
    table = report_table([report])
    assert "Belägg i första träffen" in table and "50 %" in table


def test_percentile_nearest_rank():
    assert percentile([5, 1, 3, 2, 4], 50) == 3
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([], 50) == 0.0


def test_question_file_with_bad_lines(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"question": "Vad?", "relevant_files": ["a.md"], "evidence": ["x"]}\n'
        "inte json\n\n"
        '{"relevant_files": ["a.md"]}\n',
        encoding="utf-8",
    )
    questions, problems = load_questions(path)
    assert [q.question for q in questions] == ["Vad?"]
    assert len(problems) == 2 and problems[0].startswith("rad 2")
    (tmp_path / "tom.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(QuestionFileError):
        load_questions(tmp_path / "tom.jsonl")


def test_cli_eval_json(indexed, tmp_path):
    questions = tmp_path / "fragor.jsonl"
    lines = [
        {"question": "Hur ofta träffas det kulturpolitiska samverkansmötet?",
         "relevant_files": ["fixtures/kungsbacka/samverkansmote.md"], "evidence": ["två gånger per år"]},
        {"question": "Vad föreslår regeringen om lustgas?", "relevant_files": ["fixtures/regeringen/lustgas.md"],
         "evidence": ["förbud mot att sälja lustgas"]},
    ]
    questions.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    env = {**os.environ, **indexed}
    out = subprocess.run([sys.executable, "-m", "bot", "eval", str(questions), "--json"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result["modes"]) == {"bm25", "dense", "hybrid"}
    hybrid = result["modes"]["hybrid"]
    assert hybrid["questions"] == 2
    assert hybrid["recall_at_1"] == 1.0 and hybrid["evidence_context"] == 1.0
    assert hybrid["latency_p95_ms"] >= hybrid["latency_p50_ms"] > 0
    assert [q["evidence_context"] for q in hybrid["per_question"]] == [True, True]
    assert "inte finns i indexet" not in out.stderr

    # a question about a file the index does not hold is named as the reason for a miss
    lines.append({"question": "Vad står i budgeten?", "relevant_files": ["annan/budget.md"], "evidence": ["x"]})
    questions.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "bot", "eval", str(questions)],
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "1 av 3 frågor gäller filer som inte finns i indexet" in out.stderr
    assert "annan/budget.md" in out.stderr


def test_unindexed_questions():
    qs = [Question("a", ["kungsbacka/a.md"]), Question("b", ["saknas/b.md", "kungsbacka/c.md"]), Question("c", ["x.md"])]
    assert [q.question for q in unindexed(qs, ["kungsbacka/a.md", "kungsbacka/c.md"])] == ["c"]



def test_cli_eval_with_corpus_root(indexed, tmp_path):
    from pathlib import Path

    questions = tmp_path / "fragor.jsonl"
    questions.write_text(json.dumps({"question": "lustgas", "relevant_files": ["lustgas.md"],
                                     "evidence": ["lustgas"]}), encoding="utf-8")
    env = {**os.environ, **indexed}
    fixtures = Path(__file__).parent / "fixtures"

    def run(*extra):
        return subprocess.run([sys.executable, "-m", "bot", "eval", str(questions), *extra],
                              env=env, capture_output=True, text=True, timeout=300)

    right = run("--corpus-root", str(fixtures / "regeringen"))
    assert right.returncode == 0, right.stderr
    recall_row = next(line for line in right.stdout.splitlines() if line.startswith("Rätt fil först"))
    assert recall_row.count("100 %") == 3
    # the same file name under another root is another file
    wrong = run("--json", "--corpus-root", str(fixtures / "stockholm"))
    assert wrong.returncode == 0, wrong.stderr
    assert json.loads(wrong.stdout)["modes"]["bm25"]["recall_at_5"] == 0.0

    missing = subprocess.run([sys.executable, "-m", "bot", "eval", str(tmp_path / "nope.jsonl")],
                             env=env, capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2 and "frågefilen" in missing.stderr
