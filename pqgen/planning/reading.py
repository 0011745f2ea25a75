"""Read every word of a part, or say which words were not understood.

`read_part` gives each word of a part one role (see `model.ROLES`), in this order:

1. the minister's view asked ("hoe evalueert de minister"), and the period, by the period
   grammar of `question.period`: exactly the words it read the period from;
2. the data's own words, from the vocabulary (a line, a channel, a department, a topic): a
   filter; after "zonder", "behalve", "niet via" …: an exclusion;
3. constructions: a breakdown ("per onderwerp", "opgesplitst naar kanaal", "elke lijn"), a
   reference to an earlier part ("daarvan", "die oproepen", "in die periode");
4. the lexicon: question phrases, measures, objects (and the channel they imply), their verbs,
   the service asked about;
5. general Dutch: the function words of a stop-word list, less those that change what is asked
   (`lexicon.MEANINGFUL`: "niet", "meer", "na", "eerste" …), which only a construction reads.

Whatever is left is not understood; a word that nearly spells a known value is a near miss
("Woonljn": did you mean 'Woonlijn'?). A part with either is not fully read, and gets no figures.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from pqgen.planning import asks, lexicon
from pqgen.planning import model as m
from pqgen.planning.dutch_words import Token, is_function_word, lemma, tokenize
from pqgen.planning.period import period_words
from pqgen.question.period import MONTHS

T = TypeVar("T")

# Prepositions kept with the words they govern when quoting what was not understood.
_QUOTED_WITH = frozenset(
    [
        "van",
        "vanuit",
        "uit",
        "via",
        "bij",
        "door",
        "op",
        "in",
        "voor",
        "na",
        "met",
        "onder",
        "over",
        "aan",
    ]
)
# How alike a word and a name must be to be a near miss ("Woonljn" and "Woonlijn": 0.93;
# "werk" and "Werken", a word of a department's name, 0.8, is none).
_NEAR = 0.85
_PERIOD_REFERENCE = frozenset(
    ["periode", "tijdvak", "jaar", "jaren", "maand", "maanden", "kwartaal"]
)


class _Roles:
    """The role of each token, set once: the first reader to claim a word keeps it."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.roles: list[tuple[str, str] | None] = [None] * len(tokens)

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.roles[i] is None

    def set(self, i: int, role: str, detail: str = "") -> None:
        if self.free(i):
            self.roles[i] = (role, detail)

    def force(self, i: int, role: str, detail: str = "") -> None:
        self.roles[i] = (role, detail)

    def within(self, start: int, end: int) -> list[int]:
        return [i for i, t in enumerate(self.tokens) if t.start >= start and t.end <= end]

    def role(self, i: int) -> str | None:
        found = self.roles[i] if 0 <= i < len(self.tokens) else None
        return found[0] if found else None

    def detail(self, i: int) -> str:
        found = self.roles[i]
        return found[1] if found else ""


def read_part(
    text: str,
    asked_on: dt.date,
    vocabulary: m.Vocabulary,
    earlier: Iterable[str] = (),
) -> m.Reading:
    """The reading of `text` (a part with its lead), asked on `asked_on`. `earlier` is what
    the earlier parts of the question asked about, their objects and filters ("contacts",
    "line=1700"): "de vragen" after a part about contacts, "het gratis nummer" after a part
    about the 1700, refer to that part."""
    tokens = tokenize(text)
    roles = _Roles(tokens)
    for start, end in asks.policy_spans(text):
        for i in roles.within(start, end):
            roles.set(i, m.POLICY)
    _period_references(roles)
    for start, end in period_words(text, asked_on):
        for i in roles.within(start, end):
            roles.set(i, m.PERIOD, text[start:end])
    _period_frame(roles)
    _values(roles, text, vocabulary)
    _breakdowns(roles, vocabulary)
    _exclusions(roles)
    _excluded_after(roles)
    _references(roles, set(earlier))
    _own_objects(roles, vocabulary)
    _lexicon(roles)
    _about_objects(roles)
    _qualifiers(roles)
    _general(roles)
    _lists_and_scopes(roles)
    _near_misses(roles, vocabulary)
    return _reading(text, roles)


def _in(token: Token, words: Iterable[str] | Mapping[str, object]) -> bool:
    return token.lower in words or token.lemma in words


