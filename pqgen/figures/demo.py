"""A deterministic demo database of a government contact centre (like the Flemish 1700 line).

Tables:

- contacts(contact_id, contacted_at, channel, line, department, topic): one row per contact in
  which an agent used content owned by `department` about `topic`.
- agents(agent_id, started_on, left_on): the agents of the contact centre; `left_on` is NULL for
  those still there.
- agent_themes(agent_id, theme, trained_on): the themes each agent is trained for.
- themes(theme, department): which department owns the content of each theme.
- staffing(month, agents): agents at work on the first day of each month (derived from agents).
- survey_responses(response_id, responded_at, line, satisfied): the satisfaction survey at the
  end of a contact.

With the default size the data agree with the published answer to question 639: content of the
Departement Werk en Sociale Economie used 69.871 times in 2014-2016 once dienstencheques are left
out; between 115 and 125 agents in 2014-2016; 36 of them trained for Werk en Sociale Economie on
8 June 2017; 87,07% satisfied callers on the 1700 line in 2016.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

DEFAULT_ROWS = 1_000_000
FIRST_YEAR, LAST_YEAR = 2014, 2025
SEED = 639

WSE = "Departement Werk en Sociale Economie"
# Figures the default database reproduces (see the module docstring).
WSE_CONTACTS_2014_2016 = 69_871
EXCLUDED_TOPIC = "dienstencheques"
STAFF_RANGE_2014_2016 = (115, 125)
WSE_TRAINED_ON = dt.date(2017, 6, 8)
WSE_TRAINED = 36
SATISFIED_2016 = (8_707, 10_000)


@dataclass(frozen=True)
class Topic:
    department: str
    name: str
    weight: float
    available_from: dt.date = dt.date(FIRST_YEAR, 1, 1)


# Weights are relative volumes. Betaald educatief verlof came to the 1700 line in mid-2016 and the
# Vlaams zorgkrediet in September 2016, as the published answer says.
TOPICS = (
    Topic(WSE, "aanmoedigingspremie", 30),
    Topic(WSE, "ervaringsbewijs", 12),
    Topic(WSE, "opleidingscheques", 16),
    Topic(WSE, "loopbaancheques", 9),
    Topic(WSE, "arbeidskaart", 5),
    Topic(WSE, "betaald educatief verlof", 40, dt.date(2016, 7, 1)),
    Topic(WSE, "Vlaams zorgkrediet", 38, dt.date(2016, 9, 1)),
    Topic(WSE, EXCLUDED_TOPIC, 70),
    Topic("Departement Onderwijs en Vorming", "studietoelagen", 60),
    Topic("Departement Onderwijs en Vorming", "schoolpremie", 20),
    Topic("Departement Onderwijs en Vorming", "inschrijvingsrecht", 10),
    Topic("Agentschap Wonen-Vlaanderen", "huurpremie", 35),
    Topic("Agentschap Wonen-Vlaanderen", "renovatiepremie", 45),
    Topic("Agentschap Wonen-Vlaanderen", "sociale lening", 15),
    Topic("Vlaamse Belastingdienst", "registratiebelasting", 30),
    Topic("Vlaamse Belastingdienst", "erfbelasting", 25),
    Topic("Vlaamse Belastingdienst", "verkeersbelasting", 40),
    Topic("Departement Omgeving", "omgevingsvergunning", 25),
    Topic("Departement Omgeving", "energiepremies", 35),
    Topic("Departement Mobiliteit en Openbare Werken", "rijbewijs", 20),
    Topic("Departement Mobiliteit en Openbare Werken", "basisbereikbaarheid", 8),
)

THEMES = {
    "Werk en sociale economie": WSE,
    "Onderwijs": "Departement Onderwijs en Vorming",
    "Wonen": "Agentschap Wonen-Vlaanderen",
    "Belastingen": "Vlaamse Belastingdienst",
    "Omgeving": "Departement Omgeving",
    "Mobiliteit": "Departement Mobiliteit en Openbare Werken",
}

# Each department's share of contacts per line: the general 1700 line or its own sectoral line.
LINES = {
    WSE: {"1700": 1.0},
    "Departement Onderwijs en Vorming": {"1700": 0.6, "Infolijn Onderwijs": 0.4},
    "Agentschap Wonen-Vlaanderen": {"1700": 0.5, "Woonlijn": 0.5},
    "Vlaamse Belastingdienst": {"1700": 0.3, "Infolijn Belastingen": 0.7},
    "Departement Omgeving": {"1700": 0.7, "Energielijn": 0.3},
    "Departement Mobiliteit en Openbare Werken": {"1700": 1.0},
}
CHANNELS = {"telefoon": 0.68, "e-mail": 0.17, "chat": 0.10, "webformulier": 0.05}

# Satisfied share per year on the 1700 line; 2016 is the published 87,07%.
SATISFACTION = {
    2014: 0.8512, 2015: 0.8634, 2016: 0.8707, 2017: 0.8791, 2018: 0.8846, 2019: 0.8820,
    2020: 0.8565, 2021: 0.8702, 2022: 0.8893, 2023: 0.8951, 2024: 0.9012, 2025: 0.8987,
}  # fmt: skip


def months() -> pd.DatetimeIndex:
    return pd.date_range(f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-01", freq="MS")


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Whole counts that add up to `total`, in proportion to `weights` (largest remainder)."""
    if total == 0 or weights.sum() == 0:
        return np.zeros(len(weights), dtype=np.int64)
    exact = weights / weights.sum() * total
    counts = np.floor(exact).astype(np.int64)
    short = total - int(counts.sum())
    # Ties go to the earlier cell, so the result depends on nothing but the inputs.
    order = np.lexsort((np.arange(len(exact)), -(exact - counts)))
    counts[order[:short]] += 1
    return counts


