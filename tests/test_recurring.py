"""Recurring questions (issue 11): the answer refers to the earlier question it repeats and states
the change since then only where the figures are exactly comparable. Every figure is checked
against SQL written here, independently of the query files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import duckdb
import pytest
import yaml
from click.testing import CliRunner

from pqgen.batch import BatchOptions, read_manifest, run_batch
from pqgen.cli import cli
from pqgen.compose.answer import Answer
from pqgen.compose.fill import compose
from pqgen.compose.templating import read_template
from pqgen.drafting import requests_for
from pqgen.dutch import number, percent
from pqgen.errors import TemplateError
from pqgen.figures import demo
from pqgen.figures.sources import DatabaseSource
from pqgen.question.load import load_question
from pqgen.workspace import Workspace
from tests.conftest import EXAMPLES, REPO

# What the two built-in templates compare, as a template opts in (see templates/README.md).
COMPARE = {
    "contacten-per-onderwerp": "compare: {figures: contacts, column: contacts, "
    "what: het aantal contacten}",
    "evaluatie-tevredenheid": "compare: {figures: satisfaction, column: satisfied_pct, "
    "what: het aandeel tevreden bellers}",
}


def with_compare(name: str, line: str | None) -> str:
    """A built-in template with `line` as its `compare:` (None: without one), whatever the
    built-in declares itself (a one-line `compare:`)."""
    text = (REPO / "templates" / f"{name}.md.j2").read_text(encoding="utf-8")
    assert text.startswith("{#-\n")
    text = re.sub(r"(?m)^compare:.*\n", "", text)
    return text.replace("{#-\n", "{#-\n" + line + "\n", 1) if line else text


def template_folder(folder: Path, lines: dict[str, str | None]) -> Path:
    folder.mkdir()
    for name, line in lines.items():
        (folder / f"{name}.md.j2").write_text(with_compare(name, line), encoding="utf-8")
    return folder


@pytest.fixture
def compared(tmp_path: Path) -> Path:
    """A user's template folder: the built-in templates with `compare:` added."""
    return template_folder(tmp_path / "sjablonen", dict(COMPARE))


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """The same templates without `compare:`: they state no change."""
    return template_folder(tmp_path / "kaal", dict.fromkeys(COMPARE))


def question_file(folder: Path, name: str = "vraag-702.yaml", **changes: Any) -> Path:
    """Question 639 asked again on 14 May 2018 as nr. 702, naming 639 as the earlier question."""
    data = yaml.safe_load((EXAMPLES / "vraag-639.yaml").read_text(encoding="utf-8"))
    data.update(number=702, date="2018-05-14", earlier={"file": str(EXAMPLES / "vraag-639.yaml")})
    data.update(changes)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def answer_to(path: Path, demo_db: Path, templates: Path | None = None) -> Answer:
    workspace = Workspace.from_options(templates)
    source = DatabaseSource(str(demo_db), workspace.query_dirs)
    try:
        return compose(load_question(path), source, workspace)
    finally:
        source.close()


def section_text(answer: Answer, number_: int) -> str:
    blocks = answer.sections[number_ - 1].blocks
    return "\n".join(b.text for b in blocks if hasattr(b, "text"))


def plain(text: str) -> str:
    return re.sub("[\ue000-\ue002]", "", re.sub("\ue000[^\ue001]*\ue001", "", text))


def contacts_in(demo_db: Path, year: int) -> int:
    """Contacts about the content of Werk en Sociale Economie on 1700 in `year`, without
    dienstencheques: the figure of question 639, counted here from the contacts table."""
    with duckdb.connect(str(demo_db), read_only=True) as db:
        row = db.execute(
            "SELECT count(*) FROM contacts WHERE department = ? AND line = '1700' "
            "AND topic <> 'dienstencheques' AND year(contacted_at) = ?",
            [demo.WSE, year],
        ).fetchone()
    assert row is not None
    return int(row[0])


def satisfied_in(demo_db: Path, year: int) -> float:
    with duckdb.connect(str(demo_db), read_only=True) as db:
        row = db.execute(
            "SELECT avg(CASE WHEN satisfied THEN 100.0 ELSE 0 END) FROM survey_responses "
            "WHERE line = '1700' AND year(responded_at) = ?",
            [year],
        ).fetchone()
    assert row is not None
    return float(row[0])


