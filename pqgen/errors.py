"""The exceptions pqgen raises for problems a user can fix.

Every error a user can cause is a :class:`PqgenError`. Each subclass carries the context that
locates the problem (a file, a line, a query, a template, a variable) and renders itself as one
line that also says how to fix it. The CLI turns these into a message and exit code 1; anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class PqgenError(Exception):
    """Root of every error a user can cause and fix."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt without __init__, whose arguments differ per subclass: an error raised in a
        # batch worker reaches the main process whole, not as "a result failed to unpickle".
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(
    cls: type[PqgenError], args: tuple[object, ...], state: dict[str, object]
) -> PqgenError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class InputFileError(PqgenError):
    """A file the user named cannot be read: missing, a folder, or of an unknown kind."""

    def __init__(self, path: Path | str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", hint=hint)
        self.path = Path(path)


class QuestionParseError(PqgenError):
    """A text is not a written question in the published layout; names the part that is missing."""

    def __init__(self, path: Path | str, part: str, *, hint: str | None = None) -> None:
        super().__init__(
            f"{path}: not a written question in the published layout: {part}",
            hint=hint or "check that the file holds the full published text of the question",
        )
        self.path = Path(path)
        self.part = part


class QuestionFileError(PqgenError):
    """A question in YAML or JSON (from `pqgen parse -o`) has a missing or wrong field."""

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        super().__init__(
            f"{path}: field '{field}' {problem}",
            hint="compare with the output of `pqgen parse QUESTION -o question.yaml`",
        )
        self.path = Path(path)
        self.field = field


class DatabaseError(PqgenError):
    """A database cannot be reached or opened. The URL it names never contains a password."""

    def __init__(self, url: str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"database {url}: {problem}", hint=hint)
        self.url = url


class QueryError(PqgenError):
    """A query file is malformed, lacks a parameter, or fails on the database."""

    def __init__(self, query: Path | str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"query {query}: {problem}", hint=hint)
        self.query = str(query)


class QueryNotFound(QueryError):
    """No query file of that name in the search path: the part that needs it cannot be answered
    from figures (a draft gives it a placeholder; a malformed file stays an error)."""


class TemplateError(PqgenError):
    """A template is malformed or fails while filling in (names the template, line and variable)."""

    def __init__(
        self,
        template: str,
        problem: str,
        *,
        line: int | None = None,
        variable: str | None = None,
        hint: str | None = None,
    ) -> None:
        where = f"{template}, line {line}" if line else template
        super().__init__(f"template {where}: {problem}", hint=hint)
        self.template = template
        self.line = line
        self.variable = variable


class OutputError(PqgenError):
    """An output file cannot be written (folder missing, file open in Word, no permission)."""

    def __init__(self, path: Path | str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {problem}", hint=hint)
        self.path = Path(path)


class ManifestError(InputFileError):
    """The manifest as a whole cannot be read (a single bad row only fails that row)."""


class NotFinal(PqgenError):
    """A final document was asked for while placeholders are left or checks fail."""

    def __init__(
        self, output: Path, placeholders: list[tuple[int, str]], failures: Sequence[object]
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


class FigureLookupError(PqgenError):
    """A template asked a figure set for something it does not hold."""


class PdfError(PqgenError):
    """The PDF could not be made (LibreOffice missing or failing); the .docx is written."""


class FigureFileError(PqgenError):
    """A figure file has problems; `problems` holds one self-contained line for each."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"{path}: {count} in the figures; nothing was drafted")
        self.path = path
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {p}" for p in self.problems)])


# issue 13: hostile input


class TemplateLimitError(PqgenError):
    """A template went beyond what the sandbox allows one rendering (loop steps, text size,
    output size); `render_template` names the template and line."""


class QueryNotReadOnly(QueryError):
    """A query file is not exactly one read-only statement (SELECT, or WITH … SELECT)."""


class InputLimitError(InputFileError):
    """An input file is too large, nests too deep, or holds characters pqgen cannot write."""


class BatchRunning(OutputError):
    """Another batch is drafting into the same folder (its lock file names it)."""


class SummaryNotWritten(OutputError):
    """The batch ran but its summary could not be written (say, a full disk); `outcomes` holds
    what became of every item, for the terminal."""

    def __init__(self, cause: OutputError, outcomes: list[object]) -> None:
        super().__init__(cause.path, cause.message.split(": ", 1)[-1], hint=cause.hint)
        self.outcomes = outcomes


# issue 11: the template scaffold


class ScaffoldError(PqgenError):
    """`pqgen new-template` cannot write what was asked: names the option or file, and the fix."""

    def __init__(self, what: str, problem: str, *, hint: str | None = None) -> None:
        super().__init__(f"new-template {what}: {problem}", hint=hint)
        self.what = what


# issue 11: recurring questions


class EarlierQuestionError(QuestionFileError):
    """`earlier:` in a question file or a manifest row names an earlier question wrongly; the
    message says which entry and key, what is wrong and how to fix it."""

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        PqgenError.__init__(self, f"{path}: field '{field}' {problem}")
        self.path = Path(path)
        self.field = field
