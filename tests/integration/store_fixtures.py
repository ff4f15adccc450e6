"""The ``store_url`` fixture: every store test runs against SQLite and against a real PostgreSQL.

PostgreSQL runs when MARSAD_TEST_PG_URL is set (``scripts/ci-postgres.sh`` starts a server and
prints one); each test gets its own fresh database, dropped afterwards.  Import the fixture in a
test module with ``from tests.integration.store_fixtures import store_url  # noqa: F401``.
"""
from __future__ import annotations

import os
import uuid

import pytest

PG_URL = os.environ.get("MARSAD_TEST_PG_URL", "")


def _pg_database(base: str):
    import psycopg

    name = "marsad_t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    head, _, _ = base.rpartition("/")
    try:
        yield f"{head}/{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "marsad.db")
        return
    if not PG_URL:
        pytest.skip("PostgreSQL tests need MARSAD_TEST_PG_URL (start one with scripts/ci-postgres.sh)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed")
    yield from _pg_database(PG_URL)
