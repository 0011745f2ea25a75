"""Shared fixtures: the reference question, the demo database (built once) and the workspace."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import pytest

from pqgen.figures import demo as demo
from pqgen.figures.sources import DatabaseSource
from pqgen.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
# Parameters under which the built-in queries give the figures of question 639.
PARAMS_639 = {
    "department": demo.WSE,
    "period_start": dt.date(2014, 1, 1),
    "period_end": dt.date(2016, 12, 31),
    "excluded_topics": ["dienstencheques"],
    "reference_date": dt.date(2017, 6, 8),
    "line": "1700",
}
EXAMPLES = REPO / "examples"
# The published question with its answer, shared beside the repository (CI always has it).
PUBLISHED_639 = REPO.parent / "shared" / "examples" / "vraag-639.txt"


@pytest.fixture(scope="session")
def published_639() -> str:
    if not PUBLISHED_639.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{PUBLISHED_639} is missing; CI must have shared/ beside the clone")
        pytest.skip(f"{PUBLISHED_639} is not here (it is in CI)")
    return PUBLISHED_639.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database at its default size, which reproduces the figures of question 639."""
    path = tmp_path_factory.mktemp("db") / "demo.duckdb"
    demo.write_duckdb(path, demo.demo_tables())
    return path


@pytest.fixture
def workspace() -> Workspace:
    return Workspace.from_options()


@pytest.fixture
def source(demo_db: Path, workspace: Workspace):
    figures = DatabaseSource(str(demo_db), workspace.query_dirs)
    yield figures
    figures.close()


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice for converting documents to PDF; tests that need it skip without it."""
    import shutil

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing in CI; .ci/run installs it")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return found


def to_pdf(soffice: str, document: Path, folder: Path) -> Path:
    import subprocess

    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{folder}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(folder), str(document)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return folder / (document.stem + ".pdf")


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The demo database on a real PostgreSQL server (see scripts/postgres-test-server).

    Locally the tests that need it skip when PQGEN_TEST_POSTGRES_URL is not set; in CI (CI=true)
    a missing server is a failure, so the PostgreSQL tests can never silently not run there.
    """
    import sqlalchemy as sa

    url = os.environ.get("PQGEN_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("PQGEN_TEST_POSTGRES_URL is not set in CI; .ci/run starts the server")
        pytest.skip('no PostgreSQL server: eval "$(scripts/postgres-test-server start)"')
    from pqgen.figures import databases as db

    engine = sa.create_engine(db.to_url(url))
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("contacts"):
                pytest.fail(f"the demo tables are missing: run pqgen demo --db {url}")
    finally:
        engine.dispose()
    return url


# issue 13: hypothesis keeps nothing in the repository (tests write only in temporary folders).
import tempfile  # noqa: E402

from hypothesis import settings as _hypothesis_settings  # noqa: E402
from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="pqgen-hypothesis-"))
_hypothesis_settings.register_profile("pqgen", database=None)
_hypothesis_settings.load_profile("pqgen")


@pytest.fixture(scope="session")
def export_folder(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo tables exported once per run, one file per table: Parquet for contacts, CSV
    for the rest."""
    folder = tmp_path_factory.mktemp("exports")
    with duckdb.connect(str(demo_db), read_only=True) as con:
        for (table,) in con.execute("SHOW TABLES").fetchall():
            kind = "parquet" if table == "contacts" else "csv"
            fmt = "(FORMAT parquet)" if kind == "parquet" else "(FORMAT csv, HEADER)"
            con.execute(f"COPY {table} TO '{folder / f'{table}.{kind}'}' {fmt}")
    return folder
