"""Answer templates: one Jinja template per kind of sub-question.

A template is a file NAME.md.j2 that writes the answer to one sub-question in Markdown. It opens
with a Jinja comment holding YAML that says what it answers and what it needs::

    {#-
    title: Contacts per topic and year
    match:                      # every pattern must occur in the sub-question (case ignored)
      - "aanvragen|contacten|oproepen"
      - "per (onderwerp|thema)"
    figures:                    # name in the template: query file in queries/ (without .sql)
      contacts: contacts_per_topic
      before:                   # the same figures for the period before the one asked about
        query: contacts_per_topic
        period: previous
        optional: true          # may be empty (a department need not fill it in)
    subject: "1700|infolijn"    # what the figures describe: one pattern must occur in the
                                # question's title, introduction or sub-question
    measures: [count, per_year, over_period]   # what the figures give (see planning/asks.py)
    resolution: year            # the finest period answered: year, month or day
    narrow:                     # values read from the question's words, for the queries
      department:
        values: [Departement Werk en Sociale Economie]   # as the data spells them
        names: "Departement [A-Z]\\w+"   # how a question names one (an unknown one is flagged)
        required: true          # without it, no figures: a placeholder
        several: false          # true: a part may name several (the queries take a list)
        from_part: false        # true: only the part's words count (the title's do not)
        names_only: false       # true: a value is named by its names only (a number, say)
    also_answers:               # other asks of the sub-question this template writes text for
      bekendmaking: "bekend"
    answers_policy: "evalueert" # policy asks its figures support; it writes the placeholder
                                # for the minister's words itself
    parameters:                 # defaults for the queries; the question's YAML overrides them
      chart: false
    labels:                     # column names in Dutch, for tables and the annex
      topic: Onderwerp
    compare:                    # a recurring question: the figure whose change since the
      figures: contacts         # earlier answer is stated (compose/recurring.py)
      column: contacts
      what: het aantal contacten
    -#}

Templates run sandboxed with StrictUndefined: a missing figure or variable is an error that
names the template, line and variable, never a blank in the answer. Files whose name starts with
"_" hold shared macros and answer nothing themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment

from pqgen.compose import filters as filters
from pqgen.compose import sandbox, tables
from pqgen.compose.charts import chart
from pqgen.compose.placeholders import written_or_placeholder
from pqgen.errors import PqgenError, TemplateError, TemplateLimitError
from pqgen.question import limits
from pqgen.workspace import Workspace

TEMPLATE_SUFFIX = ".md.j2"
ROLES = ("answer", "referral")
_FRONT_MATTER = re.compile(r"\A\{#-?\s*\n(?P<yaml>.*?)\n\s*-?#\}", re.DOTALL)


PERIODS = ("asked", "previous")
RESOLUTIONS = ("year", "month", "day")


@dataclass(frozen=True)
class Narrowing:
    """A value that narrows a template's figures (a line, a department), read from the question's
    words: the values the data holds, each with the other names a question may use for it, and a
    pattern for how a question names one at all (to flag a name that matches none)."""

    values: dict[str, tuple[str, ...]]
    names: re.Pattern[str] | None = None
    required: bool = False
    scope: bool = False  # the figures are about these values only and cannot be narrowed further
    several: bool = False  # a part may name several values (its queries take a list)
    from_part: bool = False  # read from the part's own words only, never from the context


READING_MEASURES = ("count", "average", "median", "minimum", "maximum", "share", "change")


@dataclass(frozen=True)
class Gives:
    """What a template's figures are, in the words of a part's reading: the objects they count
    or measure, the measures, the breakdowns; the filters they always apply (`fixed`: the
    digital channels); and for an exclusion a part names, the parameter that takes it
    (`excludes: {topic: excluded_topics}`). A part is answered only when its reading asks
    nothing beyond these."""

    objects: tuple[str, ...]
    measures: tuple[str, ...] = ("count",)
    breakdowns: tuple[str, ...] = ()
    fixed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    excludes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureSpec:
    """A figure set a template needs: a query, for the period asked or the one before it.
    An optional set may be empty: a department need not fill it in (say, figures to compare)."""

    query: str
    period: str = "asked"
    optional: bool = False


@dataclass(frozen=True)
class CompareSpec:
    """issue 11: the figure a template states the change of, for a question that repeats an
    earlier one: a column of one of its figure sets, per year (a count is summed over the year's
    rows; any other column must have one row for the year). `what` names it in Dutch with its
    article ("het aantal contacten"), `unit` follows the value ("seconden")."""

    figures: str
    column: str
    what: str
    unit: str = ""
    decimals: int | None = None  # of the value; by default 0 for a count, 1 for a number, 2 for %


@dataclass(frozen=True)
class AnswerTemplate:
    """A template and what it declares: the sub-questions it answers and the figures it needs."""

    name: str
    path: Path
    title: str
    match: tuple[re.Pattern[str], ...]
    figures: dict[str, FigureSpec]
    parameters: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    role: str = "answer"
    subject: tuple[re.Pattern[str], ...] = ()
    measures: tuple[str, ...] = ()
    resolution: str = "day"
    narrow: dict[str, Narrowing] = field(default_factory=dict)
    also_answers: dict[str, re.Pattern[str]] = field(default_factory=dict)
    answers_policy: re.Pattern[str] | None = None
    compare: CompareSpec | None = None  # issue 11: recurring questions
    gives: Gives | None = None  # what its figures are, for the reading of a part

    def about(self, text: str) -> str | None:
        """The words in `text` that show it is about this template's subject (None if none);
        a template that declares no subject is about anything."""
        if not self.subject:
            return "(no subject declared)"
        for pattern in self.subject:
            if found := pattern.search(text):
                return found.group(0)
        return None

    def score(self, text: str) -> int:
        """How well this template fits a sub-question: 0 if any pattern is missing, else the
        number of characters its patterns matched (more specific templates win)."""
        total = 0
        for pattern in self.match:
            found = pattern.search(text)
            if not found:
                return 0
            total += max(1, len(found.group(0)))
        return total


def read_template(path: Path) -> AnswerTemplate:
    """Read a template's front matter; a template without one answers nothing and is an error."""
    name = path.name.removesuffix(TEMPLATE_SUFFIX)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(name, f"cannot be read ({exc.strerror})") from None
    m = _FRONT_MATTER.match(text)
    if not m:
        raise TemplateError(
            name,
            "no front matter",
            line=1,
            hint="start the template with a {#- … -#} comment holding 'title:', 'match:' and "
            "'figures:' (see templates/README.md)",
        )
    try:
        meta = limits.safe_yaml(m.group("yaml"), path) or {}
    except yaml.YAMLError as exc:  # lines counted from the template's first
        problem = limits.yaml_problem(exc, first_line=text.count("\n", 0, m.start("yaml")) + 1)
        raise TemplateError(name, f"front matter is not valid YAML: {problem}") from None
    if not isinstance(meta, dict):
        raise TemplateError(name, "front matter must be a mapping", line=1)
    role = str(meta.get("role") or "answer")
    if role not in ROLES:
        raise TemplateError(
            name, f"unknown role '{role}'", line=1, hint="use " + " or ".join(ROLES)
        )
    patterns = meta.get("match") or []
    if isinstance(patterns, str):
        patterns = [patterns]
    if role == "answer" and (not isinstance(patterns, list) or not patterns):
        raise TemplateError(name, "front matter needs 'match:', a list of patterns", line=1)
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(str(pattern), re.IGNORECASE))
        except re.error as exc:
            raise TemplateError(
                name, f"pattern {pattern!r} in 'match:' is invalid ({exc})"
            ) from None
    figures = meta.get("figures") or {}
    parameters = meta.get("parameters") or {}
    labels = meta.get("labels") or {}
    if not all(isinstance(x, dict) for x in (figures, parameters, labels)):
        raise TemplateError(
            name, "'figures:', 'parameters:' and 'labels:' must be mappings", line=1
        )
    measures = meta.get("measures") or []
    resolution = str(meta.get("resolution") or "day")
    if not isinstance(measures, list) or resolution not in RESOLUTIONS:
        raise TemplateError(
            name, "'measures:' must be a list and 'resolution:' one of " + ", ".join(RESOLUTIONS)
        )
    return AnswerTemplate(
        subject=tuple(_patterns(name, "subject", meta.get("subject") or [])),
        measures=tuple(str(m) for m in measures),
        resolution=resolution,
        narrow={str(k): _narrowing(name, str(k), v) for k, v in (meta.get("narrow") or {}).items()},
        also_answers={
            str(k): _patterns(name, "also_answers", v)[0]
            for k, v in (meta.get("also_answers") or {}).items()
        },
        answers_policy=(
            _patterns(name, "answers_policy", meta["answers_policy"])[0]
            if meta.get("answers_policy")
            else None
        ),
        name=name,
        path=path,
        title=str(meta.get("title") or name),
        match=tuple(compiled),
        figures={str(k): _figure_spec(name, str(k), v) for k, v in figures.items()},
        parameters=parameters,
        labels={str(k): str(v) for k, v in labels.items()},
        role=role,
        compare=_compare_spec(name, meta.get("compare"), figures),
        gives=_gives(name, meta.get("gives")),
    )


