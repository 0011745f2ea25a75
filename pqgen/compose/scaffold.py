"""`pqgen new-template NAME`: a query file and an answer template that work on a table you name.

A starting point for a department's own questions: the query counts the rows of one table per
year (or month) of a date column, optionally per value of another column, with the header
queries/README.md describes; the template answers with the total and a table. Given a database,
the query is tried on it before anything is written, so what is written runs.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pqgen import catalogue
from pqgen.errors import QueryError, ScaffoldError
from pqgen.figures.sources import DatabaseSource
from pqgen.files import write_text_atomically

NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
TABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?\Z")
COUNT_COLUMN = "aantal"
CHANNEL_WORDS = re.compile(r"kanaal|channel|medium|media", re.IGNORECASE)
STOP_WORDS = {"per", "en", "van", "de", "het", "een", "in", "op", "naar", "aantal"}
# The whole history, for the trial run on a database.
TRIAL_PERIOD = (dt.date(1900, 1, 1), dt.date(9999, 12, 31))


@dataclass(frozen=True)
class Scaffold:
    """What `pqgen new-template` writes: checked as soon as it is made."""

    name: str
    table: str
    date_column: str
    per: str | None = None
    by: str = "year"
    noun: str | None = None
    match: tuple[str, ...] = ()
    subject: str | None = None

    def __post_init__(self) -> None:
        if not NAME.match(self.name):
            raise ScaffoldError(
                f"NAME '{self.name}'",
                "is not a template name",
                hint="use lower-case letters, digits and '-', e.g. gesprekken-per-medium",
            )
        if not TABLE.match(self.table):
            raise ScaffoldError(
                f"--table '{self.table}'",
                "is not a plain table name",
                hint="give the name as the database knows it: letters, digits, '_' "
                "(schema.table for another schema)",
            )
        for option, column in (("--date-column", self.date_column), ("--per", self.per)):
            if column is not None and not COLUMN.match(column):
                raise ScaffoldError(
                    f"{option} '{column}'",
                    "is not a plain column name",
                    hint="give the name as the database knows it: letters, digits, '_'",
                )
        if self.per in (self.by, COUNT_COLUMN):
            raise ScaffoldError(
                f"--per '{self.per}'",
                f"is a name the figure set uses itself ({self.by}, {COUNT_COLUMN})",
                hint="count per another column, or rename it in a view",
            )
        if self.by not in catalogue.SCAFFOLD_BY:
            raise ScaffoldError(f"--by '{self.by}'", "must be year or month")
        for pattern in self.match_patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ScaffoldError(
                    f"--match '{pattern}'", f"is no valid pattern ({exc})"
                ) from None

    @property
    def query_name(self) -> str:
        return self.name.replace("-", "_")

    @property
    def words(self) -> dict[str, str]:
        """The Dutch words the catalogue's texts are filled in with."""
        return {
            "table": self.table,
            "noun": self.noun or self.table.rsplit(".", 1)[-1],
            "by": catalogue.SCAFFOLD_BY[self.by],
            "per": catalogue.SCAFFOLD_PER.format(column=self.per) if self.per else "",
        }

    @property
    def subject_pattern(self) -> str:
        """What the figures are about: the given pattern, else the noun."""
        return self.subject or re.escape(self.words["noun"])

    @property
    def measures(self) -> list[str]:
        """The measures (templates/README.md) its figures give: a count, over the period asked,
        per year or month, and per channel when --per names one."""
        given = ["count", "total", "over_period", f"per_{self.by}"]
        if self.per and CHANNEL_WORDS.search(self.per):
            given.append("by_channel")
        return given

    @property
    def match_patterns(self) -> tuple[str, ...]:
        """The given patterns, else the words of NAME that say what it is about."""
        if self.match:
            return self.match
        words = [w for w in self.name.split("-") if len(w) > 2 and w not in STOP_WORDS]
        return tuple(words) or (self.name,)


def _quoted(pattern: str) -> str:
    """A pattern as a YAML string in single quotes, where a backslash is just a backslash."""
    return "'" + pattern.replace("'", "''") + "'"


def query_text(spec: Scaffold) -> str:
    """The query file: rows of the table counted per year or month (and per --per)."""
    words = spec.words
    column = spec.date_column
    key = (
        f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER) AS year"
        if spec.by == "year"
        else f"CAST(DATE_TRUNC('month', {column}) AS DATE) AS month"
    )
    key_type = "year" if spec.by == "year" else "date"
    columns = [(spec.by, key_type, "key", catalogue.SCAFFOLD_KEY[spec.by])]
    if spec.per:
        description = catalogue.SCAFFOLD_PER_COLUMN.format(column=spec.per, table=spec.table)
        columns.append((spec.per, "text", "key", description))
    columns.append((COUNT_COLUMN, "count", "", catalogue.SCAFFOLD_COUNT.format(**words)))
    width = max(len(c[0]) for c in columns)
    lines = [
        "-- " + catalogue.SCAFFOLD_DESCRIPTION.format(**words),
        "-- Returns " + catalogue.SCAFFOLD_RETURNS.format(**words),
        *(f"--   {n:<{width}}  {k:<5}  {f:<3}  {t}" for n, k, f, t in columns),
        "-- :period_start  date  first day of the period (included)",
        "-- :period_end    date  last day of the period (included)",
        "SELECT",
        f"    {key},",
        *([f"    {spec.per},"] if spec.per else []),
        f"    COUNT(*) AS {COUNT_COLUMN}",
        f"FROM {spec.table}",
        f"WHERE {column} >= :period_start",
        f"  AND {column} < CAST(:period_end AS DATE) + 1",
        "GROUP BY " + ("1, 2" if spec.per else "1"),
        "ORDER BY " + ("1, 2" if spec.per else "1"),
    ]
    return "\n".join(lines) + "\n"


