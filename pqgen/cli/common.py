"""What every command shares: the group, error translation, warnings, and common options.

The pqgen command line: parses options, calls the core, turns its errors into messages.

Every user error is a PqgenError from the core and is shown on stderr as one line (a line per
problem where a figure file or a final document has several), with exit code 1 (2 for wrong
usage, as click does). The core never imports click.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from pqgen import __version__
from pqgen.errors import PqgenError

F = TypeVar("F", bound=Callable[..., Any])


def show_warnings(question: Any) -> None:
    """Say on stderr which fields of the question were inferred rather than read."""
    for warning in question.warnings:
        click.echo(f"Warning: {warning}", err=True)


def reports_errors(command: F) -> F:
    """Show a PqgenError as "Error: …" with exit code 1, never as a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except PqgenError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            # The last net: an OS error the core did not name (no permission, read-only file
            # system, full disk) is still one line with the path, never a traceback.
            raise click.ClickException(os_error(exc)) from None

    return wrapper  # type: ignore[return-value]


def os_error(exc: OSError) -> str:
    """An OS error as one line: the path, then what the system said."""
    where = exc.filename if exc.filename is not None else "pqgen"
    return f"{where}: {exc.strerror or type(exc).__name__}"


db_option = click.option(
    "--db",
    metavar="URL|PATH",
    envvar="PQGEN_DB",
    help="Database with the figures: a SQLAlchemy URL (postgresql://user:pw@host/db), the path "
    "of a DuckDB file, or a folder of CSV/Parquet exports (one file per table). Default: "
    "$PQGEN_DB, else pqgen-demo.duckdb here (see `pqgen demo`). Read-only.",
)
templates_option = click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="PQGEN_TEMPLATES",
    help="Folder of your own answer templates (and huisstijl.docx); used before the built-in ones.",
)


def _finite_timeout(_ctx: click.Context, _param: click.Parameter, value: float | None) -> Any:
    """--timeout is a finite number of seconds above 0: inf and nan are refused."""
    if value is not None and not (0 < value < float("inf")):
        raise click.BadParameter(f"{value} is not a number of seconds above 0")
    return value


timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    callback=_finite_timeout,
    metavar="SECONDS",
    help="Stop a query that runs longer than this (PostgreSQL and DuckDB).",
)


def builtin_options(command: F) -> F:
    """--no-builtin-templates and --no-builtin-queries, for a department with its own database."""
    command = click.option(
        "--no-builtin-queries",
        is_flag=True,
        help="Use only the query files of --queries, none of the built-in ones.",
    )(command)
    return click.option(
        "--no-builtin-templates",
        is_flag=True,
        help="Match only the templates of --templates to sub-questions, none of the built-in ones.",
    )(command)


queries_option = click.option(
    "--queries",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="PQGEN_QUERIES",
    help="Folder of your own query files; used before the built-in ones.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pqgen")
def cli() -> None:
    """Draft ministers' answers to written parliamentary questions (schriftelijke vragen).

    A typical session: `pqgen demo` builds a demo database, `pqgen parse vraag.txt` shows how a
    published question is read, `pqgen plan vraag.txt` how each part of it will be answered, and
    `pqgen draft vraag.txt` writes the draft answer as .docx in
    the Flemish Parliament's layout, with the figures pulled from the database. Departments
    without database access fill in `pqgen request`'s workbook; `pqgen check` says what a draft
    still lacks; `pqgen batch` drafts a whole series of questions.
    """


def db_from_environment() -> bool:
    """Whether --db's value came from $PQGEN_DB rather than the command line."""
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return False
    return ctx.get_parameter_source("db") is click.core.ParameterSource.ENVIRONMENT


def inputs(
    question: Path,
    *,
    db: str | Path | None = None,
    figures: Path | None = None,
    templates: Path | None = None,
    queries: Path | None = None,
) -> list[tuple[str, Path | str | None]]:
    """What a command reads, by what it is, for `refuse_inputs` (the built-in templates and
    queries too: in a source checkout they are the repository's own files)."""
    from pqgen.workspace import builtin_dir

    return [
        ("the question", question),
        ("the database", db),
        ("the figures file", figures),
        ("the templates folder", templates),
        ("the queries folder", queries),
        ("a built-in template", builtin_dir("templates")),
        ("a built-in query", builtin_dir("queries")),
    ]


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
