"""Outbox action kinds: declared by their areas, registered only by the composition root's one call."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.services.demands import actions as demands
from app.services.demands import partner as partner_demands
from app.services.integration import watchdog
from app.services.invoices import customer, platform_fee, submit
from app.services.offers import actions as offers
from app.services.openapi import usage
from app.services.outbox import action_kinds
from app.services.outbox import queue as outbox
from app.services.outbox.queue import (
    ACTION_KINDS,
    ActionKind,
    ActionKinds,
    Dispatcher,
)
from app.services.supervision import actions as supervision
from app.services.supervision import refunds

ROOT = Path(__file__).resolve().parents[2]


def test_one_call_registers_every_area_s_kinds() -> None:
    registry = action_kinds.register_action_kinds(ActionKinds())
    assert sorted(registry) == sorted(
        [k.name for k in supervision.KINDS.values()] + [refunds.KIND.name]
        + [k.name for k in demands.KINDS.values()]
        + [submit.SUBMIT_KIND.name, submit.PARTNER_SUBMIT_KIND.name,
           submit.CUSTOMER_ISSUE_KIND.name, platform_fee.KIND.name]
        + [k.name for k in customer.KINDS.values()]
        + [k.name for k in watchdog.KINDS.values()]
        + [k.name for k in usage.KINDS.values()]
        + [k.name for k in offers.KINDS.values()] + [k.name for k in partner_demands.KINDS]
    )
    assert registry["usage.push"].open_api  # sent to KooGallery's open API (interfaces.md §7.3)
    assert registry["invoice.submit"] is submit.SUBMIT_KIND
    assert action_kinds.register_action_kinds(registry) is registry  # again: nothing changes
    assert len(registry) == len(action_kinds.all_action_kinds())


def test_the_tests_register_like_the_composition_root() -> None:
    assert set(ACTION_KINDS) == {k.name for k in action_kinds.all_action_kinds()}


def test_two_kinds_may_not_share_a_name() -> None:
    registry = ActionKinds()
    first = ActionKind("x.do", "x", "POST", "/x/{target_id}", "Do")
    assert registry.register(first) is first
    registry.register(ActionKind("x.do", "x", "POST", "/x/{target_id}", "Do"))  # the same: fine
    with pytest.raises(ValueError, match="x.do"):
        registry.register(ActionKind("x.do", "x", "PUT", "/x/{target_id}", "Do"))


def test_importing_the_areas_registers_nothing() -> None:
    code = (
        "import app.services.outbox.action_kinds, app.services.supervision.actions, app.services.demands.actions\n"
        "import app.services.invoices.submit, app.services.integration.watchdog\n"
        "from app.services.outbox.queue import ACTION_KINDS\n"
        "assert len(ACTION_KINDS) == 0, list(ACTION_KINDS)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_a_dispatcher_without_kinds_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outbox, "ACTION_KINDS", ActionKinds())
    with pytest.raises(RuntimeError, match="register_action_kinds"):
        Dispatcher(None, None)  # type: ignore[arg-type]
