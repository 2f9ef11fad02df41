"""Dialogs that queue a seller action in the outbox: the common base, Confirm/Reject (a comment or
a reason) and Appeal (发起申诉). The Deliver dialog is in ``deliver_dialog``.

Every dialog checks what it can before anything is queued and names the problem in its message
line (never a traceback); then it runs the ``queue_*`` call of ``app.services.supervision.actions`` on the
bridge's WRITE lane, announces ``{"outbox"}`` and closes. A refusal of the local check
(``ActionError``: the node moved on since the dialog opened, say) stays in the message line.

Signals of :class:`QueueDialog`
-------------------------------
``queued(object)``
    The action is in the outbox: its :class:`~app.services.outbox.queue.EntryView`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.models.supervision import SupervisionTask
from app.services.outbox.queue import EntryView, Outbox
from app.services.supervision import actions as sv
from app.services.supervision import refunds as rf
from app.views.bridge import Bridge, Lane, TaskContext
from app.views.common.failures import queue_failure_text
from app.views.common.formats import local_time
from app.views.common.forms import (
    OK_CANCEL,
    Button,
    button_row,
    dialog_buttons,
    message_label,
    stack,
)
from app.views.i18n import translate


def local_files(mime: QMimeData) -> list[Path]:
    """The local files of a drag (folders and remote URLs are left out)."""
    out = []
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if not path.is_dir():
                out.append(path)
    return out


def failure_text(exc: BaseException) -> str:
    """A refusal in words: the service's own sentence for known errors, else a short line."""
    return queue_failure_text(exc, "supervision")


