"""Plan the answer: for every part of every sub-question, how it will be answered and why.

Each sub-question is split into its parts (:mod:`pqgen.planning.parts`). A part is answered by
the template that fits it (:mod:`pqgen.compose.matching`: ask, subject, measure, period, narrowing
values), by text from the question's YAML, or by a placeholder that says why. A policy ask (the
minister's view) always gets a placeholder for the minister's words; a template's figures join
it only when the template matches that same part. `template: NAME|none` in the question's YAML,
per sub-question or per part, overrides the choice.

A template's queries get parameters in this order of precedence: the question's own
`parameters`, the narrowing values read from the question's words, the template's defaults, and
the period asked and the question's date. Nothing here pulls a figure: `pqgen plan` prints this.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from pqgen import catalogue
from pqgen.compose.matching import Fit, Reason, evaluate, narrow, word
from pqgen.compose.step import Step
from pqgen.compose.templating import AnswerTemplate, FigureSpec
from pqgen.errors import QueryNotFound, QuestionFileError, TemplateError
from pqgen.figures.model import FigureRequest, figure_key
from pqgen.figures.queries import QueryFile
from pqgen.planning import lexicon
from pqgen.planning import model as reading_model
from pqgen.planning import vocabulary as vocabularies
from pqgen.planning.asks import asks_figures, measure_hits, narrowings_asked, policy_ask
from pqgen.planning.model import Reading, Vocabulary
from pqgen.planning.parts import Part, split_parts
from pqgen.planning.period import find_period, read_period, unclear_phrases
from pqgen.planning.reading import read_part
from pqgen.question.model import Question, SubQuestion, unknown_key_problem
from pqgen.question.period import Period

WHOLE_ANSWER = "antwoord"
NONE = "none"


def full_text(question: Question) -> str:
    return "\n".join([question.title, question.intro, *(s.text for s in question.subquestions)])


def _override(sub: SubQuestion, part: Part) -> tuple[str | None, str]:
    if part.key and (name := sub.parts.get(part.key, {}).get("template")):
        return name, f"parts.{part.key}.template"
    return sub.template, "template"


def _written(sub: SubQuestion, part: Part) -> str | None:
    if part.key and (text := sub.parts.get(part.key, {}).get("text")):
        return text
    if not part.key or len(split_parts(sub.text)) == 1:
        return sub.texts.get(WHOLE_ANSWER)
    return None


def _parameters(
    question: Question, template: AnswerTemplate, period: Period, narrowed: dict[str, Any],
    narrowed_from: dict[str, str],
) -> tuple[dict[str, Any], dict[str, str]]:  # fmt: skip
    derived = {"period_start": period.start, "period_end": period.end,
               "reference_date": question.date}  # fmt: skip
    origins = {"period_start": "the period asked", "period_end": "the period asked",
               "reference_date": "the question's date"}  # fmt: skip
    origins.update({k: f"default of template {template.name}" for k in template.parameters})
    origins.update(narrowed_from)
    origins.update({k: "the question's parameters" for k in question.parameters})
    return {**derived, **template.parameters, **narrowed, **question.parameters}, origins


def _missing_query_parameters(
    template: AnswerTemplate,
    params: dict[str, Any],
    find: Callable[[str], QueryFile] | None,
    used: list[str],
) -> Reason | None:
    """Why a query of `template` cannot run with `params` (a parameter or the query missing);
    the names of the parameters its queries take go into `used`."""
    if find is None:
        return None
    for spec in template.figures.values():
        try:
            query = find(spec.query)
        except QueryNotFound as exc:
            return Reason(
                "no query",
                f"query {spec.query}: {exc.message}",
                catalogue.NO_QUERY.format(query=spec.query, template=template.name),
                flag=True,
            )
        for param in query.parameters:
            used.append(param.name)
            if param.name not in params:
                return Reason(
                    "missing value",
                    f"{param.name} missing ({param.description}) for query {spec.query}; give it "
                    f"under 'parameters: {param.name}: …' in the question's YAML",
                    catalogue.MISSING_VALUE.format(word=word(param.name), name=param.name),
                    flag=True,
                )
    return None


def _policy_reason(policy: str) -> Reason:
    return Reason("policy", f"policy ask ('{policy}')", catalogue.POLICY_ASK.format(ask=policy))


def _choose(
    question: Question, sub: SubQuestion, part: Part, templates: list[AnswerTemplate],
    period: Period, reading: Reading | None = None, intro: bool = True,
    inherited: dict[str, tuple[str, ...]] | None = None,
) -> tuple[Fit | None, list[Fit]]:  # fmt: skip
    """The template the question's YAML names for the part, or the best that fits; and every
    template whose ask matched, for the near misses. A template whose `gives:` covers what the
    part's reading asks is considered too where its `match:` words do not occur."""
    forced, key = _override(sub, part)
    if forced is not None:
        chosen = next((t for t in templates if t.name == forced), None)
        if chosen is None:
            known = ", ".join(t.name for t in templates)
            raise TemplateError(
                forced,
                f"named by '{key}' of sub-question {sub.number}, but there is no such template",
                hint=f"use one of: {known}, or 'none'",
            )
        return Fit(chosen, 1, [f"{key}: {forced} in the question's YAML"]), []
    fits = []
    for t in templates:
        read_as = None
        if reading is not None and not t.score(part.full_text) and _covers(t, reading):
            read_as = describe_ask(reading)
        fit = evaluate(t, question, sub, part, period, read_as)
        if fit is not None and not (read_as and fit.miss and fit.miss.kind == "off subject"):
            fits.append(fit)  # a template off the subject is a near miss only by its words
    for fit in fits:
        # A template that cannot narrow or split its figures as the part asks, or whose figures
        # are not what the reading asks, is no fit: the next one that can answers (a value the
        # question names wrongly is checked later, on the chosen one, so that it never falls
        # through to figures about more).
        if fit.miss is None and (reading is None or fit.template.gives is None):
            fit.miss = _unhandled_narrowing(fit.template, part)
        if fit.miss is None and reading is not None:
            fit.miss = _other_ask(fit.template, reading) or _exclusion_problem(
                reading, fit.template
            )
        if fit.miss is None and reading is not None and reading.fully_read:
            values, _, problem = _narrowed(
                fit.template, question, sub, part, intro, inherited, reading
            )
            if problem is None:
                fit.miss = _route_problem(reading, fit.template, values)
            elif problem.kind == "missing value":  # another template may need no such value
                fit.miss = problem
    good = [f for f in fits if f.miss is None]
    return (max(good, key=lambda f: f.score) if good else None), fits


