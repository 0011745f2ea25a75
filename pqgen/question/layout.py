"""The published layouts of a written question, and files that hold several questions.

Two layouts are read:

- today's ("SCHRIFTELIJKE VRAAG", "nr. 639", "van GUY D'HAESELEER", "datum: 8 juni 2017",
  "aan PHILIPPE MUYTERS", the minister's title in capitals), maybe followed by the answer
  ("ANTWOORD op vraag nr. 639 …");
- the bulletins "Vragen en Antwoorden" (about 2004-2009): the minister's name and title as a
  heading in capitals, then per question "Vraag nr. 42 van 8 maart 2006 van JAN LOONES", and
  after the question its answer under "Antwoord". One heading serves every question after it.

The header is read by structure: after the date (or "van" in a bulletin) comes a run of words in
capitals, which ends where mixed case begins. Where the line breaks survive, that run is made of
whole lines, so a question title that starts with an acronym ("VDAB - …") is not taken into the
minister's title. The text comes here cleaned by `pages.normalise`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pqgen.dutch import parse_date
from pqgen.errors import QuestionParseError
from pqgen.question.pages import DATE_TEXT as _DATE_TEXT

_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_WORD = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")  # a minister heading has none (a table row in capitals may)

HEADING = re.compile(r"SCHRIFTELIJKE\s+VRAAG\b")
BULLETIN = re.compile(
    rf"\bVraag\s+nr\.?\s*(\d+)\s+van\s+({_DATE_TEXT})\s+van\s+(?:(?:de\s+heer|mevrouw)\s+)?"
)
_NUMBER = re.compile(r"\bnr\.?\s*(\d+)")
_AUTHOR = re.compile(r"\bvan\s+(.{1,200}?)\s+datum\b", re.DOTALL)  # bounded: linear time
_MISTER = r"(?:(?:de\s+heer|mevrouw)\s+)?"
_DATE_FIRST = re.compile(rf"\s+van\s+({_DATE_TEXT})\s+van\s+{_MISTER}")
_DATE = re.compile(rf"\bdatum\s*:?\s*({_DATE_TEXT})")
_AAN = re.compile(r"\s*(aan\b)?\s*")
_TITLE_WORD = re.compile(r"^(?:VICE-?)?(?:EERSTE-?)?MINISTER(?:-PRESIDENT)?\b")
_ANSWER = re.compile(rf"\bANTWOORD\s+op\s+vraag\s+nr\.?\s*\d+\s+van\s+(?:{_DATE_TEXT})\s+van\s+")
_ANSWER_LOOSE = re.compile(r"\bANTWOORD\s+op\s+vraag\b")
_BULLETIN_ANSWER = re.compile(r"^Antwoord\s*$|(?<=[.?!]\s)Antwoord(?=\s+[A-Z0-9])", re.MULTILINE)
_DASH = frozenset("-–—")


@dataclass
class Header:
    """What a layout's header says, and the parts after it, as text with its line breaks."""

    number: int
    author: str
    date_text: str
    minister: str
    minister_title: str
    body: str
    answer: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Chunk:
    """The text of one question (with its answer) in a file that may hold several."""

    number: int | None
    text: str
    heading: str | None = None  # the bulletin's minister heading above the question


def split_questions(text: str) -> list[Chunk]:
    """The questions in a normalised text, in order; empty if it holds none in a known layout."""
    headings = list(HEADING.finditer(text))
    if headings:
        ends = [h.start() for h in headings[1:]] + [len(text)]
        chunks = []
        for h, end in zip(headings, ends, strict=True):
            number = _NUMBER.search(text, h.end(), end)
            chunks.append(Chunk(int(number.group(1)) if number else None, text[h.start() : end]))
        return chunks
    found = list(BULLETIN.finditer(text))
    starts = []  # (start of the question with its heading, heading or None)
    for m in found:
        heading = _heading_before(text, m.start())
        starts.append((m.start() - len(heading[1]) if heading else m.start(), heading))
    chunks = []
    current: str | None = None
    for k, m in enumerate(found):
        end = starts[k + 1][0] if k + 1 < len(found) else len(text)
        heading = starts[k][1]
        if heading:
            current = heading[0]
        chunks.append(Chunk(int(m.group(1)), text[m.start() : end], current))
    return chunks


