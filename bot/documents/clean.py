"""Text clean-up that real municipal text needs.

PDF-extracted and converted text arrives with private-use bullet glyphs, words hyphenated at line ends,
page numbers, repeated page headers and footers, and lines broken at the page width. These functions
turn it into paragraphs a person (and a search index) can read.
"""

from __future__ import annotations

import re
from collections import Counter

BULLET = "•"

# Glyphs that PDF extractors emit for list bullets: Symbol/Wingdings private-use code points and friends.
_PRIVATE_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf0e0\uf0de\uf02d\uf06e\uf071\uf0a1\uf0d7\uf046\uf0b2"
_OTHER_BULLETS = "▪■●◦○◆◇►▶➢➤✓✔❖⁃∙·»\u2023\u25aa\u25cf"
_BULLET_AT_START = re.compile(
    rf"^([ \t]*)(?:[{_PRIVATE_BULLETS}{_OTHER_BULLETS}\ufffd]|[*+](?=\s)|o(?=\s{{2,}}))[ \t]*"
)
_PRIVATE_ANYWHERE = re.compile(rf"[{_PRIVATE_BULLETS}]")
_LIGATURES = {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl"}
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def normalise_text(text: str) -> str:
    """Line endings, invisible characters, ligatures, and list bullets mapped to "•" at line start."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    lines = [_BULLET_AT_START.sub(lambda m: f"{m.group(1)}{BULLET} ", ln) for ln in text.split("\n")]
    text = "\n".join(lines)
    # A bullet drawn in its own font often comes out alone on its line: join it with its text.
    text = re.sub(rf"(?m)^([ \t]*){BULLET}[ \t]*\n[ \t]*(?=\S)", rf"\1{BULLET} ", text)
    # A private-use glyph elsewhere is a bullet too (two-column lists); U+FFFD elsewhere is just noise.
    text = _PRIVATE_ANYWHERE.sub(BULLET, text)
    return text


def collapse_double_spacing(text: str) -> str:
    """Text where every line is followed by an empty line (as some PDF extractors write it): drop those
    empty lines; lines holding only spaces then mark the real paragraph breaks."""
    lines = text.split("\n")
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonblank) < 6:
        return text
    followed = sum(1 for i in nonblank if i + 1 < len(lines) and lines[i + 1] == "")
    if followed < 0.6 * len(nonblank):
        return text
    # Ordinary text with a blank line between paragraphs looks the same by that count. What tells the
    # two apart: in double-spaced extractor output the blank lines fall inside sentences.
    gaps = [(a, b) for a, b in zip(nonblank, nonblank[1:]) if b > a + 1]
    inside = sum(1 for a, b in gaps if continues(lines[a].strip(), lines[b].strip()))
    if inside < 3 or inside < 0.4 * len(gaps):
        return text
    return "\n".join(ln for ln in lines if ln != "")


# --- page numbers, headers and footers ------------------------------------------------------------------

_PAGE_OF = re.compile(r"^\s*(?:sida\s+)?(\d{1,3})\s*(?:\(\s*(\d{1,3})\s*\)|av\s+(\d{1,3})|/\s*(\d{1,3}))\s*$", re.I)
_PAGE_OF_AT_END = re.compile(r"\s{2,}(?:sida\s+)?(\d{1,3})\s*\(\s*(\d{1,3})\s*\)\s*$", re.I)


def page_of(line: str) -> tuple[int, int] | None:
    """"2 (4)", "2(4)", "Sida 2 av 4", or a header ending in "  12 (14)" -> (2, 4)."""
    m = _PAGE_OF.match(line) or _PAGE_OF_AT_END.search(line)
    if not m:
        return None
    numbers = [g for g in m.groups() if g]
    if len(numbers) < 2:
        return None
    n, total = int(numbers[0]), int(numbers[1])
    return (n, total) if 0 < n <= total else None


def is_page_number(line: str) -> bool:
    """A line that is only a page number: "1 (2)", "2(4)", "Sida 3 av 5" (bare "3": see strip_page_edges)."""
    return bool(_PAGE_OF.match(line))


def strip_page_number_suffix(line: str) -> str:
    """"KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL   2 (14)" -> without the page number."""
    return _PAGE_OF_AT_END.sub("", line)


_CONTACT = re.compile(
    r"(^www\.|\bwww\.\S+\.\w+|@\S+\.\w+|\(e-post borttagen\)|^\s*(?:telefon|tel|fax|direkt|växel|mobil)\b"
    r"|^besöksadress|^postadress|^box\s+\d{2,6}\b|\bbox\s+\d{2,6},?\s+\d{3}\s?\d{2}\s|\btelefon:?\s+0\d|^[\w-]+(?:\.[\w-]+)*\.(?:se|nu|com|org|net|eu)$|\bbesöksadress\b|^\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+$"
    r"|^\d{2,4}-?\s?\d{2,3}\s?\d{2}\s?\d{2}(\s|$)|^org\.?\s?nr|^transaktionsidentitet"
    r"|^det här dokumentet är digitalt signerat|^expedierat/bestyrkt$)",
    re.IGNORECASE,
)


_URL_ONLY = re.compile(r"^(?:https?://\S+|\S*/\S*(?:/|\.html?|\.pdf|\.aspx))$")


def is_url_only(line: str) -> bool:
    """A line holding only a web address or the broken-off tail of one (footnotes in reports)."""
    return bool(_URL_ONLY.match(line.strip()))


def is_contact_line(line: str) -> bool:
    """Footer lines: addresses, phone numbers, e-mail, web address, "Besöksadress", signing stamps."""
    s = line.strip()
    if len(s) > 120:
        return False
    if _CONTACT.search(s):
        return True
    # Laid out in columns: any column that is an address or phone number makes it a footer line.
    return "   " in s and any(_CONTACT.search(seg.strip()) for seg in re.split(r"\s{3,}", s))


def repeated_edge_lines(pages: list[list[str]], top: int = 5, bottom: int = 10, keep=None,
                        passable=None, head_passable=None) -> set[str]:
    """Lines (normalised) that stand at the top or bottom of at least three pages (and a fifth of them), or
    of both pages of a two-page document: running headers and footers ("KUNGSBACKA  KOMMUN", a footer
    address). `keep(line)` protects lines that must stay even when repeated (section headings).

    A line counts on a page only where it belongs to the page's edge (see page_edges): a reference that
    recurs in the body of several short pages ("Förvaltningens tjänsteskrivelse, 2024-05-06" above a
    signing stamp) is text, not a footer. `passable(line)` names other furniture an edge may hold
    (page numbers, signing stamps), `head_passable(line)` what only a header holds (the Datum block)."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        nonblank = [ln for ln in lines if ln.strip() and _may_be_furniture(ln)]
        edge = set(edge_key(ln) for ln in nonblank[:top] + nonblank[-bottom:])
        counts.update(k for k in edge if k)
    threshold = 2 if len(pages) == 2 else max(3, len(pages) // 5)
    candidates = {k for k, c in counts.items() if c >= threshold and not (keep and keep(k))}
    if not candidates:
        return set()

    def foot(line: str) -> bool:
        return edge_key(line) in candidates or bool(passable and passable(line))

    def head(line: str) -> bool:
        return foot(line) or bool(head_passable and head_passable(line))

    at_edge: Counter[str] = Counter()
    for lines in pages:
        head_idx, foot_idx = page_edges(lines, head, foot, top=top, bottom=bottom, free=passable, heading=keep)
        at_edge.update({edge_key(lines[i]) for i in head_idx | foot_idx} & candidates)
    return {k for k in candidates if at_edge[k] >= threshold}


def page_edges(lines: list[str], head, foot, top: int = 5, bottom: int = 10,
               free=None, heading=None) -> tuple[set[int], set[int]]:
    """Indexes of a page's header and footer lines: from the top down while `head(line)` holds, and from
    the bottom up while `foot(line)` holds, at most `top` and `bottom` non-blank lines. The first line
    that is not furniture is the body and ends the edge, so body text is never taken for a header
    however often it recurs; so is a line right under a `heading(line)` ("Beslutet skickas till" over
    "Kommunstyrelsen"). Lines for which `free(line)` holds (signing stamps, page numbers) do not count
    towards the limits."""
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    under_heading = {j for i, j in zip(nonblank, nonblank[1:]) if heading and heading(lines[i])}

    def walk(order, is_furniture, limit) -> set[int]:
        taken: set[int] = set()
        counted = 0
        for i in order:
            if counted >= limit or i in under_heading or not is_furniture(lines[i]):
                break
            taken.add(i)
            if not (free and free(lines[i])):
                counted += 1
        return taken

    header = walk(nonblank, head, top)
    footer = walk(reversed(nonblank), foot, bottom) - header
    return header, footer


def _may_be_furniture(line: str) -> bool:
    """Running headers/footers are short or laid out in columns; never a heading or a table row."""
    s = line.strip()
    if s.startswith(("#", BULLET, "|")) or re.match(r"^[A-ZÅÄÖ][\wåäö ]{1,25}: \S", s):
        return False
    if s.endswith((".", ":", "!", "?")) and len(s.split()) >= 4:
        return False  # a sentence, however often it recurs ("Nämnden noterar informationen ...")
    return len(s) <= 70 or bool(re.search(r"\S\s{3,}\S", s))


def is_columns(line: str) -> bool:
    """A line laid out in columns ("Erik Norinder      Kungsbacka kommun"), not a title spread out
    word by word ("Ett  fritt  konst-    och    kulturliv")."""
    segments = [seg for seg in re.split(r"\s{3,}", line.strip()) if seg]
    return sum(1 for seg in segments if re.search(r"\S \S", seg)) >= 2


def footer_start(lines: list[str]) -> int | None:
    """Index where a page's footer block begins: a page number "1 (2)" in the bottom half of the page,
    followed only by a few lines of page furniture that include contact details (Kungsbacka's address
    block). A page number in a header ("Sida 2 (2)" over the text of a short page) starts nothing."""
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    for k, i in enumerate(nonblank):
        if k < len(nonblank) - 12 or k < len(nonblank) / 2 or not _PAGE_OF.match(lines[i]):
            continue
        after = nonblank[k + 1:]
        if after and len(after) <= 10 and any(is_contact_line(lines[j]) for j in after) \
                and all(_footer_line(lines[j]) for j in after):
            return i
    return None


def _footer_line(line: str) -> bool:
    """A line of a footer block: contact details, a page number, columns of a letterhead ("Erik Norinder
    Stadshuset, Storgatan 37"), or a short name or title ("Utvecklingsledare") — never a sentence."""
    s = line.strip()
    if is_contact_line(s) or is_page_number(s) or re.search(r"\S\s{3,}\S", s):
        return True
    return len(s) <= 40 and len(s.split()) <= 6 and not re.search(r"[.:;!?]$", s)


_FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+\S")


def _page_bottom(lines: list[str]) -> list[int]:
    """Indexes of the last 40 non-blank lines of a page, the page number under them left out."""
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    while nonblank and re.match(r"^\s*\d{1,3}\s*$", lines[nonblank[-1]]):
        nonblank.pop()
    return nonblank[-40:]


def _numbered_runs(lines: list[str], bottom: list[int], start: re.Pattern):
    """(line indexes, numbers) of the numbered lines in `bottom` from each one that starts a run going on in
    order (n, n+1, …) to the end of the page: candidate blocks of notes, longest first."""
    starts = [i for i in bottom if start.match(lines[i].strip())]
    for k in range(len(starts)):
        numbers = [int(start.match(lines[i].strip()).group(1)) for i in starts[k:]]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            yield starts[k:], numbers


def footnotes_start(lines: list[str]) -> int | None:
    """Index where a page's footnotes begin: numbered lines at the bottom ("1 Region Halland ..., 2023,")
    in order, mostly references with web addresses, running to the end of the page."""
    bottom = _page_bottom(lines)
    for firsts, _numbers in _numbered_runs(lines, bottom, _FOOTNOTE_START):
        start = firsts[0]
        block = [i for i in bottom if i >= start]
        referencing = sum(1 for i in block if "http" in lines[i] or "www." in lines[i] or is_url_only(lines[i])
                          or _FOOTNOTE_START.match(lines[i].strip()))
        if "http" in " ".join(lines[i] for i in block) and referencing >= 0.6 * len(block):
            return start
    return None


_NOTE_START = re.compile(r"^(\d{1,3})\s+[A-ZÅÄÖÉ]")


def page_notes(lines: list[str]) -> tuple[int | None, dict[int, list[int]]]:
    """Numbered notes at a page's bottom that the page's text refers to ("samrådet.15 Representanten",
    "kulturformerna.16"): where they begin, and for each note number the indexes of its lines.

    A block counts only when its numbers run in order and every one is referred to above it, so a
    numbered heading or list ("1 Inledning", "2 Ekonomi") is never taken for notes."""
    bottom = _page_bottom(lines)
    for firsts, numbers in _numbered_runs(lines, bottom, _NOTE_START):
        start = firsts[0]
        body = "\n".join(lines[:start])
        if not all(re.search(rf"[^\W\d_][.,;:)]?{n}(?=\s|$)", body) for n in numbers):
            continue
        notes: dict[int, list[int]] = {}
        for n, first, nxt in zip(numbers, firsts, firsts[1:] + [bottom[-1] + 1]):
            notes[n] = [i for i in range(first, nxt) if lines[i].strip()]
        return start, notes
    return None, {}


def note_reference(line: str, numbers) -> list[int]:
    """The note numbers a text line refers to (a number stuck to the end of a word or its punctuation)."""
    return [n for n in numbers if re.search(rf"[^\W\d_][.,;:)]?{n}(?=\s|$)", line)]


def note_numbers(lines: list[str], start: int | None) -> set[int]:
    """The numbers of a page's notes: the numbered lines from `start` (see footnotes_start) to its end."""
    if start is None:
        return set()
    return {int(m.group(1)) for ln in lines[start:] if (m := _FOOTNOTE_START.match(ln.strip()))}


# A number stuck to a word of letters, or to the punctuation after it: "planering.17 Kulturområdet",
# "grupper4 och", "bibliotekarier10." (group 1: the word, 2: punctuation, 3: the number).
_GLUED_NUMBER = re.compile(r"(?<!\w)([^\W\d_]+)([.,;!?)”»]{0,2})(\d{1,3})(?=\s|$|[.,;:!?)])")
# A note number after a finished sentence, at the end of the line: "ta sig till kultur. 13".
_SPACED_NUMBER_AT_END = re.compile(r"(?<=[^\W\d_][.!?]) (\d{1,3})$")


# Abbreviations a number may follow directly: "s.172", "kap.3", "nr.12" are references, not note marks.
_ABBREVIATIONS = {"s", "sid", "nr", "kap", "p", "bil", "st", "ca", "art", "prop", "bet", "rskr", "dir", "ds",
                  "sfs", "sou", "jfr", "avsn", "tab", "fig"}


def strip_note_references(line: str, numbers) -> str:
    """Remove the reference marks of a page's notes from a text line: "planering.17 Kulturområdet" ->
    "planering. Kulturområdet" when the page has a note 17. Only a number stuck to the punctuation after a
    word ("år.16") or to an ordinary word itself (three letters or more, no capitals inside: "grupper4")
    goes, and only when a note on the page carries it: "SVT1", "KrU29", "åk8", "s.172", "2024.", "§ 18"
    and "17,5 miljoner" stay."""
    if not numbers:
        return line

    def replace(m: re.Match) -> str:
        word, punctuation, number = m.group(1), m.group(2), int(m.group(3))
        if number not in numbers or not word[1:].islower() or word.lower() in _ABBREVIATIONS:
            return m.group(0)
        if not punctuation and len(word) < 3:
            return m.group(0)
        return word + punctuation

    line = _GLUED_NUMBER.sub(replace, line)
    end = _SPACED_NUMBER_AT_END.search(line)
    if end and int(end.group(1)) in numbers:
        line = line[: end.start()]
    return line


def edge_key(line: str) -> str:
    """How a header/footer line is compared across pages (spaces and page numbers ignored)."""
    return re.sub(r"\s+", " ", strip_page_number_suffix(line)).strip()


# --- joining lines --------------------------------------------------------------------------------------

# After "barn-" at a line end, these words mean a Swedish compound ellipsis ("barn- och ungdomsnämnden").
_ELLIPSIS_NEXT = {"och", "eller", "samt", "till", "respektive", "resp", "som", "men", "utan", "&"}
_ENDS_HYPHEN = re.compile(r"(\S*?)(\S)-$")


def join_two(left: str, right: str) -> str:
    """Join two broken lines, resolving a line-end hyphen:

    "kultur-" + "förvaltningen" -> "kulturförvaltningen"; "barn-" + "och unga" -> "barn- och unga";
    "KFT-2024-" + "00356" -> "KFT-2024-00356"; "400-" + "årsjubileum" -> "400-årsjubileum".
    """
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not right:
        return left
    mode = _join_mode(left, right)
    if mode == "drop-hyphen":
        return left[:-1] + right
    return left + right if mode == "concat" else f"{left} {right}"


def _join_mode(left: str, right: str) -> str:
    """How `right` attaches to `left` (both stripped, non-empty): "space", "concat" or "drop-hyphen"."""
    if not left.endswith("-") or len(left) < 2 or left[-2].isspace():
        return "space"
    m = _ENDS_HYPHEN.search(left[-80:].rsplit(None, 1)[-1])
    if not m:
        return "space"
    first_word = re.match(r"[\w&]+", right)
    nxt = first_word.group(0) if first_word else ""
    if not nxt or nxt.lower() in _ELLIPSIS_NEXT:
        return "space"  # compound ellipsis, or a dash before punctuation: keep "barn- och"
    word_before = m.group(1) + m.group(2)
    if right[0].isdigit() or right[0].isupper() or not m.group(2).isalpha():
        return "concat"  # "KFT-2024-00356", "Jan-Apr", "400-årsjubileum", "1%-regeln"
    letters = re.sub(r"[^A-Za-zÅÄÖåäöÉé]", "", word_before)
    if len(letters) >= 2 and letters.isupper():
        return "concat"  # "BRÅ-samordnare", "EU-stöd"
    return "drop-hyphen"  # "kultur-" + "förvaltningen"


class _Joined:
    """A logical line built from broken lines without quadratic string copying."""

    __slots__ = ("parts",)

    def __init__(self, first: str):
        self.parts = [first]

    def last_words(self) -> str:
        return self.parts[-1][-120:] if len(self.parts[-1]) >= 120 or len(self.parts) == 1 else \
            "".join(self.parts[-4:])[-120:]

    def add(self, right: str) -> None:
        right = right.lstrip()
        if not right:
            return
        tail = self.last_words().rstrip()
        if not tail:
            self.parts.append(right)
            return
        mode = _join_mode(tail, right)
        if mode == "drop-hyphen":
            self.parts[-1] = self.parts[-1].rstrip()[:-1]
            self.parts.append(right)
        elif mode == "concat":
            self.parts[-1] = self.parts[-1].rstrip()
            self.parts.append(right)
        else:
            self.parts.append(" " + right)

    def text(self) -> str:
        return "".join(self.parts)


# --- re-flowing paragraphs ------------------------------------------------------------------------------

_LIST_ITEM = re.compile(rf"^(?:{BULLET}|[-–]\s|\d{{1,2}}[.)]\s|[a-zåäö][.)]\s)|\S \| ")
_SENTENCE_END = re.compile(r"[.!?:;»”\"]$")
# A reference line ("Tjänsteskrivelse, 2024-01-11", "Kommunstyrelsen 2019-04-09, § 238") ends a line.
_REFERENCE_END = re.compile(r"(?:,\s*(?:19|20)\d{2}-\d{2}-\d{2}|\d{4}-\d{2}-\d{2},?\s*§\s*\d+)$")


_KEY_VALUE = re.compile(r"^[A-ZÅÄÖ][\w/ ]{1,40}: \S")  # table rows rendered "Beteckning: KFT-2024-00011"


def is_key_value(line: str) -> bool:
    return bool(_KEY_VALUE.match(line.strip()))


def is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line.strip())) or " | " in line or bool(_KEY_VALUE.match(line.strip()))


