"""Issue 16 §2: ``seller-console bill check`` and ``partner-bill check`` say what the window says.

Run as a user runs them (a subprocess) on a cache synced from the sandbox over HTTP; each finding
line is the window's kind and words (:func:`app.views.finance.flags_model.flag_words`, the Partner
area's Check column) for the same check (business-rules §5.2, §5.4, §7).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from decimal import Decimal as D
from pathlib import Path

from sqlalchemy import Engine, func, select, update

from app import models as m
from app.cli.failures import EXIT_FAILURE, EXIT_USAGE
from app.services.finance import reconciliation as rc
from app.services.finance.partner_settlement import partner_bill_checks
from app.services.finance.settlement_rules import load_rules
from app.views.finance.flags_model import flag_words, kind_text
from app.views.partner.columns import check_text
from tests.cli.run import one_line, run_cli

pytest_plugins = ("tests.support.synced_cache",)

ROOT = Path(__file__).resolve().parents[2]
PB = m.PartnerBill.__table__


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELLER_CONSOLE_", "PYTHON"))}
    env.update(SELLER_CONSOLE_HOME=str(home), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    return env


def test_section_5_4_bill_check_prints_the_windows_words_for_each_finding(
        synced: Engine, tmp_path: Path) -> None:
    bl, b = m.BillLine.__table__, m.Bill.__table__
    with synced.begin() as conn:  # an international line with 1.00 more WHT① than it settles at
        line_id, bill_id = conn.execute(select(bl.c.id, bl.c.bill_id).join(b, b.c.id == bl.c.bill_id)
                                        .where(b.c.currency_code != "CNY").order_by(bl.c.id)).first()
        conn.execute(update(b).where(b.c.id == bill_id).values(status="申付审核"))
        conn.execute(update(bl).where(bl.c.id == line_id).values(
            customer_wht=func.coalesce(bl.c.customer_wht, D("0.00")) + D("1.00")))
    db = ("--db", str(synced.url))
    env = _env(tmp_path / "home")
    done = run_cli("bill", "check", *db, env=env)
    assert done.returncode == 0, done.stderr
    window = rc.bill_check(synced, load_rules(), now=datetime.now(UTC))
    assert any(f.kind is rc.FlagKind.SETTLEMENT_MISMATCH for f in window)
    for flag in window:  # the window's "What" and "Why" columns, word for word
        assert f"    {kind_text(flag.kind)}: {flag_words(flag)}" in done.stdout.splitlines()
    as_json = json.loads(run_cli("bill", "check", *db, "--json", env=env).stdout)
    assert sum(len(b["findings"]) for b in as_json) == len(window)
    failing = run_cli("bill", "check", *db, "--fail-on-difference", env=env)
    assert failing.returncode == EXIT_FAILURE
    unknown = run_cli("bill", "check", "NO-SUCH-BILL", *db, env=env)
    assert unknown.returncode == EXIT_USAGE and "NO-SUCH-BILL" in one_line(unknown)


def test_section_7_partner_bill_check_flags_a_line_as_the_partner_area_does(
        synced: Engine, tmp_path: Path) -> None:
    with synced.begin() as conn:
        bill_id, lines = conn.execute(select(PB.c.id, PB.c.lines).order_by(PB.c.id)).first()
        lines = [dict(x) for x in lines]
        lines[0]["settlementAmount"] = str(D(lines[0]["settlementAmount"]) + D("0.01"))
        conn.execute(update(PB).where(PB.c.id == bill_id).values(lines=lines))
        row = conn.execute(select(PB).where(PB.c.id == bill_id)).one()
    env = _env(tmp_path / "home")
    done = run_cli("partner-bill", "check", bill_id, "--db", str(synced.url), env=env)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert check_text(row) in out[0] and out[0].startswith(bill_id)  # the Check column's words
    checks = [c for c in partner_bill_checks(synced) if c.bill_id == bill_id]
    expected = [f"    {kind_text(f.kind)}: {flag_words(f)}" for f in rc.partner_flags(checks)]
    assert expected and all(line in out for line in expected)
    assert any("Partner settlement differs from rules: Line 1" in line for line in out)
