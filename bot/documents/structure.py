"""Structure: split a file's pages into its documents (a meeting pack holds many) and each document into
sections under their headings.

The loaders hand over `RawDocument`: pages of lines (page numbers known or not) and file-level metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.documents import clean
from bot.documents.metadata import find_dnr
from bot.documents.model import Section

# --- what the loaders produce ---------------------------------------------------------------------------


@dataclass
class Page:
    number: int | None
    lines: list[str]


@dataclass
class RawDocument:
    pages: list[Page]
    meta: dict = field(default_factory=dict)  # front matter, DOCX core properties, PDF info
    kind: str = "txt"  # "txt", "md", "pdf", "docx"
    warnings: list[str] = field(default_factory=list)  # what the loader left out, in Swedish (Statement.warnings)


# --- headings -------------------------------------------------------------------------------------------

# Section headings of a statement (tjänsteutlåtande, yttrande, protokoll ...): whole-line matches.
KNOWN_HEADINGS = [
    r"Förslag till beslut(?: [^.]{0,60})?",
    r"Förslag till beslut på sammanträdet",
    r"Sammanfattning(?: av ärendet)?",
    r"Sammanfattande inställning",
    r"Beslutsunderlag",
    r"Underlag för beslut",
    r"Ärendet",
    r"Beskrivning av ärendet",
    r"Bakgrund",
    r"Ärendets beredning",
    r"Beredning",
    r"Förvaltningens (?:synpunkter|bedömning|förslag|kommentarer)",
    r"(?:Nämndens|Kommunens|Förvaltningens) inställning(?: i detalj)?",
    r"Bedömning",
    r"Konsekvenser(?: [^.]{0,40})?",
    r"Ekonomiska konsekvenser",
    r"Bilagor?(?: \d+)?(?::.*)?",
    r"Beslutet skickas till",
    r"Beslut",
    r"Beslutsgång",
    r"Yrkanden?",
    r"Reservation(?:er)?(?: [^.]{0,40})?",
    r"Protokollsanteckning(?:ar)?",
    r"Särskilt yttrande",
    r"Jäv",
    r"Propositionsordning",
    r"Omröstning(?:sresultat)?",
    r"Expediering",
    r"Syfte",
    r"Motivering",
    r"Uppdraget",
]
_KNOWN = re.compile(r"^(?:" + "|".join(KNOWN_HEADINGS) + r")\s*:?$", re.IGNORECASE)

# Labels that name the genre at the top of a document: they start a document in a pack and are dropped
# from the text (the type is kept as metadata).
_DOC_LABELS = {
    "TJÄNSTESKRIVELSE": "tjänsteutlåtande",
    "TJÄNSTEUTLÅTANDE": "tjänsteutlåtande",
    "YTTRANDE": "yttrande",
    "KALLELSE/UNDERRÄTTELSE": "kallelse",
    "KALLELSE": "kallelse",
    "PROTOKOLLSUTDRAG": "protokollsutdrag",
    "SAMMANTRÄDESPROTOKOLL": "protokoll",
    "PROTOKOLL": "protokoll",
    "MOTION": "motion",
    "INITIATIV": "initiativ",
    "SKRIVELSE": "skrivelse",
}
_LABEL_LINE = re.compile(
    r"^(?:[A-ZÅÄÖ ]+KOMMUN\s{2,})?(" + "|".join(sorted(_DOC_LABELS, key=len, reverse=True)) + r")\b",
)
_ALLCAPS_LINE = re.compile(r"^[A-ZÅÄÖ&/ \-]{4,}$")
_PARAGRAPH = re.compile(r"^§\s*(\d{1,4})\b\s*(?:(?:Dnr|DNR)\s*(\S.*))?$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BOLD_LINE = re.compile(r"^\*\*(.+?)\*\*:?$")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+[A-ZÅÄÖ]")
_DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,}|\s{6,})\s*\d{1,3}\s*$")


def is_known_heading(line: str) -> bool:
    return bool(_KNOWN.match(clean.tidy_line(line)))


def doc_label(line: str) -> str | None:
    """The genre a top-of-page label names ("TJÄNSTESKRIVELSE" -> "tjänsteutlåtande"; a line holding
    only "Tjänsteutlåtande" too)."""
    s = line.strip()
    m = _LABEL_LINE.match(s)
    if m:
        return _DOC_LABELS[m.group(1)]
    return _DOC_LABELS.get(s.upper()) if len(s) < 25 else None


_TRAILING_FUNCTION_WORD = re.compile(
    r"\b(att|och|som|för|i|på|av|med|till|om|de|en|ett|den|det|är|har|eller|samt|från|vid|under|mot)$", re.I
)
# A clause left open for what follows ("Vi vill därför" over a list of att-satser): the start of a
# sentence, never a heading.
_OPEN_CLAUSE = re.compile(
    r"\b(därför|dock|också|även|alltså|således|vill|ska|skall|bör|måste|föreslår|yrkar|anser|begär)$", re.I
)


_ORGAN_LINE = re.compile(
    r"^(Kommunfullmäktige|Kommunstyrelsen|Kommunstyrelsens arbetsutskott|Regionstyrelsen|Regionfullmäktige|"
    r"Nämnden för [\w &]+|[A-ZÅÄÖ][a-zåäö]+(?:nämnden|förvaltningen))$"
)
_NAME_WITH_PARTY = re.compile(r"\((?:S|M|SD|C|V|KD|L|MP)\)$")


def title_like(line: str, next_line: str | None) -> bool:
    """A short, title-like line that heads what follows (used for long documents' own headings)."""
    if len(line) > 160 or clean.is_columns(line):
        return False  # columns of a layout (addresses, headers), not a heading
    s = clean.tidy_line(line)
    if _TRAILING_FUNCTION_WORD.search(s) or _OPEN_CLAUSE.search(s):
        return False
    if not (3 <= len(s) <= 80) or len(s.split()) > 10:
        return False
    if s.startswith(clean.BULLET) or s[0] in "-–(\"”»[|" or " | " in s:
        return False
    if re.search(r"[.,;!?…]$", s) or (s.endswith(":") and len(s.split()) > 1):
        return False
    if not (s[0].isupper() or _NUMBERED_HEADING.match(s)):
        return False
    if _ALLCAPS_LINE.match(s) or re.search(r"\d{4}-\d{2}-\d{2}|https?:|www\.|@", s):
        return False
    if sum(ch.isdigit() for ch in s) > len(s) / 3:
        return False
    from bot.documents.metadata import PARTY_NAMES, is_person_name, is_role

    if is_person_name(s) and (is_role(next_line or "") or (next_line or "").strip().lower() in PARTY_NAMES):
        return False  # a signature: name over role or party
    if _ORGAN_LINE.match(s) or _NAME_WITH_PARTY.search(s) or clean.is_key_value(s):
        return False
    if next_line is None:
        return False
    nxt = next_line.strip()
    return bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit() or nxt.startswith(clean.BULLET) or nxt[0] in "-–")


