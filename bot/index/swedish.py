"""Swedish text for BM25: words, stopwords, stemming and compound splitting.

Swedish writes compounds as one word ("samverkansformer", "biblioteksplan"). A question about
"samverkansformer" should find "samverkansmöte" and "samverkan med kommunerna", so every word is also
split into the known corpus words it is built from, joined by the usual linking morphemes
(-s-, -e-, -a-, -u-): "samverkansformer" -> "samverkan" + "former". The whole word stays a token;
the parts are extra tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import Stemmer

# The Snowball Swedish stop list, plus question words and a few function words that carry no topic.
STOPWORDS = frozenset(
    """
    och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
    henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp
    vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
    detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan
    vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt
    våra ert era vilkas
    vilken vilket vilka varför när var hur vad vem vems
    ska skall får fick kunna kommer också samt enligt bland dels även bara sig sitt
    """.split()
)

LINKING_MORPHEMES = ("s", "e", "a", "u")
SMALL_CORPUS_WORDS = 50_000

# Word-final strings that look like words in a large vocabulary but are inflection endings, never the
# head of a compound ("kommun" + "erna" is not a compound).
_NOT_A_PART = frozenset(
    """
    erna arna orna ande ende aste este ning ningar ningen heten heter ingen igen iska iskt liga ligt
    lighet nde ens ats ades ande are aren arna ast erat erar ernas arnas ornas ella elle ellt ellen
    erad erade erat erats ering eringen ande andet ende endet iska iskt samhet samheten samheter
    """.split()
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_stemmer = Stemmer.Stemmer("swedish")


def words(text: str) -> list[str]:
    """Lower-cased words and numbers, in order (stopwords kept)."""
    return _WORD.findall(text.replace("<br>", " ").lower())


def content_words(text: str) -> list[str]:
    """Words without stopwords."""
    return [w for w in words(text) if w not in STOPWORDS]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball Swedish, applied twice: once is not stable for base forms ("lustgas" -> "lustg" but
    "lustgasen" -> "lustgas", "sektor" -> "sekt" but "sektorer" -> "sektor"); twice brings them together."""
    return _stemmer.stemWord(_stemmer.stemWord(word))


# Past-tense and participle endings of verbs whose stem ends in a consonant ("upphörde", "köpte",
# "höjdes"): Snowball leaves them on ("upphörd"), so the past tense misses the present ("upphör").
_PAST_ENDINGS = ("ades", "des", "tes", "ade", "dde", "tte", "de", "te")


def other_inflections(word: str) -> list[str]:
    """Stems of ``word`` with a past-tense ending taken off, longest ending first ("upphörde" ->
    "upphör"): the forms to try when the index does not know the word's own stem."""
    out = []
    for ending in _PAST_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            s = stem(word[: -len(ending)])
            if s not in out:
                out.append(s)
    return out


_VOWELS = set("aeiouyåäö")


def neuter_forms(word: str) -> list[str]:
    """The other form of a neuter noun, definite <-> bare: "nätverket" -> "nätverk", "ärendet" ->
    "ärende", "programmet" -> "program"; "nätverk" -> "nätverket", "ärende" -> "ärendet". Snowball
    leaves "-et" on many of them ("nätverket" stays "nätverket"), so the two forms of one word would
    not meet. Candidates only: the caller keeps those the corpus has (a word such as "budget" yields
    "budg", which no corpus holds)."""
    out: list[str] = []
    if len(word) >= 4 and word.endswith("et"):
        base = word[:-2]
        out.append(base)  # nätverket, projektet, året
        if base[-1] in "mn" and len(base) >= 4 and base[-1] == base[-2]:
            out.append(base[:-1])  # programmet -> program
        if len(word) >= 5:
            out.append(word[:-1])  # ärendet -> ärende (not "året" -> "åre")
    elif len(word) >= 2 and word.isalpha():
        if word[-1] in _VOWELS:
            out.append(word + "t")  # ärende -> ärendet
        else:
            out.append(word + "et")  # nätverk -> nätverket
            if word[-1] in "mn" and len(word) >= 4:
                out.append(word + word[-1] + "et")  # program -> programmet
    return [w for w in out if len(w) >= 2]


def adjective_forms(word: str) -> list[str]:
    """The other form of an adjective or participle in -en, singular <-> plural: "motorburna" ->
    "motorburen", "antagen" -> "antagna". Snowball stems them apart ("motorbur", "motorburn").
    Candidates only, as neuter_forms."""
    if len(word) >= 5 and word.endswith("na") and word[-3] not in _VOWELS:
        return [word[:-2] + "en"]
    if len(word) >= 5 and word.endswith("en") and word[-3] not in _VOWELS:
        return [word[:-2] + "na"]
    return []


def definite_forms(word: str) -> list[str]:
    """The other form of a noun in -a, bare <-> definite: "konstgräsmattan" -> "konstgräsmatta", "skola" ->
    "skolan". Snowball leaves "-an" on ("skolan" but "skol"). Candidates only, as neuter_forms."""
    if len(word) >= 5 and word.endswith("an") and word[-3] not in _VOWELS:
        return [word[:-1]]
    if len(word) >= 4 and word.endswith("a") and word[-2] not in _VOWELS:
        return [word + "n"]
    return []


