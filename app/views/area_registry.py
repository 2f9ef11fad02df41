"""The areas of the main window, in navigation order: one :class:`AreaSpec` per area in :data:`AREAS`.

The window (:mod:`app.views.main_window`) knows no area by hand. It builds every entry of
``AREAS`` in order, lists it in the navigation (with ``Ctrl+1``..``Ctrl+9`` for the first nine and
a View-menu entry), puts its page on the stack, keeps the page as the window attribute
``spec.attribute`` (``window.orders``, ``window.outbox_view``; the charts' click-through, the
exports and the tests reach areas there) and treats it through the spec only.

The protocol between the window and an area
-------------------------------------------
An area is a ``QWidget`` built by ``build(context, parent)``. :class:`~app.views.context.AreaContext`
is all it gets: the bridge, the workspace as an :class:`~app.views.context.AreaWorkspace` (the
current cache and ``engineChanged``, the target, paths, settings, the marketplace connector), the
window-state ``QSettings`` (its columns and splitters), the sync and the outbox sender. An area
follows the cache itself (``workspace.engineChanged``) and queries through the bridge.

What the window asks of an area, all in its spec (only ``key``, ``icon``, ``build`` and ``title``
are required; the rest says what the area takes part in):

``title(page)``
    The navigation text, translated now ("Orders (20,010)"); asked again after
    ``title_changed(page)`` fires and after a language switch.
``connect(page, host)``
    Connects the page's requests to the window (:class:`AreaHost`): open a record
    (``openRecord(kind, id)``), a dashboard tile, a chart's rows, start a sync.
``opens``
    The record kinds this area shows (``{"order": Route(OrdersArea.open_order)}``): a search hit,
    a dashboard list or another area asking to open one comes here (``show=False``: the area opens
    it without being shown, e.g. in a dialog). Kinds no area opens get a read-only details dialog.
``tiles``
    The dashboard tiles that open this area (the others open a list of their records).
``listed(target)``
    Whether the area is in the navigation for a target (only Partner: for the partner role).
``follow(page, engine)``
    For an area that does not follow the workspace itself: the window passes it each cache.
``target_changed(page, target)``
    Told when the user switches to another profile or the sandbox.
``restore_state(page)`` / ``save_state(page)``
    Called when the window restores its state on start and saves it on close. An area without
    them gets :func:`~app.views.common.tables.restore_layout` / ``save_layout`` under its key:
    the columns of its named tables and the sizes of its named splitters.
``own_search(page)``
    ``Ctrl+F`` in this area focuses the area's own search first; returns False when that search
    already has the focus (``Ctrl+F`` again: the console-wide search).
``apply_settings(page, settings)``
    The user applied the settings dialog.
``lazy``
    The page is built on its first visit (or when a record, a tile or ``window.<attribute>`` first
    needs it) rather than right after the window is first painted (see below).

When pages are built
--------------------
Issue 17 (a usable window under 1.5 s): only the area the window shows first (the one the last
session ended on) is built before the window is shown. The other areas are built right after the
window's first paint, one per turn of the event loop (:meth:`Areas.build_next`), so their titles
still count records without a visit; a ``lazy`` area waits for its first visit. Any page is built
at once when it is shown, or when a record, a tile or ``window.<attribute>`` needs it first.
Until then the navigation shows ``title(None)`` (so every title must work without the page: the
plain name, as the view says it before it has counted), the page follows nothing and keeps no
state; built, it is handed the current target and cache (``target_changed``, ``follow``; a view
that follows the workspace itself reads them), its state is restored and ``connect`` is called.
``build`` imports the view's module then (``tests/test_startup_imports.py``), so the spec names
the view's methods through the page (``lambda page, id: page.open(id)``) rather than the class.

Adding an area
--------------
1. Write the view (``app/views/<area>/view.py``): a ``QWidget`` whose constructor takes
   ``(bridge, workspace: AreaWorkspace, parent)`` (and ``state`` if it keeps columns), follows
   ``workspace.engineChanged``, has ``title()`` and, if the title shows a count, a
   ``titleChanged`` signal; to open a record elsewhere it emits ``openRecord(kind, id)``.
2. Add its icon to ``resources/icons`` (see :mod:`app.views.icons`).
3. Add one ``AreaSpec`` to :data:`AREAS` at the place it should have in the navigation. Adapt its
   constructor in ``build`` (importing the view there, ``_view(module, name)``, not at the top of
   this module); give ``title(None)`` the view's plain name; say which records it opens in
   ``opens`` (through the page: ``lambda page, id: page.open(id)``).
4. For typed access from outside (``window.<attribute>``), add the attribute and the page's type
   to the annotations at the top of ``MainWindow``. Nothing else in the window changes; the tests
   in ``tests/views/test_area_registry.py`` list the navigation order.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QSettings, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlalchemy import Engine

from app.config.settings import Settings
from app.services.figures.dashboard import Tile
from app.views.common.tables import restore_layout, save_layout
from app.views.context import AreaContext
from app.views.i18n import translate

if TYPE_CHECKING:
    # Every area's view is imported when its page is first built (see "When pages are built").
    from app.views.dashboard import DashboardView
    from app.views.deadlines import DeadlinesView
    from app.views.demands.view import DemandsView  # noqa: F401 - named in a spec's AreaSpec["..."]
    from app.views.integration.view import IntegrationView
    from app.views.invoices.view import InvoicesView
    from app.views.orders.area import OrdersArea
    from app.views.outbox.view import OutboxView  # noqa: F401 - named in a spec's AreaSpec["..."]
    from app.views.supervision.view import SupervisionView  # noqa: F401 - named in a spec's AreaSpec["..."]
    from app.views.workspace import Target

P = TypeVar("P", bound=QWidget)


class AreaHost(Protocol):
    """What an area's ``connect`` may ask of the window."""

    def open_record(self, kind: str, record_id: str) -> None: ...

    def open_tile(self, tile: str) -> None: ...

    def open_rows(self, area: str, key: dict[str, Any]) -> None: ...

    def start_sync(self) -> None: ...


