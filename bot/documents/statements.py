"""Assemble statements: split a RawDocument into its documents, find each one's metadata, clean its
lines and group them into sections."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from bot.documents import clean, metadata
from bot.documents.model import Person, Section, Statement
from bot.documents.sidecar import sidecar_record, sidecar_root
from bot.documents.structure import (
    Line,
    Part,
    RawDocument,
    doc_label,
    is_known_heading,
    is_signing_receipt,
    is_toc_page,
    sections_from_lines,
    split_at_labels,
    split_parts,
)

# Folder names (regeringen.se and similar exports) -> DOC_TYPES.
FOLDER_TYPES = {
    "artiklar": "artikel",
    "debattartiklar": "artikel",
    "pressmeddelanden": "pressmeddelande",
    "kommittedirektiv": "direktiv",
    "statens-offentliga-utredningar": "sou",
    "departementsserien-och-promemorior": "promemoria",
    "faktapromemoria": "promemoria",
    "lagradsremiss": "lagrådsremiss",
    "proposition": "proposition",
    "skrivelse": "skrivelse",
    "rapporter": "rapport",
    "informationsmaterial": "rapport",
    "regeringsuppdrag": "regeringsuppdrag",
    "remisser": "remiss",
    "tal": "tal",
    "handlingar": "handlingar",
    "protokoll": "protokoll",
    "kallelse": "kallelse",
    "kallelser": "kallelse",
    "tjansteutlatanden": "tjänsteutlåtande",
    "yttranden": "yttrande",
    "motioner": "motion",
}

# Front matter "organ" codes in the Kungsbacka export -> the organ's name.
ORGAN_NAMES = {
    "kultur": "Nämnden för Kultur & Fritid",
    "ks": "Kommunstyrelsen",
    "kf": "Kommunfullmäktige",
}

_HEAD_LABELS = re.compile(
    r"^(Datum|Diarienummer|Ert diarienummer|Vårt diarienummer|Dnr|Upprättad|Till|Handläggare|Referens)\s*:?$",
    re.IGNORECASE,
)
_ONLY_DATE_OR_DNR = re.compile(
    r"^(?:(?:Datum|Diarienummer|Dnr)\s*:?\s*)?(?:(?:19|20)\d{2}-\d{2}-\d{2}|[A-ZÅÄÖ]{2,5}-\d{4}-\d{3,6})$")
_SENTENCE = re.compile(r"^[A-ZÅÄÖ]\S*(?:\s+\S+){4,}[.!?]$")  # body text, never on a cover page
_OPEN_TITLE = re.compile(r"\b(?:av|om|för|till|från|med|och|i|på|över|inom|mellan|samt|kring|vid)$", re.I)
_DNR_LINE = re.compile(r"^(?:Dnr|Diarienummer)\s*:?\s*\S+$", re.IGNORECASE)  # "Dnr 6.1/0420/2024"
_ALLCAPS = re.compile(r"^[A-ZÅÄÖ&/ \-]{4,40}$")
# "UTLÅTANDE" under the title page, or a running header naming the authority ("KUNGSBACKA  KOMMUN").
_GENRE_OR_TOWN = re.compile(r"^(UTLÅTANDE|[A-ZÅÄÖ]+\s+(?:KOMMUN|STAD|LANDSTING)|REGION\s+[A-ZÅÄÖ]+)\s*$")
_PARAGRAPH_OR_DNR = re.compile(r"^(§\s*\d+|Dnr\b)")
_PARAGRAPH_LINE = re.compile(r"^§\s*(\d{1,4})\s+Dnr\b")
_GENRE_TITLE = re.compile(r"^(?:Motion|Nämn?dinitiativ|Initiativ|Skrivelse|Interpellation)\b[^.]{0,50}[!:]?$", re.I)
# The opening block of a protokoll or kallelse: where and when the meeting is, who took part, who checks
# the protokoll ("Plats och tid för sammanträde …", "Sammanträde onsdagen den 25 september 2024 kl. 17:00 …").
_MEETING_HEAD = re.compile(r"\bPlats och tid\b|\bSammanträde\b.{0,80}\bkl(?:\.|ockan)\s*\d", re.IGNORECASE | re.DOTALL)
# Its heading, as the person reads it in a source list, and as search matches "Var höll nämnden till …?":
# "Sammanträdet 15 maj 2024: plats, tid, närvarande och justering"
MEETING_OPENING = "Sammanträdet"
_MEETING_HEADINGS = {
    "protokoll": "plats, tid, närvarande och justering",
    "kallelse": "plats och tid",
}
MEETING_TYPES = tuple(_MEETING_HEADINGS)  # a meeting's documents: many matters under one title
_BARE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$")
_ORG_HEADER = re.compile(
    r"^(Kommunfullmäktige|Kommunstyrelsen(?:s arbetsutskott)?|Nämnden för [A-ZÅÄÖ][\w &]+?|"
    r"[A-ZÅÄÖ][a-zåäö]+nämnden)(?:\s{2,}.*)?$"
)


def build_statements(raw: RawDocument, *, source: str, path: str) -> list[Statement]:
    meta = {str(k).lower(): v for k, v in (raw.meta or {}).items()}
    file_type = metadata.map_doc_type(str(meta.get("typ") or meta.get("type") or "") or None)
    folder_type = _folder_type(path, source)
    side = sidecar_record(path) if path else None
    record, side_root = side if side else (None, None)
    if file_type is None and folder_type in ("protokoll", "kallelse"):
        file_type = folder_type

    pages = split_at_labels(raw.pages) if raw.kind == "docx" else raw.pages
    parts = split_parts(pages, file_type)
    boilerplate = clean.repeated_edge_lines([p.lines for p in pages], top=4, bottom=3, keep=is_known_heading,
                                            passable=_edge_furniture, head_passable=_header_furniture)

    statements: list[Statement] = []
    for index, part in enumerate(parts):
        # Running headers of one document inside a pack (a report's "Uppföljning och prognos april 2024")
        # recur on its own pages only.
        own = clean.repeated_edge_lines([p.lines for p in part.pages], top=4, bottom=3, keep=is_known_heading,
                                        passable=_edge_furniture, head_passable=_header_furniture) \
            if len(parts) > 1 else set()
        st = _statement(part, raw, meta, file_type, boilerplate | own, single=len(parts) == 1)
        st.source = source
        st.part = index
        statements.append(st)

    single = len(statements) == 1 and file_type != "handlingar"
    for st in statements:
        _file_level_metadata(st, meta, path, source, folder_type, record, side_root, single)
        _name_meeting_head(st)
    return [s for s in statements if s.sections]


def _name_meeting_head(st: Statement) -> None:
    """The opening block of a protokoll or kallelse (place, time, who took part) gets a heading with the
    meeting's date in words: it has none, and "Var höll nämnden till i maj?" should find it."""
    sections = st.sections
    if st.doc_type not in MEETING_TYPES or not sections or sections[0].heading is not None \
            or not _MEETING_HEAD.search(sections[0].text):
        return
    when = metadata.long_date(st.date)
    sections[0].heading = f"{MEETING_OPENING}{' ' + when if when else ''}: {_MEETING_HEADINGS[st.doc_type]}"


