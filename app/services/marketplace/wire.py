"""The seller data API's wire format: the one contract the client, the sync engine and the sandbox share.

KooGallery publishes no API for listing a seller's orders, supervision tasks or bills (see
``docs/api.md``); this module is *this project's* contract for that data, written in KooGallery's own
conventions: camelCase JSON, times as ``yyyyMMddHHmmss`` in UTC, Huawei's raw (often Chinese) status
strings kept verbatim, amounts as decimal *strings* so that no float ever touches money.

Every collection is paged incrementally::

    GET /v1/seller/orders?cursor=<opaque>&limit=<1..1000>
    -> {"items": [...records...], "tombstones": [{"id": ..., "deleteTime": ...}],
        "nextCursor": "<opaque>", "hasMore": true|false}

Records and tombstones on one page lie in one stable order (the server's change sequence); a record
appears at most once per page. The sandbox imports this module for its schemas; so does the client.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from functools import reduce
from types import UnionType
from typing import Annotated, Any, Generic, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, with_config
from pydantic.alias_generators import to_camel
from typing_extensions import TypedDict

# --------------------------------------------------------------------------------------------------
# Scalar conventions
# --------------------------------------------------------------------------------------------------

#: ``yyyyMMddHHmmss`` in UTC, as in Query Order (``createTime``, ``expireTime``).
HwTime = Annotated[str, StringConstraints(pattern=r"^\d{14}$")]
#: A decimal amount as a string: ``"1005.00"``, ``"-12.5"``. Never a JSON number.
Amount = Annotated[str, StringConstraints(pattern=r"^-?\d{1,15}(\.\d{1,4})?$")]
#: A tax rate as a decimal fraction string: ``"0.06"``.
Rate = Annotated[str, StringConstraints(pattern=r"^\d(\.\d{1,4})?$")]
#: A settlement period ``YYYYMM`` (对账期次 / 账期).
Period = Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
#: A calendar day ``YYYY-MM-DD`` (an invoice date, 开票日期).
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]

HW_TIME_FORMAT = "%Y%m%d%H%M%S"


def parse_hw_time(value: str) -> datetime:
    """``20251121235959`` -> an aware UTC datetime. Raises ValueError on anything else
    (a wrong length, a non-digit, a month 13)."""
    if len(value) != 14 or not value.isdigit():
        raise ValueError(f"not a yyyyMMddHHmmss time: {value!r}")
    return datetime(
        int(value[0:4]), int(value[4:6]), int(value[6:8]),
        int(value[8:10]), int(value[10:12]), int(value[12:14]), tzinfo=UTC,
    )


def format_hw_time(value: datetime) -> str:
    """An aware datetime -> ``yyyyMMddHHmmss`` in UTC."""
    if value.tzinfo is None:
        raise ValueError("naive datetime: times on the wire are UTC and must be aware")
    return value.astimezone(UTC).strftime(HW_TIME_FORMAT)


def parse_amount(value: str) -> Decimal:
    """A wire amount string -> Decimal, exactly."""
    return Decimal(value)


def format_amount(value: Decimal, places: int = 2) -> str:
    """Decimal -> wire amount string with a fixed number of places (no exponent, no float)."""
    q = Decimal(1).scaleb(-places)
    return str(value.quantize(q))


class Wire(BaseModel):
    """Base for wire records: camelCase on the wire, unknown fields ignored (Huawei adds fields)."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="ignore", frozen=True
    )


# --------------------------------------------------------------------------------------------------
# Orders (mirror the fields of the real Query Order API, §7.2, plus what the seller console lists)
# --------------------------------------------------------------------------------------------------


class NameValue(Wire):
    name: str
    value: str | None = None


class ProductInfo(Wire):
    product_id: str
    sku_code: str
    product_name: str
    sku_name: str | None = None  # 规格
    linear_value: int | None = None


