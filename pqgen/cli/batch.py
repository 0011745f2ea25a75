"""The `batch` command: a whole series of questions from a manifest."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from pqgen.cli.common import (
    builtin_options,
    cli,
    db_option,
    queries_option,
    reports_errors,
    templates_option,
    timeout_option,
)


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
    from pqgen.errors import SummaryNotWritten
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
    except SummaryNotWritten as exc:
        # Every outcome still reaches the terminal when the summary file cannot be written.
        click.echo(batch_table([o.as_row() for o in exc.outcomes]))  # type: ignore[attr-defined]
        raise click.ClickException(str(exc)) from None
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