# --- one document ---------------------------------------------------------------------------------------


def _statement(part: Part, raw: RawDocument, meta: dict, file_type: str | None, boilerplate: set[str],
               single: bool) -> Statement:
    first = part.pages[0]
    head_lines = [ln for ln in first.lines if ln.strip()][:30]
    head = "\n".join(head_lines)
    all_raw = "\n".join(ln for p in part.pages for ln in p.lines)

    doc_type = _doc_type(part, file_type, head_lines, single)
    st = Statement(source="", doc_type=doc_type)

    protokoll = doc_type == "protokoll"
    labelled = part.label is not None
    if (labelled or protokoll) and doc_type not in ("protokoll", "kallelse"):
        st.dnr = metadata.find_dnr(head)
        st.date = metadata.find_date(head)
    if not st.dnr and doc_type not in ("protokoll", "kallelse"):
        # A running header that carries the diarienummer ("Kulturförvaltningen  Tjänsteutlåtande  Dnr …").
        st.dnr = next((d for ln in head_lines[:6] if clean.edge_key(ln) in boilerplate
                       and (d := metadata.find_dnr(ln))), None)
    if meta.get("titel") or meta.get("title") or meta.get("rubrik"):
        title, title_idx = None, set()  # the front matter names it; headings stay headings
    else:
        title, title_idx = _title(first.lines, doc_type, labelled, raw.kind, boilerplate, len(part.pages) > 1)
    st.title = title

    lines = _text_lines(part, boilerplate, title_idx, labelled or protokoll)
    signature_idx = metadata.signature_lines([ln.text for ln in lines])
    if protokoll:
        st.signatories = metadata.find_protocol_signatories(all_raw)
    else:
        st.signatories = metadata.find_signatories(all_raw) + _party_suffix_signatures(all_raw)
    lines = [ln for i, ln in enumerate(lines) if i not in signature_idx and not _party_suffix_line(ln.text)]
    sections = sections_from_lines(lines, protokoll=protokoll, own_headings=doc_type != "kallelse")
    if sections and st.title and sections[0].heading and sections[0].heading.strip("# ") == st.title:
        sections[0].heading = None
    if sections and not any(sec.text for sec in sections):
        # Headings and nothing under them (a notice of one bold line): the headings are the text.
        sections = [Section(heading=None, text="\n\n".join(sec.heading for sec in sections if sec.heading),
                            page_start=sections[0].page_start, page_end=sections[-1].page_end)]
    if not sections and st.title:
        # A page that is only its title (a press notice): the title is the text.
        number = first.number
        sections = [Section(heading=None, text=st.title, page_start=number, page_end=number)]
    st.sections = sections
    if doc_type in (None, "dokument", "handlingar", "skrivelse") and _looks_like_statement(sections, all_raw):
        doc_type = st.doc_type = "tjänsteutlåtande"

    if doc_type in ("tjänsteutlåtande", "yttrande", "skrivelse", "protokollsutdrag"):
        st.authors = metadata.find_authors(st.text, require_cue=True)
    elif doc_type in ("initiativ", "motion"):
        st.authors = [p for p in st.signatories if p.party] or metadata.find_authors(st.text)
    organ = _organ_from_head(head_lines) if doc_type in ("protokoll", "protokollsutdrag") else None
    if organ:
        st.organisation = organ
    page_numbers = [p.number for p in part.pages if p.number is not None]
    if page_numbers:
        st.page_start, st.page_end = min(page_numbers), max(page_numbers)
    return st


