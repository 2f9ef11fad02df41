"""The Journal tab: the local hash-chained journal of every action, newest first, with Verify and
Export (CSV).

The entries are read on the READ lane (:func:`app.services.outbox.journal.entries`, detached rows);
Verify walks the whole chain there too and says that no entry was changed (with the newest
entry's number and hash, to compare with a copy: the chain cannot show its newest entries removed)
or names the first entry that no longer matches, which is then selected. Export writes :func:`app.services.outbox.journal.export_csv` (UTF-8 with
a BOM so spreadsheet programs read the Chinese) to a temporary name, then renames it into place.

Signals of :class:`JournalPage`
-------------------------------
``verified(object)``
    The :class:`~app.services.outbox.journal.Verification` after Verify.
``exported(str)``
    The path written by Export.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.models.outbox import JournalEntry
from app.services.outbox import journal
from app.views.bridge import Bridge
from app.views.common.failures import failure_text
from app.views.common.retranslating import Retranslating
from app.views.common.rows_model import Column, RowsTableModel
from app.views.common.titles import record_title
from app.views.i18n import format_local_time, translate
from app.views.outbox.model import kind_title

#: The newest entries shown (the export and Verify always cover the whole journal).
SHOWN = 5000


def _action_title(action: str) -> str:
    words = {
        "queued": translate("Journal", "queued"),
        "delivered": translate("Journal", "delivered"),
        "refused": translate("Journal", "refused"),
        "discarded": translate("Journal", "discarded"),
        "resend": translate("Journal", "sent again"),
        "gave up": translate("Journal", "gave up"),
    }
    return words.get(action, action)


def _detail_text(e: JournalEntry) -> str:
    detail = e.detail or {}
    parts = [kind_title(str(detail["kind"]))] if "kind" in detail else []
    for key in ("summary", "reason"):
        if detail.get(key):
            parts.append(str(detail[key]))
    return " · ".join(parts)


def _target_text(e: JournalEntry) -> str:
    """``supervision_task:SS123`` as "Supervision task SS123"."""
    kind, _sep, record_id = e.target.partition(":")
    return f"{record_title(kind)} {record_id}" if record_id else e.target


class JournalModel(RowsTableModel[JournalEntry]):
    """Journal entries, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([
            Column(lambda: translate("Journal", "No."), lambda e: str(e.seq), right=True),
            Column(lambda: translate("Journal", "Time"), lambda e: format_local_time(e.at)),
            Column(lambda: translate("Journal", "Who"), lambda e: e.actor),
            Column(lambda: translate("Journal", "What"), lambda e: _action_title(e.action)),
            Column(lambda: translate("Journal", "Record"), _target_text, tooltip=lambda e: e.target),
            Column(lambda: translate("Journal", "Details"), _detail_text,
                   tooltip=lambda e: json.dumps(e.detail, ensure_ascii=False, indent=1)),
            Column(lambda: translate("Journal", "Hash"), lambda e: e.hash[:12] + "…",
                   tooltip=lambda e: e.hash),
        ], parent)

    def row_of_seq(self, seq: int) -> int:
        return next((n for n, e in enumerate(self.rows) if e.seq == seq), -1)


def write_csv(path: Path, text: str) -> Path:
    """Write in one piece: a crash never leaves half a file under the name."""
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, encoding="utf-8-sig", newline="")
    os.replace(tmp, path)
    return path


class JournalPage(Retranslating, QWidget):
    """The journal list with Verify and Export (see the module docstring)."""

    verified = Signal(object)
    exported = Signal(str)

    def __init__(self, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalPage")
        self.bridge = bridge
        self.engine: Engine | None = None
        self.model = JournalModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.verify_button = QPushButton(self)
        self.verify_button.setObjectName("journalVerify")
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("journalExport")
        self.export_button.clicked.connect(self.choose_export)
        self.result = QLabel(self)
        self.result.setObjectName("journalResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = QHBoxLayout()
        bar.addWidget(self.verify_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.result, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self._update()

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.bridge.forget(self, "entries")  # an answer from the old cache is dropped
        self.model.set_rows([])
        self.result.clear()
        self._update()
        if engine is not None:
            self.refresh()

    def refresh(self) -> None:
        engine = self.engine
        if engine is None:
            return

        def loaded(rows: list[JournalEntry]) -> None:
            self.model.set_rows(rows)
            self.table.resizeColumnsToContents()
            self._update()

        self.bridge.run(lambda _ctx: journal.entries(engine, limit=SHOWN), name="read journal",
                        owner=self, latest="entries", on_success=loaded, on_failure=self._failed)

    def verify(self) -> None:
        """Re-check the chain; the first changed entry is selected."""
        engine = self.engine
        if engine is None:
            return
        self.verify_button.setEnabled(False)
        self.result.setText(translate("JournalPage", "Verifying…"))

        def done(v: journal.Verification) -> None:
            self._update()
            if v.ok:
                self.result.setText(translate(
                    "JournalPage", "No entry was changed, removed or reordered. Entries "
                    "checked: %1; the newest is #%2 with hash %3… (removing the newest entries "
                    "cannot be seen here: compare with an exported copy).")
                    .replace("%1", str(v.entries)).replace("%2", str(v.head_seq))
                    .replace("%3", v.head_hash[:12]))
            else:
                self.result.setText(translate("JournalPage", "The journal was changed: %1. Entries from that one "
                                            "on cannot be trusted.").replace("%1", v.problem))
                row = self.model.row_of_seq(v.first_bad_seq or 0)
                if row >= 0:
                    self.table.selectRow(row)
            self.verified.emit(v)

        self.bridge.run(lambda _ctx: journal.verify(engine), name="verify journal",
                        owner=self, on_success=done, on_failure=self._failed)

    def choose_export(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, translate("JournalPage", "Export the Journal"), "journal.csv", translate("JournalPage", "CSV files (*.csv)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Write the whole journal (oldest first, hashes included) to ``path`` as CSV."""
        engine = self.engine
        if engine is None:
            return

        def done(written: Path) -> None:
            self.result.setText(translate("JournalPage", "Exported to %1.").replace("%1", str(written)))
            self.exported.emit(str(written))

        self.bridge.run(lambda _ctx: write_csv(path, journal.export_csv(engine)),
                        name="export journal", owner=self, on_success=done,
                        on_failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._update()
        self.result.setText(translate("JournalPage", "That did not work: %1").replace(
            "%1", failure_text(exc)))

    def _update(self) -> None:
        has = self.engine is not None
        self.verify_button.setEnabled(has)
        self.export_button.setEnabled(has)

    def retranslate(self) -> None:
        self.verify_button.setText(translate("JournalPage", "&Verify"))
        self.verify_button.setToolTip(translate("JournalPage",
            "Re-check every entry's hash: editing, deleting or reordering any past entry is found"))
        self.export_button.setText(translate("JournalPage", "&Export…"))
        self.model.refresh_texts()
