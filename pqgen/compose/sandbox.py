"""The sandbox templates run in: what a template may touch, and how much work it may do.

A template describes text; it cannot read or write files, run commands or reach a library
object. The policy, on top of Jinja's `SandboxedEnvironment`:

- Attributes are read only from plain data (str, int, float, bool, None, list, tuple, dict,
  set, range, date, datetime), from pqgen's own objects (the question, its period, figure
  tables, settings) and from Jinja's loop helpers. An attribute whose value is anything else (a
  Path, a DataFrame, a module) is refused; so is every name starting with "_".
- Filters, tests and globals are pqgen's own and a short list of Jinja's pure ones (`map`,
  `select`, `sort`, `join`, …). Filters that can blow up a string (`center`, `indent`,
  `format`, `wordwrap`) or reach outside (`random`, `urlize`, `xmlattr`) are left out.
- Work is bounded per rendering: loop steps and calls (`MAX_STEPS`), the length of any text or
  list a template builds (`MAX_TEXT`), the total it writes (`MAX_OUTPUT`), and recursion
  (`recursive` loops are refused; Python's recursion limit stops runaway macros). Crossing a
  limit is a `TemplateLimitError`, which `render_template` turns into a one-line error naming
  the template and line.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import operator
import types
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import Cycler, Joiner, Namespace
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from pqgen.errors import TemplateLimitError

MAX_STEPS = 1_000_000
MAX_TEXT = 1_000_000
MAX_OUTPUT = 2_000_000

PLAIN_TYPES: frozenset[type] = frozenset(
    {str, int, float, bool, type(None), list, tuple, dict, set, frozenset, range}
    | {dt.date, dt.datetime, dt.time, dt.timedelta, Markup}
    | {Namespace, LoopContext, Cycler, Joiner}
)

# Jinja's own filters that only compute on what they are given, within the size of their input.
JINJA_PURE_FILTERS = (
    "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "first", "float",
    "groupby", "int", "items", "join", "last", "length", "list", "lower", "map", "max", "min",
    "reject", "rejectattr", "reverse", "round", "select", "selectattr", "sort", "string",
    "sum", "title", "trim", "truncate", "unique", "upper",
)  # fmt: skip


def _allowed_object(obj: Any) -> bool:
    kind = type(obj)
    if kind in PLAIN_TYPES or kind.__module__.startswith("pqgen."):
        return True
    # groupby's (grouper, list) pairs are namedtuples made by Jinja.
    return kind.__module__ == "jinja2.filters" and isinstance(obj, tuple)


class _Budget:
    """The work one rendering has left."""

    def __init__(self) -> None:
        self.steps = 0
        self.output = 0

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(
                f"does more than {MAX_STEPS:,} loop steps and calls "
                "(a loop that never ends, or one over far too much)"
            )

    def wrote(self, length: int) -> None:
        self.output += length
        if self.output > MAX_OUTPUT:
            raise TemplateLimitError(f"writes more than {MAX_OUTPUT:,} characters")


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "pqgen_template_budget", default=None
)


def _charge(steps: int = 1) -> None:
    budget = _budget.get()
    if budget is not None:
        budget.step(steps)


def _check_size(value: Any) -> Any:
    if isinstance(value, str | list | tuple) and len(value) > MAX_TEXT:
        raise TemplateLimitError(f"builds a text or list longer than {MAX_TEXT:,}")
    return value


def _counted(items: Iterable[Any]) -> Iterator[Any]:
    """A loop's items, each one a step of the budget."""
    for item in items:
        _charge()
        yield item


def _finalize(value: Any) -> Any:
    """Every {{ … }} passes here: the total written is bounded."""
    if isinstance(value, str):
        _check_size(value)
        budget = _budget.get()
        if budget is not None:
            budget.wrote(len(value))
    return value


def _replace(text: Any, old: Any, new: Any, count: int | None = None) -> str:
    """Jinja's replace, refused before it builds a text beyond the limit."""
    text, old, new = str(text), str(old), str(new)
    hits = text.count(old) if count is None else min(count, text.count(old))
    _check_size_of(len(text) + hits * (len(new) - len(old)))
    return text.replace(old, new, -1 if count is None else count)


def _range(*args: int) -> range:
    """range() for templates: its length counts as steps."""
    result = range(*args)
    _charge(len(result))
    return result


class _Limits(NodeTransformer):
    """Rewrite a parsed template so that loops and `~` are counted against the budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        if node.recursive:
            raise jinja2.TemplateSyntaxError(
                "recursive loops are not allowed in answer templates", node.lineno
            )
        node.iter = nodes.Filter(node.iter, "_pqgen_counted", [], [], None, None)
        node.iter.set_lineno(node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        checked = nodes.Filter(node, "_pqgen_sized", [], [], None, None)
        checked.set_lineno(node.lineno)
        return checked


class PqgenSandbox(SandboxedEnvironment):
    """Jinja's sandbox with pqgen's policy and limits (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        result = _Limits().visit(tree)
        assert isinstance(result, nodes.Template)
        return result

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not super().is_safe_attribute(obj, attr, value) or not _allowed_object(obj):
            return False
        if isinstance(value, types.MethodType | types.BuiltinMethodType):
            return _allowed_object(getattr(value, "__self__", None))
        return _allowed_object(value)

    def call(
        __self,
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        _charge()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(
        self, context: jinja2.runtime.Context, operator_name: str, left: Any, right: Any
    ) -> Any:
        _charge()
        sized = (str, list, tuple)
        if operator_name == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, sized) and isinstance(times, int):
                    _check_size_of(len(seq) * max(times, 0))
        elif operator_name == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
                _check_size_of(abs(left).bit_length() * max(right, 0) // 4)
        elif operator_name == "%" and isinstance(left, str):
            raise TemplateLimitError("uses % to format text; use the filters instead")
        elif operator_name == "+" and isinstance(left, sized) and isinstance(right, sized):
            _check_size_of(len(left) + len(right))
        return _BINOPS[operator_name](left, right)


def _check_size_of(length: int) -> None:
    if length > MAX_TEXT:
        raise TemplateLimitError(f"builds a text, list or number longer than {MAX_TEXT:,}")


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "*": operator.mul,
    "**": operator.pow,
    "+": operator.add,
    "%": operator.mod,
    "//": operator.floordiv,
}


def sandbox(
    loader: jinja2.BaseLoader,
    filters: dict[str, Callable[..., Any]],
    globals: dict[str, Any],
    tests: dict[str, Callable[..., bool]],
) -> PqgenSandbox:
    """A sandbox with pqgen's `filters`, `globals` and `tests`, and nothing else of substance."""
    env = PqgenSandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        extensions=["jinja2.ext.do"],
        # Compiled once per environment, as the workspace reads each template's front matter
        # once (not a file check per template per answer of a batch).
        auto_reload=False,
    )
    env.filters = {name: JINJA_FILTERS[name] for name in JINJA_PURE_FILTERS}
    env.filters["replace"] = _replace
    env.filters.update(filters)
    env.filters["_pqgen_counted"] = _counted
    env.filters["_pqgen_sized"] = _check_size
    env.globals = {
        "range": _range,
        "dict": dict,
        "namespace": Namespace,
        "cycler": Cycler,
        "joiner": Joiner,
    }
    env.globals.update(globals)
    env.tests.update(tests)
    return env


class budget:
    """`with budget():` around one rendering: the limits count from zero."""

    def __enter__(self) -> None:
        self._token = _budget.set(_Budget())

    def __exit__(self, *_: object) -> None:
        _budget.reset(self._token)
