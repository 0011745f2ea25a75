"""Commands that read a question: `parse` and `plan`."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from pqgen.cli.common import (
    builtin_options,
    cli,
    open_workspace,
    plural,
    queries_option,
    reports_errors,
    show_warnings,
    templates_option,
)


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


@cli.command("plan")
@click.argument("question", type=click.Path(path_type=Path, dir_okay=False))
@templates_option
@queries_option
@builtin_options
@click.option(
    "--figures",
    "figures_files",
    metavar="FILE",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Departments' filled-in workbooks (from `pqgen request`): show what was read per part.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also show every word of each part and what it was read as (or 'not understood').",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the plan as JSON: per part its answer, reason, period, parameters and reading.",
)
@reports_errors
def plan_command(
    question: Path,
    templates: Path | None,
    queries: Path | None,
    no_builtin_templates: bool = False,
    no_builtin_queries: bool = False,
    figures_files: tuple[Path, ...] = (),
    explain: bool = False,
    as_json: bool = False,
) -> None:
    """Show how each part of QUESTION will be answered, before any figure is pulled.

    For every sub-question and each of its parts (sub-points a) b) …, separate asks): what
    the part was read as (measure, object, filters, breakdowns), the template chosen and why
    (subject, ask, measure, period, each parameter and where it came from), the near misses
    (templates whose ask matched but that do not fit, and why), and what will be a
    placeholder. A part with a word pqgen does not understand gets no figures: the placeholder
    quotes the word. Parts marked [FLAGGED] will be failed checks in the draft; the command
    exits with 1 when there is one.

    \b
    Examples:
      pqgen plan examples/vraag-639.yaml
      pqgen plan examples/vraag-639.yaml --explain     # every word and what it was read as
      pqgen plan examples/vraag-639.yaml --json        # the same as data
      pqgen plan vraag.yaml --templates mijn-sjablonen --no-builtin-templates
    """
    from pqgen.compose import templating
    from pqgen.compose.plan import describe, plan, step_as_data
    from pqgen.figures import queries as query_files
    from pqgen.figures.workbooks.ask_sheets import read_ask_workbooks
    from pqgen.question.load import load_question

    parsed = load_question(question)
    show_warnings(parsed)
    workspace = open_workspace(templates, queries, no_builtin_templates, no_builtin_queries)
    steps = plan(
        parsed,
        templating.templates(workspace),
        functools.partial(query_files.query, workspace),
    )
    flagged = [s for s in steps if s.reason is not None and s.reason.flag]
    if as_json:
        data = {"question": parsed.number, "date": parsed.date.isoformat(),
                "parts": [step_as_data(s) for s in steps], "flagged": len(flagged)}  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        sys.exit(1 if flagged else 0)
    click.echo(f"Plan for question {parsed.number} ({parsed.title}), asked {parsed.date}:")
    filled = read_ask_workbooks(list(figures_files)) if figures_files else None
    for line in describe(steps, parsed, filled, words=explain):
        click.echo(f"  {line}")
    open_parts = [s for s in steps if not s.answered or s.policy or s.reason]
    click.echo(
        f"Parts: {len(steps)}, from a template or the YAML: "
        f"{sum(1 for s in steps if s.answered)}, placeholders: {len(open_parts)}, "
        f"flagged: {len(flagged)}"
    )
    if flagged:
        sys.exit(1)
