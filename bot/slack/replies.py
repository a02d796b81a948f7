"""The work after the ack: ask or draft with the engine, then deliver to Slack.

Every path ends with something the person sees: the answer, the draft, or one short Swedish sentence.
The log gets what happened (ids, timings, error types), never the message text unless log_content.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answering.model import Answer, Draft, Turn
from bot.documents import UnreadableDocument
from bot.retrieval.hits import Filters
from bot.slack import files, rendering, texts
from bot.slack.rendering import Message
from bot.slack.services import Services
from bot.slack.sharing import SharedAnswer

log = logging.getLogger(__name__)


def _describe(e: BaseException) -> str:
    if isinstance(e, SlackApiError):
        return f"SlackApiError({e.response.get('error')})"
    return type(e).__name__


def _failure_text(e: BaseException, default: str) -> str:
    error = e.response.get("error") if isinstance(e, SlackApiError) else None
    if error == "ratelimited":
        return texts.ERROR_BUSY
    if error in ("not_in_channel", "channel_not_found"):
        return texts.ERROR_NOT_IN_CHANNEL
    return default


def _content(svc: Services, text: str) -> str:
    return repr(text[:200]) if svc.settings.log_content else f"<{len(text)} chars>"


def post_messages(client: WebClient, channel: str, messages: Sequence[Message], thread_ts: str | None = None) -> None:
    for m in messages:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=m.text, blocks=m.blocks)


def tell(client: WebClient, channel: str, text: str, thread_ts: str | None = None) -> None:
    """A short message; failures to deliver it are logged, not raised."""
    try:
        post_messages(client, channel, [rendering.text_message(text)], thread_ts)
    except Exception as e:
        log.error("could not tell the person in %s: %s", channel, _describe(e))


def set_status_quietly(set_status: Callable | None, status: str, loading: list[str]) -> None:
    """The loading status exists only in assistant threads; elsewhere its failure does not matter."""
    if set_status is None:
        return
    try:
        set_status(status=status, loading_messages=loading)
    except Exception as e:
        log.info("no status shown: %s", _describe(e))


def ask(svc: Services, question: str, history: Sequence[Turn], filters: Filters | None, on_token=None) -> Answer:
    started = time.monotonic()
    answer = svc.engine.ask(question, history=list(history), filters=filters, on_token=on_token)
    log.info(
        "answered question %s (%s, history %d turns, %d citations, found=%s) in %.1fs: %s",
        svc.pseudonyms.question_id(question), answer.mode, len(history), len(answer.citations), answer.found,
        time.monotonic() - started, _content(svc, question),
    )
    return answer


# --- answers --------------------------------------------------------------------------------------


def answer_in_thread(
    svc: Services,
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    question: str,
    history: Sequence[Turn] = (),
) -> None:
    try:
        answer = ask(svc, question, history, svc.access.filters_for(channel))
        messages = rendering.answer_messages(answer, question_id=svc.pseudonyms.question_id(question))
        post_messages(client, channel, messages, thread_ts)
    except Exception as e:
        log.error("answer in thread %s/%s failed: %s", channel, thread_ts, _describe(e), exc_info=not isinstance(e, SlackApiError))
        tell(client, channel, _failure_text(e, texts.ERROR_ANSWER), thread_ts)


def answer_streamed(
    svc: Services,
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    question: str,
    history: Sequence[Turn],
    set_status: Callable | None,
    start_stream: Callable,
) -> None:
    """A loading status, then the answer streamed as it is written (DMs, and channel threads with an LLM).

    The final message is the checked answer: when it differs from what was streamed (citations removed,
    or the LLM failed mid-way and Kansli fell back to excerpts) the streamed message is replaced. When
    Slack refuses the stream, the answer is posted as an ordinary message instead.
    """
    qid = svc.pseudonyms.question_id(question)
    stream = None
    streamed: list[str] = []
    broken = False
    try:
        set_status_quietly(set_status, texts.STATUS_ANSWER, texts.LOADING_ANSWER)
        stream = start_stream()

        def on_token(token: str) -> None:
            nonlocal broken
            if broken:
                return
            token = rendering.no_broadcasts(token)
            streamed.append(token)
            try:
                stream.append(markdown_text=token)
            except Exception as e:  # the answer is still delivered, below
                broken = True
                log.warning("streaming to %s stopped: %s", channel, _describe(e))

        answer = ask(svc, question, history, svc.access.filters_for(channel), on_token=on_token)
        messages = rendering.answer_messages(answer, question_id=qid)
        replace = broken or len(messages) > 1 or (
            streamed and "".join(streamed).strip() != rendering.answer_body(answer).strip()
        )
        try:
            _finish_stream(
                client, stream, answer, messages, qid, channel=channel, thread_ts=thread_ts, replace=replace, streamed=bool(streamed)
            )
        except SlackApiError as e:
            if stream.ts:
                raise
            log.warning("stream refused in %s (%s); posting the answer instead", channel, _describe(e))
            post_messages(client, channel, messages, thread_ts)
    except Exception as e:
        log.error("streamed answer in %s/%s failed: %s", channel, thread_ts, _describe(e), exc_info=not isinstance(e, SlackApiError))
        if stream is not None and stream.ts and not broken:
            try:
                stream.stop(markdown_text="\n\n" + _failure_text(e, texts.ERROR_ANSWER))
                return
            except Exception as e2:
                log.error("could not stop stream: %s", _describe(e2))
        tell(client, channel, _failure_text(e, texts.ERROR_ANSWER), thread_ts)


def _finish_stream(
    client: WebClient, stream, answer: Answer, messages: list[Message], qid: str, *,
    channel: str, thread_ts: str, replace: bool, streamed: bool,
) -> None:
    """End the stream with the sources and buttons, or replace what was streamed by the checked answer."""
    if not replace:
        if not streamed:  # an extractive answer arrives whole
            stream.append(markdown_text=rendering.answer_body(answer))
        stream.stop(blocks=rendering.answer_footer(answer, qid))
        return
    if not stream.ts:  # nothing reached Slack yet: post the checked answer
        post_messages(client, channel, messages, thread_ts)
        return
    try:
        stream.stop()
    except Exception as e:
        log.info("stream %s not stopped: %s", stream.ts, _describe(e))
    first = messages[0]
    client.chat_update(channel=channel, ts=stream.ts, text=first.text, blocks=first.blocks)
    post_messages(client, channel, messages[1:], thread_ts)


def answer_ephemeral(svc: Services, respond: Callable, *, channel: str, question: str) -> None:
    """/fraga: the answer only the asker sees, with the question and a button to share it."""
    try:
        answer = ask(svc, question, (), svc.access.filters_for(channel))
        qid = svc.pseudonyms.question_id(question)
        # "Nothing found" is not worth sharing, and is then not kept either.
        share_id = svc.shared_answers.put(SharedAnswer(answer=answer, question_id=qid)) if answer.found else None
        for m in rendering.answer_messages(answer, question_id=qid, show_question=True, share_id=share_id):
            respond(text=m.text, blocks=m.blocks, response_type="ephemeral", replace_original=False)
    except Exception as e:
        log.error("ephemeral answer in %s failed: %s", channel, _describe(e), exc_info=True)
        try:
            respond(text=texts.ERROR_ANSWER, response_type="ephemeral", replace_original=False)
        except Exception as e2:
            log.error("could not respond: %s", _describe(e2))


def share(svc: Services, client: WebClient, respond: Callable, *, share_id: str, channel: str, user: str) -> None:
    item = svc.shared_answers.get(share_id)
    if item is None:
        respond(text=texts.SHARE_EXPIRED, response_type="ephemeral", replace_original=False)
        return
    try:
        messages = rendering.answer_messages(
            item.answer,
            question_id=item.question_id,
            show_question=True,
            intro=texts.SHARED_BY.format(user=f"<@{user}>"),
        )
        post_messages(client, channel, messages)
        respond(delete_original=True)
    except Exception as e:
        log.error("sharing in %s failed: %s", channel, _describe(e), exc_info=not isinstance(e, SlackApiError))
        respond(text=_failure_text(e, texts.ERROR_ANSWER), response_type="ephemeral", replace_original=False)


# --- drafts ---------------------------------------------------------------------------------------


def _upload_draft(svc: Services, client: WebClient, draft: Draft, *, channel: str, thread_ts: str | None) -> None:
    client.files_upload_v2(
        channel=channel,
        thread_ts=thread_ts,
        content=svc.engine.render_docx(draft),
        filename=rendering.draft_filename(draft),
        title=draft.title,
        initial_comment=rendering.draft_summary(draft),
    )


def _make_draft(svc: Services, skrivelse, channel: str) -> Draft:
    started = time.monotonic()
    draft = svc.engine.draft(skrivelse, filters=svc.access.filters_for(channel))
    log.info("drafted (%s, %d sections, %d citations) in %.1fs", draft.mode, len(draft.sections), len(draft.citations), time.monotonic() - started)
    return draft


def draft_to_direct_message(svc: Services, client: WebClient, *, user: str, channel: str, text: str) -> None:
    """/utkast: the draft as a .docx in a DM with the person."""
    dm = None
    try:
        dm = client.conversations_open(users=user)["channel"]["id"]
        draft = _make_draft(svc, text, channel)
        _upload_draft(svc, client, draft, channel=dm, thread_ts=None)
    except Exception as e:
        log.error("draft for %s failed: %s", user, _describe(e), exc_info=not isinstance(e, SlackApiError))
        if dm:
            tell(client, dm, _failure_text(e, texts.ERROR_DRAFT))
        else:
            try:
                client.chat_postEphemeral(channel=channel, user=user, text=_failure_text(e, texts.ERROR_DRAFT))
            except Exception as e2:
                log.error("could not tell %s: %s", user, _describe(e2))


def draft_from_files(
    svc: Services,
    client: WebClient,
    *,
    channel: str,
    thread_ts: str,
    file_events: Sequence[dict],
    set_status: Callable | None = None,
) -> None:
    """Files dropped into a DM or a Kansli thread: a draft per readable skrivelse, a clear reply otherwise."""
    max_mb = svc.settings.slack_max_file_mb
    for raw in file_events:
        f = files.SlackFile.from_event(raw)
        try:
            files.check(f, max_mb)
            set_status_quietly(set_status, texts.STATUS_DRAFT, texts.LOADING_DRAFT)
            with tempfile.TemporaryDirectory(prefix="kansli-") as tmp:
                path = files.download(client, f, Path(tmp), max_mb)
                draft = _make_draft(svc, path, channel)
            _upload_draft(svc, client, draft, channel=channel, thread_ts=thread_ts)
        except files.FileProblem as e:
            log.info("file %s (%s, %d bytes) not used: %s", f.id, f.suffix, f.size, type(e).__name__)
            tell(client, channel, str(e), thread_ts)
        except UnreadableDocument as e:
            log.info("file %s (%s) unreadable: %s", f.id, f.suffix, type(e).__name__)
            tell(client, channel, texts.FILE_UNREADABLE.format(name=f.name), thread_ts)
        except Exception as e:
            log.error("draft from file %s failed: %s", f.id, _describe(e), exc_info=not isinstance(e, SlackApiError))
            tell(client, channel, _failure_text(e, texts.ERROR_DRAFT), thread_ts)
