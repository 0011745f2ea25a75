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

from pqgen.planning import lexicon

_LETTER = r"(?:^|(?<=[\s:;,.?!]))\(?{letter}\)\s+"
_DASH = re.compile(r"(?:^|(?<=[:;?.!]\s))[-–•]\s+(?=\S)")
_ASK = re.compile(r"[^?]*\?")
# "Hoeveel contacten kwamen er binnen, en hoeveel daarvan waren chats?": two asks, the second
# about a part of the first.
_AND_OF_THOSE = re.compile(
    r",?\s+en\s+(?=hoeveel\s+(?:\w+\s+)?(?:daarvan|ervan|van\s+hen|van\s+die)\b)", re.I
)
# "…, en hoeveel huurders ontvingen een huurpremie?", "… en welk deel daarvan …": a second ask,
# where the words before it are an ask of their own: `_SECOND_ASK_AFTER` words at least, with a
# comma before "en" or a verb ("Hoeveel contacten ontving de Woonlijn in 2024 en hoeveel …"),
# not "Kan de minister meedelen hoeveel voorlichters en hoeveel VTE er werkten?".
_AND_ASKS = re.compile(
    r",?\s+en\s+(?=(?:hoeveel|welk|welke|wat|hoe|binnen\s+welke|in\s+welke|door\s+hoeveel)\s)",
    re.I,
)
_SECOND_ASK_AFTER = 5


def _word_form(word: str) -> str:
    return word.strip(".,;:?!()").lower()


def _and_asks(ask: str) -> list[str]:
    """One ask, or the asks it joins with "en hoeveel", "en welk deel …"."""
    pieces: list[str] = []
    start = 0
    for m in [*_AND_OF_THOSE.finditer(ask), *_AND_ASKS.finditer(ask)]:
        if m.start() < start:
            continue
        before = ask[start : m.start()]
        own = len(before.split()) >= _SECOND_ASK_AFTER and (
            ask[m.start()] == "," or any(_word_form(w) in lexicon.VERBS for w in before.split())
        )
        if own or _AND_OF_THOSE.match(ask, m.start()):
            pieces.append(before)
            start = m.end()
    pieces.append(ask[start:])
    return [p.strip() for p in pieces if p.strip()]


@dataclass(frozen=True)
class Part:
    """One ask of a sub-question: its key, its label in the answer ("a)" or ""), its own words,
    and the lead it shares with its siblings."""

    key: str
    label: str
    text: str
    lead: str = ""
    joined: bool = False  # split from the sentence of the part before it ("…, en hoeveel …")

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
    pieces = [(piece, n > 0) for ask in asks for n, piece in enumerate(_and_asks(ask))]
    if len(pieces) < 2:
        return [Part("", "", text.strip())]
    return [
        Part(str(i), "", piece, joined=joined) for i, (piece, joined) in enumerate(pieces, start=1)
    ]


def split_parts(text: str) -> list[Part]:
    """The parts of a sub-question, in order; one part (key "") when it asks one thing."""
    return _lettered(text) or _dashed(text) or _asks(text)
