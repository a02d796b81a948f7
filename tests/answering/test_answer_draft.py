"""Drafts of a tjänsteutlåtande: the house structure in both modes, nothing invented, DOCX that opens."""

from __future__ import annotations

import io
import re

from docx import Document

from bot.answering.draft import LLM_UNAVAILABLE_NOTE, SECTIONS, llm_draft, template_draft
from bot.answering.llm import LLMClient
from bot.answering.render import render_docx, render_markdown
from bot.answering.skrivelse import parse_skrivelse
from tests.answering.sample_hits import BUDGET, hit

SKRIVELSE = """Initiativ från Alliansen, samlingsplats för ungdomar.

Det har under en längre tid varit ett problem för motorburen ungdom att hitta en mötesplats där de kan
träffas och umgås utan att det stör andra. Vi saknar idag en väderskyddad plats där dessa ungdomar kan
träffas och ha med sina fordon.
Vi vill därför
-  att ge förvaltningen i uppdrag att i samverkan med några utav dessa ungdomar och andra aktörer utreda
möjligheten att hitta en plats där ungdomar kan träffas utan att det stör boende och kringliggande verksamheter.

Helene Engstrand Annika Hedman Maria Gathendahl Birgitta Gustafsson
Kristdemokraterna Centerpartiet Moderaterna  Liberalerna
"""
MOTESPLATS = hit(6, "Ung i Kungsbacka har i uppdrag att hitta attraktiva mötesplatser för ungdomar. Förvaltningen "
                    "har haft dialoger med motorburen ungdom om en plats att träffas på.",
                 title="Mötesplatser för unga", dnr="KFT-2022-00100", date="2022-05-01")
ITSELF = hit(7, "Det har under en längre tid varit ett problem för motorburen ungdom att hitta en mötesplats där de "
                "kan träffas och umgås utan att det stör andra.", title="Initiativ från Alliansen")


def search(query, k):
    return [ITSELF, MOTESPLATS, BUDGET][:k]


def test_skrivelse_is_read_authors_kind_subject_proposals():
    sk = parse_skrivelse(SKRIVELSE)
    assert sk.kind == "initiativ" and sk.subject == "samlingsplats för ungdomar"
    assert [(p.name, p.party) for p in sk.authors][:2] == [("Helene Engstrand", "KD"), ("Annika Hedman", "C")]
    assert len(sk.proposals) == 1 and sk.proposals[0].startswith("ge förvaltningen i uppdrag")
    assert sk.proposals[0].endswith("kringliggande verksamheter.")


def test_template_draft_has_house_sections_grounded_quotes_and_placeholders():
    draft = template_draft(parse_skrivelse(SKRIVELSE), search)
    assert draft.mode == "template" and draft.title == "Svar på initiativ om samlingsplats för ungdomar"
    assert [s.heading for s in draft.sections] == list(SECTIONS)
    body = {s.heading: s.text for s in draft.sections}
    assert "Helene Engstrand (KD)" in body["Ärendet"] and "att ge förvaltningen i uppdrag" in body["Ärendet"]
    assert "Initiativ av Helene Engstrand (KD)" in body["Underlag för beslut"]
    assert "[ATT SKRIVA:" in body["Förslag till beslut"] and "[ATT SKRIVA:" in body["Förvaltningens synpunkter"]
    # past statements are cited underlag; the skrivelse itself is not cited back
    assert [c.source for c in draft.citations] == [MOTESPLATS.source]
    assert draft.citations[0].quote in MOTESPLATS.text and "[1]" in body["Förvaltningens synpunkter"]
    md = render_markdown(draft)
    assert "UTKAST" in md and "## Förvaltningens synpunkter" in md and "KFT-2022-00100" in md


def test_llm_draft_keeps_structure_checks_citations_and_fills_gaps(llm_settings, fake_llm):
    fake_llm.default_reply = (
        "## Förslag till beslut\nNämnden anser initiativet besvarat.\n\n"
        "## Sammanfattning\nFörvaltningen arbetar redan med mötesplatser [1].\n\n"
        "## Förvaltningens synpunkter\nUng i Kungsbacka har i uppdrag att hitta mötesplatser [1]. Det kostar [8].\n"
    )
    draft = llm_draft(parse_skrivelse(SKRIVELSE), search, LLMClient(llm_settings), llm_settings)
    assert draft.mode == "llm" and [s.heading for s in draft.sections] == list(SECTIONS)
    body = {s.heading: s.text for s in draft.sections}
    assert body["Förslag till beslut"] == "Nämnden anser initiativet besvarat."
    assert "[8]" not in body["Förvaltningens synpunkter"]
    assert "[ATT SKRIVA:" in body["Ärendets beredning"]  # the model left it out: the template's placeholder
    assert "Helene Engstrand (KD)" in body["Underlag för beslut"]  # always from the skrivelse
    [c] = draft.citations
    assert c.source == MOTESPLATS.source and c.quote in MOTESPLATS.text
    prompt = fake_llm.chat_requests()[0]["messages"][-1]["content"]
    assert "<skrivelse>" in prompt and "samlingsplats för ungdomar" in prompt and '<källa nr="1"' in prompt
    assert ITSELF.text not in prompt.split("</skrivelse>")[1]  # the skrivelse is not a source of its own answer


def test_llm_failure_gives_template_draft_with_note(llm_settings, fake_llm):
    fake_llm.script(*[{"status": 503}] * 3)
    draft = llm_draft(parse_skrivelse(SKRIVELSE), search, LLMClient(llm_settings, retry_base_seconds=0.01),
                      llm_settings)
    assert draft.mode == "template" and draft.note == LLM_UNAVAILABLE_NOTE
    assert [s.heading for s in draft.sections] == list(SECTIONS)


