"""Read a written question as the Flemish Parliament publishes it.

The published layout is a sequence of header lines ("SCHRIFTELIJKE VRAAG", "nr. 639",
"van GUY D'HAESELEER", "datum: 8 juni 2017", "aan PHILIPPE MUYTERS", the minister's title in
capitals), the question's title, an introduction and numbered sub-questions; a published file may
go on with the minister's answer. The patterns below match across line breaks, so the same code
reads the text as typed and as PDF text extraction gives it, with every line break flattened into
a space. Where the line breaks survive they settle the one thing the words alone cannot: where the
question's title ends and the introduction begins.
"""

from __future__ import annotations

import re
from pathlib import Path

from pqgen.dutch import parse_date
from pqgen.errors import InputFileError, QuestionParseError
from pqgen.question.model import Addressee, Question, SubQuestion

TEXT_SUFFIXES = (".txt", ".docx", ".pdf")

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME = rf"[{_UPPER}][{_UPPER}'’.\- ]*?"

_HEADING = re.compile(r"SCHRIFTELIJKE\s+VRAAG\b")
_NUMBER = re.compile(r"\bnr\.?\s*(\d+)")
_AUTHOR = re.compile(r"\bvan\s+(.{1,200}?)\s+datum\b", re.DOTALL)  # bounded: linear time
_DATE = re.compile(r"\bdatum\s*:?\s*(\d{1,2}\s+[A-Za-zé]+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})")
_ADDRESSEE = re.compile(
    rf"\baan\s+(?P<minister>{_NAME})\s+"
    rf"(?P<title>(?:VLAAMSE?\s+)?(?:VICE-?)?MINISTER(?:-PRESIDENT)?\b"
    # The title runs to the end of its line or, in flattened text, up to the first word in
    # lower case (the question's title is never all capitals).
    rf"[^\n]*?)(?=[ \t]*\n|\s+[^\s]*[a-zà-ÿ])"
)
_ANSWER_PART = re.compile(r"\bANTWOORD\s+op\s+vraag\b")
_JOINT_LINE = re.compile(r"\bDeze\s+vraag\s+werd\s+gesteld\s+aan\b(?:\s+de\s+ministers?)?")
# "Jan Jambon (142)": a minister's name and the number the question has for that minister.
_ADDRESSEE_NUMBER = re.compile(r"(?:,|\ben\b|:)?\s*([A-ZÀ-Þ][\w'’.\- ]*?)\s*\((\d+)\)")


def read_text(path: Path) -> str:
    """The text of a published question in a .txt, .docx or .pdf file."""
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a folder, not a question file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".txt":
            raw = path.read_bytes()
            try:
                return raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                # Files saved from Word on Windows are often in the Windows code page.
                return raw.decode("cp1252", errors="replace")
        if suffix == ".docx":
            import docx

            return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        if suffix == ".pdf":
            from pypdf import PdfReader

            return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    except (OSError, ValueError, KeyError) as exc:
        raise InputFileError(path, f"cannot be read ({exc})") from None
    except Exception as exc:  # python-docx and pypdf raise their own kinds for a broken file
        raise InputFileError(path, f"cannot be read as {suffix} ({exc})") from None
    raise InputFileError(
        path,
        f"unknown kind of file '{suffix}'",
        hint="give the question as .txt, .docx or .pdf as published, or as .yaml/.json",
    )


def parse_question_file(path: Path) -> Question:
    """Parse the published question in `path` (.txt, .docx or .pdf)."""
    return parse_question(read_text(path), source=path)


