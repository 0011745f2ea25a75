"""The fast way to an answer's .docx: the house-style package built once, the body written as XML.

python-docx builds a document element by element and serialises every part on every save; for a
batch of a thousand drafts that is most of the work, and nearly all of it is the same each time.
Here python-docx does the structural work once per process and variant (draft or final, with or
without comments): it opens the reference document, adds a marked paragraph to the body, the
due-date line to the header and a marked comment, and saves. That package is cut at the marks
into fixed text around the parts that change, and every other zip entry is kept compressed.

Per answer only the body, the header's due-date line and the comments are written, as XML text,
in exactly the form python-docx gives them (`tests/test_wordml.py` compares the two byte for byte).
An answer with a chart, a ragged table or a comment of several lines goes the python-docx way
(:func:`supports`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from pqgen.compose.answer import Answer, Chart, ListBlock, Paragraph, Run, Section, Table
from pqgen.output import housestyle as hs
from pqgen.output.annex import ANNEX_NUMBER
from pqgen.output.layout import FLEMISH_PARLIAMENT, Layout, Line, column_widths, fields
from pqgen.output.provenance import comment_text
from pqgen.question.deadline import due_date

BODY_MARK = "pqgen-body-mark-5b1f"
DUE_MARK = "pqgen-due-mark-5b1f"
COMMENT_MARK = "pqgen-comment-mark-5b1f"
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = re.compile("[\t\r\n]")
_EMU_PER_TWIP = 635


def escape(text: str) -> str:
    """`text` as XML character data, as lxml writes it."""
    if _INVALID.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _t(text: str) -> str:
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{escape(text)}</w:t>'
    return f"<w:t>{escape(text)}</w:t>"


def run_content(text: str) -> str:
    """The inner content of a run for `text`: text, a tab per tab, a break per line end."""
    if not _SPECIAL.search(text):
        return _t(text) if text else ""
    out = []
    start = 0
    for m in _SPECIAL.finditer(text):
        if m.start() > start:
            out.append(_t(text[start : m.start()]))
        out.append("<w:tab/>" if m.group() == "\t" else "<w:br/>")
        start = m.end()
    if start < len(text):
        out.append(_t(text[start:]))
    return "".join(out)


def run(text: str, *, style: str | None = None, bold: bool = False, italic: bool = False) -> str:
    props = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/>" if bold else "")
    props += "<w:i/>" if italic else ""
    inner = (f"<w:rPr>{props}</w:rPr>" if props else "") + run_content(text)
    return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"


def paragraph(style_id: str, content: str = "", *, right: bool = False) -> str:
    jc = '<w:jc w:val="right"/>' if right else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{jc}</w:pPr>{content}</w:p>'


@dataclass
class Comments:
    """The comments of one document as they are made: (id, text), in order."""

    enabled: bool
    made: list[tuple[int, str]] = field(default_factory=list)
    _texts: dict[int, str] = field(default_factory=dict)

    def around(self, section: Section, run_xml: str, figure: str | None) -> str:
        """`run_xml`, with a comment naming the source of `figure` when it has one."""
        figure_set = section.figures.get(figure or "") if self.enabled else None
        if figure_set is None:
            return run_xml
        key = id(figure_set.provenance)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = comment_text(figure_set.provenance)
        n = len(self.made)
        self.made.append((n, text))
        return commented(n, run_xml)


def commented(n: int, run_xml: str) -> str:
    """A run with comment `n` on it, as python-docx marks it."""
    return (
        f'<w:commentRangeStart w:id="{n}"/>{run_xml}<w:commentRangeEnd w:id="{n}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{n}"/></w:r>'
    )


@dataclass(frozen=True)
class Body:
    """Writes an answer's body XML with the style ids and text width of one house style."""

    ids: dict[str, str]
    text_width_emu: int
    layout: Layout = FLEMISH_PARLIAMENT

    def line(self, text: str, style: str) -> str:
        return paragraph(self.ids[style], run(text) if text else "")

    def runs(self, runs: Iterable[Run], section: Section, comments: Comments) -> str:
        placeholder = self.ids[hs.PLACEHOLDER]
        return "".join(
            comments.around(
                section,
                run(r.text, style=placeholder if r.placeholder else None, bold=r.bold,
                    italic=r.italic),
                r.figure,
            )
            for r in runs
        )  # fmt: skip

    def lines(self, lines: Iterable[Line], values: dict[str, str]) -> str:
        return "".join(self.line(line.format(values), line.style) for line in lines)

    def question_block(self, answer: Answer) -> str:
        question = answer.question
        parts = [self.lines(self.layout.question_header, fields(question))]
        for text in filter(None, question.intro.split("\n\n")):
            parts.append(self.line(text, hs.QUESTION_TEXT))
        for sub in question.subquestions:
            parts.append(self.line(f"{sub.number}.\t{sub.text}", hs.NUMBERED))
        parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        return "".join(parts)

    def table(self, block: Table, section: Section, comments: Comments) -> str:
        columns = len(block.header)
        widths = [round(w / _EMU_PER_TWIP) for w in column_widths(block, self.text_width_emu)]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.ids[hs.TABLE]}"/>'
            '<w:tblW w:type="auto" w:w="0"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
            'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>"
        ]
        right = [c < len(block.align) and block.align[c] == "right" for c in range(columns)]
        for r, cells in enumerate((block.header, *block.rows)):
            style = self.ids[hs.TABLE_HEAD if r == 0 else hs.TABLE_TEXT]
            out.append('<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>' if r == 0 else "<w:tr>")
            for c, runs in enumerate(cells[:columns]):
                content = self.runs(runs, section, comments)
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[c]}"/></w:tcPr>'
                    f"{paragraph(style, content, right=right[c])}</w:tc>"
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        out.append(self.line("", hs.BODY))
        return "".join(out)

    def section(self, section: Section, comments: Comments, numbers: bool) -> str:
        out: list[str] = []
        numbered = False

        def first(runs: Iterable[Run]) -> None:
            nonlocal numbered
            content = self.runs(runs, section, comments)
            if not numbers:
                out.append(paragraph(self.ids[hs.QUESTION_TEXT], content))
            elif numbered:
                out.append(paragraph(self.ids[hs.BODY], content))
            else:
                out.append(paragraph(self.ids[hs.NUMBERED], run(f"{section.number}.\t") + content))
                numbered = True

        for block in section.blocks:
            if isinstance(block, Paragraph):
                first(block.runs)
                continue
            if not numbered:
                first([])
            if isinstance(block, ListBlock):
                bullet = self.ids[hs.BULLET]
                for i, item in enumerate(block.items, start=1):
                    mark = f"{chr(ord('a') + i - 1)})" if block.ordered else "–"
                    content = run(f"{mark}\t") + self.runs(item, section, comments)
                    out.append(paragraph(bullet, content))
            elif isinstance(block, Table):
                out.append(self.table(block, section, comments))
        if not numbered:
            first([])
        return "".join(out)

    def answer(
        self, answer: Answer, comments: Comments, *, with_question: bool, annex: str | None
    ) -> str:
        parts = [self.question_block(answer)] if with_question else []
        parts.append(self.lines(self.layout.answer_header, fields(answer.question)))
        for section in answer.sections:
            parts.append(self.section(section, comments, answer.numbered))
        if annex:
            line = self.layout.annex
            parts.append(self.line(line.format({"number": str(ANNEX_NUMBER), "name": annex}),
                                   line.style))  # fmt: skip
        return "".join(parts)


