"""Answers within Slack's limits, tables readable, sources compact and linked."""

from __future__ import annotations

from bot.answering.model import Answer, Citation, Draft, DraftSection, Skrivelse
from bot.slack import rendering


def _citations(n: int) -> list[Citation]:
    return [
        Citation(n=i, source=f"dok{i}.md", quote="…", title=f"Protokoll {i} <utkast> & bilagor", dnr=f"KFT-2023-{i:05d}", date="2023-01-01", url=f"https://example.org/{i}" if i % 2 else None)
        for i in range(1, n + 1)
    ]


def _within_limits(message: rendering.Message) -> None:
    assert len(message.blocks) <= 50
    assert sum(len(b["text"]) for b in message.blocks if b["type"] == "markdown") <= 12000
    for b in message.blocks:
        if b["type"] == "section":
            assert len(b["text"]["text"]) <= 3000
    assert len(message.text) <= 40000


def test_a_very_long_answer_with_many_sources_is_split_into_valid_messages():
    paragraph = "Förvaltningen har tidigare yttrat sig om samverkan inom kulturområdet [1]. " * 40
    answer = Answer(question="Fråga?", answer="\n\n".join([paragraph] * 12), mode="llm", citations=_citations(1500))
    messages = rendering.answer_messages(answer, question_id="q", show_question=True, share_id="s")
    assert len(messages) > 1
    for m in messages:
        _within_limits(m)
    text = "".join(b["text"] for m in messages for b in m.blocks if b["type"] == "markdown")
    assert text.replace("\n", "").replace(" ", "") == answer.answer.replace("\n", "").replace(" ", "")  # nothing lost
    last = messages[-1].blocks
    assert last[-1]["type"] == "actions" and last[-2]["type"] == "context_actions"  # buttons survive the cap


def test_sources_are_compact_escaped_and_linked_when_they_have_a_url():
    lines = [rendering.source_line(c) for c in _citations(2)]
    assert lines[0] == "[1] <https://example.org/1|Protokoll 1 &lt;utkast&gt; &amp; bilagor> — KFT-2023-00001 — 2023-01-01"
    assert lines[1] == "[2] Protokoll 2 &lt;utkast&gt; &amp; bilagor — KFT-2023-00002 — 2023-01-01"


def test_markdown_tables_become_aligned_monospaced_text():
    md = "Jämförelse:\n\n| År | Belopp |\n|---|---:|\n| 2019 | 100 |\n| 2020 | 2 500 |\n\nSlut."
    out = rendering.tables_readable(md)
    assert "|" not in out
    assert "```\nÅr    Belopp\n----  ------\n2019  100\n2020  2 500\n```" in out
    assert out.startswith("Jämförelse:") and out.endswith("Slut.")


def test_draft_summary_counts_placeholders_and_lists_sources():
    draft = Draft(
        title="Svar på skrivelse om samverkan",
        skrivelse=Skrivelse(text="…"),
        sections=[DraftSection("Bakgrund", "Text [1]. [ATT SKRIVA: beslut] och [ATT SKRIVA: datum]")],
        citations=_citations(2),
        mode="template",
    )
    summary = rendering.draft_summary(draft)
    assert "Svar på skrivelse om samverkan" in summary
    assert "2 ställen" in summary
    assert "KFT-2023-00002" in summary
    assert rendering.draft_filename(draft) == "Utkast_Svar_på_skrivelse_om_samverkan.docx"
