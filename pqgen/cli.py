"""The pqgen command line: parses options, calls the core, turns its errors into messages.

Every user error is a PqgenError from the core and is shown on stderr as one line (a line per
problem where a figure file or a final document has several), with exit code 1 (2 for wrong
usage, as click does). The core never imports click.
"""

from __future__ import annotations

import functools
import os
import sys
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

    return wrapper  # type: ignore[return-value]


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


@cli.command()
@click.argument("question", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the question as JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the question to this file: YAML, or JSON if the name ends in .json.",
)
@click.option(
    "--all",
    "every",
    is_flag=True,
    help="List every question in the file (a bulletin, a PDF of questions and answers).",
)
@reports_errors
def parse(question: Path, as_json: bool, output: Path | None, every: bool) -> None:
    """Read a published written question (.txt, .docx or .pdf) into its parts.

    Shows number, author, date, minister, minister's title, title, introduction and the
    numbered sub-questions, and `warnings:` for every field that was inferred rather than read
    (check those). Write them with -o question.yaml to review or edit them by hand (for example
    to add `parameters:` for the queries); `pqgen draft question.yaml` reads it.

    A file that holds several questions (a bulletin "Vragen en Antwoorden", a PDF of questions
    and answers): --all lists them; FILE#42 picks question nr. 42, here and in `draft` and
    batch manifests. A published answer in the file is kept as `answer:`.

    \b
    Examples:
      pqgen parse examples/vraag-639.txt
      pqgen parse examples/vraag-639.txt --json
      pqgen parse examples/vraag-639.txt -o vraag-639.yaml
      pqgen parse --all bulletin.pdf
      pqgen parse 'bulletin.pdf#42' -o vraag-42.yaml
    """
    from pqgen.question.load import load_question

    if every:
        if output is not None:
            raise click.UsageError("--all lists the questions; write one with 'FILE#42' -o NAME")
        list_questions(question, as_json)
        return
    if output is not None:
        from pqgen.files import check_suffix, refuse_inputs

        check_suffix(output, (".yaml", ".yml", ".json"), "the question")
        refuse_inputs([output], [("the question", question)])
    parsed = load_question(question)
    if output is not None:
        from pqgen.files import write_text_atomically

        text = parsed.to_json() if output.suffix.lower() == ".json" else parsed.to_yaml()
        write_text_atomically(output, text)
        click.echo(f"Wrote {output}", err=True)
        show_warnings(parsed)  # printed output holds them as `warnings:`
    if as_json:
        click.echo(parsed.to_json(), nl=False)
    elif output is None:
        click.echo(parsed.to_yaml(), nl=False)


def list_questions(path: Path, as_json: bool) -> None:
    """`parse --all`: a line per question (or its error), with its warnings; exit 1 if none."""
    import json

    from pqgen.errors import InputFileError
    from pqgen.question.parse import TEXT_SUFFIXES, parse_questions, read_text

    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise InputFileError(path, "--all reads a published text (.txt, .docx, .pdf)")
    found = parse_questions(read_text(path), source=path)
    if as_json:
        items = [
            r.question.to_dict() if r.question else {"number": r.number, "error": str(r.error)}
            for r in found
        ]
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
    for r in [] if as_json else found:
        if r.question is None:
            click.echo(f"nr. {r.number}: cannot be read: {r.error.part if r.error else ''}")
            continue
        q = r.question
        answered = ", answered" if q.answer else ""
        click.echo(
            f"nr. {q.number} of {q.date.isoformat()} by {q.author} to {q.minister}: {q.title} "
            f"({plural(len(q.subquestions), 'sub-question')}{answered})"
        )
        for warning in q.warnings:
            click.echo(f"    warning: {warning}")
    if not found:
        raise InputFileError(path, "holds no written question in a published layout")
    click.echo(f"{plural(len(found), 'question')} in {path}; pick one as '{path}#NUMBER'", err=True)


