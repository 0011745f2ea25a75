"""Where pqgen finds its templates and queries.

The repository's top-level templates/ and queries/ are the built-in defaults. An installed wheel
carries them as pqgen/templates and pqgen/queries; a source checkout (an editable install, or
running from the repository) uses the top-level folders themselves. A user's own folder comes
first, so a file there of the same name replaces the built-in one.
"""

from __future__ import annotations

from pathlib import Path

from pqgen.errors import InputFileError

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
