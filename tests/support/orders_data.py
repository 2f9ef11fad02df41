"""Deterministic fake orders for tests and benches: Chinese customer and product names, fast inserts.

The same generator feeds the orders query tests, the orders view tests and ``bench/orders_view.py``,
so a figure measured by the bench is about the data the tests check. Everything derives from
``(n, seed)``: the same call makes the same orders in every run.

Two ways in:

* :func:`fill_orders` inserts through SQLAlchemy Core ``executemany`` (the types do their work:
  ``Money``, ``UTCDateTime``, ``JSON``), in big transactions; good for tests and up to ~100k rows.
* :func:`fill_orders_raw` inserts the same rows with plain ``sqlite3`` and pre-converted values
  (cents, ISO text, JSON text) — several times faster, for building a million-order bench cache.

Single rows for a test that needs exact values come from :func:`make_order` and :func:`make_line`.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert

from app.models import Order, OrderLine

START = datetime(2025, 1, 1, tzinfo=UTC)
#: Orders are spread over this span, in index order with a little jitter (as a sync stores them).
SPAN = timedelta(days=700)

STATUSES = ("已完成", "处理中", "已取消", "待付款")
_STATUS_CUM = (0.70, 0.80, 0.92, 1.0)
ORDER_TYPES = ("NEW", "RENEW", "CHANGE", "TRIAL", "TRIAL_TO_FORMAL", "UNSUBSCRIBE")
_TYPE_CUM = (0.55, 0.75, 0.83, 0.91, 0.96, 1.0)
CHARGING_MODES = ("PERIOD", "ONE_TIME", "ON_DEMAND", "ON_DEMAND_PKG")

_PRODUCTS = (
    ("云栖智慧园区管理平台", "联营", "SaaS"), ("云栖协同办公OA", "通用", "SaaS"),
    ("云栖CRM客户关系管理系统", "联营", "SaaS"), ("云栖电子签章服务", "通用", "SaaS"),
    ("云栖在线考试系统", "自服务", "SaaS"), ("云栖企业网盘", "通用", "SaaS"),
    ("云栖数据备份软件", "联营", "License"), ("云栖文档加密软件", "联营", "License"),
    ("云栖BI数据分析平台", "联营", "License"), ("主机安全加固软件", "通用", "License"),
    ("低代码开发平台私有化部署", "自服务", "License"), ("日志审计系统", "联营", "License"),
    ("等保2.0合规咨询服务", "通用", "人工服务"), ("企业官网建设服务", "通用", "人工服务"),
    ("云上迁移实施服务", "联营", "人工服务"), ("数据库运维代维服务", "通用", "人工服务"),
    ("边缘计算网关EG-200", "严选", "硬件"), ("工业物联网采集终端", "严选", "硬件"),
    ("CentOS 7.9 LNMP运行环境", "通用", "镜像"), ("宝塔Linux面板镜像", "自服务", "镜像"),
    ("身份证OCR识别API", "通用", "API"), ("企业工商信息查询API", "通用", "API"),
    ("短信验证码API", "联营", "API"), ("高可用Kubernetes集群一键部署", "通用", "应用编排"),
    ("全国POI地理数据集", "通用", "数据文件"), ("电商行业消费趋势数据包", "联营", "数据文件"),
    ("Redis高可用容器镜像", "通用", "容器"), ("智能客服对话模型", "通用", "AI资产"),
)
_SKUS = (("基础版", 1), ("标准版", 2), ("专业版", 4), ("企业版", 8))
_REGIONS = ("北京", "上海", "深圳", "杭州", "广州", "成都", "武汉", "南京", "西安", "苏州", "贵阳",
            "长沙", "重庆", "天津", "合肥", "厦门", "青岛", "郑州")
_STEMS = ("华信", "云帆", "数智", "博远", "恒通", "中科", "天润", "新锐", "盛世", "智联", "易达",
          "锦程", "润泽", "启明", "鼎盛", "汇通", "远景", "聚力", "星河", "卓越", "同创", "安泰")
_TRADES = ("科技", "信息技术", "网络科技", "软件", "数据科技", "智能科技", "医疗科技", "教育科技",
           "物流", "智能制造", "电子商务", "文化传媒")
_SUFFIXES = ("有限公司", "有限公司", "股份有限公司", "集团有限公司")
_PINYIN = ("hx", "yf", "sz", "by", "ht", "zk", "tr", "xr", "ss", "zl", "yd", "jc", "rz", "qm")
_B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

ORDER_COLUMNS = tuple(c.name for c in Order.__table__.columns)
LINE_COLUMNS = tuple(c.name for c in OrderLine.__table__.columns)


@dataclass(frozen=True)
class _Customer:
    customer_id: str
    name: str  # the real name (customerRealName): a Chinese company name
    account: str  # the Huawei Cloud account (customerName)
    buyer_info: dict[str, Any]
    buyer_json: str


@dataclass(frozen=True)
class _Product:
    product_id: str
    name: str
    product_class: str
    delivery_type: str
    skus: tuple[tuple[str, str, int], ...]  # (sku code, sku name, unit price in cents)


class _World:
    """Customer and product pools for one seed (built once, shared by every order)."""

    def __init__(self, seed: int, customers: int = 20_000) -> None:
        r = random.Random(seed * 7919 + 1)
        self.products: list[_Product] = []
        for k, (name, pclass, dtype) in enumerate(_PRODUCTS):
            base = r.choice((45, 120, 300, 900, 1800, 3600, 6800)) * 100
            skus = tuple(
                (f"SKU{k:03d}{t}", tier, base * mult) for t, (tier, mult) in enumerate(_SKUS)
            )
            self.products.append(_Product(f"OFFI{r.getrandbits(60):018d}"[:22], name, pclass,
                                          dtype, skus))
        self.customers: list[_Customer] = []
        for i in range(customers):
            name = (f"{r.choice(_REGIONS)}{r.choice(_STEMS)}{r.choice(_TRADES)}"
                    f"{r.choice(_SUFFIXES)}")
            account = f"{r.choice(_PINYIN)}{r.getrandbits(24):06x}{i % 100:02d}"
            cid = f"{r.getrandbits(128):032x}"
            info = {"customerId": cid, "customerName": account, "customerRealName": name,
                    "customerType": 1, "mobilePhone": f"138****{i % 10000:04d}",
                    "email": f"{account}@corp.example.cn"}
            self.customers.append(_Customer(cid, name, account, info,
                                            json.dumps(info, ensure_ascii=False)))


def order_id(index: int, created: datetime) -> str:
    """``CS`` + yymmddHHMM + 5 base-36 characters, unique for every index below 36**5."""
    v = (index * 48271 + 12345) % (36**5)
    tail = []
    for _ in range(5):
        v, rem = divmod(v, 36)
        tail.append(_B36[rem])
    return "CS" + created.strftime("%y%m%d%H%M") + "".join(tail)


def _pick(x: float, values: tuple[str, ...], cum: tuple[float, ...]) -> str:
    for value, c in zip(values, cum, strict=True):
        if x < c:
            return value
    return values[-1]


def _cents(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@dataclass(frozen=True, slots=True)
class _Draw:
    """The random choices that make one order; turned into Python or native rows below."""

    index: int
    oid: str
    created: datetime
    pay_time: datetime | None
    effective: datetime | None
    customer: _Customer
    product: _Product
    status: str
    order_type: str
    mode: str
    lines: tuple[tuple[int, int | None, int], ...]  # (sku index, months, cents)


def _draws(n: int, seed: int, start: datetime) -> Iterator[_Draw]:
    """One random stream per seed; the same ``(n, seed, start)`` always makes the same orders."""
    world = _World(seed)
    r = random.Random(seed)
    rnd = r.random
    step = SPAN / max(n, 1)
    ncust, nprod = len(world.customers), len(world.products)
    for index in range(n):
        created = (start + step * index + timedelta(seconds=int(rnd() * 3600))).replace(
            microsecond=0)
        cust = world.customers[int(rnd() * ncust)]
        product = world.products[int(rnd() * nprod)]
        status = _pick(rnd(), STATUSES, _STATUS_CUM)
        otype = _pick(rnd(), ORDER_TYPES, _TYPE_CUM)
        mode = "PERIOD" if otype != "NEW" else CHARGING_MODES[int(rnd() * 4)]
        pay_offset = 60 + int(rnd() * 36000)
        pay_time = created + timedelta(seconds=pay_offset) if status in ("已完成", "处理中") \
            else None
        effective = pay_time + timedelta(minutes=5) if pay_time and status == "已完成" else None
        lines = []
        for _ in range(2 if rnd() < 0.3 else 1):
            sku = int(rnd() * len(product.skus))
            months = (1, 3, 12)[int(rnd() * 3)] if mode == "PERIOD" else None
            cents = 0 if otype == "TRIAL" else product.skus[sku][2] * (months or 1) + int(
                rnd() * 100)
            lines.append((sku, months, cents))
        yield _Draw(index, order_id(index, created), created, pay_time, effective, cust, product,
                    status, otype, mode, tuple(lines))


def _rows(d: _Draw) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines: list[dict[str, Any]] = []
    for ln, (sku, months, cents) in enumerate(d.lines):
        sku_code, sku_name, _unit = d.product.skus[sku]
        lines.append({
            "id": f"{d.oid}-{ln + 1:06d}", "order_id": d.oid, "charging_mode": d.mode,
            "period_type": "month" if months else None, "period_number": months,
            "expire_time": d.effective + timedelta(days=30 * months)
            if d.effective and months else None,
            "product_id": d.product.product_id, "sku_code": sku_code,
            "product_name": d.product.name, "sku_name": sku_name, "linear_value": None,
            "amount": _cents(cents), "amount_after_discount": _cents(cents),
            "products": [{"productId": d.product.product_id, "skuCode": sku_code}],
            "extend_params": [],
        })
    order = {
        "id": d.oid, "order_type": d.order_type, "order_status": d.status,
        "create_time": d.created, "pay_time": d.pay_time, "effective_time": d.effective,
        "currency_code": "CNY", "total_amount": _cents(sum(c for _s, _m, c in d.lines)),
        "product_class": d.product.product_class, "delivery_type": d.product.delivery_type,
        "supervision_status": "处理中" if d.status == "处理中" else "不涉及",
        "repayment_status": "不涉及", "instance_id": f"ins-{d.index:010d}", "partner_id": None,
        "partner_name": None, "coupon_type": None, "offer_id": None,
        "customer_id": d.customer.customer_id, "customer_name": d.customer.account,
        "customer_real_name": d.customer.name, "buyer_info": d.customer.buyer_info,
        "product_id": d.product.product_id, "product_name": d.product.name, "sku_name": d.product.skus[d.lines[0][0]][1],
        "charging_mode": d.mode, "extend_params": [{"name": "salesScenario", "value": "1"}],
        "remote_updated_at": d.pay_time or d.created, "row_hash": f"{d.index:032x}",
    }
    return order, lines


def generate(
    n: int, *, seed: int = 7, start: datetime = START
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The first ``n`` orders of ``seed`` as (order row, line rows) with Python values."""
    for d in _draws(n, seed, start):
        yield _rows(d)


