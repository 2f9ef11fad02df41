"""Customers' invoice requests for 通用 orders (给用户开票, business-rules §6.5).

Since 2018-11-01 the seller invoices the buyer of a 通用 product (Huawei only collects the payment).
Half of the paid CNY 通用 orders get a request some hours to weeks after payment, for the
full order amount: 普票 or 专票, electronic (to the buyer's mailbox) or paper (to a postal address),
made out to the company (with its 统一社会信用代码, valid check characters) or, for a person, to
their name. A request is a pure function of the order and "now": it appears at its apply time and
waits in 待开票 until the seller's (simulated) answer: most are issued (已完成) within the 7 days,
some late, a few revoked (已撤销) or, once issued, returned (已退回). Requests made in the last 14
days before the sandbox's start are left to the console: they stay 待开票 (and run late) until
the console acts on them; the sandbox then keeps the console's version (``gen = manual``).

The status strings other than 已完成 are this project's contract (UNCONFIRMED in the sources).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.sandbox.data.rand import Stream, mix
from app.sandbox.data.timeutil import DAY, HOUR, hw, to_ts

if TYPE_CHECKING:
    from app.sandbox.data.catalog import Customer, Product, World

SALT_CUSTOMER_INVOICE = 51
PENDING = "待开票"
ISSUED = "已完成"
RETURNED = "已退回"
REVOKED = "已撤销"
#: The courier rule (§6.5): below this face value the customer pays (the seller may send it
#: cash-on-delivery, 到付); from it on the seller pays.
COURIER_SELLER_FROM = Decimal("100")

#: Requests made this long before the sandbox's start wait for the console (no simulated answer).
LEFT_FOR_THE_CONSOLE = 14 * DAY

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_BEIJING = timezone(timedelta(hours=8))
_STREETS = ("科技园路", "建国路", "中关村大街", "天府大道", "高新南一道", "滨江大道", "软件园二期")
_BANKS = ("中国工商银行", "中国建设银行", "招商银行", "中国银行", "交通银行")


def uscc(s: Stream) -> str:
    """A well-formed 统一社会信用代码 (GB 32100-2015, organisation code GB 11714 inside)."""
    org8 = s.digits(8)
    total = sum(int(c) * w for c, w in zip(org8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    org = org8 + {10: "X", 11: "0"}.get(value, str(value))
    first17 = "91" + s.choice(("110108", "310115", "440305", "330106", "510107")) + org
    weights = tuple(pow(3, i, 31) for i in range(17))
    check = sum(_ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    return first17 + _ALPHABET[(31 - check % 31) % 31]


def request_id_of(order_id: str) -> str:
    return "FP" + order_id[2:]


def build_request(world: World, index: int, order: dict[str, Any], customer: Customer,
                  product: Product, pay_ts: int | None, now: int
                  ) -> tuple[dict[str, Any] | None, bool]:
    """The invoice request of one order as it stands at ``now`` (None: none, or not yet) and
    whether it can still change (the order must then stay live)."""
    total = Decimal(order["totalAmount"])
    if (product.product_class != "通用" or order["currencyCode"] != "CNY" or pay_ts is None
            or total <= 0 or order["orderType"] not in ("NEW", "RENEW", "CHANGE")
            or any(line["chargingMode"] == "ON_DEMAND" for line in order["orderLine"])):
        # 按需 usage is invoiced from the bills, not per order (§4: not in the order list)
        return None, False
    s = Stream(mix(world.seed, SALT_CUSTOMER_INVOICE, index))
    if not s.chance(0.5):
        return None, False
    apply_ts = pay_ts + int(s.uniform(0.1, 25) * DAY)
    if apply_ts > now:
        return None, True
    company = customer.customer_type == 1
    special = company and s.chance(0.3)
    paper = s.chance(0.25 if special else 0.1)
    record: dict[str, Any] = {
        "requestId": request_id_of(order["orderId"]), "orderId": order["orderId"],
        "customerName": customer.account, "productName": product.name,
        "taxItem": product.tax_item, "taxRate": str(product.tax_rate),
        "amount": order["totalAmount"], "currencyCode": "CNY",
        "invoiceType": "专票" if special else "普票", "medium": "纸质" if paper else "电子",
        "titleType": "企业" if company else "个人", "title": customer.real_name,
        "taxNo": uscc(s) if company else None,
        "buyerAddress": None, "buyerPhone": None, "buyerBank": None, "buyerAccount": None,
        "email": customer.email if not paper else None,
        "recipient": None, "recipientPhone": None, "mailingAddress": None,
        "refundPending": False, "applyTime": hw(apply_ts), "status": PENDING,
        "invoiceNo": None, "invoiceDate": None, "courierNo": None, "courierPayer": None,
        "reason": None, "updateTime": hw(apply_ts),
    }
    if special:
        record.update(
            buyerAddress=f"{customer.region}{s.choice(_STREETS)}{s.randint(1, 999)}号",
            buyerPhone=f"0{s.randint(10, 999)}-{s.digits(8)}",
            buyerBank=f"{s.choice(_BANKS)}{customer.region}分行",
            buyerAccount=s.digits(19))
    if paper:
        record.update(recipient=customer.real_name if not company else "财务部",
                      recipientPhone=customer.mobile,
                      mailingAddress=f"{customer.region}{s.choice(_STREETS)}{s.randint(1, 999)}号")
    # The seller's (simulated) answer: most within the 7 days, some late, a few revoked.
    r = s.random()
    if apply_ts >= to_ts(world.start) - LEFT_FOR_THE_CONSOLE:
        return record, True  # recent at the start: the console's to answer (the radar counts)
    late = r < 0.12
    answer_ts = apply_ts + int((s.uniform(7.5, 12) if late else s.expo(2.5)) * DAY) + HOUR
    if answer_ts > now:
        return record, True
    if r > 0.96:
        record.update(status=REVOKED, reason="买家信息有误，已联系买家重新申请",
                      updateTime=hw(answer_ts))
        return record, False
    day = datetime.fromtimestamp(answer_ts, _BEIJING).date().isoformat()
    record.update(status=ISSUED, invoiceNo=s.digits(8) if paper else s.digits(20),
                  invoiceDate=day, updateTime=hw(answer_ts))
    if paper:
        record.update(courierNo="SF" + s.digits(12),
                      courierPayer="卖家" if total >= COURIER_SELLER_FROM else "买家到付")
    if r > 0.93:
        returned_ts = answer_ts + int(s.uniform(1, 20) * DAY)
        if returned_ts <= now:
            record.update(status=RETURNED, reason="买家申请换开：抬头有误", updateTime=hw(returned_ts))
            return record, False
        return record, True
    return record, False
