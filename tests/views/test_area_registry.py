"""The area registry (one entry per area of the window) and the typed context areas are built with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.models import db
from app.services.figures.dashboard import Tile
from app.services.marketplace.credentials import CredentialStore
from app.views.area_registry import AREAS, Area, Areas, target_name
from app.views.bridge import Bridge
from app.views.context import AreaContext, AreaWorkspace
from app.views.icons import resources_dir
from app.views.workspace import SANDBOX, Target, Workspace
from tests.support.cache_workspace import CacheWorkspace

pytestmark = pytest.mark.gui

NAVIGATION = ["dashboard", "orders", "supervision", "demands", "bills", "partner", "charts",
              "invoices", "outbox", "deadlines", "integration"]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    yield eng
    eng.dispose()


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


def placeholder_areas(qtbot: QtBot) -> Areas:
    """The registry's specs over empty pages: enough to test the routing."""
    areas = Areas()
    for spec in AREAS:
        page = QWidget()
        qtbot.addWidget(page)
        areas.append(Area(spec, page))
    return areas


def test_the_areas_are_listed_once_in_navigation_order() -> None:
    assert [spec.key for spec in AREAS] == NAVIGATION
    names = [spec.name for spec in AREAS]
    assert len(set(names)) == len(names)
    assert names[NAVIGATION.index("outbox")] == "outbox_view"
    for spec in AREAS:
        assert (resources_dir() / "icons" / f"{spec.icon}.svg").is_file(), spec.key


def test_records_and_tiles_open_in_one_area_each(qtbot: QtBot) -> None:
    areas = placeholder_areas(qtbot)
    kinds = [kind for spec in AREAS for kind in spec.opens]
    assert len(set(kinds)) == len(kinds)
    expected = {"order": ("orders", True), "supervision_task": ("supervision", True),
                "demand": ("demands", True), "invoice_notice": ("invoices", True),
                "billing_diagnosis": ("bills", False),  # the diagnosis is a dialog over any area
                "interface_message": ("integration", True)}
    for kind, (key, shown) in expected.items():
        opening = areas.opening(kind)
        assert opening is not None
        row, area, route = opening
        assert (row, area.key, route.show) == (areas.row(key), key, shown)
    assert areas.opening("bill") is None  # a read-only details dialog
    showing = areas.showing(Tile.ORDERS_IN_PROGRESS)
    assert showing is not None and showing[1].key == "orders"
    assert areas.showing(Tile.TASKS_WAITING) is None  # a list of the tile's records


def test_only_the_partner_area_depends_on_the_target() -> None:
    partner = Target(Profile(name="p", endpoint="https://127.0.0.1:9", access_key="k",
                             role="partner"))
    listed = {spec.key: spec.listed for spec in AREAS if spec.listed is not None}
    assert list(listed) == ["partner"]
    assert [listed["partner"](t) for t in (None, SANDBOX, partner)] == [False, False, True]
    assert target_name(SANDBOX) == "the sandbox" and target_name(partner) == "p"


def test_the_workspace_and_the_tests_stand_in_are_area_workspaces(
    qtbot: QtBot, tmp_path: Path, engine: Engine, bridge: Bridge
) -> None:
    paths = AppPaths.under(tmp_path / "home")
    workspace = Workspace(paths, ProfileStore(paths), CredentialStore(), SettingsStore(paths),
                          bridge)
    assert isinstance(workspace, AreaWorkspace)
    assert isinstance(CacheWorkspace(engine, tmp_path), AreaWorkspace)


@pytest.mark.parametrize("key", ["supervision", "demands", "bills", "partner", "charts", "invoices"])
def test_an_area_is_built_from_the_context_alone(
    qtbot: QtBot, tmp_path: Path, engine: Engine, bridge: Bridge, key: str
) -> None:
    """The same factory the window uses builds the area over the tests' stand-in."""
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    none: Any = None  # these areas use neither the sync nor the outbox sender
    context = AreaContext(bridge, CacheWorkspace(engine, tmp_path), state, none, none)
    spec = AREAS[NAVIGATION.index(key)]
    host = QWidget()
    qtbot.addWidget(host)
    page = spec.build(context, host)
    assert page.parent() is host
    assert spec.title(page)
    # Titled before it is built (issue 17): the view's own title before it has counted.
    assert spec.title(None) == type(page).title(page)
    if spec.lazy:
        assert spec.title_changed is None
    bridge.wait_idle()


def test_every_area_is_titled_before_its_page_is_built() -> None:
    """Issue 17: only the area shown first is built before the window is painted; the navigation
    names the others meanwhile, without their pages (and without importing their views)."""
    titles = [spec.title(None) for spec in AREAS]
    assert titles == ["Dashboard", "Orders", "Supervision", "Demands", "Bills", "Partner",
                      "Charts", "Invoices", "Outbox", "Deadlines", "Integration"]


