"""The Dashboard area: what needs the seller today, at a glance.

Four tiles (orders in progress, supervision tasks waiting on the seller, demands about to close by
themselves, bills to invoice) with counts and exact amounts per currency. The figures are computed
in SQL on the bridge's read lane (``app.services.figures.dashboard``); the page re-queries when a
sync announces a change to the collections it shows, but only while it is visible (a hidden page
just remembers that it is stale), and merges bursts of announcements into one query.

A tile is a button: click it, or focus it with Tab and press Enter or Space. The window decides
what opening a tile does (Orders filtered to 处理中, or a read-only list).

Signals of :class:`DashboardView`
---------------------------------
``tileActivated(str)``
    The :class:`~app.services.figures.dashboard.Tile` value of the tile the user opened.
``syncRequested()``
    The user asked for a sync from the empty-cache hint.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QEnterEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.figures.dashboard import (
    DashboardFigures,
    Figure,
    Tile,
    compute_figures,
    format_amount,
)
from app.views.banner import ACCENTS, blend
from app.views.bridge import Bridge
from app.views.change_watcher import ChangeWatcher
from app.views.common.fonts import scaled_font
from app.views.common.titles import term_beside
from app.views.i18n import format_local_time, translate
from app.views.record_dialogs import tile_title

# Collections whose change alters a figure.
WATCHED = frozenset({"orders", "supervision_tasks", "demands", "bills", "sync_state"})
# Deadlines move with the clock: re-count this often while the page is shown.
CLOCK_REFRESH_MS = 5 * 60_000
# Announcements closer together than this are one burst (one query).
REFRESH_DELAY_MS = 150


class DashboardTile(QFrame):
    """One figure: a title, a large count, amounts, and what opening it does.

    Signals: ``clicked()`` when activated by mouse, Enter or Space.
    """

    clicked = Signal()

    def __init__(self, tile: Tile, accent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tile = tile
        self.setObjectName(f"tile_{tile.value}")
        self._accent = ACCENTS[accent]
        self._hover = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = QLabel(self)
        self.title.setObjectName("tileTitle")
        self.title.setWordWrap(True)
        self.title.setFont(scaled_font(self, bold=True))
        self.count = QLabel("–", self)
        self.count.setObjectName("tileCount")
        self.count.setFont(scaled_font(self, 2.6, bold=True))
        self.amounts = QLabel(self)
        self.amounts.setObjectName("tileAmounts")
        self.amounts.setTextFormat(Qt.TextFormat.PlainText)
        self.amounts.setFont(scaled_font(self, 1.15))
        self.hint = QLabel(self)
        self.hint.setObjectName("tileHint")
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for label in (self.title, self.count, self.amounts, self.hint):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        pad = self.fontMetrics().height()
        layout.setContentsMargins(pad + pad // 3, pad, pad, pad)
        layout.setSpacing(pad // 3)
        layout.addWidget(self.title)
        layout.addWidget(self.count)
        layout.addWidget(self.amounts)
        layout.addStretch(1)
        layout.addWidget(self.hint)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        em = self.fontMetrics().horizontalAdvance("M")
        return QSize(em * 22, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Room for two currencies' amounts, so tiles in a row line up whatever they hold.
        lines = self.fontMetrics().height() * 3
        return QSize(
            self.fontMetrics().horizontalAdvance("M") * 16,
            super().minimumSizeHint().height() + lines // 2,
        )

    def set_figure(self, figure: Figure | None) -> None:
        if figure is None:
            self.count.setText("–")
            self.amounts.clear()
            return
        self.count.setText(f"{figure.count:,}")
        lines = [format_amount(v, c) for c, v in figure.amounts.items()]
        self.amounts.setText("\n".join(lines))
        self.amounts.setVisible(bool(lines))
        self.setAccessibleName(f"{self.title.text()}: {figure.count}")

    # -- acting like a button ---------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def enterEvent(self, event: QEnterEvent) -> None:  # noqa: N802 - Qt override
        self._hover = True
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self._hover = False
        self.update()
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.fontMetrics().height() / 2
        rect = self.rect().adjusted(1, 1, -1, -1)
        fill = blend(base, self._accent, 0.06 if self._hover else 0.0)
        border = (
            palette.color(QPalette.ColorRole.Highlight)
            if self.hasFocus()
            else blend(window, palette.color(QPalette.ColorRole.WindowText), 0.2)
        )
        pen = painter.pen()
        pen.setColor(border)
        pen.setWidthF(2.0 if self.hasFocus() else 1.0)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._accent)
        stripe = rect.adjusted(0, int(radius), 0, -int(radius))
        stripe.setWidth(max(3, self.fontMetrics().height() // 5))
        painter.drawRect(stripe)
        painter.end()


class DashboardView(QWidget):
    """The dashboard page. Give it an engine with :meth:`set_engine` (None while none is open)."""

    tileActivated = Signal(str)
    syncRequested = Signal()

    def __init__(self, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self._bridge = bridge
        self._engine: Engine | None = None
        self._figures: DashboardFigures | None = None
        self._loading = False
        self._again = False
        self._target_name = ""
        self._syncing = False

        self.heading = QLabel(self)
        self.heading.setObjectName("dashboardHeading")
        self.heading.setFont(scaled_font(self, 1.6, bold=True))
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("dashboardSubtitle")
        self.subtitle.setWordWrap(True)
        self.empty = QFrame(self)
        self.empty.setObjectName("dashboardEmpty")
        self.empty_text = QLabel(self.empty)
        self.empty_text.setWordWrap(True)
        self.sync_button = QPushButton(self.empty)
        self.sync_button.setObjectName("dashboardSync")
        self.sync_button.clicked.connect(self.syncRequested)
        empty_layout = QHBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty_text, 1)
        empty_layout.addWidget(self.sync_button)
        self.empty.setVisible(False)

        self.cache_line = QLabel(self)
        self.cache_line.setObjectName("dashboardCache")
        self.cache_line.setWordWrap(True)
        self.cache_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.tiles: dict[Tile, DashboardTile] = {
            Tile.ORDERS_IN_PROGRESS: DashboardTile(Tile.ORDERS_IN_PROGRESS, "info", self),
            Tile.TASKS_WAITING: DashboardTile(Tile.TASKS_WAITING, "warning", self),
            Tile.DEMANDS_CLOSING: DashboardTile(Tile.DEMANDS_CLOSING, "error", self),
            Tile.BILLS_TO_INVOICE: DashboardTile(Tile.BILLS_TO_INVOICE, "ok", self),
        }
        grid = QGridLayout()
        spacing = self.fontMetrics().height()
        grid.setSpacing(spacing)
        for n, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, n // 2, n % 2)
            tile.clicked.connect(lambda t=tile.tile: self.tileActivated.emit(t.value))

        content = QWidget()
        layout = QVBoxLayout(content)
        margin = spacing * 2
        layout.setContentsMargins(margin, margin, margin, margin)
        layout.setSpacing(spacing)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.empty)
        layout.addLayout(grid)
        layout.addWidget(self.cache_line)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.watcher = ChangeWatcher(self, bridge, WATCHED, self.refresh,
                                     retranslate=self.retranslate, delay_ms=REFRESH_DELAY_MS)
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_REFRESH_MS)
        self._clock.timeout.connect(self.watcher.mark_stale)
        self._clock.start()
        self.retranslate()

    # -- public ----------------------------------------------------------------------------------

    @property
    def figures(self) -> DashboardFigures | None:
        """The figures shown now (None before the first query finished)."""
        return self._figures

    def set_engine(self, engine: Engine | None) -> None:
        """Show the figures of another cache (None: nothing open, the tiles show dashes)."""
        self._engine = engine
        # Figures of the previous cache are not shown; a query of the new one starts at once.
        self._bridge.forget(self, "figures")
        self._loading = self._again = False
        self._figures = None
        for tile in self.tiles.values():
            tile.set_figure(None)
        self.retranslate()
        if engine is not None and self.isVisible():
            self.watcher.refresh_now()
        else:
            self.watcher.mark_stale()  # re-read when shown

    def set_syncing(self, running: bool) -> None:
        """While a sync runs, the empty-cache hint says so instead of offering to sync."""
        if running != self._syncing:
            self._syncing = running
            self.retranslate()

    def set_target_name(self, name: str) -> None:
        """The account shown in the subtitle ("Sandbox", a profile's name)."""
        self._target_name = name
        self.retranslate()

    def refresh(self) -> None:
        """Query the figures again (on a worker); merges requests while one query runs."""
        engine = self._engine
        if engine is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading = True

        def loaded(figures: DashboardFigures) -> None:
            self._figures = figures
            for tile, widget in self.tiles.items():
                widget.set_figure(figures.figure(tile))
            self.retranslate()

        def finished() -> None:
            self._loading = False
            if self._again:
                self._again = False
                self.refresh()

        self._bridge.run(
            lambda ctx: compute_figures(engine, datetime.now(UTC)),
            name="dashboard figures",
            owner=self,
            latest="figures",
            on_success=loaded,
            on_finished=finished,
        )

    # -- internals -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(translate("DashboardView", "Today"))
        f = self._figures
        if self._engine is None:
            subtitle = translate("DashboardView", "Opening the cache…")
        elif f is None:
            subtitle = translate("DashboardView", "Counting…")
        elif f.last_synced_at is None:
            subtitle = translate("DashboardView", "Nothing has been synced yet.")
        else:
            subtitle = translate("DashboardView", "From the cache of %1, last synced %2.")
            subtitle = subtitle.replace("%1", self._target_name).replace(
                "%2", format_local_time(f.last_synced_at)
            )
        self.subtitle.setText(subtitle)
        self.empty.setVisible(f is not None and f.cached_orders == 0)
        if self._syncing:
            self.empty_text.setText(
                translate("DashboardView", "The first sync is running; the figures fill in as the records arrive.")
            )
        else:
            self.empty_text.setText(
                translate("DashboardView",
                    "The cache is empty. Sync to fetch your orders, supervision tasks, customer "
                    "demands and bills from the marketplace."
                )
            )
        self.sync_button.setVisible(not self._syncing)
        self.sync_button.setText(translate("DashboardView", "Sync Now"))
        if f is not None and any(f.cached.values()):
            counts = [
                translate("DashboardView", "%Ln order(s)", "", f.cached.get("orders", 0)),
                translate("DashboardView", "%Ln supervision task(s)", "", f.cached.get("supervision_tasks", 0)),
                translate("DashboardView", "%Ln customer demand(s)", "", f.cached.get("demands", 0)),
                translate("DashboardView", "%Ln bill(s)", "", f.cached.get("bills", 0)),
                translate("DashboardView", "%Ln invoice notice(s)", "", f.cached.get("invoice_notices", 0)),
            ]
            self.cache_line.setText(
                translate("DashboardView", "In the cache: %1.").replace("%1", translate("DashboardView", ", ").join(counts))
            )
        else:
            self.cache_line.clear()
        self.cache_line.setVisible(bool(self.cache_line.text()))
        hints = {
            Tile.ORDERS_IN_PROGRESS: translate("DashboardView",
                "Status %1: paid, still being delivered. Open them in Orders."
            ).replace("%1", term_beside("处理中")),
            Tile.TASKS_WAITING: translate("DashboardView",
                "Service supervision steps where the marketplace waits for you."
            ),
            Tile.DEMANDS_CLOSING: translate("DashboardView",
                "Status %1: they close by themselves if not accepted within 2 days."
            ).replace("%1", term_beside("待接收")),
            Tile.BILLS_TO_INVOICE: translate("DashboardView",
                "Status %1: settlement bills waiting for your invoice."
            ).replace("%1", term_beside("待开票")),
        }
        for tile, widget in self.tiles.items():
            widget.title.setText(tile_title(tile))
            widget.hint.setText(hints[tile])
            if f is not None:
                widget.setAccessibleName(f"{tile_title(tile)}: {f.figure(tile).count}")
