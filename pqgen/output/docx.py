"""Lay out an answer as a Word document in the official layout, with the house style.

The document starts as a copy of the reference document (templates/huisstijl.docx, or the
user's own of that name): its styles, page, header and footer stay, its sample body goes. The
answer part follows the Flemish Parliament's layout: the minister's name and title in capitals,
"ANTWOORD", "op vraag nr. 639 van 8 juni 2017", "van GUY D'HAESELEER", then the answers numbered
like the sub-questions. With the question block, the question as published comes first.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import _Header
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from pqgen.compose.answer import Answer, Chart, ListBlock, Paragraph, Run, Section, Table
from pqgen.compose.settings import DraftSettings
from pqgen.errors import InputFileError
from pqgen.files import atomic_write
from pqgen.output import housestyle as hs
from pqgen.output import wordml
from pqgen.output.annex import ANNEX_NUMBER
from pqgen.output.layout import FLEMISH_PARLIAMENT, Layout, Line, column_widths, fields
from pqgen.output.provenance import comment_text
from pqgen.question.deadline import due_date
from pqgen.question.model import Question
from pqgen.workspace import Workspace, find_file

COMMENT_AUTHOR = "pqgen"
DRAFT_ONLY = (hs.DRAFT_MARK, hs.DUE_DATE)  # header lines a final document leaves out
CHART_WIDTH_CM = 15


def find_reference(template_dirs: list[Path]) -> Path:
    """The house-style document: the user's templates folder first, then the built-in one."""
    path = find_file(hs.REFERENCE_NAME, template_dirs)
    if path is None:
        raise InputFileError(
            hs.REFERENCE_NAME,
            "no house-style document in " + ", ".join(map(str, template_dirs)),
        )
    return path


def open_reference(path: Path) -> Document:
    """The reference document with its sample body removed; its styles checked."""
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise InputFileError(path, f"is not a readable .docx ({exc})") from None
    names = {s.name for s in document.styles}
    needed = hs.PARAGRAPH_STYLES + hs.CHARACTER_STYLES + hs.TABLE_STYLES
    if missing := [n for n in needed if n not in names]:
        raise InputFileError(
            path,
            f"the house style lacks the style '{missing[0]}'",
            hint="add it in Word, or start again from pqgen's templates/huisstijl.docx",
        )
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _style_id(document.part, hs.BODY)  # look the style ids up now: copies of it share them
    return document


Annotate = Callable[[DocxRun, Run], None]


def _style_id(part: Any, name: str) -> str:
    """The id of the style called `name` in the document that `part` (body or header) belongs
    to. python-docx scans all styles on every lookup; a draft uses a dozen styles hundreds of
    times, so the ids are looked up once per document."""
    package = part.package
    ids: dict[str, str] | None = getattr(package, "_pqgen_style_ids", None)
    if ids is None:
        styles = package.main_document_part.document.styles
        ids = {str(s.name): str(s.style_id) for s in styles}
        package._pqgen_style_ids = ids
    return ids[name]


def _add(container: Document | _Header, text: str, style: str) -> DocxParagraph:
    """A new paragraph at the end of `container` (the body, or a header) in style `style`."""
    paragraph = container.add_paragraph(text)
    paragraph._p.style = _style_id(paragraph.part, style)
    return paragraph


def _add_runs(
    paragraph: DocxParagraph, runs: Iterable[Run], annotate: Annotate | None = None
) -> None:
    for run in runs:
        added = paragraph.add_run(run.text)
        if run.placeholder:
            added._r.style = _style_id(paragraph.part, hs.PLACEHOLDER)
        if run.bold:
            added.bold = True
        if run.italic:
            added.italic = True
        if annotate is not None and run.figure:
            annotate(added, run)


def _add_lines(document: Document, lines: Iterable[Line], question: Question) -> None:
    values = fields(question)
    for line in lines:
        _add(document, line.format(values), line.style)


