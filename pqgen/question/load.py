"""Load a question from a file: its published text (.txt, .docx, .pdf) or `pqgen parse` output."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import yaml

from pqgen.errors import EarlierQuestionError, InputFileError, PqgenError
from pqgen.question import limits
from pqgen.question.model import Earlier, Question
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
    return with_earlier(_load_checked(path), split_number(path)[0])


def _load_checked(path: Path) -> Question:
    """The question in `path`, checked, with the files of its `earlier:` not yet read."""
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
        data = json.loads(text) if suffix == ".json" else limits.safe_yaml(text, path)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            path, f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"
        ) from None
    except yaml.YAMLError as exc:
        raise InputFileError(path, f"not valid YAML: {limits.yaml_problem(exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError(path, f"cannot be read ({exc})") from None
    return Question.from_dict(data, source=path)


def with_earlier(
    question: Question, source: Path | str, read: dict[Path, Question] | None = None
) -> Question:
    """`question` with the earlier questions it names under `earlier:` read from their files
    (issue 11), each checked against the number and date given beside it. A file already in
    `read` is not read again (a manifest's rows name the same earlier question: issue 14)."""
    if not any(e.file is not None or e.provenance is not None for e in question.earlier):
        return question
    found = []
    for i, earlier in enumerate(question.earlier, start=1):
        where = f"earlier[{i}]" if len(question.earlier) > 1 else "earlier"
        if earlier.file is None:
            found.append(_with_recorded(earlier, source, where))
            continue
        if not split_number(earlier.file)[0].is_file():
            raise EarlierQuestionError(
                source,
                f"{where}.file",
                f"names {earlier.file}, which does not exist; give the path of the earlier "
                "question's file (relative to this file) or leave 'file:' out",
            )
        try:  # without the questions it names in turn: one step back is all an answer needs
            known = read.get(earlier.file) if read is not None else None
            got = known if known is not None else _load_checked(earlier.file)
        except PqgenError as exc:
            raise EarlierQuestionError(
                source, f"{where}.file", f"cannot be read: {exc.message}"
            ) from None
        if read is not None:
            read[earlier.file] = got
        # A number or date not given beside the file is 0 or this question's date (a given
        # one equal to it is refused when the YAML is read): the file's own count then.
        if earlier.number and earlier.number != got.number:
            raise EarlierQuestionError(
                source,
                f"{where}.number",
                f"is {earlier.number}, but {earlier.file.name} holds question {got.number}; "
                "correct the number or the file",
            )
        if earlier.date != question.date and earlier.date != got.date:
            raise EarlierQuestionError(
                source,
                f"{where}.date",
                f"is {earlier.date.isoformat()}, but {earlier.file.name} was asked on "
                f"{got.date.isoformat()}; correct the date or the file",
            )
        if got.date >= question.date:
            raise EarlierQuestionError(
                source,
                f"{where}.file",
                f"holds question {got.number} of {got.date.isoformat()}, not before this "
                f"question's date {question.date.isoformat()}; name an earlier question",
            )
        read_earlier = replace(
            earlier,
            number=got.number,
            date=got.date,
            minister=earlier.minister or got.minister,
            question=got,
        )
        found.append(_with_recorded(read_earlier, source, where))
    return replace(question, earlier=tuple(found))


def _with_recorded(earlier: Earlier, source: Path | str, where: str) -> Earlier:
    """`earlier` with the figure sets recorded in the provenance.json of its draft, if named."""
    path = earlier.provenance
    if path is None:
        return earlier
    key = f"{where}.provenance"
    if not path.is_file():
        raise EarlierQuestionError(
            source,
            key,
            f"names {path}, which does not exist; give the NAME.provenance.json written beside "
            "the earlier question's draft, or leave 'provenance:' out",
        )
    try:
        document = json.loads(limits.read_text(path, limits.MAX_DOCUMENT_BYTES))
    except (PqgenError, json.JSONDecodeError, RecursionError) as exc:
        problem = exc.message if isinstance(exc, PqgenError) else "not valid JSON"
        raise EarlierQuestionError(source, key, f"{path.name}: {problem}") from None
    sets = document.get("figure_sets") if isinstance(document, dict) else None
    asked = document.get("question") if isinstance(document, dict) else None
    if not isinstance(sets, dict) or not isinstance(asked, dict):
        raise EarlierQuestionError(
            source, key, f"{path.name} is not a provenance file written by `pqgen draft`"
        )
    if asked.get("number") != earlier.number:
        raise EarlierQuestionError(
            source,
            key,
            f"{path.name} is the draft of question {asked.get('number')}, not of question "
            f"{earlier.number}; give the provenance of the earlier question's draft",
        )
    recorded = []
    for name, entry in sets.items():
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("query"), str)
            and isinstance(entry.get("parameters"), dict)
            and isinstance(entry.get("data"), list)
        ):
            raise EarlierQuestionError(
                source, key, f"{path.name}: figure set '{name}' lacks its query, parameters or data"
            )
        recorded.append(entry)
    return replace(earlier, recorded=tuple(recorded))
