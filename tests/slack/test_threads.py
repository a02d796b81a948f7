"""@-mentions in channels: an answer in a thread, follow-ups with the thread as history, exactly once."""

from __future__ import annotations

from bot.slack import texts
from tests.fakes.slack_api import BOT_ID, BOT_USER_ID
from tests.slack.harness import CHANNEL, mention, message, visible_text


def _answers(fake, thread_ts):
    return [m for m in fake.thread(CHANNEL, thread_ts) if m.get("user") == BOT_USER_ID]


def test_mention_is_answered_in_a_thread_with_sources_and_feedback(kansli, fake_slack):
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?")
    assert kansli.event(mention("Vad gäller för meröppna bibliotek?", ts=root["ts"])).status == 200
    kansli.idle()
    [answer] = _answers(fake_slack, root["ts"])
    assert answer["thread_ts"] == root["ts"]
    seen = visible_text(answer)
    assert "[1]" in seen
    assert "Tjänsteutlåtande om meröppna bibliotek — 2.3/455/2019 — 2019-10-15" in seen
    feedback = [e for b in answer["blocks"] if b["type"] == "context_actions" for e in b["elements"]]
    assert feedback and feedback[0]["type"] == "feedback_buttons"


def test_retries_and_mention_plus_message_give_exactly_one_answer(kansli, fake_slack):
    text = "Vad gäller för meröppna bibliotek?"
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> {text}")
    m = mention(text, ts=root["ts"])
    kansli.event(m, event_id="EvMENTION")
    kansli.event(message(root["text"], ts=root["ts"]), event_id="EvMESSAGE")  # same message as message.channels
    kansli.event(m, event_id="EvMENTION", retry=1)  # Slack's retry
    kansli.event(m, event_id="EvMENTION", retry=2)
    kansli.idle()
    assert len(_answers(fake_slack, root["ts"])) == 1


def test_follow_up_in_the_thread_is_answered_with_the_thread_as_history(kansli, fake_slack, engine):
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?")
    kansli.event(mention("Vad gäller för meröppna bibliotek?", ts=root["ts"]))
    kansli.idle()
    follow = fake_slack.add_message(CHANNEL, user="UBO", text="Och hur många filialer?", thread_ts=root["ts"])
    kansli.event(message(follow["text"], user="UBO", ts=follow["ts"], thread_ts=root["ts"]))
    kansli.idle()
    answers = _answers(fake_slack, root["ts"])
    assert len(answers) == 2
    assert "2.3/455/2019" in visible_text(answers[1])
    history = engine.calls[-1]["history"]
    assert [t.role for t in history] == ["user", "assistant"]  # the person's turn and Kansli's own
    assert "meröppna bibliotek" in history[0].text and BOT_USER_ID not in history[0].text


def test_follow_up_needs_a_mention_when_so_configured(kansli_factory, fake_slack):
    kansli = kansli_factory(slack_thread_requires_mention=True)
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?")
    kansli.event(mention("Vad gäller för meröppna bibliotek?", ts=root["ts"]))
    kansli.idle()
    follow = fake_slack.add_message(CHANNEL, user="UBO", text="Hur många filialer?", thread_ts=root["ts"])
    kansli.event(message(follow["text"], user="UBO", ts=follow["ts"], thread_ts=root["ts"]))
    kansli.idle()
    assert len(_answers(fake_slack, root["ts"])) == 1


