"""Nothing a user owns is overwritten unless they asked: inputs, protected files, their database."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.errors import OutputError
from pqgen.files import remove_partial_files, scratch_folder, write_text_atomically
from tests.conftest import EXAMPLES


def one_line_failure(result: object, *fragments: str) -> None:
    exit_code = result.exit_code  # type: ignore[attr-defined]
    output = result.output  # type: ignore[attr-defined]
    assert exit_code in (1, 2), output
    assert "Traceback" not in output
    message = output.strip()
    assert message.startswith("Error: ") and "\n" not in message, message
    for fragment in fragments:
        assert fragment in message, message


@pytest.fixture
def question(tmp_path: Path) -> Path:
    path = tmp_path / "vraag.txt"
    shutil.copy(EXAMPLES / "vraag-639.txt", path)
    return path


@pytest.fixture
def question_yaml(tmp_path: Path, question: Path) -> Path:
    path = tmp_path / "vraag.yaml"
    result = CliRunner().invoke(cli, ["parse", str(question), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("which", ["text", "yaml"])
def test_draft_onto_its_question_is_refused(
    demo_db: Path, question: Path, question_yaml: Path, which: str
) -> None:
    target = question if which == "text" else question_yaml
    before = target.read_bytes()
    result = CliRunner().invoke(
        cli, ["draft", str(target), "--db", str(demo_db), "-o", str(target)]
    )
    one_line_failure(result)
    assert target.read_bytes() == before


def test_output_named_as_the_question_but_docx_is_still_refused(
    tmp_path: Path, demo_db: Path
) -> None:
    """-o onto an input is refused whatever its suffix: here the question is a .docx."""
    published = tmp_path / "vraag.docx"
    result = CliRunner().invoke(cli, ["draft", str(EXAMPLES / "vraag-639.txt"), "--db",
                                      str(demo_db), "-o", str(published)])  # fmt: skip
    assert result.exit_code == 0, result.output
    before = published.read_bytes()
    again = CliRunner().invoke(
        cli, ["draft", str(published), "--db", str(demo_db), "-o", str(published)]
    )
    one_line_failure(again)
    assert published.read_bytes() == before


def test_parse_onto_its_input_is_refused(question_yaml: Path) -> None:
    before = question_yaml.read_bytes()
    result = CliRunner().invoke(cli, ["parse", str(question_yaml), "-o", str(question_yaml)])
    one_line_failure(result, "the question")
    assert question_yaml.read_bytes() == before


def test_draft_onto_the_database_or_figures_is_refused(
    tmp_path: Path, demo_db: Path, question: Path
) -> None:
    db_copy = tmp_path / "mijn.docx"  # a DuckDB file, whatever its name says
    shutil.copy(demo_db, db_copy)
    before = db_copy.read_bytes()
    result = CliRunner().invoke(
        cli, ["draft", str(question), "--db", str(db_copy), "-o", str(db_copy)]
    )
    one_line_failure(result, "the database")
    assert db_copy.read_bytes() == before
    figures = tmp_path / "cijfers.xlsx"
    pulled = CliRunner().invoke(
        cli, ["figures", str(question), "--db", str(demo_db), "-o", str(figures)]
    )
    assert pulled.exit_code == 0, pulled.output
    before = figures.read_bytes()
    # The annex of -o cijfers.docx would be cijfers-bijlage-1.xlsx; name the figures so.
    annexed = figures.rename(tmp_path / "a-bijlage-1.xlsx")
    result = CliRunner().invoke(
        cli, ["draft", str(question), "--figures", str(annexed), "--annex",
              "-o", str(tmp_path / "a.docx")],
    )  # fmt: skip
    one_line_failure(result, "the figures file")
    assert annexed.read_bytes() == before


@pytest.mark.parametrize("name", ["a.pdf", "a.txt", "a"])
def test_output_suffix_must_say_what_is_written(tmp_path: Path, demo_db: Path, name: str) -> None:
    question = str(EXAMPLES / "vraag-639.txt")
    result = CliRunner().invoke(
        cli, ["draft", question, "--db", str(demo_db), "-o", str(tmp_path / name), "--pdf"]
    )
    one_line_failure(result, ".docx")
    assert list(tmp_path.iterdir()) == []


def test_read_only_target_is_refused_even_for_root(tmp_path: Path) -> None:
    """The mode is the user's statement, whoever runs pqgen."""
    protected = tmp_path / "protected.yaml"
    protected.write_text("mine\n", encoding="utf-8")
    protected.chmod(0o444)
    with pytest.raises(OutputError, match=r"read-only \(mode 0444\)"):
        write_text_atomically(protected, "new\n")
    assert protected.read_text(encoding="utf-8") == "mine\n"