@dataclass(frozen=True)
class Route(Generic[P]):
    """How an area opens one kind of record: ``open(page, record id)``, after showing the area
    unless ``show`` is False."""

    open: Callable[[P, str], object]
    show: bool = True


@dataclass(frozen=True)
class AreaSpec(Generic[P]):
    """One area of the window (see the module's documentation for each field)."""

    key: str
    icon: str
    build: Callable[[AreaContext, QWidget], P]
    title: Callable[[P], str]
    title_changed: Callable[[P], SignalInstance] | None = None
    connect: Callable[[P, AreaHost], object] | None = None
    opens: Mapping[str, Route[P]] = field(default_factory=dict)
    tiles: Mapping[Tile, Callable[[P], object]] = field(default_factory=dict)
    listed: Callable[[Target | None], bool] | None = None
    follow: Callable[[P, Engine | None], None] | None = None
    target_changed: Callable[[P, Target], None] | None = None
    restore_state: Callable[[P], None] | None = None
    save_state: Callable[[P], None] | None = None
    own_search: Callable[[P], bool] | None = None
    apply_settings: Callable[[P, Settings], None] | None = None
    #: The window's attribute for the page; the key when empty.
    attribute: str = ""
    #: Built on the first visit (see the module's documentation).
    lazy: bool = False

    @property
    def name(self) -> str:
        """The window attribute that holds the page."""
        return self.attribute or self.key


class Area:
    """One area of a window: its spec and its page (built when first needed, unless given)."""

    def __init__(self, spec: AreaSpec[Any], page: QWidget | None = None,
                 build: Callable[[], QWidget] | None = None,
                 built: Callable[[Area], None] | None = None) -> None:
        assert page is not None or build is not None
        self.spec = spec
        self._page = page
        self._build = build
        self._announce = built
        #: What goes on the window's page stack: the page, or a holder it is built into.
        self.holder: QWidget = page if page is not None else _Holder(self)

    @property
    def built(self) -> QWidget | None:
        """The page if it is built (None: not built yet)."""
        return self._page

    @property
    def page(self) -> QWidget:
        """The page, built now if it was not."""
        if self._page is None:
            assert self._build is not None
            page = self._build()
            self._page = page
            layout = QVBoxLayout(self.holder)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(page)
            page.show()  # a child added while its holder is being shown is not shown with it
            if self._announce is not None:
                self._announce(self)
        return self._page

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def icon(self) -> str:
        return self.spec.icon

    def title(self) -> str:
        return self.spec.title(self._page)