def _lookup(token: Token, table: Mapping[str, T]) -> T | None:
    if token.lower in table:
        return table[token.lower]
    return table.get(token.lemma)


def _period_references(roles: _Roles) -> None:
    """ "in die periode", "in dezelfde maanden": the period of an earlier part."""
    tokens = roles.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.lower not in lexicon.REFERRING_DETERMINERS:
            continue
        j = i + 1
        if tokens[j].lower in _NUMBER_WORDS or tokens[j].text.isdigit():
            j += 1  # "die vier maanden"
        if j < len(tokens) and _in(tokens[j], _PERIOD_REFERENCE):
            if i > 0 and tokens[i - 1].lower in ("in", "tijdens", "gedurende", "over"):
                roles.set(i - 1, m.REFERENCE, "period")
            for k in range(i, j + 1):
                roles.set(k, m.REFERENCE, "period")


def _period_frame(roles: _Roles) -> None:
    """The words that frame a period read: "in de jaren 2021, 2022 en 2023", "tijdens het
    schooljaar 2023-2024". A preposition that changes it ("na", "voor", "tot") is not one."""
    tokens = roles.tokens
    for i in range(len(tokens) - 1, -1, -1):
        if roles.role(i) != m.PERIOD:
            continue
        j = i - 1
        while (
            j >= 0
            and roles.free(j)
            and (
                tokens[j].lower in lexicon.DETERMINERS
                or tokens[j].lower in lexicon.PERIOD_PREPOSITIONS
                # "de jaren 2021, 2022", "de maanden januari tot maart"; not "per dag in juni"
                or (
                    _in(tokens[j], lexicon.TIME_UNITS)
                    and j
                    and tokens[j - 1].lower in ("de", "het")
                )
            )
        ):
            roles.set(j, m.PERIOD, roles.detail(i))
            j -= 1


@functools.lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def _values(roles: _Roles, text: str, vocabulary: m.Vocabulary) -> None:
    """The data's words, longest name first. A single word the lexicon knows as an object
    ("oproepen") is read as that object, with the channel it implies, not as a bare value."""
    for name, dim, value in vocabulary.names:
        for found in _name_pattern(name).finditer(text):
            inside = roles.within(*found.span())
            if not inside or not all(roles.free(i) for i in inside):
                continue
            if len(inside) == 1 and (
                _in(roles.tokens[inside[0]], lexicon.OBJECTS)
                or _in(roles.tokens[inside[0]], lexicon.SUBJECT)
            ):
                continue  # "oproepen" are calls, "het contactcenter" the service itself
            for i in inside:
                roles.set(i, m.FILTER, f"{dim}={value}")
            before = inside[0] - 1
            while before > 0 and roles.tokens[before].lower in lexicon.DETERMINERS:
                before -= 1
            if roles.free(before) and roles.tokens[before].lower in lexicon.GOVERNING:
                for i in range(before, inside[0]):  # "binnen de 30 seconden": the norm
                    roles.set(i, m.FILTER, f"{dim}={value}")


def _next_content(roles: _Roles, i: int, skip: frozenset[str] = lexicon.DETERMINERS) -> int:
    """The first token after `i` that is no determiner."""
    j = i + 1
    while j < len(roles.tokens) and roles.tokens[j].lower in skip:
        j += 1
    return j


