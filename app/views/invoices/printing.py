"""Printing the reportlab PDFs through Qt: any printer, its paper (A4 or Letter) and margins.

The forms are laid out by reportlab (``app.services.invoices.render``) for the paper and margins of
the printer the user chose (:func:`page_setup_for`), then each PDF page is rasterised by QtPdf at up
to 300 dpi and drawn on the whole sheet (the margins are already inside the page). Drawing the
PDF rather than re-laying-out in Qt means the preview, the printout and "Save as PDF" are the same
document.

:func:`paint_pdf` does the drawing; :class:`PrintPreview` wraps Qt's print preview dialog around a
function that renders for a given page setup (re-rendered only when the paper or margins change).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from app.views.i18n import translate

if TYPE_CHECKING:
    # reportlab (under the renderer) is loaded on the first print, not when the window starts.
    from app.services.invoices.render import PageSetup

MAX_DPI = 300
_MAX_MARGIN_MM = 60.0


class PrintError(Exception):
    """Printing failed; ``str()`` is a message for the user."""


def page_setup_for(printer: QPrinter) -> PageSetup:
    """Paper and margins of ``printer`` for reportlab (Letter stays Letter, anything else A4)."""
    from app.services.invoices.render import PageSetup

    layout = printer.pageLayout()
    size = "Letter" if layout.pageSize().id() == QPageSize.PageSizeId.Letter else "A4"
    m = layout.margins(QPageLayout.Unit.Millimeter)
    margins = tuple(
        min(max(v, 0.0), _MAX_MARGIN_MM) for v in (m.left(), m.top(), m.right(), m.bottom())
    )
    return PageSetup(size, margins)  # type: ignore[arg-type]


def prepare_printer(printer: QPrinter, setup: PageSetup) -> None:
    """Give a fresh printer the console's default paper and margins (before its dialog opens)."""
    size = QPageSize(
        QPageSize.PageSizeId.Letter if setup.size == "Letter" else QPageSize.PageSizeId.A4
    )
    left, top, right, bottom = setup.margins_mm
    printer.setPageLayout(
        QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(left, top, right, bottom),
            QPageLayout.Unit.Millimeter,
        )
    )


def paint_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` on ``printer`` (one sheet each); returns the page count."""
    handle, name = tempfile.mkstemp(suffix=".pdf", prefix="invoice-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pdf)
        document = QPdfDocument()
        if document.load(name) != QPdfDocument.Error.None_:
            raise PrintError(translate("InvoicePrinting", "The invoice PDF could not be read."))
        try:
            return _paint(document, printer)
        finally:
            document.close()
    finally:
        Path(name).unlink(missing_ok=True)


def _paint(document: QPdfDocument, printer: QPrinter) -> int:
    printer.setFullPage(True)  # the PDF pages carry their own margins
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(translate("InvoicePrinting", "The printer could not be started."))
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        sheet = printer.paperRect(QPrinter.Unit.DevicePixel)
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise PrintError(translate("InvoicePrinting", "The printer refused a new page."))
            points: QSizeF = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            scale = min(sheet.width() / points.width(), sheet.height() / points.height())
            target = QRectF(sheet.x(), sheet.y(), points.width() * scale, points.height() * scale)
            painter.drawImage(target, image)
        return document.pageCount()
    finally:
        painter.end()


class PrintPreview(QPrintPreviewDialog):
    """Qt's print preview around ``render(setup) -> pdf bytes``; printing from it prints the
    same pages. ``printed()`` says whether the user printed from the preview."""

    def __init__(
        self, printer: QPrinter, render: Callable[[PageSetup], bytes], parent: QWidget | None = None
    ) -> None:
        super().__init__(printer, parent)
        self.setObjectName("invoicePrintPreview")
        self._render = render
        self._cache: tuple[PageSetup, bytes] | None = None
        self.pages = 0
        self.problem = ""
        self.paintRequested.connect(self._paint)

    def _paint(self, printer: QPrinter) -> None:
        setup = page_setup_for(printer)
        if self._cache is None or self._cache[0] != setup:
            self._cache = (setup, self._render(setup))
        try:
            self.pages = paint_pdf(self._cache[1], printer)
        except PrintError as e:
            self.problem = str(e)
