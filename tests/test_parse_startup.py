"""`pqgen parse` starts fast: it imports neither pandas nor SQLAlchemy (nor the later stages)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES

HEAVY = ("pandas", "sqlalchemy", "duckdb", "numpy", "matplotlib", "pqgen.figures", "pqgen.compose")


@pytest.mark.slow
def test_parse_imports_nothing_heavy() -> None:
    command = [sys.executable, "-X", "importtime", "-m", "pqgen", "parse"]
    result = subprocess.run(
        [*command, str(EXAMPLES / "vraag-639.txt")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert "number: 639" in result.stdout
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert not [m for m in imported if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]