def _covers(template: AnswerTemplate, reading: Reading) -> bool:
    """Whether the template's figures are what the reading asks: its objects, measures and
    breakdowns (a template that gives more breakdowns than asked does not cover it)."""
    gives = template.gives
    if gives is None or "figures" not in reading.kind or not reading.objects:
        return False
    asked = set(reading.breakdowns) - {"year"}
    return _other_ask(template, reading) is None and asked == set(gives.breakdowns) - {"year"}


def describe_ask(reading: Reading) -> str:
    """The structured ask in a few English words: "count of contacts by topic; line=1700"."""
    if not (reading.measures or reading.objects):
        what = "the minister's view" if "policy" in reading.kind else "no figures named"
    else:
        objects = "/".join(reading.objects) or "(no object read)"
        what = f"{'/'.join(reading.measures) or 'figures'} of {objects}"
    if reading.breakdowns:
        what += " by " + ", ".join(reading.breakdowns)
    filters = [f"{k}={'+'.join(v)}" for k, v in sorted(reading.filters.items())]
    filters += [f"{k}≠{'+'.join(v)}" for k, v in sorted(reading.exclusions.items())]
    return what + (f"; {', '.join(filters)}" if filters else "")


def _nl(word: str) -> str:
    """A word of the reading in Dutch ("average per day": "een gemiddelde per dag")."""
    if word.startswith("average per "):
        return f"{_nl('average')} per {_nl(word.removeprefix('average per '))}"
    return catalogue.READING_WORDS.get(word, word)


def _other_ask(template: AnswerTemplate, reading: Reading) -> Reason | None:
    """Why `template`'s figures are not what the reading asks (object, measure, breakdown);
    None when they are, or when the template declares no `gives:` (then only its `match:`
    words and narrowings vouch for it)."""
    gives = template.gives
    if gives is None or reading.kind == "policy":
        return None
    if other := [o for o in reading.objects if o not in gives.objects]:
        asked, given = ", ".join(other), ", ".join(gives.objects)
        return Reason(
            "other object",
            f"the part asks figures about {asked}; {template.name} gives {given}",
            catalogue.OTHER_OBJECT.format(
                asked=", ".join(map(_nl, other)), template=template.name,
                gives=", ".join(map(_nl, gives.objects)),
            ),
            flag=True,
        )  # fmt: skip
    if other := [m for m in reading.measures if m not in gives.measures]:
        return Reason(
            "measure",
            f"the part asks the {other[0]}; {template.name} gives {', '.join(gives.measures)}",
            catalogue.OTHER_MEASURE.format(asked=_nl(other[0])),
            flag=True,
        )
    if other := [b for b in reading.breakdowns if b not in gives.breakdowns]:
        return Reason(
            "not split",
            f"the part asks figures per {other[0]}; {template.name} does not split them so",
            catalogue.NOT_SPLIT.format(dimension=_nl(other[0])),
            flag=True,
        )
    return None


def _words_problem(reading: Reading, question: Question) -> Reason | None:
    """Why the part's words give it no figures: a near miss the question's `parameters:` do not
    confirm, or words not understood, quoted."""
    confirmed = {str(v) for given in question.parameters.values() for v in _each(given)}
    near = [(w, v) for w, v in reading.near if v not in confirmed]
    if near:
        word_, value = near[0]
        return Reason(
            "near miss",
            f"'{word_}' is no value in the data: did you mean '{value}'? (confirm it under "
            "'parameters:' in the question's YAML)",
            catalogue.NEAR_MISS.format(word=word_, value=value),
            flag=True,
        )
    if reading.unknown:
        quoted = ", ".join(f"'{w}'" for w in reading.unknown)
        return Reason(
            "not understood",
            f"not understood: {quoted}; the part gets no figures",
            catalogue.NOT_UNDERSTOOD.format(words=quoted),
            flag=True,
        )
    return None


