"""``seller-console invoice``: invoice notices and drafts from the command line.

* ``invoice list [--profile P | --endpoint URL] [--db URL] [--json]``: the invoice notices in the cache (申付单号,
  对账期次, 开票金额, currency, entity, tax rates, bill status) with their drafts.
* ``invoice render --notice ID --out FILE.pdf [--form cn|intl] [--page-size A4|Letter]
  [--no-list] [--profile P | --endpoint URL] [--db URL]``: the notice's invoices as PDF, with the 开票清单. The
  drafts saved in the console are printed when there are any; otherwise drafts are made in memory
  from the notice and the company profile (nothing is stored), for scripts and review.
  A check that blocks printing in the window (a required field such as the seller's name, an
  amount that differs from the notice ...) refuses: exit 10, no PDF, one line naming what is
  missing and how to set it (``seller-console company set ...`` for the seller block); ``--draft``
  makes the PDF anyway, for review, with every problem on stderr. Warnings
  are printed on stderr and the PDF is made (marked DRAFT until printed from the console).

``--source customer`` works on the customers' invoice requests (给用户开票, business-rules §6.5:
request, order, title, amount, type, the due time of a waiting request, status) and
``--source partner`` on the 客户服务商 bills (the partner's 专票 to Huawei with the bill's 开票清单,
§7); ``--notice`` then names the request or the partner bill.

* ``invoice customer return|revoke REQUEST --reason TEXT [--queue-only]``: 退回 an issued
  customer invoice or 撤销 a request (§6.5), queued in the outbox and sent at once unless
  ``--queue-only`` (as every command that queues an action; exit codes of ``outbox``).
* ``invoice platform-fee [--bill ID ... --type 数电专票|数电普票] [--queue-only]``: without
  ``--bill`` the paid 通用 bills with their platform fee (平台费发票, §5.5, §6.5); with it, the
  request for their invoice (bills merged into one 申付单 are added, negative orders included).

Except for those two, everything reads the chosen cache; nothing here needs the network. Exit codes: 0 ok, 2 bad
arguments or unknown notice, 6 cache, 7 configuration, 8 the PDF could not be made or written,
10 a check blocks printing.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.cli import company as company_cli
from app.cli import outbox as outbox_cli
from app.cli.context import add_cache_choice, open_chosen_cache
from app.cli.failures import (
    EXIT_CHECKS,
    EXIT_NOT_QUEUED,
    EXIT_RENDER,
    EXIT_USAGE,
    fail,
    fail_with,
)
from app.cli.outbox import _Session, _with_session
from app.cli.words import QT_TRANSLATE_NOOP, translate
from app.cli.words import language as words_language
from app.models.invoices import SOURCE_CUSTOMER, SOURCE_NOTICE, SOURCE_PARTNER
from app.services.exchange.terms import BILL_STATUS
from app.services.invoices import customer, platform_fee
from app.services.invoices import drafts as draft_service
from app.services.invoices.data import DraftData, NoticeFacts
from app.services.invoices.render import PageSetup, Printable, Renderer, RenderError
from app.services.invoices.rules import Finding, Severity, check, fmt_amount, fmt_rate

if TYPE_CHECKING:
    from app.cli.context import CliContext



def _draft_json(d: DraftData) -> dict[str, Any]:
    return {
        "id": d.id, "form": d.form, "tax_rate": str(d.tax_rate), "state": d.state,
        "total_amount": str(d.total_amount), "invoice_no": d.invoice_no,
        "invoice_date": d.invoice_date.isoformat() if d.invoice_date else None,
        "courier_no": d.courier_no,
    }  # fmt: skip


def _notice_json(n: NoticeFacts, drafts: tuple[DraftData, ...]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if n.source == SOURCE_CUSTOMER:
        due = customer.due(n.issue_time) if n.bill_status in customer.RULES.pending else None
        extra = {"invoice_kind": n.invoice_kind, "medium": n.medium,
                 "refund_pending": n.refund_pending,
                 "due": due.astimezone().isoformat(timespec="seconds") if due else None}
    return extra | {
        "notice_id": n.notice_id, "bill_id": n.bill_id, "requisition_no": n.requisition_no,
        "period": n.period, "invoice_amount": str(n.invoice_amount),
        "currency_code": n.currency_code, "form": n.form, "entity": n.entity_name,
        "entity_tax_no": n.entity_tax_no, "tax_rates": [str(r) for r in n.tax_rates],
        "bill_status": n.bill_status,
        "issue_time": n.issue_time.astimezone().isoformat(timespec="seconds"),
        "drafts": [_draft_json(d) for d in drafts],
    }  # fmt: skip


#: seller fields of a draft -> the company field they are filled from (intl: its English name
#: and address when there are any).
_FROM_COMPANY = {
    "seller_name": "name", "seller_tax_no": "tax_no", "seller_address": "address",
    "seller_phone": "phone", "seller_bank": "bank", "seller_account": "account",
    "seller_swift": "swift", "seller_beneficiary": "beneficiary",
    "seller_bank_address": "bank_address",
}  # fmt: skip


def refusal(errors: list[tuple[DraftData, Finding]], *, stored: bool) -> str:
    """The one line that says why a render is refused: what is missing or wrong, and how to set
    it (the company profile for the seller block, the window for a saved draft)."""
    company_fields: list[str] = []
    others: list[str] = []
    for draft, f in errors:
        field = _FROM_COMPANY.get(f.field)
        if field is not None and f.code == "required" and not stored:
            if field not in company_fields:
                company_fields.append(field)
        else:
            text = f"{fmt_rate(draft.tax_rate)} {f.field}: {company_cli.finding_message(f)}"
            if field is not None and not stored:
                text += f" (seller-console company set {company_cli.FIELDS[field][0]} ...)"
            if text not in others:
                others.append(text)
    parts = []
    if company_fields:
        labels = ", ".join(company_cli.label(n).lower() for n in company_fields)
        options = " ".join(f"{company_cli.FIELDS[n][0]} ..." for n in company_fields)
        parts.append(translate("CliInvoice", "the company profile has no {fields}; set it with "
                               "`seller-console company set {options}` (or in the window: "
                               "Settings → Company Profile)").format(fields=labels,
                                                                     options=options))
    if others:
        where = (translate("CliInvoice", "; fix the saved draft in the window's Invoices area")
                 if stored else "")
        parts.append("; ".join(others) + where)
    return translate("CliInvoice", "the invoice cannot be printed: {reasons}; no PDF was "
                     "written").format(reasons="; ".join(parts))


def _width(text: str) -> int:
    """Columns a string takes on a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (a CJK character takes two)."""
    pad = " " * max(0, width - _width(text))
    return pad + text if right else text + pad


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    engine = open_chosen_cache(args, ctx)
    if isinstance(engine, int):
        return engine
    try:
        with Session(engine) as session:
            rows = draft_service.list_rows(session, args.source)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps([_notice_json(r.notice, r.drafts) for r in rows], ensure_ascii=False,
                         indent=2))
        return 0
    if args.source == SOURCE_CUSTOMER:
        return _list_customer(rows)
    if not rows:
        print(translate("CliInvoice", "no invoice notices in the cache; run `seller-console "
                        "sync` first"))
        return 0
    language = words_language()
    statuses = BILL_STATUS.words(language)
    status_of = {row.notice.notice_id: statuses.get(row.notice.bill_status, row.notice.bill_status)
                 for row in rows}
    status_width = max(_width(t) for t in [translate("CliInvoice", "bill status"),
                                           *status_of.values()]) + 2
    print(_pad(translate("CliInvoice", "notice"), 16) + _pad("申付单号", 22)
          + _pad(translate("CliInvoice", "period"), 8)
          + _pad(translate("CliInvoice", "amount"), 16, right=True) + " "
          + _pad(translate("CliInvoice", "cur"), 4) + " "
          + _pad(translate("CliInvoice", "rates"), 10)
          + _pad(translate("CliInvoice", "bill status"), status_width)
          + translate("CliInvoice", "drafts"))
    for row in rows:
        n = row.notice
        rates = ",".join(fmt_rate(r) for r in n.tax_rates)
        drafts = ", ".join(f"{fmt_rate(d.tax_rate)} {_state(d.state)}" for d in row.drafts) or "-"
        print(f"{n.notice_id:<16}{n.requisition_no:<22}{n.period:<8}"
              f"{fmt_amount(n.invoice_amount):>16} {n.currency_code:<4} {rates:<10}"
              f"{_pad(status_of[n.notice_id], status_width)}{drafts}")
    return 0


def _list_customer(rows: list[draft_service.NoticeRow]) -> int:
    """The customers' invoice requests (§6.5), waiting ones with the time they are due by."""
    if not rows:
        print(translate("CliInvoice", "no customer invoice requests in the cache; run "
                        "`seller-console sync` first"))
        return 0
    print(_pad(translate("CliInvoice", "request"), 14) + _pad(translate("CliInvoice", "order"), 16)
          + _pad(translate("CliInvoice", "amount"), 12, right=True) + " "
          + _pad(translate("CliInvoice", "type"), 12) + _pad(translate("CliInvoice", "due"), 18)
          + _pad(translate("CliInvoice", "status"), 8) + translate("CliInvoice", "title"))
    for row in rows:
        n = row.notice
        due = customer.due(n.issue_time) if n.bill_status in customer.RULES.pending else None
        when = due.astimezone().strftime("%Y-%m-%d %H:%M") if due else "-"
        print(_pad(n.notice_id, 14) + _pad(n.bill_id, 16)
              + _pad(fmt_amount(n.invoice_amount), 12, right=True) + " "
              + _pad(f"{n.invoice_kind}·{n.medium}", 12) + _pad(when, 18)
              + _pad(n.bill_status, 8) + n.entity_name)
    return 0


