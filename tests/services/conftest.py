"""Service-level fixtures: a real sandbox marketplace on a free loopback port, and a fresh cache.

They are defined once in :mod:`tests.sandbox_fixtures` (the view tests use them too); importing
them here is what makes pytest offer them to the tests below this folder.
"""

from __future__ import annotations

from tests.sandbox_fixtures import cache, own_sandbox, sandbox

__all__ = ["cache", "own_sandbox", "sandbox"]