def _doc_type(part: Part, file_type: str | None, head_lines: list[str], single: bool) -> str | None:
    label = part.label
    if label == "protokoll" and file_type != "protokoll":
        # A whole protokoll has many §; an extract in a meeting pack has one.
        paragraphs = {m.group(1) for p in part.pages for ln in p.lines
                      if (m := _PARAGRAPH_LINE.match(clean.tidy_line(ln)))}
        return "protokoll" if len(paragraphs) >= 2 else "protokollsutdrag"
    if label:
        return label
    if single and file_type and file_type != "handlingar":
        return file_type
    top = " ".join(head_lines[:6]).lower()
    if "initiativ" in top:
        return "initiativ"
    if re.search(r"\bmotion\b", top):
        return "motion"
    if re.search(r"\bsvar på (?:skrivelse|motion|initiativ|interpellation|remiss)", top):
        return "tjänsteutlåtande"
    if re.search(r"\bskrivelse\b", top):
        return "skrivelse"
    if "kulturplan" in top or "kulturstrategi" in top:
        return "kulturplan"
    if re.search(r"årsredovisning|uppföljning|delårsrapport|rapport|prognos|verksamhetsberättelse", top):
        return "rapport"
    if file_type:
        return file_type
    return None


def _looks_like_statement(sections: list[Section], raw_text: str) -> bool:
    """An unlabelled tjänsteutlåtande: "UTLÅTANDE" on a line of its own, or the house headings."""
    if re.search(r"^\s*(?:TJÄNSTE)?UTLÅTANDE\s*$", raw_text, re.MULTILINE):
        return True
    headings = {(s.heading or "").lower() for s in sections}
    return any(h.startswith("förslag till beslut") for h in headings) and bool(
        headings & {"ärendet", "beskrivning av ärendet", "förvaltningens synpunkter", "sammanfattning",
                    "sammanfattning av ärendet"}
    )


