"""Batches: manifests, joint and recurring questions, due dates, figures pulled once, and runs
that are stopped and started again."""

from __future__ import annotations

import csv
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import hypothesis
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import strategies as st

from pqgen.batch import CHUNK, BatchOptions, Lanes, read_manifest, run_batch
from pqgen.cli import cli
from pqgen.figures import bulk
from pqgen.figures.sources import DatabaseSource
from pqgen.question.deadline import due_date
from pqgen.question.parse import parse_question
from pqgen.workspace import Workspace
from tests.conftest import EXAMPLES

MINISTERS = yaml.safe_load((EXAMPLES / "batch" / "manifest.yaml").read_text(encoding="utf-8"))[
    "ministers"
]


def test_due_date_skips_weekends_and_belgian_holidays() -> None:
    assert due_date(dt.date(2017, 6, 8)) == dt.date(2017, 7, 6)
    # Christmas and New Year's Day are not working days.
    assert due_date(dt.date(2024, 12, 16)) == dt.date(2025, 1, 15)
    # Ascension Day (30 May) and Whit Monday (10 June 2019).
    assert due_date(dt.date(2019, 5, 20)) == dt.date(2019, 6, 19)
    # Easter Monday 2024 (1 April) and Labour Day (1 May).
    assert due_date(dt.date(2024, 3, 29)) == dt.date(2024, 4, 29)
    assert due_date(dt.date(2024, 4, 15)) == dt.date(2024, 5, 15)


def test_joint_line_is_parsed_also_when_flattened() -> None:
    text = (EXAMPLES / "vraag-1174.txt").read_text(encoding="utf-8")
    for version in (text, " ".join(text.split())):
        question = parse_question(version)
        assert [(a.minister, a.number) for a in question.joint] == [
            ("Matthias Diependaele", 1174),
            ("Hilde Crevits", 412),
            ("Ben Weyts", 655),
            ("Zuhal Demir", 508),
            ("Jo Brouns", 233),
        ]
        assert question.subquestions[-1].text == (
            "Hoe tevreden zijn de bellers over de dienstverlening?"
        )


def write_manifest(folder: Path, questions: list[dict], ministers: dict | None = None) -> Path:
    path = folder / "manifest.yaml"
    data = {"ministers": ministers or MINISTERS, "questions": questions}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def recurring(number: int, year: int) -> dict:
    return {"previous": str(EXAMPLES / "vraag-639.txt"), "number": number, "date": f"{year}-05-14"}


