"""What the compose step produces: answers with citations, and drafts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Citation:
    n: int
    source: str
    quote: str  # text that stands in that source
    title: str | None = None
    dnr: str | None = None
    date: str | None = None
    section: str | None = None
    url: str | None = None
    page_start: int | None = None
    page_end: int | None = None

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "dnr": self.dnr,
            "date": self.date,
            "section": self.section,
            "quote": self.quote,
        }


@dataclass
class Turn:
    """One earlier turn of a conversation (a Slack thread): role is "user" or "assistant"."""

    role: str
    text: str


@dataclass
class Answer:
    question: str
    answer: str  # Swedish, with [n] markers
    mode: str  # "extractive" | "llm"
    citations: list[Citation] = field(default_factory=list)
    found: bool = True  # False: nothing relevant was found (answer says so plainly)
    note: str | None = None  # one-line note to the person, e.g. the LLM was unavailable
    unverified: bool = False  # LLM answer with no valid citation
    invalid_citations: int = 0  # [n] markers removed because n was not a given source
    prompt_version: str | None = None

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "mode": self.mode,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass
class Skrivelse:
    """The incoming document a tjänsteutlåtande answers (skrivelse, motion or initiativ)."""

    text: str
    kind: str = "skrivelse"  # "skrivelse" | "motion" | "initiativ"
    subject: str | None = None  # "Stockholmsregionen och samverkansmodellen"
    title: str | None = None
    authors: list = field(default_factory=list)  # list[bot.documents.Person]
    date: str | None = None
    dnr: str | None = None
    proposals: list[str] = field(default_factory=list)  # each att-sats / yrkande


@dataclass
class DraftSection:
    heading: str
    text: str  # Markdown-light: paragraphs, "- " bullets, [n] citations, [ATT SKRIVA: …] placeholders


@dataclass
class Draft:
    title: str  # "Svar på skrivelse om …"
    skrivelse: Skrivelse
    sections: list[DraftSection]
    citations: list[Citation]
    mode: str  # "template" | "llm"
    note: str | None = None
    prompt_version: str | None = None
    dnr: str | None = None
    date: str | None = None  # the draft's date (today)
