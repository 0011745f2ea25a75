"""Markdown from templates: lists, emphasis and placeholders, read into blocks and laid out."""

from __future__ import annotations

from pathlib import Path

import docx

from pqgen.compose.answer import Answer, ListBlock, Paragraph, Section
from pqgen.compose.markup import parse_markup
from pqgen.drafting import write_answer
from pqgen.output import housestyle as hs
from pqgen.question.model import Question, SubQuestion
from pqgen.workspace import Workspace


def test_bullet_and_lettered_lists() -> None:
    blocks = parse_markup("Inleiding.\n\n- eerste **vet**\n- tweede\n\n1. a\n2. b\n")
    assert isinstance(blocks[0], Paragraph)
    bullets, lettered = blocks[1], blocks[2]
    assert isinstance(bullets, ListBlock) and not bullets.ordered
    assert ["".join(r.text for r in item) for item in bullets.items] == ["eerste vet", "tweede"]
    assert [r.bold for r in bullets.items[0]] == [False, True]
    assert isinstance(lettered, ListBlock) and lettered.ordered
    assert len(lettered.items) == 2


def test_placeholder_in_a_list_item_is_marked() -> None:
    (block,) = parse_markup("- [TE VERVOLLEDIGEN: reden]\n")
    assert isinstance(block, ListBlock)
    (run,) = block.items[0]
    assert run.placeholder and run.text == "[TE VERVOLLEDIGEN: reden]"


def test_lists_are_laid_out_with_marks_in_the_list_style(tmp_path: Path) -> None:
    question = Question.from_dict(
        {
            "number": 1,
            "author": "A",
            "date": "2024-03-01",
            "minister": "M",
            "minister_title": "VLAAMS MINISTER",
            "title": "T - t",
            "intro": "",
            "subquestions": [{"number": 1, "text": "Vraag?"}],
        }
    )
    blocks = tuple(parse_markup("Antwoord.\n\n- één\n- twee\n\n1. eerst\n2. dan\n"))
    answer = Answer(question, (Section(SubQuestion(1, "Vraag?"), blocks, None),))
    path = tmp_path / "a.docx"
    write_answer(answer, Workspace.from_options(), path)
    listed = [
        p.text for p in docx.Document(str(path)).paragraphs if p.style and p.style.name == hs.BULLET
    ]
    assert listed == ["–\téén", "–\ttwee", "a)\teerst", "b)\tdan"]


def test_a_text_parsed_again_gives_the_same_blocks_in_a_list_of_its_own() -> None:
    """Issue 14: parsed texts are remembered; a caller that changes its list changes no other."""
    text = "Er waren **12** contacten.\n\n| jaar | aantal |\n| --- | ---: |\n| 2016 | 12 |\n"
    first = parse_markup(text)
    first.append(first[0])
    second = parse_markup(text)
    assert second == first[:-1] and len(second) == 2
    assert parse_markup(text + "\n- nog een\n") != second
