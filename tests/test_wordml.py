"""The fast .docx writer gives the document python-docx gives, byte for byte, and what it
shares between drafts (house-style package, provenance of figure sets, bulk figures) changes
nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest

from pqgen.compose.answer import Answer, Chart, ListBlock, Paragraph, Run, Section, Table
from pqgen.compose.fill import compose
from pqgen.compose.settings import DraftSettings
from pqgen.figures import bulk
from pqgen.figures.sources import DatabaseSource
from pqgen.output import docx as docx_output
from pqgen.output import wordml
from pqgen.output.provenance import provenance_document, provenance_json
from pqgen.question.load import load_question
from pqgen.question.model import Question
from pqgen.workspace import Workspace
from tests.conftest import EXAMPLES


def parts(data: bytes) -> dict[str, bytes]:
    """The zip entries of a .docx; a comment's time (to the second) left out."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {n: re.sub(rb'w:date="[^"]*"', b"", archive.read(n)) for n in archive.namelist()}


def python_docx(answer: Answer, workspace: Workspace, **options: object) -> bytes:
    document = docx_output.build_document(answer, docx_output.reference(workspace), **options)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def assert_same(answer: Answer, workspace: Workspace, **options: object) -> None:
    old = parts(python_docx(answer, workspace, **options))
    new = parts(docx_output.docx_bytes(answer, workspace, **options))  # type: ignore[arg-type]
    assert sorted(old) == sorted(new)
    for name in old:
        assert old[name] == new[name], name


def question() -> Question:
    return Question.from_dict(
        {
            "number": 12, "author": "A & B", "date": "2024-03-01", "minister": "M <X>",
            "minister_title": "VLAAMS MINISTER", "title": "T - t", "intro": "Eén.\n\nTwee  ",
            "subquestions": [{"number": 1, "text": "Vraag?"}, {"number": 2, "text": "En\tdan?"}],
        }
    )  # fmt: skip


def test_every_kind_of_block_is_written_as_python_docx_writes_it(
    workspace: Workspace, source: DatabaseSource
) -> None:
    figures = {"c": source.fetch("staffing_range", {
        "period_start": dt.date(2016, 1, 1), "period_end": dt.date(2016, 12, 31)})}  # fmt: skip
    runs = (
        Run(" voor en na ", bold=True), Run("schuin", italic=True), Run("<&>\"'"),
        Run("[TE VERVOLLEDIGEN: x]", placeholder=True, bold=True), Run("1.234", figure="c"),
        Run("a\tb\nc\r"), Run(""), Run("\u00a0nbsp"), Run("onbekend", figure="weg"),
    )  # fmt: skip
    table = Table(
        header=((Run("Onderwerp"),), (Run("2016", figure="c"),), (Run("2017"),)),
        rows=(((Run("x"),), (Run("1", bold=True),), (Run(" 2 "),)),),
        align=("left", "right"),
    )
    blocks = (
        ListBlock(((Run("eerst"),), (Run("dan"), Run("12", figure="c"))), ordered=True),
        Paragraph(runs),
        table,
        ListBlock(((Run("punt"),),)),
        Table(header=((Run("a"),), (Run("b"),)), rows=(), align=()),
        Paragraph(()),
    )
    sub1, sub2 = question().subquestions
    answer = Answer(
        question(),
        (Section(sub1, blocks, "t", figures=figures), Section(sub2, (), None)),
    )
    for settings in (DraftSettings(), DraftSettings(comments=False), DraftSettings(final=True)):
        for with_question in (False, True):
            for annex in (None, "antwoord-12-bijlage-1.xlsx"):
                assert_same(
                    answer, workspace, settings=settings, with_question=with_question, annex=annex
                )
    referral = dataclasses.replace(answer, numbered=False)
    assert_same(referral, workspace)
    assert wordml.supports(answer)


def test_composed_answers_are_the_same_either_way(
    workspace: Workspace, source: DatabaseSource
) -> None:
    for name, year in (("vraag-639.txt", 2017), ("vraag-1174.txt", 2021), ("vraag-639.txt", 2025)):
        base = load_question(EXAMPLES / name)
        answer = compose(dataclasses.replace(base, date=dt.date(year, 6, 8)), source, workspace)
        assert_same(answer, workspace)
        assert_same(answer, workspace, with_question=True, settings=DraftSettings(final=True))
    # Read back as Word would: the texts, styles and comments are there.
    document = docx.Document(io.BytesIO(docx_output.docx_bytes(answer, workspace)))
    assert any(p.text.startswith("1.\t") for p in document.paragraphs)
    assert len(list(document.comments)) > 0


def test_a_chart_goes_the_python_docx_way(workspace: Workspace) -> None:
    sub = question().subquestions[0]
    section = Section(sub, (Chart("k", "Figuur"),), "t", pictures={"k": _png()})
    answer = Answer(question(), (section,))
    assert not wordml.supports(answer)
    document = docx.Document(io.BytesIO(docx_output.docx_bytes(answer, workspace)))
    assert len(document.inline_shapes) == 1