def _breakdowns(roles: _Roles, vocabulary: m.Vocabulary) -> None:
    tokens = roles.tokens
    dimensions: dict[str, str] = {
        **lexicon.DIMENSIONS,
        **{f: d for d, names in vocabulary.breakdowns.items() for n in names
           for f in (n.lower(), lemma(n))},
    }  # fmt: skip
    for i, token in enumerate(tokens):
        if token.lower in lexicon.SPLIT_ADVERBS and roles.free(i):
            roles.set(i, m.BREAKDOWN, lexicon.SPLIT_ADVERBS[token.lower])
            continue
        if (
            i + 2 < len(tokens)
            and tokens[i + 1].lower == "per"
            and (dim := _lookup(token, dimensions))
            and _lookup(tokens[i + 2], dimensions) == dim
        ):  # "maand per maand"
            for k in range(i, i + 3):
                roles.set(k, m.BREAKDOWN, dim)
            continue
        if not roles.free(i):
            continue
        plural = token.lower in ("de", "alle") and i + 1 < len(tokens)
        if plural and roles.free(i + 1) and tokens[i + 1].lower in lexicon.PLURAL_DIMENSIONS:
            dim = lexicon.DIMENSIONS[tokens[i + 1].lower]  # "de lijnen", "alle kanalen"
            roles.set(i, m.BREAKDOWN, dim)
            roles.set(i + 1, m.BREAKDOWN, dim)
            continue
        splits = _in(token, lexicon.SPLIT) or token.lower in ("welk", "welke", "verschillende")
        if token.lower in ("naar", "volgens") and not (i and _in(tokens[i - 1], lexicon.SPLIT)):
            splits = False  # "wie naar de Woonlijn belde": no breakdown
        if not splits:
            continue
        j = i + 1
        # "opgesplitst per", "opgedeeld naar", "per de verschillende"
        while j < len(tokens) and (
            _in(tokens[j], lexicon.SPLIT) or tokens[j].lower in lexicon.DETERMINERS
            or tokens[j].lower in ("verschillende", "diverse", "afzonderlijke")
        ):  # fmt: skip
            j += 1
        if j < len(tokens) and roles.free(j) and (dim := _lookup(tokens[j], dimensions)):
            unit = _average_unit(roles, i) and token.lower == "per"
            role, detail = (m.MEASURE, f"average per {dim}") if unit else (m.BREAKDOWN, dim)
            while (
                j + 2 < len(tokens)
                and tokens[j + 1].lower in ("of", "en")
                and _lookup(tokens[j + 2], dimensions) == dim
            ):
                j += 2  # "per departement of agentschap"
            for k in range(i, j + 1):  # "gemiddeld per maand": the unit of the average
                roles.set(k, role, detail)
        elif j < len(tokens) and roles.role(j) == m.FILTER and token.lower != "welke":
            # "per kanaal" is a dimension; "opgesplitst naar telefoon en chat" names values:
            # the breakdown is by their dimension.
            dim = roles.detail(j).split("=", 1)[0]
            for k in range(i, j):
                roles.set(k, m.BREAKDOWN, dim)


def _average_unit(roles: _Roles, i: int) -> bool:
    """Whether "per" at `i` follows "gemiddeld" directly: "gemiddeld per maand" is an average
    of the monthly figures, "de gemiddelde wachttijd per maand" a table per month."""
    return i > 0 and roles.tokens[i - 1].lower in ("gemiddeld", "gemiddelde")


def _exclusions(roles: _Roles) -> None:
    """ "zonder de vragen over dienstencheques", "behalve de Woonlijn", "niet via de chat"."""
    tokens = roles.tokens
    for i, token in enumerate(tokens):
        if not (roles.free(i) and _in(token, lexicon.EXCLUDING)):
            continue
        for j in range(i + 1, min(i + 8, len(tokens))):
            role = roles.role(j)
            if role == m.FILTER:
                detail = roles.detail(j)
                k = j
                while k < len(tokens) and roles.role(k) == m.FILTER and roles.detail(k) == detail:
                    roles.force(k, m.EXCLUSION, detail)
                    k += 1
                for between in range(i, j):
                    if roles.free(between):
                        roles.set(between, m.EXCLUSION, detail)
                break
            implied = (obj := _lookup(tokens[j], lexicon.OBJECTS)) and obj[1]
            if implied:  # "niet telefonisch"
                detail = "; ".join(f"{k}={v}" for k, v in implied.items())
                for between in range(i, j + 1):
                    roles.set(between, m.EXCLUSION, detail)
                break
            if role is not None or not (
                tokens[j].lower in lexicon.DETERMINERS
                or is_function_word(tokens[j])
                or _in(tokens[j], lexicon.OBJECTS)
                or tokens[j].lower in ("uitzondering", "van", "over", "via", "met")
            ):
                break


def _excluded_after(roles: _Roles) -> None:
    """ "de dienstencheques niet meegerekend": the value before it is left out."""
    tokens = roles.tokens
    for i, token in enumerate(tokens):
        if not (i and _in(token, lexicon.EXCLUDED_AFTER) and tokens[i - 1].lower == "niet"):
            continue
        for j in range(i - 2, max(-1, i - 8), -1):
            if roles.role(j) == m.FILTER:
                detail = roles.detail(j)
                k = j
                while k >= 0 and roles.role(k) == m.FILTER and roles.detail(k) == detail:
                    roles.force(k, m.EXCLUSION, detail)
                    k -= 1
                for between in range(j + 1, i + 1):
                    roles.set(between, m.EXCLUSION, detail)
                break


