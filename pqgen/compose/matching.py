"""Whether a template answers a part: subject, ask, measure, period, and the narrowing values.

A template answers a part only when, in this order: its `match:` patterns (the ask) occur in the
part; its `subject:` occurs in the question's title, introduction or sub-question; it gives every
measure the part asks (`measures:`); it answers the period at the resolution asked
(`resolution:`). Its narrowing values (`narrow:`) come from the question's own parameters or its
words matched against the values the data holds, never from a default: a named value that
matches none, two different values, or a required value not named make the part a placeholder.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from pqgen import catalogue
from pqgen.compose.templating import AnswerTemplate, Narrowing
from pqgen.planning.asks import NARROWINGS, measures_asked
from pqgen.planning.parts import Part
from pqgen.planning.period import find_period
from pqgen.question.model import Question, SubQuestion
from pqgen.question.period import Period


@dataclass(frozen=True)
class Reason:
    """Why a part gets no figures: in English for the terminal, in Dutch for the placeholder."""

    kind: str  # policy, no template, off subject, measure, resolution, unclear period, …
    en: str
    nl: str
    flag: bool = False  # also a failed check (a value or period that is wrong, not just absent)


@dataclass
class Fit:
    """How one template fits one part: what passed (`why`), what did not (`miss`)."""

    template: AnswerTemplate
    score: int
    why: list[str] = field(default_factory=list)
    miss: Reason | None = None


def word(name: str) -> str:
    """A parameter as the Dutch texts name it: "het departement" for department."""
    return catalogue.PARAMETER_WORDS.get(name, name)


def measure_words(measures: list[str] | tuple[str, ...], *, dutch: bool = False) -> str:
    """Measures as words: English for the terminal, Dutch (`dutch`) for the document."""
    if dutch:
        return ", ".join(catalogue.MEASURES.get(m, m.replace("_", " ")) for m in measures)
    return ", ".join(m.replace("_", " ") for m in measures)


def resolution_fits(template: AnswerTemplate, period: Period) -> bool:
    if template.resolution == "year":
        return period.whole_years
    if template.resolution == "month":
        return period.start.day == 1 and period.unit not in ("legislature", "days")
    return True


def evaluate(
    template: AnswerTemplate,
    question: Question,
    sub: SubQuestion,
    part: Part,
    period: Period,
    read_as: str | None = None,
) -> Fit | None:
    """How `template` fits `part`; None when its ask does not occur in the part at all. With
    `read_as` (what the part's reading asks, which the template's `gives:` covers), the
    template is considered though its `match:` words do not occur."""
    score = template.score(part.full_text)
    if score == 0 and read_as is None:
        return None
    if score:
        words = [m.group(0) for p in template.match if (m := p.search(part.full_text))]
        fit = Fit(template, score, ["ask '" + "' + '".join(words) + "'"])
    else:
        fit = Fit(template, 1, [f"reading: {read_as}"])
    about = template.about("\n".join([question.title, question.intro, sub.text]))
    if about is None:
        fit.miss = Reason(
            "off subject",
            "off subject: the question names none of its subject",
            catalogue.OFF_SUBJECT.format(template=template.name),
        )
        return fit
    fit.why.append(f"subject '{about}'")
    names_period = find_period(part.full_text, question.date) is not None
    asked = measures_asked(part.full_text, names_period)
    if template.measures:
        missing = [m for m in asked if m not in template.measures]
        if missing:
            fit.miss = Reason(
                "measure",
                f"measure: asks {measure_words(missing)}, gives {measure_words(template.measures)}",
                catalogue.WRONG_MEASURE.format(
                    asked=measure_words(missing, dutch=True),
                    template=template.name,
                    gives=measure_words(template.measures, dutch=True),
                ),
            )
            return fit
    fit.why.append(f"measure {measure_words(asked)}")
    if not resolution_fits(template, period):
        fit.miss = Reason(
            "resolution",
            f"period: asks {period.label}, answers only whole {template.resolution}s",
            catalogue.WRONG_RESOLUTION.format(period=period.in_words, template=template.name),
        )
        return fit
    fit.why.append(f"period {period.label} at resolution {template.resolution}")
    return fit


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    """A value's name as a whole word, in any case (compiled once per process)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def values_named(narrowing: Narrowing, text: str) -> tuple[set[str], list[str]]:
    """The known values `text` names (by any of their names), and the names of that kind that
    match no known value (when the narrowing says how a name looks)."""
    known: set[str] = set()
    taken: list[tuple[int, int]] = []
    for value, names in narrowing.values.items():
        for name in names:
            for m in _name_pattern(name).finditer(text):
                known.add(value)
                taken.append((m.start(), m.end()))
    unknown = []
    if narrowing.names is not None:
        for start, end, name in _spans(narrowing.names, text):
            if not any(start < b and a < end for a, b in taken):
                unknown.append(name.strip())
    return known, unknown


