"""pqgen drafts ministers' answers to written parliamentary questions (schriftelijke vragen).

The Python API, in the order of the pipeline::

    import pqgen

    question = pqgen.load_question("vraag-639.txt")        # or parse_question(text)
    workspace = pqgen.Workspace.from_options()              # built-in templates and queries
    for step in pqgen.plan(question, workspace):            # what answers which sub-question
        print(step.subquestion.number, step.template.name if step.template else "placeholder")
    with pqgen.DatabaseSource("pqgen-demo.duckdb", workspace.query_dirs) as source:
        answer = pqgen.compose_answer(question, source, workspace)
    data = pqgen.document_bytes(answer, workspace)          # the .docx, in memory
    pqgen.write_answer(answer, workspace, Path("antwoord-639.docx"))  # or on disk, with provenance

Figures can also come from a department's workbook: `pqgen.figure_file_source(path, workspace)`.
Every error a user can fix is a `pqgen.PqgenError` with a one-line message.

Names are imported on first use, so `import pqgen` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Question": "pqgen.question.model",
    "SubQuestion": "pqgen.question.model",
    "load_question": "pqgen.question.load",
    "parse_question": "pqgen.question.parse",
    "Workspace": "pqgen.workspace",
    "FigureSet": "pqgen.figures.model",
    "DatabaseSource": "pqgen.figures.sources",
    "StoredSource": "pqgen.figures.sources",
    "figure_file_source": "pqgen.drafting",
    "pull_figures": "pqgen.drafting",
    "plan": "pqgen.drafting",
    "compose_answer": "pqgen.compose.fill",
    "Answer": "pqgen.compose.answer",
    "DraftSettings": "pqgen.compose.settings",
    "document_bytes": "pqgen.drafting",
    "write_answer": "pqgen.drafting",
    "draft": "pqgen.drafting",
    "PqgenError": "pqgen.errors",
}
# Exported under another name than in its module (pqgen.compose is the stage's package).
_ALIASES = {"compose_answer": "compose"}
__all__ = [
    "Answer",
    "DatabaseSource",
    "DraftSettings",
    "FigureSet",
    "PqgenError",
    "Question",
    "StoredSource",
    "SubQuestion",
    "Workspace",
    "compose_answer",
    "document_bytes",
    "draft",
    "figure_file_source",
    "load_question",
    "parse_question",
    "plan",
    "pull_figures",
    "write_answer",
]

if TYPE_CHECKING:
    from pqgen.compose.answer import Answer
    from pqgen.compose.fill import compose as compose_answer
    from pqgen.compose.settings import DraftSettings
    from pqgen.drafting import (
        document_bytes,
        draft,
        figure_file_source,
        plan,
        pull_figures,
        write_answer,
    )
    from pqgen.errors import PqgenError
    from pqgen.figures.model import FigureSet
    from pqgen.figures.sources import DatabaseSource, StoredSource
    from pqgen.question.load import load_question
    from pqgen.question.model import Question, SubQuestion
    from pqgen.question.parse import parse_question
    from pqgen.workspace import Workspace


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pqgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), _ALIASES.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*globals(), *__all__]
