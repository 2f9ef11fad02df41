"""From validated wire records to cache rows: one mapper per collection.

A mapper turns one record into its parent row and its child rows (order lines, operation logs, ...).
Rows are plain dicts keyed by column name, ready for an executemany insert; amounts become Decimal,
times :class:`WireTime` (the stored text, an aware UTC datetime for PostgreSQL). Nothing is lost
that the views need; nested details without their own table are kept as JSON with amounts as exact
strings. Orders (with their lines) and supervision tasks, a first sync's bulk, are also built
straight as SQLite storage tuples (:class:`SqliteForm`), the same values without a dict between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import Table

from app import models as m
from app.models.base import RawJSON
from app.services.marketplace import wire

Row = dict[str, Any]
#: A validated wire record as a dict keyed by field name (``wire.dict_schema``).
Record = dict[str, Any]
Children = dict[str, list[Row]]


class WireTime(str):
    """A checked wire time, held as the text SQLite stores (``YYYY-MM-DD HH:MM:SS.000000``).

    A first sync converts a few hundred thousand times; building a datetime for each only to print
    it again for SQLite was a third of the mapping's CPU. The day and time-of-day parts are
    checked once each (a month 13 or an hour 25 still raises ValueError, which sets the record
    aside) and their text cached. The writer stores the text as is on SQLite and turns it into an
    aware datetime (:meth:`to_datetime`) for PostgreSQL.
    """

    __slots__ = ()

    def to_datetime(self) -> datetime:
        return datetime.fromisoformat(self).replace(tzinfo=UTC)


_DAYS: dict[str, str] = {}
_TIMES_OF_DAY: dict[str, str] = {}


def _day(text: str) -> str:
    day = _DAYS.get(text)
    if day is None:
        date(int(text[0:4]), int(text[4:6]), int(text[6:8]))  # ValueError for no such day
        day = _DAYS[text] = f"{text[0:4]}-{text[4:6]}-{text[6:8]} "
    return day


def _time_of_day(text: str) -> str:
    tod = _TIMES_OF_DAY.get(text)
    if tod is None:
        time(int(text[0:2]), int(text[2:4]), int(text[4:6]))  # ValueError for an hour 25
        tod = _TIMES_OF_DAY[text] = f"{text[0:2]}:{text[2:4]}:{text[4:6]}.000000"
    return tod


def time_text(value: str) -> str:
    """``20251121235959`` -> ``"2025-11-21 23:59:59.000000"`` (a plain str, the text SQLite
    stores); ValueError if invalid."""
    # Fast path (most of a first sync's half a million times): both parts already checked. The
    # caches hold only checked all-digit parts, so two hits and 14 characters are a valid time.
    day = _DAYS.get(value[:8])
    tod = _TIMES_OF_DAY.get(value[8:])
    if day is not None and tod is not None and len(value) == 14:
        return day + tod
    if len(value) != 14 or not value.isdigit():
        raise ValueError(f"not a yyyyMMddHHmmss time: {value!r}")
    return _day(value[:8]) + _time_of_day(value[8:])


def wire_time(value: str) -> WireTime:
    """``20251121235959`` -> ``WireTime("2025-11-21 23:59:59.000000")``; ValueError if invalid."""
    return WireTime(time_text(value))


_TO_CENTS = (100, 10, 1)


def wire_cents(value: str) -> int:
    """A checked wire amount (``wire.Amount``: ``-?\\d{1,15}(\\.\\d{1,4})?``) -> exact integer
    cents, straight from its text (no Decimal): ``"12.5"`` -> 1250, ``"-0.50"`` -> -50,
    ``"3.1000"`` -> 310. ValueError for a nonzero digit past the second decimal place, which
    ``Money`` cannot hold (as :func:`app.services.sync.writer._cents` refuses it)."""
    if value[-3:-2] == ".":  # two decimal places, as almost every amount: the digits are cents
        return int(value.replace(".", ""))
    dot = value.find(".")
    if dot < 0:
        return int(value) * 100
    places = len(value) - dot - 1
    scaled = int(value[:dot] + value[dot + 1 :])  # the sign stays with the digits: "-05" -> -5
    if places <= 2:
        return scaled * _TO_CENTS[places]
    cents, rest = divmod(scaled, int(10 ** (places - 2)))
    if rest:
        raise ValueError(f"amount {value} has more than two decimal places")
    return cents


def _t(value: str | None) -> WireTime | None:
    return None if value is None else wire_time(value)


def _d(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


_EMPTY = RawJSON("[]")
#: The Rust ``to_json`` of each nested kind (as dicts), alone and as a list, cached by class:
#: building ``list[kind]`` to look an adapter up costs more than the dump itself, and a first sync
#: dumps half a million nested parts, so one plain dict lookup per dump.
_TO_JSON_ONE: dict[type[wire.Wire], Any] = {}
_TO_JSON_MANY: dict[type[wire.Wire], Any] = {}


def _to_json(kind: type[wire.Wire], many: bool) -> Any:
    cache = _TO_JSON_MANY if many else _TO_JSON_ONE
    to_json = cache.get(kind)
    if to_json is None:
        annotation = list[kind] if many else kind  # type: ignore[valid-type]
        to_json = cache[kind] = wire.dict_adapter(annotation).serializer.to_json
    return to_json


def _dump(kind: type[wire.Wire], items: list[dict[str, Any]]) -> RawJSON:
    """Nested records (dicts of ``kind``) as JSON text in one Rust call (camelCase, no nulls)."""
    if not items:
        return _EMPTY
    to_json = _TO_JSON_MANY.get(kind) or _to_json(kind, True)
    return RawJSON(to_json(items, by_alias=True, exclude_none=True).decode())


def _one(kind: type[wire.Wire], record: dict[str, Any] | None) -> RawJSON | None:
    if record is None:
        return None
    to_json = _TO_JSON_ONE.get(kind) or _to_json(kind, False)
    return RawJSON(to_json(record, by_alias=True, exclude_none=True).decode())


def _strings(values: list[str]) -> RawJSON:
    return RawJSON(orjson.dumps(values).decode())


#: A row in SQLite storage form: the values of its columns in order, as the column types store
#: them (integer cents, ``YYYY-MM-DD HH:MM:SS.000000`` text, JSON text, 0/1), plain types only.
StorageTuple = tuple[Any, ...]


@dataclass(frozen=True)
class SqliteForm:
    """A collection's rows built straight in SQLite storage form (issue 18 §2): no row dict, no
    Decimal, no per-value converter in between. ``to_tuples`` gives the parent's tuple (its values
    in ``columns`` order, the id first) and one list of tuples per child table (in the order of
    :attr:`Mapper.children`, values in ``child_columns`` order); ValueError/ArithmeticError sets the
    record aside, as ``to_rows`` does. It stores exactly what ``to_rows`` then
    :meth:`app.services.sync.writer.TableWriter.prepare_sqlite` stores
    (tests/services/test_sync_storage_form.py checks every sandbox record)."""

    columns: tuple[str, ...]
    child_columns: tuple[tuple[str, ...], ...]
    to_tuples: Callable[[Any], tuple[StorageTuple, tuple[list[StorageTuple], ...]]]


@dataclass(frozen=True)
class Mapper:
    """How one collection lands in the cache. ``to_rows`` takes a record as validated by
    ``wire.dict_schema`` (a dict keyed by field name, defaults filled in). ``sqlite``, where
    given, builds the SQLite storage tuples directly (a first sync's large collections);
    ``to_rows`` stays the one form for PostgreSQL and the other collections."""

    table: Table
    #: child table name -> (table, column holding the parent id)
    children: dict[str, tuple[Table, str]]
    to_rows: Callable[[Any], tuple[Row, Children]]
    sqlite: SqliteForm | None = None


def _order(o: Record) -> tuple[Row, Children]:
    first = o["order_line"][0] if o["order_line"] else None
    product = first["product_info"][0] if first and first["product_info"] else None
    lines = []
    for ln in o["order_line"]:
        p = ln["product_info"][0] if ln["product_info"] else None
        lines.append(
            {
                "id": ln["order_line_id"],
                "order_id": o["order_id"],
                "charging_mode": ln["charging_mode"],
                "period_type": ln["period_type"],
                "period_number": ln["period_number"],
                "expire_time": _t(ln["expire_time"]),
                "product_id": p["product_id"] if p else None,
                "sku_code": p["sku_code"] if p else None,
                "product_name": p["product_name"] if p else None,
                "sku_name": p["sku_name"] if p else None,
                "linear_value": p["linear_value"] if p else None,
                "amount": Decimal(ln["amount"]),
                "amount_after_discount": Decimal(ln["amount_after_discount"]),
                "products": _dump(wire.ProductInfo, ln["product_info"]),
                "extend_params": _dump(wire.NameValue, ln["extend_params"]),
            }
        )
    b = o["buyer_info"]
    row = {
        "id": o["order_id"],
        "order_type": o["order_type"],
        "order_status": o["order_status"],
        "create_time": wire_time(o["create_time"]),
        "pay_time": _t(o["pay_time"]),
        "effective_time": _t(o["effective_time"]),
        "currency_code": o["currency_code"],
        "total_amount": Decimal(o["total_amount"]),
        "product_class": o["product_class"],
        "delivery_type": o["delivery_type"],
        "supervision_status": o["supervision_status"],
        "repayment_status": o["repayment_status"],
        "instance_id": o["instance_id"],
        "partner_id": o["partner_id"],
        "partner_name": o["partner_name"],
        "coupon_type": o["coupon_type"],
        "offer_id": o["offer_id"],
        "customer_id": b["customer_id"],
        "customer_name": b["customer_name"],
        "customer_real_name": b["customer_real_name"],
        "buyer_info": _one(wire.BuyerInfo, b),
        "product_id": product["product_id"] if product else None,
        "product_name": product["product_name"] if product else None,
        "sku_name": product["sku_name"] if product else None,
        "charging_mode": first["charging_mode"] if first else None,
        "extend_params": _dump(wire.NameValue, o["extend_params"]),
        "remote_updated_at": wire_time(o["update_time"]),
    }
    return row, {"order_lines": lines}


def _task(t: Record) -> tuple[Row, Children]:
    row = {
        "id": t["task_id"],
        "order_id": t["order_id"],
        "order_line_id": t["order_line_id"],
        "product_id": t["product_id"],
        "product_name": t["product_name"],
        "sku_name": t["sku_name"],
        "order_amount": Decimal(t["order_amount"]),
        "currency_code": t["currency_code"],
        "order_time": wire_time(t["order_time"]),
        "customer_id": t["customer_id"],
        "customer_name": t["customer_name"],
        "product_class": t["product_class"],
        "delivery_type": t["delivery_type"],
        "license_subtype": t["license_subtype"],
        "service_template": t["service_template"],
        "flow_version": t["flow_version"],
        "sales_scenario": t["sales_scenario"],
        "status": t["status"],
        "node": t["node"],
        "node_owner": t["node_owner"],
        "node_entered_time": wire_time(t["node_entered_time"]),
        "flow_nodes": _strings(t["flow_nodes"]),
        "next_nodes": _strings(t["next_nodes"]),
        "allowed_actions": _strings(t["allowed_actions"]),
        "frozen": t["frozen"],
        "requirement": _one(wire.Requirement, t["requirement"]),
        "result_description": t["result_description"],
        "actual_start_time": _t(t["actual_start_time"]),
        "buyer_reject_count": t["buyer_reject_count"],
        "seller_reject_count": t["seller_reject_count"],
        "logistics": _one(wire.Logistics, t["logistics"]),
        "operation_logs": _dump(wire.OperationLog, t["operation_logs"]),
        "attachments": _dump(wire.Attachment, t["attachments"]),
        "appeals": _dump(wire.Appeal, t["appeals"]),
        "appeal_status": t["appeals"][-1]["status"] if t["appeals"] else None,
        "remote_updated_at": wire_time(t["update_time"]),
    }
    return row, {}


# --------------------------------------------------------------------------------------------------
# The same rows built straight in SQLite storage form (issue 18 §2). A first sync maps a few
# hundred thousand orders, lines and tasks in the helper process; building a dict, a Decimal and a
# WireTime per value only to convert each again in the writer was most of its CPU beyond the
# parse. Keep each in step with its dict mapper above: the column lists are the dicts' keys, in
# the same order, and the values what the writer's converters make of the dicts' values (a test
# checks both on every sandbox record).
# --------------------------------------------------------------------------------------------------

_PRODUCTS_JSON = _to_json(wire.ProductInfo, True)
_NAME_VALUES_JSON = _to_json(wire.NameValue, True)
_BUYER_JSON = _to_json(wire.BuyerInfo, False)
_REQUIREMENT_JSON = _to_json(wire.Requirement, False)
_LOGISTICS_JSON = _to_json(wire.Logistics, False)
_LOGS_JSON = _to_json(wire.OperationLog, True)
_ATTACHMENTS_JSON = _to_json(wire.Attachment, True)
_APPEALS_JSON = _to_json(wire.Appeal, True)
#: A line without product info: every product value None (one look-up each, no branch).
_NO_PRODUCT: dict[str, Any] = dict.fromkeys(
    ("product_id", "sku_code", "product_name", "sku_name", "linear_value")
)
_NO_LINE: dict[str, Any] = {"charging_mode": None}

ORDER_COLUMNS = (
    "id", "order_type", "order_status", "create_time", "pay_time", "effective_time",
    "currency_code", "total_amount", "product_class", "delivery_type", "supervision_status",
    "repayment_status", "instance_id", "partner_id", "partner_name", "coupon_type", "offer_id",
    "customer_id", "customer_name", "customer_real_name", "buyer_info", "product_id",
    "product_name", "sku_name", "charging_mode", "extend_params", "remote_updated_at",
)
ORDER_LINE_COLUMNS = (
    "id", "order_id", "charging_mode", "period_type", "period_number", "expire_time",
    "product_id", "sku_code", "product_name", "sku_name", "linear_value", "amount",
    "amount_after_discount", "products", "extend_params",
)


def _order_tuples(o: Record) -> tuple[StorageTuple, tuple[list[StorageTuple], ...]]:
    oid = o["order_id"]
    lines: list[StorageTuple] = []
    first = _NO_LINE
    product = _NO_PRODUCT
    for ln in o["order_line"]:
        products = ln["product_info"]
        p = products[0] if products else _NO_PRODUCT
        params = ln["extend_params"]
        expire = ln["expire_time"]
        if not lines:
            first, product = ln, p
        lines.append((
            ln["order_line_id"], oid, ln["charging_mode"], ln["period_type"],
            ln["period_number"], None if expire is None else time_text(expire),
            p["product_id"], p["sku_code"], p["product_name"], p["sku_name"], p["linear_value"],
            wire_cents(ln["amount"]), wire_cents(ln["amount_after_discount"]),
            _PRODUCTS_JSON(products, by_alias=True, exclude_none=True).decode()
            if products else "[]",
            _NAME_VALUES_JSON(params, by_alias=True, exclude_none=True).decode()
            if params else "[]",
        ))
    b = o["buyer_info"]
    pay, effective, params = o["pay_time"], o["effective_time"], o["extend_params"]
    return (
        oid, o["order_type"], o["order_status"], time_text(o["create_time"]),
        None if pay is None else time_text(pay),
        None if effective is None else time_text(effective),
        o["currency_code"], wire_cents(o["total_amount"]), o["product_class"],
        o["delivery_type"], o["supervision_status"], o["repayment_status"], o["instance_id"],
        o["partner_id"], o["partner_name"], o["coupon_type"], o["offer_id"],
        b["customer_id"], b["customer_name"], b["customer_real_name"],
        _BUYER_JSON(b, by_alias=True, exclude_none=True).decode(),
        product["product_id"], product["product_name"], product["sku_name"],
        first["charging_mode"],
        _NAME_VALUES_JSON(params, by_alias=True, exclude_none=True).decode() if params else "[]",
        time_text(o["update_time"]),
    ), (lines,)


TASK_COLUMNS = (
    "id", "order_id", "order_line_id", "product_id", "product_name", "sku_name", "order_amount",
    "currency_code", "order_time", "customer_id", "customer_name", "product_class",
    "delivery_type", "license_subtype", "service_template", "flow_version", "sales_scenario",
    "status", "node", "node_owner", "node_entered_time", "flow_nodes", "next_nodes",
    "allowed_actions", "frozen", "requirement", "result_description", "actual_start_time",
    "buyer_reject_count", "seller_reject_count", "logistics", "operation_logs", "attachments",
    "appeals", "appeal_status", "remote_updated_at",
)
_dumps = orjson.dumps


def _task_tuples(t: Record) -> tuple[StorageTuple, tuple[list[StorageTuple], ...]]:
    requirement, started, logistics = t["requirement"], t["actual_start_time"], t["logistics"]
    logs, attachments, appeals = t["operation_logs"], t["attachments"], t["appeals"]
    return (
        t["task_id"], t["order_id"], t["order_line_id"], t["product_id"], t["product_name"],
        t["sku_name"], wire_cents(t["order_amount"]), t["currency_code"],
        time_text(t["order_time"]), t["customer_id"], t["customer_name"], t["product_class"],
        t["delivery_type"], t["license_subtype"], t["service_template"], t["flow_version"],
        t["sales_scenario"], t["status"], t["node"], t["node_owner"],
        time_text(t["node_entered_time"]),
        _dumps(t["flow_nodes"]).decode(), _dumps(t["next_nodes"]).decode(),
        _dumps(t["allowed_actions"]).decode(), int(t["frozen"]),
        None if requirement is None
        else _REQUIREMENT_JSON(requirement, by_alias=True, exclude_none=True).decode(),
        t["result_description"], None if started is None else time_text(started),
        t["buyer_reject_count"], t["seller_reject_count"],
        None if logistics is None
        else _LOGISTICS_JSON(logistics, by_alias=True, exclude_none=True).decode(),
        _LOGS_JSON(logs, by_alias=True, exclude_none=True).decode() if logs else "[]",
        _ATTACHMENTS_JSON(attachments, by_alias=True, exclude_none=True).decode()
        if attachments else "[]",
        _APPEALS_JSON(appeals, by_alias=True, exclude_none=True).decode() if appeals else "[]",
        appeals[-1]["status"] if appeals else None,
        time_text(t["update_time"]),
    ), ()


def _demand(d: Record) -> tuple[Row, Children]:
    return {
        "id": d["demand_id"],
        "source": d["source"],
        "submitter": d["submitter"],
        "name": d["name"],
        "delivery_mode": d["delivery_mode"],
        "demand_type": d["demand_type"],
        "demand_space": d["demand_space"],
        "main_appeal": d["main_appeal"],
        "expected_sign_date": _t(d["expected_sign_date"]),
        "sales_contact": d["sales_contact"],
        "sales_phone": d["sales_phone"],
        "description": d["description"],
        "interested_solution": d["interested_solution"],
        "customer_info": _one(wire.DemandCustomer, d["customer_info"]),
        "customer_name": d["customer_info"]["customer_name"] if d["customer_info"] else None,
        "solution": _dump(wire.DemandSolutionItem, d["solution"]),
        "progress": _dump(wire.DemandProgress, d["progress"]),
        "offer_id": d["offer_id"],
        "status": d["status"],
        "close_result": d["close_result"],
        "assign_time": wire_time(d["assign_time"]),
        "accept_deadline": _t(d["accept_deadline"]),
        "close_time": _t(d["close_time"]),
        "partner_id": d["partner_id"],
        "partner_name": d["partner_name"],
        "product_id": d["product_id"],
        "product_name": d["product_name"],
        "remote_updated_at": wire_time(d["update_time"]),
    }, {}


def _bill(b: Record) -> tuple[Row, Children]:
    lines = [
        {
            "id": ln["line_id"],
            "bill_id": b["bill_id"],
            "order_id": ln["order_id"],
            "order_line_id": ln["order_line_id"],
            "product_id": ln["product_id"],
            "product_name": ln["product_name"],
            "charging_mode": ln["charging_mode"],
            "line_type": ln["line_type"],
            "transaction_amount": Decimal(ln["transaction_amount"]),
            "voucher_amount": Decimal(ln["voucher_amount"]),
            "fee_rate": _d(ln["fee_rate"]),
            "settlement_amount": Decimal(ln["settlement_amount"]),
            "effective_time": _t(ln["effective_time"]),
            "vat_amount": _d(ln["vat_amount"]),
            "customer_wht": _d(ln["customer_wht"]),
            "customer_dst": _d(ln["customer_dst"]),
            "seller_wht": _d(ln["seller_wht"]),
            "seller_dst": _d(ln["seller_dst"]),
        }
        for ln in b["lines"]
    ]
    return {
        "id": b["bill_id"],
        "period": b["period"],
        "category": b["category"],
        "entity": b["entity"],
        "currency_code": b["currency_code"],
        "sales_amount": Decimal(b["sales_amount"]),
        "settlement_amount": Decimal(b["settlement_amount"]),
        "tax_rate": _d(b["tax_rate"]),
        "requisition_no": b["requisition_no"],
        "status": b["status"],
        "create_time": wire_time(b["create_time"]),
        "invoice_signed_time": _t(b["invoice_signed_time"]),
        "remote_updated_at": wire_time(b["update_time"]),
    }, {"bill_lines": lines}


def _notice(n: Record) -> tuple[Row, Children]:
    return {
        "id": n["notice_id"],
        "bill_id": n["bill_id"],
        "requisition_no": n["requisition_no"],
        "period": n["period"],
        "invoice_amount": Decimal(n["invoice_amount"]),
        "currency_code": n["currency_code"],
        "form": n["form"],
        "entity_name": n["entity"]["name"],
        "entity_tax_no": n["entity"]["tax_no"],
        "entity": _one(wire.InvoiceEntity, n["entity"]),
        "tax_rates": _strings(n["tax_rates"]),
        "mailing_address": n["mailing_address"],
        "e_invoice_mailbox": n["e_invoice_mailbox"],
        "lines": _dump(wire.InvoiceListLine, n["lines"]),
        "issue_time": wire_time(n["issue_time"]),
        "bill_status": n["bill_status"],
        "remote_updated_at": wire_time(n["update_time"]),
    }, {}


def _message(x: Record) -> tuple[Row, Children]:
    return {
        "id": x["message_id"],
        "activity": x["activity"],
        "order_id": x["order_id"],
        "order_line_id": x["order_line_id"],
        "instance_id": x["instance_id"],
        "product_id": x["product_id"],
        "production_url": x["production_url"],
        "call_time": wire_time(x["call_time"]),
        "http_status": x["http_status"],
        "result_code": x["result_code"],
        "error_message": x["error_message"],
        "retry_count": x["retry_count"],
        "retry_until": _t(x["retry_until"]),
        "status": x["status"],
        "remote_updated_at": wire_time(x["update_time"]),
    }, {}


def _partner_bill(b: Record) -> tuple[Row, Children]:
    return {
        "id": b["bill_id"],
        "kind": b["kind"],
        "period": b["period"],
        "currency_code": b["currency_code"],
        "amount": Decimal(b["amount"]),
        "tax_rate": Decimal(b["tax_rate"]),
        "status": b["status"],
        "requisition_no": b["requisition_no"],
        "lines": _dump(wire.PartnerBillLine, b["lines"]),
        "create_time": wire_time(b["create_time"]),
        "notice_time": _t(b["notice_time"]),
        "invoice_signed_time": _t(b["invoice_signed_time"]),
        "remote_updated_at": wire_time(b["update_time"]),
    }, {}


def _customer_invoice(c: Record) -> tuple[Row, Children]:
    issued = c["invoice_date"]
    return {
        "id": c["request_id"],
        "order_id": c["order_id"],
        "customer_name": c["customer_name"],
        "product_name": c["product_name"],
        "tax_item": c["tax_item"],
        "tax_rate": Decimal(c["tax_rate"]),
        "amount": Decimal(c["amount"]),
        "currency_code": c["currency_code"],
        "invoice_type": c["invoice_type"],
        "medium": c["medium"],
        "title_type": c["title_type"],
        "title": c["title"],
        **{name: c[name] or "" for name in (
            "tax_no", "buyer_address", "buyer_phone", "buyer_bank", "buyer_account", "email",
            "recipient", "recipient_phone", "mailing_address", "invoice_no", "courier_no",
            "courier_payer", "reason")},
        "refund_pending": bool(c["refund_pending"]),
        "apply_time": wire_time(c["apply_time"]),
        "status": c["status"],
        "invoice_date": date.fromisoformat(issued) if issued else None,
        "remote_updated_at": wire_time(c["update_time"]),
    }, {}


def _performance(p: Record) -> tuple[Row, Children]:
    return {
        "id": p["record_id"],
        "period": p["period"],
        "order_id": p["order_id"],
        "product_id": p["product_id"],
        "product_name": p["product_name"],
        "customer_name": p["customer_name"],
        "transaction_amount": Decimal(p["transaction_amount"]),
        "incentive_rate": Decimal(p["incentive_rate"]),
        "incentive_amount": Decimal(p["incentive_amount"]),
        "status": p["status"],
        "remote_updated_at": wire_time(p["update_time"]),
    }, {}


def _offer(o: Record) -> tuple[Row, Children]:
    return {
        "id": o["offer_id"],
        "name": o["name"],
        "customer_account": o["customer_account"],
        "valid_from": wire_time(o["valid_from"]),
        "valid_to": wire_time(o["valid_to"]),
        "status": o["status"],
        "products": _dump(wire.OfferProduct, o["products"]),
        "demand_id": o["demand_id"],
        "create_time": wire_time(o["create_time"]),
        "remote_updated_at": wire_time(o["update_time"]),
    }, {}


_T = m.Base.metadata.tables


def _tables(*names: str) -> dict[str, tuple[Table, str]]:
    fk = {
        "order_lines": "order_id",
        "bill_lines": "bill_id",
    }
    return {n: (m.Base.metadata.tables[n], fk[n]) for n in names}


MAPPERS: dict[str, Mapper] = {
    "orders": Mapper(
        _T["orders"], _tables("order_lines"), _order,
        SqliteForm(ORDER_COLUMNS, (ORDER_LINE_COLUMNS,), _order_tuples),
    ),
    "supervision_tasks": Mapper(
        _T["supervision_tasks"], {}, _task, SqliteForm(TASK_COLUMNS, (), _task_tuples)
    ),
    "demands": Mapper(_T["demands"], {}, _demand),
    "bills": Mapper(_T["bills"], _tables("bill_lines"), _bill),
    "invoice_notices": Mapper(_T["invoice_notices"], {}, _notice),
    "customer_invoices": Mapper(_T["customer_invoices"], {}, _customer_invoice),
    "interface_messages": Mapper(
        _T["interface_messages"],
        {},
        _message,
    ),
    "partner_bills": Mapper(_T["partner_bills"], {}, _partner_bill),
    "partner_performance": Mapper(
        _T["partner_performance"],
        {},
        _performance,
    ),
    "exclusive_offers": Mapper(_T["exclusive_offers"], {}, _offer),
}
