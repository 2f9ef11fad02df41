"""Choice lists (combo boxes) whose choices are replaced while the user's choice stays."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, items: Iterable[tuple[str, Any]]) -> None:
    """Replace the choices of ``combo`` by ``(text, data)`` items. The choice with the data chosen
    before stays chosen (else the first); ``currentIndexChanged`` is not emitted."""
    current = combo.currentData()
    was_blocked = combo.blockSignals(True)
    try:
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        combo.setCurrentIndex(max(0, combo.findData(current)))
    finally:
        combo.blockSignals(was_blocked)
