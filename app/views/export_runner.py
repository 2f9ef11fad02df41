"""Export what a table shows, with a progress dialog and Cancel (:mod:`app.services.exchange.exports`).

A view builds the :class:`~app.services.exchange.exports.ExportRequest` for its current filter and
columns; :class:`ExportRunner` asks for the file (CSV or XLSX by the chosen name), runs the export
on the bridge's READ lane, shows rows written in a progress dialog whose Cancel stops the export
between batches (nothing is left behind), and says the outcome in a message.

Signals of :class:`ExportRunner`
--------------------------------
``finished(object)``
    The :class:`~app.services.exchange.exports.ExportResult`, or None when cancelled or failed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMessageBox, QProgressDialog, QWidget

from app.views.bridge import Bridge, Task, TaskContext
from app.views.common.failures import failure_text
from app.views.i18n import translate
from app.views.orders.labels import COLUMNS as ORDER_COLUMNS

if TYPE_CHECKING:
    # The export services (their formats, the finance and supervision queries they export) are
    # imported at the first export: the window's File menu has the action from the start, and the
    # window is shown before they are loaded (issue 17, tests/test_startup_imports.py).
    from sqlalchemy import Engine

    from app.services.exchange.exports import ExportFormat, ExportRequest, ExportResult

RequestFactory = Callable[[Path, "ExportFormat"], "ExportRequest"]


def interface_language() -> str:
    """The language the window shows now (``zh_CN`` or ``en``; the translations set the default
    locale when they switch), which an export's headers and values follow."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


class ExportRunner(QObject):
    """One export at a time for one view. See the module docstring for the signal."""

    finished = Signal(object)

    def __init__(self, bridge: Bridge, parent: QWidget) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.parent_widget = parent
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        self.quiet = False  # tests: no message box at the end

    def ask(self, engine: Engine | None, suggested: str, make: RequestFactory) -> None:
        """Ask where to save, then export."""
        if engine is None:
            return
        name, chosen = QFileDialog.getSaveFileName(
            self.parent_widget, translate("ExportRunner", "Export"), suggested,
            translate("ExportRunner", "CSV (*.csv);;Excel workbook (*.xlsx)"))
        if not name:
            return
        from app.services.exchange.exports import ExportFormat

        fmt = ExportFormat.XLSX if name.lower().endswith(".xlsx") or (
            "xlsx" in chosen and not name.lower().endswith(".csv")) else ExportFormat.CSV
        path = Path(name)
        if path.suffix.lower() != f".{fmt.value}":
            path = path.with_name(path.name + f".{fmt.value}")
        self.run(engine, make(path, fmt))

    def run(self, engine: Engine, request: ExportRequest) -> Task | None:
        """Export ``request`` now, with the progress dialog."""
        if self.task is not None and not self.task.done:
            return None
        from app.services.exchange.exports import ExportCancelled, export

        dialog = QProgressDialog(translate("ExportRunner", "Exporting…"),
                                 translate("ExportRunner", "Cancel"), 0, 0, self.parent_widget)
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(translate("ExportRunner", "Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        self.progress = dialog

        def work(ctx: TaskContext) -> ExportResult:
            return export(engine, request, cancel=ctx.cancel,
                          progress=lambda done, total: ctx.report((done, total)))

        def reported(value: Any) -> None:
            done, total = value
            if total:
                dialog.setMaximum(int(total))
                dialog.setValue(min(int(done), int(total)))
            dialog.setLabelText(translate("ExportRunner", "Exporting… %1 rows written")
                                .replace("%1", f"{done:,}"))

        def succeeded(result: ExportResult) -> None:
            self._close()
            if not self.quiet:
                QMessageBox.information(
                    self.parent_widget, translate("ExportRunner", "Export"),
                    translate("ExportRunner", "%1 rows written to %2.")
                    .replace("%1", f"{result.rows:,}").replace("%2", str(result.path)))
            self.finished.emit(result)

        def failed(exc: BaseException) -> None:
            self._close()
            if not isinstance(exc, ExportCancelled) and not self.quiet:
                QMessageBox.warning(self.parent_widget, translate("ExportRunner", "Export"),
                                    translate("ExportRunner", "The export failed: %1")
                                    .replace("%1", failure_text(exc)))
            self.finished.emit(None)

        self.task = self.bridge.run(work, name="export", on_progress=reported,
                                    on_success=succeeded, on_failure=failed)
        task = self.task
        if task is not None:
            dialog.canceled.connect(task.cancel)
        return task

    def _close(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None


#: The Orders list's column keys (:data:`app.views.orders.labels.COLUMNS`) as export columns; an
#: amount is followed by its currency (the list shows it with the amount).
ORDERS_EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "order_id": ("id",), "customer": ("customer_real_name",), "account": ("customer_name",),
    "customer_id": ("customer_id",), "product": ("product_name",), "status": ("order_status",),
    "type": ("order_type",), "charging_mode": ("charging_mode",),
    "amount": ("total_amount", "currency_code"), "created": ("create_time",),
    "paid": ("pay_time",),
}


def orders_columns(header: QHeaderView) -> tuple[str, ...] | None:
    """The export columns of the Orders list's visible sections, in their shown order (None:
    the export's defaults, when no section maps)."""
    keys: list[str] = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if header.isSectionHidden(logical) or logical >= len(ORDER_COLUMNS):
            continue
        keys += ORDERS_EXPORT_COLUMNS.get(ORDER_COLUMNS[logical].key, ())
    return tuple(keys) or None


class OrdersExportAction(QAction):
    """File > Export orders…: the Orders list as shown now (its filter and sort, its visible
    columns in their order), through an :class:`ExportRunner`. Retranslates itself with the window."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("exportOrdersAction")
        self.window_ = window
        self.runner = ExportRunner(window.bridge, window)
        self.triggered.connect(self.ask)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(translate("ExportRunner", "&Export orders…"))
        self.setToolTip(translate("ExportRunner", "Export the orders the Orders list shows now, "
                                                  "to CSV or Excel"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window_ and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def request(self, path: Path, fmt: ExportFormat) -> ExportRequest:
        """The orders the list shows: its filter and sort, its visible columns in their order."""
        from app.services.exchange.export_areas import Area
        from app.services.exchange.exports import ExportRequest

        view = self.window_.orders.view
        flt = view.model.current_filter if view is not None else None
        columns = orders_columns(view.table.horizontalHeader()) if view is not None else None
        return ExportRequest(Area.ORDERS, fmt, path, order_filter=flt, columns=columns,
                             language=interface_language())

    def ask(self) -> None:
        self.runner.ask(self.window_.workspace.engine, "orders.csv", self.request)
