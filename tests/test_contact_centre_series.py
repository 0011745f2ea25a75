"""Series from the contact centre: per month, per line, per theme, per channel, one topic.

Every figure a template writes is compared with SQL written here, independently of the query
files (DuckDB's own dialect: year(), month(), count_if(), FILTER), on a copy of the demo database.
Totals of shares and averages are checked to be the overall figure, never a sum or a plain mean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pqgen import dutch
from pqgen.figures import demo
from tests.test_contact_centre_templates import answer_of, offered_and_within, paragraphs, sql

ALL_CHANNELS = "('telefoon', 'e-mail', 'chat', 'webformulier', 'sociale media')"


@pytest.fixture(scope="module")
def db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database, so that this module's own connections meet no other."""
    import shutil

    copy = tmp_path_factory.mktemp("reeksen") / "demo.duckdb"
    shutil.copy(demo_db, copy)
    return copy


def tables_of(document: Any) -> list[dict[str, list[str]]]:
    return [
        {row.cells[0].text: [c.text for c in row.cells[1:]] for row in table.rows}
        for table in document.tables
    ]


def months_2023(db: Path) -> list[str]:
    """The months of 2023 as the answer writes them."""
    names = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]  # fmt: skip
    return [f"{n} 2023" for n in names]


def test_contacts_per_month_on_1700(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Contacten per maand", "",
        "Hoeveel contacten kwamen er in 2023 per maand binnen via het nummer 1700?",
        template="contacten-per-maand",
    )  # fmt: skip
    counts = sql(db, """
        SELECT month(contacted_at), count(*) FROM contacts
        WHERE line = '1700' AND year(contacted_at) = 2023 GROUP BY 1 ORDER BY 1""")  # fmt: skip
    [table] = tables_of(document)
    names = months_2023(db)
    assert [k for k in table if k not in ("Maand", "Totaal")] == names
    for (_, count), name in zip(counts, names, strict=True):
        assert table[name] == [dutch.number(count)], name
    total = sum(n for _, n in counts)
    assert table["Totaal"] == [dutch.number(total)]
    low = min(counts, key=lambda r: r[1])
    high = max(counts, key=lambda r: r[1])
    text = paragraphs(document)
    assert f"In 2023 kwamen er via het nummer 1700 {dutch.number(total)} contacten binnen" in text
    assert f"het minst in {names[low[0] - 1]} ({dutch.number(low[1])})" in text
    assert f"het meest in {names[high[0] - 1]} ({dutch.number(high[1])})" in text


def test_contacts_per_channel_per_month(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Kanalen", "",
        "Hoeveel contacten kwamen er in 2023 per kanaal en per maand binnen via het nummer 1700?",
        template="contacten-per-maand",
    )  # fmt: skip
    counts = sql(db, """
        SELECT month(contacted_at), channel, count(*) FROM contacts
        WHERE line = '1700' AND year(contacted_at) = 2023 GROUP BY ALL""")  # fmt: skip
    [table] = tables_of(document)
    channels = [c for c in ("telefoon", "e-mail", "chat", "webformulier") if c in table["Maand"]]
    assert table["Maand"] == [*channels, "Totaal"]  # the declared order, then the total
    names = months_2023(db)
    cells = {(names[m - 1], c): n for m, c, n in counts}
    for name in names:
        assert table[name][:-1] == [dutch.number(cells.get((name, c), 0)) for c in channels]
        assert table[name][-1] == dutch.number(sum(cells.get((name, c), 0) for c in channels))
    assert table["Totaal"][-1] == dutch.number(sum(n for *_, n in counts))


def test_calls_per_month_on_a_sectoral_line_in_one_quarter(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Woonlijn - Oproepen", "",
        "Hoeveel oproepen kreeg de Woonlijn per maand in het eerste kwartaal van 2023?",
        template="contacten-per-maand",
    )  # fmt: skip
    counts = sql(db, """
        SELECT month(contacted_at), count(*) FROM contacts
        WHERE line = 'Woonlijn' AND channel = 'telefoon' AND year(contacted_at) = 2023
          AND month(contacted_at) <= 3 GROUP BY 1 ORDER BY 1""")  # fmt: skip
    [table] = tables_of(document)
    assert table["Maand"] == ["Aantal oproepen"]
    assert [table[m] for m in ("januari 2023", "februari 2023", "maart 2023")] == [
        [dutch.number(n)] for _, n in counts
    ]
    assert "maart 2023" in table and "april 2023" not in table
    total = dutch.number(sum(n for _, n in counts))
    assert f"In het eerste kwartaal van 2023 kwamen er via de Woonlijn {total} oproepen" in (
        paragraphs(document)
    )