#: A draft's state as the window's Invoices area names it (its words, context InvoiceLabels).
STATES: dict[str, str] = {
    "draft": QT_TRANSLATE_NOOP("InvoiceLabels", "Draft"),
    "printed": QT_TRANSLATE_NOOP("InvoiceLabels", "Printed"),
    "submitted": QT_TRANSLATE_NOOP("InvoiceLabels", "Submitted (in the outbox)"),
    "accepted": QT_TRANSLATE_NOOP("InvoiceLabels", "Accepted"),
    "refused": QT_TRANSLATE_NOOP("InvoiceLabels", "Refused"),
    "red_lettered": QT_TRANSLATE_NOOP("InvoiceLabels", "Cancelled by red-letter invoice (红字)"),
}


def _state(state: str) -> str:
    return translate("InvoiceLabels", STATES[state]) if state in STATES else state


def run_render(args: argparse.Namespace, ctx: CliContext) -> int:
    setup = PageSetup(args.page_size)  # argparse allowed only A4 and Letter
    engine = open_chosen_cache(args, ctx)
    if isinstance(engine, int):
        return engine
    try:
        with Session(engine) as session:
            notice = draft_service.load_notice(session, args.notice, args.source)
            company = draft_service.load_company(session)
            drafts = [d for d in draft_service.list_drafts(session, args.notice, args.source)
                      if args.form is None or d.form == args.form]
            stored = bool(drafts)
            if not drafts:
                drafts = draft_service.new_drafts(notice, company, form=args.form)
    except draft_service.NoticeNotFound:
        return fail(translate("CliInvoice", "no invoice notice {notice} in the cache; sync "
                              "first").format(notice=repr(args.notice)), EXIT_USAGE)
    except draft_service.DraftError as e:
        return fail_with(e, EXIT_USAGE)
    finally:
        engine.dispose()
    findings = [(draft, f) for draft in drafts
                for f in check(draft, notice, has_seal=bool(company.seal_image))]
    errors = [(d, f) for d, f in findings if f.severity is Severity.ERROR]
    if errors and not args.draft:
        return fail(refusal(errors, stored=stored), EXIT_CHECKS)
    for draft, finding in findings:
        severity = (translate("CliCompany", "error") if finding.severity is Severity.ERROR
                    else translate("CliCompany", "warning"))
        print(f"{fmt_rate(draft.tax_rate)} {severity}: {finding.field}: "
              f"{company_cli.finding_message(finding)}", file=sys.stderr)
    try:
        pdf = Renderer().render([Printable(d, notice) for d in drafts], company, setup,
                                include_list=not args.no_list)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
    except (RenderError, OSError) as e:
        return fail(translate("CliInvoice", "the PDF could not be made: {error}")
                    .format(error=e), EXIT_RENDER)
    print(translate("CliInvoice", "{path} ({n} invoice(s), {size} bytes)").format(
        path=out, n=len(drafts), size=f"{len(pdf):,}"))
    return 0