def test_the_answer_refers_to_the_earlier_question_once(tmp_path, demo_db, bare) -> None:
    answer = answer_to(question_file(tmp_path), demo_db, bare)
    first = plain(section_text(answer, 1))
    assert first.startswith(
        "In mijn antwoord op vraag nr. 639 van 8 juni 2017 gaf ik de cijfers voor 2014-2016. "
        "Tussen 1 januari 2015 en 31 december 2017 hebben de voorlichters"
    )
    everything = "\n".join(plain(section_text(answer, n)) for n in (1, 2, 3))
    assert everything.count("vraag nr. 639") == 1
    # Templates that declare no figure to compare state no change.
    assert "meer dan in" not in everything and "minder dan in" not in everything


def test_the_change_since_then_is_the_figure_of_both_last_years(tmp_path, demo_db, compared):
    answer = answer_to(question_file(tmp_path), demo_db, compared)
    now, then = contacts_in(demo_db, 2017), contacts_in(demo_db, 2016)
    assert (now, then) != (0, 0)
    change = abs(now - then) / then * 100
    more = "meer" if now > then else "minder"
    first = plain(section_text(answer, 1))
    assert (
        f"In 2017 bedroeg het aantal contacten {number(now)}. Dat is {percent(change, 1)} {more} "
        f"dan in 2016, het laatste jaar in dat antwoord ({number(then)})."
    ) in first
    # A percentage changes in points; this sub-answer is not the one with the reference.
    pct_now, pct_then = satisfied_in(demo_db, 2017), satisfied_in(demo_db, 2016)
    shown = [float(percent(v).rstrip("%").replace(",", ".")) for v in (pct_now, pct_then)]
    points = number(abs(shown[0] - shown[1]), 2)
    more = "meer" if pct_now > pct_then else "minder"
    assert (
        f"In 2017 bedroeg het aandeel tevreden bellers {percent(pct_now)}. Dat is {points} "
        f"procentpunt {more} dan in 2016, het laatste jaar in het antwoord op vraag nr. 639 "
        f"({percent(pct_then)})."
    ) in plain(section_text(answer, 3))
    assert answer.flags == ()
    # After the figures, before the placeholder the sub-answer ends with (a person's words).
    assert plain(section_text(answer, 3)).endswith(
        "(87,07%).\n[TE VERVOLLEDIGEN: hoe het nummer bekendgemaakt wordt bij de doelgroep]"
    )
    # Both figures carry their source: the earlier set is one of the answer's figure sets.
    earlier = answer.figure_sets()["1/contacts (vraag 639)"]
    assert str(earlier.provenance.parameters["period_start"]) == "2014-01-01"
    assert str(earlier.provenance.parameters["period_end"]) == "2016-12-31"
    sourced = [r.figure for r in answer.sections[0].runs() if r.figure]
    assert "contacts (vraag 639)" in sourced


def test_plan_shows_the_earlier_question_and_why(tmp_path, compared, bare) -> None:
    path = question_file(tmp_path)
    result = CliRunner().invoke(cli, ["plan", str(path), "--templates", str(compared)])
    assert result.exit_code == 0, result.output
    assert f"repeats question 639 of 2017-06-08 ({EXAMPLES / 'vraag-639.yaml'})" in result.output
    assert "the answer refers to question 639 (first in answer 1)" in result.output
    assert "earlier: question 639 of 2017-06-08, part 1, 2014-2016" in result.output
    assert "change since then: contacts.contacts in 2017 against 2016" in result.output
    builtin = CliRunner().invoke(cli, ["plan", str(path), "--templates", str(bare)])
    assert (
        "change since then: not stated: template contacten-per-onderwerp declares no 'compare:'"
        in builtin.output
    )


def changes(answer: Answer) -> str:
    return "\n".join(plain(section_text(answer, n)) for n in range(1, len(answer.sections) + 1))


