"""Token budgets: everything fits; sources dropped lowest-ranked first, never cut mid-sentence."""

from __future__ import annotations

from bot.answering.budget import count_messages, fit_prompt
from bot.answering.model import Turn
from bot.answering.prompts import PromptSource


def source(n: int, sentences: int) -> PromptSource:
    text = " ".join(f"Mening {i} i källa {n} handlar om kulturstöd till föreningar i kommunen." for i in range(sentences))
    return PromptSource(n=n, source=f"k{n}.md", text=text, title=f"Källa {n}")


def build(sources, history):
    body = "\n".join(f"[{s.n}] {s.text}" for s in sources) + "\nFråga: Vad gäller?"
    return ([{"role": "system", "content": "Du är en skrivassistent."}]
            + [{"role": t.role, "content": t.text} for t in history]
            + [{"role": "user", "content": body}])


def test_everything_fits_when_small():
    sources = [source(1, 2), source(2, 2)]
    fitted = fit_prompt(build, sources, [Turn("user", "Hej")], context_tokens=4000, answer_tokens=500)
    assert [s.n for s in fitted.sources] == [1, 2] and fitted.dropped_sources == 0 and len(fitted.history) == 1


def test_lowest_ranked_sources_are_dropped_first_and_the_rest_fits():
    sources = [source(n, 20) for n in range(1, 9)]
    fitted = fit_prompt(build, sources, [], context_tokens=1500, answer_tokens=300)
    kept = [s.n for s in fitted.sources]
    assert kept == list(range(1, len(kept) + 1)) and 0 < len(kept) < 8  # a prefix of the ranking
    assert count_messages(fitted.messages) <= 1500 - 300


def test_a_source_is_cut_only_between_sentences():
    big = source(1, 200)
    fitted = fit_prompt(build, [big, source(2, 5)], [], context_tokens=1000, answer_tokens=200)
    [kept] = fitted.sources
    assert big.text.startswith(kept.text) and len(kept.text) < len(big.text)
    assert kept.text.endswith("kommunen.")  # a whole sentence
    assert count_messages(fitted.messages) <= 800


def test_history_is_trimmed_oldest_first():
    history = [Turn("user" if i % 2 == 0 else "assistant", f"Tur {i}: " + "ord " * 150) for i in range(10)]
    fitted = fit_prompt(build, [source(1, 3)], history, context_tokens=2000, answer_tokens=300)
    assert fitted.history and fitted.history == history[-len(fitted.history):] and len(fitted.history) < 10
    assert fitted.sources  # history never crowds out the sources
    assert count_messages(fitted.messages) <= 1700
