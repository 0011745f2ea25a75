"""Charts of figure sets, drawn with matplotlib when a template asks for one.

`chart(figures.contacts, x="year", y="contacts", series="topic", caption="…")` in a template draws
the chart, keeps the picture with the answer and writes ![caption](chart:N), which the renderer
places in the document with its caption. Nothing is stored: the chart is drawn from the figures
every time.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from jinja2 import Undefined, pass_context
from jinja2.runtime import Context

from pqgen import dutch
from pqgen.errors import FigureLookupError
from pqgen.figures.model import FigureTable

KINDS = ("bar", "line")
SIZE_INCHES = (6.3, 3.3)
DPI = 150


def draw(
    figures: FigureTable,
    x: str,
    y: str,
    series: str | None = None,
    kind: str = "bar",
    labels: dict[str, str] | None = None,
) -> bytes:
    """A PNG chart of column `y` by `x`, one bar or line per value of `series` (stacked bars)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    if isinstance(figures, Undefined):
        figures._fail_with_undefined_error()  # names the missing figure set
    if not isinstance(figures, FigureTable):
        raise FigureLookupError(
            f"chart() takes a figure set (figures.NAME), not {type(figures).__name__}"
        )
    name = figures.name
    for column in (x, y, *([series] if series else [])):
        if column not in figures.columns:
            raise FigureLookupError(f"figure set '{name}' has no column '{column}' to chart")
    if kind not in KINDS:
        raise FigureLookupError(f"chart kind '{kind}' is not one of {', '.join(KINDS)}")
    labels = labels or {}
    # pandas draws the chart here, inside pqgen: the template only ever sees the FigureTable.
    frame = pd.DataFrame(list(figures.tuples()), columns=list(figures.columns))
    data: pd.DataFrame | pd.Series = (
        frame.pivot_table(index=x, columns=series, values=y, aggfunc="sum", fill_value=0)
        if series
        else frame.groupby(x)[y].sum()
    )
    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    axes = figure.subplots()
    options: dict[str, Any] = {"kind": kind, "ax": axes, "rot": 0}
    if kind == "bar":
        options.update(stacked=bool(series), width=0.6)
    data.plot(**options)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: dutch.number(round(v))))
    axes.set_xlabel(labels.get(x, x))
    axes.set_ylabel(labels.get(y, y))
    axes.spines[["top", "right"]].set_visible(False)
    if series:
        axes.legend(title=labels.get(series, series), fontsize=7, title_fontsize=8, frameon=False,
                    loc="upper left", bbox_to_anchor=(1.0, 1.0))  # fmt: skip
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


@pass_context
def chart(
    context: Context,
    figures: FigureTable,
    x: str,
    y: str,
    series: str | None = None,
    caption: str = "",
    kind: str = "bar",
) -> str:
    """Draw a chart for the answer and return the markup that places it."""
    pictures: dict[str, bytes] = context["pictures"]
    key = f"chart:{len(pictures) + 1}"
    labels: dict[str, Any] = context.get("labels") or {}
    pictures[key] = draw(figures, x, y, series, kind, labels)
    return f"\n\n![{caption or labels.get(y, y)}]({key})\n\n"
