"""The words for stored values, in English and Chinese: what an export writes for a code and what
a filter accepts for it.

The cache keeps values as the marketplace sends them: Huawei's Chinese terms (订单状态 已完成,
账单状态 待开票, 节点 用户确认验收) and its codes (orderType ``NEW``, chargingMode ``ON_DEMAND``,
our ``buyer``/``seller`` for whose turn a node is). A person reads them in the language of the
console; a machine wants the stored code. This module is the one table of both words per value
(the services have no Qt, so the words are data here, not translations); the window's labels
(``app.views.orders.labels``, ``app.views.supervision.labels`` ``OWNERS``,
``app.views.finance.flags_model``, ``app.views.invoices.labels`` ``FORMS``) use the same words.

A :class:`Vocabulary` maps each stored code to its :class:`Term`; a code it does not know is
written as stored (a new status from Huawei is never lost) and accepted by a filter when the
cache holds it (see :func:`resolve`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def is_chinese(language: str) -> bool:
    """Whether ``language`` (``en``, ``zh_CN``, ``zh``...) is Chinese."""
    return language.lower().startswith("zh")


@dataclass(frozen=True)
class Term:
    """A stored ``code`` and its words in English and Chinese."""

    code: str
    en: str
    zh: str

    def word(self, language: str) -> str:
        return self.zh if is_chinese(language) else self.en


@dataclass(frozen=True)
class Vocabulary:
    """The terms of one kind of value (order statuses, charging modes...), in their usual order."""

    name: str
    terms: tuple[Term, ...]

    def words(self, language: str) -> dict[str, str]:
        """``{code: word}`` in ``language``: the map an export looks each cell up in."""
        return {t.code: t.word(language) for t in self.terms}

    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def find(self, value: str) -> str | None:
        """The code ``value`` names: the code itself, its English word (any case) or its Chinese
        word, surrounding blanks ignored; None when it names none."""
        text = value.strip()
        folded = text.casefold()
        for t in self.terms:
            if text in (t.code, t.zh) or folded in (t.en.casefold(), t.code.casefold()):
                return t.code
        return None


def _v(name: str, *terms: tuple[str, str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*t) for t in terms))


ORDER_STATUS = _v(
    "order_status",
    ("待付款", "Awaiting payment", "待付款"), ("处理中", "In progress", "处理中"),
    ("已完成", "Completed", "已完成"), ("已取消", "Cancelled", "已取消"))
ORDER_TYPE = _v(
    "order_type",
    ("NEW", "New purchase", "新购"), ("TRIAL", "Trial", "试用"),
    ("TRIAL_TO_FORMAL", "Trial to paid", "试用转正"), ("UNSUBSCRIBE", "Unsubscribe", "退订"),
    ("RENEW", "Renewal", "续费"), ("CHANGE", "Change", "变更"))
CHARGING_MODE = _v(
    "charging_mode",
    ("PERIOD", "Subscription", "包周期"), ("ONE_TIME", "One-time", "一次性"),
    ("ON_DEMAND", "Pay-per-use", "按需计费"), ("ON_DEMAND_PKG", "Usage package", "按需套餐包"))
PRODUCT_CLASS = _v(
    "product_class",
    ("通用", "General", "通用"), ("联营", "Joint operation", "联营"),
    ("自服务", "Huawei self-service", "自服务"), ("严选", "Selected", "严选"))
DELIVERY_TYPE = _v(
    "delivery_type",
    ("SaaS", "SaaS", "SaaS"), ("API", "API", "API"), ("License", "License", "License"),
    ("镜像", "Image", "镜像"), ("容器", "Container", "容器"), ("硬件", "Hardware", "硬件"),
    ("人工服务", "Professional service", "人工服务"), ("数据文件", "Data file", "数据文件"),
    ("应用编排", "App orchestration", "应用编排"), ("AI资产", "AI asset", "AI资产"))
SUPERVISION_STATUS = _v(
    "supervision_status",
    ("不涉及", "Not applicable", "不涉及"), ("处理中", "In progress", "处理中"),
    ("已完成", "Completed", "已完成"))
REPAYMENT_STATUS = _v(
    "repayment_status",
    ("不涉及", "Not applicable", "不涉及"), ("未还款", "Not repaid", "未还款"),
    ("已还款", "Repaid", "已还款"))
COUPON_TYPE = _v(
    "coupon_type",
    ("代金券", "Voucher", "代金券"), ("基地云提货券", "Base Cloud pickup coupon", "基地云提货券"),
    ("赋能云现金券", "Enablement Cloud cash coupon", "赋能云现金券"))
TASK_STATUS = _v("task_status", ("处理中", "In progress", "处理中"), ("已完成", "Completed", "已完成"),
                 ("已退订", "Unsubscribed", "已退订"))
SALES_SCENARIO = _v(
    "sales_scenario",
    ("其他", "Other", "其他"), ("基地云", "Base Cloud", "基地云"), ("赋能云", "Enablement Cloud", "赋能云"))
NODE = _v(
    "node",
    ("用户提交需求", "Buyer submits requirement", "用户提交需求"),
    ("商家确认需求", "Seller confirms requirement", "商家确认需求"),
    ("商家实施服务", "Seller delivers service", "商家实施服务"),
    ("商家上传交付凭证", "Seller uploads delivery proof", "商家上传交付凭证"),
    ("商家上传交付证明", "Seller uploads delivery certificate", "商家上传交付证明"),
    ("服务商线下交付License", "Offline license delivery", "服务商线下交付License"),
    ("授权码激活", "License code activation", "授权码激活"),
    ("华为云复核", "Huawei Cloud review", "华为云复核"),
    ("用户确认验收", "Buyer acceptance", "用户确认验收"),
    ("服务完成", "Service complete", "服务完成"))
NODE_OWNER = _v(  # app.views.supervision.labels.OWNERS
    "node_owner",
    ("buyer", "Buyer", "用户"), ("seller", "Seller (you)", "商家（您）"),
    ("platform", "Huawei Cloud", "华为云"), ("system", "System", "系统"),
    ("none", "Nobody (complete)", "无(已完成)"))
APPEAL_STATUS = _v(
    "appeal_status", ("处理中", "In progress", "处理中"), ("已处理", "Decided", "已处理"))
DEMAND_SOURCE = _v(
    "demand_source",
    ("客户服务商", "Customer's service provider", "客户服务商"), ("华为云", "Huawei Cloud", "华为云"),
    ("商家营销策略", "Seller marketing", "商家营销策略"))
DEMAND_STATUS = _v(
    "demand_status",
    ("待接收", "Awaiting acceptance", "待接收"), ("需求转化中", "Converting", "需求转化中"),
    ("需求成交", "Won", "需求成交"), ("已拒绝", "Declined", "已拒绝"),
    ("已关闭", "Closed", "已关闭"))
CLOSE_RESULT = _v(
    "close_result", ("转化成功", "Converted", "转化成功"), ("转化失败", "Not converted", "转化失败"))
DEMAND_SPACE = _v(
    "demand_space",
    ("10万以下", "Under 100k", "10万以下"), ("10万-50万", "100k-500k", "10万-50万"),
    ("50万-100万", "500k-1M", "50万-100万"), ("100万以上", "Over 1M", "100万以上"))
BILL_CATEGORY = _v(
    "bill_category",
    ("通用商品", "General products", "通用商品"), ("联营商品", "Joint-operation products", "联营商品"),
    ("华为自服务商品", "Huawei self-service products", "华为自服务商品"),
    ("严选&认证部件", "Selected & certified parts", "严选&认证部件"))
BILL_STATUS = _v(
    "bill_status",
    ("审核中", "Under review", "审核中"), ("待开票", "Awaiting invoice", "待开票"),
    ("发票审核中", "Invoice under review", "发票审核中"),
    ("发票待审核", "Invoice awaiting review", "发票待审核"),
    ("申请被驳回", "Application rejected", "申请被驳回"), ("已付款", "Paid", "已付款"),
    ("待出账", "Not yet billed", "待出账"), ("已出账", "Billed", "已出账"),
    ("申付审核", "Payment requisition review", "申付审核"),
    ("申付单创建失败", "Payment requisition failed", "申付单创建失败"),
    ("已结算", "Settled", "已结算"))
LINE_TYPE = _v("line_type", ("正常", "Normal", "正常"), ("退订", "Unsubscription", "退订"), ("负向", "Negative", "负向"))
INVOICE_FORM = _v(  # app.views.invoices.labels.FORMS
    "invoice_form",
    ("cn", "VAT special invoice (China)", "增值税专用发票"),
    ("intl", "International invoice", "国际发票"))
FLAG_KIND = _v(  # app.views.finance.flags_model; codes are FlagKind's values
    "flag_kind",
    ("not_settling", "Will not settle this cycle", "本期不会结算"),
    ("missed_run", "Missed its bill run", "错过出账"),
    ("amount_mismatch", "Order and bill amounts differ", "订单与账单金额不一致"),
    ("settlement_mismatch", "Settlement differs from rules", "结算金额与规则不符"),
    ("bill_without_draft", "Bill to invoice, no draft", "待开票账单无发票草稿"),
    ("invoice_not_verified", "Invoice not verified in time", "发票未按时审核"),
    ("partner_settlement_mismatch", "Partner settlement differs from rules",
     "客户服务商结算金额与规则不符"))

APPEAL_PARTY = _v("appeal_party", ("商家", "Seller", "商家"), ("用户", "Buyer", "用户"))
LOG_ACTION = _v(  # the actions of a supervision task's operation log (操作日志)
    "log_action",
    ("创建服务监管任务", "Supervision task created", "创建服务监管任务"),
    ("提交需求", "Submit requirement", "提交需求"),
    ("提交识别码", "Submit identification code", "提交识别码"),
    ("确认需求", "Confirm requirement", "确认需求"), ("驳回", "Reject", "驳回"),
    ("确认完成", "Confirm completion", "确认完成"),
    ("上传交付凭证", "Upload delivery proof", "上传交付凭证"),
    ("上传交付证明", "Upload delivery certificate", "上传交付证明"),
    ("激活授权码", "Activate license code", "激活授权码"),
    ("复核通过", "Review passed", "复核通过"), ("复核驳回", "Review rejected", "复核驳回"),
    ("确认验收", "Confirm acceptance", "确认验收"),
    ("系统自动验收", "Accepted automatically", "系统自动验收"),
    ("发起申诉", "File an appeal", "发起申诉"),
    ("填写物流信息", "Enter shipping details", "填写物流信息"),
    ("上传验收报告", "Upload acceptance report", "上传验收报告"),
    ("申诉处理:平台确认验收", "Appeal decided: accepted by the platform", "申诉处理:平台确认验收"),
    ("申诉处理完成", "Appeal decided", "申诉处理完成"),
    # Refunds during supervision (business-rules §1.6, §1.9; docs/api.md)
    ("申请协商退订", "Negotiated refund requested", "申请协商退订"),
    ("同意退订", "Refund approved", "同意退订"), ("拒绝退订", "Refund refused", "拒绝退订"),
    ("申请退货退款", "Return requested", "申请退货退款"),
    ("退货待验收", "Return awaits acceptance", "退货待验收"),
    ("确认验收退货", "Return accepted", "确认验收退货"),
    ("系统自动验收退货", "Return accepted automatically", "系统自动验收退货"),
    ("验收异常", "Return exception", "验收异常"))
REFUND_KIND = _v(
    "refund_kind",
    ("协商退订", "Negotiated refund", "协商退订"), ("退货退款", "Return and refund", "退货退款"))
INTERFACE_STATUS = _v(  # 生产接口消息 statuses (interfaces.md §2.11)
    "interface_status",
    ("重试中", "Retrying", "重试中"), ("失败", "Failed", "失败"), ("成功", "Succeeded", "成功"),
    ("已重新启动", "Called again", "已重新启动"))
INTERFACE_ACTIVITY = _v(  # the production interface's activities (interfaces.md §2.1)
    "interface_activity",
    ("newInstance", "Create instance", "创建实例"), ("queryInstance", "Query instance", "查询实例信息"),
    ("refreshInstance", "Update instance", "更新实例"),
    ("updateInstanceStatus", "Freeze or unfreeze", "更新实例状态"),
    ("releaseInstance", "Release instance", "释放实例"),
    ("upgradeInstance", "Upgrade instance", "实例升级"),
    ("changeInstanceCheck", "Renewal change check", "续费变更校验"),
    ("orderNotify", "Order notification", "订单通知"))
OFFER_STATUS = _v(  # 专属优惠 (business-rules §7; app.services.offers.rules)
    "offer_status",
    ("审批中", "Under approval", "审批中"), ("已生效", "Effective", "已生效"),
    ("已撤销", "Revoked", "已撤销"), ("已驳回", "Rejected", "已驳回"), ("已过期", "Expired", "已过期"))
CUSTOMER_INVOICE_STATUS = _v(  # 给用户开票 (§6.5; app.services.invoices.customer)
    "customer_invoice_status",
    ("待开票", "Awaiting invoice", "待开票"), ("已完成", "Completed", "已完成"),
    ("已退回", "Returned", "已退回"), ("已撤销", "Revoked", "已撤销"))

VOCABULARIES: dict[str, Vocabulary] = {v.name: v for v in (
    ORDER_STATUS, ORDER_TYPE, CHARGING_MODE, PRODUCT_CLASS, DELIVERY_TYPE, SUPERVISION_STATUS,
    REPAYMENT_STATUS, COUPON_TYPE, TASK_STATUS, SALES_SCENARIO, NODE, NODE_OWNER, APPEAL_STATUS,
    DEMAND_SOURCE, DEMAND_STATUS, CLOSE_RESULT, DEMAND_SPACE, BILL_CATEGORY, BILL_STATUS,
    LINE_TYPE, INVOICE_FORM, FLAG_KIND, APPEAL_PARTY, LOG_ACTION, REFUND_KIND,
    INTERFACE_STATUS, INTERFACE_ACTIVITY, OFFER_STATUS, CUSTOMER_INVOICE_STATUS)}


def _by_value() -> dict[str, Term]:
    """Every stored value of every vocabulary, for a value shown without its kind (a detail pane's
    node, a log's action). A value two vocabularies share has the same words in both (a test
    keeps it so)."""
    index: dict[str, Term] = {}
    for vocabulary in VOCABULARIES.values():
        for t in vocabulary.terms:
            index.setdefault(t.code, t)
    return index


BY_VALUE: dict[str, Term] = _by_value()


def describe(value: str) -> Term | None:
    """The term of a stored value of any kind (``用户确认验收``, ``PERIOD``); None if unknown."""
    return BY_VALUE.get(value)


class UnknownValue(ValueError):
    """A filter value that names no term (and no value the cache holds). ``accepted`` lists what
    would be accepted, in the language asked for; the message is one line in that language."""

    def __init__(self, what: str, value: str, accepted: Iterable[str], language: str) -> None:
        self.value = value
        self.accepted = tuple(accepted)
        listed = ", ".join(self.accepted)
        if is_chinese(language):
            text = f"未知的{what}“{value}”；可用的值：{listed}（或其代码）"
        else:
            text = f"unknown {what} {value!r}; use one of: {listed} (or their codes)"
        super().__init__(text)


def resolve(vocabulary: Vocabulary, values: Iterable[str], *, language: str,
            stored: Iterable[str] = (), what: str = "status") -> frozenset[str]:
    """The stored codes that ``values`` name: each as its code, its English or its Chinese word
    (:meth:`Vocabulary.find`), or a value the cache holds (``stored``) that the vocabulary does
    not know yet. Raises :class:`UnknownValue` for the first value that names nothing."""
    held = {s for s in stored if s is not None}
    out: set[str] = set()
    for value in values:
        code = vocabulary.find(value)
        if code is None and value.strip() in held:
            code = value.strip()
        if code is None:
            extra = sorted(held - set(vocabulary.codes()))
            words = [t.word(language) for t in vocabulary.terms] + extra
            what_words = {"status": "状态"} if is_chinese(language) else {}
            raise UnknownValue(what_words.get(what, what), value, words, language)
        out.add(code)
    return frozenset(out)


def words(vocabulary: str | None, language: str) -> Mapping[str, str]:
    """``{code: word}`` of the named vocabulary in ``language`` (empty for None)."""
    return VOCABULARIES[vocabulary].words(language) if vocabulary else {}


__all__ = [
    "BY_VALUE", "VOCABULARIES", "Term", "UnknownValue", "Vocabulary", "describe", "is_chinese",
    "resolve", "words",
]