class OrderLine(Wire):
    order_line_id: str
    charging_mode: str  # ON_DEMAND | ONE_TIME | PERIOD | ON_DEMAND_PKG
    period_type: str | None = None  # year | month | day
    period_number: int | None = None
    expire_time: HwTime | None = None
    product_info: list[ProductInfo] = Field(default_factory=list)
    extend_params: list[NameValue] = Field(default_factory=list)
    amount: Amount  # list price of the line
    amount_after_discount: Amount  # 成交价


class BuyerInfo(Wire):
    customer_id: str
    customer_name: str
    customer_real_name: str | None = None
    customer_type: int | None = None
    mobile_phone: str | None = None
    email: str | None = None
    user_id: str | None = None
    user_name: str | None = None


class Order(Wire):
    """订单. Status strings are Huawei's: 待付款, 已取消, 处理中, 已完成."""

    order_id: str
    order_type: str  # NEW | TRIAL | TRIAL_TO_FORMAL | UNSUBSCRIBE | RENEW | CHANGE
    order_status: str
    create_time: HwTime
    pay_time: HwTime | None = None
    effective_time: HwTime | None = None
    order_line: list[OrderLine]
    buyer_info: BuyerInfo
    extend_params: list[NameValue] = Field(default_factory=list)
    currency_code: str  # ISO 4217, e.g. CNY, USD
    total_amount: Amount  # sum of the lines' amountAfterDiscount
    product_class: str  # 商品类别: 通用 | 联营 | 自服务 | 严选
    delivery_type: str  # 接入类型: SaaS | License | 人工服务 | 硬件 | 镜像 | API | 应用编排 | 数据文件 | ...
    supervision_status: str  # 服务监管状态: 不涉及 | 处理中 | 已完成
    repayment_status: str | None = None  # 后付费客户还款状态: 不涉及 | 未还款 | 已还款
    instance_id: str | None = None
    partner_id: str | None = None  # 客户服务商 bound to the order
    partner_name: str | None = None
    coupon_type: str | None = None  # 赋能云现金券 | 基地云提货券 | 代金券 | None
    offer_id: str | None = None  # 专属优惠 used
    update_time: HwTime


# --------------------------------------------------------------------------------------------------
# Service supervision (服务监管)
# --------------------------------------------------------------------------------------------------


class Attachment(Wire):
    file_id: str
    file_name: str
    size: int
    sha256: str
    upload_time: HwTime
    uploader_role: str  # buyer | seller | platform
    kind: str  # requirement | acceptance | proof | appeal | logistics


class RefundInfo(Wire):
    """A refund request during supervision, carried on the log entries about it (business-rules
    §1.6, §1.9): ``kind`` 协商退订 (negotiated unsubscribe, the seller approves) or 退货退款
    (hardware return, the seller accepts the returned goods within 15 days). This project's
    contract (docs/api.md); Huawei publishes no API for it."""

    refund_id: str
    kind: str
    amount: Amount | None = None
    currency_code: str | None = None
    reason: str | None = None


class OperationLog(Wire):
    """操作日志: append-only, the evidence in a dispute."""

    log_id: str
    time: HwTime
    actor_role: str  # buyer | seller | platform | system
    actor: str | None = None
    action: str  # Huawei's wording: 提交需求, 确认需求, 驳回, 确认完成, 确认验收, 发起申诉, ...
    from_node: str | None = None
    to_node: str | None = None
    comment: str | None = None
    attachment_ids: list[str] = Field(default_factory=list)
    refund: RefundInfo | None = None  # the refund request this entry is about, if any


class Appeal(Wire):
    """申诉. ``status`` is the raw server string (处理中 / 已处理)."""

    appeal_id: str
    initiator: str  # 商家 | 用户
    reason: str
    demand: str | None = None
    status: str
    result: str | None = None  # 支持商家 | 支持用户 | 其他
    opinion: str | None = None
    create_time: HwTime
    handle_time: HwTime | None = None
    attachment_ids: list[str] = Field(default_factory=list)


