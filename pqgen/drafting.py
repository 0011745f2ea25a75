"""Draft an answer: read the question, compose the answer, write the Word document."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pqgen import catalogue
from pqgen.compose import templating
from pqgen.compose.answer import Answer
from pqgen.compose.checks import CheckFailure, check_answer
from pqgen.compose.fill import compose
from pqgen.compose.plan import figure_requests
from pqgen.compose.plan import plan as plan_steps
from pqgen.compose.settings import DraftSettings
from pqgen.compose.step import Step
from pqgen.errors import NotFinal
from pqgen.figures import queries
from pqgen.figures.model import FigureRequest, FigureSet
from pqgen.figures.queries import QueryFile
from pqgen.figures.sources import DatabaseSource, FigureSource, StoredSource
from pqgen.figures.workbooks import load_figure_file
from pqgen.files import atomic_write, check_suffix, check_writable
from pqgen.output.annex import annex_path, write_annex
from pqgen.output.docx import docx_bytes
from pqgen.output.pdf import to_pdf
from pqgen.output.provenance import provenance_path, write_provenance
from pqgen.question.model import Question
from pqgen.workspace import Workspace


def default_output(number: int) -> Path:
    """Where the answer to question `number` goes when no -o is given: antwoord-NUMBER.docx."""
    return Path(catalogue.ANSWER_FILE.format(number=number))


@dataclass(frozen=True)
class Draft:
    """A written draft: where it and its companions went, what it holds, what failed."""

    path: Path
    answer: Answer
    failures: list[CheckFailure] = field(default_factory=list)
    provenance: Path | None = None
    annex: Path | None = None
    pdf: Path | None = None

    @property
    def steps(self) -> list[Step]:
        """How each part was answered (issue 8), as the answer was planned."""
        return list(self.answer.steps)


def draft(
    question: Question,
    source: FigureSource,
    workspace: Workspace,
    output: Path,
    *,
    with_question: bool = False,
    settings: DraftSettings | None = None,
    pdf: bool = False,
) -> Draft:
    """Compose the answer to `question` and write it to `output` with its provenance (and annex
    and PDF when asked); nothing is written when composing fails, or for a final document while
    a placeholder is left or a check fails."""
    settings = settings or DraftSettings()
    answer = compose(question, source, workspace, settings)
    return write_answer(
        answer, workspace, output, with_question=with_question, settings=settings, pdf=pdf
    )


def write_answer(
    answer: Answer,
    workspace: Workspace,
    output: Path,
    *,
    with_question: bool = False,
    settings: DraftSettings | None = None,
    pdf: bool = False,
) -> Draft:
    """Check `answer` and write it to `output` with its companions.

    The .docx is written last but for its PDF: where it exists, its provenance and annex do too,
    so a batch that was stopped halfway can tell a finished draft by its .docx alone.
    """
    settings = settings or DraftSettings()
    check_suffix(output, (".docx",), "the draft")
    for path in companions(output, annex=settings.annex, pdf=pdf):
        check_writable(path)  # all refused before any is written
    failures = check_answer(answer, settings)
    if settings.final and (answer.placeholders() or failures):
        raise NotFinal(output, answer.placeholders(), failures)
    data = docx_bytes(
        answer,
        workspace,
        with_question=with_question,
        settings=settings,
        annex=annex_path(output).name if settings.annex else None,
    )
    written: list[Path] = []
    try:
        provenance = write_provenance(answer, output, [str(f) for f in failures])
        written.append(provenance)
        annex = write_annex(answer, annex_path(output)) if settings.annex else None
        written += [annex] if annex else []
        atomic_write(output, lambda temporary: Path(temporary).write_bytes(data))
    except BaseException:
        # No companion without its draft (say the disk filled up before the .docx).
        for path in written:
            path.unlink(missing_ok=True)
        raise
    made_pdf = to_pdf(output) if pdf else None
    return Draft(output, answer, failures, provenance, annex, made_pdf)


def companions(output: Path, *, annex: bool = False, pdf: bool = False) -> list[Path]:
    """Every file a draft to `output` writes: the .docx, its provenance, annex and PDF."""
    paths = [output, provenance_path(output)]
    if annex:
        paths.append(annex_path(output))
    if pdf:
        paths.append(output.with_suffix(".pdf"))
    return paths


def plan(question: Question, workspace: Workspace) -> list[Step]:
    """How each part of `question` will be answered with the workspace's templates."""
    find = functools.partial(queries.query, workspace)
    return plan_steps(question, templating.templates(workspace), find)


def document_bytes(
    answer: Answer,
    workspace: Workspace,
    *,
    with_question: bool = False,
    settings: DraftSettings | None = None,
) -> bytes:
    """The .docx of `answer` in memory, as `write_answer` would write it (without companions)."""
    return docx_bytes(answer, workspace, with_question=with_question, settings=settings)


def requests_for(
    question: Question, workspace: Workspace, find: Callable[[str], QueryFile] | None = None
) -> list[FigureRequest]:
    """The distinct figure sets that drafting `question` needs; query files found with `find`
    (by default the workspace's, in no database's dialect)."""
    return planned_requests(question, workspace, find)[1]


def planned_requests(
    question: Question, workspace: Workspace, find: Callable[[str], QueryFile] | None = None
) -> tuple[list[Step], list[FigureRequest]]:
    """The plan of `question` and the distinct figure sets it needs (see `requests_for`): a
    batch hands the plan to the worker that drafts the question, which need not plan again."""
    find = find or functools.partial(queries.query, workspace)
    steps = plan_steps(question, templating.templates(workspace), find)
    return steps, figure_requests(steps, find)


def pull_figures(
    question: Question, workspace: Workspace, source: DatabaseSource
) -> tuple[list[FigureRequest], list[FigureSet]]:
    """Every figure set `question` needs, pulled from the database behind `source`."""
    requests = requests_for(question, workspace, source.query)
    return requests, [source.fetch(r.query.name, r.params) for r in requests]


def figure_file_source(path: Path, workspace: Workspace) -> StoredSource:
    """Figures from a filled-in workbook or a `pqgen figures` output, checked cell by cell."""
    return load_figure_file(path, functools.partial(queries.query, workspace))