def contacts_table(rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """`rows` contacts spread over departments, topics and months, the 639 figures built in."""
    month_index = months()
    cells = pd.DataFrame(
        [(t.department, t.name, line, m, t.weight * share, t.available_from)
         for t in TOPICS
         for line, share in LINES[t.department].items()
         for m in month_index],
        columns=["department", "topic", "line", "month", "weight", "available_from"],
    )  # fmt: skip
    season = 1 + 0.25 * np.cos((cells["month"].dt.month.to_numpy() - 2) / 12 * 2 * np.pi)
    growth = 1 + 0.04 * (cells["month"].dt.year.to_numpy() - FIRST_YEAR)
    noise = rng.uniform(0.85, 1.15, len(cells))
    weight = cells["weight"].to_numpy() * season * growth * noise
    weight[(cells["month"].dt.date < cells["available_from"]).to_numpy()] = 0.0

    published = (
        (cells["department"] == WSE)
        & (cells["topic"] != EXCLUDED_TOPIC)
        & (cells["month"].dt.year <= 2016)
    ).to_numpy()
    target = round(WSE_CONTACTS_2014_2016 * rows / DEFAULT_ROWS)
    counts = np.zeros(len(cells), dtype=np.int64)
    counts[published] = apportion(target, weight[published])
    counts[~published] = apportion(rows - target, weight[~published])

    cell = np.repeat(np.arange(len(cells)), counts)
    month_start = cells["month"].to_numpy()[cell]
    days_in_month = cells["month"].dt.days_in_month.to_numpy()[cell]
    offset = (rng.random(rows) * days_in_month).astype(np.int64) * 86_400 + rng.integers(
        8 * 3600, 19 * 3600, rows
    )
    contacted_at = month_start + offset.astype("timedelta64[s]")
    channel_names = list(CHANNELS)
    channel = rng.choice(len(channel_names), size=rows, p=list(CHANNELS.values()))
    frame = pd.DataFrame(
        {
            "contacted_at": contacted_at,
            "channel": pd.Categorical.from_codes(channel, pd.Index(channel_names)),
            "line": pd.Categorical(cells["line"].to_numpy()[cell]),
            "department": pd.Categorical(cells["department"].to_numpy()[cell]),
            "topic": pd.Categorical(cells["topic"].to_numpy()[cell]),
        }
    )
    frame = frame.sort_values("contacted_at", kind="stable", ignore_index=True)
    frame.insert(0, "contact_id", np.arange(1, rows + 1, dtype=np.int64))
    return frame


def _headcount_targets(rng: np.random.Generator) -> list[int]:
    """Agents at work on the first of each month: 115 to 125 in 2014-2016, more later on."""
    targets = []
    for m in months():
        if m.year <= 2016:
            targets.append(int(rng.integers(116, 125)))
        else:
            targets.append(int(rng.integers(118, 141)))
    # The published range is reached exactly, once each end.
    targets[5], targets[30] = STAFF_RANGE_2014_2016
    return targets


def agents_tables(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agents hired and leaving so that the headcount follows the targets, and their training."""
    started: list[dt.date] = []
    left: list[dt.date | None] = []
    at_work: list[int] = []
    for month, target in zip(months(), _headcount_targets(rng), strict=True):
        day = month.date()
        if not started:
            for _ in range(target):
                started.append(day - dt.timedelta(days=int(rng.integers(30, 1500))))
                left.append(None)
                at_work.append(len(started) - 1)
            continue
        # A little churn every month, then hire or let go to reach the target.
        for _ in range(int(rng.integers(0, 3))):
            gone = at_work.pop(int(rng.integers(len(at_work))))
            left[gone] = day
        while len(at_work) > target:
            gone = at_work.pop(int(rng.integers(len(at_work))))
            left[gone] = day
        while len(at_work) < target:
            started.append(day)
            left.append(None)
            at_work.append(len(started) - 1)
    agents = pd.DataFrame(
        {
            "agent_id": np.arange(1, len(started) + 1),
            "started_on": pd.to_datetime(started).date,
            "left_on": [d for d in left],
        }
    )

    on_day = [
        i for i, (s, e) in enumerate(zip(started, left, strict=True))
        if s <= WSE_TRAINED_ON and (e is None or e > WSE_TRAINED_ON)
    ]  # fmt: skip
    wse_theme = next(t for t, d in THEMES.items() if d == WSE)
    other_themes = [t for t in THEMES if t != wse_theme]
    trained_wse = set(rng.choice(on_day, size=WSE_TRAINED, replace=False).tolist())
    rows = []
    for i, start in enumerate(started):
        themes = list(rng.choice(other_themes, size=int(rng.integers(1, 3)), replace=False))
        on_that_day = i in set(on_day)
        if i in trained_wse or (not on_that_day and rng.random() < 0.3):
            themes.append(wse_theme)
        for theme in themes:
            rows.append((i + 1, theme, start))
    training = pd.DataFrame(rows, columns=["agent_id", "theme", "trained_on"])
    return agents, training


def staffing_table(agents: pd.DataFrame) -> pd.DataFrame:
    """Agents at work on the first day of each month."""
    rows = []
    started = agents["started_on"].tolist()
    left = agents["left_on"].tolist()
    for month in months():
        day = month.date()
        count = sum(
            1 for s, e in zip(started, left, strict=True) if s <= day and (e is None or e > day)
        )
        rows.append((day, count))
    return pd.DataFrame(rows, columns=["month", "agents"])


def survey_table(rng: np.random.Generator) -> pd.DataFrame:
    """Survey answers at the end of contacts: on 1700 the satisfied share of SATISFACTION."""
    frames = []
    for year, share in SATISFACTION.items():
        for line, answers, rate in (("1700", 10_000, share), ("Woonlijn", 2_000, share - 0.04)):
            if (line, year) == ("1700", 2016):
                satisfied, answers = SATISFIED_2016
            else:
                satisfied = round(answers * rate)
            flags = np.zeros(answers, dtype=bool)
            flags[:satisfied] = True
            rng.shuffle(flags)
            start = np.datetime64(f"{year}-01-01T00:00:00")
            days = (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
            seconds = np.sort(rng.integers(0, days * 86_400, answers))
            frames.append(
                pd.DataFrame(
                    {
                        "responded_at": start + seconds.astype("timedelta64[s]"),
                        "line": line,
                        "satisfied": flags,
                    }
                )
            )
    survey = pd.concat(frames, ignore_index=True).sort_values("responded_at", ignore_index=True)
    survey.insert(0, "response_id", np.arange(1, len(survey) + 1, dtype=np.int64))
    return survey


def demo_tables(rows: int = DEFAULT_ROWS, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """All tables of the demo database, the same for the same `rows` and `seed`."""
    if rows < 1_000:
        raise ValueError("the demo database needs at least 1000 contacts")
    rng = np.random.default_rng(seed)
    agents, training = agents_tables(rng)
    return {
        "contacts": contacts_table(rows, rng),
        "agents": agents,
        "agent_themes": training,
        "themes": pd.DataFrame(list(THEMES.items()), columns=["theme", "department"]),
        "staffing": staffing_table(agents),
        "survey_responses": survey_table(rng),
    }


def table_summary(tables: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Rows per table, for the message `pqgen demo` prints."""
    return {name: len(frame) for name, frame in tables.items()}


def write_duckdb(path: Path, tables: Mapping[str, pd.DataFrame]) -> None:
    """Write `tables` to a new DuckDB file at `path`, replacing it only once complete."""
    import duckdb

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(partial)) as con:
            for name, frame in tables.items():
                con.register("frame", frame)
                # Categorical columns would become ENUMs; the schema promises plain text.
                columns = ", ".join(
                    f'CAST("{c}" AS VARCHAR) AS "{c}"'
                    if isinstance(frame[c].dtype, pd.CategoricalDtype)
                    else f'"{c}"'
                    for c in frame.columns
                )
                con.execute(f'CREATE TABLE "{name}" AS SELECT {columns} FROM frame')
                con.unregister("frame")
            con.execute(f"CREATE TABLE {MARKER_TABLE} AS SELECT '{MARKER_TEXT}' AS made_by")
            con.execute("CHECKPOINT")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _sql_type(series: pd.Series) -> Any:
    """The SQL column type for a demo table's column."""
    import sqlalchemy as sa

    if pd.api.types.is_bool_dtype(series):
        return sa.Boolean()
    if pd.api.types.is_integer_dtype(series):
        return sa.BigInteger()
    if pd.api.types.is_float_dtype(series):
        return sa.Float(precision=53)
    if pd.api.types.is_datetime64_any_dtype(series):
        return sa.DateTime()
    sample = series.dropna()
    if len(sample) and isinstance(sample.iloc[0], dt.date):
        return sa.Date()
    return sa.Text()


def _copy(connection: Any, name: str, part: pd.DataFrame) -> None:
    """Load rows into PostgreSQL with COPY: far faster than INSERTs for millions of rows."""
    import io

    buffer = io.StringIO()
    part.to_csv(buffer, header=False, index=False, date_format="%Y-%m-%d %H:%M:%S")
    columns = ", ".join(f'"{c}"' for c in part.columns)
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f'COPY "{name}" ({columns}) FROM STDIN (FORMAT csv)') as pipe:
        pipe.write(buffer.getvalue())


