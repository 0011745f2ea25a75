"""Settings of one draft: what the checks require and what the document contains."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MIN_COUNT = 5


@dataclass(frozen=True)
class DraftSettings:
    """How to draft.

    `min_count`: counts from 1 up to below this can identify people; they are flagged, or with
    `suppress_small` shown as "< 5". `final`: the document for Parliament: no placeholders may be
    left, no check may fail, and it carries no draft marking and no comments. `comments`: a Word
    comment with the source on every figure. `annex`: the figures go into bijlage 1 as well.
    """

    min_count: int = DEFAULT_MIN_COUNT
    suppress_small: bool = False
    final: bool = False
    comments: bool = True
    annex: bool = False

    @property
    def with_comments(self) -> bool:
        return self.comments and not self.final
