"""Fix and Resend: correct the text of a refused (or waiting) action, then send it again.

The dialog shows the marketplace's reason and one editor per text field the kind allows to be
changed (:data:`app.views.outbox.model.EDITABLE_FIELDS`: the comment, the reason, the service
result description, the appeal's demand). Files and everything else stay as queued. A changed
request gets a new idempotency key in :meth:`app.services.outbox.queue.Outbox.resend` (it is a different
request); an unchanged one is resent as it was.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.outbox.queue import EntryView
from app.views.i18n import translate
from app.views.outbox.model import (
    EDITABLE_FIELDS,
    REQUIRED,
    field_title,
    kind_title,
    reason_text,
)


class FixDialog(QDialog):
    """Edits the text fields of one entry's payload; :meth:`payload` is the corrected request."""

    def __init__(self, entry: EntryView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outboxFixDialog")
        self.entry = entry
        self.setWindowTitle(translate("FixDialog", "Fix and Resend: %1").replace("%1", kind_title(entry.kind)))
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(translate("FixDialog", "%1\n\nCorrect what the marketplace refused, then send it again.")
                      .replace("%1", entry.summary))
        self.reason = QLabel(self)
        self.reason.setObjectName("fixReason")
        self.reason.setWordWrap(True)
        reason = reason_text(entry)
        self.reason.setText(translate("FixDialog", "The marketplace's reason: %1").replace("%1", reason)
                            if reason else "")
        self.reason.setVisible(bool(reason))
        self.editors: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for name in EDITABLE_FIELDS.get(entry.kind, ()):
            editor = QPlainTextEdit(self)
            editor.setObjectName(f"fix_{name}")
            value = entry.payload.get(name)
            editor.setPlainText("" if value is None else str(value))
            editor.setTabChangesFocus(True)
            self.editors[name] = editor
            form.addRow(field_title(name), editor)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        if not self.editors:
            self.note.setText(translate("FixDialog", "Nothing in this action can be edited here; it is sent "
                                      "again as it was. An invoice is corrected in Invoices."))
        self.note.setVisible(not self.editors)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("FixDialog", "&Resend"))
        self.missing = QLabel(self)
        self.missing.setObjectName("fixMissing")
        self.missing.setWordWrap(True)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for editor in self.editors.values():
            editor.textChanged.connect(self._check)
        self._check()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.missing)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 44, self.sizeHint().height())

    def _check(self) -> None:
        """A required text (a reason, the service result) cannot be emptied."""
        empty = [field_title(name) for name, editor in self.editors.items()
                 if name in REQUIRED.get(self.entry.kind, ()) and not
                 editor.toPlainText().strip()]
        self.missing.setText(translate("FixDialog", "Required: %1").replace("%1", ", ".join(empty))
                             if empty else "")
        self.missing.setVisible(bool(empty))
        self.ok_button.setEnabled(not empty)

    def payload(self) -> dict[str, Any] | None:
        """The corrected payload, or None when nothing was changed (resend as it was)."""
        changed = dict(self.entry.payload)
        for name, editor in self.editors.items():
            text = editor.toPlainText().strip()
            changed[name] = text or None
        return None if changed == self.entry.payload else changed
