"""The DOCX draft as Word shows it: who made it, when, and in which language Word checks the spelling."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from docx import Document
from docx.oxml.ns import qn

from bot.answering.draft import template_draft
from bot.answering.render import render_docx
from bot.answering.skrivelse import parse_skrivelse

SKRIVELSE = """Skrivelse om fler mötesplatser för unga

Vi föreslår därför
att förvaltningen tar fram förslag på trygga mötesplatser för unga.

Anna Andersson (S)
"""


def test_docx_properties_name_kansli_today_and_swedish():
    doc = Document(io.BytesIO(render_docx(template_draft(parse_skrivelse(SKRIVELSE), lambda q, k: []))))
    props = doc.core_properties
    assert props.author == "Kansli" and props.last_modified_by == "Kansli"
    assert "python-docx" not in (props.comments or "")
    now = datetime.now(timezone.utc)
    assert abs(props.created - now) < timedelta(hours=1) and abs(props.modified - now) < timedelta(hours=1)
    [lang] = doc.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    assert lang.get(qn("w:val")) == "sv-SE"  # Word spell-checks the draft as Swedish
    assert props.language == "sv-SE"
