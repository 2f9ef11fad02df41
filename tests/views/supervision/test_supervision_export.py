"""Supervision's Export…: the file holds exactly the tasks the list shows under its filter
(scenario, appeals, overdue: filters the generic table filter does not know).

Fixtures are the Supervision view tests' own (a small cache with five tasks).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.services.exchange.exports import ExportFormat
from app.views.supervision.view import SupervisionView
from tests.views.supervision.test_supervision_view import (  # noqa: F401 - pytest fixtures used by name
    FROZEN,
    JIDIYUN,
    WAIT_MS,
    bridge,
    engine,
    view,
)

pytestmark = pytest.mark.gui


def exported_ids(qtbot: QtBot, view: SupervisionView, out: Path,  # noqa: F811 - fixture
                 fmt: ExportFormat = ExportFormat.CSV) -> list[str]:
    view.exporter.quiet = True
    with qtbot.waitSignal(view.exporter.finished, timeout=WAIT_MS) as blocker:
        view.exporter.run(view.engine, view.export_request(out, fmt))
    assert blocker.args[0] is not None
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [r["Task ID"] for r in rows]


def test_export_holds_what_the_list_shows(qtbot: QtBot, view: SupervisionView,  # noqa: F811
                                          tmp_path: Path) -> None:
    assert view.export_button.text() == "Export…"
    assert len(exported_ids(qtbot, view, tmp_path / "all.csv")) == view.model.rowCount() == 5

    bar = view.filter_bar
    action = next(a for a in bar.scenario.menu().actions() if a.data() == "基地云")
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        action.trigger()
    assert exported_ids(qtbot, view, tmp_path / "jidiyun.csv") == [JIDIYUN]
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        bar.reset()

    bar.appealed.setCurrentIndex(2)
    with qtbot.waitSignal(view.model.queryFinished, timeout=WAIT_MS):
        bar.appealed.activated.emit(2)
    assert exported_ids(qtbot, view, tmp_path / "open-appeals.csv") == [FROZEN]



def _exported(qtbot: QtBot, view: SupervisionView, out: Path) -> list[dict[str, str]]:  # noqa: F811
    view.exporter.quiet = True
    with qtbot.waitSignal(view.exporter.finished, timeout=WAIT_MS) as blocker:
        view.exporter.run(view.engine, view.export_request(out, ExportFormat.CSV))
    assert blocker.args[0] is not None
    with out.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_values_follow_the_windows_language(qtbot: QtBot, view: SupervisionView,  # noqa: F811
                                                  tmp_path: Path) -> None:
    from app.services.exchange import terms
    from app.views.i18n import Translations

    rows = _exported(qtbot, view, tmp_path / "en.csv")
    owners = {r["Waiting on"] for r in rows}
    assert owners and owners <= set(terms.NODE_OWNER.words("en").values())
    assert {r["Status"] for r in rows} <= {"In progress", "Completed"}
    assert all(r["Node"] in terms.NODE.words("en").values() for r in rows)
    translations = Translations()
    assert translations.apply("zh_CN") == "zh_CN"
    try:
        rows = _exported(qtbot, view, tmp_path / "zh.csv")
    finally:
        translations.apply("en")
    owners = {r["处理方"] for r in rows}
    assert owners and owners <= set(terms.NODE_OWNER.words("zh_CN").values())
    assert {r["服务监管状态"] for r in rows} <= {"处理中", "已完成"}