def _heading_before(text: str, pos: int) -> tuple[str, str] | None:
    """The minister heading (capitals, holding MINISTER) just before a bulletin question.

    Returns the heading and the text it spans (to cut it from the answer before it)."""
    before = text[max(0, pos - 2000) : pos]  # a heading is a few lines
    if "\n" in before.rstrip():
        lines = before.rstrip().split("\n")
        taken: list[str] = []
        while lines and lines[-1] and not _LOWER.search(lines[-1]) and not _DIGIT.search(lines[-1]):
            taken.insert(0, lines.pop())
        heading = " ".join(taken)
    else:  # no line breaks: the words in capitals before "Vraag", after the last sentence
        words = before.split()
        taken = []
        while words and not re.search(r"[a-zß-ÿ0-9]|[.?!:]$", words[-1]):
            taken.insert(0, words.pop())
        heading = " ".join(taken)
    if not _TITLE_WORD.search(heading) and " MINISTER" not in heading:
        return None
    span = before[before.rfind(taken[0]) :] if taken else ""
    return heading, span


def _caps_run(text: str, pos: int) -> tuple[list[str], int, bool]:
    """The words in capitals from `pos`: (words, end, gave_back).

    Where the run spans lines, it keeps whole lines: words in capitals that start the first
    line in mixed case belong to what follows. Without line breaks, a word in capitals before
    a dash ("VDAB - Opleidingen") is given back to what follows (`gave_back`).
    """
    words = []
    stop = None
    for m in _WORD.finditer(text, pos):
        if _LOWER.search(m.group()):
            stop = m
            break
        words.append(m)
    if not words:
        return [], pos, False
    gave_back = False
    if stop is not None:
        run = text[words[0].start() : words[-1].end()]
        tail_breaks = "\n" in text[words[-1].end() : stop.start()]
        if "\n" in run and not tail_breaks:
            line_start = text.rfind("\n", words[0].start(), words[-1].end())
            words = [w for w in words if w.start() < line_start]
        elif "\n" not in run and len(words) > 2 and words[-1].group() in _DASH:
            words = words[:-2]
            gave_back = True
    return _join_caps([w.group() for w in words]), (words[-1].end() if words else pos), gave_back


def _join_caps(words: list[str]) -> list[str]:
    """Words in capitals with a word broken at a hyphen ("MINISTER-", "PRESIDENT") made whole."""
    out: list[str] = []
    for word in words:
        if out and out[-1].endswith("-") and len(out[-1]) > 1 and out[-1][-2].isalpha():
            out[-1] += word
        else:
            out.append(word)
    return out


def _split_addressee(words: list[str]) -> tuple[str, str] | None:
    """Minister's name and title from the words in capitals that hold both."""
    for i, word in enumerate(words):
        starts = _TITLE_WORD.match(word) or (
            word in ("VLAAMS", "VLAAMSE")
            and i + 1 < len(words)
            and bool(_TITLE_WORD.match(words[i + 1]))
        )
        if starts:
            if i == 0:
                return None
            return " ".join(words[:i]).rstrip(",").strip(), " ".join(words[i:])
    return None


def read_header(chunk: Chunk, source: object) -> Header:
    """Read the header of one question in either layout; raise naming what is missing."""
    if chunk.heading is not None or BULLETIN.match(chunk.text):
        return _read_bulletin(chunk, source)
    return _read_current(chunk.text, source)


def _date(text: str, source: object) -> str:
    if parse_date(text) is None:
        raise QuestionParseError(str(source), "no readable date ('datum: 8 juni 2017')")
    return text