def fill_orders(target: Engine | Connection, n: int, *, seed: int = 7, batch: int = 20_000) -> int:
    """Insert the first ``n`` orders of ``seed`` (and their lines) through SQLAlchemy Core.

    Each batch is one ``executemany`` per table, all in one transaction when given an engine.
    Returns ``n``.
    """
    orders_t, lines_t = Order.__table__, OrderLine.__table__
    pending_o: list[dict[str, Any]] = []
    pending_l: list[dict[str, Any]] = []

    def flush(conn: Connection) -> None:
        if pending_o:
            conn.execute(insert(orders_t), pending_o)
            conn.execute(insert(lines_t), pending_l)
        pending_o.clear()
        pending_l.clear()

    def run(conn: Connection) -> None:
        for order, lines in generate(n, seed=seed):
            pending_o.append(order)
            pending_l.extend(lines)
            if len(pending_o) >= batch:
                flush(conn)
        flush(conn)

    if isinstance(target, Engine):
        with target.begin() as conn:
            run(conn)
    else:
        run(target)
    return n


def _iso(value: datetime | None) -> str | None:
    """``UTCDateTime`` as SQLAlchemy stores it on SQLite: naive UTC text with microseconds."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


_EMPTY_JSON = "[]"
_SCENARIO_JSON = json.dumps([{"name": "salesScenario", "value": "1"}])
_order_tuple = itemgetter(*ORDER_COLUMNS)
_line_tuple = itemgetter(*LINE_COLUMNS)


def _native_rows(d: _Draw) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """The rows of :func:`_rows`, with every value already as ``sqlite3`` will store it."""
    lines: list[tuple[Any, ...]] = []
    for ln, (sku, months, cents) in enumerate(d.lines):
        sku_code, sku_name, _unit = d.product.skus[sku]
        lines.append(_line_tuple({
            "id": f"{d.oid}-{ln + 1:06d}", "order_id": d.oid, "charging_mode": d.mode,
            "period_type": "month" if months else None, "period_number": months,
            "expire_time": _iso(d.effective + timedelta(days=30 * months))
            if d.effective and months else None,
            "product_id": d.product.product_id, "sku_code": sku_code,
            "product_name": d.product.name, "sku_name": sku_name, "linear_value": None,
            "amount": cents, "amount_after_discount": cents,
            "products": json.dumps([{"productId": d.product.product_id, "skuCode": sku_code}]),
            "extend_params": _EMPTY_JSON,
        }))
    order = _order_tuple({
        "id": d.oid, "order_type": d.order_type, "order_status": d.status,
        "create_time": _iso(d.created), "pay_time": _iso(d.pay_time),
        "effective_time": _iso(d.effective), "currency_code": "CNY",
        "total_amount": sum(c for _s, _m, c in d.lines), "product_class": d.product.product_class,
        "delivery_type": d.product.delivery_type,
        "supervision_status": "处理中" if d.status == "处理中" else "不涉及",
        "repayment_status": "不涉及", "instance_id": f"ins-{d.index:010d}", "partner_id": None,
        "partner_name": None, "coupon_type": None, "offer_id": None,
        "customer_id": d.customer.customer_id, "customer_name": d.customer.account,
        "customer_real_name": d.customer.name, "buyer_info": d.customer.buyer_json,
        "product_id": d.product.product_id, "product_name": d.product.name, "sku_name": d.product.skus[d.lines[0][0]][1],
        "charging_mode": d.mode, "extend_params": _SCENARIO_JSON,
        "remote_updated_at": _iso(d.pay_time or d.created), "row_hash": f"{d.index:032x}",
    })
    return order, lines


def fill_orders_raw(path: Path, n: int, *, seed: int = 7, batch: int = 50_000) -> int:
    """Insert the orders of :func:`fill_orders` into the SQLite cache at ``path`` with ``sqlite3``.

    Several times faster than Core, for million-order bench caches. The cache must already be at
    the head schema (``open_cache``); its triggers fire as they would for a sync. Returns ``n``.
    """
    o_sql = (f"INSERT INTO orders ({', '.join(ORDER_COLUMNS)}) "
             f"VALUES ({', '.join('?' * len(ORDER_COLUMNS))})")
    l_sql = (f"INSERT INTO order_lines ({', '.join(LINE_COLUMNS)}) "
             f"VALUES ({', '.join('?' * len(LINE_COLUMNS))})")
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        o_rows: list[tuple[Any, ...]] = []
        l_rows: list[tuple[Any, ...]] = []

        def flush() -> None:
            with conn:
                conn.executemany(o_sql, o_rows)
                conn.executemany(l_sql, l_rows)
            o_rows.clear()
            l_rows.clear()

        for d in _draws(n, seed, START):
            order, lines = _native_rows(d)
            o_rows.append(order)
            l_rows.extend(lines)
            if len(o_rows) >= batch:
                flush()
        if o_rows:
            flush()
    finally:
        conn.close()
    return n


def make_order(order_id: str, **overrides: Any) -> dict[str, Any]:
    """One complete orders row with plain defaults; ``overrides`` sets any column."""
    created = overrides.get("create_time", START)
    row: dict[str, Any] = {
        "id": order_id, "order_type": "NEW", "order_status": "已完成", "create_time": created,
        "pay_time": None, "effective_time": None, "currency_code": "CNY",
        "total_amount": Decimal("100.00"), "product_class": "通用", "delivery_type": "SaaS",
        "supervision_status": "不涉及", "repayment_status": None, "instance_id": None,
        "partner_id": None, "partner_name": None, "coupon_type": None, "offer_id": None,
        "customer_id": "c" * 32, "customer_name": "ceshi01", "customer_real_name": "测试客户",
        "buyer_info": {},
        "product_id": "OFFI000000000000000001", "product_name": "测试商品", "sku_name": "标准版",
        "charging_mode": "PERIOD", "extend_params": [], "remote_updated_at": created,
        "row_hash": "0" * 32,
    }
    unknown = set(overrides) - set(row)
    if unknown:
        raise KeyError(f"not an orders column: {sorted(unknown)}")
    row.update(overrides)
    return row


def make_line(order_id: str, number: int = 1, **overrides: Any) -> dict[str, Any]:
    """One complete order_lines row for ``order_id``; ``overrides`` sets any column."""
    row: dict[str, Any] = {
        "id": f"{order_id}-{number:06d}", "order_id": order_id, "charging_mode": "PERIOD",
        "period_type": "month", "period_number": 1, "expire_time": None,
        "product_id": "OFFI000000000000000001", "sku_code": "SKU1", "product_name": "测试商品",
        "sku_name": "标准版", "linear_value": None, "amount": Decimal("100.00"),
        "amount_after_discount": Decimal("100.00"), "products": [], "extend_params": [],
    }
    unknown = set(overrides) - set(row)
    if unknown:
        raise KeyError(f"not an order_lines column: {sorted(unknown)}")
    row.update(overrides)
    return row


def make_task(task_id: str, order_id: str, order_line_id: str, **overrides: Any) -> dict[str, Any]:
    """One complete supervision_tasks row (服务监管) for an order line; ``overrides`` sets any
    column."""
    from app.models import SupervisionTask

    row: dict[str, Any] = {
        "id": task_id, "order_id": order_id, "order_line_id": order_line_id,
        "product_id": "OFFI000000000000000001", "product_name": "测试商品", "sku_name": None,
        "order_amount": Decimal("100.00"), "currency_code": "CNY", "order_time": START,
        "customer_id": "c" * 32, "customer_name": "测试客户", "product_class": "通用",
        "delivery_type": "人工服务", "license_subtype": None, "service_template": None,
        "flow_version": "v1", "sales_scenario": "1", "status": "处理中", "node": "商家确认需求",
        "node_owner": "seller", "node_entered_time": START, "flow_nodes": [], "next_nodes": [],
        "allowed_actions": [], "frozen": False, "requirement": None, "result_description": None,
        "actual_start_time": None, "buyer_reject_count": 0, "seller_reject_count": 0,
        "logistics": None, "operation_logs": [], "attachments": [], "appeals": [],
        "appeal_status": None, "remote_updated_at": START, "row_hash": None,
    }
    columns = {c.name for c in SupervisionTask.__table__.columns}
    unknown = set(overrides) - columns
    if unknown:
        raise KeyError(f"not a supervision_tasks column: {sorted(unknown)}")
    row.update(overrides)
    return {k: v for k, v in row.items() if k in columns}