class Requirement(Wire):
    text: str | None = None
    submit_time: HwTime | None = None
    attachment_ids: list[str] = Field(default_factory=list)


class Logistics(Wire):
    courier: str
    tracking_no: str
    signed_time: HwTime | None = None
    #: The courier's recipient phone is the buyer's: only then does KooGallery accept the goods
    #: by itself 10 days after the signature (§1.6). Absent: not known, nothing is promised.
    phone_matches: bool | None = None


class SupervisionTask(Wire):
    """服务监管任务: one per supervised order line.

    ``flowNodes`` is the flow's node list for this task (for the timeline), ``nextNodes`` the nodes the
    server allows next, ``allowedActions`` the seller actions allowed now. Clients draw from these and
    never hard-code transitions (the 2025-03-26 flow change is known only from figures).
    """

    task_id: str
    order_id: str
    order_line_id: str
    product_id: str
    product_name: str
    sku_name: str | None = None
    order_amount: Amount
    currency_code: str
    order_time: HwTime
    customer_id: str
    customer_name: str
    product_class: str
    delivery_type: str
    license_subtype: str | None = None  # 授权码 | 识别码 | 线下License | 软件包部署
    service_template: str | None = None  # 标准(默认) | 建站类 | 联营基础服务流模板
    flow_version: str  # pre_2023_04_28 | 2023_04_28 | 2024_09_14 | 2025_03_26
    sales_scenario: str  # 赋能云 | 基地云 | 其他
    status: str  # 服务监管状态: 处理中 | 已完成
    node: str  # raw node string, e.g. 商家确认需求
    node_owner: str  # buyer | seller | platform | system | none
    node_entered_time: HwTime
    flow_nodes: list[str]
    next_nodes: list[str] = Field(default_factory=list)
    allowed_actions: list[str] = Field(default_factory=list)
    frozen: bool = False
    requirement: Requirement | None = None
    result_description: str | None = None
    actual_start_time: HwTime | None = None
    buyer_reject_count: int = 0
    seller_reject_count: int = 0
    logistics: Logistics | None = None
    operation_logs: list[OperationLog] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    appeals: list[Appeal] = Field(default_factory=list)
    update_time: HwTime


# --------------------------------------------------------------------------------------------------
# Customer demands (客户需求)
# --------------------------------------------------------------------------------------------------


class DemandCustomer(Wire):
    customer_name: str | None = None
    huawei_account: str | None = None
    industry: str | None = None
    region: str | None = None
    contact: str | None = None


class DemandSolutionItem(Wire):
    product_id: str
    product_name: str
    sku_name: str | None = None
    quantity: int = 1


class DemandProgress(Wire):
    time: HwTime
    text: str
    author: str | None = None


class Demand(Wire):
    """客户需求. status: 待接收 | 需求转化中 | 需求成交 | 已拒绝 | 已关闭 (closeResult 转化成功/转化失败)."""

    demand_id: str
    source: str  # 客户服务商 | 华为云 | 商家营销策略
    submitter: str | None = None
    name: str
    delivery_mode: str | None = None
    demand_type: str | None = None
    demand_space: str | None = None
    main_appeal: str | None = None
    expected_sign_date: HwTime | None = None
    sales_contact: str | None = None
    sales_phone: str | None = None
    description: str | None = None
    interested_solution: str | None = None
    customer_info: DemandCustomer | None = None  # hidden (null) while 待接收
    solution: list[DemandSolutionItem] = Field(default_factory=list)
    progress: list[DemandProgress] = Field(default_factory=list)
    offer_id: str | None = None
    status: str
    close_result: str | None = None
    assign_time: HwTime
    accept_deadline: HwTime | None = None
    close_time: HwTime | None = None
    partner_id: str | None = None
    partner_name: str | None = None
    product_id: str | None = None
    product_name: str | None = None
    update_time: HwTime


# --------------------------------------------------------------------------------------------------
# Bills and invoice notices (账单, 开票通知)
# --------------------------------------------------------------------------------------------------


