"""Read a written question as the Flemish Parliament publishes it.

`layout` reads the header of either published layout and splits files that hold several
questions; this module reads the rest: the question's title, its introduction and its numbered
sub-questions, and the joint-question line. The same code reads the text as typed, as a PDF
reader gives it, and with every line break flattened into a space: where the layout does not
settle something (where the title ends, an odd numbering), the reading is decided with evidence
and the question gets a warning naming the field.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from pqgen.dutch import parse_date
from pqgen.errors import QuestionParseError
from pqgen.question.layout import Chunk, read_header, split_questions
from pqgen.question.model import Addressee, Question, SubQuestion
from pqgen.question.pages import normalise
from pqgen.question.readers import TEXT_SUFFIXES, read_text

__all__ = [
    "TEXT_SUFFIXES",
    "ParsedChunk",
    "parse_question",
    "parse_question_file",
    "parse_questions",
    "read_text",
]

_JOINT_LINE = re.compile(r"\bDeze\s+vraag\s+werd\s+gesteld\s+aan\b(?:\s+de\s+ministers?)?")
# "Jan Jambon (142)": a minister's name and the number the question has for that minister.
_ADDRESSEE_NUMBER = re.compile(r"\s*(?:,|\ben\b|:)?\s*([A-ZÀ-Þ][\w'’.\-\s]*?)\s*\((\d+)\)")
# A sub-question's number: at a line start or after a sentence, "1. ", "1.Hoeveel" or "1) ".
_MARKER = re.compile(
    r"(?:^|(?<=[.?!:;)] ))(\d{1,2})[.)](?:\s+(?=\S)|(?=[A-ZÀ-Þ„“\"'‘]))", re.MULTILINE
)
_FIRST_MARKER = re.compile(r"(?<= )(1)[.)](?:\s+(?=[A-ZÀ-Þ])|(?=[A-ZÀ-Þ]))")
_SENTENCE_END = re.compile(r"[.?!:](?=\s|$)")
# Words that end no title ("Steun voor" + "Start-ups") and words that open a sentence.
_CONTINUES = frozenset(
    re.findall(
        r"\S+",
        "aan bij de der des door een en het in met na naar of om op over te tegen tot uit van "
        "voor vanaf zonder - – —",
    )
)
_OPENERS = frozenset(
    re.findall(
        r"\S+",
        "aangezien al alle als bij daarbij daarnaast dat de deze die dit door een eind er het "
        "hoewel in ik met momenteel na naar naast nu omdat onlangs ook op recent reeds sedert "
        "sinds tijdens tot uit van vanaf verleden volgens voor vorig vorige we wij zo zoals",
    )
)
_WARN_TITLE = (
    "title: no blank line between title and introduction; where the title ends was inferred"
)


@dataclass
class ParsedChunk:
    """One question of a file: the question, or why it could not be read."""

    number: int | None
    question: Question | None
    error: QuestionParseError | None


def parse_question_file(path: Path, number: int | None = None) -> Question:
    """Parse the published question in `path`; `number` picks one in a file that holds several."""
    return parse_question(read_text(path), source=path, number=number)


def parse_question(text: str, source: Path | str = "<text>", number: int | None = None) -> Question:
    """Parse the published text of a written question; raise naming the part that is missing."""
    text = normalise(text)
    chunks = split_questions(text)
    if not chunks:
        raise QuestionParseError(
            source, "no heading 'SCHRIFTELIJKE VRAAG' (nor 'Vraag nr. 42 van …' of a bulletin)"
        )
    if number is not None:
        chosen = [c for c in chunks if c.number == number]
        if not chosen:
            found = ", ".join(str(c.number) for c in chunks)
            raise QuestionParseError(
                source,
                f"no question nr. {number} here (found: {found})",
                hint=f"name one of those, as {source}#{chunks[0].number}",
            )
        return _parse_chunk(chosen[0], _vocabulary(text), source)
    if len(chunks) > 1:
        found = ", ".join(str(c.number) for c in chunks)
        raise QuestionParseError(
            source,
            f"the file holds {len(chunks)} questions (nr. {found})",
            hint=f"name one as {source}#{chunks[0].number}, or list them with pqgen parse --all",
        )
    return _parse_chunk(chunks[0], _vocabulary(text), source)


def parse_questions(text: str, source: Path | str = "<text>") -> list[ParsedChunk]:
    """Every question in a text (a bulletin, a PDF of questions and answers), each or its error."""
    text = normalise(text)
    vocabulary = _vocabulary(text)
    results = []
    for chunk in split_questions(text):
        try:
            question = _parse_chunk(chunk, vocabulary, source)
            results.append(ParsedChunk(chunk.number, question, None))
        except QuestionParseError as exc:
            results.append(ParsedChunk(chunk.number, None, exc))
    return results


def _parse_chunk(chunk: Chunk, vocabulary: set[str], source: Path | str) -> Question:
    header = read_header(chunk, source)
    warnings = list(header.warnings)
    body = header.body.strip()
    addressees: tuple[Addressee, ...] = ()
    if joint := _JOINT_LINE.search(body):
        found = []
        end = joint.end()
        for m in _ADDRESSEE_NUMBER.finditer(body, joint.end()):
            if m.start() != end:
                break
            found.append(Addressee(" ".join(m.group(1).split()), int(m.group(2))))
            end = m.end()
        if not found:
            raise QuestionParseError(
                source, "the line 'Deze vraag werd gesteld aan …' names no minister with a number"
            )
        addressees = tuple(found)
        end += len(re.match(r"\s*\.?", body[end:]).group())  # type: ignore[union-attr]
        body = (body[: joint.start()] + "\n\n" + body[end:]).strip()

    spans = _subquestion_spans(body, warnings)
    if spans:
        subquestions = tuple(
            SubQuestion(n, join_lines(body[start:end])) for n, _, start, end in spans
        )
        title, intro, guessed = _split_title(body[: spans[0][1]], vocabulary)
    elif chunk.heading is not None:
        # Bulletin questions were often asked in prose: one sub-question, from the paragraph
        # that asks (the first with a question mark) to the end.
        title, text, guessed = _split_title(body, vocabulary)
        paragraphs = text.split("\n\n")
        asks = next((i for i, p in enumerate(paragraphs) if "?" in p), 0)
        intro = "\n\n".join(paragraphs[:asks])
        subquestions = (SubQuestion(1, " ".join(paragraphs[asks:])),)
        warnings.append(
            "subquestions: none numbered; the question from its first paragraph that asks "
            "was read as sub-question 1"
        )
    else:
        raise QuestionParseError(source, "no numbered sub-questions ('1. …', '2. …')")
    if not title or not subquestions[0].text:
        raise QuestionParseError(source, "no title between the minister's title and the question")
    if guessed:
        warnings.append(_WARN_TITLE)
    date = parse_date(header.date_text)
    assert date is not None  # checked by the layout
    answer = _paragraphs(header.answer) if header.answer is not None else None
    return Question(
        number=header.number,
        author=header.author,
        date=date,
        minister=header.minister,
        minister_title=header.minister_title,
        title=title,
        intro=intro,
        subquestions=subquestions,
        joint=addressees,
        warnings=warnings,
        answer=answer or None,
    )


def _vocabulary(text: str) -> set[str]:
    """The words the text writes in lower case: a capitalised one of these at the start of a
    line opens a sentence ("Burgers"); one never written so is likely a name ("Lumency")."""
    words = (w.strip(".,;:?!()[]\"'“”‘’") for w in text.split())
    return {w for w in words if w[:1].islower()}


def join_lines(text: str) -> str:
    """One line of text; table rows (cells joined by " | ") keep their own lines. (Words broken
    at line ends were made whole by `pages.normalise`.)"""
    out = ""
    for line in (x.strip() for x in text.split("\n")):
        if not line:
            continue
        if not out:
            out = line
        elif " | " in line or " | " in out.rsplit("\n", 1)[-1]:
            out += "\n" + line
        else:
            out += " " + line
    return out


def _paragraphs(text: str) -> str:
    parts = (join_lines(p) for p in re.split(r"\n\s*\n", text.strip()))
    return "\n\n".join(p for p in parts if p)


def _subquestion_spans(text: str, warnings: list[str]) -> list[tuple[int, int, int, int]]:
    """(number, marker start, text start, text end) of each numbered sub-question.

    Numbers are taken in turn (1., 2., …), each at a line start or after a sentence, which keeps
    a stray "artikel 3." from starting a sub-question. A number that skips one or two (or, at a
    line start, repeats the last) is still taken, as published numbering is sometimes odd, with
    a warning; the sub-questions are then numbered as published if that rises, else 1, 2, 3.
    """
    markers = list(_MARKER.finditer(text))
    if not any(m.group(1) == "1" for m in markers):
        # A question without introduction, its line breaks lost: "… - Detail 1. Hoeveel …".
        first = _FIRST_MARKER.search(text)
        markers = sorted([*markers, *([first] if first else [])], key=lambda m: m.start())
    chosen: list[tuple[int, int, int]] = []
    for m in markers:
        n = int(m.group(1))
        expected = chosen[-1][0] + 1 if chosen else 1
        at_line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        odd = expected < n <= expected + 2 or (at_line_start and chosen and n == expected - 1)
        if n == expected or (odd and (chosen or n <= 3)):
            chosen.append((n, m.start(), m.end()))
    if not chosen:
        return []
    numbers = [n for n, _, _ in chosen]
    if numbers != list(range(1, len(numbers) + 1)):
        rising = all(a < b for a, b in itertools.pairwise(numbers))
        if not rising:
            chosen = [(i, s, e) for i, (_, s, e) in enumerate(chosen, start=1)]
        published = ", ".join(map(str, numbers))
        kept = "kept" if rising else f"numbered 1-{len(chosen)} here"
        warnings.append(f"subquestions: the published numbering is {published} ({kept})")
    ends = [start for _, start, _ in chosen[1:]] + [len(text)]
    return [(n, start, body, end) for (n, start, body), end in zip(chosen, ends, strict=True)]


def _looks_like_title(text: str) -> bool:
    """A published title is short and no sentence: "Subject - Detail"."""
    return len(text) <= 250 and not _SENTENCE_END.search(text.rstrip("?"))


def _split_title(text: str, vocabulary: set[str]) -> tuple[str, str, bool]:
    """(title, introduction, guessed) from the text before the first sub-question.

    A blank line after the title settles it. Otherwise the title ends at a word in capitals
    before the first sentence's end; each candidate is weighed: a line break before it (where
    the text has line breaks), a title that holds the " - " and ends in a word that can end it,
    and a next word that opens sentences or is written in lower case elsewhere in the text.
    """
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    if not paragraphs:
        return "", "", False
    first = join_lines(paragraphs[0])
    if len(paragraphs) > 1 and _looks_like_title(first):
        return first, _paragraphs("\n\n".join(paragraphs[1:])), False
    # Title and introduction in one paragraph: join its lines, noting where each line starts.
    lines = [x.strip() for x in paragraphs[0].split("\n") if x.strip()]
    flat, line_starts = "", {}  # where a line starts: the length of the line before it
    for previous, line in zip(["", *lines], lines, strict=False):
        flat += " " if flat else ""
        line_starts[len(flat)] = len(previous)
        flat += line
    rest = _paragraphs("\n\n".join(paragraphs[1:]))
    end = _SENTENCE_END.search(flat)
    limit = end.start() if end else len(flat)
    if not end and len(flat) <= 250:
        return flat, rest, False
    words = list(re.finditer(r"\S+", flat))
    longest = max(len(x) for x in lines)
    dash = re.search(r"\s[-–—]\s", flat[:limit])
    best: list[tuple[float, int]] = []
    for k, w in enumerate(words[1:], start=1):
        if w.start() > limit + 1:
            break
        word = w.group()
        if not (word[0].isupper() or word[0].isdigit() or word[0] in "„“\"'‘"):
            continue
        title = flat[: w.start()].strip()
        previous = words[k - 1].group().lower()
        score = -0.2 * k
        if len(lines) > 1 and w.start() not in line_starts:
            score -= 4
        elif len(lines) > 1:
            # A title's last line ends its paragraph, so it is seldom a full line.
            score += 4 + (0.5 if line_starts[w.start()] < 0.8 * longest else -0.5)
        if previous in _CONTINUES or previous.endswith((",", "-", "(")):
            score -= 6
        bare = word.strip("„“\"'‘,").lower()
        if bare in _OPENERS:
            score += 3
        elif bare in vocabulary:
            score += 2
        if dash and w.start() > dash.end():
            score += 2
            if k > 0 and words[k - 1].start() == dash.end():
                score -= 4  # the detail after the dash has at least one word
        if len(title) > 150:
            score -= 3
        best.append((score, w.start()))
    if not best:
        return flat, rest, True
    best.sort(reverse=True)
    cut = best[0][1]
    intro = flat[cut:].strip()
    return flat[:cut].strip(), f"{intro}\n\n{rest}" if rest else intro, True