def _references(roles: _Roles, earlier: set[str]) -> None:
    tokens = roles.tokens
    for i, token in enumerate(tokens):
        if not roles.free(i):
            continue
        if _in(token, lexicon.REFERRING) or (i == 0 and token.lower == "en"):
            roles.set(i, m.REFERENCE, "earlier part")  # "daarvan"; "En hoeveel via …?"
            continue
        if (
            token.lower in lexicon.PRONOUNS
            and not _names_what_follows(roles, i)
            and not _relative(roles, i)
        ):
            roles.set(i, m.REFERENCE, "earlier part")  # "hoeveel waren dat", "hun wachttijd"
            continue
        if i + 1 < len(tokens) and token.lower in lexicon.DEFINITE:
            obj = _lookup(tokens[i + 1], lexicon.OBJECTS)
            partitive = (
                token.lower == "de"
                and i > 1
                and tokens[i - 1].lower == "van"
                and tokens[i - 2].lower in ("hoeveel", "deel", "percentage", "aandeel", "procent")
            )  # "hoeveel van de vragen": of those asked about
            if obj is not None and (token.lower in lexicon.REFERRING_DETERMINERS or partitive):
                roles.set(i, m.REFERENCE, f"those: {obj[0]}")  # "van die contacten": of those
            elif obj is not None and obj[0] in earlier:  # "de vragen": those asked about
                roles.set(i, m.REFERENCE, f"earlier part: {obj[0]}")
            elif roles.role(i + 1) == m.FILTER and roles.detail(i + 1) in earlier:
                roles.set(i, m.REFERENCE, f"earlier part: {roles.detail(i + 1)}")


def _own_objects(roles: _Roles, vocabulary: m.Vocabulary) -> None:
    """What a department's own routes count ("klachten"), by its lemma."""
    words = {
        form: obj
        for obj, names in vocabulary.objects.items()
        for name in names
        for form in (name.lower(), lemma(name))
    }
    for i, token in enumerate(roles.tokens):
        if roles.free(i) and (found := words.get(token.lower) or words.get(token.lemma)):
            roles.set(i, m.OBJECT, found)


def _relative(roles: _Roles, i: int) -> bool:
    """Whether "die" or "dat" at `i` opens a relative clause: "de vragen die … binnenkomen"."""
    if roles.tokens[i].lower not in ("die", "dat") or i == 0:
        return False
    before = roles.tokens[i - 1]
    return before.is_word and not is_function_word(before)


def _proper_name(roles: _Roles, i: int) -> bool:
    """Whether the word at `i` is part of a name after a capitalised article, mid-sentence:
    "De Lijn" is another body, not a line."""
    if i < 2 or not roles.tokens[i].text[:1].isupper():
        return False
    article = roles.tokens[i - 1].text
    return article in ("De", "Het") and roles.tokens[i - 2].is_word


def _names_what_follows(roles: _Roles, i: int) -> bool:
    """Whether the determiner at `i` stands before what it names ("die contacten", "dat jaar"),
    rather than for something named before ("hoeveel waren dat?")."""
    if roles.tokens[i].lower in ("hun", "hen", "ze", "zij"):
        return False
    j = i + 1
    if j >= len(roles.tokens):
        return False
    nxt = roles.tokens[j]
    if not nxt.is_word or is_function_word(nxt) or roles.role(j) == m.PERIOD:
        return False
    framing = (lexicon.MEASURES, lexicon.VERBS, lexicon.QUESTION, lexicon.SPLIT)
    return not any(_in(nxt, words) for words in framing)  # "hoeveel waren dat gemiddeld"


