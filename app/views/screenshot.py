"""``seller-console screenshot``: render every area to PNG files, offscreen, with sandbox data.

For the user guide and for checking layouts by eye in both languages without a screen: the console
is built in a temporary home folder (the user's own profiles, caches and keychain are never
touched) over the embedded sandbox, synced, and each page and dialog is grabbed at a fixed window
size. Waiting is on conditions with a deadline, never on fixed sleeps.

Files written (``NN-<page>.png``, numbered by page so a page missing from a build leaves a gap
rather than renaming the others): the first-run page in the first seconds of a first start (the
sandbox being prepared; the first sync then starts by itself), the dashboard once synced, the orders area with an
order's details (when the Orders area is part of the build), the search box's results, the list
behind a dashboard figure, the profile dialog after a successful connection test, Settings, then
every other area of the navigation in order (``08-<area key>.png`` onwards; Supervision with
the task of the order shown in Orders).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keyring.backend import KeyringBackend

from app.services.network import http_client

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette, QPixmap
    from PySide6.QtWidgets import QWidget

WINDOW_SIZE = (1280, 800)
DEFAULT_ORDERS = 3000
TIMEOUT_S = 300.0


class _ScreenshotKeyring(KeyringBackend):
    """Secrets in memory, for a run that must not touch the user's keychain."""

    priority = -10  # never chosen by keyring's own detection
    name = "system keychain"

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring's base is untyped
        self._entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._entries.pop((service, username), None)


def render(
    out: Path,
    language: str = "en",
    orders: int = DEFAULT_ORDERS,
    scale: int = 1,
    dark: bool = False,
) -> list[Path]:
    """Render the screenshots into ``out`` (created if needed); returns the files written.

    ``scale`` 2 renders at 200 % (device pixel ratio 2), to check the layouts on high-DPI screens;
    ``dark`` gives the application the dark palette a system in dark mode would give it.
    """
    home = Path(tempfile.mkdtemp(prefix="seller-console-screens-"))
    if "QT_QPA_PLATFORM" not in os.environ:
        # An offscreen screen larger than the window, so popups are not pushed aside.
        screen = {
            "name": "screenshots",
            "x": 0,
            "y": 0,
            "width": WINDOW_SIZE[0] + 400,
            "height": WINDOW_SIZE[1] + 300,
            "logicalDpi": 96,
            "logicalBaseDpi": 96,
            "dpr": scale,
        }
        config = home / "offscreen.json"
        config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    try:
        return _render(out, language, orders, home, dark, scale)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def render_widget(widget: QWidget, scale: int) -> QPixmap:
    """``widget`` painted at ``scale`` device pixels per pixel (2: as on a 200 % screen)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmap

    pixmap = QPixmap(widget.size() * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    widget.render(pixmap)
    return pixmap


def _dark_palette() -> QPalette:
    """A dark palette like the ones Windows and macOS hand to Fusion in dark mode."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e8e8e8",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#262626",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#e8e8e8",
        role.PlaceholderText: "#9a9a9a",
        role.Text: "#e8e8e8",
        role.Button: "#353535",
        role.ButtonText: "#e8e8e8",
        role.BrightText: "#ff5555",
        role.Highlight: "#2f65ca",
        role.HighlightedText: "#ffffff",
        role.Link: "#6ea8fe",
        role.Light: "#454545",
        role.Midlight: "#3c3c3c",
        role.Mid: "#303030",
        role.Dark: "#1a1a1a",
        role.Shadow: "#000000",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#777777"))
    return palette