def _insert(connection: Any, table: Any, part: pd.DataFrame) -> None:
    records = part.astype(object).where(part.notna(), None).to_dict("records")
    connection.execute(table.insert(), [{str(k): v for k, v in r.items()} for r in records])


def write_sqlalchemy(url: Any, tables: Mapping[str, pd.DataFrame], chunk: int = 500_000) -> None:
    """Write `tables` to the database at `url` in one transaction, replacing tables of the same
    name: readers see the old tables or all the new ones."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            metadata = sa.MetaData()
            for name, frame in tables.items():
                columns = (sa.Column(c, _sql_type(frame[c])) for c in frame.columns)
                sa.Table(name, metadata, *columns)
            sa.Table(MARKER_TABLE, metadata, sa.Column("made_by", sa.Text()))
            metadata.drop_all(connection)
            metadata.create_all(connection)
            connection.execute(metadata.tables[MARKER_TABLE].insert(), [{"made_by": MARKER_TEXT}])
            for name, frame in tables.items():
                for start in range(0, len(frame), chunk):
                    part = frame.iloc[start : start + chunk]
                    if connection.dialect.name == "postgresql":
                        _copy(connection, name, part)
                    else:
                        _insert(connection, metadata.tables[name], part)
    finally:
        engine.dispose()


# The table that marks a database as made by `pqgen demo`: only such a database (or a new one)
# is replaced without --force.
MARKER_TABLE = "pqgen_demo"
MARKER_TEXT = "pqgen demo"


def _made_by_demo_duckdb(path: Path) -> bool:
    """Whether the DuckDB file at `path` was made by `pqgen demo` (False for any other file)."""
    import duckdb

    try:
        with duckdb.connect(str(path), read_only=True) as con:
            found = con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                [MARKER_TABLE],
            ).fetchone()
    except (duckdb.Error, OSError):
        return False
    return bool(found and found[0])


def _foreign_tables(url: Any, names: list[str]) -> list[str]:
    """The demo's table names that already exist in the database at `url` without the marker."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            existing = set(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()
    return [] if MARKER_TABLE in existing else sorted(existing & set(names))


