"""The start every area view shares (app.views.common.area_view)."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtWidgets import QWidget

from app.views.bridge import Bridge
from app.views.common.area_view import AreaView
from app.views.context import AreaWorkspace


def test_an_area_view_keeps_its_bridge_workspace_and_no_cache_yet(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    bridge, workspace = cast(Bridge, object()), cast(AreaWorkspace, object())
    view = AreaView("someView", bridge, workspace, parent)
    assert view.objectName() == "someView" and view.parent() is parent
    assert view.bridge is bridge and view.workspace is workspace and view.engine is None
