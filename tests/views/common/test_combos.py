"""Refilling a choice list keeps the user's choice (app.views.common.combos)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox

from app.views.common.combos import refill


def test_refill_keeps_the_choice_without_signals(qtbot: Any) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    refill(combo, [("All", ""), ("Paid", "paid"), ("Open", "open")])
    assert [combo.itemText(n) for n in range(combo.count())] == ["All", "Paid", "Open"]
    assert combo.currentData() == ""
    combo.setCurrentIndex(2)
    changes: list[int] = []
    combo.currentIndexChanged.connect(changes.append)
    refill(combo, [("全部", ""), ("未付", "open"), ("已付", "paid")])
    assert combo.currentData() == "open" and combo.currentText() == "未付"
    refill(combo, [("全部", ""), ("已付", "paid")])  # the choice is gone: the first
    assert combo.currentIndex() == 0
    assert changes == [] and not combo.signalsBlocked()
