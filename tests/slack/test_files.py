"""Skrivelser dropped into a DM or a Kansli thread: a .docx draft, or a clear reply."""

from __future__ import annotations

import io

import docx

from bot.slack import texts
from tests.fakes.slack_api import BOT_TOKEN, BOT_USER_ID
from tests.slack.documents import skrivelse_docx
from tests.slack.harness import CHANNEL, message, visible_text

DM = "DANNA"


def _file_message(fake, channel, info, *, ts, thread_ts=None, text="", channel_type="im"):
    return message(text, channel=channel, ts=ts, thread_ts=thread_ts, channel_type=channel_type, subtype="file_share", files=[info])


def test_docx_in_a_dm_becomes_a_draft_docx_with_summary(kansli, fake_slack, tmp_path):
    info = fake_slack.add_file("skrivelse.docx", skrivelse_docx(tmp_path / "s.docx").read_bytes())
    kansli.event(_file_message(fake_slack, DM, info, ts="800.1"))
    kansli.event({"type": "file_shared", "file_id": info["id"], "user_id": "UANNA", "channel_id": DM, "event_ts": "800.2"})
    kansli.idle()

    [download] = fake_slack.calls_to("download")
    assert download.params["authorization"] == f"Bearer {BOT_TOKEN}"
    [upload] = list(fake_slack.uploads.values())  # one reply, though two events arrived
    assert upload.channel == DM and upload.thread_ts == "800.1"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(upload.content)).paragraphs)
    assert "kultursamverkan" in text.lower()
    assert "Utkastet finns i Word-filen" in upload.initial_comment
    assert "6.1/1085/2013" in upload.initial_comment


def test_file_in_a_thread_that_mentions_kansli_becomes_a_draft(kansli, fake_slack, tmp_path):
    root = fake_slack.add_message(CHANNEL, user="UANNA", text=f"<@{BOT_USER_ID}> kan du skriva ett utkast?")
    info = fake_slack.add_file("skrivelse.docx", skrivelse_docx(tmp_path / "s.docx").read_bytes())
    fake_slack.add_message(CHANNEL, user="UANNA", text="", ts="810.2", thread_ts=root["ts"], files=[info])
    kansli.event(_file_message(fake_slack, CHANNEL, info, ts="810.2", thread_ts=root["ts"], channel_type="channel"))
    kansli.idle()
    [upload] = list(fake_slack.uploads.values())
    assert upload.channel == CHANNEL and upload.thread_ts == root["ts"]


def test_unsupported_too_large_and_unreadable_files_get_a_clear_reply(kansli_factory, fake_slack):
    kansli = kansli_factory(slack_max_file_mb=1.0)
    image = fake_slack.add_file("bild.png", b"\x89PNG....")
    big = fake_slack.add_file("stor.pdf", b"%PDF-1.4", size=5 * 1024 * 1024)
    broken = fake_slack.add_file("trasig.pdf", b"%PDF-1.4 this is not really a pdf")
    for n, info in enumerate((image, big, broken)):
        kansli.event(_file_message(fake_slack, DM, info, ts=f"820.{n + 1}"))
    kansli.idle()
    replies = {m["thread_ts"]: visible_text(m) for m in fake_slack.bot_messages(DM)}
    assert replies["820.1"] == texts.FILE_UNSUPPORTED.format(name="bild.png")
    assert "för stor" in replies["820.2"] and "1 MB" in replies["820.2"]
    assert replies["820.3"] == texts.FILE_UNREADABLE.format(name="trasig.pdf")
    assert fake_slack.uploads == {}
    assert len(fake_slack.calls_to("download")) == 1  # only the one that could be read was fetched
