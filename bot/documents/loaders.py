"""Loaders: one function per file format, each returning a RawDocument (pages of lines + metadata).

`read_document` picks the loader by suffix and hands the result to `statements.build_statements`.
Anything that cannot be read raises UnreadableDocument with a short Swedish reason.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import yaml

from bot.documents import clean
from bot.documents.model import Statement, UnreadableDocument
from bot.documents.structure import Page, RawDocument, doc_label

log = logging.getLogger(__name__)

EMPTY = "Filen är tom."
NO_TEXT = "Filen innehåller ingen text (bara bilder?)."


def read_document(path, source: str) -> list[Statement]:
    from bot.documents.statements import build_statements

    path = Path(path)
    suffix = path.suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        from bot.documents import unsupported

        raise UnreadableDocument(unsupported(suffix))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument("Filen finns inte.") from None
    except OSError as exc:
        raise UnreadableDocument(f"Filen kunde inte öppnas ({exc.strerror or 'okänt fel'}).") from None
    if not data.strip():
        raise UnreadableDocument(EMPTY)
    raw = loader(data)
    if not any(ln.strip() for page in raw.pages for ln in page.lines):
        raise UnreadableDocument(NO_TEXT if suffix == ".pdf" else EMPTY)
    statements = build_statements(raw, source=source, path=str(path))
    if not statements or not any(s.text.strip() for s in statements):
        raise UnreadableDocument(NO_TEXT if suffix == ".pdf" else EMPTY)
    _note_warnings(raw, statements, source)
    return statements


def _note_warnings(raw: RawDocument, statements: list[Statement], source: str) -> None:
    """What the loader left out: kept on the first statement, so the index summary shows it for the file,
    and logged (at info: the summary tells the person) with the file's name, never its content."""
    for warning in raw.warnings:
        log.info("%s: %s", source, warning)
    statements[0].warnings.extend(raw.warnings)


def read_text(text: str, source: str = "text.txt") -> list[Statement]:
    """Read text that is not a file (a skrivelse pasted into Slack, an e-mail body) like a .txt file.
    Markdown front matter and "#" headings are understood when `source` ends in ".md"."""
    from bot.documents.statements import build_statements

    if not text.strip():
        raise UnreadableDocument(EMPTY)
    loader = load_markdown if source.lower().endswith((".md", ".markdown")) else load_txt
    raw = loader(text.encode("utf-8"))
    statements = build_statements(raw, source=source, path="")
    if not statements:
        raise UnreadableDocument(EMPTY)
    _note_warnings(raw, statements, source)
    return statements


# --- plain text -----------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's "Unicode"), else Windows-1252 (what older
    Swedish Windows tools write)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def load_txt(data: bytes) -> RawDocument:
    text = clean.collapse_double_spacing(clean.normalise_text(decode_text(data).replace("\f", "\n\f\n")))
    chunks = text.split("\f")
    numbered = len(chunks) > 1
    pages = [Page(number=i + 1 if numbered else None, lines=chunk.split("\n")) for i, chunk in enumerate(chunks)]
    return RawDocument(pages=pages, meta={}, kind="txt")


# --- Markdown -------------------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_PAGE_MARKER = re.compile(r"^\s*<!--\s*(?:sida|page|s\.)\s*(\d+)\s*-->\s*$", re.IGNORECASE | re.MULTILINE)
_TABLE_LINK = re.compile(r"^\s*\[Tabell [^\]]*\]\([^)]*\)\s*$", re.IGNORECASE)
_MD_ESCAPE = re.compile(r"\\([-*_#>+.!\[\]()`|])")
_AGENDA_TAIL = re.compile(r"^(Föredragande|\d+\s*st\s+dokument|\d+\s*min)", re.IGNORECASE)


BAD_FRONT_MATTER = ("Uppgifterna överst i filen (front matter mellan raderna ---) är inte giltig YAML och "
                    "användes inte; texten lästes ändå.")


