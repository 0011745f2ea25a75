"""Split a sub-question into the parts it asks.

A sub-question may hold sub-points ("a) … b) …", or dashes at the start of each), or several
asks in one ("Hoe evalueert de minister …? Is hij van oordeel …?", "Hoeveel contacten …, en
hoeveel daarvan waren chats?"). Each becomes a `Part`, which
is answered on its own: by a template, by text from the question's YAML, or by a placeholder.
Words before the first sub-point ("Hoeveel contacten waren er in 2024:") are the lead: they belong
to every sub-point, for reading what is asked.

Parts have a key: the sub-point's letter ("a"), or for dashes and separate asks their place
("1", "2"). The question's YAML names a part by that key (`parts: {b: {template: none}}`). The
answer keeps the question's structure: "a)" before the answer to sub-point a); dashes and
separate asks are answered in turn without a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LETTER = r"(?:^|(?<=[\s:;,.?!]))\(?{letter}\)\s+"
_DASH = re.compile(r"(?:^|(?<=[:;?.!]\s))[-–•]\s+(?=\S)")
_ASK = re.compile(r"[^?]*\?")
# "Hoeveel contacten kwamen er binnen, en hoeveel daarvan waren chats?": two asks, the second
# about a part of the first.
_AND_OF_THOSE = re.compile(
    r",?\s+en\s+(?=hoeveel\s+(?:\w+\s+)?(?:daarvan|ervan|van\s+hen|van\s+die)\b)", re.I
)


@dataclass(frozen=True)
class Part:
    """One ask of a sub-question: its key, its label in the answer ("a)" or ""), its own words,
    and the lead it shares with its siblings."""

    key: str
    label: str
    text: str
    lead: str = ""

    @property
    def full_text(self) -> str:
        """The lead and the part's own words: what is read for matching."""
        return f"{self.lead} {self.text}".strip()


def _lettered(text: str) -> list[Part] | None:
    starts: list[tuple[str, int, int]] = []
    pos = 0
    for letter in "abcdefghij":
        m = re.compile(_LETTER.format(letter=letter)).search(text, pos)
        if not m:
            break
        starts.append((letter, m.start(), m.end()))
        pos = m.end()
    if len(starts) < 2:
        return None
    lead = text[: starts[0][1]].strip()
    ends = [s for _, s, _ in starts[1:]] + [len(text)]
    return [
        Part(letter, f"{letter})", text[body:end].strip().rstrip(";,").strip(), lead)
        for (letter, _, body), end in zip(starts, ends, strict=True)
    ]


def _dashed(text: str) -> list[Part] | None:
    marks = list(_DASH.finditer(text))
    if len(marks) < 2:
        return None
    lead = text[: marks[0].start()].strip()
    ends = [m.start() for m in marks[1:]] + [len(text)]
    return [
        Part(str(i), "", text[m.end() : end].strip().rstrip(";,").strip(), lead)
        for i, (m, end) in enumerate(zip(marks, ends, strict=True), start=1)
    ]


def _asks(text: str) -> list[Part]:
    """Each sentence that ends in a question mark is an ask; statements before it belong to it."""
    asks = [m.group(0).strip() for m in _ASK.finditer(text)]
    rest = text[sum(len(m.group(0)) for m in _ASK.finditer(text)) :].strip()
    if rest and asks:
        asks[-1] = f"{asks[-1]} {rest}"
    asks = [piece.strip() for ask in asks for piece in _AND_OF_THOSE.split(ask) if piece.strip()]
    if len(asks) < 2:
        return [Part("", "", text.strip())]
    return [Part(str(i), "", ask) for i, ask in enumerate(asks, start=1)]


def split_parts(text: str) -> list[Part]:
    """The parts of a sub-question, in order; one part (key "") when it asks one thing."""
    return _lettered(text) or _dashed(text) or _asks(text)
