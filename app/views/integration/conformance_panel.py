"""The conformance tester in the window: the console plays KooGallery against the seller's own
production interface (生产接口), the same run as ``seller-console conformance``.

The user gives the production URL, picks the family and gives the key once (it is kept in the
keychain for the current profile, never in a file; ``SELLER_CONSOLE_ISV_KEY`` wins when set).
Run sends the requests on a worker through the bridge; the table lists every check with its
result and why, and the pane below shows the requests and answers a selected check is based on
(secrets masked). The report exports as HTML and JUnit XML.

Signals
-------
``finished(object)``
    The :class:`~app.services.integration.report.Report` of a run, once shown.
``failed(str)``
    A run that made no report (unreachable URL, no key), with the line shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from app.config.paths import atomic_write_text
from app.services.integration.report import CheckResult, Report
from app.services.integration.rules import FAMILIES
from app.services.marketplace.credentials import (
    CredentialsError,
    CredentialStore,
    resolve_isv_key,
    store_isv_key,
)
from app.views.bridge import Task, TaskContext
from app.views.common.failures import failure_text
from app.views.common.forms import button_row, message_label, stack
from app.views.common.retranslating import Retranslating
from app.views.common.rows_model import WARN, Column, RowsTableModel
from app.views.common.tables import fit_columns, make_table
from app.views.export_runner import interface_language
from app.views.i18n import translate

if TYPE_CHECKING:
    from app.views.context import AreaContext

_COLOURS = {"passed": "#1a7f37", "failed": WARN, "warning": "#b26a00", "skipped": "#666666"}


def _family_label(family: str) -> str:
    words = {
        "saas-v2": translate("ConformancePanel", "SaaS V2 (POST, signature)"),
        "saas-v1": translate("ConformancePanel", "SaaS V1 (GET, authToken, Body-Sign)"),
        "license": translate("ConformancePanel", "License 2.0 seller interfaces"),
        "kit": translate("ConformancePanel", "Joint-operation Kit V2 (联营Kit)"),
    }
    return words[family]


class ConformancePanel(Retranslating, QWidget):
    """See the module docstring. ``credentials``: the keychain store (tests pass one over an
    in-memory keyring; by default the system's)."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, context: AreaContext, parent: QWidget | None = None, *,
                 credentials: CredentialStore | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conformancePanel")
        self.bridge = context.bridge
        self.workspace = context.workspace
        self.credentials = credentials or CredentialStore()
        self.state = context.state
        self.report: Report | None = None

        self.url = QLineEdit(self)
        self.url.setObjectName("conformanceUrl")
        self.family = QComboBox(self)
        self.family.setObjectName("conformanceFamily")
        for family in FAMILIES:
            self.family.addItem(_family_label(family), family)
        self.key = QLineEdit(self)
        self.key.setObjectName("conformanceKey")
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("conformanceRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.url.returnPressed.connect(self.run)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("conformanceStop")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self._task: Task | None = None
        self.html_button = QPushButton(self)
        self.html_button.setObjectName("conformanceExportHtml")
        self.html_button.clicked.connect(lambda: self._export("html"))
        self.junit_button = QPushButton(self)
        self.junit_button.setObjectName("conformanceExportJunit")
        self.junit_button.clicked.connect(lambda: self._export("junit"))
        for button in (self.html_button, self.junit_button):
            button.setEnabled(False)
        self.message = message_label(self, "conformanceMessage", selectable=True)

        self.url_label, self.family_label, self.key_label = (QLabel(self) for _ in range(3))
        self.form = QFormLayout()
        self.form.addRow(self.url_label, self.url)
        self.form.addRow(self.family_label, self.family)
        self.form.addRow(self.key_label, self.key)

        self.model: RowsTableModel[CheckResult] = RowsTableModel([
            Column(lambda: translate("ConformancePanel", "Check"), self._title,
                   tooltip=lambda c: c.name),
            Column(lambda: translate("ConformancePanel", "Result"), self._status,
                   brush=lambda c: QBrush(QColor(_COLOURS[c.status]))),
            Column(lambda: translate("ConformancePanel", "Detail"), self._detail,
                   tooltip=self._detail),
        ], self)
        self.table = make_table(self, "conformanceResults", self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_exchanges())
        self.exchanges = QPlainTextEdit(self)
        self.exchanges.setObjectName("conformanceExchanges")
        self.exchanges.setReadOnly(True)
        self.exchanges.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("conformanceSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.exchanges)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        stack(self, self.form, button_row(self.run_button, self.stop_button, self.html_button,
                                          self.junit_button),
              self.message, (splitter, 1))
        self.retranslate()
        self._restore_form()

    def _state_key(self, name: str) -> str:
        return f"conformance/{self._profile()}/{name}"

    def _restore_form(self) -> None:
        """The URL and family last tested for this profile (not secrets: the window state)."""
        self.url.setText(str(self.state.value(self._state_key("url"), "") or ""))
        family = self.family.findData(self.state.value(self._state_key("family"), "saas-v2"))
        self.family.setCurrentIndex(max(0, family))

    # -- words -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.url_label.setText(translate("ConformancePanel", "Production URL"))
        self.family_label.setText(translate("ConformancePanel", "Interface family"))
        self.key_label.setText(translate("ConformancePanel", "Key (密钥管理)"))
        self.url.setPlaceholderText("https://www.example.com/saasproduce")
        self.key.setPlaceholderText(translate(
            "ConformancePanel", "kept in the keychain for this profile; leave empty to use the kept key"))
        for index, family in enumerate(FAMILIES):
            self.family.setItemText(index, _family_label(family))
        self.run_button.setText(translate("ConformancePanel", "&Run"))
        self.stop_button.setText(translate("ConformancePanel", "&Stop"))
        self.html_button.setText(translate("ConformancePanel", "Export &HTML…"))
        self.junit_button.setText(translate("ConformancePanel", "Export &JUnit…"))
        self.model.refresh_texts()
        self._show_exchanges()

    @staticmethod
    def _title(check: CheckResult) -> str:
        from app.services.integration.words import check_title

        return check_title(check.name, interface_language())

    @staticmethod
    def _status(check: CheckResult) -> str:
        from app.services.integration.words import status_word

        return status_word(check.status, interface_language())

    @staticmethod
    def _detail(check: CheckResult) -> str:
        from app.services.integration.words import findings_text

        return findings_text(check.findings, interface_language())

    def _profile(self) -> str:
        target = self.workspace.target
        if target is None or target.profile is None:
            return "sandbox"
        return target.profile.name

    # -- running ---------------------------------------------------------------------------------

    def run(self) -> None:
        """Start a run with what the form says (never on the GUI thread)."""
        url = self.url.text().strip()
        if not url:
            self._say(translate("ConformancePanel", "Enter the production URL first."))
            return
        family = str(self.family.currentData())
        typed = self.key.text().strip()
        profile = self._profile()
        credentials = self.credentials

        def work(ctx: TaskContext) -> Report:
            from app.services.integration.conformance import run_conformance

            if typed:
                store_isv_key(credentials, profile, typed)
                key = typed
            else:
                key = resolve_isv_key(credentials, profile)
            return run_conformance(url, key, family,  # type: ignore[arg-type]
                                   progress=ctx.report, cancel=ctx.cancel)

        self.state.setValue(self._state_key("url"), url)
        self.state.setValue(self._state_key("family"), family)
        self._running(True)
        self._say(translate("ConformancePanel", "Testing {url}…").format(url=url), error=False)
        self._task = self.bridge.run(work, name="conformance.run", owner=self, latest="run",
                                     on_success=self._done, on_failure=self._failed,
                                     on_progress=self._progress)

    def stop(self) -> None:
        """Stop the run after the request in flight (nothing is reported)."""
        if self._task is not None:
            self._task.cancel()

    def _running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        if not running:
            self._task = None

    def _progress(self, label: Any) -> None:
        self._say(translate("ConformancePanel", "Sending {request}…").format(request=label),
                  error=False)

    def _done(self, report: Report) -> None:
        self._running(False)
        self.key.clear()
        self.report = report
        self.model.set_rows(report.checks)
        fit_columns(self.table, widest=460)  # the titles are sentences
        counts = report.counts()
        self._say(translate("ConformancePanel", "{passed} passed, {failed} failed, {warning} "
                            "warning(s), {skipped} skipped in {seconds} s").format(
                                seconds=f"{report.seconds():.1f}", **counts),
                  error=not report.ok)
        for button in (self.html_button, self.junit_button):
            button.setEnabled(True)
        if report.checks:
            self.table.selectRow(0)
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        from app.services.integration.tester import (
            Cancelled,
            EndpointUnreachable,
            InvalidProductionUrl,
        )

        self._running(False)
        if isinstance(exc, Cancelled):
            text = translate("ConformancePanel", "Stopped; nothing was reported.")
        elif isinstance(exc, EndpointUnreachable):
            text = translate("ConformancePanel", "Cannot reach {url}; nothing was checked. Is the "
                             "server running, and the address right?").format(
                                 url=self.url.text().strip())
        elif isinstance(exc, InvalidProductionUrl):
            text = translate("ConformancePanel", "Not an http(s) address.") \
                if exc.failure_code != "production_key" else \
                translate("ConformancePanel", "Enter the key first.")
        elif isinstance(exc, CredentialsError) and exc.failure_code == "credentials":
            text = translate("ConformancePanel", "No key is kept for this profile yet: enter the "
                             "key from 卖家中心 > 应用工具 > 密钥管理.")
        else:
            text = failure_text(exc)
        self._say(text)
        self.failed.emit(text)

    def _say(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet(f"color: {WARN};" if error else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_exchanges(self) -> None:
        from app.services.integration.export import exchanges_text

        check = self.model.row_at(self.table.currentIndex())
        if self.report is None or check is None:
            self.exchanges.setPlainText("")
            return
        text = exchanges_text(self.report, check)
        self.exchanges.setPlainText(text or translate(
            "ConformancePanel", "This check is judged over all answers above; select one of "
                                "the activities to see its request and answer."))

    # -- exports ---------------------------------------------------------------------------------

    def _export(self, kind: str) -> None:
        if self.report is None:
            return
        title = translate("ConformancePanel", "Export the report")
        filters = "HTML (*.html)" if kind == "html" else "JUnit XML (*.xml)"
        name, _chosen = QFileDialog.getSaveFileName(
            self, title, f"conformance-{self.report.family}.{'html' if kind == 'html' else 'xml'}",
            filters)
        if name:
            self.export_to(Path(name), kind)

    def export_to(self, path: Path, kind: str) -> None:
        """Write the report to ``path`` (``kind`` html or junit) on a worker."""
        from app.services.integration.export import to_html, to_junit

        report = self.report
        if report is None:
            return
        language = interface_language()

        def work(_ctx: TaskContext) -> Path:
            text = to_html(report, language) if kind == "html" else to_junit(report, language)
            atomic_write_text(path, text)
            return path

        self.bridge.run(work, name="conformance.export", owner=self,
                        on_success=lambda p: self._say(translate(
                            "ConformancePanel", "Saved {path}").format(path=p), error=False),
                        on_failure=lambda e: self._say(translate(
                            "ConformancePanel", "Cannot save the report: {error}").format(
                                error=getattr(e, "strerror", None) or e)))
