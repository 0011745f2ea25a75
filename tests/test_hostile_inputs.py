"""Careless and hostile input files: one-line errors with exit 1, never a traceback or a hang."""

from __future__ import annotations

import errno
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pqgen.cli import cli
from pqgen.drafting import document_bytes
from pqgen.errors import OutputError, PqgenError
from pqgen.figures.sources import DatabaseSource
from pqgen.files import write_text_atomically
from pqgen.question.load import load_question
from pqgen.workspace import Workspace
from tests.conftest import EXAMPLES

TEXT_639 = (EXAMPLES / "vraag-639.txt").read_text(encoding="utf-8")
LAUGHS = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)
LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + LAUGHS


def one_line_error(result: object, *fragments: str) -> str:
    output = result.output  # type: ignore[attr-defined]
    assert result.exit_code in (1, 2), output  # type: ignore[attr-defined]
    assert "Traceback" not in output
    message = output.strip()
    assert message.startswith("Error: ") and "\n" not in message, message
    for fragment in fragments:
        assert fragment in message, message
    return message


@pytest.fixture
def base_yaml(tmp_path: Path) -> str:
    path = tmp_path / "base.yaml"
    result = CliRunner().invoke(cli, ["parse", str(EXAMPLES / "vraag-639.txt"), "-o", str(path)])
    assert result.exit_code == 0
    return path.read_text(encoding="utf-8")


YAML_CASES = [
    (lambda b: LAUGHS + b, "aliases are expanded"),
    (lambda b: "deep: " + "[" * 200 + "]" * 200 + "\n" + b, "deeper"),
    (lambda b: b.replace("'2017-06-08'", "'0001-06-08'"), "not between 1990 and 2100"),
    (lambda b: b.replace("'2017-06-08'", "'9999-12-31'"), "not between 1990 and 2100"),
    (lambda b: b.replace("'2017-06-08'", "'2014-03-03garbage'"), "not a date as yyyy-mm-dd"),
    (lambda b: b + "joint: 5\n", "field 'joint' must be a list"),
    (lambda b: b.replace("- number: 1", "- number: true"), "subquestions[1].number"),
    (lambda b: b.replace("number: 639", "number: 0"), "number"),
    (lambda b: b.replace("Werk", "W\x01erk", 1), "control character U+0001"),
    (lambda b: b + "parameters: 5\n", "parameters"),
]


@pytest.mark.parametrize(("change", "says"), YAML_CASES)
def test_bad_question_files(tmp_path: Path, base_yaml: str, change, says: str) -> None:
    path = tmp_path / "vraag.yaml"
    path.write_text(change(base_yaml), encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["draft", str(path), "-o", str(tmp_path / "a.docx")])
    one_line_error(result, says)
    assert time.monotonic() - started < 10
    assert not (tmp_path / "a.docx").exists()


TEXT_CASES = [
    (lambda t: t.replace("Werk", "W\x02erk", 1), "control character U+0002"),
    (lambda t: re.sub(r"nr\. 639", "nr. 0", t), "question number 0"),
    (lambda t: t.replace("2017", "0001"), "not between 1990 and 2100"),
    (lambda t: t.replace("2017", "9999"), "not between 1990 and 2100"),
]


@pytest.mark.parametrize(("change", "says"), TEXT_CASES)
def test_bad_question_texts(tmp_path: Path, change, says: str) -> None:
    path = tmp_path / "vraag.txt"
    path.write_text(change(TEXT_639), encoding="utf-8")
    one_line_error(CliRunner().invoke(cli, ["parse", str(path)]), says)


