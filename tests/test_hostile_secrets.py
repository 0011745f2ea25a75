"""Credentials in database URLs never show: not in messages, provenance, comments or workbooks."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from pqgen.cli import cli
from pqgen.figures import databases as db
from tests.conftest import EXAMPLES

SECRET = "s3cr3t-Xy"


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://user:{SECRET}@dbhost/contacts",
        f"postgresql://user@dbhost/contacts?password={SECRET}",
        f"postgresql://user@dbhost/contacts?sslpassword={SECRET}&application_name=pqgen",
        f"postgresql://user@dbhost/contacts?token={SECRET}",
        f"postgresql://user:{SECRET}@x@dbhost/contacts",  # an unencoded '@' in the password
        f"postgresql://user:p@{SECRET}@dbhost/contacts",
    ],
)
def test_every_credential_is_masked(url: str) -> None:
    shown = db.describe(url)
    assert SECRET not in shown and "***" in shown
    assert "dbhost" in shown


def test_a_bare_at_sign_in_a_password_reaches_the_driver_whole() -> None:
    url = db.to_url(f"postgresql://user:a@{SECRET}@dbhost:5432/contacts")
    assert url.password == f"a@{SECRET}"
    assert url.host == "dbhost" and url.port == 5432


def test_unparsable_url_is_masked() -> None:
    with pytest.raises(db.DatabaseError) as info:
        db.to_url(f"postgresql://user:{SECRET}@dbhost:notaport/x?password={SECRET}")
    assert SECRET not in str(info.value)


def test_connection_error_shows_no_credential() -> None:
    url = f"postgresql://user:{SECRET}@127.0.0.1:1/contacts?sslpassword={SECRET}"
    result = CliRunner().invoke(cli, ["draft", str(EXAMPLES / "vraag-639.txt"), "--db", url])
    assert result.exit_code == 1
    assert SECRET not in result.output and "***" in result.output


def test_sqlite_url_creates_no_file(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    with pytest.raises(db.DatabaseError, match="no such database file"):
        db.connect(f"sqlite:///{missing}")
    assert not missing.exists()


def _texts(folder: Path) -> str:
    """Every file pqgen wrote, as text (the inside of .docx and .xlsx too)."""
    parts = []
    for path in folder.rglob("*"):
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as archive:
                parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
        elif path.is_file():
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(parts)


def test_password_in_query_string_never_written(postgres_url: str, tmp_path: Path) -> None:
    url = sa.make_url(postgres_url)
    password = url.password
    assert password
    plain = url.set(password=None).render_as_string(hide_password=False)
    with_query = f"{plain}?password={password}&sslmode=disable"
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    question = str(EXAMPLES / "vraag-639.txt")
    drafted = runner.invoke(
        cli, ["draft", question, "--db", with_query, "--annex", "-o", str(out / "a.docx")]
    )
    assert drafted.exit_code == 0, drafted.output
    pulled = runner.invoke(
        cli, ["figures", question, "--db", with_query, "-o", str(out / "cijfers.xlsx")]
    )
    assert pulled.exit_code == 0, pulled.output
    written = _texts(out)
    assert "***" in written
    assert password not in written
    assert password not in drafted.output + pulled.output
    provenance = json.loads((out / "a.provenance.json").read_text(encoding="utf-8"))
    assert all(password not in s["source"] for s in provenance["figure_sets"].values())
