"""The flow of a supervision task as a timeline: the nodes the server sent, the current one marked.

Nothing about the flow is known here: the nodes are ``flow_nodes`` as synced (business-rules §1.5:
the node list differs by product type, flow version and 华为云复核, and Huawei renames nodes), and
the current node is ``node``. A current node missing from the list (a renamed node, a platform
state) is drawn after the list, marked, so it is never hidden. Nodes before the current one are
drawn as passed, later ones as open; a frozen task's marker says so.

The widget paints itself (circles joined by a line, each node's name wrapped below); its
accessible description lists the nodes in words for screen readers. Node names are shown in the
interface language (``titles.term``, docs/terms.md); ``nodes()`` keeps them as synced.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.views.common.titles import term
from app.views.i18n import translate


class FlowTimeline(QWidget):
    """Paints ``nodes`` left to right with ``current`` marked. No signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowTimeline")
        self._nodes: list[str] = []
        self._current = -1
        self._frozen = False
        self._extra = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_flow(self, nodes: list[str], current: str, frozen: bool = False) -> None:
        self._nodes = list(nodes)
        self._extra = current not in self._nodes and bool(current)
        if self._extra:
            self._nodes.append(current)
        self._current = self._nodes.index(current) if current in self._nodes else -1
        self._frozen = frozen
        marks = []
        for n, node in enumerate(self._nodes):
            state = (translate("FlowTimeline", "current") if n == self._current else
                     translate("FlowTimeline", "passed") if n < self._current else translate("FlowTimeline", "to come"))
            marks.append(f"{n + 1}. {term(node)} ({state})")
        self.setAccessibleDescription("; ".join(marks))
        self.updateGeometry()
        self.update()

    def nodes(self) -> list[str]:
        return list(self._nodes)

    def current_node(self) -> str | None:
        return self._nodes[self._current] if self._current >= 0 else None

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        h = self.fontMetrics().height()
        return QSize(max(1, len(self._nodes)) * h * 7, int(h * 4.2))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self.fontMetrics().height() * 10, int(self.fontMetrics().height() * 4.2))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._nodes:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        h = self.fontMetrics().height()
        radius = h * 0.45
        step = self.width() / len(self._nodes)
        frozen_word = translate("FlowTimeline", "frozen")
        y = h * 0.9
        accent = pal.color(QPalette.ColorRole.Highlight)
        passed = pal.color(QPalette.ColorRole.Mid)
        text = pal.color(QPalette.ColorRole.WindowText)
        warn = QColor("#c0392b")
        p.setPen(QPen(passed, max(2.0, h / 8)))
        p.drawLine(int(step / 2), int(y), int(step * (len(self._nodes) - 0.5)), int(y))
        for n, node in enumerate(self._nodes):
            cx = step * n + step / 2
            current = n == self._current
            if current:
                color = warn if self._frozen else accent
                p.setPen(QPen(color, 2))
                p.setBrush(color)
                r = radius * 1.35
            elif n < self._current:
                p.setPen(QPen(passed, 2))
                p.setBrush(passed)
                r = radius
            else:
                p.setPen(QPen(passed, 2))
                p.setBrush(pal.color(QPalette.ColorRole.Base))
                r = radius
            p.drawEllipse(QRectF(cx - r, y - r, 2 * r, 2 * r))
            font = QFont(self.font())
            font.setBold(current)
            p.setFont(font)
            p.setPen(accent if current and not self._frozen else (warn if current else text))
            label = term(node) + (f"\n({frozen_word})" if current and self._frozen else "")
            p.drawText(QRectF(cx - step / 2 + 2, y + h * 0.8, step - 4, h * 3.2),
                       int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                           | Qt.TextFlag.TextWordWrap), label)
        p.end()
