"""Skrivelser dropped into Slack: which files Kansli can read, and fetching them with the bot token."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from pathlib import Path

from slack_sdk import WebClient

from bot.slack import texts

READABLE_SUFFIXES = (".pdf", ".docx", ".txt", ".md")


class FileProblem(Exception):
    """A file Kansli cannot use; str(e) is the Swedish reply to the person."""


@dataclass
class SlackFile:
    id: str
    name: str
    size: int
    suffix: str

    @classmethod
    def from_event(cls, f: dict) -> "SlackFile":
        name = f.get("name") or f.get("title") or f.get("id", "fil")
        suffix = Path(name).suffix.lower()
        if not suffix and f.get("filetype"):
            suffix = "." + str(f["filetype"]).lower()
        return cls(id=f["id"], name=name, size=int(f.get("size") or 0), suffix=suffix)


def check(f: SlackFile, max_mb: float) -> None:
    if f.suffix not in READABLE_SUFFIXES:
        raise FileProblem(texts.FILE_UNSUPPORTED.format(name=f.name))
    if f.size > max_mb * 1024 * 1024:
        raise FileProblem(texts.FILE_TOO_LARGE.format(name=f.name, size_mb=f.size / 1024 / 1024, max_mb=max_mb))


def download(client: WebClient, f: SlackFile, dest_dir: Path, max_mb: float) -> Path:
    """Download via files.info and url_private (Authorization: Bearer <bot token>)."""
    info = client.files_info(file=f.id)["file"]
    url = info.get("url_private_download") or info.get("url_private")
    if not url:
        raise FileProblem(texts.FILE_DOWNLOAD_FAILED.format(name=f.name))
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    limit = int(max_mb * 1024 * 1024)
    try:
        with urllib.request.urlopen(request, timeout=60) as resp:
            if "text/html" in (resp.headers.get("Content-Type") or ""):
                # Slack answers a login page, not the file, when the token lacks files:read.
                raise FileProblem(texts.FILE_DOWNLOAD_FAILED.format(name=f.name))
            data = resp.read(limit + 1)
    except OSError as e:
        raise FileProblem(texts.FILE_DOWNLOAD_FAILED.format(name=f.name)) from e
    if len(data) > limit:
        raise FileProblem(texts.FILE_TOO_LARGE.format(name=f.name, size_mb=len(data) / 1024 / 1024, max_mb=max_mb))
    path = dest_dir / f"skrivelse{f.suffix}"
    path.write_bytes(data)
    return path
