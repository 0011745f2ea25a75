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
minister's title. `normalise` first removes what a page adds (running headers, page numbers,
footnotes at the foot of a page) and what typesetting adds (non-breaking spaces, soft hyphens).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pqgen.dutch import parse_date
from pqgen.errors import QuestionParseError

_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_WORD = re.compile(r"\S+")
_DATE_TEXT = r"\d{1,2}\s+[A-Za-zé]+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"

HEADING = re.compile(r"SCHRIFTELIJKE\s+VRAAG\b")
BULLETIN = re.compile(rf"\bVraag\s+nr\.?\s*(\d+)\s+van\s+({_DATE_TEXT})\s+van\s+")
_NUMBER = re.compile(r"\bnr\.?\s*(\d+)")
_AUTHOR = re.compile(r"\bvan\s+(.+?)\s+datum\b", re.DOTALL)
_DATE = re.compile(rf"\bdatum\s*:?\s*({_DATE_TEXT})")
_AAN = re.compile(r"\s*(aan\b)?\s*")
_TITLE_WORD = re.compile(r"^(?:VICE-?)?(?:EERSTE-?)?MINISTER(?:-PRESIDENT)?\b")
_ANSWER = re.compile(rf"\bANTWOORD\s+op\s+vraag\s+nr\.?\s*\d+\s+van\s+(?:{_DATE_TEXT})\s+van\s+")
_ANSWER_LOOSE = re.compile(r"\bANTWOORD\s+op\s+vraag\b")
_BULLETIN_ANSWER = re.compile(r"^Antwoord\s*$|(?<=[.?!]\s)Antwoord(?=\s+[A-Z0-9])", re.MULTILINE)
_DASH = frozenset("-–—")

# Lines a page adds: running headers of the bulletins and of the Parliament's PDFs, page numbers.
_FURNITURE = re.compile(
    r"^(?:\d{1,4}\s+)?Vlaams\s+Parlement(?:\s*[-–—|,•:].{0,80})?$"
    r"|^.{0,60}\bVragen\s+en\s+Antwoorden\b.{0,60}$"
    rf"|^(?:Nr|nr)\.\s*\d+\s*[-–—]\s*(?:{_DATE_TEXT})(?:\s+\d{{1,4}})?$"
    rf"|^(?:{_DATE_TEXT})\s*[-–—]\s*(?:Nr|nr)\.\s*\d+$"
    r"|^(?:pagina|blz\.?|p\.)\s*\d+(?:\s*(?:van|/)\s*\d+)?$|^\d+\s*/\s*\d+$",
    re.IGNORECASE,
)
# The bulletin's running header inside a line, where the line breaks are lost.
_BULLETIN_HEADER = re.compile(
    r"(?:\b\d{1,4}\s+)?(?:Vlaams\s+Parlement\s*[-–—]\s*)?Vragen\s+en\s+Antwoorden"
    rf"(?:\s*[-–—]?\s*(?:nr\.\s*\d+\s*[-–—]\s*(?:{_DATE_TEXT})|(?:{_DATE_TEXT})\s*[-–—]\s*nr\.\s*\d+))?"
    r"(?:\s+\d{1,4}\b)?"
)
_MONTH_END = re.compile(
    r"\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december)$"
)
_PAGE_NUMBER = re.compile(r"^[-–—]?\s*\d{1,4}\s*[-–—]?$")
_PAGE_BREAK = "\ue000"  # a page break, as a line of its own (a form feed is white space)
# A footnote marker: digits glued to the end of a word or after its punctuation ("Statbel1").
_MARKER = re.compile(r"(?<=[a-zß-ÿ)\]”’\".,;:?!])(\d{1,2})(?=[\s.,;:?!)]|$)")
_FOOTNOTE = re.compile(r"^(\d{1,2}) (\S.*)$")


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


