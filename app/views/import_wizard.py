"""Import what the KooGallery web console exports (订单列表, 交易明细, 账单) over
:mod:`app.services.exchange.imports`: choose the file and its kind, correct the column mapping while the
preview shows the first rows parsed with it, check every row (bad ones named by their line), import
(optionally the good rows only), and undo a whole import from the list of past imports.

Reading and checking run on the bridge's READ lane, importing and undoing on the WRITE lane; both
announce the changed collections so the areas re-read. Every failure is said in words in the
dialog, never as a traceback.

Signals of :class:`ImportDialog`
--------------------------------
``previewed(object)``
    The :class:`~app.services.exchange.imports.ImportPreview` of the current file and mapping.
``checked(object)``
    The :class:`~app.services.exchange.import_files.ParsedFile` of a full check.
``imported(object)``
    The :class:`~app.services.exchange.imports.ImportResult` (None when refused).
``undone(object)``
    The :class:`~app.services.exchange.imports.UndoResult` (None when refused).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.exchange import imports as im
from app.services.exchange.export_areas import Area
from app.services.exchange.export_areas import spec as export_spec
from app.services.exchange.import_files import FIELDS, FieldSpec, FileKind, ParsedFile, RowProblem
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.failures import failure_text
from app.views.common.forms import ask_file
from app.views.i18n import translate

#: Collections an import or an undo changes.
CHANGED = frozenset({"orders", "bills"})
T = TypeVar("T")
NONE = ""


def kind_text(kind: FileKind) -> str:
    return {
        FileKind.ORDERS: translate("ImportDialog", "Order list (订单列表)"),
        FileKind.TRANSACTIONS: translate("ImportDialog", "Transaction details (交易明细)"),
        FileKind.BILLS: translate("ImportDialog", "Bills (账单)"),
    }[kind]


def problem_text(p: RowProblem) -> str:
    """``Line 12, 金额 ("abc"): not an amount``."""
    where = p.header or p.field or ""
    value = f' ("{p.value}")' if p.value else ""
    return (translate("ImportDialog", "Line %1, %2%3: %4").replace("%1", str(p.line))
            .replace("%2", where).replace("%3", value).replace("%4", p.message))


class ImportDialog(QDialog):
    """The import wizard. See the module docstring for its signals."""

    previewed = Signal(object)
    checked = Signal(object)
    imported = Signal(object)
    undone = Signal(object)

    def __init__(self, bridge: Bridge, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(translate("ImportDialog", "Import from the web console"))
        self.resize(980, 640)
        self.bridge = bridge
        self.engine = engine
        self.preview: im.ImportPreview | None = None
        self.path = QLineEdit(self)
        self.path.setReadOnly(True)
        self.browse = QPushButton(translate("ImportDialog", "Choose file…"), self)
        self.kind = QComboBox(self)
        for kind in FileKind:
            self.kind.addItem(kind_text(kind), kind.value)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.path, 1)
        top.addWidget(self.browse)

        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setObjectName("importMapping")
        self.mapping.setHorizontalHeaderLabels([translate("ImportDialog", "Field"),
                                                translate("ImportDialog", "Column in the file")])
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.verticalHeader().setVisible(False)
        self.rows = QTableWidget(self)
        self.rows.verticalHeader().setVisible(False)  # the file's own line numbers are a column
        self.rows.setObjectName("importPreview")
        self.problems = QListWidget(self)
        self.problems.setObjectName("importProblems")
        self.good_only = QCheckBox(translate("ImportDialog", "Import the good rows only"), self)
        self.check = QPushButton(translate("ImportDialog", "Check every row"), self)
        self.run = QPushButton(translate("ImportDialog", "Import"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        map_page = QWidget(self)
        map_layout = QHBoxLayout(map_page)
        map_layout.addWidget(self.mapping, 1)
        map_layout.addWidget(self.rows, 2)
        actions = QHBoxLayout()
        for w in (self.check, self.good_only, self.run):
            actions.addWidget(w)
        actions.addStretch(1)

        self.batches = QTableWidget(0, 6, self)
        self.batches.setObjectName("importBatches")
        self.batches.setHorizontalHeaderLabels([
            translate("ImportDialog", "When"), translate("ImportDialog", "File"),
            translate("ImportDialog", "Kind"), translate("ImportDialog", "Inserted"),
            translate("ImportDialog", "Updated"), translate("ImportDialog", "Undone")])
        self.batches.verticalHeader().setVisible(False)
        self.undo = QPushButton(translate("ImportDialog", "Undo this import"), self)
        history = QWidget(self)
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.batches, 1)
        history_layout.addWidget(self.undo)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(map_page, translate("ImportDialog", "Mapping and preview"))
        self.tabs.addTab(self.problems, translate("ImportDialog", "Problems"))
        self.tabs.addTab(history, translate("ImportDialog", "Past imports"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)

        self.browse.clicked.connect(self.choose_file)
        self.kind.currentIndexChanged.connect(lambda _i: self.load_preview(use_mapping=False))
        self.check.clicked.connect(self.check_rows)
        self.run.clicked.connect(self.import_rows)
        self.undo.clicked.connect(self.undo_selected)
        self._enable()
        self.load_batches()

    # -- state ----------------------------------------------------------------------------------

    def file_kind(self) -> FileKind:
        return FileKind(str(self.kind.currentData()))

    def current_mapping(self) -> dict[str, str]:
        """Field -> header, as the mapping table says now."""
        chosen: dict[str, str] = {}
        for row in range(self.mapping.rowCount()):
            combo = self.mapping.cellWidget(row, 1)
            item = self.mapping.item(row, 0)
            if isinstance(combo, QComboBox) and item is not None and combo.currentData():
                chosen[str(item.data(256))] = str(combo.currentData())
        return chosen

    def _enable(self) -> None:
        ready = self.preview is not None
        for w in (self.check, self.run, self.good_only):
            w.setEnabled(ready)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    def _failed(self, exc: BaseException) -> None:
        self._say(failure_text(exc), error=True)

    # -- steps ----------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path = ask_file(self, translate("ImportDialog", "Choose an exported file"),
                        translate("ImportDialog", "Exports (*.xlsx *.csv);;All files (*)"))
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path, kind: FileKind | None = None) -> None:
        """Preview ``path`` (of ``kind``, else the chosen kind) with the guessed mapping."""
        if kind is not None:
            self.kind.blockSignals(True)
            self.kind.setCurrentIndex(self.kind.findData(kind.value))
            self.kind.blockSignals(False)
        self.path.setText(str(path))
        self.load_preview(use_mapping=False)

    def load_preview(self, use_mapping: bool = True) -> None:
        if not self.path.text():
            return
        path, kind, engine = Path(self.path.text()), self.file_kind(), self.engine
        mapping = self.current_mapping() if use_mapping else None
        self._say(translate("ImportDialog", "Reading the file…"))

        def shown(preview: im.ImportPreview) -> None:
            self.preview = preview
            self._fill_mapping(preview)
            self._fill_rows(preview)
            self._enable()
            problems = "; ".join(preview.mapping_problems)
            self._say(translate("ImportDialog", "%1 data rows; header on line %2. %3")
                      .replace("%1", f"{preview.data_rows:,}")
                      .replace("%2", str(preview.header_line)).replace("%3", problems),
                      error=bool(problems))
            self.previewed.emit(preview)

        def failed(exc: BaseException) -> None:
            self.preview = None
            self._enable()
            self._failed(exc)

        self.bridge.run(lambda _c: im.preview(engine, path, kind, mapping), name="import.preview",
                        owner=self,
                        on_success=shown, on_failure=failed)

    @staticmethod
    def field_label(kind: FileKind, field: FieldSpec) -> str:
        """A field in words: the export's English header of the same column where there is one,
        with the web console's own (Chinese) header name, e.g. "Order ID (订单号)"."""
        area = {FileKind.ORDERS: Area.ORDERS, FileKind.TRANSACTIONS: Area.BILL_LINES,
                FileKind.BILLS: Area.BILLS}.get(kind)
        english = next((c.en for c in export_spec(area).columns if c.key == field.name),
                       None) if area is not None else None
        console = field.names[0] if field.names else field.name
        return f"{english} ({console})" if english else console

    def _fill_mapping(self, preview: im.ImportPreview) -> None:
        specs = FIELDS[preview.kind]
        self.mapping.setRowCount(len(specs))
        for row, spec in enumerate(specs):
            item = QTableWidgetItem(self.field_label(preview.kind, spec)
                                    + (" *" if spec.required else ""))
            item.setData(256, spec.name)
            item.setToolTip(spec.name)
            self.mapping.setItem(row, 0, item)
            combo = QComboBox(self.mapping)
            combo.addItem(translate("ImportDialog", "(not in the file)"), NONE)
            for header in preview.headers:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(spec.name, NONE))))
            combo.currentIndexChanged.connect(lambda _i: self.load_preview(use_mapping=True))
            self.mapping.setCellWidget(row, 1, combo)
        self.mapping.resizeColumnToContents(0)

    def _fill_rows(self, preview: im.ImportPreview) -> None:
        specs = [f for f in FIELDS[preview.kind] if f.name in preview.mapping]
        fields = [f.name for f in specs]
        self.rows.clear()
        self.rows.setColumnCount(len(fields) + 1)
        self.rows.setHorizontalHeaderLabels([translate("ImportDialog", "Line"),
                                             *(self.field_label(preview.kind, f) for f in specs)])
        self.rows.setRowCount(len(preview.rows))
        for r, row in enumerate(preview.rows):
            self.rows.setItem(r, 0, QTableWidgetItem(str(row.line)))
            bad = {p.field: p.message for p in row.problems}
            for c, name in enumerate(fields, 1):
                value = row.values.get(name)
                item = QTableWidgetItem("" if value is None else str(value))
                if name in bad and value is None:  # the reason in place of a value it refused
                    item.setText(bad[name])
                if name in bad:
                    item.setForeground(QBrush(QColor("#c62828")))
                    item.setToolTip(bad[name])
                self.rows.setItem(r, c, item)
        self.rows.resizeColumnsToContents()

    def check_rows(self) -> None:
        path, kind, mapping = Path(self.path.text()), self.file_kind(), self.current_mapping()

        def done(parsed: ParsedFile) -> None:
            self.problems.clear()
            for problem in parsed.problems:
                self.problems.addItem(problem_text(problem))
            if parsed.problems:
                self.tabs.setCurrentWidget(self.problems)
            self._say(translate("ImportDialog", "%1 good rows, %2 bad lines.")
                      .replace("%1", f"{len(parsed.rows):,}")
                      .replace("%2", f"{len(parsed.bad_lines):,}"), error=bool(parsed.problems))
            self.checked.emit(parsed)

        self.bridge.run(lambda _c: im.validate(path, kind, mapping), name="import.validate",
                        owner=self,
                        on_success=done,
                        on_failure=self._failed)

    def import_rows(self) -> None:
        path, kind, mapping = Path(self.path.text()), self.file_kind(), self.current_mapping()
        engine, skip = self.engine, self.good_only.isChecked()
        now = datetime.now(UTC)

        def said(result: im.ImportResult) -> str:
            return (translate("ImportDialog", "Imported: %1 new, %2 updated, %3 unchanged, "
                                              "%4 skipped.")
                    .replace("%1", str(result.inserted)).replace("%2", str(result.updated))
                    .replace("%3", str(result.unchanged)).replace("%4", str(result.skipped)))

        self._write(lambda _c: im.run_import(engine, path, kind, mapping, now=now,
                                             skip_bad_rows=skip),
                    "import.run", said, self.imported)

    def _write(self, work: Callable[[TaskContext], T], name: str, said: Callable[[T], str],
               outcome: SignalInstance) -> None:
        """Run ``work`` on the WRITE lane; then say ``said(result)``, announce the change, show
        the imports again and emit ``outcome(result)``; on failure say why and emit
        ``outcome(None)``."""

        def done(result: T) -> None:
            self._say(said(result))
            self.bridge.announce(CHANGED, self)
            self.load_batches()
            outcome.emit(result)

        def failed(exc: BaseException) -> None:
            self._failed(exc)
            outcome.emit(None)

        self.bridge.run(work, name=name, lane=Lane.WRITE, owner=self, on_success=done,
                        on_failure=failed)

    # -- past imports ---------------------------------------------------------------------------

    def load_batches(self) -> None:
        engine = self.engine

        def shown(batches: list[im.BatchInfo]) -> None:
            self.batches.setRowCount(len(batches))
            for r, b in enumerate(batches):
                values = (b.created_at.astimezone().strftime("%Y-%m-%d %H:%M"), b.file_name,
                          b.kind, str(b.inserted), str(b.updated),
                          b.undone_at.astimezone().strftime("%Y-%m-%d %H:%M")
                          if b.undone_at else "")
                for c, value in enumerate(values):
                    item = QTableWidgetItem(value)
                    item.setData(256, b.id)
                    self.batches.setItem(r, c, item)
            self.batches.resizeColumnsToContents()

        self.bridge.run(lambda _c: im.list_batches(engine), name="import.batches",
                        owner=self,
                        on_success=shown,
                        on_failure=self._failed)

    def undo_selected(self) -> None:
        item = self.batches.item(self.batches.currentRow(), 0)
        if item is None:
            self._say(translate("ImportDialog", "Choose an import to undo."), error=True)
            return
        batch_id, engine = int(item.data(256)), self.engine

        def said(result: im.UndoResult) -> str:
            return (translate("ImportDialog", "Undone: %1 removed, %2 restored, %3 kept "
                                              "(changed since by a sync or import).")
                    .replace("%1", str(result.deleted)).replace("%2", str(result.restored))
                    .replace("%3", str(result.kept)))

        self._write(lambda _c: im.undo_import(engine, batch_id), "import.undo", said,
                    self.undone)
