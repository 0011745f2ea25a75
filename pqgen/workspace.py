"""Where pqgen finds its templates and queries.

The repository's top-level templates/ and queries/ are the built-in defaults. An installed wheel
carries them as pqgen/templates and pqgen/queries; a source checkout (an editable install, or
running from the repository) uses the top-level folders themselves. A user's own folder comes
first, so a file there of the same name replaces the built-in one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pqgen.errors import InputFileError

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(kind: str) -> Path:
    """The built-in folder `kind` ("templates" or "queries"), packaged or in the checkout."""
    packaged = _PACKAGE / kind
    return packaged if packaged.is_dir() else _PACKAGE.parent / kind


def search_path(kind: str, user_dir: Path | None = None) -> list[Path]:
    """The folders to look in for `kind`, the user's own first."""
    dirs = []
    if user_dir is not None:
        if not user_dir.is_dir():
            raise InputFileError(user_dir, f"no such folder of {kind}")
        dirs.append(user_dir)
    dirs.append(builtin_dir(kind))
    return dirs


def find_file(name: str, dirs: list[Path]) -> Path | None:
    """The first `name` in `dirs`, or None."""
    for folder in dirs:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Workspace:
    """The folders a draft reads templates and queries from: the user's first, then built-ins.

    It keeps what every draft needs once read — the templates, the Jinja environment (which
    compiles each template once), the query files and the house-style document — so that a
    batch of a thousand drafts reads and parses them once per process. Each stage reads its own
    files through :meth:`cached` (`compose.templating.templates`, `figures.queries.query`,
    `output.docx.reference`), so this module knows nothing of templates, queries or Word.
    """

    template_dirs: list[Path]
    query_dirs: list[Path]
    # --no-builtin-templates: the built-in folder still gives the house style, shared macros and
    # the referral template, but none of its answer templates is matched to a sub-question.
    builtin_answer_templates: bool = True
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_options(
        cls,
        templates: Path | None = None,
        queries: Path | None = None,
        *,
        builtin_templates: bool = True,
        builtin_queries: bool = True,
    ) -> Workspace:
        """The folders for the command-line options; without the built-in queries (for a
        department with its own database) only `queries` is searched."""
        query_dirs = search_path("queries", queries)
        if not builtin_queries:
            query_dirs = [d for d in query_dirs if d != builtin_dir("queries")]
        return cls(search_path("templates", templates), query_dirs, builtin_templates)

    def answer_template_dirs(self) -> list[Path]:
        """The folders whose answer templates are matched to sub-questions."""
        if self.builtin_answer_templates:
            return self.template_dirs
        return [d for d in self.template_dirs if d != builtin_dir("templates")]

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes without what they read for themselves.
        return {
            "template_dirs": self.template_dirs,
            "query_dirs": self.query_dirs,
            "builtin_answer_templates": self.builtin_answer_templates,
            "_cache": {},
        }

    def cached(self, key: str, make: Callable[[], T]) -> T:
        """What `make()` returns, made once per workspace and process under `key`."""
        if key not in self._cache:
            self._cache[key] = make()
        value: T = self._cache[key]
        return value