def test_docx_opens_with_heading_styles_utkast_and_sources():
    draft = template_draft(parse_skrivelse(SKRIVELSE + "\nDiarienummer KFT-2023-00356\n"), search)
    doc = Document(io.BytesIO(render_docx(draft)))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "Svar på initiativ om samlingsplats för ungdomar")
    assert [t for s, t in headings if s == "Heading 2"] == list(SECTIONS) + ["Källor"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "UTKAST" in doc.paragraphs[0].text and "UTKAST" in doc.sections[0].header.paragraphs[0].text
    fields = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert fields["Diarienummer"] == "KFT-2023-00356" and re.fullmatch(r"\d{4}-\d\d-\d\d", fields["Datum"])
    assert "[1] Mötesplatser för unga, dnr KFT-2022-00100" in text
    assert any(p.style.name == "List Bullet" for p in doc.paragraphs)


def test_a_long_skrivelse_is_shortened_between_sentences_to_fit_and_the_draft_says_so(llm_settings, fake_llm):
    from bot.answering.budget import count_messages
    from bot.answering.draft import SHORTENED_NOTE

    settings = llm_settings.model_copy(update={"llm_context_tokens": 3000, "llm_max_answer_tokens": 500})
    filler = " ".join(f"Skälet nummer {i} är att ungdomarna behöver en plats i kommundel {i}." for i in range(400))
    long_text = SKRIVELSE.replace("Vi vill därför", filler + "\n\nVi vill därför")
    fake_llm.default_reply = "## Förvaltningens synpunkter\nUng i Kungsbacka arbetar med mötesplatser [1].\n"
    draft = llm_draft(parse_skrivelse(long_text), search, LLMClient(settings), settings)
    assert draft.mode == "llm" and draft.note == SHORTENED_NOTE
    messages = fake_llm.chat_requests()[0]["messages"]
    assert count_messages(messages, settings.llm_model) <= 3000 - 500
    sent = messages[-1]["content"].split("<skrivelse>")[1].split("</skrivelse>")[0]
    assert "Skälet nummer 0 är" in sent and "Skälet nummer 399" not in sent  # the beginning, not the end
    assert "[Texten är förkortad" in sent  # the model is told, too
    body = sent.split("Text:")[1].split("[Texten är förkortad")[0].strip()
    assert body.endswith(".")  # never cut in the middle of a sentence
    assert "utreda möjligheten att hitta en plats" in re.sub(r"\s+", " ", sent)  # the att-sats is sent whole
    assert '<källa nr="1"' in messages[-1]["content"]  # sources still get room


def test_a_short_skrivelse_is_sent_whole_without_a_note(llm_settings, fake_llm):
    fake_llm.default_reply = "## Sammanfattning\nFörvaltningen arbetar redan med mötesplatser [1].\n"
    draft = llm_draft(parse_skrivelse(SKRIVELSE), search, LLMClient(llm_settings), llm_settings)
    assert draft.note is None
    assert "förkortad" not in fake_llm.chat_requests()[0]["messages"][-1]["content"]


def test_a_pasted_skrivelse_with_blank_lines_keeps_its_title_and_each_att_sats():
    text = (
        "Skrivelse från Anna Andersson (S) och Erik Berg (V) om kultursamverkan med regionen\n\n"
        "Stockholms stad har i dag ingen samlad plan för kultursamverkan med Region Stockholm.\n\n"
        "Vi föreslår därför\n\n"
        "att kulturförvaltningen utreder hur staden kan delta i en regional samverkan om kultur,\n"
        "att kulturförvaltningen redovisar vilka nätverk staden redan deltar i.\n\n"
        "Stockholm den 3 november 2026\n\nAnna Andersson (S)\n\nErik Berg (V)\n"
    )
    sk = parse_skrivelse(text)
    assert sk.subject == "kultursamverkan med regionen"
    assert sk.proposals == [
        "kulturförvaltningen utreder hur staden kan delta i en regional samverkan om kultur.",
        "kulturförvaltningen redovisar vilka nätverk staden redan deltar i.",
    ]


def test_template_underlag_comes_from_several_statements_and_never_twice():
    same = dict(source="lustgas.md", title="Svar på motion om lustgas", doc_type="tjänsteutlåtande")
    one = hit(11, "Förvaltningen samverkar med nattvandrare och polis för att ungdomar ska kunna träffas tryggt.", **same)
    two = hit(12, "Förvaltningen har i uppdrag att samverka med skolor om ungdomar som träffas på kvällarna.", **same)
    three = hit(13, "Förvaltningen utreder i samverkan med ungdomar platser där de kan träffas på helgerna.", **same)
    other = hit(14, "Ung i Kungsbacka har i uppdrag att i samverkan med ungdomar hitta platser där de kan träffas.",
                source="motesplatser.md", title="Mötesplatser för unga", doc_type="tjänsteutlåtande")
    motion = hit(15, "Förvaltningen samverkar med nattvandrare och polis för att ungdomar ska kunna träffas tryggt.",
                 source="motion.md", title="Motion om lustgas", doc_type="motion")
    draft = template_draft(parse_skrivelse(SKRIVELSE), lambda q, k: [one, two, three, other, motion][:k])
    views = {s.heading: s.text for s in draft.sections}["Förvaltningens synpunkter"]
    quotes = re.findall(r"^- ”(.+)” \[\d+\]$", views, re.MULTILINE)
    assert any("Ung i Kungsbacka" in q for q in quotes)  # a second statement, not only three from the first
    assert sum(q in (one.text, two.text, three.text) for q in quotes) <= 2
    assert len(quotes) == len(set(quotes))  # the motion repeating a statement is not quoted again
