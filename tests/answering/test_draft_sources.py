"""Sources as drafts and terminal answers list them: pages as one page or a range, said the same way everywhere."""

from __future__ import annotations

from bot.answering.model import Citation
from bot.answering.render import source_entry, source_line


def _cite(start, end) -> Citation:
    return Citation(n=1, source="handlingar.md", quote="…", title="Kallelse", section="Ärendet",
                    page_start=start, page_end=end)


def test_pages_are_one_page_or_a_range():
    assert source_line(_cite(14, 15)) == "Kallelse, handlingar.md (Ärendet, s. 14–15)"
    assert source_line(_cite(14, 14)) == "Kallelse, handlingar.md (Ärendet, s. 14)"
    assert source_line(_cite(None, None)) == "Kallelse, handlingar.md (Ärendet)"
    assert "    Avsnitt: Ärendet, sidorna 14–15" in source_entry(_cite(14, 15))
    assert "    Avsnitt: Ärendet, sidan 14" in source_entry(_cite(14, None))