@cli.command()
@click.option(
    "--db",
    metavar="URL|PATH",
    default=None,
    help="Where to write: the path of a DuckDB file, or any SQLAlchemy URL "
    "(postgresql://user:password@host/db). Default: $PQGEN_DB, else pqgen-demo.duckdb here.",
)
@click.option(
    "--rows",
    type=click.IntRange(min=1_000),
    default=None,
    help="Number of contacts to generate (default 1,000,000; 10,000,000 for benchmarks). "
    "Only the default size reproduces the published figures of question 639 exactly.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace a file or tables that `pqgen demo` did not make (they are lost).",
)
@reports_errors
def demo(db: str | None, rows: int | None, force: bool) -> None:
    """Build the demo database of a government contact centre.

    Contacts per channel, line, department and topic (2014-2025), the agents and the themes they
    are trained for, staffing per month, and a satisfaction survey. The data are made up but
    deterministic, and agree with the published answer to question 639 (1700 info line, 2017).
    Existing demo tables are replaced only once the new ones are complete; a file or tables
    that `pqgen demo` did not make are left alone unless you add --force.

    \b
    Examples:
      pqgen demo
      pqgen demo --db postgresql://pqgen:secret@localhost/pqgen_demo
      pqgen demo --db big.duckdb --rows 10000000
    """
    from pqgen.figures import demo as demo_data

    demo_data.check_replaceable(db, force=force)  # before minutes of work
    tables = demo_data.demo_tables(rows or demo_data.DEFAULT_ROWS)
    where = demo_data.write_demo(db, tables, force=force)
    counts = ", ".join(
        f"{name} {count:,}" for name, count in demo_data.table_summary(tables).items()
    )
    click.echo(f"Wrote demo database {where} ({counts})")


@cli.command()
@click.argument("question", type=click.Path(path_type=Path, dir_okay=False))
@db_option
@click.option(
    "--figures",
    "figures_file",
    metavar="FILE|DIR",
    type=click.Path(path_type=Path),
    help="Take the figures from this file instead of a database: a workbook filled in from "
    "`pqgen request`, or the output of `pqgen figures` (.xlsx or folder).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The .docx to write. Default: antwoord-NUMBER.docx here.",
)
@click.option(
    "--with-question", is_flag=True, help="Put the question as published before the answer."
)
@click.option(
    "--final",
    is_flag=True,
    help="The document for Parliament: refuse while a placeholder is left or a check fails; "
    "no draft marking, no comments.",
)
@click.option(
    "--no-comments", is_flag=True, help="Leave out the comments naming each figure's source."
)
@click.option(
    "--annex", is_flag=True, help="Also write NAME-bijlage-1.xlsx with the full tables and sources."
)
@click.option("--pdf", is_flag=True, help="Also write NAME.pdf (needs LibreOffice).")
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="Counts from 1 up to below this can identify people and fail a check.",
)
@click.option(
    "--suppress-small", is_flag=True, help="Show counts below --min-count as '< 5' instead."
)
@timeout_option
@templates_option
@queries_option
@builtin_options
@reports_errors
def draft(
    question: Path,
    db: str | None,
    figures_file: Path | None,
    output: Path | None,
    with_question: bool,
    final: bool,
    no_comments: bool,
    annex: bool,
    pdf: bool,
    min_count: int,
    suppress_small: bool,
    timeout: float | None,
    templates: Path | None,
    queries: Path | None,
    no_builtin_templates: bool = False,
    no_builtin_queries: bool = False,
) -> None:
    """Draft the answer to QUESTION as a Word document in the official layout.

    QUESTION is the published text (.txt, .docx, .pdf) or the YAML/JSON from `pqgen parse`.
    Each part of each sub-question (sub-points, separate asks) is answered by the template whose
    subject, measure and period fit it (see `pqgen plan`), with figures from the database (or
    from a figure file with --figures); what only a person can write, and what no template
    answers exactly, is left as a highlighted [TE VERVOLLEDIGEN: …] saying why, unless the
    question's YAML gives the text. Every figure gets a comment naming its source, and
    NAME.provenance.json beside the draft lists them all. Totals, small counts, missing years,
    values that match nothing, missing parameters and empty figures are checked; the summary
    prints a line per part, the failed checks and the placeholders left.

    \b
    Examples:
      pqgen draft examples/vraag-639.txt -o out/antwoord-639.docx
      pqgen draft vraag-639.yaml --db postgresql://reader@dbhost/contacts
      pqgen draft vraag-639.yaml --figures ingevuld.xlsx
      pqgen draft vraag-639.yaml --annex --pdf
      pqgen draft vraag-639.yaml --final
    """
    from pqgen.compose.settings import DraftSettings
    from pqgen.drafting import companions, default_output, figure_file_source
    from pqgen.drafting import draft as write_draft
    from pqgen.figures.databases import default_db
    from pqgen.figures.sources import DatabaseSource
    from pqgen.files import refuse_inputs
    from pqgen.question.load import load_question
    from pqgen.workspace import Workspace

    if figures_file and db and db_from_environment():
        db = None  # $PQGEN_DB is a default; --figures given here wins
    if db and figures_file:
        raise click.UsageError("give either --db or --figures, not both")
    parsed = load_question(question)
    show_warnings(parsed)
    target = output or default_output(parsed.number)
    refuse_inputs(
        companions(target, annex=annex, pdf=pdf),
        inputs(question, db=None if figures_file else db or default_db(), figures=figures_file,
               templates=templates, queries=queries),
    )  # fmt: skip
    workspace = Workspace.from_options(
        templates,
        queries,
        builtin_templates=not no_builtin_templates,
        builtin_queries=not no_builtin_queries,
    )
    settings = DraftSettings(
        min_count=min_count,
        suppress_small=suppress_small,
        final=final,
        comments=not no_comments,
        annex=annex,
    )
    with (
        figure_file_source(figures_file, workspace)
        if figures_file
        else DatabaseSource(db, workspace.query_dirs, timeout)
    ) as source:
        result = write_draft(
            parsed,
            source,
            workspace,
            target,
            with_question=with_question,
            settings=settings,
            pdf=pdf,
        )
    click.echo(summary(result))


