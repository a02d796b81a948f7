"""When a question is about: its explicit time expressions, matched against document dates.

"Vad beslutade nämnden i februari 2024?", "under våren 2024", "Tucholskypriset 2024": a question
that names a year (alone, or with a month or season) is most likely answered by a document dated
then. Several statements on one matter (an assignment in February, a progress report in May, the
annual report the next year) share their words, and only the date tells them apart.

The match is a bonus, never a filter: an annual report for 2023 is dated 2024, and a question's year
may be the subject's, not the document's. Plain data in and out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
# Seasons as months. Winter spans the turn of the year, so it is left as the year alone.
SEASONS = {
    "våren": range(1, 7), "vårvintern": range(1, 4), "försommaren": range(5, 7), "sommaren": range(6, 9),
    "hösten": range(8, 13), "senhösten": range(10, 13),
}
_PERIOD = "|".join(sorted([*MONTHS, *SEASONS], key=len, reverse=True))
# A year stands alone: not part of a diarienummer ("KFT-2024-00111"), a numbered series ("Dir. 2022:103",
# "SOU 2023:58") or a date ("2024-02-21": dates are matched below).
_YEAR = r"(?<![\w:/.-])((?:19|20)\d\d)(?![\w:/]|-\d|\.\d)"
_EXPRESSION = re.compile(rf"(?:\b({_PERIOD})\s+)?{_YEAR}", re.IGNORECASE)
_DATE = re.compile(r"(?<![\w-])((?:19|20)\d\d)-(\d\d)-(\d\d)(?![\w-])")

# How much of the bonus a document gets when only the year matches a period of months.
YEAR_ONLY = 0.5
# How much a named year alone counts against a named month or season. "i mars 2022", "hösten 2023"
# nearly always say when the thing happened, so when the document is dated; a bare year is often the
# subject's ("årsredovisning 2023" is dated 2024, "Tucholskypriset 2024" may be announced in 2023).
BARE_YEAR = 1 / 3


@dataclass(frozen=True)
class Period:
    year: int
    months: frozenset[int] | None = None  # None: the whole year

    def match(self, date: str | None) -> float:
        """1.0 when ``date`` (ISO, "YYYY-MM-DD" or "YYYY") falls in a named month or season, YEAR_ONLY
        when only its year does; BARE_YEAR when the period is a year alone and the date falls in it;
        else 0."""
        if not date or len(date) < 4 or not date[:4].isdigit() or int(date[:4]) != self.year:
            return 0.0
        if self.months is None:
            return BARE_YEAR
        month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else None
        return 1.0 if month in self.months else YEAR_ONLY


def periods(question: str) -> list[Period]:
    """The periods a question names explicitly, in order: "2024" (the year), "februari 2024" (a month),
    "våren 2024" (a season), "2024-02-21" (that month)."""
    found: list[Period] = []
    for m in _DATE.finditer(question):
        found.append(Period(int(m.group(1)), frozenset({int(m.group(2))})))
    rest = _DATE.sub(" ", question)
    for m in _EXPRESSION.finditer(rest):
        word, year = (m.group(1) or "").lower(), int(m.group(2))
        if word in MONTHS:
            months = frozenset({MONTHS[word]})
        elif word in SEASONS:
            months = frozenset(SEASONS[word])
        else:
            months = None
        found.append(Period(year, months))
    return list(dict.fromkeys(found))


def date_match(date: str | None, named: list[Period]) -> float:
    """How well a document date fits the periods a question names (the best of them), 0..1."""
    return max((p.match(date) for p in named), default=0.0)
