"""The LLM path against a fake OpenAI-compatible server: prompt contents, streaming, retries, fallbacks."""

from __future__ import annotations

from bot.answering.answer import LLM_UNAVAILABLE_NOTE, answer
from bot.answering.llm import LLMClient
from bot.answering.model import Turn
from tests.answering.sample_hits import BUDGET, DANS, REGIONAL

QUESTION = "Hur ofta träffas det kulturpolitiska samverkansmötet i Halland?"


def client(settings) -> LLMClient:
    return LLMClient(settings, retry_base_seconds=0.01)


def ask(settings, question=QUESTION, hits=(REGIONAL, DANS, BUDGET), **kw):
    return answer(question, search=lambda q: list(hits), settings=settings, llm=client(settings), **kw)


def test_prompt_holds_numbered_sources_and_question(llm_settings, fake_llm):
    fake_llm.default_reply = "Mötet hålls två gånger per år [1]."
    result = ask(llm_settings)
    [request] = fake_llm.chat_requests()
    system, user = request["messages"][0], request["messages"][-1]
    assert system["role"] == "system" and "[n]" not in system["content"]  # the rules, not a template slot
    assert "<källor>" in user["content"] and QUESTION in user["content"]
    assert '<källa nr="1"' in user["content"] and REGIONAL.text.split(".")[0] in user["content"]
    assert '<källa nr="2"' in user["content"] and DANS.title in user["content"]
    assert request["model"] == llm_settings.llm_model
    assert result.mode == "llm" and result.answer == "Mötet hålls två gånger per år [1]."
    assert [c.n for c in result.citations] == [1] and result.citations[0].source == REGIONAL.source
    assert result.citations[0].quote in REGIONAL.text  # the supporting sentence, verbatim
    assert "två gånger per år" in result.citations[0].quote
    assert result.prompt_version and "system-" in result.prompt_version


def test_tokens_are_streamed_to_the_callback(llm_settings, fake_llm):
    fake_llm.default_reply = "Presidierna deltar, alltså ordförande och vice ordförande [1]."
    tokens: list[str] = []
    result = ask(llm_settings, on_token=tokens.append)
    assert fake_llm.chat_requests()[0]["stream"] is True
    assert len(tokens) > 1 and "".join(tokens) == fake_llm.default_reply
    assert result.answer == fake_llm.default_reply


def test_invalid_citation_numbers_are_removed_and_counted(llm_settings, fake_llm):
    fake_llm.default_reply = "Mötet hålls två gånger per år [1][7]. Rum för Dans är en dansinstitution [9]."
    result = ask(llm_settings)
    assert "[7]" not in result.answer and "[9]" not in result.answer and "[1]" in result.answer
    assert result.invalid_citations == 2 and not result.unverified


def test_answer_without_valid_citation_is_unverified(llm_settings, fake_llm):
    fake_llm.default_reply = "Mötet hålls nog ofta."
    result = ask(llm_settings)
    assert result.mode == "llm" and result.unverified and result.citations == [] and result.note


def test_rate_limit_is_retried_then_answered(llm_settings, fake_llm):
    fake_llm.script({"status": 429}, {"status": 429})
    fake_llm.default_reply = "Två gånger per år [1]."
    result = ask(llm_settings)
    assert len(fake_llm.chat_requests()) == 3  # two retries, then success
    assert result.mode == "llm" and result.note is None


def test_server_error_after_retries_gives_extractive_answer_with_note(llm_settings, fake_llm):
    fake_llm.script({"status": 500}, {"status": 500}, {"status": 500})
    result = ask(llm_settings)
    assert len(fake_llm.chat_requests()) == 1 + llm_settings.llm_max_retries
    assert result.mode == "extractive" and result.note == LLM_UNAVAILABLE_NOTE
    assert result.citations and all(c.quote in REGIONAL.text + DANS.text + BUDGET.text for c in result.citations)


def test_hanging_request_times_out_to_extractive(llm_settings, fake_llm):
    fake_llm.script({"hang": 10})
    result = ask(llm_settings)
    assert result.mode == "extractive" and result.note == LLM_UNAVAILABLE_NOTE and result.citations


def test_stream_cut_mid_way_falls_back(llm_settings, fake_llm):
    fake_llm.script({"fail_after": "Mötet hålls två gånger"})
    tokens: list[str] = []
    result = ask(llm_settings, on_token=tokens.append)
    assert tokens  # the person saw the start ...
    assert result.mode == "extractive" and result.note == LLM_UNAVAILABLE_NOTE  # ... and then a full answer


