"""Orders (订单) for a table that stays fast with a million rows: filter, sort and search in SQL.

The orders view holds only the ordered list of ``orders.rowid`` for the current filter (:func:`ids`)
and fetches rows lazily a block at a time (:func:`rows_by_rowid`), like Anki's browser. Everything
here is plain synchronous SQLAlchemy over a ``Connection`` (or an ``Engine``, which opens one), runs
on a worker thread, and never imports Qt.

Text search (:attr:`OrderFilter.text`, and the customer and product filters) finds substrings, in
Chinese too, case-insensitively for Latin letters, and takes the user's text literally (quotes,
``%`` and ``_`` are escaped). On SQLite it uses the trigram index of distinct names that migration
``0002`` made (see :mod:`app.models.search`): three or more characters go through FTS5, one or two
through an escaped ``LIKE`` over the (small) names table, and each matching name is looked up on its
B-tree index. Order ids and customer ids are matched by prefix on their indexes. Orders inserted
since the names were last refreshed (:func:`refresh_search_terms`) are checked directly, so a search
is exact at any time. On PostgreSQL (and on an SQLite without FTS5 trigram) search is an escaped
``ILIKE``/``LIKE`` over the columns.

The row key is SQLite's ``rowid``, or on PostgreSQL the ``row_key`` identity column of migration
``0006`` (:class:`app.models.row_keys.RowKey` compiles to the right one); the functions below keep
the name ``rowid`` for it.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    true,
)

from app import models as m
from app.models import search as idx
from app.models.db import connected
from app.models.row_keys import RowKey

_ESCAPE = "\\"
#: Parameters per ``IN (...)`` when fetching rows by rowid (SQLite allows 32,766 since 3.32).
_CHUNK = 900
#: Past every character: ``prefix <= value < prefix + _TOP`` selects values starting with prefix.
_TOP = "\U0010ffff"

ORDERS = m.Order.__table__
#: The row key of ``orders`` (``rowid`` on SQLite): what the orders model holds.
order_rowid: ColumnElement[int] = RowKey("orders")


class SortColumn(StrEnum):
    """What the orders table can sort by; each is a column with an index (except ``PAID``)."""

    ORDER_ID = "id"
    CUSTOMER = "customer_real_name"
    ACCOUNT = "customer_name"
    CUSTOMER_ID = "customer_id"
    PRODUCT = "product_name"
    STATUS = "order_status"
    ORDER_TYPE = "order_type"
    CHARGING_MODE = "charging_mode"
    AMOUNT = "total_amount"
    CREATED = "create_time"
    PAID = "pay_time"


class FilterColumn(StrEnum):
    """Columns whose distinct values the filter bar offers as choices."""

    STATUS = "order_status"
    ORDER_TYPE = "order_type"
    CHARGING_MODE = "charging_mode"
    PRODUCT = "product_name"


@dataclass(frozen=True)
class OrderFilter:
    """Which orders to list, and in which order. Empty fields do not filter.

    ``statuses``/``order_types``/``charging_modes`` hold Huawei's raw strings (待付款, RENEW, PERIOD,
    ...). ``product`` is a product id (exact) or part of a product name; ``customer`` is a customer
    id (exact or prefix) or part of the customer's real or account name. ``created_from`` is
    inclusive and ``created_to`` exclusive; both must be aware datetimes. ``text`` is free search:
    every blank-separated word must match an order id or customer id (prefix), or a customer or
    product name (substring). Ties in the sort are broken by ``rowid`` in the same direction, so the
    order is stable.
    """

    statuses: frozenset[str] = frozenset()
    order_types: frozenset[str] = frozenset()
    charging_modes: frozenset[str] = frozenset()
    product: str = ""
    customer: str = ""
    created_from: datetime | None = None
    created_to: datetime | None = None
    text: str = ""
    sort: SortColumn = SortColumn.CREATED
    descending: bool = True

    def __post_init__(self) -> None:
        for name in ("created_from", "created_to"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be an aware datetime")
        for name in ("statuses", "order_types", "charging_modes"):
            value = getattr(self, name)
            if not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset(value))

    def sorted_by(self, sort: SortColumn, descending: bool) -> OrderFilter:
        """The same filter with another sort."""
        return replace(self, sort=sort, descending=descending)

    @property
    def is_empty(self) -> bool:
        """True when nothing is filtered (the sort may still be anything)."""
        return self == OrderFilter(sort=self.sort, descending=self.descending)


@dataclass(frozen=True, slots=True)
class OrderRow:
    """What one line of the orders table shows."""

    rowid: int
    id: str
    customer_name: str
    customer_real_name: str | None
    customer_id: str
    product_name: str | None
    order_status: str
    order_type: str
    charging_mode: str | None
    total_amount: Decimal
    currency_code: str
    create_time: datetime
    pay_time: datetime | None


@dataclass(frozen=True)
class OrderLineDetail:
    """One order line (订单行) as the detail pane lists it."""

    id: str
    product_id: str | None
    product_name: str | None
    sku_name: str | None
    charging_mode: str
    period_type: str | None
    period_number: int | None
    amount: Decimal
    amount_after_discount: Decimal
    expire_time: datetime | None


@dataclass(frozen=True)
class SupervisionRef:
    """The service supervision task (服务监管) of an order line, for the "open task" link."""

    id: str
    order_line_id: str
    node: str
    status: str
    node_entered_time: datetime


class TimelineKind(StrEnum):
    CREATED = "created"
    PAID = "paid"
    EFFECTIVE = "effective"
    EXPIRES = "expires"
    SUPERVISION = "supervision"
    UPDATED = "updated"


@dataclass(frozen=True)
class TimelineEvent:
    """A dated step of an order; ``detail`` is an order line id or a supervision node."""

    when: datetime
    kind: TimelineKind
    detail: str | None = None


@dataclass(frozen=True)
class OrderDetail:
    """Everything the detail pane shows for one order. Amounts are Decimal, times aware UTC."""

    id: str
    order_type: str
    order_status: str
    charging_mode: str | None
    currency_code: str
    total_amount: Decimal
    product_class: str
    delivery_type: str
    supervision_status: str
    repayment_status: str | None
    instance_id: str | None
    partner_id: str | None
    partner_name: str | None
    coupon_type: str | None
    customer_id: str
    customer_name: str
    customer_real_name: str | None
    buyer_info: dict[str, Any]
    product_id: str | None
    product_name: str | None
    sku_name: str | None
    create_time: datetime
    pay_time: datetime | None
    effective_time: datetime | None
    remote_updated_at: datetime
    lines: tuple[OrderLineDetail, ...]
    supervision_tasks: tuple[SupervisionRef, ...]
    timeline: tuple[TimelineEvent, ...] = field(default=())

    @property
    def discount(self) -> Decimal:
        """List price minus what the buyer pays, over all lines."""
        return sum((ln.amount - ln.amount_after_discount for ln in self.lines), Decimal("0.00"))


class OrderNotFound(LookupError):
    """The order is not (or no longer) in the cache."""


# -- connections ----------------------------------------------------------------------------------


def _has_search_index(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    found = conn.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?)",
        (idx.TERMS, idx.FTS, idx.STATE),
    ).scalar_one()
    return bool(found == 3)


# -- text matching --------------------------------------------------------------------------------


def escape_like(value: str) -> str:
    """``value`` with ``LIKE``'s wildcards and the escape character made literal."""
    return (
        value.replace(_ESCAPE, _ESCAPE * 2).replace("%", _ESCAPE + "%").replace("_", _ESCAPE + "_")
    )


