"""First drafts of a tjänsteutlåtande answering a skrivelse, in the house structure.

Template draft (no LLM): Ärendet and Underlag filled from the skrivelse itself, the most relevant
passages of past statements under Förvaltningens synpunkter as cited underlag, and [ATT SKRIVA: …]
placeholders wherever a person must judge. Nothing is invented. LLM draft: the model writes the
judgement sections from the skrivelse and numbered sources; citations are checked; Underlag and Bilaga
always come from the skrivelse; any section the model left out comes from the template.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from datetime import date

from bot.answering.budget import fit_prompt
from bot.answering.citations import citation_for, cite
from bot.answering.extractive import select_quotes
from bot.answering.llm import LLMClient, LLMUnavailable
from bot.answering.model import Citation, Draft, DraftSection, Skrivelse
from bot.answering.prompts import PromptSource, render
from bot.answering.sentences import is_prose, split, stands_in
from bot.answering.skrivelse import KIND_FORMS, authors_phrase, whole_query
from bot.config import Settings
from bot.retrieval.hits import Hit

log = logging.getLogger(__name__)

SECTIONS = (
    "Förslag till beslut",
    "Sammanfattning",
    "Underlag för beslut",
    "Ärendet",
    "Ärendets beredning",
    "Förvaltningens synpunkter",
    "Bilaga",
)
LLM_SECTIONS = ("Förslag till beslut", "Sammanfattning", "Ärendet", "Ärendets beredning", "Förvaltningens synpunkter")
QUOTES_PER_PROPOSAL = 3
PROPOSAL_MIN_COVERAGE = 0.12  # a proposal is long: a passage covering a few of its terms is underlag
HITS_PER_QUERY = 8
MOTIVATION_SENTENCES = 3
LLM_UNAVAILABLE_NOTE = "Språkmodellen svarade inte, så det här är ett mallutkast utan modellens text."

Search = Callable[[str, int], list[Hit]]


def draft_title(sk: Skrivelse) -> str:
    about = sk.subject or (sk.title if sk.title and sk.kind not in sk.title.lower() else None)
    return f"Svar på {sk.kind} om {about}" if about else f"Svar på {sk.kind}"


# --- retrieval --------------------------------------------------------------------------------------------


def gather(sk: Skrivelse, search: Search) -> tuple[list[Hit], dict[str, list[Hit]]]:
    """Hits for the whole skrivelse and for each proposal, fused by reciprocal rank, without passages
    of the skrivelse itself. Returns (fused hits, hits per proposal)."""
    per_query: dict[str, list[Hit]] = {}
    for q in [whole_query(sk), *sk.proposals]:
        per_query[q] = [h for h in search(q, HITS_PER_QUERY) if not is_the_skrivelse(h, sk)]
    scores: dict[str, float] = {}
    by_id: dict[str, Hit] = {}
    for hits in per_query.values():
        for rank, h in enumerate(hits):
            scores[h.chunk_id] = scores.get(h.chunk_id, 0.0) + 1.0 / (60 + rank)
            by_id[h.chunk_id] = h
    fused = [by_id[c] for c in sorted(scores, key=lambda c: -scores[c])]
    return fused, {p: per_query[p] for p in sk.proposals}


def is_the_skrivelse(hit: Hit, sk: Skrivelse) -> bool:
    """A passage quoting the skrivelse itself is not a past statement of the administration."""
    prose = [s.text for s in split(hit.text) if is_prose(s.text)]
    if not prose:
        return False
    inside = sum(stands_in(s, sk.text) for s in prose)
    return inside / len(prose) >= 0.5


# --- the parts taken from the skrivelse ---------------------------------------------------------------------


def _kind_def(sk: Skrivelse) -> str:
    return KIND_FORMS.get(sk.kind, KIND_FORMS["skrivelse"])[1]


def _kind_indef(sk: Skrivelse) -> str:
    return KIND_FORMS.get(sk.kind, KIND_FORMS["skrivelse"])[0]


def skrivelse_reference(sk: Skrivelse) -> str:
    """"Initiativ från Helene Engstrand (KD) … om samlingsplats för ungdomar, 2023-11-22, dnr …"."""
    who = authors_phrase(sk.authors)
    ref = sk.kind.capitalize() + (f" av {who}" if who else "") + (f" om {sk.subject}" if sk.subject else "")
    details = ", ".join(x for x in (sk.date, f"dnr {sk.dnr}" if sk.dnr else None) if x)
    return f"{ref}, {details}" if details else ref


def _proposal_lines(sk: Skrivelse) -> str:
    return "\n".join(f"- att {p}" for p in sk.proposals)


def _motivation(sk: Skrivelse) -> list[str]:
    """The skrivelse's first sentences of reasoning, verbatim (neither the title nor the att-satser)."""
    out = []
    for s in split(sk.text):
        t = " ".join(s.text.split())
        if not is_prose(t) or t.rstrip(" .") == (sk.title or "") or t.lower().startswith("att "):
            continue
        if any(stands_in(t, p) or stands_in(p, t) for p in sk.proposals):
            continue
        out.append(t)
        if len(out) == MOTIVATION_SENTENCES:
            break
    return out


