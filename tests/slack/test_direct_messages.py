"""DMs / the Messages tab: suggested prompts, a loading status, the answer streamed; LLM trouble."""

from __future__ import annotations

from bot.slack import texts
from tests.fakes.slack_api import BOT_USER_ID
from tests.slack.harness import message, visible_text

DM = "DANNA"


def test_new_assistant_thread_gets_suggested_prompts_and_a_greeting(kansli, fake_slack):
    kansli.event(
        {
            "type": "assistant_thread_started",
            "assistant_thread": {"user_id": "UANNA", "channel_id": DM, "thread_ts": "700.1", "context": {}},
            "event_ts": "700.2",
        }
    )
    kansli.idle()
    [prompts] = fake_slack.calls_to("assistant.threads.setSuggestedPrompts")
    assert prompts.params["thread_ts"] == "700.1"
    assert len(prompts.params["prompts"]) >= 2 and all(p["message"] for p in prompts.params["prompts"])
    [greeting] = fake_slack.bot_messages(DM)
    assert visible_text(greeting) == texts.GREETING


def test_direct_message_shows_status_then_streams_a_cited_answer(kansli, fake_slack):
    question = fake_slack.add_message(DM, user="UANNA", text="Vad gäller för meröppna bibliotek?", thread_ts="710.1")
    kansli.event(message(question["text"], channel=DM, ts=question["ts"], thread_ts="710.1", channel_type="im"))
    kansli.idle()

    [status] = fake_slack.calls_to("assistant.threads.setStatus")[:1]
    assert status.params["loading_messages"] == texts.LOADING_ANSWER
    assert fake_slack.calls_to("chat.startStream") and fake_slack.calls_to("chat.stopStream")
    assert status.at < fake_slack.calls_to("chat.startStream")[0].at  # the status shows while Kansli searches
    assert fake_slack.calls_to("chat.postMessage") == []  # streamed, not posted
    [answer] = fake_slack.bot_messages(DM)
    assert answer["thread_ts"] == "710.1" and answer["streaming"] is False
    assert "[1]" in answer["text"]
    assert "2.3/455/2019" in visible_text({"blocks": answer["blocks"]})  # sources under the streamed text
    assert any(b["type"] == "context_actions" for b in answer["blocks"])


def test_a_follow_up_in_the_dm_thread_gets_the_conversation_as_history(kansli, fake_slack, engine):
    first = fake_slack.add_message(DM, user="UANNA", text="Vad gäller för meröppna bibliotek?", thread_ts="720.1")
    kansli.event(message(first["text"], channel=DM, ts=first["ts"], thread_ts="720.1", channel_type="im"))
    kansli.idle()
    second = fake_slack.add_message(DM, user="UANNA", text="Hur många filialer?", thread_ts="720.1")
    kansli.event(message(second["text"], channel=DM, ts=second["ts"], thread_ts="720.1", channel_type="im"))
    kansli.idle()
    assert len(fake_slack.bot_messages(DM)) == 2
    assert [t.role for t in engine.calls[-1]["history"]] == ["user", "assistant"]


def test_when_the_llm_fails_the_person_gets_a_swedish_note_and_an_answer_from_excerpts(llm_kansli, fake_slack, fake_llm):
    fake_llm.script({"status": 500}, {"status": 500}, {"status": 500}, {"status": 500})
    question = fake_slack.add_message(DM, user="UANNA", text="Vad gäller för meröppna bibliotek?", thread_ts="730.1")
    llm_kansli.event(message(question["text"], channel=DM, ts=question["ts"], thread_ts="730.1", channel_type="im"))
    llm_kansli.idle()
    assert fake_llm.chat_requests()  # the LLM was tried
    [answer] = fake_slack.bot_messages(DM)
    seen = answer["text"] + "\n" + visible_text({"blocks": answer["blocks"]})
    assert "⚠️" in seen  # the note, in Swedish, from the engine
    assert "2.3/455/2019" in seen  # still a cited answer
    assert BOT_USER_ID not in seen


def test_llm_failing_mid_stream_leaves_the_checked_answer_not_the_fragment(llm_kansli, fake_slack, fake_llm):
    fragment = "Meröppna bibliotek innebär att " + "invånarna kan låna böcker på kvällen, " * 10  # reaches Slack
    fake_llm.script({"fail_after": fragment})
    question = fake_slack.add_message(DM, user="UANNA", text="Vad gäller för meröppna bibliotek?", thread_ts="740.1")
    llm_kansli.event(message(question["text"], channel=DM, ts=question["ts"], thread_ts="740.1", channel_type="im"))
    llm_kansli.idle()
    assert fake_slack.calls_to("chat.startStream")  # the fragment was shown while it was written …
    [answer] = fake_slack.bot_messages(DM)
    seen = visible_text(answer)
    assert "⚠️" in seen and "2.3/455/2019" in seen
    assert "Meröppna bibliotek innebär att" not in seen + answer["text"]  # … and then replaced


def test_a_short_fragment_that_never_reached_slack_is_not_shown_either(llm_kansli, fake_slack, fake_llm):
    fake_llm.script({"fail_after": "Meröppna bibliotek innebär att"})
    question = fake_slack.add_message(DM, user="UANNA", text="Vad gäller för meröppna bibliotek?", thread_ts="741.1")
    llm_kansli.event(message(question["text"], channel=DM, ts=question["ts"], thread_ts="741.1", channel_type="im"))
    llm_kansli.idle()
    [answer] = fake_slack.bot_messages(DM)
    seen = visible_text(answer)
    assert "⚠️" in seen and "2.3/455/2019" in seen
    assert "Meröppna bibliotek innebär att" not in seen + answer["text"]


def test_an_llm_answer_is_streamed_in_pieces_and_ends_with_its_sources(llm_kansli, fake_slack, fake_llm):
    fake_llm.default_reply = "Meröppna bibliotek gör att invånarna kan låna böcker utan personal på plats, enligt tjänsteutlåtandet [1]. " * 8
    question = fake_slack.add_message(DM, user="UANNA", text="Vad gäller för meröppna bibliotek?", thread_ts="750.1")
    llm_kansli.event(message(question["text"], channel=DM, ts=question["ts"], thread_ts="750.1", channel_type="im"))
    llm_kansli.idle()
    [status] = fake_slack.calls_to("assistant.threads.setStatus")[:1]
    assert status.params["status"] == texts.STATUS_ANSWER and status.params["loading_messages"] == texts.LOADING_ANSWER
    assert status.at < fake_slack.calls_to("chat.startStream")[0].at
    [answer] = fake_slack.bot_messages(DM)
    assert fake_slack.calls_to("chat.appendStream")  # more than one piece
    assert answer["text"].count("låna böcker utan personal") == 8
    assert "2.3/455/2019" in visible_text({"blocks": answer["blocks"]})
    assert "⚠️" not in visible_text({"blocks": answer["blocks"]})