def fts_phrase(value: str) -> str:
    """``value`` as one FTS5 phrase: double quotes doubled, so no FTS operator gets through."""
    return '"' + value.replace('"', '""') + '"'


def words(text: str) -> list[str]:
    """The blank-separated words of a search text (each must match)."""
    return text.split()


_terms = table(idx.TERMS, column("term_id"), column("kind"), column("value"))
_state = table(idx.STATE, column("refreshed_rowid"))


def _contains(col: Any, value: str, dialect: str) -> ColumnElement[bool]:
    pattern = f"%{escape_like(value)}%"
    if dialect == "postgresql":
        return col.ilike(pattern, escape=_ESCAPE)  # type: ignore[no-any-return]
    return col.like(pattern, escape=_ESCAPE)  # type: ignore[no-any-return]


def _prefix(col: Any, value: str, dialect: str) -> ColumnElement[bool]:
    """Values of ``col`` starting with ``value``: a range on its index (SQLite's binary order)."""
    if dialect == "postgresql":
        return col.ilike(escape_like(value) + "%", escape=_ESCAPE)  # type: ignore[no-any-return]
    return and_(col >= value, col < value + _TOP)


def _matching_terms(kind: str, value: str) -> Any:
    """Subquery: the distinct names of ``kind`` containing ``value``."""
    if len(value) >= idx.TRIGRAM_MIN_CHARS:
        fts: ColumnElement[Any] = literal_column(idx.FTS)
        hits: Any = (
            select(literal_column("rowid"))
            .select_from(table(idx.FTS))
            .where(fts.op("MATCH")(literal(fts_phrase(value))))
        )
        where = _terms.c.term_id.in_(hits.scalar_subquery())
    else:
        where = _terms.c.value.like(f"%{escape_like(value)}%", escape=_ESCAPE)
    return select(_terms.c.value).where(_terms.c.kind == kind, where)


