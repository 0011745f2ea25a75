"""The text of a published question from a .txt, .docx or .pdf file, keeping its lines.

Each reader keeps the line structure as well as the format allows: a line per paragraph (and a
row per table row, its cells joined by tabs) from Word; from a PDF, lines and paragraph gaps as
laid out on the page (pypdf's layout mode), pages separated by a form feed (see
docs/ARCHITECTURE.md, "Decisions").
"""

from __future__ import annotations

from pathlib import Path

from pqgen.errors import InputFileError

TEXT_SUFFIXES = (".txt", ".docx", ".pdf")


def read_text(path: Path) -> str:
    """The text of a published question in a .txt, .docx or .pdf file."""
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a folder, not a question file")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise InputFileError(
            path,
            f"unknown kind of file '{suffix}'",
            hint="give the question as .txt, .docx or .pdf as published, or as .yaml/.json",
        )
    try:
        if suffix == ".txt":
            return _txt(path)
        if suffix == ".docx":
            return _docx(path)
        return _pdf(path)
    except (OSError, ValueError, KeyError) as exc:
        raise InputFileError(path, f"cannot be read ({exc})") from None
    except Exception as exc:  # python-docx and the PDF reader raise their own kinds
        raise InputFileError(path, f"cannot be read as {suffix} ({exc})") from None


def _txt(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Files saved from Word on Windows are often in the Windows code page.
        return raw.decode("cp1252", errors="replace")


def _docx(path: Path) -> str:
    """Paragraphs and tables in document order; a table row is its cells joined by tabs."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.append("")
            for row in block.rows:
                lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
            lines.append("")
    return "\n".join(lines)


def _pdf(path: Path) -> str:
    """Every page as pypdf lays it out (lines, and blank lines between paragraphs), pages
    separated by a form feed."""
    import logging

    from pypdf import PdfReader

    # pypdf logs what it repairs in a damaged file; the one error we raise is enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(path)
    return "\f".join(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)
