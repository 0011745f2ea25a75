"""How a part will be answered, as data: the `Step` of a plan and the `Link` of a recurring
question's part to the earlier question's.

A leaf below the algorithms that build (`plan`, `recurring`) and read (`answer`, `fill`,
`figure_route`) them, as Jinja's nodes are below its parser and compiler.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pqgen.compose.matching import Reason
from pqgen.compose.templating import AnswerTemplate
from pqgen.planning.model import Reading
from pqgen.planning.parts import Part
from pqgen.question.model import Earlier, SubQuestion
from pqgen.question.period import Period


@dataclass(frozen=True)
class Link:
    """A part of this question and the earlier question it repeats: the part of that question
    the same template answered (its label, period and parameters; None when there is none), and
    why no change is stated (`refusal`, None when it is)."""

    earlier: Earlier
    label: str | None = None
    period: Period | None = None
    params: dict[str, Any] | None = None
    refusal: str | None = None

    @property
    def compares(self) -> bool:
        return self.refusal is None and self.params is not None and self.period is not None


@dataclass(frozen=True)
class Step:
    """How one part of a sub-question will be answered: by which template, for which period,
    with which query parameters (and where each came from); or the placeholder and its reason.
    `covered_by` names the part whose template also writes this one's text."""

    subquestion: SubQuestion
    template: AnswerTemplate | None
    period: Period | None = None
    params: dict[str, Any] = field(default_factory=dict)
    part: Part = field(default_factory=lambda: Part("", "", ""))
    origins: dict[str, str] = field(default_factory=dict)
    why: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()
    reason: Reason | None = None
    policy: str | None = None
    written: str | None = None
    covered_by: str | None = None
    used: tuple[str, ...] = ()  # the parameters its queries take (when the plan could read them)
    earlier: Link | None = None  # issue 11: the earlier question's part it repeats
    reading: Reading | None = None  # what the part asks, word by word

    @property
    def label(self) -> str:
        """ "2 b)" or "3.2" or "1": the part as the plan and placeholders name it."""
        if not self.part.key:
            return str(self.subquestion.number)
        if self.part.label:
            return f"{self.subquestion.number} {self.part.label}"
        return f"{self.subquestion.number}.{self.part.key}"

    @property
    def heading(self) -> str:
        """The label as a list of parts opens a line with it: "1.", "3.2.", but "2 b)"."""
        return self.label if self.label.endswith(")") else f"{self.label}."

    @property
    def answered(self) -> bool:
        return self.template is not None or self.written is not None or bool(self.covered_by)