def _title(lines: list[str], doc_type: str | None, labelled: bool, kind: str,
           boilerplate: set[str] = frozenset(), cover: bool = False) -> tuple[str | None, set[int]]:
    """The document's title and the indexes (in the first page's lines) it was taken from."""
    idx = [
        i for i, ln in enumerate(lines)
        if ln.strip() and not (
            clean.edge_key(ln) in boilerplate or clean.is_page_number(ln) or clean.is_contact_line(ln)
            or _GENRE_OR_TOWN.match(ln.strip()) or (_ALLCAPS.match(ln.strip()) and not doc_label(ln))
        )
    ]
    # Markdown "# Title" at the top.
    for i in idx[:3]:
        m = re.match(r"^#\s+(.+?)\s*#*$", lines[i].strip())
        if m:
            return clean.tidy_line(m.group(1)), {i}
    if doc_type in ("protokoll", "kallelse"):
        return None, set()
    if doc_type == "protokollsutdrag":
        for k, i in enumerate(idx[:15]):
            if re.match(r"^§\s*\d+", clean.tidy_line(lines[i])):
                return _title_run(lines, idx[k + 1:])
        return None, set()
    if labelled:
        # After the label and the Datum/Diarienummer block: the first run of text lines. A running header
        # may name the organ above the label ("Kulturförvaltningen" over "Tjänsteutlåtande").
        label_at = next((k for k, i in enumerate(idx[:3]) if doc_label(lines[i])), 0)
        start = label_at
        for k, i in enumerate(idx[label_at:20], start=label_at):
            s = clean.tidy_line(lines[i])
            if doc_label(lines[i]) or _HEAD_LABELS.match(s) or _ONLY_DATE_OR_DNR.match(s) or _is_head_filler(s) \
                    or _DNR_LINE.match(s):
                start = k + 1
                continue
            break
        return _title_run(lines, idx[start:], pdf=kind == "pdf")
    # Unlabelled: a cover page of a few lines is the title (even when its words recur as a running
    # header on later pages); else the first short paragraph.
    cover_idx = [i for i, ln in enumerate(lines) if ln.strip() and not clean.is_page_number(ln)]
    if cover and 0 < len(cover_idx) <= 6 and kind in ("md", "pdf") \
            and sum(len(lines[i].strip()) for i in cover_idx) <= 160 and not any(" | " in lines[i] for i in cover_idx):
        idx = cover_idx
    if cover and 0 < len(idx) <= 6 and kind in ("md", "pdf") and sum(len(lines[i].strip()) for i in idx) <= 160 \
            and not any(" | " in lines[i] or _SENTENCE.search(lines[i].strip()) for i in idx):
        text = " ".join(clean.tidy_line(lines[i]) for i in idx)
        return (text[:200] if text else None), set(idx)
    title, used = _title_run(lines, idx, max_lines=2, pdf=kind == "pdf")
    if title and _GENRE_TITLE.match(title) and used:
        # "Motion till Kungsbacka kommunfullmäktige" + the subject on the next lines.
        rest = [i for i in idx if i > max(used)]
        subject, more = _title_run(lines, rest, max_lines=3)
        if subject and len(subject) <= 160 and not subject.endswith("."):
            return f"{title.rstrip('!:. ')}: {subject}", used | more
    if title and (len(title) > 160 or title.endswith(",")):
        return title[:160].rsplit(" ", 1)[0] + " …", set()
    if title and (title.endswith(".") or len(title) > 120):
        return title.rstrip("."), set()  # a first sentence, not a heading: it stays in the text too
    return title, used


