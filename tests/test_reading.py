"""Reading a part word by word: the reader, its vocabulary, and what `pqgen plan` shows of it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.compose import templating
from pqgen.compose.plan import describe_ask, route_vocabulary
from pqgen.errors import InputFileError
from pqgen.figures.demo import facts
from pqgen.planning import model
from pqgen.planning.reading import read_part
from pqgen.planning.vocabulary import read_vocabulary_file
from pqgen.workspace import Workspace, builtin_dir
from tests.conftest import EXAMPLES

ASKED_ON = dt.date(2025, 3, 12)


def vocabulary() -> model.Vocabulary:
    return route_vocabulary(templating.templates(Workspace.from_options()))


def read(text: str, earlier: tuple[str, ...] = ()) -> model.Reading:
    return read_part(text, ASKED_ON, vocabulary(), earlier)


def test_the_vocabulary_names_the_values_of_the_demo_data() -> None:
    dims = vocabulary().dimensions
    assert set(dims["topic"]) == {t.name for t in facts.TOPICS}
    assert set(dims["department"]) == {t.department for t in facts.TOPICS}
    assert set(dims["theme"]) == set(facts.THEMES)
    assert set(dims["line"]) == {line for lines in facts.LINES.values() for line in lines}
    assert set(dims["channel"]) == set(facts.ALL_CHANNELS)


@pytest.mark.parametrize(
    ("text", "ask"),
    [
        ("Hoeveel informatieaanvragen kwamen er de laatste 3 jaar binnen via het gratis "
         "1700-nummer, opgesplitst per onderwerp?", "count of contacts by topic; line=1700"),
        ("Hoeveel oproepen ontving de Woonlijn in 2023?",
         "count of contacts; channel=telefoon, line=Woonlijn"),
        ("Wat was de gemiddelde wachttijd op de Belastinglijn in 2023?",
         "average of waiting time; line=Belastinglijn"),
        ("Hoeveel contacten kwamen er in 2024 via de Belastinglijn zonder de vragen over "
         "verkeersbelasting?", "count of contacts; line=Belastinglijn, topic≠verkeersbelasting"),
        ("Hoeveel procent van de oproepen werd in 2024 binnen de 30 seconden beantwoord?",
         "share of service level; channel=telefoon, threshold_seconds=30"),
        ("Hoeveel voorlichters werkten er in 2023 gemiddeld per maand in het contactcenter?",
         "average per month of agents"),
        ("Hoeveel oproepen werden er afgebroken in 2022, maand per maand?",
         "count of abandoned calls by month; channel=telefoon"),
    ],
)  # fmt: skip
def test_a_part_is_read_into_its_ask(text: str, ask: str) -> None:
    reading = read(text)
    assert reading.fully_read, reading.unknown
    assert describe_ask(reading) == ask


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Hoeveel oproepen van vrouwen kwamen er in 2024 binnen via 1700?", ["van vrouwen"]),
        ("Hoeveel oproepen kwamen er in 2024 vanuit Gent binnen via 1700?", ["vanuit Gent"]),
        ("Hoeveel oproepen ontvingen de noodcentrales in 2024?", ["noodcentrales"]),
        ("Hoeveel oproepen kwamen er in de maand december in 2024 binnen via 1700?",
         ["maand december"]),
        ("Hoeveel contacten kwamen er voor 2020 binnen via de Energielijn?", ["voor"]),
        ("Hoeveel oproepen ontving de 1700 in het eerste kwartaal van 2024 en in 2023?",
         ["in 2023"]),
    ],
)  # fmt: skip
def test_words_nothing_accounts_for_are_quoted(text: str, quoted: list[str]) -> None:
    assert list(read(text).unknown) == quoted


def test_a_word_a_letter_off_a_value_is_a_near_miss_never_the_value() -> None:
    reading = read("Hoeveel oproepen ontving de Woonljn in 2024?")
    assert reading.near == (("Woonljn", "Woonlijn"),)
    assert "line" not in reading.filters


def test_a_reference_and_a_relative_clause_are_told_apart() -> None:
    assert read("Hoeveel daarvan waren e-mails?").reference == "earlier part"
    assert read("Hoeveel van die contacten waren e-mails?").reference == "those: contacts"
    relative = read(
        "Hoeveel personeelsleden behandelen de vragen die via het gratis nummer binnenkomen?",
        ("contacts",),
    )
    assert relative.reference == "earlier part: contacts"  # "de vragen", not "die"
    assert read("Hoeveel waren dat gemiddeld per maand?").reference == "earlier part"


def test_a_vocabulary_file_that_is_not_a_mapping_is_one_line_naming_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "vocabulary.yaml"
    path.write_text("topic:\n  huurpremie: premie\n", encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        read_vocabulary_file(path)
    assert str(path) in str(info.value) and "topic: huurpremie:" in str(info.value)
    path.write_text("topic: [a, b\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="line 1"):
        read_vocabulary_file(path)


def test_a_departments_own_vocabulary_and_objects_are_read(tmp_path: Path) -> None:
    (tmp_path / "vocabulary.yaml").write_text(
        "gemeente:\n  Gent: [Stad Gent]\n  Brugge: []\n", encoding="utf-8"
    )
    (tmp_path / "subsidies.md.j2").write_text(
        "{#-\nmatch: [subsidies]\ngives: {objects: [subsidies], breakdowns: [gemeente]}\n"
        "narrow: {gemeente: {values: [Gent, Brugge]}}\nfigures: {}\n-#}\nx\n",
        encoding="utf-8",
    )
    workspace = Workspace.from_options(tmp_path, builtin_templates=False)
    vocab = route_vocabulary(templating.templates(workspace))
    reading = read_part("Hoeveel subsidies gingen er in 2024 naar Stad Gent?", ASKED_ON, vocab)
    assert reading.objects == ("subsidies",) and reading.filters == {"gemeente": ("Gent",)}
    split = read_part("Hoeveel subsidies waren er in 2024, per gemeente?", ASKED_ON, vocab)
    assert split.breakdowns == ("gemeente",) and split.fully_read


def test_plan_explain_shows_every_word_and_json_gives_the_plan_as_data() -> None:
    runner = CliRunner()
    explained = runner.invoke(cli, ["plan", str(EXAMPLES / "vraag-639.yaml"), "--explain"])
    assert explained.exit_code == 0, explained.output
    assert "'opgesplitst per onderwerp'          breakdown: topic" in explained.output
    assert "read as: figures; count of contacts by topic; line=1700" in explained.output
    as_data = runner.invoke(cli, ["plan", str(EXAMPLES / "vraag-639.yaml"), "--json"])
    assert as_data.exit_code == 0, as_data.output
    plan = json.loads(as_data.output)
    first = plan["parts"][0]
    assert first["answer"] == "contacten-per-onderwerp"
    assert first["reading"]["breakdowns"] == ["topic"]
    assert first["reading"]["not_understood"] == []
    assert [w["word"] for w in first["reading"]["words"]][:2] == ["Hoeveel", "informatieaanvragen"]


def test_plan_json_of_a_part_not_understood_exits_1_and_names_the_words(tmp_path: Path) -> None:
    question = (EXAMPLES / "vraag-639.yaml").read_text(encoding="utf-8")
    path = tmp_path / "vraag.yaml"
    path.write_text(
        question.replace("Hoeveel informatieaanvragen", "Hoeveel informatieaanvragen van vrouwen"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["plan", str(path), "--json"])
    assert result.exit_code == 1
    first = json.loads(result.output)["parts"][0]
    assert first["answer"] == "placeholder" and first["reason"]["flagged"]
    assert first["reading"]["not_understood"] == ["van vrouwen"]
    assert "'van vrouwen'" in first["reason"]["nl"]


def test_the_draft_records_the_reading_of_each_part(tmp_path: Path, demo_db: Path) -> None:
    out = tmp_path / "antwoord.docx"
    result = CliRunner().invoke(
        cli, ["draft", str(EXAMPLES / "vraag-639.yaml"), "--db", str(demo_db), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    recorded = json.loads(out.with_suffix(".provenance.json").read_text(encoding="utf-8"))
    parts = {part["part"]: part for part in recorded["plan"]}
    assert parts["1"]["reading"]["objects"] == ["contacts"]
    assert parts["2"]["why"][-1] == "period of 1, which the part refers to (earlier part: contacts)"


def test_the_builtin_vocabulary_file_ships_with_the_templates() -> None:
    assert (builtin_dir("templates") / "vocabulary.yaml").is_file()


def test_a_sub_point_about_those_contacts_refers_to_them_not_to_the_leads_line() -> None:
    from pqgen.compose.plan import plan
    from pqgen.question.model import Question, SubQuestion

    question = Question(
        number=1, author="A", date=ASKED_ON, minister="M", minister_title="T",
        title="Energielijn - Energiepremies", intro="",
        subquestions=(SubQuestion(1, (
            "Kan de minister voor de Energielijn meedelen: a) hoeveel oproepen er in januari 2025 "
            "binnenkwamen; b) hoeveel contacten over de energiepremies er in 2024 waren; c) "
            "hoeveel van die contacten via e-mail verliepen?")),),
    )  # fmt: skip
    third = plan(question, templating.templates(Workspace.from_options()))[2]
    assert third.reading is not None and third.reading.reference == "those: contacts"
    assert third.template is not None and third.template.name == "contacten-over-onderwerp"
    assert third.params["topic"] == "energiepremies" and third.params["channel"] == "e-mail"
