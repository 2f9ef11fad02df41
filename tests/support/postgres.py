"""A PostgreSQL database of the test's own, for team-cache tests.

``SELLER_CONSOLE_TEST_PG_URL`` names a server where the test user may create databases
(``postgresql+psycopg://user:password@127.0.0.1/postgres``); each test gets a database of its own
and drops it. ``.ci/run`` installs and starts PostgreSQL and sets the URL (with
``SELLER_CONSOLE_REQUIRE_PG=1``, so that a missing server fails CI instead of skipping). On a
developer machine without PostgreSQL the tests are skipped, saying why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL_ENV = "SELLER_CONSOLE_TEST_PG_URL"


def admin_url() -> str:
    """The server's URL, or skip (fail when the run requires PostgreSQL)."""
    url = os.environ.get(PG_URL_ENV)
    if not url:
        if os.environ.get("SELLER_CONSOLE_REQUIRE_PG") == "1":
            pytest.fail(f"{PG_URL_ENV} is not set, and this run requires PostgreSQL")
        pytest.skip(f"no PostgreSQL server: set {PG_URL_ENV} (.ci/run does)")
    return url


@contextmanager
def scratch_database(admin: str, prefix: str = "seller_console_test") -> Iterator[str]:
    """A new, empty database on the server (its URL, password included); dropped on leaving."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a database of the test's own (see the module docstring)."""
    with scratch_database(admin_url()) as url:
        yield url
