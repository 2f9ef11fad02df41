"""Every kind of outbox action the console can send, registered in one place.

Each area declares its action kinds as data (supervision, demands, invoices); importing them
registers nothing. A dispatcher may meet an entry queued by any area (a CLI ``outbox send``, the
GUI after a restart), so the composition root (``app/__main__.py`` for the commands; for the
window, its workspace as it hands out a cache, after the window is shown; the tests' setup in
``tests/conftest.py``) calls :func:`register_action_kinds` before any dispatcher is made.
Add an area's kinds to :func:`all_action_kinds` when it adds actions.
"""

from __future__ import annotations

from app.services.demands import actions as demands
from app.services.demands import partner as partner_demands
from app.services.integration import watchdog
from app.services.invoices import customer, platform_fee, submit
from app.services.offers import actions as offers
from app.services.openapi import usage
from app.services.outbox.queue import ACTION_KINDS, ActionKind, ActionKinds
from app.services.supervision import actions as supervision
from app.services.supervision import refunds


def all_action_kinds() -> tuple[ActionKind, ...]:
    """The kinds of every area, in a fixed order."""
    return (*supervision.KINDS.values(), refunds.KIND, *demands.KINDS.values(),
            submit.SUBMIT_KIND, submit.PARTNER_SUBMIT_KIND, submit.CUSTOMER_ISSUE_KIND,
            *customer.KINDS.values(), platform_fee.KIND, *watchdog.KINDS.values(),
            *usage.KINDS.values(), *offers.KINDS.values(), *partner_demands.KINDS)


def register_action_kinds(registry: ActionKinds = ACTION_KINDS) -> ActionKinds:
    """Put every area's action kinds in ``registry`` (by default the process's own, which the
    outbox and its dispatcher read); calling it again changes nothing."""
    for kind in all_action_kinds():
        registry.register(kind)
    return registry
