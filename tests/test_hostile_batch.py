"""Batches under stress: killed, run twice at once, out of disk, interrupted mid-query."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import pqgen.drafting as draft_module
from pqgen import batch as batch_module
from pqgen.batch import BatchOptions, read_manifest, run_batch
from pqgen.cli import cli
from pqgen.errors import OutputError
from pqgen.figures.sources import DatabaseSource
from pqgen.files import folder_lock
from pqgen.workspace import Workspace
from tests.test_batch import recurring, start_batch, summary_rows, write_manifest


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_batch(demo_db: Path, tmp_path: Path, sig: signal.Signals) -> None:
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc")
    command, out = start_batch(demo_db, tmp_path, 80)
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while time.monotonic() < deadline and process.poll() is None:
            workers = children(process.pid)
            if len(workers) >= 2 and list(out.glob("*.docx")):
                break
            time.sleep(0.05)
        assert workers, "the batch started no workers"
        os.kill(process.pid, sig)  # the main process only, as a supervisor would
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "workers outlived their batch"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)


def test_one_batch_per_folder(demo_db: Path, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, [recurring(6000, 2016)])
    out = tmp_path / "out"
    out.mkdir()
    (out / ".antwoord-1.docx.x.partial").write_text("another batch's file", encoding="utf-8")
    with folder_lock(out):
        result = CliRunner().invoke(
            cli, ["batch", str(manifest), "--out", str(out), "--db", str(demo_db), "--jobs", "1"]
        )
    assert result.exit_code == 1
    message = result.output.strip().splitlines()[-1]
    assert "another batch is drafting into this folder" in message
    assert f"pid {os.getpid()}" in message
    assert (out / ".antwoord-1.docx.x.partial").exists()  # the other batch's files untouched
    after = CliRunner().invoke(
        cli, ["batch", str(manifest), "--out", str(out), "--db", str(demo_db), "--jobs", "1"]
    )
    assert after.exit_code == 0, after.output


def test_full_disk_keeps_every_outcome(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = write_manifest(tmp_path, [recurring(6000 + i, 2016) for i in range(3)])
    out = tmp_path / "out"
    real_write = draft_module.atomic_write  # the .docx, written after its companions
    calls = {"n": 0}

    def disk_fills_up(path: Path, write: Callable[[str], object]) -> None:
        calls["n"] += 1
        if calls["n"] >= 2:
            raise OutputError(path, "cannot be written (the disk is full); left as it was")
        real_write(path, write)

    def summary_fails(path: Path, text: str) -> None:
        raise OutputError(path, "cannot be written (the disk is full); left as it was")

    monkeypatch.setattr(draft_module, "atomic_write", disk_fills_up)
    monkeypatch.setattr(batch_module, "write_text_atomically", summary_fails)
    result = CliRunner().invoke(
        cli, ["batch", str(manifest), "--out", str(out), "--db", str(demo_db), "--jobs", "1"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: ") and "the disk is full" in lines[-1]
    assert "batch-summary.csv" in lines[-1]
    assert sum(" drafted " in line for line in lines) == 1
    assert sum(" failed " in line for line in lines) == 2
    # A provenance file never stays without its draft.
    for provenance in out.glob("*.provenance.json"):
        assert provenance.with_name(provenance.name.replace(".provenance.json", ".docx")).exists()


def test_full_disk_while_drafting_is_in_the_summary(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = write_manifest(tmp_path, [recurring(6000 + i, 2016) for i in range(2)])
    out = tmp_path / "out"

    def no_space(path: Path, write: Callable[[str], object]) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(draft_module, "atomic_write", no_space)
    result = CliRunner().invoke(
        cli, ["batch", str(manifest), "--out", str(out), "--db", str(demo_db), "--jobs", "1"]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    rows = summary_rows(out)
    assert [r["status"] for r in rows] == ["failed", "failed"]
    assert all("No space left" in r["reason"] for r in rows)
    assert not list(out.glob("*.provenance.json"))


def test_ctrl_c_during_a_duckdb_query_is_an_interrupt(demo_db: Path, tmp_path: Path) -> None:
    """Not "RuntimeError: Query interrupted": the batch exits 130 as for any Ctrl-C."""
    queries = tmp_path / "q"
    queries.mkdir()
    (queries / "slow.sql").write_text(
        "-- A slow query.\n-- Returns one row:\n--   n  number  a sum\n"
        # Minutes of work if it is not interrupted: long, but never a hang.
        "SELECT SUM(a.range * b.range) AS n FROM range(1000000) a, range(100000) b\n",
        encoding="utf-8",
    )
    source = DatabaseSource(str(demo_db), [queries])
    source.engine  # noqa: B018 (connect before the timer starts)
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            source.fetch("slow", {})
        assert time.monotonic() - started < 10, "Ctrl-C waited for the query to end"
    finally:
        timer.cancel()
        source.close()


def test_a_worker_that_dies_fails_its_questions_not_the_batch(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 sweep: one worker killed (say by the out-of-memory killer) ended the batch with a
    BrokenProcessPool traceback and no summary. Now what was not drafted fails with the reason,
    the summary is written, and the same command again drafts the rest."""
    batch = batch_module
    real = batch._draft_next_chunk

    def dies_in_lane_one():  # the workers fork with it
        if batch._WORKER["lane"] == 1:
            os._exit(1)
        return real()

    dies_in_lane_one.__module__, dies_in_lane_one.__qualname__ = batch.__name__, real.__name__
    monkeypatch.setattr(batch, "_draft_next_chunk", dies_in_lane_one)
    manifest = write_manifest(tmp_path, [recurring(7000 + i, 2016 + i % 4) for i in range(40)])
    out = tmp_path / "out"
    workspace = Workspace.from_options()
    with DatabaseSource(str(demo_db), workspace.query_dirs) as source:
        outcomes = run_batch(read_manifest(manifest), workspace, source, BatchOptions(out, jobs=2))
    assert len(outcomes) == 40
    failed = [o for o in outcomes if o.status == "failed"]
    assert failed and all("a worker process stopped" in o.reason for o in failed)
    assert all(o.status in ("drafted", "failed") for o in outcomes)
    assert (out / "batch-summary.csv").exists()
    assert [p.name for p in out.glob(".*")] == [".pqgen-batch.lock"]  # nothing half-written

    monkeypatch.setattr(batch, "_draft_next_chunk", real)
    with DatabaseSource(str(demo_db), workspace.query_dirs) as source:
        again = run_batch(read_manifest(manifest), workspace, source, BatchOptions(out, jobs=2))
    assert {o.status for o in again} <= {"drafted", "skipped"}
    assert len(list(out.glob("antwoord-*.docx"))) == 40
