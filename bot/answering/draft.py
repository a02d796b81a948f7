"""First drafts of a tjänsteutlåtande answering a skrivelse, in the house structure.

Template draft (no LLM): Ärendet and Underlag filled from the skrivelse itself, the most relevant
passages of past statements under Förvaltningens synpunkter as cited underlag, and [ATT SKRIVA: …]
placeholders wherever a person must judge. Nothing is invented. LLM draft: the model writes the
judgement sections from the skrivelse and numbered sources; citations are checked; Underlag and Bilaga
always come from the skrivelse; a section the model left out is the skrivelse's account (Ärendet) or a
placeholder. Documents of the same ärende (the protocol that received the skrivelse) are not cited as
past statements; the template quotes them under Ärendets beredning.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from bot.answering.budget import SKRIVELSE_SHARE, count_messages, fit_prompt, fit_text
from bot.answering.citations import citation_for, cite, passage_key
from bot.answering.extractive import _AGENDA, _UNDERLAG_SECTION, Verify, select_quotes
from bot.answering.llm import LLMClient, LLMUnavailable
from bot.answering.model import Citation, Draft, DraftSection, Skrivelse
from bot.answering.prompts import PromptSource, render
from bot.answering.sentences import is_prose, stands_in
from bot.answering.skrivelse import KIND_FORMS, authors_phrase, is_signature, whole_query
from bot.config import Settings
from bot.documents.sentences import split
from bot.index.swedish import CompoundSplitter, content_words, stem
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
PROPOSAL_RELATIVE_CUTOFF = 0.3  # further passages: at least this share of the best one's score
PROPOSAL_MIN_COVERAGE = 0.12  # a proposal is long: a passage covering a few of its terms is underlag
HITS_PER_QUERY = 16
# What an administration itself has written and decided; other texts (national documents, press
# releases, the politicians' own skrivelser) only fill up the underlag.
ADMINISTRATION_TYPES = frozenset(
    {"tjänsteutlåtande", "yttrande", "protokoll", "protokollsutdrag", "handlingar", "kulturplan"}
)
# An agenda lists ärenden and their proposed decisions in one line each: no reasoning to build on.
AGENDA_TYPES = frozenset({"kallelse"})
# The meeting's routine, in any protokoll: how the chair put the question, reports noted, delegated
# decisions approved. Words of the proposal ("nämnden", "redovisning") match it, but it says nothing.
_ROUTINE = re.compile(
    r"\bordförande(?:n)?\s+(?:finner|frågar|ställer|konstaterar)\b|\btill\s+protokollet\b|\bförtecknade\s+i\s+protokoll"
    r"|\bdelegerings?beslut|\bdelegationsbeslut|\bjusterare\b|\bjustering\b",
    re.IGNORECASE,
)
_ROUTINE_SECTION = re.compile(
    r"beslutsgång|justering|närvar|inkomna (?:handlingar|skrivelser)|delegerings|delegations|ordförandebeslut", re.IGNORECASE
)
# Words that say how a proposal is to be handled, not what it is about: a passage sharing only these
# with the proposal ("Statens kulturråd ska senast den 1 mars lämna en redovisning") is not underlag.
_HANDLING = frozenset(stem(w) for w in (
    "nämnd nämnden förvaltning förvaltningen kommun kommunen uppdrag uppdraget ge ger få får ta tar fram "
    "redovisning redovisningen redovisa redovisar återrapportera rapport senast utreda utreder möjlighet "
    "möjligheten förslag föreslå besluta beslut januari februari mars april maj juni juli augusti september "
    "oktober november december"
).split())
NOTHING_EARLIER = "Inga tidigare handlingar om detta förslag hittades."
MOTIVATION_SENTENCES = 3
LLM_UNAVAILABLE_NOTE = "Språkmodellen svarade inte, så det här är ett mallutkast utan modellens text."
SHORTENED_NOTE = ("Skrivelsen var för lång för att skickas hel till språkmodellen. Utkastet bygger på början "
                  "av texten och på alla att-satser. Kontrollera att inget viktigt i slutet har missats.")

Search = Callable[[str, int], list[Hit]]


def draft_title(sk: Skrivelse) -> str:
    about = sk.subject or (sk.title if sk.title and sk.kind not in sk.title.lower() else None)
    return f"Svar på {sk.kind} om {about}" if about else f"Svar på {sk.kind}"


# --- retrieval --------------------------------------------------------------------------------------------


@dataclass
class Gathered:
    past: list[Hit]  # past statements for the whole skrivelse and its proposals, fused by reciprocal rank
    per_proposal: dict[str, list[Hit]]
    same_arende: list[Hit]  # documents of this very ärende (e.g. the protocol that received it)


def gather(sk: Skrivelse, search: Search) -> Gathered:
    """Hits for the whole skrivelse and for each proposal, without passages of the skrivelse itself;
    documents of the same ärende are kept apart from the past statements."""
    per_query: dict[str, list[Hit]] = {}
    same: dict[str, Hit] = {}
    for q in [whole_query(sk), *sk.proposals]:
        hits = [h for h in search(q, HITS_PER_QUERY) if not is_the_skrivelse(h, sk)]
        same.update((h.chunk_id, h) for h in hits if is_same_arende(h, sk))
        per_query[q] = [h for h in hits if h.chunk_id not in same]
    scores: dict[str, float] = {}
    by_id: dict[str, Hit] = {}
    for hits in per_query.values():
        for rank, h in enumerate(hits):
            scores[h.chunk_id] = scores.get(h.chunk_id, 0.0) + 1.0 / (60 + rank)
            by_id[h.chunk_id] = h
    fused = [by_id[c] for c in sorted(scores, key=lambda c: -scores[c])]
    return Gathered(fused, {p: per_query[p] for p in sk.proposals}, list(same.values()))


def _letters(text: str) -> str:
    return re.sub(r"[^0-9a-zåäöéü]", "", text.lower())


def is_same_arende(hit: Hit, sk: Skrivelse) -> bool:
    """A document of this very ärende: the same diarienummer, or a title naming the same kind and subject."""
    if sk.dnr and hit.dnr == sk.dnr:
        return True
    subject = _letters(sk.subject or "")
    title = _letters(hit.title or "")
    return len(subject) >= 10 and subject in title and sk.kind in (hit.title or "").lower()


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


def _att_list(proposals: list[str]) -> str:
    """"att A, att B och att C"."""
    atts = [f"att {p.rstrip('.')}" for p in proposals]
    return atts[0] if len(atts) == 1 else ", ".join(atts[:-1]) + " och " + atts[-1]


def _proposal_lines(sk: Skrivelse) -> str:
    return "\n".join(f"- att {p}" for p in sk.proposals)


def _motivation(sk: Skrivelse) -> list[str]:
    """The skrivelse's first sentences of reasoning, verbatim (neither the title nor the att-satser)."""
    out = []
    for s in split(sk.text, lines=False):
        t = " ".join(s.text.split())
        if not is_prose(t) or t.rstrip(" .") == (sk.title or "") or t.lower().startswith("att ") or is_signature(t):
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


