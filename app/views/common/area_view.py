"""What every area view starts with (see docs/architecture.md, "The one pattern for an area").

An area is built as ``SomeView(bridge, workspace, parent)``: it keeps the bridge (its background
work), the workspace (the current cache, target, paths and settings) and the cache it shows now
(``engine``: None until one is open; the view sets it as the workspace's ``engineChanged`` says).
:class:`AreaView` holds these three and names the widget, so each view adds only its own parts::

    class DemandsView(AreaView):
        def __init__(self, bridge, workspace, parent=None) -> None:
            super().__init__("demandsView", bridge, workspace, parent)
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from app.views.bridge import Bridge
from app.views.context import AreaWorkspace


class AreaView(QWidget):
    """An area's widget: ``objectName`` ``name``, :attr:`bridge`, :attr:`workspace` and the
    :attr:`engine` shown (None until a cache is open)."""

    def __init__(self, name: str, bridge: Bridge, workspace: AreaWorkspace,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.bridge = bridge
        self.workspace = workspace
        self.engine: Engine | None = None
