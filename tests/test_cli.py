"""The command line through click's CliRunner: the happy paths and every error a user hits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from pqgen.cli import cli
from tests.conftest import EXAMPLES, REPO

QUESTION = str(EXAMPLES / "vraag-639.yaml")
PUBLISHED = str(EXAMPLES / "vraag-639.txt")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]


def test_parse_json_has_the_documented_keys(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["parse", PUBLISHED, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == [
        "number",
        "author",
        "date",
        "minister",
        "minister_title",
        "title",
        "intro",
        "subquestions",
    ]
    assert data["number"] == 639 and data["date"] == "2017-06-08"
    assert data["subquestions"][1]["number"] == 2


def test_parse_flattened_published_text(
    runner: CliRunner, published_639: str, tmp_path: Path
) -> None:
    flat = tmp_path / "flat.txt"
    flat.write_text(" ".join(published_639.split()), encoding="utf-8")
    result = runner.invoke(cli, ["parse", str(flat), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["author"] == "GUY D'HAESELEER"
    assert [s["number"] for s in data["subquestions"]] == [1, 2, 3]


def test_parse_to_yaml_then_draft_from_it(runner: CliRunner, demo_db: Path, tmp_path: Path) -> None:
    question_yaml = tmp_path / "vraag.yaml"
    result = runner.invoke(cli, ["parse", PUBLISHED, "-o", str(question_yaml)])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(question_yaml.read_text(encoding="utf-8"))["number"] == 639

    from_text, from_yaml = tmp_path / "a.docx", tmp_path / "b.docx"
    for source, out in ((PUBLISHED, from_text), (str(question_yaml), from_yaml)):
        result = runner.invoke(cli, ["draft", source, "--db", str(demo_db), "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert texts(from_text) == texts(from_yaml)


def test_draft_prints_a_summary(runner: CliRunner, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "antwoord.docx"
    result = runner.invoke(cli, ["draft", QUESTION, "--db", str(demo_db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    assert "contacts_per_topic.sql, 17 rows" in result.output
    assert "Placeholders left: 2" in result.output
    assert out.exists()


def test_draft_uses_pqgen_db_by_default(
    runner: CliRunner, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["draft", QUESTION], env={"PQGEN_DB": str(demo_db)})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "antwoord-639.docx").exists()


def test_demo_builds_a_database(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    result = runner.invoke(cli, ["demo", "--db", str(db), "--rows", "5000"])
    assert result.exit_code == 0, result.output
    assert "contacts 5,000" in result.output
    assert db.exists() and not list(tmp_path.glob("*.partial"))


def assert_clean_failure(result, *fragments: str) -> None:
    """One line on stderr, exit code 1, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = result.output.strip()
    assert message.startswith("Error: ") and "\n" not in message, message
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in message, message


def test_missing_question_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    result = runner.invoke(cli, ["draft", str(tmp_path / "vraag.txt"), "-o", str(out)])
    assert_clean_failure(result, "vraag.txt", "no such file")
    assert not out.exists()


def test_text_that_is_not_a_question(runner: CliRunner, tmp_path: Path) -> None:
    memo = tmp_path / "memo.txt"
    memo.write_text("Beste collega,\n\nHierbij de cijfers.\n", encoding="utf-8")
    result = runner.invoke(cli, ["parse", str(memo)])
    assert_clean_failure(result, "memo.txt", "SCHRIFTELIJKE VRAAG")


def test_broken_question_yaml(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "vraag.yaml"
    bad.write_text("number: 639\nauthor: [unclosed\n", encoding="utf-8")
    assert_clean_failure(runner.invoke(cli, ["draft", str(bad)]), "vraag.yaml", "line 2")
    bad.write_text("number: zes\n", encoding="utf-8")
    assert_clean_failure(runner.invoke(cli, ["draft", str(bad)]), "field 'number'")


def test_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    result = runner.invoke(
        cli, ["draft", QUESTION, "--db", str(tmp_path / "none.duckdb"), "-o", str(out)]
    )
    assert_clean_failure(result, "none.duckdb", "no such database file")
    assert not out.exists()


def test_default_database_missing_says_run_demo(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PQGEN_DB", raising=False)
    result = runner.invoke(cli, ["draft", QUESTION])
    assert_clean_failure(result, "pqgen demo")
    assert not list(tmp_path.glob("*.docx"))


def test_missing_table(runner: CliRunner, tmp_path: Path) -> None:
    import duckdb

    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    out = tmp_path / "a.docx"
    result = runner.invoke(cli, ["draft", QUESTION, "--db", str(empty), "-o", str(out)])
    assert_clean_failure(result, "contacts_per_topic.sql", "contacts")
    assert not out.exists()


def test_template_error_names_template_and_variable(
    runner: CliRunner, demo_db: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "personeel.md.j2").write_text(
        '{#-\nmatch: ["personeelsleden"]\nnarrow: {line: {values: {"1700": [gratis nummer]}}}\n'
        "figures:\n  staffing: staffing_range\n-#}\n"
        "Er waren {{ figures.staff | row }} voorlichters.\n",
        encoding="utf-8",
    )
    out = tmp_path / "a.docx"
    result = runner.invoke(
        cli,
        ["draft", QUESTION, "--db", str(demo_db), "--templates", str(mine), "-o", str(out)],
    )
    assert_clean_failure(result, "template personeel, line 7", "staff")
    assert not out.exists()


def test_every_command_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 40, name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
        assert f"pqgen {name}" in readme, f"README does not show `pqgen {name}`"


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pqgen", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "draft" in result.stdout


def test_output_gets_ordinary_permissions(runner: CliRunner, demo_db: Path, tmp_path: Path) -> None:
    import os

    out = tmp_path / "a.docx"
    old = os.umask(0o022)
    try:
        result = runner.invoke(cli, ["draft", QUESTION, "--db", str(demo_db), "-o", str(out)])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o644
    assert not list(tmp_path.glob(".*.partial"))


def test_plan_and_draft_show_what_was_inferred(
    runner: CliRunner, demo_db: Path, tmp_path: Path
) -> None:
    question = f"{EXAMPLES / 'bulletin-2006.txt'}#57"
    planned = runner.invoke(cli, ["plan", question])
    assert "Warning: title: no blank line between title and introduction" in planned.output
    drafted = runner.invoke(
        cli, ["draft", question, "--db", str(demo_db), "-o", str(tmp_path / "a.docx")]
    )
    assert drafted.exit_code == 0, drafted.output
    assert "Warning: title:" in drafted.output