@cli.command()
@click.argument("question", type=click.Path(path_type=Path, dir_okay=False))
@db_option
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="figures.xlsx for a workbook, or a folder for CSV files with provenance.json.",
)
@timeout_option
@templates_option
@queries_option
@builtin_options
@reports_errors
def figures(
    question: Path,
    db: str | None,
    output: Path,
    timeout: float | None,
    templates: Path | None,
    queries: Path | None,
    no_builtin_templates: bool = False,
    no_builtin_queries: bool = False,
) -> None:
    """Pull the figures QUESTION needs from the database and write them with their sources.

    One sheet per figure set, and a sheet "Overzicht" that records for each the query file, its
    parameters, the database (without password), the number of rows, when it was pulled and the
    checksum of the query. `pqgen draft --figures` drafts from the result, as from the database.

    \b
    Examples:
      pqgen figures examples/vraag-639.txt -o out/cijfers-639.xlsx
      pqgen figures vraag-639.yaml --db postgresql://reader@dbhost/contacts -o out/cijfers-639/
    """
    from pqgen.drafting import pull_figures
    from pqgen.figures.databases import default_db
    from pqgen.figures.sources import DatabaseSource
    from pqgen.figures.workbooks import write_figures
    from pqgen.files import check_suffix, refuse_inputs
    from pqgen.question.load import load_question
    from pqgen.workspace import Workspace

    if not output.is_dir():
        check_suffix(output, (".xlsx", ""), "the figures")
    refuse_inputs(
        [output], inputs(question, db=db or default_db(), templates=templates, queries=queries)
    )
    parsed = load_question(question)
    workspace = Workspace.from_options(
        templates,
        queries,
        builtin_templates=not no_builtin_templates,
        builtin_queries=not no_builtin_queries,
    )
    with DatabaseSource(db, workspace.query_dirs, timeout) as source:
        requests, figure_sets = pull_figures(parsed, workspace, source)
    if not requests:
        raise click.ClickException("this question needs no figures: no template asks for a query")
    entries = write_figures(output, requests, figure_sets)
    click.echo(f"Wrote {output} ({len(entries)} figure sets from {source.description})")
    for entry in entries:
        click.echo(
            f"  {entry.sheet}: {plural(entry.rows or 0, 'row')} "
            f"for sub-question {entry.subquestions}"
        )


