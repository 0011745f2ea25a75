"""Read a draft back and say what is unfinished: `pqgen check`.

A draft is ready to send when no placeholder is left and its header lines match the question it
answers; the report also counts the comments on figures and says whether the draft marking
("ONTWERP") is still in the header.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import docx

from pqgen import catalogue
from pqgen.errors import InputFileError
from pqgen.output import housestyle as hs
from pqgen.output.layout import FLEMISH_PARLIAMENT
from pqgen.output.provenance import provenance_path
from pqgen.question.model import Question

_PLACEHOLDER = re.compile(catalogue.PLACEHOLDER_PATTERN)


@dataclass
class Review:
    """What `pqgen check` found in a draft."""

    path: Path
    placeholders: list[str] = field(default_factory=list)
    comments: int = 0
    draft_marking: bool = False
    question_source: str | None = None
    mismatches: list[str] = field(default_factory=list)
    failed_checks: list[str] = field(default_factory=list)  # as recorded beside the draft

    @property
    def ready(self) -> bool:
        """No placeholder left, no check failed, and the header lines match the question."""
        return not self.placeholders and not self.mismatches and not self.failed_checks

    def lines(self) -> list[str]:
        out = [f"{self.path}:"]
        out.append(f"  placeholders left: {len(self.placeholders)}")
        out.extend(f"    {text}" for text in self.placeholders)
        out.append(f"  checks failed: {len(self.failed_checks)}")
        out.extend(f"    {text}" for text in self.failed_checks)
        out.append(f"  comments: {self.comments}")
        out.append(f"  draft marking (ONTWERP): {'yes' if self.draft_marking else 'no'}")
        if self.question_source is None:
            out.append(
                "  header lines: not compared (no question given, no provenance file beside it)"
            )
        elif self.mismatches:
            out.append(f"  header lines: {len(self.mismatches)} differ from {self.question_source}")
            out.extend(f"    {m}" for m in self.mismatches)
        else:
            out.append(f"  header lines: match {self.question_source}")
        out.append(
            "  ready to send"
            if self.ready and not self.draft_marking and not self.comments
            else "  not ready to send"
        )
        return out


def _texts(document: docx.document.Document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def _answer_header(paragraphs: list[str], wanted: list[str], anchor: str) -> list[str] | None:
    """The header lines around the anchor ("ANTWOORD"; the last one, after any question block),
    as many before and after it as the layout has."""
    indexes = [i for i, text in enumerate(paragraphs) if text.strip() == anchor]
    if not indexes:
        return None
    i, at = indexes[-1], wanted.index(anchor)
    before = [t for t in paragraphs[:i] if t.strip()][-at:] if at else []
    after = [t for t in paragraphs[i + 1 :] if t.strip()][: len(wanted) - at - 1]
    return [*before, anchor, *after]


def review(
    path: Path, question: Question | None = None, question_source: str | None = None
) -> Review:
    """Read the draft at `path` back. Without `question`, the one recorded in its provenance file
    (NAME.provenance.json beside it) is compared with its header lines, if there is one."""
    if not path.is_file():
        raise InputFileError(path, "no such file")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not a .docx
        raise InputFileError(path, f"is not a readable .docx ({exc})") from None
    result = Review(path)
    for text in _texts(document):
        result.placeholders.extend(_PLACEHOLDER.findall(text))
    result.comments = len(list(document.comments))
    for section in document.sections:
        for paragraph in section.header.paragraphs:
            style = paragraph.style.name if paragraph.style is not None else ""
            if style == hs.DRAFT_MARK or paragraph.text.strip() == catalogue.DRAFT_MARK:
                result.draft_marking = True
    recorded = provenance_path(path)
    if recorded.is_file():
        try:
            data = json.loads(recorded.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise TypeError("not a mapping")
            failed = data.get("checks_failed", [])
            result.failed_checks = [str(f) for f in failed] if isinstance(failed, list) else []
            if question is None:
                question = Question.from_dict(data["question"], source=recorded)
                question_source = recorded.name
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, RecursionError):
            raise InputFileError(recorded, "not a provenance file written by pqgen") from None
    if question is not None:
        result.question_source = question_source or f"question {question.number}"
        layout = FLEMISH_PARLIAMENT
        wanted = layout.expected_answer_header(question)
        found = _answer_header([p.text for p in document.paragraphs], wanted, layout.anchor)
        if found is None:
            result.mismatches.append(
                f"no line '{layout.anchor}': not an answer in the official layout"
            )
        else:
            for want, have in zip(wanted, found + [""] * (len(wanted) - len(found)), strict=True):
                if want.strip() != have.strip():
                    result.mismatches.append(f"expected '{want}', found '{have}'")
    return result
