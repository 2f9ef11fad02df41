"""The sandbox's invoice submission: ``POST /v1/seller/invoice-notices/{noticeId}/invoices``.

The seller sends one invoice per tax rate of an invoice notice (开票通知), after issuing and mailing
it. The marketplace checks it against the notice the way Huawei's invoice team does (business-rules
§6.3 "common rejection reasons", §6.4) and refuses a mismatch with a code and the reason in words:

=========  ======  =======================================================================
code       status  refusal
=========  ======  =======================================================================
SC.1101    400     the total is not the 开票清单 amount for that rate (to the cent)
SC.1102    400     the currency is not the notice's
SC.1103    400     CN: the remarks lack the 申付单号 or the 对账期次; intl: the Payment
                   Requisition Form No. or the Settlement Period is not the notice's
SC.1104    400     several tax rates on one invoice, or a rate the notice does not list
SC.1105    400     the buyer (Invoice To) is not the contracting entity on the notice
SC.1106    409     the bill does not await an invoice (already invoiced, paid)
SC.1107    409     an invoice for this rate of this notice was already received
SC.1007    404     no such notice;  SC.1008 400: a field missing or malformed
=========  ======  =======================================================================

These checks are written here on their own (the sandbox shares only wire formats with the console)
so that the console's own checks are tested against an independent peer. An accepted invoice is
kept (collection ``invoice_submissions``, not served); once every rate of the notice has one, the
bill and the notice move to 发票待审核 and are handed to the user (no longer rebuilt from the
generator's timeline): the clock has Huawei verify the invoice within 2 working days and pay 6
working days later (the bill and its notice become 已付款), so later syncs show that too. Registered with ``actions.action_route`` (idempotent: a
resend of the same key has no second effect).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
from fastapi import FastAPI

from app.sandbox import manual_tasks as mt
from app.sandbox.api.actions import ActionContext, action_route
from app.sandbox.data.finance import CN_ENTITY, INVOICE_IN_REVIEW
from app.sandbox.data.generate import dumps
from app.sandbox.data.timeutil import from_hw, hw
from app.sandbox.state import SandboxData

NOTICES_PATH = "/v1/seller/invoice-notices"
SUBMISSIONS = "invoice_submissions"
AWAITING = frozenset({"待开票", "申请被驳回"})

AMOUNT = ("SC.1101", 400)
CURRENCY = ("SC.1102", 400)
REFERENCES = ("SC.1103", 400)
TAX_RATE = ("SC.1104", 400)
BUYER = ("SC.1105", 400)
NOT_AWAITING = ("SC.1106", 409)
DUPLICATE = ("SC.1107", 409)

_BEIJING = timezone(timedelta(hours=8))


def _text(body: dict[str, Any], name: str, required: bool = True) -> str:
    value = body.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise mt.refuse(mt.INVALID_FIELD, f"{name} is required")
    return value.strip()


def _decimal(value: Any, name: str) -> Decimal:
    try:
        number = Decimal(str(value)) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise mt.refuse(mt.INVALID_FIELD, f"{name} must be a decimal string")
    return number


def _key(notice_id: str, rate: Decimal) -> str:
    """The submission's record id: one per notice and rate (0.06 and 0.060 are one rate)."""
    return f"{notice_id}:{rate.normalize()}"


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _expected_amount(notice: dict[str, Any], rate: Decimal) -> Decimal:
    rates = [Decimal(r) for r in notice.get("taxRates") or []]
    if len(rates) <= 1:
        return Decimal(notice["invoiceAmount"])
    return sum((Decimal(x["amount"]) for x in notice.get("lines") or []
                if Decimal(x["taxRate"]) == rate), Decimal("0"))


def _period_written(remarks: str, period: str) -> bool:
    compact = "".join(remarks.split())
    y, m = period[:4], period[4:]
    return any(f in compact for f in (period, f"{y}-{m}", f"{y}/{m}", f"{y}.{m}", f"{y}年{m}月",
                                      f"{y}年{int(m) if m.isdigit() else m}月"))