def _lexicon(roles: _Roles) -> None:
    tokens = roles.tokens
    for i, token in enumerate(tokens):
        if not roles.free(i):
            continue
        if (measure := _lookup(token, lexicon.MEASURES)) is not None:
            roles.set(i, m.MEASURE, str(measure))
        elif (obj := _lookup(token, lexicon.OBJECTS)) is not None:
            implied = "; ".join(f"{k}={v}" for k, v in obj[1].items())
            roles.set(i, m.OBJECT, obj[0] + (f" ({implied})" if implied else ""))
        elif token.lower == "binnen" and _binds_time(roles, i, period=False):
            continue  # "binnen de 30 seconden": a norm nothing read
        elif (
            token.lower == "werk"
            and i > 1
            and [t.lower for t in tokens[i - 2 : i]] == ["aan", "het"]
        ):
            roles.set(i, m.VERB)  # "aan het werk"
        elif i > 0 and tokens[i - 1].lower == "hoe" and token.lower in lexicon.HOW:
            roles.set(i, m.QUESTION)  # "hoe lang", "hoe vaak"
        elif _in(token, lexicon.VERBS):
            roles.set(i, m.VERB)
        elif _in(token, lexicon.QUESTION):
            roles.set(i, m.QUESTION)
        elif _in(token, lexicon.SUBJECT) and not _proper_name(roles, i):
            roles.set(i, m.SUBJECT)
        elif (
            token.lower == "eigen"
            and i + 1 < len(tokens)
            and _lookup(tokens[i + 1], lexicon.DIMENSIONS) == "department"
        ):
            roles.set(i, m.SUBJECT)  # "de eigen beleidsdomeinen": the minister's own
        elif _lookup(token, lexicon.DIMENSIONS) == "department":
            roles.set(i, m.SUBJECT)  # "het departement": the one the question names
        elif _in(token, lexicon.RELATIVE):
            roles.set(i, m.FUNCTION)


def _about_objects(roles: _Roles) -> None:
    """ "vragen over de wachttijd": what contacts are about, which the data does not classify,
    is no object of the figures. Not after "hoeveel" ("hoeveel van de oproepen …")."""
    tokens = roles.tokens
    for i in range(1, len(tokens)):
        if roles.role(i) != m.OBJECT:
            continue
        j = i - 1
        while j > 0 and tokens[j].lower in lexicon.DETERMINERS:
            j -= 1
        earlier = any(roles.role(k) == m.OBJECT for k in range(j))
        if tokens[j].lower in lexicon.ABOUT and earlier:
            roles.force(i, m.UNKNOWN)


def _qualifiers(roles: _Roles) -> None:
    """Words that say more of an object the part asks about ("opgeleid voor de thema's")."""
    asked = {roles.detail(i).split(" (")[0] for i in range(len(roles.tokens))
             if roles.role(i) == m.OBJECT}  # fmt: skip
    words = {w for obj in asked for w in lexicon.QUALIFIERS.get(obj, ())}
    for i, token in enumerate(roles.tokens):
        if roles.free(i) and _in(token, words):
            roles.set(i, m.VERB, "of the object")


def _binds_time(roles: _Roles, i: int, period: bool = True) -> bool:
    """Whether a time preposition at `i` governs a number, a month or a unit of time (or, with
    `period`, the period read: "voor 2020", "tot en met juni 2023"; "kwamen binnen in 2023" is
    no norm)."""
    j = _next_content(roles, i, lexicon.DETERMINERS | {"en", "met"})
    if j >= len(roles.tokens):
        return False
    nxt = roles.tokens[j]
    return (
        nxt.is_number
        or nxt.lower in MONTHS
        or _in(nxt, lexicon.TIME_UNITS)
        or _in(nxt, {w for w in lexicon.MEANINGFUL if w in _NUMBER_WORDS})
        or (period and roles.role(j) == m.PERIOD and nxt.lower not in lexicon.PERIOD_PREPOSITIONS)
    )


def _asks_for(roles: _Roles, i: int) -> bool:
    """Whether "voor" at `i` is "for", part of the ask ("kan de minister voor 2023 meedelen",
    "de tevredenheid per kanaal voor 2023"), not "before": right after the verb ("ontving voor
    2020", "kwamen er voor 2020 binnen")."""
    if roles.tokens[i].lower != "voor":
        return False
    return not any(roles.role(k) == m.VERB for k in range(max(0, i - 3), i))


_NUMBER_WORDS = frozenset(
    [
        "twee",
        "drie",
        "vier",
        "vijf",
        "zes",
        "zeven",
        "acht",
        "negen",
        "tien",
        "twintig",
        "dertig",
        "veertig",
        "vijftig",
        "honderd",
        "duizend",
        "eerste",
        "tweede",
        "derde",
        "vierde",
        "vijfde",
        "laatste",
    ]
)


