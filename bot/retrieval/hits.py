"""What a search returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass

JSON_FIELDS = ("source", "title", "dnr", "date", "doc_type", "section", "page_start", "page_end", "score", "text")


@dataclass
class Hit:
    chunk_id: str
    source: str
    text: str
    score: float
    title: str | None = None
    dnr: str | None = None
    date: str | None = None
    doc_type: str | None = None
    organisation: str | None = None
    url: str | None = None
    section: str | None = None
    page_start: int | None = None
    page_end: int | None = None
    part: int = 0
    # Who is behind the proposal the document is or answers (a skrivelse, motion or initiativ; with party)
    # and who signed the document (with role), one line each: "Ann Mari Engel (V), Tomas Rudin (S)".
    # Metadata of the document (the reader takes signature blocks out of the text), for the LLM.
    authors: str | None = None
    signatories: str | None = None
    # How well the passage matches the question, 0..1, and whether that is enough to count as found
    # (see bot/retrieval/relevance.py). Set by Searcher.search; a hit built elsewhere counts as relevant.
    relevance: float | None = None
    relevant: bool = True

    def to_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in JSON_FIELDS}


@dataclass
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    doc_types: tuple[str, ...] = ()
    dnr: str | None = None
    organisation: str | None = None  # case-insensitive substring
    source_prefix: str | None = None  # a "collection": sources under this folder

    def is_empty(self) -> bool:
        return not any((self.year_from, self.year_to, self.doc_types, self.dnr, self.organisation, self.source_prefix))
