"""The wheel carries the built-in templates and queries, so an installed pqgen finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from pqgen import workspace
from tests.conftest import REPO


def test_wheel_ships_templates_and_queries(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("pqgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (REPO / "templates").iterdir():
        assert f"pqgen/templates/{path.name}" in names
    for path in (REPO / "queries").glob("*.sql"):
        assert f"pqgen/queries/{path.name}" in names


def test_packaged_folder_is_preferred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "pqgen"
    (package / "templates").mkdir(parents=True)
    monkeypatch.setattr(workspace, "_PACKAGE", package)
    assert workspace.builtin_dir("templates") == package / "templates"
    assert workspace.builtin_dir("queries") == tmp_path / "queries"