class _Holder(QWidget):
    """An area's place on the page stack until its page is built; shown, it builds the page."""

    def __init__(self, area: Area) -> None:
        super().__init__()
        self.setObjectName(f"{area.key}Holder")
        self._area = area

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._area.page  # noqa: B018 - builds it
        super().showEvent(event)


class Areas(list[Area]):
    """The areas of one window, in navigation order, and what the window tells them."""

    #: The window-state settings (set by :meth:`build`).
    state: QSettings | None = None
    #: Called with each area whose page is built after :meth:`build` (the window titles it).
    on_built: Callable[[Area], None] | None = None

    @classmethod
    def build(cls, context: AreaContext, window: QWidget, host: AreaHost,
              first: str | None = None) -> Areas:
        """The areas of :data:`AREAS` on ``window``: the page of ``first`` (the area the window
        shows first) built now, the others when first needed or by :meth:`build_next` (see "When
        pages are built"). Each page is kept as the window's attribute ``spec.name``, its requests
        connected to ``host``."""
        built = cls()
        built.state = context.state

        def made(spec: AreaSpec[Any], parent: QWidget) -> QWidget:
            page: QWidget = spec.build(context, parent)
            setattr(window, spec.name, page)
            if spec.connect is not None:
                spec.connect(page, host)
            return page

        def later(spec: AreaSpec[Any]) -> QWidget:
            page = made(spec, window)
            built._restore(spec, page)
            workspace = context.workspace
            if spec.target_changed is not None and workspace.target is not None:
                spec.target_changed(page, workspace.target)
            if spec.follow is not None and workspace.engine is not None:
                spec.follow(page, workspace.engine)
            return page

        def announce(area: Area) -> None:
            if built.on_built is not None:
                built.on_built(area)

        for spec in AREAS:
            if spec.key == first and not spec.lazy:
                built.append(Area(spec, made(spec, window)))
            else:
                built.append(Area(spec, build=partial(later, spec), built=announce))
        return built

    def pending(self) -> list[Area]:
        """The areas :meth:`build_next` still builds (not built yet, not ``lazy``)."""
        return [area for area in self if area.built is None and not area.spec.lazy]

    def build_next(self) -> bool:
        """Build the next area that is built without a visit; False when none is left."""
        waiting = self.pending()
        if waiting:
            waiting[0].page  # noqa: B018 - builds it
        return len(waiting) > 1

    def page_named(self, name: str) -> QWidget | None:
        """The page kept as the window's attribute ``name`` (built now if it is lazy)."""
        for area in self:
            if area.spec.name == name:
                return area.page
        return None

    def row(self, key: str) -> int:
        """The row of the area ``key`` (ValueError if there is none)."""
        return [area.key for area in self].index(key)

    def opening(self, kind: str) -> tuple[int, Area, Route[Any]] | None:
        """Where records of ``kind`` open (None: in a details dialog)."""
        for index, area in enumerate(self):
            route = area.spec.opens.get(kind)
            if route is not None:
                return index, area, route
        return None

    def showing(self, tile: Tile) -> tuple[int, Area, Callable[[Any], object]] | None:
        """The area a dashboard tile opens (None: a list of the tile's records)."""
        for index, area in enumerate(self):
            show = area.spec.tiles.get(tile)
            if show is not None:
                return index, area, show
        return None

    # What the window tells the areas reaches built pages only: a lazy page not built yet reads
    # the current cache, target and settings when it is built.

    def _built(self) -> list[tuple[Area, QWidget]]:
        return [(area, area.built) for area in self if area.built is not None]

    def follow(self, engine: Engine | None) -> None:
        for area, page in self._built():
            if area.spec.follow is not None:
                area.spec.follow(page, engine)

    def target_changed(self, target: Target) -> None:
        for area, page in self._built():
            if area.spec.target_changed is not None:
                area.spec.target_changed(page, target)

    def _restore(self, spec: AreaSpec[Any], page: QWidget) -> None:
        if spec.restore_state is not None:
            spec.restore_state(page)
        elif self.state is not None:
            restore_layout(page, self.state, spec.key)

    def restore_state(self) -> None:
        for area, page in self._built():
            self._restore(area.spec, page)

    def save_state(self) -> None:
        for area, page in self._built():
            if area.spec.save_state is not None:
                area.spec.save_state(page)
            elif self.state is not None:
                save_layout(page, self.state, area.key)

    def apply_settings(self, settings: Settings) -> None:
        for area, page in self._built():
            if area.spec.apply_settings is not None:
                area.spec.apply_settings(page, settings)


