"""What an input file may be: bounded in size, UTF-8, no control characters, sane values.

Every question, manifest and YAML file pqgen reads passes here before it is used, so that a
careless or hostile file is one clear error, never a traceback, a hang or a full memory:

- size: a question's text, YAML or JSON at most `MAX_TEXT_BYTES`, a .docx/.pdf at most
  `MAX_DOCUMENT_BYTES`;
- encoding: UTF-8, else an error naming the line of the first bad byte;
- control characters (which Word's XML cannot hold): refused with line and column in a text
  file; in text read from a .docx/.pdf, form feeds and vertical tabs become spaces and the
  rest are dropped;
- YAML: the safe loader, at most `MAX_ALIASES` aliases, `MAX_NODES` values once aliases are
  expanded (no "billion laughs") and `MAX_DEPTH` levels of nesting;
- values: the type of every field of a question file, dates written exactly as yyyy-mm-dd and
  within `YEARS`, numbers of questions and sub-questions whole and at least 1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from pqgen.errors import InputLimitError, QuestionFileError
from pqgen.question.model import Question

MAX_TEXT_BYTES = 2_000_000
MAX_DOCUMENT_BYTES = 50_000_000
MAX_ALIASES = 100
MAX_NODES = 200_000
MAX_DEPTH = 50
YEARS = (1990, 2100)
TEXT_SUFFIXES = (".txt", ".yaml", ".yml", ".json", ".csv")

# C0 controls but tab, newline, vertical tab, form feed and carriage return; DEL; and the two
# non-characters XML refuses.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_size(path: Path, limit: int | None = None) -> None:
    """Refuse a file larger than `limit` bytes (by default, by its kind)."""
    if limit is None:
        text_like = path.suffix.lower() in TEXT_SUFFIXES
        limit = MAX_TEXT_BYTES if text_like else MAX_DOCUMENT_BYTES
    try:
        size = path.stat().st_size
    except OSError:
        return  # the reader says what is wrong with it
    if size > limit:
        raise InputLimitError(
            path,
            f"is {size:,} bytes, more than the {limit:,} pqgen reads",
            hint="is this the right file?",
        )


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """The text of `path`: bounded, UTF-8, free of control characters, else a one-line error."""
    check_size(path, limit)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputLimitError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputLimitError(path, f"cannot be read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputLimitError(
            path,
            f"line {line}: not UTF-8 (byte 0x{data[exc.start]:02x})",
            hint="save the file as UTF-8",
        ) from None
    check_control(text, path)
    return text.removeprefix("\ufeff")


def check_control(text: str, path: Path | str) -> None:
    """Refuse a text with a control character, naming its line and column."""
    found = _CONTROL.search(text)
    if found:
        before = text[: found.start()]
        line = before.count("\n") + 1
        column = found.start() - (before.rfind("\n") + 1) + 1
        raise InputLimitError(
            path,
            f"line {line}, column {column}: control character U+{ord(found.group()):04X}",
            hint="remove it (it cannot be written into a Word document)",
        )


class _LimitedLoader(yaml.SafeLoader):
    """PyYAML's safe loader that counts aliases as it composes."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Limit(f"more than {MAX_ALIASES} YAML aliases (*name)")
        return super().compose_node(parent, index)


class _Limit(Exception):
    pass


def _weight(
    node: yaml.Node, seen: dict[int, int], depth: int = 0, again: list[int] | None = None
) -> int:
    """How many values `node` stands for once its aliases are expanded; a node met `again`
    (through an alias: every alias in the text is one) is counted there."""
    if depth > MAX_DEPTH:
        raise _Limit(f"nests deeper than {MAX_DEPTH} levels")
    key = id(node)
    if key in seen:
        if seen[key] < 0:
            raise _Limit("refers to itself through an alias")
        if again is not None:
            again[0] += 1
        return seen[key]
    seen[key] = -1
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_weight(child, seen, depth + 1, again) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            total += _weight(k, seen, depth + 1, again) + _weight(v, seen, depth + 1, again)
    if total > MAX_NODES:
        raise _Limit(f"stands for more than {MAX_NODES:,} values once its aliases are expanded")
    seen[key] = total
    return total


