"""Answers within Slack's limits, tables readable, sources compact and linked."""

from __future__ import annotations

from bot.answering.model import Answer, Citation, Draft, DraftSection, Skrivelse
from bot.slack import rendering, texts


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


def test_draft_summary_says_one_source_and_one_place_in_the_singular():
    draft = Draft(
        title="Svar", skrivelse=Skrivelse(text="…"), sections=[DraftSection("Bakgrund", "Text [1]. [ATT SKRIVA: beslut]")],
        citations=_citations(1), mode="llm",
    )
    summary = rendering.draft_summary(draft)
    assert "bygger på en tidigare handling." in summary
    assert "Fyll i det ställe som är markerat med ”ATT SKRIVA”." in summary
    alone = rendering.draft_summary(Draft(title="Svar", skrivelse=Skrivelse(text="…"), sections=[], citations=[], mode="llm"))
    assert "bygger på" not in alone and texts.DRAFT_NO_SOURCES in alone


def _seen(messages: list[rendering.Message]) -> str:
    from tests.slack.harness import visible_text

    return "\n".join(visible_text({"blocks": m.blocks}) for m in messages)


def test_passages_of_one_document_share_one_source_line():
    plan = dict(source="halland/kulturplan.md", quote="…", title="Hallands kulturplan 2025–2028", date="2024-05-15")
    citations = [Citation(n=1, section="Samverkan", **plan), Citation(n=2, source="p.md", quote="…", title="Protokoll", date="2024-02-21"), Citation(n=3, section="Kulturarv", **plan)]
    answer = Answer(question="Fråga?", answer="Samverkan [1], beslut [2] och kulturarv [3].", mode="llm", citations=citations)
    seen = _seen(rendering.answer_messages(answer, question_id="q"))
    assert "[1, 3] Hallands kulturplan 2025–2028 — 2024-05-15" in seen
    assert seen.count("Hallands kulturplan") == 1
    assert "[2] Protokoll — 2024-02-21" in seen


def test_a_link_with_odd_characters_in_its_url_stays_one_link():
    c = Citation(n=1, source="a.pdf", quote="…", title="Protokoll", url="https://kungsbacka.se/dl/Nämnden för Kultur|Fritid.pdf")
    assert rendering.source_line(c) == "[1] <https://kungsbacka.se/dl/Nämnden%20för%20Kultur%7CFritid.pdf|Protokoll>"


def test_a_table_split_between_two_messages_is_closed_and_reopened():
    rows = "\n".join(f"| Förening {i} | {i * 1000} kr |" for i in range(700))
    answer = Answer(question="Fråga?", answer="Bidragen [1]:\n\n| Förening | Belopp |\n|---|---|\n" + rows, mode="llm", citations=_citations(1))
    messages = rendering.answer_messages(answer, question_id="q")
    assert len(messages) > 1
    for m in messages:
        _within_limits(m)
        [body] = [b["text"] for b in m.blocks if b["type"] == "markdown"]
        assert body.count("```") == 2 and "|" not in body  # a whole code block in each message
    assert "Förening 699" in messages[-1].blocks[0]["text"]


def test_text_from_documents_or_the_llm_never_notifies_the_whole_channel():
    answer = Answer(question="Fråga?", answer="Skriv <!channel> eller <!here|here> i kanalen [1].", mode="llm", citations=_citations(1))
    [message] = rendering.answer_messages(answer, question_id="q")
    assert "<!channel>" not in message.text + _seen([message])
    assert "<!here" not in message.text + _seen([message])
    assert "channel" in _seen([message])  # still readable


def test_the_notification_text_of_an_llm_answer_has_no_markdown_marks():
    answer = Answer(question="Fråga?", answer="## Svar\n\n**Kort:** ja [1].\n\n```\nÅr  Belopp\n```", mode="llm", citations=_citations(1))
    [message] = rendering.answer_messages(answer, question_id="q")
    assert message.text == "Svar\n\nKort: ja [1].\n\nÅr  Belopp"


def test_a_draft_summary_with_many_sources_keeps_whole_lines_and_points_to_the_file():
    draft = Draft(title="Svar på skrivelse", skrivelse=Skrivelse(text="…"), sections=[DraftSection("Bakgrund", "Text [1].")], citations=_citations(200), mode="llm")
    summary = rendering.draft_summary(draft)
    assert len(summary) <= 3500
    lines = summary.split("\n")
    assert lines[-1] == "… fler källor finns i Word-filen."
    for line in lines:
        if line.startswith("[") and "<" in line:
            assert line.count("<") == line.count(">")  # no link cut in half
