"""Manifests: the list of questions a batch drafts (YAML or CSV; see examples/batch/).

A row names a question file, or last year's question to carry over (`previous:`) with this
year's number and date, or gives the fields themselves. A joint question ("Deze vraag werd
gesteld aan de ministers …") becomes one item for the coordinated answer (the minister the
manifest names as `coordinator`) and a referring item, with its own number, for every other
minister. A row that cannot be read becomes an item that fails with the reason; a manifest that
cannot be read at all is a `ManifestError`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from pqgen.drafting import default_output
from pqgen.dutch import parse_date
from pqgen.errors import ManifestError, PqgenError
from pqgen.question import limits
from pqgen.question.load import load_question, with_earlier
from pqgen.question.model import Question, unknown_key_problem

QUESTION_FIELDS = ("number", "author", "date", "minister", "minister_title", "title", "intro")
# Every key a manifest row may have (issue 8: any other is an error naming the nearest).
ROW_KEYS = (*QUESTION_FIELDS, "file", "previous", "subquestions", "parameters", "coordinator",
            "earlier")  # fmt: skip
MANIFEST_KEYS = ("questions", "ministers")


@dataclass(frozen=True)
class Item:
    """One draft the batch writes: an answer, or a referring answer to a joint question."""

    row: int
    number: int
    minister: str
    kind: str  # "answer" or "referral"
    question: Question | None = None
    coordinated: Question | None = None  # for a referral: the answer it refers to
    coordinator: str = ""
    error: str | None = None  # the row could not be read: the reason

    @property
    def filename(self) -> str:
        return default_output(self.number).name


@dataclass
class Manifest:
    """The rows of a manifest, read into items, and the titles of ministers for joint questions."""

    path: Path
    items: list[Item] = field(default_factory=list)
    ministers: dict[str, str] = field(default_factory=dict)


# Reading the manifest ------------------------------------------------------------------------


def _rows(path: Path) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The manifest's rows as mappings, and its `ministers:` (name -> title)."""
    if not path.is_file():
        raise ManifestError(path, "no such file")
    text = limits.read_text(path)  # bounded, UTF-8, no control characters
    if path.suffix.lower() == ".csv":
        rows = [
            {k.strip(): v for k, v in row.items() if k and v not in (None, "")}
            for row in csv.DictReader(io.StringIO(text))
        ]
        return rows, {}
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise ManifestError(
            path, f"unknown kind of manifest '{path.suffix}'", hint="use .yaml or .csv"
        )
    try:
        data = limits.safe_yaml(text, path) or {}
    except yaml.YAMLError as exc:
        raise ManifestError(path, f"not valid YAML: {limits.yaml_problem(exc)}") from None
    if isinstance(data, list):
        data = {"questions": data}
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list):
        raise ManifestError(path, "no list 'questions:'", hint="see examples/batch/manifest.yaml")
    for key in data:
        if str(key) not in MANIFEST_KEYS:
            raise ManifestError(path, f"'{key}' {unknown_key_problem(str(key), MANIFEST_KEYS)}")
    ministers = data.get("ministers") or {}
    if not isinstance(ministers, dict):
        raise ManifestError(path, "'ministers:' must map each minister's name to their title")
    return [q if isinstance(q, dict) else {"file": q} for q in questions], {
        str(k): str(v) for k, v in ministers.items()
    }


def _subquestions(value: Any) -> list[dict[str, Any]]:
    """Sub-questions as a manifest gives them: a list of texts or of {number, text}, or (CSV) one
    cell with a sub-question a line or separated by " | "."""
    if isinstance(value, str):
        parts = value.splitlines() if "\n" in value else value.split(" | ")
        value = [p.strip() for p in parts if p.strip()]
    if not isinstance(value, list):
        raise ValueError("'subquestions' must be a list of texts")
    return [
        v if isinstance(v, dict) else {"number": i, "text": str(v)}
        for i, v in enumerate(value, start=1)
    ]


