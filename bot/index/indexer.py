"""Incremental, crash-safe indexing: files -> statements -> chunks -> vectors, catalog and BM25.

A run walks the paths given, skips files whose size and mtime (else sha256) and chunking rules are
unchanged, and removes files that are gone from a folder it walks. The rest flows through a pipeline:
a reader thread reads and chunks files while the main thread embeds their chunks, and each chunk's
sentences (settings.sentence_vectors), in batches (cached by content hash), stores the chunk vectors
and replaces each file's chunks and sentence vectors in the catalog in one transaction.

Crash safety: a chunk id names its exact text (file key, part, ordinal, content hash), vectors are
written before the catalog row that makes them visible, and stale vectors are deleted after. A run
killed at any moment leaves the catalog with each file either wholly old or wholly new; the next run
re-indexes what was cut off and deletes vectors no catalog chunk names. The BM25 index is rebuilt from
the catalog at the end of any run that changed something.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import shlex
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.config import Settings
from bot.documents import SUPPORTED_SUFFIXES, Statement, UnreadableDocument, read_document, unsupported
from bot.index.catalog import Catalog, FileRecord, utc_now
from bot.index.chunking import Chunk, chunk_statement, chunker_signature
from bot.index.embedders import CachedEmbedder, make_embedder
from bot.index.locations import data_dir, lexical_dir, lock_path, unusable
from bot.index.seed import load_seed

log = logging.getLogger(__name__)

# Files in a folder that describe the folder rather than being one of its documents.
IGNORED_STEMS = {"readme", "manifest", "provenance", "license", "licence", "changelog"}
# Files the operating system or an editor leaves beside documents: never worth a word in the summary.
SYSTEM_FILES = {"thumbs.db", "desktop.ini", "ehthumbs.db"}
# Document formats a person can save as PDF or DOCX from the program that made them.
CONVERTIBLE = {".doc", ".docm", ".dot", ".dotx", ".rtf", ".odt", ".ott", ".pages", ".wpd", ".wps", ".xps",
               ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".htm", ".html", ".msg", ".eml", ".epub"}
NOT_FOUND = "Finns inte."
EMPTY_FOLDER = "Mappen är tom."
GONE_AT_REBUILD = "Finns inte längre, så det som var indexerat därifrån ingår inte i det nya indexet."
NO_CHUNKS = "Filen innehåller ingen text att indexera."


def thousands(x: int) -> str:
    """1 575 -> "1\u00a0575": Swedish digit grouping with a non-breaking space."""
    return f"{x:,}".replace(",", "\u00a0")


class IndexBusy(Exception):
    """Another indexing run holds the data dir."""


@dataclass
class IndexReport:
    indexed: int = 0  # files read, chunked and stored in this run
    skipped: int = 0  # unchanged files
    removed: int = 0  # files gone from disk, removed from the index
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    unsupported: Counter = field(default_factory=Counter)  # suffix -> files of that type left out of a folder
    rebuilt_from: list[str] | None = None  # a rebuild: every path it read (given and indexed before)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, what the reader left out) of files indexed
    chunks: int = 0  # chunks stored in this run
    documents: int = 0  # documents (statements) stored in this run
    embedded: int = 0  # passages actually embedded (not found in the cache)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """The end-of-run summary, in Swedish."""
        n = thousands
        parts = [f"{n(self.indexed)} {'fil indexerad' if self.indexed == 1 else 'filer indexerade'} "
                 f"({n(self.documents)} dokument, {n(self.chunks)} textavsnitt, {n(self.embedded)} nya inbäddningar)",
                 f"{n(self.skipped)} {'oförändrad' if self.skipped == 1 else 'oförändrade'}"]
        if self.removed:
            parts.append(f"{n(self.removed)} {'borttagen' if self.removed == 1 else 'borttagna'}")
        if self.failed:
            parts.append(f"{n(len(self.failed))} misslyckades")
        lines = [f"Klart på {self.seconds:.1f} s: " + ", ".join(parts) + "."]
        if self.rebuilt_from is not None:
            lines.append("Indexet byggdes om från grunden av allt som var indexerat och det som angavs: "
                         + (", ".join(self.rebuilt_from) or "ingenting") + ".")
        lines.extend(self._unsupported_lines())
        if self.warnings:
            lines.append("Indexerade, men med anmärkningar:")
            lines.extend(f"  • {name}: {warning}" for name, warning in self.warnings)
        if self.failed:
            lines.append("Dessa filer kunde inte indexeras:")
            lines.extend(f"  • {name}: {reason}" for name, reason in self.failed)
        return "\n".join(lines)

    def _unsupported_lines(self) -> list[str]:
        """Files of a type Kansli cannot read, found in a folder: counted by type (not failures)."""
        def files(count: int) -> str:
            return f"{thousands(count)} {'fil' if count == 1 else 'filer'}"

        def types(suffixes: list[str]) -> str:
            return ", ".join(s or "utan filändelse" for s in sorted(suffixes, key=lambda s: (-self.unsupported[s], s)))

        documents = [s for s in self.unsupported if s in CONVERTIBLE]
        others = [s for s in self.unsupported if s not in CONVERTIBLE]
        lines = []
        if documents:
            count = sum(self.unsupported[s] for s in documents)
            lines.append(f"{files(count)} hoppades över eftersom Kansli inte kan läsa filtypen ({types(documents)}): "
                         + ("spara den som PDF eller DOCX om den ska gå att söka i." if count == 1 else
                            "spara dem som PDF eller DOCX om de ska gå att söka i."))
        if others:
            count = sum(self.unsupported[s] for s in others)
            lines.append(f"{files(count)} {'till ' if documents else ''}hoppades över eftersom Kansli bara läser "
                         f"PDF, DOCX, Markdown och text ({types(others)}).")
        return lines


@dataclass
class _Task:
    record: FileRecord  # the new record (size, mtime filled; sha256 filled by the reader)
    old: FileRecord | None


@dataclass
class _Ready:
    task: _Task
    statements: list[Statement]
    chunks: list[Chunk]
    texts: list[str]  # what is embedded: each chunk's context text, then its sentences (if any)
    starts: list[int]  # where each chunk's texts begin in `texts`
    vectors: dict[int, np.ndarray] = field(default_factory=dict)  # text position -> vector

    @classmethod
    def of(cls, task: _Task, statements: list[Statement], chunks: list[Chunk], sentences: bool) -> _Ready:
        texts, starts = [], []
        for c in chunks:
            starts.append(len(texts))
            texts.append(c.context_text)
            if sentences:
                texts.extend(c.sentence_texts())
        return cls(task, statements, chunks, texts, starts)

    @property
    def has_all_vectors(self) -> bool:
        return len(self.vectors) == len(self.texts)

    def chunk_vectors(self) -> np.ndarray:
        return np.vstack([self.vectors[i] for i in self.starts])

    def sentence_vectors(self) -> dict[str, np.ndarray]:
        """Chunk id -> its sentences' vectors (none when sentences are not embedded)."""
        ends = self.starts[1:] + [len(self.texts)]
        return {c.id: np.vstack([self.vectors[i] for i in range(a + 1, b)])
                for c, a, b in zip(self.chunks, self.starts, ends) if b > a + 1}