def _refreshed_rowid() -> Any:
    return select(_state.c.refreshed_rowid).scalar_subquery()


def _name_match(value: str, kinds: Sequence[str], indexed: bool, dialect: str) -> ColumnElement[bool]:
    """Orders whose names of ``kinds`` contain ``value``."""
    cols = [ORDERS.c[idx.TERM_COLUMNS[k]] for k in kinds]
    if not indexed:
        return or_(*(_contains(c, value, dialect) for c in cols))
    found = [c.in_(_matching_terms(k, value)) for k, c in zip(kinds, cols, strict=True)]
    # Orders inserted since the last refresh of the names are checked directly (usually few).
    tail = and_(order_rowid > _refreshed_rowid(), or_(*(_contains(c, value, dialect) for c in cols)))
    return or_(*found, tail)


def _text_match(word: str, indexed: bool, dialect: str) -> ColumnElement[bool]:
    # Huawei's order ids are upper case, customer ids lower-case hex: match them as typed too.
    ids = {_prefix(ORDERS.c.id, v, dialect) for v in {word, word.upper()}}
    ids |= {_prefix(ORDERS.c.customer_id, v, dialect) for v in {word, word.lower()}}
    return or_(*ids, _name_match(word, ("r", "a", "p"), indexed, dialect))


def _customer_match(value: str, indexed: bool, dialect: str) -> ColumnElement[bool]:
    return or_(
        _prefix(ORDERS.c.customer_id, value.lower(), dialect),
        _name_match(value, ("r", "a"), indexed, dialect),
    )


def _product_match(value: str, indexed: bool, dialect: str) -> ColumnElement[bool]:
    return or_(ORDERS.c.product_id == value, _name_match(value, ("p",), indexed, dialect))


def _narrows_by_name(f: OrderFilter) -> bool:
    return bool(f.text.strip() or f.customer.strip() or f.product.strip())


def where_clause(
    f: OrderFilter, *, indexed: bool, dialect: str, walk_sort_index: bool = False,
    dense_names: bool = False,
) -> ColumnElement[bool]:
    """The SQL condition for ``f`` (``indexed``: the SQLite search index is there).

    ``walk_sort_index`` writes the status, type and charging-mode tests as ``+column IN (...)``
    so that SQLite walks the sort column's index instead of the filter's: right for the first page
    of a list (it stops after a few hundred matches), wrong for the whole list of a common value.
    A filter that narrows by name (search, customer, product) gets it only with ``dense_names``
    (its matches are many, see :func:`ids`).
    """
    conds: list[ColumnElement[bool]] = []
    hint = walk_sort_index and dialect == "sqlite" and (dense_names or not _narrows_by_name(f))
    for values, name in ((f.statuses, "order_status"), (f.order_types, "order_type"),
                         (f.charging_modes, "charging_mode")):
        if values:
            col: Any = literal_column(f"+orders.{name}") if hint else ORDERS.c[name]
            conds.append(col.in_(sorted(values)))
    if f.created_from is not None:
        conds.append(ORDERS.c.create_time >= f.created_from)
    if f.created_to is not None:
        conds.append(ORDERS.c.create_time < f.created_to)
    if f.product.strip():
        conds.append(_product_match(f.product.strip(), indexed, dialect))
    if f.customer.strip():
        conds.append(_customer_match(f.customer.strip(), indexed, dialect))
    for word in words(f.text):
        conds.append(_text_match(word, indexed, dialect))
    return and_(true(), *conds) if conds else true()


