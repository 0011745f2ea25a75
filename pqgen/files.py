"""Writing output files so that no half-written file is ever left behind, and nothing a user
did not ask to replace is overwritten.

Each file is written to a temporary file in the same folder (or in a scratch folder inside it,
see `scratch_folder`) and then renamed over the target: the target is either what it was before
or the complete new file, even if pqgen is killed. A target that exists keeps its mode; a
read-only one is refused, and so is an output that is one of the command's own inputs
(`refuse_inputs`). Any OS error (no permission, read-only file system, disk full) is an
`OutputError` naming the path.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pqgen.errors import BatchRunning, OutputError


def check_writable(path: Path) -> None:
    """Refuse a target that exists but is read-only (say chmod 0444): the user protected it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OutputError(
            path, "its folder cannot be made (a file of that name is in the way)"
        ) from None
    except OSError as exc:
        raise OutputError(path, f"cannot be checked ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(path, "is a folder", hint="give a file name")
    # No write bit at all is the user's "keep this" even for root, who may write anything.
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise OutputError(
            path,
            f"is read-only (mode {stat.S_IMODE(info.st_mode):04o}); left as it is",
            hint="make it writable, or choose another name",
        )


SCRATCH_PREFIX = ".pqgen-scratch-"  # a scratch folder's name: this, then its process id
_SCRATCH: contextvars.ContextVar[Path | None] = contextvars.ContextVar("scratch", default=None)


@contextlib.contextmanager
def scratch_folder(folder: Path) -> Iterator[Path | None]:
    """Within: atomic writes into `folder` make their temporary files in a folder of this
    process's own inside it (made here, removed by `remove_partial_files`), not beside the
    target. Processes that write many files into one folder at once then contend for it only
    when they rename (a batch of 1,000 answers on two workers: about 4% faster). Where it cannot
    be made (a full disk), files are written beside their target, which reports the error."""
    scratch = folder / f"{SCRATCH_PREFIX}{os.getpid()}"
    try:
        scratch.mkdir(exist_ok=True)
    except OSError:
        yield None
        return
    if not _own_folder(scratch):  # a symbolic link or a file in its place: not ours
        yield None
        return
    token = _SCRATCH.set(scratch)
    try:
        yield scratch
    finally:
        _SCRATCH.reset(token)


def remove_partial_files(folder: Path) -> None:
    """The temporary files and scratch folders a killed run left in `folder` (complete files
    are never temporary). A symbolic link is never followed: nothing outside `folder` is
    touched."""
    for leftover in folder.glob(".*.partial"):
        if not leftover.is_dir():
            leftover.unlink(missing_ok=True)
    for scratch in folder.glob(f"{SCRATCH_PREFIX}*"):
        if not _own_folder(scratch):
            continue
        for leftover in scratch.glob(".*.partial"):
            if not leftover.is_symlink() and not leftover.is_dir():
                leftover.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # not empty: not ours to remove
            scratch.rmdir()


def _own_folder(path: Path) -> bool:
    """Whether `path` is a folder itself, not a symbolic link to one."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def atomic_write(path: Path, write: Callable[[str], object]) -> None:
    """Call `write(temporary_path)`, then move the result to `path` in one step."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)  # `-o out/x.docx` in a fresh clone
    except OSError as exc:
        raise OutputError(path, f"its folder cannot be made ({_reason(exc)})") from None
    check_writable(path)
    try:
        mode, kept = stat.S_IMODE(path.stat().st_mode), "left as it was"
    except OSError:
        mode, kept = _new_file_mode(), "nothing written"
    try:
        scratch = _SCRATCH.get()
        where = scratch if scratch is not None and scratch.parent == folder else folder
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=where)
    except OSError as exc:
        raise OutputError(path, f"the folder cannot be written to ({_reason(exc)})") from None
    os.close(fd)
    try:
        write(temporary)
        # mkstemp makes the file private (0600); give it the mode the target had, or the
        # mode a new file would have had.
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except PermissionError:
        raise OutputError(
            path,
            "cannot be written (permission denied)",
            hint="close it if it is open in Word, or choose another name",
        ) from None
    except IsADirectoryError:
        raise OutputError(path, "is a folder", hint="give a file name") from None
    except OSError as exc:
        raise OutputError(path, f"cannot be written ({_reason(exc)}); {kept}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EROFS:
        return "read-only file system"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or type(exc).__name__


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_text_atomically(path: Path, text: str) -> None:
    atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def refuse_inputs(
    outputs: Iterable[Path | None],
    inputs: Iterable[tuple[str, Path | str | None]],
) -> None:
    """Refuse to write any of `outputs` over one of the command's `inputs` ((what, path) pairs:
    the question, --db, --figures, the templates folder, …): nothing the user reads from is
    overwritten by accident. An existing file inside an input folder counts as an input."""
    named = [(what, Path(p)) for what, p in inputs if p is not None and "://" not in str(p)]
    for output in outputs:
        if output is None:
            continue
        for what, given in named:
            inside = (
                given.is_dir() and output.exists() and given.resolve() in output.resolve().parents
            )
            if _same(output, given) or inside:
                raise OutputError(
                    output,
                    f"is {what} ({given}); pqgen does not write over its own input",
                    hint="choose another output name with -o",
                )


def check_suffix(output: Path, allowed: tuple[str, ...], what: str) -> None:
    """Refuse an output name whose suffix does not say what is written into it."""
    if output.suffix.lower() not in allowed:
        raise OutputError(
            output,
            f"{what} is written as {' or '.join(a or 'a folder' for a in allowed)}, "
            f"not '{output.suffix or '(none)'}'",
            hint=f"name it {output.stem or 'answer'}{allowed[0]}",
        )


LOCK_NAME = ".pqgen-batch.lock"


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's lock file while a batch drafts into it; a second batch on the same
    folder is refused (`BatchRunning`) with the holder the file names. The operating system
    drops the lock when the batch ends, however it ends, so a killed batch never leaves it
    stuck."""
    import fcntl
    import socket

    path = folder / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(path, f"cannot be made ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 300, 0).decode("utf-8", "replace").strip()
            raise BatchRunning(
                folder,
                f"another batch is drafting into this folder ({holder or 'holder unknown'})",
                hint="wait until it has finished, or give another --out",
            ) from None
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        holder = f"pid {os.getpid()} on {socket.gethostname()}, started {started}\n"
        os.ftruncate(fd, 0)
        os.pwrite(fd, holder.encode("utf-8"), 0)
        yield
    finally:
        os.close(fd)