def _gives(template: str, value: Any) -> Gives | None:
    """`gives: {objects: [contacts], measures: [count], breakdowns: [topic, year]}`."""
    if value is None:
        return None
    how = "give gives: {objects: [contacts], measures: [count], breakdowns: [year]}"
    known = {"objects", "measures", "breakdowns", "fixed", "excludes"}
    if not isinstance(value, dict) or not value.get("objects"):
        raise TemplateError(template, f"'gives:' needs 'objects:', a list; {how}")
    if unknown := sorted(set(map(str, value)) - known):
        raise TemplateError(template, f"'gives:' has an unknown key '{unknown[0]}'; {how}")

    def words(key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        found = value.get(key, list(default))
        if isinstance(found, str):
            found = [found]
        if not isinstance(found, list) or not all(isinstance(w, str) for w in found):
            raise TemplateError(template, f"'gives: {key}:' must be a list of words; {how}")
        return tuple(found)

    measures = words("measures", ("count",))
    if strange := [
        m for m in measures if m not in READING_MEASURES and not m.startswith("average per ")
    ]:
        raise TemplateError(
            template,
            f"'gives: measures:' has an unknown measure '{strange[0]}'",
            hint="use " + ", ".join(READING_MEASURES) + ", or 'average per month' and the like",
        )
    fixed, excludes = value.get("fixed") or {}, value.get("excludes") or {}
    if not isinstance(fixed, dict) or not isinstance(excludes, dict):
        raise TemplateError(template, "'gives: fixed:' and 'gives: excludes:' must be mappings")
    return Gives(
        objects=words("objects"),
        measures=measures,
        breakdowns=words("breakdowns"),
        fixed={
            str(k): tuple(map(str, v if isinstance(v, list) else [v])) for k, v in fixed.items()
        },
        excludes={str(k): str(v) for k, v in excludes.items()},
    )


def _patterns(
    template: str, key: str, value: Any, flags: int = re.IGNORECASE
) -> list[re.Pattern[str]]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list):
        raise TemplateError(template, f"'{key}:' must be a pattern or a list of patterns")
    compiled = []
    for pattern in values:
        try:
            compiled.append(re.compile(str(pattern), flags))
        except re.error as exc:
            raise TemplateError(
                template, f"pattern {pattern!r} in '{key}:' is invalid ({exc})"
            ) from None
    return compiled