class BillLine(Wire):
    line_id: str
    order_id: str
    order_line_id: str | None = None
    product_id: str
    product_name: str
    charging_mode: str
    line_type: str  # 正常 | 退订 | 负向
    transaction_amount: Amount  # 交易金额
    voucher_amount: Amount = "0.00"
    fee_rate: Rate | None = None  # platform fee (通用) or Huawei's share (联营)
    settlement_amount: Amount  # 应结算金额
    effective_time: HwTime | None = None
    # 中资出海 (§5.4): VAT in the transaction amount, customer WHT①/DST①, seller WHT②/DST②.
    vat_amount: Amount | None = None
    customer_wht: Amount | None = None
    customer_dst: Amount | None = None
    seller_wht: Amount | None = None
    seller_dst: Amount | None = None


class Bill(Wire):
    """账单. ``status`` keeps Huawei's string (待开票, 发票待审核, 申请被驳回, 已付款, ...)."""

    bill_id: str
    period: Period
    category: str  # 通用商品 | 联营商品 | 华为自服务商品 | 严选&认证部件
    entity: str  # 华为签约主体
    currency_code: str
    sales_amount: Amount  # 商品销售金额 (excl. tax)
    settlement_amount: Amount
    tax_rate: Rate | None = None
    requisition_no: str | None = None  # 申付单号
    status: str
    create_time: HwTime
    lines: list[BillLine] = Field(default_factory=list)
    invoice_signed_time: HwTime | None = None  # Huawei signed for (签收) the invoice (§5.2)
    update_time: HwTime


class InvoiceEntity(Wire):
    """The Huawei contracting entity an invoice is made out to (签约主体 / Invoice To)."""

    name: str
    tax_no: str
    address: str | None = None
    phone: str | None = None
    bank: str | None = None
    account: str | None = None
    return_address: str | None = None
    return_contact: str | None = None


class InvoiceListLine(Wire):
    """A line of the 开票清单."""

    line_no: int
    item_name: str  # 劳务名称
    tax_rate: Rate
    amount: Amount  # incl. tax
    amount_excl_tax: Amount
    tax: Amount


class InvoiceNotice(Wire):
    """开票通知: 申付单号, 对账期次, 开票金额, currency, entity, tax rates, 开票清单."""

    notice_id: str
    bill_id: str
    requisition_no: str  # 申付单号
    period: Period  # 对账期次
    invoice_amount: Amount  # 开票金额
    currency_code: str
    form: str  # cn | intl
    entity: InvoiceEntity
    tax_rates: list[Rate]
    mailing_address: str | None = None
    e_invoice_mailbox: str | None = None
    lines: list[InvoiceListLine] = Field(default_factory=list)
    issue_time: HwTime
    bill_status: str
    update_time: HwTime


class CustomerInvoice(Wire):
    """给用户开票: a buyer's invoice request for a 通用 order (business-rules §6.5).

    ``status``: 待开票 (waiting for the seller), 已完成 (issued), 已退回 (returned after it was
    issued), 已撤销 (revoked). Only 已完成 is named in KooGallery's text; the other strings are this
    project's contract (UNCONFIRMED)."""

    request_id: str
    order_id: str
    customer_name: str
    product_name: str
    tax_item: str = ""
    tax_rate: Rate
    amount: Amount  # the full order amount, incl. tax
    currency_code: str
    invoice_type: str  # 普票 | 专票
    medium: str  # 电子 | 纸质
    title_type: str  # 企业 | 个人
    title: str  # 发票抬头
    tax_no: str | None = None
    buyer_address: str | None = None
    buyer_phone: str | None = None
    buyer_bank: str | None = None
    buyer_account: str | None = None
    email: str | None = None
    recipient: str | None = None
    recipient_phone: str | None = None
    mailing_address: str | None = None
    refund_pending: bool = False
    apply_time: HwTime
    status: str
    invoice_no: str | None = None
    invoice_date: Day | None = None
    courier_no: str | None = None
    courier_payer: str | None = None  # 卖家 | 买家到付
    reason: str | None = None
    update_time: HwTime


