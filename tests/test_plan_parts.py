"""Splitting a sub-question into parts, and reading what each part asks."""

from __future__ import annotations

import pytest

from pqgen.planning.asks import asks_figures, measures_asked, policy_ask
from pqgen.planning.parts import split_parts


def test_sub_points_with_letters_share_their_lead() -> None:
    parts = split_parts("Kan de minister voor 2024 meedelen: a) het aantal contacten; b) via chat?")
    assert [(p.key, p.label, p.text) for p in parts] == [
        ("a", "a)", "het aantal contacten"),
        ("b", "b)", "via chat?"),
    ]
    assert parts[1].full_text == "Kan de minister voor 2024 meedelen: via chat?"


def test_dashes_are_parts_without_a_label() -> None:
    parts = split_parts("Graag: - hoeveel contacten; - hoeveel personeel?")
    assert [(p.key, p.label, p.text) for p in parts] == [
        ("1", "", "hoeveel contacten"),
        ("2", "", "hoeveel personeel?"),
    ]


def test_separate_asks_in_one_sub_question() -> None:
    parts = split_parts("Hoe evalueert de minister het nummer? Vindt hij het bekend genoeg?")
    assert [p.text for p in parts] == [
        "Hoe evalueert de minister het nummer?",
        "Vindt hij het bekend genoeg?",
    ]


def test_one_ask_is_one_part() -> None:
    parts = split_parts("Hoeveel contacten kwamen er in 2024 binnen (b) en c) niet)?")
    assert [(p.key, p.text) for p in parts] == [
        ("", "Hoeveel contacten kwamen er in 2024 binnen (b) en c) niet)?")
    ]


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("Hoe evalueert de minister de subsidies?", "Hoe evalueert"),
        ("Zal de minister extra personeel inzetten?", "Zal de minister"),
        ("Is de minister van oordeel dat het volstaat?", "Is de minister"),
        ("Waarom daalde de tevredenheid?", "Waarom"),
        ("Welke maatregelen neemt de minister?", "Welke maatregelen"),
        ("of de minister de dienstverlening wil uitbreiden", "de minister de dienstverlening wil"),
        ("Kan de minister meedelen hoeveel contacten er waren?", None),
        ("Hoeveel contacten kwamen er binnen?", None),
    ],
)
def test_policy_asks(text: str, policy: str | None) -> None:
    assert policy_ask(text) == policy


@pytest.mark.parametrize(
    ("text", "names_period", "measures"),
    [
        ("Door hoeveel personeelsleden worden de vragen behandeld?", False, ["count"]),
        ("Hoeveel voorlichters werden in 2024 opgeleid?", True, ["over_period"]),
        ("Hoeveel voorlichters werkten er gemiddeld per maand?", False, ["average", "per_month"]),
        ("Wat was het minimum en het maximum aantal voorlichters?", False, ["range"]),
        ("Hoeveel zijn er op dit ogenblik opgeleid?", False, ["as_of_date"]),
        ("Hoe tevreden waren de bellers in 2024?", True, ["share", "over_period"]),
        ("Hoeveel contacten per kanaal?", False, ["by_channel", "count"]),
        ("Hoeveel daarvan verliepen via chat?", False, ["count"]),  # a channel is a filter
    ],
)
def test_measures_asked(text: str, names_period: bool, measures: list[str]) -> None:
    assert measures_asked(text, names_period) == measures


def test_asks_figures() -> None:
    assert asks_figures("Hoeveel bedrijven kregen een subsidie?")
    assert not asks_figures("Zal de minister de regeling bijsturen?")


def test_and_how_many_of_those_is_an_ask_of_its_own() -> None:
    parts = split_parts(
        "Hoeveel e-mails ontving de 1700 in 2023 en hoeveel daarvan werden binnen de 24 uur "
        "beantwoord?"
    )
    assert [p.text for p in parts] == [
        "Hoeveel e-mails ontving de 1700 in 2023",
        "hoeveel daarvan werden binnen de 24 uur beantwoord?",
    ]
    assert [p.key for p in parts] == ["1", "2"]
