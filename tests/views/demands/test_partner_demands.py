"""Partner demands in the Demands area over a real sandbox (issue 16 §3, business-rules §3, §7):
a partner profile submits 新增客户需求 and edits the customer's basics; the seller accepts it and
creates the exclusive offer from it (更多 > 创建专属优惠), which locks the demand's edits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.models.outbox import DONE
from app.sandbox.data.catalog import SELF_PARTNER_ID
from app.services.demands import actions as dm
from app.services.outbox.queue import Dispatcher, EntryView, OutboxPolicy
from app.services.sync.engine import SyncEngine
from app.views.bridge import Bridge
from app.views.demands import partner_dialogs
from app.views.demands.view import DemandsView
from app.views.partner.offer_dialog import OfferDialog
from tests.sandbox_fixtures import Sandbox, own_sandbox
from tests.support.cache_workspace import CacheWorkspace

__all__ = ["own_sandbox"]

pytestmark = pytest.mark.gui

FAST = OutboxPolicy(max_attempts=3, base_delay_s=0.0, max_delay_s=0.0)
WAIT_MS = 30_000


def sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(
            ("orders", "demands", "exclusive_offers")).failure is None


def make_view(qtbot: QtBot, cache: Engine, home: Path, role: str) -> DemandsView:
    widget = DemandsView(Bridge(), CacheWorkspace(cache, home, role=role),
                         clock=lambda: datetime.now(UTC))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0, timeout=WAIT_MS)
    return widget


@pytest.fixture
def views(qtbot: QtBot, own_sandbox: Sandbox, cache: Engine,
          tmp_path: Path) -> Iterator[tuple[DemandsView, DemandsView]]:
    """The partner's and the seller's Demands area over one cache (the sandbox account is both).
    The sandbox's clock is moved up to the wall clock first, as the console's embedded sandbox
    is, since the window's outbox checks deadlines against the wall clock."""
    behind = datetime.now(UTC) - datetime.fromisoformat(own_sandbox.admin("GET", "clock")["now"])
    if behind.total_seconds() > 0:
        own_sandbox.admin("POST", "advance", {"hours": behind.total_seconds() / 3600 + 0.01})
    sync(own_sandbox, cache)
    partner = make_view(qtbot, cache, tmp_path / "p", "partner")
    seller = make_view(qtbot, cache, tmp_path / "s", "seller")
    yield partner, seller
    for v in (partner, seller):
        v.bridge.wait_idle()


def drive(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, cls: type[QDialog],
          fill: Callable[[Any], None]) -> None:
    """Replace ``cls``'s modal loop: show the form, let ``fill`` act as the user."""

    def run(dialog: Any) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        dialog.close()
        return int(dialog.result())

    monkeypatch.setattr(cls, "exec", run)


def press_ok(dialog: Any) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    button.click()


def queued(qtbot: QtBot, view: DemandsView, start: Callable[[], None]) -> EntryView:
    assert view.outbox is not None
    before = {e.id for e in view.outbox.entries()}
    with qtbot.waitSignal(view.bridge.changed, timeout=WAIT_MS):
        start()
    new = [e for e in view.outbox.entries() if e.id not in before]
    assert len(new) == 1, view.message.text()
    return new[0]


def send(sb: Sandbox, view: DemandsView, entry: EntryView) -> EntryView:
    assert view.outbox is not None and view.engine is not None
    with sb.client() as client:
        Dispatcher(view.outbox, client, policy=FAST).send_due(ignore_schedule=True)
    sync(sb, view.engine)
    return view.outbox.get(entry.id)


def show(qtbot: QtBot, view: DemandsView, demand_id: str,
         ready: Callable[[Any], bool] = lambda _d: True) -> None:
    """Show ``demand_id`` as synced last, once ``ready(demand)`` holds."""
    view.detail = None
    with qtbot.waitSignal(view.bridge.changed, timeout=WAIT_MS):
        view.bridge.announce({"demands"})
    view.open_demand(demand_id)
    qtbot.waitUntil(lambda: view.select(demand_id), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.demand.id == demand_id
                    and ready(view.detail.demand), timeout=WAIT_MS)


