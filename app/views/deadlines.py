"""The Deadlines area (deadline radar): every running clock, what needs action soonest first.

The clocks come from :func:`app.services.supervision.deadlines.running_clocks` (read on the READ lane). Each
row says what happens when the clock runs out, on which record, when (local time), the time left
and the severity from the user's thresholds (Settings: urgent within N hours, soon within N days).
Activating a row opens its record (``openRecord``). The list re-reads when the collections behind
the clocks change, and the time left is repainted every minute.

Once per deadline that is overdue or urgent, a system-tray notification is shown
(:class:`DeadlineNotifier`; :func:`app.services.supervision.deadlines.take_notifications` records each one in
``deadline_reminders`` on the WRITE lane, so a deadline is announced once, across restarts). With no
system tray (a bare X server, offscreen tests) the notification is skipped quietly; the area still
lists the clock.

Signals of :class:`DeadlinesView`
---------------------------------
``openRecord(str, str)``
    ``(kind, id)`` of the record behind the activated row.
``notified(object)``
    The list of :class:`~app.services.supervision.deadlines.Clock` just notified (possibly shown in the tray).
``titleChanged()``
    The area's title (number overdue or urgent) changed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSystemTrayIcon,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.services.finance.settlement_rules import rules_for_profile
from app.services.integration.watchdog import Policy
from app.services.supervision.deadlines import (
    Clock,
    InvoiceClocks,
    Severity,
    Thresholds,
    running_clocks,
    take_notifications,
)
from app.views.bridge import Bridge, Lane
from app.views.change_watcher import ChangeWatcher
from app.views.common.area_view import AreaView
from app.views.common.formats import local_time
from app.views.common.rows_model import Column, RowsTableModel
from app.views.common.tables import fit_to_contents, keep_last_whole
from app.views.common.titles import record_title
from app.views.context import AreaWorkspace
from app.views.i18n import format_local_time, translate
from app.views.icons import app_icon

WATCHED = frozenset({"supervision_tasks", "demands", "invoice_notices", "bills", "partner_bills",
                     "invoice_drafts", "outbox", "interface_messages", "customer_invoices"})
REPAINT_MS = 60_000
#: Announcements closer together than this are one burst (one re-computation).
REFRESH_DELAY_MS = 1000
#: Records the window can open (others are listed only).
OPENABLE = frozenset({"supervision_task", "demand", "invoice_notice", "order",
                      "interface_message", "customer_invoice"})
COLOURS = {
    Severity.OVERDUE: QColor(0xC0, 0x39, 0x2B),
    Severity.URGENT: QColor(0xD3, 0x54, 0x00),
    Severity.SOON: QColor(0xB7, 0x95, 0x0B),
}
HINT_COLOUR = QColor(0x80, 0x80, 0x80)
#: A clock that ran out longer ago than this is "long past": listed after the running ones, and
#: its time reads as a date ("overdue since 2025-02-03"), not as "overdue by 373 d".
LONG_PAST = timedelta(days=30)
#: The columns: "What happens" wraps its text when the row would not fit otherwise; "About"
#: (the last) is never cut.
WHAT_COLUMN, ABOUT_COLUMN = 3, 5
#: Columns are at most this wide; "What happens" wraps at no less than this.
FIT_MAX, WRAP_LEAST = 420, 160


#: Hints about hardware acceptance (§1.6), not from the older appeal rule.
HARDWARE_HINTS = frozenset({"hardware_phone_mismatch", "hardware_phone_unknown"})
#: A 协商退订 waiting for the seller (§1.9): no documented limit, so a hint, not a deadline.
REFUND_HINTS = frozenset({"refund_approval"})


def what_happens(code: str) -> str:
    """What happens when the clock runs out, in the seller's words."""
    texts = {
        "buyer_idle": translate("Deadlines", "Buyer idle 5 days: you may appeal (older rule)"),
        "seller_idle": translate("Deadlines", "Your node idle 5 days: the buyer may appeal "
                                              "(older rule)"),
        "unaccepted_reminder": translate("Deadlines", "180 days unaccepted: KooGallery reminds "
                                                      "the buyer's BD and you"),
        "buyer_rejections": translate("Deadlines", "Buyer rejected more than 3 times: you may "
                                                   "appeal (older rule)"),
        "seller_rejections": translate("Deadlines", "You rejected more than 3 times: the buyer "
                                                    "may appeal (older rule)"),
        "hardware_auto_accept": translate("Deadlines", "Hardware accepted automatically "
                                                       "(10 days after signature)"),
        "hardware_phone_mismatch": translate("Deadlines", "No automatic acceptance (the "
                                                          "courier's phone is not the buyer's): "
                                                          "remind the buyer to accept"),
        "hardware_phone_unknown": translate("Deadlines", "Automatic acceptance not certain "
                                                         "(phone match unknown): ask the buyer "
                                                         "to accept"),
        "appeal_decision": translate("Deadlines", "The platform decides the appeal "
                                                  "(3 working days)"),
        "return_acceptance": translate("Deadlines", "Returned goods accepted and the order "
                                                    "unsubscribed by the system (15 days)"),
        "refund_approval": translate("Deadlines", "Negotiated refund (协商退订) waits for "
                                                  "your approval"),
        "demand_accept": translate("Deadlines", "The demand closes unless you accept it "
                                                "(5 days)"),
        "invoice_due": translate("Deadlines", "Invoice Huawei for the notice (your deadline "
                                              "setting)"),
        "partner_invoice_due": translate("Deadlines", "Invoice Huawei for the partner bill "
                                                      "(1 month)"),
        "customer_invoice_due": translate("Deadlines", "Invoice the customer's request "
                                                       "(7 days, 给用户开票)"),
        "invoice_verification": translate("Deadlines", "Huawei verifies your invoice "
                                                       "(2 working days after signing for it)"),
        "invoice_verification_unsigned": translate("Deadlines", "Huawei verifies your invoice "
                                                                "at the latest (signed-for date "
                                                                "unknown)"),
        "interface_refund": translate("Deadlines", "KooGallery stops retrying your failed "
                                                   "newInstance and refunds the order"),
        "interface_retries_end": translate("Deadlines", "KooGallery stops retrying your failed "
                                                        "interface call; call it again"),
        "interface_delisting": translate("Deadlines", "Many failed orders this month: "
                                                      "delisting risk (the count starts again)"),
    }
    return texts.get(code, code)


