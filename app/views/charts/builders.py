"""QtCharts charts from the figures of :mod:`app.services.figures.charts`.

A chart value is a float (the one place an amount becomes one: the axis scale); tooltips and the
legend show the exact ``Decimal``. Each builder returns the chart and the series whose clicks the
view turns into "open these rows".
"""

from __future__ import annotations

import math
from decimal import Decimal

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor

from app.services.figures.charts import Bar, Conversion, MonthSeries
from app.views.common.titles import term
from app.views.i18n import translate

#: Colours of the categories (product classes, statuses), in order; readable on light and dark.
PALETTE = ("#1e88e5", "#43a047", "#fb8c00", "#8e24aa", "#e53935", "#00897b", "#6d4c41",
           "#546e7a", "#c0ca33", "#d81b60")


#: Axis numbers are grouped by thousands, as every amount in the console is
#: (:mod:`app.views.common.formats`: ``1,234,567``), in every interface language.
AXIS_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setLocale(AXIS_LOCALE)
    chart.setLocalizeNumbers(True)  # the value axes' "%.0f" / "%d" become "4,000,000"
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _value_axis(maximum: float, label_format: str = "%.0f") -> QValueAxis:
    axis = QValueAxis()
    axis.setLabelFormat(label_format)
    if maximum > 0:
        axis.setRange(0, maximum * 1.05)
        axis.applyNiceNumbers()
    else:  # nothing to show: one empty band, no repeated 0 labels
        axis.setRange(0, 1)
        axis.setTickCount(2)
        axis.setLabelsVisible(False)
    return axis


def _fewer_ticks(axis: QValueAxis, most: int = 4) -> None:
    """At most ``most`` ticks on ``axis`` (which starts at 0), each a whole number of the nice
    step (0, 2,000,000, 4,000,000, 6,000,000 rather than six): the month charts are short, and
    with more ticks their seven-digit labels collided or were cut to "..." at 1280×800."""
    intervals = axis.tickCount() - 1
    if intervals + 1 <= most or intervals <= 0:
        return
    step = axis.max() / intervals
    factor = math.ceil(intervals / (most - 1))
    fewer = math.ceil(intervals / factor)
    axis.setRange(0, step * factor * fewer)
    axis.setTickCount(fewer + 1)


def class_label(value: str) -> str:
    """A product class as the legend shows it (the raw class, or words for "not cached")."""
    return term(value) if value else translate("Charts", "(order not cached)")


def month_label(month: str) -> str:
    """``2026-03`` or ``202603`` as ``26-03``: short enough for twelve bars side by side."""
    digits = month.replace("-", "")
    return f"{digits[2:4]}-{digits[4:6]}"


def month_labels(months: tuple[str, ...] | list[str]) -> list[str]:
    """The month axis's labels: the month alone (``02``), so that twelve labels side by side do
    not run into each other (the chart's title gives the years, :func:`month_range`); a month
    whose short label was already used (more than twelve months) keeps its year
    (``27-02``: category labels must differ)."""
    labels: list[str] = []
    for month in months:
        full = month_label(month)
        short = full[3:]
        labels.append(full if short in labels else short)
    return labels


def month_range(months: tuple[str, ...] | list[str]) -> str:
    """``2025-12 – 2026-11``: the months a month axis spans (empty for none)."""
    if not months:
        return ""
    first, last = (m.replace("-", "") for m in (months[0], months[-1]))
    return f"{first[:4]}-{first[4:6]} – {last[:4]}-{last[4:6]}"


def month_chart(title: str, series: MonthSeries | None) -> tuple[QChart, QAbstractBarSeries]:
    """Stacked bars: one bar per month, one segment per category (product class)."""
    chart = _chart(title)
    bars = QStackedBarSeries()
    if series is not None:
        for n, (category, values) in enumerate(series.values.items()):
            bar_set = QBarSet(class_label(category))
            bar_set.setColor(QColor(PALETTE[n % len(PALETTE)]))
            bar_set.append([float(v) for v in values])  # axis scale only; exact in tooltips
            bars.append(bar_set)
    chart.addSeries(bars)
    months = month_labels(series.months) if series is not None else []
    x = QBarCategoryAxis()
    x.setTruncateLabels(False)
    x.append(months or [""])
    if series is not None and series.months:  # the years the short month labels are in
        chart.setTitle(f"{title} · {month_range(series.months)}")
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(x)
    top = 0.0
    if series is not None:
        for i in range(len(months)):
            top = max(top, float(sum((v[i] for v in series.values.values()), Decimal(0))))
    y = _value_axis(top)
    _fewer_ticks(y)  # a short chart: seven-digit labels need the room
    y.setTitleText(series.currency if series is not None else "")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(y)
    return chart, bars


def count_chart(title: str, bars_in: list[Bar] | tuple[Bar, ...], *, horizontal: bool = False,
                caption: str = "") -> tuple[QChart, QAbstractBarSeries, list[Bar]]:
    """One bar per label (a node, a status), counts on the value axis. Returns the bars in the
    series' index order (a horizontal chart lists from the bottom up, so its bars are reversed to
    read top to bottom in the given order)."""
    chart = _chart(title + (f" — {caption}" if caption else ""))
    ordered = list(reversed(list(bars_in))) if horizontal else list(bars_in)
    bars: QAbstractBarSeries = QHorizontalBarSeries() if horizontal else QBarSeries()
    bar_set = QBarSet(translate("Charts", "Count"))
    bar_set.setColor(QColor(PALETTE[0]))
    bar_set.append([float(b.count) for b in ordered])
    bars.append(bar_set)
    bars.setLabelsVisible(True)
    if horizontal:  # a short bar's count beside it, not squeezed inside
        bars.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        bar_set.setLabelColor(QColor("#333333"))
    chart.addSeries(bars)
    chart.legend().setVisible(False)
    categories = QBarCategoryAxis()
    categories.setTruncateLabels(False)
    categories.append([term(b.label) for b in ordered] or [""])
    values = _value_axis(float(max((b.count for b in ordered), default=0)))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft if horizontal
                  else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal
                  else Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(categories)
    bars.attachAxis(values)
    return chart, bars, ordered


def conversion_caption(conversion: Conversion) -> str:
    if conversion.rate is None:
        return translate("Charts", "no demand decided yet")
    percent = (conversion.rate * 100).quantize(Decimal("0.1"))
    return translate("Charts", "%1% converted").replace("%1", str(percent))


def pie_chart(title: str, bars_in: list[Bar]) -> tuple[QChart, QPieSeries]:
    """One slice per label (invoice notices per bill status), named in the legend."""
    chart = _chart(title)
    pie = QPieSeries()
    for n, bar in enumerate(bars_in):
        piece = pie.append(f"{term(bar.label)} ({bar.count})", float(bar.count))
        piece.setColor(QColor(PALETTE[n % len(PALETTE)]))
        piece.setLabelVisible(False)  # the legend names each slice with its count; a thin
        # slice's outside label was clipped at the chart's edge
    chart.addSeries(pie)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart, pie
