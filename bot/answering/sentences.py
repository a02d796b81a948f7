"""How well sentences of Swedish official text (bot/documents/sentences.py) match a question, and
which of them are worth quoting."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from bot.documents.sentences import Sentence
from bot.index.swedish import CompoundSplitter, content_words, stem, words

MARKUP_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)  # page markers "<!-- sida 3 -->" and the like
_ITEM_MARK = re.compile(r"(?:^|\s)(?:[•\-*–]|\d+[.)])\s+$")


def normalise(text: str) -> str:
    """Whitespace collapsed: how quotes are compared with their source."""
    return " ".join(MARKUP_COMMENT.sub(" ", text).split())


def stands_in(quote: str, text: str) -> bool:
    q = normalise(quote)
    return bool(q) and q in normalise(text)


def item_starts(text: str, sentences: Sequence[Sentence]) -> list[bool]:
    """For each sentence: does it begin an item of a bulleted or numbered list (a marker before it)?"""
    out = []
    prev_end = 0
    for s in sentences:
        gap = text[max(prev_end, text.rfind("\n", 0, s.start) + 1):s.start]
        out.append(bool(_ITEM_MARK.search(gap)))
        prev_end = s.end
    return out


def is_prose(sentence: str) -> bool:
    """A sentence worth quoting: words, not a table row, a heading fragment, an address or a page number."""
    if "|" in sentence or "<!--" in sentence or "](" in sentence:
        return False
    ws = words(sentence)
    if len(ws) < 5 or len(sentence) > 600:
        return False
    letters = sum(c.isalpha() for c in sentence)
    return letters >= 0.6 * len(sentence.replace(" ", ""))


# Words that ask rather than tell what a question is about.
GENERIC_QUESTION_WORDS = frozenset(
    "finns gäller innebär betyder handlar görs gör står säger menas ofta många mycket".split()
    # modal and light verbs: "Hur vill förvaltningen …" is not answered by "det vill säga"
    + "vill ville kan kunde skulle bör borde måste hade har fick gick blev hände".split()
)


_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_NUMBER_WORDS = "en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|hundra|tusen"
_ASKED_START = r"(?:^|\boch\s+|,\s*|;\s*)"
_NAME = r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:[ -][A-ZÅÄÖ][a-zåäöéü]+)+"  # "Karl Persson", "Anna Ewa Szczeklik"
_PARTIES = "S|M|V|C|L|KD|MP|SD|FP|Fi"
_ROLES = (r"(?i:generaldirektör|kulturminister|minister|statsråd|ordförande|förvaltningschef|enhetschef"
          r"|verksamhetschef|konstnär|utredare|professor|författare|direktör|landshövding|riksantikvarie"
          r"|överintendent|chef|projektledare|generalsekreterare|sekreterare|ledamot|rektor|intendent|samordnare"
          r"|utvecklare|controller)(?:en|n|et)?")
# What a question asks for, by its question words (anywhere a part of the question starts), and what a
# sentence that answers it holds: a date, an amount, a reason, how often, what came of a matter (a decision,
# not the chair's procedure: see extractive._PROCEDURE), who was behind it (names with party), or several
# named things.
ANSWER_KINDS: dict[str, tuple[re.Pattern, re.Pattern]] = {
    "date": (
        re.compile(_ASKED_START + r"(?:(?:från|sedan|till) (?:när|vilket datum|vilken dag)|när|vilket datum"
                   r"|vilken dag|till och med när)\b", re.I),
        re.compile(rf"\b\d{{1,2}} (?:{_MONTHS})\b|\b(?:{_MONTHS}) \d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\bsenast\b"
                   r"|\b(?:våren|hösten|sommaren|vintern|årsskiftet) \d{4}\b", re.I),
    ),
    "amount": (
        re.compile(_ASKED_START + r"(?:hur (?:mycket|stor|stort|stora|högt|lågt)|vad kostar|vilket belopp)\b",
                   re.I),
        re.compile(rf"\d(?:[\d\s,.]*\d)?\s*(?:kr\b|kronor|tkr|mnkr|mdkr|miljon|miljard|procent|%|euro\b|dollar\b|€)"
                   rf"|\b(?:{_NUMBER_WORDS}) (?:miljoner|miljarder|procent|kronor)\b", re.I),
    ),
    # "Hur många medlemmar …?": a number of something ("16 mötesplatser", "två kulturchefsmöten"), not a year
    "count": (
        re.compile(_ASKED_START + r"hur många\b", re.I),
        re.compile(rf"(?<![\d.,:/-])(?!(?:19|20)\d\d\b)\d+(?:[ \u00a0]\d{{3}})*(?:,\d+)?\s+"
                   rf"(?!kr\b|kronor\b|tkr\b|procent\b|miljon|miljard|(?:{_MONTHS})\b)[a-zåäö]{{3,}}"
                   r"|\b(?:två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|hundra"
                   r"|tusen|hundratals|tusentals)\s+[a-zåäö]{3,}"
                   r"|\d(?:[\d\s,]*\d)?\s*(?:procent|%)|\bvar (?:annan|tredje|fjärde|femte|tionde)\b", re.I),
    ),
    # "Hur länge …?", "Hur mycket tid …?": a length of time, or the period it spans ("10 månader",
    # "en tioårsperiod (2024–2033)", "17:00 – 20:10", "till och med 2026")
    "duration": (
        re.compile(_ASKED_START + r"(?:hur länge|hur lång tid|hur mycket tid)\b", re.I),
        re.compile(rf"\b\d+\s*(?:min|minuter|timmar|timme|dagar|veckor|månader|år)\b"
                   rf"|\b(?:{_NUMBER_WORDS}|två|tre)\s+(?:minuter|timmar|dagar|veckor|månader|år)\b|\w+årsperiod"
                   r"|\b(?:19|20)\d\d\s*[–-]\s*(?:19|20)?\d\d\b|\b\d{1,2}[:.]\d\d\s*[–-]\s*\d{1,2}[:.]\d\d\b"
                   r"|\b(?:till och med|fram till|senast)\b", re.I),
    ),
    "reason": (
        re.compile(_ASKED_START + r"(?:varför|av vilken anledning|vad beror|i vilket syfte|vad var syftet)\b", re.I),
        re.compile(r"\b(?:eftersom|därför|på grund av|beror på|berodde på|med anledning av|till följd av|orsak\w*"
                   r"|anledning\w*|motiver\w*|förklaras|mot bakgrund av|i syfte att|syftet)\b", re.I),
    ),
    "frequency": (
        re.compile(_ASKED_START + r"hur ofta\b", re.I),
        re.compile(r"\bgång(?:er)? (?:per|om|i)\b|\b(?:varje|varannan|vartannat|var(?:t)? (?:annan|annat|tredje|fjärde"
                   r"|femte|tionde)) (?:dag|vecka|månad|år|termin|kvartal)\b|\b(?:årligen|dagligen|kvartalsvis|månadsvis)\b"
                   r"|\bper (?:år|månad|vecka|termin)\b", re.I),
    ),
    "outcome": (
        re.compile(_ASKED_START + r"(?:vad blev det av|vad har blivit av|hur gick|hur har det gått|hur (?:föll|slutade)"
                   r"|vad hände|vad har hänt|hur (?:har|hade) \w+(?: \w+){0,3} (?:tagit hand om|hanterat|behandlat"
                   r"|besvarat))\b", re.I),
        re.compile(r"\b(?:bifall\w*|avslog|avslår|avslå|godkän(?:ner|de|ns|des|da)|fastställ(?:er|de|s|des)|antog|antar"
                   r"|antogs|omhändertag\w*|besvara[dst]\w*|genomfördes|bedöms|resulterade|ledde till|förlängdes"
                   r"|avslutades|i uppdrag)\b", re.I),
    ),
    "people": (
        re.compile(_ASKED_START + r"(?:(?:vem|vilka)(?: \w+)? (?:skrev|låg bakom|ligger bakom|står bakom|stod bakom"
                   r"|lämnade|väckte|undertecknade)|vilka (?:politiker|ledamöter|partier))\b", re.I),
        re.compile(rf"{_NAME} \((?:{_PARTIES})\)"),
    ),
    # "Vem drog ärendet om Arenan?", "Vilka återrapporterade Demokratidagarna?": a person, named with a role
    # or a party ("Föredragande: David Dagemark, projektledare", "generaldirektören Gunnar Larsson", "Namn (C)").
    # "Vilka" asks for people when a verb follows it, for things when a noun does ("Vilka museer …").
    "person": (
        re.compile(_ASKED_START + r"(?:vem|vilken person|vilka personer|vilka (?:skulle|ska|har|hade)"
                   r"|vilka \w+(?:ade|de|te))\b", re.I),
        re.compile(rf"(?i:\bföredragande\b)|{_NAME},\s+(?!och\b|samt\b)[a-zåäö]|\b{_ROLES}\s+{_NAME}|{_NAME} \((?:{_PARTIES})\)"
                   rf"|{_NAME} (?:är|blir|blev|var|utses till|har utsetts till) (?:\w+ ){{0,2}}?{_ROLES}\b"),
    ),
    # "Var höll nämnden till …?", "Var ska Operan spela …?": a place. "Var" asks where only before a verb
    # ("Var det tänkt …?", "Var Stockholm ensamt …?" ask yes or no). A place is a named one after a
    # preposition ("på Galeasen", "i Norra Djurgårdsstaden"), a street, building or room ("Storgatan 37",
    # "Kungsbacka Badhus", "Lindens parkeringshus") or a protokoll's "Plats och tid".
    "place": (
        re.compile(_ASKED_START + r"(?:(?:var|vart)(?: någonstans)? (?:höll|hölls|håller|hålls|ligger|låg|satt|sitter"
                   r"|ska|skulle|kan|kunde|brukade|brukar|har|hade|fick|får|vill|ville|finns|fanns|äger|ägde|sker"
                   r"|skedde|bor|bodde|står|stod|sammanträd\w*|träffa\w*|samla\w*|häng\w*|flytta\w*)"
                   r"|på vilken plats|i vilken (?:lokal|byggnad|stad|ort)|vilken lokal)\b", re.I),
        # the capital letter of a name counts: case is ignored only inside (?i:…)
        re.compile(rf"\b(?i:i|på|vid|hos|utanför|framför|till)\s+(?!(?:{_MONTHS})\b)[A-ZÅÄÖ][a-zåäöé]{{2,}}"
                   r"|(?i:\bplats och tid\b|\w+(?:gatan|vägen|torget|parkering(?:en)?|parkeringshus(?:et)?|rummet|salen"
                   r"|lokalen|lokaler(?:na)?)\b)|\b[A-ZÅÄÖ]\w*(?:hus|huset|hallen|teatern|scenen)\b"),
    ),
    "things": (
        re.compile(_ASKED_START + r"vilka\b", re.I),
        # an enumeration: "A, B, C och D"
        re.compile(r"(?:[^,;:.!?]{2,80},\s+){2,}[^,;:.!?]{2,80}\s(?:och|samt|eller)\s", re.I),
    ),
}


def asked_kinds(question: str) -> list[str]:
    """What kinds of answer the question asks for (see ANSWER_KINDS), in a fixed order."""
    return [kind for kind, (asked, _) in ANSWER_KINDS.items() if asked.search(question.strip())]


class QuestionMatcher:
    """Scores text against a question, word by word.

    Each content word of the question counts once, weighted by how rare it is among the candidate
    sentences: fully when its stem is in the text, partly when the parts of the compound are
    ("samverkansformer" is partly covered by "samverkan ... former"), partly by a compound it is the
    head of ("föreningar" by "ridföreningar") and, less, by its own head ("kultursamverkan" by "samverkan").

    With `answer_kinds`, what the question asks for counts as one more word ("?date" for "När …",
    "?amount" for "Hur mycket …"), weighted KIND_WEIGHT times the question's most specific word and
    covered by text that holds such an answer (a date, an amount …).
    """

    PART_CREDIT = 0.8
    # What is asked is the heart of a question; its other words often only name the matter, and the
    # sentence that repeats them is not the answer ("Vad blev det av initiativet om …?"). Measured
    # (bench_answers.py, 126 questions of five sets, 2026-12-06): 1.0 -> 1.5 put the evidence in one more
    # answer, 2.0 in none more and cited a relevant file once less.
    KIND_WEIGHT = 1.5
    MIN_HEAD = 5  # letters of a stem that counts as the head of a longer compound

    def __init__(self, question: str, candidates: list[str], *, answer_kinds: bool = False,
                 splitter: CompoundSplitter | None = None):
        # the corpus' words split compounds best ("idrottshögskolan" holds "idrott" although no candidate
        # has the bare word); without them, the candidates' and the question's own words
        self.splitter = splitter or CompoundSplitter.from_texts(candidates + [question])
        self._terms_cache: dict[str, frozenset[str]] = {}
        self.words: list[tuple[str, tuple[str, ...]]] = []
        seen = set()
        for w in content_words(question):
            st = stem(w)
            if w in GENERIC_QUESTION_WORDS or st in seen:
                continue
            seen.add(st)
            parts = tuple(dict.fromkeys(stem(p) for p in self.splitter.parts(w) if stem(p) != st))
            self.words.append((st, parts))
        self.topic_words = len(self.words)  # the question's own words; answer kinds follow them
        self.kinds = asked_kinds(question) if answer_kinds else []
        self.words += [(f"?{kind}", ()) for kind in self.kinds]
        n = max(1, len(candidates))
        df = [0] * self.topic_words
        for c in candidates:
            terms = self.terms(c)
            for i, word in enumerate(self.words[: self.topic_words]):
                if self._credit(word, terms) > 0:
                    df[i] += 1
        self.idf = [math.log(1 + n / (1 + d)) for d in df]
        self.idf += [self.KIND_WEIGHT * max(self.idf, default=1.0)] * len(self.kinds)
        self.total = sum(self.idf) or 1.0

    def terms(self, text: str) -> frozenset[str]:
        cached = self._terms_cache.get(text)
        if cached is None:
            whole, parts = self.splitter.terms(text)
            cached = frozenset(whole) | frozenset(parts)
            self._terms_cache[text] = cached
        return cached

    def _credit(self, word: tuple[str, tuple[str, ...]], terms: frozenset[str]) -> float:
        st, parts = word
        if st in terms:
            return 1.0
        if len(st) >= self.MIN_HEAD and any(t.endswith(st) for t in terms):
            return self.PART_CREDIT  # a compound with the word as its head: "ridföreningar" are "föreningar"
        if parts:
            return self.PART_CREDIT * sum(p in terms for p in parts) / len(parts)
        if any(len(t) >= self.MIN_HEAD and st.endswith(t) for t in terms):
            return self.PART_CREDIT / 2  # the head of the word: "samverkan" for "kultursamverkan"
        return 0.0

    def credits(self, text: str) -> tuple[float, ...]:
        """How much (0..1) the text covers each of the question's words (and answer kinds)."""
        terms = self.terms(text)
        return tuple(self._credit(w, terms) for w in self.words[: self.topic_words]) + tuple(
            float(bool(ANSWER_KINDS[k][1].search(text))) for k in self.kinds)

    def matches(self, credits: Sequence[float]) -> int:
        """How many of the question's words and answer kinds `credits` cover."""
        return sum(c > 0 for c in credits)

    def coverage(self, text: str) -> float:
        """Share (0..1) of the question's weighted words that the text covers."""
        return self.weighted(self.credits(text))

    def weighted(self, credits: Sequence[float]) -> float:
        """Share (0..1) of the question's weight that per-word `credits` amount to."""
        return sum(idf * c for c, idf in zip(credits, self.idf)) / self.total