PLACEHOLDERS = {
    "Förslag till beslut": "[ATT SKRIVA: förvaltningens förslag till beslut, till exempel ”{Kind} besvaras genom "
                           "detta tjänsteutlåtande.”]",
    "Sammanfattning": "[ATT SKRIVA: förvaltningens bedömning i korthet.]",
    "Ärendets beredning": "[ATT SKRIVA: vem som har berett ärendet och om samråd har skett, till exempel med andra "
                          "förvaltningar.]",
    "Förvaltningens synpunkter": "[ATT SKRIVA: förvaltningens bedömning av förslaget, med stöd av underlaget ovan.]",
}
NO_UNDERLAG_PLACEHOLDER = "[ATT SKRIVA: förvaltningens bedömning av förslaget.]"
_BEREDNING = re.compile(r"beredning|överlämna|remitter|inkom", re.IGNORECASE)


def _placeholder(heading: str, sk: Skrivelse) -> str:
    return PLACEHOLDERS[heading].replace("{Kind}", _kind_def(sk).capitalize())


def template_draft(sk: Skrivelse, search: Search, *, note: str | None = None, verify: Verify | None = None,
                   splitter: CompoundSplitter | None = None) -> Draft:
    """The draft without a language model; `splitter`: the corpus' compound splitter (Searcher.compounds),
    by which the underlag's sentences are scored."""
    return _template(sk, gather(sk, search), note, verify, splitter)