def _question_block(document: Document, question: Question, layout: Layout) -> None:
    _add_lines(document, layout.question_header, question)
    for paragraph in filter(None, question.intro.split("\n\n")):
        _add(document, paragraph, hs.QUESTION_TEXT)
    for sub in question.subquestions:
        _add(document, f"{sub.number}.\t{sub.text}", hs.NUMBERED)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _text_width(document: Document) -> int:
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    return int(width)


def _table(document: Document, block: Table, annotate: Annotate | None) -> None:
    columns = len(block.header)
    table = document.add_table(rows=1 + len(block.rows), cols=columns, style=hs.TABLE)
    # Word repeats the header row on each page the table runs onto.
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_row.append(repeat)
    widths = column_widths(block, _text_width(document))
    # Fixed column widths (see layout.column_widths). Word reads the widths of the cells,
    # LibreOffice those of the grid, so both are set.
    table.autofit = False
    for c, column in enumerate(table.columns):
        column.width = Emu(widths[c])
    for r, (row, cells) in enumerate(zip(table.rows, (block.header, *block.rows), strict=True)):
        for c, (cell, runs) in enumerate(zip(row.cells, cells[:columns], strict=False)):
            cell.width = Emu(widths[c])
            paragraph = cell.paragraphs[0]
            paragraph._p.style = _style_id(
                document.part, hs.TABLE_HEAD if r == 0 else hs.TABLE_TEXT
            )
            if c < len(block.align) and block.align[c] == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _add_runs(paragraph, runs, annotate)
    _add(document, "", hs.BODY)


def _chart(document: Document, section: Section, block: Chart) -> None:
    picture = section.pictures.get(block.key)
    if picture is None:
        raise InputFileError(block.key, f"no chart of that name in the answer to {section.number}")
    holder = _add(document, "", hs.BODY)
    holder.paragraph_format.keep_with_next = True
    holder.add_run().add_picture(io.BytesIO(picture), width=Cm(CHART_WIDTH_CM))
    number = sum(
        1 for p in document.paragraphs if p.style is not None and p.style.name == hs.CAPTION
    )
    caption = FLEMISH_PARLIAMENT.figure_caption
    _add(
        document,
        caption.format({"number": str(number + 1), "caption": block.caption}),
        caption.style,
    )


def _comments(document: Document, section: Section) -> Annotate:
    """Put a comment naming its source on each figure of `section`."""

    def annotate(added: DocxRun, run: Run) -> None:
        figure_set = section.figures.get(run.figure or "")
        if figure_set is not None:
            text = comment_text(figure_set.provenance)
            document.add_comment(added, text=text, author=COMMENT_AUTHOR, initials="pq")

    return annotate


def _section(
    document: Document, section: Section, settings: DraftSettings, *, numbers: bool = True
) -> None:
    numbered = False
    annotate = _comments(document, section) if settings.with_comments else None

    def paragraph(runs: Iterable[Run]) -> None:
        nonlocal numbered
        if not numbers:
            _add_runs(_add(document, "", hs.QUESTION_TEXT), runs, annotate)
        elif numbered:
            _add_runs(_add(document, "", hs.BODY), runs, annotate)
        else:
            first = _add(document, f"{section.number}.\t", hs.NUMBERED)
            _add_runs(first, runs, annotate)
            numbered = True

    for block in section.blocks:
        if isinstance(block, Paragraph):
            paragraph(block.runs)
        elif isinstance(block, ListBlock):
            if not numbered:
                paragraph([])
            for i, item in enumerate(block.items, start=1):
                mark = f"{chr(ord('a') + i - 1)})" if block.ordered else "–"
                _add_runs(_add(document, f"{mark}\t", hs.BULLET), item, annotate)
        elif isinstance(block, Chart):
            if not numbered:
                paragraph([])
            _chart(document, section, block)
        else:
            if not numbered:
                paragraph([])
            _table(document, block, annotate)
    if not numbered:
        paragraph([])