def supports(answer: Answer) -> bool:
    """Whether :func:`render` writes `answer` as python-docx would: no charts, every table row
    as wide as its header, comments of one line."""
    for section in answer.sections:
        for block in section.blocks:
            if isinstance(block, Chart):
                return False
            if isinstance(block, Table) and (
                not block.header or any(len(r) != len(block.header) for r in block.rows)
            ):
                return False
        for figure_set in section.figures.values():
            if "\n" in comment_text(figure_set.provenance):
                return False
    return True


# The package ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A zip entry kept compressed: its name, deflated bytes, CRC and size."""

    name: str
    deflated: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, name: str, data: bytes) -> Entry:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        deflated = compressor.compress(data) + compressor.flush()
        return cls(name, deflated, zlib.crc32(data), len(data))


class Unsupported(Exception):
    """python-docx did not write the marks as this module writes XML (a house style with other
    namespace prefixes, say): such a house style goes the python-docx way."""


def _cut(text: str, mark: str, expected: str) -> tuple[str, str]:
    """`text` without the paragraph holding `mark`, which must read `expected`: what comes
    before it and after it."""
    at = text.index(mark)
    start = text.rfind("<w:p>", 0, at)
    end = text.find("</w:p>", at) + len("</w:p>")
    if start < 0 or text[start:end] != expected:
        raise Unsupported(mark)
    return text[:start], text[end:]


