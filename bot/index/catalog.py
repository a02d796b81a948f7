"""The catalog: sqlite in the data dir, the source of truth for what is indexed.

It holds every indexed file (with size, mtime and sha256, to skip unchanged files), its documents, its
chunks (the text shown and quoted) with the vectors of their sentences, and the indexing runs. A file's
chunks are replaced in one transaction, so a search that trusts only catalog chunks never sees half a
document. The vector store and the BM25 index may hold ids the catalog does not (a run killed in
between): ignore those.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import datetime, timezone

import numpy as np

from bot.config import Settings
from bot.documents.model import Person, Statement
from bot.index.chunking import Chunk
from bot.index.locations import catalog_path, data_dir, ensure_data_dir, unusable
from bot.index.vector_store import EmbedderMismatch, mismatch_message

CHUNK_FIELDS = tuple(f.name for f in fields(Chunk))

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    file_key TEXT PRIMARY KEY, path TEXT NOT NULL, root TEXT NOT NULL, source TEXT NOT NULL,
    sha256 TEXT, size INTEGER, mtime_ns INTEGER, chunker TEXT, status TEXT NOT NULL, error TEXT,
    documents INTEGER NOT NULL DEFAULT 0, chunks INTEGER NOT NULL DEFAULT 0, indexed_at TEXT);
CREATE TABLE IF NOT EXISTS documents (
    file_key TEXT NOT NULL, part INTEGER NOT NULL, source TEXT NOT NULL, title TEXT, dnr TEXT, date TEXT,
    year INTEGER, doc_type TEXT, organisation TEXT, url TEXT, authors TEXT, signatories TEXT,
    page_start INTEGER, page_end INTEGER, PRIMARY KEY (file_key, part));
CREATE TABLE IF NOT EXISTS chunks (
    {", ".join(("id TEXT PRIMARY KEY", "file_key TEXT NOT NULL", "year INTEGER") + tuple(f for f in CHUNK_FIELDS if f != "id"))});
CREATE INDEX IF NOT EXISTS chunks_by_file ON chunks (file_key, part, ordinal);
CREATE TABLE IF NOT EXISTS sentence_vectors (
    chunk_id TEXT PRIMARY KEY, file_key TEXT NOT NULL, dim INTEGER NOT NULL, vectors BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS sentence_vectors_by_file ON sentence_vectors (file_key);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT, state TEXT NOT NULL, paths TEXT,
    indexed INTEGER, skipped INTEGER, removed INTEGER, failed INTEGER, chunks INTEGER, embedded INTEGER,
    seconds REAL, failures TEXT);
"""


@dataclass
class FileRecord:
    file_key: str
    path: str  # absolute
    root: str  # the PATH given to `kansli index` (absolute)
    source: str  # path relative to root (a file given directly: its name)
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    chunker: str | None = None
    status: str = "indexed"  # or "failed"
    error: str | None = None
    documents: int = 0
    chunks: int = 0
    indexed_at: str | None = None