def test_issue16_s3_partner_demand_create_edit_and_offer_from_it_sections_3_7(
        qtbot: QtBot, views: tuple[DemandsView, DemandsView], own_sandbox: Sandbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    partner, seller = views
    # A partner profile has its own actions; the seller's are for a seller profile.
    assert partner.new_demand.isVisible() and not partner.buttons[dm.DemandAction.ACCEPT] \
        .isVisible()
    assert seller.buttons[dm.DemandAction.ACCEPT].isVisible() and not seller.new_demand \
        .isVisible()
    world = own_sandbox.server.data.world
    customer = next(c for c in world.customers if c.partner_id == SELF_PARTNER_ID)

    problems: list[str] = []

    def new_demand(dialog: partner_dialogs.NewDemandDialog) -> None:
        press_ok(dialog)
        problems.append(dialog.problem.text())
        assert dialog.product.count() > 0  # the seller's 联营 products the cache knows
        dialog.name.setText("浙江制造业客户园区平台需求")
        dialog.customer.name.setText("浙江某制造有限公司")
        dialog.customer.account.setText(customer.account)
        dialog.customer.contact.setText("王伟")
        press_ok(dialog)

    drive(monkeypatch, qtbot, partner_dialogs.NewDemandDialog, new_demand)
    created = queued(qtbot, partner, partner.new_demand.click)
    assert problems == ["The demand needs a name (客户需求名称)."]  # not the offer's words
    assert created.kind == "demand.create"
    sent = send(own_sandbox, partner, created)
    assert sent.state == DONE
    demand_id = (sent.response or {})["demandId"]

    # The partner corrects the customer's basics while the demand waits for acceptance.
    show(qtbot, partner, demand_id)
    assert partner.edit_customer.isEnabled()

    def customer_form(dialog: partner_dialogs.CustomerDialog) -> None:
        assert dialog.customer.name.text() == "浙江某制造有限公司"
        dialog.customer.name.setText("")
        press_ok(dialog)
        assert "客户名称" in dialog.problem.text()
        dialog.customer.name.setText("浙江某智能制造有限公司")
        press_ok(dialog)

    drive(monkeypatch, qtbot, partner_dialogs.CustomerDialog, customer_form)
    edit = queued(qtbot, partner, partner.edit_customer.click)
    assert edit.kind == "demand.customer"
    qtbot.waitUntil(lambda: not partner.edit_customer.isEnabled(), timeout=WAIT_MS)
    assert "outbox" in partner.edit_customer.toolTip()  # waiting, said in words
    assert send(own_sandbox, partner, edit).state == DONE

    # The seller accepts it, then 更多 > 创建专属优惠 for the demand's customer.
    show(qtbot, seller, demand_id)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    accept = queued(qtbot, seller, seller.buttons[dm.DemandAction.ACCEPT].click)
    assert send(own_sandbox, seller, accept).state == DONE
    show(qtbot, seller, demand_id, lambda d: d.status == dm.CONVERTING)
    more = seller.buttons[dm.DemandAction.OFFER]
    assert more.isEnabled() and more.menu() is seller.more_menu

    def offer_form(dialog: OfferDialog) -> None:
        assert dialog.account.isReadOnly() and dialog.account.text() == customer.account
        dialog.name.setText("自拓优惠-园区平台-9折")
        press_ok(dialog)

    drive(monkeypatch, qtbot, OfferDialog, offer_form)
    offer = queued(qtbot, seller, seller.offer_item.trigger)
    assert offer.target_id == demand_id
    assert send(own_sandbox, seller, offer).state == DONE

    # The offer locks the demand: the partner can no longer edit its customer, and is told why.
    show(qtbot, partner, demand_id, lambda d: bool(d.offer_id))
    assert not partner.edit_customer.isEnabled()
    assert "专属优惠" in partner.edit_customer.toolTip()