def check_invoice(notice: dict[str, Any], body: dict[str, Any]) -> Decimal:
    """Refuse (``ActionRefused``) what Huawei's invoice team would send back; the invoice's tax
    rate when it passes."""
    rate = _decimal(body.get("taxRate"), "taxRate")
    total = _decimal(body.get("totalAmount"), "totalAmount")
    lines = body.get("lines")
    if not isinstance(lines, list) or not lines or not all(isinstance(x, dict) for x in lines):
        raise mt.refuse(mt.INVALID_FIELD, "lines must list the invoice's lines")
    line_rates = {_decimal(x.get("taxRate"), "lines.taxRate") for x in lines}
    if len(line_rates) > 1 or line_rates != {rate}:
        raise mt.refuse(TAX_RATE, "one invoice carries one tax rate; issue one invoice per rate "
                                  f"(found {', '.join(sorted(_percent(r) for r in line_rates))})")
    if rate not in {Decimal(r) for r in notice.get("taxRates") or []}:
        raise mt.refuse(TAX_RATE, f"the notice has no tax rate {_percent(rate)}")
    line_total = sum((_decimal(x.get("amount"), "lines.amount") for x in lines), Decimal("0"))
    expected = _expected_amount(notice, rate)
    if total != line_total or total != expected:
        raise mt.refuse(AMOUNT, f"the invoice total {total} is not the 开票清单 amount {expected} "
                                f"for tax rate {_percent(rate)}")
    currency = _text(body, "currencyCode")
    if currency != notice["currencyCode"]:
        raise mt.refuse(CURRENCY, f"the invoice is in {currency}; the notice asks for "
                                  f"{notice['currencyCode']}")
    entity = notice.get("entity") or {}
    if _text(body, "buyerName") != entity.get("name") or \
            _text(body, "buyerTaxNo") != entity.get("taxNo"):
        raise mt.refuse(BUYER, f"the invoice must be made out to {entity.get('name')} "
                               f"({entity.get('taxNo')})")
    if notice.get("form") == "cn":
        remarks = "".join(_text(body, "remarks", required=False).split())
        if notice["requisitionNo"] not in remarks or not _period_written(remarks,
                                                                         notice["period"]):
            raise mt.refuse(REFERENCES, "the remarks (备注) must carry the 申付单号 "
                                        f"{notice['requisitionNo']} and the 对账期次 "
                                        f"{notice['period']}")
    elif _text(body, "requisitionNo") != notice["requisitionNo"] or \
            _text(body, "period") != notice["period"]:
        raise mt.refuse(REFERENCES, "Payment Requisition Form No. and Settlement Period must be "
                                    f"{notice['requisitionNo']} and {notice['period']}")
    _text(body, "invoiceNo")
    try:
        issued = date.fromisoformat(_text(body, "invoiceDate"))
    except ValueError:
        raise mt.refuse(mt.INVALID_FIELD, "invoiceDate must be YYYY-MM-DD") from None
    notice_day = datetime.fromtimestamp(from_hw(notice["issueTime"]), _BEIJING).date()
    if issued < notice_day:
        raise mt.refuse(mt.INVALID_FIELD, f"the invoice date {issued} is before the notice "
                                          f"({notice_day})")
    return rate


