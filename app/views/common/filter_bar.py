"""What the filter bars above the big lists share: a search field whose typing is debounced, the
other controls applying at once, and a "clear filters" button.

An area's bar subclasses :class:`FilterBar`, builds its own controls after the search field (the
tab order is the order they are made in), makes the clear button last with
:meth:`FilterBar.make_clear_button`, and says what its controls mean (:meth:`FilterBar.filter`,
:meth:`FilterBar.reset`) and what they are called (``retranslate``, called again on a language
change). A control that applies at once connects to :meth:`FilterBar.apply`, one typed into to
:meth:`FilterBar.typed`.

Signals
-------
``filterChanged(object)``
    The user changed the filter: what :meth:`FilterBar.filter` says.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget

from app.views.common.retranslating import Retranslating

#: A burst of keys within this time makes one query.
TYPING_DELAY_MS = 300


class FilterBar(Retranslating, QWidget):
    """A list's filter controls. See the module docstring for its signal."""

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None, *, search_name: str, search_width: int) -> None:
        super().__init__(parent)
        self._typing = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self._typing.timeout.connect(self.apply)
        self.search = QLineEdit(self)
        self.search.setObjectName(search_name)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(search_width)
        self.search.textEdited.connect(self.typed)
        self.search.returnPressed.connect(self.apply)

    def make_clear_button(self) -> QToolButton:
        """The "clear filters" button (:meth:`reset`); made by the bar after its controls."""
        button = QToolButton(self)
        button.clicked.connect(self.reset)
        return button

    def filter(self) -> Any:  # noqa: ANN401 - each area has its own filter type
        """What the controls say now."""
        raise NotImplementedError

    def reset(self) -> None:
        """Clear every control and apply."""
        raise NotImplementedError

    def typed(self, *_args: object) -> None:
        """Apply once the typing stops."""
        self._typing.start()

    def apply(self, *_args: object) -> None:
        """Apply now (a typed burst still waiting is folded in)."""
        self._typing.stop()
        self.filterChanged.emit(self.filter())

    def stop_typing(self) -> None:
        """Forget a typed burst still waiting (the controls are being set from outside)."""
        self._typing.stop()

    def retranslate(self) -> None:
        """Name the controls in the interface language."""