def test_not_utf8_and_too_large(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(TEXT_639.replace("Werk", "Wérk").encode("latin-1", "replace"))
    one_line_error(CliRunner().invoke(cli, ["parse", str(latin)]), "not UTF-8", "line ")
    big = tmp_path / "big.txt"
    big.write_text("van x " * 500_000, encoding="utf-8")
    one_line_error(CliRunner().invoke(cli, ["parse", str(big)]), "bytes, more than")


def test_reading_is_linear(tmp_path: Path) -> None:
    """240 kB of "van x " took minutes when the author pattern was quadratic."""
    path = tmp_path / "vraag.txt"
    path.write_text("SCHRIFTELIJKE VRAAG\nnr. 5\n" + "van x " * 40_000, encoding="utf-8")
    started = time.monotonic()
    one_line_error(CliRunner().invoke(cli, ["parse", str(path)]))
    assert time.monotonic() - started < 10


def test_manifest_limits(tmp_path: Path) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(LAUGHS + "questions: []\n", encoding="utf-8")
    out = str(tmp_path / "o")
    one_line_error(CliRunner().invoke(cli, ["batch", str(manifest), "--out", out]), "aliases")
    manifest.write_bytes(b"questions:\n- file: caf\xe9.txt\n")
    one_line_error(CliRunner().invoke(cli, ["batch", str(manifest), "--out", out]), "not UTF-8")


@pytest.mark.parametrize(
    "document",
    ["{not json", "[]", '{"figure_sets": []}', '{"figure_sets": {"1/x": 5}}',
     '{"figure_sets": {"1/x": {"query": 5}}}', '{"question": [1]}'],
)  # fmt: skip
def test_malformed_provenance(tmp_path: Path, demo_db: Path, document: str) -> None:
    provenance = tmp_path / "a.provenance.json"
    provenance.write_text(document, encoding="utf-8")
    result = CliRunner().invoke(cli, ["reproduce", str(provenance), "--db", str(demo_db)])
    one_line_error(result, "provenance")
    draft = tmp_path / "a.docx"
    made = CliRunner().invoke(
        cli, ["draft", str(EXAMPLES / "vraag-639.txt"), "--db", str(demo_db), "-o", str(draft)]
    )
    assert made.exit_code == 0, made.output
    provenance.write_text(document, encoding="utf-8")  # over the one the draft wrote
    one_line_error(CliRunner().invoke(cli, ["check", str(draft)]), "provenance")


def test_query_file_not_utf8(tmp_path: Path, demo_db: Path) -> None:
    queries = tmp_path / "q"
    queries.mkdir()
    (queries / "staffing_range.sql").write_bytes(b"-- Caf\xe9.\nSELECT 1\n")
    result = CliRunner().invoke(
        cli, ["draft", str(EXAMPLES / "vraag-639.txt"), "--db", str(demo_db), "--queries",
              str(queries), "-o", str(tmp_path / "a.docx")],
    )  # fmt: skip
    one_line_error(result, "not UTF-8")


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_timeout_must_be_a_finite_positive_number(demo_db: Path, value: str) -> None:
    result = CliRunner().invoke(
        cli, ["draft", str(EXAMPLES / "vraag-639.txt"), "--db", str(demo_db), "--timeout", value]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.fixture
def figures_folder(tmp_path: Path, demo_db: Path) -> Path:
    folder = tmp_path / "cijfers"
    result = CliRunner().invoke(
        cli, ["figures", str(EXAMPLES / "vraag-639.txt"), "--db", str(demo_db), "-o", str(folder)]
    )
    assert result.exit_code == 0, result.output
    return folder


def test_huge_counts_and_rows_in_figure_files(tmp_path: Path, figures_folder: Path) -> None:
    csv_file = figures_folder / "staffing_range.csv"
    lines = csv_file.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    values = lines[1].split(",")
    values[header.index("months")] = "1" + "0" * 30
    csv_file.write_text("\n".join([lines[0], ",".join(values)]) + "\n", encoding="utf-8")
    question = str(EXAMPLES / "vraag-639.txt")
    draft = ["draft", question, "--figures", str(figures_folder), "-o", str(tmp_path / "a.docx")]
    result = CliRunner().invoke(cli, draft)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "too large for a figure" in result.output
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")  # back as it was
    contacts = figures_folder / "contacts_per_topic.csv"
    first = contacts.read_text(encoding="utf-8").splitlines()
    contacts.write_text("\n".join(first + first[1:2] * 20_000) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(cli, draft)
    assert result.exit_code == 1 and "more than 10,000 rows" in result.output
    assert time.monotonic() - started < 30


def test_os_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    for code, says in ((errno.EROFS, "read-only file system"), (errno.ENOSPC, "disk is full")):

        def fail(*args: object, _code: int = code, **kwargs: object) -> None:
            raise OSError(_code, "simulated")

        monkeypatch.setattr(tempfile, "mkstemp", fail)
        with pytest.raises(OutputError, match=says):
            write_text_atomically(tmp_path / "x.yaml", "x")
        monkeypatch.undo()
    (tmp_path / "a-file").write_text("in the way")
    with pytest.raises(OutputError, match="its folder cannot be made"):
        write_text_atomically(tmp_path / "a-file" / "a.docx", "x")


# Fuzzing from the parser through rendering: whatever the text, pqgen either drafts a document
# or says what is wrong in one PqgenError; nothing else escapes.

NOISE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=4
)


@pytest.fixture(scope="module")
def fuzz_source(demo_db: Path):
    source = DatabaseSource(str(demo_db), Workspace.from_options().query_dirs)
    yield source
    source.close()


@settings(
    max_examples=40,
    database=None,  # no .hypothesis folder in the repository: tests write only in tmp
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(position=st.integers(min_value=0, max_value=len(TEXT_639)), noise=NOISE)
def test_fuzzed_questions_draft_or_fail_cleanly(
    tmp_path: Path, fuzz_source: DatabaseSource, position: int, noise: str
) -> None:
    text = TEXT_639[:position] + noise + TEXT_639[position:]
    path = tmp_path / "vraag.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    workspace = Workspace.from_options()
    try:
        question = load_question(path)
        from pqgen.compose.fill import compose

        answer = compose(question, fuzz_source, workspace)
        assert document_bytes(answer, workspace, with_question=True)[:2] == b"PK"
    except PqgenError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize(
    "error",
    [
        PermissionError(errno.EACCES, "Permission denied", "/data/vraag.txt"),
        OSError(errno.EROFS, "Read-only file system", "/data/out.docx"),
        OSError(errno.ENOSPC, "No space left on device", "/data/out.docx"),
    ],
)
def test_os_errors_anywhere_are_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    import pqgen.question.load

    def fail(path: Path) -> None:
        raise error

    monkeypatch.setattr(pqgen.question.load, "load_question", fail)
    result = CliRunner().invoke(cli, ["parse", str(EXAMPLES / "vraag-639.txt")])
    message = one_line_error(result, str(error.filename), str(error.strerror))
    assert message.startswith("Error: /data/")


ALIASES_101 = "a: &a 1\nb: [" + ", ".join(["*a"] * 101) + "]\n"
ALIASES_100 = "a: &a 1\nb: [" + ", ".join(["*a"] * 99) + "]\nc: {<<: {x: *a}}\n"


@pytest.mark.parametrize(
    "text",
    [
        "questions:\n- previous: vraag.yaml\n  number: 5\n  date: '2020-01-02'\n",
        "base: &b {x: 1, y: [2, 3]}\nmore:\n  <<: *b\n  z: 4\n",
        ALIASES_100,
        ALIASES_101,
        LAUGHS,
        "deep: " + "[" * 60 + "]" * 60 + "\n",
        "deep: " + "[" * 2000 + "]" * 2000 + "\n",
        "self: &s [*s]\n",
        "questions: [unclosed\n",
        "a: 1\n---\nb: 2\n",
        "",
        "date: 2020-01-02\nflag: yes\nnothing: ~\n",
    ],
)
def test_yaml_read_by_libyaml_as_by_the_pure_loader(text: str) -> None:
    """Issue 14: libyaml reads what the pure-Python loader reads, with the same limits; what
    any limit refuses, or what is no valid YAML, gives the error it always gave."""
    import yaml

    from pqgen.question import limits

    def read(loader: object) -> object:
        original, limits._FAST_LOADER = limits._FAST_LOADER, loader
        try:
            return limits.safe_yaml(text, "m.yaml")
        except (PqgenError, yaml.YAMLError) as exc:
            return f"{type(exc).__name__}: {exc}"
        finally:
            limits._FAST_LOADER = original

    assert limits._FAST_LOADER is not None, "PyYAML without libyaml: nothing to compare"
    assert read(limits._FAST_LOADER) == read(None)
