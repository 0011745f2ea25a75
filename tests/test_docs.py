"""The docs are tested: every console example runs and prints what the docs show.

A ```console block holds commands (lines starting with "$ ") each followed by the output the docs
promise. In the promised output, "…" stands for any text within a line, and a line "..." for any
number of lines. The examples of one file run in order, in one fresh folder holding a copy of
examples/, as a new user would run them one after the other. Every filter and every column type
is documented, and the documented query header and template front matter are valid.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pqgen.compose import filters, tables
from pqgen.compose.templating import read_template
from pqgen.figures.columns import COLUMN_TYPES
from pqgen.figures.queries import read_query
from tests.conftest import REPO

DOCS = ("README.md", "templates/README.md", "queries/README.md")
# Examples that need what a test run does not have; each says why it is not run here.
NOT_RUN = {
    "postgresql://": "needs a PostgreSQL server with the documented password (tests/test_databases "
    "runs the same commands on the CI server)",
    "ingevuld-639.xlsx": "needs a workbook a department filled in (tests/test_workbooks does this)",
}


@dataclass(frozen=True)
class Example:
    doc: str
    line: int
    command: str
    expected: tuple[str, ...]


def examples(doc: str) -> list[Example]:
    """The console examples of `doc`, in order."""
    found: list[Example] = []
    lines = (REPO / doc).read_text(encoding="utf-8").splitlines()
    inside = False
    current: list[str] = []
    start = 0
    command = ""

    def close() -> None:
        if command:
            found.append(Example(doc, start, command, tuple(current)))

    for number, line in enumerate(lines, start=1):
        if line.startswith("```"):
            if inside:
                close()
                command = ""
            inside = line.strip() == "```console"
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            close()
            command, current, start = line[2:].split("  #")[0].strip(), [], number
        elif command:
            current.append(line)
    return found


def matches(expected: tuple[str, ...], output: str) -> bool:
    """Whether `output` is what `expected` promises ("…" any text, "..." any lines)."""
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = [re.escape(piece) for piece in line.rstrip().split("…")]
            parts.append(r"[^\n]*?".join(pieces) + r"[ \t]*\n")
    if not output:
        return not expected
    text = output if output.endswith("\n") else output + "\n"
    return re.fullmatch("".join(parts), text) is not None


def run(example: Example, folder: Path) -> subprocess.CompletedProcess[str]:
    words = shlex.split(example.command)
    assert words[0] == "pqgen", f"{example.doc}:{example.line}: only pqgen commands are run"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PQGEN_")}
    return subprocess.run(
        [sys.executable, "-m", "pqgen", *words[1:]],
        cwd=folder,
        env={**env, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
@pytest.mark.parametrize("doc", DOCS)
def test_console_examples_print_what_the_docs_show(doc: str, tmp_path: Path) -> None:
    # LibreOffice is always there in CI (.ci/run installs it); elsewhere --pdf examples may skip.
    has_soffice = bool(os.environ.get("CI") or shutil.which("soffice"))
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    ran = 0
    for example in examples(doc):
        if any(marker in example.command for marker in NOT_RUN):
            continue
        if "--pdf" in example.command and not has_soffice:
            continue
        result = run(example, tmp_path)
        # The docs show what a user reads: errors (stderr) where they promise one, else stdout
        # (a progress bar goes to stderr).
        output = result.stdout
        if any(line.startswith("Error:") for line in example.expected):
            assert result.returncode == 1, f"{doc}:{example.line}: an error must exit 1"
            output = result.stderr
        assert matches(example.expected, output), (
            f"{doc}:{example.line}: `{example.command}` printed\n{output}\n"
            f"but the docs show\n" + "\n".join(example.expected)
        )
        ran += 1
    if doc == "README.md":
        assert ran >= 8


def test_matching_rules() -> None:
    assert matches(("a …z", "...", "end"), "a to z\nmore\nlines\nend\n")
    assert matches(("a", "...", "b"), "a\nb\n")
    assert not matches(("a",), "a\nb\n")
    assert not matches(("x …z",), "a to z\n")
    assert matches((), "") and not matches(("a",), "")


def test_every_filter_and_function_is_documented() -> None:
    text = (REPO / "templates" / "README.md").read_text(encoding="utf-8")
    for name in [*filters.FILTERS, *tables.FILTERS, *filters.GLOBALS, "placeholder", "chart"]:
        assert re.search(rf"\b{re.escape(name)}\b", text), f"templates/README.md lacks '{name}'"


def test_every_column_type_is_documented() -> None:
    text = (REPO / "queries" / "README.md").read_text(encoding="utf-8")
    for name in COLUMN_TYPES:
        assert f"| `{name}` |" in text, f"queries/README.md lacks column type '{name}'"


def _block(doc: str, language: str) -> str:
    text = (REPO / doc).read_text(encoding="utf-8")
    m = re.search(rf"```{language}\n(.*?)```", text, re.DOTALL)
    assert m, f"{doc} has no ```{language} block"
    return m.group(1)


def test_documented_query_header_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "documented.sql"
    path.write_text(_block("queries/README.md", "sql"), encoding="utf-8")
    query = read_query(path)
    assert [c.name for c in query.columns if c.key] == ["year", "topic"]
    assert [p.name for p in query.parameters]


def test_documented_front_matter_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "documented.md.j2"
    path.write_text(_block("templates/README.md", "jinja") + "\ntekst\n", encoding="utf-8")
    template = read_template(path)
    assert template.figures


def test_python_api_example_runs(demo_db: Path, tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    shutil.copy(demo_db, tmp_path / "pqgen-demo.duckdb")
    code = _block("README.md", "python")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "1 contacten-per-onderwerp",
        "2 personeel",
        "3 evaluatie-tevredenheid",
    ]
    assert "2 placeholders" in result.stdout
    assert (tmp_path / "out" / "antwoord-639.docx").is_file()


def test_api_is_documented() -> None:
    import pqgen

    assert pqgen.__doc__ and "Python API" not in pqgen.__doc__.splitlines()[0]
    for name in pqgen.__all__:
        assert getattr(pqgen, name).__doc__, f"pqgen.{name} has no docstring"


def _readme_templates() -> dict[str, str]:
    """The README's list of built-in templates: name -> the example question it gives."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("The built-in templates answer", 1)[1].split("\n\n", 2)[1]
    items = re.findall(r"^- `([\w-]+)`: (.*?)(?=^- `|\Z)", section, re.M | re.S)
    return {name: (re.findall(r'\("([^"]+)"\)', " ".join(body.split())) or [""])[0]
            for name, body in items}  # fmt: skip


def test_readme_lists_every_builtin_template_with_a_question_it_answers(tmp_path: Path) -> None:
    from pqgen.compose.plan import plan
    from pqgen.compose.templating import templates
    from pqgen.question.load import load_question
    from pqgen.workspace import Workspace

    workspace = Workspace.from_options()
    listed = _readme_templates()
    builtin = {p.name.removesuffix(".md.j2") for p in (REPO / "templates").glob("[!_]*.md.j2")}
    assert set(listed) == builtin
    for name, asked in listed.items():
        if name == "verwijzing":  # written for the other ministers of a joint question
            continue
        assert asked, f"README gives no example question for {name}"
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            "number: 1\nauthor: A\ndate: '2025-02-14'\nminister: M\nminister_title: T\n"
            "title: Vlaamse Infolijn 1700 - Departement Werk en Sociale Economie\n"
            f"subquestions:\n- number: 1\n  text: {asked!r}\n",
            encoding="utf-8",
        )
        step, *rest = plan(load_question(path), templates(workspace))
        assert step.template is not None and step.template.name == name, (name, step.reason)
        # a second ask of the same sentence is written by the same template
        assert all(later.covered_by == step.label for later in rest), name
