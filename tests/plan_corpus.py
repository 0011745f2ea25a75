"""The plan of a corpus question as plain data, to compare with tests/corpus/expected.yaml."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from pqgen.compose import templating
from pqgen.compose.plan import Step, plan
from pqgen.figures import queries
from pqgen.question.load import load_question
from pqgen.workspace import Workspace

CORPUS = Path(__file__).parent / "corpus"
DERIVED = ("period_start", "period_end", "reference_date")


def step_data(step: Step) -> dict[str, Any]:
    """A part's plan: its label, what answers it (a template, "placeholder", or "with 3.1"),
    why not a template, whether that is flagged, the period and the narrowing parameters."""
    data: dict[str, Any] = {"part": step.label}
    if step.covered_by:
        data["answer"] = f"with {step.covered_by}"
        return data
    data["answer"] = step.template.name if step.template else "placeholder"
    if step.reason is not None:
        data["why"] = step.reason.kind
        if step.reason.flag:
            data["flag"] = True
    if step.policy and step.template is not None:
        data["policy"] = True
    if step.period is not None:
        data["period"] = f"{step.period.start.isoformat()}/{step.period.end.isoformat()}"
    params = {
        k: v.isoformat() if isinstance(v, dt.date) else v
        for k, v in step.params.items()
        if k in step.used and k not in DERIVED
    }
    if params:
        data["params"] = params
    return data


def corpus_plan(path: Path, workspace: Workspace | None = None) -> list[dict[str, Any]]:
    workspace = workspace or Workspace.from_options()
    steps = plan(
        load_question(path),
        templating.templates(workspace),
        functools.partial(queries.query, workspace),
    )
    return [step_data(s) for s in steps]
