"""`pqgen new-template` (issue 11): a query and a template for a table of the user's own."""

from __future__ import annotations

from pathlib import Path

import click

from pqgen.cli.common import cli, plural, reports_errors


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