def _narrowing(template: str, name: str, value: Any) -> Narrowing:
    """`line: {values: {"1700": [Vlaamse Infolijn]}, names: "\\w+lijn", required: true}`."""
    if not isinstance(value, dict) or not isinstance(value.get("values"), list | dict):
        raise TemplateError(template, f"narrow '{name}' needs 'values:', a list or a mapping")
    raw = value["values"]
    # With `names_only`, a value is named by its names alone: "30" is no norm of 30 seconds
    # wherever a 30 occurs ("op 30 juni"); "30 seconden" is.
    itself = not value.get("names_only", False)
    values: dict[str, tuple[str, ...]] = (
        {str(v): (str(v),) for v in raw}
        if isinstance(raw, list)
        else {
            str(k): (*((str(k),) if itself else ()), *(str(a) for a in (v or [])))
            for k, v in raw.items()
        }
    )
    # Case matters in names: "Departement Werk en Sociale Economie" ends before "via".
    names = value.get("names")
    pattern = _patterns(template, f"narrow {name} names", names, 0)[0] if names else None
    return Narrowing(
        values,
        pattern,
        bool(value.get("required", False)),
        bool(value.get("scope", False)),
        bool(value.get("several", False)),
        bool(value.get("from_part", False)),
    )


def _figure_spec(template: str, name: str, value: Any) -> FigureSpec:
    """`contacts: contacts_per_topic`, or `before: {query: contacts_per_topic, period: previous}`
    for the same figures over the period before the one asked about."""
    if isinstance(value, str):
        return FigureSpec(value)
    if isinstance(value, dict) and isinstance(value.get("query"), str):
        period = str(value.get("period", "asked"))
        if period not in PERIODS:
            raise TemplateError(
                template, f"figures '{name}': period must be one of {', '.join(PERIODS)}"
            )
        return FigureSpec(value["query"], period, bool(value.get("optional", False)))
    raise TemplateError(
        template, f"figures '{name}' must name a query, or be {{query: …, period: …}}"
    )


