"""Marketplace record kinds and sync collections in the user's words: the one map of each.

``record_title`` names a kind of record ("Order", "Supervision task"): the outbox's targets, the
deadline radar's records, the search box and record dialogs all use it. ``collection_title`` names a
sync collection as a sentence says it ("orders", "supervision tasks"), for the status bar.
The words follow ``docs/architecture.md`` (marketplace terms).
"""

from __future__ import annotations

from app.views.i18n import QT_TRANSLATE_NOOP, translate

#: Record kinds (``order``, ``supervision_task``, ... as the services name them).
RECORD_TITLES: dict[str, str] = {
    "order": QT_TRANSLATE_NOOP("Records", "Order"),
    "supervision_task": QT_TRANSLATE_NOOP("Records", "Supervision task"),
    "demand": QT_TRANSLATE_NOOP("Records", "Customer demand"),
    "bill": QT_TRANSLATE_NOOP("Records", "Bill"),
    "invoice_notice": QT_TRANSLATE_NOOP("Records", "Invoice notice"),
    "partner_bill": QT_TRANSLATE_NOOP("Records", "Partner bill"),
}

#: Sync collections (``app.services.marketplace.wire.COLLECTIONS``), lower case: they stand inside sentences.
COLLECTION_TITLES: dict[str, str] = {
    "orders": QT_TRANSLATE_NOOP("Collections", "orders"),
    "supervision_tasks": QT_TRANSLATE_NOOP("Collections", "supervision tasks"),
    "demands": QT_TRANSLATE_NOOP("Collections", "customer demands"),
    "bills": QT_TRANSLATE_NOOP("Collections", "bills"),
    "invoice_notices": QT_TRANSLATE_NOOP("Collections", "invoice notices"),
    "interface_messages": QT_TRANSLATE_NOOP("Collections", "interface messages"),
    "partner_bills": QT_TRANSLATE_NOOP("Collections", "partner bills"),
    "partner_performance": QT_TRANSLATE_NOOP("Collections", "partner performance"),
    "exclusive_offers": QT_TRANSLATE_NOOP("Collections", "exclusive offers"),
}


def record_title(kind: str) -> str:
    """A record kind in words; an unknown kind as it is."""
    source = RECORD_TITLES.get(kind)
    return translate("Records", source) if source is not None else kind


def collection_title(name: str) -> str:
    """A sync collection in words, as the status bar says it; an unknown one as it is."""
    source = COLLECTION_TITLES.get(name)
    return translate("Collections", source) if source is not None else name


