"""The house style: the reference .docx whose styles, page and header every draft takes.

Like pandoc's reference-doc, templates/huisstijl.docx holds the look (A4, margins, fonts, the
paragraph, character and table styles named below, the "ONTWERP" marking in the header and the
page number in the footer). A user may open it in Word and change any of it; pqgen refers to the
style names only. This module builds the default file:

    python -m pqgen.output.housestyle templates/huisstijl.docx
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from pqgen import catalogue

REFERENCE_NAME = "huisstijl.docx"

# Style names the renderer uses; a reference document must define them all.
MINISTER = "Ministernaam"
MINISTER_TITLE = "Ministertitel"
HEADING = "Documentkop"
REFERENCE = "Vraagverwijzing"
QUESTION_TITLE = "Vraagtitel"
QUESTION_TEXT = "Vraagtekst"
NUMBERED = "Antwoord genummerd"
BODY = "Antwoordtekst"
BULLET = "Opsomming"
TABLE_HEAD = "Tabelkop"
TABLE_TEXT = "Tabeltekst"
CAPTION = "Bijschrift"
DUE_DATE = "Antwoordtermijn"
DRAFT_MARK = "Ontwerpmarkering"
PLACEHOLDER = "Plaatshouder"
TABLE = "Antwoordtabel"

PARAGRAPH_STYLES = (
    MINISTER, MINISTER_TITLE, HEADING, REFERENCE, QUESTION_TITLE, QUESTION_TEXT, NUMBERED, BODY,
    BULLET,
    TABLE_HEAD, TABLE_TEXT, CAPTION, DRAFT_MARK, DUE_DATE,
)  # fmt: skip
CHARACTER_STYLES = (PLACEHOLDER,)
TABLE_STYLES = (TABLE,)

HANGING = Cm(0.75)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that the word processor fills in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build_reference(path: Path) -> None:
    """Write the default house-style document to `path`."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    # East-Asian and complex-script fonts too, or Word shows Calibri for some characters.
    fonts = normal.element.rPr.rFonts
    for attr in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attr), "Arial")

    def paragraph_style(
        name: str,
        *,
        bold: bool = False,
        size: float | None = None,
        before: float = 0,
        after: float = 0,
    ) -> ParagraphStyle:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.bold = bold
        if size:
            style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        return style

    paragraph_style(MINISTER, bold=True)
    paragraph_style(MINISTER_TITLE, bold=True, after=18)
    paragraph_style(HEADING, bold=True, size=12, before=6)
    paragraph_style(REFERENCE, after=0)
    paragraph_style(QUESTION_TITLE, bold=True, before=12, after=10)
    paragraph_style(QUESTION_TEXT, after=10)
    numbered = paragraph_style(NUMBERED, after=10)
    numbered.paragraph_format.left_indent = HANGING
    numbered.paragraph_format.first_line_indent = -HANGING
    numbered.paragraph_format.tab_stops.add_tab_stop(HANGING, WD_TAB_ALIGNMENT.LEFT)
    body = paragraph_style(BODY, after=10)
    body.paragraph_format.left_indent = HANGING
    bullet = paragraph_style(BULLET, after=4)
    bullet.paragraph_format.left_indent = HANGING * 2
    bullet.paragraph_format.first_line_indent = -HANGING
    bullet.paragraph_format.tab_stops.add_tab_stop(HANGING * 2, WD_TAB_ALIGNMENT.LEFT)
    table_text = paragraph_style(TABLE_TEXT, size=9.5)
    table_text.paragraph_format.line_spacing = 1.0
    table_head = paragraph_style(TABLE_HEAD, bold=True, size=9.5)
    table_head.paragraph_format.line_spacing = 1.0
    caption = paragraph_style(CAPTION, size=9, after=10)
    caption.font.italic = True
    caption.paragraph_format.left_indent = HANGING
    draft = paragraph_style(DRAFT_MARK, bold=True, size=14)
    draft.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    draft.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    due = paragraph_style(DUE_DATE, size=8)
    due.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    due.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    marker = styles.add_style(PLACEHOLDER, WD_STYLE_TYPE.CHARACTER)
    marker.font.bold = True
    marker.font.highlight_color = WD_COLOR_INDEX.YELLOW
    # LibreOffice ignores highlighting in a character style but shows shading.
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "FFFF00")
    marker.element.get_or_add_rPr().append(shading)

    table = styles.add_style(TABLE, WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]

    header = section.header.paragraphs[0]
    header.text = catalogue.DRAFT_MARK
    header.style = styles[DRAFT_MARK]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Pagina ")
    _field(footer, "PAGE")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES")

    # A sample of every style, so whoever opens the file in Word sees what each one is for.
    # The renderer replaces this body with the answer.
    samples = [
        (MINISTER, "NAAM VAN DE MINISTER"),
        (MINISTER_TITLE, "VLAAMS MINISTER VAN …"),
        (HEADING, "ANTWOORD"),
        (REFERENCE, "op vraag nr. 1 van 1 januari 2026"),
        (REFERENCE, "van NAAM VAN HET PARLEMENTSLID"),
        (QUESTION_TITLE, "Titel van de vraag (in het vraagblok)"),
        (QUESTION_TEXT, "Inleiding van de vraag (in het vraagblok)."),
        (NUMBERED, "1.\tEerste alinea van een genummerd antwoord (stijl Antwoord genummerd)."),
        (BODY, "Verdere alinea's van hetzelfde antwoord (stijl Antwoordtekst)."),
        (BULLET, "–\tEen punt van een opsomming (stijl Opsomming)."),
        (CAPTION, "Figuur 1: bijschrift bij een grafiek (stijl Bijschrift)."),
    ]
    for style_name, text in samples:
        doc.add_paragraph(text, style=style_name)
    sample = doc.add_paragraph("Tekst die nog ingevuld moet worden: ", style=BODY)
    sample.add_run("[TE VERVOLLEDIGEN: …]", style=PLACEHOLDER)
    grid = doc.add_table(rows=2, cols=2, style=TABLE)
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text, style_name in zip(
        grid._cells, ["Onderwerp", "2016", "voorbeeld", "1.234"],
        [TABLE_HEAD, TABLE_HEAD, TABLE_TEXT, TABLE_TEXT], strict=True,
    ):  # fmt: skip
        cell.paragraphs[0].text = text
        cell.paragraphs[0].style = styles[style_name]
    _slim(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


# Styles of python-docx's own template that a draft uses beside pqgen's: defaults, the bases of
# pqgen's styles, and those Word gives headers, footers and comments.
_KEPT = {
    "Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "Header",
    "Footer", "Comment Text", "Comment Reference", "Balloon Text",
}  # fmt: skip


def _slim(doc: Any) -> None:
    """Drop what python-docx's template carries but no draft uses: some 170 unused styles and
    the Word 2010 copy of them (stylesWithEffects). They made every draft 800 kB of XML to copy
    and compress; without them a batch writes drafts several times faster."""
    ours = set(PARAGRAPH_STYLES + CHARACTER_STYLES + TABLE_STYLES)
    keep = set(_KEPT) | ours
    by_name = {s.name: s for s in doc.styles}
    for name in list(keep):
        style = by_name.get(name)
        while style is not None and getattr(style, "base_style", None) is not None:
            style = style.base_style
            keep.add(style.name)
    for style in list(doc.styles):
        if style.name not in keep:
            style.element.getparent().remove(style.element)
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)


if __name__ == "__main__":
    build_reference(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates") / REFERENCE_NAME)
