"""Time helpers for the generator: integer UTC epoch seconds inside, ``yyyyMMddHHmmss`` on the wire.

Integers keep the generator's arithmetic cheap and exact. Settlement periods and the bill run follow
Beijing time (UTC+8), as the console does: a period is a Beijing calendar month, and the run is on the
3rd at 10:00 Beijing time (02:00 UTC).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

HOUR = 3600
DAY = 86400
_BEIJING = 8 * HOUR


_DAY_TEXT: dict[int, str] = {}
_TIME_OF_DAY: list[str] = []


def hw(ts: int) -> str:
    """Epoch seconds -> ``yyyyMMddHHmmss`` (UTC).

    The generator formats millions of times: a per-day cache plus a table of the 86,400 times of day
    makes this a dictionary lookup and a concatenation instead of ``strftime``.
    """
    day, rest = divmod(ts, DAY)
    text = _DAY_TEXT.get(day)
    if text is None:
        text = _DAY_TEXT[day] = time.strftime("%Y%m%d", time.gmtime(day * DAY))
    if not _TIME_OF_DAY:
        _TIME_OF_DAY.extend(f"{h:02d}{m:02d}{s:02d}" for h in range(24) for m in range(60)
                            for s in range(60))
    return text + _TIME_OF_DAY[rest]


def from_hw(value: str) -> int:
    """``yyyyMMddHHmmss`` (UTC) -> epoch seconds."""
    return int(datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC).timestamp())


def plus_working_days(ts: int, days: int) -> int:
    """``ts`` moved ``days`` working days on (Monday to Friday, Beijing time; the sandbox keeps no
    holiday calendar), at the same time of day."""
    while days > 0:
        ts += DAY
        if time.gmtime(ts + _BEIJING).tm_wday < 5:
            days -= 1
    return ts


def to_ts(value: datetime) -> int:
    return int(value.timestamp())


def to_dt(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def period_of(ts: int) -> str:
    """The settlement period ``YYYYMM`` (Beijing month) that an instant falls in."""
    return time.strftime("%Y%m", time.gmtime(ts + _BEIJING))


def next_period(period: str) -> str:
    year, month = int(period[:4]), int(period[4:])
    return f"{year + month // 12}{month % 12 + 1:02d}"


def bill_run_ts(period: str) -> int:
    """When the bill run for ``period`` happens: the 3rd of the next month, 10:00 Beijing time."""
    nxt = next_period(period)
    return int(datetime(int(nxt[:4]), int(nxt[4:]), 3, 2, tzinfo=UTC).timestamp())


def quarter_of(period: str) -> str:
    """``202405`` -> ``2024Q2``."""
    return f"{period[:4]}Q{(int(period[4:]) - 1) // 3 + 1}"


def quarter_run_ts(quarter: str) -> int:
    """The quarterly run: the 3rd of the month after the quarter, 10:00 Beijing time."""
    year, q = int(quarter[:4]), int(quarter[5])
    last_month = f"{year}{q * 3:02d}"
    return bill_run_ts(last_month)
