"""Fixtures of the drills: the sandbox, a fresh cache and a PostgreSQL database of the test's own
(defined once in :mod:`tests.sandbox_fixtures` and :mod:`tests.support.postgres`)."""

from __future__ import annotations

from tests.sandbox_fixtures import cache, own_sandbox
from tests.support.postgres import pg_url

__all__ = ["cache", "own_sandbox", "pg_url"]
