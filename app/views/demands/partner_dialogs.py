"""The partner's (客户服务商) demand forms: 新增客户需求 and the customer's basics.

Both validate what they can before closing (a name, a 联营 product, the customer's name); queuing
re-checks, and KooGallery refuses a product that is not 联营 (SC.1606).
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.services.demands import partner as pd
from app.services.offers.catalog import KnownProduct
from app.views.demands.dialogs import CheckedDialog
from app.views.i18n import translate
from app.views.partner.offer_words import reason_text


class _CustomerFields:
    """客户信息: the fields both forms share."""

    def __init__(self, owner: QWidget, form: QFormLayout, basics: dict[str, str]) -> None:
        self.name = QLineEdit(basics.get("customerName") or "", owner)
        self.name.setObjectName("customerName")
        self.account = QLineEdit(basics.get("huaweiAccount") or "", owner)
        self.industry = QLineEdit(basics.get("industry") or "", owner)
        self.region = QLineEdit(basics.get("region") or "", owner)
        self.contact = QLineEdit(basics.get("contact") or "", owner)
        for label, edit in ((translate("PartnerDemands", "Customer name (客户名称):"), self.name),
                            (translate("PartnerDemands", "Huawei Cloud account:"), self.account),
                            (translate("PartnerDemands", "Industry:"), self.industry),
                            (translate("PartnerDemands", "Region:"), self.region),
                            (translate("PartnerDemands", "Contact:"), self.contact)):
            form.addRow(label, edit)

    def basics(self) -> pd.CustomerBasics:
        return pd.CustomerBasics(self.name.text(), self.account.text(), self.industry.text(),
                                 self.region.text(), self.contact.text())


class NewDemandDialog(CheckedDialog):
    """新增客户需求: a demand for one of the seller's 联营 products."""

    def __init__(self, products: list[KnownProduct], parent: QWidget | None = None) -> None:
        super().__init__(translate("PartnerDemands", "New customer demand (新增客户需求)"), parent)
        self.setObjectName("newDemandDialog")
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setObjectName("demandName")
        self.product = QComboBox(self)
        self.product.setObjectName("demandProduct")
        self.product.setEditable(True)
        for p in products:
            if p.product_class in ("", "联营"):
                self.product.addItem(f"{p.name}  ({p.product_id})", p.product_id)
        self.demand_type = QLineEdit(self)
        self.space = QLineEdit(self)
        self.delivery = QLineEdit(self)
        self.appeal = QLineEdit(self)
        self.sign = QDateEdit(QDate.currentDate().addMonths(2), self)
        self.sign.setCalendarPopup(True)
        self.sign.setDisplayFormat("yyyy-MM-dd")
        self.has_sign = QCheckBox(translate("PartnerDemands", "Expected signing date"), self)
        self.sign.setEnabled(False)  # no date unless the box is ticked
        self.has_sign.toggled.connect(self.sign.setEnabled)
        self.sales = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.description = QPlainTextEdit(self)
        self.description.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        form.addRow(translate("PartnerDemands", "Demand name (客户需求名称):"), self.name)
        form.addRow(translate("PartnerDemands", "Product (联营):"), self.product)
        self.customer = _CustomerFields(self, form, {})
        form.addRow(translate("PartnerDemands", "Demand type:"), self.demand_type)
        form.addRow(translate("PartnerDemands", "Opportunity (客户需求空间):"), self.space)
        form.addRow(translate("PartnerDemands", "Delivery:"), self.delivery)
        form.addRow(translate("PartnerDemands", "Main need:"), self.appeal)
        form.addRow(self.has_sign, self.sign)
        form.addRow(translate("PartnerDemands", "Your sales contact:"), self.sales)
        form.addRow(translate("PartnerDemands", "Sales phone:"), self.phone)
        form.addRow(translate("PartnerDemands", "Description:"), self.description)
        self.layout_.addLayout(form)
        self.finish_layout()
        em = max(self.fontMetrics().horizontalAdvance("M"), self.fontMetrics().height())
        self.resize(em * 48, self.sizeHint().height())

    def product_id(self) -> str:
        index = self.product.currentIndex()
        if index >= 0 and self.product.currentText() == self.product.itemText(index):
            return str(self.product.itemData(index) or "")
        return self.product.currentText().strip()

    def demand(self) -> pd.NewDemand:
        pid = self.product_id()
        name = self.product.currentText().split("  (")[0] if pid else ""
        sign = None
        if self.has_sign.isChecked():
            d = self.sign.date()
            sign = datetime(d.year(), d.month(), d.day()).astimezone().astimezone(UTC)
        return pd.NewDemand(self.name.text(), pid, name, self.customer.basics(),
                            self.demand_type.text(), self.space.text(), self.delivery.text(),
                            self.appeal.text(), self.description.toPlainText(), sign,
                            self.sales.text(), self.phone.text())

    def problem_text(self) -> str:
        d = self.demand()
        for code, missing in (("no_demand_name", not d.name.strip()), ("no_product", not d.product_id),
                              ("no_customer", not d.customer.customer_name.strip())):
            if missing:
                return reason_text(code)
        return ""


class CustomerDialog(CheckedDialog):
    """Edit the customer's basics of the partner's demand."""

    def __init__(self, basics: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(translate("PartnerDemands", "Edit the customer"), parent)
        self.setObjectName("customerDialog")
        form = QFormLayout()
        self.customer = _CustomerFields(self, form, basics)
        self.layout_.addLayout(form)
        self.finish_layout()

    def basics(self) -> pd.CustomerBasics:
        return self.customer.basics()

    def problem_text(self) -> str:
        return "" if self.basics().customer_name.strip() else reason_text("no_customer")
