"""Bills (账单), invoice notices (开票通知) and the partner (客户服务商) incentive records.

The bill run (business-rules §5) happens on the 3rd of each month for the previous period: every order
that became billable in the period (and earlier refunds that had to wait) becomes a bill line, grouped
into one bill per category and currency. A line settles at ``transaction − fee − voucher × (1 − rate)``
with the fee and the voucher deduction each rounded half-up to the cent (5% platform fee for 通用,
Huawei's share for the other classes; the voucher in proportion to the seller's share, §5.4). An
international (USD, 中资出海) line states its VAT and the customer's and the seller's WHT/DST and
settles by the §5.4 formula; a partner line settles at 订单现金消费 × 分成比例 with refunds as
negative lines (§7). Bills carry the date Huawei signed for the invoice (§5.2), partner bills the
date of their invoice notice. Refund lines (退订) are taken only while the bill and its tax group stay
positive; the rest wait for the next run (§5.5). A bill's status then follows a timeline seeded by its
id, so it is a pure function of "now"; the invoice notice appears when the bill reaches 待开票 (§6.2)
and lists one 开票清单 line per tax item and rate, summing exactly to the 开票金额.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from app.sandbox.data.rand import Stream, mix, text_seed
from app.sandbox.data.timeutil import DAY, bill_run_ts, from_hw, hw, quarter_run_ts

if TYPE_CHECKING:
    from app.sandbox.data.catalog import Product, World

SALT_BILL = 41
SALT_PARTNER_BILL = 42
SALT_INTL_TAX = 43
SALT_SIGNED = 44

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
CATEGORY = {"通用": "通用商品", "联营": "联营商品", "自服务": "华为自服务商品", "严选": "严选&认证部件"}
_CAT_CODE = {"通用": "TY", "联营": "LY", "自服务": "ZF", "严选": "YX"}
_INTL_RATE = Decimal("0.00")

#: The Huawei contracting entity for invoices on the China site (business-rules §6.3). The address,
#: phone and bank lines are demo values: the real ones come from the 开票清单.
CN_ENTITY = {
    "name": "华为云计算技术有限公司", "taxNo": "91520900MA6J6CBN9Q",
    "address": "贵州省贵安新区黔中大道交兴功路华为云数据中心", "phone": "0851-00000000",
    "bank": "中国工商银行贵安新区支行", "account": "4000056019100216486",
    "returnAddress": "贵州省贵安新区华为云数据中心 发票组(收)", "returnContact": "发票组 0851-00000000",
}
#: An international contracting entity (demo tax number), invoiced in USD (business-rules §6.4).
INTL_ENTITY = {
    "name": "Sparkoo Technologies Singapore Pte. Ltd.", "taxNo": "201900000K",
    "address": "1 Demo Road, #00-00, Singapore 000000", "phone": "+65 0000 0000",
    "bank": "Demo Bank Singapore", "account": "000-000000-0",
    "returnAddress": "Invoice Team, 1 Demo Road, Singapore 000000",
    "returnContact": "invoice-team@sparkoo.example.com",
}


@dataclass(frozen=True)
class BillItem:
    """One order line that became billable: the raw material of a bill line."""

    order_id: str
    order_line_id: str
    product: Product
    charging_mode: str
    line_type: str  # 正常 | 退订
    transaction: Decimal
    voucher: Decimal
    effective_ts: int
    currency: str
    customer_name: str
    partner_self: bool
    period: str  # the settlement period in which it became billable


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, ROUND_HALF_UP))


#: Demo 中资出海 tax rates (§5.4): the real ones depend on the customer's and the seller's
#: countries and are not documented (UNCONFIRMED); the bill line states the amounts.
_CUSTOMER_WHT = Decimal("0.10")
_CUSTOMER_DST = Decimal("0.03")
_SELLER_WHT = Decimal("0.05")
_SELLER_DST = Decimal("0.02")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def intl_taxes(item: BillItem) -> dict[str, Decimal] | None:
    """The 中资出海 taxes of an international (non-CNY) line, seeded by its order line: VAT (none
    on these demo invoices), the customer's WHT①/DST① on the sales excl. VAT, and the seller's
    WHT②/DST② rates (applied to the seller's share in :func:`settle`). None for a CNY line."""
    if item.currency == "CNY":
        return None
    s = Stream(mix(SALT_INTL_TAX, text_seed(item.order_line_id)))
    sales = item.transaction
    return {
        "vat": ZERO,
        "customer_wht": _cents(sales * _CUSTOMER_WHT) if s.chance(0.5) else ZERO,
        "customer_dst": _cents(sales * _CUSTOMER_DST) if s.chance(0.3) else ZERO,
        "seller_wht_rate": _SELLER_WHT if s.chance(0.25) else ZERO,
        "seller_dst_rate": _SELLER_DST if s.chance(0.2) else ZERO,
    }


def settle(item: BillItem) -> tuple[Decimal, Decimal, dict[str, Decimal] | None]:
    """(fee, settlement, international taxes) of a line.

    China site: fee = T × rate, settlement = T − fee − V × (1 − rate). The voucher is shared with
    Huawei, so only the seller's part of it is deducted (§5.4).

    中资出海 (§5.4): base = T − VAT − WHT① − DST①, fee = base × rate, settlement =
    base − fee − V × (1 − rate) − WHT② − DST②.

    Each term is rounded half-up to the cent: the same arithmetic as
    ``app.services.finance.settlement`` (which the sandbox may not import), so a bill reconciles to
    the cent."""
    rate = item.product.fee_rate
    taxes = intl_taxes(item)
    base = item.transaction
    if taxes is not None:
        base = base - taxes["vat"] - taxes["customer_wht"] - taxes["customer_dst"]
    fee = _cents(base * rate)
    deduction = _cents(item.voucher * (1 - rate))
    share = base - fee - deduction
    if taxes is None:
        return fee, share, None
    stated = {"vat": taxes["vat"], "customer_wht": taxes["customer_wht"],
              "customer_dst": taxes["customer_dst"],
              "seller_wht": _cents(share * taxes["seller_wht_rate"]),
              "seller_dst": _cents(share * taxes["seller_dst_rate"])}
    return fee, share - stated["seller_wht"] - stated["seller_dst"], stated


def _tax_key(item: BillItem) -> tuple[str, Decimal]:
    rate = _INTL_RATE if item.currency != "CNY" else item.product.tax_rate
    return item.product.tax_item, rate


def run_bills(world: World, period: str, items: Iterable[BillItem]
              ) -> tuple[list[dict[str, Any]], list[BillItem]]:
    """The bills of ``period`` (content only; see :func:`bill_at` for status) and the refund items
    that must wait for a later run."""
    groups: dict[tuple[str, str], list[BillItem]] = {}
    for item in items:
        groups.setdefault((item.product.product_class, item.currency), []).append(item)
    bills: list[dict[str, Any]] = []
    deferred: list[BillItem] = []
    created = hw(bill_run_ts(period))
    for pclass in CATEGORY:
        for currency in ("CNY", "USD"):
            group = groups.get((pclass, currency))
            if not group:
                continue
            taken = [i for i in group if i.transaction > 0]
            totals: dict[tuple[str, Decimal], Decimal] = {}
            for i in taken:
                totals[_tax_key(i)] = totals.get(_tax_key(i), ZERO) + settle(i)[1]
            for i in group:
                if i.transaction > 0:
                    continue
                key = _tax_key(i)
                after = totals.get(key, ZERO) + settle(i)[1]
                if after > 0:
                    totals[key] = after
                    taken.append(i)
                else:
                    deferred.append(i)
            if not taken:
                continue
            bill_id = f"{period}{_CAT_CODE[pclass]}{'01' if currency == 'CNY' else '02'}"
            lines = []
            sales = ZERO
            settlement = ZERO
            per_rate: dict[Decimal, Decimal] = {}
            for n, i in enumerate(taken, start=1):
                fee, settled, taxes = settle(i)
                settlement += settled
                rate = _tax_key(i)[1]
                per_rate[rate] = per_rate.get(rate, ZERO) + i.transaction
                line = {
                    "lineId": f"{bill_id}-{n:05d}", "orderId": i.order_id,
                    "orderLineId": i.order_line_id, "productId": i.product.product_id,
                    "productName": i.product.name, "chargingMode": i.charging_mode,
                    "lineType": i.line_type, "transactionAmount": money(i.transaction),
                    "voucherAmount": money(i.voucher), "feeRate": str(i.product.fee_rate),
                    "settlementAmount": money(settled), "effectiveTime": hw(i.effective_ts),
                }
                if taxes is not None:  # 中资出海: the amounts the bill states (§5.4)
                    line.update({"vatAmount": money(taxes["vat"]),
                                 "customerWht": money(taxes["customer_wht"]),
                                 "customerDst": money(taxes["customer_dst"]),
                                 "sellerWht": money(taxes["seller_wht"]),
                                 "sellerDst": money(taxes["seller_dst"])})
                lines.append(line)
            for rate, amount in per_rate.items():
                sales += (amount / (1 + rate)).quantize(CENT, ROUND_HALF_UP)
            rates = sorted(per_rate)
            bills.append({
                "billId": bill_id, "period": period, "category": CATEGORY[pclass],
                "entity": (CN_ENTITY if currency == "CNY" else INTL_ENTITY)["name"],
                "currencyCode": currency, "salesAmount": money(sales),
                "settlementAmount": money(settlement),
                "taxRate": str(rates[0]) if len(rates) == 1 else None,
                "requisitionNo": None, "status": "", "createTime": created, "lines": lines,
                "updateTime": created,
            })
    return bills, deferred


#: A seller bill whose invoice Huawei has received and is verifying (§5.2).
INVOICE_IN_REVIEW = "发票待审核"
PAID = "已付款"
#: After an invoice is received: verified within 2 working days, paid 6 working days later (§5.2).
VERIFY_WORKING_DAYS = 2
PAY_WORKING_DAYS = 6


def notice_id_of(bill_id: str) -> str:
    """The id of a bill's invoice notice (开票通知)."""
    return "KP" + bill_id


def _timeline(world: World, bill_id: str, category: str, created: int) -> list[tuple[int, str]]:
    """The statuses a seller bill goes through (§5.2, §6.1), seeded by its id."""
    s = Stream(mix(world.seed, SALT_BILL, text_seed(bill_id)))
    steps: list[tuple[int, str]] = []
    t = created
    if s.chance(0.05):
        steps.append((t, "申付单创建失败"))
        t += int(s.uniform(3, 10) * DAY)
    steps.append((t, "申付审核"))
    if category == CATEGORY["通用"]:  # 通用: Huawei pays without a seller invoice
        steps.append((t + int(s.uniform(8, 12) * DAY), "已付款"))
        return steps
    t += int(s.uniform(2, 4) * DAY)
    steps.append((t, "待开票"))
    t += DAY + int(s.expo(18) * DAY)
    steps.append((t, "发票待审核"))
    if s.chance(0.1):
        t += int(s.uniform(1, 3) * DAY)
        steps.append((t, "申请被驳回"))
        t += int(s.uniform(3, 10) * DAY)
        steps.append((t, "发票待审核"))
    t += int(s.uniform(2, 4) * DAY) + int(s.uniform(6, 9) * DAY)
    steps.append((t, "已付款"))
    return steps


def signed_for(world: World, bill_id: str, steps: list[tuple[int, str]], now: int) -> int | None:
    """When Huawei signed for (签收) the latest invoice of a bill, if it has by ``now``: up to two
    days before the bill showed 发票待审核 / 发票审核中 (the status lags the signing, §5.2), never
    before the bill reached 待开票."""
    s = Stream(mix(world.seed, SALT_SIGNED, text_seed(bill_id)))
    to_invoice = next((ts for ts, st in steps if st == "待开票"), None)
    found: int | None = None
    for ts, st in steps:
        if st not in ("发票待审核", "发票审核中"):
            continue
        lag = int(s.uniform(0, 2) * DAY)
        signed = max(ts - lag, to_invoice if to_invoice is not None else ts - lag)
        if signed <= now:
            found = signed
    return found


def bill_at(world: World, bill: dict[str, Any], now: int
            ) -> tuple[dict[str, Any], dict[str, Any] | None, bool]:
    """A bill (content from :func:`run_bills`) as it stands at ``now``, its invoice notice (once it
    reached 待开票) and whether it can still change."""
    created = from_hw(bill["createTime"])
    steps = _timeline(world, bill["billId"], bill["category"], created)
    status, changed = steps[0][1], steps[0][0]
    notice_ts: int | None = None
    for ts, st in steps:
        if ts > now:
            break
        status, changed = st, ts
        if st == "待开票" and notice_ts is None:
            notice_ts = ts
    requisition = None
    if status != "申付单创建失败":
        requisition = "SF" + hw(created)[:8] + f"{text_seed(bill['billId']) % 10**6:06d}"
    out = dict(bill, status=status, requisitionNo=requisition, updateTime=hw(changed))
    signed = signed_for(world, bill["billId"], steps, now)
    if signed is not None:
        out["invoiceSignedTime"] = hw(signed)
        changed = max(changed, signed)
        out["updateTime"] = hw(changed)
    notice = None
    if notice_ts is not None and requisition is not None:
        notice = _notice(world, out, requisition, notice_ts, changed)
    return out, notice, status != "已付款"


def _notice(world: World, bill: dict[str, Any], requisition: str, issued: int,
            changed: int) -> dict[str, Any]:
    intl = bill["currencyCode"] != "CNY"
    groups: dict[tuple[str, Decimal], Decimal] = {}
    for line in bill["lines"]:
        product = world.product(line["productId"])
        key = (product.tax_item if not intl else "云商店服务",
               product.tax_rate if not intl else _INTL_RATE)
        groups[key] = groups.get(key, ZERO) + Decimal(line["settlementAmount"])
    lines = []
    total = ZERO
    for n, ((item, rate), amount) in enumerate(groups.items(), start=1):
        excl = (amount / (1 + rate)).quantize(CENT, ROUND_HALF_UP)
        total += amount
        lines.append({"lineNo": n, "itemName": item, "taxRate": str(rate), "amount": money(amount),
                      "amountExclTax": money(excl), "tax": money(amount - excl)})
    return {
        "noticeId": notice_id_of(bill["billId"]), "billId": bill["billId"], "requisitionNo": requisition,
        "period": bill["period"], "invoiceAmount": money(total),
        "currencyCode": bill["currencyCode"], "form": "intl" if intl else "cn",
        "entity": INTL_ENTITY if intl else CN_ENTITY,
        "taxRates": sorted({line["taxRate"] for line in lines}),
        "mailingAddress": None if intl else CN_ENTITY["returnAddress"],
        "eInvoiceMailbox": "invoice-intl@sparkoo.example.com" if intl else "einvoice@huaweicloud.example.com",
        "lines": lines, "issueTime": hw(issued), "billStatus": bill["status"],
        "updateTime": hw(max(issued, changed)),
    }


# --------------------------------------------------------------------------------------------------
# Partner (客户服务商) incentives
# --------------------------------------------------------------------------------------------------


def partner_schedule(world: World, key: str, run: int) -> list[tuple[int, str]]:
    """Statuses of a partner bill (monthly or quarterly) run at ``run``: review 2 working days,
    invoice, verification, payment 6 working days after (§7 Settlement)."""
    s = Stream(mix(world.seed, SALT_PARTNER_BILL, text_seed(key)))
    review = run + 2 * DAY
    invoiced = review + DAY + int(s.expo(10) * DAY)
    verified = invoiced + int(s.uniform(2, 4) * DAY)
    return [(run, "审核中"), (review, "待开票"), (invoiced, "发票审核中"),
            (verified + int(s.uniform(6, 9) * DAY), "已付款")]


def performance_record(world: World, order_id: str, product: Product, customer: str,
                       total: Decimal, period: str, bill_ts: int, now: int,
                       cash: Decimal | None = None) -> dict[str, Any]:
    """业绩明细 for a partner-bound order: visible a working day after it became billable;
    待出账 until the monthly partner bill, 已出账 until that bill is paid, then 已结算.

    The incentive is 订单现金消费 × 分成比例 (§7): ``cash`` is what the customer paid in cash
    (the total less vouchers; the total when not given). A refund (negative total) is a negative
    record, deducted in the month's partner bill (§5.5)."""
    cash = total if cash is None else cash
    run = bill_run_ts(period)
    paid = partner_schedule(world, f"PB{period}", run)[-1][0]
    status, changed = "待出账", bill_ts + DAY
    if now >= paid:
        status, changed = "已结算", paid
    elif now >= run:
        status, changed = "已出账", run
    incentive = _cents(cash * product.partner_share)
    return {
        "recordId": "PF" + order_id[2:], "period": period, "orderId": order_id,
        "productId": product.product_id, "productName": product.name, "customerName": customer,
        "transactionAmount": money(total), "incentiveRate": str(product.partner_share),
        "incentiveAmount": money(incentive), "status": status, "updateTime": hw(changed),
        "cashAmount": money(cash),
    }


def partner_bill(world: World, kind: str, period: str, records: list[dict[str, Any]],
                 now: int) -> tuple[dict[str, Any], bool] | None:
    """A 基础激励 (monthly, ``period`` YYYYMM) or 业绩考核激励 (quarterly, ``period`` YYYYQn) bill
    over the given performance records, as it stands at ``now``; None when there is nothing to pay."""
    if not records:
        return None
    if kind == "基础激励":
        bill_id, run = f"PB{period}", bill_run_ts(period)
    else:
        bill_id, run = f"PQ{period}", quarter_run_ts(period)
    if run > now:
        return None
    lines = []
    amount = ZERO
    for r in records:
        cash = Decimal(r.get("cashAmount", r["transactionAmount"]))
        if kind == "基础激励":
            ratio, settled = r["incentiveRate"], Decimal(r["incentiveAmount"])
        else:  # the quarterly assessment pays a flat 2% of the quarter's performance
            ratio = "0.02"
            settled = _cents(cash * Decimal(ratio))
        amount += settled
        lines.append({"orderId": r["orderId"], "productName": r["productName"],
                      "customerName": r["customerName"],
                      "transactionAmount": r["transactionAmount"], "shareRatio": ratio,
                      "settlementAmount": money(settled), "cashAmount": money(cash),
                      "lineType": "退订" if cash < 0 else "正常"})
    if amount <= 0:  # refunds only: nothing to pay this month
        return None
    status, changed = "审核中", run
    schedule = partner_schedule(world, bill_id, run)
    for ts, st in schedule:
        if ts <= now:
            status, changed = st, ts
    requisition = None if status == "审核中" else "SFP" + hw(run)[:8] + f"{text_seed(bill_id) % 10**5:05d}"
    out = {
        "billId": bill_id, "kind": kind, "period": period, "currencyCode": "CNY",
        "amount": money(amount), "taxRate": "0.06", "status": status,
        "requisitionNo": requisition, "lines": lines, "createTime": hw(run),
        "updateTime": hw(changed),
    }
    notice = next(ts for ts, st in schedule if st == "待开票")  # after 会签, by SMS/email (§6.2)
    if notice <= now:
        out["noticeTime"] = hw(notice)
    signed = signed_for(world, bill_id, schedule, now)
    if signed is not None:
        out["invoiceSignedTime"] = hw(signed)
    return out, status != "已付款"

