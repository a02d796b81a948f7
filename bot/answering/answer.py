"""Answers: retrieval, then the LLM when configured (with the conversation so far), else extractive.

Nothing relevant found (retrieval judges no hit to be about the question, see Hit.relevant, or no
sentence of the relevant hits covers enough of its words nor comes close to it in meaning, see
extractive.closest_answer): the reply says so and no LLM is called. LLM trouble of any kind: the
extractive answer with a one-line note. Never an exception for the person, never silence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from bot.answering.budget import fit_prompt
from bot.answering.citations import cite
from bot.answering.extractive import Closest, Place, Verify, closest_answer, extractive_answer, nothing_found
from bot.answering.llm import LLMClient, LLMUnavailable
from bot.answering.model import Answer, Turn
from bot.answering.prompts import PromptSource, render
from bot.answering.sentences import GENERIC_QUESTION_WORDS
from bot.config import Settings
from bot.index.swedish import CompoundSplitter, content_words
from bot.retrieval.cases import named_dnrs
from bot.retrieval.hits import Hit

log = logging.getLogger(__name__)

LLM_UNAVAILABLE_NOTE = "Språkmodellen svarade inte, så svaret består av utdrag ur källorna i stället."
UNVERIFIED_NOTE = "Svaret saknar giltiga källhänvisningar. Kontrollera det mot källorna innan du använder det."

def unknown_words(question: str, searcher) -> list[str]:
    """The question's words that no indexed document holds (Searcher.unknown_words), those that say
    nothing of its subject ("gäller", "finns") aside."""
    find = getattr(searcher, "unknown_words", None)
    return [w for w in find(question) if w not in GENERIC_QUESTION_WORDS] if find is not None else []


def unknown_words_note(words: Sequence[str], found: bool) -> str:
    """Says which of the question's words no indexed document holds: a term the documents do not use, a
    misspelling, or a question about something they do not cover."""
    quoted = [f"”{w}”" for w in words]
    named = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " och " + quoted[-1]
    note = f"{'Ordet' if len(words) == 1 else 'Orden'} {named} finns inte i någon av handlingarna"
    return note + ("; utdragen är valda efter frågans övriga ord." if found else ".")


_FOLLOW_UP_START = re.compile(r"^(och|men|samt|också|även|gäller|då|vad om|hur är det|hur blir det|samma)\b", re.I)
FOLLOW_UP_MAX_CONTENT_WORDS = 2

Search = Callable[[str], list[Hit]]


def is_follow_up(question: str) -> bool:
    """A short question that leans on the one before ("och i Halland?")."""
    return bool(_FOLLOW_UP_START.match(question.strip())) or len(content_words(question)) <= FOLLOW_UP_MAX_CONTENT_WORDS


def _previous_question(history: Sequence[Turn]) -> str | None:
    return next((t.text for t in reversed(history) if t.role == "user"), None)


def retrieval_query(question: str, history: Sequence[Turn]) -> str:
    """What to search for: a follow-up is searched together with the previous question."""
    previous = _previous_question(history)
    if previous and is_follow_up(question):
        return f"{previous} {question}"
    return question


def arende_titles(question: str, hits: Sequence[Hit]) -> str:
    """The titles of the ärenden the question names by diarienummer, or of the one ärende all the hits
    belong to (a diarienummer filter), as one string; "" when there is none."""
    named = {d.casefold() for d in named_dnrs(question)}
    dnrs = {h.dnr for h in hits}
    if not named and not (len(dnrs) == 1 and None not in dnrs):
        return ""
    titles = [h.title for h in hits if h.title and h.dnr and (not named or h.dnr.casefold() in named)]
    return " ".join(dict.fromkeys(titles))


def answer(
    question: str,
    *,
    search: Search,
    settings: Settings,
    llm: LLMClient | None = None,
    history: Sequence[Turn] = (),
    on_token: Callable[[str], None] | None = None,
    verify: Verify | None = None,
    place: Place | None = None,
    closest: Closest | None = None,
    splitter: CompoundSplitter | None = None,
) -> Answer:
    query = retrieval_query(question, history)
    # never more than the configured sources, and only those retrieval judged to be about the question
    hits = [h for h in search(query)[: settings.top_k] if h.relevant]
    if not hits and query == question and (previous := _previous_question(history)):
        # "Hur många filialer gäller det?" leans on the thread without looking like a follow-up:
        # when the question alone finds nothing, read it together with the one before.
        query = f"{previous} {question}"
        hits = [h for h in search(query)[: settings.top_k] if h.relevant]
    if not hits:
        return nothing_found(question)
    extractive = extractive_answer(question, hits, query=query, verify=verify, place=place, splitter=splitter)
    if not extractive.found and (about := arende_titles(question, hits)):
        # "Vad handlar KFT-2023-00356 om?" names the ärende, not its subject: read the question with
        # the ärende's title, so the passages on what it is about are found
        extractive = extractive_answer(question, hits, query=f"{query} {about}", verify=verify, place=place,
                                       splitter=splitter)
    if not extractive.found and closest is not None:
        # few of the question's words in any passage, yet a sentence may say the same in other words
        extractive = closest_answer(query, hits, closest, verify=verify)
        extractive.question = question
    if not extractive.found or llm is None:
        return extractive
    try:
        return _llm_answer(question, hits, history, llm, settings, on_token, verify)
    except LLMUnavailable:
        extractive.note = LLM_UNAVAILABLE_NOTE
        return extractive


def _llm_answer(question, hits, history, llm, settings, on_token, verify) -> Answer:
    sources = [PromptSource.from_hit(i, h) for i, h in enumerate(hits, start=1)]
    system = render(settings.prompts_dir, "system")
    versions = {}

    def build(srcs, turns):
        user = render(settings.prompts_dir, "answer", sources=srcs, question=question)
        versions["answer"] = user.version
        return (
            [{"role": "system", "content": system.text}]
            + [{"role": "assistant" if t.role == "assistant" else "user", "content": t.text} for t in turns]
            + [{"role": "user", "content": user.text}]
        )

    fitted = fit_prompt(build, sources, list(history), context_tokens=settings.llm_context_tokens,
                        answer_tokens=settings.llm_max_answer_tokens, model=settings.llm_model)
    log.info("LLM answer: %d of %d sources, %d of %d earlier turns", len(fitted.sources), len(sources),
             len(fitted.history), len(history))
    reply = llm.complete(fitted.messages, on_token=on_token)
    numbered = {s.n: hits[s.n - 1] for s in fitted.sources}
    text, citations, invalid = cite(reply, numbered, verify)
    if invalid:
        log.info("LLM answer: removed %d citation(s) to sources that were not given", invalid)
    result = Answer(
        question=question, answer=text.strip(), mode="llm", citations=citations, invalid_citations=invalid,
        unverified=not citations, prompt_version=f"{system.version}+{versions['answer']}",
    )
    if result.unverified:
        result.note = UNVERIFIED_NOTE
    if settings.log_content:
        log.info("question=%r answer=%r", question, result.answer)
    return result
