"""From question to Word document: the answer to 639 composed, rendered and read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from pqgen.compose.fill import compose
from pqgen.compose.plan import plan
from pqgen.compose.templating import templates
from pqgen.drafting import draft
from pqgen.errors import InputFileError, OutputError
from pqgen.output import housestyle as hs
from pqgen.output.docx import find_reference, open_reference
from pqgen.question.load import load_question
from pqgen.question.model import Question
from pqgen.question.parse import parse_question
from pqgen.workspace import Workspace
from tests.conftest import EXAMPLES


@pytest.fixture
def question() -> Question:
    return load_question(EXAMPLES / "vraag-639.yaml")


def test_department_and_period_are_read_from_the_question(
    question: Question, workspace: Workspace
) -> None:
    step = plan(question, templates(workspace))[1]
    assert step.params["department"] == "Departement Werk en Sociale Economie"
    assert step.origins["department"] == "named in the title or introduction"
    assert step.period is not None and step.period.years == [2014, 2015, 2016]
    assert step.params["reference_date"] == dt.date(2017, 6, 8)
    assert step.params["period_end"] == dt.date(2016, 12, 31)


def test_question_parameters_override_derived_ones(
    question: Question, workspace: Workspace
) -> None:
    custom = Question(**{**question.__dict__, "parameters": {"department": "Departement Omgeving"}})
    step = plan(custom, templates(workspace))[0]
    assert step.params["department"] == "Departement Omgeving"
    assert step.origins["department"] == "the question's parameters"


def test_each_value_of_a_listed_parameter_must_be_known(
    question: Question, workspace: Workspace
) -> None:
    listed = {"department": ["Departement Omgeving", "Departement Sport"]}
    custom = Question(**{**question.__dict__, "parameters": listed})
    step = plan(custom, templates(workspace))[0]
    assert step.template is None and step.reason is not None
    assert step.reason.en.startswith(
        "department 'Departement Sport' (from the question's parameters) matches nothing"
    )


def test_composed_answer_to_639(question: Question, source, workspace: Workspace) -> None:
    answer = compose(question, source, workspace)
    assert [s.number for s in answer.sections] == [1, 2, 3]
    assert [s.template for s in answer.sections] == [
        "contacten-per-onderwerp",
        "personeel",
        "evaluatie-tevredenheid",
    ]
    first = answer.sections[0].blocks[0].text  # type: ignore[union-attr]
    assert "Tussen 1 januari 2014 en 31 december 2016" in first
    assert "iets minder dan 70.000" in first and "69.871" in first
    assert [n for n, _ in answer.placeholders()] == [3, 3]
    assert set(answer.figure_sets()) == {
        "1/contacts",
        "1/before",
        "2/staffing",
        "2/trained",
        "3/satisfaction",
    }


def read_back(path: Path) -> tuple[list[tuple[str, str]], list[list[str]]]:
    document = docx.Document(str(path))
    paragraphs = [
        (str(getattr(p.style, "name", "")), p.text) for p in document.paragraphs if p.text.strip()
    ]
    cells = [[c.text for c in row.cells] for row in document.tables[0].rows]
    return paragraphs, cells


def test_rendered_docx_reads_as_the_published_answer(
    question: Question, source, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "antwoord-639.docx"
    draft(question, source, workspace, out)
    paragraphs, cells = read_back(out)
    texts = [t for _, t in paragraphs]
    assert texts[:5] == [
        "PHILIPPE MUYTERS",
        "VLAAMS MINISTER VAN WERK, ECONOMIE, INNOVATIE EN SPORT",
        "ANTWOORD",
        "op vraag nr. 639 van 8 juni 2017",
        "van GUY D'HAESELEER",
    ]
    numbered = [t for style, t in paragraphs if style == hs.NUMBERED]
    assert [t.split("\t")[0] for t in numbered] == ["1.", "2.", "3."]
    body = "\n".join(texts)
    assert "tussen de 115 en de 125" in body
    assert "36 van de" in body
    assert "87,07%" in body
    assert "[TE VERVOLLEDIGEN: evaluatie door de minister]" in body

    assert cells[0] == ["Onderwerp", "2014", "2015", "2016", "Totaal"]
    assert cells[-1][0] == "Totaal"
    number = lambda text: int(text.replace(".", ""))  # noqa: E731
    body_rows = cells[1:-1]
    for c in range(1, 5):
        assert number(cells[-1][c]) == sum(number(row[c]) for row in body_rows)
    for row in body_rows:
        assert number(row[4]) == sum(number(v) for v in row[1:4])
    grand_total = number(cells[-1][4])
    assert 65_000 < grand_total < 70_000
    assert grand_total == 69_871


def test_placeholders_are_highlighted_and_the_draft_is_marked(
    question: Question, source, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "a.docx"
    draft(question, source, workspace, out)
    document = docx.Document(str(out))
    marked = [
        run.text
        for p in document.paragraphs
        for run in p.runs
        if run.style is not None and run.style.name == hs.PLACEHOLDER
    ]
    assert marked == [
        "[TE VERVOLLEDIGEN: evaluatie door de minister]",
        "[TE VERVOLLEDIGEN: hoe het nummer bekendgemaakt wordt bij de doelgroep]",
    ]
    header = document.sections[0].header.paragraphs[0]
    assert header.text == "ONTWERP" and header.style.name == hs.DRAFT_MARK
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "PAGE" in document.sections[0].footer._element.xml


def test_with_question_puts_the_question_first(
    question: Question, source, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "a.docx"
    draft(question, source, workspace, out, with_question=True)
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip()]
    assert texts[:4] == [
        "SCHRIFTELIJKE VRAAG",
        "nr. 639",
        "van GUY D'HAESELEER",
        "datum: 8 juni 2017",
    ]
    assert texts.index("ANTWOORD") > texts.index("aan PHILIPPE MUYTERS")
    assert any(t.startswith("3.\tHoe evalueert de minister") for t in texts)


def test_unmatched_subquestion_gets_a_placeholder(
    published_639: str, source, workspace: Workspace
) -> None:
    text = published_639.replace(
        "2. Door hoeveel personeelsleden",
        "2. Wat kost de reclamecampagne en door hoeveel personeelsleden",
    )
    text = re.sub(r"personeelsleden worden de vragen", "mensen worden de vragen", text)
    question = parse_question(text)
    answer = compose(question, source, workspace)
    assert answer.sections[1].template is None
    # The words no figure can answer are quoted, so that a person sees what was asked.
    assert answer.placeholders()[0] == (
        2,
        "[TE VERVOLLEDIGEN: antwoord op deelvraag 2; gevraagd: 'kost de reclamecampagne', "
        "'mensen'; de cijfers maken dat onderscheid niet (of pqgen begrijpt het niet)]",
    )


def test_reference_without_a_style_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / hs.REFERENCE_NAME
    docx.Document().save(str(plain))
    with pytest.raises(InputFileError, match="lacks the style"):
        open_reference(plain)
    assert find_reference([tmp_path]) == plain


def test_missing_output_folders_are_made(
    question: Question, source, workspace: Workspace, tmp_path: Path
) -> None:
    written = draft(question, source, workspace, tmp_path / "out" / "nested" / "a.docx")
    assert written.path.is_file() and written.provenance and written.provenance.is_file()


def test_no_output_when_the_folder_cannot_be_made(
    question: Question, source, workspace: Workspace, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(OutputError, match="its folder cannot be made"):
        draft(question, source, workspace, tmp_path / "file" / "a.docx")
    assert list(tmp_path.iterdir()) == [tmp_path / "file"]


def test_committed_reference_has_every_style() -> None:
    document = open_reference(find_reference(Workspace.from_options().template_dirs))
    assert not document.paragraphs  # the sample body is gone


def test_figure_checks_read_plain_rows_as_pandas_would() -> None:
    """The checks on a figure set read its plain rows (issue 14): empty, zero, outside and small
    counts come out as they did from pandas, missing values (NA, NaN, None) included."""
    import pandas as pd

    from pqgen.compose.answer import Section
    from pqgen.compose.checks import check_small_counts
    from pqgen.compose.fill import _suspect
    from pqgen.compose.settings import DraftSettings
    from pqgen.figures.model import FigureSet, Provenance
    from pqgen.question.model import SubQuestion
    from pqgen.question.period import Period

    provenance = Provenance("q", "q.sql", "sha256:0", {}, "test", 0, "now")
    types = {"year": "year", "topic": "text", "contacts": "count"}

    def figures(years: list, topics: list, counts: list) -> FigureSet:
        frame = pd.DataFrame(
            {
                "year": pd.array(years, dtype="Int64"),
                "topic": pd.Series(topics, dtype=object),
                "contacts": pd.array(counts, dtype="Int64"),
            }
        )
        return FigureSet(frame, provenance, types)

    period = Period.years_from(2014, 2016, "2014-2016")
    assert _suspect(figures([], [], []), period) == "empty"
    assert _suspect(figures([2014, 2015], ["a", "b"], [0, None]), period) == "zero"
    # No value at all (NULL throughout) is no figure, not zero (a sweep saw "is zero").
    assert _suspect(figures([2014, 2015], ["a", "b"], [None, None]), period) == "empty"
    assert _suspect(figures([2014, 2017], ["a", "b"], [8, 9]), period) == "outside"
    assert _suspect(figures([2014, None], ["a", None], [8, 9]), period) is None
    small = figures([2014, None, 2016], ["a", None, "c"], [3, 2, 7])
    section = Section(SubQuestion(1, "Hoeveel?"), (), None, period, {"contacts": small})
    messages = [f.message for f in check_small_counts(section, DraftSettings())]
    assert messages == [
        "contacts = 3 in figure set 'contacts' (year 2014, topic a) is below 5 and could "
        "identify people; show it as '< 5' with --suppress-small",
        "contacts = 2 in figure set 'contacts' (year None, topic None) is below 5 and could "
        "identify people; show it as '< 5' with --suppress-small",
    ]
