"""Slash commands: /fraga (ephemeral, then shared), /utkast (a .docx by DM), /kansli hjälp; access."""

from __future__ import annotations

import io

import docx

from bot.slack import texts
from bot.slack.rendering import SHARE_ACTION
from tests.slack.harness import CHANNEL, USER, visible_text


def _responses(fake):
    return [c.params for c in fake.calls_to("response_url")]


def test_ask_shows_question_answer_and_sources_only_to_the_asker_then_shares_in_channel(kansli, fake_slack):
    question = "Vad innebär kultursamverkansmodellen?"
    ack = kansli.command("/fraga", question)
    assert ack.status == 200
    assert ack.json()["response_type"] == "ephemeral"
    assert texts.WORKING_ANSWER in ack.json()["text"]

    kansli.idle()
    [answer] = _responses(fake_slack)
    assert answer["response_type"] == "ephemeral"
    seen = visible_text(answer)
    assert question in seen  # a slash command's text is otherwise lost
    assert "[1]" in seen
    assert "<https://example.org/handlingar/samverkan|Tjänsteutlåtande om regional kultursamverkan> — 6.1/1085/2013 — 2013-05-02" in seen
    assert "kultursamverkansmodellen" in seen.lower()
    assert fake_slack.bot_messages() == []  # nothing in the channel yet

    share = next(e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == SHARE_ACTION)
    assert kansli.action({"action_id": SHARE_ACTION, "type": "button", "value": share["value"]}, ephemeral=True).status == 200
    kansli.idle()

    [shared] = fake_slack.bot_messages(CHANNEL)
    seen_in_channel = visible_text(shared)
    assert f"<@{USER}>" in seen_in_channel
    assert question in seen_in_channel
    assert "6.1/1085/2013" in seen_in_channel
    assert any(b["type"] == "context_actions" for b in shared["blocks"])  # feedback buttons
    assert not any(b["type"] == "actions" for b in shared["blocks"])  # no share button in the channel
    assert _responses(fake_slack)[-1].get("delete_original") is True  # the ephemeral copy goes away


def test_ask_without_a_question_explains_how(kansli, fake_slack):
    ack = kansli.command("/fraga", "  ")
    assert "/fraga" in ack.json()["text"]
    kansli.idle()
    assert _responses(fake_slack) == []


def test_nothing_found_says_so_and_suggests_rephrasing(kansli, fake_slack):
    kansli.command("/fraga", "Vilka regler gäller för snöskoteråkning på Mars?")
    kansli.idle()
    [answer] = _responses(fake_slack)
    seen = visible_text(answer)
    assert "hittade inget" in seen and "formulera om" in seen
    assert "Källor" not in seen and "[1]" not in seen
    assert not any(b["type"] == "actions" for b in answer["blocks"])  # nothing to share