def _general(roles: _Roles) -> None:
    for i, token in enumerate(roles.tokens):
        if not roles.free(i):
            continue
        if not token.is_word:
            roles.set(i, m.PUNCTUATION)
        elif token.is_number:
            roles.set(i, m.UNKNOWN)
        elif (
            token.lower in lexicon.TIME_PREPOSITIONS
            and (not _binds_time(roles, i) or _asks_for(roles, i))
        ) or is_function_word(token):
            roles.set(i, m.FUNCTION)
        else:
            roles.set(i, m.UNKNOWN)


@functools.lru_cache(maxsize=64)
def _candidates(vocabulary: m.Vocabulary) -> dict[str, str]:
    """Every name of every value (and each long word of a name of several words), in lower case,
    with the value it names."""
    found: dict[str, str] = {}
    for name, _dim, value in vocabulary.names:
        found.setdefault(name.lower(), value)
        for word in re.findall(r"[\w'-]{5,}", name):
            if not (word.lower() in lexicon.SUBJECT or word.lower() in lexicon.OBJECTS):
                found.setdefault(word.lower(), value)
    return found


def _near_misses(roles: _Roles, vocabulary: m.Vocabulary) -> None:
    candidates = _candidates(vocabulary)
    for i, token in enumerate(roles.tokens):
        if roles.role(i) != m.UNKNOWN or len(token.text) < 5 or not token.text.isalpha():
            continue
        close = difflib.get_close_matches(token.lower, list(candidates), n=1, cutoff=_NEAR)
        if close and close[0] != token.lower:
            roles.force(i, m.NEAR, candidates[close[0]])


def _lists_and_scopes(roles: _Roles) -> None:
    """Values of one dimension count together only as a list ("de Woonlijn en de Energielijn",
    "de Woonlijn, de Onderwijslijn"); named apart ("van de 1700 naar de Woonlijn", "de Woonlijn
    (1700)") they ask how the two relate, which no figure gives. A filter that applies to some
    objects only (the norm of seconds, to the service level) is not read with others."""
    tokens = roles.tokens
    spans: dict[str, list[tuple[int, int, str]]] = {}
    i = 0
    while i < len(tokens):
        if roles.role(i) == m.FILTER:
            detail, j = roles.detail(i), i
            while (
                j + 1 < len(tokens)
                and roles.role(j + 1) == m.FILTER
                and roles.detail(j + 1) == detail
            ):
                j += 1
            dim, _, value = detail.partition("=")
            spans.setdefault(dim, []).append((i, j, value))
            i = j + 1
        else:
            i += 1
    for runs in spans.values():
        first = runs[0][0]
        # a list may repeat its preposition: "op de Woonlijn en op de Energielijn"
        again = {tokens[k].lower for k in range(max(0, first - 2), first)} - {"de", "het"}
        for (_, end, value), (start, stop, other) in itertools.pairwise(runs):
            if value == other:
                continue
            between = [t.text.lower() for t in tokens[end + 1 : start]]
            if not all(w in {",", "en", "de", "het", "of", *again} for w in between):
                for k in range(start, stop + 1):
                    roles.force(k, m.UNKNOWN)
    objects = {roles.detail(k).split(" (")[0] for k in range(len(tokens))
               if roles.role(k) == m.OBJECT}  # fmt: skip
    for dim, applies in lexicon.FILTER_OBJECTS.items():
        if objects & applies or dim not in spans:
            continue
        if len(objects) == 1 and _derived(next(iter(objects)), dim) in applies:
            continue  # "hoeveel oproepen werden binnen de minuut beantwoord": the service level
        for start, stop, _ in spans[dim]:
            for k in range(start, stop + 1):
                roles.force(k, m.UNKNOWN)


def _derived(obj: str, dim: str) -> str:
    return lexicon.DERIVED_OBJECTS.get((obj, dim), obj)