def _compare_spec(template: str, value: Any, figures: dict[Any, Any]) -> CompareSpec | None:
    """`compare: {figures: contacts, column: contacts, what: het aantal contacten}` (issue 11)."""
    if value is None:
        return None
    how = "give compare: {figures: NAME, column: COLUMN, what: 'het aantal …'}"
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k), str) and value[k].strip() for k in ("figures", "column", "what")
    ):
        raise TemplateError(template, f"'compare:' needs figures, column and what; {how}")
    unknown = sorted(set(map(str, value)) - {"figures", "column", "what", "unit", "decimals"})
    if unknown:
        raise TemplateError(template, f"'compare:' has an unknown key '{unknown[0]}'; {how}")
    name = value["figures"].strip()
    spec = figures.get(name)
    if spec is None or (isinstance(spec, dict) and spec.get("period", "asked") != "asked"):
        raise TemplateError(
            template,
            f"'compare: figures: {name}' is not one of its figure sets for the period asked",
            hint="name a set under 'figures:' without 'period: previous'",
        )
    unit = value.get("unit") or ""
    if not isinstance(unit, str):
        raise TemplateError(template, "'compare: unit:' must be text (say 'seconden')")
    decimals = value.get("decimals")
    if decimals is not None and (
        not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= 4
    ):
        raise TemplateError(template, "'compare: decimals:' must be a whole number from 0 to 4")
    return CompareSpec(name, value["column"].strip(), value["what"].strip(), unit.strip(), decimals)


def load_templates(dirs: list[Path], role: str = "answer") -> list[AnswerTemplate]:
    """Every template of `role` in `dirs`; a user's template replaces a built-in one of its name.

    Role "answer" (the default) answers sub-questions; role "referral" writes the short answer
    that refers a joint question's other ministers to the coordinated answer.
    """
    found: dict[str, AnswerTemplate] = {}
    for folder in dirs:
        for path in sorted(folder.glob("*" + TEMPLATE_SUFFIX)):
            if path.name.startswith("_"):
                continue
            template = read_template(path)
            found.setdefault(template.name, template)
    return sorted((t for t in found.values() if t.role == role), key=lambda t: t.name)