def order_by(f: OrderFilter, dialect: str, *, dense_names: bool = False) -> list[Any]:
    """Sort column then rowid, both in the filter's direction.

    When the filter narrows by name or id (search, customer, product), the sort column is written
    ``+column`` on SQLite: that keeps SQLite from walking the sort index and probing every order, so
    it gathers the few matches through the name indexes first and sorts only those (not with
    ``dense_names``: the first page of many matches is found faster walking the index). Empty values
    (an unpaid order's payment time) come first going up and last going down, as SQLite sorts
    NULL; other databases are told so.
    """
    col: Any = ORDERS.c[f.sort.value]
    if dialect != "sqlite":
        if f.descending:
            return [col.desc().nulls_last(), order_rowid.desc()]
        return [col.asc().nulls_first(), order_rowid.asc()]
    if _narrows_by_name(f) and not dense_names:
        col = literal_column(f"+orders.{f.sort.value}")
    if f.descending:
        return [col.desc(), order_rowid.desc()]
    return [col.asc(), order_rowid.asc()]


# -- the list -------------------------------------------------------------------------------------


def ids(conn: Connection | Engine, f: OrderFilter, *, limit: int | None = None) -> array[int]:
    """The ``orders.rowid`` of every order matching ``f``, in the filter's sort order.

    One query; the rowids come back as one JSON array text (parsed in C), which is about twice as
    fast as fetching a million one-column rows. SQLite feeds an aggregate the rows of an ordered
    subquery in that order (the tests check it against a plain ordered fetch).

    With ``limit``, only the first rows (the first page of a list, shown while the whole list is
    read): the query then walks the sort index and stops early. A search (or customer or product
    filter) gathers its matches through the name indexes and sorts them, which is fast for a
    few thousand matches but not for a one-character word matching 60,000 orders of a million;
    for a word shorter than the trigram index takes, its matches are counted first (up to
    :func:`_dense_matches`, which stops early) and, when they are that many, the first page walks
    the sort index instead (about ``limit x orders / matches`` orders probed). Either way the rows
    and their order are the same (the sort ends with the rowid).
    """
    with connected(conn) as c:
        indexed = _has_search_index(c)
        dialect = c.dialect.name
        dense = limit is not None and _dense_names(c, f, limit, indexed)
        where = where_clause(f, indexed=indexed, dialect=dialect,
                             walk_sort_index=limit is not None, dense_names=dense)
        stmt = select(order_rowid.label("r")).select_from(ORDERS).where(where).order_by(
            *order_by(f, dialect, dense_names=dense))
        if limit is not None:
            return array("q", c.execute(stmt.limit(limit)).scalars())
        if c.dialect.name != "sqlite":
            return array("q", c.execute(stmt).scalars())
        inner = stmt.subquery()
        text_ = c.execute(select(func.json_group_array(inner.c.r))).scalar_one()
    return array("q", json.loads(text_) if text_ else ())


def _dense_matches(total: int, limit: int) -> int:
    """How many matches make walking the sort index the faster way to a first page of ``limit``:
    walking probes about ``limit x total / matches`` orders, gathering reads and sorts every
    match, so the two meet near ``sqrt(limit x total)`` (26,000 of 1.1 million for 600)."""
    return max(limit, math.isqrt(limit * max(total, 1)))


def _dense_names(c: Connection, f: OrderFilter, limit: int, indexed: bool) -> bool:
    """Whether ``f`` narrows by a word shorter than the trigram index takes (one or two
    characters, matched with ``LIKE`` over the names) that matches so many orders that its first
    page is found faster by walking the sort index (SQLite only; a capped count decides)."""
    if c.dialect.name != "sqlite" or not _narrows_by_name(f):
        return False
    short = [w for w in (*words(f.text), f.customer.strip(), f.product.strip())
             if w and len(w) < idx.TRIGRAM_MIN_CHARS]
    if not short:
        return False
    total = c.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM orders").scalar_one()
    enough = _dense_matches(int(total), limit)
    where = where_clause(f, indexed=indexed, dialect=c.dialect.name)
    capped = select(literal(1)).select_from(ORDERS).where(where).limit(enough).subquery()
    found = c.execute(select(func.count()).select_from(capped)).scalar_one()
    return int(found) >= enough


def count(conn: Connection | Engine, f: OrderFilter) -> int:
    """How many orders match ``f`` (no sort)."""
    with connected(conn) as c:
        stmt = select(func.count()).select_from(ORDERS).where(
            where_clause(f, indexed=_has_search_index(c), dialect=c.dialect.name)
        )
        return int(c.execute(stmt).scalar_one())


_ROW_COLUMNS = (
    "id", "customer_name", "customer_real_name", "customer_id", "product_name", "order_status",
    "order_type", "charging_mode", "total_amount", "currency_code", "create_time", "pay_time",
)


