"""The corpus: written questions from several policy areas, each with its expected plan.

Every question is in the published layout (tests/corpus/*.txt); tests/corpus/expected.yaml holds
per part the template or placeholder (and why), the period and the narrowing parameters, checked
by hand. Questions on other subjects must never get a contact-centre template.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.plan_corpus import CORPUS, corpus_plan

EXPECTED: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)
QUESTIONS = sorted(CORPUS.glob("*.txt"))
CONTACT_CENTRE = re.compile(r"\b1700\b|Infolijn|Woonlijn|Energielijn|gratis nummer", re.I)


def test_the_corpus_has_at_least_30_questions_each_with_an_expected_plan() -> None:
    assert len(QUESTIONS) >= 30
    assert sorted(EXPECTED) == [p.stem for p in QUESTIONS]


@pytest.mark.parametrize("path", QUESTIONS, ids=[p.stem for p in QUESTIONS])
def test_plan_is_as_expected(path: Path) -> None:
    assert corpus_plan(path) == EXPECTED[path.stem]


@pytest.mark.parametrize(
    "path",
    [p for p in QUESTIONS if not CONTACT_CENTRE.search(p.read_text(encoding="utf-8"))],
    ids=lambda p: p.stem,
)
def test_no_question_on_another_subject_gets_contact_centre_figures(path: Path) -> None:
    assert {step["answer"] for step in corpus_plan(path)} == {"placeholder"}


def test_every_class_of_the_issue_is_in_the_corpus() -> None:
    whys = {step.get("why") for steps in EXPECTED.values() for step in steps}
    classes = {"policy", "no template", "off subject", "measure", "resolution", "unclear period",
               "unknown value", "ambiguous value", "missing value"}  # fmt: skip
    assert classes <= whys
    # a narrowing no template applies: refused by the template, or not understood by the reading
    assert whys & {"not narrowed", "not understood", "filter not applied"}
    labels = {step["part"] for steps in EXPECTED.values() for step in steps}
    assert {"1 a)", "1 b)", "1 c)", "1.1", "1.2", "1.3", "2.1", "2.2"} <= labels