def severity_title(severity: Severity) -> str:
    titles = {
        Severity.OVERDUE: translate("Deadlines", "Overdue"),
        Severity.URGENT: translate("Deadlines", "Urgent"),
        Severity.SOON: translate("Deadlines", "Soon"),
        Severity.LATER: translate("Deadlines", "Later"),
    }
    return titles[severity]


def left_text(left: timedelta, hint: bool = False) -> str:
    """"2 d 5 h", "3 h 10 min", "overdue by 1 d 2 h" ("possible for 1 d 2 h": a hint)."""
    seconds = abs(int(left.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        span = translate("Deadlines", "%1 d %2 h").replace("%1", str(days)).replace("%2",
                                                                                    str(hours))
    elif hours:
        span = translate("Deadlines", "%1 h %2 min").replace("%1", str(hours)).replace(
            "%2", str(minutes))
    else:
        span = translate("Deadlines", "%1 min").replace("%1", str(minutes))
    if left.total_seconds() < 0:
        if hint:
            return translate("Deadlines", "possible for %1").replace("%1", span)
        return translate("Deadlines", "overdue by %1").replace("%1", span)
    return span


def time_text(k: Clock, now: datetime) -> str:
    """The "Time left" cell: :func:`left_text`, or the date for a long-past clock."""
    left = k.time_left(now)
    if k.code in HARDWARE_HINTS:  # §1.6: nothing runs out; say when the parcel was signed for
        return translate("Deadlines", "signed for %1").replace(
            "%1", local_time(k.due, with_time=False))
    if k.code in REFUND_HINTS:  # §1.9: nothing runs out; say since when it waits
        return translate("Deadlines", "asked %1").replace(
            "%1", local_time(k.due, with_time=False))
    if k.reminder and left < timedelta(0):  # KooGallery's reminder (§1.6): never "overdue"
        return translate("Deadlines", "reminded since %1").replace(
            "%1", local_time(k.due, with_time=False))
    if left >= -LONG_PAST:
        return left_text(left, k.hint_only)
    since = local_time(k.due, with_time=False)
    if k.hint_only:
        return translate("Deadlines", "possible since %1").replace("%1", since)
    return translate("Deadlines", "overdue since %1").replace("%1", since)


def action_order(clocks: list[Clock], now: datetime) -> list[Clock]:
    """What needs action soonest first: clocks that ran out lately (the latest first), then the
    running ones (the least time left first), then the long-past ones (the latest first), the
    hints (the older appeal rule) last."""

    def key(k: Clock) -> tuple[int, float]:
        left = k.time_left(now).total_seconds()
        if k.hint_only or (k.reminder and left <= 0):
            return 3, -left if left < 0 else left
        if left <= 0:
            return (0, -left) if -left <= LONG_PAST.total_seconds() else (2, -left)
        return 1, left

    return sorted(clocks, key=key)


class DeadlinesModel(RowsTableModel[Clock]):
    """Clocks sorted by due time; texts computed against :attr:`now` and :attr:`thresholds`."""

    def __init__(self, parent: QObject | None = None) -> None:
        self.now = datetime.now(UTC)
        self.thresholds = Thresholds()

        def brush(k: Clock) -> QBrush | None:
            colour = (HINT_COLOUR if k.hint_only or k.reminder
                      else COLOURS.get(self.severity(k)))
            return QBrush(colour) if colour is not None else None

        def severity(k: Clock) -> str:
            if k.hint_only:
                return translate("Deadlines", "Hint")
            if k.reminder:
                return translate("Deadlines", "Reminder")
            return severity_title(self.severity(k))

        def time_tooltip(k: Clock) -> str:
            due = format_local_time(k.due, self.now)
            if k.code in REFUND_HINTS:
                return translate("Deadlines", "Not a deadline: the buyer asked for the refund "
                                              "%1; no time limit for your answer is "
                                              "documented.").replace("%1", due)
            if k.code in HARDWARE_HINTS:
                return translate("Deadlines", "Not a deadline: the parcel was signed for %1, and "
                                              "KooGallery will not accept it by itself; the "
                                              "buyer must confirm.").replace("%1", due)
            if k.hint_only:
                return translate("Deadlines", "A hint from the older appeal rule (no longer a deadline): "
                                      "possible since %1.").replace("%1", due)
            if k.reminder:
                return translate("Deadlines", "KooGallery's reminder to the buyer's Huawei BD and "
                                              "you (not a deadline): %1.").replace("%1", due)
            return translate("Deadlines", "Due %1.").replace("%1", due)

        def severity_tooltip(_k: Clock) -> str:
            return (translate("Deadlines", "Overdue: the time ran out. Urgent: less than %1 h left. "
                                   "Soon: less than %2 d left (Settings).")
                    .replace("%1", str(self.thresholds.urgent_hours))
                    .replace("%2", str(self.thresholds.soon_days)))
        super().__init__([
            Column(lambda: translate("Deadlines", "Time left"), lambda k: time_text(k, self.now),
                   tooltip=time_tooltip, brush=brush, right=True),
            Column(lambda: translate("Deadlines", "Severity"), severity, tooltip=severity_tooltip,
                   brush=brush),
            Column(lambda: translate("Deadlines", "Due"), lambda k: format_local_time(k.due, self.now)),
            Column(lambda: translate("Deadlines", "What happens"), lambda k: what_happens(k.code),
                   tooltip=lambda k: what_happens(k.code)),
            Column(lambda: translate("Deadlines", "Record"),
                   lambda k: f"{record_title(k.record_kind)} {k.record_id}"),
            Column(lambda: translate("Deadlines", "About"), lambda k: k.label, tooltip=lambda k: k.label),
        ], parent)

    def severity(self, k: Clock) -> Severity:
        return k.severity(self.now, self.thresholds)


class DeadlineNotifier(QObject):
    """Shows a tray message for newly pressing deadlines, when the desktop has a system tray."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        self.last_message: tuple[str, str] | None = None

    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def notify(self, clocks: list[Clock], now: datetime) -> None:
        if not clocks:
            return
        first = clocks[0]
        title = (translate("Deadlines", "A deadline needs attention") if len(clocks) == 1 else
                 translate("Deadlines", "%1 deadlines need attention").replace(
                     "%1", str(len(clocks))))
        body = (f"{what_happens(first.code)} — {record_title(first.record_kind)} "
                f"{first.record_id} ({left_text(first.time_left(now))})")
        if len(clocks) > 1:
            body += "\n" + translate("Deadlines", "and %1 more: see Deadlines").replace(
                "%1", str(len(clocks) - 1))
        self.last_message = (title, body)
        if not self.available():
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(app_icon(), self)
            self.tray.setToolTip(translate("Deadlines", "KooGallery Seller Console"))
        self.tray.show()
        self.tray.showMessage(title, body, QIcon(app_icon()), 15_000)


class DeadlinesView(AreaView):
    """The Deadlines area (see the module docstring)."""

    openRecord = Signal(str, str)
    notified = Signal(object)
    titleChanged = Signal()

    def __init__(self, bridge: Bridge, workspace: AreaWorkspace, parent: QWidget | None = None) -> None:
        super().__init__("deadlinesView", bridge, workspace, parent)
        self._pressing = 0
        self.notifier = DeadlineNotifier(self)
        self.model = DeadlinesModel(self)
        self.model.thresholds = self._stored_thresholds()
        self.table = QTableView(self)
        self.table.setObjectName("deadlinesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open)  # double-click or Enter
        self.hints = QCheckBox(self)
        self.hints.setObjectName("deadlinesHints")
        # Hints (the older appeal rule) are there when asked for: most are long past.
        self.hints.setChecked(False)
        self.hints.toggled.connect(lambda _on: self._show_rows())
        self.summary = QLabel(self)
        self.summary.setObjectName("deadlinesSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.hints)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._clocks: list[Clock] = []
        self._repaint = QTimer(self)
        self._repaint.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._repaint.timeout.connect(self._tick)
        self._repaint.start(REPAINT_MS)
        # A radar: re-computed when hidden too (it notifies, and its title counts what presses).
        self.watcher = ChangeWatcher(self, bridge, WATCHED, self.refresh, recount=self.refresh,
                                     retranslate=self.retranslate, delay_ms=REFRESH_DELAY_MS)
        workspace.engineChanged.connect(self.set_engine)
        self.retranslate()
        self.set_engine(workspace.engine)

    def title(self) -> str:
        if self._pressing:
            return translate("DeadlinesView", "Deadlines (%1)").replace("%1", f"{self._pressing:,}")
        return translate("DeadlinesView", "Deadlines")

    def _stored_thresholds(self) -> Thresholds:
        s = self.workspace.settings.load()
        return Thresholds(s.deadline_urgent_hours, s.deadline_soon_days)

    def set_thresholds(self, thresholds: Thresholds) -> None:
        """New thresholds (Settings applied): severities and the title follow at once."""
        self.model.thresholds = thresholds
        self._show_rows()

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.bridge.forget(self, "clocks")  # clocks of the previous cache are not shown
        self._clocks = []
        self._show_rows()
        if engine is not None:
            self.refresh()

    def clocks(self) -> list[Clock]:
        """The clocks listed now (hints included or not, as the check box says)."""
        return list(self.model.rows)

    def profile_name(self) -> str | None:
        target = self.workspace.target
        profile = target.profile if target is not None else None
        return profile.name if profile is not None else None

    def invoicing(self, profile_name: str | None) -> InvoiceClocks:
        """The invoicing clocks of the profile's settlement rules (1 month for partners, the
        seller's own setting or none, 2 working days after signing for verification)."""
        rules = rules_for_profile(self.workspace.paths, profile_name)
        d = rules.invoicing_deadline
        return InvoiceClocks(d.partner_months, d.seller_months,
                             rules.invoice_verification_working_days)

    def refresh(self) -> None:
        """Re-compute the clocks from the cache (READ lane), then notify the new pressing ones."""
        engine = self.engine
        if engine is None:
            return
        self.watcher.stale = False  # this is the whole re-read: nothing is left for when shown

        def loaded(found: list[Clock]) -> None:
            self._clocks = found
            self._show_rows()
            self._notify(engine, found)

        profile_name = self.profile_name()

        def compute(_ctx: object) -> list[Clock]:
            s = self.workspace.settings.load()
            policy = Policy(s.interface_delisting_threshold, s.interface_alert_failures)
            return running_clocks(engine, interface_policy=policy,
                                  invoicing=self.invoicing(profile_name))

        self.bridge.run(compute, name="deadline radar",
                        owner=self,
                        latest="clocks",
                        on_success=loaded,
                        on_failure=lambda exc: self.summary.setText(
                            translate("DeadlinesView", "The deadlines could not be computed: %1").replace(
                                "%1", str(exc))))

    def _notify(self, engine: Engine, found: list[Clock]) -> None:
        now, thresholds = datetime.now(UTC), self.model.thresholds

        # Not a 'latest' series: every answer holds reminders just recorded as shown, so none
        # may be dropped for a newer one; only those of a cache closed meanwhile are not shown.
        def done(fresh: list[Clock]) -> None:
            if engine is self.engine and fresh:
                self.notifier.notify(fresh, now)
                self.notified.emit(fresh)

        self.bridge.run(lambda _ctx: take_notifications(engine, found, now, thresholds),
                        name="deadline reminders", lane=Lane.WRITE,
                        owner=self,
                        on_success=done)

    def _show_rows(self) -> None:
        self.model.now = datetime.now(UTC)
        shown = action_order(
            [k for k in self._clocks if self.hints.isChecked() or not k.hint_only],
            self.model.now)
        self.model.set_rows(shown)
        pressing = sum(1 for k in self._clocks if not k.hint_only and not k.reminder
                       and self.model.severity(k) in (Severity.OVERDUE, Severity.URGENT))
        if self.engine is None:
            self.summary.setText(translate("DeadlinesView", "Opening the cache…"))
        elif not self._clocks:
            self.summary.setText(translate("DeadlinesView", "No clock is running."))
        else:
            self.summary.setText(
                translate("DeadlinesView", "%1 clocks running; %2 overdue or urgent. Double-click one to open its "
                        "record.").replace("%1", f"{len(self._clocks):,}").replace(
                                                    "%2", f"{pressing:,}"))
        self.fit_columns()
        if pressing != self._pressing:
            self._pressing = pressing
            self.titleChanged.emit()

    def fit_columns(self) -> None:
        """Every column as wide as its title and contents; when a row would be wider than the
        table (in English at 1280×800), "What happens" wraps its text onto a second line so
        that "About" stays in view, and "About" is never cut (issue 13)."""
        table, header = self.table, self.table.horizontalHeader()
        fit_to_contents(table, most=FIT_MAX)
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c not in (WHAT_COLUMN, ABOUT_COLUMN))
        about = max(header.sectionSizeHint(ABOUT_COLUMN), table.sizeHintForColumn(ABOUT_COLUMN))
        room = table.viewport().width() - others - about
        if header.sectionSize(WHAT_COLUMN) > room:
            header.resizeSection(WHAT_COLUMN, max(WRAP_LEAST, header.sectionSizeHint(WHAT_COLUMN),
                                                  room))
        table.resizeRowsToContents()
        keep_last_whole(table)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width() and self.model.rowCount():
            self.fit_columns()

    def _tick(self) -> None:
        self.model.now = datetime.now(UTC)
        self.model.refresh_texts()

    def _open(self, index: object) -> None:
        row = getattr(index, "row", lambda: -1)()
        k = self.model.row_at(row)
        if k is None:
            return
        if k.record_kind in OPENABLE:
            self.openRecord.emit(k.record_kind, k.record_id)
        else:
            self.summary.setText(translate("DeadlinesView", "The console has no page for this record yet; see it "
                                         "in KooGallery's partner center."))

    def retranslate(self) -> None:
        self.hints.setText(translate("DeadlinesView", "Show &hints (older appeal rule)"))
        self.hints.setToolTip(translate("DeadlinesView",
            "Also list when an appeal became possible under the older rule (5 idle days). "
            "These are hints, not deadlines."))
        self._show_rows()
        self.model.refresh_texts()