def summary_rows(folder: Path) -> list[dict[str, str]]:
    with (folder / "batch-summary.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_example_manifests(demo_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for manifest in ("manifest.yaml", "manifest.csv"):
        out = tmp_path / manifest
        result = runner.invoke(
            cli,
            [
                "batch",
                str(EXAMPLES / "batch" / manifest),
                "--out",
                str(out),
                "--db",
                str(demo_db),
                "--jobs",
                "1",
            ],
        )
        assert result.exit_code == 0, result.output
        assert "0 failed" in result.output
        for row in summary_rows(out):
            assert row["status"] == "drafted"
            assert docx.Document(str(out / row["file"])).paragraphs


@pytest.mark.slow
def test_two_hundred_questions(demo_db: Path, tmp_path: Path) -> None:
    """195 recurring questions (five failing on purpose) and one joint question to five ministers:
    200 drafts in the summary."""
    questions: list[dict] = [recurring(10000 + i, 2015 + i % 10) for i in range(190)]
    questions += [
        {"file": "missing.txt"},  # no such file
        {"previous": str(EXAMPLES / "vraag-639.txt"), "number": 2001},  # no date
        {
            "previous": str(EXAMPLES / "vraag-639.txt"),
            "number": 10005,
            "date": "2020-01-10",
        },  # twice
        {
            "file": str(EXAMPLES / "vraag-639.txt"),
            "parameters": {"department": "Departement X"},
            "number": 2003,
        },
        {**recurring(2004, 2019), "date": "31 februari 2019"},  # no such date
    ]
    questions.append({"file": str(EXAMPLES / "vraag-1174.txt"), "coordinator": "Zuhal Demir"})
    manifest = read_manifest(write_manifest(tmp_path, questions))
    assert len(manifest.items) == 200

    workspace = Workspace.from_options()
    source = DatabaseSource(str(demo_db), workspace.query_dirs)
    out = tmp_path / "out"
    outcomes = run_batch(manifest, workspace, source, BatchOptions(out, jobs=2))
    source.close()

    rows = summary_rows(out)
    assert len(rows) == len(outcomes) == 200
    assert [p.name for p in out.glob(".*")] == [".pqgen-batch.lock"]  # no temporary file left
    failed = {row["row"]: row["reason"] for row in rows if row["status"] == "failed"}
    assert set(failed) == {"191", "192", "193", "195"}
    assert "missing.txt: no such file" in failed["191"]
    assert "needs its own 'number' and 'date'" in failed["192"]
    assert "number 10005 is in the manifest twice" in failed["193"]
    assert "date" in failed["195"]
    # An unknown department is no failure: the draft says what the checks found.
    unknown = next(row for row in rows if row["row"] == "194")
    assert unknown["status"] == "drafted" and int(unknown["checks_failed"]) > 0
    assert len([r for r in rows if r["status"] == "drafted"]) == 196

    joint = [row for row in rows if row["row"] == "196"]
    assert [(r["number"], r["kind"]) for r in joint] == [
        ("508", "answer"), ("1174", "referral"), ("412", "referral"),
        ("655", "referral"), ("233", "referral"),
    ]  # fmt: skip
    assert {r["due_date"] for r in joint} == {"2025-03-31"}
    referral = [p.text for p in docx.Document(str(out / "antwoord-412.docx")).paragraphs if p.text]
    assert referral[:5] == [
        "HILDE CREVITS",
        "VLAAMS MINISTER VAN WELZIJN EN ARMOEDEBESTRIJDING, CULTUUR EN GELIJKE KANSEN",
        "ANTWOORD",
        "op vraag nr. 412 van 3 maart 2025",
        "van ANNE LANSEN",
    ]
    assert referral[5] == (
        "Voor het antwoord op deze vraag verwijs ik naar het antwoord van minister Zuhal Demir "
        "op vraag nr. 508 van 3 maart 2025."
    )
    coordinated = [
        p.text for p in docx.Document(str(out / "antwoord-508.docx")).paragraphs if p.text
    ]
    assert coordinated[:4] == [
        "ZUHAL DEMIR",
        "VLAAMS MINISTER VAN ONDERWIJS, JUSTITIE EN WERK",
        "ANTWOORD",
        "op vraag nr. 508 van 3 maart 2025",
    ]

    recurring_row = next(row for row in rows if row["number"] == "10003")
    assert recurring_row["due_date"] == due_date(dt.date(2018, 5, 14)).isoformat()
    header = [
        p.text
        for p in docx.Document(str(out / "antwoord-10003.docx")).sections[0].header.paragraphs
    ]
    assert "Uiterste antwoorddatum: 12 juni 2018" in header


@pytest.mark.slow
def test_figures_are_pulled_once_per_distinct_set(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[str] = []
    original = DatabaseSource._run

    def counting(self, query, *args):
        runs.append(query.name)
        return original(self, query, *args)

    monkeypatch.setattr(DatabaseSource, "_run", counting)
    statements: list[str] = []
    original_bulk = bulk.pull_bulk

    def counting_bulk(query, params, source):  # several sets in one statement
        runs.extend([query.name] * len(params))
        statements.append(query.name)
        return original_bulk(query, params, source)

    monkeypatch.setattr(bulk, "pull_bulk", counting_bulk)
    questions = [recurring(3000 + i, 2018) for i in range(30)] + [
        recurring(4000 + i, 2019) for i in range(30)
    ]
    manifest = read_manifest(write_manifest(tmp_path, questions))
    workspace = Workspace.from_options()
    source = DatabaseSource(str(demo_db), workspace.query_dirs)
    run_batch(manifest, workspace, source, BatchOptions(tmp_path / "out", jobs=1))
    source.close()
    # Two asked years, five figure sets each (contacts for the period and the one before,
    # staffing, trained agents on the question's date, satisfaction), and the two sets that
    # are compared with the answer to 639 (contacts and satisfaction for 2014-2016), once for
    # all sixty questions - not sixty times seven.
    assert runs.count("contacts_per_topic") == 5
    assert len(runs) == 12
    # The sets of a query that returns one row come in one statement per query file.
    assert sorted(statements) == ["staffing_range", "trained_agents"]


def test_workers_pull_the_sets_of_questions_asked_on_one_day_together(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: the manifest mixes four asking days. Chunks that keep each day together have
    the workers pull fewer figure sets than chunks in manifest order (each worker then needs
    every day's sets), and a worker pulls no set twice."""
    from pqgen import batch

    log = tmp_path / "pulled.txt"  # the workers are other processes: they write it down
    one_by_one, in_bulk = DatabaseSource._run, bulk.pull_bulk

    def write(name: str, bound: dict) -> None:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {name} {sorted(bound.items())}\n")

    def logging_run(self, query, statement, bound):
        write(query.name, bound)
        return one_by_one(self, query, statement, bound)

    def logging_bulk(query, params, source):
        for bound in params:
            write(query.name, bound)
        return in_bulk(query, params, source)

    def pulls(out: Path) -> list[str]:
        log.unlink(missing_ok=True)
        manifest = read_manifest(write_manifest(tmp_path, questions))
        workspace = Workspace.from_options()
        with DatabaseSource(str(demo_db), workspace.query_dirs) as source:
            outcomes = run_batch(manifest, workspace, source, BatchOptions(out, jobs=2))
        assert [o.status for o in outcomes] == ["drafted"] * len(questions)
        return log.read_text(encoding="utf-8").splitlines()

    monkeypatch.setattr(DatabaseSource, "_run", logging_run)
    monkeypatch.setattr(bulk, "pull_bulk", logging_bulk)
    questions = [recurring(6000 + i, 2016 + i % 4) for i in range(40)]
    together = pulls(tmp_path / "together")
    assert len({line.split()[0] for line in together}) == 2  # both workers pulled
    assert len(set(together)) == len(together)  # none twice by one worker
    monkeypatch.setattr(batch, "_affinity", lambda item: item.row)  # manifest order
    assert len(together) < len(pulls(tmp_path / "in-order"))


@hypothesis.settings(deadline=None)  # shared memory is slow to set up the first time
@hypothesis.given(
    count=st.integers(min_value=0, max_value=1_000),
    jobs=st.integers(min_value=1, max_value=8),
    turns=st.lists(st.integers(min_value=0, max_value=7), max_size=200),
)
def test_lanes_hand_out_every_question_once_in_any_order(
    count: int, jobs: int, turns: list[int]
) -> None:
    """A worker starts at the front of its own lane; whichever asks next (`turns`, then each in
    turn), every position is drafted once, and a worker is told there is nothing left (and
    stops asking) only when every lane is empty; no chunk is larger than CHUNK, and a lane has
    two chunks at least."""
    order = list(reversed(range(count)))  # as `_affinity` might sort them
    lanes = Lanes(order, jobs)
    workers = [lanes.join() for _ in range(jobs)]
    assert sorted(workers) == list(range(jobs))
    assert sum(len(lanes.left(w)) for w in workers) == count  # lanes of even length
    assert max(len(lanes.left(w)) for w in workers) - min(len(lanes.left(w)) for w in workers) <= 1
    assert 1 <= lanes.size <= CHUNK
    if count >= 2 * jobs:
        assert lanes.size <= -(-count // jobs // 2) + 1
    taken: list[int] = []
    for worker in workers:  # every worker's first chunk is the front of its lane
        front = lanes.left(worker)
        chunk = lanes.take(worker)
        assert chunk == front[: len(chunk)] if front else True
        taken += chunk
    asking = [t % jobs for t in turns]
    while asking:
        worker = asking.pop(0)
        chunk = lanes.take(worker)
        assert len(chunk) <= lanes.size
        if not chunk:
            assert all(lanes.left(w) == [] for w in workers)
            continue
        taken += chunk
        asking.append(worker)  # a worker that got a chunk asks again
    for worker in workers:  # until the lanes are empty
        while chunk := lanes.take(worker):
            taken += chunk
    assert sorted(taken) == sorted(order)
    assert all(lanes.left(w) == [] and lanes.take(w) == [] for w in workers)


def test_an_error_from_a_worker_reaches_the_main_process_whole() -> None:
    """A PqgenError crosses from a worker by pickle; subclasses take other arguments than the
    message, so unpickling them used to fail ("a result failed to unpickle")."""
    import pickle

    from pqgen.errors import OutputError, TemplateError

    for error in (
        OutputError(Path("out"), "cannot be written to (the disk is full)", hint="free space"),
        TemplateError("personeel", "front matter is not valid YAML", line=3),
    ):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)
        assert again.__dict__ == error.__dict__


def test_lanes_hand_out_nothing_once_stopped() -> None:
    lanes = Lanes(list(range(50)), 2)
    assert lanes.take(lanes.join())
    lanes.stop()  # Ctrl-C: the requests waiting in a worker's queue take nothing
    assert lanes.take(0) == [] and lanes.take(1) == []
    assert lanes.left(0) and lanes.left(1)  # what was not begun is not drafted


def test_a_batch_looks_each_query_file_up_once(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: drafting looked every query file up again for each figure set of each answer
    (about 24 stat calls per answer); within a batch the files do not change."""
    from pqgen.figures import queries

    looked_up: list[str] = []
    real = queries.find_query

    def counting(name, *args, **kwargs):
        looked_up.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(queries, "find_query", counting)
    manifest = read_manifest(
        write_manifest(tmp_path, [recurring(9000 + i, 2018) for i in range(20)])
    )
    workspace = Workspace.from_options()
    with DatabaseSource(str(demo_db), workspace.query_dirs) as source:
        outcomes = run_batch(manifest, workspace, source, BatchOptions(tmp_path / "out", jobs=1))
    assert [o.status for o in outcomes] == ["drafted"] * 20
    # Once to plan and pull (per source), once to draft: not once per answer.
    assert max(looked_up.count(name) for name in set(looked_up)) <= 3, sorted(looked_up)


def test_rerun_skips_what_is_there_and_force_redoes_it(demo_db: Path, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, [recurring(5000 + i, 2018) for i in range(3)])
    out = tmp_path / "out"
    args = ["batch", str(manifest), "--out", str(out), "--db", str(demo_db), "--jobs", "1"]
    runner = CliRunner()
    assert "3 drafted" in runner.invoke(cli, args).output
    assert "0 drafted, 3 skipped" in runner.invoke(cli, args).output
    assert "3 drafted, 0 skipped" in runner.invoke(cli, [*args, "--force"]).output


def test_joint_question_without_coordinator_or_title(demo_db: Path, tmp_path: Path) -> None:
    joint = str(EXAMPLES / "vraag-1174.txt")
    manifest = write_manifest(
        tmp_path,
        [{"file": joint}, {"file": joint, "coordinator": "Hilde Crevits", "number": 9}],
        ministers={"Hilde Crevits": "Vlaams minister van Welzijn"},
    )
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(manifest),
            "--out",
            str(tmp_path / "out"),
            "--db",
            str(demo_db),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 1
    rows = summary_rows(tmp_path / "out")
    assert "name the coordinating minister in 'coordinator'" in rows[0]["reason"]
    by_minister = {r["minister"]: r for r in rows[1:]}
    assert by_minister["HILDE CREVITS"]["status"] == "drafted"
    assert by_minister["MATTHIAS DIEPENDAELE"]["status"] == "drafted"  # the question's own minister
    assert "no title for minister Ben Weyts" in by_minister["BEN WEYTS"]["reason"]


def test_csv_row_with_bad_parameters_fails_alone(demo_db: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    question = EXAMPLES / "vraag-639.txt"
    manifest.write_text(
        f"file,number,parameters\n{question},,\n{question},640,{{department: x}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["batch", str(manifest), "--out", str(out), "--db", str(demo_db), "--jobs", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    rows = summary_rows(out)
    assert [r["status"] for r in rows] == ["drafted", "failed"]
    assert "'parameters' is not a JSON object" in rows[1]["reason"]


def test_bad_manifest(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "m.yaml"
    bad.write_text("questions: [unclosed\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "m.yaml: not valid YAML: line 2, column 1: expected ',' or ']'" in result.output
    # A date that is no day in the calendar is a mistake in the text, with its line (it crashed).
    bad.write_text("questions:\n  - number: 5\n    date: 2018-02-30\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and result.output.strip().splitlines()[-1] == (
        f"Error: {bad}: not valid YAML: line 3, column 11: 2018-02-30 is no date in the "
        "calendar (day is out of range for month)"
    )
    question = tmp_path / "q.yaml"
    question.write_text("number: 7\ndate: 2019-13-01\n", encoding="utf-8")
    bad.write_text(f"questions:\n  - file: {question}\n", encoding="utf-8")
    row = read_manifest(bad).items[0]
    assert row.error == (
        f"{question}: not valid YAML: line 2, column 7: 2019-13-01 is no date in the calendar "
        "(month must be in 1..12)"
    )
    bad.write_text("vragen: []\n", encoding="utf-8")
    result = runner.invoke(cli, ["batch", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no list 'questions:'" in result.output
    result = runner.invoke(
        cli, ["batch", str(tmp_path / "none.yaml"), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1 and "no such file" in result.output


def start_batch(demo_db: Path, tmp_path: Path, questions: int) -> tuple[list[str], Path]:
    """The command line of a batch of `questions` recurring questions, and its output folder."""
    manifest = write_manifest(
        tmp_path, [recurring(6000 + i, 2015 + i % 8) for i in range(questions)]
    )
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pqgen", "batch", str(manifest), "--out", str(out),
               "--db", str(demo_db), "--jobs", "2"]  # fmt: skip
    return command, out


def stop_after(process: subprocess.Popen, out: Path, drafts: int, sig: signal.Signals) -> None:
    """Send `sig` to the batch and its workers once `drafts` drafts are there."""
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.docx"))) < drafts and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.05)
    os.killpg(process.pid, sig)


@pytest.mark.slow
def test_killed_batch_leaves_no_broken_file_and_finishes_on_rerun(
    demo_db: Path, tmp_path: Path
) -> None:
    command, out = start_batch(demo_db, tmp_path, 80)
    # Its own session, so the kill reaches the worker processes too, as a kill of a terminal would.
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    stop_after(process, out, 10, signal.SIGKILL)
    process.wait()
    drafted = sorted(out.glob("antwoord-*.docx"))
    assert 10 <= len(drafted) < 80, len(drafted)
    for path in drafted:
        docx.Document(str(path))  # every draft that is there is whole
        assert path.with_name(path.stem + ".provenance.json").exists()

    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"{80 - len(drafted)} drafted, {len(drafted)} skipped, 0 failed" in result.stdout
    assert len(list(out.glob("antwoord-*.docx"))) == 80
    assert not list(out.glob(".*.partial")) and not list(out.glob(".pqgen-scratch-*"))
    assert len(summary_rows(out)) == 80


@pytest.mark.slow
def test_ctrl_c_stops_cleanly(demo_db: Path, tmp_path: Path) -> None:
    command, out = start_batch(demo_db, tmp_path, 80)
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    stop_after(process, out, 5, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Interrupted" in stderr and "Traceback" not in stderr
    for path in out.glob("antwoord-*.docx"):
        docx.Document(str(path))


def test_figures_that_fail_fail_their_question_alone_in_any_wave(
    demo_db: Path, tmp_path: Path
) -> None:
    questions = [recurring(5000 + i, 2016 + i % 5) for i in range(40)]
    for i in (1, 33):  # in the first wave and in a later one
        questions[i]["parameters"] = {"reference_date": "geen datum"}
    manifest = read_manifest(write_manifest(tmp_path, questions))
    workspace = Workspace.from_options()
    with DatabaseSource(str(demo_db), workspace.query_dirs) as source:
        outcomes = run_batch(manifest, workspace, source, BatchOptions(tmp_path / "out", jobs=2))
    failed = {o.item.number: o.reason for o in outcomes if o.status == "failed"}
    assert set(failed) == {5001, 5033}
    assert "parameter 'reference_date' must be date" in failed[5001]
    assert sum(o.status == "drafted" for o in outcomes) == 38
    assert [o.item.number for o in outcomes] == [5000 + i for i in range(40)]


def test_a_question_file_is_read_once_per_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A yearly series names the same file in every row: it is read once, and every row gets
    its own number and date (issue 14: reading it per row was a third of the main process)."""
    from pqgen import manifest as manifest_module

    read: list[Path] = []
    real = manifest_module.load_question

    def counting(path: Path) -> object:
        read.append(path)
        return real(path)

    monkeypatch.setattr(manifest_module, "load_question", counting)
    rows = [recurring(7000 + i, 2015 + i) for i in range(4)]
    rows.append({"file": str(EXAMPLES / "vraag-412.yaml")})
    items = read_manifest(write_manifest(tmp_path, rows)).items
    assert sorted(map(str, read)) == sorted(
        [str(EXAMPLES / "vraag-639.txt"), str(EXAMPLES / "vraag-412.yaml")]
    )
    assert [i.number for i in items] == [7000, 7001, 7002, 7003, 412]
    assert [i.question.date.year for i in items[:4] if i.question] == [2015, 2016, 2017, 2018]
    assert not any(i.error for i in items)


def test_a_question_is_planned_once_for_its_figures_and_its_draft(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14: the worker that pulls a question's figures plans it for that and drafts it by
    the same plan, without planning again. A plan for other sub-questions is not used."""
    from pqgen.compose import fill
    from pqgen.compose.plan import plan
    from pqgen.compose.templating import templates
    from pqgen.question.load import load_question

    log = tmp_path / "planned.txt"  # the workers are other processes: they write it down

    def counting(question, *args, **kwargs):
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{question.number}\n")
        return plan(question, *args, **kwargs)

    monkeypatch.setattr(fill, "plan", counting)  # the workers fork with it
    manifest = write_manifest(tmp_path, [recurring(8000 + i, 2015 + i) for i in range(6)])
    workspace = Workspace.from_options()
    with DatabaseSource(str(demo_db), workspace.query_dirs) as source:
        outcomes = run_batch(
            read_manifest(manifest), workspace, source, BatchOptions(tmp_path / "out", jobs=2)
        )
        assert [o.status for o in outcomes] == ["drafted"] * 6
        first, second = (load_question(EXAMPLES / "vraag-639.txt") for _ in range(2))
        steps = plan(first, templates(workspace))
        fill.compose(second, source, workspace, steps=steps)
    planned = log.read_text(encoding="utf-8").split() if log.exists() else []
    assert planned == [str(second.number)]  # not in the workers; again for other sub-questions