# --- splitting a file into documents --------------------------------------------------------------------


@dataclass
class Part:
    """One document's pages within a file, with the genre its first page announces."""

    pages: list[Page]
    label: str | None = None  # doc type from the label on its first page


def _top(lines: list[str], n: int = 3) -> list[str]:
    return [ln for ln in lines if ln.strip()][:n]


def _page_numbers(lines: list[str]) -> tuple[int, int] | None:
    nonblank = [ln for ln in lines if ln.strip()]
    for ln in nonblank[:4] + nonblank[-12:]:
        found = clean.page_of(ln)
        if found:
            return found
    return None


_SIGNING_RECEIPT = re.compile(r"Undertecknat\s+av|är\s+signerat\s+av|Underskriftstjänst|Transaktionsidentitet", re.I)
_END_MARKERS = re.compile(
    r"^(Expedierat/bestyrkt|Det här dokumentet är digitalt signerat|Transaktionsidentitet)", re.I
)


def _page_start(page: Page) -> str | None:
    """The genre a page opens with, if it starts a new document."""
    for line in _top(page.lines, 2):
        label = doc_label(line)
        if label:
            return label
    return None


def split_at_labels(pages: list[Page]) -> list[Page]:
    """Pages of a file that has no page structure of its own (DOCX) cut where a document begins: at a
    genre label ("TJÄNSTESKRIVELSE", "PROTOKOLLSUTDRAG", "Yttrande" …) followed by a document head (a
    date or a diarienummer within its next lines), so that split_parts finds the documents of a pack."""
    out: list[Page] = []
    for page in pages:
        current: list[str] = []
        for i, line in enumerate(page.lines):
            if any(ln.strip() for ln in current) and _starts_document(page.lines, i):
                out.append(Page(number=page.number, lines=current))
                current = []
            current.append(line)
        out.append(Page(number=page.number, lines=current))
    return out