def _route_problem(
    reading: Reading, template: AnswerTemplate, values: dict[str, Any]
) -> Reason | None:
    """A filter or exclusion the part asks that `template` does not apply as asked."""
    gives = template.gives
    fixed = gives.fixed if gives is not None else {}
    # A template's default is what it applies when the part names no value ("wie naar de
    # Woonlijn belde": the telephone, the waiting template's default channel).
    values = {**{k: v for k, v in template.parameters.items() if k in template.narrow}, **values}
    for dim, always in fixed.items():
        if dim != "line" and not set(always) <= set(reading.filters.get(dim, ())):
            # the figures are only these ("de digitale kanalen"); the part asks all of them
            return Reason(
                "filter not applied",
                f"{template.name} gives figures for {dim} '{'+'.join(always)}' only; the part "
                "does not ask that",
                catalogue.FIXED_FILTER.format(values="'" + "', '".join(always) + "'"),
                flag=True,
            )
    for dim, asked in reading.filters.items():
        if set(asked) <= set(fixed.get(dim, ())):
            continue
        applied = {str(v) for v in _each(values.get(dim))} if dim in values else None
        if applied is None or applied != set(asked):
            said = "' + '".join(asked)
            how = "does not apply it" if applied is None else f"applies {sorted(applied)}"
            return Reason(
                "filter not applied",
                f"the part asks only {dim} '{said}'; {template.name} {how}",
                catalogue.FILTER_NOT_APPLIED.format(
                    values="'" + "', '".join(asked) + "'", dimension=_nl(dim)
                ),
                flag=True,
            )
    return _exclusion_problem(reading, template)


def _exclusion_problem(reading: Reading, template: AnswerTemplate) -> Reason | None:
    """An exclusion the part asks ("zonder de dienstencheques") that `template` cannot make."""
    gives = template.gives
    for dim, left_out in reading.exclusions.items():
        if gives is None or dim not in gives.excludes:
            return Reason(
                "exclusion not applied",
                f"the part leaves out {dim} '{', '.join(left_out)}'; {template.name} cannot",
                catalogue.EXCLUSION_NOT_APPLIED.format(values="'" + "', '".join(left_out) + "'"),
                flag=True,
            )
    return None