def normalise(text: str) -> str:
    """Tidy the text, keep its lines; drop page furniture and lift footnotes into the text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"\n?\f\n?", f"\n{_PAGE_BREAK}\n", text)  # a page break on a line of its own
    text = re.sub(r"\u00ad\s+", "", text)  # a soft hyphen at a line end joins the word
    text = text.translate(
        {0xAD: None, 0x200B: None, 0x2060: None, 0xFEFF: None}
        | {c: " " for c in (0xA0, 0x2007, 0x202F, 0x2009, 0x200A)}
    )
    lines = []
    for raw in text.split("\n"):
        cells = [c.strip() for c in re.split(r"\t|(?<!\S)\|(?!\S)", raw)]
        cells = [" ".join(c.split()) for c in cells if c.strip()]
        lines.append(" | ".join(cells) if len(cells) > 1 else " ".join(raw.split()))
    lines = [_BULLETIN_HEADER.sub(" ", line).strip() for line in _drop_furniture(lines)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _drop_furniture(lines: list[str]) -> list[str]:
    furniture = [bool(_FURNITURE.match(line)) or line == _PAGE_BREAK for line in lines]
    content = [i for i, line in enumerate(lines) if line]
    for k, i in enumerate(content):
        text_before = [lines[j] for j in content[:k] if not furniture[j]]
        date_goes_on = (  # "datum: 14 maart" / "2025"
            re.fullmatch(r"(?:19|20)\d\d", lines[i]) and text_before
            and _MONTH_END.search(text_before[-1])
        )  # fmt: skip
        if _PAGE_NUMBER.match(lines[i]) and not date_goes_on:
            near = content[max(0, k - 1) : k + 2]
            if k in (0, len(content) - 1) or any(furniture[j] for j in near if j != i):
                furniture[i] = True
    lines = _lift_footnotes(lines, furniture)
    # Where a sentence runs on over the page's furniture ("zonder dat hun" / header /
    # "personeelsformatie …"), the blank lines around the furniture are no paragraph break.
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not furniture[i]:
            out.append(lines[i])
            i += 1
            continue
        blank = bool(out) and not out[-1]
        while i < len(lines) and (furniture[i] or not lines[i]):
            blank = blank or not lines[i]
            i += 1
        if i < len(lines) and _LOWER.match(lines[i]):
            while out and not out[-1]:
                out.pop()
        elif blank and out and out[-1]:
            out.append("")
    return _mend_broken_words(out)


def _mend_broken_words(lines: list[str]) -> list[str]:
    """Join a word a line end broke ("informatie-" + "aanvragen"): without the hyphen when both
    sides are in lower case, unless the text writes the word with a hyphen elsewhere."""
    written = {w.strip(".,;:?!()[]\"'“”‘’").lower() for line in lines for w in line.split()}
    for i in range(len(lines) - 1):
        line, after = lines[i], lines[i + 1]
        if not re.search(r"\w-$", line) or not re.match(r"[a-zß-ÿ]", after):
            continue
        head = line.rsplit(None, 1)[-1]
        tail, _, rest = after.partition(" ")
        whole = (head + tail).strip(".,;:?!()[]\"'“”‘’").lower()
        if head[-2].islower() and whole not in written:
            head = head[:-1]
        lines[i] = line[: len(line) - len(line.rsplit(None, 1)[-1])] + head + tail
        lines[i + 1] = rest or "\0"  # a line the word emptied is no blank line: drop it below
    return [line for line in lines if line != "\0"]


def _lift_footnotes(lines: list[str], furniture: list[bool]) -> list[str]:
    """Put each footnote in brackets where its marker is; its own line goes with the furniture.

    A footnote is a line "1 text" at the foot of a page (followed by a blank line, the page's
    furniture, another footnote or the end), whose number was seen glued to a word before it
    ("Statbel1").
    """
    notes: dict[int, tuple[int, str]] = {}
    marked: set[int] = set()  # the marker numbers seen so far
    for i, line in enumerate(lines):
        m = _FOOTNOTE.match(line)
        after = lines[i + 1] if i + 1 < len(lines) else ""
        at_foot = not after or furniture[i + 1] or bool(_FOOTNOTE.match(after))
        if m and not furniture[i] and at_foot and int(m.group(1)) in marked - notes.keys():
            notes[int(m.group(1))] = (i, m.group(2))
        else:
            marked.update(int(k) for k in _MARKER.findall(line))
    if not notes:
        return lines
    for i, _ in notes.values():
        furniture[i] = True  # dropped with the page's furniture

    def lift(m: re.Match[str]) -> str:
        note = notes.get(int(m.group(1)))
        return f" [{note[1]}]" if note else m.group()

    return [_MARKER.sub(lift, line) for line in lines]


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
        while lines and lines[-1] and not _LOWER.search(lines[-1]):
            taken.insert(0, lines.pop())
        heading = " ".join(taken)
    else:  # no line breaks: the words in capitals before "Vraag", after the last sentence
        words = before.split()
        taken = []
        while words and not _LOWER.search(words[-1]) and not words[-1].endswith((".", "?")):
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
    author = _AUTHOR.search(text, number.end())
    if not author:
        raise QuestionParseError(src, "no author line ('van NAAM') followed by 'datum:'")
    date = _DATE.search(text, author.end(1))
    if not date:
        raise QuestionParseError(src, "no readable date ('datum: 8 juni 2017')")
    date_text = _date(date.group(1), source)
    aan = _AAN.match(text, date.end())
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
        author=" ".join(author.group(1).split()),
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
