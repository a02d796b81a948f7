"""Find metadata in Swedish municipal text: diarienummer, dates, people with party, signatories.

These are plain functions on text so that other steps can reuse them, e.g. the answering step parses an
incoming skrivelse with `find_dnr`, `find_date`, `find_authors` and `find_signatories`.
"""

from __future__ import annotations

import re
from datetime import date

from bot.documents.model import DOC_TYPES, Person

# --- diarienummer -------------------------------------------------------------------------------------

# Kungsbacka style "KFT-2023-00356", "KS-2024-00284", "KS 2024-00740", also broken as "KFT-2023-<br>00356"
# or "KFT-2023-\n00356" (a table cell or a line break between the parts).
_DNR_KOMMUN = re.compile(r"\b([A-ZÅÄÖ]{2,5})[- ](\d{4})-(?:\s*<br>\s*|\s*\n\s*)?(\d{3,6})\b")
# Stockholm style "6.1/1085/2013" (optionally after "DNR"); older "KS/2017:200".
_DNR_STHLM = re.compile(r"\b(\d{1,3}(?:\.\d{1,3}){0,3}/\d{1,6}/(?:19|20)\d{2})\b")
_DNR_SLASH = re.compile(r"\b([A-ZÅÄÖ]{2,5}/(?:19|20)\d{2}:\d{1,5})\b")
# Government series: "SOU 2023:58", "Dir. 2022:103", "Ds 2019:5", "Prop. 2023/24:1", "Skr. 2019/20:12".
_DNR_SERIES = re.compile(
    r"\b(SOU|Dir\.?|Ds|Prop\.?|Skr\.?|Fi|Ku)\s?((?:19|20)\d{2}(?:/\d{2})?:\d{1,4})\b", re.IGNORECASE
)
_SERIES_CANON = {"sou": "SOU", "dir": "Dir.", "ds": "Ds", "prop": "Prop.", "skr": "Skr.", "fi": "Fi", "ku": "Ku"}
# Words that look like a Kungsbacka prefix but are not (a year range "SOU 2023-2024" is not a dnr).
_NOT_DNR_PREFIX = {"SOU", "DIR", "PROP", "SKR", "DS", "ISBN", "ISSN", "SFS", "EU", "TKR", "MNKR", "KR"}


def find_all_dnr(text: str) -> list[str]:
    """All diarienummer in `text`, normalised, in order of first appearance, without duplicates."""
    found: list[tuple[int, str]] = []
    for m in _DNR_KOMMUN.finditer(text):
        if m.group(1).upper() in _NOT_DNR_PREFIX:
            continue
        found.append((m.start(), f"{m.group(1)}-{m.group(2)}-{m.group(3)}"))
    for m in _DNR_STHLM.finditer(text):
        found.append((m.start(), m.group(1)))
    for m in _DNR_SLASH.finditer(text):
        found.append((m.start(), m.group(1)))
    found += _series_numbers(text)
    seen: set[str] = set()
    out = []
    for _, dnr in sorted(found):
        if dnr not in seen:
            seen.add(dnr)
            out.append(dnr)
    return out


def find_series_numbers(text: str) -> list[str]:
    """The numbers of government publications in `text` ("SOU 2023:58", "Ds 2024:32", "Prop. 2023/24:1"),
    normalised, in order, without duplicates."""
    return list(dict.fromkeys(number for _, number in _series_numbers(text)))


def _series_numbers(text: str) -> list[tuple[int, str]]:
    found = []
    for m in _DNR_SERIES.finditer(text):
        prefix = _SERIES_CANON[m.group(1).rstrip(".").lower()]
        found.append((m.start(), f"{prefix} {m.group(2)}"))
    return found


def find_dnr(text: str) -> str | None:
    """The document's own diarienummer: the one after "Diarienummer"/"Dnr"/"DNR" if any, else the first.

    >>> find_dnr("Diarienummer\\nKFT-2023-\\n00356")
    'KFT-2023-00356'
    >>> find_dnr("Skrivelse ... DNR 6.1/1085/2013.")
    '6.1/1085/2013'
    """
    labelled = re.search(r"(?:Diarienummer|\bDnr\b|\bDNR\b|\bDnr\.)[:\s]*", text)
    if labelled:
        window = text[labelled.end(): labelled.end() + 80]
        after = find_all_dnr(window)
        if after:
            return after[0]
        # Any other house style right after the label: "Dnr 2024/123", "Dnr KUL 2023/0456".
        other = re.match(r"((?:[A-ZÅÄÖ]{2,5}[ -])?\d[\w.]*[/:-][\w./:-]*\d)", window)
        if other:
            return other.group(1)
    found = find_all_dnr(text)
    return found[0] if found else None


