"""Command-line fixtures: the sandbox marketplace the commands talk to, and a fresh cache.

They are defined once in :mod:`tests.sandbox_fixtures`; importing them here is what makes pytest
offer them to the tests below this folder.
"""

from __future__ import annotations

from tests.sandbox_fixtures import cache, own_sandbox, sandbox

__all__ = ["cache", "own_sandbox", "sandbox"]
