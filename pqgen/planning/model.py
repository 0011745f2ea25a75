"""The reading of a part as data: every word with what it was read as, and the structured ask.

A leaf module: the reader builds these, the plan carries them, `pqgen plan --explain` and
`--json` show them and a draft's provenance records them. Nothing here reads or decides.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

# What a word was read as. A part is fully read when no word is UNKNOWN or NEAR.
FUNCTION = "function word"
QUESTION = "question phrase"
POLICY = "the minister's view"
PERIOD = "period"
MEASURE = "measure"
OBJECT = "object"
VERB = "verb of the object"
SUBJECT = "the service asked about"
FILTER = "filter"
EXCLUSION = "exclusion"
BREAKDOWN = "breakdown"
REFERENCE = "reference"
PUNCTUATION = "punctuation"
UNKNOWN = "not understood"
NEAR = "near miss"
ROLES = (FUNCTION, QUESTION, POLICY, PERIOD, MEASURE, OBJECT, VERB, SUBJECT, FILTER, EXCLUSION,
         BREAKDOWN, REFERENCE, PUNCTUATION, UNKNOWN, NEAR)  # fmt: skip


@dataclass(frozen=True)
class Word:
    """One word of a part: as written, its lemma, where it stands, and what it was read as
    (`detail`: the filter's dimension and value, the measure, the near value …)."""

    text: str
    lemma: str
    start: int
    end: int
    role: str
    detail: str = ""

    def as_data(self) -> dict[str, Any]:
        data = {"word": self.text, "lemma": self.lemma, "role": self.role}
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass(frozen=True, eq=False)  # one per set of routes, compared (and cached) by identity
class Vocabulary:
    """The data's own words: for each dimension (line, channel, department, topic, …) its
    values, each with every name a question may use for it (the value itself among them where
    it is a name). The answer routes declare them."""

    dimensions: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # What a department's own routes count, with the words for it ("klachten": [klacht]), beside
    # the objects the lexicon knows.
    objects: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # What a department's own routes split by, with the words for it ("medium": [medium]).
    breakdowns: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @functools.cached_property
    def names(self) -> list[tuple[str, str, str]]:
        """(name, dimension, value) for every name of every value, longest name first."""
        found = [
            (name, dim, value)
            for dim, values in self.dimensions.items()
            for value, names in values.items()
            for name in names
        ]
        return sorted(set(found), key=lambda t: (-len(t[0]), t))


@dataclass(frozen=True)
class Reading:
    """What a part asks, read word by word.

    `kind` is "figures", "policy" (the minister's view), "figures and policy", or "unclear" (no
    question phrase, measure or object at all). `filters` and `exclusions` map a dimension to
    the values named; `breakdowns` are the dimensions the figures are split by; `period` is the
    words the period was read from (None when the part names none); `reference` says which
    earlier words the part refers to ("daarvan"). `unknown` are the content words nothing
    accounts for, `near` the words that look like a known value, with that value."""

    text: str
    words: tuple[Word, ...]
    kind: str
    measures: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclusions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    breakdowns: tuple[str, ...] = ()
    period: str | None = None
    reference: str | None = None
    unknown: tuple[str, ...] = ()
    near: tuple[tuple[str, str], ...] = ()

    @property
    def fully_read(self) -> bool:
        return not self.unknown and not self.near

    def as_data(self) -> dict[str, Any]:
        """The reading as plain data (`pqgen plan --json`, provenance.json)."""
        return {
            "kind": self.kind,
            "measures": list(self.measures),
            "objects": list(self.objects),
            "filters": {k: list(v) for k, v in self.filters.items()},
            "exclusions": {k: list(v) for k, v in self.exclusions.items()},
            "breakdowns": list(self.breakdowns),
            "period": self.period,
            "reference": self.reference,
            "not_understood": list(self.unknown),
            "near_misses": {word: value for word, value in self.near},
            "words": [w.as_data() for w in self.words if w.role != PUNCTUATION],
        }
