"""The tabs of the Integration area after its first (the interface watchdog), in order.

Each :class:`IntegrationTab` builds its panel with the area's :class:`~app.views.context.AreaContext`
and a parent: ``build(context, parent)``. The tools of issue 14: the conformance tester
(``conformance_panel.py``), license codes and usage (``license_panel.py``) and Query Order
(``order_query_panel.py``). A new tool adds its ``IntegrationTab`` here.

A panel is a ``QWidget``; it follows the cache (``context.workspace.engineChanged``) and words its
texts itself (``Retranslating``); the area re-reads ``title()`` after a language switch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.views.context import AreaContext
from app.views.i18n import translate
from app.views.integration.conformance_panel import ConformancePanel
from app.views.integration.license_panel import LicensePanel
from app.views.integration.order_query_panel import OrderQueryPanel


@dataclass(frozen=True)
class IntegrationTab:
    """One tab: ``key`` (its object name), ``title()`` in the user's language, ``build``."""

    key: str
    title: Callable[[], str]
    build: Callable[[AreaContext, QWidget], QWidget]


#: The tabs after the watchdog, in order.
TABS: tuple[IntegrationTab, ...] = (
    IntegrationTab("conformance", lambda: translate("IntegrationView", "Conformance Tester"),
                   ConformancePanel),
    IntegrationTab("license", lambda: translate("IntegrationView", "License Codes and Usage"),
                   LicensePanel),
    IntegrationTab("order_query", lambda: translate("IntegrationView", "Query Order"),
                   OrderQueryPanel),
)
