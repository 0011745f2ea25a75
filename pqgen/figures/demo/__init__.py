"""A deterministic demo database of a government contact centre (like the Flemish 1700 line).

Tables (queries/README.md documents every column):

- contacts(contact_id, contacted_at, channel, line, department, topic, waiting_seconds,
  handling_seconds): one row per answered contact in which an agent used content owned by
  `department` about `topic`; `waiting_seconds` only on the channels with a queue (telefoon, chat).
- abandoned_contacts(abandoned_id, contacted_at, channel, line, waiting_seconds): calls and chats
  given up in the queue before an agent answered (so without department or topic).
- agents(agent_id, started_on, left_on, fte): the agents; `left_on` is NULL for those still there.
- agent_themes(agent_id, theme, trained_on): the themes each agent is trained for, and when.
- themes(theme, department): which department owns the content of each theme.
- staffing(month, agents, fte): agents at work on the first day of each month, and their FTE.
- survey_responses(response_id, responded_at, line, channel, satisfied): the satisfaction survey
  at the end of a contact.

With the default size the data agree with the published answer to question 639: content of the
Departement Werk en Sociale Economie used 69.871 times in 2014-2016 once dienstencheques are left
out; between 115 and 125 agents in 2014-2016; 36 of them trained for Werk en Sociale Economie on
8 June 2017; 87,07% satisfied callers on the 1700 line in 2016. What was added later (channels
per line, waiting and handling times, abandoned contacts, FTE, later trainings, more survey
lines) is drawn from a second random generator, so those figures stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pqgen.figures.demo.contacts import abandoned_table, apportion, contacts_table, months
from pqgen.figures.demo.facts import (
    ALL_CHANNELS,
    CHANNELS,
    DEFAULT_ROWS,
    EXCLUDED_TOPIC,
    FIRST_YEAR,
    LAST_YEAR,
    LIVE_CHANNELS,
    SEED,
    THEMES,
    WSE,
    WSE_CONTACTS_2014_2016,
    WSE_TRAINED,
    WSE_TRAINED_ON,
)
from pqgen.figures.demo.staff import agents_tables, staffing_table
from pqgen.figures.demo.store import (
    MARKER_TABLE,
    STORED_ORDER,
    TABLE_NAMES,
    check_replaceable,
    write_demo,
    write_duckdb,
    write_sqlalchemy,
)
from pqgen.figures.demo.survey import survey_table

__all__ = [
    "ALL_CHANNELS",
    "CHANNELS",
    "DEFAULT_ROWS",
    "EXCLUDED_TOPIC",
    "FIRST_YEAR",
    "LAST_YEAR",
    "LIVE_CHANNELS",
    "MARKER_TABLE",
    "SEED",
    "STORED_ORDER",
    "TABLE_NAMES",
    "THEMES",
    "WSE",
    "WSE_CONTACTS_2014_2016",
    "WSE_TRAINED",
    "WSE_TRAINED_ON",
    "apportion",
    "check_replaceable",
    "demo_tables",
    "months",
    "table_summary",
    "write_demo",
    "write_duckdb",
    "write_sqlalchemy",
]


def demo_tables(rows: int = DEFAULT_ROWS, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """All tables of the demo database, the same for the same `rows` and `seed`."""
    if rows < 1_000:
        raise ValueError("the demo database needs at least 1000 contacts")
    rng = np.random.default_rng(seed)
    extra = np.random.default_rng([seed, 11])
    agents, training = agents_tables(rng, extra)
    contacts, wait_median = contacts_table(rows, rng, extra)
    return {
        "contacts": contacts,
        "abandoned_contacts": abandoned_table(contacts, wait_median, extra),
        "agents": agents,
        "agent_themes": training,
        "themes": pd.DataFrame(list(THEMES.items()), columns=["theme", "department"]),
        "staffing": staffing_table(agents),
        "survey_responses": survey_table(rng, extra),
    }


def table_summary(tables: Mapping[str, pd.DataFrame]) -> dict[str, int]:
    """Rows per table, for the message `pqgen demo` prints."""
    return {name: len(frame) for name, frame in tables.items()}
