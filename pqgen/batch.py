"""Batches: draft a whole series of questions in one run.

A manifest (see `pqgen.manifest`) lists the questions, read into items: answers, and the
referring answers of joint questions.

The run is safe to stop and to repeat: the questions, in order of the day they were asked, are
shared out in lanes to `jobs` worker processes (forked with the items, the templates and the
house style), each of which plans its lane, pulls the figures it needs (each distinct set once
per worker, in bulk) and writes the drafts chunk by chunk, each file atomically; on one process
the same happens in the main process, for all questions at once. A draft that is already there
is skipped unless `force`; one question that fails never stops the others.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import csv
import datetime as dt
import functools
import gc
import io
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pqgen.compose import templating
from pqgen.compose.fill import compose, compose_referral
from pqgen.compose.settings import DraftSettings
from pqgen.compose.step import Step
from pqgen.drafting import planned_requests, write_answer
from pqgen.errors import OutputError, PqgenError, SummaryNotWritten
from pqgen.figures import bulk, queries
from pqgen.figures.model import FigureRequest, FigureSet, figure_key
from pqgen.figures.queries import QueryFile
from pqgen.figures.sources import DatabaseSource, StoredSource
from pqgen.files import folder_lock, remove_partial_files, scratch_folder, write_text_atomically
from pqgen.manifest import Item, Manifest, read_manifest
from pqgen.output import docx as docx_output
from pqgen.question.deadline import due_date
from pqgen.workspace import Workspace

__all__ = ["BatchOptions", "Outcome", "counts", "read_manifest", "run_batch"]

SUMMARY_NAME = "batch-summary.csv"
SUMMARY_COLUMNS = (
    "row", "number", "minister", "kind", "status", "file", "placeholders", "checks_failed",
    "due_date", "reason",
)  # fmt: skip
CHUNK = 200  # the most items a worker drafts before it returns their outcomes
LAST_CHUNK = 10  # the fewest, but for what is left at the end of a lane
PREFETCH_AHEAD = 1000  # items of its lane a worker plans and pulls for beyond its chunk
WORKER_DIED = (
    "a worker process stopped (killed, or out of memory) before this question was drafted; "
    "run the same command again to draft it"
)


@dataclass
class Outcome:
    """What became of one item: drafted, skipped (already there) or failed, and why."""

    item: Item
    status: str
    reason: str = ""
    placeholders: int = 0
    checks_failed: int = 0

    def as_row(self) -> dict[str, Any]:
        question = self.item.question
        return {
            "row": self.item.row,
            "number": self.item.number or "",
            "minister": self.item.minister,
            "kind": self.item.kind,
            "status": self.status,
            "file": self.item.filename if self.item.number else "",
            "placeholders": self.placeholders if self.status == "drafted" else "",
            "checks_failed": self.checks_failed if self.status == "drafted" else "",
            "due_date": due_date(question.date).isoformat() if question else "",
            "reason": self.reason,
        }


@dataclass(frozen=True)
class BatchOptions:
    out: Path
    jobs: int = 1
    force: bool = False
    settings: DraftSettings = field(default_factory=DraftSettings)


def requests_of(
    item: Item, workspace: Workspace, find: Callable[[str], QueryFile]
) -> tuple[list[Step] | None, list[FigureRequest]]:
    """The plan of an item and the figure sets it needs (none for a referral); query files
    found with `find`."""
    if item.kind != "answer" or item.question is None:
        return None, []
    return planned_requests(item.question, workspace, find)


@dataclass
class Prefetched:
    """The figure sets a batch needs, each pulled once; which an item needs (keys by position in
    the items), and why an item cannot be drafted where its figures failed."""

    sets: dict[str, FigureSet] = field(default_factory=dict)
    needs: dict[int, list[str]] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)
    plans: dict[int, list[Step]] = field(default_factory=dict)


def prefetch(
    items: list[Item],
    workspace: Workspace,
    source: DatabaseSource,
    known: dict[str, FigureSet] | None = None,
) -> Prefetched:
    """Every figure set the items need: the distinct sets first, then pulled in bulk (see
    `figures.bulk`); sets `known` from before are not pulled again."""
    known = known or {}
    found = Prefetched()
    requests: dict[str, FigureRequest] = {}
    find = functools.cache(source.query)  # the files do not change during the batch
    for i, item in enumerate(items):
        try:
            steps, mine = requests_of(item, workspace, find)
        except PqgenError as exc:
            found.failed[i] = str(exc)
            continue
        if steps is not None:
            found.plans[i] = steps
        found.needs[i] = [figure_key(r.query.name, r.params) for r in mine]
        requests.update(zip(found.needs[i], mine, strict=True))
    pulled, errors = bulk.pull_all(requests, source, known)
    found.sets = {
        k: known[k] if k in known else pulled[k]
        for keys in found.needs.values()
        for k in keys
        if k in known or k in pulled
    }
    for i, keys in found.needs.items():
        if reason := next((errors[k] for k in keys if k in errors), None):
            found.failed[i] = reason
    return found


_WORKER: dict[str, Any] = {}
Result = tuple[str, str, int, int]  # an outcome without its item: status, reason, counts


def _start_worker(
    workspace: Workspace,
    options: BatchOptions,
    dialect: str | None,
    batch: _Batch | None = None,
) -> None:
    """Per process, once: the workspace, which then reads templates, query files and the house
    style once; and in a worker, the `batch`: its items (a forked worker has them without a
    copy), the database it pulls their figures from on its own connection, and the lanes it
    takes them from (it joins one of its own)."""

    @functools.cache  # the files do not change during the batch (as `prefetch` takes them)
    def find(name: str) -> QueryFile:
        return queries.query(workspace, name, dialect)

    _WORKER.update(workspace=workspace, options=options, find=find, batch=batch)
    _WORKER["ready"] = Prefetched()
    if batch is not None:
        _WORKER["lane"] = batch.lanes.join()
    if multiprocessing.parent_process() is not None:
        # Ctrl-C reaches every process of the terminal: the main process stops the batch (the
        # chunks begun are finished, the rest cancelled); a worker waiting for its next chunk
        # would otherwise die with a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()


PARENT_WATCH_SECONDS = 0.2


def _die_with_parent() -> None:
    """A worker ends when the batch that started it ends, however it ends (SIGKILL too): Linux
    sends it SIGKILL when its parent dies, and everywhere a thread checks the parent is there."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="pqgen-parent-watch", daemon=True).start()


