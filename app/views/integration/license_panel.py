"""The license and usage panel of the Integration area (issue 14 §2): KooGallery's open APIs.

Two parts, each doing what ``seller-console`` does with the same checks and words:

* **License code** (License 2.0, interfaces.md §7.4): activate or query one code; the answer in
  words (``app.services.openapi.codes``), a refusal such as "already activated" or "the buyer has
  not received this code yet" included (``seller-console license activate|query CODE``);
* **Usage push** (§7.3): a CSV or XLSX of usage records is checked row by row, the good records
  are queued in the outbox in batches and sent at once; the table lists every refused row with its
  reason and every record KooGallery refused (``seller-console usage push FILE``).

All work runs on the bridge (network and cache never on the GUI thread); the usage push on the
write lane, and the Outbox area hears of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.config.paths import AppPaths
from app.services.marketplace.credentials import Credentials, open_client
from app.services.openapi import codes, license, usage
from app.services.openapi.hosts import USAGE_BATCH, USAGE_BATCH_MAX
from app.services.outbox.factory import make_outbox, send_due
from app.services.outbox.queue import DispatchReport
from app.views.bridge import Lane, TaskContext
from app.views.common.failures import failure_text
from app.views.common.formats import local_time
from app.views.common.forms import ask_file, button_row
from app.views.common.retranslating import Retranslating
from app.views.context import AreaContext
from app.views.export_runner import interface_language
from app.views.i18n import translate


def license_words(answer: license.LicenseAnswer, activating: bool) -> str:
    """One license answer in words (``seller-console license`` says the same)."""
    lang = interface_language()
    status = codes.status_word(answer.status, lang)
    expire = local_time(answer.expire_time) if answer.expire_time else "-"
    if answer.ok and activating:
        return translate("LicensePanel", "{code}: activated ({status}); order {order}, expires "
                         "{expire}").format(code=answer.license, status=status,
                                            order=answer.order_id or "-", expire=expire)
    if answer.already_active:
        return translate("LicensePanel", "{code}: already activated on {when} ({status}); expires "
                         "{expire}").format(code=answer.license, when=local_time(answer.activate_time), status=status,
                                            expire=expire)
    if answer.ok:
        return translate("LicensePanel", "{code}: {status}; activated {when}, expires "
                         "{expire}").format(code=answer.license, status=status,
                                            when=local_time(answer.activate_time), expire=expire)
    return translate("LicensePanel", "{code}: {meaning} ({error})").format(
        code=answer.license, meaning=codes.describe(answer.code, lang, answer.message),
        error=answer.code or "-")


@dataclass(frozen=True)
class PushResult:
    """What one push did: the plan (rows refused here), the dispatcher's report, and the state of
    every record of the file."""

    plan: usage.UsagePlan
    report: DispatchReport | None
    states: tuple[usage.RecordState, ...]


def push_file(engine: Engine, paths: AppPaths, path: Path, batch_size: int,
              connect: Callable[[], Credentials] | None) -> PushResult:
    """Check, queue and send a usage file (the panel's work; runs on the write lane)."""
    outbox = make_outbox(engine, paths)
    plan = usage.plan_file(path, outbox)
    usage.queue_plan(outbox, plan, batch_size)
    report = send_due(outbox, connect(), ignore_schedule=True) if connect is not None else None
    states = tuple(usage.records_status(outbox, usage.plan_sns(plan)))
    return PushResult(plan, report, states)


class LicensePanel(Retranslating, QWidget):
    """Activate or query a license code; push a usage file with a per-row result."""

    COLUMNS = 4

    def __init__(self, context: AreaContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("licensePanel")
        self.bridge = context.bridge
        self.workspace = context.workspace
        self.file: Path | None = None

        self.license_box = QGroupBox(self)
        self.code_edit = QLineEdit(self.license_box)
        self.code_edit.setObjectName("licenseCode")
        self.code_edit.setMaxLength(64)
        self.code_edit.setClearButtonEnabled(True)
        self.code_label = QLabel(self.license_box)
        self.activate_button = QPushButton(self.license_box)
        self.activate_button.setObjectName("activateLicense")
        self.query_button = QPushButton(self.license_box)
        self.query_button.setObjectName("queryLicense")
        self.license_result = QLabel(self.license_box)
        self.license_result.setObjectName("licenseResult")
        self.license_result.setWordWrap(True)
        self.license_result.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.code_label, self.code_edit)
        box = QVBoxLayout(self.license_box)
        box.addLayout(form)
        box.addLayout(button_row(self.activate_button, self.query_button))
        box.addWidget(self.license_result)

        self.usage_box = QGroupBox(self)
        self.choose_button = QPushButton(self.usage_box)
        self.choose_button.setObjectName("chooseUsageFile")
        self.file_label = QLabel(self.usage_box)
        self.file_label.setObjectName("usageFile")
        self.batch_label = QLabel(self.usage_box)
        self.batch_spin = QSpinBox(self.usage_box)
        self.batch_spin.setRange(1, USAGE_BATCH_MAX)
        self.batch_spin.setValue(USAGE_BATCH.value)
        self.push_button = QPushButton(self.usage_box)
        self.push_button.setObjectName("pushUsage")
        self.push_button.setEnabled(False)
        self.usage_summary = QLabel(self.usage_box)
        self.usage_summary.setObjectName("usageSummary")
        self.usage_summary.setWordWrap(True)
        self.table = QTableWidget(0, self.COLUMNS, self.usage_box)
        self.table.setObjectName("usageResults")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        row = QHBoxLayout()
        for w in (self.choose_button, self.file_label):
            row.addWidget(w)
        row.addStretch(1)
        for part in (self.batch_label, self.batch_spin, self.push_button):
            row.addWidget(part)
        ubox = QVBoxLayout(self.usage_box)
        ubox.addLayout(row)
        ubox.addWidget(self.usage_summary)
        ubox.addWidget(self.table, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.license_box)
        layout.addWidget(self.usage_box, 1)

        self.activate_button.clicked.connect(lambda: self.run_license(True))
        self.query_button.clicked.connect(lambda: self.run_license(False))
        self.code_edit.returnPressed.connect(lambda: self.run_license(False))
        self.choose_button.clicked.connect(self._choose)
        self.push_button.clicked.connect(self.push)
        self.retranslate()

    def retranslate(self) -> None:
        self.license_box.setTitle(translate("LicensePanel", "License code (License 2.0)"))
        self.code_label.setText(translate("LicensePanel", "&Code:"))
        self.code_label.setBuddy(self.code_edit)
        self.code_edit.setPlaceholderText(translate("LicensePanel", "the code the buyer gave you"))
        self.activate_button.setText(translate("LicensePanel", "&Activate"))
        self.activate_button.setToolTip(translate(
            "LicensePanel", "Activate the code at KooGallery (once; a second activation is "
            "refused)"))
        self.query_button.setText(translate("LicensePanel", "&Query"))
        self.query_button.setToolTip(translate("LicensePanel", "Ask KooGallery for the code's "
                                               "status and times"))
        self.usage_box.setTitle(translate("LicensePanel", "Usage push (pay-per-use)"))
        self.choose_button.setText(translate("LicensePanel", "Choose &file…"))
        if self.file is None:
            self.file_label.setText(translate("LicensePanel", "no file chosen (CSV or XLSX)"))
        self.batch_label.setText(translate("LicensePanel", "Records per request:"))
        self.batch_spin.setToolTip(translate(
            "LicensePanel", "KooGallery's pages give 100 or 1000 (unconfirmed); 100 is safe"))
        self.push_button.setText(translate("LicensePanel", "&Push"))
        self.table.setHorizontalHeaderLabels([
            translate("LicensePanel", "Line"), translate("LicensePanel", "metering_sn"),
            translate("LicensePanel", "Result"), translate("LicensePanel", "Reason")])

    # -- license --------------------------------------------------------------------------------

    def _connector(self) -> Callable[[], Credentials] | None:
        target = self.workspace.target
        return self.workspace.connector(target) if target is not None else None

    def _say(self, label: QLabel, text: str, bad: bool = False) -> None:
        label.setStyleSheet("color:#c0392b" if bad else "")
        label.setText(text)

    def run_license(self, activating: bool) -> None:
        code = self.code_edit.text().strip()
        try:
            code = license.check_code(code)
        except license.LicenseError as e:
            self._say(self.license_result, translate(
                "LicensePanel", "A license code is 1 to 64 characters without blanks.")
                if code else translate("LicensePanel", "Enter a license code."), True)
            del e
            return
        connect = self._connector()
        if connect is None:
            self._say(self.license_result, translate("LicensePanel", "Open a profile first."),
                      True)
            return

        def work(_ctx: TaskContext) -> license.LicenseAnswer:
            with open_client(connect()) as client:
                if activating:
                    return license.activate(client, code)
                return license.query(client, code)

        def done(answer: license.LicenseAnswer) -> None:
            self._busy(False)
            self._say(self.license_result, license_words(answer, activating),
                      not (answer.ok or answer.already_active))

        def failed(exc: BaseException) -> None:
            self._busy(False)
            self._say(self.license_result, failure_text(exc), True)

        self._busy(True)
        self._say(self.license_result, translate("LicensePanel", "Asking KooGallery…"))
        self.bridge.run(work, name="license.call", owner=self, latest="license",
                        on_success=done, on_failure=failed)

    def _busy(self, busy: bool) -> None:
        self.activate_button.setEnabled(not busy)
        self.query_button.setEnabled(not busy)

    # -- usage ----------------------------------------------------------------------------------

    def _choose(self) -> None:
        path = ask_file(self, translate("LicensePanel", "Usage records"),
                        translate("LicensePanel", "Usage records (*.csv *.xlsx)"))
        if path is not None:
            self.set_file(path)

    def set_file(self, path: Path) -> None:
        self.file = path
        self.file_label.setText(path.name)
        self.file_label.setToolTip(str(path))
        self.push_button.setEnabled(True)

    def push(self) -> None:
        engine, path = self.workspace.engine, self.file
        if path is None:
            return
        if engine is None:
            self._say(self.usage_summary, translate("LicensePanel", "Open a cache first: the "
                                                    "records go through its outbox."), True)
            return
        connect = self._connector()
        paths, size = self.workspace.paths, self.batch_spin.value()
        self.push_button.setEnabled(False)
        self._say(self.usage_summary, translate("LicensePanel", "Checking and sending…"))

        def done(result: PushResult) -> None:
            self.push_button.setEnabled(True)
            self.bridge.announce({"outbox"}, self)
            self.show_result(result)

        def failed(exc: BaseException) -> None:
            self.push_button.setEnabled(True)
            self._say(self.usage_summary, failure_text(exc), True)

        self.bridge.run(lambda _ctx: push_file(engine, paths, path, size, connect),
                        name="usage.push", lane=Lane.WRITE, owner=self, latest="push",
                        on_success=done, on_failure=failed)

    def show_result(self, result: PushResult) -> None:
        lang = interface_language()
        rows: list[tuple[str, str, str, str]] = [
            (str(r.line), r.metering_sn, translate("LicensePanel", "refused here"), r.text(lang))
            for r in result.plan.refused]
        words = {"refused": translate("LicensePanel", "refused by KooGallery"),
                 "queued": translate("LicensePanel", "waiting in the outbox")}
        rows += [("", s.metering_sn, words[s.state], s.reason or "")
                 for s in result.states if s.state in words]
        self.table.setRowCount(len(rows))
        for n, values in enumerate(rows):
            for col, value in enumerate(values):
                self.table.setItem(n, col, QTableWidgetItem(value))
        counts = {s: sum(1 for r in result.states if r.state == s)
                  for s in ("sent", "queued", "refused")}
        text = translate("LicensePanel", "{sent} records sent, {queued} waiting, {refused} "
                         "refused by KooGallery, {bad} rows refused here").format(
            sent=counts["sent"], queued=counts["queued"], refused=counts["refused"],
            bad=len(result.plan.refused))
        if result.plan.already_queued:
            text += " " + translate("LicensePanel", "({n} were queued before and are not sent "
                                    "again.)").format(n=len(result.plan.already_queued))
        if result.report is not None and result.report.paused:
            text += " " + translate("LicensePanel", "Sending paused: {message}").format(
                message=result.report.message)
        self._say(self.usage_summary, text, bool(rows))
