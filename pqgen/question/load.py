"""Load a question from a file: its published text (.txt, .docx, .pdf) or `pqgen parse` output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from pqgen.errors import InputFileError
from pqgen.question import limits
from pqgen.question.model import Question
from pqgen.question.parse import TEXT_SUFFIXES, parse_question_file

DATA_SUFFIXES = (".yaml", ".yml", ".json")


def split_number(path: Path) -> tuple[Path, int | None]:
    """`bulletin.pdf#42` names question nr. 42 in a file that holds several; else no number."""
    m = re.fullmatch(r"(.+)#(\d+)", str(path))
    if m is None or path.exists():
        return path, None
    return Path(m.group(1)), int(m.group(2))


def load_question(path: Path) -> Question:
    """A question from its published text (.txt, .docx, .pdf) or from `pqgen parse` output,
    checked before and after it is read (see `question.limits`).

    `FILE#42` picks question nr. 42 from a file that holds several (a bulletin, a PDF of
    questions and answers)."""
    file, number = split_number(path)
    return limits.checked(file, lambda found: _load_question(found, number))


def _load_question(path: Path, number: int | None) -> Question:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return parse_question_file(path, number)
    if number is not None:
        raise InputFileError(
            path, f"'#{number}' picks a question in a published text (.txt, .docx, .pdf) only"
        )
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