def test_existing_target_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomically(target, "new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "new\n"


def test_a_scratch_folder_holds_the_temporary_files_of_its_folder_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: batch workers write their temporary files in a folder of their own inside the
    output folder; what goes elsewhere is written beside its target, as always."""
    import tempfile

    made_in: list[str] = []
    real = tempfile.mkstemp

    def recording(*args, **kwargs):
        made_in.append(Path(kwargs["dir"]).name)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", recording)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    with scratch_folder(out) as scratch:
        assert scratch is not None
        write_text_atomically(out / "a.json", "{}\n")
        write_text_atomically(elsewhere / "b.json", "{}\n")
    assert made_in == [scratch.name, "elsewhere"]
    assert (out / "a.json").read_text(encoding="utf-8") == "{}\n"
    assert (elsewhere / "b.json").read_text(encoding="utf-8") == "{}\n"
    (scratch / ".c.json.x.partial").write_text("left by a killed run", encoding="utf-8")
    (out / ".d.json.y.partial").write_text("left by a killed run", encoding="utf-8")
    remove_partial_files(out)
    assert sorted(p.name for p in out.iterdir()) == ["a.json"]
    # A scratch folder that cannot be made (a file in its place, or a full disk) is no error:
    # the file is written beside its target.
    (out / scratch.name).write_text("in the way", encoding="utf-8")
    made_in.clear()
    with scratch_folder(out) as none:
        write_text_atomically(out / "e.json", "{}\n")
    assert none is None and made_in == ["out"]
    assert (out / "e.json").read_text(encoding="utf-8") == "{}\n"
    # A symbolic link in its place is not followed, to write or to clean up.
    (out / scratch.name).unlink()
    (elsewhere / ".theirs.partial").write_text("not pqgen's", encoding="utf-8")
    (out / scratch.name).symlink_to(elsewhere)
    made_in.clear()
    with scratch_folder(out) as none:
        write_text_atomically(out / "f.json", "{}\n")
    assert none is None and made_in == ["out"]
    remove_partial_files(out)
    assert (elsewhere / ".theirs.partial").exists() and (out / scratch.name).is_symlink()


def test_a_failed_write_says_whether_a_file_was_there(tmp_path: Path) -> None:
    """'left as it was' only for a file that was there (the sweep saw it for a new summary)."""
    import errno

    from pqgen.files import atomic_write

    def disk_full(temporary: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    new, old = tmp_path / "new.csv", tmp_path / "old.csv"
    old.write_text("before\n", encoding="utf-8")
    with pytest.raises(
        OutputError, match=r"new.csv: cannot be written \(the disk is full\); nothing written$"
    ):
        atomic_write(new, disk_full)
    with pytest.raises(
        OutputError, match=r"old.csv: cannot be written \(the disk is full\); left as it was$"
    ):
        atomic_write(old, disk_full)
    assert not new.exists() and old.read_text(encoding="utf-8") == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["old.csv"]


def demo(*args: str) -> object:
    return CliRunner().invoke(cli, ["demo", "--rows", "1000", *args])


def test_demo_leaves_a_users_database_and_files_alone(tmp_path: Path, question: Path) -> None:
    mine = tmp_path / "mine.duckdb"
    with duckdb.connect(str(mine)) as con:
        con.execute("CREATE TABLE contacts AS SELECT 42 AS mine")
    before = mine.read_bytes()
    one_line_failure(demo("--db", str(mine)), "not made by `pqgen demo`", "--force")
    assert mine.read_bytes() == before
    text = question.read_bytes()
    one_line_failure(demo("--db", str(question)), "not made by `pqgen demo`")
    assert question.read_bytes() == text
    forced = demo("--db", str(mine), "--force")
    assert forced.exit_code == 0, forced.output  # type: ignore[attr-defined]


def test_demo_replaces_its_own_database(tmp_path: Path) -> None:
    ours = tmp_path / "demo.duckdb"
    for _ in range(2):
        result = demo("--db", str(ours))
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]


def test_demo_leaves_a_users_postgres_tables_alone(postgres_url: str) -> None:
    import sqlalchemy as sa

    from pqgen.figures import databases as db

    engine = sa.create_engine(db.to_url(postgres_url))
    schema = "hostile_demo"
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
            connection.exec_driver_sql(f"CREATE TABLE {schema}.contacts (mine int)")
        url = db.to_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
        shown = url.render_as_string(hide_password=False)
        one_line_failure(demo("--db", shown), "already has table 'contacts'")
        with engine.connect() as connection:
            assert (
                connection.exec_driver_sql(f"SELECT count(*) FROM {schema}.contacts").scalar() == 0
            )
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        engine.dispose()


def test_pqgen_db_in_the_environment_does_not_break_figures(
    tmp_path: Path, demo_db: Path, question: Path
) -> None:
    figures = tmp_path / "cijfers.xlsx"
    runner = CliRunner(env={"PQGEN_DB": str(demo_db)})
    assert runner.invoke(cli, ["figures", str(question), "-o", str(figures)]).exit_code == 0
    result = runner.invoke(
        cli, ["draft", str(question), "--figures", str(figures), "-o", str(tmp_path / "a.docx")]
    )
    assert result.exit_code == 0, result.output
    both = runner.invoke(cli, ["draft", str(question), "--figures", str(figures), "--db",
                               str(demo_db), "-o", str(tmp_path / "b.docx")])  # fmt: skip
    assert both.exit_code == 2 and "either --db or --figures" in both.output


def test_draft_onto_a_template_is_refused(tmp_path: Path, demo_db: Path, question: Path) -> None:
    from pqgen.workspace import builtin_dir

    mine = tmp_path / "templates"
    mine.mkdir()
    reference = mine / "huisstijl.docx"
    shutil.copy(builtin_dir("templates") / "huisstijl.docx", reference)
    before = reference.read_bytes()
    for target, templates in (
        (reference, mine),
        (builtin_dir("templates") / "huisstijl.docx", None),
    ):
        args = ["draft", str(question), "--db", str(demo_db), "-o", str(target)]
        if templates:
            args += ["--templates", str(templates)]
        one_line_failure(CliRunner().invoke(cli, args), "template")
    assert reference.read_bytes() == before
