"""Writing output files so that no half-written file is ever left behind.

Each file is written to a temporary file in the same folder and then renamed over the target:
the target is either what it was before or the complete new file, even if pqgen is killed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from pqgen.errors import OutputError


def atomic_write(path: Path, write: Callable[[str], object]) -> None:
    """Call `write(temporary_path)`, then move the result to `path` in one step."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)  # `-o out/x.docx` in a fresh clone
    except OSError as exc:
        raise OutputError(path, f"its folder cannot be made ({exc.strerror})") from None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    except PermissionError:
        raise OutputError(path, "the folder cannot be written to (permission denied)") from None
    os.close(fd)
    try:
        write(temporary)
        # mkstemp makes the file private (0600); give it the mode a new file would have had.
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except PermissionError:
        raise OutputError(
            path,
            "cannot be written (permission denied)",
            hint="close it if it is open in Word, or choose another name",
        ) from None
    except IsADirectoryError:
        raise OutputError(path, "is a folder", hint="give a file name") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text_atomically(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
