"""The tabs of the Integration area after its first (the interface watchdog), in order.

Each :class:`IntegrationTab` builds its panel with the area's :class:`~app.views.context.AreaContext`
and a parent: ``build(context, parent)``. The integrator adds the other tools of issue 14 here
(``ConformancePanel`` in ``conformance_panel.py``, ``LicensePanel`` in ``license_panel.py``,
``OrderQueryPanel`` in ``order_query_panel.py``), for example::

    from app.views.integration.conformance_panel import ConformancePanel

    TABS = (
        IntegrationTab("conformance", lambda: translate("IntegrationView", "Conformance tester"),
                       ConformancePanel),
        ...
    )

A panel is a ``QWidget``; it follows the cache (``context.workspace.engineChanged``) and words its
texts itself (``Retranslating``); the area re-reads ``title()`` after a language switch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.views.context import AreaContext


@dataclass(frozen=True)
class IntegrationTab:
    """One tab: ``key`` (its object name), ``title()`` in the user's language, ``build``."""

    key: str
    title: Callable[[], str]
    build: Callable[[AreaContext, QWidget], QWidget]


#: The integrator's place: the tabs after the watchdog, in order.
TABS: tuple[IntegrationTab, ...] = ()