# --------------------------------------------------------------------------------------------------
# Production-interface messages (生产接口消息)
# --------------------------------------------------------------------------------------------------


class InterfaceMessage(Wire):
    """A failed KooGallery -> seller call, as 卖家中心 > 生产接口消息 lists it."""

    message_id: str
    activity: str
    order_id: str | None = None
    order_line_id: str | None = None
    instance_id: str | None = None
    product_id: str | None = None
    production_url: str
    call_time: HwTime
    http_status: int | None = None
    result_code: str | None = None
    error_message: str
    retry_count: int = 0
    retry_until: HwTime | None = None
    status: str  # 重试中 | 失败 | 成功 | 已重新启动
    update_time: HwTime


# --------------------------------------------------------------------------------------------------
# Partner (客户服务商) collections
# --------------------------------------------------------------------------------------------------


class PartnerBillLine(Wire):
    """A line of a partner bill: 结算金额(含税) = 订单现金消费 × 分成比例 (§7); a refund (退订) is a
    negative line deducted in the current or next month (§5.5)."""

    order_id: str
    product_name: str
    customer_name: str
    transaction_amount: Amount
    share_ratio: Rate
    settlement_amount: Amount
    cash_amount: Amount | None = None  # 订单现金消费 (None: not stated)
    line_type: str = "正常"  # 正常 | 退订


class PartnerBill(Wire):
    """客户服务商基础激励账单 (monthly) or 业绩考核激励账单 (quarterly)."""

    bill_id: str
    kind: str  # 基础激励 | 业绩考核激励
    period: str  # YYYYMM or YYYYQn
    currency_code: str
    amount: Amount
    tax_rate: Rate
    status: str
    requisition_no: str | None = None
    lines: list[PartnerBillLine] = Field(default_factory=list)
    create_time: HwTime
    notice_time: HwTime | None = None  # the invoice notice (开票通知) went out (§6.2, §7)
    invoice_signed_time: HwTime | None = None  # Huawei signed for (签收) the invoice (§5.2)
    update_time: HwTime


class PartnerPerformance(Wire):
    """业绩明细: one incentive-bearing transaction."""

    record_id: str
    period: Period
    order_id: str
    product_id: str
    product_name: str
    customer_name: str
    transaction_amount: Amount
    incentive_rate: Rate
    incentive_amount: Amount
    status: str
    update_time: HwTime


class OfferProduct(Wire):
    product_id: str
    product_name: str
    sku_name: str | None = None
    price: Amount
    discount: Rate  # 0.85 = 85% of list price


class ExclusiveOffer(Wire):
    """专属优惠. status: 审批中 | 已生效 | 已撤销 | 已驳回 | 已过期."""

    offer_id: str
    name: str
    customer_account: str
    valid_from: HwTime
    valid_to: HwTime
    status: str
    products: list[OfferProduct] = Field(default_factory=list)
    demand_id: str | None = None
    create_time: HwTime
    update_time: HwTime


# --------------------------------------------------------------------------------------------------
# Pages, errors, the collection registry
# --------------------------------------------------------------------------------------------------


class Tombstone(Wire):
    id: str
    delete_time: HwTime


class PageEnvelope(Wire):
    """A page with its items still raw: each item is validated on its own, so one bad record is set
    aside with its id instead of failing the page."""

    #: Raw items and tombstones: one that is not an object, or a tombstone with an impossible
    #: date, is set aside by the reader like any malformed record (issue 15 §3).
    items: list[Any]
    tombstones: list[Any] = Field(default_factory=list)
    next_cursor: str
    has_more: bool
    #: How many changed records lie beyond this page (for progress bars); servers may omit it.
    remaining: int | None = None


