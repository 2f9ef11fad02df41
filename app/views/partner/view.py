"""The Partner area (客户服务商, domain §7), for profiles with the partner role: the monthly
basic-incentive and quarterly performance bills with their lines, the performance summary per
period with its details, exclusive offers (专属优惠) with their states, and the customer demands
the partner submitted to sellers.

Everything is read in one task on the bridge's READ lane (:mod:`app.services.finance.partner_query`) and
filtered in memory (the lists are small). The area re-reads when the partner collections change
(a hidden area when shown).

Signals
-------
``openRecord(str, str)``
    Open a record elsewhere: ``("demand", demand_id)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.demands.query import DemandRow
from app.services.finance import partner_query as pq
from app.views.bridge import Bridge
from app.views.change_watcher import ChangeWatcher
from app.views.common.area_view import AreaView
from app.views.common.combos import refill
from app.views.common.rows_model import RowsTableModel
from app.views.common.tables import make_table
from app.views.common.titles import term
from app.views.context import AreaWorkspace
from app.views.demands.model import DemandsTableModel
from app.views.i18n import translate
from app.views.partner import columns as cols
from app.views.partner.offers import OfferActions

WATCHED = frozenset({"partner_bills", "partner_performance", "exclusive_offers", "demands"})


@dataclass(frozen=True)
class PartnerData:
    bills: list[pq.PartnerBillRow]
    summary: list[pq.PerformanceSummary]
    details: list[pq.PerformanceRow]
    offers: list[pq.OfferRow]
    demands: list[DemandRow]


def load(engine: Engine) -> PartnerData:
    """Everything the Partner area shows (a handful of queries)."""
    return PartnerData(pq.partner_bills(engine), pq.performance_summary(engine),
                       pq.performance_details(engine), pq.offers(engine),
                       pq.submitted_demands(engine))


def _page(parent: QWidget, *parts: QWidget | QHBoxLayout) -> QWidget:
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    for part in parts:
        if isinstance(part, QHBoxLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part, 1)
    return page


class PartnerView(AreaView):
    """The Partner area. See the module docstring for its signal."""

    openRecord = Signal(str, str)

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, parent: QWidget | None = None, *,
                 tz: tzinfo | None = None) -> None:
        super().__init__("partnerView", bridge, workspace, parent)
        self.data: PartnerData | None = None
        self.bills_model: RowsTableModel[pq.PartnerBillRow] = RowsTableModel(
            cols.bill_columns(tz), self)
        self.lines_model: RowsTableModel[dict[str, Any]] = RowsTableModel(cols.line_columns(), self)
        self.summary_model: RowsTableModel[pq.PerformanceSummary] = RowsTableModel(
            cols.summary_columns(), self)
        self.details_model: RowsTableModel[pq.PerformanceRow] = RowsTableModel(
            cols.performance_columns(), self)
        self.offers_model: RowsTableModel[pq.OfferRow] = RowsTableModel(
            cols.offer_columns(tz), self)
        self.demands_model = DemandsTableModel(self, tz=tz)
        self.bills_table = make_table(self, "partnerBills", self.bills_model)
        self.lines_table = make_table(self, "partnerBillLines", self.lines_model)
        self.summary_table = make_table(self, "performanceSummary", self.summary_model)
        self.details_table = make_table(self, "performanceDetails", self.details_model)
        self.offers_table = make_table(self, "exclusiveOffers", self.offers_model)
        self.demands_table = make_table(self, "partnerDemands", self.demands_model)
        self.kind = QComboBox(self)
        self.kind.setObjectName("partnerBillKind")
        self.offer_status = QComboBox(self)
        self.offer_status.setObjectName("offerStatus")
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)

        kind_bar = QHBoxLayout()
        kind_bar.addWidget(self.kind)
        kind_bar.addStretch(1)
        bills_split = QSplitter(Qt.Orientation.Vertical, self)
        bills_split.setObjectName("partnerBillsSplitter")
        bills_split.addWidget(self.bills_table)
        bills_split.addWidget(self.lines_table)
        perf_split = QSplitter(self)
        perf_split.setObjectName("performanceSplitter")
        perf_split.addWidget(self.summary_table)
        perf_split.addWidget(self.details_table)
        perf_split.setStretchFactor(1, 2)
        offer_bar = QHBoxLayout()
        offer_bar.addWidget(self.offer_status)
        offer_bar.addStretch(1)
        self.offer_actions = OfferActions(bridge, workspace, self.offers_table,
                                          self.offers_model.row_at, self.notice.setText, self)
        offer_bar.addWidget(self.offer_actions.apply_button)
        offer_bar.addWidget(self.offer_actions.revoke_button)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(_page(self, kind_bar, bills_split), "")
        self.tabs.addTab(_page(self, perf_split), "")
        self.tabs.addTab(_page(self, offer_bar, self.offers_table), "")
        self.tabs.addTab(_page(self, self.demands_table), "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

        self.watcher = ChangeWatcher(self, bridge, WATCHED, self.refresh,
                                     retranslate=self.retranslate,
                                     enabled=lambda: self.engine is not None)
        self.kind.currentIndexChanged.connect(lambda _i: self._show())
        self.offer_status.currentIndexChanged.connect(lambda _i: self._show())
        self.bills_table.selectionModel().currentRowChanged.connect(lambda _c, _p: self._lines())
        self.summary_table.selectionModel().currentRowChanged.connect(
            lambda _c, _p: self._details())
        self.demands_table.doubleClicked.connect(self._open_demand)
        workspace.engineChanged.connect(self.set_engine)
        self.retranslate()
        self.set_engine(workspace.engine)

    def title(self) -> str:
        return translate("PartnerView", "Partner")

    def retranslate(self) -> None:
        for n, text in enumerate((translate("PartnerView", "Incentive bills"),
                                  translate("PartnerView", "Performance"),
                                  translate("PartnerView", "Exclusive offers"),
                                  translate("PartnerView", "Submitted demands"))):
            self.tabs.setTabText(n, text)
        kinds = {"": translate("PartnerView", "All bills"),
                 pq.BASIC_INCENTIVE: translate("PartnerView", "Basic incentive (monthly)"),
                 pq.PERFORMANCE_INCENTIVE: translate("PartnerView",
                                                     "Performance incentive (quarterly)")}
        refill(self.kind, [(text, value) for value, text in kinds.items()])
        self._fill_statuses()
        self.notice.setText(translate(
            "PartnerView", "Performance of a day shows after one working day; bills come monthly "
                           "(basic incentive) and quarterly (performance)."))
        for model in (self.bills_model, self.lines_model, self.summary_model,
                      self.details_model, self.offers_model):
            model.retranslate()
        self.offer_actions.retranslate()

    def _fill_statuses(self) -> None:
        statuses = sorted({o.status for o in self.data.offers}) if self.data else []
        refill(self.offer_status, [(translate("PartnerView", "All offers"), ""),
                                   *((term(status), status) for status in statuses)])

    # -- loading --------------------------------------------------------------------------------

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.refresh()

    def refresh(self) -> None:
        engine = self.engine
        if engine is None:
            self.data = None
            self._show()
            return

        def loaded(data: PartnerData) -> None:
            self.data = data
            self._fill_statuses()
            self._show()

        def failed(exc: BaseException) -> None:
            self.notice.setText(translate("PartnerView", "The partner records could not be "
                                                         "read: %1").replace("%1", str(exc)))

        self.bridge.run(lambda _c: load(engine), name="partner.load",
                        owner=self, on_success=loaded, on_failure=failed)

    def _show(self) -> None:
        d = self.data
        kind = str(self.kind.currentData() or "")
        status = str(self.offer_status.currentData() or "")
        self.bills_model.set_rows([b for b in (d.bills if d else []) if not kind or b.kind == kind])
        self.summary_model.set_rows(list(d.summary) if d else [])
        self.offers_model.set_rows([o for o in (d.offers if d else [])
                                    if not status or o.status == status])
        self.demands_model.set_rows(list(d.demands) if d else [])
        self.lines_model.set_rows([])
        self.details_model.set_rows(list(d.details) if d else [])
        if self.bills_model.rows:
            self.bills_table.selectRow(0)
        self.offer_actions.follow()

    def _lines(self) -> None:
        bill = self.bills_model.row_at(self.bills_table.currentIndex())
        self.lines_model.set_rows(list(bill.lines) if bill is not None else [])

    def _details(self) -> None:
        summary = self.summary_model.row_at(self.summary_table.currentIndex())
        if self.data is not None and summary is not None:
            self.details_model.set_rows([p for p in self.data.details
                                         if p.period == summary.period])

    def _open_demand(self, index: Any) -> None:
        if index.isValid():
            self.openRecord.emit("demand", self.demands_model.rows[index.row()].id)

