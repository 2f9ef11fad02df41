"""Problems shown next to a field: errors in red, warnings in amber with an Acknowledge box.

:class:`ProblemList` is the small widget under each field of the draft editor (and of the company
profile and submit dialogs, which add a field with its list by :func:`add_field_row`). It shows
the findings of that field in the interface language; a warning carries a checkbox that
acknowledges it (errors never do).

Signals of :class:`ProblemList`
-------------------------------
``acknowledged(str, bool)``
    A warning's code and whether the user ticked (True) or cleared (False) its box.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.invoices.rules import Finding, Severity
from app.views.i18n import translate
from app.views.invoices.labels import finding_text

ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #a15c00;"


class ProblemList(QWidget):
    """The findings of one field (empty and invisible when there are none)."""

    acknowledged = Signal(str, bool)

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"problems_{field}")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._shown: list[tuple[str, bool, str]] = []
        self.setVisible(False)

    def show_findings(self, findings: Iterable[Finding], acknowledged: frozenset[str]) -> None:
        """Show ``findings`` (rebuilt only when what is shown changes, so typing stays smooth)."""
        items = [(f.code, f.severity is Severity.ERROR, finding_text(f)) for f in findings]
        if items == self._shown:
            for box in self.findChildren(QCheckBox):
                code = box.property("code")
                box.blockSignals(True)
                box.setChecked(code in acknowledged)
                box.blockSignals(False)
            return
        self._shown = items
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for code, is_error, text in items:
            self._layout.addWidget(self._row(code, is_error, text, code in acknowledged))
        self.setVisible(bool(items))

    def _row(self, code: str, is_error: bool, text: str, done: bool) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        kind = (
            translate("ProblemList", "Error:") if is_error else translate("ProblemList", "Warning:")
        )
        label = QLabel(f"{kind} {text}", row)
        label.setObjectName(f"problem_{self.field}_{code}")
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE if is_error else WARNING_STYLE)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label, 1)
        if not is_error:
            box = QCheckBox(translate("ProblemList", "Acknowledge"), row)
            box.setObjectName(f"ack_{code}")
            box.setProperty("code", code)
            box.setToolTip(translate("ProblemList", "I checked this; print and submit anyway."))
            box.setChecked(done)
            box.toggled.connect(lambda on, c=code: self.acknowledged.emit(c, on))
            layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def texts(self) -> list[str]:
        """What is shown, for tests and accessibility."""
        return [text for _code, _error, text in self._shown]


def add_field_row(
    form: QFormLayout, field: str, label: str, widget: QWidget, parent: QWidget
) -> ProblemList:
    """Add ``widget`` to ``form`` under ``label`` and, on the row below, the :class:`ProblemList`
    of ``field`` (invisible while the field has no findings); returns that list."""
    form.addRow(label, widget)
    problems = ProblemList(field, parent)
    form.addRow("", problems)
    return problems