def _is_head_filler(s: str) -> bool:
    """Lines between the label and the title in a head: the organ ("Kultur & Fritid"), recipients
    ("Kommunstyrelsen 2024-04-25"), several dnr on one line."""
    if metadata.find_all_dnr(s) and len(re.sub(r"[A-ZÅÄÖ]{2,5}[- ]\d{4}-\d+|\s", "", s)) < 6:
        return True
    if re.search(r"\b(?:19|20)\d{2}-\d{2}-\d{2}$", s) and len(s.split()) <= 4:
        return True
    return s in {"Kultur & Fritid", "Till", "Till Datum"} or bool(re.match(r"^Till\s{2,}Datum$", s))


def _title_run(lines: list[str], idx: list[int], max_lines: int = 4, pdf: bool = False) -> tuple[str | None, set[int]]:
    """The first run of non-blank lines from `idx` (a title broken over lines, possibly across one blank
    line when the sentence clearly goes on). PDF text has no blank lines: there a line starting with a
    capital goes on the title only when the title is left open ("Yttrande över remiss av" + "Kulturrådets
    …"), so the heading under it ("Avsnitt 1") stays a heading."""
    if not idx:
        return None, set()
    used = [idx[0]]
    title = clean.tidy_line(lines[idx[0]])
    if is_known_heading(title):
        return None, set()
    for i in idx[1:]:
        s = clean.tidy_line(lines[i])
        if len(used) >= max_lines or is_known_heading(s) or clean.is_list_item(s) or re.match(r"^Dnr\b", s):
            break
        gap = i - used[-1] > 1
        if gap and not clean.continues(title, s):
            break
        if not gap and re.search(r"[.!?]$", title):
            break
        if pdf and not gap and s[:1].isupper() and not (title.endswith((":", "-", "–")) or _OPEN_TITLE.search(title)):
            break
        title = clean.join_two(title, s)
        used.append(i)
    title = re.sub(r"^#+\s*", "", title).strip()
    return (title or None), set(used)


