"""pqgen's benchmarks (`make bench`): measures, never a test.

(a) Drafting throughput: batches of ROUND_ANSWERS recurring questions on JOBS processes (figures
    pulled, then drafted), against a naive baseline: one process, a fresh python-docx document
    built per answer with the same content. The machine is shared and noisy, so baseline and
    batch take turns (A B A B ...) for ROUNDS rounds; the ratio is the median of the rounds'
    ratios, with its spread. Likewise --jobs JOBS against --jobs 1.
(b) Figures from a demo database of ROWS contacts: for one answer on its own (cold: connecting
    included; warm: on an open connection), amortised over the batch, and the whole batch of
    ANSWERS drafted on that database.
(c) Where one answer's time goes: the median per stage (compose, markup, checks, the body, the
    comments, saving the zip, provenance, annex), and what python-docx took for the same .docx.
(d) Peak memory of this process and of the worker processes.

Results go to .bench/results.json with the machine (cores, CPU model, load average) and a short
table; the exit code is 1 when an aim is missed.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import os
import platform
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
from pqgen.compose.settings import DraftSettings
from pqgen.drafting import pull_figures
from pqgen.dutch import date
from pqgen.figures import demo as demo
from pqgen.figures.sources import DatabaseSource
from pqgen.question.load import load_question
from pqgen.question.model import Question
from pqgen.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
QUESTION = ROOT / "examples" / "vraag-639.yaml"
AIMS = {
    "throughput_ratio": 4.0,  # batch answers/s over the naive baseline's (median of rounds)
    "jobs_scaling": 1.8,  # --jobs JOBS answers/s over --jobs 1 (median of rounds)
    "figures_one_answer_ms": 50.0,  # warm, on the large database
    "batch_large_db_s": 30.0,  # the whole batch on the large database
}
STAGES = ("compose", "markup", "checks", "body", "comments", "zip", "provenance", "annex")


def build_database(path: Path, rows: int) -> float:
    """Build the demo database unless one of that size is there; the seconds it took."""
    marker = path.with_suffix(".rows")
    made = f"{rows} {json.dumps(demo.STORED_ORDER)}"  # a database stored otherwise is rebuilt
    if path.exists() and marker.exists() and marker.read_text() == made:
        return 0.0
    start = time.perf_counter()
    demo.write_duckdb(path, demo.demo_tables(rows))
    marker.write_text(made)
    return time.perf_counter() - start


def asked_on(i: int) -> dt.date:
    """The day the i-th recurring question was asked: other days of 2015-2025."""
    return dt.date(2015 + i % 11, 1 + i % 12, 1 + i % 28)


def write_manifest(folder: Path, answers: int, name: str = "manifest.yaml") -> Path:
    """`answers` recurring questions: question 639 asked again on other days of 2015-2025."""
    questions = [
        {"previous": str(QUESTION), "number": 100_000 + i, "date": asked_on(i).isoformat()}
        for i in range(answers)
    ]
    path = folder / name
    path.write_text(yaml.safe_dump({"questions": questions}), encoding="utf-8")
    return path


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the batch's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@dataclasses.dataclass
class Timed:
    seconds: float
    answers: int
    cpu_seconds: float  # of every process, so less sensitive to what else runs on the machine

    @property
    def rate(self) -> float:
        return self.answers / self.seconds

    @property
    def cpu_ms(self) -> float:
        return self.cpu_seconds * 1000 / self.answers


def timed_batch(manifest: Path, database: Path, out: Path, jobs: int) -> Timed:
    workspace = Workspace.from_options()
    source = DatabaseSource(str(database), workspace.query_dirs)
    cpu, start = cpu_seconds(), time.perf_counter()
    outcomes = run_batch(
        read_manifest(manifest), workspace, source, BatchOptions(out, jobs=jobs, force=True)
    )
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    source.close()
    tally = counts(outcomes)
    if tally["failed"]:
        reasons = {o.reason for o in outcomes if o.status == "failed"}
        raise SystemExit(f"the benchmark batch failed: {sorted(reasons)[:3]}")
    return Timed(seconds, tally["drafted"], cpu)


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


def recurring_questions(sample: int) -> list[Question]:
    base = load_question(QUESTION)
    return [dataclasses.replace(base, number=100_000 + i, date=asked_on(i)) for i in range(sample)]


def composed(database: Path, sample: int) -> list[Answer]:
    """`sample` answers, composed beforehand: the naive baseline only builds and saves them."""
    workspace = Workspace.from_options()
    with DatabaseSource(str(database), workspace.query_dirs) as source:
        return [compose(q, source, workspace) for q in recurring_questions(sample)]


def naive_rate(answers: list[Answer], folder: Path) -> Timed:
    """The naive baseline (composing not counted: the baseline gets the benefit)."""
    cpu, start = cpu_seconds(), time.perf_counter()
    for answer in answers:
        naive_document(answer, folder / f"naive-{answer.question.number}.docx")
    return Timed(time.perf_counter() - start, len(answers), cpu_seconds() - cpu)


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def interleaved(
    database: Path, folder: Path, answers: int, jobs: int, rounds: int, baseline_sample: int
) -> dict[str, Any]:
    """Rounds of naive baseline (A) and batch (B), in turn; and of --jobs 1 and --jobs `jobs`."""
    manifest = write_manifest(folder, answers, "rounds.yaml")
    sample = composed(database, baseline_sample)
    naive, batch, one, many, load = [], [], [], [], []
    for _ in range(rounds):
        load.append(round(os.getloadavg()[0], 2))
        naive.append(naive_rate(sample, folder))
        batch.append(timed_batch(manifest, database, folder / "rounds", jobs))
    for _ in range(rounds):
        one.append(timed_batch(manifest, database, folder / "rounds", 1))
        many.append(timed_batch(manifest, database, folder / "rounds", jobs))
    return {
        "load_average_per_round": load,
        "naive_answers_per_s": [t.rate for t in naive],
        "batch_answers_per_s": [t.rate for t in batch],
        "throughput_ratio": spread([b.rate / a.rate for a, b in zip(naive, batch, strict=True)]),
        "naive_cpu_ms_per_answer": [t.cpu_ms for t in naive],
        "batch_cpu_ms_per_answer": [t.cpu_ms for t in batch],
        "cpu_ratio": spread([a.cpu_ms / b.cpu_ms for a, b in zip(naive, batch, strict=True)]),
        "jobs_1_answers_per_s": [t.rate for t in one],
        "jobs_n_answers_per_s": [t.rate for t in many],
        "jobs_scaling": spread([b.rate / a.rate for a, b in zip(one, many, strict=True)]),
    }


def stage_costs(database: Path, folder: Path, sample: int) -> dict[str, float]:
    """Milliseconds per answer, median over `sample` answers, of each stage of drafting one
    (figures already pulled), and of the python-docx path the .docx took before."""
    from pqgen.compose import fill
    from pqgen.compose.checks import check_answer
    from pqgen.files import atomic_write
    from pqgen.output import docx as docx_output
    from pqgen.output import wordml
    from pqgen.output.annex import annex_path, write_annex
    from pqgen.output.provenance import write_provenance

    workspace = Workspace.from_options()
    source = DatabaseSource(str(database), workspace.query_dirs)
    questions = recurring_questions(sample)
    for question in questions:  # figures pulled, templates and house style read
        docx_output.docx_bytes(compose(question, source, workspace), workspace)
    # What is remembered per text (a template output's parse, the period readers' searches) is
    # forgotten: in the sample, as in a batch, only the texts that recur are not worked out again.
    from pqgen.compose import markup
    from pqgen.question import period

    for remembered in (markup._parsed, period._search, period._years, period._unclear):
        remembered.cache_clear()
    spent = {"markup": 0.0}
    parse = fill.parse_markup

    def timed_parse(text: str) -> Any:
        start = time.perf_counter()
        try:
            return parse(text)
        finally:
            spent["markup"] += time.perf_counter() - start

    found: dict[str, list[float]] = {name: [] for name in (*STAGES, "python_docx_before")}

    def clock(stage: str, start: float) -> float:
        now = time.perf_counter()
        found[stage].append((now - start) * 1000)
        return now

    fill.parse_markup = timed_parse  # type: ignore[assignment]
    try:
        for question in questions:
            spent["markup"] = 0.0
            t = time.perf_counter()
            answer = compose(question, source, workspace)
            t = clock("compose", t + spent["markup"])
            found["markup"].append(spent["markup"] * 1000)
            check_answer(answer, DraftSettings())
            t = clock("checks", t)
            comments = wordml.Comments(True)
            plain = docx_output.package(workspace, final=False, comments=False)
            assert plain is not None, "pqgen's own house style is written as XML directly"
            xml = plain.body.answer(answer, comments, with_question=False, annex=None)
            t = clock("body", t)
            package = docx_output.package(workspace, final=False, comments=bool(comments.made))
            assert package is not None
            made = package.comments_xml(comments) if comments.made else None
            t = clock("comments", t)
            data = package.zip(package.parts(answer, xml, made))
            path = folder / f"stage-{question.number}.docx"
            atomic_write(path, functools.partial(write_bytes, data=data))
            t = clock("zip", t)
            write_provenance(answer, path)
            t = clock("provenance", t)
            write_annex(answer, annex_path(path))
            t = clock("annex", t)
            document = docx_output.build_document(answer, docx_output.reference(workspace))
            atomic_write(path, document.save)
            clock("python_docx_before", t)
    finally:
        fill.parse_markup = parse  # type: ignore[assignment]
        source.close()
    return {name: statistics.median(values) for name, values in found.items()}


def write_bytes(path: str, data: bytes) -> None:
    Path(path).write_bytes(data)


def machine() -> dict[str, Any]:
    """The machine the numbers were measured on, and how busy it was."""
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "cpu_model": model,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


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
    parser.add_argument("--answers", type=int, default=1000, help="the batch on the large db")
    parser.add_argument(
        "--round-answers", type=int, default=1000, help="a batch of a round (issue 14's size)"
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--baseline-sample", type=int, default=100)
    parser.add_argument("--stage-sample", type=int, default=60)
    parser.add_argument("--out", type=Path, default=ROOT / ".bench")
    args = parser.parse_args(argv)
    args.out.mkdir(exist_ok=True)

    results: dict[str, Any] = {"answers": args.answers, "jobs": args.jobs, "rows": args.rows}
    results["round_answers"], results["rounds"] = args.round_answers, args.rounds
    results["machine"] = machine()
    small_db, large_db = args.out / "demo.duckdb", args.out / f"demo-{args.rows}.duckdb"
    results["build_small_db_s"] = build_database(small_db, demo.DEFAULT_ROWS)
    results["build_large_db_s"] = build_database(large_db, args.rows)
    with tempfile.TemporaryDirectory(dir=args.out) as work:
        folder = Path(work)
        results["stages_ms"] = stage_costs(small_db, folder, args.stage_sample)
        results.update(
            interleaved(
                small_db, folder, args.round_answers, args.jobs, args.rounds,
                args.baseline_sample,
            )
        )  # fmt: skip
        timings = figures_timings(large_db, repeats=11)
        results["figures_one_answer_cold_ms"] = timings["cold_ms"]
        results["figures_one_answer_ms"] = timings["warm_ms"]
        manifest = write_manifest(folder, args.answers)
        prefetch_s = prefetch_seconds(manifest, large_db)
        results["figures_amortised_ms"] = prefetch_s * 1000 / args.answers
        large = timed_batch(manifest, large_db, folder / "batch-large", args.jobs)
        results["batch_large_db_s"] = large.seconds
    results.update(peak_memory_mb())
    results["parse_startup_s"] = parse_startup_s()
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["aims"] = {
        "throughput_ratio": results["throughput_ratio"]["median"] >= AIMS["throughput_ratio"],
        "jobs_scaling": results["jobs_scaling"]["median"] >= AIMS["jobs_scaling"],
        "figures_one_answer_ms": results["figures_one_answer_ms"] < AIMS["figures_one_answer_ms"],
        "batch_large_db_s": results["batch_large_db_s"] < AIMS["batch_large_db_s"],
    }
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results))
    return 0 if all(results["aims"].values()) else 1


def report(r: dict[str, Any]) -> str:
    def aim(key: str) -> str:
        return "ok" if r["aims"][key] else "MISSED"

    def rates(values: list[float]) -> str:
        return " ".join(f"{v:.1f}" for v in values)

    m, ratio, scaling = r["machine"], r["throughput_ratio"], r["jobs_scaling"]
    cpu = r["cpu_ratio"]
    n, rows, jobs = r["answers"], f"{r['rows']:,}", r["jobs"]
    load = ", ".join(f"{x:g}" for x in m["load_average"])
    load_end = ", ".join(f"{x:g}" for x in m["load_average_at_end"])
    stages = r["stages_ms"]
    lines = [
        f"machine: {m['cores']} cores ({m['usable_cores']} usable), {m['cpu_model']}; "
        f"load average {load} at the start, {load_end} at the end",
        f"(a) {r['rounds']} rounds in turn, naive baseline (1 process) and a batch of "
        f"{r['round_answers']} answers on {jobs} processes, answers/s:",
        f"    load:  {rates(r['load_average_per_round'])} (1-minute load average as each began)",
        f"    naive: {rates(r['naive_answers_per_s'])}",
        f"    batch: {rates(r['batch_answers_per_s'])}",
        f"    ratio: median {ratio['median']:.2f}x (spread {ratio['min']:.2f}-{ratio['max']:.2f}) "
        f"(aim >= {AIMS['throughput_ratio']:g}x: {aim('throughput_ratio')})",
        f"    CPU ms per answer, all processes: naive {rates(r['naive_cpu_ms_per_answer'])}; "
        f"batch {rates(r['batch_cpu_ms_per_answer'])} (median {cpu['median']:.1f}x less, "
        f"spread {cpu['min']:.1f}-{cpu['max']:.1f}; other work on the machine disturbs this less)",
        f"    --jobs 1:  {rates(r['jobs_1_answers_per_s'])}",
        f"    --jobs {jobs}:  {rates(r['jobs_n_answers_per_s'])}",
        f"    scaling: median {scaling['median']:.2f}x "
        f"(spread {scaling['min']:.2f}-{scaling['max']:.2f}) "
        f"(aim >= {AIMS['jobs_scaling']:g}x: {aim('jobs_scaling')})",
        f"(b) figures for one answer, {rows} rows: {r['figures_one_answer_ms']:.0f} ms "
        f"(aim < {AIMS['figures_one_answer_ms']:g} ms: {aim('figures_one_answer_ms')}); "
        f"cold, connecting included: {r['figures_one_answer_cold_ms']:.0f} ms",
        f"    amortised over the batch of {n}:  {r['figures_amortised_ms']:.1f} ms per answer",
        f"    batch of {n} on {rows} rows:  {r['batch_large_db_s']:.1f} s "
        f"(aim < {AIMS['batch_large_db_s']:g} s: {aim('batch_large_db_s')})",
        "(c) one answer, ms (median): "
        + ", ".join(f"{name} {stages[name]:.1f}" for name in STAGES),
        f"    drafting it (all but annex): {sum(stages[s] for s in STAGES[:-1]):.1f} ms; "
        f"the same .docx through python-docx, as before: {stages['python_docx_before']:.1f} ms "
        f"(body, comments and zip now {stages['body'] + stages['comments'] + stages['zip']:.1f})",
        f"(d) peak memory: main process {r['main_process_mb']:.0f} MB, "
        f"largest worker {r['largest_worker_mb']:.0f} MB",
        f"(e) `pqgen parse` of a .txt, start to end: {r['parse_startup_s']:.2f} s "
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
