"""General Dutch from libraries: tokens and lemmas (simplemma), function words (stopwords-iso).

Measured on the question corpus (tests/reading): simplemma's Dutch lemmas fold the plurals and
verb forms questions use ("oproepen" → "oproep", "ontvingen" → "ontvangen", "vrouwen" → "vrouw")
where spaCy's lookup lemmatizer (spacy-lookups-data) leaves most plurals as they are
("oproepen", "contacten", "vrouwen"), at a tenth of the size and with no dependencies.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import simplemma
import stopwordsiso

from pqgen.planning import lexicon

_WORDLIKE = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return bool(_WORDLIKE.search(self.text))

    @property
    def is_number(self) -> bool:
        return any(c.isdigit() for c in self.text)


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The word's Dutch lemma in lower case ("oproepen" → "oproep")."""
    lowered = word.lower()
    if not lowered.isalpha() and "-" not in lowered:
        return lowered
    return str(simplemma.lemmatize(lowered, lang="nl")).lower()


@functools.cache
def _stop_words() -> frozenset[str]:
    return frozenset(stopwordsiso.stopwords("nl")) - lexicon.MEANINGFUL


def is_function_word(token: Token) -> bool:
    """An article, pronoun, auxiliary or particle of general Dutch that changes nothing asked."""
    return token.lower in _stop_words() or token.lemma in _stop_words()


def tokenize(text: str) -> list[Token]:
    """The tokens of `text` with where they stand; a hyphenated word the lexicon does not know
    ("1700-nummer") is split at its hyphens, so that each piece is read."""
    tokens: list[Token] = []
    pos = 0
    for piece in simplemma.simple_tokenizer(text):
        start = text.find(piece, pos)
        if start < 0:  # the tokenizer changed the text: keep the rest as one token
            continue
        pos = start + len(piece)
        if "-" in piece.strip("-") and not _known_compound(piece):
            offset = start
            for part in piece.split("-"):
                if part:
                    tokens.append(Token(part, lemma(part), offset, offset + len(part)))
                offset += len(part) + 1
            continue
        tokens.append(Token(piece, lemma(piece), start, pos))
    return tokens


def _known_compound(word: str) -> bool:
    lowered = word.lower()
    return lowered in lexicon.OBJECTS or lemma(lowered) in lexicon.OBJECTS
