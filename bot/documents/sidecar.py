"""Sidecar metadata: a `metadata*.jsonl` in a file's folder or an ancestor folder describes its files.

The regeringen.se export has lines like
`{"source_json": "artiklar.json", "record": {"title", "url": "/artiklar/2025/12/slug/", "published", "id"}}`;
the file `artiklar/2025/12/slug.md` next to it is described by that record. Plain records (without
"record") work too, as do a "path" field (relative to the jsonl's folder) instead of "url".
"""

from __future__ import annotations

import json
import logging
import threading
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

_lock = threading.Lock()


@lru_cache(maxsize=256)
def _sidecars_in(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(str(p) for p in Path(folder).glob("metadata*.jsonl") if p.is_file()))
    except OSError:
        return ()


def _load(sidecar: str) -> dict[str, dict]:
    """The sidecar's records by path key, re-read when the file changes."""
    try:
        mtime = Path(sidecar).stat().st_mtime_ns
    except OSError:
        return {}
    return _load_version(sidecar, mtime)


@lru_cache(maxsize=32)
def _load_version(sidecar: str, mtime: int) -> dict[str, dict]:
    records: dict[str, dict] = {}
    try:
        with open(sidecar, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    continue
                record = item.get("record", item) if isinstance(item, dict) else None
                if not isinstance(record, dict):
                    continue
                key = record.get("path") or record.get("url")
                if not key:
                    continue
                key = str(key).strip("/")
                for suffix in (".md", ".markdown", ".txt", ".pdf", ".docx"):
                    if key.endswith(suffix):
                        key = key[: -len(suffix)]
                records[key] = record
    except OSError as exc:
        log.warning("sidecar metadata could not be read: %s", exc)
    return records


def sidecar_record(path: str | Path) -> tuple[dict, Path] | None:
    """The sidecar record describing `path` and the folder of its jsonl, or None."""
    path = Path(path).resolve()
    stem_path = path.with_suffix("")
    with _lock:
        for folder in path.parents:
            for sidecar in _sidecars_in(str(folder)):
                key = stem_path.relative_to(folder).as_posix()
                record = _load(sidecar).get(key)
                if record is not None:
                    return record, folder
            if (folder / ".git").exists():
                break
    return None


def sidecar_root(path: str | Path) -> Path | None:
    """The nearest ancestor folder of `path` that holds a metadata*.jsonl (for folder-based types)."""
    path = Path(path).resolve()
    with _lock:
        for folder in path.parents:
            if _sidecars_in(str(folder)):
                return folder
    return None
