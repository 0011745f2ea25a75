"""The period a question asks about, read from its words and its date.

A period is a run of days with the resolution it was asked in: whole years ("de laatste 3 jaar",
asked on 8 June 2017, are 2014, 2015 and 2016 — the year of the question is not over), a quarter
("het eerste kwartaal van 2024"), a month ("maart 2024", "januari tot en met maart 2024"), a
school or academic year ("schooljaar 2023-2024": 1 September to 31 August), a legislature (from
the election of the Flemish Parliament to the day before the next one), or days.

A period that is not over when the question is asked ("dit jaar", "sinds 2021", "deze
legislatuur") ends at the last complete month before the question (or at the question's date, in
its first month), and its `note` says so. An amount with a unit ("2000 ton", "€ 2000") is no year.
A phrase about time that pqgen cannot represent exactly ("de laatste maanden", "sinds de
coronacrisis") is returned by :func:`unclear_phrases`, for a failed check that quotes it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import replace

from pqgen.dutch import WORD_NUMBERS
from pqgen.question.period import MONTHS, Period, add_months, month_end

ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2, "3e": 3, "4e": 4}
# Elections of the Flemish Parliament: each legislature runs to the day before the next one.
ELECTIONS = (dt.date(1999, 6, 13), dt.date(2004, 6, 13), dt.date(2009, 6, 7),
             dt.date(2014, 5, 25), dt.date(2019, 5, 26), dt.date(2024, 6, 9))  # fmt: skip

_COUNT = r"(\d{1,2}|" + "|".join(WORD_NUMBERS) + r")"
_Y = r"((?:19[5-9]|20\d)\d)"
_MONTH = "(" + "|".join(MONTHS) + ")"
_ORD = r"(eerste|tweede|derde|vierde|[1-4]e)"
# What makes a number an amount, not a year: a unit after it, or a currency before it.
_UNIT = re.compile(
    r"\s*(?:-\s*)?(?:ton|kg|kilo|gram|liter|l\b|m|m2|m²|m3|km|meter|euro|eur|ha|hectare|"
    r"personen|mensen|inwoners|leerlingen|woningen|stuks|keer|nummer|lijn|uur|minuten|%|procent)\b"
    r"|\s*%|[.,]\d",
    re.IGNORECASE,
)

_LEGISLATURE = re.compile(
    r"\b(?:(?:sinds\s+(?:het\s+begin\s+van\s+)?)?(deze|de\s+huidige|huidige|vorige|de\s+vorige)"
    rf"\s+legislatuur|legislatuur\s+{_Y}\s*(?:-|–)\s*{_Y})\b",
    re.I,
)
_SCHOOL_YEAR = re.compile(rf"\b(school|academie)jaar\s+{_Y}\s*(?:-|–|/)\s*(\d{{2,4}})\b", re.I)
_QUARTER = re.compile(
    rf"\b(?:(?:het\s+)?{_ORD}\s+kwartaal\s+(?:van\s+)?{_Y}|[QK]([1-4])\s+{_Y})\b", re.I
)
_LAST_QUARTER = re.compile(r"\b(?:het\s+)?(?:vorig|vorige|afgelopen|voorbije)\s+kwartaal\b", re.I)
_HALF = re.compile(
    rf"\b(?:het\s+|de\s+)?(eerste|tweede)\s+(?:semester|jaarhelft|helft)\s+(?:van\s+)?{_Y}\b", re.I
)
_MONTH_RANGE = re.compile(
    rf"\b(?:van\s+)?{_MONTH}(?:\s+{_Y})?\s*(?:-|–|tot\s+en\s+met|tot)\s*{_MONTH}\s+{_Y}\b", re.I
)
_ONE_MONTH = re.compile(rf"\b{_MONTH}\s+{_Y}\b", re.I)
# "van 1 januari tot 30 juni 2023", "tussen 1 maart en 15 april 2023" (the end day included)
_DAY_RANGE = re.compile(
    rf"\b(?:van|vanaf|tussen)\s+(\d{{1,2}})\s+{_MONTH}(?:\s+{_Y})?\s+"
    rf"(?:tot\s+en\s+met|tot|en|-|–)\s+(\d{{1,2}})\s+{_MONTH}\s+{_Y}\b",
    re.I,
)
# "tussen januari en juni 2023", "januari en februari 2024" (months that follow each other)
_MONTH_PAIR = re.compile(rf"\b(tussen\s+)?{_MONTH}(?:\s+{_Y})?\s+en\s+{_MONTH}\s+{_Y}\b", re.I)
# "sinds 1 juli 2023", "vanaf maart 2023": to the last complete month before the question
_SINCE_MONTH = re.compile(rf"\b(?:sinds|vanaf|sedert)\s+(?:(\d{{1,2}})\s+)?{_MONTH}\s+{_Y}\b", re.I)
# "op 1 januari 2025": that day (a number of staff, say, on a date)
_ON_DAY = re.compile(rf"\b(?:op|per)\s+(\d{{1,2}})\s+{_MONTH}\s+{_Y}\b", re.I)
# "de eerste drie maanden van 2023", "de laatste zes maanden van 2022"
_MONTHS_OF_YEAR = re.compile(rf"\bde\s+(eerste|laatste)\s+{_COUNT}\s+maanden\s+van\s+{_Y}\b", re.I)
_ANY_MONTH = re.compile(rf"(?:\b\d{{1,2}}\s+)?\b{_MONTH}\b", re.I)
_LAST_MONTH = re.compile(r"\b(?:vorige|afgelopen|voorbije)\s+maand\b", re.I)
_LAST_N_MONTHS = re.compile(
    rf"\b(?:de\s+)?(?:laatste|afgelopen|voorbije|jongste)\s+{_COUNT}\s+maanden\b", re.I
)
_LAST_N_YEARS = re.compile(
    rf"\b(?:de\s+)?(?:laatste|afgelopen|voorbije|vorige|jongste)\s+{_COUNT}\s+"
    r"(?:jaar|jaren|kalenderjaren)\b",
    re.I,
)
_RANGE = re.compile(
    rf"\b{_Y}\s*(?:-|–|tot\s+en\s+met|tot)\s*{_Y}\b|\btussen\s+{_Y}\s+en\s+{_Y}\b", re.I
)
# "tot nu (toe)", "tot op heden" after a period not over: it ends where such a period ends
_UNTIL_NOW = r"(?:\s+tot\s+(?:nu(?:\s+toe)?|op\s+heden|vandaag|op\s+vandaag))?"
_SINCE = re.compile(
    rf"\b(?:sinds|vanaf|sedert)\s+(?:begin\s+|(?:de|het)\s+(?:\w+\s+){{0,3}}in\s+)?{_Y}\b"
    + _UNTIL_NOW,
    re.I,
)
# "na 2020": the years after it, to the last complete month before the question
_AFTER = re.compile(rf"\bna\s+{_Y}\b" + _UNTIL_NOW, re.I)
_THIS_YEAR = re.compile(
    r"\b(?:dit\s+jaar|het\s+lopende\s+jaar|het\s+huidige\s+jaar)\b" + _UNTIL_NOW, re.I
)
# The summer holiday of Flemish schools: 1 July to 31 August, every year. The other school
# holidays move with Easter and the calendar, so they are unclear periods (`_VAGUE`).
_SUMMER_HOLIDAY = re.compile(
    rf"\b(?:de\s+)?(?:zomervakantie|grote\s+vakantie)\s+(?:van\s+)?{_Y}\b", re.I
)
_LAST_YEAR = re.compile(r"\b(?:vorig|het\s+afgelopen|het\s+voorbije)\s+jaar\b", re.I)
_ONE_YEAR = re.compile(rf"(?<![\d.,€$/-]){_Y}(?!\d)")
_VAGUE = re.compile(
    r"\b(?:de\s+)?(?:laatste|afgelopen|voorbije|komende)\s+(?:maanden|weken|dagen|jaren|tijd|periode)\b"
    r"|\brecent(?:elijk)?\b|\bsinds\s+kort\b|\bin\s+de\s+(?:zomer|winter|lente|herfst)(?!vakantie\s+(?:van\s+)?\d)\w*"
    r"|\b(?:voorjaar|najaar|zomermaanden|wintermaanden)\b"
    r"|\bjongste\s+(?:(?!\d|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf)\w+\s+)?"
    r"(?:jaren|jaar|maanden|weken|tijd)\b"
    r"|\b(?:kerst|herfst|krokus|paas|voorjaars|winter)vakantie\w*"
    r"|\b(?:midden|eind|einde|half|medio)\s+(?:19|20)\d\d\b"
    # an event, not a date: "tijdens de coronacrisis", "na de lockdown"
    r"|\b(?:tijdens|sinds|na|voor|sedert)\s+(?:de|het)\s+\w*(?:crisis|pandemie|lockdown|coronaperiode)\b"
    # "in dezelfde periode van 2021": which days depends on another part; say so, never guess
    r"|\b(?:in\s+)?(?:dezelfde|die|deze|datzelfde|hetzelfde)\s+(?:periode|tijdvak|kwartaal|maand)\b",
    re.I,
)
# "vandaag", "nu": the day the question was asked, never a period named elsewhere.
_TODAY = re.compile(
    r"\b(?:(?:op\s+)?vandaag|momenteel|op\s+dit\s+(?:ogenblik|moment)|op\s+heden|thans)\b", re.I
)
_SINCE_EVENT = re.compile(r"\bsinds\s+(?:de|het)\s+\w+(?:\s+van\s+(?:de|het)\s+\w+)?", re.I)
_QUARTER_NO_YEAR = re.compile(rf"\b{_ORD}\s+kwartaal\b(?!\s+(?:van\s+)?(?:19|20)\d\d)", re.I)


def _until_asked(period: Period, asked_on: dt.date) -> Period:
    """`period` cut off before the question when it is not over by then: at the last complete
    month, or at the question's date when no month of it is complete."""
    if period.end < asked_on or period.start > asked_on:
        return period  # over; or not begun, which the plan refuses (no figures exist yet)
    lastmonth_end = dt.date(asked_on.year, asked_on.month, 1) - dt.timedelta(days=1)
    if lastmonth_end >= period.start:
        note = f"not over when asked: ends {lastmonth_end.isoformat()}, the last complete month"
        return replace(period, end=lastmonth_end, note=note)
    note = f"not over when asked: ends {asked_on.isoformat()}, the date of the question"
    return replace(period, end=asked_on, note=note)


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else WORD_NUMBERS[word]