def _reading(text: str, roles: _Roles) -> m.Reading:
    words = tuple(
        m.Word(t.text, t.lemma, t.start, t.end, *(roles.roles[i] or (m.UNKNOWN, "")))
        for i, t in enumerate(roles.tokens)
    )
    policy = any(w.role == m.POLICY for w in words)
    figures = any(w.role in (m.MEASURE, m.OBJECT) for w in words) or any(
        w.role == m.QUESTION and w.lemma in ("hoeveel", "aantal", "cijfer") for w in words
    )
    kind = (
        "figures and policy" if policy and figures else
        "policy" if policy else "figures" if figures else "unclear"
    )  # fmt: skip
    # "gemiddeld per maand" stays what it is: the average of monthly figures, not of daily ones
    measures = list(dict.fromkeys(w.detail for w in words if w.role == m.MEASURE))
    if any(x.startswith("average per ") for x in measures) and "average" in measures:
        measures.remove("average")
    if len(measures) > 1 and "count" in measures:
        measures.remove("count")  # "hoeveel procent", "het gemiddeld aantal"
    objects = list(dict.fromkeys(w.detail.split(" (")[0] for w in words if w.role == m.OBJECT))
    if len(objects) > 1 and "contacts" in objects and set(objects) & lexicon.QUALIFIED_BY_CONTACTS:
        objects.remove("contacts")  # "de voorlichters die de vragen behandelen"
    for pair, joint in lexicon.OBJECT_PAIRS.items():
        if pair <= set(objects):
            objects = [o for o in objects if o not in pair] + [joint]
    for (obj, dim), derived in lexicon.DERIVED_OBJECTS.items():
        if obj in objects and any(
            w.role == m.FILTER and w.detail.startswith(f"{dim}=") for w in words
        ):
            objects[objects.index(obj)] = derived
    filters: dict[str, list[str]] = {}
    exclusions: dict[str, list[str]] = {}
    for w in words:
        if w.role in (m.FILTER, m.EXCLUSION):
            target, details = filters if w.role == m.FILTER else exclusions, w.detail.split("; ")
        elif w.role == m.OBJECT and "(" in w.detail:  # "oproepen", "de chatters"
            target, details = filters, w.detail.split(" (", 1)[1].rstrip(")").split("; ")
        else:
            continue  # the channel an object implies ("oproepen") is a filter
        for detail in details:
            dim, _, value = detail.partition("=")
            if value and value not in target.setdefault(dim, []):
                target[dim].append(value)
    for dim, values in exclusions.items():  # a value left out is no filter
        if dim in filters:
            filters[dim] = [v for v in filters[dim] if v not in values] or filters.pop(dim)
    breakdowns = list(dict.fromkeys(w.detail for w in words if w.role == m.BREAKDOWN))
    periods = list(dict.fromkeys(w.detail for w in words if w.role == m.PERIOD))
    refs = [w.detail for w in words if w.role == m.REFERENCE]
    return m.Reading(
        text=text,
        words=words,
        kind=kind,
        measures=tuple(measures),
        objects=tuple(objects),
        filters={k: tuple(v) for k, v in filters.items() if v},
        exclusions={k: tuple(v) for k, v in exclusions.items()},
        breakdowns=tuple(breakdowns),
        period=" + ".join(periods) or None,
        reference=_strongest(refs),
        unknown=_quotes(text, words),
        near=tuple((w.text, w.detail) for w in words if w.role == m.NEAR),
    )


def _strongest(refs: list[str]) -> str | None:
    """The reference a part makes, of those its words make: to a period, then to what an
    earlier part asked ("daarvan", "van die contacten"), before a definite article that only
    names the same thing again ("de Energielijn" in a lead shared by every sub-point)."""
    pure = [r for r in refs if r == "earlier part" or r.startswith("those: ")]
    if "period" in refs:
        return "period"
    return (pure or refs)[0] if refs else None


def _quotes(text: str, words: tuple[m.Word, ...]) -> tuple[str, ...]:
    """The words not understood, neighbours quoted together with the preposition before them:
    "van vrouwen", "vanuit Gent"."""
    runs: list[list[int]] = []
    for i, w in enumerate(words):
        if w.role != m.UNKNOWN:
            continue
        if runs and all(words[k].role == m.FUNCTION for k in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    quotes = []
    for run in runs:
        first = run[0]
        before = words[first - 1] if first > 0 else None
        if before is not None and before.role == m.FUNCTION and before.lemma in _QUOTED_WITH:
            first -= 1
        quotes.append(text[words[first].start : words[run[-1]].end])
    return tuple(quotes)