@cli.command()
@click.argument("question", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The workbook (.xlsx) to write.",
)
@templates_option
@queries_option
@builtin_options
@reports_errors
def request(
    question: Path,
    output: Path,
    templates: Path | None,
    queries: Path | None,
    no_builtin_templates: bool = False,
    no_builtin_queries: bool = False,
) -> None:
    """Write the workbook a department fills in with the figures QUESTION needs.

    One sheet per figure set, with the sub-question, what is asked, the parameters (period,
    department, …), instructions, and typed columns with Excel's data validation; years are
    filled in where the question fixes them. Draft from the filled-in workbook with
    `pqgen draft QUESTION --figures FILE`: every cell is checked first.

    \b
    Example:
      pqgen request examples/vraag-639.txt -o out/uitvraag-639.xlsx
    """
    from pqgen.drafting import requests_for
    from pqgen.figures.workbooks import write_request
    from pqgen.question.load import load_question
    from pqgen.workspace import Workspace

    if output.suffix.lower() != ".xlsx":
        raise click.UsageError("the request workbook must be a .xlsx file (-o request.xlsx)")
    from pqgen.files import refuse_inputs

    refuse_inputs([output], inputs(question, templates=templates, queries=queries))
    parsed = load_question(question)
    workspace = Workspace.from_options(
        templates,
        queries,
        builtin_templates=not no_builtin_templates,
        builtin_queries=not no_builtin_queries,
    )
    entries = write_request(output, requests_for(parsed, workspace))
    click.echo(f"Wrote {output} ({len(entries)} figure sets to fill in)")
    for entry in entries:
        optional = "" if entry.required else " (may stay empty: figures to compare with)"
        click.echo(f"  {entry.sheet}: for sub-question {entry.subquestions}{optional}")


@cli.command()
@click.argument("document", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--question",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The question to compare the header lines with. Default: the one recorded in "
    "NAME.provenance.json beside the document.",
)
@reports_errors
def check(document: Path, question: Path | None) -> None:
    """Read a drafted answer back and say what is unfinished.

    Reports the placeholders left, the comments, whether the draft marking (ONTWERP) is still in
    the header, and whether the header lines (minister, ANTWOORD, "op vraag nr. … van …", "van
    …") match the question. Exits with 1 when a placeholder is left or a header line differs.

    \b
    Example:
      pqgen check out/antwoord-639.docx
    """
    from pqgen.question.load import load_question
    from pqgen.review import review

    parsed = load_question(question) if question else None
    result = review(document, parsed, str(question) if question else None)
    click.echo("\n".join(result.lines()))
    if not result.ready:
        sys.exit(1)


@cli.command()
@click.argument("provenance", type=click.Path(path_type=Path, dir_okay=False))
@db_option
@timeout_option
@queries_option
@reports_errors
def reproduce(
    provenance: Path, db: str | None, timeout: float | None, queries: Path | None
) -> None:
    """Pull the figures recorded in a draft's NAME.provenance.json again and compare.

    For each figure set: is the query file the same (by checksum) and does it give the same
    rows? Exits with 1 when anything differs.

    \b
    Example:
      pqgen reproduce out/antwoord-639.provenance.json --db pqgen-demo.duckdb
    """
    from pqgen.figures.sources import DatabaseSource
    from pqgen.output.provenance import reproduce as pull_again
    from pqgen.workspace import search_path

    with DatabaseSource(db, search_path("queries", queries), timeout) as source:
        results = pull_again(provenance, source)
    for r in results:
        query = "same query" if r.same_query else "query file changed"
        figures = "same figures" if r.same_figures else "different figures"
        click.echo(f"  {r.key} ({r.query}.sql): {query}, {figures}")
    differ = sum(not r.ok for r in results)
    click.echo(
        f"{len(results) - differ} of {len(results)} figure sets reproduced on {source.description}"
    )
    if differ:
        sys.exit(1)