def test_contacts_per_line(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Contactcenter van de Vlaamse overheid - Lijnen", "",
        "Hoeveel contacten ontving elke lijn van het contactcenter in 2022 en 2023?",
        template="contacten-per-lijn",
    )  # fmt: skip
    counts = sql(db, """
        SELECT line, count(*) FILTER (WHERE year(contacted_at) = 2022),
               count(*) FILTER (WHERE year(contacted_at) = 2023), count(*)
        FROM contacts WHERE year(contacted_at) IN (2022, 2023) GROUP BY line""")  # fmt: skip
    [table] = tables_of(document)
    assert table["Lijn"] == ["2022", "2023", "Totaal"]
    assert set(table) - {"Lijn", "Totaal"} == {line for line, *_ in counts}
    for line, *numbers in counts:
        assert table[line] == [dutch.number(n) for n in numbers], line
    total = sum(n for *_, n in counts)
    assert table["Totaal"][-1] == dutch.number(total)
    assert f"via de lijnen van het contactcenter samen {dutch.number(total)} contacten" in (
        paragraphs(document)
    )


def test_two_lines_named_are_the_two_lines_counted(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Contactcenter - Lijnen", "",
        "Hoeveel oproepen kwamen er in 2023 binnen op de Woonlijn en op de Energielijn, per lijn?",
        template="contacten-per-lijn",
    )  # fmt: skip
    counts = dict(sql(db, """
        SELECT line, count(*) FROM contacts WHERE line IN ('Woonlijn', 'Energielijn')
          AND channel = 'telefoon' AND year(contacted_at) = 2023 GROUP BY line"""))  # fmt: skip
    [table] = tables_of(document)
    assert set(table) == {"Lijn", "Woonlijn", "Energielijn", "Totaal"}
    for line, count in counts.items():
        assert table[line] == [dutch.number(count), dutch.number(count)]
    total = dutch.number(sum(counts.values()))
    assert f"via de Energielijn en de Woonlijn samen {total} oproepen binnen" in (
        paragraphs(document)
    )


def test_a_line_the_data_does_not_know_is_a_placeholder(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Contactcenter - Lijnen", "",
        "Hoeveel contacten kwamen er in 2023 binnen op de Woonlijn en op de Fietslijn, per lijn?",
        template=None,
        placeholders=1,
    )  # fmt: skip
    assert "de lijn 'Fietslijn' komt niet voor in de gegevens" in paragraphs(document)
    assert not document.tables


def test_service_level_per_month_gives_the_overall_share_of_the_year(
    db: Path, tmp_path: Path
) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Serviceniveau", "",
        "Welk percentage van de oproepen op de 1700 werd in 2023 per maand binnen de 60 seconden "
        "beantwoord?",
        template="wachttijden-per-maand",
    )  # fmt: skip
    figures = sql(db, """
        WITH offered AS (
            SELECT contacted_at, waiting_seconds, false AS gone FROM contacts
            WHERE line = '1700' AND channel = 'telefoon' AND waiting_seconds IS NOT NULL
            UNION ALL
            SELECT contacted_at, waiting_seconds, true FROM abandoned_contacts
            WHERE line = '1700' AND channel = 'telefoon')
        SELECT month(contacted_at), count(*), count_if(NOT gone AND waiting_seconds <= 60),
               count_if(gone)
        FROM offered WHERE year(contacted_at) = 2023 GROUP BY 1 ORDER BY 1""")  # fmt: skip
    [table] = tables_of(document)
    names = months_2023(db)
    for (_, offered, within, gone), name in zip(figures, names, strict=True):
        assert table[name] == [
            dutch.number(offered), dutch.number(within), dutch.percent(100 * within / offered, 1),
            dutch.number(gone), dutch.percent(100 * gone / offered, 1),
        ], name  # fmt: skip
    offered = sum(r[1] for r in figures)
    within = sum(r[2] for r in figures)
    gone = sum(r[3] for r in figures)
    share = dutch.percent(100 * within / offered, 1)
    assert table["Totaal"] == [
        dutch.number(offered), dutch.number(within), share,
        dutch.number(gone), dutch.percent(100 * gone / offered, 1),
    ]  # fmt: skip
    monthly_mean = sum(100 * r[2] / r[1] for r in figures) / len(figures)
    assert dutch.percent(monthly_mean, 1) != share  # the months' plain mean would be wrong here
    text = paragraphs(document)
    assert f"Daarvan werd {share} binnen 60 seconden beantwoord" in text


