"""The written question (schriftelijke vraag) as structured data.

A parsed question can be written to YAML or JSON, reviewed and edited by hand, and read back: the
YAML is as good an input for `pqgen draft` as the published text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from pqgen.errors import EarlierQuestionError, QuestionFileError


@dataclass(frozen=True)
class SubQuestion:
    """One numbered sub-question (deelvraag); its answer carries the same number.

    `texts` holds what a person wrote for the placeholders of its answer, by the placeholder's
    key (say "evaluatie"); "antwoord" is the whole answer where no template fits.
    `template` overrides the choice of template: a template's name, or "none" for no template.
    `parts` does the same per part, by its key ("a", "b", or "1", "2" for separate asks):
    `{b: {template: none, text: "…"}}`, where `text` is the part's whole answer.
    """

    number: int
    text: str
    texts: dict[str, str] = field(default_factory=dict, compare=False)
    template: str | None = field(default=None, compare=False)
    parts: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    # issue 12: the department asked for this sub-question's figures (a part's own `department:`
    # under `parts:` wins); each department gets its own request workbook.
    department: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Addressee:
    """One minister a joint question went to, with the number it has for that minister."""

    minister: str
    number: int


@dataclass(frozen=True)
class Earlier:
    """An earlier question this one repeats (issue 11: recurring questions), as the question's
    YAML names it under `earlier:`. `file` is that question's file, resolved against the folder of
    the file that names it; `question` is what it holds, read by `question.load.with_earlier`
    (without a file, the answer can refer to the number and date only and states no change)."""

    number: int
    date: dt.date
    file: Path | None = None
    minister: str | None = None
    question: Question | None = field(default=None, compare=False, repr=False)
    # The provenance.json of that question's draft, and the figure sets recorded in it: a figure
    # the answer compares with must still be what that draft said (read by `with_earlier`).
    provenance: Path | None = None
    recorded: tuple[dict[str, Any], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Question:
    """A written question as published: who asked whom what, and when.

    `parameters` holds values for the queries that the question text does not state (for example
    the department whose figures are asked); they override what pqgen derives from the text.
    `joint` lists the ministers a joint question went to ("Deze vraag werd gesteld aan …"), each
    with its own number; it is empty for a question to one minister.
    `warnings` names every field that was inferred rather than read ("title: …"); `answer` is
    the published answer when the file held one (for recurring questions to refer to).
    """

    number: int
    author: str
    date: dt.date
    minister: str
    minister_title: str
    title: str
    intro: str
    subquestions: tuple[SubQuestion, ...]
    parameters: dict[str, Any] = field(default_factory=dict)
    joint: tuple[Addressee, ...] = ()
    # How the text was read, not what it says: neither takes part in comparing two questions.
    warnings: list[str] = field(default_factory=list, compare=False)
    answer: str | None = field(default=None, compare=False)
    # issue 11: the earlier questions this one repeats, latest last (see `Earlier`).
    earlier: tuple[Earlier, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The question as plain data, with the date in ISO form (the keys of `parse --json`)."""
        data: dict[str, Any] = {
            "number": self.number,
            "author": self.author,
            "date": self.date.isoformat(),
            "minister": self.minister,
            "minister_title": self.minister_title,
            "title": self.title,
            "intro": self.intro,
            "subquestions": [_subquestion_dict(s) for s in self.subquestions],
        }
        if self.parameters:
            data["parameters"] = dict(self.parameters)
        if self.joint:
            data["joint"] = [{"minister": a.minister, "number": a.number} for a in self.joint]
        if self.warnings:
            data["warnings"] = list(self.warnings)
        if self.answer is not None:
            data["answer"] = self.answer
        if self.earlier:
            data["earlier"] = [_earlier_dict(e) for e in self.earlier]
        return data

    @classmethod
    def from_dict(cls, data: Any, source: Path | str = "<question>") -> Question:
        """Build a question from plain data, naming the field when one is missing or wrong."""
        if not isinstance(data, dict):
            raise QuestionFileError(source, "(top level)", "must be a mapping of fields")
        _known_keys(source, "", data, QUESTION_KEYS)

        def text(name: str, *, required: bool = True) -> str:
            value = data.get(name)
            if value is None and not required:
                return ""
            if not isinstance(value, str) or (required and not value.strip()):
                raise QuestionFileError(source, name, "is missing or not text")
            return value.strip()

        number = data.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number <= 0:
            raise QuestionFileError(source, "number", "must be a positive whole number")
        date = data.get("date")
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date)
            except ValueError:
                raise QuestionFileError(source, "date", "must be a date as yyyy-mm-dd") from None
        if not isinstance(date, dt.date):
            raise QuestionFileError(source, "date", "must be a date as yyyy-mm-dd")
        raw_subs = data.get("subquestions")
        if not isinstance(raw_subs, list) or not raw_subs:
            raise QuestionFileError(source, "subquestions", "must be a non-empty list")
        subs = []
        for i, raw in enumerate(raw_subs, start=1):
            if (
                not isinstance(raw, dict)
                or not isinstance(raw.get("number"), int)
                or not isinstance(raw.get("text"), str)
            ):
                raise QuestionFileError(
                    source, f"subquestions[{i}]", "must have a whole 'number' and a 'text'"
                )
            _known_keys(source, f"subquestions[{i}].", raw, SUBQUESTION_KEYS)
            template, parts = _overrides(source, f"subquestions[{i}]", raw)
            texts = raw.get("texts") or {}
            if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
                raise QuestionFileError(
                    source, f"subquestions[{i}].texts", "must map placeholder keys to text"
                )
            subs.append(
                SubQuestion(
                    raw["number"],
                    raw["text"].strip(),
                    {str(k): v.strip() for k, v in texts.items()},
                    template,
                    parts,
                    _department(source, f"subquestions[{i}].department", raw.get("department")),
                )
            )
        parameters = data.get("parameters") or {}
        if not isinstance(parameters, dict):
            raise QuestionFileError(source, "parameters", "must be a mapping of name: value")
        joint = []
        for i, raw in enumerate(data.get("joint") or [], start=1):
            if (
                not isinstance(raw, dict)
                or not isinstance(raw.get("minister"), str)
                or not isinstance(raw.get("number"), int)
            ):
                raise QuestionFileError(
                    source, f"joint[{i}]", "must have a 'minister' and a whole 'number'"
                )
            joint.append(Addressee(raw["minister"].strip(), raw["number"]))
        warnings = data.get("warnings") or []
        if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
            raise QuestionFileError(source, "warnings", "must be a list of texts")
        answer = data.get("answer")
        if answer is not None and not isinstance(answer, str):
            raise QuestionFileError(source, "answer", "must be text")
        return cls(
            number=number,
            author=text("author"),
            date=date,
            minister=text("minister"),
            minister_title=text("minister_title"),
            title=text("title"),
            intro=text("intro", required=False),
            subquestions=tuple(subs),
            parameters=parameters,
            joint=tuple(joint),
            warnings=[w.strip() for w in warnings],
            answer=answer.strip() if answer is not None else None,
            earlier=_earlier(source, data.get("earlier"), date),
        )

    def with_texts(self, number: int, texts: dict[str, str]) -> Question:
        """This question with `texts` given for the placeholders of sub-question `number`."""
        subs = tuple(
            replace(s, texts={**s.texts, **texts}) if s.number == number else s
            for s in self.subquestions
        )
        return replace(self, subquestions=subs)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_yaml(self) -> str:
        return yaml.safe_dump(
            self.to_dict(), allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
        )


