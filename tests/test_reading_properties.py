"""Properties of the reading, tried on many generated questions (hypothesis).

Take a part pqgen answers and change it as a user would, in ways the data cannot follow: add
a group of people, a place, an app, another body, a condition; put another body's service in
the place of the line; misspell the line or the topic. The part must never keep its figures.
And reading the same words in another order reads the same ask.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pqgen.compose import templating
from pqgen.compose.plan import Step, describe_ask, plan
from pqgen.figures import queries
from pqgen.question.model import Question
from pqgen.workspace import Workspace

# Parts the built-in templates answer, as users write them (each is checked to be answered).
ANSWERED = [
    "Hoeveel oproepen ontving de Woonlijn in 2023?",
    "Hoeveel contacten kwamen er in 2024 binnen via de 1700?",
    "Hoeveel e-mails ontving de Onderwijslijn in het eerste kwartaal van 2024?",
    "Hoeveel contacten kwamen er in 2024 binnen via de Woonlijn, opgesplitst per kanaal?",
    "Hoeveel oproepen over de huurpremie kwamen er in 2023 binnen op de Woonlijn?",
    "Hoeveel contacten kwamen er in 2023 per maand binnen via het nummer 1700?",
    "Wat was in 2023 de gemiddelde wachttijd op de Belastinglijn?",
    "Hoe tevreden waren de gebruikers van de Energielijn in 2024?",
    "Hoeveel chats verwerkte de 1700 in 2024?",
    "Hoeveel contacten ontving de Energielijn tussen 2021 en 2023?",
]
# What the data holds no figures for: groups of people, places, apps, other bodies, conditions.
NARROWINGS = [
    "van vrouwen", "van mannen", "door jongeren", "van zelfstandigen", "van 65-plussers",
    "door anderstaligen", "vanuit Gent", "uit de provincie Limburg", "in Brussel",
    "uit Wallonië", "via de app", "via WhatsApp", "via Facebook Messenger",
    "bij de noodcentrale", "van De Lijn", "voor de VDAB", "van nieuwe klanten",
    "die dringend waren", "die werden doorgeschakeld", "met een klacht", "op zondag",
    "na 18 uur", "tijdens de nacht", "in het Engels", "van bedrijven",
]  # fmt: skip
OTHER_BODIES = [
    "de noodcentrale 112", "de klantendienst van De Lijn", "het contactcenter van de VDAB",
    "de infolijn van Kind en Gezin", "de helpdesk van Fluvius", "de FOD Financiën",
    "de ombudsdienst", "de politie",
]  # fmt: skip
LINES = ["de Woonlijn", "de Onderwijslijn", "de Belastinglijn", "de Energielijn"]
TOPICS = ["huurpremie", "renovatiepremie", "studietoelagen", "verkeersbelasting"]


def _question(text: str, title: str = "Vlaamse Infolijn - Contacten") -> Question:
    return Question(
        number=1, author="A B", date=dt.date(2025, 3, 12), minister="M", minister_title="T",
        title=title, intro="", subquestions=(_sub(text),),
    )  # fmt: skip


def _sub(text: str) -> Any:
    from pqgen.question.model import SubQuestion

    return SubQuestion(1, text)


@functools.cache
def _routes() -> tuple[list[templating.AnswerTemplate], Any]:
    workspace = Workspace.from_options()
    return templating.templates(workspace), functools.partial(queries.query, workspace)


def steps_of(text: str, title: str = "Vlaamse Infolijn - Contacten") -> list[Step]:
    templates, find = _routes()
    return plan(_question(text, title), templates, find)


def figures_given(text: str) -> bool:
    return any(step.template is not None for step in steps_of(text))


def _insert(text: str, words: str, at: int) -> str:
    """`words` after the `at`-th word of `text` (its question mark kept at the end)."""
    body = text.rstrip("?")
    tokens = body.split()
    at = 1 + at % max(1, len(tokens) - 1)
    return " ".join([*tokens[:at], words, *tokens[at:]]) + "?"


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_parts_the_properties_start_from_are_answered() -> None:
    for text in ANSWERED:
        assert figures_given(text), text


@SETTINGS
@given(
    st.sampled_from(ANSWERED), st.sampled_from(NARROWINGS), st.integers(min_value=0, max_value=20)
)
def test_a_narrowing_the_data_cannot_answer_never_keeps_the_figures(
    text: str, narrowing: str, at: int
) -> None:
    changed = _insert(text, narrowing, at)
    [step, *_] = steps_of(changed)
    assert step.template is None, (changed, step.template.name)
    assert step.reason is not None and step.reason.flag, (changed, step.reason)


@SETTINGS
@given(st.sampled_from(ANSWERED), st.sampled_from(OTHER_BODIES))
def test_another_bodys_service_in_place_of_the_line_never_gets_its_figures(
    text: str, body: str
) -> None:
    for line in ["de Woonlijn", "de Onderwijslijn", "de Belastinglijn", "de Energielijn",
                 "het nummer 1700", "de 1700"]:  # fmt: skip
        if line in text:
            changed = text.replace(line, body)
            break
    else:
        changed = _insert(text, f"bij {body}", 3)
    assert not figures_given(changed), changed


def _misspelt(name: str, at: int, how: int, letter: str) -> str:
    at = 1 + at % (len(name) - 2)  # never the first or last letter
    if how == 0:
        return name[:at] + name[at + 1 :]  # a letter left out
    if how == 1:
        return name[:at] + letter + name[at:]  # one more
    return name[:at] + letter + name[at + 1 :]  # one other


@SETTINGS
@given(
    st.sampled_from(["Woonlijn", "Onderwijslijn", "Belastinglijn", "Energielijn"]),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=2),
    st.sampled_from("aeiouxyzqwk"),
)
def test_a_line_misspelt_by_one_letter_is_flagged_never_another_line(
    line: str, at: int, how: int, letter: str
) -> None:
    wrong = _misspelt(line, at, how, letter)
    if wrong.lower() == line.lower():
        return
    [step] = steps_of(f"Hoeveel oproepen ontving de {wrong} in 2023?")
    assert step.template is None, (wrong, step.params)
    assert step.reason is not None and step.reason.flag, (wrong, step.reason)


@SETTINGS
@given(
    st.sampled_from(TOPICS),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=2),
    st.sampled_from("aeiouxyzqwk"),
)
def test_a_topic_misspelt_by_one_letter_is_flagged_never_another_topic(
    topic: str, at: int, how: int, letter: str
) -> None:
    wrong = _misspelt(topic, at, how, letter)
    if wrong.lower() == topic.lower():
        return
    [step] = steps_of(f"Hoeveel oproepen over de {wrong} kwamen er in 2023 binnen op de Woonlijn?")
    assert step.template is None, (wrong, step.params)
    assert step.reason is not None and step.reason.flag, (wrong, step.reason)


OBJECTS = ["contacten", "oproepen", "e-mails", "chats"]
PERIODS = ["in 2023", "in maart 2024", "tussen 2021 en 2023", "in het eerste kwartaal van 2024"]


@SETTINGS
@given(st.sampled_from(OBJECTS), st.sampled_from([*LINES, "de 1700"]), st.sampled_from(PERIODS))
def test_the_same_words_in_another_order_are_read_the_same(
    obj: str, line: str, period: str
) -> None:
    orders = [
        f"Hoeveel {obj} kwamen er {period} binnen via {line}?",
        f"Hoeveel {obj} kwamen er via {line} binnen {period}?",
        f"{period.capitalize()}: hoeveel {obj} kwamen er binnen via {line}?",
        f"Via {line}: hoeveel {obj} kwamen er {period} binnen?",
    ]
    readings = []
    for text in orders:
        [step] = steps_of(text)
        assert step.reading is not None and step.period is not None
        readings.append(
            (describe_ask(step.reading), step.period.start, step.period.end,
             step.template.name if step.template else step.reason and step.reason.kind)
        )  # fmt: skip
    assert len(set(readings)) == 1, list(zip(orders, readings, strict=True))