def fixed_sections(sk: Skrivelse) -> dict[str, str]:
    """Underlag för beslut, Ärendet and Bilaga: from the skrivelse alone, in every mode."""
    who = authors_phrase(sk.authors)
    when = f" den {sk.date}" if sk.date else ""
    opening = (f"{who} har{when} lämnat {_kind_indef(sk)}" if who else f"Förvaltningen har{when} fått {_kind_indef(sk)}")
    opening += f" om {sk.subject}." if sk.subject else "."
    arendet = [opening]
    if sk.proposals:
        arendet.append(f"I {_kind_def(sk)} föreslås")
        arendet.append(_proposal_lines(sk))
    motivation = _motivation(sk)
    if motivation:
        arendet.append(f"Som skäl anges bland annat följande i {_kind_def(sk)}:")
        arendet.append("\n".join(f"> {m}" for m in motivation))
    return {
        "Underlag för beslut": f"- {skrivelse_reference(sk)}",
        "Ärendet": "\n\n".join(arendet),
        "Bilaga": f"- {skrivelse_reference(sk)}",
    }


# --- template draft ---------------------------------------------------------------------------------------


def template_draft(sk: Skrivelse, search: Search, *, note: str | None = None) -> Draft:
    fused, per_proposal = gather(sk, search)
    citations: list[Citation] = []
    numbers: dict[str, int] = {}

    def number_for(hit: Hit, quote: str) -> int:
        if hit.chunk_id not in numbers:
            numbers[hit.chunk_id] = len(numbers) + 1
            citations.append(citation_for(numbers[hit.chunk_id], hit, quote))
        return numbers[hit.chunk_id]

    views = [
        "Här nedan står vad förvaltningen tidigare har skrivit i liknande ärenden. Utdragen är underlag "
        "för bedömningen, inte en färdig text."
    ]
    groups = [(p, per_proposal.get(p) or fused) for p in sk.proposals] or [(whole_query(sk), fused)]
    for proposal, hits in groups:
        if sk.proposals:
            views.append(f"Om förslaget att {proposal[:1].lower() + proposal[1:]}")
        quotes = select_quotes(proposal, hits, max_quotes=QUOTES_PER_PROPOSAL, min_coverage=PROPOSAL_MIN_COVERAGE)
        if quotes:
            views.append("\n".join(f"- ”{' '.join(q.text.split())}” [{number_for(q.hit, ' '.join(q.text.split()))}]"
                                   for q in quotes))
        else:
            views.append("Kansli hittade inga tidigare handlingar som tar upp detta.")
        views.append("[ATT SKRIVA: förvaltningens bedömning av förslaget, med stöd av underlaget ovan.]")

    who = authors_phrase(sk.authors)
    summary = (f"{who} föreslår" if who else f"I {_kind_def(sk)} föreslås") + (
        " att " + " och att ".join(p.rstrip(".") for p in sk.proposals) + "." if sk.proposals
        else (f" åtgärder om {sk.subject}." if sk.subject else " åtgärder.")
    )
    fixed = fixed_sections(sk)
    text = {
        "Förslag till beslut": (
            f"[ATT SKRIVA: förvaltningens förslag till beslut, till exempel ”{_kind_def(sk).capitalize()} "
            "besvaras genom detta tjänsteutlåtande.”]"
        ),
        "Sammanfattning": f"{summary}\n\n[ATT SKRIVA: förvaltningens bedömning i korthet.]",
        "Ärendets beredning": "[ATT SKRIVA: vem som har berett ärendet och om samråd har skett, till exempel "
                              "med andra förvaltningar.]",
        "Förvaltningens synpunkter": "\n\n".join(views),
        **fixed,
    }
    return Draft(
        title=draft_title(sk), skrivelse=sk, sections=[DraftSection(h, text[h]) for h in SECTIONS],
        citations=citations, mode="template", note=note, dnr=sk.dnr, date=date.today().isoformat(),
    )