def reader_signature() -> str:
    """A hash of the read step's code (bot/documents), so a new reader re-reads the files."""
    import bot.documents

    h = hashlib.sha1()
    for py in sorted(Path(bot.documents.__file__).parent.glob("*.py")):
        h.update(py.name.encode() + b"\0" + py.read_bytes())
    return h.hexdigest()[:12]


def current_chunker(settings: Settings) -> str:
    """How a file becomes chunks: the reader's code and the chunking rules. A file is re-read when either
    changed (unchanged chunk texts keep their cached embeddings)."""
    return chunker_signature(settings.chunk_max_tokens, settings.chunk_overlap_tokens, settings.chunk_min_tokens,
                             settings.sentence_vectors) + "/" + reader_signature()


def reindex_command(roots: list[str]) -> str:
    """`kansli index` with the folders indexed before, as a person can paste it."""
    return " ".join(["kansli index", *(shlex.quote(r) for r in roots)]) if roots else "kansli index MAPP"


def outdated_files(settings: Settings) -> tuple[int, list[str]]:
    """How many indexed files an older reader or other chunking rules read (after an upgrade), and the
    folders indexed, to re-read them from."""
    catalog = Catalog(settings)
    try:
        return catalog.count_outdated(current_chunker(settings)), catalog.roots()
    finally:
        catalog.close()


