"""The offline back-off: each start waits twice as long, never more than the cap, until reset."""

from __future__ import annotations

from typing import Any

import pytest

from app.views.common.backoff import BackoffTimer

pytestmark = pytest.mark.gui


def test_the_delay_doubles_up_to_the_cap_and_starts_over_after_reset(qtbot: Any) -> None:
    timer = BackoffTimer(60_000)
    assert timer.isSingleShot() and not timer.isActive()
    delays = []
    for _ in range(5):
        timer.start_next(300_000)
        delays.append(timer.interval())
    assert delays == [60_000, 120_000, 240_000, 300_000, 300_000]
    assert timer.isActive()
    timer.stop()
    timer.start_next(300_000)
    assert timer.interval() == 300_000  # stop() keeps the delay
    timer.reset()
    assert timer.isActive()  # a running wait goes on
    timer.start_next(300_000)
    assert timer.interval() == 60_000
    timer.start_next(30_000)
    assert timer.interval() == 30_000  # a cap below the delay wins
    timer.stop()
