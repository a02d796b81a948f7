"""👍/👎 under an answer is stored with the question's id, not its text."""

from __future__ import annotations

from bot.slack import texts
from bot.slack.feedback import question_id
from bot.slack.rendering import FEEDBACK_ACTION
from tests.slack.harness import CHANNEL, mention


def _feedback_value(message: dict, vote: str) -> str:
    [element] = [e for b in message["blocks"] if b["type"] == "context_actions" for e in b["elements"]]
    return element["positive_button" if vote == "up" else "negative_button"]["value"]


def test_feedback_is_stored_without_the_question_text_and_thanked(kansli, fake_slack):
    question = "Vad gäller för meröppna bibliotek?"
    kansli.event(mention(question, ts="900.1"))
    kansli.idle()
    [answer] = fake_slack.bot_messages(CHANNEL)
    kansli.action({"action_id": FEEDBACK_ACTION, "type": "feedback_buttons", "value": _feedback_value(answer, "down")}, message=answer)
    kansli.idle()

    [row] = kansli.services.feedback.all()
    assert row["question_id"] == question_id(question)
    assert row["vote"] == "down"
    assert row["question"] is None
    assert row["user_hash"] and "UANNA" not in str(row)
    [thanks] = fake_slack.calls_to("response_url")
    assert thanks.params["text"] == texts.FEEDBACK_THANKS_DOWN and thanks.params["response_type"] == "ephemeral"


def test_sharing_an_answer_that_is_no_longer_kept_explains_why(kansli, fake_slack):
    from bot.slack.rendering import SHARE_ACTION

    kansli.action({"action_id": SHARE_ACTION, "type": "button", "value": "gone"}, ephemeral=True)
    kansli.idle()
    [reply] = fake_slack.calls_to("response_url")
    assert reply.params["text"] == texts.SHARE_EXPIRED
    assert fake_slack.bot_messages() == []
