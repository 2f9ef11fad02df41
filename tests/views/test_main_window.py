"""The main window over real caches: first run on the embedded sandbox, areas, search, dashboard,
language switching and restored state.

The fixtures here (a sandbox marketplace on a free port, a console built like ``app.views.app.run``
builds it, over an in-memory keychain) are shared with ``test_sync_ui.py``.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.sandbox.server import SandboxServer
from app.services.figures.dashboard import Tile
from app.services.marketplace.client import RetryPolicy
from app.services.marketplace.credentials import CredentialStore
from app.views.app import create_application, pin_interpreter_singletons, window_state
from app.views.bridge import Bridge
from app.views.i18n import Translations, effective_language
from app.views.main_window import FIRST_RUN_DONE, MainWindow
from app.views.record_dialogs import RecordDetailsDialog, RecordListDialog
from app.views.sync_controller import SyncController
from app.views.workspace import SANDBOX, SANDBOX_FOLDER, EmbeddedSandbox, Workspace
from tests.sandbox_fixtures import SANDBOX_START
from tests.support.memory_keyring import MemoryKeyring

# PySide6 6.12 on CPython 3.11 drops references to None/True with every signal (see the function):
# pin them before any test emits one.
pin_interpreter_singletons()

pytestmark = pytest.mark.gui

FAST_RETRY = RetryPolicy(max_attempts=2, base_delay_s=0.01, max_delay_s=0.05, max_retry_after_s=0.1)
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def marketplace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    """A sandbox marketplace with a few hundred orders on a free loopback port."""
    server = SandboxServer(
        seed=5, orders=300, start=SANDBOX_START, data_dir=tmp_path_factory.mktemp("market")
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The process's keyring is an in-memory one for the test (never the developer's keychain)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def closed_port_url() -> str:
    """An http URL on loopback where nothing listens (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@dataclass
class Console:
    """The view-side objects of one console, built as ``app.views.app.run`` builds them."""

    paths: AppPaths
    profiles: ProfileStore
    credentials: CredentialStore
    settings: SettingsStore
    bridge: Bridge
    translations: Translations
    workspace: Workspace
    sync: SyncController
    window: MainWindow
    state: QSettings

    def wait_for_engine(self, qtbot: QtBot) -> None:
        qtbot.waitUntil(lambda: self.workspace.engine is not None, timeout=WAIT_MS)

    def close(self) -> None:
        self.window.close()
        self.workspace.shutdown()


ConsoleFactory = Callable[..., Console]


@pytest.fixture
def make_console(qtbot: QtBot, memory_keyring: MemoryKeyring) -> Iterator[ConsoleFactory]:
    """Build consoles on the test's home folder; every one is shut down after the test."""
    made: list[Console] = []

    def make(
        profiles: list[tuple[Profile, str | None]] = (),  # type: ignore[assignment]
        last_profile: str | None = None,
        sandbox_orders: int = 150,
        backend: KeyringBackend | None = None,
        interval_minutes: int = 0,
        size: tuple[int, int] | None = None,
        language: str = "en",
    ) -> Console:
        create_application()
        paths = AppPaths.from_env()
        paths.ensure()
        store = ProfileStore(paths)
        credentials = CredentialStore(backend)
        settings = SettingsStore(paths)
        for profile, secret in profiles:
            if profile.name not in store.names():
                store.add(profile)
            if secret is not None:
                memory_keyring.set_password("koogallery-seller-console", profile.name, secret)
        if last_profile is not None:
            settings.update(last_profile=last_profile)
        translations = Translations()
        translations.apply(language)
        bridge = Bridge()
        sandbox = EmbeddedSandbox(paths.data_dir / SANDBOX_FOLDER, orders=sandbox_orders)
        workspace = Workspace(paths, store, credentials, settings, bridge, sandbox=sandbox)
        sync = SyncController(
            bridge, workspace, interval_minutes=interval_minutes, timeout_s=10, retry=FAST_RETRY
        )
        state = window_state(paths)
        window = MainWindow(workspace, sync, bridge, translations, state)
        qtbot.addWidget(window)
        console = Console(
            paths,
            store,
            credentials,
            settings,
            bridge,
            translations,
            workspace,
            sync,
            window,
            state,
        )
        made.append(console)
        window.start()
        if size is not None:
            window.resize(*size)
        window.show()
        window.activateWindow()  # shortcuts (Ctrl+1, F5) reach the active window only
        qtbot.waitUntil(window.isActiveWindow)
        return console

    yield make
    for console in made:
        console.close()
        console.translations.apply("en")  # the next test starts in English again


def commit_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as an input method commits it (QTest can only type ASCII keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def shop_profile(server: SandboxServer, name: str = "华为 商店") -> Profile:
    return Profile(name=name, endpoint=server.url, access_key=server.access_key)


def synced_console(make_console: ConsoleFactory, qtbot: QtBot, server: SandboxServer) -> Console:
    profile = shop_profile(server)
    console = make_console([(profile, server.secret_key)], last_profile=profile.name)
    console.wait_for_engine(qtbot)
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as blocker:
        assert console.sync.sync()
    assert blocker.args[0].ok, blocker.args[0].failure
    return console


# --------------------------------------------------------------------------------------------------


def test_the_window_opens_on_the_embedded_sandbox(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    # Issue 13: the first sync starts by itself once the sandbox is ready (it used to wait for a
    # click on "Keep exploring the sandbox"), and the window moves on to the dashboard.
    console = make_console()
    window = console.window
    assert window.central.currentWidget() is window.first_run
    assert "Sandbox" in window.windowTitle()
    assert window.status.sandbox.isVisible() and window.status.sandbox.text() == "Sandbox"
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS) as blocker:
        console.wait_for_engine(qtbot)
    assert blocker.args[0].ok
    assert window.first_run.status.text() == "The sandbox marketplace is ready."
    assert window.central.currentWidget() is window.splitter
    assert window.current_area() == "dashboard"
    qtbot.waitUntil(
        lambda: window.dashboard.figures is not None and window.dashboard.figures.cached_orders > 0,
        timeout=WAIT_MS,
    )
    assert bool(console.state.value(FIRST_RUN_DONE, False, type=bool))
    assert window.status.connectivity.text() == "Online"
    assert window.status.last_sync.text().startswith("Last sync ")


def test_issue17_after_the_welcome_page_connect_your_account_stays_in_sight(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    """Issue 17, First start: the sandbox's demo data with a visible "Connect your account"
    path. Once the first sync moved the window on to the dashboard the welcome page was the only
    way to it; now a strip above the areas keeps it, until a profile exists."""
    console = make_console()
    window = console.window
    assert window.central.currentWidget() is window.first_run
    assert window.connect_strip.isHidden()  # the welcome page says it itself
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.splitter, timeout=WAIT_MS)
    assert window.connect_strip.isVisible()
    assert "demo data from the built-in sandbox" in window.connect_strip.text.text()
    assert window.connect_strip.button.text() == "Connect Your Account…"
    window.connect_strip.button.click()
    dialog = window.profile_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "New Profile"
    dialog.reject()
    window.show_first_run()
    assert window.connect_strip.isHidden()
    help_actions = window.help_menu.actions()  # and Help → Report a Problem… is there to find
    assert help_actions.index(window.report_action) == help_actions.index(window.guide_action) + 1
    assert window.report_action.text() == "&Report a Problem…"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_first_start_opens_at_1280_by_800(
    make_console: ConsoleFactory, qtbot: QtBot, language: str
) -> None:
    """Issue 13: on a 1280×800 screen the window opens 800 high, on the welcome page; the
    welcome page's buttons asked for their height at 100 pixels wide and the window grew."""
    console = make_console(size=(1280, 800), language=language)
    window = console.window
    assert window.central.currentWidget() is window.first_run
    assert window.height() <= 800
    assert window.width() <= 1280
    assert window.minimumSizeHint().height() <= 800


def test_a_first_start_shows_data_without_any_input(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    """Issue 13: a fresh home folder, nothing clicked: the dashboard shows figures."""
    console = make_console()
    window = console.window
    qtbot.waitUntil(
        lambda: window.dashboard.isVisible()
        and window.dashboard.figures is not None
        and window.dashboard.figures.figure(Tile.ORDERS_IN_PROGRESS).count > 0,
        timeout=WAIT_MS,
    )
    tile = window.dashboard.tiles[Tile.ORDERS_IN_PROGRESS]
    assert tile.count.text() not in ("", "–", "0")


def test_the_first_sync_announces_collections_as_their_pages_land(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    """Issue 13: the views hear of orders while the sync still runs, not only at its end."""
    console = make_console(sandbox_orders=2500)
    heard: list[tuple[frozenset[str], bool]] = []
    console.bridge.changed.connect(
        lambda collections, _source: heard.append((collections, console.sync.running))
    )
    with qtbot.waitSignal(console.sync.finished, timeout=WAIT_MS):
        console.wait_for_engine(qtbot)
    assert any("orders" in collections and running for collections, running in heard)


def test_a_profile_window_shows_its_name_and_no_sandbox_badge(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    profile = shop_profile(marketplace)
    console = make_console([(profile, marketplace.secret_key)], last_profile=profile.name)
    window = console.window
    assert window.central.currentWidget() is window.splitter  # no first-run page
    assert window.windowTitle().endswith("— 华为 商店")
    assert not window.status.sandbox.isVisible()
    assert window.connect_strip.isHidden()  # issue 17: no "Connect your account" once connected
    assert window.profiles.combo.currentText() == "华为 商店"
    assert window.profiles.edit_action.isEnabled()


def test_search_finds_an_order_by_id_and_by_chinese_customer_name(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    engine = console.workspace.engine
    assert engine is not None
    with engine.connect() as conn:
        order_id, real_name = conn.exec_driver_sql(
            "SELECT id, customer_real_name FROM orders "
            "WHERE customer_real_name IS NOT NULL ORDER BY id LIMIT 1"
        ).one()
    search = console.window.search
    qtbot.keyClick(console.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert search.hasFocus()

    with qtbot.waitSignal(search.searched, timeout=WAIT_MS) as found:
        qtbot.keyClicks(search, order_id)
    assert found.args == [order_id, len(search.hits)]
    assert (search.hits[0].kind.value, search.hits[0].id) == ("order", order_id)

    search.clear()
    with qtbot.waitSignal(search.searched, timeout=WAIT_MS):
        commit_text(search, real_name[:4])  # Chinese arrives through the input method
    assert any(h.kind.value == "order" and real_name in (h.customer or "") for h in search.hits)


def test_enter_in_the_search_box_opens_the_first_hit(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    engine = console.workspace.engine
    assert engine is not None
    with engine.connect() as conn:
        task_id = conn.exec_driver_sql("SELECT id FROM supervision_tasks LIMIT 1").scalar_one()
    search = console.window.search
    search.setFocus()
    search.setText(task_id)
    with qtbot.waitSignal(search.openRequested, timeout=WAIT_MS) as opened:
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert opened.args == ["supervision_task", task_id]
    # A task opens in the Supervision area, on its detail page (no read-only dialog).
    assert console.window.current_area() == "supervision"
    supervision = console.window.supervision
    qtbot.waitUntil(lambda: supervision.detail.detail is not None
                    and supervision.detail.detail.task.id == task_id, timeout=WAIT_MS)
    assert not [d for d in console.window.open_dialogs() if isinstance(d, RecordDetailsDialog)]


def test_a_dashboard_tile_opens_the_records_behind_it(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    dashboard = console.window.dashboard
    qtbot.waitUntil(
        lambda: dashboard.figures is not None and dashboard.figures.cached_orders > 0,
        timeout=WAIT_MS,
    )
    figures = dashboard.figures
    assert figures is not None
    tile = dashboard.tiles[Tile.TASKS_WAITING]
    assert tile.count.text() == f"{figures.tasks_waiting.count:,}"
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    lists = [d for d in console.window.open_dialogs() if isinstance(d, RecordListDialog)]
    assert len(lists) == 1
    qtbot.waitUntil(lambda: lists[0].records is not None, timeout=WAIT_MS)
    assert lists[0].model.rowCount() == min(figures.tasks_waiting.count, 500)


def test_the_language_switches_at_run_time(make_console: ConsoleFactory, qtbot: QtBot) -> None:
    console = make_console()
    window = console.window
    assert window.file_menu.title() == "&File"
    assert window.nav.item(0).text() == "Dashboard"
    console.translations.apply("zh_CN")
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)")
    assert window.nav.item(0).text() == "工作台"
    assert "沙箱" in window.windowTitle()
    assert window.status.sandbox.text() == "沙箱"
    assert window.first_run.explore_button.text() == "继续体验沙箱"
    console.translations.apply("en")
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File")
    assert "Sandbox" in window.windowTitle()


def test_keyboard_areas_and_restored_state(
    make_console: ConsoleFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    console = make_console()
    window = console.window
    console.state.setValue(FIRST_RUN_DONE, True)
    count = len(window.areas)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == "dashboard"
    if count > 1:
        qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        assert window.current_area() == window.areas[1].key
    last = window.current_area()
    window.resize(777, 555)  # within the offscreen screen (800 x 600), so nothing is clamped
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (777, 555))
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] > 200)
    window.splitter.setSizes([230, 500])
    sizes = window.splitter.sizes()
    console.close()

    again = make_console()
    assert again.window.current_area() == last
    assert again.window.central.currentWidget() is again.window.splitter  # first run was done
    assert again.window.splitter.sizes()[0] == sizes[0]
    # (the offscreen platform keeps the height of a window shown the first time; width is enough)
    assert again.window.width() == 777


def test_a_lazy_area_is_built_on_its_first_visit_with_its_saved_layout(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    """Issue 17 (start under 1.5 s): Bills, Partner, Charts and Invoices are not built when the
    window starts; the first visit (or ``window.<attribute>``) builds the page on the current
    cache, and the columns it kept last time come back."""
    from PySide6.QtWidgets import QTableView

    console = make_console()
    console.state.setValue(FIRST_RUN_DONE, True)
    window = console.window
    console.wait_for_engine(qtbot)
    lazy = [area for area in window.areas if area.spec.lazy]
    assert {area.key for area in lazy} == {"bills", "partner", "charts", "invoices"}
    assert all(area.built is None for area in lazy)
    assert all(area.title() for area in lazy)  # listed in the navigation before being built
    window.show_area(window.areas.row("bills"))
    bills = window.areas[window.areas.row("bills")]
    assert bills.built is not None and bills.built.isVisible()
    assert window.bills is bills.built
    table = bills.built.findChild(QTableView, "billsTable")
    assert table is not None
    table.horizontalHeader().resizeSection(0, 211)
    assert window.areas[window.areas.row("charts")].built is None
    assert window.charts is window.areas[window.areas.row("charts")].built  # built when asked
    console.close()

    again = make_console()
    again.window.show_area(again.window.areas.row("bills"))
    table = again.window.bills.findChild(QTableView, "billsTable")
    assert table is not None and table.horizontalHeader().sectionSize(0) == 211


def test_settings_switch_the_language_and_the_interval(
    make_console: ConsoleFactory, qtbot: QtBot
) -> None:
    console = make_console()
    window = console.window
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.interval.setValue(5)
    with qtbot.waitSignal(dialog.applied):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Apply).click()
    stored = console.settings.load()
    assert (stored.language, stored.sync_interval_minutes) == ("zh_CN", 5)
    qtbot.waitUntil(lambda: window.sync_menu.title() == "同步(&Y)")
    assert dialog.windowTitle() == "设置"  # the open dialog follows too
    assert console.sync._timer.interval() == 5 * 60_000  # noqa: SLF001 - the timer is the contract
    dialog.interval.setValue(0)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert not console.sync._timer.isActive()  # noqa: SLF001
    assert console.settings.load().sync_interval_minutes == 0


def test_the_system_language_decides_by_default() -> None:
    china = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    taiwan = QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert effective_language("system", china) == "zh_CN"
    assert effective_language("system", taiwan) == "zh_CN"
    assert effective_language("system", germany) == "en"
    assert effective_language("en", china) == "en"
    assert effective_language("zh_CN", germany) == "zh_CN"


class FakeServer:
    """Stands in for SandboxServer: records how it was made, 'generates' on first use."""

    made: list[dict[str, object]] = []

    def __init__(self, **kwargs: object) -> None:
        FakeServer.made.append(kwargs)
        data_dir = Path(str(kwargs["data_dir"]))
        fresh = not (data_dir / "store").exists()
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "store").write_text(str(kwargs["start"]), encoding="utf-8")
        self.data = type("Data", (), {"generated_seconds": 0.1 if fresh else None})()
        self.url = "http://127.0.0.1:9"
        self.access_key, self.secret_key = "AK", "SK"
        self.stopped = False

    def start(self) -> str:
        return self.url

    def stop(self) -> None:
        self.stopped = True


def test_the_embedded_sandbox_keeps_its_first_run_date(tmp_path: Path) -> None:
    FakeServer.made.clear()
    first_day = datetime(2026, 11, 28, 15, 45, tzinfo=UTC)
    later = datetime(2027, 2, 3, 8, 0, tzinfo=UTC)
    sandbox = EmbeddedSandbox(tmp_path, server_factory=FakeServer, clock=lambda: first_day)
    connection = sandbox.ensure_started()
    assert connection.endpoint == "http://127.0.0.1:9" and "SK" not in repr(connection)
    assert sandbox.regenerated
    assert sandbox.ensure_started() is not None and len(FakeServer.made) == 1  # started once
    sandbox.stop()
    again = EmbeddedSandbox(tmp_path, server_factory=FakeServer, clock=lambda: later)
    again.ensure_started()
    assert not again.regenerated
    starts = [made["start"] for made in FakeServer.made]
    assert starts == [datetime(2026, 11, 28, tzinfo=UTC)] * 2  # the first day, not "today"
    assert FakeServer.made[0]["orders"] == 20_000 and FakeServer.made[0]["seed"] == 1
    again.stop()
    bigger = EmbeddedSandbox(tmp_path, orders=500, server_factory=FakeServer, clock=lambda: later)
    assert bigger.plan().orders == 500 and bigger.plan().start == starts[0]


def test_a_regenerated_sandbox_starts_its_cache_afresh(qtbot: QtBot, tmp_path: Path) -> None:
    """Cursors into data that no longer exists would skip records: the old cache goes."""
    create_application()
    paths = AppPaths.from_env()
    paths.ensure()
    bridge = Bridge()
    sandbox = EmbeddedSandbox(tmp_path / "sandbox", server_factory=FakeServer)
    workspace = Workspace(
        paths, ProfileStore(paths), CredentialStore(MemoryKeyring()), SettingsStore(paths),
        bridge, sandbox=sandbox,
    )  # fmt: skip
    cache_file = paths.caches_dir / "sandbox.sqlite3"
    cache_file.write_bytes(b"stale cache of older sandbox data")
    try:
        with qtbot.waitSignal(workspace.engineChanged, timeout=WAIT_MS, check_params_cb=bool):
            workspace.open(SANDBOX)
        assert workspace.engine is not None
        assert b"stale cache" not in cache_file.read_bytes()
        assert workspace.sandbox_state == "running"
    finally:
        workspace.shutdown()
    assert workspace.sandbox_state == "stopped"


def test_the_orders_tile_opens_orders_in_progress(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    window = console.window
    dashboard = window.dashboard
    qtbot.waitUntil(
        lambda: dashboard.figures is not None and dashboard.figures.cached_orders > 0,
        timeout=WAIT_MS,
    )
    figures = dashboard.figures
    assert figures is not None
    with qtbot.waitSignal(window.orders.titleChanged, timeout=WAIT_MS):
        qtbot.mouseClick(dashboard.tiles[Tile.ORDERS_IN_PROGRESS], Qt.MouseButton.LeftButton)
    assert window.current_area() == "orders"
    view = window.orders.view
    assert view is not None
    assert view.model.current_filter.statuses == frozenset({"处理中"})
    qtbot.waitUntil(
        lambda: view.model.rowCount() == figures.orders_in_progress.count, timeout=WAIT_MS
    )
    assert window.nav.item(1).text() == f"Orders ({figures.orders_in_progress.count:,})"
    assert not window.open_dialogs()  # the area, not a read-only list


def test_a_search_hit_for_an_order_opens_it_in_orders_and_ctrl_f_is_contextual(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    window = console.window
    engine = console.workspace.engine
    assert engine is not None
    with engine.connect() as conn:
        order_id = conn.exec_driver_sql("SELECT id FROM orders ORDER BY id LIMIT 1").scalar_one()
    window.search.setFocus()
    window.search.setText(order_id)
    with qtbot.waitSignal(window.search.openRequested, timeout=WAIT_MS):
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current_area() == "orders"
    view = window.orders.view
    assert view is not None
    qtbot.waitUntil(
        lambda: view.detail.detail is not None and view.detail.detail.id == order_id,
        timeout=WAIT_MS,
    )
    # Ctrl+F in Orders: the orders' own search; again: the console-wide search
    view.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_bar.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