def _template(sk: Skrivelse, found: Gathered, note: str | None, verify: Verify | None,
              splitter: CompoundSplitter | None = None) -> Draft:
    citations: list[Citation] = []
    numbers: dict[tuple, int] = {}  # one number per document section

    def cited(hit: Hit, text: str) -> str:
        quote = " ".join(text.split())
        key = passage_key(hit)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            citations.append(citation_for(numbers[key], hit, quote))
        return f"”{quote}” [{numbers[key]}]"

    beredning = [_placeholder("Ärendets beredning", sk)]
    for h in found.same_arende:
        s = next((s for s in split(h.text) if is_prose(s.text) and _BEREDNING.search(s.text)
                  and (verify is None or verify(h, s.text))), None)
        if s:
            beredning.insert(0, f"Av handlingarna i ärendet framgår: {cited(h, s.text)}")
            break

    views = [
        "Här nedan står vad förvaltningen tidigare har skrivit i liknande ärenden. Utdragen är underlag "
        "för bedömningen, inte en färdig text."
    ]
    groups = [(p, found.per_proposal.get(p) or found.past) for p in sk.proposals] or [(whole_query(sk), found.past)]
    for proposal, hits in groups:
        if sk.proposals:
            views.append(f"Om förslaget att {proposal[:1].lower() + proposal[1:]}")
        quotes = _quotes(proposal, hits, verify, splitter)
        if quotes:
            views += ["\n".join(f"- {cited(q.hit, q.text)}" for q in quotes), _placeholder("Förvaltningens synpunkter", sk)]
        else:
            views += [NOTHING_EARLIER, NO_UNDERLAG_PLACEHOLDER]

    who = authors_phrase(sk.authors)
    summary = (f"{who} föreslår" if who else f"I {_kind_def(sk)} föreslås") + (
        f" {_att_list(sk.proposals)}." if sk.proposals
        else (f" åtgärder om {sk.subject}." if sk.subject else " åtgärder.")
    )
    text = {
        "Förslag till beslut": _placeholder("Förslag till beslut", sk),
        "Sammanfattning": f"{summary}\n\n{_placeholder('Sammanfattning', sk)}",
        "Ärendets beredning": "\n\n".join(beredning),
        "Förvaltningens synpunkter": "\n\n".join(views),
        **fixed_sections(sk),
    }
    return Draft(
        title=draft_title(sk), skrivelse=sk, sections=[DraftSection(h, text[h]) for h in SECTIONS],
        citations=citations, mode="template", note=note, dnr=_dnr(sk, found), date=date.today().isoformat(),
    )


def _quotes(proposal: str, hits: list[Hit], verify: Verify | None, splitter: CompoundSplitter | None = None):
    """The best passages for a proposal: the administration's own statements first, other texts only
    to fill up."""
    # Only what retrieval judged to be about the proposal, and never an agenda.
    hits = [h for h in hits if h.relevant and h.doc_type not in AGENDA_TYPES]
    own = [h for h in hits if h.doc_type in ADMINISTRATION_TYPES]
    # Underlag from several statements, and wider than an answer: a person judges what is useful.
    # A proposal's words ("uppdrag", "förvaltningen") name many a heading: headings give no context here.
    breadth = dict(min_coverage=PROPOSAL_MIN_COVERAGE, verify=verify, max_per_hit=1, max_per_source=2, heading_credit=0.0,
                   relative_cutoff=PROPOSAL_RELATIVE_CUTOFF, splitter=splitter)
    topic = _topic(proposal)
    quotes = _substantive(select_quotes(proposal, own, max_quotes=2 * QUOTES_PER_PROPOSAL, **breadth), topic)
    quotes = quotes[:QUOTES_PER_PROPOSAL]
    if len(quotes) < QUOTES_PER_PROPOSAL:
        other = [h for h in hits if h.doc_type not in ADMINISTRATION_TYPES]
        more = select_quotes(proposal, other, max_quotes=2 * QUOTES_PER_PROPOSAL, after=quotes, **breadth)
        quotes += _substantive(more, topic)[: QUOTES_PER_PROPOSAL - len(quotes)]
    return quotes


