"""Measure PDF text extractors on questions in the published layout (see ARCHITECTURE.md).

Makes .docx files in the published layout from the fixtures (tests/published_pdf.py: header and
footer on every page, justified text, an introduction over three pages, a title over two lines),
converts them to PDF with LibreOffice, and reads each PDF with pypdf (plain and layout mode),
pdfminer.six and pdfplumber. For each: are the parsed fields those of the text, how many fields
had to be inferred (warnings), and how long extraction takes. Needs LibreOffice; extractors
that are not installed are left out.

    .venv/bin/python benchmarks/pdf_readers.py
"""

from __future__ import annotations

import dataclasses
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pqgen.question.model import Question  # noqa: E402
from pqgen.question.parse import parse_question, parse_question_file  # noqa: E402
from tests.conftest import to_pdf  # noqa: E402
from tests.published_pdf import question_docx  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "questions"
LONG_TITLE = (
    "Innovatiesteun - Achtergestelde lening van het Agentschap Innoveren en Ondernemen aan "
    "de start-up Lumency"
)


def pypdf_plain(path: Path) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pypdf_layout(path: Path) -> str:
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    return "\f".join(page.extract_text(extraction_mode="layout") or "" for page in pages)


def pdfminer_six(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def pdfplumber(path: Path) -> str:
    import pdfplumber as plumber

    with plumber.open(path) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pypdf": pypdf_plain,
    "pypdf layout": pypdf_layout,
    "pdfminer.six": pdfminer_six,
    "pdfplumber": pdfplumber,
}


def fields(q: Question) -> dict[str, object]:
    data = q.to_dict()
    data.pop("warnings", None)
    data.pop("answer", None)
    data["intro"] = " ".join(q.intro.split())
    for sub in data["subquestions"]:
        sub["text"] = " ".join(sub["text"].replace(" | ", " ").split())  # a table's words
    return data


def cases() -> list[tuple[str, Question, int]]:
    mp = parse_question_file(FIXTURES / "minister-president.txt")
    return [
        ("two-line minister title", mp, 1),
        ("two-line title", dataclasses.replace(mp, title=LONG_TITLE), 1),
        ("over three pages", mp, 6),
        ("no 'aan', numbers 1 2 4", parse_question_file(FIXTURES / "no-addressee-word.txt"), 1),
        ("table", parse_question_file(FIXTURES / "joint-footnote-table.txt"), 1),
    ]


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice is not installed")
        return 1
    results: dict[str, list[tuple[bool, int, float]]] = {name: [] for name in EXTRACTORS}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k, (label, q, pages) in enumerate(cases()):
            docx_path = question_docx(q, folder / f"case{k}.docx", pages=pages)
            want = fields(parse_question(_published_text(q, pages)))
            pdf = to_pdf(soffice, docx_path, folder)
            for name, extract in EXTRACTORS.items():
                try:
                    start = time.perf_counter()
                    text = extract(pdf)
                    seconds = time.perf_counter() - start
                except ImportError:
                    continue
                try:
                    got = parse_question(text)
                    same, warned = fields(got) == want, len(got.warnings)
                except Exception as exc:
                    same, warned = False, -1
                    print(f"  {label} / {name}: {exc}")
                results[name].append((same, warned, seconds))
                if not same and warned >= 0:
                    print(f"  {label} / {name}: fields differ")
    print(f"{'extractor':14} {'right':>6} {'warnings':>9} {'ms/file':>8}")
    for name, rows in results.items():
        if rows:
            right = sum(r[0] for r in rows)
            warned = sum(max(r[1], 0) for r in rows)
            ms = 1000 * sum(r[2] for r in rows) / len(rows)
            print(f"{name:14} {right:>3}/{len(rows):<2} {warned:>9} {ms:>8.0f}")
    return 0


def _published_text(q: Question, pages: int) -> str:
    """The question as text in the published layout, a blank line between its parts."""
    intro = "\n\n".join([q.intro] * pages)
    subs = "\n\n".join(f"{s.number}. {s.text.replace(' | ', chr(9))}" for s in q.subquestions)
    return (
        f"SCHRIFTELIJKE VRAAG\n\nnr. {q.number}\nvan {q.author}\n"
        f"datum: {q.date.day}/{q.date.month}/{q.date.year}\n\naan {q.minister}\n"
        f"{q.minister_title}\n\n{q.title}\n\n{intro}\n\n{subs}\n"
    )


if __name__ == "__main__":
    raise SystemExit(main())