def _text_lines(part: Part, boilerplate: set[str], title_idx: set[int], labelled: bool) -> list[Line]:
    """The document's lines without page furniture: page numbers, running headers and footers, contact
    blocks, genre labels, the Datum/Diarienummer head and the title (kept as metadata), tables of
    contents and OCR noise."""
    out: list[Line] = []
    pending: list[Line] = []  # notes referred to in the paragraph being read, placed after it

    def flush_notes() -> None:
        if pending:
            out.extend([*pending, Line("", pending[-1].page)])
            pending.clear()

    for page_no, page in enumerate(part.pages):
        if is_toc_page(page.lines) or is_signing_receipt(page.lines):
            continue
        nonblank = [i for i, ln in enumerate(page.lines) if ln.strip()]
        edge = set(nonblank[:5] + nonblank[-10:])
        # Running headers and footers: only at the page's edges, never in its body (see clean.page_edges).
        header, bottom = clean.page_edges(
            page.lines, lambda ln: clean.edge_key(ln) in boilerplate or _header_furniture(ln),
            lambda ln: clean.edge_key(ln) in boilerplate or _edge_furniture(ln),
            free=_edge_furniture, heading=is_known_heading)
        page_edges = set(nonblank[:2] + nonblank[-2:])
        footer = clean.footer_start(page.lines)
        footnotes = clean.footnotes_start(page.lines)
        if footnotes is not None:
            footer = footnotes if footer is None else min(footer, footnotes)
        # Notes that say something ("15 Centrumbildningarna består av …") follow the paragraph that refers
        # to them, so they are found with it; notes that only cite a source (a web address) are left out.
        notes_at, notes = clean.page_notes(page.lines)
        if notes_at is not None:
            footer = notes_at if footer is None else min(footer, notes_at)
        # Their reference marks ("planering.17") leave the text; the notes are found by their numbers.
        note_numbers = set(notes) | clean.note_numbers(page.lines, footnotes)
        notes = {n: idx for n, idx in notes.items()
                 if not any("http" in page.lines[i] or "www." in page.lines[i] for i in idx)}
        head_end = max(title_idx) if title_idx else (nonblank[6] if len(nonblank) > 6 else len(page.lines))
        head_zone = {i for i in nonblank if i <= head_end} if (page_no == 0 and labelled) else set()
        top = set(nonblank[:5]) if page_no > 0 else set()  # a continuation page repeats "Datum 2019-10-08"
        early = set(nonblank[:20]) if (page_no == 0 and labelled) else set()
        # A letterhead above the genre label ("Kulturförvaltningen" over "Tjänsteutlåtande").
        label_at = next((i for i in nonblank[:3] if doc_label(page.lines[i])), None) if early else None
        letterhead = {i for i in nonblank if label_at is not None and i < label_at
                      and len(page.lines[i].strip()) <= 60 and not is_known_heading(page.lines[i])}
        for i, raw in enumerate(page.lines):
            s = raw.strip()
            if not s:
                out.append(Line("", page.number))
                flush_notes()
                continue
            if page_no == 0 and (i in title_idx or i in letterhead):
                continue
            if footer is not None and i >= footer:
                continue
            if clean.is_page_number(s) or (_BARE_NUMBER.match(s) and (i in page_edges or _alone(page.lines, i))):
                continue
            if (i in header or i in bottom) and (clean.edge_key(s) in boilerplate or clean.is_contact_line(s)):
                continue
            if clean.is_contact_line(s) and len(s) < 80:
                continue
            if doc_label(s) or _GENRE_OR_TOWN.match(s):
                continue
            if _ORG_HEADER.match(s) and ((page_no > 0 and i in header) or (i in edge and i in head_zone)):
                continue
            if (i in head_zone and _PARAGRAPH_OR_DNR.match(s)) or (i in early and re.match(r"^Dnr\b", s)):
                continue
            if i in top and (_HEAD_LABELS.match(s) or _ONLY_DATE_OR_DNR.match(clean.tidy_line(s))):
                continue
            if i in head_zone and (_HEAD_LABELS.match(s) or _ONLY_DATE_OR_DNR.match(clean.tidy_line(s))
                                   or _is_head_filler(clean.tidy_line(s))):
                continue
            if clean.similar_noise(s) or clean.is_url_only(s):
                continue
            out.append(Line(clean.strip_note_references(clean.strip_page_number_suffix(raw), note_numbers),
                            page.number))
            for n in clean.note_reference(s, list(notes)):
                note = [clean.tidy_line(page.lines[j]) for j in notes.pop(n)]
                note[0] = re.sub(rf"^{n}\s+", "", note[0])  # its number too: the mark it matched is gone
                pending.extend(Line(text, page.number) for text in note)
    flush_notes()
    return out


def _edge_furniture(line: str) -> bool:
    """What a page's edge holds besides its repeated lines: page numbers, contact lines, signing stamps."""
    s = line.strip()
    return clean.is_page_number(s) or bool(_BARE_NUMBER.match(s)) or clean.is_contact_line(s) \
        or clean.is_url_only(s) or clean.similar_noise(s)


