"""The Deliver dialog: acceptance files (dropped or picked), 服务结果描述, optional 实际开通时间,
hardware logistics, and the pre-flight findings per file before anything is queued.

Each change of the file list runs the pre-flight check (``app.services.supervision.preflight``) on the READ
lane; an answer for an older list is dropped. Errors block the delivery (they cannot be
overridden); warnings need the acknowledge box ticked. The actual start time is entered and shown in
local time and queued as UTC. Queuing copies the files into the console's store, so the originals
may move afterwards.

Signals: ``queued(object)`` (from :class:`~app.views.supervision.dialogs.QueueDialog`);
``checked(object)``: a pre-flight :class:`~app.services.supervision.preflight.PreflightReport` arrived.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.models.supervision import SupervisionTask
from app.services.outbox.queue import Outbox
from app.services.supervision import actions as sv
from app.services.supervision import preflight as pf
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.forms import button_row, stack
from app.views.i18n import translate
from app.views.supervision import labels
from app.views.supervision.dialogs import QueueDialog, failure_text, local_files

ERROR_COLOR = QColor("#c0392b")
WARNING_COLOR = QColor("#b9770e")
NOTE_COLOR = QColor("#2c5d8a")


class DeliverDialog(QueueDialog):
    """Deliver a task. ``server_action`` is the marketplace's wording of the step (确认完成,
    上传交付凭证, 填写物流信息, ...); ``config_dir`` holds the user's copy of the file rules."""

    checked = Signal(object)

    def __init__(self, bridge: Bridge, outbox: Outbox, task: SupervisionTask,
                 server_action: str, config_dir: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(bridge, outbox, task, parent)
        self.setObjectName("deliverDialog")
        self.setAcceptDrops(True)
        self.hardware = server_action == sv.LOGISTICS_ACTION
        self.config_dir = config_dir
        self.report: pf.PreflightReport | None = None
        self.checking = False
        self._paths: list[Path] = []
        self.setWindowTitle(translate("DeliverDialog", "Deliver — %1").replace("%1", server_action))
        intro = QLabel(translate("DeliverDialog", "Drop the acceptance files (交付验收件) here or add them. They "
                               "are checked before anything is queued."), self)
        intro.setWordWrap(True)
        self.files = QTreeWidget(self)
        self.files.setObjectName("deliverFiles")
        self.files.setHeaderHidden(True)
        self.files.setWordWrap(True)
        add = QPushButton(translate("DeliverDialog", "Add Files…"), self)
        add.clicked.connect(self._pick)
        remove = QPushButton(translate("DeliverDialog", "Remove"), self)
        remove.clicked.connect(self._remove_selected)
        row = button_row(add, remove)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("deliverDescription")
        self.description.setPlaceholderText(translate("DeliverDialog", "What was delivered (服务结果描述)"))
        self.description.setMaximumHeight(self.fontMetrics().height() * 6)
        self.files.setMinimumHeight(self.fontMetrics().height() * 10)
        self.use_start = QCheckBox(translate("DeliverDialog", "Set the actual start time (实际开通时间)"), self)
        self.start = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setCalendarPopup(True)
        self.start.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.start.setEnabled(False)
        self.start.setToolTip(translate("DeliverDialog", "Your local time; the marketplace gets it in UTC. Leave it "
                                      "unset and the validity starts at the buyer's acceptance."))
        self.use_start.toggled.connect(self.start.setEnabled)
        self.courier = QLineEdit(self)
        self.tracking = QLineEdit(self)
        self.acknowledge = QCheckBox(translate("DeliverDialog", "I have read the warnings and deliver anyway"), self)
        self.acknowledge.setObjectName("deliverAcknowledge")
        self.acknowledge.hide()
        self.acknowledge.toggled.connect(self._update_ok)
        form = QFormLayout()
        form.addRow(translate("DeliverDialog", "Service result"), self.description)
        form.addRow(self.use_start, self.start)
        if self.hardware:
            form.addRow(translate("DeliverDialog", "Courier company"), self.courier)
            form.addRow(translate("DeliverDialog", "Tracking number"), self.tracking)
        else:
            self.courier.hide()
            self.tracking.hide()
        stack(self, intro, (self.files, 1), row, form, self.acknowledge, self.message, self.buttons)
        self.ok_button.setText(translate("DeliverDialog", "Queue Delivery"))
        h = self.fontMetrics().height()
        self.resize(h * 40, h * 32)
        self._show_files()

    # -- files ------------------------------------------------------------------------------------

    def paths(self) -> list[Path]:
        return list(self._paths)

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self._paths:
                self._paths.append(path)
        self._check()

    def remove_file(self, path: Path) -> None:
        if path in self._paths:
            self._paths.remove(path)
            self._check()

    def _pick(self) -> None:
        names, _f = QFileDialog.getOpenFileNames(self, translate("DeliverDialog", "Acceptance Files"))
        self.add_files([Path(n) for n in names])

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            data = item.data(0, 256)
            if isinstance(data, str):
                self.remove_file(Path(data))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- pre-flight -------------------------------------------------------------------------------

    def _check(self) -> None:
        self.report = None
        self.acknowledge.setChecked(False)
        if not self._paths:
            self.bridge.forget(self, "preflight")  # a check still running answers nothing now
            self.checking = False
            self._show_files()
            return
        self.checking = True
        self._show_files()
        engine, task_id, paths, config = self.outbox.engine, self.task.id, self.paths(), \
            self.config_dir

        def work(_ctx: TaskContext) -> pf.PreflightReport:
            return pf.check_files(paths, pf.order_facts(engine, task_id),
                                  pf.load_rules(config), config)

        def done(report: pf.PreflightReport) -> None:
            self.checking = False
            self.report = report
            self._show_files()
            self.checked.emit(report)

        def failed(exc: BaseException) -> None:
            self.checking = False
            self._show_files()
            self.say(translate("DeliverDialog", "The files could not be checked: %1").replace("%1",
                                                                            failure_text(exc)))

        self.bridge.run(work, name="supervision.preflight", lane=Lane.READ, owner=self,
                        latest="preflight", on_success=done, on_failure=failed)

    def _show_files(self) -> None:
        self.files.clear()
        report = self.report
        if not self._paths:
            hint = QTreeWidgetItem([translate("DeliverDialog", "No files yet: drop them here.")])
            self.files.addTopLevelItem(hint)
        for path in self._paths:
            item = QTreeWidgetItem([path.name])
            item.setData(0, 256, str(path))
            item.setToolTip(0, str(path))
            self.files.addTopLevelItem(item)
            if self.checking:
                QTreeWidgetItem(item, [translate("DeliverDialog", "Checking…")])
            elif report is not None:
                found = report.for_file(path.name)
                for f in found:
                    self._finding_item(item, f)
                if not found:
                    QTreeWidgetItem(item, [translate("DeliverDialog", "OK")])
            item.setExpanded(True)
        if report is not None:
            general = [f for f in report.findings if not f.file_name]
            if general:
                top = QTreeWidgetItem([translate("DeliverDialog", "The delivery as a whole")])
                self.files.addTopLevelItem(top)
                for f in general:
                    self._finding_item(top, f)
                top.setExpanded(True)
        warnings = bool(report and report.warnings)
        self.acknowledge.setVisible(warnings)
        self._update_ok()

    def _finding_item(self, parent: QTreeWidgetItem, f: pf.Finding) -> None:
        prefixes = {pf.ERROR: translate("DeliverDialog", "Error"),
                    pf.WARNING: translate("DeliverDialog", "Warning"),
                    pf.NOTE: translate("DeliverDialog", "Check by eye")}
        text = f"{prefixes.get(f.severity, f.severity)}: {labels.finding(f)}"
        child = QTreeWidgetItem(parent, [text])
        child.setToolTip(0, text)
        colour = {pf.ERROR: ERROR_COLOR, pf.WARNING: WARNING_COLOR}.get(f.severity, NOTE_COLOR)
        child.setForeground(0, QBrush(colour))
        child.setData(0, 256 + 1, f.code)

    def findings_text(self) -> list[str]:
        """Every line shown under the files (tests, and copying the list)."""
        out = []
        for i in range(self.files.topLevelItemCount()):
            top = self.files.topLevelItem(i)
            assert top is not None
            for j in range(top.childCount()):
                child = top.child(j)
                assert child is not None
                out.append(f"{top.text(0)}: {child.text(0)}")
        return out

    def _update_ok(self, *_args: object) -> None:
        problem = self.problem()
        self.ok_button.setEnabled(problem == "" and not self.busy)
        self.ok_button.setToolTip(problem)

    def problem(self) -> str:
        """Why the delivery cannot be queued yet, or ""."""
        if self.checking:
            return translate("DeliverDialog", "The files are being checked…")
        if not self.hardware and not self._paths:
            return translate("DeliverDialog", "Add at least one acceptance file.")
        if self.report is not None and self.report.blocked:
            return translate("DeliverDialog", "Fix the errors first: they cannot be overridden.")
        if self.report is not None and self.report.warnings and not self.acknowledge.isChecked():
            return translate("DeliverDialog", "Tick the box to deliver in spite of the warnings.")
        return ""

    # -- queuing ----------------------------------------------------------------------------------

    def actual_start(self) -> datetime | None:
        """The entered local time as an aware datetime (queued as UTC), or None."""
        if not self.use_start.isChecked():
            return None
        entered = self.start.dateTime().toPython()
        assert isinstance(entered, datetime)
        return entered.astimezone()  # naive local -> aware (the system's zone)

    def submit(self) -> None:
        problem = self.problem()
        if not problem and not self.description.toPlainText().strip() and not self.hardware:
            problem = translate("DeliverDialog", "Describe the service result (服务结果描述).")
        if not problem and self.hardware and not (self.courier.text().strip()
                                                  and self.tracking.text().strip()):
            problem = translate("DeliverDialog", "Enter the courier company and the tracking number.")
        if problem:
            self.say(problem)
            return
        outbox, task_id, files = self.outbox, self.task.id, self.paths()
        description, start = self.description.toPlainText(), self.actual_start()
        courier, tracking = self.courier.text(), self.tracking.text()
        self.run_queue(lambda: sv.queue_deliver(outbox, task_id, files, description, start,
                                                courier, tracking), "supervision.deliver")
