"""The Charts area: monthly order amount and settlement by product class, the supervision funnel
by node, demand conversion and invoice status (QtCharts), each clicking through to its rows.

The figures are read on the bridge's READ lane (:func:`app.services.figures.charts.all_figures`);
the page re-reads when the collections it shows change, but only while shown (a hidden page
remembers it is stale). Clicking a bar or slice asks the window to open the area behind it with a
filter: ``rowsRequested(area, key)``.

Signals
-------
``rowsRequested(str, object)``
    The user clicked a chart element: the area (``orders``, ``bills``, ``supervision``,
    ``demands``, ``invoices``) and a dict saying which rows (``month``/``period``,
    ``product_class``, ``utc_offset_minutes``, ``node``, ``status``, ``notice_ids``...).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QPieSlice,
)
from PySide6.QtCore import Signal
from PySide6.QtGui import QCursor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.figures.charts import Bar, ChartFigures, MonthSeries, all_figures
from app.views.bridge import Bridge
from app.views.change_watcher import ChangeWatcher
from app.views.charts.builders import (
    class_label,
    conversion_caption,
    count_chart,
    month_chart,
    pie_chart,
)
from app.views.common.area_view import AreaView
from app.views.common.combos import refill
from app.views.common.failures import failure_text
from app.views.common.formats import amount_with_code
from app.views.context import AreaWorkspace
from app.views.i18n import translate

WATCHED = frozenset({"orders", "bills", "supervision_tasks", "demands", "invoice_notices",
                     "sync_state"})
CHARTS = ("orders", "settlement", "funnel", "demands", "invoices")
#: (row, column, columns spanned): the funnel gets a whole row for the node names.
PLACES = {"orders": (0, 0, 1), "settlement": (0, 1, 1), "funnel": (1, 0, 2),
          "demands": (2, 0, 1), "invoices": (2, 1, 1)}


class ChartsView(AreaView):
    """The Charts area. See the module docstring for its signal."""

    rowsRequested = Signal(str, object)

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, parent: QWidget | None = None, *,
                 tz: tzinfo | None = None, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__("chartsView", bridge, workspace, parent)
        self.figures: ChartFigures | None = None
        self._tz = tz
        self._clock = clock or (lambda: datetime.now(UTC))
        self.currency = QComboBox(self)
        self.currency.setObjectName("chartsCurrency")
        self.currency_label = QLabel(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.currency_label)
        bar.addWidget(self.currency)
        bar.addWidget(self.message, 1)
        self.views: dict[str, QChartView] = {}
        grid = QGridLayout()
        for key in CHARTS:
            view = QChartView(self)
            view.setObjectName(f"chart_{key}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumSize(120, 100)  # the window must fit a small screen
            self.views[key] = view
            row, column, span = PLACES[key]
            grid.addWidget(view, row, column, 1, span)
        for row, stretch in enumerate((2, 3, 2)):  # the funnel's node names need the height
            grid.setRowStretch(row, stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(grid, 1)
        self.watcher = ChangeWatcher(self, bridge, WATCHED, self.refresh,
                                     retranslate=self.retranslate,
                                     enabled=lambda: self.engine is not None)
        self.currency.currentIndexChanged.connect(lambda _i: self._draw())
        workspace.engineChanged.connect(self.set_engine)
        self.retranslate()
        self.set_engine(workspace.engine)

    def title(self) -> str:
        return translate("ChartsView", "Charts")

    def retranslate(self) -> None:
        self.currency_label.setText(translate("ChartsView", "Currency:"))
        self._draw()

    # -- loading --------------------------------------------------------------------------------

    def utc_offset_minutes(self) -> int:
        offset = self._clock().astimezone(self._tz).utcoffset()
        return int(offset.total_seconds() // 60) if offset is not None else 0

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.figures = None
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again (on the READ lane) and redraw."""
        engine = self.engine
        if engine is None:
            self.figures = None
            self._draw()
            return
        now, offset = self._clock(), self.utc_offset_minutes()

        def loaded(figures: ChartFigures) -> None:
            self.figures = figures
            self.message.setText("")
            self._draw()

        def failed(exc: BaseException, *_rest: object) -> None:
            self.message.setText(translate("ChartsView", "The figures could not be read: %1")
                                 .replace("%1", failure_text(exc)))

        self.bridge.run(lambda _ctx: all_figures(engine, now=now, utc_offset_minutes=offset),
                        name="charts.figures", owner=self, latest="figures",
                        on_success=loaded, on_failure=failed)

    # -- drawing --------------------------------------------------------------------------------

    def _series_for(self, found: list[MonthSeries]) -> MonthSeries | None:
        wanted = self.currency.currentData()
        return next((s for s in found if s.currency == wanted), found[0] if found else None)

    def _sync_currencies(self, figures: ChartFigures) -> None:
        currencies: list[str] = []
        for s in (*figures.orders, *figures.settlement):
            if s.currency not in currencies:
                currencies.append(s.currency)
        if currencies == [self.currency.itemData(i) for i in range(self.currency.count())]:
            return
        refill(self.currency, [(c, c) for c in currencies])

    def _set_chart(self, key: str, chart: QChart) -> None:
        old = self.views[key].chart()
        self.views[key].setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def _draw(self) -> None:
        figures = self.figures
        if figures is None:
            return
        self._sync_currencies(figures)
        offset = figures.utc_offset_minutes
        for key, found, title, area, field in (
                ("orders", figures.orders, translate("ChartsView", "Order amount by month"),
                 "orders", "month"),
                ("settlement", figures.settlement,
                 translate("ChartsView", "Settlement by bill period"), "bills", "period")):
            series = self._series_for(found)
            chart, bars = month_chart(title, series)
            self._set_chart(key, chart)
            if series is not None:
                self._connect_months(bars, series, area, field, offset)
        chart, bars, ordered = count_chart(
            translate("ChartsView", "Supervision tasks by node"), figures.funnel, horizontal=True)
        self._set_chart("funnel", chart)
        self._connect_counts(bars, ordered, "supervision")
        chart, bars, ordered = count_chart(
            translate("ChartsView", "Customer demands by outcome"), figures.conversion.bars,
            caption=conversion_caption(figures.conversion))
        self._set_chart("demands", chart)
        self._connect_counts(bars, ordered, "demands")
        pie_title = translate("ChartsView", "Invoice notices by bill status")
        pie_chart_, pie = pie_chart(pie_title, figures.invoices)
        self._set_chart("invoices", pie_chart_)
        for piece, bar in zip(pie.slices(), figures.invoices, strict=True):
            piece.clicked.connect(lambda b=bar: self.rowsRequested.emit("invoices", b.key))
            piece.hovered.connect(lambda on, p=piece: p.setExploded(on))

    def _connect_months(self, bars: QAbstractBarSeries, series: MonthSeries, area: str,
                        field: str, offset: int) -> None:
        classes = list(series.values)

        def key(index: int, bar_set: QBarSet) -> dict[str, Any]:
            category = classes[bars.barSets().index(bar_set)]
            return {field: series.months[index], "product_class": category,
                    "currency": series.currency, "utc_offset_minutes": offset}

        def hovered(on: bool, index: int, bar_set: QBarSet) -> None:
            if not on:
                QToolTip.hideText()
                return
            k = key(index, bar_set)
            category = k["product_class"]
            amount: Decimal = series.values[category][index]
            count = series.counts[category][index]
            QToolTip.showText(QCursor.pos(), translate(
                "ChartsView", "%1, %2: %3 (%4 rows); click to open them").replace(
                "%1", k[field]).replace("%2", class_label(category)).replace(
                "%3", amount_with_code(amount, series.currency)).replace("%4", str(count)))

        bars.clicked.connect(lambda index, bar_set: self.rowsRequested.emit(
            area, key(index, bar_set)))
        bars.hovered.connect(hovered)

    def _connect_counts(self, bars: QAbstractBarSeries, ordered: list[Bar], area: str) -> None:
        bars.clicked.connect(lambda index, _set: self.rowsRequested.emit(area, ordered[index].key))

        def hovered(on: bool, index: int, _set: QBarSet) -> None:
            if on:
                QToolTip.showText(QCursor.pos(), translate(
                    "ChartsView", "%1: %2; click to open them").replace(
                    "%1", ordered[index].label).replace("%2", str(ordered[index].count)))
            else:
                QToolTip.hideText()

        bars.hovered.connect(hovered)

    def invoice_slices(self) -> list[QPieSlice]:
        """The slices of the invoice-status chart, in bar order (tests click them)."""
        chart = self.views["invoices"].chart()
        series = chart.series() if chart is not None else []
        pie = series[0] if series else None
        return list(pie.slices()) if isinstance(pie, QPieSeries) else []
