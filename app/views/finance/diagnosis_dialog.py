""""Why was this order not billed?" (为什么订单没有在次月出账): the checks of domain §5.3 for one
order, in order, each passed / failed / unknown / not applicable with the date it changes.

The diagnosis runs on the READ lane (:func:`app.services.finance.billing_diagnosis.diagnose`); the dialog
shows "Checking…" until it arrives, and the reason in words when the order is not cached.

Signals of :class:`DiagnosisDialog`
-----------------------------------
``loaded(object)``
    The :class:`~app.services.finance.billing_diagnosis.Diagnosis` (None when it failed).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget
from sqlalchemy import Engine

from app.services.finance.billing_diagnosis import Check, Diagnosis, Outcome, Verdict, diagnose
from app.services.finance.settlement_rules import SettlementRules
from app.views.bridge import Bridge
from app.views.common.failures import failure_text
from app.views.common.formats import local_time
from app.views.finance.check_words import words
from app.views.i18n import translate

COLOURS = {Outcome.PASSED: "#2e7d32", Outcome.FAILED: "#c62828", Outcome.UNKNOWN: "#e65100",
           Outcome.NOT_APPLICABLE: "#757575"}


def outcome_text(outcome: Outcome) -> str:
    return {
        Outcome.PASSED: translate("DiagnosisDialog", "passed"),
        Outcome.FAILED: translate("DiagnosisDialog", "failed"),
        Outcome.UNKNOWN: translate("DiagnosisDialog", "unknown"),
        Outcome.NOT_APPLICABLE: translate("DiagnosisDialog", "not applicable"),
    }[outcome]


def check_text(check: Check) -> str:
    return {
        Check.BUSINESS_INFO: translate("DiagnosisDialog", "Business information (商业信息认证)"),
        Check.PAYMENT: translate("DiagnosisDialog", "Paid, and repaid on credit (还款)"),
        Check.SUPERVISION: translate("DiagnosisDialog",
                                     "Supervision 不涉及 or 已完成 before the run"),
        Check.EFFECTIVE: translate("DiagnosisDialog", "Taken effect"),
        Check.ACCUMULATION: translate("DiagnosisDialog", "Accumulated ≥ the minimum (客户服务商)"),
    }[check]


def verdict_text(verdict: Verdict) -> str:
    return {
        Verdict.BILLED: translate("DiagnosisDialog", "Billed"),
        Verdict.WILL_BE_BILLED: translate("DiagnosisDialog", "Will be billed"),
        Verdict.OVERDUE: translate("DiagnosisDialog", "Overdue: should have been billed"),
        Verdict.BLOCKED: translate("DiagnosisDialog", "Blocked"),
        Verdict.NEVER: translate("DiagnosisDialog", "Never billed"),
    }[verdict]


def diagnosis_html(d: Diagnosis, tz: tzinfo | None) -> str:
    """The diagnosis as rich text: the verdict, then each check with its outcome and dates."""
    e = html.escape
    parts = [f"<h3>{e(verdict_text(d.verdict))}</h3>"
             f"<p>{e(words(d.code, d.params, d.message))}</p>"]
    if d.expected_run is not None:
        parts.append("<p>" + e(translate("DiagnosisDialog", "Expected in the run of %1 "
                                                            "(period %2).")
                               .replace("%1", local_time(d.expected_run, tz))
                               .replace("%2", d.expected_period or "")) + "</p>")
    parts.append("<table cellspacing='6'>")
    for n, c in enumerate(d.checks, 1):
        when = []
        if c.deadline is not None:
            when.append(translate("DiagnosisDialog", "by %1").replace(
                "%1", local_time(c.deadline, tz)))
        if c.next_run is not None:
            when.append(translate("DiagnosisDialog", "then billed on %1").replace(
                "%1", local_time(c.next_run, tz, with_time=False)))
        dates = ", ".join(when) or ", ".join(f"{k} {v}" for k, v in c.params.items()
                                             if k in ("completed", "effective", "paid"))
        parts.append(
            f"<tr><td>{n}.</td><td><b>{e(check_text(c.check))}</b></td>"
            f"<td style='color:{COLOURS[c.outcome]}'><b>{e(outcome_text(c.outcome))}</b></td>"
            f"<td>{e(dates)}</td></tr><tr><td></td>"
            f"<td colspan='3'>{e(words(c.code, c.params, c.message))}</td></tr>")
    parts.append("</table>")
    return "".join(parts)


class DiagnosisDialog(QDialog):
    """The diagnosis of one order. See the module docstring for its signal."""

    loaded = Signal(object)

    def __init__(self, bridge: Bridge, engine: Engine, order_id: str, rules: SettlementRules,
                 parent: QWidget | None = None, *, role: str = "seller",
                 now: Callable[[], datetime], tz: tzinfo | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosisDialog")
        self.setWindowTitle(translate("DiagnosisDialog", "Why was order %1 not billed?")
                            .replace("%1", order_id))
        self.resize(720, 460)
        self.diagnosis: Diagnosis | None = None
        self.text = QTextBrowser(self)
        self.text.setPlainText(translate("DiagnosisDialog", "Checking…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        at = now()

        def shown(d: Diagnosis) -> None:
            self.diagnosis = d
            self.text.setHtml(diagnosis_html(d, tz))
            self.loaded.emit(d)

        def failed(exc: BaseException) -> None:
            self.text.setPlainText(translate("DiagnosisDialog", "No diagnosis: %1").replace(
                "%1", failure_text(exc)))
            self.loaded.emit(None)

        bridge.run(lambda _ctx: diagnose(engine, order_id, rules, now=at, role=role),
                   name="billing.diagnose", owner=self, on_success=shown, on_failure=failed)
