"""Token-bounded, section-aware chunks. A chunk never crosses two statements."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Chunk:
    id: str  # stable, derived from the file key, statement part and ordinal
    source: str
    part: int
    ordinal: int  # position within the statement
    text: str  # the passage itself, as shown and quoted
    title: str | None = None
    dnr: str | None = None
    date: str | None = None
    doc_type: str | None = None
    organisation: str | None = None
    url: str | None = None
    section: str | None = None
    page_start: int | None = None
    page_end: int | None = None

    @property
    def context_text(self) -> str:
        """What is embedded and BM25-indexed: title and section heading as context, then the passage."""
        head = " — ".join(x for x in (self.title, self.section) if x)
        return f"{head}\n\n{self.text}" if head else self.text
