"""Make a question's .docx (and, with LibreOffice, its .pdf) in the published layout.

The layout as the Parliament's PDFs have it: header lines, the title in bold, justified text
with automatic hyphenation, a running header and a page number in the footer, and (with
`pages`) an introduction long enough to run over a page break. Used by the tests and by
benchmarks/pdf_readers.py, which measures the PDF text extractors on these files.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pqgen.question.model import Question

FOOTER = "Vlaams Parlement - Leuvenseweg 86 - 1011 Brussel"


def question_docx(q: Question, path: Path, *, pages: int = 1) -> Path:
    """Write `q` as a published .docx; `pages` > 1 repeats the introduction to fill pages."""
    document = docx.Document()
    settings = document.settings.element
    hyphenate = OxmlElement("w:autoHyphenation")
    hyphenate.set(qn("w:val"), "true")
    settings.append(hyphenate)
    section = document.sections[0]
    section.header.paragraphs[0].text = FOOTER
    footer = section.footer.paragraphs[0]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)

    header = [
        "SCHRIFTELIJKE VRAAG",
        "",
        f"nr. {q.number}",
        f"van {q.author}",
        f"datum: {q.date.day} {_MONTHS[q.date.month - 1]} {q.date.year}",
        "",
        f"aan {q.minister}",
        q.minister_title,
        "",
    ]
    for line in header:
        document.add_paragraph(line)
    document.add_paragraph().add_run(q.title).bold = True
    for _ in range(pages):
        for text_part in q.intro.split("\n\n"):
            document.add_paragraph(text_part).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for sub in q.subquestions:
        rows = sub.text.split("\n")
        paragraph = document.add_paragraph(f"{sub.number}. {rows[0]}")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        cells = [row.split(" | ") for row in rows[1:]]
        if cells:
            table = document.add_table(rows=len(cells), cols=len(cells[0]))
            for r, row in enumerate(cells):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    if q.joint:
        names = [f"{a.minister} ({a.number})" for a in q.joint]
        listed = ", ".join(names[:-1]) + f" en {names[-1]}" if len(names) > 1 else names[0]
        document.add_paragraph(f"Deze vraag werd gesteld aan de ministers {listed}.")
    document.save(str(path))
    return path


_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