def _read_current(text: str, source: object) -> Header:
    src = str(source)
    heading = HEADING.match(text)
    start = heading.end() if heading else 0
    number = _NUMBER.search(text, start)
    if not number:
        raise QuestionParseError(src, "no question number ('nr. 639') after the heading")
    dated = _DATE_FIRST.match(text, number.end())  # "nr. 45 van 18 november 2009 van NAAM"
    if dated:
        date_text = _date(dated.group(1), source)
        names, header_end, _ = _caps_run(text, dated.end())
        author_name, date_end = " ".join(names), header_end
        if not names:
            raise QuestionParseError(src, "no author in capitals after 'van'")
    else:
        author = _AUTHOR.search(text, number.end())
        if not author:
            raise QuestionParseError(src, "no author line ('van NAAM') followed by 'datum:'")
        date = _DATE.search(text, author.end(1))
        if not date:
            raise QuestionParseError(src, "no readable date ('datum: 8 juni 2017')")
        date_text = _date(date.group(1), source)
        author_name, date_end = " ".join(author.group(1).split()), date.end()
    aan = _AAN.match(text, date_end)
    assert aan is not None  # the pattern matches the empty string
    words, end, gave_back = _caps_run(text, aan.end())
    addressee = _split_addressee(words)
    if addressee is None:
        raise QuestionParseError(
            src, "no addressee ('aan NAAM' followed by the minister's title in capitals)"
        )
    warnings = []
    if aan.group(1) is None:
        warnings.append(
            'minister: no "aan" before the minister\'s name; read as the capitals before the title'
        )
    if gave_back:
        warnings.append(
            "minister_title: the line breaks are lost; the title was taken to end before "
            f'"{text[end:].split()[0]}" (check it)'
        )
    rest = text[end:]
    answer = None
    if m := (_ANSWER.search(rest) or _ANSWER_LOOSE.search(rest)):
        answer = _answer_text(rest, m)
        rest = rest[: m.start()]
        # The answer part repeats the minister's name and title before "ANTWOORD": cut them off.
        repeat = " ".join(addressee).split()
        pattern = r"\s*" + r"\s+".join(map(re.escape, repeat)) + r",?\s*$"
        if cut := re.search(pattern, rest):
            rest = rest[: cut.start()]
    return Header(
        number=int(number.group(1)),
        author=author_name,
        date_text=date_text,
        minister=addressee[0],
        minister_title=addressee[1],
        body=rest,
        answer=answer,
        warnings=warnings,
    )


def _answer_text(rest: str, m: re.Match[str]) -> str:
    """The answer's text after its header line(s) ("… van GUY D'HAESELEER")."""
    if m.re is _ANSWER:
        _, end, _ = _caps_run(rest, m.end())
    else:
        end = rest.find("\n", m.end())
        end = len(rest) if end < 0 else end
    return rest[end:]


def _read_bulletin(chunk: Chunk, source: object) -> Header:
    src = str(source)
    m = BULLETIN.match(chunk.text)
    if not m:
        raise QuestionParseError(src, "no question line ('Vraag nr. 42 van 8 maart 2006 van …')")
    date_text = _date(m.group(2), source)
    words, end, gave_back = _caps_run(chunk.text, m.end())
    if not words:
        raise QuestionParseError(src, f"question nr. {m.group(1)}: no author in capitals")
    heading = (chunk.heading or "").replace(",", ", ").split()
    addressee = _split_addressee(heading) if heading else None
    if addressee is None:
        raise QuestionParseError(
            src,
            f"question nr. {m.group(1)}: no minister heading (name and title in capitals) above it",
        )
    warnings = []
    if gave_back:
        warnings.append(
            f"author: the line breaks are lost; the name was taken to end before "
            f'"{chunk.text[end:].split()[0]}" (check it)'
        )
    rest = chunk.text[end:]
    answer = None
    if a := _BULLETIN_ANSWER.search(rest):
        answer = rest[a.end() :]
        rest = rest[: a.start()]
    return Header(
        number=int(m.group(1)),
        author=" ".join(words),
        date_text=date_text,
        minister=" ".join(addressee[0].split()),
        minister_title=" ".join(addressee[1].split()).replace(" ,", ","),
        body=rest,
        answer=answer,
        warnings=warnings,
    )