@functools.lru_cache(maxsize=4096)
def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, remembered: planning reads the same few texts many times over
    (a question's text for each of its parts; a recurring question's every year)."""
    return pattern.search(text)


@functools.lru_cache(maxsize=1024)
def _years(text: str) -> tuple[re.Match[str], ...]:
    """The years in `text`: four digits that are no amount ("2000 ton", "€ 2000")."""
    found = []
    for m in _ONE_YEAR.finditer(text):
        if _UNIT.match(text, m.end()):
            continue
        if re.search(r"(?:€|EUR|euro)\s*$", text[: m.start()], re.I):
            continue
        found.append(m)
    return tuple(found)


def find_period(text: str, asked_on: dt.date, *, own: bool = True) -> Period | None:
    """The period that `text` names, relative to the date the question was asked; None if none.
    "vandaag" counts only in a part's or sub-question's `own` words: another sub-question's
    "today" is no period for this one."""
    for reader in _READERS if own else _READERS[1:]:
        if found := reader(text, asked_on):
            return found
    return None


def period_words(text: str, asked_on: dt.date) -> tuple[tuple[int, int], ...]:
    """Where in `text` the words stand that :func:`find_period` read its period from (each year
    of a list of years apart), and the phrases about time it cannot read exactly: a word about
    time outside these is read by nothing."""
    spans: list[tuple[int, int]] = []
    found = find_period(text, asked_on)
    if found is not None:
        at = text.find(found.source)
        if found.source and at >= 0:
            spans.append((at, at + len(found.source)))
        else:  # "2022, 2024": the years, wherever they stand
            spans += [m.span(1) for m in _years(text)]
    for phrase in unclear_phrases(text):
        at = text.find(phrase)
        if at >= 0:
            spans.append((at, at + len(phrase)))
    return tuple(sorted(set(spans)))


def _today(text: str, asked_on: dt.date) -> Period | None:
    m = _search(_TODAY, text)
    return Period(asked_on, asked_on, m.group(0), "days") if m else None


def _legislature(text: str, asked_on: dt.date) -> Period | None:
    m = _search(_LEGISLATURE, text)
    if not m:
        return None
    words = m.group(0).strip()
    if m.group(2):
        first = dt.date(int(m.group(2)), 1, 1)
        index = next((i for i, e in enumerate(ELECTIONS) if e.year == first.year), None)
    else:
        current = max(i for i, e in enumerate(ELECTIONS) if e <= asked_on)
        index = current - 1 if "vorige" in m.group(1).lower() else current
    if index is None or index < 0:
        return None
    start = ELECTIONS[index]
    end = (
        ELECTIONS[index + 1] - dt.timedelta(days=1)
        if index + 1 < len(ELECTIONS)
        else dt.date(start.year + 5, 12, 31)
    )
    return _until_asked(Period(start, end, words, "legislature"), asked_on)


def _school_year(text: str, asked_on: dt.date) -> Period | None:
    m = _search(_SCHOOL_YEAR, text)
    if not m:
        return None
    first = int(m.group(2))
    period = Period(dt.date(first, 9, 1), dt.date(first + 1, 8, 31), m.group(0), "schoolyear")
    return _until_asked(period, asked_on)


def _quarter(text: str, asked_on: dt.date) -> Period | None:
    if m := _search(_QUARTER, text):
        which = ORDINALS[m.group(1).lower()] if m.group(1) else int(m.group(3))
        year = int(m.group(2) or m.group(4))
    elif m := _search(_LAST_QUARTER, text):
        current = (asked_on.month - 1) // 3
        year, which = (asked_on.year, current) if current else (asked_on.year - 1, 4)
    else:
        return None
    start = dt.date(year, 3 * which - 2, 1)
    period = Period(start, month_end(year, 3 * which), m.group(0).strip(), "quarter")
    return _until_asked(period, asked_on)


def _half(text: str, asked_on: dt.date) -> Period | None:
    if not (m := _search(_HALF, text)):
        return None
    year, first = int(m.group(2)), m.group(1).lower() == "eerste"
    start, end = (dt.date(year, 1, 1), dt.date(year, 6, 30)) if first else (
        dt.date(year, 7, 1), dt.date(year, 12, 31))  # fmt: skip
    return _until_asked(Period(start, end, m.group(0).strip(), "month"), asked_on)


def _month(name: str) -> int:
    return MONTHS.index(name.lower()) + 1


def _days(text: str, asked_on: dt.date) -> Period | None:
    """A period named by its first and last day, or by the day it started ("sinds 1 juli")."""
    if m := _DAY_RANGE.search(text):
        end_year = int(m.group(6))
        start_year = int(m.group(3)) if m.group(3) else end_year
        try:
            start = dt.date(start_year, _month(m.group(2)), int(m.group(1)))
            end = dt.date(end_year, _month(m.group(5)), int(m.group(4)))
        except ValueError:
            return None  # "31 juni": unclear_phrases quotes it
    elif m := _ON_DAY.search(text):
        try:
            start = end = dt.date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    elif (m := _SINCE_MONTH.search(text)) and m.group(1):
        try:
            start = dt.date(int(m.group(3)), _month(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
        end = max(asked_on, start)
    else:
        return None
    if start > end:
        return None
    period = _until_asked(Period(start, end, m.group(0).strip(), "days"), asked_on)
    if period.start.day == 1 and (period.end + dt.timedelta(days=1)).day == 1:
        return replace(period, unit="month")  # whole months, however they were named
    return period


def _months(text: str, asked_on: dt.date) -> Period | None:
    if m := _search(_MONTHS_OF_YEAR, text):
        count, year = _count(m.group(2)), int(m.group(3))
        if not 1 <= count <= 12:
            return None
        first = 1 if m.group(1).lower() == "eerste" else 13 - count
        start, end = dt.date(year, first, 1), month_end(year, first + count - 1)
    elif (m := _search(_MONTH_PAIR, text)) and (
        m.group(1) or _month(m.group(4)) - _month(m.group(2)) == 1
    ):
        last_year = int(m.group(5))
        first_year = int(m.group(3)) if m.group(3) else last_year
        start = dt.date(first_year, _month(m.group(2)), 1)
        end = month_end(last_year, _month(m.group(4)))
    elif m := _search(_SINCE_MONTH, text):
        start = dt.date(int(m.group(3)), _month(m.group(2)), 1)
        end = max(month_end(asked_on.year, asked_on.month), start)
    elif m := _search(_MONTH_RANGE, text):
        last_year = int(m.group(4))
        first_year = int(m.group(2)) if m.group(2) else last_year
        start = dt.date(first_year, MONTHS.index(m.group(1).lower()) + 1, 1)
        end = month_end(last_year, MONTHS.index(m.group(3).lower()) + 1)
    elif m := _search(_SUMMER_HOLIDAY, text):
        year = int(m.group(1))
        start, end = dt.date(year, 7, 1), dt.date(year, 8, 31)
    elif m := _search(_ONE_MONTH, text):
        month, year = MONTHS.index(m.group(1).lower()) + 1, int(m.group(2))
        start, end = dt.date(year, month, 1), month_end(year, month)
    elif m := _search(_LAST_N_MONTHS, text):
        end = dt.date(asked_on.year, asked_on.month, 1) - dt.timedelta(days=1)
        start = add_months(end, 1 - _count(m.group(1)))
    elif m := _search(_LAST_MONTH, text):
        end = dt.date(asked_on.year, asked_on.month, 1) - dt.timedelta(days=1)
        start = dt.date(end.year, end.month, 1)
    else:
        return None
    if start > end:
        return None
    return _until_asked(Period(start, end, m.group(0).strip(), "month"), asked_on)


def _year_phrases(text: str, asked_on: dt.date) -> Period | None:
    this_year = asked_on.year
    if m := _search(_LAST_N_YEARS, text):
        count = _count(m.group(1))
        if count >= 1:
            return Period.years_from(this_year - count, this_year - 1, m.group(0).strip())
    if m := _search(_RANGE, text):
        a, b = (int(y) for y in m.groups() if y)
        return _until_asked(Period.years_from(min(a, b), max(a, b), m.group(0).strip()), asked_on)
    if m := _search(_SINCE, text):
        first = int(m.group(1))
        return _until_asked(Period.years_from(first, this_year, m.group(0).strip()), asked_on)
    if m := _search(_AFTER, text):
        first = int(m.group(1)) + 1
        return _until_asked(Period.years_from(first, this_year, m.group(0).strip()), asked_on)
    if m := _search(_THIS_YEAR, text):
        return _until_asked(Period.years_from(this_year, this_year, m.group(0).strip()), asked_on)
    if m := _search(_LAST_YEAR, text):
        return Period.years_from(this_year - 1, this_year - 1, m.group(0).strip())
    years = sorted({int(y.group(1)) for y in _years(text)})
    if years:
        words = ", ".join(map(str, years))
        return _until_asked(Period.years_from(years[0], years[-1], words), asked_on)
    return None


_READERS = (_today, _legislature, _school_year, _quarter, _half, _days, _months, _year_phrases)


def unclear_phrases(text: str) -> list[str]:
    """Phrases about time in `text` that pqgen cannot turn into exact days, quoted; and years
    that do not follow each other ("in 2019 en 2024": the years between were not asked)."""
    return list(_unclear(text))


@functools.lru_cache(maxsize=1024)
def _unclear(text: str) -> tuple[str, ...]:
    found = [m.group(0).strip() for m in _VAGUE.finditer(text)]
    # Two months or days named ("in januari en maart 2024", "van 3 tot 5 mei") that no reader
    # takes as one period: never the last of them alone.
    named = [m.group(0).strip() for m in _ANY_MONTH.finditer(text)]
    readers = (_DAY_RANGE, _ON_DAY, _MONTH_PAIR, _MONTH_RANGE, _SINCE_MONTH, _MONTHS_OF_YEAR)
    taken = [m for r in readers for m in r.finditer(text)]
    if len(named) > 1 and not any(_period_of(m, text) for m in taken):
        found.append(" en ".join(named))
    elif (day := re.search(rf"\b\d{{1,2}}\s+{_MONTH}\b", text, re.I)) and not taken:
        found.append(day.group(0))
    for day in re.finditer(rf"\b(\d{{1,2}})\s+{_MONTH}(?:\s+{_Y})?", text, re.I):
        try:  # "31 juni" is no day: never June instead
            dt.date(int(day.group(3) or 2000), _month(day.group(2)), int(day.group(1)))
        except ValueError:
            found.append(day.group(0))
    found += [m.group(0) for m in _QUARTER_NO_YEAR.finditer(text)]
    if not _SINCE.search(text) and not _LEGISLATURE.search(text):
        found += [m.group(0) for m in _SINCE_EVENT.finditer(text)]
    if not any(r.search(text) for r in (_RANGE, _SINCE, _LAST_N_YEARS, _SCHOOL_YEAR, _LEGISLATURE)):
        years = sorted({int(y.group(1)) for y in _years(text)})
        if len(years) > 1 and years != list(range(years[0], years[-1] + 1)):
            found.append(" en ".join(map(str, years)))
    return tuple(dict.fromkeys(found))  # each phrase once, though two patterns may find it


def _period_of(m: re.Match[str], text: str) -> bool:
    """Whether a reader's match is read as a period (a pair of months that are not next to each
    other, "januari en maart 2024", is not)."""
    if m.re is _MONTH_PAIR:
        return bool(m.group(1)) or _month(m.group(4)) - _month(m.group(2)) == 1
    return True


def read_period(texts: list[str], asked_on: dt.date) -> Period:
    """The period asked about in the first of `texts` that names one (a part, its sub-question,
    the whole question, which comes last); failing all, the last complete year before the
    question, marked as assumed in its `source`."""
    for n, text in enumerate(texts):
        if found := find_period(text, asked_on, own=n < len(texts) - 1 or len(texts) == 1):
            return found
    last = asked_on.year - 1
    return Period.years_from(last, last, f"niet vermeld, aangenomen: {last}")


def period_for(subquestion_text: str, question_text: str, asked_on: dt.date) -> Period:
    """The period one sub-question asks about: its own words first, then the whole question's."""
    return read_period([subquestion_text, question_text], asked_on)
