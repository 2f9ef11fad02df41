"""The Partner area over a cache synced from the sandbox: incentive bills by kind with their lines,
the performance summary equal to the details' sums, exclusive offers by state, the submitted
demands; and the area listed for a partner profile only."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models.demands import Demand
from app.models.partner import ExclusiveOffer, PartnerBill, PartnerPerformance
from app.services.finance import partner_query as pq
from app.views.bridge import Bridge
from app.views.partner.view import PartnerView
from tests.support.cache_workspace import CacheWorkspace

pytestmark = pytest.mark.gui
#: The `synced` and `synced_file` fixtures (a sandbox sync, copied per test).
pytest_plugins = ("tests.support.synced_cache",)


@pytest.fixture
def view(qtbot: Any, synced: Engine, tmp_path: Path) -> Iterator[PartnerView]:
    bridge = Bridge()
    widget = PartnerView(bridge, CacheWorkspace(synced, tmp_path, role="partner"))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.data is not None)
    yield widget
    bridge.wait_idle()


def test_models(qtmodeltester: Any, view: PartnerView) -> None:
    for model in (view.bills_model, view.lines_model, view.summary_model, view.details_model,
                  view.offers_model, view.demands_model):
        qtmodeltester.check(model)


def test_bills_by_kind_with_lines(qtbot: Any, view: PartnerView, synced: Engine) -> None:
    with Session(synced) as s:
        monthly = s.scalar(select(func.count()).select_from(PartnerBill)
                           .where(PartnerBill.kind == pq.BASIC_INCENTIVE))
    assert monthly
    view.kind.setCurrentIndex(view.kind.findData(pq.BASIC_INCENTIVE))
    assert view.bills_model.rowCount() == monthly
    assert {b.kind for b in view.bills_model.rows} == {pq.BASIC_INCENTIVE}
    view.bills_table.selectRow(0)
    bill = view.bills_model.rows[0]
    assert view.lines_model.rows == bill.lines and bill.lines


def test_performance_summary_equals_the_details(view: PartnerView, synced: Engine) -> None:
    with Session(synced) as s:
        details = list(s.scalars(select(PartnerPerformance)))
    for summary in view.summary_model.rows:
        rows = [p for p in details if p.period == summary.period]
        assert summary.count == len(rows)
        assert summary.incentive_amount == sum((p.incentive_amount for p in rows), Decimal(0))
    view.summary_table.selectRow(0)
    period = view.summary_model.rows[0].period
    assert view.details_model.rows
    assert {p.period for p in view.details_model.rows} == {period}


def test_offers_by_state_and_submitted_demands(qtbot: Any, view: PartnerView,
                                               synced: Engine) -> None:
    with Session(synced) as s:
        pending = s.scalar(select(func.count()).select_from(ExclusiveOffer)
                           .where(ExclusiveOffer.status == "审批中"))
        partner_demands = s.scalar(select(func.count()).select_from(Demand)
                                   .where(Demand.source == "客户服务商"))
    view.offer_status.setCurrentIndex(view.offer_status.findData("审批中"))
    assert view.offers_model.rowCount() == pending
    assert view.demands_model.rowCount() == partner_demands
    if partner_demands:
        with qtbot.waitSignal(view.openRecord) as blocker:
            view.demands_table.doubleClicked.emit(view.demands_model.index(0, 0))
        assert blocker.args == ["demand", view.demands_model.rows[0].id]
