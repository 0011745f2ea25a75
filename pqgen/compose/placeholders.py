"""Placeholders: the visible marker for text only a person can write, or what they wrote.

A leaf: templates call it (`compose.templating`), answers are made of it (`compose.answer`).
"""

from __future__ import annotations

from pqgen import catalogue
from pqgen.question.model import SubQuestion


def placeholder(what: str) -> str:
    """The visible marker for text only a person can write: "[TE VERVOLLEDIGEN: …]"."""
    return catalogue.PLACEHOLDER.format(what=what)


def written_or_placeholder(subquestion: SubQuestion, what: str, key: str | None = None) -> str:
    """What a person wrote for this placeholder (in the question's YAML, under the sub-question's
    `texts:`, keyed by `key` or by the placeholder's own words), or the placeholder itself."""
    texts = subquestion.texts
    return (key and texts.get(key)) or texts.get(what) or placeholder(what)
