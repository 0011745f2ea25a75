"""pqgen's benchmarks (`make bench`): measures, never a test.

(a) Drafting throughput: a batch of ANSWERS recurring questions on JOBS processes (figures pulled
    once, then drafted), against a naive baseline measured in the same run: one process, a fresh
    python-docx document built per answer with the same content.
(b) Figures from a demo database of ROWS contacts: for one answer on its own (cold: connecting
    included; warm: on an open connection), amortised over the batch, and the whole batch of
    ANSWERS drafted on that database.
(c) Peak memory of this process and of the worker processes.

Results go to .bench/results.json and a short table; the exit code is 1 when an aim is missed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import docx
import yaml

from pqgen.batch import BatchOptions, counts, read_manifest, run_batch
from pqgen.compose import templating
from pqgen.compose.answer import Answer, ListBlock, Paragraph, Table
from pqgen.compose.fill import compose
from pqgen.drafting import pull_figures
from pqgen.dutch import date
from pqgen.figures import demo as demo
from pqgen.figures.sources import DatabaseSource
from pqgen.question.load import load_question
from pqgen.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
QUESTION = ROOT / "examples" / "vraag-639.yaml"
AIMS = {
    "throughput_ratio": 2.0,  # batch answers/s over the naive baseline's
    "figures_one_answer_ms": 100.0,  # warm, on the large database
    "batch_large_db_s": 30.0,  # the whole batch on the large database
}


def build_database(path: Path, rows: int) -> float:
    """Build the demo database unless one of that size is there; the seconds it took."""
    marker = path.with_suffix(".rows")
    if path.exists() and marker.exists() and marker.read_text() == str(rows):
        return 0.0
    start = time.perf_counter()
    demo.write_duckdb(path, demo.demo_tables(rows))
    marker.write_text(str(rows))
    return time.perf_counter() - start


def write_manifest(folder: Path, answers: int) -> Path:
    """`answers` recurring questions: question 639 asked again on other days of 2015-2025."""
    questions = []
    for i in range(answers):
        year = 2015 + i % 11
        asked = dt.date(year, 1 + i % 12, 1 + i % 28)
        questions.append(
            {"previous": str(QUESTION), "number": 100_000 + i, "date": asked.isoformat()}
        )
    path = folder / "manifest.yaml"
    path.write_text(yaml.safe_dump({"questions": questions}), encoding="utf-8")
    return path


def timed_batch(manifest: Path, database: Path, out: Path, jobs: int) -> tuple[float, int]:
    workspace = Workspace.from_options()
    source = DatabaseSource(str(database), workspace.query_dirs)
    start = time.perf_counter()
    outcomes = run_batch(
        read_manifest(manifest), workspace, source, BatchOptions(out, jobs=jobs, force=True)
    )
    seconds = time.perf_counter() - start
    source.close()
    tally = counts(outcomes)
    if tally["failed"]:
        reasons = {o.reason for o in outcomes if o.status == "failed"}
        raise SystemExit(f"the benchmark batch failed: {sorted(reasons)[:3]}")
    return seconds, tally["drafted"]


def naive_document(answer: Answer, path: Path) -> None:
    """The baseline: what a script without pqgen's renderer would do, per answer."""
    document = docx.Document()
    q = answer.question
    for line in (q.minister, q.minister_title, "ANTWOORD"):
        document.add_paragraph().add_run(line).bold = True
    document.add_paragraph(f"op vraag nr. {q.number} van {date(q.date)}")
    document.add_paragraph(f"van {q.author}")
    for section in answer.sections:
        first = True
        for block in section.blocks:
            if isinstance(block, Paragraph):
                prefix = f"{section.number}.\t" if first else ""
                document.add_paragraph(prefix + block.text, style="Normal")
                first = False
            elif isinstance(block, ListBlock):
                for item in block.items:
                    document.add_paragraph("".join(r.text for r in item), style="List Bullet")
            elif isinstance(block, Table):
                rows = (block.header, *block.rows)
                table = document.add_table(rows=len(rows), cols=len(block.header))
                table.style = "Table Grid"
                for r, cells in enumerate(rows):
                    for c, runs in enumerate(cells):
                        table.cell(r, c).text = "".join(run.text for run in runs)
    document.save(str(path))


def naive_rate(database: Path, folder: Path, sample: int) -> float:
    """Answers per second of the naive baseline, over `sample` answers (composed beforehand, so
    only the building and saving of the documents is counted: the baseline gets the benefit)."""
    workspace = Workspace.from_options()
    source = DatabaseSource(str(database), workspace.query_dirs)
    base = load_question(QUESTION)
    answers = []
    for i in range(sample):
        asked = dt.date(2015 + i % 11, 1 + i % 12, 1 + i % 28)
        question = dataclasses.replace(base, number=100_000 + i, date=asked)
        answers.append(compose(question, source, workspace))
    source.close()
    start = time.perf_counter()
    for answer in answers:
        naive_document(answer, folder / f"naive-{answer.question.number}.docx")
    return sample / (time.perf_counter() - start)