@cli.command()
@click.argument("manifest", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the drafts (antwoord-NUMBER.docx) and batch-summary.csv.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Drafts written at once, by as many processes.",
)
@db_option
@click.option("--force", is_flag=True, help="Draft again what is already in the folder.")
@timeout_option
@templates_option
@queries_option
@builtin_options
@reports_errors
def batch(
    manifest: Path,
    out: Path,
    jobs: int,
    db: str | None,
    force: bool,
    timeout: float | None,
    templates: Path | None,
    queries: Path | None,
    no_builtin_templates: bool = False,
    no_builtin_queries: bool = False,
) -> None:
    """Draft every question a MANIFEST lists (YAML or CSV) into a folder.

    A row names a question file, or last year's question (`previous:`) with this year's number
    and date, or gives the fields themselves. A joint question gets the coordinated answer for
    its `coordinator` and a referring answer for each other minister. The figures all questions
    need are pulled once; drafts already in the folder are skipped (--force redoes them), so a
    stopped batch finishes when run again. One failing question never stops the others; the
    summary (also in batch-summary.csv) says what was drafted, what failed and why, the
    placeholders left and each due date. Exits with 1 when any question failed.

    \b
    Example:
      pqgen batch examples/batch/manifest.yaml --out out/batch --jobs 2
    """
    from pqgen.batch import BatchOptions, counts, read_manifest, run_batch
    from pqgen.figures.sources import DatabaseSource
    from pqgen.workspace import Workspace

    parsed = read_manifest(manifest)
    workspace = Workspace.from_options(
        templates,
        queries,
        builtin_templates=not no_builtin_templates,
        builtin_queries=not no_builtin_queries,
    )
    options = BatchOptions(out, jobs=jobs, force=force)
    try:
        with (
            DatabaseSource(db, workspace.query_dirs, timeout) as source,
            click.progressbar(
                length=len(parsed.items), label="Drafting", file=sys.stderr, show_pos=True
            ) as bar,
        ):
            outcomes = run_batch(parsed, workspace, source, options, lambda _: bar.update(1))
    except KeyboardInterrupt:
        click.echo(
            f"\nInterrupted. The drafts written so far are complete; run the same command "
            f"again to draft the rest into {out}.",
            err=True,
        )
        sys.exit(130)
    click.echo(batch_table([o.as_row() for o in outcomes]))
    tally = counts(outcomes)
    click.echo(
        f"{tally['drafted']} drafted, {tally['skipped']} skipped, {tally['failed']} failed; "
        f"summary in {out / 'batch-summary.csv'}"
    )
    if tally["failed"]:
        sys.exit(1)


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
    """What a command reads, by what it is, for `refuse_inputs`."""
    return [
        ("the question", question),
        ("the database", db),
        ("the figures file", figures),
        ("the templates folder", templates),
        ("the queries folder", queries),
    ]


def batch_table(rows: list[dict[str, Any]]) -> str:
    """The batch summary as a plain text table."""
    columns = [("row", "row"), ("number", "nr."), ("minister", "minister"), ("kind", "kind"),
               ("status", "status"), ("placeholders", "open"), ("due_date", "due"),
               ("reason", "reason")]  # fmt: skip
    widths = {key: len(title) for key, title in columns}
    for row in rows:
        for key, _ in columns[:-1]:
            widths[key] = max(widths[key], len(str(row[key])))
    lines = ["  ".join(title.ljust(widths[key]) for key, title in columns).rstrip()]
    for row in rows:
        lines.append("  ".join(str(row[key]).ljust(widths[key]) for key, _ in columns).rstrip())
    return "\n".join(lines)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary(result: Any) -> str:
    """What a draft holds, for the terminal: per answer its template and figures, then the
    placeholders left."""
    answer = result.answer
    q = answer.question
    lines = [f"Wrote {result.path} (answer to question {q.number}, {len(answer.sections)} answers)"]
    steps = getattr(result, "steps", None) or []
    for section in answer.sections:
        for step in (s for s in steps if s.subquestion.number == section.number):
            lines.append(f"  {step.label}. {one_line(step)}")
        used = "; ".join(
            f"{name}: {fs.provenance.query}.sql, {plural(fs.provenance.rows, 'row')}"
            for name, fs in section.figures.items()
        )
        if used:
            lines.append(f"  {section.number}. figures: {used}")
        elif not steps:
            lines.append(f"  {section.number}. no figures")
    for companion in (result.provenance, result.annex, result.pdf):
        if companion is not None:
            lines.append(f"Wrote {companion}")
    lines.append(f"Checks failed: {len(result.failures)}")
    lines.extend(f"  {failure}" for failure in result.failures)
    placeholders = answer.placeholders()
    lines.append(f"Placeholders left: {len(placeholders)}")
    lines.extend(f"  {number}. {text}" for number, text in placeholders)
    return "\n".join(lines)


def one_line(step: Any) -> str:
    from pqgen.compose.plan import one_line as line

    return line(step)


