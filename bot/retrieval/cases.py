"""Which ärenden a question names by diarienummer.

"Vad handlar KFT-2023-00356 om?": the documents registered under that diarienummer answer it, whether
or not their text repeats the number (a tjänsteskrivelse carries it in its head, which the reader takes
as metadata). People type diarienummer loosely — "kft-2023-356", "dir. 2022:103" — so a question's
diarienummer are read case-insensitively, and a Kungsbacka-style number without its leading zeros is
also tried with them. Plain data in and out.
"""

from __future__ import annotations

import re

from bot.documents.metadata import find_all_dnr

# Kungsbacka numbers are "KFT-2023-00356": a serial of five digits. Typed in lower case, only the
# hyphenated form counts ("hände 2023-2024" is not a diarienummer).
_KOMMUN = re.compile(r"^([A-ZÅÄÖ]{2,5})-(\d{4})-(\d{1,5})$")
_TYPED_KOMMUN = re.compile(r"\b[a-zåäö]{2,5}-\d{4}-\d{1,6}\b", re.IGNORECASE)
SERIAL_DIGITS = 5


def named_dnrs(text: str | None) -> list[str]:
    """The diarienummer ``text`` names, each with the spellings the catalog may hold, in order."""
    if not text:
        return []
    found: list[str] = []
    typed = " ".join(m.group(0).upper() for m in _TYPED_KOMMUN.finditer(text))
    for dnr in find_all_dnr(text) + find_all_dnr(typed):
        found.append(dnr)
        m = _KOMMUN.match(dnr)
        if m and len(m.group(3)) < SERIAL_DIGITS:
            found.append(f"{m.group(1)}-{m.group(2)}-{m.group(3).zfill(SERIAL_DIGITS)}")
    return list(dict.fromkeys(found))