# -- records as plain dicts (the sync's fast path) -------------------------------------------------
#
# A first sync validates a few hundred thousand records. Building a pydantic model instance for each
# record and each nested part, only to read its fields once and write them to the cache, was half of
# the validation's time. The sync validates against the *same* schema as TypedDicts derived from the
# models below (same fields, types, patterns, defaults and aliases): one Rust pass checks a record
# exactly as strictly and returns plain dicts keyed by the snake_case field names, defaults filled in.

_DICT_CONFIG = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")
_DICT_SCHEMAS: dict[type[Wire], Any] = {}
_typed_dict: Any = TypedDict  # called with a computed name and fields, which type checkers refuse
_DICT_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def _as_dicts(annotation: Any) -> Any:
    """``annotation`` with every Wire model in it replaced by its TypedDict twin."""
    if isinstance(annotation, type) and issubclass(annotation, Wire):
        return dict_schema(annotation)
    args = get_args(annotation)
    if not args:
        return annotation
    origin = get_origin(annotation)
    new_args = tuple(_as_dicts(a) for a in args)
    if new_args == args:
        return annotation
    if origin is Annotated:
        return Annotated[(new_args[0], *annotation.__metadata__)]
    if origin in (Union, UnionType):
        return reduce(operator.or_, new_args)
    return origin[new_args]  # list[X], dict[K, V]


def dict_schema(model: type[Wire]) -> Any:
    """The TypedDict twin of a wire model: validating with it checks the same constraints and
    gives a dict keyed by field name (``order_id``), with the model's defaults filled in."""
    schema = _DICT_SCHEMAS.get(model)
    if schema is None:
        fields: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            extra: dict[str, Any] = {}
            if info.default_factory is not None:
                extra["default_factory"] = info.default_factory
            elif not info.is_required():
                extra["default"] = info.default
            fields[name] = Annotated[
                (_as_dicts(info.annotation), *info.metadata, Field(**extra))
            ]
        schema = _typed_dict(f"{model.__name__}Dict", fields)
        schema.__pydantic_config__ = _DICT_CONFIG
        _DICT_SCHEMAS[model] = schema
    return schema


def dict_adapter(annotation: Any) -> TypeAdapter[Any]:
    """A cached TypeAdapter for ``annotation`` with wire models as dicts (``list[Order]`` works)."""
    adapter = _DICT_ADAPTERS.get(annotation)
    if adapter is None:
        adapter = _DICT_ADAPTERS[annotation] = TypeAdapter(_as_dicts(annotation))
    return adapter


_ItemT = TypeVar("_ItemT")


@with_config(_DICT_CONFIG)
class _PageDict(TypedDict, Generic[_ItemT]):
    items: list[_ItemT]
    tombstones: Annotated[list[Tombstone], Field(default_factory=list)]
    next_cursor: str
    has_more: bool
    remaining: Annotated[int | None, Field(default=None)]


_TYPED_PAGES: dict[type[Wire], TypeAdapter[Any]] = {}


def typed_page(record: type[Wire]) -> TypeAdapter[Any]:
    """The page envelope with ``items`` typed as ``record`` (as dicts, see :func:`dict_schema`):
    one Rust pass validates a whole page. Tombstones stay :class:`Tombstone` models.

    Use it for the fast path; when it fails, fall back to :class:`PageEnvelope` and validate item by
    item so that one bad record is set aside instead of failing the page.
    """
    adapter = _TYPED_PAGES.get(record)
    if adapter is None:
        page: Any = _PageDict[dict_schema(record)]  # type: ignore[misc]
        adapter = _TYPED_PAGES[record] = TypeAdapter(page)
    return adapter


class ErrorBody(BaseModel):
    """Open-API error body (§8.2): ``{"error_code": "MKT.0154", "error_msg": "..."}``."""

    error_code: str
    error_msg: str


@dataclass(frozen=True)
class Collection:
    """One synced collection: its API name (also the stats name), URL path, id field and schema."""

    name: str
    path: str
    id_field: str  # the camelCase wire field holding the record id
    record: type[Wire]
    partner: bool = False  # served for partner (客户服务商) accounts