@pytest.mark.parametrize(
    ("earlier", "changes_", "why"),
    [
        # 639 without its exclusion of dienstencheques: other figures than this year's
        ({"parameters": {}}, {}, "parameter excluded_topics differs"),
        # two years now against three then
        (
            {},
            {"subquestions": [{"number": 1, "text": "Hoeveel informatieaanvragen kwamen er de "
                               "laatste 2 jaar binnen via het gratis 1700-nummer, opgesplitst "
                               "per onderwerp?"}]},
            "the periods differ in length (2 years now, 3 then)",
        ),
        # a year not over when asked
        (
            {},
            {"subquestions": [{"number": 1, "text": "Hoeveel informatieaanvragen kwamen er sinds "
                               "2016 binnen via het gratis 1700-nummer, opgesplitst per "
                               "onderwerp?"}]},
            "is not whole calendar years",
        ),
        # asked twice in one year: the same last year
        ({"number": 690, "date": "2018-02-01"}, {}, "no later year than 2017 to compare"),
    ],
)  # fmt: skip
def test_no_change_is_stated_when_not_exactly_comparable(
    tmp_path, demo_db, compared, earlier, changes_, why
) -> None:
    data = yaml.safe_load((EXAMPLES / "vraag-639.yaml").read_text(encoding="utf-8"))
    data.update(earlier)
    old = tmp_path / "vorige.yaml"
    old.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    path = question_file(tmp_path, earlier={"file": "vorige.yaml"}, **changes_)
    answer = answer_to(path, demo_db, compared)
    step = answer.steps[0]
    assert step.earlier is not None and not step.earlier.compares
    assert why in str(step.earlier.refusal)
    assert "bedroeg het aantal contacten" not in changes(answer)
    assert "vraag nr. " in plain(section_text(answer, 1))  # still refers to it
    result = CliRunner().invoke(cli, ["plan", str(path), "--templates", str(compared)])
    assert f"change since then: not stated: {step.earlier.refusal}" in result.output


