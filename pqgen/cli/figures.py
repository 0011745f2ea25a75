"""Commands about figures: `demo`, `figures`, `request`."""

from __future__ import annotations

from pathlib import Path

import click

from pqgen.cli.common import (
    builtin_options,
    cli,
    db_option,
    inputs,
    plural,
    queries_option,
    reports_errors,
    templates_option,
    timeout_option,
)


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
        check_suffix(output, (".xlsx", ""), "the figure workbook")
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
    from pqgen.asking import ask_sheets, ask_workbooks, write_ask_requests
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
    requests = requests_for(parsed, workspace)
    sheets = ask_sheets(parsed, workspace)  # figure asks no template answers (issue 12)
    if not requests and not sheets:
        raise click.ClickException("this question needs no figures: no template asks for a query")
    workbooks = ask_workbooks(sheets, output, alone=not requests)
    refuse_inputs([p for p, _, _ in workbooks], inputs(question, templates=templates,
                                                         queries=queries))  # fmt: skip
    if requests:
        entries = write_request(output, requests)
        click.echo(f"Wrote {output} ({len(entries)} figure sets to fill in)")
        for entry in entries:
            optional = "" if entry.required else " (may stay empty: figures to compare with)"
            click.echo(f"  {entry.sheet}: for sub-question {entry.subquestions}{optional}")
    write_ask_requests(parsed, workbooks)
    for path, department, group in workbooks:
        click.echo(f"Wrote {path} ({plural(len(group), 'part')} to fill in"
                   f"{' by ' + department if department else ''})")  # fmt: skip
        for sheet in group:
            keys = ", ".join(d.name for d in sheet.dimensions) or "one value"
            click.echo(f"  {sheet.sheet}: part {sheet.label}, {sheet.unit} per {keys}"
                       if sheet.dimensions else f"  {sheet.sheet}: part {sheet.label}, "
                       f"{sheet.unit}, one value")  # fmt: skip