def test_average_waiting_per_month_is_weighted_by_the_calls(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Woonlijn - Wachttijden", "",
        "Hoe lang moesten bellers op de Woonlijn in 2023 per maand gemiddeld wachten?",
        template="wachttijden-per-maand",
    )  # fmt: skip
    figures = sql(db, """
        SELECT month(contacted_at), count(*), avg(waiting_seconds), median(waiting_seconds)
        FROM contacts WHERE line = 'Woonlijn' AND channel = 'telefoon'
          AND waiting_seconds IS NOT NULL AND year(contacted_at) = 2023
        GROUP BY 1 ORDER BY 1""")  # fmt: skip
    [overall] = sql(db, """
        SELECT count(*), avg(waiting_seconds) FROM contacts
        WHERE line = 'Woonlijn' AND channel = 'telefoon' AND waiting_seconds IS NOT NULL
          AND year(contacted_at) = 2023""")  # fmt: skip
    [table] = tables_of(document)
    for (_, n, mean, median), name in zip(figures, months_2023(db), strict=True):
        assert table[name] == [dutch.number(n), dutch.number(mean, 0), dutch.number(median, 0)]
    # The year's average over every call, not the mean of twelve monthly averages; no median.
    assert table["Totaal"] == [dutch.number(overall[0]), dutch.number(overall[1], 0), ""]
    assert f"wachtten gemiddeld {dutch.number(overall[1], 0)} seconden" in paragraphs(document)


def test_another_norm_per_month_is_the_norm_answered(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Serviceniveau", "",
        "Hoeveel procent van de oproepen op de 1700 werd in 2023 per maand binnen de 30 seconden "
        "beantwoord?",
        template="wachttijden-per-maand",
    )  # fmt: skip
    offered, fast = offered_and_within(db, 2023, 30)
    [table] = tables_of(document)
    assert table["Maand"][1] == "Binnen 30 s beantwoord"
    assert table["Totaal"][:3] == [
        dutch.number(offered),
        dutch.number(fast),
        dutch.percent(100 * fast / offered, 1),
    ]
    assert "60 seconden" not in paragraphs(document)


def test_trained_agents_per_theme_during_a_year(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Opleiding", "",
        "Hoeveel medewerkers van het nummer 1700 volgden in 2023 een opleiding, per thema?",
        template="opleidingen-per-thema",
    )  # fmt: skip
    trained = sql(db, """
        SELECT th.theme, th.department, count(DISTINCT t.agent_id) FILTER (WHERE t.agent_id
               IS NOT NULL)
        FROM themes th LEFT JOIN agent_themes t
          ON t.theme = th.theme AND year(t.trained_on) = 2023
        GROUP BY ALL ORDER BY th.theme""")  # fmt: skip
    [table] = tables_of(document)
    for theme, department, count in trained:
        assert table[theme] == [department, dutch.number(count)], theme
    assert "Totaal" not in table  # agents trained for two themes would count twice


def test_trained_agents_for_the_themes_of_one_department(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Opleiding", "",
        "Hoeveel voorlichters van 1700 werden in 2023 opgeleid voor de Vlaamse Belastingdienst, "
        "opgesplitst per thema?",
        template="opleidingen-per-thema",
    )  # fmt: skip
    [table] = tables_of(document)
    assert set(table) == {"Thema"} | {
        t for t, d in demo.THEMES.items() if d == "Vlaamse Belastingdienst"
    }
    assert "van de Vlaamse Belastingdienst" in paragraphs(document)


def test_satisfaction_per_channel_of_one_line(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Tevredenheid", "",
        "Hoe tevreden waren de gebruikers van het nummer 1700 in 2022 en 2023, per kanaal?",
        template="tevredenheid-per-kanaal",
    )  # fmt: skip
    shares = sql(db, """
        SELECT channel, year(responded_at), 100 * avg(CASE WHEN satisfied THEN 1 ELSE 0 END)
        FROM survey_responses WHERE line = '1700' AND year(responded_at) IN (2022, 2023)
        GROUP BY ALL""")  # fmt: skip
    [overall] = sql(db, """
        SELECT count(*), 100 * avg(CASE WHEN satisfied THEN 1 ELSE 0 END) FROM survey_responses
        WHERE line = '1700' AND year(responded_at) IN (2022, 2023)""")  # fmt: skip
    [table] = tables_of(document)
    assert table["Kanaal"] == ["2022", "2023"]  # shares get no total column
    for channel, year, pct in shares:
        assert table[channel][year - 2022] == dutch.percent(pct, 1), (channel, year)
    assert "Totaal" not in table
    text = paragraphs(document)
    assert (
        f"was {dutch.percent(overall[1], 1)} van de {dutch.number(overall[0])} ondervraagde "
        "gebruikers van het nummer 1700 tevreden"
    ) in text