def figures_timings(database: Path, repeats: int) -> dict[str, float]:
    """Milliseconds to pull the figures for one answer: cold (connecting included) and warm."""
    workspace = Workspace.from_options()
    base = load_question(QUESTION)
    templating.templates(workspace)  # read once, as any command does before its first query
    start = time.perf_counter()
    source = DatabaseSource(str(database), workspace.query_dirs)
    pull_figures(base, workspace, source)
    cold = (time.perf_counter() - start) * 1000
    warm = []
    for i in range(repeats):
        question = dataclasses.replace(base, date=dt.date(2015 + i % 11, 6, 8))
        source._cache.clear()  # every pull really runs the queries
        start = time.perf_counter()
        pull_figures(question, workspace, source)
        warm.append((time.perf_counter() - start) * 1000)
    source.close()
    return {"cold_ms": cold, "warm_ms": statistics.median(warm)}


def prefetch_seconds(manifest: Path, database: Path) -> float:
    from pqgen.batch import prefetch

    workspace = Workspace.from_options()
    items = read_manifest(manifest).items
    source = DatabaseSource(str(database), workspace.query_dirs)
    start = time.perf_counter()
    prefetch(items, workspace, source)
    seconds = time.perf_counter() - start
    source.close()
    return seconds


def peak_memory_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"main_process_mb": own, "largest_worker_mb": children}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--baseline-sample", type=int, default=200)
    parser.add_argument("--out", type=Path, default=ROOT / ".bench")
    args = parser.parse_args(argv)
    args.out.mkdir(exist_ok=True)

    results: dict[str, Any] = {"answers": args.answers, "jobs": args.jobs, "rows": args.rows}
    small_db, large_db = args.out / "demo.duckdb", args.out / f"demo-{args.rows}.duckdb"
    results["build_small_db_s"] = build_database(small_db, demo.DEFAULT_ROWS)
    results["build_large_db_s"] = build_database(large_db, args.rows)
    with tempfile.TemporaryDirectory(dir=args.out) as work:
        folder = Path(work)
        manifest = write_manifest(folder, args.answers)
        seconds, drafted = timed_batch(manifest, small_db, folder / "batch", args.jobs)
        results["batch_s"] = seconds
        results["batch_answers_per_s"] = drafted / seconds
        results["naive_answers_per_s"] = naive_rate(small_db, folder, args.baseline_sample)
        results["throughput_ratio"] = (
            results["batch_answers_per_s"] / results["naive_answers_per_s"]
        )

        timings = figures_timings(large_db, repeats=11)
        results["figures_one_answer_cold_ms"] = timings["cold_ms"]
        results["figures_one_answer_ms"] = timings["warm_ms"]
        prefetch_s = prefetch_seconds(manifest, large_db)
        results["figures_amortised_ms"] = prefetch_s * 1000 / args.answers
        seconds, _ = timed_batch(manifest, large_db, folder / "batch-large", args.jobs)
        results["batch_large_db_s"] = seconds
    results.update(peak_memory_mb())
    results["parse_startup_s"] = parse_startup_s()
    results["aims"] = {
        "throughput_ratio": results["throughput_ratio"] >= AIMS["throughput_ratio"],
        "figures_one_answer_ms": results["figures_one_answer_ms"] < AIMS["figures_one_answer_ms"],
        "batch_large_db_s": results["batch_large_db_s"] < AIMS["batch_large_db_s"],
    }
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results))
    return 0 if all(results["aims"].values()) else 1


def report(r: dict[str, Any]) -> str:
    def aim(key: str) -> str:
        return "ok" if r["aims"][key] else "MISSED"

    n, rows = r["answers"], f"{r['rows']:,}"
    lines = [
        f"(a) batch of {n} answers, {r['jobs']} processes: "
        f"{r['batch_answers_per_s']:.1f} answers/s ({r['batch_s']:.1f} s)",
        f"    naive baseline, 1 process:         {r['naive_answers_per_s']:.1f} answers/s",
        f"    ratio:                             {r['throughput_ratio']:.2f}x "
        f"(aim >= {AIMS['throughput_ratio']:g}x: {aim('throughput_ratio')})",
        f"(b) figures for one answer, {rows} rows: {r['figures_one_answer_ms']:.0f} ms "
        f"(aim < {AIMS['figures_one_answer_ms']:g} ms: {aim('figures_one_answer_ms')}); "
        f"cold, connecting included: {r['figures_one_answer_cold_ms']:.0f} ms",
        f"    amortised over the batch of {n}:  {r['figures_amortised_ms']:.1f} ms per answer",
        f"    batch of {n} on {rows} rows:  {r['batch_large_db_s']:.1f} s "
        f"(aim < {AIMS['batch_large_db_s']:g} s: {aim('batch_large_db_s')})",
        f"(c) peak memory: main process {r['main_process_mb']:.0f} MB, "
        f"largest worker {r['largest_worker_mb']:.0f} MB",
        f"(d) `pqgen parse` of a .txt, start to end: {r['parse_startup_s']:.2f} s "
        f"(aim < {PARSE_STARTUP_AIM_S:g} s: "
        f"{'ok' if r['parse_startup_s'] < PARSE_STARTUP_AIM_S else 'MISSED'})",
    ]
    return "\n".join(lines)


PARSE_STARTUP_AIM_S = 0.3


def parse_startup_s(repeats: int = 7) -> float:
    """Median wall time of `pqgen parse` on the reference .txt in a fresh interpreter."""
    import subprocess

    command = [sys.executable, "-m", "pqgen", "parse", str(QUESTION)]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
