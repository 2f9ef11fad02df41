"""Amounts and times as the console shows them: one function per convention.

Amounts (always ``Decimal``, never a float; two places, grouped thousands):

- ``money(amount, currency)`` -> ``¥1,234.50``: an amount standing alone (dashboard tiles, order
  lists and details, record lists): the currency's symbol, or its code for currencies without one
  (``EUR 12.00``). The one implementation is the services' ``format_amount``, which exports share.
- ``amount(value)`` -> ``1,234.50``: a table cell whose row or column names the currency (bills,
  bill lines, reconciliation, partner tables); empty for no value.
- ``amount_with_code(value, currency)`` -> ``1,234.50 CNY``: charts (axes, tooltips, legends), where
  a symbol would be ambiguous across series.

Times are stored in UTC and shown in the user's zone:

- ``local_time(when, tz)`` -> ``2026-03-01 16:00`` (``with_time=False``: the date): tables, details,
  exports; ``tz`` None is the system's zone.
- ``app.views.i18n.format_local_time(when)`` -> ``10:32`` today, else ``2026-03-01 16:00`` (the
  same form as ``local_time``, in every language): status messages ("last synced at …").
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from app.services.figures.dashboard import format_amount


def money(value: Decimal, currency: str) -> str:
    """``¥1,234.50`` (see the module docstring)."""
    return format_amount(value, currency)


def amount(value: Decimal | None) -> str:
    """``12,345.60``: exact, two places; empty for no value."""
    return "" if value is None else f"{value:,.2f}"


def amount_with_code(value: Decimal, currency: str) -> str:
    """``12,345.60 CNY``: exact, two places."""
    return f"{value:,.2f} {currency}".strip()


def local_time(when: datetime | None, tz: tzinfo | None = None, with_time: bool = True) -> str:
    """A stored UTC time in the user's zone (``tz`` None: the system's); empty for no time."""
    if when is None:
        return ""
    return when.astimezone(tz).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