def _header_furniture(line: str) -> bool:
    """What a page's header holds besides its repeated lines: the genre label, the organ, the
    Datum/Diarienummer block."""
    s = line.strip()
    return _edge_furniture(s) or bool(doc_label(s) or _GENRE_OR_TOWN.match(s) or _ORG_HEADER.match(s)
                                        or _HEAD_LABELS.match(s) or _ONLY_DATE_OR_DNR.match(clean.tidy_line(s)))


def _alone(lines: list[str], i: int) -> bool:
    """A line with blank lines (or the page edge) on both sides."""
    before = i == 0 or not lines[i - 1].strip()
    after = i + 1 >= len(lines) or not lines[i + 1].strip()
    return before and after


_PARTY_SUFFIX = re.compile(r"^([A-ZÅÄÖ][a-zåäöé]+(?:\s[A-ZÅÄÖ][a-zåäöé]+){1,2})\s+(" + "|".join(
    sorted(metadata.PARTIES, key=len, reverse=True)) + r")$")


def _party_suffix_line(line: str) -> bool:
    return bool(_PARTY_SUFFIX.match(clean.tidy_line(line)))


def _party_suffix_signatures(text: str) -> list[Person]:
    """Signature lines "Torbjörn Andersson SD" under an initiativ or motion."""
    out = []
    for line in text.splitlines():
        m = _PARTY_SUFFIX.match(clean.tidy_line(line))
        if m:
            out.append(Person(name=m.group(1), party=m.group(2)))
    return out


def _organ_from_head(head_lines: list[str]) -> str | None:
    for line in head_lines[:6]:
        parts = re.split(r"\s{2,}", line.strip())
        for p in parts:
            m = _ORG_HEADER.match(p.strip())
            if m and not p.strip().startswith("KUNGSBACKA"):
                return m.group(1).strip()
    return None


# --- file-level metadata --------------------------------------------------------------------------------


def _folder_type(path: str, source: str) -> str | None:
    for name in reversed(PurePosixPath(Path(source).as_posix()).parts[:-1] or Path(path).parts[:-1]):
        if name.lower() in FOLDER_TYPES:
            return FOLDER_TYPES[name.lower()]
    for name in reversed(Path(path).parts[:-1]):
        if name.lower() in FOLDER_TYPES:
            return FOLDER_TYPES[name.lower()]
    return None


def _organisation(st: Statement, meta: dict, path: str, text: str) -> str | None:
    explicit = meta.get("organisation") or meta.get("organization")
    if explicit:
        return str(explicit)
    kommun = meta.get("kommun")
    organ = meta.get("organ")
    lowered = path.lower()
    if kommun:
        base = str(kommun).strip()
        base = base[0].upper() + base[1:]
        if not base.lower().endswith(("kommun", "stad", "region")):
            base = f"{base} kommun"
    elif "kungsbacka" in lowered or "Kungsbacka kommun" in text:
        base = "Kungsbacka kommun"
    elif "stockholm" in lowered or "Stockholms stad" in text or re.match(r"\d+\.\d+/\d+/\d{4}$", st.dnr or ""):
        base = "Stockholms stad"
    elif "regeringen" in lowered or "Regeringskansliet" in text:
        base = "Regeringskansliet"
    else:
        base = None
    if st.doc_type == "kulturplan" and "Region Halland" in text:
        return "Region Halland"
    if st.organisation:  # the organ named in the document's own header
        return f"{base}, {st.organisation}" if base else st.organisation
    if base == "Stockholms stad" and re.search(r"kulturförvaltning", text, re.I):
        return "Stockholms stad, kulturförvaltningen"
    if base == "Regeringskansliet":
        return "Regeringskansliet, Kulturdepartementet" if "Kulturdepartementet" in text or \
            "regeringen-kultur" in lowered else base
    if organ and base:
        name = ORGAN_NAMES.get(str(organ).lower(), str(organ))
        return f"{base}, {name}"
    if base == "Kungsbacka kommun" and "Nämnden för Kultur & Fritid" in f"{st.title} {text}":
        return "Kungsbacka kommun, Nämnden för Kultur & Fritid"
    return base