def _remove_draft_marking(document: Document) -> None:
    """The final document carries no "ONTWERP": paragraphs in the draft-mark style go."""
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header):
            for paragraph in part.paragraphs:
                if paragraph.style is not None and paragraph.style.name in DRAFT_ONLY:
                    paragraph._p.getparent().remove(paragraph._p)


def build_document(
    answer: Answer,
    document: Document,
    *,
    with_question: bool = False,
    settings: DraftSettings | None = None,
    annex: str | None = None,
    layout: Layout = FLEMISH_PARLIAMENT,
) -> Document:
    """The Word document for `answer`, written into `document`: the house-style document as
    :func:`open_reference` gives it (styles and page, no body). `annex` names the file of
    bijlage 1, listed after the answers."""
    settings = settings or DraftSettings()
    if settings.final:
        _remove_draft_marking(document)
    else:
        due = fields(answer.question, due_date(answer.question.date))
        _add(document.sections[0].header, layout.due_date.format(due), layout.due_date.style)
    if with_question:
        _question_block(document, answer.question, layout)
    _add_lines(document, layout.answer_header, answer.question)
    for section in answer.sections:
        _section(document, section, settings, numbers=answer.numbered)
    if annex:
        line = layout.annex.format({"number": str(ANNEX_NUMBER), "name": annex})
        _add(document, line, layout.annex.style)
    return document


def save_atomically(document: Document, path: Path) -> None:
    """Save `document` to `path`: the old file or the complete new one, never half of it."""
    atomic_write(path, document.save)


def reference(workspace: Workspace) -> Document:
    """A fresh copy of the workspace's house-style document with its sample body removed."""
    document = workspace.cached(
        "reference", lambda: open_reference(find_reference(workspace.template_dirs))
    )
    return copy.deepcopy(document)


def package(workspace: Workspace, *, final: bool, comments: bool) -> wordml.Package | None:
    """The house-style package cut open for answers (see :mod:`pqgen.output.wordml`), built
    once per workspace, process and variant by python-docx itself; None for a house style
    python-docx writes otherwise than `wordml` does."""

    def make() -> wordml.Package | None:
        document = reference(workspace)
        if final:
            _remove_draft_marking(document)
        else:
            line = FLEMISH_PARLIAMENT.due_date
            _add(document.sections[0].header, wordml.DUE_MARK, line.style)
        marked = _add(document, wordml.BODY_MARK, hs.BODY)
        if comments:
            document.add_comment(
                marked.runs[0], text=wordml.COMMENT_MARK, author=COMMENT_AUTHOR, initials="pq"
            )
        buffer = io.BytesIO()
        document.save(buffer)
        ids = {str(s.name): str(s.style_id) for s in document.styles}
        body = wordml.Body(ids, _text_width(document))
        try:
            return wordml.Package.from_docx(buffer.getvalue(), body)
        except wordml.Unsupported:
            return None

    return workspace.cached(f"package:{final}:{comments}", make)


def docx_bytes(
    answer: Answer,
    workspace: Workspace,
    *,
    with_question: bool = False,
    settings: DraftSettings | None = None,
    annex: str | None = None,
) -> bytes:
    """The .docx of `answer`: written from the cut-open package where :func:`wordml.supports`
    the answer, else built with python-docx; the same document either way."""
    settings = settings or DraftSettings()
    plain = package(workspace, final=settings.final, comments=False)
    chosen = package(workspace, final=settings.final, comments=True)
    if plain is None or chosen is None or not wordml.supports(answer):
        document = build_document(
            answer, reference(workspace), with_question=with_question, settings=settings,
            annex=annex,
        )  # fmt: skip
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
    comments = wordml.Comments(settings.with_comments)
    xml = plain.body.answer(answer, comments, with_question=with_question, annex=annex)
    if not comments.made:
        chosen = plain
    made = chosen.comments_xml(comments) if comments.made else None
    return chosen.zip(chosen.parts(answer, xml, made))