COLLECTIONS: tuple[Collection, ...] = (
    Collection("orders", "/v1/seller/orders", "orderId", Order),
    Collection("supervision_tasks", "/v1/seller/supervision_tasks", "taskId", SupervisionTask),
    Collection("demands", "/v1/seller/demands", "demandId", Demand),
    Collection("bills", "/v1/seller/bills", "billId", Bill),
    Collection("invoice_notices", "/v1/seller/invoice_notices", "noticeId", InvoiceNotice),
    Collection(
        "customer_invoices", "/v1/seller/customer_invoices", "requestId", CustomerInvoice
    ),
    Collection(
        "interface_messages", "/v1/seller/interface_messages", "messageId", InterfaceMessage
    ),
    Collection("partner_bills", "/v1/partner/bills", "billId", PartnerBill, partner=True),
    Collection(
        "partner_performance",
        "/v1/partner/performance",
        "recordId",
        PartnerPerformance,
        partner=True,
    ),
    Collection(
        "exclusive_offers",
        "/v1/partner/exclusive_offers",
        "offerId",
        ExclusiveOffer,
        partner=True,
    ),
)

COLLECTIONS_BY_NAME: dict[str, Collection] = {c.name: c for c in COLLECTIONS}

MAX_PAGE_LIMIT = 1000

#: The real Query Order open API (§7.2), served by the sandbox with the nine MOCK orders.
QUERY_ORDER_PATH = "/api/mkp-openapi-public/global/v1/order/query"
#: KooGallery's other open APIs the console calls (interfaces.md §7.3, §7.4), on the same hosts.
OPEN_API_BASE = "/api/mkp-openapi-public/global"
USAGE_PUSH_PATH = OPEN_API_BASE + "/v1/isv/usage-data"
LICENSE_ACTIVATE_PATH = OPEN_API_BASE + "/v1/license/activate"
LICENSE_ACTIVATE_BATCH_PATH = OPEN_API_BASE + "/v2/license/activate"
LICENSE_QUERY_PATH = OPEN_API_BASE + "/v1/license/heartbeat"
LICENSE_QUERY_BATCH_PATH = OPEN_API_BASE + "/v2/license/heartbeat"
LICENSE_SOFTWARE_USAGE_PATH = OPEN_API_BASE + "/v2/license/software-usage-info"
#: Usage-push body-signature headers (§6.7).
USAGE_SIGNATURE_HEADER = "signature"
USAGE_TS_HEADER = "ts"
USAGE_NONCE_HEADER = "nonce"
MOCK_ORDER_IDS: tuple[str, ...] = (
    "MOCKPERIODYEARNEW",
    "MOCKONETIMENEW",
    "MOCKONDEMAND",
    "MOCKONDEMANDPKG",
    "MOCKPERIODDAYTRIAL",
    "MOCKMONTYTRIALTOFORMAL",
    "MOCKMONTYUNSUBSCRIBE",
    "MOCKMONTYRENEW",
    "MOCKMONTYCHANGE",
)

#: Open-API result codes (§8.2) with their HTTP status.
MKT_CODES: dict[str, tuple[int, str]] = {
    "MKT.0000": (200, "success"),
    "MKT.0100": (500, "input validation failed"),
    "MKT.0101": (400, "invalid parameter"),
    "MKT.0102": (400, "invalid body signature"),
    "MKT.0150": (401, "illegal operation"),
    "MKT.0151": (401, "no permission"),
    "MKT.0154": (401, "illegal token"),
    "MKT.0199": (400, "request parameter error"),
    "MKT.0250": (406, "call frequency over limit"),
    "MKT.0999": (500, "internal error"),
    "MKT.9001": (500, "instance not found"),
    "MKT.9002": (400, "invalid usage records"),
    "MKT.9003": (400, "too many records"),
    "MKT.9004": (400, "begin time older than 21 days"),
}
