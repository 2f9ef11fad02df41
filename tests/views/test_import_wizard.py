"""The import wizard over an empty cache: preview with the guessed mapping, a mapping change
re-previews, the check names bad rows by line, a refused import says why, the good rows import,
and the import is undone as a whole."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from app.models import db
from app.models.orders import Order
from app.services.exchange.import_files import FileKind
from app.views.bridge import Bridge
from app.views.import_wizard import ImportDialog

pytestmark = pytest.mark.gui
HEADERS = ["订单号", "客户名称", "用户名", "商品名称", "订单状态", "订单类型", "订单金额(元)",
           "币种", "创建时间"]


def row(oid: str, amount: str = "1,234.50") -> list[str]:
    return [oid, "杭州测试科技有限公司", "hzcs01", "云栖协同办公OA", "已完成", "NEW", amount, "CNY",
            "2026-11-02 10:30:00"]


def orders(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Order)).scalar_one())


@pytest.fixture
def dialog(qtbot: Any, tmp_path: Path) -> Iterator[tuple[ImportDialog, Engine, Path]]:
    engine = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    path = tmp_path / "orders.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([HEADERS, row("CS1"), row("CS2", "12.345"), row("CS3")])
    bridge = Bridge()
    widget = ImportDialog(bridge, engine)
    qtbot.addWidget(widget)
    widget.show()
    yield widget, engine, path
    bridge.wait_idle()
    engine.dispose()


def test_preview_check_import_and_undo(qtbot: Any,
                                       dialog: tuple[ImportDialog, Engine, Path]) -> None:
    widget, engine, path = dialog
    with qtbot.waitSignal(widget.previewed, timeout=10_000) as shown:
        widget.open_file(path, FileKind.ORDERS)
    preview = shown.args[0]
    assert preview.mapping["id"] == "订单号" and preview.data_rows == 3
    assert widget.current_mapping() == preview.mapping
    assert widget.rows.rowCount() == 3
    bad = [widget.rows.item(1, c) for c in range(1, widget.rows.columnCount())]
    assert any(item is not None and item.toolTip() for item in bad)  # 12.345 flagged
    flagged = next(i for i in bad if i is not None and i.toolTip())
    assert flagged.text() == flagged.toolTip()  # the refused value's reason shows in its place
    # fields in words: the export's English header with the web console's own name
    assert widget.mapping.item(0, 0).text() == "Order ID (订单号) *"
    assert widget.rows.horizontalHeaderItem(1).text() == "Order ID (订单号)"

    with qtbot.waitSignal(widget.checked, timeout=10_000) as checked:
        widget.check.click()
    assert checked.args[0].bad_lines == [3]
    assert widget.problems.count() >= 1 and widget.problems.item(0).text().startswith("Line 3")

    with qtbot.waitSignal(widget.imported, timeout=10_000) as refused:
        widget.run.click()
    assert refused.args == [None] and widget.status.text()
    assert orders(engine) == 0

    widget.good_only.setChecked(True)
    with qtbot.waitSignal(widget.imported, timeout=10_000) as done:
        widget.run.click()
    result = done.args[0]
    assert (result.inserted, result.skipped) == (2, 1)
    assert orders(engine) == 2
    qtbot.waitUntil(lambda: widget.batches.rowCount() == 1)

    widget.batches.selectRow(0)
    with qtbot.waitSignal(widget.undone, timeout=10_000) as undone:
        widget.undo.click()
    assert undone.args[0].deleted == 2
    assert orders(engine) == 0


def test_a_mapping_change_previews_again(qtbot: Any,
                                         dialog: tuple[ImportDialog, Engine, Path]) -> None:
    widget, _engine, path = dialog
    with qtbot.waitSignal(widget.previewed, timeout=10_000):
        widget.open_file(path, FileKind.ORDERS)
    row_of_id = next(r for r in range(widget.mapping.rowCount())
                     if widget.mapping.item(r, 0).data(256) == "id")
    combo = widget.mapping.cellWidget(row_of_id, 1)
    with qtbot.waitSignal(widget.previewed, timeout=10_000) as again:
        combo.setCurrentIndex(0)  # "(not in the file)"
    assert "id" not in again.args[0].mapping
    assert again.args[0].mapping_problems  # the required order id is missing, in words
    assert widget.status.text()


def test_an_unreadable_file_is_said_in_words(qtbot: Any, tmp_path: Path,
                                             dialog: tuple[ImportDialog, Engine, Path]) -> None:
    widget, _engine, _path = dialog
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    widget.open_file(junk, FileKind.BILLS)
    qtbot.waitUntil(lambda: bool(widget.status.text()) and "Reading" not in widget.status.text())
    assert widget.preview is None and not widget.run.isEnabled()
    assert "Traceback" not in widget.status.text()
