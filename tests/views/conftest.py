"""View-level fixtures: the sandbox marketplace and the fresh cache of the service tests.

They are defined once in :mod:`tests.sandbox_fixtures`; importing them here is what makes pytest
offer them to the tests below this folder.
"""

from __future__ import annotations

from tests.sandbox_fixtures import cache, sandbox

__all__ = ["cache", "sandbox"]