def rows_by_rowid(conn: Connection | Engine, rowids: Iterable[int]) -> dict[int, OrderRow]:
    """The table rows for ``rowids`` (a block of a few hundred: one query); missing ones are
    left out (an order deleted since the id list was made)."""
    wanted = list(dict.fromkeys(rowids))
    out: dict[int, OrderRow] = {}
    if not wanted:
        return out
    cols = [ORDERS.c[name] for name in _ROW_COLUMNS]
    with connected(conn) as c:
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i:i + _CHUNK]
            stmt = select(order_rowid.label("rowid_"), *cols).where(order_rowid.in_(chunk))
            for r in c.execute(stmt):
                out[int(r[0])] = OrderRow(int(r[0]), *r[1:])
    return out


def distinct_values(conn: Connection | Engine, col: FilterColumn) -> list[str]:
    """The values of ``col`` present in the cache, sorted (filter choices).

    Read with a loose index scan on SQLite (one index seek per distinct value), so a million orders
    with a dozen statuses cost a dozen seeks.
    """
    name = FilterColumn(col).value
    with connected(conn) as c:
        if c.dialect.name == "sqlite":
            sql = (
                f"WITH RECURSIVE d(v) AS (SELECT min({name}) FROM orders UNION ALL "
                f"SELECT (SELECT min({name}) FROM orders WHERE {name} > d.v) FROM d "
                "WHERE d.v IS NOT NULL) SELECT v FROM d WHERE v IS NOT NULL"
            )
            return [str(v) for (v,) in c.exec_driver_sql(sql)]
        stmt = select(ORDERS.c[name]).where(ORDERS.c[name].is_not(None)).distinct().order_by(ORDERS.c[name])
        return [str(v) for v in c.execute(stmt).scalars()]


def refresh_search_terms(conn: Connection) -> int:
    """Bring the SQLite search index of names up to date; returns how many names were new.

    Writes: run it on the write lane, inside a transaction (``engine.begin()``). Reads the distinct
    names by loose index scans (one seek per distinct name, not per order), adds the new ones (the
    FTS index follows by trigger) and moves the refreshed-rowid mark. Does nothing without the
    index (PostgreSQL, or SQLite without FTS5 trigram).
    """
    if not _has_search_index(conn):
        return 0
    before = conn.exec_driver_sql(f"SELECT count(*) FROM {idx.TERMS}").scalar_one()
    top = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM orders").scalar_one()
    for kind, name in idx.TERM_COLUMNS.items():
        conn.exec_driver_sql(
            f"WITH RECURSIVE d(v) AS (SELECT min({name}) FROM orders UNION ALL "
            f"SELECT (SELECT min({name}) FROM orders WHERE {name} > d.v) FROM d "
            f"WHERE d.v IS NOT NULL) INSERT OR IGNORE INTO {idx.TERMS}(kind, value) "
            f"SELECT ?, v FROM d WHERE v IS NOT NULL AND v <> ''",
            (kind,),
        )
    conn.exec_driver_sql(f"UPDATE {idx.STATE} SET refreshed_rowid = ?", (top,))
    after = conn.exec_driver_sql(f"SELECT count(*) FROM {idx.TERMS}").scalar_one()
    return int(after) - int(before)


#: How many orders a sync lets pile up above the refreshed mark before it adds their names
#: (:func:`refresh_search_tail`): a search scans at most about this many orders directly.
SEARCH_TAIL_ROWS = 10_000


def refresh_search_tail(conn: Connection, at_least: int | None = None) -> int:
    """Add the names of the orders inserted since the last refresh, once there are about
    ``at_least`` of them (:data:`SEARCH_TAIL_ROWS` by default), and move the mark over them;
    returns how many names were new.

    The sync calls it in the transaction of each orders page it writes, so that a search while a
    long sync runs (a first sync of a million orders) scans at most that many new orders instead
    of everything the sync has written so far. Only the new orders are read (a range of rowids);
    names changed in place are the full :func:`refresh_search_terms`' business, after the sync.
    """
    if not _has_search_index(conn):
        return 0
    top = conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM orders").scalar_one()
    mark = conn.exec_driver_sql(f"SELECT refreshed_rowid FROM {idx.STATE}").scalar_one()
    if top - mark < (SEARCH_TAIL_ROWS if at_least is None else at_least):
        return 0
    added = 0
    for kind, name in idx.TERM_COLUMNS.items():
        added += conn.exec_driver_sql(
            f"INSERT OR IGNORE INTO {idx.TERMS}(kind, value) SELECT DISTINCT ?, {name} "
            f"FROM orders WHERE rowid > ? AND rowid <= ? AND {name} IS NOT NULL "
            f"AND {name} <> ''",
            (kind, mark, top),
        ).rowcount
    conn.exec_driver_sql(f"UPDATE {idx.STATE} SET refreshed_rowid = ?", (top,))
    return added


