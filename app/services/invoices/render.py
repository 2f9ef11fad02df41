"""Invoice forms and the 开票清单 as PDF (reportlab), with an embedded CJK TrueType font.

Three documents, each a sequence of platypus flowables (``forms`` builds them):

* the China-mainland VAT special invoice information form (增值税专用发票 开票信息), which the clerk
  keys into the tax-control invoicing software or hands to whoever does;
* the international invoice (business-rules §6.4: company, VAT no., bank, SWIFT, Invoice To,
  InTouch No., Payment Requisition Form No., Settlement Period, Service Item, INVOICE AMOUNT);
* the printable 开票清单 (invoicing list), which must travel with a paper invoice (§6.3: without it
  Huawei's invoice team cannot match the payment): the notice's summary per tax rate and the
  bill's order lines, in a table whose header repeats on every page; in the language of the form
  it travels with (Chinese with the CN form, English with the Chinese terms beside with the
  international one: docs/terms.md).

Amounts are printed in figures and in words (人民币大写 on CN forms, English on international
ones). Chinese text uses WenQuanYi Micro Hei (``resources/fonts``, Apache-2.0), a TrueType
collection reportlab can subset and embed, so the PDF reads the same in every viewer and printer
and its text can be extracted (reportlab writes a ToUnicode map for the subset).

Speed: the font is parsed once per process (:func:`register_font`) and the paragraph styles once
per :class:`Renderer`; a one-page invoice then renders in about 23 ms, and in a batch of many
invoices in one PDF about 14 ms each (``bench/invoices.py --count 1000``; the target is 50 ms). Page size (A4 or Letter) and margins come from :class:`PageSetup`, which
the print dialog fills from the chosen printer, so what is printed is laid out for that paper.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from app.resource_files import resource_path
from app.services.invoices.data import Company, DraftData, NoticeFacts
from app.services.invoices.errors import RenderError as RenderError  # re-exported

FONT_NAME = "WQYMicroHei"
FONT_PATH = resource_path("fonts", "wqy-microhei.ttc")
PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

_font_lock = threading.Lock()


def register_font(path: Path = FONT_PATH) -> str:
    """Register the CJK font with reportlab once per process and return its name.

    reportlab keeps fonts in a process-wide registry, so registering is done once; the lock
    makes two renders started at once on two worker threads parse the file only once.
    """
    with _font_lock:
        if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(TTFont(FONT_NAME, str(path), subfontIndex=0))
            except (OSError, Exception) as exc:  # noqa: BLE001 - reportlab raises TTFError etc.
                raise RenderError(f"the invoice font could not be loaded from {path}: {exc}") from exc
            # One face for every style: <b> in a paragraph must not ask for a missing bold font.
            pdfmetrics.registerFontFamily(
                FONT_NAME, normal=FONT_NAME, bold=FONT_NAME, italic=FONT_NAME, boldItalic=FONT_NAME
            )
    return FONT_NAME


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins of a document (margins in millimetres: left, top, right, bottom)."""

    size: str = "A4"
    margins_mm: tuple[float, float, float, float] = (15.0, 15.0, 15.0, 18.0)

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES:
            raise RenderError(f"unknown page size {self.size!r}; use A4 or Letter")
        if any(m < 0 or m > 60 for m in self.margins_mm):
            raise RenderError("margins must be between 0 and 60 mm")

    @property
    def page_size(self) -> tuple[float, float]:
        return PAGE_SIZES[self.size]


@dataclass(frozen=True)
class Printable:
    """One invoice to print: the draft and the notice it was made from."""

    draft: DraftData
    notice: NoticeFacts


class _SetFooter(Flowable):  # type: ignore[misc] # reportlab is untyped
    """A zero-size flowable that names the document part on the pages that follow (footer)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def wrap(self, *_args: Any) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.footer_text = self.text


class _NumberedCanvas(Canvas):  # type: ignore[misc] # reportlab is untyped
    """Defers each page until the end so the footer can say "page n of N"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.footer_text = ""
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        width, _height = self._pagesize
        margin = getattr(self, "footer_margins", (15 * mm, 10 * mm))
        self.saveState()
        self.setFont(FONT_NAME, 7.5)
        self.setFillGray(0.35)
        y = max(margin[1] * 0.45, 5 * mm)
        self.drawString(margin[0], y, self.footer_text)
        self.drawRightString(width - margin[0], y, f"{number} / {total}")
        self.restoreState()