def _normalise(text: str) -> str:
    """Tidy white space but keep the line structure: single newlines, blank lines as two."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _flatten(text: str) -> str:
    """One line of text: a word broken at a line end ("eerstelijns-\ninformatie") stays whole."""
    text = re.sub(r"(?<=\w-)\n(?=[a-zà-ÿ])", "", text)
    return re.sub(r"\s+", " ", text).strip()


def parse_question(text: str, source: Path | str = "<text>") -> Question:
    """Parse the published text of a written question; raise naming the part that is missing."""
    text = _normalise(text)

    heading = _HEADING.search(text)
    if not heading:
        raise QuestionParseError(source, "no heading 'SCHRIFTELIJKE VRAAG'")
    body = text[heading.end() :]
    if answer := _ANSWER_PART.search(body):
        body = body[: answer.start()]

    number = _NUMBER.search(body)
    if not number:
        raise QuestionParseError(source, "no question number ('nr. 639') after the heading")
    author = _AUTHOR.search(body, number.end())
    if not author:
        raise QuestionParseError(source, "no author line ('van NAAM') followed by 'datum:'")
    date_match = _DATE.search(body, author.end(1))
    date = parse_date(date_match.group(1)) if date_match else None
    if date_match is None or date is None:
        raise QuestionParseError(source, "no readable date ('datum: 8 juni 2017')")
    addressee = _ADDRESSEE.search(body, date_match.end())
    if not addressee:
        raise QuestionParseError(
            source, "no addressee ('aan NAAM' followed by the minister's title in capitals)"
        )
    minister = _flatten(addressee.group("minister"))
    minister_title = _flatten(addressee.group("title"))

    rest = body[addressee.end() :].strip()
    # The answer part repeats the minister's name and title before "ANTWOORD": cut them off too.
    repeat = re.search(
        r"\s*" + r"\s+".join(map(re.escape, f"{minister} {minister_title}".split())) + r"\s*$",
        rest,
    )
    if repeat:
        rest = rest[: repeat.start()]
    addressees: tuple[Addressee, ...] = ()
    if joint := _JOINT_LINE.search(rest):
        addressees = tuple(
            Addressee(_flatten(m.group(1)), int(m.group(2)))
            for m in _ADDRESSEE_NUMBER.finditer(rest, joint.end())
        )
        if not addressees:
            raise QuestionParseError(
                source, "the line 'Deze vraag werd gesteld aan …' names no minister with a number"
            )
        rest = rest[: joint.start()]

    spans = _subquestion_spans(rest)
    if not spans:
        raise QuestionParseError(source, "no numbered sub-questions ('1. …', '2. …')")
    subquestions = tuple(SubQuestion(n, _flatten(rest[body:end])) for n, _, body, end in spans)
    title, intro = _split_title(rest[: spans[0][1]])
    if not title:
        raise QuestionParseError(source, "no title between the minister's title and the question")

    return Question(
        number=int(number.group(1)),
        author=_flatten(author.group(1)),
        date=date,
        minister=minister,
        minister_title=minister_title,
        title=title,
        intro=intro,
        subquestions=subquestions,
        joint=addressees,
    )


def _subquestion_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(number, marker start, text start, text end) of each numbered sub-question.

    The numbers are looked for in turn (1., then 2., …), each at the start of a line or after
    the end of a sentence, which keeps a stray "artikel 3." from starting a sub-question.
    """
    markers: list[tuple[int, int, int]] = []
    pos = 0
    while True:
        n = len(markers) + 1
        m = re.compile(rf"(?:^|(?<=[.?!:;)] )){n}[.)]\s+(?=\S)", re.MULTILINE).search(text, pos)
        if not m:
            break
        markers.append((n, m.start(), m.end()))
        pos = m.end()
    if not markers:
        return []
    ends = [start for _, start, _ in markers[1:]] + [len(text)]
    return [(n, start, body, end) for (n, start, body), end in zip(markers, ends, strict=True)]


def _split_title(text: str) -> tuple[str, str]:
    """Split the text before the first sub-question into the question's title and introduction."""
    text = text.strip()
    if "\n\n" in text:
        title, _, intro = text.partition("\n\n")
        paragraphs = [_flatten(p) for p in intro.split("\n\n") if p.strip()]
        return _flatten(title), "\n\n".join(paragraphs)
    flat = _flatten(text)
    # Flattened text: titles read "Subject - Detail". The detail ends before the first word
    # (after its own first word) that starts with a capital, which opens the introduction.
    dash = flat.rfind(" - ", 0, _first_sentence_end(flat))
    if dash >= 0:
        words = list(re.finditer(r"\S+", flat[dash + 3 :]))
        for word in words[1:]:
            if word.group()[0].isupper():
                cut = dash + 3 + word.start()
                return flat[:cut].strip(), flat[cut:].strip()
        return flat, ""
    end = _first_sentence_end(flat)
    return flat[:end].strip(), flat[end:].strip()


def _first_sentence_end(text: str) -> int:
    m = re.search(r"[.?!](?=\s|$)", text)
    return m.end() if m else len(text)
