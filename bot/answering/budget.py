"""Token budgets: the system prompt, history, sources and question always fit the model's context.

The context minus the tokens reserved for the answer is the limit. History gets at most a quarter of
what is left after the system prompt and question, newest turns kept; sources fill the rest in rank
order, the lowest-ranked dropped first. A source that does not fit whole is cut back to its leading
whole sentences, never in the middle of one. A draft's skrivelse gets at most SKRIVELSE_SHARE of the
room, shortened the same way (its att-satser are sent whole beside it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from bot.answering.model import Turn
from bot.documents.sentences import split
from bot.index.tokens import count_tokens

MESSAGE_OVERHEAD = 4  # tokens per chat message (role and separators)
SOURCE_OVERHEAD = 40  # the delimiter line with title, dnr, date and file around each source
HISTORY_SHARE = 0.25
SKRIVELSE_SHARE = 0.5

S = TypeVar("S")  # a source with .text (PromptSource)


def count_messages(messages: Sequence[dict], model: str | None = None) -> int:
    return 3 + sum(MESSAGE_OVERHEAD + count_tokens(m["content"], model) for m in messages)


@dataclass
class Fitted:
    messages: list[dict]
    sources: list  # the sources actually sent, in rank order
    history: list[Turn]
    dropped_sources: int
    dropped_turns: int


def trim_history(turns: Sequence[Turn], max_tokens: int, model: str | None = None) -> list[Turn]:
    """The newest turns whose text fits `max_tokens`; older ones go first."""
    kept: list[Turn] = []
    used = 0
    for t in reversed(turns):
        cost = MESSAGE_OVERHEAD + count_tokens(t.text, model)
        if used + cost > max_tokens:
            break
        kept.append(t)
        used += cost
    return list(reversed(kept))


def whole_sentences(text: str, max_tokens: int, model: str | None = None) -> str:
    """The leading whole sentences of `text` that fit `max_tokens` ("" when not even one does)."""
    ends = [s.end for s in split(text)]
    lo, hi = 0, len(ends)  # the first `lo` sentences fit; binary search, since counting is not free
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count_tokens(text[: ends[mid - 1]], model) <= max_tokens:
            lo = mid
        else:
            hi = mid - 1
    return text[: ends[lo - 1]] if lo else ""


def fit_text(text: str, max_tokens: int, model: str | None = None) -> tuple[str, bool]:
    """`text` if it fits `max_tokens`, else its leading whole sentences; and whether it was shortened."""
    if count_tokens(text, model) <= max_tokens:
        return text, False
    return whole_sentences(text, max_tokens, model), True


def fit_sources(sources: Sequence[S], max_tokens: int, model: str | None = None) -> list[S]:
    """A prefix of `sources` (rank order) that fits; the first one that does not fit whole is cut back
    to whole sentences if any fit, and everything ranked below it is dropped."""
    kept: list[S] = []
    used = 0
    for s in sources:
        cost = SOURCE_OVERHEAD + count_tokens(s.text, model)
        if used + cost <= max_tokens:
            kept.append(s)
            used += cost
            continue
        room = max_tokens - used - SOURCE_OVERHEAD
        if room > 50:
            text = whole_sentences(s.text, room, model)
            if text:
                kept.append(replace(s, text=text))
        break
    return kept


def fit_prompt(
    build: Callable[[list, list[Turn]], list[dict]],
    sources: Sequence,
    history: Sequence[Turn],
    *,
    context_tokens: int,
    answer_tokens: int,
    model: str | None = None,
) -> Fitted:
    """Messages from `build(sources, history)` that fit `context_tokens - answer_tokens`."""
    limit = context_tokens - answer_tokens
    base = count_messages(build([], []), model)
    room = max(0, limit - base)
    kept_history = trim_history(history, int(room * HISTORY_SHARE), model)
    room_for_sources = limit - count_messages(build([], kept_history), model)
    kept = fit_sources(list(sources), room_for_sources, model)
    messages = build(kept, kept_history)
    # The per-source overhead is an estimate: check the real prompt and drop from the bottom if needed.
    while kept and count_messages(messages, model) > limit:
        kept.pop()
        messages = build(kept, kept_history)
    return Fitted(messages, kept, kept_history, len(sources) - len(kept), len(history) - len(kept_history))