def _subquestion_dict(sub: SubQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"number": sub.number, "text": sub.text}
    if sub.texts:
        data["texts"] = dict(sub.texts)
    if sub.template:
        data["template"] = sub.template
    if sub.parts:
        data["parts"] = {k: dict(v) for k, v in sub.parts.items()}
    if sub.department:
        data["department"] = sub.department
    return data


# The keys a question file may hold; "warnings" and "answer" are written by other steps.
QUESTION_KEYS = ("number", "author", "date", "minister", "minister_title", "title", "intro",
                 "subquestions", "parameters", "joint", "warnings", "answer",
                 "earlier")  # fmt: skip
SUBQUESTION_KEYS = ("number", "text", "texts", "template", "parts", "department")
PART_KEYS = ("template", "text", "department")


def unknown_key_problem(key: str, known: tuple[str, ...]) -> str:
    """ "is not a known key; did you mean 'template'?" for a key that is not in `known`."""
    near = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{near[0]}'?" if near else "known keys: " + ", ".join(known)
    return f"is not a known key; {hint}"


def _known_keys(
    source: Path | str, where: str, data: dict[str, Any], known: tuple[str, ...]
) -> None:
    for key in data:
        if str(key) not in known:
            raise QuestionFileError(source, f"{where}{key}", unknown_key_problem(str(key), known))