def _add_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", choices=(SOURCE_NOTICE, SOURCE_CUSTOMER, SOURCE_PARTNER),
                   default=SOURCE_NOTICE,
                   help="notice: invoice notices to Huawei (default); customer: the customers' "
                        "invoice requests (给用户开票); partner: the 客户服务商 bills")


@_with_session(lambda args: not args.queue_only)
def run_customer(args: argparse.Namespace, session: _Session) -> int:
    try:
        entry = customer.queue_action(session.outbox, args.request,
                                      customer.CustomerAction(args.customer_action), args.reason)
    except customer.CustomerInvoiceError as e:
        return fail_with(e, EXIT_NOT_QUEUED)
    return outbox_cli.queued_then_sent(args, session, entry)


@_with_session(lambda args: bool(args.bill) and not args.queue_only)
def run_platform_fee(args: argparse.Namespace, session: _Session) -> int:
    if args.bill:
        try:
            entry = platform_fee.queue_request(session.outbox, args.bill, args.type)
        except platform_fee.PlatformFeeError as e:
            return fail_with(e, EXIT_NOT_QUEUED)
        return outbox_cli.queued_then_sent(args, session, entry)
    bills = platform_fee.paid_general_bills(session.engine)
    if args.json:
        print(json.dumps([{"bill_id": b.bill_id, "period": b.period,
                           "requisition_no": b.requisition_no, "currency_code": b.currency_code,
                           "fee": str(b.fee), "requested": b.requested,
                           "negative_lines": [x.line_id for x in b.negative_lines]}
                          for b in bills], ensure_ascii=False, indent=2))
        return 0
    if not bills:
        print(translate("CliInvoice", "no paid 通用 bills in the cache; run `seller-console "
                        "sync` first"))
        return 0
    for b in bills:
        asked = translate("CliInvoice", "requested") if b.requested else ""
        print(f"{b.bill_id:<22}{b.period:<8}{b.requisition_no:<22}"
              f"{fmt_amount(b.fee):>14} {b.currency_code:<4} {len(b.negative_lines):>3} {asked}")
    return 0


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "invoice", help="invoice notices and drafts: list, render to PDF",
        description="Invoices to Huawei from the invoice notices (开票通知) in the local cache.",
    )
    sub = p.add_subparsers(dest="invoice_command", metavar="ACTION", required=True)

    ls = sub.add_parser("list", help="invoice notices and their drafts")
    add_cache_choice(ls)
    ls.add_argument("--json", action="store_true", help="print as JSON")
    _add_source(ls)
    ls.set_defaults(handler=run_list)

    r = sub.add_parser("render", help="a notice's invoices (and 开票清单) as PDF")
    add_cache_choice(r)
    r.add_argument("--notice", required=True, metavar="ID", help="the invoice notice id (noticeId)")
    r.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="where to write")
    r.add_argument("--form", choices=("cn", "intl"), default=None,
                   help="cn: VAT special invoice information; intl: international invoice "
                        "(default: the notice's)")
    r.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    _add_source(r)
    r.add_argument("--no-list", action="store_true", help="leave out the 开票清单")
    r.add_argument("--draft", action="store_true",
                   help="make the PDF although a check fails (for review: every problem is "
                        "printed on stderr; the form is marked DRAFT)")
    r.set_defaults(handler=run_render)

    c = sub.add_parser("customer", help="退回 / 撤销 a customer's invoice request (给用户开票)")
    c.add_argument("customer_action", choices=("return", "revoke"), metavar="return|revoke")
    c.add_argument("request", help="the request id (requestId)")
    c.add_argument("--reason", required=True, help="why (the customer sees it)")
    add_cache_choice(c)
    c.add_argument("--json", action="store_true", help="print the result as JSON")
    c.add_argument("--queue-only", action="store_true",
                   help="only queue the action; send it later with `outbox send`")
    c.set_defaults(handler=run_customer)

    f = sub.add_parser("platform-fee", help="paid 通用 bills and their platform fee; with --bill, "
                                            "request the platform-fee invoice (平台费发票)")
    f.add_argument("--bill", action="append", metavar="ID",
                   help="a paid 通用 bill to request the invoice for (repeat)")
    f.add_argument("--type", choices=platform_fee.INVOICE_TYPES, default=platform_fee.SPECIAL_DIGITAL,
                   help="数电专票 (default) or 数电普票")
    add_cache_choice(f)
    f.add_argument("--json", action="store_true", help="print as JSON")
    f.add_argument("--queue-only", action="store_true",
                   help="only queue the request; send it later with `outbox send`")
    f.set_defaults(handler=run_platform_fee)
