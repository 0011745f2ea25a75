"""Commands that write or read a draft: `draft`, `check`, `reproduce`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pqgen.cli.common import (
    builtin_options,
    cli,
    db_from_environment,
    db_option,
    inputs,
    open_workspace,
    plural,
    queries_option,
    reports_errors,
    show_warnings,
    templates_option,
    timeout_option,
)


@cli.command()
@click.argument("question", type=click.Path(path_type=Path, dir_okay=False))
@db_option
@click.option(
    "--figures",
    "figures_files",
    metavar="FILE|DIR",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Take the figures from this file instead of a database: a workbook filled in from "
    "`pqgen request`, or the output of `pqgen figures` (.xlsx or folder). Repeat it for the "
    "workbooks of several departments: they are read together.",
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
    figures_files: tuple[Path, ...],
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
    from pqgen.asking import figures_source
    from pqgen.compose.settings import DraftSettings
    from pqgen.drafting import companions, default_output
    from pqgen.drafting import draft as write_draft
    from pqgen.figures.databases import default_db
    from pqgen.figures.sources import DatabaseSource
    from pqgen.figures.workbooks.ask_sheets import is_ask_workbook
    from pqgen.files import refuse_inputs
    from pqgen.question.load import load_question

    figures_file = figures_files[0] if figures_files else None
    # Departments' workbooks for figure asks (issue 12) go with a database for the templates.
    asks_only = bool(figures_files) and all(map(is_ask_workbook, figures_files))
    if figures_file and db and db_from_environment() and not asks_only:
        db = None  # $PQGEN_DB is a default; --figures given here wins
    if db and figures_file and not asks_only:
        raise click.UsageError("give either --db or --figures, not both")
    parsed = load_question(question)
    show_warnings(parsed)
    target = output or default_output(parsed.number)
    refuse_inputs(
        companions(target, annex=annex, pdf=pdf),
        inputs(question, db=None if figures_file else db or default_db(), figures=figures_file,
               templates=templates, queries=queries),
    )  # fmt: skip
    workspace = open_workspace(templates, queries, no_builtin_templates, no_builtin_queries)
    settings = DraftSettings(
        min_count=min_count,
        suppress_small=suppress_small,
        final=final,
        comments=not no_comments,
        annex=annex,
    )
    for extra in figures_files[1:]:
        refuse_inputs(companions(target, annex=annex, pdf=pdf), [("the figures file", extra)])
    with (
        figures_source(
            list(figures_files),
            workspace,
            DatabaseSource(db, workspace.query_dirs, timeout) if asks_only and db else None,
        )
        if figures_files
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


def summary(result: Any) -> str:
    """What a draft holds, for the terminal: per answer its template and figures, then the
    placeholders left."""
    answer = result.answer
    q = answer.question
    lines = [f"Wrote {result.path} (answer to question {q.number}, {len(answer.sections)} answers)"]
    steps = getattr(result, "steps", None) or []
    for section in answer.sections:
        for step in (s for s in steps if s.subquestion.number == section.number):
            asked = section.figures.get(f"deel {step.label}")  # a figure ask (issue 12)
            what = f"figures from {asked.provenance.source}" if asked else one_line(step)
            lines.append(f"  {step.heading} {what}")
        used = "; ".join(
            f"{name}: {fs.provenance.query_file if not fs.provenance.checksum else fs.provenance.query + '.sql'}, "  # noqa: E501
            f"{plural(fs.provenance.rows, 'row')}"
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
