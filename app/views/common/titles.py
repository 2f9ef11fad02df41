"""Marketplace record kinds and sync collections in the user's words: the one map of each.

``record_title`` names a kind of record ("Order", "Supervision task"): the outbox's targets, the
deadline radar's records, the search box and record dialogs all use it. ``collection_title`` names a
sync collection as a sentence says it ("orders", "supervision tasks"), for the status bar.
The words follow ``docs/architecture.md`` (marketplace terms).
"""

from __future__ import annotations

from app.services.exchange.terms import describe
from app.views.i18n import QT_TRANSLATE_NOOP, translate

#: Record kinds (``order``, ``supervision_task``, ... as the services name them).
RECORD_TITLES: dict[str, str] = {
    "order": QT_TRANSLATE_NOOP("Records", "Order"),
    "usage_batch": QT_TRANSLATE_NOOP("Records", "Usage records"),
    "supervision_task": QT_TRANSLATE_NOOP("Records", "Supervision task"),
    "demand": QT_TRANSLATE_NOOP("Records", "Customer demand"),
    "bill": QT_TRANSLATE_NOOP("Records", "Bill"),
    "invoice_notice": QT_TRANSLATE_NOOP("Records", "Invoice notice"),
    "partner_bill": QT_TRANSLATE_NOOP("Records", "Partner bill"),
    "customer_invoice": QT_TRANSLATE_NOOP("Records", "Customer invoice request"),
    "platform_fee": QT_TRANSLATE_NOOP("Records", "Platform-fee invoice"),
    "offer": QT_TRANSLATE_NOOP("Records", "Exclusive offer"),
    "interface_message": QT_TRANSLATE_NOOP("Records", "Interface message"),
    "product": QT_TRANSLATE_NOOP("Records", "Product"),
}

#: Sync collections (``app.services.marketplace.wire.COLLECTIONS``), lower case: they stand inside sentences.
COLLECTION_TITLES: dict[str, str] = {
    "orders": QT_TRANSLATE_NOOP("Collections", "orders"),
    "supervision_tasks": QT_TRANSLATE_NOOP("Collections", "supervision tasks"),
    "demands": QT_TRANSLATE_NOOP("Collections", "customer demands"),
    "bills": QT_TRANSLATE_NOOP("Collections", "bills"),
    "invoice_notices": QT_TRANSLATE_NOOP("Collections", "invoice notices"),
    "customer_invoices": QT_TRANSLATE_NOOP("Collections", "customer invoice requests"),
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


# Marketplace values: KooGallery sends fixed Chinese words (statuses, nodes, classes, ...) and some
# codes. The convention (docs/terms.md): the Chinese window shows the web console's own word, the
# English window the English term. Both come from the one table, app.services.exchange.terms, which
# exports and filters use too: a value reads the same in the window, a file and a PDF.


def chinese_interface() -> bool:
    """Whether the interface is Chinese now (:class:`app.views.i18n.Translations` sets the locale)."""
    from PySide6.QtCore import QLocale

    return QLocale().language() == QLocale.Language.Chinese


def term(raw: str | None) -> str:
    """A marketplace value in the interface language (docs/terms.md): in Chinese the web console's
    own word, else the English term; a value the table lacks as it is (never hidden)."""
    if raw is None:
        return ""
    known = describe(raw)
    if known is None:
        return raw
    return known.zh if chinese_interface() else known.en


def term_beside(raw: str | None) -> str:
    """:func:`term` with the web console's word beside it in English ("Buyer acceptance
    (用户确认验收)"), for detail panes where staff match what KooGallery's console shows."""
    shown = term(raw)
    return shown if raw is None or shown == raw else f"{shown} ({raw})"