def test_satisfaction_of_the_callers_of_one_line(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Tevredenheid", "",
        "Hoeveel procent van de gebruikers die telefonisch contact opnamen met de 1700 was in "
        "2023 tevreden?",
        template="tevredenheid-per-kanaal",
    )  # fmt: skip
    [(n, pct)] = sql(db, """
        SELECT count(*), 100 * avg(CASE WHEN satisfied THEN 1 ELSE 0 END) FROM survey_responses
        WHERE line = '1700' AND channel = 'telefoon' AND year(responded_at) = 2023""")  # fmt: skip
    assert (
        f"In 2023 was {dutch.percent(pct, 1)} van de {dutch.number(n)} ondervraagde bellers van "
        "het nummer 1700 tevreden."
    ) in paragraphs(document)
    assert not document.tables


def test_satisfaction_per_line_for_two_lines(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Contactcenter - Tevredenheid", "",
        "Hoe tevreden waren de gebruikers van de Woonlijn en de Energielijn in 2023, per lijn?",
        template="tevredenheid-per-kanaal",
    )  # fmt: skip
    shares = dict(sql(db, """
        SELECT line, 100 * avg(CASE WHEN satisfied THEN 1 ELSE 0 END) FROM survey_responses
        WHERE line IN ('Woonlijn', 'Energielijn') AND year(responded_at) = 2023
        GROUP BY line"""))  # fmt: skip
    [overall] = sql(db, """
        SELECT count(*), 100 * avg(CASE WHEN satisfied THEN 1 ELSE 0 END) FROM survey_responses
        WHERE line IN ('Woonlijn', 'Energielijn') AND year(responded_at) = 2023""")  # fmt: skip
    [table] = tables_of(document)
    assert set(table) == {"Lijn", "Woonlijn", "Energielijn"}
    for line, pct in shares.items():
        assert table[line] == [dutch.percent(pct, 1)]
    assert (
        f"was {dutch.percent(overall[1], 1)} van de {dutch.number(overall[0])} ondervraagde "
        "gebruikers van de Energielijn en de Woonlijn tevreden"
    ) in paragraphs(document)


def test_calls_about_one_topic_on_one_line(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Woonlijn - Huurpremie", "",
        "Hoeveel oproepen over de huurpremie kwamen er in 2023 binnen op de Woonlijn?",
        template="contacten-over-onderwerp",
    )  # fmt: skip
    [(count,)] = sql(db, f"""
        SELECT count(*) FROM contacts WHERE topic = 'huurpremie' AND line = 'Woonlijn'
          AND channel = 'telefoon' AND year(contacted_at) = 2023
          AND channel IN {ALL_CHANNELS}""")  # fmt: skip
    assert (
        f"In 2023 kwamen er via de Woonlijn {dutch.number(count)} oproepen binnen over het "
        "onderwerp huurpremie."
    ) in paragraphs(document)


def test_contacts_about_one_topic_per_year(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Studietoelagen", "",
        "Hoeveel contacten over studietoelagen kreeg het nummer 1700 in 2021, 2022 en 2023?",
        template="contacten-over-onderwerp",
    )  # fmt: skip
    counts = sql(db, """
        SELECT year(contacted_at), count(*) FROM contacts
        WHERE topic = 'studietoelagen' AND line = '1700'
          AND year(contacted_at) BETWEEN 2021 AND 2023 GROUP BY 1 ORDER BY 1""")  # fmt: skip
    [table] = tables_of(document)
    numbers = [dutch.number(n) for _, n in counts]
    assert table["studietoelagen"] == [*numbers, dutch.number(sum(n for _, n in counts))]