def test_connection_refused_falls_back(settings, monkeypatch):
    from bot.config import Settings

    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    result = ask(Settings())
    assert result.mode == "extractive" and result.note == LLM_UNAVAILABLE_NOTE


def test_nothing_relevant_makes_no_llm_call(llm_settings, fake_llm):
    result = ask(llm_settings, question="Vilka regler gäller för fiske med nät i sjöar?", hits=(BUDGET,))
    assert not result.found and fake_llm.chat_requests() == []
    assert "hittade inget" in result.answer and result.citations == []


def test_hits_retrieval_judged_off_topic_are_neither_quoted_nor_sent(llm_settings, fake_llm):
    from dataclasses import replace

    # the words match ("köttbullar"), but retrieval judged the passage not to be about the question
    meatballs = replace(BUDGET, text="Köttbullar och gravad lax är svenska paradrätter som lagas i hela landet.",
                        relevant=False)
    result = ask(llm_settings, question="Hur lagar man köttbullar?", hits=(meatballs,))
    assert not result.found and fake_llm.chat_requests() == [] and result.citations == []

    fake_llm.default_reply = "Mötet hålls två gånger per år [1]."
    result = ask(llm_settings, hits=(REGIONAL, replace(DANS, relevant=False)))
    user = fake_llm.chat_requests()[0]["messages"][-1]["content"]
    assert result.found and REGIONAL.title in user and DANS.title not in user


def test_follow_up_uses_history_in_prompt_and_search(llm_settings, fake_llm):
    fake_llm.default_reply = "I Halland deltar presidierna [1]."
    history = [Turn("user", "Vilka deltar i det kulturpolitiska samverkansmötet?"),
               Turn("assistant", "Presidierna deltar [1].")]
    queries: list[str] = []

    def search(q):
        queries.append(q)
        return [REGIONAL, DANS]

    result = answer("och i Halland?", search=search, settings=llm_settings, llm=client(llm_settings), history=history)
    assert "samverkansmötet" in queries[0] and "Halland" in queries[0]
    messages = fake_llm.chat_requests()[0]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == history[0].text and "och i Halland?" in messages[-1]["content"]
    assert result.mode == "llm" and result.citations


def test_a_question_that_finds_nothing_alone_is_read_with_the_one_before(llm_settings, fake_llm):
    from dataclasses import replace

    fake_llm.default_reply = "Mötet hålls två gånger per år [1]."
    history = [Turn("user", "Vilka deltar i det kulturpolitiska samverkansmötet i Halland?"),
               Turn("assistant", "Presidierna deltar [1].")]
    queries: list[str] = []

    def search(q):
        queries.append(q)
        # alone, the question is about nothing retrieval can judge relevant; with the thread it is
        return [REGIONAL] if "samverkansmötet" in q else [replace(BUDGET, relevant=False)]

    result = answer("Hur ofta träffas de egentligen under ett helt år?", search=search, settings=llm_settings,
                    llm=client(llm_settings), history=history)
    assert len(queries) == 2 and "samverkansmötet" in queries[1]
    assert result.found and result.citations and result.citations[0].title == REGIONAL.title


def test_the_model_is_told_who_signed_a_document_and_whose_proposal_it_answers(settings, fake_llm, monkeypatch):
    """The reader takes a signature block out of the text (it is not prose to quote); "Vilka skrev under?"
    is still answerable: the model gets who signed, and whose skrivelse it answers, with each source."""
    from pathlib import Path

    from bot.answering.engine import Engine
    from bot.config import Settings
    from bot.index.indexer import index_paths

    stockholm = Path(__file__).resolve().parents[2] / "knowledge" / "stockholm"
    monkeypatch.setenv("OPENAI_BASE_URL", fake_llm.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    s = Settings()
    assert index_paths([stockholm], s, progress=False).ok
    fake_llm.default_reply = "Berit Svedberg och Patrik Liljegren skrev under [1]."
    result = Engine(s).ask("Vilka skrev under svaret om Stockholmsregionen och samverkansmodellen?")
    user = fake_llm.chat_requests()[0]["messages"][-1]["content"]
    assert 'undertecknad_av="Berit Svedberg (Kulturdirektör), Patrik Liljegren (Chef)"' in user
    assert 'förslag_från="Ann Mari Engel (V), Tomas Rudin (S), Mats Berglund (MP)"' in user
    assert result.mode == "llm" and result.citations
