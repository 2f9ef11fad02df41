"""Search by id and by customer over a cache the test wrote itself (no Qt, no network)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

import app.models as m
from app.models import db
from app.services.orders.query import refresh_search_terms, search_is_stale
from app.services.orders.search import (
    HitKind,
    escape_like,
    normalize_query,
    record_details,
    search,
)
from tests.services.test_dashboard_figures import NOW, demand, fill, order, task


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    fill(
        engine,
        order(
            "CS2411280129WMF00",
            real_name="上海锦程新能源股份有限公司",
            customer_name="byhpxdkb65",
            create_time=NOW - timedelta(days=3),
        ),
        order(
            "CS2411290702M4I20",
            real_name="刘艳",
            customer_name="xreu8jc230",
            create_time=NOW - timedelta(days=1),
        ),
        order("CS2411300436HDJ30", real_name="50%_折扣 公司", customer_name="sz_5wel1w02"),
        order("CS2411300436HDJ31", real_name="50 折扣 公司", customer_name="sza5wel1w02"),
        m.OrderLine(
            id="CS2411280129WMF00-000001",
            order_id="CS2411280129WMF00",
            charging_mode="PERIOD",
            product_name="云上进销存",
            amount=Decimal("100.00"),
            amount_after_discount=Decimal("100.00"),
            products=[],
            extend_params=[],
        ),
        task("SS2602200808DBYBU-000001", order_id="CS2411280129WMF00"),
        demand("DM20261101000123", customer_name="厦门天润电子商务股份有限公司"),
    )
    try:
        yield engine
    finally:
        engine.dispose()


def ids(hits: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(h.kind.value, h.id) for h in hits]


def test_an_order_is_found_by_its_full_id_first(cache: Engine) -> None:
    hits = search(cache, "  CS2411280129WMF00 ")
    assert hits[0].kind is HitKind.ORDER and hits[0].id == "CS2411280129WMF00"
    assert hits[0].exact
    # the task of that order is found by its order id too, after the exact hit
    assert ("supervision_task", "SS2602200808DBYBU-000001") in ids(hits)


def test_an_order_is_found_by_part_of_its_id_in_any_case(cache: Engine) -> None:
    hits = search(cache, "m4i2")
    assert ids(hits) == [("order", "CS2411290702M4I20")]
    assert not hits[0].exact


def test_an_order_is_found_by_the_chinese_customer_name(cache: Engine) -> None:
    hits = search(cache, "锦程新能源")
    assert ("order", "CS2411280129WMF00") in ids(hits)
    order_hit = next(h for h in hits if h.kind is HitKind.ORDER)
    assert order_hit.customer == "上海锦程新能源股份有限公司 (byhpxdkb65)"
    assert search(cache, "刘艳")[0].id == "CS2411290702M4I20"


def test_an_order_is_found_by_the_account_name(cache: Engine) -> None:
    assert ids(search(cache, "XREU8JC")) == [("order", "CS2411290702M4I20")]


def test_tasks_and_demands_are_found_by_id_and_customer(cache: Engine) -> None:
    assert ("supervision_task", "SS2602200808DBYBU-000001") in ids(search(cache, "DBYBU"))
    assert ids(search(cache, "天润电子")) == [("demand", "DM20261101000123")]
    assert ids(search(cache, "DM20261101000123"))[0] == ("demand", "DM20261101000123")


def test_wildcards_are_matched_literally(cache: Engine) -> None:
    # "_" would match any character and "%" anything: escaped, they match only themselves
    assert ids(search(cache, "sz_5")) == [("order", "CS2411300436HDJ30")]
    assert ids(search(cache, "50%")) == [("order", "CS2411300436HDJ30")]
    assert search(cache, "%%") == []


def test_short_or_blank_texts_find_nothing(cache: Engine) -> None:
    assert search(cache, "") == []
    assert search(cache, "  C ") == []


def test_results_are_limited_per_kind(cache: Engine) -> None:
    fill(
        cache, *[order(f"CSBULK{i:04}", create_time=NOW - timedelta(minutes=i)) for i in range(40)]
    )
    hits = search(cache, "CSBULK", limit=5)
    assert ids(hits) == [("order", f"CSBULK{i:04}") for i in range(5)]  # newest first


def test_the_trigram_index_of_customer_names_is_used_once_refreshed(cache: Engine) -> None:
    with cache.begin() as conn:
        assert refresh_search_terms(conn) > 0
    assert not search_is_stale(cache)
    # three characters or more: the FTS5 trigram index; two: LIKE over the distinct names
    assert ("order", "CS2411280129WMF00") in ids(search(cache, "锦程新能源"))
    assert ids(search(cache, "刘艳")) == [("order", "CS2411290702M4I20")]
    assert ids(search(cache, "XREU8JC")) == [("order", "CS2411290702M4I20")]
    # an order synced after the refresh is found too (checked directly until the next one)
    fill(cache, order("CS2611281200NEW01", real_name="宁波海纳新材料有限公司"))
    assert search_is_stale(cache)
    assert ids(search(cache, "海纳新材料")) == [("order", "CS2611281200NEW01")]
    # the text is one phrase: FTS operators in it are plain characters
    assert search(cache, '锦程" OR "刘艳') == []


def test_record_details_of_each_kind(cache: Engine) -> None:
    o = record_details(cache, HitKind.ORDER, "CS2411280129WMF00")
    assert o is not None
    fields = dict(o.fields)
    assert fields["total_amount"] == (Decimal("100.00"), "CNY")
    assert fields["customer_real_name"] == "上海锦程新能源股份有限公司"
    assert dict(o.lines[0])["order_line_id"] == "CS2411280129WMF00-000001"
    t = record_details(cache, HitKind.SUPERVISION_TASK, "SS2602200808DBYBU-000001")
    assert t is not None and dict(t.fields)["node"] == "商家上传交付凭证"
    d = record_details(cache, HitKind.DEMAND, "DM20261101000123")
    assert d is not None and dict(d.fields)["status"] == "待接收"
    assert record_details(cache, HitKind.DEMAND, "nope") is None


def test_helpers() -> None:
    assert escape_like(r"a%b_c\d") == r"a\%b\_c\\d"
    assert normalize_query(" 上海  锦程\t") == "上海 锦程"
