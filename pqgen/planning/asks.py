"""What a part asks: the minister's view (policy, opinion, intention) or figures, and which
measure of them (a total, a range, an average, a share, per year or month, as of a date …).

A policy ask always gets a placeholder for the minister's own words; figures join it only when a
template matches the same part. A template answers only the measures it declares.
"""

from __future__ import annotations

import functools
import re

# The minister's view: evaluation, opinion, intention, reasons, measures taken or planned.
_POLICY = re.compile(
    r"\bhoe\s+(?:evalueert|beoordeelt|ziet|bekijkt|verklaart|reageert|staat)\b"
    r"|\b(?:zal|plant|overweegt|gaat|denkt|evalueert|beoordeelt|vindt|acht|is)\s+"
    r"(?:de\s+minister|hij|zij|u)\b"
    r"|\b(?:de\s+minister|hij|zij)\s+(?:\w+\s+){0,4}(?:wil|zal|plant|overweegt)\b"
    r"|\bvan\s+oordeel\b|\bwaarom\b|\bwelke\s+(?:maatregelen|stappen|initiatieven|acties)\b"
    r"|\bwat\s+is\s+(?:het|uw|zijn|haar)\s+(?:standpunt|oordeel|visie)\b"
    r"|\b(?:van\s+plan|bereid)\s+(?:om|te)\b",
    re.IGNORECASE,
)
_FIGURES = re.compile(
    r"\bhoeveel\b|\baantal(?:len)?\b|\bwelk\s+(?:percentage|bedrag|aandeel)\b|\bcijfers\b"
    r"|\bhoe\s+(?:tevreden|groot|lang|hoog|vaak)\b|\bgemiddeld",
    re.IGNORECASE,
)

# Measures, in the order they are looked for; a part may ask several.
MEASURES = ("average", "range", "share", "per_month", "per_quarter", "per_year", "by_channel",
            "as_of_date", "over_period", "count")  # fmt: skip
_MEASURE_WORDS = {
    "average": r"\bgemiddeld\w*",
    "range": r"\b(?:minimum\s+en\s+(?:het\s+)?maximum|hoogste\s+en\s+(?:het\s+)?laagste"
    r"|schommel\w*)",
    "share": r"\b(?:percentage|aandeel|procent|hoe\s+tevreden|tevredenheid)\b",
    "per_month": r"\b(?:per\s+maand|maandelijks\w*)\b",
    "per_quarter": r"\b(?:per\s+kwartaal|driemaandelijks\w*)\b",
    "per_year": r"\b(?:per\s+jaar|jaarlijks\w*|opgesplitst\s+per\s+jaar)\b",
    # "per kanaal"; a channel named ("via chat") is a filter, which a template's `narrow:` takes
    "by_channel": r"\b(?:per\s+kanaal|opgesplitst\s+(?:per|naar)\s+kanaal)\b",
    "as_of_date": r"\b(?:op\s+dit\s+(?:ogenblik|moment)|momenteel|vandaag|thans"
    r"|op\s+\d{1,2}\s+\w+\s+\d{4})\b",
}


def policy_ask(text: str) -> str | None:
    """The words that make `text` ask for the minister's view, or None."""
    m = _POLICY.search(text)
    return m.group(0) if m else None


