"""The lexical store: BM25 (bm25s) over Swedish stems, with compounds split into their parts.

Documents are indexed with their stemmed words plus the stemmed parts of their compounds. A query
scores its whole words at full weight and its compound parts at ``PART_WEIGHT``, so "samverkansformer"
finds "samverkansmöte" and "samverkan med kommunerna" without outranking an exact match.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
from collections import Counter
from pathlib import Path

import bm25s
import numpy as np

from bot.index.swedish import CompoundSplitter, content_words, definite_forms, other_forms, other_inflections, stem, words

log = logging.getLogger(__name__)

FORMAT = 1
PART_WEIGHT = 0.5
# "nätverket" also finds "nätverk" (and the other way round; swedish.other_forms), at half weight: at
# full weight the bare form of a common word ("kulturarvet" -> "kulturarv") outweighed the rest of the
# question (blind held-out set: top hit 18/24 -> 16/24); at 0.3-0.5 no question set changed. Coverage
# (relevance) counts either form fully.
OTHER_FORM_WEIGHT = 0.5
QUERY_CACHE = 64  # questions whose words coverage() keeps prepared


class LexicalIndex:
    def __init__(self, ids: list[str], vocab: dict[str, int], data: np.ndarray, indices: np.ndarray,
                 indptr: np.ndarray, splitter: CompoundSplitter):
        self.ids = ids
        self.vocab = vocab  # stem -> column
        self._data = data
        self._indices = indices
        self._indptr = indptr
        self._row = {cid: i for i, cid in enumerate(ids)}
        self.splitter = splitter
        self._by_row: tuple[np.ndarray, np.ndarray] | None = None  # see _terms_by_row
        self._query_cache: dict[str, tuple] = {}  # see _query_words

    def __len__(self) -> int:
        return len(self.ids)

    # --- building ------------------------------------------------------------------------------
    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> LexicalIndex:
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(words(t))
        splitter = CompoundSplitter(dict(counts))
        corpus_tokens = []
        for t in texts:
            whole, parts = splitter.terms(t)
            corpus_tokens.append(whole + parts)
        if ids:
            retriever = bm25s.BM25()
            retriever.index(corpus_tokens, show_progress=False)
            scores = retriever.scores
            data, indices, indptr = scores["data"], scores["indices"], scores["indptr"]
            vocab = {k: int(v) for k, v in retriever.vocab_dict.items()}
        else:
            data = np.zeros(0, dtype=np.float32)
            indices = np.zeros(0, dtype=np.int32)
            indptr = np.zeros(1, dtype=np.int32)
            vocab = {}
        return cls(list(ids), vocab, np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int32),
                   np.asarray(indptr, dtype=np.int64), splitter)

    # --- persistence ---------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        """Write to a temporary folder next to ``directory``, then swap it in."""
        directory = Path(directory)
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = directory.with_name(f".{directory.name}.tmp-{os.getpid()}")
        old = directory.with_name(f".{directory.name}.old")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        np.save(tmp / "data.npy", self._data)
        np.save(tmp / "indices.npy", self._indices)
        np.save(tmp / "indptr.npy", self._indptr)
        (tmp / "ids.json").write_text(json.dumps(self.ids, ensure_ascii=False), encoding="utf-8")
        (tmp / "vocab.json").write_text(json.dumps(self.vocab, ensure_ascii=False), encoding="utf-8")
        (tmp / "words.json").write_text(json.dumps(self.splitter.vocabulary, ensure_ascii=False), encoding="utf-8")
        (tmp / "meta.json").write_text(json.dumps({"format": FORMAT, "chunks": len(self.ids)}), encoding="utf-8")
        for f in tmp.iterdir():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        """The saved index, or None when there is none (or it is unreadable or of another format)."""
        directory = Path(directory)
        if not directory.is_dir():
            old = directory.with_name(f".{directory.name}.old")  # a crash between the two renames
            if not old.is_dir():
                return None
            directory = old
        try:
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                log.warning("lexical index in %s has another format; rebuild it", directory)
                return None
            return cls(
                json.loads((directory / "ids.json").read_text(encoding="utf-8")),
                json.loads((directory / "vocab.json").read_text(encoding="utf-8")),
                np.load(directory / "data.npy"),
                np.load(directory / "indices.npy"),
                np.load(directory / "indptr.npy"),
                # words.json holds only the words the splitter kept
                CompoundSplitter(json.loads((directory / "words.json").read_text(encoding="utf-8")), min_count=1),
            )
        except (OSError, ValueError) as e:
            log.warning("could not read the lexical index in %s: %s", directory, e)
            return None

    # --- searching -----------------------------------------------------------------------------
    def query_terms(self, query: str) -> dict[int, float]:
        """Vocabulary column -> weight for the query's stems (1.0), compound parts (PART_WEIGHT) and the
        other form of its neuter nouns (OTHER_FORM_WEIGHT)."""
        whole, parts = self.splitter.terms(query, open_tail=True)
        whole = whole + self._inflections(query)
        other = [s for w in content_words(query) for s in self._other_form_stems(w)]
        weights: dict[int, float] = {}
        for terms, w in ((parts, PART_WEIGHT), (other, OTHER_FORM_WEIGHT), (whole, 1.0)):
            for t in terms:
                col = self.vocab.get(t)
                if col is not None:
                    weights[col] = max(weights.get(col, 0.0), w)
        return weights

    def _inflections(self, query: str) -> list[str]:
        """For a query word whose stem the index lacks, the stem of another form of it that the index has
        (swedish.other_inflections: "upphörde" finds "upphör")."""
        found = []
        for word in content_words(query):
            if stem(word) in self.vocab:
                continue
            found.extend(next(([s] for s in other_inflections(word) if s in self.vocab), []))
        return found

    def _other_form_stems(self, word: str, forms=other_forms) -> list[str]:
        """Stems of the word's other ``forms`` that the index has (swedish.other_forms: "nätverket" finds
        "nätverk", "motorburna" "motorburen", and the other way round)."""
        own = stem(word)
        return [s for s in dict.fromkeys(stem(f) for f in forms(word)) if s != own and s in self.vocab]

    def unknown_words(self, text: str) -> list[str]:
        """The words of ``text`` (stopwords and numbers aside) that no indexed chunk holds in any form: not
        the word's stem, another inflection, the other form of a neuter noun, nor all the parts of a
        compound ("arvode", "friskvårdsbidraget"; not "biobesök" when "bio" and "besök" are there)."""
        def known(word: str) -> bool:
            if stem(word) in self.vocab or self._inflections(word) or self._other_form_stems(word) \
                    or self._other_form_stems(word, definite_forms):  # "konstgräsmattan": "konstgräsmatta"
                return True
            parts = self.splitter.parts(word, open_tail=True)
            return len(parts) > 1 and all(stem(p) in self.vocab for p in parts)

        return [w for w in dict.fromkeys(content_words(text)) if not w.isdigit() and not known(w)]

    def coverage(self, query: str, text: str) -> float:
        """How much of the query ``text`` contains, 0..1: the share of the query's content words, each
        weighted by its idf, found among the text's stems. A query word missing from the whole index
        weighs the most (it names something the corpus does not hold); a compound found only as its
        parts ("biobesök" -> "bio", "besök") counts PART_WEIGHT, in proportion to the parts found."""
        whole, parts = self.splitter.terms(text)
        return self._coverage(query, set(whole) | set(parts))

    def chunk_coverage(self, query: str, chunk_id: str) -> float | None:
        """coverage() of an indexed chunk's text, read from the index instead of splitting the text
        again (what the index holds of a chunk is exactly its stems and compound parts); None for a
        chunk the index does not hold."""
        row = self._row.get(chunk_id)
        if row is None:
            return None
        starts, terms = self._terms_by_row()
        columns = set(terms[starts[row]:starts[row + 1]].tolist())
        return self._coverage(query, _Columns(self.vocab, columns))

    def _terms_by_row(self) -> tuple[np.ndarray, np.ndarray]:
        """The index turned around, once: for each chunk (row) the vocabulary columns it holds."""
        if self._by_row is None:
            per_term = np.diff(self._indptr)
            term_of_entry = np.repeat(np.arange(len(per_term), dtype=np.int64), per_term)
            order = np.argsort(self._indices, kind="stable")
            starts = np.searchsorted(self._indices[order], np.arange(len(self.ids) + 1))
            self._by_row = (starts, term_of_entry[order])
        return self._by_row

    def _coverage(self, query: str, present) -> float:
        words_ = self._query_words(query)
        total = found = 0.0
        for forms, weight, word_parts in words_:
            total += weight
            if any(f in present for f in forms):
                found += weight
            elif word_parts:
                found += PART_WEIGHT * weight * sum(p in present for p in word_parts) / len(word_parts)
        return found / total if total else 0.0

    def _query_words(self, query: str) -> tuple[tuple[tuple[str, ...], float, tuple[str, ...]], ...]:
        """Per content word of the query, once per query (search judges several hits by it): the stems
        that count as the word (its own, the other form of a neuter noun), its idf, its compound parts."""
        cached = self._query_cache.get(query)
        if cached is None:
            cached = tuple(
                ((stem(w), *self._other_form_stems(w)), self._idf(stem(w)),
                 tuple(stem(p) for p in self.splitter.parts(w, open_tail=True)))
                for w in dict.fromkeys(content_words(query))
            )
            if len(self._query_cache) >= QUERY_CACHE:
                self._query_cache.clear()
            self._query_cache[query] = cached
        return cached

    def _idf(self, term: str) -> float:
        col = self.vocab.get(term)
        n = len(self.ids)
        df = 0 if col is None else int(self._indptr[col + 1] - self._indptr[col])
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk, in ``ids`` order."""
        scores = np.zeros(len(self.ids), dtype=np.float32)
        for col, w in self.query_terms(query).items():
            start, end = self._indptr[col], self._indptr[col + 1]
            np.add.at(scores, self._indices[start:end], w * self._data[start:end])
        return scores

    def search(self, query: str, k: int, allowed_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """The best ``k`` (chunk id, score) with a score above zero, best first."""
        if not self.ids or k <= 0:
            return []
        scores = self.scores(query)
        if allowed_ids is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            rows = [self._row[i] for i in allowed_ids if i in self._row]
            mask[rows] = True
            scores = np.where(mask, scores, 0.0)
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        ordered = candidates[np.argsort(-scores[candidates], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in ordered]


class _Columns:
    """The stems of a chunk, as the vocabulary columns the index holds for it: ``stem in columns``."""

    def __init__(self, vocab: dict[str, int], columns: set[int]):
        self.vocab = vocab
        self.columns = columns

    def __contains__(self, term: str) -> bool:
        return self.vocab.get(term, -1) in self.columns
