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
    lighet nde ens ats ades ande are aren arna ast erat erar ernas arnas ornas
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

    def parts(self, word: str) -> tuple[str, ...]:
        """All parts of ``word`` at every level (not the word itself); () when it is not a compound."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        found: list[str] = []
        top = self._best_split(word)
        for p in top:
            if p not in found:
                found.append(p)
            for q in self.parts(p):
                if q not in found:
                    found.append(q)
        result = tuple(found)
        self._cache[word] = result
        return result

    def _best_split(self, word: str) -> tuple[str, ...]:
        """The fewest (then longest) known parts, at least two; () when there is none."""
        n = len(word)
        if n < 2 * self.min_part or not word.isalpha():
            return ()
        # suffix[i]: the best split of word[i:] as (number of parts, -sum of squared lengths, parts)
        suffix: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (n + 1)
        suffix[n] = (0, 0, ())
        for i in range(n - self.min_part, -1, -1):
            options = []
            for j in range(i + self.min_part, n + 1):
                part = word[i:j]
                if (i == 0 and j == n) or not self._is_part(part, final=j == n):
                    continue
                # go on directly after the part, or over one linking letter (never word-final)
                for k in (j, j + 1) if j + 1 < n and word[j] in LINKING_MORPHEMES else (j,):
                    rest = suffix[k]
                    if rest is not None and rest[0] < self.max_parts:
                        options.append((rest[0] + 1, rest[1] - len(part) ** 2, (part,) + rest[2]))
            suffix[i] = min(options) if options else None
        best = suffix[0]
        return best[2] if best else ()

    def _is_part(self, part: str, final: bool) -> bool:
        if part in self.known:
            return True
        return final and part not in _NOT_A_PART and part not in STOPWORDS and stem(part) in self.known_stems

    def terms(self, text: str) -> tuple[list[str], list[str]]:
        """Stemmed whole words and stemmed compound parts (not already among the whole words)."""
        ws = content_words(text)
        whole = stem_all(ws)
        seen = set(whole)
        parts: list[str] = []
        for w in ws:
            for p in self.parts(w):
                s = stem(p)
                if s not in seen:
                    seen.add(s)
                    parts.append(s)
        return whole, parts
