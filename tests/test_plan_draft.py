"""Drafting by parts: what the answer says for each class of the corpus, with the demo figures."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.compose.answer import Answer
from pqgen.compose.checks import check_answer
from pqgen.compose.fill import compose
from pqgen.compose.settings import DraftSettings
from pqgen.figures.model import FigureSet
from pqgen.figures.sources import DatabaseSource
from pqgen.question.load import load_question
from pqgen.question.model import Question
from pqgen.workspace import Workspace
from tests.conftest import REPO
from tests.plan_corpus import CORPUS


def draft_of(name: str, source: Any, workspace: Workspace) -> Answer:
    return compose(load_question(CORPUS / f"{name}.txt"), source, workspace)


def text(answer: Answer, number: int) -> str:
    section = answer.sections[number - 1]
    return "\n".join(run.text for run in section.runs())


def yaml_question(tmp_path: Path, name: str, **changes: Any) -> Path:
    data = load_question(CORPUS / f"{name}.txt").to_dict()
    data.update(changes)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_sub_points_are_answered_in_turn_with_their_labels(source, workspace) -> None:
    answer = draft_of("05-deelpunten-per-kanaal", source, workspace)
    first = answer.sections[0]
    paragraphs = [b.text for b in first.blocks if hasattr(b, "text")]
    labelled = [p[:3] for p in paragraphs if p[:3] in ("a) ", "b) ", "c) ")]
    assert labelled == ["a) ", "b) ", "c) "]
    b = next(p for p in paragraphs if p.startswith("b) "))
    # "hoeveel van die contacten via chat": the chats alone (contacten-totaal, channel chat)
    assert b.startswith("b) In 2024 kwamen er via het nummer 1700 ") and "chatgesprekken" in b
    c = next(p for p in paragraphs if p.startswith("c) "))
    assert "In 2024 was" in c and "van het nummer 1700 tevreden" in c
    assert set(first.figures) == {
        "a/contacts", "a/before", "b/contacts", "c/satisfaction",
    }  # fmt: skip


def test_a_question_on_another_subject_gets_no_contact_centre_figure(source, workspace) -> None:
    answer = draft_of("01-innovatiesubsidies-evalueert", source, workspace)
    assert answer.figure_sets() == {}
    whole = "\n".join(text(answer, n) for n in (1, 2, 3))
    assert "1700" not in whole and "tevreden" not in whole
    assert len(answer.placeholders()) == 3
    assert "standpunt van de minister ('Hoe evalueert')" in text(answer, 1)


def test_a_policy_ask_gets_no_figures(source, workspace) -> None:
    answer = draft_of("07-wachttijden-meer-personeel", source, workspace)
    assert answer.figure_sets() == {}
    assert "standpunt van de minister ('Zal de minister')" in text(answer, 1)


def test_the_woonlijn_gets_its_own_contacts_and_satisfaction(source, workspace) -> None:
    answer = draft_of("06-woonlijn", source, workspace)
    assert "van de Woonlijn tevreden" in text(answer, 2)
    assert "dienstencheques" not in text(answer, 1) + text(answer, 2)
    contacts = answer.sections[0].figures["contacts"]
    assert contacts.provenance.parameters["line"] == "Woonlijn"
    satisfaction = answer.sections[1].figures["satisfaction"]
    assert satisfaction.provenance.parameters["line"] == "Woonlijn"


def test_staff_of_one_sectoral_line_is_not_the_whole_centre(source, workspace) -> None:
    answer = draft_of("35-woonlijn-personeel", source, workspace)
    assert "kunnen niet beperkt worden tot 'Woonlijn'" in text(answer, 1)
    assert answer.sections[0].figures == {}


def test_a_missing_parameter_gives_a_placeholder_and_a_failed_check(source, workspace) -> None:
    answer = draft_of("13-ontbrekend-departement", source, workspace)
    assert "het departement ontbreekt" in text(answer, 1)
    assert "parameters: department" in text(answer, 1)
    assert "van het nummer 1700 tevreden" in text(answer, 2)
    failures = check_answer(answer, DraftSettings())
    assert [(f.subquestion, f.check) for f in failures] == [(1, "coverage")]
    assert "department missing" in failures[0].message


def test_an_unknown_department_names_the_nearest(source, workspace) -> None:
    answer = draft_of("12-onbekend-departement", source, workspace)
    assert "'Departement Werk en Economie' komt niet voor in de gegevens" in text(answer, 1)
    assert "'Departement Werk en Sociale Economie'" in text(answer, 1)
    assert check_answer(answer, DraftSettings())[0].check == "coverage"


def test_an_unfinished_period_ends_at_the_last_complete_month_and_says_so(
    source, workspace
) -> None:
    answer = draft_of("10-dit-jaar", source, workspace)
    assert text(answer, 1).startswith("Tussen 1 januari 2025 en 30 april 2025 hebben")


def test_a_quarter_is_not_widened_to_a_year(source, workspace) -> None:
    answer = draft_of("08-contacten-kwartaal", source, workspace)
    assert answer.figure_sets() == {}
    assert "in het eerste kwartaal van 2024" in text(answer, 1)


def test_figures_that_are_all_empty_are_flagged_not_written(tmp_path, source, workspace) -> None:
    path = yaml_question(tmp_path, "29-contacten-1700-nummer", date="2014-05-14")
    question = load_question(path)
    asked = question.subquestions[0]
    subs = (dataclasses.replace(asked, text=asked.text.replace("2024", "2012")),)
    answer = compose(dataclasses.replace(question, subquestions=subs), source, workspace)
    expected = "controleer de cijfers: contacts_per_topic.sql gaf in 2012 geen cijfers"
    assert expected in text(answer, 1)
    assert [f.check for f in check_answer(answer, DraftSettings())] == ["figures"]


class ShiftedYears:
    """Figures as a careless workbook gives them: the rows of the year before the one asked."""

    def __init__(self, source: DatabaseSource) -> None:
        self.source = source

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet:
        figure_set = self.source.fetch(name, params)
        frame = figure_set.frame.copy()
        if "year" in frame:
            frame["year"] = frame["year"] - 1
        return dataclasses.replace(figure_set, frame=frame)


def test_rows_outside_the_period_are_flagged(source, workspace) -> None:
    answer = draft_of("29-contacten-1700-nummer", ShiftedYears(source), workspace)
    assert "gaf rijen buiten de gevraagde periode (in 2024)" in text(answer, 1)
    assert [f.check for f in check_answer(answer, DraftSettings())] == ["figures"]


def test_template_none_and_part_texts_from_the_yaml(tmp_path, source, workspace) -> None:
    data = load_question(CORPUS / "05-deelpunten-per-kanaal.txt").to_dict()
    data["subquestions"][0]["parts"] = {
        "a": {"template": "none"},
        "b": {"template": "none", "text": "Via chat: 12%."},
    }
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answer = compose(load_question(path), source, workspace)
    paragraphs = [b.text for b in answer.sections[0].blocks if hasattr(b, "text")]
    assert paragraphs[0] == (
        "a) [TE VERVOLLEDIGEN: antwoord op deelvraag 1 a); "
        "geen sjabloon gevraagd (template: none in de YAML van de vraag)]"
    )
    assert paragraphs[1] == "b) Via chat: 12%."
    assert set(answer.sections[0].figures) == {"satisfaction"}


def test_template_named_in_the_yaml_is_used(tmp_path, source, workspace) -> None:
    path = yaml_question(tmp_path, "07-wachttijden-meer-personeel")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["subquestions"][0]["template"] = "personeel"
    data["parameters"] = {"department": "Departement Werk en Sociale Economie"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    answer = compose(load_question(path), source, workspace)
    assert answer.sections[0].template == "personeel"
    assert text(answer, 1).startswith("[TE VERVOLLEDIGEN: antwoord op deelvraag 1; standpunt")


def test_an_unknown_template_or_key_in_the_yaml_is_an_error(tmp_path, demo_db) -> None:
    path = yaml_question(tmp_path, "07-wachttijden-meer-personeel")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["subquestions"][0]["template"] = "personel"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["draft", str(path), "--db", str(demo_db), "-o", str(tmp_path / "a.docx")]
    )
    assert result.exit_code == 1
    assert "personel" in result.output
    assert "use one of: contacten-over-onderwerp, contacten-per-departement" in result.output
    del data["subquestions"][0]["template"]
    data["subquestions"][0]["templaat"] = "none"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", str(path)])
    assert result.exit_code == 1
    assert (
        "'subquestions[1].templaat' is not a known key; did you mean 'template'?" in result.output
    )
    assert not (tmp_path / "a.docx").exists()


def test_question_round_trips_its_overrides(tmp_path) -> None:
    data = load_question(CORPUS / "05-deelpunten-per-kanaal.txt").to_dict()
    data["subquestions"][0].update(template="none", parts={"b": {"text": "x"}})
    again = Question.from_dict(Question.from_dict(data).to_dict())
    assert again.subquestions[0].template == "none"
    assert again.subquestions[0].parts == {"b": {"text": "x"}}


def test_final_and_check_refuse_a_flagged_draft(tmp_path, demo_db) -> None:
    runner = CliRunner()
    question = str(CORPUS / "13-ontbrekend-departement.txt")
    out = tmp_path / "final.docx"
    result = runner.invoke(
        cli, ["draft", question, "--db", str(demo_db), "--final", "-o", str(out)]
    )
    assert result.exit_code == 1 and not out.exists()
    assert "coverage: 1: department missing" in result.output
    draft = tmp_path / "draft.docx"
    result = runner.invoke(cli, ["draft", question, "--db", str(demo_db), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    assert "  1. placeholder: department missing" in result.output
    assert "  2. template evaluatie-tevredenheid [2024]" in result.output
    assert "Checks failed: 1" in result.output
    result = runner.invoke(cli, ["check", str(draft)])
    assert "not ready to send" in result.output


def test_plan_shows_template_reasons_and_near_misses(tmp_path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["plan", str(CORPUS / "08-contacten-kwartaal.txt")])
    assert result.exit_code == 0, result.output
    assert "near miss: contacten-per-onderwerp: period: asks K1 2024" in result.output
    result = runner.invoke(cli, ["plan", str(CORPUS / "12-onbekend-departement.txt")])
    assert result.exit_code == 1
    assert "[FLAGGED]" in result.output
    result = runner.invoke(cli, ["plan", str(Path("examples/vraag-639.yaml").resolve())])
    department = "parameter department = 'Departement Werk en Sociale Economie'"
    assert f"{department} (named in the title or introduction)" in result.output
    assert "3.2. " in result.output and "answered with 3.1" in result.output


def test_without_builtin_templates_or_queries_nothing_is_answered_from_them(
    tmp_path, demo_db
) -> None:
    runner = CliRunner()
    question = str(Path("examples/vraag-639.yaml").resolve())
    result = runner.invoke(cli, ["plan", question, "--no-builtin-templates"])
    assert result.exit_code == 0, result.output
    assert "-> template" not in result.output
    assert result.output.count("-> placeholder: no template fits") == 2
    assert result.output.count("-> placeholder: policy ask") == 2
    own = tmp_path / "queries"
    own.mkdir()
    out = tmp_path / "a.docx"
    result = runner.invoke(
        cli,
        [
            "draft",
            question,
            "--db",
            str(demo_db),
            "--queries",
            str(own),
            "--no-builtin-queries",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "placeholder: query contacts_per_topic" in result.output
    assert "Checks failed: 3" in result.output


@pytest.mark.parametrize("name", ["02-luierrecyclage-2000-ton"])
def test_2000_ton_is_no_year(name: str) -> None:
    question = load_question(CORPUS / f"{name}.txt")
    assert "2000 ton" in question.intro
    from pqgen.compose import templating
    from pqgen.compose.plan import plan

    steps = plan(question, templating.templates(Workspace.from_options()))
    assert steps[0].period is not None and steps[0].period.years == [2023]
    assert all(s.period is None or 2000 not in s.period.years for s in steps)


def test_a_batch_row_says_what_is_missing_and_unknown_keys_fail_their_row(
    tmp_path, demo_db
) -> None:
    manifest = tmp_path / "manifest.yaml"
    rows = [
        {"file": str(CORPUS / "13-ontbrekend-departement.txt")},
        {"file": str(CORPUS / "06-woonlijn.txt"), "parameter": {"line": "Woonlijn"}},
    ]
    manifest.write_text(yaml.safe_dump({"questions": rows}), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["batch", str(manifest), "--out", str(out), "--db", str(demo_db), "--jobs", "1"]
    )
    summary = (out / "batch-summary.csv").read_text(encoding="utf-8")
    assert "1. coverage: 1: department missing" in summary, result.output
    assert "'parameter' is not a known key; did you mean 'parameters'?" in summary
    manifest.write_text(yaml.safe_dump({"question": rows}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(manifest), "--out", str(out)])
    assert result.exit_code == 1
    assert "no list 'questions:'" in result.output
    manifest.write_text(yaml.safe_dump({"questions": rows, "minister": {}}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(manifest), "--out", str(out)])
    assert "'minister' is not a known key; did you mean 'ministers'?" in result.output


def test_a_count_that_is_zero_throughout_is_flagged(tmp_path, source, workspace) -> None:
    # Nobody at work on the day asked: "0 van de 0 voorlichters" is no answer.
    asked = load_question(CORPUS / "32-opgeleid-op-datum.txt").to_dict()["subquestions"]
    # The day asked comes from the parameters here, not from "op dit ogenblik" in the text.
    asked[0]["text"] = asked[0]["text"].replace(" op dit ogenblik", "")
    path = yaml_question(
        tmp_path,
        "32-opgeleid-op-datum",
        subquestions=asked,
        parameters={"reference_date": "1990-01-01"},
    )
    answer = compose(load_question(path), source, workspace)
    assert "controleer de cijfers: trained_agents.sql gaf" in text(answer, 1)
    failures = check_answer(answer, DraftSettings())
    assert [f.check for f in failures] == ["figures"]
    assert "'trained' (trained_agents) is zero" in failures[0].message


class ShiftedDates(ShiftedYears):
    """Dates a month before the period asked (years left as they are)."""

    def fetch(self, name: str, params: dict[str, Any]) -> FigureSet:
        figure_set = self.source.fetch(name, params)
        frame = figure_set.frame.copy()
        if "first_contact" in frame:
            frame["first_contact"] = frame["first_contact"].map(
                lambda d: d.replace(year=d.year - 1, month=12, day=1)
            )
        return dataclasses.replace(figure_set, frame=frame)


def test_dates_outside_the_period_are_flagged(source, workspace) -> None:
    answer = draft_of("29-contacten-1700-nummer", ShiftedDates(source), workspace)
    assert "gaf rijen buiten de gevraagde periode (in 2024)" in text(answer, 1)


def test_a_template_that_names_only_the_year_gets_the_days_of_an_unfinished_one(
    source, workspace
) -> None:
    answer = draft_of("34-tevredenheid-dit-jaar", source, workspace)
    assert text(answer, 1).endswith(
        "Deze cijfers gelden van 1 januari 2025 tot en met 30 april 2025, de laatste volledige "
        "maand voor de vraag."
    )
    assert "Deze cijfers gelden" not in text(draft_of("10-dit-jaar", source, workspace), 1)


def test_the_published_639_keeps_its_evaluation_with_the_satisfaction_figures(
    published_639: str, workspace
) -> None:
    from pqgen.compose import templating
    from pqgen.compose.plan import one_line, plan
    from pqgen.question.parse import parse_question

    steps = plan(parse_question(published_639), templating.templates(workspace))
    assert [(s.label, one_line(s)) for s in steps] == [
        ("1", "template contacten-per-onderwerp [2014-2016]"),
        ("2", "template personeel [2014-2016]"),
        ("3.1", "template evaluatie-tevredenheid [2014-2016] + placeholder for the minister's "
         "words ('Hoe evalueert')"),
        ("3.2", "answered with 3.1"),
    ]  # fmt: skip


def test_months_counted_are_no_small_count_of_people(tmp_path: Path, source, workspace) -> None:
    text_639 = (REPO / "examples" / "vraag-639.txt").read_text(encoding="utf-8")
    quarter = text_639.replace(
        "Hoeveel personeelsleden behandelen de vragen die via het gratis nummer binnenkomen?",
        "Hoeveel personeelsleden behandelden de vragen van het gratis nummer in het eerste "
        "kwartaal van 2016 (minimum en maximum)?",
    )
    path = tmp_path / "kwartaal.txt"
    path.write_text(quarter, encoding="utf-8")
    answer = compose(load_question(path), source, workspace)
    staffing = answer.sections[1].figures["staffing"]
    assert staffing.frame["months"].tolist() == [3]
    assert not [f for f in check_answer(answer, DraftSettings()) if f.check == "small count"]
