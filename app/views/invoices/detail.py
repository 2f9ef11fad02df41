"""The detail pane of the Invoices area: one notice as HTML (what to invoice, where to send it).

Shows the notice's references and amount (in figures and in words), the Huawei entity with its
tax number, address and bank, the mailing address or e-invoice mailbox, the return address and
contact of the entity (where a returned invoice, 退票, goes: §6.3), the 开票清单 lines per tax
rate, whether the drafts together cover the notice, and, for a selected draft, the marketplace's
reason when its submission was refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from html import escape
from typing import Any

from app.services.invoices import customer
from app.services.invoices.data import DraftData, NoticeFacts
from app.services.invoices.drafts import NoticeRow
from app.services.invoices.rules import check_coverage, fmt_amount, fmt_rate
from app.services.invoices.words import english_amount, rmb_upper
from app.views.common.titles import term
from app.views.i18n import format_local_time, translate
from app.views.invoices.labels import finding_text, state_text


def return_address(entity: Mapping[str, Any]) -> str:
    """The notice's return address (退票寄回地址) and contact, as the notice prints them
    (business-rules §6.3: data of the Huawei entity, never in code); "—" when it has none."""
    parts = [str(entity.get(k) or "").strip() for k in ("returnAddress", "returnContact")]
    return "; ".join(p for p in parts if p) or "—"


def notice_html(row: NoticeRow, draft: DraftData | None = None) -> str:
    n = row.notice
    words = (
        rmb_upper(n.invoice_amount)
        if n.currency_code == "CNY"
        else english_amount(n.invoice_amount, n.currency_code)
    )
    entity = n.entity
    facts = [
        (translate("InvoiceDetail", "Notice"), n.notice_id), (translate("InvoiceDetail", "Bill"), f"{n.bill_id} {n.bill_category}".strip()),
        (translate("InvoiceDetail", "Requisition No. (申付单号)"), n.requisition_no),
        (translate("InvoiceDetail", "Settlement period (对账期次)"), n.period),
        (translate("InvoiceDetail", "Invoice amount (开票金额)"), f"{fmt_amount(n.invoice_amount)} {n.currency_code}"),
        (translate("InvoiceDetail", "In words"), words),
        (translate("InvoiceDetail", "Issued"), format_local_time(n.issue_time)),
        (translate("InvoiceDetail", "Bill status"), term(n.bill_status)),
        (translate("InvoiceDetail", "Invoice to"), f"{entity.get('name', '')} ({entity.get('taxNo', '')})"),
        (translate("InvoiceDetail", "Address and phone"), f"{entity.get('address') or ''} {entity.get('phone') or ''}"),
        (translate("InvoiceDetail", "Bank and account"), f"{entity.get('bank') or ''} {entity.get('account') or ''}"),
        (translate("InvoiceDetail", "Send paper invoices to"), n.mailing_address or "—"),
        (translate("InvoiceDetail", "E-invoice mailbox"), n.e_invoice_mailbox or "—"),
        (translate("InvoiceDetail", "Returned invoices (退票) go to"), return_address(entity)),
    ]  # fmt: skip
    if n.source == "customer":  # 给用户开票 (§6.5): the request, not a notice to Huawei
        due = _customer_due(n)
        facts = [
            (translate("InvoiceDetail", "Request"), n.notice_id),
            (translate("InvoiceDetail", "Order"), n.bill_id),
            (translate("InvoiceDetail", "Invoice amount (开票金额)"), f"{fmt_amount(n.invoice_amount)} {n.currency_code}"),
            (translate("InvoiceDetail", "In words"), words),
            (translate("InvoiceDetail", "Applied"), format_local_time(n.issue_time)),
            (translate("InvoiceDetail", "Invoice by"), format_local_time(due) if due else "—"),
            (translate("InvoiceDetail", "Status"), term(n.bill_status)),
            (translate("InvoiceDetail", "Invoice type"), f"{n.invoice_kind} · {n.medium}"),
            (translate("InvoiceDetail", "Invoice title (抬头)"), f"{entity.get('name', '')} ({entity.get('taxNo') or '—'})"),
            (translate("InvoiceDetail", "Address and phone"), f"{entity.get('address') or ''} {entity.get('phone') or ''}"),
            (translate("InvoiceDetail", "Bank and account"), f"{entity.get('bank') or ''} {entity.get('account') or ''}"),
            (translate("InvoiceDetail", "Send paper invoices to"), n.mailing_address or "—"),
            (translate("InvoiceDetail", "E-invoice mailbox"), n.e_invoice_mailbox or "—"),
        ]  # fmt: skip
        payer = _courier_payer(n)
        if payer:
            facts.append((translate("InvoiceDetail", "Courier paid by"), payer))
        if n.refund_pending:
            facts.append((translate("InvoiceDetail", "Refund"), translate(
                "InvoiceDetail", "A refund is pending: no invoice while it lasts.")))
    elif n.source == "partner":
        facts[0] = (translate("InvoiceDetail", "Partner bill (客户服务商账单)"), n.notice_id)
    parts = ["<table cellspacing='2'>"]
    parts += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v.strip())}</td></tr>" for k, v in facts]
    parts.append("</table>")
    heading = translate("InvoiceDetail", "Invoicing list (开票清单)")
    parts.append(f"<h4>{escape(heading)}</h4><table cellspacing='4'>")
    parts.append(
        "<tr>"
        + "".join(
            f"<th>{escape(h)}</th>"
            for h in (
                translate("InvoiceDetail", "Item"),
                translate("InvoiceDetail", "Tax rate"),
                translate("InvoiceDetail", "Excl. tax"),
                translate("InvoiceDetail", "Tax"),
                translate("InvoiceDetail", "Amount"),
            )
        )
        + "</tr>"
    )
    for line in n.lines:
        cells = (
            line.item_name,
            fmt_rate(line.tax_rate),
            fmt_amount(line.amount_excl_tax),
            fmt_amount(line.tax),
            fmt_amount(line.amount),
        )
        parts.append(
            "<tr>" + "".join(f"<td align='right'>{escape(c)}</td>" for c in cells) + "</tr>"
        )
    parts.append("</table>")
    if row.drafts:
        coverage = check_coverage(n, row.drafts)
        text = (
            "; ".join(finding_text(f) for f in coverage)
            if coverage
            else translate("InvoiceDetail", "The drafts cover the whole notice, one per tax rate.")
        )
        color = "#c62828" if coverage else "#2e7d32"
        parts.append(f"<p style='color:{color}'>{escape(text)}</p>")
    if draft is not None:
        title = (
            translate("InvoiceDetail", "Draft %1: %2")
            .replace("%1", fmt_rate(draft.tax_rate))
            .replace("%2", state_text(draft.state))
        )
        parts.append(f"<h4>{escape(title)}</h4>")
        times = [
            (translate("InvoiceDetail", "Made"), draft.created_at),
            (translate("InvoiceDetail", "Printed"), draft.printed_at),
            (translate("InvoiceDetail", "Submitted"), draft.submitted_at),
        ]
        parts.append(
            "<p>"
            + "<br/>".join(
                f"{escape(label)}: {escape(format_local_time(when))}"
                for label, when in times
                if when is not None
            )
            + "</p>"
        )
        if draft.last_error:
            refused = translate("InvoiceDetail", "Refused: %1").replace("%1", draft.last_error)
            parts.append(f"<p style='color:#c62828'>{escape(refused)}</p>")
    return "".join(parts)


def _customer_due(n: NoticeFacts) -> datetime | None:
    return customer.due(n.issue_time) if n.bill_status in customer.RULES.pending else None


def _courier_payer(n: NoticeFacts) -> str:
    """Who pays the courier of a paper invoice (§6.5), in words; "" for an e-invoice."""
    if n.medium != "纸质":
        return ""
    if n.invoice_amount >= customer.RULES.courier_seller_pays_from:
        return translate("InvoiceDetail", "you (from 100 元 the seller pays)")
    return translate("InvoiceDetail", "the customer (under 100 元: cash on delivery is allowed)")