def _draft_item(item: Item, sets: dict[str, FigureSet], steps: list[Step] | None) -> Outcome:
    """Draft one item from the figure sets pulled for it (by this process), by the plan made
    when they were pulled."""
    workspace: Workspace = _WORKER["workspace"]
    options: BatchOptions = _WORKER["options"]
    output = options.out / item.filename
    try:
        assert item.question is not None
        if item.kind == "referral":
            assert item.coordinated is not None
            answer = compose_referral(item.question, item.coordinated, item.coordinator, workspace)
        else:
            source = StoredSource("the figures pulled for the batch", sets, _WORKER["find"])
            answer = compose(item.question, source, workspace, options.settings, steps)
        result = write_answer(answer, workspace, output, settings=options.settings)
    except PqgenError as exc:
        return Outcome(item, "failed", str(exc).splitlines()[0])
    except OSError as exc:  # a full disk or a folder gone while drafting
        return Outcome(item, "failed", f"{output}: cannot be written ({exc.strerror})")
    # The reason says what must be settled first: the first failed check (a missing parameter,
    # a value that matches nothing …), as the draft's summary says it.
    reason = str(result.failures[0]) if result.failures else ""
    if len(result.failures) > 1:
        reason += f" (and {len(result.failures) - 1} more)"
    return Outcome(
        item,
        "drafted",
        reason,
        placeholders=len(result.answer.placeholders()),
        checks_failed=len(result.failures),
    )


def _draft_prefetched(item: Item, pulled: Prefetched, n: int) -> Outcome:
    """Draft `item`, number `n` of what `pulled` planned and pulled for; failed where that
    failed."""
    if n in pulled.failed:
        return Outcome(item, "failed", pulled.failed[n].splitlines()[0])
    return _draft_item(item, pulled.sets, pulled.plans.get(n))


def _warm_up(workspace: Workspace, options: BatchOptions) -> None:
    """Read what every draft needs in the main process before the workers start, so that
    forked they have it without reading it each: the templates' front matter and the
    house-style package. What only some drafts need (a template compiled, the public holidays
    of a year) each worker reads when it first needs it, in parallel with the others."""
    for role in templating.ROLES:
        templating.templates(workspace, role)
    for comments in (False, True):
        docx_output.package(workspace, final=options.settings.final, comments=comments)


