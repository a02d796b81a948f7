"""Files that hold what people asked, or ids for who they are: readable and writable by Kansli's user only."""

from __future__ import annotations

import os
from pathlib import Path


def narrow(path: Path) -> None:
    """An existing file made readable by its owner only (files kept by earlier versions were not)."""
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)


def private_file(path: Path) -> Path:
    """`path`, created empty with mode 0600 when missing (sqlite gives its journal files the same mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        narrow(path)
    return path