def other_forms(word: str) -> list[str]:
    """Candidates for the other forms of ``word`` that Snowball stems apart and that search counts as the
    word (neuter_forms, adjective_forms); the caller keeps those the corpus has. definite_forms is not
    among them: at half weight in BM25 and in full in coverage it answered one more off-topic question
    ("gymnasieskolan" for "gymnasieskola") and put the evidence in one answer fewer (356 questions,
    2026-12-06); it only tells which words the documents hold (LexicalIndex.unknown_words)."""
    return neuter_forms(word) + adjective_forms(word)


def stem_all(ws: Iterable[str]) -> list[str]:
    return [stem(w) for w in ws]


class CompoundSplitter:
    """Split compounds into words known from the corpus.

    ``vocabulary`` maps words to how often they occur. A part must be a known word of at least
    ``min_part`` letters occurring at least ``min_count`` times (default: twice, once in a small corpus); parts may be joined by one linking
    letter. The split with the fewest parts wins, ties go to the longest parts; each part is split
    again, so "kultursamverkansmodellen" yields "kultur", "samverkansmodellen", "samverkan", "modellen".
    """

    def __init__(self, vocabulary: dict[str, int], *, min_part: int = 4, min_count: int | None = None, max_parts: int = 4):
        if min_count is None:
            # a word seen once in a large corpus is as likely OCR noise as a word; in a small one it counts
            min_count = 2 if sum(vocabulary.values()) >= SMALL_CORPUS_WORDS else 1
        self.min_part = min_part
        self.max_parts = max_parts
        self.vocabulary = {
            w: n for w, n in vocabulary.items()
            if n >= min_count and len(w) >= min_part and w.isalpha() and w not in STOPWORDS and w not in _NOT_A_PART
        }
        self.known = frozenset(self.vocabulary)
        # the last part carries the inflection: "samverkansmötet" ends in "mötet" even if only "möte" is known
        self.known_stems = frozenset(stem(w) for w in self.known)
        self._cache: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str], **kwargs) -> CompoundSplitter:
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(words(t))
        return cls(dict(counts), **kwargs)

    def parts(self, word: str, open_tail: bool = False) -> tuple[str, ...]:
        """All parts of ``word`` at every level (not the word itself); () when it is not a compound.

        ``open_tail`` (for queries): when the corpus lacks the word itself, its last part may be a word
        the corpus lacks too ("samverkansformer" in a corpus without "former" still yields
        "samverkan"); a fully known split is preferred.
        """
        # a word the corpus has is split as the corpus' own copies of it were: no open tail
        open_tail = open_tail and word not in self.known and stem(word) not in self.known_stems
        key = (word, open_tail)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        found: list[str] = []
        for p in self._best_split(word, open_tail):
            if p not in found:
                found.append(p)
            for q in self.parts(p, open_tail):
                if q not in found:
                    found.append(q)
        result = tuple(found)
        self._cache[key] = result
        return result

    def _best_split(self, word: str, open_tail: bool = False) -> tuple[str, ...]:
        """The fewest (then most known, then longest) parts, at least two; () when there is none."""
        n = len(word)
        if n < 2 * self.min_part or not word.isalpha():
            return ()
        # suffix[i]: the best split of word[i:] as (parts, unknown parts, -sum of squared known part
        # lengths, letters in unknown parts, parts): fewest parts, most known, longest known, then an
        # unknown tail as short as a linking letter allows ("samverkan|s|former", not "samverkan|sformer")
        suffix: list[tuple[int, int, int, int, tuple[str, ...]] | None] = [None] * (n + 1)
        suffix[n] = (0, 0, 0, 0, ())
        for i in range(n - self.min_part, -1, -1):
            options = []
            for j in range(i + self.min_part, n + 1):
                if i == 0 and j == n:
                    continue
                part = word[i:j]
                unknown = self._part_cost(part, final=j == n, open_tail=open_tail)
                if unknown is None:
                    continue
                known_sq = 0 if unknown else len(part) ** 2
                # go on directly after the part, or over one linking letter (never word-final)
                for k in (j, j + 1) if j + 1 < n and word[j] in LINKING_MORPHEMES else (j,):
                    rest = suffix[k]
                    if rest is not None and rest[0] < self.max_parts:
                        options.append((rest[0] + 1, rest[1] + unknown, rest[2] - known_sq,
                                        rest[3] + unknown * len(part), (part,) + rest[4]))
            suffix[i] = min(options) if options else None
        best = suffix[0]
        return best[4] if best else ()

    def _part_cost(self, part: str, final: bool, open_tail: bool) -> int | None:
        """0 for a known part, 1 for an unknown last part of a query, None when it cannot be a part."""
        if part in self.known:
            return 0
        if not final or part in _NOT_A_PART or part in STOPWORDS:
            return None
        if stem(part) in self.known_stems:
            return 0
        return 1 if open_tail else None

    def terms(self, text: str, open_tail: bool = False) -> tuple[list[str], list[str]]:
        """Stemmed whole words and stemmed compound parts (not already among the whole words)."""
        ws = content_words(text)
        whole = stem_all(ws)
        seen = set(whole)
        parts: list[str] = []
        for w in ws:
            for p in self.parts(w, open_tail):
                s = stem(p)
                if s not in seen:
                    seen.add(s)
                    parts.append(s)
        return whole, parts