def split_front_matter(text: str, warnings: list[str] | None = None) -> tuple[dict, str]:
    """YAML front matter (between "---" lines at the top) -> (dict, rest of the text). Front matter that is
    not valid YAML is left out, with a note added to `warnings`."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        if warnings is not None:
            warnings.append(BAD_FRONT_MATTER)
        meta = {}
    return (meta if isinstance(meta, dict) else {}), text[m.end():]


def _cell_lines(cell: str) -> list[str]:
    """A table cell with "<br>" breaks -> lines; list items inside ("- utse", "* att") stay separate."""
    out: list[str] = []
    for part in re.split(r"\s*<br\s*/?>\s*", cell.strip()):
        part = _MD_ESCAPE.sub(r"\1", part).strip()
        if not part:
            continue
        if re.match(r"^[-*•]\s", part):
            out.append(clean.BULLET + " " + part[1:].strip())
        elif out:
            out[-1] = clean.join_two(out[-1], part)
        else:
            out.append(part)
    return out


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def table_to_lines(rows: list[str]) -> list[str]:
    """A Markdown table as readable lines.

    An agenda (a column "Ärende") becomes one heading per item ("## 3. Uttag ur Hasselgrenska fonden:
    skulptur vid Kulturhuset Fyren") with its beteckning and förslag under it; a two-column table becomes
    "key: value" lines; any other table one line per row, cells separated by " | ".
    """
    parsed = [_cells(r) for r in rows if not re.match(r"^\s*\|?\s*:?-{2,}", r)]
    if not parsed:
        return []
    header = [" ".join(_cell_lines(c)) for c in parsed[0]]
    body = parsed[1:]
    lower = [h.lower() for h in header]
    out: list[str] = [""]
    if "ärende" in lower:
        col = lower.index("ärende")
        for row in body:
            cells = [_cell_lines(c) for c in row] + [[]] * (len(header) - len(row))
            raw_parts = [p for p in re.split(r"\s*<br\s*/?>\s*", row[col] if col < len(row) else "") if p]
            cut = next((k for k, p in enumerate(raw_parts) if _AGENDA_TAIL.match(p)), len(raw_parts))
            title_parts = _cell_lines("<br>".join(raw_parts[:cut]))
            tail = _cell_lines("<br>".join(raw_parts[cut:]))
            number = " ".join(" ".join(c) for c in cells[:col]).strip()
            title = " ".join(title_parts).strip()
            if not title or re.match(r"^PAUS\b", title, re.IGNORECASE):
                continue
            out.append(f"## {number} {title}".replace("  ", " ").strip())
            if tail:
                out.append(". ".join(t.rstrip(".") for t in tail) + ".")
            for h, c in zip(header, cells):
                if h.lower() == "ärende" or not c or not h:
                    continue
                out.extend(["", f"{h}: {c[0]}"])
                out.extend(c[1:])
            out.append("")
        return out
    if len(header) == 2:
        for row in parsed:
            cells = [" ".join(_cell_lines(c)) for c in row]
            if any(cells):
                key, value = (cells + [""])[:2]
                out.append(f"{key}: {value}" if key and value else (key or value) + " |")
                out.append("")
        return out
    for row in parsed:
        cells = [" ".join(_cell_lines(c)) for c in row]
        if any(cells):
            out.append(" | ".join(cells).strip(" |"))
    out.append("")
    return out


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__)(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def _inline_markdown(line: str) -> str:
    """Images dropped, links reduced to their text, bold inside a line unmarked, escapes and <br> undone.
    A line that is bold as a whole stays marked: it is a heading."""
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    stripped = line.strip()
    if not (stripped.startswith("**") and stripped.rstrip(":").endswith("**")):
        line = _MD_EMPHASIS.sub(r"\2", line)
    line = _MD_ESCAPE.sub(r"\1", line)
    return re.sub(r"\s*<br\s*/?>\s*", " ", line)


def markdown_page_lines(text: str) -> list[str]:
    """Markdown text of one page -> lines: tables rendered, table links and escapes removed."""
    out: list[str] = []
    table: list[str] = []
    for line in text.split("\n"):
        if line.lstrip().startswith("|"):
            table.append(line)
            continue
        if table:
            out.extend(table_to_lines(table))
            table = []
        if _TABLE_LINK.match(line):
            continue
        line = _inline_markdown(line)
        line = re.sub(r"^(\s*)[*+]\s+(?=\S)", lambda m: m.group(1) + clean.BULLET + " ", line)
        out.append(line)
    if table:
        out.extend(table_to_lines(table))
    return out


def load_markdown(data: bytes) -> RawDocument:
    warnings: list[str] = []
    meta, body = split_front_matter(clean.normalise_text(decode_text(data)), warnings)
    markers = list(_PAGE_MARKER.finditer(body))
    pages: list[Page] = []
    if not markers:
        pages.append(Page(number=None, lines=markdown_page_lines(body)))
    else:
        preamble = body[: markers[0].start()]
        for k, m in enumerate(markers):
            end = markers[k + 1].start() if k + 1 < len(markers) else len(body)
            text = body[m.end(): end]
            if k == 0 and preamble.strip():
                text = preamble + "\n" + text
            pages.append(Page(number=int(m.group(1)), lines=markdown_page_lines(text)))
    return RawDocument(pages=pages, meta=meta, kind="md", warnings=warnings)


# --- PDF ------------------------------------------------------------------------------------------------


def load_pdf(data: bytes) -> RawDocument:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableDocument("Filen är inte en giltig PDF-fil.")
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableDocument("PDF-filen är ofullständig (avkortad) och kan inte läsas.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception:  # noqa: BLE001 - any failure means: cannot open without a password
                ok = 0
            if not ok:
                raise UnreadableDocument("PDF-filen är krypterad och kan inte läsas.")
        texts = []
        lost: list[int] = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                texts.append(page.extract_text() or "")
            except Exception:  # noqa: BLE001 - one broken page must not lose the rest
                lost.append(number)
                texts.append("")
    except UnreadableDocument:
        raise
    except FileNotDecryptedError:
        raise UnreadableDocument("PDF-filen är krypterad och kan inte läsas.") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("corrupt PDF: %s", exc)
        raise UnreadableDocument("PDF-filen är skadad och kan inte läsas.") from None
    if not any(t.strip() for t in texts):
        raise UnreadableDocument(NO_TEXT)
    texts = _with_tables(data, texts)
    pages = [
        Page(number=i + 1, lines=clean.normalise_text(t).split("\n")) for i, t in enumerate(texts)
    ]
    return RawDocument(pages=pages, meta={}, kind="pdf", warnings=[unreadable_pages(lost)] if lost else [])


def unreadable_pages(numbers: list[int]) -> str:
    """The note for PDF pages whose text could not be extracted: "Sidan 3 kunde inte läsas …"."""
    if len(numbers) == 1:
        return f"Sidan {numbers[0]} kunde inte läsas och hoppades över."
    listed = ", ".join(str(n) for n in numbers[:-1]) + f" och {numbers[-1]}"
    return f"Sidorna {listed} kunde inte läsas och hoppades över."


def _with_tables(data: bytes, texts: list[str]) -> list[str]:
    """Pages with ruled tables (found by pdfplumber): the lines pypdf made of the table's cells are
    replaced by one line per row, cells separated by " | "."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        return texts
    out = list(texts)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i, page in enumerate(pdf.pages):
                if i >= len(out) or not (page.rects or page.lines):
                    continue
                tables = page.find_tables()
                if tables:
                    out[i] = _replace_table_lines(out[i], [t.extract() for t in tables])
    except Exception:  # noqa: BLE001 - tables are a refinement; keep pypdf's text
        log.info("pdfplumber could not read the tables; using plain text")
        return texts
    return out


def _replace_table_lines(text: str, tables: list[list[list[str | None]]]) -> str:
    rows: list[str] = []
    cells: set[str] = set()
    for table in tables:
        for row in table:
            values = [re.sub(r"\s*\n\s*", " ", c or "").strip() for c in row]
            if any(values):
                rows.append(" | ".join(values))
            for c in row:
                for part in (c or "").split("\n"):
                    if part.strip():
                        cells.add(re.sub(r"\s+", " ", part.strip()))
    if not rows:
        return text

    def made_of_cells(line: str) -> bool:
        rest = re.sub(r"\s+", " ", line.strip())
        if not rest:
            return False
        for cell in sorted(cells, key=len, reverse=True):
            rest = rest.replace(cell, " ")
        return not rest.strip()

    lines = text.split("\n")
    kept: list[str] = []
    inserted = False
    for line in lines:
        if made_of_cells(line):
            if not inserted:
                kept.extend([""] + rows + [""])
                inserted = True
            continue
        kept.append(line)
    if not inserted:
        kept.extend([""] + rows)
    return "\n".join(kept)


# --- DOCX -----------------------------------------------------------------------------------------------


def load_docx(data: bytes) -> RawDocument:
    import zipfile

    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        log.info("corrupt DOCX: %s", exc)
        raise UnreadableDocument("Word-filen (DOCX) är skadad och kan inte läsas.") from None
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for broken files
        log.info("unreadable DOCX: %s", exc)
        raise UnreadableDocument("Word-filen (DOCX) kunde inte läsas.") from None
    pages: list[list[str]] = [[]]
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in body.iterchildren():
        lines = pages[-1]
        if child.tag == qn("w:p"):
            para = Paragraph(child, document)
            text = para.text.strip()
            brk = _page_break(child, qn)
            if brk == "before" and any(ln.strip() for ln in lines):
                pages.append([])
                lines = pages[-1]
            elif brk == "after":
                pages.append([])  # this paragraph still ends the page before
            if not text:
                lines.append("")
                continue
            style = (para.style.name if para.style is not None else "") or ""
            is_list = child.find(qn("w:pPr")) is not None and child.find(qn("w:pPr")).find(qn("w:numPr")) is not None
            if doc_label(text):
                lines.extend([text, ""])  # a genre label ("TJÄNSTESKRIVELSE") opens a document, whatever its style
            elif re.match(r"^(Heading|Rubrik|Title|Titel)\s*\d*$", style, re.IGNORECASE):
                lines.extend(["", f"## {text}", ""])
            elif is_list or re.search(r"list|punkt|numrer", style, re.IGNORECASE):  # "Punktlista", "List Bullet"
                lines.append(clean.BULLET + " " + text)
            else:
                lines.extend([text, ""])
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            lines.append("")
            for row in table.rows:
                cells = []
                for cell in row.cells:
                    value = re.sub(r"\s*\n\s*", " ", cell.text).strip()
                    if not cells or value != cells[-1]:  # merged cells repeat their text
                        cells.append(value)
                if any(cells):
                    lines.append(" | ".join(cells) if len(cells) > 1 else cells[0])
            lines.append("")
    meta = {}
    props = document.core_properties
    if props.title:
        meta["titel"] = props.title
    # Pages as the author broke them (Word does not store where its own page breaks fall): no page numbers.
    texts = [clean.normalise_text("\n".join(lines)) for lines in pages]
    kept = [t for t in texts if t.strip()] or texts[:1]
    return RawDocument(pages=[Page(number=None, lines=t.split("\n")) for t in kept], meta=meta, kind="docx")


def _page_break(paragraph, qn) -> str | None:
    """Whether a DOCX paragraph starts a new page ("before": "Sidbrytning före", or a page break ahead of
    its text) or ends one ("after": a page break after its text, or a section break to a new page)."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        before = ppr.find(qn("w:pageBreakBefore"))
        if before is not None and before.get(qn("w:val"), "true") not in ("0", "false"):
            return "before"
    seen_text = False
    for node in paragraph.iter(qn("w:t"), qn("w:br")):
        if node.tag == qn("w:t") and (node.text or "").strip():
            seen_text = True
        elif node.tag == qn("w:br") and node.get(qn("w:type")) == "page":
            return "after" if seen_text else "before"
    if ppr is not None:
        section = ppr.find(qn("w:sectPr"))
        if section is not None:
            kind = section.find(qn("w:type"))
            if kind is None or kind.get(qn("w:val")) in ("nextPage", "oddPage", "evenPage"):
                return "after"
    return None


LOADERS = {
    ".txt": load_txt,
    ".text": load_txt,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".pdf": load_pdf,
    ".docx": load_docx,
}
