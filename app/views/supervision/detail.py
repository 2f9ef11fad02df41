"""The detail page of a supervision task: facts, actions, flow timeline, deadlines, operation log
(操作日志), files, appeals and the console's own queued actions (outbox) for the task.

:func:`load_detail` runs on a worker (it reads the cache and the outbox); the pane only shows the
:class:`TaskDetail` it is given and keeps it, so it can show it again in another language. The
action buttons follow :func:`app.services.supervision.actions.availability`: a button the node does not
allow is disabled with the reason as its tooltip.

Signals
-------
``actionRequested(str)``
    A button was pressed: ``confirm``, ``reject``, ``deliver``, ``appeal`` or ``evidence``.
``orderRequested(str)``
    The order link was clicked: the order id.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.models.supervision import SupervisionTask
from app.services.marketplace.wire import parse_hw_time
from app.services.outbox.queue import EntryView, Outbox
from app.services.supervision import actions as sv
from app.services.supervision import query as q
from app.services.supervision import refunds as rf
from app.views.common.formats import local_time
from app.views.common.panes import DetailPane
from app.views.common.titles import term, term_beside
from app.views.i18n import translate
from app.views.orders.labels import money
from app.views.supervision import labels
from app.views.supervision.timeline import FlowTimeline

ACTION_KEYS = ("confirm", "reject", "deliver", "appeal")
#: The button of the node 授权码激活: the seller activates the buyer's license code (issue 14 §2).
LICENSE_KEY = "license"


@dataclass(frozen=True)
class TaskDetail:
    """Everything the page shows for one task (read on a worker)."""

    task: SupervisionTask
    availability: dict[sv.SellerAction, sv.Availability]
    entries: list[EntryView]  # every outbox entry for the task, newest first
    deadlines: list[q.Deadline]
    refunds: list[rf.Refund] = field(default_factory=list)  # 协商退订 / returns, oldest first


def load_detail(engine: Engine, outbox: Outbox, task_id: str,
                now: datetime | None = None) -> TaskDetail:
    """The task, what the seller may do now, its outbox entries and deadlines."""
    task = sv.load_task(engine, task_id)
    queued = outbox.open_for(sv.TARGET, task_id)
    entries = [e for e in outbox.entries(target_id=task_id) if e.target_type == sv.TARGET]
    return TaskDetail(task, sv.availability(task, queued), entries,
                      q.deadlines(task, now or datetime.now(UTC)), rf.refunds(task))


def _hw(value: Any, tz: tzinfo | None) -> str:
    try:
        return local_time(parse_hw_time(str(value)), tz)
    except ValueError:
        return str(value or "")


def _table(parent: QWidget) -> QTableWidget:
    t = QTableWidget(parent)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.verticalHeader().setVisible(False)
    t.setWordWrap(True)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


#: The last column holds free text (a log's comment, an appeal's reason): never narrower than this,
#: or it wraps one character a line; the table scrolls sideways instead.
LAST_COLUMN_MIN = 220


def _keep_last_readable(table: QTableWidget) -> None:
    """Let the stretched last column fill the width, but scroll rather than squeeze it."""
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    if last <= 0:
        return
    table.resizeColumnsToContents()
    others = sum(header.sectionSize(c) for c in range(last))
    squeezed = table.viewport().width() - others < LAST_COLUMN_MIN
    header.setStretchLastSection(not squeezed)
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive if squeezed
                                else QHeaderView.ResizeMode.ResizeToContents)
    if squeezed:
        header.resizeSection(last, min(max(LAST_COLUMN_MIN, header.sectionSize(last)), 600))


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setToolTip(value if len(value) > 30 else "")
            table.setItem(r, c, item)
    _keep_last_readable(table)
    table.resizeRowsToContents()
    rows_height = sum(table.rowHeight(r) for r in range(len(rows)))
    scroll = 0 if table.horizontalHeader().stretchLastSection() else \
        table.horizontalScrollBar().sizeHint().height()  # the squeezed table scrolls sideways
    table.setFixedHeight(min(360, table.horizontalHeader().height() + rows_height + scroll
                             + 2 * table.frameWidth() + 4))


class TaskDetailPane(DetailPane):
    """Shows one task. See the module docstring for the signals."""

    actionRequested = Signal(str)
    orderRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, tz: tzinfo | None = None) -> None:
        super().__init__(parent, "supervisionDetail", tz=tz)
        self.detail: TaskDetail | None = None
        self._message = ""
        body, layout = self.body, self.body_layout
        self.header = QLabel(body)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.header.linkActivated.connect(lambda link: self.orderRequested.emit(link[6:])
                                          if link.startswith("order:") else None)
        layout.addWidget(self.header)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key in (*ACTION_KEYS, LICENSE_KEY, "refund", "evidence"):
            button = QPushButton(body)
            button.setObjectName(f"supervisionAction_{key}")
            button.clicked.connect(lambda _c=False, k=key: self.actionRequested.emit(k))
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.flow_box = QGroupBox(body)
        self.timeline = FlowTimeline(self.flow_box)
        QVBoxLayout(self.flow_box).addWidget(self.timeline)
        self.deadline_box = QGroupBox(body)
        self.deadlines = QLabel(self.deadline_box)
        self.deadlines.setWordWrap(True)
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.deadline_box).addWidget(self.deadlines)
        self.log_box, self.log = self._boxed(body)
        self.files_box, self.files = self._boxed(body)
        self.appeals_box, self.appeals = self._boxed(body)
        self.refunds_box, self.refunds = self._boxed(body)
        # The answer to a refund request sits with the requests (the action row stays as wide).
        refund_button = self.buttons.pop("refund")
        refund_button.setParent(self.refunds_box)
        refund_row = QHBoxLayout()
        refund_row.addWidget(refund_button)
        refund_row.addStretch(1)
        refunds_layout = self.refunds_box.layout()
        assert isinstance(refunds_layout, QVBoxLayout)
        refunds_layout.addLayout(refund_row)
        self.buttons["refund"] = refund_button
        self.outbox_box, self.outbox = self._boxed(body)
        for box in (self.flow_box, self.deadline_box, self.refunds_box, self.log_box,
                    self.files_box, self.appeals_box, self.outbox_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self._compact()
        self.show_empty()

    def _compact(self) -> None:
        """Tight spacing, so that a task reads without scrolling beside the list on a 1280×800
        screen (the pane is about 590 by 590 pixels there)."""
        line = self.fontMetrics().height()
        self.body_layout.setSpacing(line // 3)
        self.body_layout.setContentsMargins(line // 2, line // 2, line // 2, line // 2)
        for box in (self.flow_box, self.deadline_box, self.refunds_box, self.log_box,
                    self.files_box, self.appeals_box, self.outbox_box):
            inner = box.layout()
            if inner is not None:
                inner.setContentsMargins(line // 2, line // 4, line // 2, line // 4)

    def _boxed(self, body: QWidget) -> tuple[QGroupBox, QTableWidget]:
        box = QGroupBox(body)
        table = _table(box)
        QVBoxLayout(box).addWidget(table)
        return box, table

    # -- states -----------------------------------------------------------------------------------

    def show_empty(self) -> None:
        self.detail = None
        self._message = ""  # drawn in the current language by _render (a language switch redraws)
        self._render()

    def show_message(self, text: str) -> None:
        self.detail = None
        self._message = text
        self._render()

    def show_detail(self, detail: TaskDetail) -> None:
        self.detail = detail
        self._render()

    # -- drawing ----------------------------------------------------------------------------------

    def _render(self) -> None:
        d = self.detail
        boxes = (self.flow_box, self.deadline_box, self.refunds_box, self.log_box,
                 self.files_box, self.appeals_box, self.outbox_box)
        self._retranslate_static()
        if d is None:
            message = self._message or translate(
                "TaskDetailPane", "Select a task to see its flow, log, files and appeals.")
            self.header.setText(f"<p>{html.escape(message)}</p>")
            for box in boxes:
                box.hide()
            for button in self.buttons.values():
                button.hide()
            return
        for box in boxes:
            box.show()
        for key, button in self.buttons.items():
            # At 授权码激活 the seller's action is the license activation (KooGallery's open API);
            # the refund answer only when a refund waits (below).
            button.setVisible(key != "refund"
                              and (key != LICENSE_KEY or sv.license_activation(d.task).allowed))
        t = d.task
        e = html.escape
        # Words first: lupdate does not look inside f-strings.
        w_frozen, w_task, w_order = translate("TaskDetailPane", "Frozen by an appeal"), translate("TaskDetailPane", "Task"), \
            translate("TaskDetailPane", "Order")
        w_ordered, w_status, w_node, w_since = translate("TaskDetailPane", "Ordered"), translate("TaskDetailPane", "Status"), \
            translate("TaskDetailPane", "Node"), translate("TaskDetailPane", "since")
        frozen = f" <b style='color:#c0392b'>{e(w_frozen)}</b>" if t.frozen else ""
        subtype = f" · {e(t.license_subtype)}" if t.license_subtype else ""
        self.header.setText(
            f"<h3>{e(t.product_name)} {e(t.sku_name or '')}</h3>"
            f"<p>{e(w_task)} {e(t.id)} · {e(w_order)} "
            f"<a href='order:{e(t.order_id)}'>{e(t.order_id)}</a> · "
            f"{e(money(t.order_amount, t.currency_code))}</p>"
            f"<p>{e(t.customer_name)} · {e(term(t.product_class))} · {e(term(t.delivery_type))}{subtype} · "
            f"{e(term(t.sales_scenario))} · {e(w_ordered)} "
            f"{e(local_time(t.order_time, self._tz))}</p>"
            f"<p>{e(w_status)}: {e(term(t.status))} · {e(w_node)}: <b>{e(term_beside(t.node))}</b>"
            f" ({e(labels.owner(t.node_owner))}, {e(w_since)} "
            f"{e(local_time(t.node_entered_time, self._tz))}){frozen}</p>")
        for key in ACTION_KEYS:
            verdict = d.availability[sv.SellerAction(key)]
            button = self.buttons[key]
            button.setEnabled(verdict.allowed)
            if verdict.allowed:
                tip = translate("TaskDetailPane", "Marketplace action: %1").replace("%1", verdict.server_action)
            else:
                tip = labels.reason(verdict.reason_code, verdict.reason, t.node)
            button.setToolTip(tip)
        waiting = [r for r in d.refunds if r.waiting_for_seller]
        refund_button = self.buttons["refund"]
        refund_button.setVisible(bool(waiting))  # only when a refund request waits for you
        queued_refund = any(e.kind == rf.KIND.name and e.state in ("pending", "sending",
                                                                   "needs_attention")
                            for e in d.entries)
        refund_button.setEnabled(bool(waiting) and not queued_refund)
        refund_button.setToolTip(
            translate("TaskDetailPane", "An answer to the refund request is waiting in the "
                                        "outbox.") if queued_refund else
            translate("TaskDetailPane", "Approve or refuse the negotiated refund (协商退订), or "
                                        "accept the returned goods or mark 验收异常 (15 days)."))
        self.buttons["evidence"].setEnabled(True)
        self.timeline.set_flow(list(t.flow_nodes or []), t.node, t.frozen)
        self._render_deadlines(d.deadlines)
        self._render_tables(t, d.entries)
        self._render_refunds(d.refunds)
        # No empty tables: files, appeals, refunds and queued actions show when there are some.
        for box, table in ((self.files_box, self.files), (self.appeals_box, self.appeals),
                           (self.refunds_box, self.refunds), (self.outbox_box, self.outbox)):
            box.setVisible(table.rowCount() > 0)

    def _render_deadlines(self, deadlines: list[q.Deadline]) -> None:
        if not deadlines:
            self.deadlines.setText(html.escape(translate("TaskDetailPane", "No clock is running for this task.")))
            return
        lines = []
        for dl in deadlines:
            words = html.escape(labels.tr(labels.DEADLINES.get(dl.code, dl.code)))
            when = html.escape(local_time(dl.due, self._tz))
            if dl.hint_only:  # a hint (older appeal rule, hardware, refund): nothing runs out
                state = html.escape(translate("TaskDetailPane", "hint"))
            elif dl.reminder:  # the platform's 180-day reminder (§1.6): never overdue
                state = html.escape(translate("TaskDetailPane", "reminder"))
            else:
                state = html.escape(translate("TaskDetailPane", "passed") if dl.passed
                                    else translate("TaskDetailPane", "due"))
            style = " style='color:#c0392b'" if dl.passed and not (dl.hint_only or dl.reminder) else ""
            lines.append(f"<li{style}>{when} ({state}): {words}</li>")
        self.deadlines.setText("<ul style='margin:0'>" + "".join(lines) + "</ul>")

    def _render_refunds(self, refunds: list[rf.Refund]) -> None:
        tz = self._tz
        _fill(self.refunds, [translate("TaskDetailPane", "Asked"),
                             translate("TaskDetailPane", "Kind"),
                             translate("TaskDetailPane", "Amount"),
                             translate("TaskDetailPane", "Reason"),
                             translate("TaskDetailPane", "State"),
                             translate("TaskDetailPane", "Decide by")],
              [[local_time(r.applied_at, tz), term(r.kind),
                money(r.amount, r.currency_code or "") if r.amount is not None else "",
                r.reason or "", labels.refund_state(r.state.value),
                local_time(r.due, tz) if r.due is not None else ""]
               for r in reversed(refunds)])

    def _render_tables(self, t: SupervisionTask, entries: list[EntryView]) -> None:
        tz = self._tz
        _fill(self.log, [translate("TaskDetailPane", "Time"), translate("TaskDetailPane", "Who"), translate("TaskDetailPane", "Action"), translate("TaskDetailPane", "From"),
                         translate("TaskDetailPane", "To"), translate("TaskDetailPane", "Comment")],
              [[_hw(x.get("time"), tz), labels.owner(str(x.get("actorRole") or ""))
                + (f" {x['actor']}" if x.get("actor") else ""), term(str(x.get("action") or "")),
                term(str(x.get("fromNode") or "")), term(str(x.get("toNode") or "")),
                str(x.get("comment") or "")] for x in reversed(t.operation_logs or [])])
        _fill(self.files, [translate("TaskDetailPane", "File"), translate("TaskDetailPane", "Kind"), translate("TaskDetailPane", "From"), translate("TaskDetailPane", "Uploaded"),
                           translate("TaskDetailPane", "Size"), translate("TaskDetailPane", "SHA-256")],
              [[str(a.get("fileName") or ""), labels.file_kind(str(a.get("kind") or "")),
                labels.owner(str(a.get("uploaderRole") or "")), _hw(a.get("uploadTime"), tz),
                f"{a.get('size'):,}" if isinstance(a.get("size"), int) else "",
                str(a.get("sha256") or "")[:16]] for a in t.attachments or []])
        _fill(self.appeals, [translate("TaskDetailPane", "Filed"), translate("TaskDetailPane", "By"), translate("TaskDetailPane", "Reason"),
                             translate("TaskDetailPane", "Demand"), translate("TaskDetailPane", "Status"), translate("TaskDetailPane", "Result"),
                             translate("TaskDetailPane", "Opinion")],
              [[_hw(a.get("createTime"), tz), term(str(a.get("initiator") or "")),
                str(a.get("reason") or ""), str(a.get("demand") or ""),
                term(str(a.get("status") or "")), term(str(a.get("result") or "")),
                str(a.get("opinion") or "")] for a in reversed(t.appeals or [])])
        _fill(self.outbox, [translate("TaskDetailPane", "Queued"), translate("TaskDetailPane", "Action"), translate("TaskDetailPane", "State"),
                            translate("TaskDetailPane", "Files"), translate("TaskDetailPane", "Marketplace's answer")],
              [[local_time(x.created_at, tz), x.summary, self._state(x.state),
                ", ".join(f.file_name for f in x.files),
                " ".join(v for v in (x.last_error_code or "", x.last_error or "") if v)]
               for x in entries])

    # -- text -------------------------------------------------------------------------------------

    def _retranslate_static(self) -> None:
        for key in ACTION_KEYS:
            self.buttons[key].setText(labels.tr(labels.ACTIONS[key]) + "…")
        self.buttons["refund"].setText(translate("TaskDetailPane", "Answer Refund…"))
        self.buttons["evidence"].setText(translate("TaskDetailPane", "Evidence Package…"))
        self.buttons[LICENSE_KEY].setText(translate("TaskDetailPane", "Activate License Code…"))
        self.buttons[LICENSE_KEY].setToolTip(translate(
            "TaskDetailPane", "Activate the buyer's license code at KooGallery; the task moves on "
            "at the next sync"))
        self.buttons["evidence"].setToolTip(translate("TaskDetailPane",
            "A ZIP with an index PDF, the files and their SHA-256 hashes, for a dispute"))
        self.flow_box.setTitle(translate("TaskDetailPane", "Flow"))
        self.deadline_box.setTitle(translate("TaskDetailPane", "Deadlines"))
        self.log_box.setTitle(translate("TaskDetailPane", "Operation log (操作日志)"))
        self.files_box.setTitle(translate("TaskDetailPane", "Files on the record"))
        self.appeals_box.setTitle(translate("TaskDetailPane", "Appeals (申诉)"))
        self.refunds_box.setTitle(translate("TaskDetailPane", "Refund requests (退订)"))
        self.outbox_box.setTitle(translate("TaskDetailPane", "Your actions in the outbox"))

    def _state(self, state: str) -> str:
        words = {"pending": translate("TaskDetailPane", "Waiting to be sent"), "sending": translate("TaskDetailPane", "Sending"),
                 "needs_attention": translate("TaskDetailPane", "Needs attention"), "done": translate("TaskDetailPane", "Delivered"),
                 "discarded": translate("TaskDetailPane", "Discarded")}
        return words.get(state, state)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
