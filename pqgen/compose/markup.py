"""The markup templates write, read into answer blocks.

Templates write Markdown (CommonMark with pipe tables): paragraphs, bulleted and numbered lists,
tables, **bold** and *italic*, and for a chart a paragraph of one image: ![caption](chart:1).
A "[TE VERVOLLEDIGEN: …]" anywhere in the text becomes a highlighted placeholder, and the figure
marks of the filters become runs that name their figure set. markdown-it-py does the parsing;
this module only maps its tokens.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pqgen import catalogue
from pqgen.compose.answer import Block, Chart, ListBlock, Paragraph, Run, Table
from pqgen.compose.filters import MARK_END, MARK_OVERALL, MARK_SEP, MARK_START

_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
_MARKS = re.compile(f"({MARK_START}[^{MARK_SEP}]*{MARK_SEP}|{MARK_END}|{MARK_OVERALL})")
_PLACEHOLDER = re.compile(catalogue.PLACEHOLDER_PATTERN)


REMEMBERED_CHARS = 20_000  # outputs up to this long are parsed once per process


def parse_markup(text: str) -> list[Block]:
    """The blocks of a template's output, in order. Blocks are immutable, so a text parsed before
    gives the blocks it gave then: the answers of a batch repeat many texts (the same template on
    the same figures), and markdown-it costs more than the rest of a part."""
    if len(text) <= REMEMBERED_CHARS:
        return list(_parsed(text))
    return list(_blocks(iter(_PARSER.parse(text))))


@functools.lru_cache(maxsize=1024)
def _parsed(text: str) -> tuple[Block, ...]:
    return tuple(_blocks(iter(_PARSER.parse(text))))


def _blocks(tokens: Iterator[Token]) -> Iterator[Block]:
    for token in tokens:
        if token.type == "paragraph_open":
            inline = next(tokens)
            next(tokens)  # paragraph_close
            children = [c for c in inline.children or [] if c.type != "softbreak"]
            if len(children) == 1 and children[0].type == "image":
                image = children[0]
                yield Chart(str(image.attrs.get("src", "")), image.content)
            else:
                yield Paragraph(_runs(inline))
        elif token.type == "heading_open":
            yield Paragraph(
                tuple(Run(r.text, True, r.italic, r.placeholder) for r in _runs(next(tokens)))
            )
            next(tokens)
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            yield _list(tokens, ordered=token.type == "ordered_list_open")
        elif token.type == "table_open":
            yield _table(tokens)


def _list(tokens: Iterator[Token], *, ordered: bool) -> ListBlock:
    items: list[tuple[Run, ...]] = []
    depth = 1
    current: list[Run] = []
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "list_item_open" and depth == 1:
            current = []
        elif token.type == "list_item_close" and depth == 1:
            items.append(tuple(current))
        elif token.type == "inline":
            if current:
                current.append(Run(" "))
            current.extend(_runs(token))
    return ListBlock(tuple(items), ordered)


def _table(tokens: Iterator[Token]) -> Table:
    header: list[tuple[Run, ...]] = []
    rows: list[list[tuple[Run, ...]]] = []
    align: list[str] = []
    in_head = False
    for token in tokens:
        if token.type == "table_close":
            break
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and not in_head:
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            cell = _runs(next(tokens))
            if in_head:
                style = str(token.attrs.get("style", ""))
                align.append("right" if "right" in style else "left")
                header.append(cell)
            else:
                rows[-1].append(cell)
    return Table(tuple(header), tuple(tuple(r) for r in rows), tuple(align))


def _runs(inline: Token) -> tuple[Run, ...]:
    """The runs of an inline token: styles applied, figure marks read, placeholders split off,
    neighbours of one kind merged."""
    bold = italic = False
    pieces: list[Run] = []
    for child in inline.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            pieces.append(Run(child.content, bold, italic))
        elif child.type == "softbreak":
            pieces.append(Run(" ", bold, italic))
        elif child.type == "hardbreak":
            pieces.append(Run("\n", bold, italic))
    merged: list[Run] = []
    for piece in _read_marks(pieces):
        if merged and _same_kind(merged[-1], piece):
            merged[-1] = replace(merged[-1], text=merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return tuple(run for m in merged for run in _split_placeholders(m) if run.text)


def _same_kind(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.figure, a.overall) == (b.bold, b.italic, b.figure, b.overall)


def _read_marks(pieces: list[Run]) -> list[Run]:
    """Runs with the marks of the filters turned into `figure` and `overall` (a mark may span
    styles)."""
    out: list[Run] = []
    figure: str | None = None
    overall = False
    for piece in pieces:
        for part in _MARKS.split(piece.text):
            if part.startswith(MARK_START):
                figure = part[1:-1]
            elif part == MARK_END:
                figure = None
            elif part == MARK_OVERALL:
                overall = not overall
            elif part:
                out.append(replace(piece, text=part, figure=figure, overall=overall))
    return out


def _split_placeholders(run: Run) -> list[Run]:
    parts: list[Run] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(run.text):
        parts.append(replace(run, text=run.text[pos : m.start()]))
        parts.append(replace(run, text=m.group(0), placeholder=True))
        pos = m.end()
    parts.append(replace(run, text=run.text[pos:]))
    return parts
