"""Chart axes at the size the Charts area gives them on a 1280×800 screen (issue 13): every
month label shows and none overlaps another, and the value axes group thousands."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsTextItem

from app.services.figures.charts import Bar, MonthSeries
from app.views.charts.builders import count_chart, month_chart, month_labels

pytestmark = pytest.mark.gui

#: A month chart's size in the Charts area of a 1280×800 window (two charts side by side).
MONTH_CHART = (526, 186)
_KEEP: list[QChartView] = []
MONTHS = tuple(f"2026-{m:02d}" for m in range(1, 13))


def _series(months: tuple[str, ...] = MONTHS) -> MonthSeries:
    values = {"联营": [Decimal("1234567.89") * (1 + i % 3) for i in range(len(months))],
              "通用": [Decimal("765432.10")] * len(months)}
    return MonthSeries("CNY", months, values, {k: [1] * len(months) for k in values})


def _labels(qtbot: Any, chart: QChart, size: tuple[int, int]) -> list[tuple[str, QRectF]]:
    """The texts the chart shows (axis labels among them), with their places in the scene."""
    view = QChartView(chart)
    qtbot.addWidget(view)
    _KEEP.append(view)  # the view owns the chart: keep both for the test's asserts
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: chart.plotArea().width() > 0)
    return [(item.toPlainText(), item.sceneBoundingRect()) for item in chart.scene().items()
            if isinstance(item, QGraphicsTextItem) and item.isVisible() and item.toPlainText()]


def test_every_month_label_shows_without_overlapping(qtbot: Any) -> None:
    chart, _bars = month_chart("Order amount by month", _series())
    shown = _labels(qtbot, chart, MONTH_CHART)
    wanted = month_labels(MONTHS)
    months = [(text, rect) for text, rect in shown if text in wanted]
    assert sorted(text for text, _ in months) == sorted(wanted), "a month label is hidden"
    for n, (text, rect) in enumerate(months):
        for other, other_rect in months[n + 1:]:
            assert not rect.intersects(other_rect), f"{text} overlaps {other}"
    assert "2026-01 – 2026-12" in chart.title()  # the years the short labels are in


def test_value_axes_group_thousands(qtbot: Any) -> None:
    chart, _bars = month_chart("Order amount by month", _series())
    texts = [text for text, _ in _labels(qtbot, chart, MONTH_CHART)]
    assert any(t.endswith(",000") and t.replace(",", "").isdigit() for t in texts), texts
    assert not any(t.isdigit() and len(t) > 3 for t in texts), texts  # no "4000000"

    bars = [Bar(f"node {n}", 1100 if n == 0 else n) for n in range(5)]
    counts, _series_, _ordered = count_chart("Tasks by node", bars, horizontal=True)
    texts = [text for text, _ in _labels(qtbot, counts, (1000, 260))]
    assert "1,000" in texts or "1,100" in texts, texts


def test_month_labels_stay_distinct_over_more_than_a_year() -> None:
    months = tuple(f"2025-{m:02d}" for m in range(11, 13)) + MONTHS
    labels = month_labels(months)
    assert len(set(labels)) == len(labels) == 14
    assert labels[:3] == ["11", "12", "01"] and labels[-1] == "26-12"
    assert month_labels(("202601", "202602")) == ["01", "02"]  # bill periods
