"""The Partner area's exclusive-offer actions (专属优惠): apply (申请, or 转人工 beyond the authorised
discount) and revoke (撤销) an offer under approval, queued through the outbox on the bridge's
WRITE lane (``{"outbox"}`` is announced; the outbox controller sends it and syncs the offers).

:class:`OfferActions` is attached to the area's offers tab: it owns the two buttons, follows the
table's current row for the revoke verdict and reports in the area's notice line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView, QWidget

from app.models.partner import ExclusiveOffer
from app.services.demands.actions import DemandError
from app.services.offers import actions as oa
from app.services.offers.catalog import KnownProduct, known_products
from app.services.outbox.factory import make_outbox
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.failures import queue_failure_text
from app.views.context import AreaWorkspace
from app.views.i18n import translate
from app.views.partner.offer_dialog import OfferDialog
from app.views.partner.offer_words import reason_text


def queue_failure(parent: QWidget, exc: BaseException) -> None:
    """Why an offer or partner-demand action was not queued, in a message box."""
    code = getattr(exc, "failure_code", "")
    if isinstance(exc, DemandError) and code == "no_name":
        code = "no_demand_name"
    text = reason_text(code, getattr(exc, "params", None), queue_failure_text(exc, "demands"))
    QMessageBox.warning(parent, translate("OfferWords", "Not queued"), text)


def open_offer_dialog(bridge: Bridge, workspace: AreaWorkspace, owner: QWidget,
                      make: Callable[[OfferDialog], Callable[[TaskContext], Any]],
                      queued: Callable[[object], None], *, account: str | None = None,
                      product_id: str = "") -> None:
    """Read the products the cache knows (READ lane), show the offer form, then queue what
    ``make(dialog)`` returns on the WRITE lane (``queued`` on success, a message box on
    failure). Shared by the Partner area (申请专属优惠) and the Demands area (创建专属优惠)."""
    engine = workspace.engine
    if engine is None:
        return

    def show(products: list[KnownProduct]) -> None:
        dialog = OfferDialog(bridge, engine, products, lambda: datetime.now(UTC), owner,
                             account=account, product_id=product_id)
        if dialog.exec() != OfferDialog.DialogCode.Accepted:
            return
        bridge.run(make(dialog), name="offers.queue", lane=Lane.WRITE, owner=owner,
                   on_success=queued, on_failure=lambda exc, *_r: queue_failure(owner, exc))

    bridge.run(lambda _c: known_products(engine), name="offers.products", owner=owner,
               latest="products", on_success=show)


class OfferActions(QObject):
    """Apply and Revoke beside the offers table (``row_at(index)``: the table's offer row);
    the area calls :meth:`retranslate` and :meth:`follow` (after a reload)."""

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, table: QTableView,
                 row_at: Callable[[Any], Any], report: Callable[[str], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.bridge, self.workspace, self.table = bridge, workspace, table
        self.row_at, self.report = row_at, report
        self.apply_button = QPushButton(parent)
        self.apply_button.setObjectName("offerApply")
        self.revoke_button = QPushButton(parent)
        self.revoke_button.setObjectName("offerRevoke")
        self.apply_button.clicked.connect(self.apply)
        self.revoke_button.clicked.connect(self.revoke)
        table.selectionModel().currentRowChanged.connect(lambda _c, _p: self.follow())
        self.retranslate()
        self.follow()

    def retranslate(self) -> None:
        self.apply_button.setText(translate("PartnerView", "Apply for an offer…"))
        self.apply_button.setToolTip(translate("PartnerView", "申请云商店专属优惠"))
        self.revoke_button.setText(translate("PartnerView", "Revoke"))
        self.follow()

    def _outbox(self) -> Any:
        engine = self.workspace.engine
        return None if engine is None else make_outbox(engine, self.workspace.paths)

    def follow(self) -> None:
        """Revoke is possible for an offer under approval (审批中) only; say why not."""
        offer = self.row_at(self.table.currentIndex())
        self.apply_button.setEnabled(self.workspace.engine is not None)
        if offer is None:
            self.revoke_button.setEnabled(False)
            self.revoke_button.setToolTip(translate("PartnerView", "Choose an offer."))
            return
        stub = ExclusiveOffer(id=offer.id, name=offer.name, status=offer.status)
        verdict = oa.revoke_availability(stub, [])
        self.revoke_button.setEnabled(verdict.allowed)
        self.revoke_button.setToolTip("" if verdict.allowed else reason_text(
            verdict.reason_code, verdict.params, verdict.reason))

    def _queued(self, _entry: object) -> None:
        self.report(translate("PartnerView", "Queued; it is sent when the marketplace answers, "
                                             "and the offer shows after the next sync."))
        self.bridge.announce({"outbox"}, self.parent())

    def apply(self) -> None:
        def make(dialog: OfferDialog) -> Callable[[TaskContext], Any]:
            outbox, request = self._outbox(), dialog.request()
            return lambda _c: oa.queue_apply(outbox, request)

        owner = self.parent()
        assert isinstance(owner, QWidget)
        open_offer_dialog(self.bridge, self.workspace, owner, make, self._queued)

    def revoke(self) -> None:
        offer = self.row_at(self.table.currentIndex())
        outbox = self._outbox()
        owner = self.parent()
        if offer is None or outbox is None or not isinstance(owner, QWidget):
            return
        answer = QMessageBox.question(owner, translate("PartnerView", "Revoke the offer"),
                                      translate("PartnerView", "Revoke “%1” (撤销)? It is under "
                                                               "approval; revoking withdraws "
                                                               "the application.")
                                      .replace("%1", offer.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        offer_id = offer.id
        self.bridge.run(lambda _c: oa.queue_revoke(outbox, offer_id), name="offers.revoke",
                        lane=Lane.WRITE, owner=owner, on_success=self._queued,
                        on_failure=lambda exc, *_r: queue_failure(owner, exc))
