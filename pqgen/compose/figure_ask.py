"""Read a figure ask that no template answers (issue 12): what is counted or summed and in which
unit (the measure), per what it is split (the dimensions), and for which period.

"Hoeveel aanvragen voor een omgevingsvergunning werden er sinds 2019 ingediend, per jaar en per
provincie?" is the measure "aanvragen voor een omgevingsvergunning" (aantal), the dimensions
jaar and provincie, and the period 2019 up to the question. The department that holds the
figures gets a sheet with exactly those keys (:mod:`pqgen.figures.workbooks.ask_sheets`), and
:mod:`pqgen.compose.figure_answer` writes the answer from what it filled in.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pqgen.figures.dimensions import known_values
from pqgen.figures.workbooks.ask_sheets import AskSheet, Dimension
from pqgen.planning.asks import asks_figures
from pqgen.question.period import Period

# Units, in the order they are looked for: the first that matches is the unit.
UNITS: tuple[tuple[str, str], ...] = (
    ("percentage", r"\b(?:welk|hoeveel)\s+(?:percentage|procent)|\bpercentage\b|\baandeel\b|%"),
    ("euro", r"\beuro\b|€|\bbedrag\w*\b|\bhoeveel\s+geld\b|\bbudget\b|\bkost(?:en|prijs)?\b"
     r"|\bontvangsten\b|\binkomsten\b|\buitgaven\b|\bopbrengst\w*\b"),
    ("ton", r"\bton\b|\btonnen\b"),
    ("uur", r"\buren\b|\buur\b"),
    ("kilometer", r"\bkilometer\w*\b|\bkm\b"),
    ("hectare", r"\bhectare\b|\bha\b"),
)  # fmt: skip
UNIT_WORDS = {"aantal": "aantal", "euro": "euro", "percentage": "percentage", "ton": "ton",
              "uur": "uren", "kilometer": "kilometer", "hectare": "hectare"}  # fmt: skip

# Dimensions with a name pqgen knows; any other "per X" is an open dimension named X.
DIMENSIONS: tuple[tuple[str, str], ...] = (
    ("jaar", r"\bper\s+(?:kalender)?jaar\b|\bjaarlijks\w*|\bjaar\s+per\s+jaar\b"),
    ("maand", r"\bper\s+maand\b|\bmaandelijks\w*|\bmaand\s+per\s+maand\b"),
    ("provincie", r"\bper\s+provincie\b|\bprovinciale\s+(?:op)?splitsing\b"),
    ("gemeente", r"\bper\s+(?:stad\s+(?:en|of)\s+)?gemeente\b"),
    ("sector", r"\bper\s+sector\b|\bnaar\s+sector\b"),
    ("geslacht", r"\bgeslacht\b|\bm/v/x\b|\bgender\b|\bman\s*/\s*vrouw\b"),
    ("leeftijdscategorie", r"\bleeftijd\w*"),
    ("type", r"\bper\s+(?:type|soort)\b|\bnaar\s+(?:type|soort)\b"),
)  # fmt: skip
_OPEN = re.compile(r"\bper\s+(?!jaar|maand|provincie|gemeente|sector|type|soort|persoon|inwoner"
                   r"|stuk|dag|week|kwartaal|geslacht|leeftijd)([a-zà-ÿ-]{3,})", re.I)  # fmt: skip
_ONE_PROVINCE = re.compile(
    r"\b(?:in|voor)\s+(?:de\s+provincie\s+)?(Antwerpen|Limburg|Oost-Vlaanderen|Vlaams-Brabant"
    r"|West-Vlaanderen)\b"
)
_BRUSSELS = re.compile(r"\bBrussel", re.I)
_MEASURE = re.compile(
    r"\b(?:hoeveel|welk(?:e)?\s+(?:bedrag|aantal|percentage)(?:\s+(?:aan|van))?|het\s+aantal"
    r"|het\s+(?:totale\s+)?bedrag(?:\s+(?:aan|van))?|de\s+(?:totale\s+)?(?:omvang|som)\s+van)\s+"
    r"(?:euro\s+(?:aan\s+)?)?(.+?)(?=\s*(?:\?|,|;|$|\bper\b|\bsinds\b|\bvan(?:af)?\s+\d|\bin\s+\d"
    r"|\btussen\b|\bde\s+(?:voorbije|laatste|afgelopen)\b|\b(?:op|naar)\s+geslacht|\bopgesplitst"
    r"|\bopgedeeld|\bwerden\b|\bwerd\b|\bzijn\b|\bwaren\b|\bheeft\b|\bhebben\b|\bis\b))",
    re.I,
)


@dataclass(frozen=True)
class FigureAsk:
    """A figure ask read from a part's words."""

    measure: str
    unit: str
    dimensions: tuple[str, ...]
    period: Period
    province: str | None = None  # the one province the ask is about
    brussels: bool = False

    def describe(self) -> str:
        dims = ", ".join(f"per {d}" for d in self.dimensions) or "one figure"
        where = f", in {self.province}" if self.province else ""
        return f"'{self.measure}' ({self.unit}){where}; {dims}; period {self.period.label}"


