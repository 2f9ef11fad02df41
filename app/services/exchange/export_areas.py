"""What each exportable table holds: its columns (key, English and Chinese header, kind) and the SQL
that selects its rows for a filter, in storage form.

The export reads values as the database stores them (integer cents, UTC time text, JSON text),
bypassing the ORM's column types: converting a million ``Decimal`` and ``datetime`` objects only to
format them again would cost more than the whole file. :mod:`app.services.exchange.exports` turns the raw
values into exact text (CSV) or typed cells (XLSX); on SQLite most of that formatting is done by
SQLite itself as it steps through the rows (:class:`SqlFormat`, :func:`sql_formatted`).

Column keys are the cache's column names, so a view's chosen columns map one to one. The orders
area filters with the orders table's own :class:`~app.services.orders.query.OrderFilter` (so the file
holds exactly what the table shows, in its order); the other tables with a :class:`TableFilter`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    DateTime,
    Float,
    Integer,
    Select,
    String,
    Table,
    Text,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    true,
    type_coerce,
)

from app import models as m
from app.models.base import DecimalText, JSONDoc, Money, UTCDateTime
from app.services.exchange.terms import VOCABULARIES, Vocabulary, is_chinese
from app.services.orders.query import OrderFilter, escape_like, where_clause
from app.services.orders.query import order_by as orders_order_by
from app.services.supervision.query import TaskFilter
from app.services.supervision.query import where_clause as task_where


class Area(StrEnum):
    """The tables that export (the CLI's ``<area>``)."""

    ORDERS = "orders"
    SUPERVISION_TASKS = "supervision_tasks"
    DEMANDS = "demands"
    BILLS = "bills"
    BILL_LINES = "bill_lines"
    INVOICE_NOTICES = "invoice_notices"
    RECONCILIATION = "reconciliation"


class Kind(StrEnum):
    """How a column's raw value is written."""

    TEXT = "text"
    MONEY = "money"  # integer cents -> exact decimal text / number cell with 2 decimals
    TIME = "time"  # UTC -> the user's zone
    INT = "int"
    DECIMAL = "decimal"  # a rate stored as exact text
    BOOL = "bool"
    LIST = "list"  # a JSON list of strings, written joined by ", "


@dataclass(frozen=True)
class ExportColumn:
    """A column: its key, headers in English and Chinese, how its value is written, and
    ``terms``: the :data:`~app.services.exchange.terms.VOCABULARIES` name of its stored codes
    (None: written as stored), whose words an export writes in the file's language."""

    key: str
    en: str
    zh: str
    kind: Kind = Kind.TEXT
    terms: str | None = None

    def header(self, language: str) -> str:
        return self.zh if is_chinese(language) else self.en

    def code_header(self, language: str) -> str:
        """The header of the code column beside a translated one (``--codes``)."""
        return f"{self.zh}代码" if is_chinese(language) else f"{self.en} code"


@dataclass(frozen=True)
class TableFilter:
    """Filters of the non-orders tables; empty fields do not filter.

    ``statuses``: raw status strings (the area's status column); ``time_from`` inclusive and
    ``time_to`` exclusive on the area's main time column (aware datetimes); ``text``: every
    blank-separated word must appear in one of the area's text columns (taken literally);
    ``bill_id``: only the rows of one bill (bill lines, invoice notices); ``period``: only the
    rows of one settlement period ``YYYYMM`` (bills, invoice notices); ``source``: only the
    demands of one source (客户服务商, 华为云, 商家营销策略); ``tasks``: the Supervision list's own
    filter (node, owner, scenario, overdue, appeals, text) so its export holds exactly what it
    shows, overdue measured at ``as_of`` (None: now).
    """

    statuses: frozenset[str] = frozenset()
    time_from: datetime | None = None
    time_to: datetime | None = None
    text: str = ""
    bill_id: str | None = None
    period: str = ""
    source: str = ""
    tasks: TaskFilter | None = None
    as_of: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("time_from", "time_to", "as_of"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be an aware datetime")
        if not isinstance(self.statuses, frozenset):
            object.__setattr__(self, "statuses", frozenset(self.statuses))


@dataclass(frozen=True)
class AreaSpec:
    """One exportable table: its columns, the defaults shown, and which columns filter."""

    area: Area
    columns: tuple[ExportColumn, ...]
    default: tuple[str, ...]
    table: Table | None = None
    status_col: str | None = None
    time_col: str | None = None
    text_cols: tuple[str, ...] = ()
    #: The rows' order, as the area's list shows them: column names, ``-name`` for descending.
    order_by: tuple[str, ...] = field(default=())

    def ordering(self) -> list[Any]:
        """``order_by`` as ORDER BY clauses on :attr:`table`."""
        assert self.table is not None
        t = self.table
        return [t.c[k[1:]].desc() if k.startswith("-") else t.c[k] for k in self.order_by]

    def status_vocabulary(self) -> Vocabulary | None:
        """The terms the area's status filter takes (order statuses, flag kinds...)."""
        key = {Area.ORDERS: "order_status", Area.RECONCILIATION: "kind"}.get(self.area,
                                                                             self.status_col)
        terms = self.column(key).terms if key else None
        return VOCABULARIES[terms] if terms else None

    def column(self, key: str) -> ExportColumn:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"{self.area.value} has no column {key!r}; it has "
                       f"{', '.join(c.key for c in self.columns)}")


_TABLES = m.Base.metadata.tables
C = ExportColumn
K = Kind

_ORDERS = AreaSpec(
    Area.ORDERS,
    (C("id", "Order ID", "订单号"), C("customer_real_name", "Customer", "客户名称"),
     C("customer_name", "Account", "用户名"), C("customer_id", "Customer ID", "客户ID"),
     C("product_name", "Product", "商品名称"), C("sku_name", "Specification", "规格"),
     C("product_class", "Product class", "商品类别", terms="product_class"), C("delivery_type", "Delivery type", "接入类型", terms="delivery_type"),
     C("order_status", "Status", "订单状态", terms="order_status"), C("order_type", "Type", "订单类型", terms="order_type"),
     C("charging_mode", "Charging mode", "计费模式", terms="charging_mode"), C("total_amount", "Amount", "订单金额", K.MONEY),
     C("currency_code", "Currency", "币种"), C("create_time", "Created", "创建时间", K.TIME),
     C("pay_time", "Paid", "支付时间", K.TIME), C("effective_time", "Effective", "生效时间", K.TIME),
     C("supervision_status", "Supervision", "服务监管状态", terms="supervision_status"),
     C("repayment_status", "Repayment", "后付费客户还款状态", terms="repayment_status"),
     C("partner_name", "Partner", "客户服务商"), C("coupon_type", "Coupon", "优惠券类型", terms="coupon_type"),
     C("instance_id", "Instance ID", "实例ID")),
    ("id", "customer_real_name", "product_name", "order_status", "order_type", "charging_mode",
     "total_amount", "currency_code", "create_time"),
    table=_TABLES["orders"],
)

_TASKS = AreaSpec(
    Area.SUPERVISION_TASKS,
    (C("id", "Task ID", "任务ID"), C("order_id", "Order ID", "订单号"),
     C("order_line_id", "Order line ID", "订单行号"), C("product_name", "Product", "商品名称"),
     C("sku_name", "Specification", "规格"), C("order_amount", "Order amount", "订单金额", K.MONEY),
     C("currency_code", "Currency", "币种"), C("order_time", "Ordered", "下单时间", K.TIME),
     C("customer_name", "Customer", "客户名称"), C("product_class", "Product class", "商品类别", terms="product_class"),
     C("delivery_type", "Delivery type", "接入类型", terms="delivery_type"), C("sales_scenario", "Sales scenario", "销售场景", terms="sales_scenario"),
     C("status", "Status", "服务监管状态", terms="task_status"), C("node", "Node", "当前节点", terms="node"),
     C("node_owner", "Waiting on", "处理方", terms="node_owner"),
     C("node_entered_time", "Node since", "进入节点时间", K.TIME),
     C("frozen", "Frozen by appeal", "申诉冻结", K.BOOL), C("appeal_status", "Appeal", "申诉状态", terms="appeal_status"),
     C("flow_version", "Flow version", "流程版本")),
    ("id", "order_id", "product_name", "customer_name", "order_amount", "currency_code", "status",
     "node", "node_owner", "node_entered_time"),
    table=_TABLES["supervision_tasks"], status_col="status", time_col="order_time",
    text_cols=("id", "order_id", "product_name", "customer_name"),
    order_by=("-node_entered_time", "-id"),
)

_DEMANDS = AreaSpec(
    Area.DEMANDS,
    (C("id", "Demand ID", "需求ID"), C("name", "Demand", "客户需求名称"), C("source", "Source", "客户需求来源", terms="demand_source"),
     C("submitter", "Submitted by", "提报人"), C("customer_name", "Customer", "客户名称"),
     C("product_name", "Product", "商品名称"), C("status", "Status", "状态", terms="demand_status"),
     C("close_result", "Close result", "关闭结果", terms="close_result"), C("assign_time", "Assigned", "分配时间", K.TIME),
     C("accept_deadline", "Accept by", "接收截止时间", K.TIME),
     C("expected_sign_date", "Expected signing", "预计签单日期", K.TIME),
     C("demand_space", "Opportunity", "客户需求空间", terms="demand_space"), C("partner_name", "Partner", "客户服务商")),
    ("id", "name", "source", "customer_name", "product_name", "status", "assign_time",
     "accept_deadline"),
    table=_TABLES["demands"], status_col="status", time_col="assign_time",
    text_cols=("id", "name", "customer_name", "product_name"), order_by=("-assign_time", "id"),
)

_BILLS = AreaSpec(
    Area.BILLS,
    (C("id", "Bill ID", "账单ID"), C("period", "Period", "账期"), C("category", "Category", "商品类型", terms="bill_category"),
     C("entity", "Huawei entity", "结算主体"), C("currency_code", "Currency", "币种"),
     C("sales_amount", "Sales (excl. tax)", "商品销售金额", K.MONEY),
     C("settlement_amount", "Settlement", "结算金额", K.MONEY),
     C("tax_rate", "Tax rate", "税率", K.DECIMAL), C("requisition_no", "Requisition no.", "申付单号"),
     C("status", "Status", "状态", terms="bill_status"), C("create_time", "Created", "出账时间", K.TIME)),
    ("id", "period", "category", "currency_code", "sales_amount", "settlement_amount", "tax_rate",
     "requisition_no", "status"),
    table=_TABLES["bills"], status_col="status", time_col="create_time",
    text_cols=("id", "period", "requisition_no"), order_by=("-period", "id"),
)

_BILL_LINES = AreaSpec(
    Area.BILL_LINES,
    (C("id", "Line ID", "行ID"), C("bill_id", "Bill ID", "账单ID"), C("order_id", "Order ID", "订单号"),
     C("order_line_id", "Order line ID", "订单行号"), C("product_id", "Product ID", "商品ID"),
     C("product_name", "Product", "商品名称"), C("charging_mode", "Charging mode", "计费模式", terms="charging_mode"),
     C("line_type", "Line type", "类型", terms="line_type"),
     C("transaction_amount", "Transaction", "交易金额", K.MONEY),
     C("voucher_amount", "Voucher", "代金券金额", K.MONEY),
     C("fee_rate", "Fee / share rate", "费率", K.DECIMAL),
     C("settlement_amount", "Settlement", "应结算金额", K.MONEY),
     C("effective_time", "Effective", "生效时间", K.TIME)),
    ("bill_id", "order_id", "product_name", "line_type", "transaction_amount", "voucher_amount",
     "fee_rate", "settlement_amount", "effective_time"),
    table=_TABLES["bill_lines"], status_col="line_type", time_col="effective_time",
    text_cols=("bill_id", "order_id", "product_name"), order_by=("bill_id", "id"),
)

_NOTICES = AreaSpec(
    Area.INVOICE_NOTICES,
    (C("id", "Notice ID", "通知ID"), C("bill_id", "Bill ID", "账单ID"),
     C("requisition_no", "Requisition no.", "申付单号"), C("period", "Settlement period", "对账期次"),
     C("invoice_amount", "Invoice amount", "开票金额", K.MONEY), C("currency_code", "Currency", "币种"),
     C("form", "Form", "发票类型", terms="invoice_form"), C("entity_name", "Invoice to", "签约主体"),
     C("entity_tax_no", "Tax no.", "税号"), C("tax_rates", "Tax rates", "税率", K.LIST),
     C("mailing_address", "Mailing address", "邮寄地址"),
     C("e_invoice_mailbox", "E-invoice mailbox", "电子发票邮箱"),
     C("issue_time", "Issued", "通知时间", K.TIME), C("bill_status", "Bill status", "账单状态", terms="bill_status")),
    ("id", "bill_id", "requisition_no", "period", "invoice_amount", "currency_code", "entity_name",
     "tax_rates", "issue_time", "bill_status"),
    table=_TABLES["invoice_notices"], status_col="bill_status", time_col="issue_time",
    text_cols=("id", "bill_id", "requisition_no"), order_by=("-issue_time", "id"),
)

_FLAGS = AreaSpec(
    Area.RECONCILIATION,
    (C("kind", "Kind", "类别", terms="flag_kind"), C("code", "Code", "代码"), C("order_id", "Order ID", "订单号"),
     C("bill_id", "Bill ID", "账单ID"), C("bill_line_id", "Bill line ID", "账单行ID"),
     C("notice_id", "Notice ID", "开票通知ID"), C("currency_code", "Currency", "币种"),
     C("amount", "Amount", "金额", K.MONEY), C("expected_amount", "Expected", "预期金额", K.MONEY),
     C("difference", "Difference", "差额", K.MONEY), C("due", "Due", "日期", K.TIME),
     C("message", "Message", "说明")),
    ("kind", "code", "order_id", "bill_id", "currency_code", "amount", "expected_amount",
     "difference", "due", "message"),
)

AREAS: dict[Area, AreaSpec] = {s.area: s for s in (_ORDERS, _TASKS, _DEMANDS, _BILLS, _BILL_LINES,
                                                   _NOTICES, _FLAGS)}


def spec(area: Area | str) -> AreaSpec:
    return AREAS[Area(area)]


_FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")


def _sqlite_cents_text(col: ColumnElement[Any]) -> ColumnElement[Any]:
    """Integer cents as exact decimal text, made by SQLite (``-123450`` -> ``-1234.50``)."""
    return case((col.is_(None), null()), else_=func.printf(
        "%s%d.%02d", case((col < 0, "-"), else_=""), func.abs(col) / 100, func.abs(col) % 100))


def formula_chars() -> tuple[str, ...]:
    """The first characters that make a spreadsheet run text as a formula."""
    return _FORMULA_CHARS


def _formula_guarded(col: ColumnElement[Any]) -> ColumnElement[Any]:
    """Text that a spreadsheet would run as a formula gets a leading ``'`` (see exports)."""
    return case((func.substr(col, 1, 1).in_(_FORMULA_CHARS), literal("'") + col), else_=col)


@dataclass(frozen=True)
class SqlFormat:
    """Values SQLite formats itself while it steps through the rows (on the export's reading
    thread, which does not hold the GIL), so Python only writes them (issue 18).

    ``words``: {column key: {stored code: word}} written as the word (else the code as stored);
    ``shifts``: the user's zone as ``(UTC text from which, offset in seconds)`` pairs, sorted,
    the first one's text ``""`` (see :func:`app.services.exchange.exports.utc_shifts`): times
    come back in that zone as ``YYYY-MM-DD HH:MM:SS`` text, or with ``serial`` as Excel date
    serials (days since 1899-12-30, a float).
    """

    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    shifts: tuple[tuple[str, int], ...] = (("", 0),)
    serial: bool = False


#: Whether SQLite has ``unixepoch()`` (3.38): 0.4 s less CPU per million XLSX times than
#: ``CAST(strftime('%s', ...) AS INTEGER)``, the same integer.
_UNIXEPOCH = sqlite3.sqlite_version_info >= (3, 38, 0)
#: Seconds from 1899-12-30 (Excel's day 0) to 1970-01-01.
_EXCEL_EPOCH_UNIX_SECONDS = 25569 * 86400


def _shift_tree(col: ColumnElement[Any], shifts: Sequence[tuple[str, int]],
                leaf: Any) -> Any:
    """``leaf(offset seconds)`` of the offset in force at UTC text ``col``: a balanced tree of
    comparisons, so a zone with daylight saving (two changes a year) costs a handful of
    comparisons per value, not one per change."""
    if len(shifts) == 1:
        return leaf(shifts[0][1])
    mid = len(shifts) // 2
    return case((col < shifts[mid][0], _shift_tree(col, shifts[:mid], leaf)),
                else_=_shift_tree(col, shifts[mid:], leaf))


def _sqlite_local_time(col: ColumnElement[Any], fmt: SqlFormat) -> ColumnElement[Any]:
    """Stored UTC text ``YYYY-MM-DD HH:MM:SS[.ffffff]`` in the user's zone, whole seconds (the
    fraction is cut, as Python's ``isoformat(timespec="seconds")`` does, never rounded up).

    A serial is one division of whole seconds by 86,400 (the double nearest the exact time, as
    Python computes it): SQLite's ``julianday`` is a day count near 2.4 million whose last bits
    fall below the second, which a spreadsheet showing whole seconds cuts to the second before.
    """
    seconds = func.substr(col, 1, 19)
    if fmt.serial:
        # unixepoch (SQLite 3.38+) is strftime('%s') as an integer, without the text between
        unix = (type_coerce(func.unixepoch(seconds), Integer()) if _UNIXEPOCH else
                type_coerce(func.cast(func.strftime("%s", seconds), Integer()), Integer()))
        shifted = _shift_tree(col, fmt.shifts,
                              lambda off: literal(off + _EXCEL_EPOCH_UNIX_SECONDS, Integer()))
        return type_coerce(case((col.is_(None), null()), else_=(unix + shifted) / 86400.0),
                           Float())
    modifier = _shift_tree(col, fmt.shifts, lambda off: literal(f"{off:+d} seconds"))
    return type_coerce(func.datetime(seconds, modifier), String())


def _sqlite_words(col: ColumnElement[Any], words: Mapping[str, str],
                  otherwise: ColumnElement[Any]) -> ColumnElement[Any]:
    if not words:
        return otherwise
    return case(*((col == code, literal(word)) for code, word in words.items()),
                else_=otherwise)


def raw_column(table: Table, key: str, dialect: str, csv_text: bool = False,
               sql: SqlFormat | None = None) -> ColumnElement[Any]:
    """``table.c[key]`` as stored: cents as int, times as text (SQLite) or naive datetime, JSON
    and decimals as text. The export converts these itself (see the module docstring).

    With ``csv_text`` on SQLite, amounts come back already as exact decimal text and text columns
    already guarded against formulas (:func:`sql_formatted` says which), which saves a Python call
    per cell on a million rows. With ``sql`` on SQLite, times come back in the user's zone and
    coded columns as words (see :class:`SqlFormat`).
    """
    col = table.c[key]
    t = col.type
    sqlite = dialect == "sqlite"
    if isinstance(t, Money):
        raw_cents = type_coerce(col, BigInteger())
        if csv_text and sqlite:
            return _sqlite_cents_text(raw_cents).label(key)
        return raw_cents.label(key)
    if isinstance(t, UTCDateTime):
        raw: Any = String() if sqlite else DateTime()
        if sql is not None and sqlite:
            return _sqlite_local_time(type_coerce(col, String()), sql).label(key)
        return type_coerce(col, raw).label(key)
    if isinstance(t, JSONDoc | DecimalText):
        return type_coerce(col, Text()).label(key)
    if col.type.python_type is bool:
        return type_coerce(col, Integer()).label(key) if sqlite else col.label(key)
    if sqlite and isinstance(t, String) and (csv_text or (sql is not None and key in sql.words)):
        text = type_coerce(col, String())
        stored = _formula_guarded(text) if csv_text else text
        if sql is not None and key in sql.words:
            return _sqlite_words(text, sql.words[key], stored).label(key)
        return stored.label(key)
    return col.label(key)


def sql_formatted(s: AreaSpec, keys: tuple[str, ...], dialect: str, csv_text: bool,
                  sql: SqlFormat | None = None) -> set[str]:
    """The keys :func:`raw_column` already formatted (nothing left to do in Python): for CSV
    amounts and text, with ``sql`` times and the columns written as words too."""
    if dialect != "sqlite" or s.table is None:
        return set()
    out = set()
    for k in keys:
        t = s.table.c[k].type
        if csv_text and isinstance(t, Money | String):  # times, JSON, rates are not String
            out.add(k)
        if sql is not None and (isinstance(t, UTCDateTime)
                                or (k in sql.words and isinstance(t, String))):
            out.add(k)
    return out


def _words_match(table: Table, cols: tuple[str, ...], text: str) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    for word in text.split():
        pattern = f"%{escape_like(word)}%"
        conds.append(or_(*(table.c[c].like(pattern, escape="\\") for c in cols)))
    return conds


def table_where(s: AreaSpec, f: TableFilter) -> ColumnElement[bool]:
    """The SQL condition of a :class:`TableFilter` on a non-orders area."""
    assert s.table is not None
    t = s.table
    conds: list[ColumnElement[bool]] = []
    if f.statuses and s.status_col:
        conds.append(t.c[s.status_col].in_(sorted(f.statuses)))
    if s.time_col and f.time_from is not None:
        conds.append(t.c[s.time_col] >= f.time_from)
    if s.time_col and f.time_to is not None:
        conds.append(t.c[s.time_col] < f.time_to)
    if f.bill_id is not None and "bill_id" in t.c:
        conds.append(t.c.bill_id == f.bill_id)
    if f.period and "period" in t.c:
        conds.append(t.c.period == f.period)
    if f.source and "source" in t.c:
        conds.append(t.c.source == f.source)
    if f.tasks is not None and s.area is Area.SUPERVISION_TASKS:
        conds.append(task_where(f.tasks, f.as_of or datetime.now(UTC)))
    conds += _words_match(t, s.text_cols, f.text)
    return and_(true(), *conds)


def filter_and_order(s: AreaSpec, dialect: str, order_filter: OrderFilter | None,
                     table_filter: TableFilter | None, indexed: bool = False,
                     ) -> tuple[ColumnElement[bool], list[Any]]:
    """The WHERE condition and ORDER BY clauses of an SQL-backed area's export: the rows its
    list shows, in its order."""
    assert s.table is not None
    if s.area is Area.ORDERS:
        f = order_filter or OrderFilter()
        # as the orders list filters and sorts
        return where_clause(f, indexed=indexed, dialect=dialect), orders_order_by(f, dialect)
    return table_where(s, table_filter or TableFilter()), s.ordering()


def select_rows(s: AreaSpec, keys: tuple[str, ...], dialect: str,
                order_filter: OrderFilter | None, table_filter: TableFilter | None,
                indexed: bool = False, csv_text: bool = False,
                sql: SqlFormat | None = None) -> tuple[Select[Any], Select[Any]]:
    """(rows, count) statements of an SQL-backed area for the chosen column ``keys``."""
    assert s.table is not None
    cols = [raw_column(s.table, k, dialect, csv_text, sql) for k in keys]
    where, order = filter_and_order(s, dialect, order_filter, table_filter, indexed)
    rows = select(*cols).select_from(s.table).where(where).order_by(*order)
    count = select(func.count()).select_from(s.table).where(where)
    return rows, count


__all__ = [
    "AREAS", "Area", "AreaSpec", "ExportColumn", "Kind", "SqlFormat", "TableFilter",
    "filter_and_order", "formula_chars", "raw_column", "select_rows", "spec", "sql_formatted",
    "table_where",
]
