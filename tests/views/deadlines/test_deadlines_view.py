"""The Deadlines area over a cache synced from a real sandbox: the clocks sorted by time left,
severities from the settings' thresholds, opening the record, and one notification per deadline
(with no system tray offscreen: nothing crashes, the reminder is still recorded once)."""

# ruff: noqa: F811 - fixtures imported from test_main_window (see test_sync_ui.py)

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.outbox import DeadlineReminder
from app.sandbox.server import SandboxServer
from app.services.supervision.deadlines import NOTIFY, Clock, Severity, Thresholds
from app.views.deadlines import DeadlinesModel, action_order, left_text, time_text
from tests.views.test_main_window import (
    WAIT_MS,
    ConsoleFactory,
    make_console,  # noqa: F401 - a fixture
    marketplace,  # noqa: F401 - a fixture
    memory_keyring,  # noqa: F401 - a fixture
    synced_console,
)

pytestmark = pytest.mark.gui


def test_the_radar_lists_clocks_by_time_left_and_notifies_once(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer, qtmodeltester: Any
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    window = console.window
    view = window.deadlines
    window.show_area(window._area_index("deadlines"))
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=WAIT_MS)
    qtmodeltester.check(view.model)
    # Issue 13: what needs action soonest first (no longer the oldest overdue first), and the
    # hints (the older appeal rule) only when asked for.
    assert not view.hints.isChecked()
    assert all(not k.hint_only for k in view.clocks())
    view.hints.setChecked(True)
    clocks = view.clocks()
    assert clocks == action_order(clocks, view.model.now)
    codes = {k.code for k in clocks}
    assert {"buyer_idle", "unaccepted_reminder"} & codes, codes
    first = view.model.index(0, 0).data()
    assert first == time_text(clocks[0], view.model.now)
    hint = next(n for n, k in enumerate(clocks) if k.hint_only)
    assert view.model.index(hint, 1).data() == "Hint"
    pressing = [k for k in clocks if not k.hint_only
                and k.severity(view.model.now, view.model.thresholds) in NOTIFY]
    assert pressing  # the sandbox's clock stands weeks behind this computer's: some ran out
    assert window.nav.item(window._area_index("deadlines")).text() == (
        f"Deadlines ({len(pressing)})")

    # Each pressing deadline is announced once: in the tray when there is one; offscreen there
    # is none, and nothing breaks. The first computation after the sync recorded them all.
    engine = console.workspace.engine
    assert engine is not None

    def recorded() -> set[str]:
        with Session(engine) as s:
            return set(s.execute(select(DeadlineReminder.key)).scalars())

    qtbot.waitUntil(lambda: recorded() == {k.key for k in pressing}
                    and view.notifier.last_message is not None, timeout=WAIT_MS)
    assert view.notifier.last_message is not None
    assert "deadline" in view.notifier.last_message[0]
    assert view.notifier.tray is None or QSystemTrayIcon.isSystemTrayAvailable()
    with qtbot.assertNotEmitted(view.notified, wait=300):
        view.refresh()
        assert console.bridge.wait_idle()
    assert recorded() == {k.key for k in pressing}

    # Thresholds from Settings change severities at once.
    view.set_thresholds(Thresholds(urgent_hours=1, soon_days=1))
    later = [k for k in view.clocks()
             if k.severity(view.model.now, view.model.thresholds) is Severity.LATER]
    assert later
    row = view.clocks().index(later[0])
    # A reminder (§1.6) reads "Reminder", never a deadline's severity.
    assert view.model.index(row, 1).data() == ("Reminder" if later[0].reminder else "Later")

    # Hints (the older appeal rule) can be hidden.
    view.hints.setChecked(False)
    assert all(not k.hint_only for k in view.clocks())
    view.hints.setChecked(True)

    task_row = next(n for n, k in enumerate(view.clocks()) if k.record_kind == "supervision_task")
    index = view.model.index(task_row, 3)
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.current_area() == "supervision"


def test_left_text_and_an_empty_model(qtmodeltester: Any) -> None:
    from datetime import timedelta

    assert left_text(timedelta(days=2, hours=5, minutes=3)) == "2 d 5 h"
    assert left_text(timedelta(hours=3, minutes=10)) == "3 h 10 min"
    assert left_text(timedelta(minutes=-90)) == "overdue by 1 h 30 min"
    assert left_text(timedelta(days=-3), hint=True) == "possible for 3 d 0 h"
    model = DeadlinesModel()
    qtmodeltester.check(model)


def _clock(code: str, due: datetime, hint: bool = False) -> Clock:
    return Clock(code, "supervision_task", code, "product", due, hint)


def test_the_radar_opens_on_what_needs_action_soonest() -> None:
    """Issue 13: a year-old overdue clock no longer heads the list."""
    from datetime import timedelta

    now = datetime(2026, 3, 1, 8, tzinfo=UTC)
    year_old = _clock("year_old", now - timedelta(days=373))
    lately = _clock("lately", now - timedelta(hours=5))
    tomorrow = _clock("tomorrow", now + timedelta(days=1))
    next_week = _clock("next_week", now + timedelta(days=7))
    hint = _clock("hint", now - timedelta(days=2), hint=True)
    ordered = action_order([year_old, next_week, hint, tomorrow, lately], now)
    assert [k.code for k in ordered] == ["lately", "tomorrow", "next_week", "year_old", "hint"]