_ISO_DATE = re.compile(r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b")


def _starts_document(lines: list[str], i: int) -> bool:
    """A genre label with a head under it: a date or diarienummer in its next few lines, before any other
    label ("Yttrande" over a paragraph of a protokoll is a heading)."""
    if not doc_label(lines[i]):
        return False
    from bot.documents.metadata import find_dnr

    head = [ln for ln in lines[i + 1: i + 30] if ln.strip()][:6]
    for line in head:
        if doc_label(line):
            return False
        if _ISO_DATE.search(line) or find_dnr(line):
            return True
    return False


def split_parts(pages: list[Page], file_type: str | None) -> list[Part]:
    """Split a meeting pack into its documents.

    A page starts a new document when it opens with a genre label (TJÄNSTESKRIVELSE, YTTRANDE,
    KALLELSE, PROTOKOLLSUTDRAG, a SAMMANTRÄDESPROTOKOLL page with its own §), or when the document
    before it is complete (its last page was "N (N)", or it ended with "Expedierat/bestyrkt" or a
    signing stamp) and the page is not a continuation ("2 (3)"). A protokoll file stays one document.
    """
    if file_type == "protokoll" or len(pages) <= 1:
        return [Part(pages=list(pages), label=_page_start(pages[0]) if pages else None)]
    parts: list[Part] = []
    complete = False
    for page in pages:
        label = _page_start(page)
        numbering = _page_numbers(page.lines)
        continuation = numbering is not None and numbering[0] > 1
        if label in ("protokoll", "protokollsutdrag") and parts:
            # Continuation pages of an extract repeat the header; a new extract carries its own §.
            has_paragraph = any(_PARAGRAPH.match(clean.tidy_line(ln)) for ln in page.lines[:12])
            if not has_paragraph and not complete and not continuation:
                label = None
            elif not has_paragraph and parts[-1].label in ("protokoll", "protokollsutdrag"):
                label = None
                continuation = True
        starts = bool(label) and not continuation
        if not parts:
            parts.append(Part(pages=[page], label=label))
        elif starts or (complete and not continuation and any(ln.strip() for ln in page.lines)):
            parts.append(Part(pages=[page], label=label))
        else:
            parts[-1].pages.append(page)
        nonblank = [ln.strip() for ln in page.lines if ln.strip()]
        complete = bool(
            (numbering and numbering[0] == numbering[1])
            or any(_END_MARKERS.match(ln) for ln in nonblank[-4:])
        )
    # A tiny leftover page (a cover note, a routing slip) or an e-signing receipt belongs with the
    # document before it.
    merged: list[Part] = []
    for part in parts:
        text = " ".join(ln for p in part.pages for ln in p.lines).strip()
        if merged and not part.label and (len(text) < 120 or _SIGNING_RECEIPT.search(text[:300])):
            merged[-1].pages.extend(part.pages)
        else:
            merged.append(part)
    return merged


# --- lines of a document and their sections -------------------------------------------------------------


@dataclass
class Line:
    text: str
    page: int | None


def is_signing_receipt(lines: list[str]) -> bool:
    """The e-signing service's receipt page ("Undertecknat av följande personer", transaction ids)."""
    top = " ".join(clean.tidy_line(ln) for ln in lines if ln.strip())[:200]
    return bool(re.match(r"^(Undertecknat av|Dokumentet är signerat)", top))


def is_toc_page(lines: list[str]) -> bool:
    """A table of contents: "Innehåll"/"Innehållsförteckning" and lines ending in page numbers."""
    nonblank = [ln.strip() for ln in lines if ln.strip()]
    has_title = any(re.match(r"^Innehåll(sförteckning)?$", ln, re.I) for ln in nonblank[:6])
    leaders = sum(1 for ln in nonblank if _DOT_LEADER.search(ln))
    return has_title and leaders >= 3


def sections_from_lines(lines: list[Line], *, protokoll: bool = False, own_headings: bool = True) -> list[Section]:
    """Group lines under their headings and re-flow each group into paragraphs.

    Headings: Markdown "#" lines and whole-line bold, known statement headings (Förslag till beslut,
    Sammanfattning, Beslutsunderlag, ...), and short title-like lines in longer documents. In a
    protokoll every "§ N" starts a section headed "§ N <ärende>", and the known headings inside it stay
    in the text as their own paragraphs, and its "Dnr …" is the section's dnr. `own_headings=False` (a
    kallelse) uses only explicit headings.
    """
    groups: list[tuple[str | None, list[Line]]] = [(None, [])]
    dnrs: dict[int, str] = {}  # group index -> the diarienummer of a protokoll's §
    n = len(lines)
    next_text: list[str | None] = [None] * (n + 1)
    for k in range(n - 1, -1, -1):  # the next non-blank line after k
        next_text[k] = lines[k + 1].text if k + 1 < n and lines[k + 1].text.strip() else next_text[k + 1]
    width = clean.line_width([ln.text for ln in lines])
    i = 0
    while i < n:
        text = lines[i].text
        s = clean.tidy_line(text)
        nxt = next_text[i]
        prev_blank = i == 0 or not lines[i - 1].text.strip() or lines[i - 1].page != lines[i].page
        if not prev_blank and width and len(s) < 0.7 * width:
            # PDF text has no blank lines: after a finished sentence a short line may still be a heading.
            prev_blank = bool(re.search(r"[.!?]$", lines[i - 1].text.strip()))
        m_par = _PARAGRAPH.match(s) if protokoll else None
        if m_par:
            title_lines = []
            j = i + 1
            while j < n and lines[j].text.strip() and len(title_lines) < 4:
                t = clean.tidy_line(lines[j].text)
                if is_known_heading(t):
                    break
                title_lines.append(t)
                j += 1
            title = title_lines[0] if title_lines else ""
            for t in title_lines[1:]:
                title = clean.join_two(title, t)
            heading = f"§ {m_par.group(1)} {title}".strip()
            if m_par.group(2) and (dnr := find_dnr(f"Dnr {m_par.group(2)}")):
                dnrs[len(groups)] = dnr
            groups.append((heading, [Line("", lines[i].page)]))
            i = j
            continue
        heading = None
        md = _MD_HEADING.match(s) or _BOLD_LINE.match(s)
        if md and len(md.group(1)) > 150:
            groups[-1][1].append(Line(md.group(1).strip("* "), lines[i].page))  # bold text, not a heading
            i += 1
            continue
        if md:
            heading = md.group(1).strip().strip("*").strip()
        elif is_known_heading(s) and not protokoll:
            heading = s.rstrip(":").strip()
        elif is_known_heading(s) and protokoll:
            groups[-1][1].extend([Line("", lines[i].page), Line(s, lines[i].page), Line("", lines[i].page)])
            i += 1
            continue
        elif own_headings and prev_blank and title_like(text, nxt) and not protokoll:
            heading = s
            # "Prioritering:" + next line form one heading.
            if s.endswith(":") and nxt is not None:
                j = i + 1
                while j < n and not lines[j].text.strip():
                    j += 1
                heading = f"{s} {clean.tidy_line(lines[j].text)}"
                i = j
        if heading:
            groups.append((heading, [Line("", lines[i].page)]))
        else:
            groups[-1][1].append(lines[i])
        i += 1

    sections: list[Section] = []
    for index, (heading, group) in enumerate(groups):
        paragraphs = clean.reflow([ln.text for ln in group], width)
        pages = [ln.page for ln in group if ln.page is not None and ln.text.strip()]
        if not pages:
            pages = [ln.page for ln in group if ln.page is not None]
        text = "\n\n".join(paragraphs).strip()
        if not text and heading is None:
            continue
        sections.append(
            Section(heading=heading, text=text, page_start=min(pages) if pages else None,
                    page_end=max(pages) if pages else None, dnr=dnrs.get(index))
        )
    return _merge_heading_runs(sections)


def _merge_heading_runs(sections: list[Section]) -> list[Section]:
    """A title-like heading followed directly by another heading is a two-level heading: join them
    ("Strategiskt utvecklingsområde" + "Ett fritt konst- och kulturliv"). Two levels at most."""
    out: list[Section] = []
    merged: set[int] = set()  # indexes in `out` that are already two-level
    for sec in sections:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.text
            and prev.heading
            and sec.heading
            and not is_known_heading(prev.heading)
            and not is_known_heading(sec.heading)
            and not prev.heading.startswith("§")
            and len(out) - 1 not in merged
            and len(prev.heading) + len(sec.heading) <= 120
        ):
            out.pop()
            joiner = " " if prev.heading.endswith(":") else ": "
            sec = Section(
                heading=f"{prev.heading}{joiner}{sec.heading}",
                text=sec.text,
                page_start=prev.page_start if prev.page_start is not None else sec.page_start,
                page_end=sec.page_end,
                dnr=sec.dnr,
            )
            merged.add(len(out))
        out.append(sec)
    return out
