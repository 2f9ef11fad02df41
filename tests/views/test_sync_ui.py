"""Syncing from the window against a real sandbox marketplace: progress, once-only, wrong key,
offline, cancel. Fixtures come from ``test_main_window``."""

# Fixtures are shared by importing them from test_main_window; a test naming one as a parameter
# "redefines" the import as far as pyflakes can tell, which is how pytest fixtures work.
# ruff: noqa: F811

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.config.profiles import Profile
from app.models import SyncState
from app.sandbox.server import SandboxServer
from app.views.banner import Banner
from app.views.sync_controller import SYNC_KEY, Connectivity, FailureKind, SyncProgress
from tests.views.test_main_window import (
    WAIT_MS,
    ConsoleFactory,
    closed_port_url,
    make_console,  # noqa: F401 - a fixture
    marketplace,  # noqa: F401 - a fixture
    memory_keyring,  # noqa: F401 - a fixture
    shop_profile,
)

pytestmark = pytest.mark.gui


def sync_button(console_window: object) -> QToolButton:
    from app.views.main_window import MainWindow

    assert isinstance(console_window, MainWindow)
    button = console_window.toolbar.widgetForAction(console_window.sync_action)
    assert isinstance(button, QToolButton)
    return button


def test_a_sync_from_the_button_reports_progress_and_finishes(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    profile = shop_profile(marketplace)
    console = make_console([(profile, marketplace.secret_key)], last_profile=profile.name)
    console.wait_for_engine(qtbot)
    window = console.window
    seen: list[SyncProgress] = []
    console.sync.progressed.connect(seen.append)
    messages: list[str] = []
    console.sync.progressed.connect(lambda _p: messages.append(window.status.message.text()))

    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as finished:
        qtbot.mouseClick(sync_button(window), Qt.MouseButton.LeftButton)
        assert console.sync.running
        assert window.status.bar.isVisible() and window.status.cancel_button.isVisible()
        assert not window.sync_action.isEnabled() and window.cancel_action.isEnabled()

    outcome = finished.args[0]
    assert outcome.ok
    last = seen[-1]
    assert last.count == len(outcome.report.collections)
    reported = {c.collection for c in last.collections}
    assert reported >= {"orders", "supervision_tasks", "demands", "bills"}
    assert all(c.finished for c in last.collections) and last.finished == last.count
    orders = last.of("orders")
    assert orders is not None and orders.finished and 0 < orders.done == orders.total  # 按需 not listed (§4)
    assert any(m.startswith("Syncing ") and "orders" in m for m in messages)
    assert any(" of " in m.split(":")[-1] for m in messages)  # record counts were shown
    assert "orders" in outcome.changed
    assert not window.status.bar.isVisible()
    assert window.status.connectivity.text() == "Online"
    assert window.status.last_sync.text().startswith("Last sync ")
    assert window.sync_action.isEnabled() and not window.cancel_action.isEnabled()
    assert not window.banner.isVisible()


def test_a_second_sync_is_not_started_while_one_runs(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    profile = shop_profile(marketplace)
    console = make_console([(profile, marketplace.secret_key)], last_profile=profile.name)
    console.wait_for_engine(qtbot)
    finished: list[object] = []
    console.sync.finished.connect(finished.append)
    started: list[object] = []
    console.sync.started.connect(lambda: started.append(True))

    httpx.post(f"{marketplace.url}/_sandbox/faults", json={"latency_ms": 150}).raise_for_status()
    try:
        assert console.sync.sync()
        task = console.bridge.running(SYNC_KEY)
        assert task is not None
        assert not console.sync.sync()  # the button / F5 / the timer again: ignored
        console.window.start_sync()
        qtbot.keyClick(console.window, Qt.Key.Key_F5)
        assert console.bridge.running(SYNC_KEY) is task
        qtbot.waitUntil(lambda: len(finished) == 1, timeout=WAIT_MS)
    finally:
        httpx.post(f"{marketplace.url}/_sandbox/faults", json={"latency_ms": 0}).raise_for_status()
    assert len(started) == 1
    qtbot.wait(50)  # no second sync finishes later either
    assert len(finished) == 1


def test_a_wrong_key_shows_a_clear_message_in_the_banner(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    profile = shop_profile(marketplace, "Wrong key")
    console = make_console([(profile, "not-the-secret-key")], last_profile=profile.name)
    console.wait_for_engine(qtbot)
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as finished:
        qtbot.keyClick(console.window, Qt.Key.Key_F5)
    failure = finished.args[0].failure
    assert failure is not None and failure.kind is FailureKind.AUTHENTICATION
    banner = console.window.banner
    assert banner.isVisible() and banner.level == Banner.ERROR
    assert banner.message().startswith("The marketplace refused this profile's keys.")
    assert "Traceback" not in banner.details.text()
    assert banner.action_button.isVisible() and banner.action_button.text() == "Edit Profile…"
    assert not banner.details.isVisible()
    banner.details_button.click()
    assert banner.details.isVisible() and "refused" in banner.details.text()
    assert console.sync.connectivity is not Connectivity.OFFLINE

    banner.action_button.click()  # opens the profile dialog to fix the key
    qtbot.waitUntil(lambda: console.window.profile_dialog is not None)
    dialog = console.window.profile_dialog
    assert dialog.isVisible() and dialog.name.text() == "Wrong key"
    assert dialog.secret_key.text() == ""  # a stored secret is never shown again
    dialog.reject()


def test_an_unreachable_marketplace_means_offline_from_the_cache(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    profile = Profile(name="Offline shop", endpoint=closed_port_url(), access_key="AKOFFLINE")
    console = make_console([(profile, "secret")], last_profile=profile.name)
    console.wait_for_engine(qtbot)
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as finished:
        console.window.start_sync()
    assert finished.args[0].failure.kind is FailureKind.UNREACHABLE
    window = console.window
    assert window.banner.isVisible() and window.banner.level == Banner.WARNING
    assert "working offline from the cache" in window.banner.message()
    assert window.banner.action_button.text() == "Try Again"
    assert console.sync.connectivity is Connectivity.OFFLINE
    assert window.status.connectivity.text() == (
        "Offline: working from the cache, last synced never"
    )


def test_a_profile_without_a_secret_says_so(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    profile = shop_profile(marketplace, "No secret")
    console = make_console([(profile, None)], last_profile=profile.name)
    console.wait_for_engine(qtbot)
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as finished:
        console.window.start_sync()
    assert finished.args[0].failure.kind is FailureKind.CREDENTIALS
    assert console.window.banner.message() == (
        "This profile has no secret key yet. Enter it in the profile."
    )


def test_a_sync_can_be_cancelled_and_keeps_what_it_fetched(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    profile = shop_profile(marketplace, "Cancelled")
    console = make_console([(profile, marketplace.secret_key)], last_profile=profile.name)
    console.wait_for_engine(qtbot)
    httpx.post(f"{marketplace.url}/_sandbox/faults", json={"latency_ms": 300}).raise_for_status()
    try:
        with qtbot.waitSignal(console.sync.progressed, timeout=WAIT_MS):
            assert console.sync.sync()
        with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as finished:
            qtbot.mouseClick(console.window.status.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        httpx.post(f"{marketplace.url}/_sandbox/faults", json={"latency_ms": 0}).raise_for_status()
    outcome = finished.args[0]
    assert outcome.cancelled and outcome.failure is None
    assert not console.window.banner.isVisible()  # cancelling is not an error
    assert console.window.status.message.text() == "Sync cancelled; what was fetched is kept."


def test_switching_profile_cancels_the_sync_and_opens_the_other_cache(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    first = shop_profile(marketplace, "First")
    second = shop_profile(marketplace, "Second")
    console = make_console(
        [(first, marketplace.secret_key), (second, marketplace.secret_key)],
        last_profile=first.name,
    )
    console.wait_for_engine(qtbot)
    first_engine = console.workspace.engine
    window = console.window
    assert [window.profiles.combo.itemText(i) for i in range(window.profiles.combo.count())] == [
        "Sandbox (built-in)",
        "First",
        "Second",
    ]
    index = window.profiles.combo.findText("Second")
    window.profiles.combo.setCurrentIndex(index)
    window.profiles.combo.activated.emit(index)
    qtbot.waitUntil(
        lambda: (
            console.workspace.engine is not None and console.workspace.engine is not first_engine
        ),
        timeout=WAIT_MS,
    )
    assert window.windowTitle().endswith("— Second")
    assert console.settings.load().last_profile == "Second"
    assert str(console.workspace.engine.url).endswith(".sqlite3")
    assert str(console.workspace.engine.url) != str(first_engine.url)


def test_a_cache_synced_long_ago_is_synced_when_opened(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    profile = shop_profile(marketplace, "Stale")
    first = make_console([(profile, marketplace.secret_key)], last_profile=profile.name)
    first.wait_for_engine(qtbot)
    with qtbot.waitSignal(first.sync.finished, timeout=WAIT_MS):
        first.sync.sync()
    engine = first.workspace.engine
    assert engine is not None
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    with engine.begin() as conn:
        conn.execute(update(SyncState).values(last_finished_at=two_hours_ago))
    first.close()

    again = make_console(last_profile=profile.name, interval_minutes=60)
    with qtbot.waitSignal(again.sync.finished, timeout=WAIT_MS) as finished:
        pass  # opening the cache starts the sync: the last one is older than the interval
    assert finished.args[0].ok

    recent = make_console(last_profile=profile.name, interval_minutes=60)
    recent.wait_for_engine(qtbot)
    qtbot.waitUntil(lambda: recent.sync.last_synced_at is not None, timeout=WAIT_MS)
    assert not recent.sync.running  # synced a moment ago: nothing to catch up


def test_offline_the_console_retries_sooner_than_the_interval(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    profile = Profile(name="Flaky", endpoint=closed_port_url(), access_key="AKFLAKY")
    console = make_console([(profile, "secret")], last_profile=profile.name, interval_minutes=30)
    console.wait_for_engine(qtbot)
    retry = console.sync._offline_retry  # noqa: SLF001 - the back-off timer is what is checked
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS):
        console.sync.sync()
    assert console.sync.connectivity is Connectivity.OFFLINE
    assert retry.isActive() and retry.interval() == 60_000
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS):
        retry.timeout.emit()  # the minute is up
    assert retry.isActive() and retry.interval() == 120_000  # twice as long the next time
    console.sync.set_interval(0)
    assert not retry.isActive()  # automatic sync off: no retries either
