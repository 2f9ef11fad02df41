"""Query Order (查询订单, interfaces.md §7.2) beside what the cache holds for the same order.

:func:`query` asks KooGallery (the profile's open-API host) for one order, or one line of it;
:func:`compare` reads the cache's copy and lists every field where the two differ, so a seller
sees at once whether the console's picture of an order is KooGallery's. The nine ``MOCK…``
orders answer without a real purchase (each line id is ``<orderId>-000001``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from app.errors import ConsoleError
from app.models.orders import Order
from app.services.marketplace.client import MarketplaceClient, RequestRefused

#: An order line's periodType in words (``day`` is seen only in a mock's name: UNCONFIRMED).
PERIOD_TYPES: dict[str, tuple[str, str]] = {
    "year": ("year", "年"), "month": ("month", "个月"), "day": ("day", "天")}


def period_words(number: int | None, period_type: str | None, language: str) -> str:
    """``1 year`` / ``1年``; empty when the line has no period."""
    if not period_type:
        return ""
    en, zh = PERIOD_TYPES.get(period_type, (period_type, period_type))
    count = number if number is not None else ""
    if language.lower().startswith("zh"):
        return f"{count}{zh}"
    return f"{count} {en}{'s' if isinstance(number, int) and number > 1 else ''}"


class OrderQueryError(ConsoleError):
    """An order id that cannot be asked about (empty, too long)."""

    default_code = "order_query_input"


def check_id(value: str, what: str = "order") -> str:
    text = value.strip()
    if not text or len(text) > 64 or any(c.isspace() for c in text):
        raise OrderQueryError(f"An {what} id is 1 to 64 characters without blanks.")
    return text


def _time(value: Any) -> datetime | None:
    if isinstance(value, str) and len(value) == 14 and value.isdigit():
        return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    return None


def _amount(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class LineAnswer:
    line_id: str
    charging_mode: str | None
    period_type: str | None
    period_number: int | None
    expire_time: datetime | None
    product_id: str | None
    product_name: str | None
    amount: Decimal | None
    amount_after_discount: Decimal | None


@dataclass(frozen=True)
class OrderAnswer:
    """KooGallery's answer: the order (``found``) or its refusal (``code``, ``message``)."""

    order_id: str
    found: bool
    code: str | None
    message: str
    order_type: str | None = None
    create_time: datetime | None = None
    lines: tuple[LineAnswer, ...] = ()
    customer_name: str | None = None
    test: bool = False
    raw: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def iso(v: datetime | None) -> str | None:
            return v.isoformat() if v else None

        def dec(v: Decimal | None) -> str | None:
            return str(v) if v is not None else None

        return {
            "orderId": self.order_id, "found": self.found, "code": self.code,
            "message": self.message, "orderType": self.order_type,
            "createTime": iso(self.create_time), "customerName": self.customer_name,
            "test": self.test,
            "lines": [{"orderLineId": ln.line_id, "chargingMode": ln.charging_mode,
                       "periodType": ln.period_type, "periodNumber": ln.period_number,
                       "expireTime": iso(ln.expire_time), "productId": ln.product_id,
                       "productName": ln.product_name, "amount": dec(ln.amount),
                       "amountAfterDiscount": dec(ln.amount_after_discount)}
                      for ln in self.lines],
        }


def parse_answer(order_id: str, body: dict[str, Any]) -> OrderAnswer:
    info = body.get("orderInfo") if isinstance(body.get("orderInfo"), dict) else {}
    assert isinstance(info, dict)
    lines = []
    for raw in info.get("orderLine") or []:
        if not isinstance(raw, dict):
            continue
        products = [p for p in raw.get("productInfo") or [] if isinstance(p, dict)]
        first = products[0] if products else {}
        number = raw.get("periodNumber")
        lines.append(LineAnswer(
            str(raw.get("orderLineId") or ""), raw.get("chargingMode"), raw.get("periodType"),
            number if isinstance(number, int) else None, _time(raw.get("expireTime")),
            first.get("productId"), first.get("productName"), _amount(raw.get("currency")),
            _amount(raw.get("currencyAfterDiscount"))))
    buyer = info.get("buyerInfo") if isinstance(info.get("buyerInfo"), dict) else {}
    params = info.get("extendParams") or []
    test = any(isinstance(p, dict) and p.get("name") == "testFlag" and str(p.get("value")) == "1"
               for p in params)
    return OrderAnswer(
        str(info.get("orderId") or order_id), True, str(body.get("resultCode") or ""),
        str(body.get("resultMsg") or ""), info.get("orderType"), _time(info.get("createTime")),
        tuple(lines), (buyer or {}).get("customerName"), test, body)


def query(client: MarketplaceClient, order_id: str, line_id: str | None = None) -> OrderAnswer:
    """Ask KooGallery for ``order_id`` (and one line). A refusal (no such order, no such line)
    is an answer with ``found`` False; keys refused or host unreachable raise."""
    oid = check_id(order_id)
    lid = check_id(line_id, "order line") if line_id else None
    try:
        body = client.query_order(oid, lid)
    except RequestRefused as e:
        return OrderAnswer(oid, False, e.code, e.server_message or str(e))
    return parse_answer(oid, body)


@dataclass(frozen=True)
class Difference:
    """One field where KooGallery's answer and the cache differ (``line`` None: the order)."""

    line: str | None
    field: str
    marketplace: str
    cache: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "marketplace": self.marketplace,
                "cache": self.cache}


@dataclass(frozen=True)
class CacheView:
    """What the cache holds for the order: ``present`` False when it has never been synced."""

    present: bool
    order_status: str | None = None
    supervision_status: str | None = None
    differences: tuple[Difference, ...] = ()
    missing_lines: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"present": self.present, "orderStatus": self.order_status,
                "supervisionStatus": self.supervision_status,
                "differences": [d.to_json() for d in self.differences],
                "linesNotInCache": list(self.missing_lines)}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def compare(engine: Engine, answer: OrderAnswer) -> CacheView:
    """The cache's copy of ``answer``'s order and where it differs from KooGallery's answer."""
    with Session(engine) as session:
        order = session.execute(
            select(Order).where(Order.id == answer.order_id)
            .options(selectinload(Order.lines))).scalar_one_or_none()
        if order is None:
            return CacheView(False)
        diffs: list[Difference] = []

        def check(line: str | None, name: str, ours: Any, theirs: Any) -> None:
            if theirs is None:
                return
            if _text(ours) != _text(theirs):
                diffs.append(Difference(line, name, _text(theirs), _text(ours)))

        if answer.found:
            check(None, "orderType", order.order_type, answer.order_type)
            check(None, "createTime", order.create_time, answer.create_time)
        by_id = {ln.id: ln for ln in order.lines}
        missing = []
        for ln in answer.lines:
            ours = by_id.get(ln.line_id)
            if ours is None:
                missing.append(ln.line_id)
                continue
            check(ln.line_id, "chargingMode", ours.charging_mode, ln.charging_mode)
            check(ln.line_id, "periodType", ours.period_type, ln.period_type)
            check(ln.line_id, "periodNumber", ours.period_number, ln.period_number)
            check(ln.line_id, "expireTime", ours.expire_time, ln.expire_time)
            check(ln.line_id, "productId", ours.product_id, ln.product_id)
            check(ln.line_id, "amount", ours.amount, ln.amount)
            check(ln.line_id, "amountAfterDiscount", ours.amount_after_discount,
                  ln.amount_after_discount)
        return CacheView(True, order.order_status, order.supervision_status, tuple(diffs),
                         tuple(missing))