def nearest(value: str, narrowing: Narrowing) -> str:
    names = {n: v for v, ns in narrowing.values.items() for n in ns}
    close = difflib.get_close_matches(value, list(names), n=3, cutoff=0.6)
    found = list(dict.fromkeys(names[c] for c in close)) or list(narrowing.values)[:3]
    return ", ".join(f"'{v}'" for v in found)


def narrow(
    template: AnswerTemplate,
    question: Question,
    sub: SubQuestion,
    part: Part,
    intro: bool = True,
) -> tuple[dict[str, Any], dict[str, str], Reason | None]:
    """The narrowing values of `template` for `part`, where each came from, or why not. With
    `intro` false the introduction gives none: its title is about something pqgen does not
    read ("De Lijn - Klantendienst"), so a line the introduction names in passing ("Reizigers die
    1700 bellen worden doorverwezen") is not what the question is about."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    context = f"{question.title}\n{question.intro}" if intro else question.title
    places = [
        ("the part", part.full_text),
        ("the sub-question", sub.text),
        ("the title or introduction" if intro else "the title", context),
    ]
    for name, narrowing in template.narrow.items():
        if name in question.parameters:
            given = question.parameters[name]
            each = [str(v) for v in given] if isinstance(given, list | tuple) else [str(given)]
            strange = [v for v in each if narrowing.values and v not in narrowing.values]
            if strange:
                return (
                    values,
                    origins,
                    _unknown(name, strange[0], narrowing, "the question's parameters"),
                )
            values[name], origins[name] = question.parameters[name], "the question's parameters"
            continue
        for where, text in places:
            sibling = where == "the sub-question" and bool(part.key) and not narrowing.required
            if sibling or (where != "the part" and (name in NARROWINGS or narrowing.from_part)):
                # What a part asks of its figures (a channel, a topic: asks.NARROWINGS) is read
                # from its own words only: "telefonisch" in the introduction, or "oproepen" in a
                # sibling "a) …", does not make "hoeveel contacten" calls only. What the question
                # is about (the line, the department) may come from its title or introduction,
                # unless the template splits by it (`from_part`: "elke lijn" is every line). A
                # sibling part's "…, en hoeveel daarvan over het Departement X?" narrows only
                # that part; only what must be named (the line) is shared between parts.
                continue
            known, unknown = values_named(narrowing, text)
            if unknown and (not known or narrowing.several):
                return values, origins, _unknown(name, unknown[0], narrowing, where)
            if len(known) > 1 and narrowing.several and where != "the part":
                # the title or introduction names several ("Woonlijn versus Energielijn"):
                # which the part is about, or whether together, it does not say
                return (
                    values,
                    origins,
                    Reason(
                        "ambiguous value",
                        f"{name}: {where} names several ({', '.join(sorted(known))}) and the part "
                        "names none",
                        catalogue.AMBIGUOUS_VALUE.format(
                            word=word(name), values=", ".join(sorted(known))
                        ),
                        flag=True,
                    ),
                )
            if len(known) > 1 and narrowing.several:
                values[name], origins[name] = sorted(known), f"named in {where}"
                break
            if len(known) > 1 or unknown:
                named = sorted(known) + unknown
                return (
                    values,
                    origins,
                    Reason(
                        "ambiguous value",
                        f"{name}: {where} names several ({', '.join(named)})",
                        catalogue.AMBIGUOUS_VALUE.format(word=word(name), values=", ".join(named)),
                        flag=True,
                    ),
                )
            if known:
                values[name], origins[name] = known.pop(), f"named in {where}"
                break
        else:
            if narrowing.required:
                return (
                    values,
                    origins,
                    Reason(
                        "missing value",
                        f"{name} missing: the question names none; give it under 'parameters: "
                        f"{name}: …' in the question's YAML",
                        catalogue.MISSING_VALUE.format(word=word(name), name=name),
                        flag=True,
                    ),
                )
    return values, origins, None


def _unknown(name: str, value: str, narrowing: Narrowing, where: str) -> Reason:
    if narrowing.scope:
        known = ", ".join(f"'{v}'" for v in narrowing.values)
        return Reason(
            "not narrowed",
            f"{name} '{value}' (from {where}): the figures are about {known} only and cannot "
            "be narrowed to it",
            catalogue.NOT_NARROWED.format(word=word(name), value=value, known=known),
        )
    near = nearest(value, narrowing)
    return Reason(
        "unknown value",
        f"{name} '{value}' (from {where}) matches nothing in the data; nearest: {near}",
        catalogue.UNKNOWN_VALUE.format(word=word(name), value=value, nearest=near),
        flag=True,
    )