def _png() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(2, 1))
    axes.plot([1, 2], [1, 2])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def test_provenance_written_from_shared_sets_is_the_same(
    workspace: Workspace, source: DatabaseSource
) -> None:
    base = load_question(EXAMPLES / "vraag-639.txt")
    for year in (2016, 2017):
        answer = compose(dataclasses.replace(base, date=dt.date(year, 6, 8)), source, workspace)
        for _ in range(2):  # the second time from what the first serialised
            plain = json.dumps(
                provenance_document(answer, Path("a.docx")), ensure_ascii=False, indent=2
            )
            written = provenance_json(answer, Path("a.docx"))
            stamp = re.compile(r'"written_at": "[^"]*"')
            assert stamp.sub("", written) == stamp.sub("", plain + "\n")


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("trained_agents", lambda d: {"department": "Departement Werk en Sociale Economie",
                                      "reference_date": d}),
        ("staffing_range", lambda d: {"period_start": d, "period_end": d + dt.timedelta(days=90)}),
    ],
)  # fmt: skip
def test_sets_pulled_in_one_statement_are_those_pulled_one_by_one(
    source: DatabaseSource, query: str, params: object
) -> None:
    # From before the first agent and the first month to after the last: zeros and NULLs too.
    days = [dt.date(2010, 1, 1) + dt.timedelta(days=97 * i) for i in range(70)]
    wanted = [params(d) for d in days]  # type: ignore[operator]
    found = source.query(query)
    assert bulk.bulk_possible(found, source)
    together = bulk.pull_bulk(found, wanted, source)
    for one, values in zip(together, wanted, strict=True):
        alone = source._run(found, *found.bind(values))
        pd.testing.assert_frame_equal(one.frame, alone.frame)
        assert one.types == alone.types
        mine, theirs = one.provenance.to_dict(), alone.provenance.to_dict()
        assert {**mine, "pulled_at": ""} == {**theirs, "pulled_at": ""}
    assert {len(s.frame) for s in together} == {1}


def test_a_query_with_keys_is_pulled_set_by_set(source: DatabaseSource) -> None:
    assert not bulk.bulk_possible(source.query("contacts_per_topic"), source)


def test_a_house_style_without_a_header_of_its_own(tmp_path: Path, source: DatabaseSource) -> None:
    from pqgen.output.housestyle import REFERENCE_NAME, build_reference

    build_reference(tmp_path / REFERENCE_NAME)
    own = docx.Document(str(tmp_path / REFERENCE_NAME))
    own.sections[0].header.is_linked_to_previous = True  # no header part: python-docx adds one
    own.save(str(tmp_path / REFERENCE_NAME))
    workspace = Workspace.from_options(templates=tmp_path)
    answer = compose(load_question(EXAMPLES / "vraag-639.txt"), source, workspace)
    assert_same(answer, workspace)
    assert docx_output.package(workspace, final=False, comments=True) is not None


def test_marks_written_otherwise_send_every_answer_the_python_docx_way(
    workspace: Workspace, source: DatabaseSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if python-docx wrote a run otherwise than wordml does: wordml must notice, not guess.
    monkeypatch.setattr(wordml, "_t", lambda text: f'<w:t xml:space="preserve">{text}</w:t>')
    assert docx_output.package(workspace, final=False, comments=False) is None
    answer = compose(load_question(EXAMPLES / "vraag-639.txt"), source, workspace)
    assert_same(answer, workspace)


def test_the_zip_reads_back_with_any_name() -> None:
    entries = [wordml.Entry.of("word/document.xml", b"<w/>" * 500), wordml.Entry.of("é.xml", b"x")]
    with zipfile.ZipFile(io.BytesIO(wordml.write_zip(entries))) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["word/document.xml", "é.xml"]
        assert archive.read("word/document.xml") == b"<w/>" * 500


def test_columns_are_as_wide_as_their_longest_word_needs() -> None:
    from pqgen.compose.answer import Run, Table
    from pqgen.output.layout import column_widths

    def cells(*texts: str) -> tuple[tuple[Run, ...], ...]:
        return tuple((Run(t),) for t in texts)

    header = cells("Maand", "Aangeboden", "Binnen 60 s beantwoord", "Serviceniveau", "Afgebroken")
    rows = (cells("september 2023", "3.843", "1.493", "38,8%", "221"),)
    widths = column_widths(Table(header, rows, ("left",) + ("right",) * 4), 9000)
    assert sum(widths) <= 9000 and sum(widths) > 8990
    assert widths[3] > widths[1] > 0  # "Serviceniveau" needs more than "Aangeboden"
    assert widths[2] == widths[1]  # "beantwoord" and "Aangeboden" are as long
    topics = Table(cells("Onderwerp", "2014", "Totaal"),
                   (cells("betaald educatief verlof en nog veel meer", "1", "1"),), ())  # fmt: skip
    assert column_widths(topics, 9000)[0] == 3600  # the keys at most 40%
    assert column_widths(Table(cells("Maand", "Aantal"), (), ()), 9000) == [4500, 4500]