def _calendar_date(loader: Any, node: Any) -> Any:
    """A YAML date that is no day in the calendar (2018-02-30) is a YAML error with its line
    and column, as any other mistake in the text, not a crash."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value} is no date in the calendar ({exc})", node.start_mark
        ) from None


_LimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", _calendar_date)

# libyaml, where PyYAML was built with it: it reads a manifest of a thousand rows some ten
# times faster than the pure-Python loader (issue 14).
_FAST_LOADER: Any = None
if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.CSafeLoader):
        pass

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _calendar_date)
    _FAST_LOADER = _FastLoader


def safe_yaml(text: str, path: Path | str) -> Any:
    """`text` as YAML with the safe loader and the limits above; YAML errors pass through.

    Read by libyaml where PyYAML has it, with the same limits on the same nodes; a text that
    any limit refuses, or that is no valid YAML, is read again the pure-Python way, which
    words the error as it always did."""
    if _FAST_LOADER is not None:
        try:
            return _fast_yaml(text)
        except (_Limit, RecursionError, yaml.YAMLError):
            pass
    return _pure_yaml(text, path)


def yaml_problem(exc: yaml.YAMLError, first_line: int = 1) -> str:
    """Where and what the YAML problem is, on one line; lines counted from `first_line` (the
    line of the file the YAML text starts on)."""
    if not isinstance(exc, yaml.MarkedYAMLError) or exc.problem_mark is None:
        return str(exc).splitlines()[0]
    mark = exc.problem_mark
    text = f"line {mark.line + first_line}, column {mark.column + 1}: {exc.problem}"
    if exc.context and exc.context_mark is not None:
        text += f" ({exc.context} that starts on line {exc.context_mark.line + first_line})"
    return text


def _fast_yaml(text: str) -> Any:
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        aliases = [0]
        _weight(node, {}, again=aliases)
        if aliases[0] > MAX_ALIASES:
            raise _Limit(f"more than {MAX_ALIASES} YAML aliases (*name)")
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _pure_yaml(text: str, path: Path | str) -> Any:
    loader = _LimitedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _weight(node, {})
        return loader.construct_document(node)
    except _Limit as exc:
        raise InputLimitError(path, f"YAML {exc}", hint="write the values out") from None
    except RecursionError:
        raise InputLimitError(path, f"YAML nests deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_date(value: Any, path: Path | str, field: str) -> dt.date | None:
    """A date field: a date, or text exactly yyyy-mm-dd, within `YEARS`."""
    if value is None:
        return None
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value.strip()):
            raise QuestionFileError(path, field, f"'{value[:40]}' is not a date as yyyy-mm-dd")
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise QuestionFileError(path, field, f"'{value}' is no date in the calendar") from None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise QuestionFileError(path, field, "must be a date as yyyy-mm-dd")
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise QuestionFileError(
            path, field, f"{value.isoformat()} is not between {YEARS[0]} and {YEARS[1]}"
        )
    return value


def check_fields(data: Any, path: Path | str) -> None:
    """The types of the fields of a question file, before the model reads them."""
    if not isinstance(data, dict):
        return  # the model says "must be a mapping of fields"
    if "number" in data and (not _is_whole(data["number"]) or data["number"] < 1):
        raise QuestionFileError(path, "number", "must be a whole number from 1")
    check_date(data.get("date"), path, "date")
    subs = data.get("subquestions")
    if isinstance(subs, list):
        for i, sub in enumerate(subs, start=1):
            number = sub.get("number", 1) if isinstance(sub, dict) else 1
            if not _is_whole(number) or number < 1:
                raise QuestionFileError(
                    path, f"subquestions[{i}].number", "must be a whole number from 1"
                )
    joint = data.get("joint")
    if joint is not None and not isinstance(joint, list):
        raise QuestionFileError(path, "joint", "must be a list of {minister: …, number: …}")
    for i, raw in enumerate(joint or [], start=1):
        if (
            isinstance(raw, dict)
            and "number" in raw
            and (not _is_whole(raw["number"]) or raw["number"] < 1)
        ):
            raise QuestionFileError(path, f"joint[{i}].number", "must be a whole number from 1")
    for name in ("parameters",):
        if name in data and data[name] is not None and not isinstance(data[name], dict):
            raise QuestionFileError(path, name, "must be a mapping of name: value")


def check_input(path: Path) -> None:
    """Check a question file before it is read: size; for text, YAML and JSON also encoding,
    control characters, YAML limits and the types of the fields."""
    suffix = path.suffix.lower()
    if not path.is_file():
        return  # the reader says "no such file"
    check_size(path)
    if suffix not in (".txt", ".yaml", ".yml", ".json"):
        return
    text = read_text(path)
    if suffix in (".yaml", ".yml"):
        try:
            data = safe_yaml(text, path)
        except yaml.YAMLError:
            return  # the reader reports it, with line and column
        check_fields(data, path)
    elif suffix == ".json":
        import json

        try:
            check_fields(json.loads(text), path)
        except (json.JSONDecodeError, RecursionError):
            return


_SPACE_LIKE = str.maketrans({"\x0b": " ", "\x0c": " "})


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _CONTROL.sub("", value.translate(_SPACE_LIKE))
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def check_question(question: Question, path: Path | str) -> Question:
    """A read question with sane numbers and date, and text Word can hold."""
    if question.number < 1:
        raise InputLimitError(path, f"question number {question.number}: must be at least 1")
    for sub in question.subquestions:
        if not _is_whole(sub.number) or sub.number < 1:
            raise InputLimitError(path, f"sub-question number {sub.number!r}: must be from 1")
    check_date(question.date, path, "date")
    data = question.to_dict()
    cleaned = _clean(data)
    if cleaned != data:
        return Question.from_dict(cleaned, source=path)
    return question


def checked(path: Path, load: Callable[[Path], Question]) -> Question:
    """`load(path)` with the input checked before and the question checked after."""
    check_input(path)
    return check_question(load(path), path)