def _submit(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    notice_id = params["notice_id"]
    notice, _gen = ctx.record("invoice_notices", notice_id, "invoice notice")
    bill_stored = ctx.w.get("bills", notice["billId"])
    bill = orjson.loads(bill_stored.payload) if bill_stored and bill_stored.payload else None
    status = bill["status"] if bill else notice.get("billStatus", "")
    claimed = _decimal(ctx.body.get("taxRate"), "taxRate")
    if ctx.w.get(SUBMISSIONS, _key(notice_id, claimed)) is not None:
        raise mt.refuse(DUPLICATE, f"an invoice for tax rate {_percent(claimed)} of notice "
                                   f"{notice_id} was already received")
    if status not in AWAITING:
        raise mt.refuse(NOT_AWAITING, f"bill {notice['billId']} is {status}; it does not await "
                                      "an invoice")
    rate = check_invoice(notice, ctx.body)
    key = _key(notice_id, rate)
    files = ctx.files()  # a scan of the paper invoice or the e-invoice itself, optional
    for f in files:
        ctx.w.mark_attached(f.file_id)
    record = {"noticeId": notice_id, "taxRate": str(rate), "received": hw(ctx.now),
              "fileIds": [f.file_id for f in files],
              **{k: ctx.body.get(k) for k in ("invoiceNo", "invoiceDate", "courierNo",
                                               "totalAmount", "currencyCode")}}
    ctx.w.put(SUBMISSIONS, key, dumps(record), gen=mt.MANUAL)
    rates = [Decimal(r) for r in notice.get("taxRates") or []]
    complete = all(ctx.w.get(SUBMISSIONS, _key(notice_id, r)) is not None for r in rates)
    new_status = status
    if complete:
        new_status = INVOICE_IN_REVIEW
        changed = hw(ctx.now)
        if bill is not None:
            bill.update(status=INVOICE_IN_REVIEW, updateTime=max(changed, bill["updateTime"]))
            # live: the clock moves it on to 已付款 (Simulation._manual_bill)
            ctx.w.put("bills", bill["billId"], dumps(bill), live=True, gen=mt.MANUAL)
        notice.update(billStatus=INVOICE_IN_REVIEW, updateTime=max(changed, notice["updateTime"]))
        ctx.w.put("invoice_notices", notice_id, dumps(notice), gen=mt.MANUAL)
    return {"noticeId": notice_id, "taxRate": str(rate), "billStatus": new_status,
            "fileIds": record["fileIds"],
            "invoicesReceived": sum(ctx.w.get(SUBMISSIONS, _key(notice_id, r)) is not None
                                    for r in rates)}


def add_invoice_routes(app: FastAPI, data: SandboxData) -> None:
    """Register the invoice submission (see the module docstring)."""
    action_route(app, data, NOTICES_PATH + "/{notice_id}/invoices", _submit,
                 "提交发票: an issued invoice for one tax rate of an invoice notice",
                 "write endpoints")
    add_customer_invoice_routes(app, data)


# --------------------------------------------------------------------------------------------------
# 给用户开票 (§6.5), the platform-fee invoice request (§6.5) and the partner's invoice (§6.3, §7)
# --------------------------------------------------------------------------------------------------
#
# =========  ======  ========================================================================
# SC.1111    409     the customer's request is not in a state that allows this action
# SC.1112    409     a refund of the order is pending: no invoice while it lasts
# SC.1113    400     the invoice total is not the full order amount
# SC.1114    400     the title (抬头) or tax number differs from the customer's request
# SC.1115    400     a paper invoice needs the courier tracking number
# SC.1116    400     from 100 元 on the seller pays the courier (no cash-on-delivery)
# SC.1117    409     a bill is not a paid 通用 bill (the platform-fee invoice is asked after 申付)
# SC.1119    409     a platform-fee invoice was already asked for this bill
# SC.1120    400     only a VAT special invoice (专票) is accepted from a 客户服务商
# =========  ======  ========================================================================

CUSTOMER_INVOICES_PATH = "/v1/seller/customer-invoices"
PLATFORM_FEE_PATH = "/v1/seller/platform-fee-invoices"
PARTNER_BILLS_PATH = "/v1/partner/bills"
PLATFORM_FEE_REQUESTS = "platform_fee_requests"
PARTNER_SUBMISSIONS = "partner_invoice_submissions"

WRONG_STATE = ("SC.1111", 409)
REFUND_PENDING = ("SC.1112", 409)
NOT_FULL_AMOUNT = ("SC.1113", 400)
TITLE = ("SC.1114", 400)
COURIER_MISSING = ("SC.1115", 400)
COURIER_PAYER = ("SC.1116", 400)
NOT_PAID_GENERAL = ("SC.1117", 409)
ALREADY_ASKED = ("SC.1119", 409)
SPECIAL_ONLY = ("SC.1120", 400)

_PENDING, _ISSUED, _RETURNED, _REVOKED = "待开票", "已完成", "已退回", "已撤销"
#: Which request states allow which seller action (§6.5: 退回 when 已完成; 撤销 "also possible",
#: the states UNCONFIRMED: this sandbox allows it before and after issuing).
ALLOWED = {"issue": {_PENDING}, "return": {_ISSUED}, "revoke": {_PENDING, _ISSUED}}
COURIER_SELLER_FROM = Decimal("100")
GENERAL = "通用商品"
PAID = "已付款"


def _request(ctx: ActionContext, request_id: str, action: str) -> dict[str, Any]:
    record, _gen = ctx.record("customer_invoices", request_id, "customer invoice request")
    if record["status"] not in ALLOWED[action]:
        raise mt.refuse(WRONG_STATE, f"request {request_id} is {record['status']}; {action} is "
                                     f"possible when it is {'/'.join(sorted(ALLOWED[action]))}")
    return record


def _save_request(ctx: ActionContext, record: dict[str, Any]) -> dict[str, Any]:
    record["updateTime"] = max(hw(ctx.now), record["updateTime"])
    ctx.w.put("customer_invoices", record["requestId"], dumps(record), gen=mt.MANUAL)
    return {"requestId": record["requestId"], "status": record["status"]}


def _issue_customer(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    record = _request(ctx, params["request_id"], "issue")
    if record.get("refundPending"):
        raise mt.refuse(REFUND_PENDING, f"a refund of order {record['orderId']} is pending")
    total = _decimal(ctx.body.get("totalAmount"), "totalAmount")
    if total != Decimal(record["amount"]):
        raise mt.refuse(NOT_FULL_AMOUNT, f"the invoice total {total} is not the order amount "
                                         f"{record['amount']}")
    if _text(ctx.body, "title") != record["title"] or \
            (_text(ctx.body, "taxNo", required=False) or None) != (record.get("taxNo") or None):
        raise mt.refuse(TITLE, f"the invoice must be made out to {record['title']} "
                               f"({record.get('taxNo') or '-'})")
    number = _text(ctx.body, "invoiceNo")
    try:
        issued = date.fromisoformat(_text(ctx.body, "invoiceDate"))
    except ValueError:
        raise mt.refuse(mt.INVALID_FIELD, "invoiceDate must be YYYY-MM-DD") from None
    courier = _text(ctx.body, "courierNo", required=False)
    payer = _text(ctx.body, "courierPayer", required=False)
    if record["medium"] == "纸质":
        if not courier:
            raise mt.refuse(COURIER_MISSING, "a paper invoice needs the courier tracking number")
        if total >= COURIER_SELLER_FROM and payer != "卖家":
            raise mt.refuse(COURIER_PAYER, "from 100 元 on the seller pays the courier")
    files = ctx.files()
    for f in files:
        ctx.w.mark_attached(f.file_id)
    record.update(status=_ISSUED, invoiceNo=number, invoiceDate=issued.isoformat(),
                  courierNo=courier or None, courierPayer=payer or None, reason=None)
    return _save_request(ctx, record)


def _return_customer(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    record = _request(ctx, params["request_id"], "return")
    record.update(status=_RETURNED, reason=_text(ctx.body, "reason"))
    return _save_request(ctx, record)


def _revoke_customer(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    record = _request(ctx, params["request_id"], "revoke")
    record.update(status=_REVOKED, reason=_text(ctx.body, "reason"))
    return _save_request(ctx, record)


def _platform_fee(ctx: ActionContext, _params: dict[str, str]) -> dict[str, Any]:
    kind = _text(ctx.body, "invoiceType")
    if kind not in ("数电专票", "数电普票"):
        raise mt.refuse(mt.INVALID_FIELD, "invoiceType must be 数电专票 or 数电普票")
    ids = ctx.body.get("billIds")
    if not isinstance(ids, list) or not ids or not all(isinstance(x, str) for x in ids):
        raise mt.refuse(mt.INVALID_FIELD, "billIds must list the bills")
    bills = {}
    for bill_id in ids:
        bill, _gen = ctx.record("bills", bill_id, "bill")
        if bill.get("category") != GENERAL or bill.get("status") != PAID:
            raise mt.refuse(NOT_PAID_GENERAL, f"bill {bill_id} is not a paid 通用 bill")
        if ctx.w.get(PLATFORM_FEE_REQUESTS, bill_id) is not None:
            raise mt.refuse(ALREADY_ASKED, f"the platform-fee invoice of bill {bill_id} was "
                                           "already asked for")
        bills[bill_id] = bill
    fee = Decimal("0.00")
    for bill in bills.values():
        for line in bill.get("lines") or []:
            rate = Decimal(line.get("feeRate") or "0")
            fee += (Decimal(line["transactionAmount"]) * rate).quantize(Decimal("0.01"))
    request_no = "PF" + hw(ctx.now) + sorted(bills)[0]
    record = {"requestNo": request_no, "invoiceType": kind, "billIds": sorted(bills),
              "amount": str(fee), "requested": hw(ctx.now)}
    for bill_id in bills:
        ctx.w.put(PLATFORM_FEE_REQUESTS, bill_id, dumps(record), gen=mt.MANUAL)
    return record


def _partner_invoice(ctx: ActionContext, params: dict[str, str]) -> dict[str, Any]:
    bill_id = params["bill_id"]
    bill, _gen = ctx.record("partner_bills", bill_id, "partner bill")
    if _text(ctx.body, "form") != "cn" or _text(ctx.body, "invoiceKind", required=False) \
            not in ("", "专票"):
        raise mt.refuse(SPECIAL_ONLY, "a 客户服务商 issues a VAT special invoice (专票) only")
    if bill["status"] != "待开票":
        raise mt.refuse(NOT_AWAITING, f"partner bill {bill_id} is {bill['status']}; it does not "
                                      "await an invoice")
    total = _decimal(ctx.body.get("totalAmount"), "totalAmount")
    if total != Decimal(bill["amount"]):
        raise mt.refuse(AMOUNT, f"the invoice total {total} is not the bill amount "
                                f"{bill['amount']}")
    if _text(ctx.body, "currencyCode") != bill["currencyCode"]:
        raise mt.refuse(CURRENCY, f"the notice asks for {bill['currencyCode']}")
    rate = _decimal(ctx.body.get("taxRate"), "taxRate")
    if rate != Decimal(bill["taxRate"]):
        raise mt.refuse(TAX_RATE, f"the bill's tax rate is {_percent(Decimal(bill['taxRate']))}")
    if _text(ctx.body, "buyerName") != CN_ENTITY["name"] or \
            _text(ctx.body, "buyerTaxNo") != CN_ENTITY["taxNo"]:
        raise mt.refuse(BUYER, f"the invoice must be made out to {CN_ENTITY['name']} "
                               f"({CN_ENTITY['taxNo']})")
    remarks = "".join(_text(ctx.body, "remarks", required=False).split())
    if not bill.get("requisitionNo") or bill["requisitionNo"] not in remarks or \
            bill["period"] not in remarks:
        raise mt.refuse(REFERENCES, "the remarks (备注) must carry the 申付单号 "
                                    f"{bill.get('requisitionNo')} and the 对账期次 {bill['period']}")
    _text(ctx.body, "invoiceNo")
    files = ctx.files()
    for f in files:
        ctx.w.mark_attached(f.file_id)
    bill.update(status="发票审核中", updateTime=max(hw(ctx.now), bill["updateTime"]))
    ctx.w.put("partner_bills", bill_id, dumps(bill), gen=mt.MANUAL)
    ctx.w.put(PARTNER_SUBMISSIONS, bill_id, dumps({"billId": bill_id, "received": hw(ctx.now),
              "invoiceNo": ctx.body.get("invoiceNo")}), gen=mt.MANUAL)
    return {"billId": bill_id, "billStatus": bill["status"]}


def add_customer_invoice_routes(app: FastAPI, data: SandboxData) -> None:
    """给用户开票 actions, the platform-fee invoice request and the partner's invoice."""
    for action, fn, summary in (
            ("issue", _issue_customer, "开票: the seller issued the customer's invoice"),
            ("return", _return_customer, "退回: an issued customer invoice is returned"),
            ("revoke", _revoke_customer, "撤销: the seller revokes the customer's request")):
        action_route(app, data, CUSTOMER_INVOICES_PATH + "/{request_id}/" + action, fn, summary,
                     "write endpoints")
    action_route(app, data, PLATFORM_FEE_PATH, _platform_fee,
                 "索取平台费发票: ask Huawei for the platform-fee invoice of paid 通用 bills",
                 "write endpoints")
    action_route(app, data, PARTNER_BILLS_PATH + "/{bill_id}/invoices", _partner_invoice,
                 "客户服务商: submit the VAT special invoice for a partner bill", "write endpoints")
