"""Review-ready drafts: comments on figures, provenance, checks, final documents, annex, charts,
PDF and `pqgen check`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from pqgen.cli import cli
from pqgen.compose.settings import DraftSettings
from pqgen.drafting import NotFinal, draft
from pqgen.figures.sources import DatabaseSource
from pqgen.output import housestyle as hs
from pqgen.output.provenance import reproduce
from pqgen.question.load import load_question
from pqgen.question.model import Question
from pqgen.review import review
from pqgen.workspace import Workspace, builtin_dir
from tests.conftest import EXAMPLES, to_pdf

QUESTION = EXAMPLES / "vraag-639.yaml"
WRITTEN = {
    "evaluatie door de minister": "Ik vind het belangrijk dat iedereen terechtkan bij 1700.",
    "bekendmaking": "Het departement vermeldt het nummer 1700 op zijn websites en in zijn brieven.",
}


@pytest.fixture
def question() -> Question:
    return load_question(QUESTION)


def commented_texts(path: Path) -> dict[str, str]:
    """Text each comment is anchored on, by comment text."""
    document = docx.Document(str(path))
    by_id = {c.comment_id: c.text for c in document.comments}
    anchored: dict[str, str] = {}
    body = document.element.body
    open_ids: list[str] = []
    for element in body.iter():
        if element.tag == qn("w:commentRangeStart"):
            open_ids.append(element.get(qn("w:id")))
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.remove(element.get(qn("w:id")))
        elif element.tag == qn("w:t"):
            for i in open_ids:
                anchored[i] = anchored.get(i, "") + (element.text or "")
    return {anchored.get(str(k), ""): text for k, text in by_id.items()}


def test_every_figure_carries_a_comment_naming_its_source(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "a.docx"
    draft(question, source, workspace, out)
    comments = commented_texts(out)
    for figure in (
        "iets minder dan 70.000",
        "69.871",
        "Onderwerp",  # the table's comment sits on its first cell
        "tussen de 115 en de 125",
        "36",
        "122",
        "87,07%",
        "10.000",
    ):
        assert figure in comments, (figure, list(comments))
    assert "contacts_per_topic.sql" in comments["69.871"]
    assert (
        "sha256:" in comments["69.871"]
        and "Departement Werk en Sociale Economie" in comments["69.871"]
    )
    assert "satisfaction_per_year.sql" in comments["87,07%"]
    assert all(".duckdb" in text for text in comments.values())
    assert {c.author for c in docx.Document(str(out)).comments} == {"pqgen"}


def test_no_comments(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "a.docx"
    draft(question, source, workspace, out, settings=DraftSettings(comments=False))
    assert len(list(docx.Document(str(out)).comments)) == 0


def test_provenance_file_reproduces_the_figures(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "a.docx"
    result = draft(question, source, workspace, out)
    assert result.provenance == tmp_path / "a.provenance.json"
    recorded = json.loads(result.provenance.read_text(encoding="utf-8"))
    assert recorded["question"]["number"] == 639
    texts = {f["text"] for f in recorded["figures"]}
    assert {"69.871", "tussen de 115 en de 125", "87,07%"} <= texts
    contacts = recorded["figure_sets"]["1/contacts"]
    assert (
        contacts["checksum"].startswith("sha256:")
        and contacts["rows"] == len(contacts["data"]) == 17
    )
    assert all(r.ok for r in reproduce(result.provenance, source))

    contacts["data"][0]["contacts"] += 1
    result.provenance.write_text(json.dumps(recorded), encoding="utf-8")
    outcome = {r.key: r for r in reproduce(result.provenance, source)}
    assert not outcome["1/contacts"].same_figures and outcome["2/staffing"].ok


def test_reproduce_notices_a_changed_query(
    question: Question, source: DatabaseSource, workspace: Workspace, demo_db: Path, tmp_path: Path
) -> None:
    result = draft(question, source, workspace, tmp_path / "a.docx")
    mine = tmp_path / "queries"
    mine.mkdir()
    original = (builtin_dir("queries") / "staffing_range.sql").read_text(encoding="utf-8")
    (mine / "staffing_range.sql").write_text(original + "\n-- changed\n", encoding="utf-8")
    changed = DatabaseSource(str(demo_db), [mine, builtin_dir("queries")])
    outcome = {r.key: r for r in reproduce(result.provenance, changed)}  # type: ignore[arg-type]
    changed.close()
    assert not outcome["2/staffing"].same_query and outcome["2/staffing"].same_figures


def test_final_refuses_while_placeholders_are_left(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "final.docx"
    with pytest.raises(NotFinal) as info:
        draft(question, source, workspace, out, settings=DraftSettings(final=True))
    assert info.value.lines == [
        "3. placeholder [TE VERVOLLEDIGEN: evaluatie door de minister]",
        "3. placeholder [TE VERVOLLEDIGEN: hoe het nummer bekendgemaakt wordt bij de doelgroep]",
    ]
    assert not out.exists() and not (tmp_path / "final.provenance.json").exists()


def test_final_with_texts_from_the_yaml(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    written = question.with_texts(3, WRITTEN)
    out = tmp_path / "final.docx"
    draft(written, source, workspace, out, settings=DraftSettings(final=True))
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "3.\tIk vind het belangrijk" in text and "op zijn websites" in text
    assert "TE VERVOLLEDIGEN" not in text
    assert len(list(document.comments)) == 0
    assert all(p.text != "ONTWERP" for p in document.sections[0].header.paragraphs)
    assert review(out).ready


def test_texts_in_the_question_yaml_reach_the_draft(
    question: Question, demo_db: Path, tmp_path: Path
) -> None:
    data = question.to_dict()
    data["subquestions"][2]["texts"] = WRITTEN
    path = tmp_path / "vraag.yaml"
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert load_question(path).subquestions[2].texts == WRITTEN
    out = tmp_path / "final.docx"
    result = CliRunner().invoke(
        cli, ["draft", str(path), "--db", str(demo_db), "--final", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Placeholders left: 0" in result.output


def test_final_through_the_cli_names_what_is_left(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "final.docx"
    result = CliRunner().invoke(
        cli, ["draft", str(QUESTION), "--db", str(demo_db), "--final", "-o", str(out)]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(f"Error: {out} was not written: 2 things to settle")
    assert "3. placeholder [TE VERVOLLEDIGEN: evaluatie door de minister]" in lines[1]
    assert not out.exists()


def test_whole_answer_for_an_unmatched_subquestion(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    from pqgen.question.model import SubQuestion

    extra = SubQuestion(
        4,
        "Wat kost de nieuwe huisstijl van de infolijn?",
        {"antwoord": "De huisstijl kostte **niets**."},
    )
    q = Question(**{**question.__dict__, "subquestions": (*question.subquestions, extra)})
    out = tmp_path / "a.docx"
    result = draft(q, source, workspace, out)
    assert result.answer.sections[3].template is None
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "4.\tDe huisstijl kostte niets." in texts


def small_count_workspace(tmp_path: Path) -> Workspace:
    """A template whose figures hold small counts, and whose hand-made table adds up wrong."""
    templates, queries = tmp_path / "templates", tmp_path / "queries"
    templates.mkdir()
    queries.mkdir()
    (queries / "klachten.sql").write_text(
        "-- Complaints per year.\n-- Returns one row per year:\n"
        "--   year  year  key  the year\n--   complaints  count  complaints that year\n"
        "-- :period_start date first day\n-- :period_end date last day\n"
        "SELECT year, complaints\n"
        "FROM (VALUES (2014, 3), (2015, 12), (2016, 7)) AS t(year, complaints)\n"
        "WHERE year BETWEEN EXTRACT(YEAR FROM CAST(:period_start AS DATE))\n"
        "  AND EXTRACT(YEAR FROM CAST(:period_end AS DATE))\n",
        encoding="utf-8",
    )
    (templates / "klachten.md.j2").write_text(
        '{#-\nmatch: ["klachten"]\ngives: {objects: [klachten]}\nfigures:\n  k: klachten\n-#}\n'
        "{% for r in figures.k | rows %}"
        "In {{ r.year }}: {{ r.complaints | number }} klachten. "
        "{% endfor %}\n\n"
        "{{ figures.k | table(totals=True) }}\n"
        "| Jaar | Aantal |\n|---|---:|\n| 2014 | 1 |\n| 2015 | 2 |\n| **Totaal** | **4** |\n",
        encoding="utf-8",
    )
    return Workspace.from_options(templates, queries)


def klachten_question(question: Question) -> Question:
    from pqgen.question.model import SubQuestion

    return Question(
        **{
            **question.__dict__,
            "subquestions": (SubQuestion(1, "Hoeveel klachten kwamen er de laatste 3 jaar?"),),
        }
    )


def test_checks_flag_small_counts_and_wrong_totals(
    question: Question, demo_db: Path, tmp_path: Path
) -> None:
    workspace = small_count_workspace(tmp_path)
    source = DatabaseSource(str(demo_db), workspace.query_dirs)
    result = draft(klachten_question(question), source, workspace, tmp_path / "a.docx")
    messages = [str(f) for f in result.failures]
    assert any(
        "small count" in m and "complaints = 3" in m and "year 2014" in m for m in messages
    ), messages
    assert any(
        "totals" in m and "column 'Aantal' totals 4 but its cells add up to 3" in m
        for m in messages
    )
    with pytest.raises(NotFinal):
        draft(
            klachten_question(question).with_texts(1, {}),
            source,
            workspace,
            tmp_path / "f.docx",
            settings=DraftSettings(final=True),
        )

    suppressed = draft(
        klachten_question(question),
        source,
        workspace,
        tmp_path / "b.docx",
        settings=DraftSettings(suppress_small=True),
    )
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs)
    assert "In 2014: < 5 klachten." in text and "In 2016: 7 klachten." in text
    assert not any("small count" in str(f) for f in suppressed.failures)
    cells = [
        c.text for row in docx.Document(str(tmp_path / "b.docx")).tables[0].rows for c in row.cells
    ]
    assert "< 5" in cells and "22" in cells  # the total stays the real one
    source.close()


def test_checks_name_a_year_without_data(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    from pqgen.question.model import SubQuestion

    four_years = [
        SubQuestion(s.number, s.text.replace("de laatste 3 jaar", "de laatste 4 jaar"))
        for s in question.subquestions
    ]
    q = Question(**{**question.__dict__, "subquestions": tuple(four_years)})
    result = draft(q, source, workspace, tmp_path / "a.docx")
    missing = [str(f) for f in result.failures if f.check == "missing year"]
    assert (
        "1. missing year: figure set 'contacts' has no data for 2013, "
        "a year of the period 2013-2016 asked about" in missing
    )
    assert any(
        m.startswith("3. missing year: figure set 'satisfaction' has no data for 2013")
        for m in missing
    )


def test_annex(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    out = tmp_path / "antwoord-639.docx"
    result = draft(question, source, workspace, out, settings=DraftSettings(annex=True))
    assert result.annex == tmp_path / "antwoord-639-bijlage-1.xlsx"
    book = openpyxl.load_workbook(result.annex)
    assert book.sheetnames == ["Tabel 1", "Tabel 2", "Tabel 3", "Tabel 4", "Bronnen"]
    table = book["Tabel 1"]
    assert [c.value for c in table[3]] == [
        "Jaar",
        "Onderwerp",
        "Aantal contacten",
        "Eerste contact",
    ]
    assert table["C4"].number_format == "#,##0" and table["A4"].number_format == "0"
    assert sum(table.cell(r, 3).value for r in range(4, table.max_row + 1)) == 69_871
    sources = list(book["Bronnen"].iter_rows(values_only=True))
    assert sources[1][:3] == ("Tabel 1", 1, "contacts_per_topic.sql")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "bijlage 1" in text and "antwoord-639-bijlage-1.xlsx" in text


@pytest.mark.slow
def test_annex_opens_in_libreoffice(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path, soffice: str
) -> None:
    result = draft(
        question, source, workspace, tmp_path / "a.docx", settings=DraftSettings(annex=True)
    )
    assert result.annex is not None
    pdf = to_pdf(soffice, result.annex, tmp_path)
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Aantal contacten" in text and "aanmoedigingspremie" in text


@pytest.mark.slow
def test_pdf_first_page_shows_the_official_header(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path, soffice: str
) -> None:
    result = draft(question, source, workspace, tmp_path / "a.docx", pdf=True)
    assert result.pdf == tmp_path / "a.pdf"
    from pypdf import PdfReader

    first = PdfReader(result.pdf).pages[0].extract_text()
    for line in (
        "PHILIPPE MUYTERS",
        "ANTWOORD",
        "op vraag nr. 639 van 8 juni 2017",
        "van GUY D'HAESELEER",
        "ONTWERP",
    ):
        assert line in first, line


def test_pdf_without_libreoffice_says_how_to_install(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    out = tmp_path / "a.docx"
    result = CliRunner().invoke(
        cli, ["draft", str(QUESTION), "--db", str(demo_db), "--pdf", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert (
        "LibreOffice is not installed" in result.output
        and "apt-get install libreoffice-writer-nogui" in result.output
    )
    assert out.exists() and not out.with_suffix(".pdf").exists()


def test_chart(
    question: Question, source: DatabaseSource, workspace: Workspace, tmp_path: Path
) -> None:
    charted = Question(**{**question.__dict__, "parameters": {"chart": True}})
    out = tmp_path / "a.docx"
    draft(charted, source, workspace, out)
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width.cm == pytest.approx(15, abs=0.01)
    captions = [p.text for p in document.paragraphs if getattr(p.style, "name", None) == hs.CAPTION]
    assert captions == ["Figuur 1: Contacten per onderwerp en per jaar"]
    image = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[image].blob.startswith(b"\x89PNG")


def test_check_reports_what_is_unfinished(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "a.docx"
    assert (
        runner.invoke(cli, ["draft", str(QUESTION), "--db", str(demo_db), "-o", str(out)]).exit_code
        == 0
    )
    result = runner.invoke(cli, ["check", str(out)])
    assert result.exit_code == 1
    assert "placeholders left: 2" in result.output
    assert "comments: 10" in result.output
    assert "draft marking (ONTWERP): yes" in result.output
    assert "header lines: match a.provenance.json" in result.output

    other = tmp_path / "vraag-640.yaml"
    data = load_question(QUESTION).to_dict()
    data["number"], data["author"] = 640, "AN ANDER"
    import yaml

    other.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(out), "--question", str(other)])
    assert result.exit_code == 1
    assert (
        "expected 'op vraag nr. 640 van 8 juni 2017', found 'op vraag nr. 639 van 8 juni 2017'"
        in result.output
    )
    assert "expected 'van AN ANDER', found 'van GUY D'HAESELEER'" in result.output


def test_check_on_a_file_that_is_not_a_draft(tmp_path: Path) -> None:
    plain = tmp_path / "brief.docx"
    docx.Document().save(str(plain))
    result = CliRunner().invoke(cli, ["check", str(plain), "--question", str(QUESTION)])
    assert result.exit_code == 1 and "no line 'ANTWOORD'" in result.output
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.docx")])
    assert result.exit_code == 1 and "no such file" in result.output


def test_check_names_the_checks_that_failed_and_is_not_ready(demo_db: Path, tmp_path: Path) -> None:
    # The years 2010-2013 have no data: the draft is written with failed checks and no
    # placeholder for them; `pqgen check` must still say it is not ready, and why.
    text = (EXAMPLES / "vraag-639.txt").read_text(encoding="utf-8")
    path = tmp_path / "vraag.txt"
    path.write_text(text.replace("de laatste 3 jaar", "tussen 2010 en 2016"), encoding="utf-8")
    out = tmp_path / "a.docx"
    made = CliRunner().invoke(cli, ["draft", str(path), "--db", str(demo_db), "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert "Checks failed: 0" not in made.output
    result = CliRunner().invoke(cli, ["check", str(out)])
    assert result.exit_code == 1
    assert "checks failed: 0" not in result.output
    assert "2010" in result.output and "not ready to send" in result.output