# -- adapters ---------------------------------------------------------------------------------------


class _RecordRequests(Protocol):
    @property
    def openRecord(self) -> SignalInstance: ...  # noqa: N802 - a Qt signal


def _forward_records(page: _RecordRequests, host: AreaHost) -> None:
    """The page's ``openRecord(kind, id)`` opens the record where it belongs."""
    page.openRecord.connect(host.open_record)


def target_name(target: Target | None) -> str:
    """How the dashboard names the account: the profile's name or "the sandbox"."""
    if target is None or target.profile is None:
        return translate("MainWindow", "the sandbox")
    return target.profile.name


def _dashboard(context: AreaContext, parent: QWidget) -> DashboardView:
    page: DashboardView = _view("app.views.dashboard", "DashboardView")(context.bridge, parent)
    sync = context.sync
    sync.stateChanged.connect(lambda: page.set_syncing(sync.running))
    page.set_syncing(sync.running)  # built after the window: a sync may be running already
    return page


def _connect_dashboard(page: DashboardView, host: AreaHost) -> None:
    page.tileActivated.connect(host.open_tile)
    page.syncRequested.connect(host.start_sync)


def _orders_search(page: OrdersArea) -> bool:
    if page.search_has_focus():
        return False
    page.focus_search()
    return True


def _view(module: str, name: str) -> Callable[..., Any]:
    """A lazy area's view class, imported when its page is first built."""
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _show_notice(page: InvoicesView, notice_id: str) -> None:
    page.select([("notice", notice_id)], ("notice", notice_id))


def _show_customer_request(page: InvoicesView, request_id: str) -> None:
    """A customer's invoice request (给用户开票): its tab, the request selected."""
    if page.tabs is not None and page.customer is not None:
        page.tabs.setCurrentWidget(page.customer)
        page.customer.select([("notice", request_id)], ("notice", request_id))


def _thresholds(page: DeadlinesView, settings: Settings) -> None:
    from app.services.supervision.deadlines import Thresholds

    page.set_thresholds(Thresholds(settings.deadline_urgent_hours, settings.deadline_soon_days))


def _integration(context: AreaContext, parent: QWidget) -> IntegrationView:
    """The Integration area: the interface watchdog, then the tools of ``integration.tabs``."""
    from app.views.integration.tabs import TABS as INTEGRATION_TABS

    page: IntegrationView = _view("app.views.integration.view", "IntegrationView")(
        context.bridge, context.workspace, parent)
    for tab in INTEGRATION_TABS:
        page.add_tab(tab.key, tab.title, tab.build(context, page.tabs))
    return page


# -- the areas, in navigation order ----------------------------------------------------------------