def policy_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` asks for the minister's view."""
    return [m.span() for m in _POLICY.finditer(text)]


def asks_figures(text: str) -> bool:
    return bool(_FIGURES.search(text))


def measures_asked(text: str, names_period: bool) -> list[str]:
    """The measures `text` asks for. A part that names its own period and asks for no other
    measure asks for the figure over that period; else for a plain count."""
    return list(_measures_asked(text, names_period))


@functools.lru_cache(maxsize=4096)
def _measures_asked(text: str, names_period: bool) -> tuple[str, ...]:
    """Remembered per text: a batch plans the same parts again and again."""
    found = [name for name, words in _MEASURE_WORDS.items() if re.search(words, text, re.I)]
    if not [m for m in found if m not in ("share", "by_channel")]:
        found.append("over_period" if names_period else "count")
    return tuple(found)


def measure_hits(text: str, measures: list[str] | tuple[str, ...]) -> list[re.Match[str]]:
    """Where `text` asks for one of `measures` ("per kanaal" for by_channel)."""
    return [
        m
        for name in measures
        if name in _MEASURE_WORDS
        for m in re.finditer(_MEASURE_WORDS[name], text, re.IGNORECASE)
    ]


# Words that narrow the figures asked to a part of them: a channel, a place, a group of people, a
# condition, or split them in a way a template must give (a breakdown). A template answers a
# part that narrows only when it handles that narrowing (a
# `narrow:` value it takes, a `by_…` measure, or its own ask words); else the figures it gives
# are about more than was asked, and the part is a flagged placeholder.
NARROWINGS = {
    "channel": r"\btelefoni\w*|\b(?:aan|per|via)\s+de\s+telefoon\b|\btelefoongesprek\w*"
    r"|\bper\s+kanaal\b|\bkanalen\b|\bchat\w*|\be-?mails?\b|\bwebformulier\w*"
    r"|\bsociale\s+media\b|\bper\s+brief\b|\bbrieven\b|\baan\s+het\s+loket\b",
    "place": r"\bper\s+(?:provincie|gemeente|regio|arrondissement|stad)\b"
    r"|\b(?:uit|in)\s+(?:de\s+)?(?:provincie|gemeente|stad|regio)\b"
    r"|\b(?:Antwerpen|Limburg|Oost-Vlaanderen|West-Vlaanderen|Vlaams-Brabant)\b",
    "people": r"\b(?:van|door|voor|bij)\s+(?:de\s+)?"
    r"(?:werkgevers|werkzoekenden|werknemers|bedrijven|ondernemingen|zelfstandigen|jongeren|ouderen|studenten|gezinnen)\b(?!\s*,)"
    r"|\bgeslacht\b|\bleeftijd\w*|\bmannen\s+en\s+vrouwen\b",
    # One subject among those the figures cover: "aanvragen over dienstencheques".
    "topic": r"\b(?:over|rond|betreffende|in\s+verband\s+met)\s+(?:de\s+|het\s+)?"
    r"(?!(?:gratis|info)?(?:lijn|nummer|telefoonnummer|infolijn|contactcent\w*|dienstverlening)\b"
    r"|eigen\b|beleid\w*|bevoegd\w*"  # "de eigen beleidsdomeinen": the department's, named apart
    # a department or agency is narrowed by its name ("over het Departement Omgeving")
    r"|(?-i:Departement|Agentschap|Vlaamse\s+(?:Belastingdienst|overheid|Infolijn|Regering)"
    r"|Vlaams\s+(?:minister|Parlement)|Kind\s+en\s+Gezin)\b)"
    r"(?:[a-zà-ÿ]|(?-i:[A-Z]))[\w-]{3,}",  # "het Vlaams zorgkrediet", "de Renovatiepremie" too
    "condition": r"\bniet\s+(?:binnen|tijdig)\b|\bonbeantwoord\w*|\bontevreden\b"
    r"|\bniet\s+tevreden\b|\bbinnen\s+(?:de\s+|een\s+)?\d*\s*(?:uur|dag|dagen|werkdagen)\b"
    # calls that were not answered: "afgebroken", "ingehaakt", "niet beantwoord", "verloren"
    r"|\bafgebroken\b|\bafgehaakt\b|\bingehaakt\b|\binhaakten\b|\bhaakten\s+(?:\w+\s+){0,3}?in\b"
    r"|\bniet\s+(?:werden\s+|zijn\s+)?(?:beantwoord|opgenomen|geholpen)\b|\bverloren\s+oproepen\b"
    r"|\bgemiste\s+oproepen\b|\bopgehangen\b"
    # a norm of time: "binnen de 30 seconden", "binnen de minuut", "langer dan vijf minuten"
    r"|\bbinnen\s+(?:de\s+|een\s+|één\s+)?(?:\w+\s+)?(?:seconden|minuut|minuten)\b"
    r"|\b(?:langer|korter|meer|minder)\s+dan\s+(?:\w+\s+){1,2}?(?:seconden|minuut|minuten|uur)\b"
    r"|\bherhaald\w*|\bopnieuw\s+(?:belden|bellen|contact)|\bterugbel\w*",
    # a time of day or week: "tijdens het weekend", "op zaterdag", "tussen 8 en 9 uur"
    "time": r"\bweekend\w*|\b(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:en)?\b|\bweekdag\w*"
    r"|\bwerkdag(?:en)?\b(?!\s+(?:na|voor))|\bfeestdag\w*|\bkantoortijd\w*|\bkantooruren\b"
    r"|\b's\s+(?:avonds|ochtends|morgens|middags|nachts)\b|\b(?:avond|ochtend|nacht)\w*\b"
    r"|\b(?:tussen|na|voor|vanaf)\s+\d{1,2}(?:[.:u]\d\d)?\s*(?:en\s+\d{1,2}(?:[.:u]\d\d)?\s*)?uur\b"
    r"|\bspitsuur\w*|\bpiekmoment\w*",
    # what is left out: "zonder de vragen over dienstencheques", "alle lijnen behalve de 1700"
    "exclusion": r"\bzonder\s+(?:de\s+|het\s+)?\w+|\bbehalve\b|\bmet\s+uitzondering\s+van\b"
    r"|\buitgezonderd\b|\bexclusief\b|\bniet\s+meegere?kend\b|\bniet\s+meegeteld\b"
    r"|\bbuiten\s+(?:de\s+)?(?:maand|maanden|periode|zomer)\b|\bdie\s+niet\s+(?:over|via|op|van)\b"
    r"|\bniet\s+via\b|\bexcl\.",
    # the language of the contact: "in het Frans", "anderstaligen"
    "language": r"\bin\s+het\s+(?:Frans|Engels|Duits|Arabisch|Turks|Pools)\b|\banderstalig\w*"
    r"|\bfranstalig\w*|\bper\s+taal\b|\bin\s+een\s+andere\s+taal\b",
    # A breakdown: "per dag", "opgesplitst per departement". Years, quarters and months are
    # measures (per_year …); "per oproep" is the unit of an average, not a breakdown.
    "split": r"\b(?:per|opgesplitst\s+(?:per|naar|volgens))\s+"
    r"(?!(?:jaar|kalenderjaar|maand|kwartaal|oproep|contact|beller|gesprek|persoon|inwoner)\b)"
    r"(?:\d[\d.]*\s+)?[^\W\d][\w-]*",
}


def narrowings_asked(text: str) -> dict[str, list[re.Match[str]]]:
    """The narrowings `text` asks for, by kind, with every place that asks it."""
    found = {}
    for kind, words in NARROWINGS.items():
        if hits := list(re.finditer(words, text, re.IGNORECASE)):
            found[kind] = hits
    return found
