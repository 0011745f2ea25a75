"""Property tests: what a PDF reader or a typesetter does to the lines leaves the fields alone.

Each published text is changed the way extraction changes it: paragraphs re-wrapped at any
width (with or without the blank lines between them), words hyphenated at line ends, and a
page's running header, footer and number put between any two lines. The fields read from the
result must be those read from the text as written.
"""

from __future__ import annotations

import re
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pqgen.question.parse import parse_questions
from tests.conftest import PUBLISHED_639
from tests.test_parse_layouts import FIXTURES, fields

NAMES = [
    "minister-president.txt",
    "no-addressee-word.txt",
    "bulletin-2006.txt",
    "questions-and-answers.txt",
]
# A PDF starts each paragraph on a new line, so the paragraphs re-wrapped here are those of the
# source: the fixtures that run title and introduction (or sub-questions) on consecutive lines
# get the blank line between them that the source document has.
PARAGRAPHS = re.compile(
    r"\n(?=Het |Ouders |\d\.|Antwoord|Eind 2005|Inburgering -|Leerlingenvervoer -)"
)
TEXTS = {
    name: PARAGRAPHS.sub("\n\n", (FIXTURES / name).read_text(encoding="utf-8")) for name in NAMES
}
if PUBLISHED_639.exists():
    TEXTS["vraag-639.txt"] = PUBLISHED_639.read_text(encoding="utf-8")
EXPECTED = {
    name: [fields(r.question) for r in parse_questions(text) if r.question]
    for name, text in TEXTS.items()
}
PAGE_FURNITURE = [
    "\f",
    "Vlaams Parlement - Leuvenseweg 86 - 1011 Brussel\n3",
    "12\nVlaams Parlement - Vragen en Antwoorden\nnr. 7 - 14 april 2006",
    "1433                       Vragen en Antwoorden nr. 7 - 14 april 2006",
    "\f\npagina 2 van 3",
]
# No example database: tests write nothing outside their tmp_path.
SETTINGS = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
texts = st.sampled_from(sorted(TEXTS))


def read(text: str) -> list[dict[str, object]]:
    found = parse_questions(text)
    assert all(r.error is None for r in found), [str(r.error) for r in found]
    return [fields(r.question) for r in found if r.question]


def rewrap(text: str, width: int, blank_lines: bool) -> str:
    """Each paragraph wrapped at `width`; the blank lines between paragraphs kept or dropped.

    A page's running header is not a paragraph, and stays as it is."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    wrapped = [
        p if "Vragen en Antwoorden" in p else
        "\n".join(textwrap.wrap(" ".join(p.split()), width, break_long_words=False,
                                break_on_hyphens=False))
        for p in paragraphs
    ]  # fmt: skip
    return ("\n\n" if blank_lines else "\n").join(wrapped)


def test_every_text_is_read() -> None:
    assert all(EXPECTED.values())


@SETTINGS
@given(texts, st.integers(min_value=25, max_value=120), st.booleans())
def test_rewrapping_at_any_width(name: str, width: int, blank_lines: bool) -> None:
    assert read(rewrap(TEXTS[name], width, blank_lines)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_flattening_every_line_break(name: str) -> None:
    assert read(" ".join(TEXTS[name].split())) == EXPECTED[name]


@SETTINGS
@given(texts, st.integers(min_value=25, max_value=90), st.data())
def test_hyphenating_words_at_line_ends(name: str, width: int, data: st.DataObject) -> None:
    lines = rewrap(TEXTS[name], width, blank_lines=True).split("\n")
    for i in range(len(lines) - 1):
        first, _, rest = lines[i + 1].partition(" ")
        if lines[i] and re.fullmatch(r"[a-zà-ÿ]{5,}", first) and data.draw(st.booleans()):
            cut = data.draw(st.integers(min_value=2, max_value=len(first) - 2))
            lines[i] += f" {first[:cut]}-"
            lines[i + 1] = f"{first[cut:]} {rest}".strip()
    assert read("\n".join(lines)) == EXPECTED[name]


@SETTINGS
@given(texts, st.integers(min_value=30, max_value=120), st.booleans(), st.data())
def test_page_furniture_between_any_lines(
    name: str, width: int, blank_lines: bool, data: st.DataObject
) -> None:
    lines = rewrap(TEXTS[name], width, blank_lines).split("\n")
    places = data.draw(
        st.lists(st.integers(min_value=0, max_value=len(lines)), max_size=4, unique=True)
    )
    for place in sorted(places, reverse=True):
        lines.insert(place, data.draw(st.sampled_from(PAGE_FURNITURE)))
    assert read("\n".join(lines)) == EXPECTED[name]
