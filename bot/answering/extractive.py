"""Extractive answers (no language model): the most relevant passages of the top hits, each cited.

Sentences are scored against the question with Swedish stems and compound parts (QuestionMatcher; compounds
split by the words of the whole corpus when the searcher gives them, Searcher.compounds), and
against what the question asks for (a date for "När …", an amount for "Hur mycket …", a decision for "Vad
blev det av …", several things for "Vilka …"). A passage is a sentence, grown by its neighbours in the
same hit when they cover question words it lacks or when it is too short to stand alone; adjacent
sentences keep a passage verbatim, and a line that counts less (below) does not join one that counts
fully. A list item is quoted with the introduction of its list; when the question asks "Vilka …", a list
is quoted whole. Passages are then chosen greedily: coverage of the question, what they add that the
passages already chosen do not cover, and a bonus for the hit's retrieval rank (the hybrid search ranks
meaning as well as words). The administration's own words count more than a report of the proposal being
answered ("I skrivelsen föreslås …"), a line that names a document or an agenda item, how the chair put
the question ("Ordförande finner …"), or a list of beslutsunderlag. At most two passages per hit. When the
question asks what came of something and no passage is from a document dated after the others, the best
passage of the first such hit joins them (later_step). When no passage shares enough of the question's
words, the sentences closest to it in meaning are quoted (closest_answer, by their vectors); when none is
close either, the answer says so and suggests how to ask instead of quoting noise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.answering.citations import number_by_passage
from bot.answering.model import Answer
from bot.answering.originals import letters as letters_only
from bot.answering.sentences import QuestionMatcher, is_prose, item_starts, stands_in
from bot.documents.sentences import Sentence, split
from bot.index.swedish import CompoundSplitter, words
from bot.retrieval import views
from bot.retrieval.hits import Hit
from bot.retrieval.outcomes import asks_for_outcome

MAX_QUOTES = 5
MAX_PER_HIT = 2
RANK_BOOST = 0.6  # relevance of a passage from the hit ranked r is multiplied by 1 + RANK_BOOST / (1 + r)
# Of the question's weighted terms, for the best passage. A long, paraphrased question ("Vilka former av
# regionalt kultursamarbete pågick redan i Stockholms län fast man stod utanför samverkansmodellen?")
# shares few words with any one passage although retrieval found the right one: at 0.25 five of 24
# blind held-out questions were refused, three of them with the evidence in the top hit; at 0.1 two
# (2026-11-25, bench_answers.py on tests/benchmarks/heldout2_questions.jsonl: answered 19 -> 22, cites
# a relevant file 75 -> 88 %). Off-topic questions are held off by MIN_WORDS and retrieval's relevance
# (15/16 either way); dev and the first held-out set did not change.
MIN_COVERAGE = 0.1
RELATIVE_CUTOFF = 0.5  # a further passage must score at least this share of the best
NEW_TERMS_SHARE = 0.5  # in what order: this share of a passage's worth from question words not yet covered
MIN_GAIN = 0.1  # a neighbour joins when it adds at least this share of the question's weight...
SHORT_WORDS = 12  # ...or when the passage is shorter than this many words (context)
MAX_SENTENCES = 3  # per passage
MAX_PASSAGE_CHARS = 700
MAX_LIST_CHARS = 1200  # a whole list, with its introduction
MIN_WORDS = 2  # of the question's words (or what it asks for), in the best passage: one is chance ("köttbullar")
# A question word in a sentence's section heading, or in its document's title, counts this much for the
# sentence. The title (2026-12-06, 356 questions of twelve sets): at 0.2 / 0.3 / 0.5 the evidence stood in
# 289 / 290 / 292 answers against 285 (at 0.5: 10 gained, 3 lost); on the two sets written blind that
# session, 21 -> 22 and 20 -> 23 of 30, and one more of their 40 off-topic questions answered.
HEADING_CREDIT = 0.5
SECONDARY = 0.6  # weight of a sentence that is not the administration's own statement (see _weights)

# A report of the proposal the statement answers, not what the administration says about it.
_REPORTED = re.compile(r"\b(?:i|enligt) (?:skrivelsen|motionen|initiativet|medborgarförslaget|interpellationen)\b"
                       r"|\bförslagsställar\w*|\bmotionär\w*"
                       r"|\binkom(?:mer|mit)? med (?:en |ett )?(?:skrivelse|motion|initiativ|medborgarförslag)", re.I)
# A question about that proposal itself.
_ASKS_ABOUT_PROPOSAL = re.compile(r"\b(?:skrivelse|motion|initiativ|medborgarförslag|förslagsställar|yrkande)\w*", re.I)
# The politicians' proposals a statement answers (bot/documents/model.py DOC_TYPES).
PROPOSAL_TYPES = {"skrivelse", "motion", "initiativ"}
# ... unless it asks what the administration or the nämnd thinks of it ("Vad tycker förvaltningen om
# initiativet …?", bot/retrieval/views.py): then the proposal is the subject, and their own words are the answer.
# Sections that list documents or recipients rather than say anything.
_UNDERLAG_SECTION = re.compile(r"beslutsunderlag|underlag för beslut|beslutet skickas|bilag", re.I)
# A line with no closing punctuation (a title, an agenda item, a document in a list), or an agenda item.
_UNPUNCTUATED = re.compile(r"[^.!?:;…\"”»']$")
_AGENDA = re.compile(r"\bföredragande\b|\bdokument\s+\d+\s+min\b", re.I)
_PRESENTER = re.compile(r"föredragande:", re.I)  # an agenda item's presenter, on the line after its heading
# How the chair put the question in a protokoll's Beslutsgång: the procedure, not the decision itself.
_PROCEDURE = re.compile(r"^ordförande(?:n)? (?:finner|ställer|frågar|konstaterar)\b", re.I)

# A sentence that says what the administration or the nämnd thinks: in a remissvar, it follows the sentence
# that names the proposal ("I planen nämns att … egna lånekort … Kommunen anser inte att det är relevant.").
_STATES_VIEW = re.compile(r"(?:kommunen|förvaltningen|nämnden|kultur & fritid|vi)\b[^.!?]{0,40}?\b(?:anser|ser (?:positivt"
                          r"|negativt)|bedömer|tycker|ställer sig|delar|välkomnar|instämmer|avstyrker|tillstyrker)\b", re.I)
_LABEL = re.compile(r"^[^:.!?\n]{1,40}:\s+")
# A sentence that points back to the one before it and cannot stand alone.
_LEANS_BACK = re.compile(r"(?:hon|han|hen|de|dem|dessa|detta|denna|därför|därmed|dock|den här|det här|där)\b", re.I)
# A footnote number glued to the end of a sentence or clause ("planering.17 Kulturområdet …").
_FOOTNOTE = re.compile(r"(?<=[^\W\d_][.,;:])\d{1,2}(?=\s|$)")
_PARAGRAPH_BREAK = re.compile(r"\s*\n[ \t]*\n\s*")
Verify = Callable[[Hit, str], bool]  # does this quote stand in the hit's original file?
Place = Callable[[Hit, str, Sequence[str]], "str | None"]  # under which of these headings, in the original?
Closest = Callable[[str, Hit], "list[tuple[str, float]]"]  # a hit's sentences, closest to the question first

ITEM = "  – "  # a list item of a quote, on a line of its own under the quote's bullet (not a Markdown code block)
INTRO = "Det här står i handlingarna (utdrag ur källorna, ingen sammanfattning):"
NOTHING_FOUND = (
    "Jag hittade inget i de indexerade handlingarna som besvarar frågan. "
    "Pröva att formulera om den med andra ord, till exempel med ett ärendes namn, ett diarienummer "
    "eller ett mer precist begrepp."
)


@dataclass
class Quote:
    hit_rank: int
    hit: Hit
    text: str
    score: float  # coverage boosted by the hit's rank
    coverage: float
    credits: tuple[float, ...]  # per question word
    first: int  # sentence indexes [first, last] of the hit
    last: int
    display: str = ""  # the text as the answer shows it (list items on lines of their own)
    sections: tuple[str, ...] = ()  # of the hit's sections, those the passage stands in (when known)

    def shown(self) -> str:
        """As the answer shows it: list items on lines of their own, glued footnote numbers left out."""
        return _FOOTNOTE.sub("", self.display or " ".join(self.text.split()))


def _verified(hit: Hit, s: Sentence, verify: Verify) -> Sentence | None:
    """The sentence if it stands in the original file; else without a "Rubrik: " the reader put in front
    of a table cell, if that does; else None."""
    if verify(hit, s.text):
        return s
    label = _LABEL.match(s.text)
    if label and verify(hit, s.text[label.end():]):
        return Sentence(s.start + label.end(), s.end, s.text[label.end():])
    return None


def _joinable(text: str, a: Sentence | None, b: Sentence | None) -> bool:
    """Adjacent sentences that read as one passage: both prose, nothing but a space or a paragraph break
    between them (not a line break of a list or a table, not a bullet)."""
    if a is None or b is None or not is_prose(a.text) or not is_prose(b.text):
        return False
    between = text[a.end:b.start]
    return not between.strip() and ("\n" not in between or bool(_PARAGRAPH_BREAK.fullmatch(between)))


def _sections(hit: Hit, sentences: list[Sentence]) -> tuple[list[tuple[str, ...]], list[bool]]:
    """For each sentence, the hit's sections it may stand in, and whether it is a section's heading:
    a heading line in the text starts its section; where neighbouring chunks were joined without their
    heading, the sections run together."""
    names = [n for n in (hit.section or "").split("; ") if n]

    def key(text: str) -> str:
        return " ".join(text.split()).rstrip(":").lower()

    index = {key(n): i for i, n in enumerate(names)}
    # a heading line as it stands, with its number ("4. Initiativ …", which the sentence leaves out)
    lines = [key(hit.text[hit.text.rfind("\n", 0, s.start) + 1:s.end]) for s in sentences]
    found = [index.get(line, index.get(key(s.text))) for line, s in zip(lines, sentences)]
    seen = sorted({0} | {i for i in found if i is not None})
    out, current = [], 0
    for i in found:
        current = current if i is None else i
        following = next((i for i in seen if i > current), len(names))
        out.append(tuple(names[current:following]))
    return out, [i is not None for i in found]


def _weights(question: str, sentences: list[Sentence], items: list[bool],
             sections: list[tuple[str, ...]], doc_type: str | None = None) -> list[float]:
    """How much each sentence counts as an answer: 1 for the administration's own statements;
    SECONDARY for a report of the proposal being answered (unless the question is about that proposal),
    the proposal itself when the question asks what the administration thinks of it, a title or agenda
    line, the chair's procedure, and anything under the beslutsunderlag."""
    asks_for_view = views.asks_for_view(question)
    about_proposal = bool(_ASKS_ABOUT_PROPOSAL.search(question)) and not asks_for_view
    the_proposal = asks_for_view and doc_type in PROPOSAL_TYPES
    out = []
    for s, item, secs in zip(sentences, items, sections):
        secondary = (
            the_proposal
            or (not about_proposal and _REPORTED.search(s.text))
            or (not item and (_UNPUNCTUATED.search(s.text) or _AGENDA.search(s.text)))
            or _PROCEDURE.search(s.text)
            or (secs and all(_UNDERLAG_SECTION.search(x) for x in secs))
        )
        out.append(SECONDARY if secondary else 1.0)
    return out