def file_key(path: Path) -> str:
    return hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _ignored(name: str) -> bool:
    """Hidden files, Office lock files (~$…), editor backups (…~), system files and the folder's own notes."""
    return (name.startswith((".", "~$")) or name.endswith("~") or name.lower() in SYSTEM_FILES
            or name.split(".")[0].lower() in IGNORED_STEMS)


def _walk(root: Path, unsupported: Counter | None = None) -> Iterable[Path]:
    """The documents in a folder, in order; other files are counted by type in ``unsupported``."""
    unsupported = Counter() if unsupported is None else unsupported
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if _ignored(name):
                continue
            suffix = Path(name).suffix.lower()
            if suffix in SUPPORTED_SUFFIXES:
                yield Path(dirpath) / name
            else:
                unsupported[suffix] += 1


class _Lock:
    """An exclusive lock on the data dir, released by the OS if the process dies."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._f = open(self.path, "a")
        except OSError as e:
            raise unusable(self.path.parent, e) from e
        try:
            fcntl.flock(self._f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._f.close()
            raise IndexBusy(f"En annan indexering pågår redan i {self.path.parent}. Vänta tills den är klar.") from None
        return self

    def __exit__(self, *exc):
        self._f.close()


def index_paths(paths: Iterable[str | Path], settings: Settings, progress: bool = True,
                rebuild: bool = False) -> IndexReport:
    """Index files and folders. Raises EmbedderMismatch, IndexBusy, EmbeddingError, StoreUnavailable."""
    started = time.monotonic()
    paths = [Path(p) for p in paths]
    with _Lock(lock_path(settings)):
        catalog = Catalog(settings)
        try:
            return _Run(settings, catalog, progress, rebuild).run(paths, started)
        finally:
            catalog.close()


def ensure_index(settings: Settings, progress: bool = True) -> IndexReport | None:
    """Index the sample corpus (settings.knowledge_dir) when nothing is indexed yet."""
    catalog = Catalog(settings)
    try:
        if catalog.count_documents() > 0:
            return None
    finally:
        catalog.close()
    knowledge = Path(settings.knowledge_dir)
    if not knowledge.is_dir():
        return None
    print(f"Indexet är tomt: indexerar exempelsamlingen i {knowledge} …", file=sys.stderr)
    report = index_paths([knowledge], settings, progress=progress)
    print(report.summary(), file=sys.stderr)
    return report


class _Run:
    def __init__(self, settings: Settings, catalog: Catalog, progress: bool, rebuild: bool):
        self.settings = settings
        self.catalog = catalog
        self.rebuild = rebuild
        self.progress = progress and sys.stderr.isatty()
        self.report = IndexReport()
        self.chunker = current_chunker(settings)
        self.batch_size = max(1, settings.embedding_batch_size)
        self._store = None
        self._embedder: CachedEmbedder | None = None
        self.changed = False  # the set of catalog chunks changed: rebuild BM25

    # --- lazily opened parts (an unchanged run never loads chromadb or the model) ---------------
    @property
    def embedder(self) -> CachedEmbedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.settings)
        return self._embedder

    @property
    def store(self):
        if self._store is None:
            from bot.index.vector_store import VectorStore

            self._store = VectorStore(self.settings, self.embedder.name, self.embedder.dim)
        return self._store

    # --- the run --------------------------------------------------------------------------------
    def run(self, paths: list[Path], started: float) -> IndexReport:
        report = self.report
        embedder_name = self.embedder.name
        if self.rebuild:
            from bot.index.vector_store import VectorStore

            paths = self._everything_indexed(paths)
            self.catalog.clear()
            self._store = VectorStore(self.settings, embedder_name, self.embedder.dim, rebuild=True)
        self.catalog.check_embedder(embedder_name)
        run_id, interrupted = self.catalog.start_run([os.path.abspath(p.expanduser()) for p in paths])
        state = "failed"
        try:
            tasks, gone = self._scan(paths)
            if gone:
                self.store.delete(self.catalog.remove_files(gone))
                report.removed = len(gone)
                self.changed = True
            if tasks:
                for root in paths:  # vectors shipped with a folder are not computed again (seed.py)
                    if root.is_dir() and (n := load_seed(root, self.embedder)):
                        log.info("%d shipped embeddings loaded from %s", n, root)
                self._process(tasks)
            if interrupted:
                self._sweep()
            if self.changed or interrupted or self.rebuild or not lexical_dir(self.settings).is_dir():
                self._rebuild_lexical()
            state = "done"
        finally:
            if self._embedder is not None:
                report.embedded = self._embedder.embedded
            report.seconds = time.monotonic() - started
            self.catalog.finish_run(run_id, indexed=report.indexed, skipped=report.skipped, removed=report.removed,
                                    failures=report.failed, chunks=report.chunks, embedded=report.embedded,
                                    seconds=report.seconds, state=state)
        return report

    def _everything_indexed(self, paths: list[Path]) -> list[Path]:
        """For a rebuild: the paths given and every path indexed before, minus those gone (reported)."""
        given = {os.path.abspath(p.expanduser()) for p in paths}
        roots = list(paths)
        last = self.catalog.last_run()
        # A rebuild killed after clearing the catalog: what it was reading (runs record absolute paths).
        cut_off = [p for p in last["paths"] if os.path.isabs(p)] if last and last["state"] != "done" else []
        for root in dict.fromkeys(self.catalog.roots() + cut_off):
            if root in given:
                continue
            given.add(root)
            if os.path.exists(root):
                roots.append(Path(root))
            else:
                self.report.failed.append((root, GONE_AT_REBUILD))
        self.report.rebuilt_from = [os.path.abspath(p.expanduser()) for p in roots]
        return roots

    def _scan(self, paths: list[Path]) -> tuple[list[_Task], list[str]]:
        """Files to (re)index, and keys of files gone from disk. Unchanged files only count as skipped."""
        known = self.catalog.files()
        tasks: list[_Task] = []
        gone: list[str] = []
        seen: set[str] = set()
        for given in paths:
            root = Path(os.path.abspath(given.expanduser()))
            if not root.exists():  # moved, mistyped, or a share that is not mounted: keep what it held
                self.report.failed.append((str(given), _kept(NOT_FOUND, self.catalog.file_keys_under(str(root)))))
                continue
            if root.is_file():
                if root.suffix.lower() not in SUPPORTED_SUFFIXES:
                    self.report.failed.append((root.name, unsupported(root.suffix.lower())))
                    continue
                found = [(root, root.name)]
            else:
                found = [(p, p.relative_to(root).as_posix()) for p in _walk(root, self.report.unsupported)]
            walked = set()
            for path, source in found:
                key = file_key(path)
                walked.add(key)
                if key in seen:
                    continue
                seen.add(key)
                st = path.stat()
                old = known.get(key)
                record = FileRecord(file_key=key, path=str(path), root=str(root), source=source,
                                    size=st.st_size, mtime_ns=st.st_mtime_ns, chunker=self.chunker)
                if (old and old.status == "indexed" and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns
                        and old.chunker == self.chunker and old.source == source):
                    self.report.skipped += 1
                else:
                    tasks.append(_Task(record, old))
            if root.is_dir():
                missing = [k for k in self.catalog.file_keys_under(str(root)) if k not in walked and k not in seen]
                if missing and not walked:  # an empty folder, like the mount point of a share not mounted
                    self.report.failed.append((str(given), _kept(EMPTY_FOLDER, missing)))
                else:
                    gone.extend(missing)
        return tasks, gone

    # --- the pipeline -------------------------------------------------------------------------
    def _read(self, task: _Task):
        """Read and chunk one file (in the reader thread): a _Ready, or a reason it failed, or None if unchanged."""
        record, old = task.record, task.old
        path = Path(record.path)
        try:
            record.sha256 = _sha256(path)
        except OSError as e:
            return f"Filen kunde inte läsas ({e.strerror or 'okänt fel'})."
        if (old and old.status == "indexed" and old.sha256 == record.sha256 and old.chunker == record.chunker
                and old.source == record.source):
            return None  # touched, not changed
        try:
            statements = read_document(path, record.source)
            chunks = []
            for s in statements:
                chunks.extend(chunk_statement(s, record.file_key, self.settings.chunk_max_tokens,
                                              self.settings.chunk_overlap_tokens, self.settings.chunk_min_tokens))
        except UnreadableDocument as e:
            return str(e) or "Filen kunde inte läsas."
        except Exception as e:  # a reader bug must not stop the run: report it and go on
            log.exception("reading %s failed", record.source)
            return f"Filen kunde inte läsas ({type(e).__name__})."
        if not chunks:
            return NO_CHUNKS
        return _Ready.of(task, statements, chunks, self.settings.sentence_vectors)

    def _process(self, tasks: list[_Task]) -> None:
        results: queue.Queue = queue.Queue(maxsize=16)
        stop = threading.Event()

        def reader():
            try:
                for task in tasks:
                    if stop.is_set():
                        return
                    try:
                        result = self._read(task)
                    except Exception as e:  # never lose the rest of the run to one file
                        log.exception("reading %s failed", task.record.source)
                        result = f"Filen kunde inte läsas ({type(e).__name__})."
                    results.put((task, result))
            finally:
                results.put(None)

        thread = threading.Thread(target=reader, name="kansli-reader", daemon=True)
        thread.start()
        bar = _Progress(self.progress, tasks)
        pending: list[_Ready] = []  # read, waiting for vectors, in order
        todo: list[tuple[_Ready, int]] = []  # (file, text position) still to embed
        try:
            with bar:
                done_reading = False
                while True:
                    while not done_reading and len(todo) < self.batch_size:
                        try:  # never leave the embedder idle waiting for the reader
                            item = results.get(block=not todo)
                        except queue.Empty:
                            break
                        if item is None:
                            done_reading = True
                        else:
                            self._take(*item, pending, todo, bar)
                            if not todo:  # wholly cached files
                                self._commit(pending, bar)
                    if not todo:
                        break
                    batch, todo = todo[:self.batch_size], todo[self.batch_size:]
                    vectors = self.embedder.embed_passages([ready.texts[i] for ready, i in batch])
                    for (ready, i), v in zip(batch, vectors):
                        ready.vectors[i] = v
                    bar.embedded(len(batch))
                    self._commit(pending, bar)
                self._commit(pending, bar, force=True)
        finally:
            stop.set()
            while thread.is_alive():  # unblock the reader if it waits on a full queue
                try:
                    results.get_nowait()
                except queue.Empty:
                    thread.join(0.05)

    def _take(self, task: _Task, result, pending: list[_Ready], todo: list, bar: "_Progress") -> None:
        if result is None:  # content unchanged: remember the new mtime
            self.catalog.update_file(task.record if task.old is None else _touched(task.old, task.record))
            self.report.skipped += 1
            bar.file_done(task.record.size)
        elif isinstance(result, str):
            self._fail(task, result)
            bar.file_done(task.record.size)
        else:
            cached = self.embedder.cached(result.texts)
            result.vectors.update(cached)
            todo.extend((result, i) for i in range(len(result.texts)) if i not in cached)
            pending.append(result)

    def _commit(self, pending: list[_Ready], bar: "_Progress", force: bool = False) -> None:
        """Store the leading files whose texts all have vectors: chunk vectors first, then the catalog
        (chunks and sentence vectors).

        Waits until they hold a batch worth of chunks (each store call has a fixed cost), unless forced.
        """
        n = 0
        while n < len(pending) and pending[n].has_all_vectors:
            n += 1
        if n == 0 or (not force and sum(len(r.chunks) for r in pending[:n]) < self.batch_size):
            return
        ready, pending[:n] = pending[:n], []
        ids = [c.id for r in ready for c in r.chunks]
        metas = [{"file_key": r.task.record.file_key} for r in ready for _ in r.chunks]
        self.store.upsert(ids, np.vstack([r.chunk_vectors() for r in ready]), metas)
        now = utc_now()
        items = []
        for r in ready:
            rec = r.task.record
            rec.status, rec.error, rec.indexed_at = "indexed", None, now
            rec.documents, rec.chunks = len(r.statements), len(r.chunks)
            items.append((rec, r.statements, r.chunks, r.sentence_vectors()))
        stale = self.catalog.replace_files(items)
        self.changed = True
        if stale:
            self.store.delete(stale)
        for r in ready:
            self.report.indexed += 1
            self.report.warnings.extend((r.task.record.source, w) for s in r.statements for w in s.warnings)
            self.report.documents += len(r.statements)
            self.report.chunks += len(r.chunks)
            bar.file_done(r.task.record.size, len(r.chunks))

    def _fail(self, task: _Task, reason: str) -> None:
        rec = task.record
        rec.status, rec.error, rec.indexed_at = "failed", reason, utc_now()
        self.report.failed.append((rec.source, reason))
        stale = self.catalog.replace_files([(rec, [], [], {})])  # a changed file that no longer reads: drop its chunks
        if stale:
            self.store.delete(stale)
            self.changed = True

    # --- after the run ------------------------------------------------------------------------
    def _sweep(self) -> None:
        """Delete vectors that no catalog chunk names (left by a run that was cut off)."""
        orphans = self.store.all_ids() - self.catalog.chunk_ids()
        if orphans:
            log.info("deleting %d vectors left by an interrupted run", len(orphans))
            self.store.delete(sorted(orphans))

    def _rebuild_lexical(self) -> None:
        try:
            from bot.index.lexical import LexicalIndex
        except ImportError as e:  # the lexical store is not there yet: dense search still works
            log.warning("BM25 index not built: %s", e)
            return
        logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets itself to DEBUG on import
        chunks = list(self.catalog.iter_chunks())
        LexicalIndex.build([c.id for c in chunks], [c.context_text for c in chunks]).save(lexical_dir(self.settings))


def _kept(problem: str, keys: list[str]) -> str:
    """The reason for a path given that is missing or empty, saying that what it held stays indexed."""
    if not keys:
        return problem
    if len(keys) == 1:
        held, gone = "Filen som redan var indexerad därifrån finns kvar", "Är filen borttagen med avsikt tar " \
            "kansli index --rebuild bort den"
    else:
        held, gone = (f"De {thousands(len(keys))} filer som redan var indexerade därifrån finns kvar",
                      "Är filerna borttagna med avsikt tar kansli index --rebuild bort dem")
    return (f"{problem} {held} i indexet. Kontrollera sökvägen och att nätverksmappen är ansluten. "
            f"{gone} ur indexet.")


def _touched(old: FileRecord, new: FileRecord) -> FileRecord:
    old.size, old.mtime_ns = new.size, new.mtime_ns
    return old


class _Progress:
    """A rich progress bar on stderr (files, chunks, rate, ETA by bytes), or nothing."""

    def __init__(self, enabled: bool, tasks: list[_Task], console=None):
        self.enabled = enabled
        self.console = console  # a rich Console (default: stderr)
        self.total = sum(t.record.size or 0 for t in tasks)
        self.files_total = len(tasks)
        self.files = 0
        self.chunks = 0
        self.n_embedded = 0
        self.t0 = time.monotonic()
        self._p = None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn
            from rich.text import Text

            class Times(ProgressColumn):
                def render(self, task) -> Text:
                    return Text(_times(task.elapsed or 0.0, 0.0 if task.finished else task.time_remaining),
                                style="progress.remaining")

            self._p = Progress(
                TextColumn("Indexerar"), BarColumn(),
                TextColumn("{task.fields[files]}/{task.fields[files_total]} filer"),
                TextColumn("{task.fields[chunks]} textavsnitt"),
                TextColumn("{task.fields[rate]} inbäddningar/s"),
                Times(),
                console=self.console or Console(stderr=True), transient=False,
            )
            self._p.__enter__()
            self._task = self._p.add_task("index", total=max(self.total, 1), files=0, files_total=self.files_total,
                                          chunks=0, rate="0,0")
        return self

    def __exit__(self, *exc):
        if self._p is not None:
            self._p.__exit__(*exc)

    def embedded(self, n: int) -> None:
        self.n_embedded += n
        self._update(0)

    def file_done(self, size: int | None, chunks: int = 0) -> None:
        self.files += 1
        self.chunks += chunks
        self._update(size or 0)

    def _update(self, advance: int) -> None:
        if self._p is not None:
            rate = self.n_embedded / max(time.monotonic() - self.t0, 1e-6)
            self._p.update(self._task, advance=advance, files=self.files, chunks=self.chunks,
                           rate=f"{rate:.1f}".replace(".", ","))


def _times(elapsed: float, remaining: float | None) -> str:
    """The progress bar's clock, e.g. "tid 0:12 · kvar ca 1:30" (remaining None: not known yet)."""
    def clock(seconds: float) -> str:
        s = int(seconds)
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"

    return f"tid {clock(elapsed)} · kvar " + ("beräknas" if remaining is None else f"ca {clock(remaining)}")


