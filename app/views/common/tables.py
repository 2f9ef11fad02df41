"""Tables as every area builds them, and the one way their layout is remembered.

``make_table`` is the console's read-only list table (whole rows, one selection, alternating rows,
no row numbers, the last column filling the width). ``ViewState`` keeps a table's columns (width,
order, sort indicator) and the splitter beside it in the window-state settings
(``app.views.app.window_state``) under one prefix per area, with a version so that a changed column
set starts from the defaults instead of restoring a layout that no longer fits.

``save_layout`` / ``restore_layout`` do the same for a whole area page: every table or tree header
and every splitter in it that has an object name. The window calls them for each area that does not
keep its layout itself (``app.views.area_registry``), so every table's columns and splitters are
remembered, not only the big lists'.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTreeView,
    QWidget,
)

#: Stored beside a page's layout; raise it when a change would make old layouts misfit.
LAYOUT_VERSION = 1
#: A table whose columns were restored keeps them: its contents no longer resize them.
RESTORED = "layoutRestored"


def make_table(parent: QWidget, name: str, model: QAbstractItemModel) -> QTableView:
    """A list table over ``model``, named ``name`` (for tests and the saved layout); its columns
    fit their contents after each reset (the rows-list tables are small)."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)  # the last column (why, entity) fills
    model.modelReset.connect(lambda: fit_columns(table))
    return table


def fit_columns(table: QTableView, widest: int = 320) -> None:
    """Columns as wide as their contents, none wider than ``widest`` (unless the user's own widths
    were restored)."""
    if table.property(RESTORED):
        return
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count()):
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)


class ViewState:
    """Saves and restores one area's table columns and splitter under ``prefix`` in ``settings``.

    ``version`` is stored beside them: a saved layout of another version is ignored (the
    defaults stay). Either part may be None (an area without a splitter).
    """

    def __init__(self, settings: QSettings | None, prefix: str, *, table: QTableView | None,
                 splitter: QSplitter | None = None, version: int | None = None) -> None:
        self.settings = settings
        self.prefix = prefix
        self.table = table
        self.splitter = splitter
        self.version = version

    def _key(self, name: str) -> str:
        return f"{self.prefix}/{name}"

    def save(self) -> None:
        s = self.settings
        if s is None:
            return
        if self.version is not None:
            s.setValue(self._key("state_version"), self.version)
        if self.table is not None:
            s.setValue(self._key("header"), self.table.horizontalHeader().saveState())
        if self.splitter is not None:
            s.setValue(self._key("splitter"), self.splitter.saveState())

    def restore(self) -> bool:
        """Restore what was saved; True if the columns were restored (the caller may then take
        the sort order from the header)."""
        s = self.settings
        if s is None:
            return False
        if self.version is not None and _int(s.value(self._key("state_version"))) != self.version:
            return False
        restored = False
        header = s.value(self._key("header"))
        if self.table is not None and isinstance(header, QByteArray | bytes):
            h = self.table.horizontalHeader()
            h.blockSignals(True)  # a restored sort indicator is the caller's to apply
            restored = h.restoreState(QByteArray(header))
            h.blockSignals(False)
        splitter = s.value(self._key("splitter"))
        if self.splitter is not None and isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(QByteArray(splitter))
        return restored


def _layout_parts(page: QWidget) -> dict[str, QHeaderView | QSplitter]:
    """The named headers and splitters of ``page``, by a stable key."""
    parts: dict[str, QHeaderView | QSplitter] = {}
    for view in page.findChildren(QTableView) + page.findChildren(QTreeView):
        if view.objectName():
            header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
            parts[f"header/{view.objectName()}"] = header
    for splitter in page.findChildren(QSplitter):
        if splitter.objectName():
            parts[f"splitter/{splitter.objectName()}"] = splitter
    return parts


def save_layout(page: QWidget, settings: QSettings, prefix: str) -> None:
    """Keep the columns of every named table and the sizes of every named splitter of ``page``."""
    settings.setValue(f"{prefix}/layout_version", LAYOUT_VERSION)
    for key, part in _layout_parts(page).items():
        settings.setValue(f"{prefix}/{key}", part.saveState())


def restore_layout(page: QWidget, settings: QSettings, prefix: str) -> None:
    """Put back what :func:`save_layout` kept (nothing if it was kept by another layout version)."""
    if _int(settings.value(f"{prefix}/layout_version")) != LAYOUT_VERSION:
        return
    for key, part in _layout_parts(page).items():
        value = settings.value(f"{prefix}/{key}")
        if not isinstance(value, QByteArray | bytes):
            continue
        if part.restoreState(QByteArray(value)) and isinstance(part, QHeaderView):
            view = part.parent()
            if isinstance(view, QAbstractItemView):
                view.setProperty(RESTORED, True)


def _int(value: Any) -> int:
    try:
        return int(str(value or 0))
    except ValueError:
        return 0