def _render(
    out: Path, language: str, orders: int, home: Path, dark: bool, scale: int
) -> list[Path]:
    from PySide6.QtCore import QEventLoop, QPoint, Qt
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    from app.config.paths import AppPaths
    from app.config.profiles import ProfileStore
    from app.config.settings import SettingsStore
    from app.services.marketplace.credentials import CredentialStore
    from app.views.app import create_application, window_state
    from app.views.bridge import Bridge
    from app.views.i18n import Translations
    from app.views.main_window import MainWindow
    from app.views.record_dialogs import RecordListDialog
    from app.views.settings_dialog import SettingsDialog
    from app.views.sync_controller import SyncController
    from app.views.workspace import SANDBOX_FOLDER, EmbeddedSandbox, Workspace

    out.mkdir(parents=True, exist_ok=True)
    app = create_application(["seller-console"])
    if dark:
        app.setPalette(_dark_palette())
    paths = AppPaths.under(home)
    paths.ensure()
    settings = SettingsStore(paths)
    settings.update(language=language)
    _ScreenshotKeyring.name = "系统钥匙串" if language == "zh_CN" else "the system keychain"
    keyring_backend = _ScreenshotKeyring()
    credentials = CredentialStore(keyring_backend)
    translations = Translations(parent=app)
    translations.apply(language)
    bridge = Bridge(app)
    sandbox = EmbeddedSandbox(paths.data_dir / SANDBOX_FOLDER, orders=orders)
    workspace = Workspace(
        paths, ProfileStore(paths), credentials, settings, bridge, sandbox=sandbox, environ={}
    )
    sync = SyncController(bridge, workspace, parent=app)
    window = MainWindow(workspace, sync, bridge, translations, window_state(paths))
    written: list[Path] = []

    def wait(condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"screenshot: gave up waiting for {what}")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def settle() -> None:
        # Two rounds of events: posted layout requests, then the paints they cause.
        for _ in range(3):
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def grab(widget: QWidget, name: str, popups: tuple[QWidget, ...] = ()) -> None:
        settle()
        path = out / f"{name}.png"
        pixmap = render_widget(widget, scale)
        if popups:  # popups are windows of their own: paint them where they appear
            painter = QPainter(pixmap)
            origin = widget.mapToGlobal(QPoint(0, 0))
            for popup in popups:
                if popup.isVisible():
                    offset = popup.mapToGlobal(QPoint(0, 0)) - origin
                    painter.drawPixmap(offset, render_widget(popup, scale))
            painter.end()
        if not pixmap.save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)

    try:
        window.start()
        window.resize(*WINDOW_SIZE)
        window.show()
        # The welcome page as a new user sees it in the first seconds: the sandbox being
        # prepared. Then the first sync starts by itself and the window moves to the dashboard.
        if window.central.currentWidget() is not window.first_run:
            raise RuntimeError("screenshot: a first start did not open on the welcome page")
        grab(window, "01-first-run")
        wait(lambda: workspace.engine is not None, "the sandbox and its cache")
        wait(lambda: not sync.running and sync.last_outcome is not None, "the first sync")
        if sync.last_outcome is not None and not sync.last_outcome.ok:
            failure = sync.last_outcome.failure
            raise RuntimeError(f"screenshot: the sandbox sync failed: {failure}")
        dashboard = window.dashboard
        wait(
            lambda: dashboard.figures is not None and dashboard.figures.cached_orders > 0,
            "the dashboard figures",
        )
        # The areas built after the window's first paint (issue 17), so every shot's navigation
        # has the same titles whatever the machine's speed.
        wait(lambda: not window.areas.pending(), "the areas built after the first paint")
        settle()
        wait(lambda: not bridge.is_busy(), "the areas' counts")
        grab(window, "02-dashboard")

        engine = workspace.engine
        assert engine is not None
        with engine.connect() as conn:
            order_id, real_name = conn.exec_driver_sql(
                "SELECT id, customer_real_name FROM orders WHERE order_status = '处理中' "
                "AND customer_real_name IS NOT NULL ORDER BY create_time DESC LIMIT 1"
            ).one()
        window.dashboard.tileActivated.emit("orders_in_progress")  # as a click on the tile
        orders_area = window.orders
        wait(lambda: orders_area.view is not None and orders_area.view.model.rowCount() > 0,
             "the orders")
        view = orders_area.view
        assert view is not None
        window.open_record("order", order_id)  # the newest order in progress: first in the list
        wait(lambda: view.detail.detail is not None, "the order's details")
        grab(window, "03-orders")

        window.show_area(0)
        search = window.search
        search.setFocus()
        search.setText(str(real_name)[:4])
        search.search_now()
        wait(lambda: bool(search.hits), "search results")
        search._show_popup()  # noqa: SLF001 - the screenshot shows the drop-down as typing would
        settle()
        popup = search.completer_.popup()
        assert popup is not None
        grab(window, "04-search", (popup,))
        popup.hide()
        search.clear()

        tile = window.dashboard.tiles[
            next(iter(t for t in window.dashboard.tiles if t.value == "tasks_waiting"))
        ]
        tile.clicked.emit()
        lists = [d for d in window.open_dialogs() if isinstance(d, RecordListDialog)]
        wait(lambda: bool(lists) and lists[0].records is not None, "the task list")
        grab(lists[0], "05-tasks-waiting")
        lists[0].close()

        window.new_profile()
        dialog = window.profile_dialog
        assert dialog is not None
        wait(
            lambda: dialog.keychain.text() != "" and "…" not in dialog.keychain.text(),
            "the keychain check",
        )
        url = sandbox.url or ""
        dialog.name.setText("华为云商店（生产）" if language == "zh_CN" else "Shop (production)")
        dialog.endpoint.setText(url)
        dialog.access_key.setText(sandbox.ensure_started().access_key)
        dialog.secret_key.setText(sandbox.ensure_started().secret_key)
        dialog.test()
        wait(
            lambda: dialog.test_button.isEnabled() and bool(dialog.test_result.text()),
            "the connection test",
        )
        grab(dialog, "06-profile-dialog")
        dialog.reject()

        settings_dialog = SettingsDialog(settings, paths, window)
        settings_dialog.setWindowModality(Qt.WindowModality.NonModal)
        settings_dialog.show()
        grab(settings_dialog, "07-settings")
        settings_dialog.close()

        # An outage of the seller's production interface, so the Integration area (and the
        # deadline radar) show the interface watchdog's every state (the sandbox's admin API).
        with http_client(timeout=60) as http:  # the sandbox: loopback, never proxied
            http.post(f"{url}/_sandbox/interface-incident", json={}).raise_for_status()
        sync.sync(["orders", "interface_messages"])
        wait(lambda: not sync.running, "the sync after the interface outage")

        # Every other area, in navigation order, once its background queries are done.
        shown = {"dashboard", "orders"}
        for index, area in enumerate(window.areas):
            if area.key in shown or window.nav.item(index).isHidden():
                continue  # hidden areas (Partner, for a seller profile) have nothing to show
            window.show_area(index)
            settle()
            wait(lambda: not bridge.is_busy(), f"the {area.key} area")
            if area.key == "supervision":  # with a task's details, as the Orders shot has
                with engine.connect() as conn:
                    task_id = conn.exec_driver_sql(
                        "SELECT id FROM supervision_tasks WHERE order_id = ?", (order_id,)
                    ).scalar()
                if task_id:
                    window.open_record("supervision_task", str(task_id))
                    pane: object = getattr(area.page, "detail", None)

                    def task_shown(pane: object = pane) -> bool:
                        return getattr(pane, "detail", None) is not None and not bridge.is_busy()

                    wait(task_shown, "the task's details")
            grab(window, f"{8 + len(shown) - 2:02d}-{area.key}")
            if area.key == "invoices":  # its customer-invoice tab (给用户开票), a request selected
                _customer_tab(window.invoices, wait, settle)
                grab(window, f"{8 + len(shown) - 2:02d}-{area.key}-customers")
                if window.invoices.tabs is not None:
                    window.invoices.tabs.setCurrentIndex(0)
                fee = _platform_fee_dialog(window.invoices, wait, settle)
                if fee is not None:
                    grab(fee, f"{8 + len(shown) - 2:02d}-{area.key}-platform-fee")
                    fee.close()
            shown.add(area.key)
    finally:
        window.close()
        workspace.shutdown()
        QApplication.processEvents()
    return written


def _platform_fee_dialog(page: Any, wait: Any, settle: Any) -> QWidget | None:
    """The Invoices area's Platform-Fee Invoice… dialog, its first bill checked (None when the
    sandbox has no paid 通用 bill)."""
    from app.views.invoices.platform_fee_dialog import PlatformFeeDialog

    page.actions_by_name["platform_fee"].trigger()
    wait(lambda: isinstance(page.dialog, PlatformFeeDialog), "the platform-fee dialog")
    dialog: PlatformFeeDialog = page.dialog
    if not dialog.bills:
        return dialog
    dialog.set_checked([dialog.bills[0].bill_id])
    settle()
    return dialog


def _customer_tab(page: Any, wait: Any, settle: Any) -> None:
    """Show the Invoices area's customer-invoice tab with its first request selected."""
    view = page.customer
    if page.tabs is None or view is None:
        return
    page.tabs.setCurrentWidget(view)
    wait(lambda: view.model.rowCount() > 0, "the customer invoice requests")
    first = view.model.rows()[0].notice.notice_id
    view.select([("notice", first)], ("notice", first))
    settle()
