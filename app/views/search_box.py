"""The window's search box: find an order, a supervision task or a demand by id or customer.

Typing waits a moment (so each keystroke is not a query), then runs ``app.services.orders.search`` on
the bridge's read lane; answers to an older text are dropped. Results drop down under the box:
Up/Down choose, Enter (or a click) opens, Esc closes the list. Enter with the list closed opens
the first hit (so pasting an order id and pressing Enter opens that order).

Signals of :class:`SearchBox`
-----------------------------
``openRequested(str, str)``
    ``(kind, record id)`` of the hit the user opened; kinds are ``app.services.orders.search.HitKind``.
``searched(str, int)``
    A query finished: the text and how many hits it found (tests wait on it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget
from sqlalchemy import Engine

from app.services.orders.search import MIN_QUERY_LENGTH, SearchHit, normalize_query, search
from app.views.bridge import Bridge
from app.views.common.titles import record_title
from app.views.i18n import translate

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
# The role the completer writes back into the box: the typed text, so choosing a hit with the
# arrow keys does not replace what the user typed.
QUERY_ROLE = Qt.ItemDataRole.UserRole + 3
DEBOUNCE_MS = 250


class SearchBox(QLineEdit):
    """A search field with a drop-down of hits. Give it an engine with :meth:`set_engine`."""

    openRequested = Signal(str, str)
    searched = Signal(str, int)

    def __init__(self, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self._bridge = bridge
        self._engine: Engine | None = None
        self._hits: list[SearchHit] = []
        self._hits_for = ""
        self._open_first_when_done = False
        self.model = QStandardItemModel(self)
        self.completer_ = QCompleter(self.model, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setCompletionRole(QUERY_ROLE)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        # The QModelIndex overload: the str one carries only the completion text.
        self.completer_.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self.textEdited.connect(self._on_edited)
        self.returnPressed.connect(self._on_return)
        self.retranslate()

    @property
    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def set_engine(self, engine: Engine | None) -> None:
        self._engine = engine
        self._hits, self._hits_for = [], ""
        self.model.clear()

    def focus_and_select(self) -> None:
        """Ctrl+F: put the cursor in the box with its text selected."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def search_now(self) -> None:
        """Query at once (no typing delay)."""
        self._timer.stop()
        self._run()

    # -- Qt --------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fill()
        super().changeEvent(event)

    # -- internals -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setPlaceholderText(translate("SearchBox", "Find an order, task or demand (Ctrl+F)"))
        # Wide enough for the hint in any language, plus the clear button.
        hint = self.fontMetrics().horizontalAdvance(self.placeholderText())
        self.setMinimumWidth(hint + self.fontMetrics().height() * 3)
        self.setToolTip(
            translate("SearchBox", "Search by order, task or demand ID, or by customer name or account.")
        )

    def _on_edited(self, _text: str) -> None:
        self._open_first_when_done = False
        self._timer.start()

    def _on_return(self) -> None:
        query = normalize_query(self.text())
        popup = self.completer_.popup()
        if popup is not None and popup.isVisible():
            return  # the completer opens the highlighted hit itself
        if query and query == self._hits_for and self._hits:
            self._open(self._hits[0])
        elif len(query) >= MIN_QUERY_LENGTH:
            self._open_first_when_done = True
            self.search_now()

    def _run(self) -> None:
        engine = self._engine
        query = normalize_query(self.text())
        if engine is None or len(query) < MIN_QUERY_LENGTH:
            self._hits, self._hits_for = [], query
            self.model.clear()
            self._hide_popup()
            return

        def found(hits: list[SearchHit]) -> None:
            if normalize_query(self.text()) != query or engine is not self._engine:
                return  # the user typed on (or switched profile): this answer is stale
            self._hits, self._hits_for = hits, query
            self._fill()
            self.searched.emit(query, len(hits))
            if self._open_first_when_done:
                self._open_first_when_done = False
                if hits:
                    self._open(hits[0])
                return
            if self.hasFocus():
                self._show_popup()

        self._bridge.run(
            lambda ctx: search(engine, query), name="search", owner=self, on_success=found
        )

    def _show_popup(self) -> None:
        """Drop the hits down, wide enough to read a hit in full (wider than the box)."""
        width = max(self.width(), self.fontMetrics().horizontalAdvance("M") * 48)
        # Right-aligned with the box: it sits at the right end of the toolbar.
        self.completer_.complete(QRect(self.width() - width, 0, width, self.height()))

    def _fill(self) -> None:
        self.model.clear()
        if not self._hits and self._hits_for:
            item = QStandardItem(
                translate("SearchBox", "No order, task or demand matches “%1”.").replace("%1", self._hits_for)
            )
            item.setEnabled(False)
            item.setData(self.text(), QUERY_ROLE)
            self.model.appendRow(item)
            return
        for hit in self._hits:
            parts = [f"{record_title(hit.kind.value)}  {hit.id}"]
            if hit.customer:
                parts.append(hit.customer)
            if hit.detail:
                parts.append(hit.detail)
            if hit.status:
                parts.append(hit.status)
            item = QStandardItem(" · ".join(parts))
            item.setData(hit.kind.value, KIND_ROLE)
            item.setData(hit.id, ID_ROLE)
            item.setData(self.text(), QUERY_ROLE)
            item.setToolTip(" · ".join(parts))
            self.model.appendRow(item)

    def _on_activated(self, index: QModelIndex) -> None:
        kind, record_id = index.data(KIND_ROLE), index.data(ID_ROLE)
        if kind and record_id:
            self.openRequested.emit(str(kind), str(record_id))

    def _hide_popup(self) -> None:
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()

    def _open(self, hit: SearchHit) -> None:
        self._hide_popup()
        self.openRequested.emit(hit.kind.value, hit.id)