def _file_level_metadata(st: Statement, meta: dict, path: str, source: str, folder_type: str | None,
                         record: dict | None, side_root, single: bool) -> None:
    text = st.text
    # Front matter written by staff wins over what the text suggests; in a meeting pack (many documents)
    # it only fills what a document does not say itself.
    title = meta.get("titel") or meta.get("title") or meta.get("rubrik")
    if title and (st.part == 0 or not st.title):
        st.title = str(title)
    dnr = meta.get("diarienummer") or meta.get("dnr")
    if dnr and (single or not st.dnr):
        st.dnr = str(dnr)
    named_type = meta.get("dokumenttyp") or meta.get("doc_type")  # doc_type: the name the JSON output uses
    doc_type = metadata.map_doc_type(str(named_type)) if named_type else None
    if doc_type:
        st.doc_type = doc_type
    url = meta.get("url") or meta.get("kalla_url") or meta.get("källa")
    if url:
        st.url = str(url)

    if record:
        st.title = record.get("title") or st.title
        st.date = metadata.normalise_date(record.get("published")) or st.date
        if record.get("id"):
            ids = metadata.find_all_dnr(str(record["id"]))
            st.dnr = ids[0] if ids else str(record["id"])
        if record.get("url") and not st.url:
            st.url = "https://www.regeringen.se" + str(record["url"]) if str(record["url"]).startswith("/") \
                else str(record["url"])
    elif side_root is None and path:
        side_root = sidecar_root(path)
    if side_root is not None and not st.url and "regeringen" in str(side_root).lower():
        rel = Path(path).resolve().with_suffix("").relative_to(side_root).as_posix()
        st.url = f"https://www.regeringen.se/{rel}/"

    if folder_type and (st.doc_type is None or st.doc_type == "dokument" or
                        (record is not None or side_root is not None)):
        st.doc_type = folder_type
    if not st.dnr and st.doc_type in ("sou", "direktiv", "promemoria", "proposition", "skrivelse"):
        st.dnr = metadata.find_dnr(text[:600])
    if not st.dnr and st.doc_type in ("tjänsteutlåtande", "skrivelse", "yttrande"):
        st.dnr = metadata.find_dnr(text)
    if not st.dnr and st.doc_type in ("motion", "initiativ"):
        st.dnr = metadata.find_dnr(text[:600])
    if st.title:
        st.title = re.sub(r"^(?:Ärenderubrik|Rubrik|Ärende)\s*:\s*", "", st.title)
    meta_date = metadata.normalise_date(meta.get("datum") or meta.get("date"))
    if meta_date and (single or st.doc_type in ("kallelse", "protokoll")):
        st.date = meta_date  # the file's own date (a meeting's date for its kallelse and protokoll)
    st.date = (st.date or meta_date or metadata.date_from_path(source) or metadata.date_from_path(path)
               or metadata.find_date(text[:800]))
    if not st.title:
        st.title = _fallback_title(st, meta, source)
    st.organisation = _organisation(st, meta, f"{path} {source}", text)
    if st.doc_type is None:
        st.doc_type = "dokument"


def _fallback_title(st: Statement, meta: dict, source: str) -> str:
    organ = ORGAN_NAMES.get(str(meta.get("organ") or "").lower())
    kind = {"protokoll": "Protokoll", "kallelse": "Kallelse", "handlingar": "Handlingar"}.get(st.doc_type or "")
    if kind:
        who = f" {organ}" if organ else ""
        when = f" {st.date}" if st.date else ""
        return f"{kind}{who}{when}".strip()
    stem = Path(source).stem.replace("_", " ").replace("-", " ")
    return stem[:1].upper() + stem[1:]


__all__ = ["build_statements"]
