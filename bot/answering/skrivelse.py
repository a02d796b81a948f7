"""Reading the incoming skrivelse, motion or initiativ a tjänsteutlåtande answers.

Who wrote it (names and parties), its date and diarienummer (H1's metadata functions), its kind, its
subject, and each proposal: the att-satser ("Vi vill därför / - att ge förvaltningen i uppdrag ...").
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.answering.model import Skrivelse
from bot.answering.sentences import MARKUP_COMMENT
from bot.documents import Person, Statement, read_document, read_text
from bot.documents.metadata import (
    PARTY_NAMES, find_authors, find_date, find_dnr, find_people, find_signatories, is_person_name,
)

KINDS = ("motion", "initiativ", "skrivelse")
KIND_FORMS = {  # indefinite, definite
    "skrivelse": ("en skrivelse", "skrivelsen"),
    "motion": ("en motion", "motionen"),
    "initiativ": ("ett initiativ", "initiativet"),
}

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_MARKDOWN = re.compile(r"\A---\n|^#{1,6}\s|<!--", re.MULTILINE)  # pasted text that is Markdown
_ATT_LINE = re.compile(r"^\s*(?:[-•*–]\s*|\d+[.)]\s*)?att\s+(\S.*)$", re.IGNORECASE)
_INLINE_PROPOSAL = re.compile(
    r"\b(?:föreslår|yrkar|hemställer|vill)\s+(?:vi|jag)?\s*(?:därför\s+|följande\s*:?\s*)?(?:nämnden\s+besluta\s+)?"
    r"att\s+(.+?)(?:\.\s|\.$|\n\n)",
    re.IGNORECASE | re.DOTALL,
)
_SUBJECT_AFTER_OM = re.compile(r"\bom\s+(.+)$", re.IGNORECASE)
_SUBJECT_AFTER_KIND = re.compile(
    r"^(?:skrivelse|motion|initiativ)(?:\s+(?:från|av)\s+[^,:]+?)?\s*[,:–-]\s*(.+)$", re.IGNORECASE
)


def read_skrivelse(path: str | Path) -> Skrivelse:
    """Read a skrivelse file (.pdf, .docx, .txt, .md). Raises UnreadableDocument."""
    path = Path(path)
    statements = read_document(path, path.name)
    return from_statements(statements)


def read_pasted(text: str) -> Skrivelse:
    """Read a skrivelse given as text (Slack /utkast, `kansli draft -`) the way a file is read.
    Raises UnreadableDocument when there is no text."""
    return from_statements(read_text(text, "skrivelse.md" if _MARKDOWN.search(text) else "skrivelse.txt"))


def from_statements(statements: list[Statement]) -> Skrivelse:
    # In a file with several documents, the skrivelse itself is the first of its kind.
    chosen = [s for s in statements if s.doc_type in KINDS][:1] or statements
    text = "\n\n".join(s.text for s in chosen)
    first = chosen[0] if chosen else None
    if first is not None and first.title and first.title.rstrip(" .") not in text[:300]:
        text = f"{first.title}\n\n{text}"  # the reader keeps the title as metadata, not as text
    sk = parse_skrivelse(text)
    if first is not None:
        if first.doc_type in KINDS:
            sk.kind = first.doc_type
        sk.dnr = first.dnr or sk.dnr
        sk.date = first.date or sk.date
        sk.authors = _merged(first.authors, sk.authors)
    return sk


def parse_skrivelse(text: str) -> Skrivelse:
    """Everything Kansli can tell from the text of a skrivelse alone."""
    text = MARKUP_COMMENT.sub("", _FRONT_MATTER.sub("", text.replace("\r\n", "\n"))).strip()
    title = _title(text)
    return Skrivelse(
        text=text,
        kind=_kind(title or "", text),
        title=title,
        subject=_subject(title) if title else None,
        authors=_authors(text),
        date=find_date(text),
        dnr=find_dnr(text),
        proposals=proposals(text),
    )


def _title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if not line or re.fullmatch(r"[\d\s()./:-]+", line) or len(line) > 200:
            continue
        if re.match(r"^(datum|diarienummer|dnr)\b", line, re.IGNORECASE):
            continue
        return line.rstrip(" .")
    return None


def _kind(title: str, text: str) -> str:
    for where in (title, text[:400]):
        low = where.lower()
        hits = [(low.find(k), k) for k in KINDS if re.search(rf"\b{k}", low)]
        if hits:
            return min(hits)[1]
    return "skrivelse"


def _subject(title: str) -> str | None:
    m = _SUBJECT_AFTER_OM.search(title)
    if m:
        return m.group(1).strip(" .")
    m = _SUBJECT_AFTER_KIND.match(title)
    if m:
        subject = m.group(1).strip(" .")
        return subject[:1].lower() + subject[1:] if subject[1:2].islower() else subject
    return None


def _authors(text: str) -> list[Person]:
    """The authors named in the text, and every signer with a party ("Anna Andersson (S)" lines)."""
    authors = find_authors(text) or [p for p in find_signatories(text) if p.party]
    signers = [p for line in text.splitlines() if _is_people_line(line) for p in find_people(line)]
    return _merged(authors, signers)


def _merged(first: list[Person], more: list[Person]) -> list[Person]:
    out = list(first)
    for p in more:
        if all(p.name != q.name for q in out):
            out.append(p)
    return out


def proposals(text: str) -> list[str]:
    """Each att-sats, without its leading "att", whitespace collapsed, in order."""
    found: list[str] = []
    current: list[str] | None = None
    for line in text.splitlines():
        m = _ATT_LINE.match(line)
        if m and _proposal_context(found, current, text, line):
            if current:
                found.append(" ".join(current))
            current = [m.group(1).strip()]
        elif current is not None:
            if not line.strip() or is_signature(line):
                found.append(" ".join(current))
                current = None
            else:
                current.append(line.strip())
    if current:
        found.append(" ".join(current))
    if not found:
        found = [" ".join(m.group(1).split()) for m in _INLINE_PROPOSAL.finditer(text)]
    # Att-satser that re-flowing ran together into one line: "… om kultur, att förvaltningen …".
    found = [part for p in found for part in _NEXT_ATT.split(p)]
    return [_tidy(p) for p in found if len(p.split()) >= 3]


_NEXT_ATT = re.compile(r"[,;]\s*(?:samt\s+|och\s+)?att\s+")


def _proposal_context(found, current, text: str, line: str) -> bool:
    """An "att ..." line is a proposal when it follows a proposing phrase or another att-sats."""
    if found or current:
        return True
    before = text[: text.find(line)][-200:].lower()
    return bool(re.search(r"(vill|föreslår|yrkar|hemställer|föreslås|begär)\b[^.]*$", before)) or "att-sats" in before


def is_signature(line: str) -> bool:
    """A line of a signature block: names ("Helene Engstrand  Annika Hedman"), party names
    ("Kristdemokraterna Centerpartiet") or people with their party ("Anna Andersson (S) Erik Eriksson (V)")."""
    cols = [c for c in re.split(r"\s{2,}", line.strip()) if c]
    words = line.split()
    return (bool(cols) and all(is_person_name(c) for c in cols)) or (
        bool(words) and all(w.lower() in PARTY_NAMES for w in words)
    ) or _is_people_line(line)


def _is_people_line(line: str) -> bool:
    """Only people with a party in parentheses, apart from commas and "och"."""
    rest = line
    for p in find_people(line):
        rest = re.sub(rf"{re.escape(p.name)}\s*\(\s*{re.escape(p.party)}\s*\)", " ", rest)
    return rest != line and re.fullmatch(r"[\s,]*(?:(?:och|samt)[\s,]+)*", rest + " ") is not None


_DANGLING = re.compile(r"[\s,;]+(?:samt|och)$", re.IGNORECASE)


def _tidy(p: str) -> str:
    """Whitespace collapsed, a full stop at the end, no "samt" or "och" left over from the next att-sats."""
    p = _DANGLING.sub("", " ".join(p.split()).rstrip(" ,;.")).rstrip(" ,;")
    return p + "."


def authors_phrase(authors: list[Person]) -> str | None:
    """"Ann Mari Engel (V), Tomas Rudin (S) och Mats Berglund (MP)"."""
    names = [p.label() for p in authors]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]


def whole_query(sk: Skrivelse) -> str:
    """The skrivelse as one retrieval query: subject and proposals first, then the text."""
    head = " ".join(x for x in (sk.subject or sk.title, *sk.proposals) if x)
    return f"{head}\n\n{sk.text}" if head else sk.text