_VERB = re.compile(
    r"^(?:er\s+)?(?:werd|werden|wordt|worden|is|zijn|was|waren|heeft|hebben)\b", re.I
)
# "… uitgegeven aan de bekendmaking": what an amount went to, when the ask names no noun.
_SPENT_ON = re.compile(
    r"\b(\w+(?:en|d|t))\s+(aan|voor)\s+(.+?)(?=\s*(?:\?|,|;|$|\bper\b|\bsinds\b|\bvan(?:af)?\s+\d"
    r"|\bin\s+\d|\btussen\b))",
    re.I,
)


def _measure(text: str) -> str:
    m = _MEASURE.search(text)
    words = m.group(1).strip() if m else ""
    if _VERB.match(words):
        spent = _SPENT_ON.search(text)
        words = " ".join(spent.groups()) if spent else ""
    words = re.sub(r"^(?:er\s+|de\s+|het\s+)", "", words).strip()
    words = re.sub(r"^(?:ton|euro|uren|uur|kilometer|hectare|km)\s+(?:aan\s+)?", "", words)
    return words or "gevraagde cijfers"


def _unit(text: str) -> str:
    for unit, words in UNITS:
        if re.search(words, text, re.I):
            return unit
    return "aantal"


def _dimensions(text: str) -> tuple[str, ...]:
    found = [(m.start(), name) for name, words in DIMENSIONS if (m := re.search(words, text, re.I))]
    found += [(m.start(), m.group(1).lower()) for m in _OPEN.finditer(text)]
    return tuple(dict.fromkeys(name for _, name in sorted(found)))


# An average, a median or a duration: no sum of what a department fills in, and no unit pqgen
# can know (seconds? days?). Such a part stays a placeholder rather than a count of
# "gevraagde cijfers" that adds up averages.
_NOT_A_SUM = re.compile(
    r"\bgemiddeld\w*|\bmediaan\w*|\bhoe\s+lang\b|\bwachttijd\w*|\btermijn\w*|\bdoorlooptijd\w*"
    r"|\bduur\b|\bbehandeltijd\w*",
    re.I,
)


def read_figure_ask(text: str, period: Period) -> FigureAsk | None:
    """The figure ask in `text` (a part's full words), or None where it asks no figures, or
    figures that are not a count or amount to add up (an average, a duration)."""
    if not asks_figures(text) or _NOT_A_SUM.search(text):
        return None
    one = _ONE_PROVINCE.search(text)
    dims = _dimensions(text)
    unit, measure = _unit(text), _measure(text)
    if unit == "percentage" and not measure.startswith("percentage"):
        measure = f"percentage van de {measure}"
    return FigureAsk(
        measure=measure,
        unit=unit,
        dimensions=dims,
        period=period,
        province=one.group(1) if one and "provincie" not in dims else None,
        brussels=bool(_BRUSSELS.search(text)),
    )


def sheet_for(
    ask: FigureAsk, label: str, text: str, asked_on: dt.date, department: str | None
) -> AskSheet:
    """The request sheet of one figure ask: its words, unit, dimensions and their keys."""
    dims = []
    for name in ask.dimensions:
        known = known_values(name, ask.period, asked_on, ask.brussels)
        dims.append(Dimension(name, known.values, known.why))
    return AskSheet(
        label=label,
        text=text,
        measure=ask.measure,
        unit=ask.unit,
        period=ask.period,
        dimensions=tuple(dims),
        department=department,
        province=ask.province,
    )