_SPACES = re.compile(r"[ \t]+")


def tidy_line(line: str) -> str:
    """Collapse runs of spaces inside a line; one space after a bullet."""
    line = line.strip()
    if "  " in line or "\t" in line:
        line = _SPACES.sub(" ", line)
    if line.startswith(BULLET):
        line = BULLET + " " + line[1:].lstrip()
    return line


def continues(previous: str, line: str) -> bool:
    """Whether `line`, after a blank line, still continues the sentence in `previous` (PDF converters
    put blank lines inside paragraphs): the previous line does not end a sentence and this one starts
    in lower case or with a digit."""
    if not previous or _SENTENCE_END.search(previous):
        return previous.endswith("-") if previous else False
    first = line.lstrip()[:1]
    return bool(first) and (first.islower() or first.isdigit() or previous.endswith("-"))


def reflow(lines: list[str], width: int | None = None) -> list[str]:
    """Lines (with "" for blank lines) -> paragraphs. List items start new lines and are kept together
    in one paragraph separated by "\\n"; a blank line ends a paragraph unless the sentence goes on, and a
    short line ending a sentence ends one too (`width`: the usual full line length, see line_width)."""
    paragraphs: list[list[_Joined]] = []  # each paragraph: its logical lines (list items)
    width = width or line_width(lines)
    blank = True
    previous = ""  # the previous physical line
    for raw in lines:
        line = tidy_line(raw)
        if not line:
            blank = True
            continue
        if not paragraphs:
            paragraphs.append([_Joined(line)])
        else:
            current = paragraphs[-1]
            last = current[-1].last_words()
            if ends_paragraph(previous, line, width):
                paragraphs.append([_Joined(line)])
            elif is_list_item(line):
                if blank and not is_list_item(current[0].parts[0]):
                    paragraphs.append([_Joined(line)])
                else:
                    current.append(_Joined(line))
            elif blank and not continues(last, line):
                paragraphs.append([_Joined(line)])
            elif _REFERENCE_END.search(last):
                current.append(_Joined(line))
            else:
                current[-1].add(line)
        blank = False
        previous = line
    return ["\n".join(j.text() for j in p) for p in paragraphs if p]


def line_width(lines: list[str]) -> int | None:
    """The usual length of a full line (wrapped text), or None when there are too few lines to tell."""
    lengths = sorted(len(tidy_line(ln)) for ln in lines if ln.strip())
    if len(lengths) < 8:
        return None
    return lengths[int(len(lengths) * 0.9) - 1]


def ends_paragraph(previous: str, line: str, width: int | None) -> bool:
    """Without a blank line: a short line that ends a sentence, followed by one that starts a new one,
    ends a paragraph (PDF text has no blank lines between paragraphs)."""
    return bool(
        width and previous and len(previous) < 0.75 * width and re.search(r"[.!?]$", previous)
        and line[:1].isupper() and not is_list_item(previous)
    )


def similar_noise(line: str) -> bool:
    """OCR garbage lines: mostly symbols, few letters or digits."""
    stripped = line.strip()
    if not stripped:
        return False
    letters = sum(map(str.isalnum, stripped))
    if letters < 0.5 * len(stripped.replace(" ", "")) and len(stripped) > 6:
        return True
    return False