def index_status(settings: Settings) -> dict:
    """What is indexed, for `kansli status` (cheap: reads the catalog only)."""
    from bot.index.embedders import configured_embedder_name
    from bot.index.locations import catalog_path
    from bot.index.vector_store import store_location

    catalog = Catalog(settings)
    try:
        run = catalog.last_run()
        if run:
            run = {k: run[k] for k in ("started", "finished", "state", "paths", "indexed", "skipped", "removed",
                                       "failed", "chunks", "embedded", "seconds")} | {
                "failures": [{"file": f, "reason": r} for f, r in run["failures"]]}
        return {
            "documents": catalog.count_documents(),
            "chunks": catalog.count_chunks(),
            "sentences": catalog.count_sentences(),
            "files": catalog.count_files("indexed"),
            # read by an older reader or other chunking rules (an upgrade): `kansli index` re-reads them
            "outdated_files": catalog.count_outdated(current_chunker(settings)),
            "roots": catalog.roots(),
            "failed_files": [{"file": f, "reason": r} for f, r in catalog.failed_files()],
            "embedding_model": catalog.embedder_name,
            "configured_embedding_model": configured_embedder_name(settings),
            "store": store_location(settings),
            "catalog": str(catalog_path(settings)),
            "data_dir": str(data_dir(settings)),
            "last_run": run,
        }
    finally:
        catalog.close()
