"""Service-level fixtures: a real sandbox marketplace on a free loopback port, and a fresh cache.

They are defined once in :mod:`tests.sandbox_fixtures` (and ``pg_url``, a PostgreSQL database of the
test's own, in :mod:`tests.support.postgres`) (the view tests use them too); importing
them here is what makes pytest offer them to the tests below this folder.
"""

from __future__ import annotations

from tests.sandbox_fixtures import cache, own_sandbox, sandbox
from tests.support.postgres import pg_url

__all__ = ["cache", "own_sandbox", "pg_url", "sandbox"]
