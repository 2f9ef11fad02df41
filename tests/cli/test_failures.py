"""The one table of exit codes of the command line (app/cli/failures.py; README "Command line")."""

from __future__ import annotations

import pytest

from app.cli import failures
from app.models.db import CacheCorrupt, CacheError
from app.services.marketplace.client import (
    AuthenticationError,
    Cancelled,
    InvalidEndpoint,
    MarketplaceError,
    RequestRefused,
    TooManyFaults,
    Unreachable,
)
from app.services.marketplace.credentials import CredentialsError
from app.services.outbox.queue import OutboxError


@pytest.mark.parametrize(("error", "code"), [
    (AuthenticationError("x"), 3),
    (Unreachable("x"), 4),
    (TooManyFaults("x"), 5),
    (RequestRefused("x"), 5),
    (MarketplaceError("x"), 5),
    (CacheError("x"), 6),
    (CacheCorrupt("x"), 6),
    (InvalidEndpoint("x"), 7),
    (Cancelled("x"), 130),
    (CredentialsError("x"), 1),
    (OutboxError("x"), 1),
    (ValueError("x"), 1),
])
def test_exit_code_of_each_failure(error: BaseException, code: int) -> None:
    assert failures.exit_code_for(error) == code


def test_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert failures.fail_with(Unreachable("No answer from the marketplace.")) == 4
    assert failures.fail_with(OutboxError("Not queued."), failures.EXIT_NOT_QUEUED) == 2
    assert failures.fail("cancelled", failures.EXIT_CANCELLED) == 130
    assert failures.fail_with(KeyError()) == 1
    assert capsys.readouterr().err.splitlines() == [
        "seller-console: No answer from the marketplace.",
        "seller-console: Not queued.",
        "seller-console: cancelled",
        "seller-console: KeyError",
    ]


def test_open_cache_or_fail_opens_or_says_why(tmp_path, capsys) -> None:
    engine = failures.open_cache_or_fail(f"sqlite:///{tmp_path / 'cache.db'}")
    assert not isinstance(engine, int)
    engine.dispose()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"not a database" * 100)
    assert failures.open_cache_or_fail(f"sqlite:///{damaged}") == failures.EXIT_CACHE
    assert capsys.readouterr().err.startswith("seller-console: ")


def test_issue15_s1_cache_failures_have_their_own_words_and_the_cache_exit_code() -> None:
    from app.models import db

    where = {"where": "/c.sqlite3"}
    for cls in (db.CacheLocked, db.CachePermission, db.CacheDiskFull, db.CacheServerDown,
                db.CacheCorrupt, db.CacheTooNew):
        err = cls("English sentence.", params=where)
        assert failures.exit_code_for(err) == failures.EXIT_CACHE
        assert failures._known_failure(err.failure_code) is not None, cls