def test_threads_without_kansli_and_bot_messages_are_left_alone(kansli, fake_slack):
    root = fake_slack.add_message(CHANNEL, user="UANNA", text="Lunch idag?")
    reply = fake_slack.add_message(CHANNEL, user="UBO", text="Ja, vid tolv.", thread_ts=root["ts"])
    kansli.event(message(reply["text"], user="UBO", ts=reply["ts"], thread_ts=root["ts"]))
    other_bot = message(f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?", user="UOTHERBOT", ts="300.2", bot_id="BOTHER")
    kansli.event(other_bot)
    own = message("Meröppna bibliotek [1]", user=BOT_USER_ID, ts="300.3", bot_id=BOT_ID)
    kansli.event(own)
    kansli.idle()
    assert fake_slack.bot_messages() == []


def test_mention_outside_allowed_channels_is_politely_declined(kansli_factory, fake_slack):
    kansli = kansli_factory(slack_allowed_channels="CANNAN")
    kansli.event(mention("Vad gäller för meröppna bibliotek?", ts="400.1"))
    kansli.idle()
    [reply] = fake_slack.bot_messages()
    assert visible_text(reply) == texts.DECLINED
    assert reply["thread_ts"] == "400.1"


def test_channel_collection_limits_the_sources(kansli_factory, fake_slack):
    question = "Vad anser förvaltningen om regional samverkan?"
    everywhere = kansli_factory()
    everywhere.event(mention(question, ts="500.1"))
    everywhere.idle()
    assert "6.1/1085/2013" in visible_text(fake_slack.bot_messages()[0])  # found outside the collection

    kansli = kansli_factory(slack_channel_collections=f"{CHANNEL}=regeringen/")
    kansli.event(mention(question, ts="500.2"))
    kansli.event(mention("Vad gäller för stöd till det fria musiklivet?", ts="500.3"))
    kansli.idle()
    [outside] = [m for m in fake_slack.bot_messages() if m["thread_ts"] == "500.2"]
    assert "6.1/1085/2013" not in visible_text(outside)
    [inside] = [m for m in fake_slack.bot_messages() if m["thread_ts"] == "500.3"]
    assert "Dir. 2021:12" in visible_text(inside)


def test_rate_limited_slack_is_retried_after_retry_after_and_answers_once(kansli, fake_slack):
    fake_slack.fail("chat.postMessage", status=429)  # Retry-After: 1
    kansli.event(mention("Vad gäller för meröppna bibliotek?", ts="600.1"))
    kansli.idle()
    posts = fake_slack.calls_to("chat.postMessage")
    assert [p.params["_status"] for p in posts] == [429, 200]
    assert len(fake_slack.bot_messages()) == 1


def test_with_an_llm_a_mention_is_streamed_into_the_thread_to_the_asker(llm_kansli, fake_slack, fake_llm):
    fake_llm.default_reply = "Meröppna bibliotek gör att invånarna kan låna böcker utan personal på plats [1]. " * 6
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?")
    llm_kansli.event(mention("Vad gäller för meröppna bibliotek?", ts=root["ts"]))
    llm_kansli.idle()
    [start] = fake_slack.calls_to("chat.startStream")
    assert start.params["thread_ts"] == root["ts"]
    assert start.params["recipient_user_id"] == "UANNA" and start.params["recipient_team_id"]
    [answer] = _answers(fake_slack, root["ts"])
    assert answer["text"].count("låna böcker utan personal") == 6
    assert "Tjänsteutlåtande om meröppna bibliotek — 2.3/455/2019 — 2019-10-15" in visible_text({"blocks": answer["blocks"]})


def test_where_slack_refuses_to_stream_the_answer_is_posted_once_instead(llm_kansli, fake_slack, fake_llm):
    fake_llm.default_reply = "Meröppna bibliotek gör att invånarna kan låna böcker utan personal på plats [1]. " * 6
    fake_slack.fail("chat.startStream", status=200, body={"ok": False, "error": "feature_not_enabled"})
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?")
    llm_kansli.event(mention("Vad gäller för meröppna bibliotek?", ts=root["ts"]))
    llm_kansli.idle()
    [answer] = _answers(fake_slack, root["ts"])
    seen = visible_text(answer)
    assert seen.count("låna böcker utan personal") == 6
    assert "2.3/455/2019" in seen
    assert texts.ERROR_ANSWER not in seen


def test_llm_markdown_reads_well_in_the_thread(llm_kansli, fake_slack, fake_llm):
    fake_llm.default_reply = (
        "## Meröppna bibliotek\n\n**Kort svar:** invånarna kan låna böcker utan personal på plats [1].\n\n"
        "- tre filialer\n- start 2020\n\n| Filial | År |\n|---|---|\n| Tre filialer | 2020 |\n"
    )
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?")
    llm_kansli.event(mention("Vad gäller för meröppna bibliotek?", ts=root["ts"]))
    llm_kansli.idle()
    [answer] = _answers(fake_slack, root["ts"])
    [body] = [b["text"] for b in answer["blocks"] if b["type"] == "markdown"]  # Slack renders Markdown here
    assert body.startswith("## Meröppna bibliotek") and "**Kort svar:**" in body and "- tre filialer" in body
    assert "|---|" not in body and "```\nFilial" in body  # the table as aligned text, not raw pipes
    assert "**" not in answer["text"] and "##" not in answer["text"]  # the notification text is plain
    assert "2.3/455/2019" in visible_text(answer)


def test_replies_in_threads_without_kansli_are_looked_up_once_not_per_message(kansli, fake_slack):
    root = fake_slack.add_message(CHANNEL, user="UANNA", text="Fika på fredag?")
    for text in ("Gärna!", "Jag tar med bullar.", "Klockan tre?"):
        reply = fake_slack.add_message(CHANNEL, user="UBO", text=text, thread_ts=root["ts"])
        kansli.event(message(text, user="UBO", ts=reply["ts"], thread_ts=root["ts"]))
        kansli.idle()
    assert len(fake_slack.calls_to("conversations.replies")) == 1
    assert fake_slack.bot_messages() == []

    # Once Kansli is mentioned there, later replies in the thread are answered.
    ask = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> Vad gäller för meröppna bibliotek?", thread_ts=root["ts"])
    kansli.event(mention("Vad gäller för meröppna bibliotek?", ts=ask["ts"], thread_ts=root["ts"]))
    kansli.idle()
    follow = fake_slack.add_message(CHANNEL, user="UBO", text="Och hur många filialer?", thread_ts=root["ts"])
    kansli.event(message(follow["text"], user="UBO", ts=follow["ts"], thread_ts=root["ts"]))
    kansli.idle()
    assert len(_answers(fake_slack, root["ts"])) == 2
