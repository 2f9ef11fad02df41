"""The main window: navigation between areas, the search box, sync, profiles and the status bar.

Layout: a toolbar (profile switcher, Sync, Cancel, search), a banner for problems, then either the
first-run page or the areas (a navigation list on the left, the current area on the right), and a
status bar with the sync's progress, the last sync time and the online/offline and sandbox badges.

The window owns no data work: the workspace opens caches, the sync controller syncs, and each area
queries through the bridge. The window routes: a search hit or a dashboard tile opens the right
area or a read-only dialog; a failure becomes a banner with the action that fixes it.

Keyboard: Ctrl+F search, F5 sync, Ctrl+1..9 areas, Enter opens, Esc closes dialogs and the banner,
Ctrl+, settings, Ctrl+Q quit. Geometry, splitter, the last area and the areas' own state are kept
in the window-state ``QSettings`` and come back on restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.config.profiles import Profile, ProfileError
from app.config.settings import Settings
from app.services.figures.dashboard import Tile
from app.views.area_registry import Area, Areas
from app.views.banner import Banner
from app.views.bridge import Bridge
from app.views.context import AreaContext
from app.views.export_runner import OrdersExportAction
from app.views.first_run import ConnectStrip, FirstRunPage
from app.views.i18n import Translations, translate
from app.views.icons import themed_icon
from app.views.import_action import ImportAction
from app.views.outbox_controller import OutboxController, OutboxProblem, OutboxStatus
from app.views.profile_switcher import ProfileSwitcher
from app.views.profiles_dialog import ProfileDialog
from app.views.record_dialogs import RecordDetailsDialog, RecordListDialog
from app.views.search_box import SearchBox
from app.views.sync_controller import FailureKind, SyncController, SyncOutcome, SyncStatus
from app.views.workspace import (
    SANDBOX,
    SANDBOX_FAILED,
    Target,
    Workspace,
)

if TYPE_CHECKING:
    # The areas' views are imported when their pages are built (area_registry); the dialogs
    # (settings, report a problem, help) when first opened: the window is shown before (issue 17).
    from app.views.charts.view import ChartsView
    from app.views.dashboard import DashboardView
    from app.views.deadlines import DeadlinesView
    from app.views.demands.view import DemandsView
    from app.views.finance.view import BillsView
    from app.views.integration.view import IntegrationView
    from app.views.invoices.view import InvoicesView
    from app.views.orders.area import OrdersArea
    from app.views.outbox.view import OutboxView
    from app.views.partner.view import PartnerView
    from app.views.report_problem import ReportProblemDialog
    from app.views.supervision.view import SupervisionView

log = logging.getLogger("seller_console.views")

FIRST_RUN_DONE = "firstRun/done"
LAST_AREA = "window/area"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SPLITTER = "window/splitter"
#: After the first paint, how long an area not shown yet waits for the bridge to be idle before it
#: is built anyway (a sync or the sandbox's first start may keep the bridge busy for minutes).
AREA_WAIT_MS = 1000
AREA_POLL_MS = 15


class MainWindow(QMainWindow):
    """The console's window. Call :meth:`start` once after construction.

    The areas come from :data:`app.views.area_registry.AREAS`; each page is also an attribute of
    the window, named by its spec (typed here). Only the area shown first is built before the
    window is shown; the others right after its first paint, one per turn of the event loop
    (a lazy one on its first visit), or when the attribute is first read (issue 17).

    Signals: ``newWindowRequested(Target)`` (Profile > Open in New Window: the console opens that
    profile in a window of its own, :class:`app.views.windows.ConsoleWindows`) and ``closed()``."""

    newWindowRequested = Signal(object)
    closed = Signal()

    dashboard: DashboardView
    orders: OrdersArea
    supervision: SupervisionView
    demands: DemandsView
    bills: BillsView
    partner: PartnerView
    charts: ChartsView
    invoices: InvoicesView
    outbox_view: OutboxView
    deadlines: DeadlinesView
    integration: IntegrationView

    def __init__(
        self,
        workspace: Workspace,
        sync: SyncController,
        bridge: Bridge,
        translations: Translations,
        state: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self.sync = sync
        self.bridge = bridge
        self.translations = translations
        self.state = state
        self._sync_when_ready = False
        self._first_sync_pending = False
        self._dialogs: list[QWidget] = []
        self._banner_source = ""

        self.profiles = ProfileSwitcher(workspace, bridge, self)
        self.profiles.profileCreated.connect(self._on_profile_created)
        self.profiles.problem.connect(self._on_problem)
        self.banner = Banner(self)
        self.banner.actionTriggered.connect(self._on_banner_action)
        self.first_run = FirstRunPage(self)
        self.first_run.connectRequested.connect(self.new_profile)
        self.first_run.exploreRequested.connect(self._explore_sandbox)
        self.connect_strip = ConnectStrip(self)
        self.connect_strip.connectRequested.connect(self.new_profile)
        self.connect_strip.hide()
        self.outbox_controller = OutboxController(
            bridge, workspace, sync, timeout_s=workspace.settings.load().http_timeout_s, parent=self
        )
        context = AreaContext(bridge, workspace, state, sync, self.outbox_controller)
        self.areas = Areas.build(context, self, self, first=str(state.value(LAST_AREA, "dashboard")))
        self.areas.on_built = self._area_built

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        icon = round(self.fontMetrics().height() * 1.25)  # follows the font, so DPI and zoom
        self.nav.setIconSize(QSize(icon, icon))
        self.nav.setUniformItemSizes(True)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("areaPages")
        for area in self.areas:
            QListWidgetItem(self.nav)
            self.pages.addWidget(area.holder)
            if area.built is not None and area.spec.title_changed is not None:
                area.spec.title_changed(area.built).connect(self._retranslate_nav)
        self.nav.currentRowChanged.connect(self._on_nav)
        self._list_areas(workspace.target)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        em = self.fontMetrics().horizontalAdvance("M")
        self.splitter.setSizes([em * 12, em * 60])
        self.central = QStackedWidget(self)
        self.central.addWidget(self.first_run)
        self.central.addWidget(self.splitter)
        host = QWidget(self)
        layout = QVBoxLayout(host)
        margin = self.fontMetrics().height() // 3
        layout.setContentsMargins(margin, margin, margin, 0)
        layout.setSpacing(margin)
        layout.addWidget(self.banner)
        layout.addWidget(self.connect_strip)
        layout.addWidget(self.central, 1)
        self.central.currentChanged.connect(lambda _index: self._update_connect_strip())
        self.setCentralWidget(host)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.status = SyncStatus(sync, workspace, self.statusBar())
        self.outbox_status = OutboxStatus(self.outbox_controller, self.statusBar())
        self.outbox_status.openRequested.connect(lambda: self.show_area(self._area_index("outbox")))
        self.outbox_controller.problemChanged.connect(self._on_outbox_problem)

        workspace.targetChanged.connect(self._on_target)
        workspace.engineChanged.connect(self._on_engine)
        workspace.sandboxStateChanged.connect(self._on_sandbox_state)
        workspace.cacheFailed.connect(self._on_cache_failed)
        workspace.cacheRescued.connect(self._on_cache_rescued)
        workspace.openElsewhere.connect(lambda _t: self.profiles.reload())
        sync.finished.connect(self._on_sync_finished)
        sync.stateChanged.connect(self._update_actions)
        self._default_size()
        self.retranslate()
        self._painted = False
        self._area_wait = QElapsedTimer()
        self.installEventFilter(self)

    def __getattr__(self, name: str) -> Any:
        """A lazy area's page (``window.charts``), built on this first read."""
        areas = self.__dict__.get("areas")
        page = areas.page_named(name) if areas is not None else None
        if page is None:
            raise AttributeError(name)
        return page

    # -- construction ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(
            name: str,
            slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            icon: str | None = None,
        ) -> QAction:
            act = QAction(self)
            act.setObjectName(name)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            if icon:
                act.setIcon(themed_icon(icon, self.palette()))
            self.addAction(act)
            return act

        self.sync_action = action(
            "syncAction", self.start_sync, QKeySequence.StandardKey.Refresh, "sync"
        )
        self.sync_action.setShortcuts([QKeySequence("F5"), QKeySequence("Ctrl+R")])
        self.cancel_action = action("cancelSyncAction", self.sync.cancel, None, "cancel")
        self.find_action = action(
            "findAction", self.focus_search, QKeySequence.StandardKey.Find, "search"
        )
        self.find_action.setShortcuts([QKeySequence("Ctrl+F")])
        self.welcome_action = action("welcomeAction", self.show_first_run)
        self.settings_action = action("settingsAction", self.open_settings, "Ctrl+,", "settings")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = action("quitAction", self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.guide_action = action(
            "guideAction", self._open_guide, QKeySequence.StandardKey.HelpContents
        )
        self.report_action = action("reportProblemAction", self.report_problem)
        self.about_action = action("aboutAction", self._show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = action("aboutQtAction", QCoreApplication.instance().aboutQt)  # type: ignore[union-attr]
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)
        self.area_actions: list[QAction] = []
        for n, area in enumerate(self.areas[:9]):
            act = action(
                f"areaAction_{area.key}", partial(self.show_area, n), f"Ctrl+{n + 1}", area.icon
            )
            self.area_actions.append(act)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = bar
        bar.addWidget(self.profiles.label)
        bar.addWidget(self.profiles.combo)
        bar.addSeparator()
        bar.addAction(self.sync_action)
        bar.addAction(self.cancel_action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search = SearchBox(self.bridge, self)
        self.search.openRequested.connect(self.open_record)
        bar.addWidget(self.search)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        """Menus are filled here and titled in :meth:`retranslate`; None is a separator."""

        def menu(*actions: QAction | None) -> QMenu:
            built = self.menuBar().addMenu("")
            for act in actions:
                if act is None:
                    built.addSeparator()
                else:
                    built.addAction(act)
            return built

        p = self.profiles
        self.export_orders_action = OrdersExportAction(self)
        self.import_action = ImportAction(self)
        self.file_menu = menu(self.import_action, self.export_orders_action, None,
                              self.settings_action, None, self.quit_action)
        self.profile_menu = menu(p.new_action, p.edit_action, p.delete_action, None)
        # 专属优惠 and partner demands are a partner profile's; a seller watches its shop beside
        # them: each profile in a window of its own (own cache, sync and outbox).
        self.new_window_menu = QMenu(self)
        self.new_window_menu.setObjectName("newWindowMenu")
        self.new_window_menu.aboutToShow.connect(self._fill_new_window_menu)
        self.profile_menu.addMenu(self.new_window_menu)
        self.view_menu = menu(*self.area_actions, None, self.find_action)
        self.sync_menu = menu(self.sync_action, self.cancel_action, None, self.welcome_action)
        self.help_menu = menu(self.guide_action, self.report_action, None, self.about_action,
                              self.about_qt_action)

    # -- starting --------------------------------------------------------------------------------

    def _default_size(self) -> None:
        """Three quarters of the screen (a restored geometry replaces it in :meth:`start`)."""
        screen = self.screen().availableGeometry()
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(
            max(min(em * 90, screen.width()), screen.width() * 3 // 4),
            max(min(self.fontMetrics().height() * 40, screen.height()), screen.height() * 3 // 4),
        )

    def _fill_new_window_menu(self) -> None:
        """The targets another window can show: the sandbox and every profile but this one's."""
        menu = self.new_window_menu
        menu.clear()
        current = self.workspace.target
        try:
            profiles = self.workspace.profiles.list()
        except ProfileError:
            profiles = []
        for target in [SANDBOX, *(Target(p) for p in profiles)]:
            if current is not None and target.key == current.key:
                continue
            name = translate("ProfileSwitcher", "Sandbox (built-in)") if target.profile is None \
                else target.profile.name
            act = menu.addAction(name)
            act.setObjectName(f"newWindow:{target.key}")
            act.triggered.connect(lambda _c=False, t=target: self.newWindowRequested.emit(t))

    def start(self, target: Target | None = None) -> None:
        """Restore the window's state and open ``target`` (by default the initial one: the last
        profile or the sandbox)."""
        window_state = self.state.value(WINDOW_STATE)
        if window_state is not None:
            self.restoreState(window_state)
        splitter = self.state.value(SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self.areas.restore_state()
        keys = [a.key for a in self.areas]
        last = str(self.state.value(LAST_AREA, "dashboard"))
        self.show_area(keys.index(last) if last in keys else 0)
        self.profiles.reload()
        if target is None:
            target = self.workspace.initial_target()
            first_run = self._wants_first_run(target)
        else:
            first_run = False
        self.central.setCurrentWidget(self.first_run if first_run else self.splitter)
        if first_run:
            # A first start needs no click: the welcome page shows the sandbox being prepared,
            # then the first sync starts by itself and the dashboard fills in as pages land.
            self._sync_when_ready = True
            self._first_sync_pending = True
        self.workspace.open(target)
        self._update_connect_strip()
        geometry = self.state.value(GEOMETRY)  # last: opening a target may adjust the layout
        if geometry is not None:
            self.restoreGeometry(geometry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The window's first paint: the rest of the start may run now (:meth:`_after_shown`)."""
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.removeEventFilter(self)
            self._area_wait.start()
            QTimer.singleShot(0, self, self._after_shown)
        return False

    def _after_shown(self) -> None:
        """After the first paint, what the first usable window did not need, one piece per turn
        of the event loop (so the window answers in between): the areas not shown yet, so their
        titles count records (issue 17: the window under 1.5 s). Each waits until the bridge is
        idle, at most :data:`AREA_WAIT_MS`: the cache opens and the area shown fills in first
        (they share the interpreter with whatever is built here), then the next area's queries
        run before the one after it is built."""
        if not self.areas.pending():
            return
        if self.bridge.is_busy() and self._area_wait.elapsed() < AREA_WAIT_MS:
            QTimer.singleShot(AREA_POLL_MS, self, self._after_shown)
            return
        self.areas.build_next()
        self._area_wait.start()
        QTimer.singleShot(0, self, self._after_shown)

    def _area_built(self, area: Area) -> None:
        """An area built after the window: its title follows its counts from now on."""
        if area.spec.title_changed is not None:
            area.spec.title_changed(area.page).connect(self._retranslate_nav)
        self._retranslate_nav()

    def _wants_first_run(self, target: Target) -> bool:
        if not target.is_sandbox or bool(self.state.value(FIRST_RUN_DONE, False, type=bool)):
            return False
        try:
            return not self.workspace.profiles.names()
        except ProfileError:
            return True

    # -- areas -----------------------------------------------------------------------------------

    def show_area(self, index: int) -> None:
        """Show area ``index`` (Ctrl+1..9), leaving the first-run page if it is shown."""
        if not 0 <= index < len(self.areas):
            return
        self.central.setCurrentWidget(self.splitter)
        self.nav.setCurrentRow(index)
        self.pages.setCurrentIndex(index)

    def current_area(self) -> str:
        return self.areas[self.pages.currentIndex()].key

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(self.areas):
            self.pages.setCurrentIndex(row)
            self.state.setValue(LAST_AREA, self.areas[row].key)

    def focus_search(self) -> None:
        """Ctrl+F: in an area with its own search (Orders), that search first; pressed again (or
        anywhere else), the console-wide search for orders, tasks and demands."""
        area = self.areas[self.pages.currentIndex()]
        own_search = area.spec.own_search if self.central.currentWidget() is self.splitter else None
        if own_search is not None and own_search(area.page):
            return
        self.search.focus_and_select()

    def open_record(self, kind: str, record_id: str) -> None:
        """Open a record in the area that shows its kind (an order in Orders, a supervision task
        in Supervision...), other kinds in a read-only details dialog."""
        engine = self.workspace.engine
        if engine is None:
            return
        opening = self.areas.opening(kind)
        if opening is not None:
            index, area, route = opening
            if route.show:
                self.show_area(index)
            route.open(area.page, record_id)
            return
        dialog = RecordDetailsDialog(self.bridge, engine, kind, record_id, self)
        self._show_dialog(dialog)

    def _area_index(self, key: str) -> int:
        return self.areas.row(key)

    def open_tile(self, tile_value: str) -> None:
        """A dashboard tile: the area that shows its records, else a list of them."""
        tile = Tile(tile_value)
        engine = self.workspace.engine
        if engine is None:
            return
        showing = self.areas.showing(tile)
        if showing is not None:
            index, area, show = showing
            self.show_area(index)
            show(area.page)
            return
        dialog = RecordListDialog(self.bridge, engine, tile, self)
        dialog.openRequested.connect(self.open_record)
        self._show_dialog(dialog)

    def open_rows(self, area: str, key: dict[str, Any]) -> None:
        """A chart's click-through: ``area`` showing the rows ``key`` describes."""
        from app.views.charts import navigate

        navigate.open_rows(self, area, key)

    def _show_dialog(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self._forget(d))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _forget(self, dialog: QWidget) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)

    def open_dialogs(self) -> list[QWidget]:
        """The non-modal dialogs open now (record details and lists)."""
        return list(self._dialogs)

    # -- sync ------------------------------------------------------------------------------------

    def start_sync(self) -> None:
        """F5: sync now (a second request while one runs does nothing)."""
        if self.workspace.engine is None:
            self._sync_when_ready = True
            return
        self.sync.sync()

    def _explore_sandbox(self) -> None:
        self.state.setValue(FIRST_RUN_DONE, True)
        self.show_area(self._area_index("dashboard"))
        self.start_sync()

    def show_first_run(self) -> None:
        """Show the welcome page again (from the Sync menu)."""
        self.central.setCurrentWidget(self.first_run)

    def _on_sync_finished(self, outcome: SyncOutcome) -> None:
        if outcome.failure is None:
            if self._banner_source == "sync":
                self.banner.dismiss()
            return
        failure = outcome.failure
        target = self.workspace.target
        action: tuple[str, Callable[[], str]] | None = None
        if failure.needs_profile_fix and target is not None and not target.is_sandbox:
            action = ("edit_profile", lambda: translate("MainWindow", "Edit Profile…"))
        elif failure.kind in (FailureKind.UNREACHABLE, FailureKind.FAULTS):
            action = ("sync", lambda: translate("MainWindow", "Try Again"))
        level = Banner.WARNING if failure.kind is FailureKind.UNREACHABLE else Banner.ERROR
        self._banner_source = "sync"
        self.banner.show_message(level, failure.headline, failure.details, action)

    def _on_outbox_problem(self, problem: OutboxProblem | None) -> None:
        """A refused key (or no connection) stops the outbox: say so, with the fix. Offline is
        the sync's banner; the outbox just waits."""
        if problem is None or problem.kind == "offline":
            if self._banner_source == "outbox":
                self.banner.dismiss()
            return
        target = self.workspace.target
        action: tuple[str, Callable[[], str]] = (
            "outbox_send",
            lambda: translate("MainWindow", "Try Again"),
        )
        if problem.kind == "auth" and target is not None and not target.is_sandbox:
            action = ("edit_profile", lambda: translate("MainWindow", "Edit Profile…"))
        self._banner_source = "outbox"
        self.banner.show_message(Banner.ERROR, problem.headline, problem.details, action)

    def _on_cache_failed(self, message: str, can_start_fresh: bool) -> None:
        action = (
            ("fresh_cache", lambda: translate("MainWindow", "Start a Fresh Cache"))
            if can_start_fresh
            else ("reopen", lambda: translate("MainWindow", "Try Again"))
        )
        self._banner_source = "cache"
        self.banner.show_message(
            Banner.ERROR,
            lambda: translate("MainWindow", "The local cache could not be opened."),
            message,
            action,
        )

    def _on_cache_rescued(self, message: str, complete: bool) -> None:
        self._banner_source = "cache"
        self.banner.show_message(
            Banner.INFO if complete else Banner.WARNING, lambda: message)

    def _on_banner_action(self, action: str) -> None:
        self.banner.dismiss()
        if action == "edit_profile":
            self.edit_profile()
        elif action == "sync":
            self.start_sync()
        elif action == "outbox_send":
            self.outbox_controller.send_now()
        elif action == "fresh_cache":
            self.workspace.start_fresh_cache()
        elif action == "reopen":
            self.workspace.reopen()

    # -- workspace -------------------------------------------------------------------------------

    def _list_areas(self, target: Target | None) -> None:
        """Some areas are listed for some targets only (Partner: the partner role)."""
        for index, area in enumerate(self.areas):
            if area.spec.listed is not None:
                self.nav.item(index).setHidden(not area.spec.listed(target))

    def _on_target(self, target: Target) -> None:
        self._list_areas(target)
        self.search.set_engine(None)
        self.areas.follow(None)
        self.areas.target_changed(target)
        if self._banner_source in ("sync", "cache"):
            self.banner.dismiss()
        self._retranslate_title()
        self._update_actions()
        self._update_connect_strip()

    def _update_connect_strip(self) -> None:
        """Show "Connect Your Account…" above the areas while they show the sandbox's demo data
        and there is no profile yet (the welcome page says it itself)."""
        target = self.workspace.target
        wanted = (target is not None and target.is_sandbox
                  and self.central.currentWidget() is not self.first_run)
        if wanted:
            try:
                wanted = not self.workspace.profiles.names()
            except ProfileError:
                wanted = True
        self.connect_strip.setVisible(wanted)

    def _on_engine(self, engine: Engine | None) -> None:
        self.search.set_engine(engine)
        self.areas.follow(engine)
        if engine is not None and self._sync_when_ready:
            self._sync_when_ready = False
            started = self.sync.sync()
            if started and self._first_sync_pending:
                self._first_sync_started()
        self._update_actions()

    def _first_sync_started(self) -> None:
        """The sandbox's first sync started by itself: leave the welcome page for the dashboard
        (unless the user went somewhere else meanwhile), which fills in as the pages land."""
        self._first_sync_pending = False
        target = self.workspace.target
        if target is None or not target.is_sandbox:
            return
        self.state.setValue(FIRST_RUN_DONE, True)
        if self.central.currentWidget() is self.first_run:
            self.show_area(self._area_index("dashboard"))

    def _on_sandbox_state(self, state: str) -> None:
        self.first_run.set_sandbox_state(state, self._sandbox_orders())
        if state == SANDBOX_FAILED:
            self._sync_when_ready = False
            self._first_sync_pending = False

    def _sandbox_orders(self) -> int:
        try:
            return self.workspace.sandbox.plan().orders
        except OSError:
            return 0

    # -- profiles --------------------------------------------------------------------------------

    def new_profile(self) -> None:
        self.profiles.new_profile()

    def edit_profile(self) -> None:
        self.profiles.edit_profile()

    @property
    def profile_dialog(self) -> ProfileDialog | None:
        """The profile dialog opened last (for tests)."""
        return self.profiles.profile_dialog

    def _on_profile_created(self, profile: Profile) -> None:
        self._first_sync_pending = False
        self.state.setValue(FIRST_RUN_DONE, True)
        self.central.setCurrentWidget(self.splitter)
        self.connect_strip.hide()
        self._sync_when_ready = True
        self.workspace.open(Target(profile))
        self.statusBar().showMessage(
            translate("MainWindow", "Profile “%1” saved; syncing it now.").replace("%1", profile.name), 8000
        )

    def _on_problem(self, headline: Callable[[], str], details: str) -> None:
        self._banner_source = "profiles"
        self.banner.show_message(Banner.ERROR, headline, details)

    # -- settings and help ----------------------------------------------------------------------

    def _open_guide(self) -> None:
        from app.views.help import open_user_guide

        open_user_guide(self)

    def _show_about(self) -> None:
        from app.views.help import show_about

        show_about(self)

    def open_settings(self) -> None:
        from app.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace.settings, self.workspace.paths, self,
                                credentials=self.workspace.credentials)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._apply_settings)
        self.settings_dialog = dialog
        dialog.open()

    def report_problem(self) -> ReportProblemDialog:
        """Help → Report a problem…: the ZIP for IT staff, and where it is."""
        from app.views.report_problem import ReportProblemDialog

        dialog = ReportProblemDialog(self.bridge, self.workspace.paths, self.workspace.profiles,
                                     self.workspace.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report_dialog = dialog
        dialog.open()
        return dialog

    def _apply_settings(self, settings: object) -> None:
        if not isinstance(settings, Settings):
            return
        self.translations.apply(settings.language)
        self.sync.set_interval(settings.sync_interval_minutes)
        self.sync.set_timeout(settings.http_timeout_s)
        self.outbox_controller.set_timeout(settings.http_timeout_s)
        self.areas.apply_settings(settings)

    # -- Qt --------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._refresh_icons()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.state.setValue(GEOMETRY, self.saveGeometry())
        self.state.setValue(WINDOW_STATE, self.saveState())
        self.state.setValue(SPLITTER, self.splitter.saveState())
        self.areas.save_state()
        self.state.sync()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    # -- texts -----------------------------------------------------------------------------------

    def _update_actions(self, *_args: object) -> None:
        self.profiles.update_actions()
        self.cancel_action.setEnabled(self.sync.running)
        self.sync_action.setEnabled(not self.sync.running)

    def _refresh_icons(self) -> None:
        icons = {
            self.sync_action: "sync",
            self.cancel_action: "cancel",
            self.find_action: "search",
            self.settings_action: "settings",
        }
        for act, name in icons.items():
            act.setIcon(themed_icon(name, self.palette()))
        for n, area in enumerate(self.areas):
            icon = themed_icon(area.icon, self.palette())
            self.nav.item(n).setIcon(icon)
            if n < len(self.area_actions):
                self.area_actions[n].setIcon(icon)
        self.profiles.refresh_icons()

    def _retranslate_title(self) -> None:
        target = self.workspace.target
        app_name = translate("MainWindow", "KooGallery Seller Console")
        # Qt appends the display name to every window title: in the interface language too.
        QGuiApplication.setApplicationDisplayName(app_name)
        if target is None:
            self.setWindowTitle(app_name)
        elif target.profile is None:
            self.setWindowTitle(translate("MainWindow", "%1 — Sandbox").replace("%1", app_name))
        else:
            self.setWindowTitle(f"{app_name} — {target.profile.name}")

    def retranslate(self) -> None:
        self._retranslate_title()
        self.profiles.retranslate()
        self.sync_action.setText(translate("MainWindow", "&Sync Now"))
        self.sync_action.setToolTip(translate("MainWindow", "Fetch what changed on the marketplace (F5)"))
        self.cancel_action.setText(translate("MainWindow", "&Cancel Sync"))
        self.cancel_action.setToolTip(translate("MainWindow", "Stop the sync after the current page"))
        self.find_action.setText(translate("MainWindow", "&Find…"))
        self.welcome_action.setText(translate("MainWindow", "Show &Welcome Page"))
        self.settings_action.setText(translate("MainWindow", "&Settings…"))
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.guide_action.setText(translate("MainWindow", "&User Guide"))
        self.report_action.setText(translate("MainWindow", "&Report a Problem…"))
        self.about_action.setText(translate("MainWindow", "&About KooGallery Seller Console"))
        self.about_qt_action.setText(translate("MainWindow", "About &Qt"))
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.profile_menu.setTitle(translate("MainWindow", "&Profile"))
        self.new_window_menu.setTitle(translate("MainWindow", "Open in &New Window"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.sync_menu.setTitle(translate("MainWindow", "S&ync"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Toolbar"))
        self._retranslate_nav()
        self._update_actions()

    def _retranslate_nav(self) -> None:
        for n, area in enumerate(self.areas):
            item = self.nav.item(n)
            item.setText(area.title())
            # An area whose title carries numbers may say what they mean (Supervision).
            tooltip = getattr(area.built, "title_tooltip", None)
            item.setToolTip(tooltip() if callable(tooltip) else "")
            item.setIcon(themed_icon(area.icon, self.palette()))
            if n < len(self.area_actions):
                self.area_actions[n].setText(area.title())
        # Wide enough for the longest title ("Orders (20,010)") in any language.
        fm = self.nav.fontMetrics()
        longest = max(
            fm.horizontalAdvance(self.nav.item(n).text()) for n in range(self.nav.count())
        )
        padding = fm.height() * 2 + self.nav.frameWidth() * 2
        self.nav.setMinimumWidth(longest + self.nav.iconSize().width() + padding)
