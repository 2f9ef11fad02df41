"""Click-through from a chart to its rows: show the area behind the chart with a filter.

:func:`open_rows` takes the window and a chart's ``rowsRequested(area, key)``; it knows each area's
public way in (the Orders filter, the supervision filter bar, the Demands filters, the Invoices
selection, the Bills period). Nothing here reads the cache.
"""

from __future__ import annotations

from typing import Any

from app.services.figures.charts import month_range
from app.services.orders.query import OrderFilter


def _show(window: Any, key: str) -> bool:
    keys = [a.key for a in window.areas]
    if key not in keys:
        return False
    window.show_area(keys.index(key))
    return True


def open_rows(window: Any, area: str, key: dict[str, Any]) -> None:
    """Open ``area`` in ``window`` showing the rows ``key`` describes (see the Charts view)."""
    if area == "orders" and _show(window, "orders"):
        start, end = month_range(key["month"], int(key.get("utc_offset_minutes", 0)))
        flt = OrderFilter(created_from=start, created_to=end)
        if window.orders.view is not None:
            window.orders.view.apply_filter(flt)
    elif area == "supervision" and _show(window, "supervision"):
        bar = window.supervision.filter_bar
        bar.blockSignals(True)
        bar.reset()
        bar.node.set_selected([key["node"]])
        bar.blockSignals(False)
        bar.filterChanged.emit(bar.filter())
    elif area == "demands" and _show(window, "demands"):
        view = window.demands
        view.search.setText("")
        view.source_filter.setCurrentIndex(0)
        view.status_filter.setCurrentIndex(max(0, view.status_filter.findData(key["status"])))
        view.refresh()
    elif area == "invoices" and _show(window, "invoices"):
        ids = list(key.get("notice_ids", []))
        if ids:
            window.invoices.select([("notice", i) for i in ids], ("notice", ids[0]))
    elif area == "bills" and _show(window, "bills"):
        window.bills.open_period(key["period"], key.get("product_class"))
