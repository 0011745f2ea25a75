"""Draft an answer: read the question, compose the answer, write the Word document."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pqgen.annex import annex_path, write_annex
from pqgen.answer import Answer
from pqgen.checks import CheckFailure, check_answer
from pqgen.compose import FigureRequest, FigureSource, Workspace, compose, figure_requests, plan
from pqgen.errors import InputFileError, PqgenError
from pqgen.figures import DatabaseSource, FigureSet, StoredSource
from pqgen.parse import TEXT_SUFFIXES, parse_question_file
from pqgen.pdf import to_pdf
from pqgen.provenance import write_provenance
from pqgen.queries import QueryFile
from pqgen.question import Question
from pqgen.render import build_document, save_atomically
from pqgen.settings import DraftSettings
from pqgen.workbooks import load_figure_file

DATA_SUFFIXES = (".yaml", ".yml", ".json")


def load_question(path: Path) -> Question:
    """A question from its published text (.txt, .docx, .pdf) or from `pqgen parse` output."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return parse_question_file(path)
    if suffix not in DATA_SUFFIXES:
        raise InputFileError(
            path,
            f"unknown kind of file '{suffix}'",
            hint="give the question as published (.txt, .docx, .pdf) or as .yaml/.json",
        )
    if not path.is_file():
        raise InputFileError(path, "no such file")
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            path, f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except yaml.YAMLError as exc:
        raise InputFileError(path, f"not valid YAML: {_yaml_problem(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot be read ({exc})") from None
    return Question.from_dict(data, source=path)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Where and what the YAML problem is, on one line."""
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return str(exc).splitlines()[0]
    mark = exc.problem_mark
    text = f"line {mark.line + 1}, column {mark.column + 1}: {exc.problem}"
    if exc.context and exc.context_mark is not None:
        text += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
    return text


def default_output(question: Question) -> Path:
    return Path(f"antwoord-{question.number}.docx")


@dataclass(frozen=True)
class Draft:
    """A written draft: where it and its companions went, what it holds, what failed."""

    path: Path
    answer: Answer
    failures: list[CheckFailure] = field(default_factory=list)
    provenance: Path | None = None
    annex: Path | None = None
    pdf: Path | None = None


class NotFinal(PqgenError):
    """A final document was asked for while placeholders are left or checks fail."""

    def __init__(
        self, output: Path, placeholders: list[tuple[int, str]], failures: list[CheckFailure]
    ) -> None:
        count = len(placeholders) + len(failures)
        super().__init__(
            f"{output} was not written: {count} thing{'s' if count != 1 else ''} to settle "
            "before the final document",
            hint="give the texts under the sub-question's 'texts:' in the question's YAML",
        )
        self.lines = [f"{n}. placeholder {text}" for n, text in placeholders] + [
            str(f) for f in failures
        ]

    def __str__(self) -> str:
        return "\n".join([super().__str__(), *(f"  {line}" for line in self.lines)])


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
    failures = check_answer(answer, settings)
    if settings.final and (answer.placeholders() or failures):
        raise NotFinal(output, answer.placeholders(), failures)
    document = build_document(
        answer,
        workspace.reference(),
        with_question=with_question,
        settings=settings,
        annex=annex_path(output).name if settings.annex else None,
    )
    provenance = write_provenance(answer, output)
    annex = write_annex(answer, annex_path(output)) if settings.annex else None
    save_atomically(document, output)
    made_pdf = to_pdf(output) if pdf else None
    return Draft(output, answer, failures, provenance, annex, made_pdf)


def requests_for(
    question: Question, workspace: Workspace, find: Callable[[str], QueryFile] | None = None
) -> list[FigureRequest]:
    """The distinct figure sets that drafting `question` needs; query files found with `find`
    (by default the workspace's, in no database's dialect)."""
    return figure_requests(plan(question, workspace.templates()), find or workspace.query)


def pull_figures(
    question: Question, workspace: Workspace, source: DatabaseSource
) -> tuple[list[FigureRequest], list[FigureSet]]:
    """Every figure set `question` needs, pulled from the database behind `source`."""
    requests = requests_for(question, workspace, source.query)
    return requests, [source.fetch(r.query.name, r.params) for r in requests]


def figure_file_source(path: Path, workspace: Workspace) -> StoredSource:
    """Figures from a filled-in workbook or a `pqgen figures` output, checked cell by cell."""
    return load_figure_file(path, workspace.query)
