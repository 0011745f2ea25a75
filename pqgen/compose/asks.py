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
    "by_channel": r"\b(?:per\s+kanaal|chat|e-?mail|webformulier)\b",
    "as_of_date": r"\b(?:op\s+dit\s+(?:ogenblik|moment)|momenteel|vandaag|thans"
    r"|op\s+\d{1,2}\s+\w+\s+\d{4})\b",
}


def policy_ask(text: str) -> str | None:
    """The words that make `text` ask for the minister's view, or None."""
    m = _POLICY.search(text)
    return m.group(0) if m else None


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


# Words that narrow the figures asked to a part of them: a channel, a place, a group of people, a
# condition. A template answers a part that narrows only when it handles that narrowing (a
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
    r"|eigen\b|beleid\w*|bevoegd\w*)"  # "de eigen beleidsdomeinen": the department's, named apart
    r"(?-i:[a-zà-ÿ])[\w-]{3,}",  # lower case: a department or agency is narrowed by its name
    "condition": r"\bniet\s+(?:binnen|tijdig)\b|\bonbeantwoord\w*|\bontevreden\b"
    r"|\bniet\s+tevreden\b|\bbinnen\s+(?:de\s+|een\s+)?\d*\s*(?:uur|dag|dagen|werkdagen)\b",
}


def narrowings_asked(text: str) -> dict[str, re.Match[str]]:
    """The narrowings `text` asks for, by kind, with the words that ask it."""
    return dict(_narrowings_asked(text))


@functools.lru_cache(maxsize=4096)
def _narrowings_asked(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Remembered per text (a match is immutable)."""
    found = []
    for kind, words in NARROWINGS.items():
        if m := re.search(words, text, re.IGNORECASE):
            found.append((kind, m))
    return tuple(found)
