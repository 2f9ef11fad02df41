"""Wire times on their way to the cache: checked once per day and time of day, stored as text."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services.sync.mapping import WireTime, wire_time
from app.services.sync.writer import _sqlite_datetime


def test_a_wire_time_is_the_text_sqlite_stores_and_the_datetime_postgresql_takes() -> None:
    value = wire_time("20251121235959")
    assert isinstance(value, WireTime)
    assert value == "2025-11-21 23:59:59.000000"
    assert _sqlite_datetime(value) == value
    assert value.to_datetime() == datetime(2025, 11, 21, 23, 59, 59, tzinfo=UTC)
    # the same text SQLAlchemy's SQLite DATETIME writes for the same aware datetime
    assert _sqlite_datetime(value.to_datetime()) == value


@pytest.mark.parametrize("bad", ["20251301000000", "20250230120000", "20251121250000",
                                 "20251121236000", "2025112123595", "2025-11-21T2359", ""])
def test_impossible_times_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        wire_time(bad)