def template_text(spec: Scaffold) -> str:
    """The answer template: the total in a sentence, then the figures in a table."""
    words = spec.words
    by_label = catalogue.SCAFFOLD_LABEL[spec.by]
    per_label = spec.per.replace("_", " ").capitalize() if spec.per else ""
    labels = [(spec.by, by_label)] + ([(spec.per, per_label)] if spec.per else [])
    labels.append((COUNT_COLUMN, catalogue.SCAFFOLD_COUNT_LABEL))
    front = [
        "{#-",
        "title: " + catalogue.SCAFFOLD_TITLE.format(**words),
        "match:                  # every pattern must occur in the sub-question (case is ignored)",
        *(f"  - {_quoted(p)}" for p in spec.match_patterns),
        "subject:                # what the figures are about: must occur in the question",
        f"  - {_quoted(spec.subject_pattern)}",
        f"measures: [{', '.join(spec.measures)}]",
        "gives:                  # what its figures are, as the reading of a part names them",
        f"  objects: [{_quoted(words['noun'])}]",
        "  measures: [count]",
        f"  breakdowns: [{', '.join([spec.by, *([_quoted(spec.per)] if spec.per else [])])}]",
        f"resolution: {spec.by:<13}# the shortest period it answers exactly",
        "figures:",
        f"  counts: {spec.query_name}",
        "labels:                 # Dutch column names, for the annex and charts",
        *(f"  {name}: {label}" for name, label in labels),
        "-#}",
    ]
    total = f'figures.counts | total("{COUNT_COLUMN}")'
    body = [
        catalogue.SCAFFOLD_TOTAL.format(total=total, noun=words["noun"]),
        catalogue.SCAFFOLD_TABLE_INTRO.format(**words),
        "",
    ]
    if spec.by == "year" and spec.per:
        body.append(
            f'{{{{ figures.counts | crosstab("{spec.per}", "year", "{COUNT_COLUMN}", '
            f'label="{per_label}", all_columns=period.years) }}}}'
        )
    else:
        when = "{{ r.year }}" if spec.by == "year" else "{{ r.month | month }}"
        per_cell = [f"{{{{ r.{spec.per} }}}}"] if spec.per else []
        header = [by_label, *([per_label] if spec.per else []), catalogue.SCAFFOLD_COUNT_LABEL]
        cells = [when, *per_cell, f"{{{{ r.{COUNT_COLUMN} | number }}}}"]
        body += [
            "| " + " | ".join(header) + " |",
            "|" + "---|" * (len(header) - 1) + "---:|",
            "{% for r in figures.counts | rows %}",
            "| " + " | ".join(cells) + " |",
            "{% endfor %}",
        ]
    return "\n".join(front + body) + "\n"


@dataclass(frozen=True)
class Written:
    query: Path
    template: Path
    rows: int | None  # rows the query found on the database it was tried on


def trial_run(spec: Scaffold, db: str | Path) -> int:
    """Run the query on `db` over all its history: the number of rows it returns."""
    with tempfile.TemporaryDirectory(prefix="pqgen-scaffold-") as folder:
        path = Path(folder) / f"{spec.query_name}.sql"
        path.write_text(query_text(spec), encoding="utf-8")
        start, end = TRIAL_PERIOD
        with DatabaseSource(db, [Path(folder)]) as source:
            try:
                figures = source.fetch(spec.query_name, {"period_start": start, "period_end": end})
            except QueryError as exc:
                problem = exc.message.split(": failed on ", 1)[-1]
                raise ScaffoldError(
                    f"--table {spec.table}",
                    f"the query does not run: {problem}",
                    hint="check --table, --date-column (a date or timestamp) and --per against "
                    "the table's columns",
                ) from None
    return len(figures.frame)


def write_scaffold(
    spec: Scaffold, templates: Path, queries: Path, db: str | Path | None = None
) -> Written:
    """Write the query and the template, never over an existing file; with `db`, only once the
    query has run on it."""
    query_path = queries / f"{spec.query_name}.sql"
    template_path = templates / f"{spec.name}.md.j2"
    for path in (query_path, template_path):
        if path.exists():
            raise ScaffoldError(
                str(path), "exists already", hint="choose another NAME, or move the file away"
            )
    rows = trial_run(spec, db) if db is not None else None
    write_text_atomically(query_path, query_text(spec))
    try:
        write_text_atomically(template_path, template_text(spec))
    except BaseException:
        query_path.unlink(missing_ok=True)
        raise
    return Written(query_path, template_path, rows)