@jinja2.pass_context
def _placeholder(context: jinja2.runtime.Context, what: str, key: str | None = None) -> str:
    """placeholder("evaluatie door de minister", key="evaluatie") in a template: the text the
    question's YAML gives for it, else "[TE VERVOLLEDIGEN: evaluatie door de minister]"."""
    return written_or_placeholder(context["subquestion"], what, key)


def make_environment(dirs: list[Path]) -> SandboxedEnvironment:
    """The sandboxed Jinja environment with the Dutch filters, loading from `dirs` in order.

    Templates get pqgen's filters, tests and globals and plain data only, with bounded work
    (see `compose.sandbox`)."""
    return sandbox.sandbox(
        jinja2.FileSystemLoader([str(d) for d in dirs]),
        filters={**filters.FILTERS, **tables.FILTERS},
        globals={**filters.GLOBALS, "placeholder": _placeholder, "chart": chart},
        tests={"matching": _matching},
    )


def _matching(text: Any, pattern: Any) -> bool:
    """`text is matching("evalu|oordeel")`: whether the pattern occurs, case ignored."""
    try:
        return bool(re.search(str(pattern), str(text), re.I))
    except re.error as exc:
        raise TemplateLimitError(f"pattern {str(pattern)!r} is invalid ({exc})") from None


def render_template(
    env: SandboxedEnvironment, template: AnswerTemplate, context: dict[str, Any]
) -> str:
    """Fill in `template`; any failure becomes a TemplateError naming template, line, variable.

    The text is written piece by piece so that the sandbox's limits stop a runaway template
    before it fills the memory."""
    try:
        jinja_template = env.get_template(template.path.name)
        with sandbox.budget():
            return "".join(jinja_template.generate(context))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(template.name, exc.message or "syntax error", line=exc.lineno) from None
    except jinja2.UndefinedError as exc:
        variable = _undefined_name(str(exc))
        raise TemplateError(
            template.name,
            f"{exc.message}",
            line=_template_line(exc.__traceback__, template.path),
            variable=variable,
            hint="check the name against the figures and variables the template is given "
            "(see templates/README.md)",
        ) from None
    except jinja2.TemplateError as exc:
        raise TemplateError(
            template.name,
            str(exc.message or exc),
            line=_template_line(exc.__traceback__, template.path),
        ) from None
    except PqgenError as exc:
        raise TemplateError(
            template.name, exc.message, line=_template_line(exc.__traceback__, template.path)
        ) from None
    except RecursionError as exc:
        raise TemplateError(
            template.name,
            "recursion too deep (a macro that keeps calling itself)",
            line=_template_line(exc.__traceback__, template.path),
        ) from None
    except (
        TypeError,
        ValueError,
        KeyError,
        IndexError,
        AttributeError,
        ArithmeticError,
        MemoryError,
    ) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else ""
        raise TemplateError(
            template.name,
            f"{type(exc).__name__}: {problem[:200]}",
            line=_template_line(exc.__traceback__, template.path),
        ) from None


def _undefined_name(message: str) -> str | None:
    m = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", message)
    return (m.group(1) or m.group(2)) if m else None


def _template_line(tb: TracebackType | None, path: Path) -> int | None:
    """The line of the template being run when the error happened, from Jinja's traceback."""
    line = None
    wanted = str(path)
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == wanted:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def templates(workspace: Workspace, role: str = "answer") -> list[AnswerTemplate]:
    """The workspace's templates of `role`, read once per process."""
    dirs = workspace.answer_template_dirs() if role == "answer" else workspace.template_dirs
    return workspace.cached(f"templates:{role}", lambda: load_templates(dirs, role))


def environment(workspace: Workspace) -> SandboxedEnvironment:
    """The workspace's Jinja environment, made once per process (it compiles each template once)."""
    return workspace.cached("environment", lambda: make_environment(workspace.template_dirs))