def test_a_topic_the_data_does_not_know_is_never_the_titles_topic(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Contactcenter - Huurpremie", "",
        "Hoeveel contacten over het groeipakket kreeg het nummer 1700 in 2023?",
        template=None,
        placeholders=1,
    )  # fmt: skip
    text = paragraphs(document)
    assert "het onderwerp 'het groeipakket' komt niet voor in de gegevens" in text
    assert "huurpremie" not in text.split("ANTWOORD")[-1].lower().replace(
        "contactcenter - huurpremie", ""
    )


def test_contacts_per_department(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700", "",
        "Hoeveel contacten kwamen er in 2022 en 2023 binnen via het nummer 1700, opgesplitst per "
        "departement?",
        template="contacten-per-departement",
    )  # fmt: skip
    counts = sql(db, """
        SELECT department, count(*) FILTER (WHERE year(contacted_at) = 2022),
               count(*) FILTER (WHERE year(contacted_at) = 2023), count(*)
        FROM contacts WHERE line = '1700' AND year(contacted_at) IN (2022, 2023)
        GROUP BY department""")  # fmt: skip
    [table] = tables_of(document)
    assert set(table) - {"Departement of agentschap", "Totaal"} == {d for d, *_ in counts}
    for department, *numbers in counts:
        assert table[department] == [dutch.number(n) for n in numbers], department
    assert table["Totaal"][-1] == dutch.number(sum(n for *_, n in counts))


def test_calls_in_one_quarter(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700", "",
        "Hoeveel oproepen kreeg de 1700 in het eerste kwartaal van 2024?",
        template="contacten-totaal",
    )  # fmt: skip
    [(count,)] = sql(db, """
        SELECT count(*) FROM contacts WHERE line = '1700' AND channel = 'telefoon'
          AND contacted_at >= DATE '2024-01-01'
          AND contacted_at < DATE '2024-04-01'""")  # fmt: skip
    assert (
        f"In het eerste kwartaal van 2024 kwamen er via het nummer 1700 {dutch.number(count)} "
        "oproepen binnen."
    ) in paragraphs(document)


def test_staff_per_month_never_adds_up_the_months(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700 - Personeel", "",
        "Hoeveel voorlichters en VTE werkten er in 2023 per maand in het contactcenter?",
        template="personeel-per-maand",
    )  # fmt: skip
    staff = sql(db, """
        SELECT CAST(d AS DATE), count(a.agent_id), sum(a.fte)
        FROM generate_series(DATE '2023-01-01', DATE '2023-12-01', INTERVAL 1 MONTH) AS s(d)
        JOIN agents a ON a.started_on <= CAST(d AS DATE)
                     AND coalesce(a.left_on, DATE '9999-12-31') > CAST(d AS DATE)
        GROUP BY 1 ORDER BY 1""")  # fmt: skip
    [table] = tables_of(document)
    for (_, agents, fte), name in zip(staff, months_2023(db), strict=True):
        assert table[name] == [dutch.number(agents), dutch.number(fte, 1)], name
    assert "Totaal" not in table  # people at work on twelve days are no total
    mean_agents = sum(a for _, a, _ in staff) / 12
    assert table["Gemiddeld"] == [
        dutch.number(mean_agents, 1),
        dutch.number(sum(f for *_, f in staff) / 12, 1),
    ]


def test_the_contacts_of_several_lines_named_together(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Contactcenter - Sectorale lijnen", "",
        "Hoeveel contacten ontvingen de Woonlijn, de Onderwijslijn en de Energielijn in 2023?",
        template="contacten-totaal",
    )  # fmt: skip
    [(count,)] = sql(db, """
        SELECT count(*) FROM contacts WHERE line IN ('Woonlijn', 'Onderwijslijn', 'Energielijn')
          AND year(contacted_at) = 2023""")  # fmt: skip
    assert (
        "In 2023 kwamen er via de Energielijn, de Onderwijslijn en de Woonlijn samen "
        f"{dutch.number(count)} contacten binnen."
    ) in paragraphs(document)


def test_abandoned_chats_are_the_chats(db: Path, tmp_path: Path) -> None:
    document = answer_of(
        tmp_path, db, "Vlaamse Infolijn 1700", "",
        "Hoeveel chats op de 1700 werden in 2023 afgebroken?",
        template="wachttijden",
    )  # fmt: skip
    [(gone,)] = sql(db, """
        SELECT count(*) FROM abandoned_contacts WHERE line = '1700' AND channel = 'chat'
          AND year(contacted_at) = 2023""")  # fmt: skip
    text = paragraphs(document)
    assert f"van de chatters ({dutch.number(gone)}) haakte in" in text
    assert "bellers" not in text