def search_is_stale(conn: Connection | Engine) -> bool:
    """True when orders were inserted since the names were last refreshed (cheap: two lookups)."""
    with connected(conn) as c:
        if not _has_search_index(c):
            return False
        top = c.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM orders").scalar_one()
        mark = c.exec_driver_sql(f"SELECT refreshed_rowid FROM {idx.STATE}").scalar_one()
        return bool(top > mark)


# -- one order ------------------------------------------------------------------------------------


def rowid_of(conn: Connection | Engine, order_id: str) -> int | None:
    """The rowid of order ``order_id``, or None when it is not in the cache."""
    with connected(conn) as c:
        r = c.execute(select(order_rowid).where(ORDERS.c.id == order_id)).scalar_one_or_none()
        return None if r is None else int(r)


def detail(conn: Connection | Engine, order_id: str) -> OrderDetail:
    """Everything about one order: lines, buyer, amounts, dates, timeline and supervision tasks.

    Raises :class:`OrderNotFound` when the order is not in the cache.
    """
    L = m.OrderLine.__table__
    T = m.SupervisionTask.__table__
    with connected(conn) as c:
        row = c.execute(select(ORDERS).where(ORDERS.c.id == order_id)).mappings().one_or_none()
        if row is None:
            raise OrderNotFound(order_id)
        lines = tuple(
            OrderLineDetail(
                id=r.id, product_id=r.product_id, product_name=r.product_name,
                sku_name=r.sku_name, charging_mode=r.charging_mode, period_type=r.period_type,
                period_number=r.period_number, amount=r.amount,
                amount_after_discount=r.amount_after_discount, expire_time=r.expire_time,
            )
            for r in c.execute(select(L).where(L.c.order_id == order_id).order_by(L.c.id))
        )
        tasks = tuple(
            SupervisionRef(r.id, r.order_line_id, r.node, r.status, r.node_entered_time)
            for r in c.execute(
                select(T.c.id, T.c.order_line_id, T.c.node, T.c.status, T.c.node_entered_time)
                .where(T.c.order_id == order_id)
                .order_by(T.c.order_line_id, T.c.id)
            )
        )
    values = {k: row[k] for k in OrderDetail.__dataclass_fields__ if k in row}
    values["buyer_info"] = dict(row["buyer_info"] or {})
    return OrderDetail(
        **values, lines=lines, supervision_tasks=tasks,
        timeline=_timeline(row, lines, tasks),
    )


def _timeline(row: Any, lines: Sequence[OrderLineDetail],
              tasks: Sequence[SupervisionRef]) -> tuple[TimelineEvent, ...]:
    events = [TimelineEvent(row["create_time"], TimelineKind.CREATED)]
    if row["pay_time"] is not None:
        events.append(TimelineEvent(row["pay_time"], TimelineKind.PAID))
    if row["effective_time"] is not None:
        events.append(TimelineEvent(row["effective_time"], TimelineKind.EFFECTIVE))
    expiries: dict[datetime, list[str]] = {}
    for ln in lines:
        if ln.expire_time is not None:
            expiries.setdefault(ln.expire_time, []).append(ln.id)
    for when, line_ids in expiries.items():
        events.append(TimelineEvent(when, TimelineKind.EXPIRES,
                                    None if len(lines) == 1 else ", ".join(line_ids)))
    for t in tasks:
        events.append(TimelineEvent(t.node_entered_time, TimelineKind.SUPERVISION, t.node))
    events.append(TimelineEvent(row["remote_updated_at"], TimelineKind.UPDATED))
    order = list(TimelineKind)
    return tuple(sorted(events, key=lambda e: (e.when, order.index(e.kind))))


__all__ = [
    "FilterColumn", "OrderDetail", "OrderFilter", "OrderLineDetail", "OrderNotFound", "OrderRow",
    "SortColumn", "SupervisionRef", "TimelineEvent", "TimelineKind", "count", "detail",
    "distinct_values", "escape_like", "fts_phrase", "ids", "refresh_search_tail",
    "refresh_search_terms", "rowid_of",
    "rows_by_rowid", "search_is_stale", "where_clause", "words",
]