def _template_name(source: Path | str, where: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise QuestionFileError(source, where, "must name a template, or be 'none'")
    return value.strip()


def _overrides(
    source: Path | str, where: str, raw: dict[str, Any]
) -> tuple[str | None, dict[str, dict[str, str]]]:
    """A sub-question's `template:` and its `parts:` (template and text per part key)."""
    template = _template_name(source, f"{where}.template", raw.get("template"))
    parts: dict[str, dict[str, str]] = {}
    raw_parts = raw.get("parts") or {}
    if not isinstance(raw_parts, dict):
        raise QuestionFileError(source, f"{where}.parts", "must map part keys (a, b, …) to fields")
    for key, value in raw_parts.items():
        part_where = f"{where}.parts.{key}"
        if not isinstance(value, dict):
            raise QuestionFileError(source, part_where, "must hold 'template:' and/or 'text:'")
        _known_keys(source, f"{part_where}.", value, PART_KEYS)
        entry = {}
        if name := _template_name(source, f"{part_where}.template", value.get("template")):
            entry["template"] = name
        if value.get("text") is not None:
            if not isinstance(value["text"], str):
                raise QuestionFileError(source, f"{part_where}.text", "must be text")
            entry["text"] = value["text"].strip()
        if department := _department(source, f"{part_where}.department", value.get("department")):
            entry["department"] = department
        parts[str(key)] = entry
    return template, parts


def _department(source: Path | str, where: str, value: Any) -> str | None:
    """A department named in the question's YAML (issue 12), or None."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise QuestionFileError(source, where, "must name a department")
    return value.strip()


# issue 11: recurring questions --------------------------------------------------------------

EARLIER_KEYS = ("number", "date", "file", "minister", "provenance")
EARLIER_HOW = (
    "give the earlier question as {number: 639, date: 2017-06-08} and/or file: vraag-639.yaml"
)


def _earlier_dict(earlier: Earlier) -> dict[str, Any]:
    data: dict[str, Any] = {"number": earlier.number, "date": earlier.date.isoformat()}
    if earlier.file is not None:
        data["file"] = str(earlier.file)
    if earlier.minister:
        data["minister"] = earlier.minister
    if earlier.provenance is not None:
        data["provenance"] = str(earlier.provenance)
    return data


def _path(source: Path | str, value: Any, where: str, what: str) -> Path | None:
    """A file named in `earlier:`, relative to the file that names it, made absolute so that
    reading the question again resolves it the same."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise EarlierQuestionError(source, where, f"must be the path of {what}")
    path = Path(value.strip())
    if not path.is_absolute() and isinstance(source, Path):
        path = (source.parent / path).absolute()
    return path


def _earlier(source: Path | str, value: Any, asked: dt.date) -> tuple[Earlier, ...]:
    """`earlier:` of a question file: one mapping or a list of them, each with the number and
    date of an earlier question this one repeats, and/or the file that holds it. A file's own
    number and date are filled in when it is read (`question.load.with_earlier`)."""
    if value is None:
        return ()
    entries = value if isinstance(value, list) else [value]
    found = []
    for i, raw in enumerate(entries, start=1):
        where = f"earlier[{i}]" if isinstance(value, list) else "earlier"
        if isinstance(raw, str):  # `earlier: vraag-639.yaml`: the file alone
            raw = {"file": raw}
        if not isinstance(raw, dict):
            raise EarlierQuestionError(source, where, f"must be a mapping; {EARLIER_HOW}")
        _known_keys(source, f"{where}.", raw, EARLIER_KEYS)
        number = raw.get("number")
        if number is not None and (
            not isinstance(number, int) or isinstance(number, bool) or number <= 0
        ):
            raise EarlierQuestionError(
                source,
                f"{where}.number",
                "must be the earlier question's number (a whole number from 1)",
            )
        day = raw.get("date")
        if isinstance(day, str):
            text = day.strip()
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise EarlierQuestionError(
                    source, f"{where}.date", f"'{text[:40]}' is not a date as yyyy-mm-dd"
                ) from None
        if day is not None and not isinstance(day, dt.date):
            raise EarlierQuestionError(source, f"{where}.date", "must be a date as yyyy-mm-dd")
        if day is not None and day >= asked:
            raise EarlierQuestionError(
                source,
                f"{where}.date",
                f"{day.isoformat()} is not before this question's date {asked.isoformat()}; "
                "give the date of the earlier question",
            )
        path = _path(source, raw.get("file"), f"{where}.file", "a question file")
        drafted = _path(
            source, raw.get("provenance"), f"{where}.provenance", "a draft's provenance.json"
        )
        minister = raw.get("minister")
        if minister is not None and (not isinstance(minister, str) or not minister.strip()):
            raise EarlierQuestionError(source, f"{where}.minister", "must name a minister")
        if path is None and (number is None or day is None):
            missing = (
                "'number' and 'date'"
                if number is None and day is None
                else ("'number'" if number is None else "'date'")
            )
            raise EarlierQuestionError(source, where, f"lacks {missing}; {EARLIER_HOW}")
        found.append(
            Earlier(
                number or 0, day or asked, path, minister.strip() if minister else None,
                provenance=drafted,
            )
        )  # fmt: skip
    return tuple(found)