# --- dates ----------------------------------------------------------------------------------------------

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_LONG_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def long_date(iso: str | None) -> str | None:
    """An ISO date in words, as the documents write it ("2024-05-15" -> "15 maj 2024"); None if it is not one."""
    try:
        d = date.fromisoformat(iso or "")
    except ValueError:
        return None
    return f"{d.day} {list(MONTHS)[d.month - 1]} {d.year}"


def find_dates(text: str) -> list[str]:
    """All dates in `text` as ISO strings, in order ("2024-01-17", "23 oktober 2024")."""
    found: list[tuple[int, str]] = []
    for m in _ISO_DATE.finditer(text):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    for m in _LONG_DATE.finditer(text):
        iso = _iso(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    return [d for _, d in sorted(found)]


def find_date(text: str) -> str | None:
    """The document's date: the one after "Datum" if any, else the first date in the text."""
    labelled = re.search(r"\bDatum\b[:\s]*", text)
    if labelled:
        after = find_dates(text[labelled.end(): labelled.end() + 60])
        if after:
            return after[0]
    found = find_dates(text)
    return found[0] if found else None


def normalise_date(value) -> str | None:
    """A front matter or metadata value ("2024-01-24", date object, "2025-12-17T10:00") as ISO date."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    found = find_dates(str(value))
    return found[0] if found else None


def date_from_path(path: str) -> str | None:
    """A date from a path: ".../2024-05-15_protokoll.md" or ".../artiklar/2025/12/slug.md" (first of month)."""
    m = re.search(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)", path)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"(?:^|/)((?:19|20)\d{2})/(\d{2})(?:/|$)", path)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), 1)
    return None


# --- people ---------------------------------------------------------------------------------------------

PARTIES = {
    "S", "M", "SD", "C", "V", "KD", "L", "MP", "FP", "FI", "SPI", "KB", "PP", "ÖP", "SDP",
}
PARTY_NAMES = {
    "socialdemokraterna": "S", "moderaterna": "M", "sverigedemokraterna": "SD", "centerpartiet": "C",
    "vänsterpartiet": "V", "kristdemokraterna": "KD", "liberalerna": "L", "miljöpartiet": "MP",
    "folkpartiet": "FP",
}
_NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüèA-ZÅÄÖ]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}}"
# "Ann Mari Engel (V)", "Torbjörn Andersson SD" is handled by signatures; here the party is in parentheses.
_PERSON_PARTY = re.compile(rf"({_NAME})\s*\(\s*({'|'.join(sorted(PARTIES, key=len, reverse=True))})\s*\)?")
_NOT_NAME_WORDS = {
    "Nämnden", "Kommunen", "Kommunfullmäktige", "Kommunstyrelsen", "Ordförande", "Ordföranden", "Region",
    "Förvaltningen", "Alliansen", "Beslut", "Att", "Och", "Samt", "Skrivelse", "Motion", "Initiativ",
    "Dnr", "Ledamöter", "Ersättare", "Tjänstgörande", "Beslutande", "Sekreterare", "Protokolljusterare",
    "Från", "Av", "Med", "Om", "Till", "För", "Den", "Det", "Enligt",
}


def _clean_name(name: str) -> str:
    words = name.split()
    while words and words[0] in _NOT_NAME_WORDS:
        words.pop(0)
    return " ".join(words)


def find_people(text: str) -> list[Person]:
    """People named with a party in parentheses, in order, without duplicates.

    >>> [(p.name, p.party) for p in find_people("Skrivelse av Ann Mari Engel (V) och Mats Berglund (MP)")]
    [('Ann Mari Engel', 'V'), ('Mats Berglund', 'MP')]
    """
    text = re.sub(r"[ \t]*\n[ \t]*", " ", text)
    people: list[Person] = []
    seen: set[str] = set()
    for m in _PERSON_PARTY.finditer(text):
        name = _clean_name(m.group(1))
        if len(name.split()) < 2 or name in seen:
            continue
        seen.add(name)
        people.append(Person(name=name, party=m.group(2)))
    return people


# A group of people with party: "A (V), B (S) och C (MP)".
_PARTY_ALT = "|".join(sorted(PARTIES, key=len, reverse=True))
_GROUP = re.compile(
    rf"{_NAME}\s*\((?:{_PARTY_ALT})\)?(?:\s*(?:,|och|samt)\s*{_NAME}\s*\((?:{_PARTY_ALT})\)?)*"
)
_AUTHOR_CUES = re.compile(
    r"(skrivelse|motion|initiativ|interpellation|fråga|inkom|inkommit|inkommer|har lämnat|föreslår|yrkar)",
    re.IGNORECASE,
)


def find_authors(text: str, require_cue: bool = False) -> list[Person]:
    """Who wrote a skrivelse, motion or initiativ: the first group of people with party near a cue word
    ("Skrivelse av ...", "... inkom med initiativ", "Motion från ..."); else (unless `require_cue`) the
    first group at all."""
    flat = re.sub(r"[ \t]*\n[ \t]*", " ", text)
    groups = list(_GROUP.finditer(flat))
    if not groups:
        return []
    chosen = None if require_cue else groups[0]
    for g in groups:
        window = flat[max(0, g.start() - 60): g.end() + 40]
        if _AUTHOR_CUES.search(window):
            chosen = g
            break
    return find_people(chosen.group(0)) if chosen else []


# --- signatories ----------------------------------------------------------------------------------------

ROLE_WORDS = (
    "kulturdirektör", "direktör", "förvaltningschef", "verksamhetschef", "avdelningschef", "enhetschef",
    "chef", "ordförande", "vice ordförande", "sekreterare", "controller", "utvecklare", "utvecklingsledare",
    "utvecklingschef", "specialist", "handläggare", "strateg", "samordnare", "kommundirektör",
    "stadsdirektör", "nämndsekreterare", "registrator", "jurist", "ekonom", "kanslichef", "stabschef",
    "biträdande", "administratör", "justerare", "protokolljusterare", "kulturchef", "kulturstrateg",
)
_ROLE_TOKEN = re.compile(
    r"^(?:[A-ZÅÄÖa-zåäö]+\s)?(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")$",
    re.IGNORECASE,
)
_ROLE_SUFFIX = re.compile(r"(chef|direktör|ledare|ordförande|sekreterare|strateg|samordnare|handläggare)$", re.I)


def is_role(token: str) -> bool:
    """Whether a short text is a job title or assignment ("Kulturdirektör", "ordförande", "Chef")."""
    token = token.strip().rstrip(",")
    if not token or len(token) > 40:
        return False
    return bool(_ROLE_TOKEN.match(token)) or (len(token.split()) <= 2 and bool(_ROLE_SUFFIX.search(token)))


def _columns(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"\s{2,}|\t", line.strip()) if c.strip()]


_PERSON_NAME = re.compile(rf"^{_NAME}$")


def is_person_name(text: str) -> bool:
    """A bare personal name: 2-4 capitalised words, no digits ("Berit Svedberg", "Ann Mari Engel")."""
    text = text.strip()
    if not _PERSON_NAME.match(text):
        return False
    words = text.split()
    return not any(w in _NOT_NAME_WORDS or w.lower() in PARTY_NAMES for w in words) and len(words) <= 4


def _split_names(line: str, count: int) -> list[str]:
    """Split "Helene Engstrand Annika Hedman" into `count` names of about equal word count."""
    words = line.split()
    if count <= 0 or len(words) < 2 * count:
        return []
    if len(words) == 2 * count:
        return [" ".join(words[i: i + 2]) for i in range(0, len(words), 2)]
    return []


def _party_signature(names_line: str, party_line: str) -> list[tuple[str, str]]:
    """Names over a line of party names ("Kristdemokraterna  Centerpartiet") -> [(name, party)]."""
    party_words = party_line.split()
    if not party_words or not all(w.lower() in PARTY_NAMES for w in party_words):
        return []
    names = _columns(names_line)
    if len(names) != len(party_words):
        names = _split_names(names_line, len(party_words))
    if not names or not all(is_person_name(n) for n in names):
        return []
    return [(n, PARTY_NAMES[w.lower()]) for n, w in zip(names, party_words)]


def find_signatories(text: str) -> list[Person]:
    """Signatures: a line of names followed by a line of roles (columns split by 2+ spaces), e.g.

    "Berit Svedberg  Patrik Liljegren" / "Kulturdirektör  Chef", or "Karl Persson" / "Förvaltningschef";
    party lines ("Kristdemokraterna Centerpartiet") give the party instead of a role.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    people: list[Person] = []
    seen: set[str] = set()
    for i, line in enumerate(lines[:-1]):
        party_names = _party_signature(line, lines[i + 1])
        if party_names:
            for n, party in party_names:
                if n not in seen:
                    seen.add(n)
                    people.append(Person(name=n, party=party))
            continue
        names = _columns(line)
        roles = _columns(lines[i + 1])
        if not names or not all(is_person_name(n) for n in names):
            continue
        if len(roles) != len(names) or not all(is_role(r) for r in roles):
            continue
        for n, r in zip(names, roles):
            if n not in seen:
                seen.add(n)
                people.append(Person(name=n, role=r))
    return people


_ROLE_FIRST = re.compile(
    rf"^(Ordförande|Sekreterare|Protokolljusterare|Justerare|Justerande|Vice ordförande)[:\s]+({_NAME})"
    rf"(?:\s*\(\s*({_PARTY_ALT})\s*\))?(?:\s{{2,}}.*)?$"
)


def find_protocol_signatories(text: str) -> list[Person]:
    """A protokoll's signing block: "Ordförande  Annika Hedman (C)", "Sekreterare  Erik Norinder"."""
    out: list[Person] = []
    for line in text.splitlines():
        m = _ROLE_FIRST.match(line.strip())
        if m:
            out.append(Person(name=m.group(2).strip(), party=m.group(3), role=m.group(1).lower()))
    return out


def signature_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that form signature blocks (names line + roles line), to keep them out of text."""
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    out: set[int] = set()
    for a, b in zip(nonblank, nonblank[1:]):
        if _party_signature(lines[a], lines[b]):
            out.update((a, b))
            continue
        names = _columns(lines[a])
        roles = _columns(lines[b])
        if names and all(is_person_name(n) for n in names) and len(roles) == len(names):
            if all(is_role(r) for r in roles):
                out.update((a, b))
    return out


# --- document type and organisation ---------------------------------------------------------------------

_TYPE_WORDS = {
    "tjänsteskrivelse": "tjänsteutlåtande",
    "tjänsteutlåtande": "tjänsteutlåtande",
    "utlåtande": "tjänsteutlåtande",
    "yttrande": "yttrande",
    "remissvar": "yttrande",
    "skrivelse": "skrivelse",
    "initiativ": "initiativ",
    "nämndinitiativ": "initiativ",
    "motion": "motion",
    "protokoll": "protokoll",
    "sammanträdesprotokoll": "protokoll",
    "protokollsutdrag": "protokollsutdrag",
    "kallelse": "kallelse",
    "handlingar": "handlingar",
    "kulturplan": "kulturplan",
    "rapport": "rapport",
    "direktiv": "direktiv",
    "kommittédirektiv": "direktiv",
    "kommittedirektiv": "direktiv",
    "sou": "sou",
    "statens-offentliga-utredningar": "sou",
    "pressmeddelande": "pressmeddelande",
    "pressmeddelanden": "pressmeddelande",
    "artikel": "artikel",
    "artiklar": "artikel",
    "debattartiklar": "artikel",
    "tal": "artikel",
}


def map_doc_type(value: str | None) -> str | None:
    """Map a type word ("TJÄNSTESKRIVELSE", "kommittedirektiv", "pressmeddelanden") onto DOC_TYPES."""
    if not value:
        return None
    key = value.strip().lower().rstrip(".")
    if key in DOC_TYPES:
        return key
    return _TYPE_WORDS.get(key)


__all__ = [
    "date_from_path",
    "find_all_dnr",
    "find_authors",
    "find_date",
    "find_dates",
    "find_dnr",
    "find_people",
    "find_signatories",
    "is_person_name",
    "is_role",
    "map_doc_type",
    "normalise_date",
    "find_protocol_signatories",
    "signature_lines",
]