def _question(
    row: dict[str, Any],
    base: Path,
    load: Callable[[Path], Question] = load_question,
    earlier_read: dict[Path, Question] | None = None,
) -> Question:
    """The question a manifest row describes (a question file read with `load`; the earlier
    questions it repeats kept in `earlier_read`, each file read once)."""
    for key in row:
        if key != "_row" and str(key) not in ROW_KEYS:
            raise ValueError(f"'{key}' {unknown_key_problem(str(key), ROW_KEYS)}")
    data: dict[str, Any] = {}
    previous: tuple[str, Any] | None = None
    older: list[Any] = []
    source = row.get("file") or row.get("previous")
    if source:
        path = Path(str(source))
        data = load(path if path.is_absolute() else base / path).to_dict()
        if row.get("previous"):
            # Last year's question gives the structure; this year's number and date are new.
            if not row.get("number") or not row.get("date"):
                raise ValueError("a row with 'previous' needs its own 'number' and 'date'")
            data.pop("joint", None)
            # issue 11: this year's answer refers to last year's (its published answer is its own)
            data.pop("answer", None)
            older = data.pop("earlier", [])  # the questions it repeated itself, if any
            previous = (str(path if path.is_absolute() else base / path), data.get("date"))
    for name in QUESTION_FIELDS:
        if row.get(name) not in (None, ""):
            data[name] = row[name]
    if isinstance(data.get("number"), str) and data["number"].strip().isdigit():
        data["number"] = int(data["number"])
    if isinstance(data.get("date"), str):
        parsed = parse_date(data["date"])
        data["date"] = parsed.isoformat() if parsed else data["date"]
    if row.get("earlier") is not None:
        data["earlier"] = _earlier_files(row["earlier"], base)
    elif previous is not None and str(previous[1]) < str(data.get("date")):
        # issue 11: the answer refers to last year's question (not to a later one used as model)
        data["earlier"] = [*older, {"file": previous[0]}]
    if "subquestions" in row:
        data["subquestions"] = _subquestions(row["subquestions"])
    params = row.get("parameters") or {}
    if isinstance(params, str):
        try:
            params = json.loads(params)
        except json.JSONDecodeError as exc:
            raise ValueError(f"'parameters' is not a JSON object ({exc.msg})") from None
    if not isinstance(params, dict):
        raise ValueError("'parameters' must map names to values")
    data["parameters"] = {**data.get("parameters", {}), **params}
    where = f"row {row.get('_row')}"
    limits.check_fields(data, where)
    question = limits.check_question(Question.from_dict(data, source=where), where)
    return with_earlier(question, where, earlier_read)


def _earlier_files(value: Any, base: Path) -> Any:
    """A row's `earlier:` with each file relative to the manifest's folder (issue 11)."""
    entries = value if isinstance(value, list) else [value]
    out = []
    for entry in entries:
        if isinstance(entry, str):
            entry = {"file": entry}
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            file = Path(entry["file"].strip())
            entry = {**entry, "file": str(file if file.is_absolute() else base / file)}
        out.append(entry)
    return out if isinstance(value, list) else out[0]


def read_manifest(path: Path) -> Manifest:
    """The items of a manifest. A row that cannot be read becomes a failed item, not an error."""
    rows, ministers = _rows(path)
    manifest = Manifest(path, ministers=ministers)
    seen: dict[int, int] = {}
    loaded: dict[Path, Question] = {}
    earlier_read: dict[Path, Question] = {}

    def load(file: Path) -> Question:
        """Each question file once per manifest: a yearly series names the same file in every
        row (a file that fails is read again by every row that names it, failing the same)."""
        if file not in loaded:
            loaded[file] = load_question(file)
        return loaded[file]

    for n, row in enumerate(rows, start=1):
        row["_row"] = n
        try:
            question = _question(row, path.parent, load, earlier_read)
            items = _expand(n, question, row.get("coordinator"), ministers)
        except (PqgenError, ValueError) as exc:
            number = str(row.get("number") or "")
            known = int(number) if number.isdigit() else 0
            minister = str(row.get("minister", ""))
            manifest.items.append(Item(n, known, minister, "answer", error=str(exc)))
            continue
        for item in items:
            if item.number in seen:
                twice = f"rows {seen[item.number]} and {n}"
                item = replace(
                    item, error=f"number {item.number} is in the manifest twice ({twice})"
                )
            else:
                seen[item.number] = n
            manifest.items.append(item)
    return manifest


def _title_of(name: str, question: Question, ministers: dict[str, str]) -> str:
    if name.casefold() == question.minister.casefold():
        return question.minister_title
    for known, title in ministers.items():
        if known.casefold() == name.casefold():
            return title.upper()
    raise ValueError(f"no title for minister {name}: add it under 'ministers:' in the manifest")


def _expand(
    row: int, question: Question, coordinator: Any, ministers: dict[str, str]
) -> list[Item]:
    """The drafts one question needs: one answer, or for a joint question the coordinated
    answer and a referring answer per other minister."""
    if not question.joint:
        return [Item(row, question.number, question.minister, "answer", question)]
    if not coordinator:
        names = ", ".join(a.minister for a in question.joint)
        raise ValueError(
            f"joint question to {names}: name the coordinating minister in 'coordinator'"
        )
    lead = next(
        (a for a in question.joint if a.minister.casefold() == str(coordinator).casefold()), None
    )
    if lead is None:
        raise ValueError(
            f"coordinator {coordinator} is not one of the ministers the question went to"
        )

    def addressed(minister: str, number: int) -> Question:
        title = _title_of(minister, question, ministers)
        return replace(question, number=number, minister=minister.upper(), minister_title=title)

    coordinated = addressed(lead.minister, lead.number)
    items = [Item(row, lead.number, coordinated.minister, "answer", coordinated)]
    for other in question.joint:
        if other is lead:
            continue
        try:
            referring = addressed(other.minister, other.number)
        except ValueError as exc:
            items.append(
                Item(row, other.number, other.minister.upper(), "referral", error=str(exc))
            )
            continue
        items.append(
            Item(row, other.number, referring.minister, "referral", referring, coordinated,
                 lead.minister)
        )  # fmt: skip
    return items


# Running the batch ---------------------------------------------------------------------------