class Renderer:
    """Renders invoices and 开票清单 to PDF bytes. Reuse one renderer: it keeps the styles.

    Thread-safe for use from several workers (each call builds its own document).
    """

    def __init__(self, font_path: Path = FONT_PATH) -> None:
        from app.services.invoices import forms  # the flowables, built on the styles

        self.font = register_font(font_path)
        self._forms = forms.FormBuilder(self.font)

    def render(
        self,
        items: Sequence[Printable],
        company: Company,
        setup: PageSetup | None = None,
        *,
        include_list: bool = True,
    ) -> bytes:
        """One PDF with every invoice of ``items`` and, when ``include_list``, the 开票清单 of
        each notice once, after that notice's invoices."""
        if not items:
            raise RenderError("nothing to print: choose at least one invoice")
        story: list[Flowable] = []
        seal = self._forms.seal(company.seal_image)
        by_notice: dict[str, list[Printable]] = {}
        for item in items:
            by_notice.setdefault(item.notice.notice_id, []).append(item)
        for group in by_notice.values():
            for item in group:
                story += self._part(self._forms.footer(item.draft, item.notice), story)
                story += self._forms.invoice(item.draft, item.notice, seal)
            # in the language of the form it travels with (docs/terms.md); a customer's invoice
            # has no 开票清单 (it is the list Huawei matches its payment with, §6.3)
            if include_list and group[0].notice.source != "customer":
                notice = group[0].notice
                english = not group[0].draft.is_cn
                story += self._part(self._forms.list_footer(notice, english), story)
                story += self._forms.invoice_list(notice, english)
        return self._build(story, setup or PageSetup(), title=self._title(items))

    def render_list(self, notice: NoticeFacts, setup: PageSetup | None = None, *,
                    english: bool | None = None) -> bytes:
        """The 开票清单 of one notice alone: in English (the Chinese terms beside) for an
        international notice, in Chinese for a CN one, unless ``english`` says otherwise."""
        english = notice.form != "cn" if english is None else english
        story = [_SetFooter(self._forms.list_footer(notice, english)),
                 *self._forms.invoice_list(notice, english)]
        title = "Invoicing list" if english else "开票清单"
        return self._build(story, setup or PageSetup(), title=f"{title} {notice.requisition_no}")

    @staticmethod
    def _part(footer: str, story: Sequence[Flowable]) -> list[Flowable]:
        """A new part starts on a new page and names itself in the footer."""
        return ([PageBreak()] if story else []) + [_SetFooter(footer)]

    @staticmethod
    def _title(items: Iterable[Printable]) -> str:
        refs = sorted({i.notice.requisition_no or i.notice.notice_id for i in items})
        return "Invoices " + ", ".join(refs[:5]) + (" …" if len(refs) > 5 else "")

    def _build(self, story: list[Flowable], setup: PageSetup, title: str) -> bytes:
        left, top, right, bottom = (m * mm for m in setup.margins_mm)
        width, height = setup.page_size
        out = io.BytesIO()
        doc = BaseDocTemplate(
            out, pagesize=setup.page_size, leftMargin=left, rightMargin=right, topMargin=top,
            bottomMargin=bottom, title=title, author="KooGallery Seller Console",
            creator="KooGallery Seller Console", invariant=1,
        )  # fmt: skip
        frame = Frame(left, bottom, width - left - right, height - top - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

        def margins(canvas: Canvas, _doc: Any) -> None:
            canvas.footer_margins = (left, bottom)

        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=margins)])
        try:
            doc.build(story, canvasmaker=_NumberedCanvas)
        except RenderError:
            raise
        except Exception as exc:  # noqa: BLE001 - reportlab's LayoutError and friends
            raise RenderError(f"the document could not be laid out: {exc}") from exc
        return out.getvalue()