def test_a_long_past_clock_reads_as_a_date() -> None:
    """Issue 13: not "possible for 373 d" nor "overdue by 373 d"."""
    from datetime import timedelta

    now = datetime(2026, 3, 1, 8, tzinfo=UTC)
    due = now - timedelta(days=373)
    day = due.astimezone().strftime("%Y-%m-%d")
    assert time_text(_clock("old", due, hint=True), now) == f"possible since {day}"
    assert time_text(_clock("old", due), now) == f"overdue since {day}"
    assert time_text(_clock("new", now - timedelta(days=3), hint=True), now) == (
        "possible for 3 d 0 h")
    model = DeadlinesModel()
    model.now = now
    model.set_rows([_clock("old", due, hint=True)])
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "older appeal rule" in tooltip and day in tooltip
    assert "Urgent" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_the_thresholds_are_settings(make_console: ConsoleFactory, qtbot: QtBot) -> None:
    console = make_console()
    window = console.window
    window.open_settings()
    dialog = window.settings_dialog
    assert (dialog.urgent.value(), dialog.soon.value()) == (24, 3)
    dialog.urgent.setValue(48)
    dialog.soon.setValue(7)
    dialog.apply()
    assert window.deadlines.model.thresholds == Thresholds(urgent_hours=48, soon_days=7)
    stored = console.settings.load()
    assert (stored.deadline_urgent_hours, stored.deadline_soon_days) == (48, 7)
    dialog.reject()


# -- issue 13: at 1280×800 nothing is cut ----------------------------------------------------------

#: The Deadlines area's size in a 1280×800 window (beside the navigation, under menu and toolbar).
AT_1280 = (1076, 711)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_at_1280_the_about_column_is_in_view_and_nothing_is_cut(
        qtbot: QtBot, tmp_path: Path, language: str) -> None:
    """"About" was off to the right behind a very wide "What happens": now "What happens" wraps
    when the row would not fit, and every column holds its title and its contents."""
    from datetime import timedelta

    from app.views.bridge import Bridge
    from app.views.deadlines import ABOUT_COLUMN, WHAT_COLUMN, DeadlinesView
    from app.views.i18n import Translations
    from tests.support.cache_workspace import CacheWorkspace

    translations = Translations()
    translations.apply(language)
    bridge = Bridge()
    try:
        view = DeadlinesView(bridge, CacheWorkspace(None, tmp_path))  # type: ignore[arg-type]
        qtbot.addWidget(view)
        view.resize(*AT_1280)
        view.show()
        qtbot.waitExposed(view)
        now = datetime.now(UTC)
        view._clocks = [
            Clock("unaccepted_reminder", "supervision_task", "SS2611211847GE8PB-000001",
                  "云栖低代码开发平台私有化部署", now - timedelta(days=2, hours=8)),
            Clock("appeal_decision", "supervision_task", "SS2611091653WNVQ9-000001",
                  "云栖CRM客户关系管理系统", now + timedelta(hours=5)),
            Clock("invoice_due", "invoice_notice", "KP202610YX01",
                  "SF20261103431456 (202610)", now + timedelta(days=3)),
        ]
        view._show_rows()
        table, header = view.table, view.table.horizontalHeader()
        assert table.model().rowCount() == 3
        right = header.sectionViewportPosition(ABOUT_COLUMN) + header.sectionSize(ABOUT_COLUMN)
        assert right <= table.viewport().width(), "About is off to the right"
        for column in range(header.count()):
            assert header.sectionSize(column) >= header.sectionSizeHint(column), column
            if column != WHAT_COLUMN:  # it wraps: its rows are as high as its lines
                assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
        for row in range(3):
            assert table.rowHeight(row) >= table.sizeHintForRow(row)
    finally:
        translations.apply("en")
        bridge.wait_idle()


def test_the_180_day_reminder_is_no_overdue_deadline_business_rules_1_6() -> None:
    """business-rules §1.6: the 180-day item is KooGallery's reminder to the buyer's Huawei BD and
    the seller: the radar never calls it overdue or urgent, never counts it as pressing, never
    sends it to the tray."""
    from datetime import timedelta

    now = datetime(2026, 3, 1, 8, tzinfo=UTC)
    due = now - timedelta(hours=5)
    reminder = Clock("unaccepted_reminder", "supervision_task", "T1", "product", due,
                     reminder=True)
    day = due.astimezone().strftime("%Y-%m-%d")
    assert time_text(reminder, now) == f"reminded since {day}"
    assert reminder.severity(now, Thresholds()) not in NOTIFY
    model = DeadlinesModel()
    model.now = now
    model.set_rows([reminder])
    assert model.index(0, 1).data() == "Reminder"
    assert "not a deadline" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    lately = _clock("lately", now - timedelta(hours=1))
    assert [k.code for k in action_order([reminder, lately], now)] == [
        "lately", "unaccepted_reminder"]
