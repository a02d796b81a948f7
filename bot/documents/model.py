"""What the read step produces: statements (one official document each) and their sections."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Person:
    name: str
    party: str | None = None  # "(V)", "(S)" ... stored without parentheses: "V", "S"
    role: str | None = None  # "Kulturdirektör", "ordförande" ...

    def label(self) -> str:
        """The name with party, else role: "Ann Mari Engel (V)", "Berit Svedberg (Kulturdirektör)"."""
        return f"{self.name} ({self.party or self.role})" if self.party or self.role else self.name


@dataclass
class Section:
    heading: str | None  # "Förslag till beslut", "Ärendet", ... None for text before the first heading
    text: str  # cleaned, re-flowed paragraphs separated by "\n\n"
    page_start: int | None = None
    page_end: int | None = None
    dnr: str | None = None  # the ärende's own diarienummer, when the section is one (a protokoll's "§ 63 Dnr …")


@dataclass
class Statement:
    """One document: a tjänsteutlåtande, yttrande, initiativ, motion, protokoll, article ...

    A file may hold many (a meeting pack); `part` numbers them within the file from 0.
    """

    source: str  # path relative to the indexed root (a file given directly: its name)
    part: int = 0
    title: str | None = None
    dnr: str | None = None  # "6.1/1085/2013", "KFT-2023-00356", "SOU 2023:58", "Dir. 2022:103"
    date: str | None = None  # ISO "YYYY-MM-DD"
    doc_type: str | None = None  # see DOC_TYPES
    organisation: str | None = None  # "Stockholms stad, kulturförvaltningen", "Kungsbacka kommun ..."
    authors: list[Person] = field(default_factory=list)  # who wrote the skrivelse/motion/initiativ
    signatories: list[Person] = field(default_factory=list)  # who signed (with role)
    url: str | None = None
    sections: list[Section] = field(default_factory=list)
    page_start: int | None = None
    page_end: int | None = None
    # What the reader left out or could not use, as short Swedish notes for the person ("Sida 3 kunde inte
    # läsas …"): a file's notes stand on its first statement.
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        parts = []
        for s in self.sections:
            parts.append(f"{s.heading}\n\n{s.text}" if s.heading else s.text)
        return "\n\n".join(p for p in parts if p.strip())


# Canonical document types (lower case Swedish). Loaders map what they find onto these.
DOC_TYPES = (
    "tjänsteutlåtande",  # incl. Kungsbacka "tjänsteskrivelse"
    "yttrande",
    "skrivelse",
    "initiativ",
    "motion",
    "protokoll",
    "protokollsutdrag",
    "kallelse",
    "handlingar",  # a meeting pack part that is none of the above (agenda, cover pages)
    "kulturplan",
    "rapport",
    "direktiv",  # "Dir. 2022:103"
    "sou",  # "SOU 2023:58"
    "pressmeddelande",
    "artikel",
    "dokument",  # anything else
    # added by the read step for regeringen.se folders:
    "promemoria",  # "Ds 2019:5", faktapromemoria
    "proposition",
    "lagrådsremiss",
    "regeringsuppdrag",
    "remiss",
    "tal",
)


class UnreadableDocument(Exception):
    """A file that cannot be read: the message is a short, plain reason in Swedish for the person."""
