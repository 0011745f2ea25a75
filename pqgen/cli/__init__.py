"""The pqgen command line: parses options, calls the core, turns its errors into messages.

Every user error is a PqgenError from the core and is shown on stderr as one line (a line per
problem where a figure file or a final document has several), with exit code 1 (2 for wrong
usage, as click does). The core never imports click.
"""

from __future__ import annotations

# Importing the command modules registers their commands on the group.
from pqgen.cli import batch, drafting, figures, question, scaffold  # noqa: F401
from pqgen.cli.common import cli

__all__ = ["cli", "main"]


def main() -> None:
    cli(prog_name="pqgen")