def _draft_next_chunk() -> tuple[list[int], list[Result]]:
    """In a worker: take the next chunk of positions from the batch's lanes (none when every
    lane is empty) and draft the items there. What goes back is the positions and each outcome
    without its item, which the main process has.

    The first chunk of its own lane has the worker plan the items left in the lane (up to
    PREFETCH_AHEAD more) and pull the figure sets they need, each distinct set once, in bulk:
    its later chunks find them ready.
    A chunk taken from another lane is planned and pulled on its own (a set this worker pulled
    before is not pulled again)."""
    batch: _Batch = _WORKER["batch"]
    ready: Prefetched = _WORKER["ready"]  # by position in the batch
    positions = batch.lanes.take(_WORKER["lane"])
    if any(n not in ready.needs and n not in ready.failed for n in positions):
        ahead = positions + batch.lanes.left(_WORKER["lane"])[:PREFETCH_AHEAD]
        items = [batch.items[n] for n in ahead]
        pulled = prefetch(items, _WORKER["workspace"], batch.source, ready.sets)
        ready.sets.update(pulled.sets)
        ready.needs.update((ahead[k], keys) for k, keys in pulled.needs.items())
        ready.failed.update((ahead[k], reason) for k, reason in pulled.failed.items())
        ready.plans.update((ahead[k], steps) for k, steps in pulled.plans.items())
    results: list[Result] = []
    with scratch_folder(_WORKER["options"].out):  # the workers write side by side
        for n in positions:
            o = _draft_prefetched(batch.items[n], ready, n)
            results.append((o.status, o.reason, o.placeholders, o.checks_failed))
    return positions, results


def run_batch(
    manifest: Manifest,
    workspace: Workspace,
    source: DatabaseSource,
    options: BatchOptions,
    on_outcome: Callable[[Outcome], None] = lambda outcome: None,
) -> list[Outcome]:
    """Draft every item of `manifest` into `options.out`; the outcomes in manifest order.

    One batch per folder at a time (see `files.folder_lock`). The summary lists every outcome; when
    it cannot be written (a full disk), `SummaryNotWritten` carries the outcomes instead."""
    try:
        options.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(options.out, f"cannot be made ({exc.strerror})") from None
    with folder_lock(options.out):
        return _run_locked(manifest, workspace, source, options, on_outcome)


def _run_locked(
    manifest: Manifest,
    workspace: Workspace,
    source: DatabaseSource,
    options: BatchOptions,
    on_outcome: Callable[[Outcome], None],
) -> list[Outcome]:
    remove_partial_files(options.out)
    outcomes: dict[int, Outcome] = {}
    todo: list[tuple[int, Item]] = []
    for i, item in enumerate(manifest.items):
        if item.error:
            outcomes[i] = Outcome(item, "failed", item.error)
        elif not options.force and (options.out / item.filename).exists():
            outcomes[i] = Outcome(item, "skipped", "already drafted; --force drafts it again")
        else:
            todo.append((i, item))
        if i in outcomes:
            on_outcome(outcomes[i])
    for i, outcome in _draft_all(todo, workspace, source, options):
        outcomes[i] = outcome
        on_outcome(outcome)
    result = [outcomes[i] for i in range(len(manifest.items))]
    try:
        write_summary(options.out / SUMMARY_NAME, result)
    except OutputError as exc:
        raise SummaryNotWritten(exc, list(result)) from None
    return result


def _draft_all(
    todo: list[tuple[int, Item]],
    workspace: Workspace,
    source: DatabaseSource,
    options: BatchOptions,
) -> Iterator[tuple[int, Outcome]]:
    """(index, outcome) of each item as it is drafted. On one process: every item planned and
    the figures they need pulled first (each distinct set once, in bulk), then drafted. On
    `options.jobs` processes: the workers are forked with the items, the templates and the
    house style, and each plans its lane, pulls its figures on its own connection and drafts
    it chunk by chunk (see `Lanes`), so that no process waits for another's planning (a set
    two workers need is pulled by each, once)."""
    if not todo:
        return
    dialect = source.dialect if any(item.kind == "answer" for _, item in todo) else None
    jobs = min(options.jobs, len(todo))
    items = [item for _, item in todo]
    if jobs <= 1:
        pulled = prefetch(items, workspace, source)
        _start_worker(workspace, options, dialect)
        for n, (i, item) in enumerate(todo):
            yield i, _draft_prefetched(item, pulled, n)
        return
    # Each worker opens its own connection, with one DuckDB thread (the workers are the
    # parallelism). A connection does not survive a fork, and DuckDB refuses a second one to
    # the same file in another configuration: the main process closes its own first (it
    # opens again when next used).
    own = DatabaseSource(source.db, source.query_dirs, source.timeout, threads=1)
    source.close()
    # Forked, whatever the platform's default: the workers inherit the items and the lanes'
    # shared memory rather than unpickling them.
    fork = multiprocessing.get_context("fork")
    lanes = Lanes(sorted(range(len(todo)), key=lambda n: _affinity(items[n])), jobs, fork)
    _warm_up(workspace, options)
    # What the main process holds now, the forked workers share: kept out of the collector's
    # way, its pages are not copied into each worker as the collector walks them.
    gc.freeze()
    try:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=fork,
            initializer=_start_worker,
            initargs=(workspace, options, dialect, _Batch(items, own, lanes)),
        ) as pool:
            returned: set[int] = set()
            try:
                # Two requests per worker wait in the pool, so that a worker that returns a
                # chunk starts on the next at once; one that finds every lane empty ends.
                waiting = {pool.submit(_draft_next_chunk) for _ in range(2 * jobs)}
                while waiting:
                    done, waiting = concurrent.futures.wait(
                        waiting, return_when=concurrent.futures.FIRST_COMPLETED
                    )
                    for future in done:
                        positions, results = future.result()
                        if positions:
                            waiting.add(pool.submit(_draft_next_chunk))
                        returned.update(positions)
                        for n, result in zip(positions, results, strict=True):
                            yield todo[n][0], Outcome(items[n], *result)
            except concurrent.futures.process.BrokenProcessPool:
                # A worker died (killed, or out of memory), and the pool stops the others: what
                # they had not returned fails with that reason. The drafts written are whole,
                # and the same command again drafts the rest.
                for n in sorted(set(range(len(todo))) - returned):
                    yield todo[n][0], Outcome(items[n], "failed", WORKER_DIED)
            except BaseException:
                lanes.stop()  # the requests already in a worker's queue then take nothing
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        gc.unfreeze()
        remove_partial_files(options.out)  # the workers' scratch folders


