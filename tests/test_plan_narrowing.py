"""Narrowings a template cannot apply, and periods only the part's own words may set.

Found by a new user's trial: a template that counts every channel, place, group or condition
answered "telefonische oproepen", "uit de provincie Limburg", "van werkgevers" and "niet binnen
de 24 uur" with the total of everything; a sub-question asking about "vandaag" took another
sub-question's period; "ontevreden" was answered with the share of satisfied callers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.compose.matching import measure_words
from pqgen.planning.period import unclear_phrases
from tests.conftest import EXAMPLES
from tests.plan_corpus import corpus_plan

TEXT_639 = (EXAMPLES / "vraag-639.txt").read_text(encoding="utf-8")
FIRST = (
    "1. Hoeveel informatieaanvragen kwamen er de laatste 3 jaar binnen via het gratis "
    "1700-nummer,\nopgesplitst per onderwerp?"
)
# A narrowing no template applies: refused by the template's check, or as words the reading of
# the part does not understand (the data makes no such distinction).
REFUSED = ("not narrowed", "not understood", "filter not applied", "exclusion not applied")
SECOND = "2. Hoeveel personeelsleden behandelen de vragen die via het gratis nummer binnenkomen?"


def plan_with(tmp_path: Path, old: str, new: str) -> list[dict]:
    assert old in TEXT_639
    path = tmp_path / "vraag.txt"
    path.write_text(TEXT_639.replace(old, new), encoding="utf-8")
    return corpus_plan(path)


@pytest.mark.parametrize(
    "asked",
    [
        "Hoeveel telefonische oproepen kwamen er",
        "Hoeveel informatieaanvragen uit de provincie Limburg kwamen er",
        "Hoeveel informatieaanvragen van werkgevers kwamen er",
        "Hoeveel informatieaanvragen die niet binnen de 24 uur beantwoord werden, kwamen er",
    ],
)
def test_a_narrowing_the_template_cannot_apply_is_a_flagged_placeholder(
    tmp_path: Path, asked: str
) -> None:
    new = FIRST.replace("Hoeveel informatieaanvragen kwamen er", asked)
    first = plan_with(tmp_path, FIRST, new)[0]
    assert (first["answer"], first.get("flag")) == ("placeholder", True)
    assert first["why"] in REFUSED


def test_the_published_question_is_not_narrowed(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, FIRST, FIRST)
    assert [p["answer"] for p in plan[:2]] == ["contacten-per-onderwerp", "personeel"]


def test_one_channel_asked_of_a_template_without_channels_is_a_placeholder(tmp_path: Path) -> None:
    new = FIRST.replace("Hoeveel informatieaanvragen kwamen er", "Hoeveel e-mails kwamen er")
    assert plan_with(tmp_path, FIRST, new)[0]["answer"] == "placeholder"


def test_dissatisfaction_is_not_answered_with_the_satisfied_share(tmp_path: Path) -> None:
    new = "1. Hoeveel procent van de bellers van het gratis 1700-nummer was in 2016 ontevreden?"
    first = plan_with(tmp_path, FIRST, new)[0]
    assert first["answer"] == "placeholder"


def test_today_is_the_day_asked_not_another_sub_questions_period(tmp_path: Path) -> None:
    new = SECOND.replace("behandelen de vragen", "behandelen vandaag de vragen")
    second = plan_with(tmp_path, SECOND, new)[1]
    assert second["period"] == "2017-06-08/2017-06-08"
    assert second["answer"] == "placeholder"  # the staffing template counts whole months


def test_the_same_period_of_another_year_is_a_flagged_unclear_period(tmp_path: Path) -> None:
    new = (
        "2. Tussen hoeveel personeelsleden schommelde het aantal in dezelfde periode van 2013 "
        "(minimum en maximum)?"
    )
    assert unclear_phrases(new) == ["in dezelfde periode"]
    second = plan_with(tmp_path, SECOND, new)[1]
    assert (second["answer"], second["why"], second.get("flag")) == (
        "placeholder",
        "unclear period",
        True,
    )


def test_a_misspelt_parameter_name_is_refused(tmp_path: Path) -> None:
    text = (EXAMPLES / "vraag-639.yaml").read_text(encoding="utf-8")
    assert "excluded_topics:" in text
    path = tmp_path / "vraag.yaml"
    path.write_text(text.replace("excluded_topics:", "excluded_topic:"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", str(path)])
    assert result.exit_code == 1
    assert "parameters: excluded_topic" in result.output
    assert "did you mean 'excluded_topics'?" in result.output


def test_a_measure_not_given_is_said_in_dutch_in_the_document() -> None:
    assert measure_words(["over_period", "range"], dutch=True) == (
        "over een periode, een minimum en maximum"
    )
    assert "over period" in measure_words(["over_period"])  # the terminal stays English


def test_one_topic_of_a_per_topic_table_is_a_flagged_placeholder(tmp_path: Path) -> None:
    # Per topic, about one topic: neither the table (about every topic) nor the one-topic
    # template (no split per topic) gives what was asked.
    new = FIRST.replace(
        "Hoeveel informatieaanvragen kwamen er",
        "Hoeveel informatieaanvragen over dienstencheques kwamen er",
    )
    first = plan_with(tmp_path, FIRST, new)[0]
    assert first["answer"] == "placeholder" and first.get("flag")
    assert first["why"] in ("not narrowed", "not split")


def test_one_topic_is_answered_by_the_one_topic_template(tmp_path: Path) -> None:
    new = (
        "1. Hoeveel informatieaanvragen over dienstencheques kwamen er de laatste 3 jaar binnen "
        "via het gratis\n1700-nummer?"
    )
    first = plan_with(tmp_path, FIRST, new)[0]
    assert first["answer"] == "contacten-over-onderwerp"
    assert first["params"]["topic"] == "dienstencheques"


@pytest.mark.parametrize("split", ["per dag", "per week", "opgesplitst per departement"])
def test_a_breakdown_the_template_does_not_give_is_a_flagged_placeholder(
    tmp_path: Path, split: str
) -> None:
    new = FIRST.replace("opgesplitst per onderwerp?", f"opgesplitst per onderwerp en {split}?")
    first = plan_with(tmp_path, FIRST, new)[0]
    assert (first["answer"], first["why"], first.get("flag")) == ("placeholder", "not split", True)


def test_a_topic_the_data_does_not_know_is_a_flagged_placeholder(tmp_path: Path) -> None:
    new = (
        "1. Hoeveel informatieaanvragen over het groeipakket kwamen er de laatste 3 jaar binnen "
        "via het gratis\n1700-nummer?"
    )
    first = plan_with(tmp_path, FIRST, new)[0]
    assert (first["answer"], first["why"], first.get("flag")) == (
        "placeholder",
        "unknown value",
        True,
    )


def test_a_department_named_after_over_is_its_own_narrowing(tmp_path: Path) -> None:
    new = FIRST.replace(
        "Hoeveel informatieaanvragen kwamen er",
        "Hoeveel informatieaanvragen over het Departement Werk en Sociale Economie kwamen er",
    )
    assert plan_with(tmp_path, FIRST, new)[0]["answer"] == "contacten-per-onderwerp"


def test_a_period_not_begun_when_asked_is_flagged(tmp_path: Path) -> None:
    # Asked on 8 June 2017 about the school year that starts in September: no figures yet (it
    # used to become a period ending before it began, and a request sheet for it).
    new = "2. Hoeveel personeelsleden behandelen de vragen in het schooljaar 2017-2018?"
    second = plan_with(tmp_path, SECOND, new)[1]
    assert (second["answer"], second["why"], second.get("flag")) == (
        "placeholder",
        "future period",
        True,
    )
    assert second["period"] == "2017-09-01/2018-08-31"
    # The third sub-question ("het gratis nummer") refers to the first, not to the second's
    # period: it takes the first's, as in the published question.
    third = plan_with(tmp_path, SECOND, new)[2]
    assert third["period"] == "2014-01-01/2016-12-31" and "why" not in third


def plan_of(tmp_path: Path, text: str, asked_on: str = "2024-05-15") -> list[dict]:
    """The plan of a question about the 1700 line with one sub-question `text`."""
    path = tmp_path / "vraag.yaml"
    question = {
        "number": 1, "author": "A", "date": asked_on, "minister": "M", "minister_title": "T",
        "title": "Vlaamse Infolijn 1700", "subquestions": [{"number": 1, "text": text}],
    }  # fmt: skip
    path.write_text(yaml.safe_dump(question, allow_unicode=True), encoding="utf-8")
    return corpus_plan(path)


def test_a_sibling_parts_words_do_not_narrow_a_part(tmp_path: Path) -> None:
    first, second = plan_of(
        tmp_path,
        "Kan de minister voor 2023 meedelen: a) hoeveel oproepen er binnenkwamen op de 1700; b) "
        "hoeveel contacten er per maand binnenkwamen op de 1700?",
        "2024-03-05",
    )
    assert first["answer"] == "contacten-totaal" and first["params"]["channel"] == "telefoon"
    # b) asks for every contact: the "oproepen" of a) must not make them calls only.
    assert second["answer"] == "contacten-per-maand"
    assert second["params"]["channel"] == ["telefoon", "e-mail", "chat", "webformulier",
                                           "sociale media"]  # fmt: skip


@pytest.mark.parametrize(
    "asked",
    [
        "Hoeveel oproepen naar de 1700 werden in 2023 niet beantwoord?",
        "Hoeveel verloren oproepen telde de 1700 in 2023?",
        "Hoeveel oproepen kreeg de 1700 in 2023 tijdens het weekend?",
        "Hoeveel contacten kreeg de 1700 in 2023 op zaterdag?",
        "Hoeveel oproepen kwamen er in 2023 op de 1700 binnen tussen 8 en 9 uur?",
        "Hoeveel oproepen kwamen er in 2023 op de 1700 binnen buiten de kantooruren?",
        "Hoeveel oproepen kwamen er in 2023 op de 1700 binnen in het Frans?",
        "Hoeveel bellers van de 1700 moesten in 2023 langer dan vijf minuten wachten?",
        "Hoeveel oproepen op de 1700 werden in 2023 binnen de 20 seconden beantwoord?",
        "Hoeveel contacten kwamen er in 2023 binnen via de 1700, zonder de dienstencheques?",
        "Hoeveel contacten ontvingen alle lijnen behalve de 1700 in 2023?",
        "Hoeveel contacten ontving de 1700 in 2023, met uitzondering van de telefoon?",
        "Hoeveel contacten ontving de 1700 in 2023 buiten de maand augustus?",
    ],
)
def test_words_that_narrow_are_never_dropped(tmp_path: Path, asked: str) -> None:
    [step] = plan_of(tmp_path, asked)
    if "seconden" in asked:  # the template that gives it takes the norm as its parameter
        assert step["answer"] == "wachttijden" and step["params"]["threshold_seconds"] == "20"
    else:
        assert (step["answer"], step.get("flag")) == ("placeholder", True)
        assert step["why"] in REFUSED


@pytest.mark.parametrize(
    ("about", "topic"),
    [("het Vlaams zorgkrediet", "Vlaams zorgkrediet"), ("de Vlaamse opleidingscheques",
     "opleidingscheques"), ("het Rijbewijs", "rijbewijs")],
)  # fmt: skip
def test_a_topic_with_a_capital_or_an_adjective_is_still_a_topic(
    tmp_path: Path, about: str, topic: str
) -> None:
    [step] = plan_of(
        tmp_path, f"Hoeveel contacten over {about} kwamen er in 2023 binnen via de 1700?"
    )
    assert step["answer"] == "contacten-over-onderwerp" and step["params"]["topic"] == topic


def test_a_sibling_asks_department_does_not_narrow_the_first_ask(tmp_path: Path) -> None:
    first = plan_of(
        tmp_path,
        "Hoeveel contacten ontving de 1700 in 2023 en hoeveel daarvan gingen over de "
        "dienstverlening van het Departement Onderwijs en Vorming?",
    )[0]
    assert first["answer"] == "contacten-totaal"
    assert isinstance(first["params"]["department"], list)  # every department, not the sibling's


def test_a_template_the_yaml_names_is_still_held_to_the_narrowings(tmp_path: Path) -> None:
    path = tmp_path / "vraag.yaml"
    question = {
        "number": 1, "author": "A", "date": "2024-05-15", "minister": "M", "minister_title": "T",
        "title": "Vlaamse Infolijn 1700",
        "subquestions": [{"number": 1, "template": "contacten-totaal",
                          "text": "Hoeveel oproepen kreeg de 1700 in 2023 tijdens het weekend?"}],
    }  # fmt: skip
    path.write_text(yaml.safe_dump(question, allow_unicode=True), encoding="utf-8")
    [step] = corpus_plan(path)
    assert (step["answer"], step["why"], step.get("flag")) == ("placeholder", "not narrowed", True)
