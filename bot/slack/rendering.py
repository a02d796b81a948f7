"""Answers and drafts as Slack messages, within Slack's limits.

Answer text (Markdown, possibly from an LLM) goes into `markdown` blocks, which Slack renders as Markdown;
tables, which those blocks do not render, become aligned monospaced text. Sources and notes go into
`mrkdwn` section/context blocks. Limits respected: 3,000 characters per section text, 12,000 characters
of markdown per message (across its markdown blocks), 50 blocks per message; anything longer becomes
several messages, never an `invalid_blocks` or `msg_too_long` error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answering.model import Answer, Citation, Draft
from bot.slack import texts

SECTION_LIMIT = 3000
MARKDOWN_LIMIT = 12000  # cumulative per message
MAX_BLOCKS = 50
FALLBACK_TEXT_LIMIT = 3000  # the plain `text` of a message (notifications, thread history)
CONTEXT_ELEMENT_LIMIT = 2000

FEEDBACK_ACTION = "kansli_feedback"
SHARE_ACTION = "kansli_share"


@dataclass
class Message:
    text: str
    blocks: list[dict] = field(default_factory=list)


# --- text helpers ---------------------------------------------------------------------------------


def escape_mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int) -> list[str]:
    """Split at paragraph, then line, then word boundaries so that every part is at most `limit`."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), 0)
        if cut < limit // 3:
            cut = window.rfind("\n")
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]


def _table_as_code(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    sizes = [max(len(r[i]) for r in rows) for i in range(width)]
    lines = ["  ".join(cell.ljust(sizes[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * s for s in sizes))
    return "```\n" + "\n".join(lines) + "\n```"


def tables_readable(markdown: str) -> str:
    """Markdown tables (which Slack's markdown block shows raw) as aligned monospaced text."""
    lines = markdown.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if (
            "|" in lines[i]
            and i + 1 < len(lines)
            and _TABLE_SEPARATOR.match(lines[i + 1])
            and "|" in lines[i + 1]
        ):
            rows = [_cells(lines[i])]
            i += 2
            while i < len(lines) and "|" in lines[i] and lines[i].strip():
                rows.append(_cells(lines[i]))
                i += 1
            out.append(_table_as_code(rows))
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def split_markdown(markdown: str, limit: int) -> list[str]:
    """split_text for Markdown: a code block (a table) cut in two is closed and reopened, so neither
    part shows stray ``` or runs on as code."""
    parts = split_text(markdown, limit - 8)
    open_fence = False
    for i, part in enumerate(parts):
        if open_fence:
            part = "```\n" + part
        open_fence = len(re.findall(r"^```", part, flags=re.MULTILINE)) % 2 == 1
        parts[i] = part + "\n```" if open_fence else part
    return parts


_BROADCAST = re.compile(r"<!(channel|here|everyone)\b", re.IGNORECASE)


def no_broadcasts(text: str) -> str:
    """Text quoted from documents or written by an LLM never notifies a whole channel."""
    return _BROADCAST.sub(lambda m: "<\u200b!" + m.group(1), text)


_MARKUP = [
    (re.compile(r"^```.*$\n?", re.MULTILINE), ""),
    (re.compile(r"^#{1,6}\s+", re.MULTILINE), ""),
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"__(.+?)__"), r"\1"),
]


def plain_text(markdown: str, limit: int = FALLBACK_TEXT_LIMIT) -> str:
    """The message's plain `text` (notifications, screen readers, thread history): no Markdown marks."""
    text = markdown
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- blocks ---------------------------------------------------------------------------------------


def markdown_block(text: str) -> dict:
    return {"type": "markdown", "text": text}


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:SECTION_LIMIT]}}


def context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:CONTEXT_ELEMENT_LIMIT]}]}


def _link_url(url: str) -> str:
    """A URL that cannot end Slack's <url|text> link early."""
    return url.strip().replace(" ", "%20").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def source_line(c: Citation, numbers: list[int] | None = None) -> str:
    """"[n] title — diarienummer — date", the title linked when the source has a URL."""
    title = escape_mrkdwn(" ".join((c.title or c.source).split()))
    if c.url:
        title = f"<{_link_url(c.url)}|{title.replace('|', '¦')}>"
    label = ", ".join(str(n) for n in (numbers or [c.n]))
    parts = [f"[{label}] {title}"]
    if c.dnr:
        parts.append(escape_mrkdwn(c.dnr))
    if c.date:
        parts.append(escape_mrkdwn(c.date))
    return " — ".join(parts)


def source_lines(citations: list[Citation]) -> list[str]:
    """One line per document: citations of different passages of one document share a line ("[1, 3] …")."""
    groups: dict[tuple, list[Citation]] = {}
    for c in sorted(citations, key=lambda c: c.n):
        groups.setdefault((c.title or c.source, c.dnr, c.date, c.url), []).append(c)
    return [source_line(cs[0], [c.n for c in cs]) for cs in groups.values()]


def source_blocks(citations: list[Citation]) -> list[dict]:
    """The compact source list as section blocks of at most 3,000 characters each."""
    if not citations:
        return []
    body = texts.SOURCES_HEADING + "\n" + "\n".join(source_lines(citations))
    return [section(part) for part in split_text(body, SECTION_LIMIT)]


