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

from collections.abc import Collection, Mapping
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QEvent, QObject, QSettings
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


def make_table(parent: QWidget, name: str, model: QAbstractItemModel, *,
               whole_last: bool = False) -> QTableView:
    """A list table over ``model``, named ``name`` (for tests and the saved layout); its columns
    fit their contents after each reset (the rows-list tables are small). ``whole_last``: the
    last column, which fills the width, is never cut either (:func:`keep_last_whole`)."""
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
    if whole_last:
        model.modelReset.connect(lambda: keep_last_whole(table))
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


def fit_to_contents(table: QTableView, *, least: int = 48, most: int = 280,
                    samples: Mapping[int, str] | None = None, wrap: Collection[int] = (),
                    titles_only: bool = False) -> None:
    """Every shown column as wide as its title and the rows in view (and as ``samples[column]``,
    a text the column must hold whatever rows are in view, e.g. the widest amount), within
    ``least``..``most``: nothing is cut at 1280×800 (issue 13). Columns in ``wrap`` are at most
    ``most`` wide and their rows grow to hold their text on several lines (the table must wrap
    words). A stretched last column fills the rest but is never narrower than its contents
    (:func:`keep_last_whole`). ``titles_only``: only widen columns whose title no longer fits
    (after a language switch), keeping the widths otherwise."""
    header = table.horizontalHeader()
    padding = 2 * table.fontMetrics().horizontalAdvance("M")
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        title = header.sectionSizeHint(column)
        if titles_only:
            if header.sectionSize(column) < title:
                header.resizeSection(column, title)
            continue
        wanted = max(title, table.sizeHintForColumn(column))
        sample = (samples or {}).get(column)
        if sample:
            wanted = max(wanted, table.fontMetrics().horizontalAdvance(sample) + padding)
        header.resizeSection(column, max(least, min(most, wanted)))
    if wrap and not titles_only:
        table.resizeRowsToContents()
    if header.stretchLastSection() or table.property(_KEEP_LAST) is not None:
        keep_last_whole(table, least=least)


_KEEP_LAST = "keepLastWhole"


class _LastColumnKeeper(QObject):
    """Keeps a table's last column filling the width, never narrower than its contents."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.width = 0
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def _last(self) -> int:
        header = self.table.horizontalHeader()
        for visual in range(header.count() - 1, -1, -1):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                return logical
        return -1

    def _resized(self, logical: int, _old: int, _new: int) -> None:
        if logical != self._last():
            self.apply()

    def apply(self) -> None:
        header, last = self.table.horizontalHeader(), self._last()
        if last < 0:
            return
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != last and not header.isSectionHidden(c))
        fits = others + self.width <= self.table.viewport().width()
        if header.stretchLastSection() != fits:
            header.setStretchLastSection(fits)
        if not fits and header.sectionSize(last) != self.width:
            header.resizeSection(last, self.width)


def keep_last_whole(table: QTableView, *, least: int = 48) -> None:
    """The last column fills the rest of the width as a stretched last section does, but when
    the rest is narrower than the column's title and contents it keeps their width and the
    table scrolls sideways (a stretched last column is otherwise cut)."""
    keeper = table.findChild(_LastColumnKeeper)
    if keeper is None:
        keeper = _LastColumnKeeper(table)
        table.setProperty(_KEEP_LAST, True)
    last = keeper._last()
    if last < 0:
        return
    header = table.horizontalHeader()
    keeper.width = max(least, header.sectionSizeHint(last), table.sizeHintForColumn(last))
    keeper.apply()


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
