"""Read step: files -> statements (documents with sections and metadata)."""

from bot.documents.model import DOC_TYPES, Person, Section, Statement, UnreadableDocument

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".md", ".markdown", ".txt")


def unsupported(suffix: str) -> str:
    """Why a file of this type is not read, in Swedish."""
    return f"Filtypen {suffix or '(ingen)'} stöds inte. Använd PDF, DOCX, Markdown (.md) eller text (.txt)."


def read_document(path, source: str) -> list[Statement]:
    """Read one file into its statements (a meeting pack gives many).

    `source` is the path relative to the indexed root, stored on every statement.
    Raises UnreadableDocument with a short Swedish reason (corrupt, encrypted, empty, image-only,
    unsupported type).
    """
    from bot.documents.loaders import read_document as _read

    return _read(path, source)


def read_text(text: str, source: str = "text.txt") -> list[Statement]:
    """Read text that is not a file (e.g. a skrivelse pasted into Slack) into statements, like a .txt
    file (or Markdown when `source` ends in ".md"). Raises UnreadableDocument when there is no text."""
    from bot.documents.loaders import read_text as _read_text

    return _read_text(text, source)


__all__ = [
    "DOC_TYPES",
    "SUPPORTED_SUFFIXES",
    "Person",
    "Section",
    "Statement",
    "UnreadableDocument",
    "read_document",
    "read_text",
    "unsupported",
]
