"""👍/👎 under an answer is stored with keyed ids for the question and the person, never their text."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat

from bot.slack import texts
from bot.slack.pseudonyms import KEY_FILE
from bot.slack.rendering import FEEDBACK_ACTION
from tests.slack.harness import CHANNEL, USER, mention, message

QUESTION = "Vad gäller för meröppna bibliotek?"


def _feedback_value(message: dict, vote: str) -> str:
    [element] = [e for b in message["blocks"] if b["type"] == "context_actions" for e in b["elements"]]
    return element["positive_button" if vote == "up" else "negative_button"]["value"]


def _stored_feedback(kansli) -> list[dict]:
    with sqlite3.connect(kansli.services.feedback.path) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM feedback ORDER BY at")]


def _plain_digest(text: str) -> str:
    """What Kansli stored before its ids were keyed (anyone can compute it for every user id)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _vote(kansli, fake_slack, vote: str, *, ts: str = "900.1") -> None:
    kansli.event(mention(QUESTION, ts=ts))
    kansli.idle()
    answer = fake_slack.bot_messages(CHANNEL)[-1]
    kansli.action({"action_id": FEEDBACK_ACTION, "type": "feedback_buttons", "value": _feedback_value(answer, vote)}, message=answer)
    kansli.idle()


def test_feedback_is_stored_without_the_question_text_and_thanked(kansli, fake_slack):
    _vote(kansli, fake_slack, "down")

    [row] = _stored_feedback(kansli)
    assert row["question_id"] == kansli.services.pseudonyms.question_id(QUESTION)
    assert row["vote"] == "down"
    assert row["question"] is None
    assert row["user_hash"] and USER not in str(row)
    [thanks] = fake_slack.calls_to("response_url")
    assert thanks.params["text"] == texts.FEEDBACK_THANKS_DOWN and thanks.params["response_type"] == "ephemeral"


def test_feedback_in_a_direct_message_does_not_store_the_dm_channel_that_names_the_person(kansli_factory, fake_slack, settings):
    dm = "DANNA"
    settings.kansli_data_dir.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(settings.kansli_data_dir / "slack_feedback.sqlite") as db:  # as an earlier version kept it
        db.execute(
            "CREATE TABLE feedback (at REAL, question_id TEXT, vote TEXT, user_hash TEXT, channel TEXT, mode TEXT, question TEXT)"
        )
        db.execute("INSERT INTO feedback VALUES (1, 'q', 'up', NULL, ?, 'extractive', NULL)", (dm,))

    kansli = kansli_factory()
    kansli.event(message(QUESTION, channel=dm, ts="910.2", thread_ts="910.1", channel_type="im"))
    kansli.idle()
    [answer] = fake_slack.bot_messages(dm)
    kansli.action({"action_id": FEEDBACK_ACTION, "type": "feedback_buttons", "value": _feedback_value(answer, "up")}, channel=dm, message=answer)
    kansli.idle()

    rows = _stored_feedback(kansli)
    assert [r["vote"] for r in rows] == ["up", "up"]
    assert dm not in str(rows)


def test_stored_ids_cannot_be_recomputed_from_a_user_id_or_question_without_the_key(kansli_factory, fake_slack, settings):
    kansli = kansli_factory()
    _vote(kansli, fake_slack, "up")
    [row] = _stored_feedback(kansli)
    assert not _plain_digest(USER).startswith(row["user_hash"])
    assert not _plain_digest(" ".join(QUESTION.lower().split())).startswith(row["question_id"])

    key = settings.kansli_data_dir / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_bytes().hex() not in repr(kansli.services)

    again = kansli_factory()  # a restart keeps the key: the same person and question get the same ids
    _vote(again, fake_slack, "down", ts="900.2")
    first, second = _stored_feedback(again)
    assert (second["user_hash"], second["question_id"]) == (first["user_hash"], first["question_id"])


def test_feedback_stored_before_ids_were_keyed_is_rekeyed_and_still_matches(kansli_factory, fake_slack, settings):
    old_question_id = _plain_digest(" ".join(QUESTION.lower().split()))[:16]
    old_user = _plain_digest(USER)[:12]
    settings.kansli_data_dir.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(settings.kansli_data_dir / "slack_feedback.sqlite") as db:
        db.execute(
            "CREATE TABLE feedback (at REAL, question_id TEXT, vote TEXT, user_hash TEXT, channel TEXT, mode TEXT, question TEXT)"
        )
        db.execute("INSERT INTO feedback VALUES (1, ?, 'up', ?, ?, 'extractive', NULL)", (old_question_id, old_user, CHANNEL))

    kansli = kansli_factory()
    _vote(kansli, fake_slack, "down")
    # A 👍 on an answer posted before the upgrade: its button still carries the plain id.
    kansli.action({"action_id": FEEDBACK_ACTION, "type": "feedback_buttons", "value": f"up:{old_question_id}:extractive"})
    kansli.idle()

    rows = _stored_feedback(kansli)
    assert [r["vote"] for r in rows] == ["up", "down", "up"]
    assert {r["question_id"] for r in rows} == {kansli.services.pseudonyms.question_id(QUESTION)}
    assert len({r["user_hash"] for r in rows}) == 1
    assert old_question_id not in str(rows) and old_user not in str(rows)


def test_what_kansli_keeps_about_questions_and_people_is_readable_by_its_own_user_only(kansli_factory, fake_slack, settings):
    data = settings.kansli_data_dir
    data.mkdir(parents=True, exist_ok=True)
    (data / "slack_shared_answers.sqlite").touch(mode=0o644)  # as an earlier version left it

    kansli = kansli_factory()
    kansli.command("/fraga", QUESTION)
    _vote(kansli, fake_slack, "up")

    for name in ("slack_feedback.sqlite", "slack_shared_answers.sqlite", KEY_FILE):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name


def test_an_answer_kept_for_sharing_does_not_name_the_asker(kansli_factory, fake_slack, settings):
    settings.kansli_data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.kansli_data_dir / "slack_shared_answers.sqlite"
    with sqlite3.connect(path) as db:  # as an earlier version kept it
        db.execute("CREATE TABLE shared_answers (id TEXT PRIMARY KEY, at REAL, item TEXT)")
        db.execute("INSERT INTO shared_answers VALUES ('old', 9e9, ?)", (json.dumps({"answer": {}, "question_id": "q", "user": "UBERTIL"}),))

    kansli = kansli_factory()
    kansli.command("/fraga", QUESTION)
    kansli.idle()

    with sqlite3.connect(path) as db:
        items = [r[0] for r in db.execute("SELECT item FROM shared_answers")]
    assert len(items) == 2
    assert not any(USER in item or "UBERTIL" in item for item in items)
