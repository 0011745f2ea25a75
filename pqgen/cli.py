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
timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Stop a query that runs longer than this (PostgreSQL and DuckDB).",
)
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
    published question is read, and `pqgen draft vraag.txt` writes the draft answer as .docx in
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
@reports_errors
def parse(question: Path, as_json: bool, output: Path | None) -> None:
    """Read a published written question (.txt, .docx or .pdf) into its parts.

    Shows number, author, date, minister, minister's title, title, introduction and the
    numbered sub-questions. Write them with -o question.yaml to review or edit them by hand
    (for example to add `parameters:` for the queries); `pqgen draft question.yaml` reads it.

    \b
    Examples:
      pqgen parse examples/vraag-639.txt
      pqgen parse examples/vraag-639.txt --json
      pqgen parse examples/vraag-639.txt -o vraag-639.yaml
    """
    from pqgen.files import write_text_atomically
    from pqgen.question.load import load_question

    parsed = load_question(question)
    if output is not None:
        text = parsed.to_json() if output.suffix.lower() == ".json" else parsed.to_yaml()
        write_text_atomically(output, text)
        click.echo(f"Wrote {output}", err=True)
    if as_json:
        click.echo(parsed.to_json(), nl=False)
    elif output is None:
        click.echo(parsed.to_yaml(), nl=False)


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
@reports_errors
def demo(db: str | None, rows: int | None) -> None:
    """Build the demo database of a government contact centre.

    Contacts per channel, line, department and topic (2014-2025), the agents and the themes they
    are trained for, staffing per month, and a satisfaction survey. The data are made up but
    deterministic, and agree with the published answer to question 639 (1700 info line, 2017).
    Existing demo tables are replaced only once the new ones are complete.

    \b
    Examples:
      pqgen demo
      pqgen demo --db postgresql://pqgen:secret@localhost/pqgen_demo
      pqgen demo --db big.duckdb --rows 10000000
    """
    from pqgen.figures import demo as demo_data

    tables = demo_data.demo_tables(rows or demo_data.DEFAULT_ROWS)
    where = demo_data.write_demo(db, tables)
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
) -> None:
    """Draft the answer to QUESTION as a Word document in the official layout.

    QUESTION is the published text (.txt, .docx, .pdf) or the YAML/JSON from `pqgen parse`.
    Each sub-question is answered by the template that matches it, with figures from the
    database (or from a figure file with --figures); what only a person can write is left as a
    highlighted [TE VERVOLLEDIGEN: …], unless the question's YAML gives the text under the
    sub-question's `texts:`. Every figure gets a comment naming its source, and
    NAME.provenance.json beside the draft lists them all. Totals, small counts and missing
    years are checked; the summary lists the figures used, failed checks and placeholders left.

    \b
    Examples:
      pqgen draft examples/vraag-639.txt -o out/antwoord-639.docx
      pqgen draft vraag-639.yaml --db postgresql://reader@dbhost/contacts
      pqgen draft vraag-639.yaml --figures ingevuld.xlsx
      pqgen draft vraag-639.yaml --annex --pdf
      pqgen draft vraag-639.yaml --final
    """
    from pqgen.compose.settings import DraftSettings
    from pqgen.drafting import default_output, figure_file_source
    from pqgen.drafting import draft as write_draft
    from pqgen.figures.sources import DatabaseSource
    from pqgen.question.load import load_question
    from pqgen.workspace import Workspace

    if db and figures_file:
        raise click.UsageError("give either --db or --figures, not both")
    parsed = load_question(question)
    workspace = Workspace.from_options(templates, queries)
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
            output or default_output(parsed.number),
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
@reports_errors
def figures(
    question: Path,
    db: str | None,
    output: Path,
    timeout: float | None,
    templates: Path | None,
    queries: Path | None,
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
    from pqgen.figures.sources import DatabaseSource
    from pqgen.figures.workbooks import write_figures
    from pqgen.question.load import load_question
    from pqgen.workspace import Workspace

    parsed = load_question(question)
    workspace = Workspace.from_options(templates, queries)
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
@reports_errors
def request(question: Path, output: Path, templates: Path | None, queries: Path | None) -> None:
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
    parsed = load_question(question)
    workspace = Workspace.from_options(templates, queries)
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
    workspace = Workspace.from_options(templates, queries)
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
    for section in answer.sections:
        if section.template is None:
            lines.append(f"  {section.number}. no matching template")
            continue
        used = "; ".join(
            f"{name}: {fs.provenance.query}.sql, {plural(fs.provenance.rows, 'row')}"
            for name, fs in section.figures.items()
        )
        period = f"{section.period.label}" if section.period else ""
        lines.append(f"  {section.number}. {section.template} [{period}] {used}".rstrip())
    for companion in (result.provenance, result.annex, result.pdf):
        if companion is not None:
            lines.append(f"Wrote {companion}")
    lines.append(f"Checks failed: {len(result.failures)}")
    lines.extend(f"  {failure}" for failure in result.failures)
    placeholders = answer.placeholders()
    lines.append(f"Placeholders left: {len(placeholders)}")
    lines.extend(f"  {number}. {text}" for number, text in placeholders)
    return "\n".join(lines)


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

    spec = Scaffold(name, table, date_column, per, by, noun, match)
    written = write_scaffold(spec, templates, queries, db)
    click.echo(f"Wrote {written.query}")
    click.echo(f"Wrote {written.template}")
    if written.rows is not None:
        click.echo(f"The query ran on {db}: {plural(written.rows, 'row')} over all years.")
    click.echo(
        f"Use them with --templates {templates} --queries {queries}; edit both to fit your "
        "questions (queries/README.md, templates/README.md)."
    )


def main() -> None:
    cli(prog_name="pqgen")


if __name__ == "__main__":
    main()