def feedback_block(question_id: str, mode: str = "") -> dict:
    return {
        "type": "context_actions",
        "elements": [
            {
                "type": "feedback_buttons",
                "action_id": FEEDBACK_ACTION,
                "positive_button": {
                    "text": {"type": "plain_text", "text": "👍"},
                    "value": f"up:{question_id}:{mode}",
                    "accessibility_label": "Bra svar",
                },
                "negative_button": {
                    "text": {"type": "plain_text", "text": "👎"},
                    "value": f"down:{question_id}:{mode}",
                    "accessibility_label": "Dåligt svar",
                },
            }
        ],
    }


def share_block(share_id: str) -> dict:
    return {
        "type": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": SHARE_ACTION,
                "text": {"type": "plain_text", "text": texts.SHARE_BUTTON},
                "value": share_id,
                "style": "primary",
            }
        ],
    }


def answer_body(answer: Answer) -> str:
    """The answer as Markdown for Slack, tables readable. (When nothing was found the engine's answer
    says so and suggests how to rephrase.)"""
    return no_broadcasts(tables_readable(answer.answer.strip()))


def answer_footer(answer: Answer, question_id: str, share_id: str | None = None) -> list[dict]:
    """What follows the answer text: a note, the sources, feedback buttons (and the share button)."""
    blocks: list[dict] = []
    if answer.note:
        blocks.append(context("⚠️ " + escape_mrkdwn(answer.note)))
    blocks.extend(source_blocks(answer.citations))
    blocks.append(feedback_block(question_id, answer.mode))
    if share_id:
        blocks.append(share_block(share_id))
    return blocks


def answer_messages(
    answer: Answer,
    *,
    question_id: str,
    show_question: bool = False,
    share_id: str | None = None,
    intro: str | None = None,
) -> list[Message]:
    """One message per ≤ 12,000 characters of answer text; the last one carries sources and buttons."""
    head: list[dict] = []
    if intro:
        head.append(section(intro))
    if show_question:
        head.append(section(f"*{texts.QUESTION_LABEL}:* " + escape_mrkdwn(plain_text(answer.question, 2900))))
    body = answer_body(answer)
    parts = split_markdown(body, MARKDOWN_LIMIT - 1000) or [""]
    footer = answer_footer(answer, question_id, share_id)
    messages: list[Message] = []
    for i, part in enumerate(parts):
        blocks = list(head) if i == 0 else []
        if part:
            blocks.append(markdown_block(part))
        if i == len(parts) - 1:
            blocks.extend(footer)
        messages.append(Message(text=plain_text(part or answer.answer), blocks=_cap_blocks(blocks)))
    return messages


def _cap_blocks(blocks: list[dict]) -> list[dict]:
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    # Only the source list can grow this long; keep the first blocks and the closing buttons.
    tail = [b for b in blocks[-2:] if b["type"] in ("context_actions", "actions")]
    return blocks[: MAX_BLOCKS - len(tail) - 1] + [context(texts.MORE_SOURCES)] + tail


def text_message(text: str) -> Message:
    """A short plain message (errors, declines, help) as a section block."""
    parts = split_text(text, SECTION_LIMIT)
    return Message(text=plain_text(text), blocks=[section(p) for p in parts[:MAX_BLOCKS]])


# --- drafts ---------------------------------------------------------------------------------------


_PLACEHOLDER = re.compile(r"\[ATT SKRIVA", re.IGNORECASE)


def draft_summary(draft: Draft, limit: int = 3500) -> str:
    """A short mrkdwn summary of a draft with its sources, for the message that carries the .docx.
    Within `limit` characters by whole lines: a source line is never cut in the middle of its link."""
    summary = texts.DRAFT_SUMMARY_SOURCES if draft.citations else texts.DRAFT_SUMMARY
    lines = [
        summary.format(
            title=escape_mrkdwn(draft.title), sections=len(draft.sections),
            sources=texts.count(texts.DRAFT_SOURCES, len(draft.citations)),
        )
    ]
    placeholders = sum(len(_PLACEHOLDER.findall(s.text)) for s in draft.sections)
    if placeholders:
        lines.append(texts.count(texts.DRAFT_PLACEHOLDERS, placeholders))
    if draft.mode == "template":
        lines.append(texts.DRAFT_TEMPLATE_MODE)
    if draft.note:
        lines.append("⚠️ " + escape_mrkdwn(draft.note))
    if not draft.citations:
        lines.append(texts.DRAFT_NO_SOURCES)
        return plain_text("\n".join(lines), limit)
    lines.append(texts.SOURCES_HEADING)
    sources = source_lines(draft.citations)
    room = limit - len("\n".join(lines)) - len(texts.MORE_SOURCES_IN_FILE) - 2
    shown = 0
    for line in sources:
        if len(line) + 1 > room:
            break
        lines.append(line)
        room -= len(line) + 1
        shown += 1
    if shown < len(sources):
        lines.append(texts.MORE_SOURCES_IN_FILE)
    return plain_text("\n".join(lines), limit)


def draft_filename(draft: Draft) -> str:
    stem = re.sub(r"[^\w\- ]+", "", draft.title, flags=re.UNICODE).strip().replace(" ", "_")[:60]
    return f"Utkast_{stem or 'tjansteutlatande'}.docx"
