"""Words and formats the Orders area shows for raw values, shared by the table, the detail pane,
the filter bar and the copy to the clipboard.

Huawei's raw values stay in the cache (订单状态 待付款/已取消/处理中/已完成, orderType NEW/RENEW/...,
chargingMode PERIOD/...); the interface shows them in the user's language. The source text is
English (``QT_TRANSLATE_NOOP`` in context ``OrderLabels``); the zh_CN translation gives back the
console's Chinese terms. A value the console does not know is shown raw.

:class:`Labels` is a snapshot of the translated words, made on the GUI thread, so that a worker can
format thousands of rows for the clipboard without calling into Qt's translator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal

from app.services.orders.query import OrderRow, SortColumn
from app.views.common import formats
from app.views.common.formats import local_time
from app.views.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "OrderLabels"

STATUSES: dict[str, str] = {
    "待付款": QT_TRANSLATE_NOOP("OrderLabels", "Awaiting payment"),
    "处理中": QT_TRANSLATE_NOOP("OrderLabels", "In progress"),
    "已完成": QT_TRANSLATE_NOOP("OrderLabels", "Completed"),
    "已取消": QT_TRANSLATE_NOOP("OrderLabels", "Cancelled"),
}
ORDER_TYPES: dict[str, str] = {
    "NEW": QT_TRANSLATE_NOOP("OrderLabels", "New purchase"),
    "TRIAL": QT_TRANSLATE_NOOP("OrderLabels", "Trial"),
    "TRIAL_TO_FORMAL": QT_TRANSLATE_NOOP("OrderLabels", "Trial to paid"),
    "UNSUBSCRIBE": QT_TRANSLATE_NOOP("OrderLabels", "Unsubscribe"),
    "RENEW": QT_TRANSLATE_NOOP("OrderLabels", "Renewal"),
    "CHANGE": QT_TRANSLATE_NOOP("OrderLabels", "Change"),
}
CHARGING_MODES: dict[str, str] = {
    "PERIOD": QT_TRANSLATE_NOOP("OrderLabels", "Subscription"),
    "ONE_TIME": QT_TRANSLATE_NOOP("OrderLabels", "One-time"),
    "ON_DEMAND": QT_TRANSLATE_NOOP("OrderLabels", "Pay-per-use"),
    "ON_DEMAND_PKG": QT_TRANSLATE_NOOP("OrderLabels", "Usage package"),
}


@dataclass(frozen=True)
class Column:
    """A column of the orders table: its key, English title, sort and whether it shows at first."""

    key: str
    title: str
    sort: SortColumn
    visible: bool = True
    right_aligned: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("order_id", QT_TRANSLATE_NOOP("OrderLabels", "Order ID"), SortColumn.ORDER_ID),
    Column("customer", QT_TRANSLATE_NOOP("OrderLabels", "Customer"), SortColumn.CUSTOMER),
    Column("account", QT_TRANSLATE_NOOP("OrderLabels", "Account"), SortColumn.ACCOUNT, False),
    Column("customer_id", QT_TRANSLATE_NOOP("OrderLabels", "Customer ID"), SortColumn.CUSTOMER_ID,
           False),
    Column("product", QT_TRANSLATE_NOOP("OrderLabels", "Product"), SortColumn.PRODUCT),
    Column("status", QT_TRANSLATE_NOOP("OrderLabels", "Status"), SortColumn.STATUS),
    Column("type", QT_TRANSLATE_NOOP("OrderLabels", "Type"), SortColumn.ORDER_TYPE),
    Column("charging_mode", QT_TRANSLATE_NOOP("OrderLabels", "Charging mode"),
           SortColumn.CHARGING_MODE),
    Column("amount", QT_TRANSLATE_NOOP("OrderLabels", "Amount"), SortColumn.AMOUNT,
           right_aligned=True),
    Column("created", QT_TRANSLATE_NOOP("OrderLabels", "Created"), SortColumn.CREATED),
    Column("paid", QT_TRANSLATE_NOOP("OrderLabels", "Paid"), SortColumn.PAID, False),
)


def tr(text: str) -> str:
    """``text`` (one of this module's source strings) in the interface language."""
    return translate(CONTEXT, text)


def money(amount: Decimal, currency: str) -> str:
    """``¥1,234.50``: :func:`app.views.common.formats.money`, except that the order and task lists
    have always written US dollars ``$12.00`` (the dashboard writes ``US$12.00``), kept as it is."""
    text = formats.money(amount, currency)
    return text.replace("US$", "$", 1) if currency == "USD" else text


@dataclass(frozen=True)
class Labels:
    """Translated words for raw values and column titles, taken on the GUI thread."""

    statuses: Mapping[str, str]
    order_types: Mapping[str, str]
    charging_modes: Mapping[str, str]
    titles: Mapping[str, str]

    @classmethod
    def current(cls) -> Labels:
        return cls(
            statuses={k: tr(v) for k, v in STATUSES.items()},
            order_types={k: tr(v) for k, v in ORDER_TYPES.items()},
            charging_modes={k: tr(v) for k, v in CHARGING_MODES.items()},
            titles={c.key: tr(c.title) for c in COLUMNS},
        )

    def status(self, raw: str) -> str:
        return self.statuses.get(raw, raw)

    def order_type(self, raw: str) -> str:
        return self.order_types.get(raw, raw)

    def charging_mode(self, raw: str | None) -> str:
        return "" if raw is None else self.charging_modes.get(raw, raw)

    def cell(self, key: str, row: OrderRow, tz: tzinfo | None = None) -> str:
        """The text of column ``key`` for ``row`` (table cells and copied text alike)."""
        if key == "order_id":
            return row.id
        if key == "customer":
            return row.customer_real_name or row.customer_name
        if key == "account":
            return row.customer_name
        if key == "customer_id":
            return row.customer_id
        if key == "product":
            return row.product_name or ""
        if key == "status":
            return self.status(row.order_status)
        if key == "type":
            return self.order_type(row.order_type)
        if key == "charging_mode":
            return self.charging_mode(row.charging_mode)
        if key == "amount":
            return money(row.total_amount, row.currency_code)
        if key == "created":
            return local_time(row.create_time, tz)
        if key == "paid":
            return local_time(row.pay_time, tz)
        raise KeyError(key)
