"""Exclusive offers (专属优惠) in the Partner area over a real sandbox (issue 16 §3, business-rules
§7): apply within the authorised discount (approved at once), beyond it through a special
business request (转人工处理, 审批中) and revoke it; the 100 % partner-discount conditions
(shared/seeds: 客户生成100%的专属优惠伙伴折扣) checked before applying and refused in words."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QDoubleSpinBox, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.models.outbox import DONE
from app.sandbox.data.catalog import SELF_PARTNER_ID
from app.services.offers import rules
from app.services.offers.catalog import known_products
from app.services.outbox.queue import Dispatcher, EntryView, OutboxPolicy
from app.services.sync.engine import SyncEngine
from app.views.bridge import Bridge
from app.views.partner.offer_dialog import OfferDialog
from app.views.partner.view import PartnerView
from tests.sandbox_fixtures import Sandbox, own_sandbox
from tests.support.cache_workspace import CacheWorkspace

__all__ = ["own_sandbox"]

pytestmark = pytest.mark.gui

FAST = OutboxPolicy(max_attempts=3, base_delay_s=0.0, max_delay_s=0.0)
COLLECTIONS = ("orders", "demands", "exclusive_offers", "partner_bills", "partner_performance")
WAIT_MS = 30_000


def sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(COLLECTIONS).failure is None


@pytest.fixture
def view(qtbot: QtBot, own_sandbox: Sandbox, cache: Engine,
         tmp_path: Path) -> Iterator[PartnerView]:
    sync(own_sandbox, cache)
    bridge = Bridge()
    widget = PartnerView(bridge, CacheWorkspace(cache, tmp_path, role="partner"))
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.data is not None, timeout=WAIT_MS)
    widget.tabs.setCurrentIndex(2)
    yield widget
    bridge.wait_idle()


def drive(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
          fill: Callable[[OfferDialog], None]) -> list[OfferDialog]:
    """Replace the modal loop of the offer form: show it, let ``fill`` act as the user, and
    return what the form decided."""
    shown: list[OfferDialog] = []

    def run(dialog: OfferDialog) -> int:
        shown.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        dialog.close()
        return int(dialog.result())

    monkeypatch.setattr(OfferDialog, "exec", run)
    return shown


def choose(dialog: OfferDialog, product_id: str, discount: float) -> None:
    combo = dialog.table.cellWidget(0, 0)
    spin = dialog.table.cellWidget(0, 1)
    assert isinstance(combo, QComboBox) and isinstance(spin, QDoubleSpinBox)
    index = combo.findData(product_id)
    assert index >= 0, product_id
    combo.setCurrentIndex(index)
    spin.setValue(discount)


def press_ok(dialog: OfferDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    button.click()


def queued_entry(qtbot: QtBot, view: PartnerView, start: Callable[[], None]) -> EntryView:
    outbox = view.offer_actions._outbox()
    before = {e.id for e in outbox.entries()}
    with qtbot.waitSignal(view.bridge.changed, timeout=WAIT_MS):
        start()
    new = [e for e in outbox.entries() if e.id not in before]
    assert len(new) == 1
    return new[0]


def send_and_sync(sb: Sandbox, view: PartnerView, entry: EntryView) -> EntryView:
    outbox = view.offer_actions._outbox()
    with sb.client() as client:
        Dispatcher(outbox, client, policy=FAST).send_due(ignore_schedule=True)
    assert view.workspace.engine is not None
    sync(sb, view.workspace.engine)
    return outbox.get(entry.id)


def unbound_account(sb: Sandbox) -> str:
    return next(c.account for c in sb.server.data.world.customers
                if c.partner_id != SELF_PARTNER_ID)


def joint_product(sb: Sandbox, view: PartnerView) -> str:
    """A 联营 product the cache knows (the form lists the cache's products)."""
    assert view.workspace.engine is not None
    known = {p.product_id for p in known_products(view.workspace.engine)}
    return next(p.product_id for p in sb.server.data.world.products
                if p.product_class == "联营" and p.product_id in known)


def test_issue16_s3_apply_within_the_authorised_discount_is_approved_at_once_section_7(
        qtbot: QtBot, view: PartnerView, own_sandbox: Sandbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """§7: within the authorised discount the offer is approved at once (已生效), and shows in the
    offers tab after the sync."""
    account, product = unbound_account(own_sandbox), joint_product(own_sandbox, view)

    def fill(dialog: OfferDialog) -> None:
        press_ok(dialog)  # empty: refused in words, the form stays open
        assert "name" in dialog.problem.text() and dialog.isVisible()
        dialog.name.setText("自拓优惠-园区-85折")
        dialog.account.setText(account)
        choose(dialog, product, 0.85)
        assert not dialog.full_box.isVisible()
        press_ok(dialog)

    shown = drive(monkeypatch, qtbot, fill)
    entry = queued_entry(qtbot, view, view.offer_actions.apply_button.click)
    assert shown and entry.kind == "offer.apply"
    assert "queued" in view.notice.text().lower()
    sent = send_and_sync(own_sandbox, view, entry)
    assert sent.state == DONE and (sent.response or {})["status"] == rules.EFFECTIVE
    offer_id = (sent.response or {})["offerId"]
    with qtbot.waitSignal(view.bridge.changed, timeout=WAIT_MS):
        view.bridge.announce({"exclusive_offers"})
    qtbot.waitUntil(lambda: any(o.id == offer_id for o in view.offers_model.rows),
                    timeout=WAIT_MS)


def test_issue16_s3_full_partner_discount_refused_in_words_when_an_offer_exists_seeds(
        qtbot: QtBot, view: PartnerView, own_sandbox: Sandbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Original material, condition 2: no 100 % partner discount while the customer has an offer
    for the product effective or taking effect within 24 hours; conditions 1 and 3 must be
    confirmed. The form says which, and queues nothing."""
    account, product = unbound_account(own_sandbox), joint_product(own_sandbox, view)
    first = drive(monkeypatch, qtbot, lambda d: (d.name.setText("自拓优惠-先"),
                                                d.account.setText(account),
                                                choose(d, product, 0.9), press_ok(d)))
    entry = queued_entry(qtbot, view, view.offer_actions.apply_button.click)
    assert first and send_and_sync(own_sandbox, view, entry).state == DONE
    outbox = view.offer_actions._outbox()
    before = len(outbox.entries())

    def fill(dialog: OfferDialog) -> None:
        dialog.name.setText("自拓优惠-伙伴折扣-100%")
        dialog.account.setText(account)
        choose(dialog, product, 1.0)
        assert dialog.full_box.isVisible()
        qtbot.waitUntil(lambda: "Not met" in dialog.no_offer.text(), timeout=WAIT_MS)
        press_ok(dialog)
        assert "100% partner discount is not possible" in dialog.problem.text()
        assert dialog.isVisible()
        dialog.reject()

    refused = drive(monkeypatch, qtbot, fill)
    view.offer_actions.apply_button.click()
    qtbot.waitUntil(lambda: bool(refused) and not refused[0].isVisible(), timeout=WAIT_MS)
    assert len(outbox.entries()) == before


def test_issue16_s3_unconfirmed_conditions_are_named_seeds(
        qtbot: QtBot, view: PartnerView, own_sandbox: Sandbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Conditions 1 (bound) and 3 (picks the partner when ordering) cannot be checked by the
    console: the form asks for each to be confirmed before it queues the application."""
    account, product = unbound_account(own_sandbox), joint_product(own_sandbox, view)
    problems: list[str] = []

    def fill(dialog: OfferDialog) -> None:
        dialog.name.setText("自拓优惠-伙伴折扣")
        dialog.account.setText(account)
        choose(dialog, product, 1.0)
        qtbot.waitUntil(lambda: "Met" in dialog.no_offer.text(), timeout=WAIT_MS)
        press_ok(dialog)
        problems.append(dialog.problem.text())
        dialog.confirm_bound.setChecked(True)
        press_ok(dialog)
        problems.append(dialog.problem.text())
        dialog.confirm_picks.setChecked(True)
        press_ok(dialog)

    drive(monkeypatch, qtbot, fill)
    entry = queued_entry(qtbot, view, view.offer_actions.apply_button.click)
    assert "condition 1" in problems[0] and "condition 3" in problems[1]
    assert entry.payload["products"][0]["discount"] in ("1", "1.00", 1)
    # KooGallery checks the binding (condition 1): this customer is not bound to the partner.
    sent = send_and_sync(own_sandbox, view, entry)
    assert sent.last_error_code == "SC.1603"


def test_issue16_s3_special_request_then_revoke_section_7(
        qtbot: QtBot, view: PartnerView, own_sandbox: Sandbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """§7: beyond the authorised discount a special business request (转人工处理) waits for
    approval (审批中); only such an offer can be revoked (撤销), and the button says why not."""
    account, product = unbound_account(own_sandbox), joint_product(own_sandbox, view)

    def fill(dialog: OfferDialog) -> None:
        dialog.name.setText("自拓优惠-战略-5折")
        dialog.account.setText(account)
        choose(dialog, product, 0.5)
        dialog.special.setChecked(True)
        press_ok(dialog)
        assert "reason" in dialog.problem.text()
        dialog.reason.setPlainText("大客户战略项目")
        press_ok(dialog)

    drive(monkeypatch, qtbot, fill)
    entry = queued_entry(qtbot, view, view.offer_actions.apply_button.click)
    sent = send_and_sync(own_sandbox, view, entry)
    assert (sent.response or {})["status"] == rules.UNDER_APPROVAL
    offer_id = (sent.response or {})["offerId"]
    with qtbot.waitSignal(view.bridge.changed, timeout=WAIT_MS):
        view.bridge.announce({"exclusive_offers"})
    qtbot.waitUntil(lambda: any(o.id == offer_id for o in view.offers_model.rows),
                    timeout=WAIT_MS)
    effective = next(n for n, o in enumerate(view.offers_model.rows)
                     if o.status == rules.EFFECTIVE)
    view.offers_table.selectRow(effective)
    assert not view.offer_actions.revoke_button.isEnabled()
    assert "审批中" in view.offer_actions.revoke_button.toolTip()
    mine = next(n for n, o in enumerate(view.offers_model.rows) if o.id == offer_id)
    view.offers_table.selectRow(mine)
    assert view.offer_actions.revoke_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    revoke = queued_entry(qtbot, view, view.offer_actions.revoke_button.click)
    assert (revoke.kind, revoke.target_id) == ("offer.revoke", offer_id)
    assert send_and_sync(own_sandbox, view, revoke).state == DONE