def utc_now() -> str:
    """Now, as the catalog writes times: ISO 8601 in UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and len(date) >= 4 and date[:4].isdigit() else None


def _fold(s: str | None) -> str | None:
    return s.casefold() if s is not None else None


def dnr_key(s: str | None) -> str | None:
    """A diarienummer as the catalog compares it: case and spaces ignored."""
    return "".join(s.split()).casefold() if s else None


class Catalog:
    def __init__(self, settings: Settings):
        self.path = catalog_path(settings)
        ensure_data_dir(settings)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(self.path, timeout=60, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            with self._lock:
                self._db.executescript(_SCHEMA)
        except sqlite3.OperationalError as e:  # a data dir Kansli may not write in, or not a database
            if "locked" in str(e):
                raise
            raise unusable(data_dir(settings)) from e
        self._db.create_function("fold", 1, _fold, deterministic=True)
        self._db.create_function("dnr_key", 1, dnr_key, deterministic=True)

    def close(self) -> None:
        self._db.close()

    def _transaction(self):
        return _Transaction(self._db, self._lock)

    def _rows(self, sql: str, args=()) -> list[tuple]:
        with self._lock:  # never read another thread's open transaction
            return self._db.execute(sql, args).fetchall()

    # --- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def embedder_name(self) -> str | None:
        return self.get_meta("embedder")

    def check_embedder(self, name: str) -> None:
        """Refuse an embedder other than the one the indexed chunks were embedded with."""
        built = self.embedder_name
        if built is None or self.count_chunks() == 0:
            self.set_meta("embedder", name)
        elif built != name:
            raise EmbedderMismatch(mismatch_message(built, name))

    def clear(self) -> None:
        """Forget every file, document and chunk (a rebuild); runs are kept."""
        with self._transaction() as db:
            db.execute("DELETE FROM chunks")
            db.execute("DELETE FROM sentence_vectors")
            db.execute("DELETE FROM documents")
            db.execute("DELETE FROM files")
            db.execute("DELETE FROM meta WHERE key = 'embedder'")

    # --- files ------------------------------------------------------------------------------
    def files(self) -> dict[str, FileRecord]:
        rows = self._rows(f"SELECT {', '.join(f.name for f in fields(FileRecord))} FROM files")
        return {r[0]: FileRecord(*r) for r in rows}

    def roots(self) -> list[str]:
        """The paths given to `kansli index` that files were indexed from, first indexed first."""
        return [r[0] for r in self._rows("SELECT root FROM files GROUP BY root ORDER BY MIN(rowid)")]

    def file_keys_under(self, directory: str) -> list[str]:
        """Files recorded at or under an absolute path (for removing files gone from disk)."""
        prefix = directory.rstrip("/") + "/"
        rows = self._rows("SELECT file_key FROM files WHERE path = ? OR substr(path, 1, ?) = ?",
                          (directory, len(prefix), prefix))
        return [r[0] for r in rows]

    def replace_files(self, items: Iterable[tuple[FileRecord, list[Statement], list[Chunk], dict[str, np.ndarray]]]
                      ) -> list[str]:
        """Replace each file's documents, chunks and their sentence vectors (chunk id -> one row per
        sentence) with new ones in one transaction.

        Returns the ids of chunks that are gone (to delete from the vector store).
        """
        gone: list[str] = []
        with self._transaction() as db:
            for record, statements, chunks, sentence_vectors in items:
                old = {r[0] for r in db.execute("SELECT id FROM chunks WHERE file_key = ?", (record.file_key,))}
                gone.extend(old - {c.id for c in chunks})
                for table in ("chunks", "sentence_vectors", "documents"):
                    db.execute(f"DELETE FROM {table} WHERE file_key = ?", (record.file_key,))
                db.executemany(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(record.file_key, s.part, record.source, s.title, s.dnr, s.date, _year(s.date), s.doc_type,
                      s.organisation, s.url, json.dumps([vars(p) for p in s.authors], ensure_ascii=False),
                      json.dumps([vars(p) for p in s.signatories], ensure_ascii=False), s.page_start, s.page_end)
                     for s in statements],
                )
                db.executemany(
                    f"INSERT OR REPLACE INTO chunks (file_key, year, {', '.join(CHUNK_FIELDS)}) "
                    f"VALUES ({', '.join('?' * (len(CHUNK_FIELDS) + 2))})",
                    [(record.file_key, _year(c.date)) + tuple(getattr(c, f) for f in CHUNK_FIELDS) for c in chunks],
                )
                db.executemany(
                    "INSERT OR REPLACE INTO sentence_vectors (chunk_id, file_key, dim, vectors) VALUES (?, ?, ?, ?)",
                    [(cid, record.file_key, int(v.shape[1]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                     for cid, v in sentence_vectors.items()],
                )
                self._put_file(db, record)
        return gone

    def update_file(self, record: FileRecord) -> None:
        """Record a file's new size/mtime when its content did not change."""
        with self._transaction() as db:
            self._put_file(db, record)

    def remove_files(self, file_keys: Iterable[str]) -> list[str]:
        """Forget files; returns their chunk ids (to delete from the vector store)."""
        gone: list[str] = []
        with self._transaction() as db:
            for key in file_keys:
                gone.extend(r[0] for r in db.execute("SELECT id FROM chunks WHERE file_key = ?", (key,)))
                for table in ("chunks", "sentence_vectors", "documents", "files"):
                    db.execute(f"DELETE FROM {table} WHERE file_key = ?", (key,))
        return gone

    @staticmethod
    def _put_file(db, record: FileRecord) -> None:
        names = [f.name for f in fields(FileRecord)]
        db.execute(f"INSERT OR REPLACE INTO files ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                   tuple(getattr(record, n) for n in names))

    # --- chunks (what retrieval reads) ------------------------------------------------------
    def _chunk(self, row) -> Chunk:
        return Chunk(**dict(zip(CHUNK_FIELDS, row)))

    def _rows_for(self, select: str, column: str, ids: Iterable[str]) -> Iterator[tuple]:
        """``select`` (a query without WHERE) for the rows whose ``column`` is one of ``ids``, 500 at a time."""
        ids = list(ids)
        for i in range(0, len(ids), 500):
            batch = ids[i:i + 500]
            yield from self._rows(f"{select} WHERE {column} IN ({','.join('?' * len(batch))})", batch)

    def get_chunks(self, ids: Iterable[str]) -> dict[str, Chunk]:
        return {row[0]: self._chunk(row)
                for row in self._rows_for(f"SELECT {', '.join(CHUNK_FIELDS)} FROM chunks", "id", ids)}

    def sentence_vectors(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        """Chunk id -> the vectors of its sentences (one row each), for the chunks that have them."""
        rows = self._rows_for("SELECT chunk_id, dim, vectors FROM sentence_vectors", "chunk_id", ids)
        return {cid: np.frombuffer(blob, dtype=np.float32).reshape(-1, dim) for cid, dim, blob in rows}

    def iter_chunks(self) -> Iterator[Chunk]:
        """Every chunk, in file, part and ordinal order."""
        for row in self._rows(f"SELECT {', '.join(CHUNK_FIELDS)} FROM chunks ORDER BY file_key, part, ordinal"):
            yield self._chunk(row)

    def document_chunks(self, source: str, part: int) -> list[Chunk]:
        """The chunks of one document (statement), in order."""
        rows = self._rows(f"SELECT {', '.join(CHUNK_FIELDS)} FROM chunks WHERE source = ? AND part = ? "
                          "ORDER BY ordinal", (source, part))
        return [self._chunk(r) for r in rows]

    def chunk_ids(self) -> set[str]:
        return {r[0] for r in self._rows("SELECT id FROM chunks")}

    def filter_chunk_ids(self, year_from: int | None = None, year_to: int | None = None,
                         doc_types: Iterable[str] = (), dnr: str | None = None, organisation: str | None = None,
                         source_prefix: str | None = None) -> set[str]:
        """Ids of the chunks that pass every filter given (a filter left out passes everything).

        Year bounds are inclusive (a chunk with no date fails them); document types are compared in lower
        case; the diarienummer ignoring case and spaces; the organisation as a case-insensitive substring;
        ``source_prefix`` is a folder (or file) of the sources.
        """
        where, args = [], []
        if year_from is not None:
            where.append("year >= ?")
            args.append(year_from)
        if year_to is not None:
            where.append("year <= ?")
            args.append(year_to)
        types = [t.casefold() for t in doc_types or ()]
        if types:
            where.append(f"fold(doc_type) IN ({','.join('?' * len(types))})")
            args.extend(types)
        if dnr:
            where.append("dnr_key(dnr) = ?")
            args.append(dnr_key(dnr))
        if organisation:
            where.append("instr(fold(organisation), ?) > 0")
            args.append(organisation.casefold())
        if source_prefix:
            prefix = source_prefix.strip().strip("/")
            where.append("(source = ? OR substr(source, 1, ?) = ?)")
            args.extend([prefix, len(prefix) + 1, prefix + "/"])
        sql = "SELECT id FROM chunks" + (" WHERE " + " AND ".join(where) if where else "")
        return {r[0] for r in self._rows(sql, args)}

    def chunk_ids_by_dnr(self) -> dict[str, set[str]]:
        """Chunk ids per diarienummer (by dnr_key), for look-ups many times a second."""
        out: dict[str, set[str]] = {}
        for cid, dnr in self._rows("SELECT id, dnr FROM chunks WHERE dnr IS NOT NULL"):
            out.setdefault(dnr_key(dnr), set()).add(cid)
        return out

    def count_chunks(self) -> int:
        return self._rows("SELECT COUNT(*) FROM chunks")[0][0]

    def count_sentences(self) -> int:
        """Sentences with a vector of their own (0 when KANSLI_SENTENCE_VECTORS was off)."""
        return self._rows("SELECT COALESCE(SUM(length(vectors) / (4 * dim)), 0) FROM sentence_vectors")[0][0]

    def count_documents(self) -> int:
        return self._rows("SELECT COUNT(*) FROM documents")[0][0]

    def count_files(self, status: str | None = None) -> int:
        if status:
            return self._rows("SELECT COUNT(*) FROM files WHERE status = ?", (status,))[0][0]
        return self._rows("SELECT COUNT(*) FROM files")[0][0]

    def document_people(self, documents: Iterable[tuple[str, int]]
                        ) -> dict[tuple[str, int], tuple[list[Person], list[Person]]]:
        """(source, part) -> the document's authors and its signatories."""
        wanted = set(documents)
        rows = self._rows_for("SELECT source, part, authors, signatories FROM documents", "source",
                              {source for source, _ in wanted})

        def people(stored: str | None) -> list[Person]:
            return [Person(**p) for p in json.loads(stored or "[]")]

        return {(s, p): (people(a), people(g)) for s, p, a, g in rows if (s, p) in wanted}

    def count_outdated(self, chunker: str) -> int:
        """Indexed files that were read and chunked another way than ``chunker`` names."""
        return self._rows("SELECT COUNT(*) FROM files WHERE status = 'indexed' AND (chunker IS NULL OR chunker != ?)",
                          (chunker,))[0][0]

    def failed_files(self) -> list[tuple[str, str]]:
        return [(r[0], r[1]) for r in self._rows("SELECT source, error FROM files WHERE status = 'failed' ORDER BY source")]

    # --- runs -------------------------------------------------------------------------------
    def start_run(self, paths: list[str]) -> tuple[int, bool]:
        """Record a new run; also returns whether the run before it did not end cleanly (killed, failed)."""
        with self._transaction() as db:
            db.execute("UPDATE runs SET state = 'interrupted' WHERE state = 'running'")
            last = db.execute("SELECT state FROM runs ORDER BY id DESC LIMIT 1").fetchone()
            cut = last is not None and last[0] != "done"
            cur = db.execute("INSERT INTO runs (started, state, paths) VALUES (?, 'running', ?)",
                             (utc_now(), json.dumps(paths, ensure_ascii=False)))
            return cur.lastrowid, cut

    def finish_run(self, run_id: int, *, indexed: int, skipped: int, removed: int, failures: list[tuple[str, str]],
                   chunks: int, embedded: int, seconds: float, state: str = "done") -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE runs SET finished = ?, state = ?, indexed = ?, skipped = ?, removed = ?, failed = ?, "
                "chunks = ?, embedded = ?, seconds = ?, failures = ? WHERE id = ?",
                (utc_now(), state, indexed, skipped, removed, len(failures), chunks, embedded, seconds,
                 json.dumps(failures, ensure_ascii=False), run_id),
            )

    def last_run(self) -> dict | None:
        with self._lock:
            cur = self._db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1")
            row = cur.fetchone()
            names = [d[0] for d in cur.description]
        if row is None:
            return None
        run = dict(zip(names, row))
        run["failures"] = json.loads(run["failures"]) if run["failures"] else []
        run["paths"] = json.loads(run["paths"]) if run["paths"] else []
        return run


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error), serialised across threads."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock):
        self.db, self.lock = db, lock

    def __enter__(self) -> sqlite3.Connection:
        self.lock.acquire()
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type, exc, _tb) -> None:
        try:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.lock.release()
