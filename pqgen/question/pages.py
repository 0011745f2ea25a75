"""What pages and typesetting add to a question's text, taken away; its lines are kept.

Running headers and footers, page numbers and page breaks go; a footnote at the foot of a page
goes in brackets where its marker was ("Statbel1" -> "Statbel [https://…]"); non-breaking
spaces become spaces, soft hyphens and zero-width characters go; a word broken at a line end is
made whole; a table row (cells split by tabs or " | ") keeps its cells, joined by " | ".
"""

from __future__ import annotations

import re

_LOWER = re.compile(r"[a-zß-öø-ÿ]")
DATE_TEXT = r"\d{1,2}\s+[A-Za-zé]+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"

# Lines a page adds: running headers of the bulletins and of the Parliament's PDFs, page numbers.
_FURNITURE = re.compile(
    r"^(?:\d{1,4}\s+)?Vlaams\s+Parlement(?:\s*[-–—|,•:].{0,80})?$"
    r"|^.{0,60}\bVragen\s+en\s+Antwoorden\b.{0,60}$"
    rf"|^(?:Nr|nr)\.\s*\d+\s*[-–—]\s*(?:{DATE_TEXT})(?:\s+\d{{1,4}})?$"
    rf"|^(?:{DATE_TEXT})\s*[-–—]\s*(?:Nr|nr)\.\s*\d+$"
    r"|^(?:pagina|blz\.?|p\.)\s*\d+(?:\s*(?:van|/)\s*\d+)?$|^\d+\s*/\s*\d+$",
    re.IGNORECASE,
)
# The bulletin's running header inside a line, where the line breaks are lost.
_BULLETIN_HEADER = re.compile(
    r"(?:\b\d{1,4}\s+)?(?:Vlaams\s+Parlement\s*[-–—]\s*)?Vragen\s+en\s+Antwoorden"
    rf"(?:\s*[-–—]?\s*(?:nr\.\s*\d+\s*[-–—]\s*(?:{DATE_TEXT})|(?:{DATE_TEXT})\s*[-–—]\s*nr\.\s*\d+))?"
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
    sides are in lower case, unless the text writes the word with a hyphen elsewhere; "Oost-" +
    "Vlaanderen" and "1700-" + "nummer" keep it. A dash after a space (" -") is no break."""
    written = {w.strip(".,;:?!()[]\"'“”‘’").lower() for line in lines for w in line.split()}
    for i in range(len(lines) - 1):
        line, after = lines[i], lines[i + 1]
        if not re.search(r"\w-$", line) or not re.match(r"\w", after):
            continue
        head = line.rsplit(None, 1)[-1]
        tail, _, rest = after.partition(" ")
        whole = (head + tail).strip(".,;:?!()[]\"'“”‘’").lower()
        if head[-2].islower() and tail[:1].islower() and whole not in written:
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