class Lanes:
    """The positions of a batch in one lane per worker, each a run of neighbouring questions
    (see `_affinity`), so that a worker pulls the figure sets of its own questions rather than
    of everyone's. A worker drafts its lane from the front, a chunk at a time: at most `size`
    (the lane cut in equal parts of at most CHUNK, two at least), and at most half of what is
    left (LAST_CHUNK at least), so that chunks get smaller towards the end. When its lane is
    empty, it takes half of what is left of the fullest other lane, from the back: the workers
    finish together. The bounds live in shared memory of `context` (the workers'
    multiprocessing context), for forked workers to take from."""

    def __init__(self, order: list[int], jobs: int, context: Any = multiprocessing) -> None:
        self.order = order
        self.jobs = jobs
        lane = -(-len(order) // jobs)
        self.size = max(1, -(-lane // max(2, -(-lane // CHUNK))))
        bounds = [(j + k) * len(order) // jobs for j in range(jobs) for k in (0, 1)]
        self._bounds = context.Array("q", bounds)  # start and end of each lane
        self._joined = context.Value("i", 0)
        self._stopped = context.Value("b", False, lock=False)  # read and set under the bounds lock

    def join(self) -> int:
        """The lane of a worker that starts: the next one."""
        with self._joined.get_lock():
            lane = self._joined.value % self.jobs
            self._joined.value += 1
        return lane

    def stop(self) -> None:
        """Hand out nothing more (the batch is stopping): the chunks begun are finished."""
        with self._bounds.get_lock():
            self._stopped.value = True

    def left(self, lane: int) -> list[int]:
        """What is left of `lane`, in order."""
        with self._bounds.get_lock():
            return self.order[self._bounds[2 * lane] : self._bounds[2 * lane + 1]]

    def take(self, lane: int) -> list[int]:
        """The next chunk for the worker of `lane`; empty when every lane is, or the batch is
        stopping."""
        with self._bounds.get_lock():
            if self._stopped.value:
                return []
            bounds = self._bounds
            start, end = bounds[2 * lane], bounds[2 * lane + 1]
            if start < end:
                half = max(LAST_CHUNK, -(-(end - start) // 2))
                bounds[2 * lane] = stop = min(end, start + self.size, start + half)
                return self.order[start:stop]
            fullest = max(range(self.jobs), key=lambda j: bounds[2 * j + 1] - bounds[2 * j])
            start, end = bounds[2 * fullest], bounds[2 * fullest + 1]
            bounds[2 * fullest + 1] = end - min(self.size, -(-(end - start) // 2))
            return self.order[bounds[2 * fullest + 1] : end]


@dataclass
class _Batch:
    """What a worker is forked with: the items, the database and the lanes."""

    items: list[Item]
    source: DatabaseSource
    lanes: Lanes


def _affinity(item: Item) -> tuple[dt.date, int]:
    """Where `item` goes in the order the lanes are cut from: questions asked on the same day
    need the same periods, and so mostly the same figure sets, which a worker pulls once for its
    lane; kept together, the workers pull different sets rather than each most of them."""
    asked = item.question.date if item.question is not None else None
    return asked or dt.date.min, item.row


def write_summary(path: Path, outcomes: list[Outcome]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_COLUMNS)
    writer.writeheader()
    for outcome in outcomes:
        writer.writerow(outcome.as_row())
    write_text_atomically(path, buffer.getvalue())


def counts(outcomes: list[Outcome]) -> dict[str, int]:
    found = {"drafted": 0, "skipped": 0, "failed": 0}
    for outcome in outcomes:
        found[outcome.status] += 1
    return found
