"""The flowables of the invoice forms and of the 开票清单 (used by ``render.Renderer``).

The words follow ``docs/terms.md`` (marketplace terms), PDFs included: the CN form and its 开票清单
are Chinese, with the official field names (and English subtitles); the international invoice and
the 开票清单 printed with it are English, the web console's Chinese term beside a field label or
heading where Huawei's team matches it ("Requisition No. (申付单号)", "Invoicing list (开票清单)"),
table headers in English alone, and stored values (bill category, line type, charging mode) in
the words of :mod:`app.services.exchange.terms`. These are printed documents for Huawei, not
interface text, so the form decides their language, not the console's language setting. The
services have no Qt: the English words are data here (:data:`LIST_WORDS`), not translations.

Tables use ``repeatRows`` so a header repeats on each page; the 开票清单's order lines use
``LongTable``, which lays out long tables in linear time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, LongTable, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from app.models.invoices import SOURCE_CUSTOMER, SOURCE_PARTNER
from app.services.exchange.terms import BILL_CATEGORY, CHARGING_MODE, LINE_TYPE
from app.services.invoices.data import BEIJING, DraftData, NoticeFacts
from app.services.invoices.rules import fmt_amount, fmt_rate
from app.services.invoices.words import english_amount, rmb_upper

_GRID = colors.Color(0.55, 0.36, 0.22)  # the brown-red of Chinese invoice forms
_HEAD = colors.Color(0.96, 0.93, 0.89)
_LINE = colors.Color(0.6, 0.6, 0.6)
_SEAL_MAX = 38 * mm
_STATE_MARKS = {"draft": "草稿 DRAFT", "printed": "", "submitted": "", "accepted": "", "refused": "",
                "red_lettered": "已红冲 CANCELLED"}

#: 专票 / 普票 as the form's title says it (增值税专用发票 / 增值税普通发票).
_KIND_WORD = {"专票": "专用", "普票": "普通"}

#: The 开票清单's Chinese words and their English (docs/terms.md), for the list printed in English.
LIST_WORDS: dict[str, str] = {
    "开票清单": "Invoicing list",
    "申付单号": "Requisition No.",
    "对账期次": "Settlement period",
    "开票通知": "Invoice notice",
    "账单": "Bill",
    "开票金额": "Invoice amount",
    "币种": "Currency",
    "金额大写": "Amount in words",
    "签约主体": "Contracting entity",
    "税号": "Tax No.",
    "寄送地址": "Mailing address",
    "序号": "No.",
    "劳务名称": "Service item",
    "税率": "Tax rate",
    "金额（不含税）": "Amount excl. tax",
    "税额": "Tax",
    "价税合计": "Total incl. tax",
    "合计": "Total",
    "开票汇总（每个税率开具一张发票）": "Invoice summary, one invoice per tax rate",
    "账单明细": "Bill lines",
    "订单号": "Order No.",
    "商品名称": "Product",
    "计费模式": "Charging mode",
    "类型": "Type",
    "交易金额": "Transaction amount",
    "代金券": "Voucher",
    "应结算金额": "Settlement amount",
    "客户": "Customer",
    "订单现金消费": "Order cash spend",
    "分成比例": "Share ratio",
}
#: Labels and headings that carry the web console's term beside the English one.
_BESIDE = {"开票清单", "申付单号", "对账期次", "开票通知", "账单", "开票金额", "账单明细",
           "开票汇总（每个税率开具一张发票）"}


@dataclass(frozen=True)
class ListWords:
    """The 开票清单's words in one language: Chinese (the CN form's) or English (the international
    form's), with the Chinese term beside a label or heading Huawei's team matches."""

    english: bool

    def label(self, zh: str) -> str:
        """A field label or heading: "申付单号", or "Requisition No. (申付单号)"."""
        if not self.english:
            return zh
        en = LIST_WORDS.get(zh, zh)
        if zh in _BESIDE:
            return f"{en} ({zh.split('（')[0]})"
        return en

    def head(self, zh: str) -> str:
        """A table header: the English term alone (the columns stay narrow)."""
        return LIST_WORDS.get(zh, zh) if self.english else zh

    def value(self, vocabulary: Any, stored: str) -> str:
        """A stored value (bill category, line type, charging mode) in this language; one the
        vocabulary lacks as it is."""
        words: dict[str, str] = vocabulary.words("en" if self.english else "zh_CN")
        if self.english and stored not in words:
            return _MORE_VALUES.get(stored, stored)
        return words.get(stored, stored)


#: Stored values :mod:`app.services.exchange.terms` does not list yet (docs/terms.md's words).
_MORE_VALUES = {"负向": "Negative"}


def _money(value: Decimal) -> str:
    return fmt_amount(value)


def _currency_sign(code: str) -> str:
    return {"CNY": "¥", "USD": "US$", "EUR": "€", "GBP": "£"}.get(code, code + " ")


@dataclass(frozen=True)
class Seal:
    """A decoded-once seal image; each form gets its own flowable of it."""

    data: bytes
    width: float
    height: float

    def flowable(self) -> Image:
        return Image(io.BytesIO(self.data), width=self.width, height=self.height, mask="auto")


class FormBuilder:
    """Paragraph styles made once, and the flowables of each document."""

    def __init__(self, font: str) -> None:
        def style(name: str, size: float, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.3,
                                  wordWrap="CJK", **kw)

        self.font = font
        self.title = style("title", 16, alignment=TA_CENTER, spaceAfter=2 * mm, textColor=_GRID)
        self.subtitle = style("subtitle", 8.5, alignment=TA_CENTER, spaceAfter=4 * mm,
                              textColor=colors.grey)
        self.label = style("label", 8, textColor=_GRID)
        self.text = style("text", 9)
        self.small = style("small", 7.5, textColor=colors.grey)
        self.right = style("right", 9, alignment=TA_RIGHT)
        self.big = style("big", 11)
        self.mark = style("mark", 9, alignment=TA_RIGHT, textColor=colors.red)
        # English text wraps between words (the CJK wrap breaks anywhere, "Subscriptio-n").
        self.label_en = ParagraphStyle("label_en", parent=self.label, wordWrap=None)
        self.small_en = ParagraphStyle("small_en", parent=self.small, wordWrap=None)
        self._base = [
            ("FONT", (0, 0), (-1, -1), font, 8.5),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("GRID", (0, 0), (-1, -1), 0.6, _GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]

    # -- helpers ---------------------------------------------------------------------------------

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style or self.text)

    def _table(self, rows: list[list[Any]], widths: Sequence[str | float], *extra: Any,
               header: bool = False, long: bool = False) -> Table:
        cls = LongTable if long else Table
        table = cls(rows, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
        cmds = list(self._base)
        if header:
            cmds += [("BACKGROUND", (0, 0), (-1, 0), _HEAD), ("ALIGN", (0, 0), (-1, 0), "CENTER")]
        table.setStyle(TableStyle(cmds + list(extra)))
        return table

    def seal(self, image: bytes | None) -> Seal | None:
        """The seal or signature image, scaled to fit 38 mm; None when none is configured or the
        bytes are not an image (a broken image prints no seal rather than no invoice)."""
        if not image:
            return None
        try:
            w, h = ImageReader(io.BytesIO(image)).getSize()
        except Exception:  # noqa: BLE001 - PIL raises many kinds of errors for bad bytes
            return None
        scale = min(_SEAL_MAX / w, _SEAL_MAX / h)
        return Seal(image, w * scale, h * scale)

    def _mark(self, draft: DraftData) -> list[Flowable]:
        mark = _STATE_MARKS.get(draft.state, "")
        if not draft.is_cn:
            mark = ("CANCELLED" if draft.state == "red_lettered" else "DRAFT") if mark else ""
        return [self.p(mark, self.mark)] if mark else []

    # -- footers ---------------------------------------------------------------------------------

    @staticmethod
    def footer(draft: DraftData, notice: NoticeFacts) -> str:
        if notice.source == SOURCE_CUSTOMER:
            return (f"增值税{_KIND_WORD.get(notice.invoice_kind, '普通')}发票开票信息 · 订单号 "
                    f"{notice.bill_id} · {fmt_rate(draft.tax_rate)}")
        if not draft.is_cn:
            return (f"Invoice · Requisition No. {notice.requisition_no} · Settlement period "
                    f"{notice.period} · {fmt_rate(draft.tax_rate)}")
        return (f"增值税专用发票开票信息 · 申付单号 {notice.requisition_no} · 对账期次 {notice.period} · "
                f"{fmt_rate(draft.tax_rate)}")

    @staticmethod
    def list_footer(notice: NoticeFacts, english: bool = False) -> str:
        if english:
            return (f"Invoicing list · Requisition No. {notice.requisition_no} · Settlement period "
                    f"{notice.period}")
        return f"开票清单 · 申付单号 {notice.requisition_no} · 对账期次 {notice.period}"

    # -- the CN form -----------------------------------------------------------------------------

    def invoice(self, draft: DraftData, notice: NoticeFacts, seal: Seal | None) -> list[Flowable]:
        return self._cn(draft, notice, seal) if draft.is_cn else self._intl(draft, notice, seal)

    def _cn(self, d: DraftData, notice: NoticeFacts, seal: Seal | None) -> list[Flowable]:
        lb = self.label
        customer = notice.source == SOURCE_CUSTOMER
        if customer:
            head = self._table([
                [self.p("开票申请", lb), self.p(notice.notice_id), self.p("订单号", lb),
                 self.p(notice.bill_id), self.p("税率", lb), self.p(fmt_rate(d.tax_rate))],
                [self.p("发票种类", lb), self.p(f"{notice.invoice_kind} · {notice.medium}"),
                 self.p("申请时间", lb),
                 self.p(notice.issue_time.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")),
                 self.p("币种", lb), self.p(d.currency_code)],
            ], ["11%", "26%", "11%", "22%", "10%", "20%"])  # fmt: skip
        else:
            head = self._table([
                [self.p("申付单号", lb), self.p(d.requisition_no), self.p("对账期次", lb),
                 self.p(d.period), self.p("税率", lb), self.p(fmt_rate(d.tax_rate))],
                [self.p("客户服务商账单" if notice.source == SOURCE_PARTNER else "开票通知", lb),
                 self.p(notice.notice_id), self.p("账单", lb), self.p(notice.bill_id),
                 self.p("币种", lb), self.p(d.currency_code)],
            ], ["11%", "26%", "11%", "22%", "10%", "20%"])  # fmt: skip

        def party(title: str, name: str, tax_no: str, addr: str, bank: str) -> Table:
            rows = [[self.p(title, lb), self.p("名　　称", lb), self.p(name)],
                    ["", self.p("纳税人识别号", lb), self.p(tax_no)],
                    ["", self.p("地 址、电 话", lb), self.p(addr)],
                    ["", self.p("开户行及账号", lb), self.p(bank)]]
            return self._table(rows, ["8%", "17%", "75%"], ("SPAN", (0, 0), (0, -1)),
                               ("BACKGROUND", (0, 0), (0, -1), _HEAD))

        buyer = party("购买方", d.buyer_name, d.buyer_tax_no,
                      f"{d.buyer_address} {d.buyer_phone}".strip(),
                      f"{d.buyer_bank} {d.buyer_account}".strip())
        seller = party("销售方", d.seller_name, d.seller_tax_no,
                       f"{d.seller_address} {d.seller_phone}".strip(),
                       f"{d.seller_bank} {d.seller_account}".strip())
        rows: list[list[Any]] = [["序号", "货物或应税劳务、服务名称", "金额（不含税）", "税率", "税额",
                                  "价税合计"]]
        for n, line in enumerate(d.lines, start=1):
            rows.append([str(n), self.p(line.item_name), _money(line.amount_excl_tax),
                         fmt_rate(line.tax_rate), _money(line.tax), _money(line.amount)])
        rows.append(["", "合　　计", f"¥{_money(d.amount_excl_tax)}", "",
                     f"¥{_money(d.tax_amount)}", f"¥{_money(d.total_amount)}"])
        lines = self._table(rows, ["7%", "37%", "17%", "8%", "14%", "17%"],
                            ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("ALIGN", (3, 1), (3, -1), "CENTER"),
                            ("ALIGN", (0, 1), (0, -1), "CENTER"),
                            ("BACKGROUND", (0, -1), (-1, -1), _HEAD), header=True)
        total = self._table([[
            self.p("价税合计（大写）", lb), self.p("ⓧ " + rmb_upper(d.total_amount), self.big),
            self.p("（小写）", lb), self.p(f"¥{_money(d.total_amount)}", self.big),
        ]], ["18%", "50%", "10%", "22%"])  # fmt: skip
        remarks = self._table([[self.p("备　注", lb), self.p(d.remarks)]], ["12%", "88%"])
        issued = []
        if d.invoice_no or d.invoice_date:
            issued = [self.p(f"发票号码 {d.invoice_no or '—'}　开票日期 "
                             f"{d.invoice_date.isoformat() if d.invoice_date else '—'}"
                             f"　快递单号 {d.courier_no or '—'}", self.small)]
        if d.red_letter_no:
            issued.append(self.p(
                f"已红冲：红字发票号码 {d.red_letter_no}　红字确认单 {d.red_letter_info_no}　日期 "
                f"{d.red_letter_date.isoformat() if d.red_letter_date else '—'}", self.small))
        delivery = notice.mailing_address or notice.e_invoice_mailbox
        kind = _KIND_WORD.get(notice.invoice_kind, "专用") if customer else "专用"
        subtitle = {
            SOURCE_CUSTOMER: f"VAT {'special' if kind == '专用' else 'ordinary'} invoice — "
                             "information for issuing (to the customer, 给用户开票)",
            SOURCE_PARTNER: "VAT special invoice — information for issuing (客户服务商 to Huawei, "
                            "with the printed 开票清单)",
        }.get(notice.source, "VAT special invoice — information for issuing (to Huawei, with the "
                             "printed 开票清单)")
        story: list[Flowable] = [
            *self._mark(d),
            self.p(f"增值税{kind}发票　开票信息", self.title),
            self.p(subtitle, self.subtitle),
            head, Spacer(1, 3 * mm), buyer, Spacer(1, 2 * mm), lines, total, Spacer(1, 2 * mm),
            seller, remarks, Spacer(1, 3 * mm), *issued,
        ]  # fmt: skip
        if delivery and customer:
            story.append(self.p(f"{'寄送地址' if notice.medium == '纸质' else '电子发票邮箱'}："
                                f"{delivery}", self.small))
        elif delivery:
            story.append(self.p(f"寄送（纸质发票连同开票清单）/ 电子发票邮箱：{delivery}", self.small))
        story.append(self._signature("销售方（章）", seal))
        return story

    def _signature(self, caption: str, seal: Seal | None) -> Flowable:
        cell: list[Flowable] = [self.p(caption, self.label)]
        if seal is not None:
            cell.insert(0, seal.flowable())
        box = Table([["", cell]], colWidths=["60%", "40%"], hAlign="RIGHT",
                    style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                           ("ALIGN", (1, 0), (1, 0), "CENTER")])
        return KeepTogether([Spacer(1, 6 * mm), box])

    # -- the international invoice ---------------------------------------------------------------

    def _intl(self, d: DraftData, notice: NoticeFacts, seal: Seal | None) -> list[Flowable]:
        lb = self.label
        date = d.invoice_date.isoformat() if d.invoice_date else ""
        facts = self._table([
            [self.p("Invoice No.", lb), self.p(d.invoice_no)],
            [self.p("Invoice Date", lb), self.p(date)],
            [self.p("Invoice Currency", lb), self.p(d.currency_code)],
        ], ["45%", "55%"])  # fmt: skip
        seller = [self.p(d.seller_name, self.big), self.p(d.seller_address),
                  self.p(f"VAT No.: {d.seller_tax_no}")]
        top = Table([[seller, facts]], colWidths=["58%", "42%"], hAlign="LEFT",
                    style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0),
                           ("RIGHTPADDING", (-1, 0), (-1, 0), 0)])
        bill_to = self._table([
            [self.p("Invoice To (Bill To)", lb), self.p(d.buyer_name)],
            [self.p("Address", lb), self.p(d.buyer_address)],
            [self.p("InTouch No. (Huawei VAT No.)", lb), self.p(d.buyer_tax_no)],
            [self.p("Payment Requisition Form No. (申付单号)", lb), self.p(d.requisition_no)],
            [self.p("Settlement Period (对账期次)", lb), self.p(d.period)],
        ], ["38%", "62%"])  # fmt: skip
        rows: list[list[Any]] = [["No.", "Service Item", "Unit Price", "Qty", "Subtotal", "VAT Rate",
                                  "VAT", "Amount"]]
        for n, line in enumerate(d.lines, start=1):
            rows.append([str(n), self.p(d.service_item or line.item_name),
                         _money(line.amount_excl_tax), "1", _money(line.amount_excl_tax),
                         fmt_rate(line.tax_rate), _money(line.tax), _money(line.amount)])
        rows.append(["", "TOTAL", "", "", _money(d.amount_excl_tax), "", _money(d.tax_amount),
                     _money(d.total_amount)])
        lines = self._table(rows, ["6%", "28%", "12%", "6%", "13%", "9%", "11%", "15%"],
                            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                            ("BACKGROUND", (0, -1), (-1, -1), _HEAD), header=True)
        amount = self._table([
            [self.p("INVOICE AMOUNT", lb),
             self.p(f"{d.currency_code} {_money(d.total_amount)}", self.big)],
            [self.p("In words", lb), self.p(english_amount(d.total_amount, d.currency_code))],
        ], ["22%", "78%"])  # fmt: skip
        bank = self._table([
            [self.p("Beneficiary", lb), self.p(d.seller_beneficiary)],
            [self.p("Bank Account No.", lb), self.p(d.seller_account)],
            [self.p("Bank Name", lb), self.p(d.seller_bank)],
            [self.p("Bank Address", lb), self.p(d.seller_bank_address)],
            [self.p("SWIFT Code", lb), self.p(d.seller_swift)],
        ], ["22%", "78%"])  # fmt: skip
        story: list[Flowable] = [
            *self._mark(d), self.p("INVOICE", self.title),
            self.p("KooGallery (华为云云商店) settlement invoice to Huawei", self.subtitle),
            top, Spacer(1, 3 * mm), bill_to, Spacer(1, 3 * mm), lines, amount,
            Spacer(1, 3 * mm), self.p("Bank details", lb), bank,
        ]  # fmt: skip
        if d.remarks.strip():
            story += [Spacer(1, 2 * mm), self._table([[self.p("Remarks", lb), self.p(d.remarks)]],
                                                     ["22%", "78%"])]
        if d.courier_no:
            story.append(self.p(f"Courier tracking No.: {d.courier_no}", self.small))
        story.append(self._signature("Authorised signature / company seal", seal))
        return story

    # -- the 开票清单 -----------------------------------------------------------------------------

    def invoice_list(self, notice: NoticeFacts, english: bool = False) -> list[Flowable]:
        """The 开票清单 of ``notice``: in Chinese with the CN form, in English (the Chinese terms
        beside) with the international one."""
        lb = self.label_en if english else self.label
        w = ListWords(english)
        entity = notice.entity
        words = (rmb_upper(notice.invoice_amount) if notice.currency_code == "CNY" and not english
                 else english_amount(notice.invoice_amount, notice.currency_code))
        category = w.value(BILL_CATEGORY, notice.bill_category)
        head = self._table([
            [self.p(w.label("申付单号"), lb), self.p(notice.requisition_no),
             self.p(w.label("对账期次"), lb), self.p(notice.period)],
            [self.p(w.label("开票通知"), lb), self.p(notice.notice_id), self.p(w.label("账单"), lb),
             self.p(f"{notice.bill_id} {category}".strip())],
            [self.p(w.label("开票金额"), lb),
             self.p(f"{_currency_sign(notice.currency_code)}{_money(notice.invoice_amount)}",
                    self.big), self.p(w.label("币种"), lb), self.p(notice.currency_code)],
            [self.p(w.label("金额大写"), lb), self.p(words), "", ""],
            [self.p(w.label("签约主体"), lb), self.p(str(entity.get("name", ""))),
             self.p(w.label("税号"), lb), self.p(str(entity.get("taxNo", "")))],
            [self.p(w.label("寄送地址"), lb),
             self.p(notice.mailing_address or notice.e_invoice_mailbox or "—"), "", ""],
        ], ["13%", "39%", "11%", "37%"] if not english else ["19%", "33%", "19%", "29%"],
            ("SPAN", (1, 3), (3, 3)), ("SPAN", (1, 5), (3, 5)))  # fmt: skip
        summary: list[list[Any]] = [[w.head(x) for x in ("序号", "劳务名称", "税率", "金额（不含税）",
                                                          "税额", "价税合计")]]
        for n, line in enumerate(notice.lines, start=1):
            summary.append([str(n), self.p(line.item_name), fmt_rate(line.tax_rate),
                            _money(line.amount_excl_tax), _money(line.tax), _money(line.amount)])
        summary.append(["", w.head("合计"), "",
                        _money(sum((x.amount_excl_tax for x in notice.lines), Decimal("0.00"))),
                        _money(sum((x.tax for x in notice.lines), Decimal("0.00"))),
                        _money(sum((x.amount for x in notice.lines), Decimal("0.00")))])
        title = ([self.p(w.label("开票清单"), self.title),
                  self.p("Print and send with the paper invoice", self.subtitle)] if english else
                 [self.p("开票清单", self.title),
                  self.p("Invoicing list — print and send with the paper invoice", self.subtitle)])
        story: list[Flowable] = [
            *title, head, Spacer(1, 4 * mm),
            self.p(w.label("开票汇总（每个税率开具一张发票）"), lb),
            self._table(summary, ["7%", "37%", "9%", "17%", "13%", "17%"],
                        ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("BACKGROUND", (0, -1), (-1, -1), _HEAD),
                        header=True),
        ]  # fmt: skip
        if notice.bill_lines:
            story += [Spacer(1, 4 * mm), self.p(w.label("账单明细"), lb), self._bill_lines(notice, w)]
        return story

    def _cell(self, text: str, w: ListWords) -> Any:
        """A short word in a narrow column: wrapped when English (longer than the Chinese)."""
        return self.p(text, self.small_en) if w.english else text

    def _partner_lines(self, notice: NoticeFacts, w: ListWords) -> Table:
        """A partner bill's lines: 客户服务商结算金额 = 订单现金消费 × 分成比例 (§7)."""
        rows: list[list[Any]] = [[self._cell(w.head(x), w) for x in (
            "序号", "订单号", "商品名称", "客户", "订单现金消费", "分成比例", "应结算金额")]]
        total = Decimal("0.00")
        for n, line in enumerate(notice.bill_lines, start=1):
            total += line.settlement_amount
            rows.append([str(n), line.order_id, self.p(line.product_name, self.small),
                         self.p(line.customer_name, self.small), _money(line.transaction_amount),
                         fmt_rate(line.share_ratio) if line.share_ratio is not None else "",
                         _money(line.settlement_amount)])
        rows.append(["", w.head("合计"), "", "", "", "", _money(total)])
        return self._table(rows, ["6%", "19%", "24%", "18%", "13%", "8%", "12%"],
                           ("FONT", (0, 1), (-1, -1), self.font, 7.5),
                           ("ALIGN", (4, 1), (-1, -1), "RIGHT"),
                           ("BACKGROUND", (0, -1), (-1, -1), _HEAD), header=True, long=True)

    def _bill_lines(self, notice: NoticeFacts, w: ListWords) -> Table:
        if notice.source == SOURCE_PARTNER:
            return self._partner_lines(notice, w)
        rows: list[list[Any]] = [[self._cell(w.head(x), w) for x in ("序号", "订单号", "商品名称", "计费模式", "类型", "交易金额",
                                            "代金券", "应结算金额")]]
        total = Decimal("0.00")
        for n, line in enumerate(notice.bill_lines, start=1):
            total += line.settlement_amount
            rows.append([str(n), line.order_id, self.p(line.product_name, self.small),
                         self._cell(w.value(CHARGING_MODE, line.charging_mode), w),
                         self._cell(w.value(LINE_TYPE, line.line_type), w),
                         _money(line.transaction_amount),
                         _money(line.voucher_amount), _money(line.settlement_amount)])
        rows.append(["", w.head("合计"), "", "", "", "", "", _money(total)])
        widths = (["6%", "17%", "25%", "10%", "7%", "12%", "10%", "13%"] if not w.english else
                  ["5%", "16%", "21%", "13%", "11%", "12%", "9%", "13%"])
        return self._table(rows, widths,
                           ("FONT", (0, 1), (-1, -1), self.font, 7.5),
                           ("ALIGN", (5, 1), (-1, -1), "RIGHT"),
                           ("BACKGROUND", (0, -1), (-1, -1), _HEAD), header=True, long=True)