@cli.command("plan")
@click.argument("question", type=click.Path(path_type=Path, dir_okay=False))
@templates_option
@queries_option
@builtin_options
@reports_errors
def plan_command(
    question: Path,
    templates: Path | None,
    queries: Path | None,
    no_builtin_templates: bool = False,
    no_builtin_queries: bool = False,
) -> None:
    """Show how each part of QUESTION will be answered, before any figure is pulled.

    For every sub-question and each of its parts (sub-points a) b) …, separate asks): the
    template chosen and why (subject, ask, measure, period, each parameter and where it came
    from), the near misses (templates whose ask matched but that do not fit, and why), and what
    will be a placeholder. Parts marked [FLAGGED] will be failed checks in the draft; the
    command exits with 1 when there is one.

    \b
    Examples:
      pqgen plan examples/vraag-639.yaml
      pqgen plan vraag.yaml --templates mijn-sjablonen --no-builtin-templates
    """
    from pqgen.compose import templating
    from pqgen.compose.plan import describe, plan
    from pqgen.figures import queries as query_files
    from pqgen.question.load import load_question
    from pqgen.workspace import Workspace

    parsed = load_question(question)
    show_warnings(parsed)
    workspace = Workspace.from_options(
        templates,
        queries,
        builtin_templates=not no_builtin_templates,
        builtin_queries=not no_builtin_queries,
    )
    steps = plan(
        parsed,
        templating.templates(workspace),
        functools.partial(query_files.query, workspace),
    )
    click.echo(f"Plan for question {parsed.number} ({parsed.title}), asked {parsed.date}:")
    for line in describe(steps):
        click.echo(f"  {line}")
    open_parts = [s for s in steps if not s.answered or s.policy or s.reason]
    flagged = [s for s in steps if s.reason is not None and s.reason.flag]
    click.echo(
        f"Parts: {len(steps)}, from a template or the YAML: "
        f"{sum(1 for s in steps if s.answered)}, placeholders: {len(open_parts)}, "
        f"flagged: {len(flagged)}"
    )
    if flagged:
        sys.exit(1)


# issue 11: a query and a template for a table of the user's own.
@cli.command("new-template")
@click.argument("name")
@click.option("--table", required=True, help="The table to count rows of (schema.table allowed).")
@click.option(
    "--date-column",
    required=True,
    metavar="COLUMN",
    help="Its date or timestamp column: the period asked about is taken on it.",
)
@click.option("--per", metavar="COLUMN", help="Also count per value of this column (a channel, …).")
@click.option(
    "--by",
    type=click.Choice(["year", "month"]),
    default="year",
    show_default=True,
    help="Count per year or per month.",
)
@click.option("--noun", help="What a row is, in Dutch plural (default: the table's name).")
@click.option(
    "--match",
    "match",
    multiple=True,
    metavar="PATTERN",
    help="A pattern the sub-question must contain (repeat for more). Default: the words of NAME.",
)
@click.option(
    "--subject",
    metavar="PATTERN",
    help="What the figures are about: must occur in the question (default: the noun).",
)
@click.option(
    "--db",
    metavar="URL|PATH",
    help="Try the query on this database first (URL, DuckDB file or folder of exports); nothing "
    "is written if it fails.",
)
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="PQGEN_TEMPLATES",
    default=Path("templates"),
    show_default=True,
    help="Folder to write the template in.",
)
@click.option(
    "--queries",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="PQGEN_QUERIES",
    default=Path("queries"),
    show_default=True,
    help="Folder to write the query file in.",
)
@reports_errors
def new_template(
    name: str,
    table: str,
    date_column: str,
    per: str | None,
    by: str,
    noun: str | None,
    match: tuple[str, ...],
    subject: str | None,
    db: str | None,
    templates: Path,
    queries: Path,
) -> None:
    """Write a query file and an answer template for a table of your own, as a starting point.

    The query counts the rows of TABLE per year (or month) of --date-column, and per value of
    --per if given, with the header queries/README.md describes; the template NAME.md.j2 answers
    with the total and a table. Neither file is ever overwritten. Then edit both: the Dutch
    words, the patterns under match:, what is counted.

    \b
    Examples:
      pqgen new-template gesprekken-per-medium --table gesprekken --date-column gestart \\
          --per medium --db dienst.duckdb --templates mijn-templates --queries mijn-queries
      pqgen new-template vragen-per-maand --table klantvragen --date-column ontvangen --by month
    """
    from pqgen.compose.scaffold import Scaffold, write_scaffold

    spec = Scaffold(name, table, date_column, per, by, noun, match, subject)
    written = write_scaffold(spec, templates, queries, db)
    click.echo(f"Wrote {written.query}")
    click.echo(f"Wrote {written.template}")
    if written.rows is not None:
        click.echo(f"The query ran on {db}: {plural(written.rows, 'row')} over all years.")
    click.echo(
        f"Use them with --templates {templates} --queries {queries} (add --no-builtin-templates "
        "to answer only with your own); edit both to fit your questions (queries/README.md, "
        "templates/README.md)."
    )


def main() -> None:
    cli(prog_name="pqgen")


if __name__ == "__main__":
    main()