def _list_runs(text: str, sentences: list[Sentence], headings: list[bool]
               ) -> tuple[list[bool], list[bool], list[tuple[int, int, int]]]:
    """Which sentences start a list item (a numbered heading does not), which belong to one, and the
    lists: (first sentence of the introduction, first item, last sentence). The introduction is the
    sentence before the first item when it ends in a colon, with the one before it too when that alone
    is too short to say anything ("Några exempel:"); a list without one starts at its first item."""
    starts = [item and not heading for item, heading in zip(item_starts(text, sentences), headings)]
    in_item: list[bool] = []
    for i, s in enumerate(sentences):
        continued = i > 0 and in_item[i - 1] and "\n" not in text[sentences[i - 1].end:s.start]
        in_item.append(starts[i] or continued)
    runs = []
    i = 0
    while i < len(sentences):
        if not starts[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(sentences) and in_item[j + 1]:
            j += 1
        intro = i
        if i > 0 and not in_item[i - 1] and sentences[i - 1].text.endswith(":"):
            intro = i - 1
            if intro > 0 and not is_prose(sentences[intro].text) and not in_item[intro - 1] \
                    and is_prose(sentences[intro - 1].text):
                intro -= 1
        runs.append((intro, i, j))
        i = j + 1
    return starts, in_item, runs


def _display(text: str, sentences: list[Sentence], starts: list[bool], first: int, last: int) -> str:
    """A passage as the answer shows it: its list items each on a line of their own."""
    parts: list[str] = []
    for i in range(first, last + 1):
        t = " ".join(sentences[i].text.split())
        if starts[i] and i > first:
            parts.append(f"\n{ITEM}{t}")
        else:
            parts.append(f" {t}" if parts else t)
    return "".join(parts)


def _passages(rank: int, hit: Hit, matcher: QuestionMatcher, question: str, sentences: list[Sentence],
              verify: Verify | None, place: Place | None = None, heading_credit: float = HEADING_CREDIT
              ) -> list[Quote]:
    """Every relevant sentence of the hit as a passage, grown by the neighbours that add to it; a list
    item with its list's introduction, and for a question that asks for several things, whole lists."""
    sections, headings = _sections(hit, sentences)
    if place is not None:  # where the hit's text does not tell, the original file may
        for i, secs in enumerate(sections):
            if len(secs) > 1 and (found := place(hit, sentences[i].text, secs)):
                sections[i] = (found,)
    starts, in_item, runs = _list_runs(hit.text, sentences, headings)
    weights = _weights(question, sentences, in_item, sections, hit.doc_type)
    if verify is not None:
        sentences = [_verified(hit, s, verify) for s in sentences]
    own = [matcher.credits(s.text) if s else () for s in sentences]
    # a sentence under a heading that names what the question asks about is partly about it too (the
    # nearest heading before it, where chunks joined without theirs leave its section open), and so is a
    # sentence of a document whose title names it
    def named(heading: str) -> tuple[float, ...]:
        return tuple(heading_credit * c for c in matcher.credits(heading)[: matcher.topic_words]) \
            + (0.0,) * len(matcher.kinds)

    under = {secs[0]: named(secs[0]) for secs in sections if secs}
    titled = named(hit.title) if hit.title else None
    credits = [tuple(map(max, c, under[sections[i][0]])) if c and sections[i] and not headings[i] else c
               for i, c in enumerate(own)]
    if titled is not None:
        credits = [tuple(map(max, c, titled)) if c else c for c in credits]
    boost = 1 + RANK_BOOST / (1 + rank)
    view = views.asks_for_view(question)
    things = matcher.words.index(("?things", ())) if "things" in matcher.kinds else None
    out = []

    def quote(first: int, last: int, have: tuple[float, ...], checked: bool = False) -> Quote | None:
        text = hit.text[sentences[first].start:sentences[last].end]
        if verify is not None and not checked and first != last and not verify(hit, text):
            return None
        cov = matcher.weighted(have)
        weight = min(weights[first:last + 1])
        secs = tuple(dict.fromkeys(x for i in range(first, last + 1) for x in sections[i]))
        shown = _display(hit.text, sentences, starts, first, last) if any(in_item[first:last + 1]) else ""
        return Quote(rank, hit, text, cov * boost * weight, cov, have, first, last, shown, secs)

    def union(first: int, last: int) -> tuple[float, ...]:
        return tuple(max(c) for c in zip(*(credits[i] for i in range(first, last + 1))))

    for intro, first_item, last in runs:
        if any(s is None for s in sentences[intro:first_item]):  # the introduction is not in the file
            intro = first_item
        # the list whole (as far as it fits) when the question asks for several things
        if things is not None and intro < first_item and all(sentences[intro:last + 1]):
            end = last
            while end > first_item and len(hit.text[sentences[intro].start:sentences[end].end]) > MAX_LIST_CHARS:
                end -= 1
            if any(any(credits[i]) for i in range(intro, end + 1)):
                have = list(union(intro, end))
                have[things] = 1.0
                q = quote(intro, end, tuple(have))
                if q:
                    out.append(q)
        # each item, shown after the introduction of its list
        for item in range(first_item, last + 1):
            if not sentences[item] or not starts[item]:
                continue
            end = item  # the item's last sentence
            while end < last and not starts[end + 1]:
                end += 1
            match = next((k for k in range(item, end + 1)
                          if sentences[k] and any(own[k]) and is_prose(sentences[k].text)), None)
            if match is None:
                continue
            # the item from its start; from the sentence that matches when that is further than fits
            i = item if (is_prose(sentences[item].text) and all(sentences[item:match + 1])
                         and len(hit.text[sentences[item].start:sentences[match].end]) <= MAX_PASSAGE_CHARS) else match
            j = i  # the item, as far as it fits
            while j < end and sentences[j + 1] \
                    and len(hit.text[sentences[i].start:sentences[j + 1].end]) <= MAX_PASSAGE_CHARS:
                j += 1
            q = quote(i, j, union(i, j))
            if q and intro < first_item:  # shown after the introduction, the items between left out
                q.credits = tuple(map(max, q.credits, union(intro, first_item - 1)))
                q.coverage = matcher.weighted(q.credits)
                q.score = q.coverage * boost * min(weights[intro:first_item] + weights[i:j + 1])
                lead = _display(hit.text, sentences, starts, intro, first_item - 1)
                q.display = f"{lead}{' …' if i > first_item else ''}\n{ITEM}{q.shown()}"
                q.first = intro  # one item of a list per answer: its introduction is not shown twice
            out.append(q)

    for i, s in enumerate(sentences):
        if not s or in_item[i] or headings[i] or not is_prose(s.text) or not any(own[i]):
            continue
        first = last = i
        have = credits[i]
        if _PRESENTER.match(s.text) and i > 0 and headings[i - 1] and sentences[i - 1]:
            # "Föredragande: …" says who presents the agenda item its heading names: quoted together
            if q := quote(i - 1, i, union(i - 1, i)):
                out.append(q)
                continue
        while last - first + 1 < MAX_SENTENCES:
            options = []
            for j in (first - 1, last + 1):
                if not 0 <= j < len(sentences):
                    continue
                pair = (sentences[j], sentences[first]) if j < first else (sentences[last], sentences[j])
                # a procedural or reported line does not join the administration's own statement
                if not headings[j] and _joinable(hit.text, *pair) and weights[j] >= min(weights[first:last + 1]):
                    joined = tuple(map(max, have, credits[j]))
                    options.append((matcher.weighted(joined) - matcher.weighted(have), j == last + 1, j, joined))
            if not options:
                break
            gain, _, j, joined = max(options)
            preceding = [o for o in options if not o[1]]
            if preceding and _LEANS_BACK.match(sentences[first].text):
                _, _, j, joined = preceding[0]  # "Hon …", "Detta …" need the sentence they point back to
            elif gain < MIN_GAIN:  # nothing worth adding, unless the passage is too short to stand alone...
                following = [o for o in options if o[1]]
                short = len(words(hit.text[sentences[first].start:sentences[last].end])) < SHORT_WORDS
                # ...or the next sentence says what the administration thinks of it, when that is asked
                if not following or not (short or (view and _STATES_VIEW.match(sentences[following[0][2]].text))):
                    break
                _, _, j, joined = following[0]
            a, b = min(j, first), max(j, last)
            text = hit.text[sentences[a].start:sentences[b].end]
            if len(text) > MAX_PASSAGE_CHARS or (verify is not None and not verify(hit, text)):
                break
            first, last, have = a, b, joined
        out.append(quote(first, last, have, checked=True))
    return [q for q in out if q is not None]


def _widest(candidates: list[Quote]) -> list[Quote]:
    """The candidates without those another passage of the same hit holds with the same score: a sentence
    grown by the next one that says no more of the question's words ("… fastställs. Behovet skickas till
    kommunstyrelsen …") reads better whole, and is what a reader wants next."""
    by_hit: dict[int, list[Quote]] = {}
    for q in candidates:
        by_hit.setdefault(q.hit_rank, []).append(q)
    return [q for q in candidates
            if not any(o is not q and len(o.text) > len(q.text) and abs(o.score - q.score) < 1e-9 and q.text in o.text
                       for o in by_hit[q.hit_rank])]


NEAR_REPEAT = 0.8  # share of the shorter passage's words that the other holds, for a near repeat


def _repeats(a: Quote, b: Quote) -> bool:
    """One passage says what the other does: the same words, one within the other (a proposal and the
    decision that repeats it), or nearly so ("X inkommer med initiativ om …" in the protokollsutdrag,
    "X inkom 2023-11-22 med initiativ om …" in the tjänsteskrivelse)."""
    x, y = (letters_only(q.text) for q in (a, b))
    if x in y or y in x:
        return True
    wa, wb = set(words(a.text)), set(words(b.text))
    shorter = min(len(wa), len(wb))
    return shorter >= 8 and len(wa & wb) >= NEAR_REPEAT * shorter


def select_quotes(question: str, hits: Sequence[Hit], max_quotes: int = MAX_QUOTES,
                  min_coverage: float = MIN_COVERAGE, verify: Verify | None = None,
                  max_per_hit: int = MAX_PER_HIT, max_per_source: int | None = None,
                  after: Sequence[Quote] = (), relative_cutoff: float = RELATIVE_CUTOFF,
                  min_words: int = MIN_WORDS, place: Place | None = None,
                  heading_credit: float = HEADING_CREDIT, splitter: CompoundSplitter | None = None) -> list[Quote]:
    """The best passages for `question`, best first; [] when nothing in the hits is about it (no
    passage covers `min_coverage` of it, or `min_words` of its words and answer kinds). `place` tells a sentence's section
    from the original file where the hit's text does not; a question word in that section's heading
    counts `heading_credit` for the sentence. `splitter`: the corpus' compound splitter (QuestionMatcher).

    At most `max_per_hit` passages of one hit and, when given, `max_per_source` of one document.
    `after`: passages already chosen (from other hits): not repeated, and counted in those limits.
    Further passages must score at least `relative_cutoff` of the best one."""
    per_hit = [split(h.text) for h in hits]
    matcher = QuestionMatcher(question, [s.text for ss in per_hit for s in ss], answer_kinds=True, splitter=splitter)
    candidates = [q for r, h in enumerate(hits) for q in _passages(r, h, matcher, question, per_hit[r], verify, place,
                                                                    heading_credit)]
    candidates = _widest(candidates)
    # best first; among equals the higher-ranked hit and the earlier passage
    candidates.sort(key=lambda q: (-q.score, q.hit_rank, q.first))
    if (not candidates or max(q.coverage for q in candidates) < min_coverage
            or max(matcher.matches(q.credits) for q in candidates) < min(min_words, matcher.topic_words)):
        return []
    best = candidates[0].score
    taken = list(after)
    covered = tuple(0.0 for _ in matcher.words)
    for q in taken:
        covered = tuple(map(max, covered, matcher.credits(q.text)))
    chosen: list[Quote] = []

    def allowed(c: Quote) -> bool:
        same_hit = [t for t in taken if t.hit.chunk_id == c.hit.chunk_id]
        return not (
            any(_repeats(c, t) for t in taken)
            or len(same_hit) >= max_per_hit
            or any(c.first <= t.last and t.first <= c.last for t in same_hit)
            or (max_per_source is not None and sum(t.hit.source == c.hit.source for t in taken) >= max_per_source)
        )

    candidates = [c for c in candidates if allowed(c)]
    while candidates and len(chosen) < max_quotes:
        def worth(q: Quote) -> float:
            gain = matcher.weighted(tuple(max(0.0, c - h) for c, h in zip(q.credits, covered)))
            return ((1 - NEW_TERMS_SHARE) * q.coverage + NEW_TERMS_SHARE * gain) * q.score / q.coverage

        # relevant in itself, or adding enough of what the question asks that is not covered yet
        eligible = [q for q in candidates if max(q.score, worth(q)) >= relative_cutoff * best]
        if not eligible:
            break
        q = max(eligible, key=worth)  # max keeps the first of equals: the sort order above
        chosen.append(q)
        taken.append(q)
        covered = tuple(map(max, covered, q.credits))
        candidates = [c for c in candidates if allowed(c)]
    return chosen


def extractive_answer(question: str, hits: Sequence[Hit], *, query: str | None = None,
                      verify: Verify | None = None, place: Place | None = None,
                      splitter: CompoundSplitter | None = None) -> Answer:
    """An answer of quotes from `hits`; `query` (default: the question) is what sentences are scored by.

    Each quote is cited with the section it stands in (as far as the hit's text or, through `place`, the
    original file tells); quotes from the same document section share one number, so the source list
    names it once.
    """
    quotes = select_quotes(query or question, hits, verify=verify, place=place, splitter=splitter)
    if not quotes:
        return nothing_found(question)
    if asks_for_outcome(question):
        quotes += later_step(query or question, hits, quotes, verify=verify, place=place, splitter=splitter)

    def section(q: Quote) -> str | None:
        if len(q.sections) > 1 and place is not None:
            return place(q.hit, q.text, q.sections) or "; ".join(q.sections)
        return "; ".join(q.sections) or q.hit.section

    numbers, citations = number_by_passage([(replace(q.hit, section=section(q)), " ".join(q.text.split()))
                                            for q in quotes])
    lines = [INTRO, ""]
    for q, n in zip(quotes, numbers):
        lines.append(f"• {q.shown()} [{n}]")
    return Answer(question=question, answer="\n".join(lines), mode="extractive", citations=citations)


LATER_REACH = 4  # hits in which a later step of the matter is looked for


def later_step(question: str, hits: Sequence[Hit], quotes: Sequence[Quote], **options) -> list[Quote]:
    """For a question about what came of something ("Hur gick det med …?", bot/retrieval/outcomes.py):
    the best passage of the first of the first LATER_REACH hits that is dated after every quoted one,
    when the quotes hold none; [] when there is no such hit or nothing in it is about the question.
    The passages chosen by how well they match the question are mostly the start of the matter, whose
    words the question repeats; what happened next is in a later document.

    Measured (bench_answers, 2026-12-07): on heldout16-19 (half of each about what came of something),
    the evidence in the answer 79 -> 81 of 120 and a relevant file cited 95 -> 98; on heldout21, written
    after it (20 of its 30 about what came of something), 16 -> 19 and 20 -> 23, none lost; on heldout20
    and on the 476 questions of the older sets no answer changed. outcomes.ASKS_FOR_OUTCOME recognises a
    third to half of such questions (3 of heldout20's 15, 7 of heldout21's 20)."""
    latest = max((q.hit.date or "" for q in quotes), default="")
    later = next((h for h in hits[:LATER_REACH] if h.date and h.date > latest), None)
    if later is None:
        return []
    return select_quotes(question, [later], max_quotes=1, after=quotes, **options)


# When no passage shares enough of the question's words, a hit's sentence this close to the question (on the
# scale of bot/retrieval/relevance.closeness: 0.8 is a cosine of 0.88 for e5) is quoted instead. Measured
# (2026-12-06, e5): on 166 questions of six sets, of the on-topic questions answered "nothing found" with
# the evidence in the first hit, those with a sentence at 0.883 and 0.909 are answered (one at 0.878 is not);
# the off-topic questions that reach this step are at 0.853-0.857. At 0.87, one of 30 questions written
# blind afterwards was answered from the wrong document; at 0.88 none is.
CLOSEST_FLOOR = 0.8
CLOSEST_QUOTES = 2


def closest_answer(question: str, hits: Sequence[Hit], closest: Closest, *, verify: Verify | None = None) -> Answer:
    """An answer of the sentences closest in meaning to the question, one per hit, at most CLOSEST_QUOTES,
    each at least CLOSEST_FLOOR; nothing found when there is none."""
    found = []
    for rank, hit in enumerate(hits):
        for text, similarity in closest(question, hit):
            if similarity < CLOSEST_FLOOR:
                break
            if is_prose(text) and stands_in(text, hit.text) and (verify is None or verify(hit, text)):
                found.append((similarity, rank, hit, text))
                break
    if not found:
        return nothing_found(question)
    found = sorted(found, key=lambda f: (-f[0], f[1]))[:CLOSEST_QUOTES]
    quotes = [(hit, " ".join(text.split())) for _, _, hit, text in found]
    numbers, citations = number_by_passage(quotes)
    lines = [INTRO, ""] + [f"• {_FOOTNOTE.sub('', text)} [{n}]" for (_, text), n in zip(quotes, numbers)]
    return Answer(question=question, answer="\n".join(lines), mode="extractive", citations=citations)


def nothing_found(question: str, note: str | None = None) -> Answer:
    return Answer(question=question, answer=NOTHING_FOUND, mode="extractive", found=False, note=note)