def test_the_area_shown_first_is_built_and_the_others_when_asked(
    qtbot: QtBot, tmp_path: Path, engine: Engine, bridge: Bridge
) -> None:
    """``Areas.build(first=...)`` builds that page only; ``build_next`` builds the others one at
    a time in navigation order (not the lazy ones), each handed the current cache when built."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QStackedWidget

    class Sync(QObject):  # what the dashboard asks of the sync
        stateChanged = Signal()  # noqa: N815 - a Qt signal
        running = False

    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    sync: Any = Sync()
    none: Any = None
    context = AreaContext(bridge, CacheWorkspace(engine, tmp_path), state, sync, none)
    window = QWidget()
    qtbot.addWidget(window)
    host: Any = type("Host", (), dict.fromkeys(("open_record", "open_tile", "open_rows", "start_sync"), print))()
    areas = Areas.build(context, window, host, first="dashboard")
    stack = QStackedWidget(window)  # the pages' places, as in the window
    for area in areas:
        stack.addWidget(area.holder)
    assert [a.key for a in areas if a.built is not None] == ["dashboard"]
    assert [a.key for a in areas.pending()] == ["orders", "supervision", "demands", "outbox",
                                                  "deadlines", "integration"]
    announced: list[str] = []
    areas.on_built = lambda area: announced.append(area.key)
    assert areas.build_next()  # Orders, handed the open cache as it is built
    assert announced == ["orders"]
    assert window.orders.view is not None  # type: ignore[attr-defined]
    assert areas.build_next() and areas.build_next()  # (the Outbox needs the window's sender)
    assert announced == ["orders", "supervision", "demands"]
    assert [a.key for a in areas.pending()] == ["outbox", "deadlines", "integration"]
    # Lazy areas wait for their visit; any area is built when first asked for.
    assert areas.page_named("charts") is not None and announced[-1] == "charts"
    assert [a.key for a in areas.pending()] == ["outbox", "deadlines", "integration"]


def test_every_area_keeps_its_tables_and_splitters(
    qtbot: QtBot, tmp_path: Path, engine: Engine, bridge: Bridge
) -> None:
    """An area without a layout of its own (Bills here) gets its named columns and splitters
    saved on close and restored on the next start, and restored columns are not refitted."""
    from PySide6.QtWidgets import QSplitter, QTableView

    from app.views.common.tables import fit_columns

    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    none: Any = None
    context = AreaContext(bridge, CacheWorkspace(engine, tmp_path), state, none, none)
    spec = AREAS[NAVIGATION.index("bills")]

    hosts: list[QWidget] = []  # keep each window alive until the end

    def build() -> tuple[Areas, QTableView, QSplitter]:
        host = QWidget()
        hosts.append(host)
        qtbot.addWidget(host)
        host.resize(900, 700)
        areas = Areas()
        areas.state = state
        page = spec.build(context, host)
        areas.append(Area(spec, page))
        host.show()
        table = page.findChild(QTableView, "billsTable")
        splitter = page.findChild(QSplitter, "billsSplitter")
        assert table is not None and splitter is not None
        return areas, table, splitter

    areas, table, splitter = build()
    table.horizontalHeader().resizeSection(0, 211)
    splitter.setSizes([150, 450])
    sizes = splitter.sizes()
    areas.save_state()
    state.sync()
    bridge.wait_idle()

    areas, table, splitter = build()
    areas.restore_state()
    assert table.horizontalHeader().sectionSize(0) == 211
    assert splitter.sizes() == sizes
    fit_columns(table)  # a reset of the model refits only tables without a restored layout
    assert table.horizontalHeader().sectionSize(0) == 211
    bridge.wait_idle()


def test_an_area_built_after_the_window_starts_from_the_current_state(
    qtbot: QtBot, tmp_path: Path, engine: Engine, bridge: Bridge
) -> None:
    """Issue 17: the dashboard built after the first paint while the first sync runs already
    says so (it heard no ``stateChanged`` of that sync), as one built before it would."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QStackedWidget

    class Sync(QObject):
        stateChanged = Signal()  # noqa: N815 - a Qt signal
        running = True

    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    sync: Any = Sync()
    none: Any = None
    context = AreaContext(bridge, CacheWorkspace(engine, tmp_path), state, sync, none)
    window = QWidget()
    qtbot.addWidget(window)
    host: Any = type("Host", (), dict.fromkeys(
        ("open_record", "open_tile", "open_rows", "start_sync"), print))()
    areas = Areas.build(context, window, host, first="orders")
    stack = QStackedWidget(window)
    for area in areas:
        stack.addWidget(area.holder)
    assert areas.build_next()  # the dashboard
    dashboard: Any = areas[areas.row("dashboard")].built
    assert dashboard is not None
    assert not dashboard.sync_button.isVisibleTo(dashboard)
    assert dashboard.empty_text.text().startswith("The first sync is running")