def test_a_year_without_figures_gives_a_flagged_placeholder(tmp_path, demo_db, compared) -> None:
    """The demo data begin in 2014: 2011-2013 has no figure for 2013 to compare 2014 with."""
    data = yaml.safe_load((EXAMPLES / "vraag-639.yaml").read_text(encoding="utf-8"))
    data.update(number=301, date="2014-03-03")
    (tmp_path / "vraag-301.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    one = data["subquestions"][:1]
    path = question_file(tmp_path, date="2015-03-02", earlier="vraag-301.yaml", subquestions=one)
    answer = answer_to(path, demo_db, compared)
    text = changes(answer)
    assert (
        "[TE VERVOLLEDIGEN: verandering sinds het antwoord op vraag nr. 301 (geen cijfer voor "
        "2013 in contacts)]" in text
    )
    assert "bedroeg het aantal contacten" not in text
    assert any(
        "change since question 301 not stated: no figure for 2013 in contacts" in f[2]
        for f in answer.flags
    )
    # What a person writes for it replaces the placeholder, and the check passes.
    one[0]["texts"] = {"verandering": "Voor 2013 zijn er geen vergelijkbare cijfers."}
    path = question_file(tmp_path, date="2015-03-02", earlier="vraag-301.yaml", subquestions=one)
    answer = answer_to(path, demo_db, compared)
    assert "Voor 2013 zijn er geen vergelijkbare cijfers." in changes(answer)
    assert answer.flags == ()
    # An empty text says nothing about a change, on purpose.
    one[0]["texts"] = {"verandering": ""}
    path = question_file(tmp_path, date="2015-03-02", earlier="vraag-301.yaml", subquestions=one)
    answer = answer_to(path, demo_db, compared)
    assert "TE VERVOLLEDIGEN" not in changes(answer) and "bedroeg" not in changes(answer)
    assert answer.flags == ()


def test_without_a_file_the_answer_names_the_question_only(tmp_path, demo_db, compared):
    path = question_file(tmp_path, earlier={"number": 639, "date": "2017-06-08"})
    answer = answer_to(path, demo_db, compared)
    assert plain(section_text(answer, 1)).startswith(
        "Ik verwijs ook naar het antwoord op vraag nr. 639 van 8 juni 2017. Tussen"
    )
    assert "bedroeg" not in changes(answer)
    mine = question_file(
        tmp_path,
        earlier=[
            {"number": 512, "date": "2016-05-02"},
            {"number": 639, "date": "2017-06-08", "minister": "Philippe Muyters"},
        ],
    )
    text = plain(section_text(answer_to(mine, demo_db, compared), 1))
    assert text.startswith(
        "Ik verwijs ook naar mijn antwoord op vraag nr. 639 van 8 juni 2017. Eerder kwam deze "
        "vraag ook aan bod in vraag nr. 512 van 2 mei 2016. Tussen"
    )


@pytest.mark.parametrize(
    ("earlier", "message"),
    [
        ({"number": 639}, "field 'earlier' lacks 'date'; give the earlier question as"),
        ({"number": "639", "date": "2017-06-08"}, "field 'earlier.number' must be the earlier"),
        ({"number": 639, "date": "8 juni 2017"}, "'8 juni 2017' is not a date as yyyy-mm-dd"),
        ({"number": 639, "date": "2019-01-01"}, "2019-01-01 is not before this question's date"),
        ({"nummer": 639}, "field 'earlier.nummer' is not a known key; did you mean 'number'?"),
        ([42], "field 'earlier[1]' must be a mapping"),
        ({"file": "vraag-638.yaml"}, "which does not exist; give the path of the earlier"),
        (
            {"number": 640, "file": str(EXAMPLES / "vraag-639.yaml")},
            "field 'earlier.number' is 640, but vraag-639.yaml holds question 639",
        ),
        (
            {"date": "2017-06-09", "file": str(EXAMPLES / "vraag-639.yaml")},
            "is 2017-06-09, but vraag-639.yaml was asked on 2017-06-08",
        ),
    ],
)
def test_a_wrong_earlier_is_a_one_line_error(tmp_path, earlier, message) -> None:
    path = question_file(tmp_path, earlier=earlier)
    result = CliRunner().invoke(cli, ["plan", str(path)])
    assert result.exit_code == 1
    assert message in result.output
    assert str(path) in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_wrong_compare_in_a_template_is_an_error(tmp_path) -> None:
    text = with_compare("contacten-per-onderwerp", None)
    for line, message in [
        ("compare: {figures: contacts}", "'compare:' needs figures, column and what"),
        ("compare: {figures: before, column: contacts, what: x}", "not one of its figure sets"),
        ("compare: {figures: contacts, column: contacts, what: x, per: y}", "unknown key 'per'"),
    ]:
        path = tmp_path / "contacten-per-onderwerp.md.j2"
        path.write_text(text.replace("{#-\n", "{#-\n" + line + "\n", 1), encoding="utf-8")
        with pytest.raises(TemplateError, match=re.escape(message)):
            read_template(path)


def test_a_batch_row_with_previous_refers_to_it(tmp_path, demo_db, compared) -> None:
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(
        yaml.safe_dump(
            {"questions": [
                {"previous": str(EXAMPLES / "vraag-639.yaml"), "number": 702,
                 "date": "2018-05-14"},
                # a later question used as the model is not referred to
                {"previous": str(EXAMPLES / "vraag-639.yaml"), "number": 600,
                 "date": "2017-03-01"},
            ]}
        ),
        encoding="utf-8",
    )  # fmt: skip
    read = read_manifest(manifest)
    assert read.items[0].question is not None and read.items[1].question is not None
    assert [e.number for e in read.items[0].question.earlier] == [639]
    assert read.items[0].question.answer is None  # 639's published answer is not 702's
    assert read.items[1].question.earlier == ()
    workspace = Workspace.from_options(compared)
    source = DatabaseSource(str(demo_db), workspace.query_dirs)
    out = tmp_path / "out"
    outcomes = run_batch(read, workspace, source, BatchOptions(out, jobs=2))
    source.close()
    assert [o.status for o in outcomes] == ["drafted", "drafted"]
    paragraphs = [p.text for p in docx.Document(str(out / "antwoord-702.docx")).paragraphs]
    body = "\n".join(paragraphs)
    assert (
        "1.\tIn mijn antwoord op vraag nr. 639 van 8 juni 2017 gaf ik de cijfers voor "
        "2014-2016. Tussen 1 januari 2015" in body
    )
    now, then = contacts_in(demo_db, 2017), contacts_in(demo_db, 2016)
    assert f"In 2017 bedroeg het aantal contacten {number(now)}." in body
    assert f"het laatste jaar in dat antwoord ({number(then)})." in body
    other = "\n".join(p.text for p in docx.Document(str(out / "antwoord-600.docx")).paragraphs)
    assert "vraag nr. 639" not in other


def test_the_documented_compare_and_example_are_valid(tmp_path, monkeypatch) -> None:
    text = (REPO / "templates" / "README.md").read_text(encoding="utf-8")
    front = text.split("```jinja\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "gedocumenteerd.md.j2"
    path.write_text(front + "\ntekst\n", encoding="utf-8")
    spec = read_template(path).compare
    assert spec is not None and (spec.figures, spec.column) == ("contacts", "contacts")
    monkeypatch.chdir(tmp_path)  # the earlier file is found beside the question, from anywhere
    question = load_question(EXAMPLES / "vraag-702.yaml")
    assert [(e.number, str(e.date)) for e in question.earlier] == [(639, "2017-06-08")]
    assert question.earlier[0].question is not None
    assert question.earlier[0].minister == question.minister


def test_one_year_each_and_another_minister(tmp_path, demo_db, compared) -> None:
    """A question about 2017 that repeats one about 2016, answered then by another minister."""
    data = yaml.safe_load((EXAMPLES / "vraag-639.yaml").read_text(encoding="utf-8"))
    asked = "Hoeveel informatieaanvragen kwamen er in {year} binnen via het gratis 1700-nummer, "
    asked += "opgesplitst per onderwerp?"
    data.update(number=90, date="2017-02-01", minister="HILDE CREVITS")
    data["subquestions"] = [{"number": 1, "text": asked.format(year=2016)}]
    (tmp_path / "vraag-90.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    path = question_file(
        tmp_path,
        earlier="vraag-90.yaml",
        subquestions=[{"number": 1, "text": asked.format(year=2017)}],
    )
    text = plain(section_text(answer_to(path, demo_db, compared), 1))
    now, then = contacts_in(demo_db, 2017), contacts_in(demo_db, 2016)
    assert text.startswith(
        "In het antwoord op vraag nr. 90 van 1 februari 2017 werden de cijfers voor 2016 gegeven."
    )
    more = "meer" if now > then else "minder"
    change = percent(abs(now - then) / then * 100, 1)
    assert (
        f"In 2017 bedroeg het aantal contacten {number(now)}. Dat is {change} {more} dan in 2016, "
        f"het jaar van dat antwoord ({number(then)})."
    ) in text


def test_the_earlier_figures_are_requested_like_any_other(tmp_path, compared, bare) -> None:
    """A department's workbook, `pqgen figures` and a batch's bulk pull include the figure set to
    compare with, for the earlier question's period; it may stay empty."""
    question = load_question(question_file(tmp_path))
    requests = requests_for(question, Workspace.from_options(compared))
    earlier = [(r.query.name, r.period.label, r.optional) for r in requests]
    assert ("contacts_per_topic", "2014-2016", True) in earlier
    assert ("satisfaction_per_year", "2014-2016", True) in earlier
    plain_requests = requests_for(question, Workspace.from_options(bare))
    assert all(r.period.label != "2014-2016" for r in plain_requests)


def test_two_questions_that_name_each_other_are_an_error_not_a_loop(tmp_path) -> None:
    first = question_file(tmp_path, "a.yaml", earlier="b.yaml")
    question_file(tmp_path, "b.yaml", number=640, date="2019-01-07", earlier="a.yaml")
    result = CliRunner().invoke(cli, ["plan", str(first)])
    assert result.exit_code == 1
    assert "holds question 640 of 2019-01-07, not before this question's date 2018-05-14" in (
        result.output
    )


def test_the_earlier_figure_must_still_be_what_its_draft_said(tmp_path, demo_db, compared):
    """With the provenance.json of 639's draft, a figure for 2016 that changed in the database
    since that draft gives a flagged placeholder, not a sentence that contradicts it."""
    drafted = tmp_path / "antwoord-639.docx"
    result = CliRunner().invoke(
        cli,
        ["draft", str(EXAMPLES / "vraag-639.yaml"), "--templates", str(compared),
         "--db", str(demo_db), "-o", str(drafted)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    provenance = tmp_path / "antwoord-639.provenance.json"
    earlier = {"file": str(EXAMPLES / "vraag-639.yaml"), "provenance": provenance.name}
    path = question_file(tmp_path, earlier=earlier)
    now, then = contacts_in(demo_db, 2017), contacts_in(demo_db, 2016)
    answer = answer_to(path, demo_db, compared)
    assert f"het laatste jaar in dat antwoord ({number(then)})." in changes(answer)
    assert answer.flags == ()
    plan = CliRunner().invoke(cli, ["plan", str(path), "--templates", str(compared)])
    assert "checked against: antwoord-639.provenance.json" in plan.output
    # The database changed since: one topic had one contact more in 2016 in that draft.
    document = json.loads(provenance.read_text(encoding="utf-8"))
    rows = document["figure_sets"]["1/contacts"]["data"]
    next(r for r in rows if r["year"] == 2016)["contacts"] += 1
    provenance.write_text(json.dumps(document), encoding="utf-8")
    answer = answer_to(path, demo_db, compared)
    text = changes(answer)
    assert "bedroeg het aantal contacten" not in text
    assert (
        f"(contacts voor 2016 was {number(then + 1)} in het ontwerp van vraag nr. 639 en is nu "
        f"{number(then)})]" in text
    )
    assert any(
        f"contacts for 2016 was {number(then + 1)} in the draft of question 639 and is "
        f"{number(then)} now" in f[2]
        for f in answer.flags
    )
    assert now != then  # the change itself would have been stated otherwise


def test_a_provenance_of_another_question_is_an_error(tmp_path) -> None:
    other = tmp_path / "antwoord-640.provenance.json"
    other.write_text(json.dumps({"question": {"number": 640}, "figure_sets": {}}), "utf-8")
    for provenance, message in [
        (other.name, "antwoord-640.provenance.json is the draft of question 640, not of "
         "question 639"),
        ("geen.provenance.json", "which does not exist; give the NAME.provenance.json"),
    ]:  # fmt: skip
        earlier = {"file": str(EXAMPLES / "vraag-639.yaml"), "provenance": provenance}
        result = CliRunner().invoke(cli, ["plan", str(question_file(tmp_path, earlier=earlier))])
        assert result.exit_code == 1
        assert "field 'earlier.provenance'" in result.output and message in result.output


# The line each built-in template needs to state the change (as the lead adds it), with a
# question it answers and the figure for a year, counted here in SQL of its own.
DEPARTMENTS = (
    "'Departement Werk en Sociale Economie', 'Departement Onderwijs en Vorming', "
    "'Agentschap Wonen-Vlaanderen', 'Vlaamse Belastingdienst', 'Departement Omgeving', "
    "'Departement Mobiliteit en Openbare Werken'"
)
HOOKS = {
    "contacten-per-kanaal": (
        "compare: {figures: contacts, column: contacts, what: het aantal contacten}",
        "Hoeveel contacten kwamen er de laatste 2 jaar binnen via het nummer 1700, per kanaal?",
        f"SELECT count(*) FROM contacts WHERE line = '1700' AND department IN ({DEPARTMENTS}) "
        "AND year(contacted_at) = ?",
        "count",
    ),
    "digitale-kanalen": (
        "compare: {figures: digital, column: digital_pct, "
        "what: het aandeel van de digitale kanalen, decimals: 1}",
        "Hoe groot was het aandeel van de digitale kanalen in de contacten via het nummer 1700 "
        "de laatste 2 jaar?",
        "SELECT avg(CASE WHEN channel IN ('e-mail', 'chat', 'webformulier', 'sociale media') "
        f"THEN 100.0 ELSE 0 END) FROM contacts WHERE line = '1700' AND department IN "
        f"({DEPARTMENTS}) AND year(contacted_at) = ?",
        "percent",
    ),
    "wachttijden": (
        "compare: {figures: waiting, column: avg_wait_seconds, what: de gemiddelde wachttijd, "
        "unit: seconden, decimals: 0}",
        "Hoe lang wachtten de bellers van het nummer 1700 de laatste 2 jaar gemiddeld?",
        "SELECT avg(waiting_seconds) FROM contacts WHERE line = '1700' AND channel = 'telefoon' "
        "AND waiting_seconds IS NOT NULL AND year(contacted_at) = ?",
        "number",
    ),
}


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_the_hook_line_of_each_built_in_template(tmp_path, demo_db, name) -> None:
    line, asked, sql, kind = HOOKS[name]
    folder = template_folder(tmp_path / "sjablonen", {name: line})
    data: dict[str, Any] = {
        "number": 120, "date": "2023-03-01", "author": "AN LID", "minister": "JAN JAMBON",
        "minister_title": "VLAAMS MINISTER-PRESIDENT", "title": "Vlaamse Infolijn 1700",
        "subquestions": [{"number": 1, "text": asked, "template": name}],
    }  # fmt: skip
    (tmp_path / "vraag-120.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    data.update(number=133, date="2024-03-01", earlier="vraag-120.yaml")
    path = tmp_path / "vraag-133.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    answer = answer_to(path, demo_db, folder)
    with duckdb.connect(str(demo_db), read_only=True) as db:
        now, then = (float(db.execute(sql, [year]).fetchall()[0][0]) for year in (2023, 2022))
    said = plain(section_text(answer, 1))
    more = "meer" if now > then else "minder"
    if kind == "percent":  # in points between the percentages as shown
        shown = [float(percent(v, 1).rstrip("%").replace(",", ".")) for v in (now, then)]
        value, change = percent(now, 1), f"{number(abs(shown[0] - shown[1]), 1)} procentpunt"
    elif kind == "number":
        value, change = f"{number(now, 0)} seconden", percent(abs(now - then) / then * 100, 1)
    else:
        value, change = number(int(now)), percent(abs(now - then) / then * 100, 1)
    assert f"In 2023 bedroeg {line.split('what: ')[1].split(',')[0].rstrip('}')} {value}. " in said
    assert f"Dat is {change} {more} dan in 2022, het laatste jaar in dat antwoord (" in said
    before = {"percent": percent(then, 1), "number": f"{number(then, 0)} seconden"}
    assert said.endswith(f"({before.get(kind, number(int(then)))}).")
    assert said.startswith(
        "In mijn antwoord op vraag nr. 120 van 1 maart 2023 gaf ik de cijfers voor 2021-2022."
    )
    print(said)
    assert answer.flags == ()


def test_manifest_rows_name_earlier_questions_or_say_what_is_wrong(tmp_path) -> None:
    (tmp_path / "vragen").mkdir()
    shutil.copy(EXAMPLES / "vraag-639.yaml", tmp_path / "vragen" / "vraag-639.yaml")
    manifest = tmp_path / "vragen" / "manifest.csv"
    manifest.write_text(
        "file,earlier,number,date\n"
        f"{EXAMPLES / 'vraag-639.yaml'},,,\n"  # no earlier question
        "vraag-639.yaml,,702,2018-05-14\n"
        f"{EXAMPLES / 'vraag-639.yaml'},vraag-639.yaml,703,2018-05-15\n"  # beside the manifest
        f"{EXAMPLES / 'vraag-639.yaml'},vraag-640.yaml,704,2018-05-16\n",
        encoding="utf-8",
    )
    items = read_manifest(manifest).items
    assert [i.error is None for i in items] == [True, True, True, False]
    assert [len(i.question.earlier) for i in items[:3] if i.question] == [0, 0, 1]
    assert items[2].question is not None
    assert items[2].question.earlier[0].file == tmp_path / "vragen" / "vraag-639.yaml"
    assert items[3].error is not None
    assert "row 4: field 'earlier.file' names" in items[3].error
    assert "vraag-640.yaml, which does not exist" in items[3].error