def test_draft_command_delivers_a_docx_with_summary_and_sources_by_direct_message(kansli, fake_slack):
    from tests.slack.documents import SKRIVELSE

    ack = kansli.command("/utkast", SKRIVELSE)
    assert texts.WORKING_DRAFT in ack.json()["text"]
    kansli.idle()

    [upload] = list(fake_slack.uploads.values())
    assert upload.channel == "D" + USER.lstrip("U")  # the DM with the person
    assert upload.filename.endswith(".docx")
    document = docx.Document(io.BytesIO(upload.content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "samverkan" in body.lower()
    assert "Utkastet finns i Word-filen" in upload.initial_comment
    assert "6.1/1085/2013" in upload.initial_comment  # the sources are in the message


def test_help_lists_what_kansli_does_with_examples(kansli):
    ack = kansli.command("/kansli", "hjälp")
    seen = visible_text(ack.json())
    assert "/fraga" in seen and "/utkast" in seen
    assert "PDF eller Word-fil" in seen


def test_command_names_are_configurable(kansli_factory, fake_slack):
    kansli = kansli_factory(slack_command_ask="/fraga-kansli", slack_command_help="/hjalp-kansli")
    assert "/fraga-kansli" in visible_text(kansli.command("/hjalp-kansli", "").json())
    kansli.command("/fraga-kansli", "Vad gäller för meröppna bibliotek?")
    kansli.idle()
    assert "2.3/455/2019" in visible_text(_responses(fake_slack)[0])


def test_outside_allowed_channels_kansli_politely_declines(kansli_factory, fake_slack):
    kansli = kansli_factory(slack_allowed_channels="CANNAN")
    ack = kansli.command("/fraga", "Vad gäller för meröppna bibliotek?")
    assert ack.json()["text"] == texts.DECLINED
    kansli.idle()
    assert _responses(fake_slack) == []


def test_sharing_where_kansli_may_not_post_tells_the_person_how_to_fix_it(kansli, fake_slack):
    kansli.command("/fraga", "Vad gäller för meröppna bibliotek?")
    kansli.idle()
    [answer] = _responses(fake_slack)
    share = next(e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == SHARE_ACTION)
    fake_slack.fail("chat.postMessage", status=200, body={"ok": False, "error": "not_in_channel"})
    kansli.action({"action_id": SHARE_ACTION, "type": "button", "value": share["value"]}, ephemeral=True)
    kansli.idle()
    assert _responses(fake_slack)[-1]["text"] == texts.ERROR_NOT_IN_CHANNEL
    assert fake_slack.bot_messages() == []


def _share_value(answer: dict) -> str:
    return next(e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == SHARE_ACTION)["value"]


def test_sharing_still_works_after_kansli_restarts(kansli_factory, fake_slack):
    first = kansli_factory()
    first.command("/fraga", "Vad gäller för meröppna bibliotek?")
    first.idle()
    [answer] = _responses(fake_slack)
    first.close()

    restarted = kansli_factory()  # same data dir, nothing in memory
    restarted.action({"action_id": SHARE_ACTION, "type": "button", "value": _share_value(answer)}, ephemeral=True)
    restarted.idle()
    [shared] = fake_slack.bot_messages(CHANNEL)
    assert "Vad gäller för meröppna bibliotek?" in visible_text(shared)
    assert "2.3/455/2019" in visible_text(shared)


def test_an_answer_older_than_a_week_can_no_longer_be_shared(kansli, fake_slack):
    import sqlite3

    kansli.command("/fraga", "Vad gäller för meröppna bibliotek?")
    kansli.idle()
    [answer] = _responses(fake_slack)
    store = kansli.services.shared_answers
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE shared_answers SET at = at - ?", (8 * 86400,))
    kansli.action({"action_id": SHARE_ACTION, "type": "button", "value": _share_value(answer)}, ephemeral=True)
    kansli.idle()
    assert _responses(fake_slack)[-1]["text"] == texts.SHARE_EXPIRED
    assert fake_slack.bot_messages() == []

    kansli.command("/fraga", "Vad innebär kultursamverkansmodellen?")  # keeping a new answer clears the old
    kansli.idle()
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM shared_answers").fetchone()[0] == 1


def test_slack_markup_in_a_command_reaches_kansli_as_what_the_person_wrote(kansli, fake_slack):
    # Slack sends "Kultur & Fritid" as "Kultur &amp; Fritid", and a channel as <#C123|namn>
    kansli.command("/fraga", "Vad innebär kultursamverkansmodellen för Kultur &amp; Fritid i <#C0123|allmänt>?")
    kansli.idle()
    [answer] = _responses(fake_slack)
    seen = visible_text(answer)
    assert "Kultur &amp; Fritid i allmänt?" in seen  # "&" once, escaped once for Slack's mrkdwn
    assert "&amp;amp;" not in seen and "<#C0123" not in seen


def test_plain_text_keeps_a_pasted_skrivelse_s_lines():
    from bot.slack.history import clean_text, plain_text

    pasted = "Skrivelse om Kultur &amp; Fritid\n\nVi föreslår\n• att &lt;x&gt; utreds <@U1>"
    assert plain_text(pasted) == "Skrivelse om Kultur & Fritid\n\nVi föreslår\n• att <x> utreds"
    assert clean_text(pasted) == "Skrivelse om Kultur & Fritid Vi föreslår • att <x> utreds"