class QueueDialog(QDialog):
    """Base of the action dialogs: a message line, OK/Cancel, and queuing on the WRITE lane."""

    queued = Signal(object)

    def __init__(self, bridge: Bridge, outbox: Outbox, task: SupervisionTask,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.outbox = outbox
        self.task = task
        self.busy = False
        self.message = message_label(self, "dialogMessage", selectable=True)
        self.buttons = dialog_buttons(self, OK_CANCEL, self.submit)
        self.ok_button = self.buttons.button(Button.Ok)

    def say(self, text: str, error: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "")
        self.message.setVisible(bool(text))

    def submit(self) -> None:
        """Check, then queue (subclasses)."""
        raise NotImplementedError

    def run_queue(self, fn: Callable[[], EntryView], name: str) -> None:
        if self.busy:
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        # A literal context: this runs on subclasses, whose tr() would use their own name.
        self.say(translate("QueueDialog", "Queuing…"), error=False)

        def done(entry: EntryView) -> None:
            self.busy = False
            self.bridge.announce({"outbox"}, self)
            self.queued.emit(entry)
            self.accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.ok_button.setEnabled(True)
            self.say(failure_text(exc))

        def work(_ctx: TaskContext) -> EntryView:
            return fn()

        self.bridge.run(work, name=name, lane=Lane.WRITE, owner=self, on_success=done,
                        on_failure=failed)


class CommentDialog(QueueDialog):
    """Confirm the requirement (optional comment) or reject it (a reason is required)."""

    def __init__(self, bridge: Bridge, outbox: Outbox, task: SupervisionTask, reject: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(bridge, outbox, task, parent)
        self.setObjectName("rejectDialog" if reject else "confirmDialog")
        self.rejecting = reject
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("commentText")
        intro = QLabel(self)
        intro.setWordWrap(True)
        stack(self, intro, self.text, self.message, self.buttons)
        if reject:
            self.setWindowTitle(translate("CommentDialog", "Reject the Requirement (驳回)"))
            intro.setText(translate("CommentDialog", "The requirement goes back to the buyer. Say what is missing "
                                  "or wrong (required)."))
            self.ok_button.setText(translate("CommentDialog", "Queue Rejection"))
        else:
            self.setWindowTitle(translate("CommentDialog", "Confirm the Requirement (确认需求)"))
            intro.setText(translate("CommentDialog", "You accept the buyer's requirement and start the service. "
                                  "A comment is optional."))
            self.ok_button.setText(translate("CommentDialog", "Queue Confirmation"))

    def submit(self) -> None:
        text = self.text.toPlainText().strip()
        outbox, task_id = self.outbox, self.task.id
        if self.rejecting:
            if not text:
                self.say(translate("CommentDialog", "Enter the reason for the rejection."))
                return
            self.run_queue(lambda: sv.queue_reject(outbox, task_id, text), "supervision.reject")
        else:
            self.run_queue(lambda: sv.queue_confirm(outbox, task_id, text),
                           "supervision.confirm")


class AppealDialog(QueueDialog):
    """发起申诉, the seller's form: a reason (required) plus evidence files (填写申诉原因并上传相关
    凭证; the 诉求 field is the buyer's). Business-rules §2: appealing because the buyer never
    confirmed acceptance needs the delivery proof and the 申诉介入处理承诺函."""

    def __init__(self, bridge: Bridge, outbox: Outbox, task: SupervisionTask,
                 parent: QWidget | None = None) -> None:
        super().__init__(bridge, outbox, task, parent)
        self.setObjectName("appealDialog")
        self.setWindowTitle(translate("AppealDialog", "Appeal to the Platform (发起申诉)"))
        self.setAcceptDrops(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("appealReason")
        self.grounds = QComboBox(self)
        self.grounds.setObjectName("appealGrounds")
        self.grounds.addItem(translate("AppealDialog", "Other reasons"), sv.GROUND_OTHER)
        self.grounds.addItem(translate("AppealDialog", "The buyer never confirmed acceptance"),
                             sv.GROUND_NOT_ACCEPTED)
        self.letter = QLineEdit(self)
        self.letter.setObjectName("appealLetter")
        self.letter.setPlaceholderText(translate("AppealDialog", "申诉介入处理承诺函 (.docx or .pdf)"))
        pick_letter = QPushButton(translate("AppealDialog", "Choose…"), self)
        pick_letter.clicked.connect(self._pick_letter)
        letter_row = QHBoxLayout()
        letter_row.addWidget(self.letter, 1)
        letter_row.addWidget(pick_letter)
        self.proof = QLineEdit(self)
        self.proof.setObjectName("appealProof")
        self.proof.setPlaceholderText(translate("AppealDialog", "交付凭证: the signed acceptance "
                                                "document or other proof of delivery"))
        pick_proof = QPushButton(translate("AppealDialog", "Choose…"), self)
        pick_proof.clicked.connect(self._pick_proof)
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.proof, 1)
        proof_row.addWidget(pick_proof)
        self.evidence = QListWidget(self)
        self.evidence.setObjectName("appealEvidence")
        add = QPushButton(translate("AppealDialog", "Add Files…"), self)
        add.clicked.connect(self._pick_evidence)
        remove = QPushButton(translate("AppealDialog", "Remove"), self)
        remove.clicked.connect(lambda: [self.evidence.takeItem(self.evidence.row(i))
                                        for i in self.evidence.selectedItems()])
        evidence_row = button_row(add, remove)
        self.letter_label = QLabel(self)
        self.proof_label = QLabel(self)
        form = QFormLayout()
        form.addRow(translate("AppealDialog", "Reason (申诉原因, required)"), self.reason)
        form.addRow(translate("AppealDialog", "Grounds"), self.grounds)
        form.addRow(self.proof_label, proof_row)
        form.addRow(self.letter_label, letter_row)
        form.addRow(translate("AppealDialog", "Evidence (drop files here)"), self.evidence)
        form.addRow("", evidence_row)
        hint = QLabel(translate("AppealDialog", "The task is frozen while the platform handles the appeal "
                              "(usually within 3 working days)."), self)
        hint.setWordWrap(True)
        stack(self, form, hint, self.message, self.buttons)
        self.ok_button.setText(translate("AppealDialog", "Queue Appeal"))
        self.grounds.currentIndexChanged.connect(self._grounds_changed)
        self._grounds_changed()
        self.resize(self.fontMetrics().height() * 34, self.fontMetrics().height() * 30)

    def _grounds_changed(self, *_args: Any) -> None:
        needed = self.grounds.currentData() == sv.GROUND_NOT_ACCEPTED
        self.letter_label.setText(translate("AppealDialog", "Commitment letter (required)") if needed
                                  else translate("AppealDialog", "Commitment letter"))
        self.proof_label.setText(translate("AppealDialog", "Delivery proof (required)") if needed
                                 else translate("AppealDialog", "Delivery proof"))

    def _pick_proof(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, translate("AppealDialog", "Delivery Proof"))
        if name:
            self.proof.setText(name)

    def _pick_letter(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, translate("AppealDialog", "Commitment Letter"), "",
                                               translate("AppealDialog", "Documents (*.docx *.doc *.pdf)"))
        if name:
            self.letter.setText(name)

    def _pick_evidence(self) -> None:
        names, _f = QFileDialog.getOpenFileNames(self, translate("AppealDialog", "Evidence"))
        self.add_evidence([Path(n) for n in names])

    def add_evidence(self, paths: list[Path]) -> None:
        present = {self.evidence.item(i).text() for i in range(self.evidence.count())}
        for path in paths:
            if str(path) not in present:
                self.evidence.addItem(str(path))

    def evidence_files(self) -> list[Path]:
        return [Path(self.evidence.item(i).text()) for i in range(self.evidence.count())]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self.add_evidence(local_files(event.mimeData()))
        event.acceptProposedAction()

    def validate(self) -> str:
        """The first problem in words, or "" when the appeal can be queued."""
        if not self.reason.toPlainText().strip():
            return translate("AppealDialog", "Enter the reason for the appeal (申诉原因).")
        letter = self.letter.text().strip()
        proof = self.proof.text().strip()
        if self.grounds.currentData() == sv.GROUND_NOT_ACCEPTED and not proof:
            return translate("AppealDialog", "Appealing because the buyer never confirmed "
                             "acceptance needs the delivery proof (交付凭证) attached.")
        if self.grounds.currentData() == sv.GROUND_NOT_ACCEPTED and not letter:
            return translate("AppealDialog", "Appealing because the buyer never confirmed acceptance needs the "
                           "申诉介入处理承诺函 (commitment letter) attached.")
        if proof and not Path(proof).is_file():
            return translate("AppealDialog", "The delivery proof %1 cannot be found.").replace(
                "%1", proof)
        if letter and not Path(letter).is_file():
            return translate("AppealDialog", "The commitment letter %1 cannot be found.").replace("%1", letter)
        missing = [p.name for p in self.evidence_files() if not p.is_file()]
        if missing:
            return translate("AppealDialog", "These files cannot be found: %1").replace("%1", ", ".join(missing))
        return ""

    def submit(self) -> None:
        problem = self.validate()
        if problem:
            self.say(problem)
            return
        outbox, task_id = self.outbox, self.task.id
        reason = self.reason.toPlainText()
        grounds = str(self.grounds.currentData())
        letter_text = self.letter.text().strip()
        letter = Path(letter_text) if letter_text else None
        proof_text = self.proof.text().strip()
        proof = [Path(proof_text)] if proof_text else []
        evidence = self.evidence_files()
        self.run_queue(lambda: sv.queue_appeal(outbox, task_id, reason, grounds, evidence,
                                               letter, proof), "supervision.appeal")


class RefundDialog(QueueDialog):
    """The seller's answer to a refund request during supervision (business-rules §1.6, §1.9):
    approve or refuse a 协商退订 (refusing needs a reason), accept a returned parcel or mark
    验收异常 within 15 days of it reaching 待验收 (a reason, and evidence files if any)."""

    def __init__(self, bridge: Bridge, outbox: Outbox, task: SupervisionTask,
                 parent: QWidget | None = None) -> None:
        super().__init__(bridge, outbox, task, parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(translate("RefundDialog", "Answer the Refund Request (退订)"))
        self.waiting = rf.waiting(task)
        self.request = QComboBox(self)
        self.request.setObjectName("refundRequest")
        for r in self.waiting:
            amount = f" {r.amount} {r.currency_code or ''}" if r.amount is not None else ""
            self.request.addItem(f"{r.kind}{amount} · {r.refund_id}", r.refund_id)
        self.decision = QComboBox(self)
        self.decision.setObjectName("refundDecision")
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("refundReason")
        self.evidence = QListWidget(self)
        self.evidence.setObjectName("refundEvidence")
        add = QPushButton(translate("RefundDialog", "Add Files…"), self)
        add.clicked.connect(self._pick_evidence)
        form = QFormLayout()
        form.addRow(translate("RefundDialog", "Request"), self.request)
        form.addRow(translate("RefundDialog", "Your answer"), self.decision)
        form.addRow(translate("RefundDialog", "Reason"), self.reason)
        form.addRow(translate("RefundDialog", "Evidence"), self.evidence)
        form.addRow("", button_row(add))
        stack(self, self.about, form, self.message, self.buttons)
        self.ok_button.setText(translate("RefundDialog", "Queue Answer"))
        self.request.currentIndexChanged.connect(self._request_changed)
        self._request_changed()
        self.resize(self.fontMetrics().height() * 34, self.fontMetrics().height() * 26)

    def current(self) -> rf.Refund | None:
        rid = self.request.currentData()
        return next((r for r in self.waiting if r.refund_id == rid), None)

    def _request_changed(self, *_args: Any) -> None:
        r = self.current()
        self.decision.clear()
        if r is None:
            self.about.setText(translate("RefundDialog", "No refund request waits for you."))
            return
        if r.state is rf.RefundState.AWAITING_APPROVAL:
            self.decision.addItem(translate("RefundDialog", "Approve (同意退订): the order is "
                                                            "unsubscribed"), rf.Decision.APPROVE)
            self.decision.addItem(translate("RefundDialog", "Refuse (拒绝退订)"),
                                  rf.Decision.REFUSE)
            self.about.setText(translate(
                "RefundDialog", "The buyer asks for a negotiated refund (协商退订) of %1. "
                "Approving unsubscribes the order and returns the money within about 3 hours; "
                "refusing needs a reason.").replace("%1", f"{r.amount} {r.currency_code or ''}"))
        else:
            self.decision.addItem(translate("RefundDialog", "Accept the returned goods "
                                                            "(确认验收退货)"),
                                  rf.Decision.ACCEPT_RETURN)
            self.decision.addItem(translate("RefundDialog", "Mark 验收异常 (something is wrong "
                                                            "with the returned goods)"),
                                  rf.Decision.RETURN_EXCEPTION)
            due = local_time(r.due) if r.due is not None else ""
            self.about.setText(translate(
                "RefundDialog", "The returned goods reached 待验收. Decide by %1: after 15 days "
                "the system accepts them and unsubscribes the order. 验收异常 needs a reason "
                "(and evidence, if you have it).").replace("%1", due))

    def _pick_evidence(self) -> None:
        names, _f = QFileDialog.getOpenFileNames(self, translate("RefundDialog", "Evidence"))
        for name in names:
            self.evidence.addItem(name)

    def evidence_files(self) -> list[Path]:
        return [Path(self.evidence.item(i).text()) for i in range(self.evidence.count())]

    def validate(self) -> str:
        """The first problem in words, or "" when the answer can be queued."""
        decision = self.decision.currentData()
        if self.current() is None or decision is None:
            return translate("RefundDialog", "No refund request waits for you.")
        if decision in rf.NEEDS_REASON and not self.reason.toPlainText().strip():
            return translate("RefundDialog", "Give the reason for the buyer and the platform.")
        missing = [p.name for p in self.evidence_files() if not p.is_file()]
        if missing:
            return translate("RefundDialog", "These files cannot be found: %1").replace(
                "%1", ", ".join(missing))
        return ""

    def submit(self) -> None:
        problem = self.validate()
        if problem:
            self.say(problem)
            return
        r = self.current()
        assert r is not None
        outbox, task_id, refund_id = self.outbox, self.task.id, r.refund_id
        decision = rf.Decision(self.decision.currentData())
        reason, evidence = self.reason.toPlainText(), self.evidence_files()
        self.run_queue(lambda: rf.queue_refund_decision(outbox, task_id, refund_id, decision,
                                                        reason, evidence),
                       "supervision.refund")