# Marketplace values: KooGallery sends fixed Chinese words (statuses, nodes, classes, ...). The
# convention (docs/terms.md): the Chinese window shows the web console's own word, the English window
# the English term of this table (docs/terms.md lists both, so staff can match the web console).
TERMS_CONTEXT = "MarketplaceTerms"
TERMS: dict[str, str] = {
    # product classes (商品类别) and bill categories
    "通用": QT_TRANSLATE_NOOP("MarketplaceTerms", "General"),
    "联营": QT_TRANSLATE_NOOP("MarketplaceTerms", "Joint operation"),
    "自服务": QT_TRANSLATE_NOOP("MarketplaceTerms", "Huawei self-service"),
    "严选": QT_TRANSLATE_NOOP("MarketplaceTerms", "Selected"),
    "通用商品": QT_TRANSLATE_NOOP("MarketplaceTerms", "General products"),
    "联营商品": QT_TRANSLATE_NOOP("MarketplaceTerms", "Joint-operation products"),
    "华为自服务商品": QT_TRANSLATE_NOOP("MarketplaceTerms", "Huawei self-service products"),
    "严选&认证部件": QT_TRANSLATE_NOOP("MarketplaceTerms", "Selected & certified parts"),
    # supervision status of an order (服务监管状态)
    "不涉及": QT_TRANSLATE_NOOP("MarketplaceTerms", "Not applicable"),
    "处理中": QT_TRANSLATE_NOOP("MarketplaceTerms", "In progress"),
    "已完成": QT_TRANSLATE_NOOP("MarketplaceTerms", "Completed"),
    # supervision nodes (节点)
    "用户提交需求": QT_TRANSLATE_NOOP("MarketplaceTerms", "Buyer submits requirement"),
    "商家确认需求": QT_TRANSLATE_NOOP("MarketplaceTerms", "Seller confirms requirement"),
    "商家实施服务": QT_TRANSLATE_NOOP("MarketplaceTerms", "Seller delivers service"),
    "商家上传交付凭证": QT_TRANSLATE_NOOP("MarketplaceTerms", "Seller uploads delivery proof"),
    "服务商线下交付License": QT_TRANSLATE_NOOP("MarketplaceTerms", "Offline license delivery"),
    "授权码激活": QT_TRANSLATE_NOOP("MarketplaceTerms", "License code activation"),
    "商家上传交付证明": QT_TRANSLATE_NOOP("MarketplaceTerms", "Seller uploads delivery certificate"),
    "华为云复核": QT_TRANSLATE_NOOP("MarketplaceTerms", "Huawei Cloud review"),
    "用户确认验收": QT_TRANSLATE_NOOP("MarketplaceTerms", "Buyer acceptance"),
    "服务完成": QT_TRANSLATE_NOOP("MarketplaceTerms", "Service complete"),
    # bill statuses (账单状态)
    "待出账": QT_TRANSLATE_NOOP("MarketplaceTerms", "Not yet billed"),
    "已出账": QT_TRANSLATE_NOOP("MarketplaceTerms", "Billed"),
    "审核中": QT_TRANSLATE_NOOP("MarketplaceTerms", "Under review"),
    "申付审核": QT_TRANSLATE_NOOP("MarketplaceTerms", "Payment requisition review"),
    "申付单创建失败": QT_TRANSLATE_NOOP("MarketplaceTerms", "Payment requisition failed"),
    "待开票": QT_TRANSLATE_NOOP("MarketplaceTerms", "Awaiting invoice"),
    "发票待审核": QT_TRANSLATE_NOOP("MarketplaceTerms", "Invoice awaiting review"),
    "发票审核中": QT_TRANSLATE_NOOP("MarketplaceTerms", "Invoice under review"),
    "申请被驳回": QT_TRANSLATE_NOOP("MarketplaceTerms", "Application rejected"),
    "已付款": QT_TRANSLATE_NOOP("MarketplaceTerms", "Paid"),
    "已结算": QT_TRANSLATE_NOOP("MarketplaceTerms", "Settled"),
    # bill line types (行类型)
    "正常": QT_TRANSLATE_NOOP("MarketplaceTerms", "Normal"),
    "退订": QT_TRANSLATE_NOOP("MarketplaceTerms", "Unsubscription"),
    "负向": QT_TRANSLATE_NOOP("MarketplaceTerms", "Negative"),
    # customer demands (客户需求) and their outcome
    "待接收": QT_TRANSLATE_NOOP("MarketplaceTerms", "Awaiting acceptance"),
    "需求转化中": QT_TRANSLATE_NOOP("MarketplaceTerms", "Converting"),
    "需求成交": QT_TRANSLATE_NOOP("MarketplaceTerms", "Won"),
    "已拒绝": QT_TRANSLATE_NOOP("MarketplaceTerms", "Declined"),
    "已关闭": QT_TRANSLATE_NOOP("MarketplaceTerms", "Closed"),
    "转化成功": QT_TRANSLATE_NOOP("MarketplaceTerms", "Converted"),
    "转化失败": QT_TRANSLATE_NOOP("MarketplaceTerms", "Not converted"),
    # where a demand came from (需求来源)
    "华为云": QT_TRANSLATE_NOOP("MarketplaceTerms", "Huawei Cloud"),
    "商家营销策略": QT_TRANSLATE_NOOP("MarketplaceTerms", "Seller marketing"),
    "客户服务商": QT_TRANSLATE_NOOP("MarketplaceTerms", "Customer's service provider"),
    # delivery types (交付类型) and sales scenarios (销售场景)
    "镜像": QT_TRANSLATE_NOOP("MarketplaceTerms", "Image"),
    "容器": QT_TRANSLATE_NOOP("MarketplaceTerms", "Container"),
    "硬件": QT_TRANSLATE_NOOP("MarketplaceTerms", "Hardware"),
    "人工服务": QT_TRANSLATE_NOOP("MarketplaceTerms", "Professional service"),
    "数据文件": QT_TRANSLATE_NOOP("MarketplaceTerms", "Data file"),
    "应用编排": QT_TRANSLATE_NOOP("MarketplaceTerms", "App orchestration"),
    "AI资产": QT_TRANSLATE_NOOP("MarketplaceTerms", "AI asset"),
    "其他": QT_TRANSLATE_NOOP("MarketplaceTerms", "Other"),
    "基地云": QT_TRANSLATE_NOOP("MarketplaceTerms", "Base Cloud"),
    "赋能云": QT_TRANSLATE_NOOP("MarketplaceTerms", "Enablement Cloud"),
    # who filed an appeal, and its status
    "商家": QT_TRANSLATE_NOOP("MarketplaceTerms", "Seller"),
    "用户": QT_TRANSLATE_NOOP("MarketplaceTerms", "Buyer"),
    "已处理": QT_TRANSLATE_NOOP("MarketplaceTerms", "Decided"),
    # actions of a supervision task's operation log (操作日志)
    "创建服务监管任务": QT_TRANSLATE_NOOP("MarketplaceTerms", "Supervision task created"),
    "提交需求": QT_TRANSLATE_NOOP("MarketplaceTerms", "Submit requirement"),
    "提交识别码": QT_TRANSLATE_NOOP("MarketplaceTerms", "Submit identification code"),
    "确认需求": QT_TRANSLATE_NOOP("MarketplaceTerms", "Confirm requirement"),
    "驳回": QT_TRANSLATE_NOOP("MarketplaceTerms", "Reject"),
    "确认完成": QT_TRANSLATE_NOOP("MarketplaceTerms", "Confirm completion"),
    "上传交付凭证": QT_TRANSLATE_NOOP("MarketplaceTerms", "Upload delivery proof"),
    "上传交付证明": QT_TRANSLATE_NOOP("MarketplaceTerms", "Upload delivery certificate"),
    "激活授权码": QT_TRANSLATE_NOOP("MarketplaceTerms", "Activate license code"),
    "复核通过": QT_TRANSLATE_NOOP("MarketplaceTerms", "Review passed"),
    "复核驳回": QT_TRANSLATE_NOOP("MarketplaceTerms", "Review rejected"),
    "确认验收": QT_TRANSLATE_NOOP("MarketplaceTerms", "Confirm acceptance"),
    "系统自动验收": QT_TRANSLATE_NOOP("MarketplaceTerms", "Accepted automatically"),
    "发起申诉": QT_TRANSLATE_NOOP("MarketplaceTerms", "File an appeal"),
    "填写物流信息": QT_TRANSLATE_NOOP("MarketplaceTerms", "Enter shipping details"),
    "上传验收报告": QT_TRANSLATE_NOOP("MarketplaceTerms", "Upload acceptance report"),
    "申诉处理:平台确认验收": QT_TRANSLATE_NOOP("MarketplaceTerms", "Appeal decided: accepted by the platform"),
    "申诉处理完成": QT_TRANSLATE_NOOP("MarketplaceTerms", "Appeal decided"),
}
#: Charging modes (计费模式) are sent as codes; their words are the Orders area's (``OrderLabels``).
CHARGING_MODES: dict[str, str] = {
    "PERIOD": "Subscription",
    "ONE_TIME": "One-time",
    "ON_DEMAND": "Pay-per-use",
    "ON_DEMAND_PKG": "Usage package",
}


def chinese_interface() -> bool:
    """Whether the interface is Chinese now (:class:`app.views.i18n.Translations` sets the locale)."""
    from PySide6.QtCore import QLocale

    return QLocale().language() == QLocale.Language.Chinese


def term(raw: str | None) -> str:
    """A marketplace value in the interface language (docs/terms.md): in Chinese the web console's
    own word, else the English term; a code (``PERIOD``) or value the table lacks as it is."""
    if raw is None:
        return ""
    if raw in CHARGING_MODES:
        return translate("OrderLabels", CHARGING_MODES[raw])
    source = TERMS.get(raw)
    if source is None:
        return raw
    if chinese_interface():
        translated = translate(TERMS_CONTEXT, source)
        return raw if translated == source else translated
    return translate(TERMS_CONTEXT, source)


def term_beside(raw: str | None) -> str:
    """:func:`term` with the web console's word beside it in English ("Buyer acceptance
    (用户确认验收)"), for detail panes where staff match what KooGallery's console shows."""
    shown = term(raw)
    return shown if raw is None or shown == raw else f"{shown} ({raw})"