TABLE_NAMES = ("contacts", "agents", "agent_themes", "themes", "staffing", "survey_responses")


def check_replaceable(db: str | Path | None, *, force: bool = False) -> None:
    """Refuse (before any work) to write the demo into a folder, or over a file or tables that
    `pqgen demo` did not make, unless `force`."""
    import sqlalchemy as sa

    from pqgen.errors import DatabaseError
    from pqgen.figures import databases as database

    if database.export_folder(db) is not None:
        raise DatabaseError(str(db), "is a folder", hint="give a DuckDB file or a database URL")
    url = database.to_url(db)
    path = database.duckdb_path(url)
    hint = "give a new file or database, or add --force to replace it"
    if force:
        return
    if path is not None:
        if path.exists() and not _made_by_demo_duckdb(path):
            raise DatabaseError(
                str(path), "exists and was not made by `pqgen demo`; left as it is", hint=hint
            )
        return
    shown = database.describe(db)
    try:
        theirs = _foreign_tables(url, list(TABLE_NAMES))
    except sa.exc.DBAPIError as exc:
        raise DatabaseError(shown, f"cannot connect: {database.first_line(exc.orig)}") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(shown, f"the driver is not installed ({exc.name})") from None
    if theirs:
        raise DatabaseError(
            shown,
            f"already has table '{theirs[0]}' not made by `pqgen demo`; left as it is",
            hint=hint,
        )


def write_demo(
    db: str | Path | None, tables: Mapping[str, pd.DataFrame], *, force: bool = False
) -> str:
    """Write the demo tables to `db` (a DuckDB path, or any SQLAlchemy URL); return where.

    Only a new file, or a database `pqgen demo` made before, is replaced, unless `force`: a
    user's own database or file is never overwritten by accident."""
    import sqlalchemy as sa

    from pqgen.errors import DatabaseError
    from pqgen.figures import databases as database

    check_replaceable(db, force=force)
    url = database.to_url(db)
    shown = database.describe(db)
    path = database.duckdb_path(url)
    if path is not None:
        write_duckdb(path, tables)
        return str(path)
    try:
        write_sqlalchemy(url, tables)
    except sa.exc.DBAPIError as exc:
        message = database.first_line(exc.orig)
        raise DatabaseError(shown, f"cannot write the demo tables: {message}") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(shown, f"the driver is not installed ({exc.name})") from None
    return shown
