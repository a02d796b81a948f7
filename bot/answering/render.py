"""Drafts as Markdown (terminal, Slack) and as DOCX (python-docx: real heading styles, editable in Word)."""

from __future__ import annotations

import io
import re
import textwrap
from datetime import datetime, timezone

from bot.answering.model import Answer, Citation, Draft

UTKAST = "UTKAST – granska och bearbeta innan texten används"
SOURCES_HEADING = "Källor"
DOCX_AUTHOR = "Kansli"
DOCX_LANGUAGE = "sv-SE"  # Word checks spelling in the document's default language


def page_range(start: int | None, end: int | None) -> str | None:
    """"14", or "14–15" for pages 14 to 15; None without a page."""
    if not start:
        return None
    return f"{start}–{end}" if end and end != start else str(start)


def source_line(c: Citation) -> str:
    """"Title, dnr X, 2024-01-11, fil.md (Sammanfattning, s. 14–15)"."""
    parts = [c.title or "Okänd titel"]
    if c.dnr:
        parts.append(f"dnr {c.dnr}")
    if c.date:
        parts.append(c.date)
    parts.append(c.source)
    where = [c.section] if c.section else []
    if pages := page_range(c.page_start, c.page_end):
        where.append(f"s. {pages}")
    line = ", ".join(parts)
    return f"{line} ({', '.join(where)})" if where else line


def source_entry(c: Citation) -> list[str]:
    """A source as a few lines for the terminal: title; dnr and date; file; section and pages; web address."""
    lines = [f"[{c.n}] {c.title or 'Okänd titel'}"]
    dated = ", ".join(x for x in (f"diarienummer {c.dnr}" if c.dnr else "", f"datum {c.date}" if c.date else "") if x)
    where = [f"avsnitt: {c.section}"] if c.section else []
    if pages := page_range(c.page_start, c.page_end):
        where.append(f"sidorna {pages}" if "–" in pages else f"sidan {pages}")
    for extra in (dated, f"fil: {c.source}", ", ".join(where), f"webb: {c.url}" if c.url else ""):
        if extra:
            lines.append(f"    {extra[:1].upper()}{extra[1:]}")
    return lines


def render_answer_text(answer: Answer, width: int = 100) -> str:
    """An answer for the terminal: the text wrapped at `width` (bullets with a hanging indent), a note
    when there is one, and the sources, one short block each."""
    out: list[str] = []
    for line in answer.answer.splitlines():
        bullet = re.match(r"^\s*(?:[•*–-]|\d+[.)])\s+", line)
        indent = " " * (len(bullet.group(0)) if bullet else 0)
        out += textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False,
                             break_on_hyphens=False) or [""]
    if answer.note:
        out += ["", *textwrap.wrap(f"Obs! {answer.note}", width)]
    if answer.citations:
        out += ["", "Källor:"]
        for c in answer.citations:
            out += source_entry(c)
    return "\n".join(out).rstrip() + "\n"


def _fields(draft: Draft) -> list[str]:
    return [f"Diarienummer: {draft.dnr or '[ATT SKRIVA: diarienummer]'}", f"Datum: {draft.date or '[ATT SKRIVA: datum]'}"]


def render_markdown(draft: Draft) -> str:
    out = [f"**{UTKAST}**", ""]
    if draft.note:
        out += [f"_Obs: {draft.note}_", ""]
    out += [f"# {draft.title}", "", "  \n".join(_fields(draft)), ""]
    for s in draft.sections:
        out += [f"## {s.heading}", "", s.text.strip(), ""]
    if draft.citations:
        out += [f"## {SOURCES_HEADING}", ""]
        out += [f"[{c.n}] {source_line(c)}" + "  " for c in draft.citations]
        out.append("")
    return "\n".join(out).rstrip() + "\n"




def render_docx(draft: Draft) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    doc = Document()
    _describe(doc, draft)

    header = doc.sections[0].header.paragraphs[0]
    header.text = "UTKAST"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.runs[0].bold = True

    marker = doc.add_paragraph()
    run = marker.add_run(UTKAST)
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    if draft.note:
        doc.add_paragraph().add_run(f"Obs: {draft.note}").italic = True

    doc.add_heading(draft.title, level=1)
    table = doc.add_table(rows=2, cols=2)
    for row, field in zip(table.rows, _fields(draft)):
        label, value = field.split(": ", 1)
        row.cells[0].text = label
        row.cells[1].text = value

    for s in draft.sections:
        doc.add_heading(s.heading, level=2)
        _add_body(doc, s.text)

    if draft.citations:
        doc.add_heading(SOURCES_HEADING, level=2)
        for c in draft.citations:
            p = doc.add_paragraph(f"[{c.n}] {source_line(c)}")
            p.add_run(f"\n”{c.quote}”").italic = True

    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _describe(doc, draft: Draft) -> None:
    """The document's properties (not python-docx's template's: its author, its 2013 date, US English)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = doc.core_properties
    props.title = draft.title
    props.subject = "Utkast till tjänsteutlåtande"
    props.keywords = "UTKAST"
    props.author = props.last_modified_by = DOCX_AUTHOR
    props.comments = f"Utkast skrivet av {DOCX_AUTHOR}"
    props.language = DOCX_LANGUAGE
    props.created = props.modified = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    props.revision = 1
    defaults = doc.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr")
    if defaults:
        lang = defaults[0].find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            defaults[0].append(lang)
        lang.set(qn("w:val"), DOCX_LANGUAGE)
    for theme_lang in doc.settings.element.xpath("w:themeFontLang"):
        theme_lang.set(qn("w:val"), DOCX_LANGUAGE)


def _add_body(doc, text: str) -> None:
    """Markdown-light: paragraphs, "- " bullets, "> " quotes."""
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("- ") for ln in lines):
            for ln in lines:
                doc.add_paragraph(ln.lstrip()[2:].strip(), style="List Bullet")
        elif lines and all(ln.lstrip().startswith(">") for ln in lines):
            for ln in lines:
                doc.add_paragraph(ln.lstrip()[1:].strip(), style="Quote")
        elif lines:
            doc.add_paragraph(" ".join(ln.strip() for ln in lines))
