"""Where each figure in a draft came from: Word comments, NAME.provenance.json, reproduction.

Every figure a template writes carries the name of its figure set (see `pqgen.compose.filters`).
The renderer puts a comment on it with :func:`comment_text`; beside the draft,
NAME.provenance.json lists every figure as shown with its source, and every figure set with the
checksum of its query and its rows, so that :func:`reproduce` can pull them again and compare.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from pqgen import catalogue
from pqgen.compose.answer import Answer
from pqgen.compose.plan import step_as_data
from pqgen.errors import InputFileError
from pqgen.figures.model import FigureSet, Provenance, describe_parameters, now
from pqgen.figures.sources import DatabaseSource
from pqgen.files import write_text_atomically
from pqgen.question import limits


def comment_text(provenance: Provenance) -> str:
    """The comment on a figure: enough for a reviewer to find and rerun its source."""
    if not provenance.checksum:  # filled in by a department for a figure ask (issue 12)
        return catalogue.ASK_SOURCE_COMMENT.format(
            source=provenance.source,
            period=provenance.parameters.get("periode", ""),
            per=provenance.parameters.get("per", ""),
            read=provenance.pulled_at,
            rows=provenance.rows,
            s="en" if provenance.rows != 1 else "",
        )
    params = describe_parameters(provenance.parameters)
    return (
        f"Bron: {provenance.query_file} ({provenance.checksum[:19]}…) op {provenance.source}. "
        f"Parameters: {params}. Opgehaald {provenance.pulled_at}, "
        f"{provenance.rows} rij{'en' if provenance.rows != 1 else ''}."
    )


def provenance_path(docx: Path) -> Path:
    return docx.with_name(docx.stem + ".provenance.json")


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(frame.to_json(orient="records", date_format="iso"))
    return records


def provenance_document(
    answer: Answer,
    docx: Path,
    *,
    with_sets: bool = True,
    failed_checks: list[str] | None = None,
) -> dict[str, Any]:
    """Every figure in `answer` with its source, every figure set with its data (without them,
    when not `with_sets`), and the checks that failed when it was written."""
    figures = []
    sets: dict[str, Any] = {}
    for section in answer.sections:
        for name, figure_set in section.figures.items() if with_sets else ():
            sets[f"{section.number}/{name}"] = {
                "subquestion": section.number,
                **figure_set.provenance.to_dict(),
                "data": _records(figure_set.frame),
            }
        for run in section.runs():
            if run.figure and run.figure in section.figures:
                figures.append(
                    {
                        "subquestion": section.number,
                        "text": run.text,
                        "figure_set": f"{section.number}/{run.figure}",
                    }
                )
    return {
        "draft": docx.name,
        "written_at": now(),
        "question": answer.question.to_dict(),
        "checks_failed": list(failed_checks or []),
        # how each part was read and answered: its words, the ask, the route and why
        "plan": [step_as_data(step) for step in answer.steps],
        "figures": figures,
        "figure_sets": sets,
    }


# The JSON of figure sets already written by this process, by (id of the set, sub-question):
# a batch writes the same sets into many provenance files. The set is kept to keep its id.
_WRITTEN: dict[tuple[int, int], tuple[FigureSet, str]] = {}
_WRITTEN_MAX = 4096


def _set_json(number: int, figure_set: FigureSet) -> str:
    """A figure set's entry as `provenance_json` writes it, at the depth of "figure_sets"."""
    key = (id(figure_set), number)
    known = _WRITTEN.get(key)
    if known is not None and known[0] is figure_set:
        return known[1]
    entry = {
        "subquestion": number,
        **figure_set.provenance.to_dict(),
        "data": _records(figure_set.frame),
    }
    text = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    if len(_WRITTEN) >= _WRITTEN_MAX:
        _WRITTEN.clear()
    _WRITTEN[key] = (figure_set, text)
    return text


def provenance_json(answer: Answer, docx: Path, failed_checks: list[str] | None = None) -> str:
    """`provenance_document` as the JSON text of NAME.provenance.json; each figure set's data
    serialised once per process, however many drafts carry it. `failed_checks` are recorded so
    that `pqgen check` can say them again."""
    document = provenance_document(answer, docx, with_sets=False, failed_checks=failed_checks)
    fragments: dict[str, str] = {}
    for section in answer.sections:
        for name, figure_set in section.figures.items():
            token = f"\x00{len(fragments)}\x00"
            document["figure_sets"][f"{section.number}/{name}"] = token
            fragments[json.dumps(token)] = _set_json(section.number, figure_set)
    text = json.dumps(document, ensure_ascii=False, indent=2)
    for token, fragment in fragments.items():
        text = text.replace(token, fragment, 1)
    return text + "\n"


def write_provenance(answer: Answer, docx: Path, failed_checks: list[str] | None = None) -> Path:
    path = provenance_path(docx)
    write_text_atomically(path, provenance_json(answer, docx, failed_checks))
    return path


@dataclass(frozen=True)
class Reproduction:
    """The outcome of pulling one recorded figure set again."""

    key: str
    query: str
    same_query: bool
    same_figures: bool

    @property
    def ok(self) -> bool:
        return self.same_query and self.same_figures


_RECORDED_FIELDS = {"query": str, "parameters": dict, "checksum": str, "data": list}


def _check_recorded(path: Path, recorded: Any) -> None:
    """Refuse a provenance file whose figure sets are not what pqgen writes."""
    if not isinstance(recorded, dict):
        raise InputFileError(path, "'figure_sets' is not a mapping: not written by pqgen")
    for key, entry in recorded.items():
        for field, kind in _RECORDED_FIELDS.items():
            if not isinstance(entry, dict) or not isinstance(entry.get(field), kind):
                raise InputFileError(
                    path, f"figure set '{key}': '{field}' is missing or not a {kind.__name__}"
                )


def reproduce(path: Path, source: DatabaseSource) -> list[Reproduction]:
    """Pull every figure set recorded in a provenance file again and compare query and rows."""
    if not path.is_file():
        raise InputFileError(path, "no such file")
    try:
        document = json.loads(limits.read_text(path, limits.MAX_DOCUMENT_BYTES))
        recorded = document["figure_sets"]
    except (json.JSONDecodeError, KeyError, TypeError, RecursionError) as exc:
        raise InputFileError(path, f"not a provenance file written by pqgen ({exc})") from None
    _check_recorded(path, recorded)
    results = []
    for key, entry in recorded.items():
        query = source.query(entry["query"])
        # The query types the recorded values itself (ISO dates become dates).
        figure_set = source.fetch(entry["query"], entry["parameters"])
        again = _records(figure_set.frame)
        results.append(
            Reproduction(
                key=key,
                query=entry["query"],
                same_query=query.checksum == entry["checksum"],
                same_figures=again == entry["data"],
            )
        )
    return results