# --- LLM draft --------------------------------------------------------------------------------------------


def llm_draft(sk: Skrivelse, search: Search, llm: LLMClient, settings: Settings) -> Draft:
    """A draft written by the model; on LLM failure the template draft with a note. Never raises for LLM trouble."""
    fused, _ = gather(sk, search)
    sources = [
        PromptSource(n=i, source=h.source, text=h.text, title=h.title, dnr=h.dnr, date=h.date, section=h.section)
        for i, h in enumerate(fused, start=1)
    ]
    system = render(settings.prompts_dir, "system")
    kind_phrase = _kind_def(sk)
    who = authors_phrase(sk.authors) or ""

    def build(srcs, _history):
        user = render(settings.prompts_dir, "draft", skrivelse=sk, kind_phrase=kind_phrase, authors=who, sources=srcs)
        return [{"role": "system", "content": system.text}, {"role": "user", "content": user.text}]

    fitted = fit_prompt(build, sources, [], context_tokens=settings.llm_context_tokens,
                        answer_tokens=settings.llm_max_answer_tokens, model=settings.llm_model)
    version = f"{system.version}+{render(settings.prompts_dir, 'draft', skrivelse=sk, kind_phrase=kind_phrase, authors=who, sources=[]).version}"
    try:
        reply = llm.complete(fitted.messages)
    except LLMUnavailable:
        return template_draft(sk, search, note=LLM_UNAVAILABLE_NOTE)
    numbered = {s.n: fused[s.n - 1] for s in fitted.sources}
    text, citations, invalid = cite(reply, numbered)
    if invalid:
        log.info("draft: removed %d citation(s) to sources that were not given", invalid)
    written = parse_sections(text)
    template = {s.heading: s.text for s in template_draft(sk, lambda q, k: [], note=None).sections}
    fixed = fixed_sections(sk)
    sections = []
    for heading in SECTIONS:
        if heading in fixed:
            body = fixed[heading]
        else:
            body = written.get(heading) or template[heading]
        sections.append(DraftSection(heading, body))
    return Draft(
        title=draft_title(sk), skrivelse=sk, sections=sections, citations=citations, mode="llm",
        prompt_version=version, dnr=sk.dnr, date=date.today().isoformat(),
    )


_HEADING = re.compile(r"^\s*#{1,3}\s*(.+?)\s*#*\s*$", re.MULTILINE)


def parse_sections(markdown: str) -> dict[str, str]:
    """The model's "## Rubrik" sections by their house heading (case and spacing forgiven)."""
    known = {h.lower(): h for h in LLM_SECTIONS}
    out: dict[str, str] = {}
    marks = list(_HEADING.finditer(markdown))
    for i, m in enumerate(marks):
        heading = known.get(m.group(1).strip(" :*").lower())
        if not heading:
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(markdown)
        body = markdown[m.end():end].strip()
        if body:
            out[heading] = body
    return out