def _topic(text: str) -> set[str]:
    """The stems of what a proposal is about (not how it is to be handled, not its dates)."""
    return {stem(w) for w in content_words(text) if not w.isdigit()} - _HANDLING


def _substantive(quotes, topic: set[str]):
    """Passages about the proposal's topic; not the meeting's routine, agenda lines or lists of beslutsunderlag."""
    return [q for q in quotes if topic & _topic(q.text) and not (
        _ROUTINE.search(q.text) or _AGENDA.search(q.text)
        or (q.sections and all(_ROUTINE_SECTION.search(x) or _UNDERLAG_SECTION.search(x) for x in q.sections))
    )]


def _dnr(sk: Skrivelse, found: Gathered) -> str | None:
    """The skrivelse's diarienummer, else the one its ärende has in the index."""
    return sk.dnr or next((h.dnr for h in found.same_arende if h.dnr), None)


# --- LLM draft --------------------------------------------------------------------------------------------


def llm_draft(sk: Skrivelse, search: Search, llm: LLMClient, settings: Settings,
              verify: Verify | None = None, splitter: CompoundSplitter | None = None) -> Draft:
    """A draft written by the model; on LLM failure the template draft with a note. Never raises for LLM trouble."""
    found = gather(sk, search)
    same = found.same_arende[:1]  # never more than the configured number of sources
    given = found.past[: max(0, settings.top_k - len(same))] + same
    sources = [PromptSource.from_hit(i, h) for i, h in enumerate(given, start=1)]
    system = render(settings.prompts_dir, "system")
    kind_phrase = _kind_def(sk)
    who = authors_phrase(sk.authors) or ""
    versions = {}
    sent = {"skrivelse": replace(sk, text=""), "shortened": False}

    def build(srcs, _history):
        user = render(settings.prompts_dir, "draft", skrivelse=sent["skrivelse"], shortened=sent["shortened"],
                      kind_phrase=kind_phrase, authors=who, sources=srcs)
        versions["draft"] = user.version
        return [{"role": "system", "content": system.text}, {"role": "user", "content": user.text}]

    # The skrivelse first gets its share of the room (whole sentences), the sources the rest.
    room = settings.llm_context_tokens - settings.llm_max_answer_tokens - count_messages(build([], []), settings.llm_model)
    text, shortened = fit_text(sk.text, max(0, int(room * SKRIVELSE_SHARE)), settings.llm_model)
    sent.update(skrivelse=replace(sk, text=text), shortened=shortened)
    if shortened:
        log.info("draft: skrivelse shortened to %d of %d characters for the LLM", len(text), len(sk.text))
    fitted = fit_prompt(build, sources, [], context_tokens=settings.llm_context_tokens,
                        answer_tokens=settings.llm_max_answer_tokens, model=settings.llm_model)
    try:
        reply = llm.complete(fitted.messages)
    except LLMUnavailable:
        return _template(sk, found, LLM_UNAVAILABLE_NOTE, verify, splitter)
    numbered = {s.n: given[s.n - 1] for s in fitted.sources}
    text, citations, invalid = cite(reply, numbered, verify)
    if invalid:
        log.info("draft: removed %d citation(s) to sources that were not given", invalid)
    written = parse_sections(text)
    from_skrivelse = fixed_sections(sk)  # Underlag and Bilaga always; Ärendet when the model left it out
    sections = [
        DraftSection(h, (written.get(h) if h in LLM_SECTIONS else None) or from_skrivelse.get(h) or _placeholder(h, sk))
        for h in SECTIONS
    ]
    return Draft(
        title=draft_title(sk), skrivelse=sk, sections=sections, citations=citations, mode="llm",
        note=SHORTENED_NOTE if shortened else None, prompt_version=f"{system.version}+{versions['draft']}",
        dnr=_dnr(sk, found), date=date.today().isoformat(),
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