@dataclass(frozen=True)
class Package:
    """A house-style package cut open where an answer goes: one per process and variant."""

    entries: tuple[Entry | str, ...]  # a str names a part written per answer
    document: tuple[str, str, str]  # entry name, before the body, after it
    header: tuple[str, str, str] | None  # entry name, around the due-date line (drafts only)
    comments: tuple[str, str, str, str] | None  # entry name, before, one comment, after
    body: Body

    @classmethod
    def from_docx(cls, data: bytes, body: Body) -> Package:
        """Cut open the package python-docx saved with the marks (see `output.docx.package`);
        `Unsupported` where the marks are not as this module would write them."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
        commented_mark = any(COMMENT_MARK.encode() in content for _, content in parts)
        mark_run = commented(0, run(BODY_MARK)) if commented_mark else run(BODY_MARK)
        entries: list[Entry | str] = []
        document = header = comments = None
        for name, content in parts:
            text = content.decode("utf-8") if name.endswith(".xml") else ""
            if BODY_MARK in text:
                expected = paragraph(body.ids[hs.BODY], mark_run)
                document = (name, *_cut(text, BODY_MARK, expected))
            elif DUE_MARK in text:
                expected = body.line(DUE_MARK, body.layout.due_date.style)
                header = (name, *_cut(text, DUE_MARK, expected))
            elif COMMENT_MARK in text:
                start = text.find("<w:comment ")
                end = text.find("</w:comment>") + len("</w:comment>")
                one = text[start:end]
                if (
                    start < 0
                    or one.count(f"<w:t>{COMMENT_MARK}</w:t>") != 1
                    or ('w:id="0"' not in one)
                ):
                    raise Unsupported(COMMENT_MARK)
                comments = (name, text[:start], one, text[end:])
            else:
                entries.append(Entry.of(name, content))
                continue
            entries.append(name)
        if document is None:
            raise Unsupported(BODY_MARK)
        return cls(tuple(entries), document, header, comments, body)

    def parts(self, answer: Answer, body: str, comments: str | None) -> dict[str, str]:
        """The parts that change, by zip entry name, as XML text: the document around `body`
        (from :meth:`Body.answer`), the header with the due-date line, and `comments` (from
        :meth:`comments_xml`) where this variant has comments."""
        name, before, after = self.document
        parts = {name: before + body + after}
        if self.header is not None:
            name, before, after = self.header
            line = self.body.layout.due_date
            due = line.format(fields(answer.question, due_date(answer.question.date)))
            parts[name] = before + self.body.line(due, line.style) + after
        if self.comments is not None:
            assert comments is not None, "this variant has comments"
            parts[self.comments[0]] = comments
        return parts

    def comments_xml(self, comments: Comments) -> str:
        assert self.comments is not None
        _, before, one, after = self.comments
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        template = re.sub(r'w:date="[^"]*"', f'w:date="{stamp}"', one, count=1)
        head, tail = template.split(f"<w:t>{COMMENT_MARK}</w:t>")
        head = head.replace('w:id="0"', 'w:id="{id}"', 1)
        made = [head.replace("{id}", str(n)) + run_content(t) + tail for n, t in comments.made]
        return before + "".join(made) + after

    def zip(self, parts: dict[str, str]) -> bytes:
        """The .docx: the kept entries as they are, the changed parts compressed now."""
        return write_zip(
            [e if isinstance(e, Entry) else Entry.of(e, parts[e].encode()) for e in self.entries]
        )


def write_zip(entries: list[Entry]) -> bytes:
    """A zip archive of deflated entries (what zipfile writes, without its per-entry cost)."""
    when = time.localtime()
    dostime = when.tm_hour << 11 | when.tm_min << 5 | when.tm_sec // 2
    dosdate = (when.tm_year - 1980) << 9 | when.tm_mon << 5 | when.tm_mday
    out = io.BytesIO()
    central = []
    for e in entries:
        name = e.name.encode()
        utf8 = 0 if e.name.isascii() else 0x800  # the flag for a name in UTF-8
        head = (20, utf8, 8, dostime, dosdate, e.crc, len(e.deflated), e.size, len(name))
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *head, 0))
        out.write(name)
        out.write(e.deflated)
        central.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *head, 0, 0, 0, 0, 0, offset) + name
        )
    start = out.tell()
    out.write(b"".join(central))
    size = out.tell() - start
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), size,
                          start, 0))  # fmt: skip
    return out.getvalue()
