"""Orders list queries: filters, sorts, Chinese search (1, 2, 3+ characters), escaping, detail.

Every test runs on a real cache made by ``open_cache`` (so on migration 0002's indexes and search
tables), with rows inserted through SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite

from app import models as m
from app.models import db
from app.services.orders import query as q
from app.services.orders.query import FilterColumn, OrderFilter, SortColumn
from tests.support.orders_data import fill_orders, make_line, make_order, make_task

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

#: order id -> overrides: a small cache whose every search answer is known.
ORDERS: dict[str, dict[str, Any]] = {
    "CS2603010800AAAA1": dict(customer_real_name="上海云帆科技有限公司", customer_name="yunfan01",
                              customer_id="a" * 32, product_name="云栖数据备份软件",
                              product_id="OFFI0001", order_status="已完成", order_type="NEW",
                              charging_mode="PERIOD", total_amount=Decimal("1200.00")),
    "CS2603010900BBBB2": dict(customer_real_name="北京海纳数据科技有限公司", customer_name="haina02",
                              customer_id="b" * 32, product_name="企业官网建设服务",
                              product_id="OFFI0002", order_status="处理中", order_type="RENEW",
                              charging_mode="ONE_TIME", total_amount=Decimal("99.90")),
    "CS2603011000CCCC3": dict(customer_real_name="折扣100%_测试\"公司\"", customer_name="quote03",
                              customer_id="c" * 32, product_name="短信验证码API",
                              product_id="OFFI0003", order_status="已取消", order_type="TRIAL",
                              charging_mode="ON_DEMAND", total_amount=Decimal("0.00")),
    "CS2603011100DDDD4": dict(customer_real_name=None, customer_name="solo_user",
                              customer_id="d" * 32, product_name="云栖数据备份软件",
                              product_id="OFFI0001", order_status="待付款", order_type="CHANGE",
                              charging_mode="ON_DEMAND_PKG", total_amount=Decimal("1200.00")),
}


def _insert(engine: Engine, orders: dict[str, dict[str, Any]], start: datetime = T0) -> None:
    with engine.begin() as conn:
        rows = [
            make_order(oid, create_time=start + timedelta(hours=n), **values)
            for n, (oid, values) in enumerate(orders.items())
        ]
        conn.execute(insert(m.Order.__table__), rows)


def _refresh(engine: Engine) -> int:
    with engine.begin() as conn:
        return q.refresh_search_terms(conn)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    yield eng
    eng.dispose()


@pytest.fixture
def small(engine: Engine) -> Engine:
    _insert(engine, ORDERS)
    return engine


def _order_ids(engine: Engine, f: OrderFilter) -> list[str]:
    rowids = q.ids(engine, f)
    rows = q.rows_by_rowid(engine, rowids)
    return [rows[r].id for r in rowids]


def _found(engine: Engine, **kw: Any) -> set[str]:
    return set(_order_ids(engine, OrderFilter(**kw)))


# -- the id list ----------------------------------------------------------------------------------


def test_ids_come_in_the_order_of_a_plain_ordered_query(engine: Engine) -> None:
    fill_orders(engine, 3000)
    for sort in SortColumn:
        for descending in (False, True):
            f = OrderFilter(sort=sort, descending=descending)
            col = sort.value
            direction = "DESC" if descending else "ASC"
            with engine.connect() as conn:
                plain = [r for (r,) in conn.exec_driver_sql(
                    f"SELECT rowid FROM orders ORDER BY {col} {direction}, rowid {direction}")]
            got = q.ids(engine, f)
            assert list(got) == plain, (sort, descending)
            assert q.count(engine, f) == len(got) == 3000


def test_a_first_page_is_the_start_of_the_whole_list(engine: Engine) -> None:
    fill_orders(engine, 1500)
    for f in (OrderFilter(), OrderFilter(statuses=frozenset({"已完成"}), sort=SortColumn.AMOUNT),
              OrderFilter(order_types=frozenset({"RENEW", "NEW"}), charging_modes=frozenset(
                  {"PERIOD"}), descending=False), OrderFilter(text="科技", sort=SortColumn.PRODUCT)):
        whole = q.ids(engine, f)
        assert list(q.ids(engine, f, limit=100)) == list(whole[:100]), f
        assert len(whole) > 100


def test_sorts_compare_values_not_text(small: Engine) -> None:
    amounts = _order_ids(small, OrderFilter(sort=SortColumn.AMOUNT, descending=False))
    assert amounts[0] == "CS2603011000CCCC3"  # 0.00
    assert amounts[1] == "CS2603010900BBBB2"  # 99.90 sorts before 1200.00 (cents, not text)
    # ties (two orders of 1200.00) are broken by rowid in the sort's direction
    assert amounts[2:] == ["CS2603010800AAAA1", "CS2603011100DDDD4"]
    newest = _order_ids(small, OrderFilter())
    assert newest == list(reversed(list(ORDERS)))


def test_an_empty_cache_and_a_filter_matching_nothing_give_empty_lists(engine: Engine) -> None:
    assert len(q.ids(engine, OrderFilter())) == 0
    _insert(engine, ORDERS)
    assert len(q.ids(engine, OrderFilter(text="没有这个客户"))) == 0


# -- filters --------------------------------------------------------------------------------------


def test_status_type_and_charging_mode_filters(small: Engine) -> None:
    assert _found(small, statuses=frozenset({"已完成", "待付款"})) == {
        "CS2603010800AAAA1", "CS2603011100DDDD4"}
    assert _found(small, order_types=frozenset({"RENEW"})) == {"CS2603010900BBBB2"}
    assert _found(small, charging_modes=frozenset({"ON_DEMAND", "PERIOD"})) == {
        "CS2603010800AAAA1", "CS2603011000CCCC3"}
    assert _found(small, statuses=frozenset({"已完成"}), order_types=frozenset({"RENEW"})) == set()


def test_created_range_is_inclusive_exclusive_and_needs_aware_times(small: Engine) -> None:
    assert _found(small, created_from=T0 + timedelta(hours=1),
                  created_to=T0 + timedelta(hours=3)) == {"CS2603010900BBBB2", "CS2603011000CCCC3"}
    # the same instant in another zone means the same orders
    cst = T0.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai"))
    assert _found(small, created_to=cst + timedelta(hours=1)) == {"CS2603010800AAAA1"}
    with pytest.raises(ValueError, match="aware"):
        OrderFilter(created_from=datetime(2026, 3, 1))


def test_product_filter_takes_an_id_or_part_of_a_name(small: Engine) -> None:
    both = {"CS2603010800AAAA1", "CS2603011100DDDD4"}
    assert _found(small, product="OFFI0001") == both
    assert _found(small, product="备份") == both
    assert _found(small, product="数据备份软件") == both
    assert _found(small, product="api") == {"CS2603011000CCCC3"}  # Latin letters: any case


def test_customer_filter_matches_real_name_account_or_id(small: Engine) -> None:
    assert _found(small, customer="海纳") == {"CS2603010900BBBB2"}
    assert _found(small, customer="YUNFAN") == {"CS2603010800AAAA1"}
    assert _found(small, customer="b" * 32) == {"CS2603010900BBBB2"}
    assert _found(small, customer="dddd") == {"CS2603011100DDDD4"}  # id prefix
    assert _found(small, customer="数据备份") == set()  # a product name is not a customer


# -- search ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("refreshed", [False, True], ids=["new-orders", "refreshed-index"])
@pytest.mark.parametrize(
    ("text_", "expected"),
    [
        ("海", {"CS2603010800AAAA1", "CS2603010900BBBB2"}),  # 1 character: 上海, 海纳
        ("上海", {"CS2603010800AAAA1"}),  # 2 characters
        ("云帆科技", {"CS2603010800AAAA1"}),  # 3+ characters: the trigram index
        ("数据", {"CS2603010800AAAA1", "CS2603010900BBBB2", "CS2603011100DDDD4"}),
        ("数据备份软件", {"CS2603010800AAAA1", "CS2603011100DDDD4"}),  # product names
        ("海纳 官网", {"CS2603010900BBBB2"}),  # every word must match
        ("cs26030109", {"CS2603010900BBBB2"}),  # order id prefix, any case
        ("CS260301", set(ORDERS)),
        ("bbbb", {"CS2603010900BBBB2"}),  # customer id prefix
        ("HAINA", {"CS2603010900BBBB2"}),  # account, any case
        ("BBBB2", set()),  # ids match by prefix only
    ],
)
def test_search_finds_chinese_substrings_of_any_length(
    small: Engine, refreshed: bool, text_: str, expected: set[str]
) -> None:
    if refreshed:
        assert _refresh(small) > 0
        assert not q.search_is_stale(small)
    else:
        assert q.search_is_stale(small)
    assert _found(small, text=text_) == expected


@pytest.mark.parametrize(
    ("text_", "expected"),
    [
        ("%", {"CS2603011000CCCC3"}),  # a literal percent sign, not "anything"
        ("100%", {"CS2603011000CCCC3"}),
        ("_", {"CS2603011000CCCC3", "CS2603011100DDDD4"}),  # 折扣100%_ and solo_user
        ("%_测", {"CS2603011000CCCC3"}),
        ('"', {"CS2603011000CCCC3"}),  # a quote cannot break the FTS query
        ('"公司"', {"CS2603011000CCCC3"}),
        ('测试"公司', {"CS2603011000CCCC3"}),
        ("\\", set()),
        ("' OR 1=1 --", set()),
        ("NEAR(海 纳)", set()),  # FTS5 syntax is taken literally
        ("*", set()),
    ],
)
def test_search_takes_the_users_text_literally(small: Engine, text_: str, expected: set[str]) -> None:
    before = _found(small, text=text_)
    _refresh(small)
    assert before == _found(small, text=text_) == expected


def test_search_is_exact_between_refreshes(small: Engine) -> None:
    _refresh(small)
    _insert(small, {"CS2603020800EEEE5": dict(customer_real_name="深圳星河智能科技有限公司",
                                              customer_name="xinghe05", customer_id="e" * 32)},
            start=T0 + timedelta(days=1))
    assert q.search_is_stale(small)
    assert _found(small, text="星河智能") == {"CS2603020800EEEE5"}  # not yet in the index
    assert _found(small, text="星") == {"CS2603020800EEEE5"}
    assert _refresh(small) == 3  # its real name, account and product name are new
    assert _found(small, text="星河智能") == {"CS2603020800EEEE5"}
    with small.begin() as conn:  # an order leaves the cache: its name stays a term, matching nothing
        conn.execute(text("DELETE FROM orders WHERE id = 'CS2603020800EEEE5'"))
    assert _found(small, text="星河智能") == set()


def test_search_without_the_trigram_index_falls_back_to_like(small: Engine) -> None:
    expected = {t: _found(small, text=t) for t in ("海", "上海", "云帆科技", "100%", "haina")}
    with small.begin() as conn:  # an SQLite built without FTS5 trigram gets no search tables
        for name in ("orders_search_fts", "orders_search_state", "orders_search_terms"):
            conn.exec_driver_sql(f"DROP TABLE {name}")
        assert q.refresh_search_terms(conn) == 0
    assert not q.search_is_stale(small)
    for t, want in expected.items():
        assert _found(small, text=t) == want


def test_postgresql_search_is_an_escaped_ilike() -> None:
    where = q.where_clause(OrderFilter(text="100%_上海", customer="Yun", product="备份"),
                           indexed=False, dialect="postgresql")
    sql = str(where.compile(dialect=postgresql.dialect(),
                            compile_kwargs={"literal_binds": True}))
    assert "ILIKE '%100\\%\\_上海%'" in sql.replace("%%", "%")
    assert "orders_search" not in sql and "MATCH" not in sql
    assert "orders.customer_real_name ILIKE" in sql and "orders.product_name ILIKE" in sql


def test_search_on_many_orders_matches_a_plain_like(engine: Engine) -> None:
    fill_orders(engine, 4000)
    _refresh(engine)
    with engine.connect() as conn:
        for word in ("科技", "海", "云栖数据", "CentOS"):
            like = {r for (r,) in conn.exec_driver_sql(
                "SELECT rowid FROM orders WHERE customer_real_name LIKE ? OR customer_name LIKE ?"
                " OR product_name LIKE ?", (f"%{word}%",) * 3)}
            assert set(q.ids(conn, OrderFilter(text=word))) == like, word


# -- rows, choices, detail ------------------------------------------------------------------------


def test_rows_by_rowid_returns_typed_rows_and_skips_missing(small: Engine) -> None:
    rowids = list(q.ids(small, OrderFilter(sort=SortColumn.ORDER_ID, descending=False)))
    rows = q.rows_by_rowid(small, [*rowids, 999_999])
    assert set(rows) == set(rowids)
    first = rows[rowids[0]]
    assert first.id == "CS2603010800AAAA1"
    assert first.total_amount == Decimal("1200.00") and isinstance(first.total_amount, Decimal)
    assert first.create_time == T0 and first.create_time.tzinfo is not None
    assert first.customer_real_name == "上海云帆科技有限公司"


def test_rows_by_rowid_fetches_big_blocks_in_chunks(engine: Engine) -> None:
    fill_orders(engine, 2000)
    rowids = q.ids(engine, OrderFilter())
    assert len(q.rows_by_rowid(engine, rowids)) == 2000


def test_distinct_values_for_the_filter_choices(small: Engine) -> None:
    assert q.distinct_values(small, FilterColumn.STATUS) == sorted(
        ["已完成", "处理中", "已取消", "待付款"])
    assert q.distinct_values(small, FilterColumn.ORDER_TYPE) == ["CHANGE", "NEW", "RENEW", "TRIAL"]
    assert q.distinct_values(small, FilterColumn.CHARGING_MODE) == [
        "ONE_TIME", "ON_DEMAND", "ON_DEMAND_PKG", "PERIOD"]
    assert q.distinct_values(small, FilterColumn.PRODUCT) == sorted(
        ["云栖数据备份软件", "企业官网建设服务", "短信验证码API"])


def test_detail_has_lines_buyer_amounts_timeline_and_supervision(small: Engine) -> None:
    oid = "CS2603010800AAAA1"
    with small.begin() as conn:
        conn.execute(text("UPDATE orders SET pay_time = :p, effective_time = :e, buyer_info = :b "
                          "WHERE id = :id"),
                     {"p": "2026-03-01 08:05:00.000000", "e": "2026-03-01 08:10:00.000000",
                      "b": '{"customerRealName": "上海云帆科技有限公司", "mobilePhone": "138****0001"}',
                      "id": oid})
        conn.execute(insert(m.OrderLine.__table__), [
            make_line(oid, 1, amount=Decimal("1000.00"), amount_after_discount=Decimal("900.00"),
                      expire_time=T0 + timedelta(days=365)),
            make_line(oid, 2, amount=Decimal("300.00"), amount_after_discount=Decimal("300.00"),
                      expire_time=T0 + timedelta(days=365)),
        ])
        conn.execute(insert(m.SupervisionTask.__table__), [
            make_task("SS2603010800AAAA1000001", oid, f"{oid}-000001",
                      node="服务交付", node_entered_time=T0 + timedelta(days=2)),
        ])
    d = q.detail(small, oid)
    assert d.customer_real_name == "上海云帆科技有限公司"
    assert d.buyer_info["mobilePhone"] == "138****0001"
    assert [ln.id for ln in d.lines] == [f"{oid}-000001", f"{oid}-000002"]
    assert d.total_amount == Decimal("1200.00") and d.discount == Decimal("100.00")
    assert [t.id for t in d.supervision_tasks] == ["SS2603010800AAAA1000001"]
    assert d.supervision_tasks[0].node == "服务交付"
    kinds = [e.kind for e in d.timeline]
    assert kinds == [q.TimelineKind.CREATED, q.TimelineKind.UPDATED, q.TimelineKind.PAID,
                     q.TimelineKind.EFFECTIVE, q.TimelineKind.SUPERVISION, q.TimelineKind.EXPIRES]
    assert all(e.when.tzinfo is not None for e in d.timeline)
    expires = d.timeline[-1]
    assert expires.detail == f"{oid}-000001, {oid}-000002"  # one date, both lines


def test_detail_of_a_missing_order_raises(small: Engine) -> None:
    with pytest.raises(q.OrderNotFound):
        q.detail(small, "CS0000000000NONE0")
    assert q.rowid_of(small, "CS0000000000NONE0") is None
    assert q.rowid_of(small, "CS2603010800AAAA1") is not None


def test_the_row_key_is_the_rowid_on_sqlite_and_the_identity_column_elsewhere() -> None:
    stmt = select(q.order_rowid).where(q.order_rowid > 5)
    assert "orders.rowid" in str(stmt.compile(dialect=sqlite.dialect()))
    assert "orders.row_key" in str(stmt.compile(dialect=postgresql.dialect()))


def test_filter_helpers() -> None:
    f = OrderFilter(text="x")
    assert f.sorted_by(SortColumn.AMOUNT, False) == OrderFilter(
        text="x", sort=SortColumn.AMOUNT, descending=False)
    assert OrderFilter(sort=SortColumn.AMOUNT).is_empty and not f.is_empty
    assert OrderFilter(statuses={"已完成"}).statuses == frozenset({"已完成"})  # type: ignore[arg-type]


def test_a_dense_short_search_walks_the_sort_index_for_the_same_first_page(engine: Engine) -> None:
    """Issue 18 §3: a first page of a one- or two-character word matching many orders walks the
    sort index instead of gathering every match; the rows and their order stay the same."""
    fill_orders(engine, 1500)
    with engine.begin() as conn:
        q.refresh_search_terms(conn)
    limit = 50  # dense: at least sqrt(50 x 1500) = 273 matches
    with engine.connect() as conn:
        checked = 0
        for f in (OrderFilter(text="司"), OrderFilter(text="公司", sort=SortColumn.AMOUNT,
                                                      descending=False),
                  OrderFilter(customer="司", statuses=frozenset({"已完成"})),
                  OrderFilter(text="司 科技", sort=SortColumn.PAID)):
            whole = q.ids(conn, f)
            dense = q._dense_names(conn, f, limit, True)  # noqa: SLF001 - the plan chosen
            assert dense == (len(whole) >= 273), (f, len(whole))
            checked += dense
            assert list(q.ids(conn, f, limit=limit)) == list(whole[:limit]), f
        assert checked >= 2  # the walk was taken (and gave the same rows)
        sparse = OrderFilter(text="zq")  # matches nothing: gathered, as before
        assert not q._dense_names(conn, sparse, limit, True)  # noqa: SLF001
        assert len(q.ids(conn, sparse, limit=limit)) == 0
