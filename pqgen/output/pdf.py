"""PDF copies of drafts, made by LibreOffice in headless mode."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pqgen.errors import PdfError
from pqgen.files import atomic_write

INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
    "elsewhere: https://www.libreoffice.org/download), or leave out --pdf"
)
TIMEOUT_SECONDS = 180


def find_libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path) -> Path:
    """Write the PDF of `docx` beside it (same name, .pdf), replacing an older one only when
    the new one is complete."""
    program = find_libreoffice()
    if program is None:
        raise PdfError(
            f"{docx} was written, but not its PDF: LibreOffice is not installed", hint=INSTALL_HINT
        )
    target = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="pqgen-pdf-") as work:
        # A profile of its own, so that a LibreOffice the user has open does not get in the way.
        profile = Path(work, "profile").as_uri()
        command = [
            program, "--headless", "--norestore", f"-env:UserInstallation={profile}",
            "--convert-to", "pdf", "--outdir", work, str(docx),
        ]  # fmt: skip
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise PdfError(
                f"{docx} was written, but LibreOffice took over {TIMEOUT_SECONDS} s on its PDF"
            ) from None
        made = Path(work, docx.stem + ".pdf")
        if done.returncode != 0 or not made.exists():
            said = (done.stderr or done.stdout or "").strip().splitlines()
            reason = said[-1] if said else f"exit code {done.returncode}"
            raise PdfError(f"{docx} was written, but LibreOffice could not make its PDF ({reason})")
        atomic_write(target, lambda temporary: shutil.copyfile(made, temporary))
    return target
