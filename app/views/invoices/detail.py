"""The detail pane of the Invoices area: one notice as HTML (what to invoice, where to send it).

Shows the notice's references and amount (in figures and in words), the Huawei entity with its
tax number, address and bank, the mailing address or e-invoice mailbox, the 开票清单 lines per tax
rate, whether the drafts together cover the notice, and, for a selected draft, the marketplace's
reason when its submission was refused.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from app.services.invoices.data import DraftData
from app.services.invoices.drafts import NoticeRow
from app.services.invoices.rules import check_coverage, fmt_amount, fmt_rate
from app.services.invoices.words import english_amount, rmb_upper
from app.views.i18n import format_local_time
from app.views.invoices.labels import finding_text, state_text

translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("InvoiceDetail", text)


def notice_html(row: NoticeRow, draft: DraftData | None = None) -> str:
    n = row.notice
    words = (rmb_upper(n.invoice_amount) if n.currency_code == "CNY"
             else english_amount(n.invoice_amount, n.currency_code))
    entity = n.entity
    facts = [
        (_tr("Notice"), n.notice_id), (_tr("Bill"), f"{n.bill_id} {n.bill_category}".strip()),
        (_tr("Requisition No. (申付单号)"), n.requisition_no),
        (_tr("Settlement period (对账期次)"), n.period),
        (_tr("Invoice amount (开票金额)"), f"{fmt_amount(n.invoice_amount)} {n.currency_code}"),
        (_tr("In words"), words),
        (_tr("Issued"), format_local_time(n.issue_time)),
        (_tr("Bill status"), n.bill_status),
        (_tr("Invoice to"), f"{entity.get('name', '')} ({entity.get('taxNo', '')})"),
        (_tr("Address and phone"), f"{entity.get('address') or ''} {entity.get('phone') or ''}"),
        (_tr("Bank and account"), f"{entity.get('bank') or ''} {entity.get('account') or ''}"),
        (_tr("Send paper invoices to"), n.mailing_address or "—"),
        (_tr("E-invoice mailbox"), n.e_invoice_mailbox or "—"),
    ]  # fmt: skip
    parts = ["<table cellspacing='2'>"]
    parts += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v.strip())}</td></tr>"
              for k, v in facts]
    parts.append("</table>")
    parts.append(f"<h4>{escape(_tr('Invoicing list (开票清单)'))}</h4><table cellspacing='4'>")
    parts.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in (
        _tr("Item"), _tr("Tax rate"), _tr("Excl. tax"), _tr("Tax"), _tr("Amount"))) + "</tr>")
    for line in n.lines:
        cells = (line.item_name, fmt_rate(line.tax_rate), fmt_amount(line.amount_excl_tax),
                 fmt_amount(line.tax), fmt_amount(line.amount))
        parts.append("<tr>" + "".join(f"<td align='right'>{escape(c)}</td>" for c in cells)
                     + "</tr>")
    parts.append("</table>")
    if row.drafts:
        coverage = check_coverage(n, row.drafts)
        text = "; ".join(finding_text(f) for f in coverage) if coverage else \
            _tr("The drafts cover the whole notice, one per tax rate.")
        color = "#c62828" if coverage else "#2e7d32"
        parts.append(f"<p style='color:{color}'>{escape(text)}</p>")
    if draft is not None:
        parts.append(f"<h4>{escape(_tr('Draft'))} {escape(fmt_rate(draft.tax_rate))}: "
                     f"{escape(state_text(draft.state))}</h4>")
        if draft.last_error:
            parts.append(f"<p style='color:#c62828'>{escape(_tr('Refused: %1').replace('%1', draft.last_error))}</p>")
    return "".join(parts)