AREAS: tuple[AreaSpec[Any], ...] = (
    # ``title(None)``: the plain name each view shows before it has counted (issue 17).
    AreaSpec["DashboardView"](
        "dashboard", "dashboard", _dashboard,
        title=lambda _page: translate("MainWindow", "Dashboard"),
        connect=_connect_dashboard,
        follow=lambda page, engine: page.set_engine(engine),
        target_changed=lambda page, target: page.set_target_name(target_name(target)),
    ),
    AreaSpec["OrdersArea"](
        "orders", "orders",
        lambda c, parent: _view("app.views.orders.area", "OrdersArea")(c.bridge, c.state, parent),
        title=lambda page: page.title() if page is not None else translate("OrdersArea", "Orders"),
        title_changed=lambda page: page.titleChanged,
        connect=_forward_records,
        opens={"order": Route(lambda page, order_id: page.open_order(order_id))},
        tiles={Tile.ORDERS_IN_PROGRESS: lambda page: page.show_in_progress()},
        follow=lambda page, engine: page.set_engine(engine),
        restore_state=lambda page: page.restore_state(),
        save_state=lambda page: page.save_state(),
        own_search=_orders_search,
    ),
    AreaSpec["SupervisionView"](
        "supervision", "supervision",
        lambda c, parent: _view("app.views.supervision.view", "SupervisionView")(
            c.bridge, c.workspace, c.state, parent),
        title=lambda page: (page.title() if page is not None
                            else translate("SupervisionView", "Supervision")),
        title_changed=lambda page: page.countChanged,
        connect=lambda page, host: page.orderRequested.connect(
            lambda order_id: host.open_record("order", order_id)),
        opens={"supervision_task": Route(lambda page, task_id: page.open_task(task_id))},
        restore_state=lambda page: page.restore_state(),
        save_state=lambda page: page.save_state(),
    ),
    AreaSpec["DemandsView"](
        "demands", "demands",
        lambda c, parent: _view("app.views.demands.view", "DemandsView")(
            c.bridge, c.workspace, parent),
        title=lambda page: page.title() if page is not None else translate("DemandsView", "Demands"),
        title_changed=lambda page: page.titleChanged,
        opens={"demand": Route(lambda page, demand_id: page.open_demand(demand_id))},
    ),
    # Lazy: the titles are the views' own (``BillsView.title``...), which need no page.
    AreaSpec[Any](
        "bills", "bills",
        lambda c, parent: _view("app.views.finance.view", "BillsView")(c.bridge, c.workspace, parent),
        title=lambda _page: translate("BillsView", "Bills"),
        connect=_forward_records,
        opens={"billing_diagnosis": Route(lambda page, order_id: page.diagnose_order(order_id),
                                          show=False)},
        lazy=True,
    ),
    AreaSpec[Any](
        "partner", "partner",
        lambda c, parent: _view("app.views.partner.view", "PartnerView")(c.bridge, c.workspace, parent),
        title=lambda _page: translate("PartnerView", "Partner"),
        connect=_forward_records,
        listed=lambda target: target is not None and target.role == "partner",
        lazy=True,
    ),
    AreaSpec[Any](
        "charts", "charts",
        lambda c, parent: _view("app.views.charts.view", "ChartsView")(c.bridge, c.workspace, parent),
        title=lambda _page: translate("ChartsView", "Charts"),
        connect=lambda page, host: page.rowsRequested.connect(host.open_rows),
        lazy=True,
    ),
    AreaSpec[Any](
        "invoices", "invoices",
        lambda c, parent: _view("app.views.invoices.view", "InvoicesView")(c.bridge, c.workspace, parent),
        title=lambda _page: translate("InvoicesView", "Invoices"),
        opens={"invoice_notice": Route(_show_notice),
               "customer_invoice": Route(_show_customer_request)},
        lazy=True,
    ),
    AreaSpec["OutboxView"](
        "outbox", "outbox",
        lambda c, parent: _view("app.views.outbox.view", "OutboxView")(
            c.bridge, c.workspace, c.outbox, parent),
        title=lambda page: page.title() if page is not None else translate("OutboxView", "Outbox"),
        title_changed=lambda page: page.titleChanged,
        connect=_forward_records,
        attribute="outbox_view",
    ),
    AreaSpec["DeadlinesView"](
        "deadlines", "deadlines",
        lambda c, parent: _view("app.views.deadlines", "DeadlinesView")(
            c.bridge, c.workspace, parent),
        title=lambda page: (page.title() if page is not None
                            else translate("DeadlinesView", "Deadlines")),
        title_changed=lambda page: page.titleChanged,
        connect=_forward_records,
        apply_settings=_thresholds,
    ),
    AreaSpec["IntegrationView"](
        "integration", "integration", _integration,
        title=lambda page: (page.title() if page is not None
                            else translate("IntegrationView", "Integration")),
        title_changed=lambda page: page.titleChanged,
        connect=_forward_records,
        opens={"interface_message": Route(lambda page, message_id: page.open_message(message_id))},
        apply_settings=lambda page, _settings: page.refresh(),
    ),
)  # fmt: skip