def _each(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [] if value is None else [value]


def _period_of(
    question: Question, sub: SubQuestion, part: Part, reading: Reading | None, before: list[Step]
) -> tuple[Period, str | None]:
    """The period a part asks about, and why when it is not in its own words: the period of the
    earlier part it refers to ("daarvan", "in die periode", "de vragen" after a part about
    contacts), else the question's title's, else the last complete year (assumed, and said)."""
    if find_period(part.full_text, question.date) is not None or reading is None:
        return read_period([part.full_text, sub.text, full_text(question)], question.date), None
    if part.joined and before and before[-1].period is not None:
        return before[-1].period, f"period of {before[-1].label}, asked in the same sentence"
    if _ellipsis(part, reading, before) and (previous := before[-1].period) is not None:
        return previous, (
            f"period of {before[-1].label}: the part leaves out its verb and its period"
        )
    if reading.reference is not None:
        for step in reversed(before):
            if step.period is not None and _refers_to(reading.reference, step.reading):
                return step.period, (
                    f"period of {step.label}, which the part refers to ({reading.reference})"
                )
    if find_period(question.title, question.date) is not None:
        return read_period([question.title], question.date), "period from the question's title"
    assumed = read_period([], question.date)
    return assumed, f"the part names no period: {assumed.source}"


def _narrowed(
    template: AnswerTemplate,
    question: Question,
    sub: SubQuestion,
    part: Part,
    intro: bool,
    inherited: dict[str, tuple[str, ...]] | None,
    reading: Reading | None = None,
) -> tuple[dict[str, Any], dict[str, str], Reason | None]:
    """`matching.narrow`, with the values of the earlier part this one refers to where the
    part names none itself ("Hoeveel van die contacten waren e-mails?"), and without a value
    from the context for what the part splits by ("elke lijn", "per kanaal")."""
    given = {
        dim: (list(v) if len(v) > 1 else v[0])
        for dim, v in (inherited or {}).items()
        if dim in template.narrow and dim not in question.parameters
    }
    asked = replace(question, parameters={**given, **question.parameters}) if given else question
    values, origins, problem = narrow(template, asked, sub, part, intro)
    for dim in given:
        if origins.get(dim) == "the question's parameters":
            origins[dim] = "from the earlier part this part refers to"
    read_filters = reading.filters if reading is not None else {}
    for dim, origin in list(origins.items()) if reading is not None else ():
        if origin == "named in the part" and dim not in read_filters and dim in values:
            # Words the reading takes for the service itself ("de lijnen van het
            # contactcenter") name no value: the template's default holds, or none is named.
            del values[dim]
            del origins[dim]
            spec = template.narrow.get(dim)
            if spec is not None and spec.required and problem is None:
                problem = Reason(
                    "missing value",
                    f"{dim} missing: the part names none of its own",
                    catalogue.MISSING_VALUE.format(word=word(dim), name=dim),
                    flag=True,
                )
    if reading is not None and not intro and problem is None:
        for dim, origin in origins.items():
            if origin == "named in the part" and _generic(reading, dim):
                # "het gratis nummer" is the 1700 only where the title is about it
                problem = Reason(
                    "missing value",
                    f"{dim} missing: the part names the service only as the words of a "
                    "generic name, and the title is about something else",
                    catalogue.MISSING_VALUE.format(word=word(dim), name=dim),
                    flag=True,
                )
    for dim in reading.breakdowns if reading is not None else ():
        if dim in values and not origins.get(dim, "").endswith("the part"):
            # "elke lijn" splits by every line: "1700" in the title narrows nothing
            del values[dim]
            origins.pop(dim, None)
    return values, origins, problem


def _about_its_subject(
    question: Question, sub: SubQuestion, templates: list[AnswerTemplate]
) -> bool:
    """Whether the question is about what some template's figures describe (a question on
    subsidies is not, and gets no failed check for words no contact-centre figure reads)."""
    context = "\n".join([question.title, question.intro, sub.text])
    return any(t.subject and t.about(context) for t in templates)


def _generic(reading: Reading, dim: str) -> bool:
    """Whether the part names its value of `dim` only by words of any such service ("het gratis
    nummer", "de infolijn"), not by a name of its own ("1700", "de Woonlijn")."""
    said = [w for w in reading.words if w.role == reading_model.FILTER and w.detail.startswith(
        f"{dim}=")]  # fmt: skip
    return bool(said) and all(w.text.islower() and w.text in lexicon.SUBJECT for w in said)


@functools.lru_cache(maxsize=8192)
def _read(
    text: str, asked_on: dt.date, vocabulary: Vocabulary, earlier: tuple[str, ...]
) -> Reading:
    """`read_part`, remembered: a batch reads the same parts, asked on the same days, again and
    again (the vocabulary is compared by identity: one per set of templates and process)."""
    return read_part(text, asked_on, vocabulary, earlier)


def _title_read(question: Question, vocabulary: Vocabulary) -> bool:
    """Whether every word of the title is read: only then may the introduction say which line
    or department a part is about ("Noodcentrales 112 - Wachttijden" is about another body,
    whatever its introduction says of the 1700)."""
    return not _read(question.title, question.date, vocabulary, ()).unknown


def _referred(part: Part, reading: Reading | None, before: list[Step]) -> Step | None:
    """The earlier part this one refers to ("daarvan", "hoeveel waren dat", "En hoeveel via
    …?", or asked in the same sentence), if any: the last one before it in the question."""
    if reading is None or not before:
        return None
    if part.joined or reading.reference == "earlier part":
        return before[-1]
    reference = reading.reference or ""
    if reference.startswith("those: "):  # the last part about those contacts
        what = reference.removeprefix("those: ")
        asked = [s for s in before if s.reading is not None and what in s.reading.objects]
        return asked[-1] if asked else None
    if reading.reference == "period" and not reading.objects:
        return before[-1]  # "Graag ook de opsplitsing per kanaal voor die periode."
    return None  # "de vragen" after a part about contacts lends its period, not its filters


def _resolved(reading: Reading, earlier: Reading) -> tuple[Reading, dict[str, tuple[str, ...]]]:
    """The part's reading with what it refers to filled in: the earlier part's objects when it
    names none ("hoeveel waren dat gemiddeld per maand?"), and the earlier part's filters it
    does not name itself; and those filters apart, for the route to apply."""
    inherited = {k: v for k, v in earlier.filters.items() if k not in reading.filters}
    resolved = replace(
        reading,
        objects=reading.objects or earlier.objects,
        measures=reading.measures or earlier.measures,
        filters={**inherited, **reading.filters},
        exclusions={**earlier.exclusions, **reading.exclusions},  # "daarvan": of those left
        kind=earlier.kind if reading.kind == "unclear" else reading.kind,
    )  # "En over de registratiebelasting?": what the part before it asked, of another topic
    return resolved, inherited


def _unresolved(referred: Step) -> Reason | None:
    """A part that refers to an earlier part nothing could read gets no figures either."""
    if referred.reading is None or referred.reading.fully_read:
        return None
    return Reason(
        "not understood",
        f"the part refers to {referred.label}, which was not understood",
        catalogue.UNRESOLVED_REFERENCE.format(label=referred.label),
        flag=True,
    )


def _ellipsis(part: Part, reading: Reading, before: list[Step]) -> bool:
    """Whether a sub-point is an ellipsis of the one before it ("a) hoeveel oproepen de Woonlijn
    in 2022 kreeg; b) hoeveel e-mails?"): it has no verb, and the one before it a period."""
    if not part.key or not before or before[-1].period is None:
        return False
    previous = before[-1]
    if not previous.part.key:
        return False
    same = previous.part.lead == part.lead and previous.part.key != part.key
    verbs = any(w.role == reading_model.VERB for w in reading.words)
    return (
        same and not verbs and previous.reading is not None and previous.reading.period is not None
    )


def _refers_to(reference: str, earlier: Reading | None) -> bool:
    """Whether a part that refers to `reference` ("earlier part: contacts", "period") refers to
    the part read as `earlier`: the last one before it that asked it, with a period of its own."""
    if earlier is None or earlier.period is None:
        return False
    what = reference.removeprefix("earlier part").removeprefix("those").removeprefix(": ")
    if what in ("", "period"):
        return True
    dim, _, value = what.partition("=")
    return what in earlier.objects or value in earlier.filters.get(dim, ())


def plan_part(
    question: Question,
    sub: SubQuestion,
    part: Part,
    templates: list[AnswerTemplate],
    find: Callable[[str], QueryFile] | None = None,
    *,
    reading: Reading | None = None,
    before: list[Step] | None = None,
    intro: bool = True,
) -> Step:
    """How one part will be answered. With its `reading`, every word of the part must be
    accounted for and the template's figures must be what the reading asks; `before` are the
    steps of the earlier parts, whose period a part that refers to them takes; `intro` false
    keeps the introduction from naming the line or department."""
    referred = _referred(part, reading, before or [])
    inherited: dict[str, tuple[str, ...]] = {}
    if reading is not None and referred is not None and referred.reading is not None:
        reading, inherited = _resolved(reading, referred.reading)
    period, period_why = _period_of(question, sub, part, reading, before or [])
    policy = policy_ask(part.full_text)
    step = Step(
        sub, None, period, part=part, policy=policy, written=_written(sub, part), reading=reading
    )
    own_period = any(find_period(text, question.date) for text in (part.full_text, sub.text))
    if period.start > question.date and own_period and asks_figures(part.full_text):
        said = f"period {period.label} begins after the question was asked ({question.date})"
        reason = Reason(
            "future period", said, catalogue.FUTURE_PERIOD.format(period=period.label), flag=True
        )
        return replace(step, why=(said,), reason=reason)
    forced, key = _override(sub, part)
    if forced == NONE:
        said = f"{key}: none in the question's YAML"
        reason = Reason("template none", said, catalogue.TEMPLATE_NONE)
        return replace(step, why=(said,), reason=reason)
    fit, fits = _choose(question, sub, part, templates, period, reading, intro, inherited)
    near = tuple(f"{f.template.name}: {f.miss.en}" for f in fits if f.miss is not None)
    step = replace(step, near_misses=near)
    if fit is None:
        misses = [f.miss for f in fits if f.miss is not None]
        fallback = Reason("no template", "no template fits", catalogue.NO_TEMPLATE)
        reason = _policy_reason(policy) if policy else (misses[0] if misses else fallback)
        in_play = any(m.kind != "off subject" for m in misses) or _about_its_subject(
            question, sub, templates
        )
        if not policy and in_play and reading is not None:
            # A template about the question's subject was in play: the words not understood
            # say more than its miss.
            reason = _unread(reading, question) or reason
        return replace(step, reason=reason)
    template, why = fit.template, tuple(fit.why)
    if period_why:
        why = (*why, period_why)
    supports = bool(policy and template.answers_policy and template.answers_policy.search(policy))
    if forced is None and policy and not supports and not asks_figures(part.full_text):
        # The minister's view asked and no figures: figures would answer what was not asked.
        miss = f"{template.name}: policy ask without a question for figures"
        return replace(step, near_misses=(*near, miss), reason=_policy_reason(policy))
    if unclear := _unclear(part, reading) or _one_of_several(reading, period):
        reason = Reason(
            "unclear period",
            f"period '{unclear[0]}' cannot be read exactly",
            catalogue.UNCLEAR_PERIOD.format(phrase=unclear[0]),
            flag=True,
        )
        return replace(step, why=why, reason=reason)
    values, value_origins, problem = _narrowed(
        template, question, sub, part, intro, inherited, reading
    )
    if referred is not None and problem is None and forced is None:
        problem = (reading and _unread(reading, question)) or _unresolved(referred)
    if problem is not None and problem.kind == "unknown value" and reading is not None:
        # A name like a value ("over het antwoord") that is no value: what the reading did
        # not understand, quoted, says more, unless the reading stumbled on the name itself.
        value = problem.en.split("'")[1] if problem.en.count("'") >= 2 else ""
        stumbled = [w for w in [*reading.unknown, *(w for w, _ in reading.near)] if w in value]
        if reading.unknown and not stumbled:
            problem = _unread(reading, question) or problem
    if (problem is None or problem.kind == "missing value") and forced is None and reading:
        # Words not understood say more than a value not named, and come before the filters.
        problem = _unread(reading, question, figures=True) or problem
    if problem is None and forced is not None:
        # A template the question's YAML names was not chosen by `_choose`, which counts out a
        # template that cannot narrow or split as the part asks: that check is made here.
        problem = _unhandled_narrowing(template, part)
    if problem is None and reading is not None and forced is None:
        # its words were read above (`_unread`): what is left is whether the route applies them
        problem = _route_problem(reading, template, values)
    if problem is not None:
        return replace(step, why=why, reason=problem)
    if reading is not None and template.gives is not None and forced is None:
        for dim, left_out in reading.exclusions.items():
            name = template.gives.excludes[dim]
            if name not in question.parameters:
                values[name] = sorted({*_each(template.parameters.get(name)), *left_out})
                value_origins[name] = "left out in the part's words"
    params, origins = _parameters(question, template, period, values, value_origins)
    used: list[str] = []
    if problem := _missing_query_parameters(template, params, find, used):
        return replace(step, why=why, reason=problem)
    if problem := _unknown_parameter_values(template, params, question, templates):
        return replace(step, why=why, reason=problem)
    if supports:
        why = (*why, f"writes the placeholder for the minister's view itself ('{policy}')")
    return replace(
        step, template=template, params=params, origins=origins, why=why,
        used=tuple(dict.fromkeys([*used, *values])),  # a narrowing the template applies shows
    )  # fmt: skip


def _unread(reading: Reading, question: Question, figures: bool = False) -> Reason | None:
    """Why a part not fully read gets no figures, whatever template might have fit; a policy
    ask is a placeholder for the minister's words anyway, unless a template would give
    `figures` beside it ("Hoe evalueert de minister het gratis nummer van De Lijn?")."""
    if (reading.kind == "policy" and not figures) or reading.fully_read:
        return None
    return _words_problem(reading, question)


def _unclear(part: Part, reading: Reading | None) -> list[str]:
    """Phrases about time in the part's own words that cannot be read exactly; a reference to
    an earlier part's period ("in die periode") is read, by that part's period."""
    phrases = unclear_phrases(part.full_text)
    if reading is None or reading.reference != "period" or reading.period is not None:
        return phrases  # "in dezelfde periode van 2013" is no period of an earlier part
    referring = " ".join(
        w.text.lower()
        for w in reading.words
        if w.role == reading_model.REFERENCE and w.detail == "period"
    )
    return [p for p in phrases if not all(word in referring for word in p.lower().split())]


def _one_of_several(reading: Reading | None, period: Period) -> list[str]:
    """ "dat jaar", "die maand" for a part whose period is several years or months: which one
    depends on the earlier part's answer ("In welk jaar waren er de meeste?"), never guessed."""
    if reading is None or reading.reference != "period":
        return []
    words = [w for w in reading.words if w.role == reading_model.REFERENCE and w.detail == "period"]
    said = " ".join(w.text for w in words)
    if period.source.startswith("niet vermeld"):
        return [said]  # "in dat jaar" with no part before it that names a year
    units = {w.lemma for w in words}
    several = (
        "jaar" in units and "jaren" not in said and period.last_year > period.first_year
    ) or ("maand" in units and "maanden" not in said and len(period.months) > 1)
    return [said] if several else []


def _unknown_parameter_values(
    template: AnswerTemplate,
    params: dict[str, Any],
    question: Question,
    templates: list[AnswerTemplate],
) -> Reason | None:
    """A value in the question's `parameters:` for an exclusion the template takes that the data
    does not hold ("dienstencheque" for "dienstencheques"): flagged with the nearest value, never
    passed on to leave nothing out."""
    if template.gives is None:
        return None
    for dim, name in template.gives.excludes.items():
        known = route_vocabulary(templates).dimensions.get(dim, {})
        if name not in question.parameters or not known:
            continue
        names = {n.lower(): v for v, ns in known.items() for n in ns}
        for value in _each(params.get(name)):
            if str(value) in known:
                continue
            close = difflib.get_close_matches(str(value).lower(), list(names), n=1, cutoff=0.6)
            nearest = names[close[0]] if close else ", ".join(list(known)[:3])
            return Reason(
                "unknown value",
                f"{name} '{value}' (from the question's parameters) is no {dim} in the data; "
                f"did you mean '{nearest}'?",
                catalogue.UNKNOWN_VALUE.format(word=_nl(dim), value=value, nearest=nearest),
                flag=True,
            )
    return None


def _unhandled_narrowing(template: AnswerTemplate, part: Part) -> Reason | None:
    """A channel, place, group, condition or breakdown the part asks that `template` cannot give:
    its figures would be about more than was asked, or not split as asked."""
    text = part.full_text
    asked = narrowings_asked(text)
    handled = {k for k in asked if k in template.narrow or f"by_{k}" in template.measures}
    # What the template gives, where the part asks it: its own ask words, the narrowings it
    # takes and the words of its measures ("per kanaal" for by_channel).
    given = [h for p in template.match for h in p.finditer(text)]
    given += [h for k in handled for h in asked[k]] + measure_hits(text, template.measures)
    for kind, found in asked.items():
        if kind in handled:
            continue
        for m in found:
            words = m.group(0)
            if kind == "split":  # given where the template's words name what it is split by
                if any(h.start() < m.end() <= h.end() for h in given):
                    continue
            elif any(p.fullmatch(words) for p in template.match):
                continue  # its own ask is this narrowing ("afgebroken", "binnen de minuut")
            if kind == "split":
                return Reason(
                    "not split",
                    f"the part asks figures '{words}'; {template.name} does not split them so",
                    catalogue.SPLIT_NOT_HANDLED.format(words=words, template=template.name),
                    flag=True,
                )
            return Reason(
                "not narrowed",
                f"the part narrows to '{words}' ({kind}); {template.name} cannot narrow to it",
                catalogue.NARROWING_NOT_HANDLED.format(words=words, template=template.name),
                flag=True,
            )
    return None


def _covered(steps: list[Step]) -> list[Step]:
    """Parts that a template chosen for a sibling writes text for (its `also_answers:`), and
    parts that the same template with the same parameters answers already, or answers for the
    ask before it in the same sentence ("hoe lang wachtten bellers, en hoeveel haakten in?"):
    answered once."""
    out: list[Step] = []
    for step in steps:
        for earlier in out if step.written is None else []:
            template = earlier.template
            if template is None or earlier.covered_by:
                continue
            same = step.template is not None and step.template.name == template.name
            if same and step.params != earlier.params:
                joint = _one_sentence(earlier, step, out)
                same = joint is not None
                if joint is not None:
                    earlier = out[-1] = joint
            claimed = step.template is None and any(
                p.search(step.part.full_text) for p in template.also_answers.values()
            )
            if same or claimed:
                why = (f"written by {template.name} with {earlier.label}",)
                step = replace(step, template=None, covered_by=earlier.label, reason=None, why=why)
                break
        out.append(step)
    return out


def _one_sentence(earlier: Step, step: Step, out: list[Step]) -> Step | None:
    """`earlier` answering `step` too, when `step` was asked in the same sentence right after
    it: with the values `step` names where `earlier` took the template's default ("hoe lang
    wachtten ze, en hoeveel werden binnen de 30 seconden beantwoord?": the norm of 30
    seconds). None when they were asked apart or name different values."""
    if not (step.part.joined and out and out[-1] is earlier):
        return None
    if step.reading is None or earlier.reading is None:
        return None
    if set(step.reading.objects) <= set(earlier.reading.objects):
        return None  # "…, en hoeveel daarvan over X?": a part of the same figures, asked apart
    params, origins = dict(earlier.params), dict(earlier.origins)
    for name, value in step.params.items():
        if params.get(name) == value:
            continue
        if not origins.get(name, "").startswith("default of template"):
            return None
        params[name], origins[name] = value, step.origins.get(name, "?")
    return replace(earlier, params=params, origins=origins)


def route_vocabulary(templates: list[AnswerTemplate]) -> Vocabulary:
    """The data's words the templates know: the values they narrow to (`narrow:`), and the
    vocabulary files in their folders; made once per process for each set of templates."""
    key = tuple((t.name, t.path) for t in templates)
    if key not in _VOCABULARIES:
        declared = [
            {dim: n.values for dim, n in t.narrow.items() if dim != "department" or n.values}
            for t in templates
        ]
        objects = [o for t in templates if t.gives is not None for o in t.gives.objects]
        splits = [b for t in templates if t.gives is not None for b in t.gives.breakdowns]
        folders = [t.path.parent for t in templates]
        _VOCABULARIES[key] = vocabularies.merged(declared, folders, objects, splits)
    return _VOCABULARIES[key]


_VOCABULARIES: dict[tuple[tuple[str, Path], ...], Vocabulary] = {}


def plan(
    question: Question,
    templates: list[AnswerTemplate],
    find: Callable[[str], QueryFile] | None = None,
) -> list[Step]:
    """How every part of every sub-question will be answered, in order. With `find`, a query
    parameter that nothing gives makes its part a placeholder (instead of failing the draft).
    Each part is read word by word first (`planning.reading`): what it refers to of the parts
    before it ("daarvan") is read against what they ask."""
    if find is not None:
        _check_parameter_names(question, templates, find)
    vocabulary = route_vocabulary(templates)
    intro = _title_read(question, vocabulary)
    steps: list[Step] = []
    asked: list[str] = []
    for sub in question.subquestions:
        parts: list[Step] = []
        for part in split_parts(sub.text):
            reading = _read(part.full_text, question.date, vocabulary, tuple(asked))
            parts.append(
                plan_part(
                    question,
                    sub,
                    part,
                    templates,
                    find,
                    reading=reading,
                    before=steps + parts,
                    intro=intro,
                )
            )
            reading = parts[-1].reading or reading
            asked.extend(reading.objects)
            asked.extend(f"{k}={v}" for k, vs in reading.filters.items() for v in vs)
        steps.extend(_covered(parts))
    if question.earlier:  # issue 11: a question that repeats an earlier one
        from pqgen.compose import recurring

        steps = recurring.link(question, steps, templates, find, plan)
    return steps


# Parameters pqgen itself gives every query, or templates read (a chart on request).
DERIVED_PARAMETERS = ("period_start", "period_end", "reference_date", "chart")


def _check_parameter_names(
    question: Question, templates: list[AnswerTemplate], find: Callable[[str], QueryFile]
) -> None:
    """Refuse a name under the question's `parameters:` that no template or query takes but
    one nearly does: a typo there (`excluded_topic:`) would otherwise be ignored and the figures
    silently change. A name unlike any is left alone: a question file may carry parameters for
    another workspace's templates (a department's own)."""
    known = set(DERIVED_PARAMETERS)
    for template in templates:
        known |= set(template.parameters) | set(template.narrow)
        for spec in template.figures.values():
            try:
                known |= {p.name for p in find(spec.query).parameters}
            except QueryNotFound:
                continue
    for name in question.parameters:
        if str(name) not in known and difflib.get_close_matches(str(name), known, n=1):
            raise QuestionFileError(
                f"question {question.number}",
                f"parameters: {name}",
                "is a parameter no template or query takes; "
                + unknown_key_problem(str(name), tuple(sorted(known))).removeprefix(
                    "is not a known key; "
                ),
            )


def for_period(step: Step, spec: FigureSpec) -> tuple[Period, dict[str, Any]]:
    """The period and query parameters of one figure set of a step: the period asked about, or
    for `period: previous` the one of the same length before it."""
    assert step.period is not None
    if spec.period != "previous":
        return step.period, step.params
    before = step.period.previous()
    shifted = {"period_start": before.start, "period_end": before.end}
    return before, {**step.params, **shifted}


def figure_requests(steps: list[Step], find: Callable[[str], QueryFile]) -> list[FigureRequest]:
    """The distinct figure sets `steps` need: the same query with the same parameters once."""
    from pqgen.compose.recurring import earlier_sets

    found: dict[str, FigureRequest] = {}
    for step in steps:
        if step.template is None or step.period is None:
            continue
        sets = [(s.query, *for_period(step, s), s.optional) for s in step.template.figures.values()]
        for name, period, params, optional in [*sets, *earlier_sets(step)]:
            query = find(name)
            statement_params = query.used_parameters(params)
            key = figure_key(query.name, statement_params)
            if key in found:
                earlier = found[key]
                subs = earlier.subquestions
                if step.subquestion not in subs:
                    subs = (*subs, step.subquestion)
                found[key] = replace(
                    earlier, subquestions=subs, optional=earlier.optional and optional
                )
            else:
                found[key] = FigureRequest(
                    query, statement_params, (step.subquestion,), period, optional
                )
    return list(found.values())


def describe(
    steps: list[Step],
    question: Question | None = None,
    filled: dict[str, Any] | None = None,
    words: bool = False,
) -> list[str]:
    """The plan for the terminal: a line per part, what it was read as, then why, parameters
    and near misses (and, given the question, what a figure ask no template answers was read
    as: issue 12); with `words`, every word of each part and what it was read as."""
    from pqgen.compose import figure_route, recurring

    lines: list[str] = recurring.heading(question, steps) if question is not None else []
    for step in steps:
        what = step.part.text if step.part.key else step.subquestion.text
        lines.append(f"{step.heading} {what[:90]}{'…' if len(what) > 90 else ''}")
        lines.append("   -> " + one_line(step))
        if words:
            lines.extend(f"      {line}" for line in explain(step))
        elif step.reading is not None and not step.covered_by:
            lines.append(f"      read as: {describe_ask(step.reading)}")
            if step.reading.unknown and step.reading.kind != "policy":
                quoted = ", ".join(f"'{w}'" for w in step.reading.unknown)
                lines.append(f"      not understood: {quoted}")
        for why in step.why:
            lines.append(f"      why: {why}")
        if step.template is not None and step.period is not None:
            lines.append(f"      period: {step.period.describe()}")
            for name, value in step.params.items():
                if step.used and name not in step.used:
                    continue
                shown = value.isoformat() if isinstance(value, dt.date) else repr(value)
                lines.append(f"      parameter {name} = {shown} ({step.origins.get(name, '?')})")
        for miss in step.near_misses:
            lines.append(f"      near miss: {miss}")
        lines.extend(recurring.plan_lines(step))
        if question is not None:
            lines.extend(figure_route.plan_lines(question, step, filled))
    return lines


def one_line(step: Step) -> str:
    """What will answer a part, in a few words (the line `draft` prints per part)."""
    if step.covered_by:
        return f"answered with {step.covered_by}"
    extra = f" + placeholder for the minister's words ('{step.policy}')" if step.policy else ""
    if step.template is not None and step.period is not None:
        return f"template {step.template.name} [{step.period.label}]{extra}"
    if step.written is not None:
        return "text from the question's YAML"
    assert step.reason is not None
    flag = " [FLAGGED]" if step.reason.flag else ""
    return f"placeholder: {step.reason.en}{flag}"


def step_as_data(step: Step) -> dict[str, Any]:
    """A part's plan as plain data (`pqgen plan --json`, provenance.json): its label and words,
    what answers it and why, its period and parameters, and its reading word by word."""
    data: dict[str, Any] = {"part": step.label, "text": step.part.text or step.subquestion.text}
    if step.covered_by:
        data["answer"] = f"with {step.covered_by}"
    elif step.template is not None:
        data["answer"] = step.template.name
    elif step.written is not None:
        data["answer"] = "text from the question's YAML"
    else:
        data["answer"] = "placeholder"
    if step.reason is not None:
        data["reason"] = {"kind": step.reason.kind, "en": step.reason.en, "nl": step.reason.nl,
                          "flagged": step.reason.flag}  # fmt: skip
    if step.policy:
        data["policy"] = step.policy
    data["why"] = list(step.why)
    if step.period is not None:
        period = step.period
        data["period"] = {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "from": period.source,
        }
    if step.template is not None:
        data["parameters"] = {
            name: value.isoformat() if isinstance(value, dt.date) else value
            for name, value in step.params.items()
            if not step.used or name in step.used
        }
    data["near_misses"] = list(step.near_misses)
    if step.reading is not None:
        data["reading"] = step.reading.as_data()
    return data


def explain(step: Step) -> list[str]:
    """Every word of a part with what it was read as, neighbours read alike on one line, then
    the ask they make (`pqgen plan --explain`)."""
    if step.reading is None:
        return []
    lines = ["words:"]
    groups: list[tuple[str, str, list[str]]] = []
    for read in step.reading.words:
        if read.role == reading_model.PUNCTUATION:
            continue
        if groups and groups[-1][:2] == (read.role, read.detail):
            groups[-1][2].append(read.text)
        else:
            groups.append((read.role, read.detail, [read.text]))
    for role, detail, words in groups:
        said = " ".join(words)
        what = f"{role}: {detail}" if detail else role
        lines.append(f"  {said!r:<36} {what}")
    lines.append(f"read as: {step.reading.kind}; {describe_ask(step.reading)}")
    if step.reading.period:
        lines.append(f"period words: {step.reading.period}")
    if step.reading.reference:
        lines.append(f"refers to: {step.reading.reference}")
    if step.reading.unknown:
        lines.append("not understood: " + ", ".join(f"'{w}'" for w in step.reading.unknown))
    for said, value in step.reading.near:
        lines.append(f"near miss: '{said}', did you mean '{value}'?")
    return lines
