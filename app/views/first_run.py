"""The first-run page: shown while the console runs on the built-in sandbox and no profile exists;
and the connect strip, the way to one's own account that stays in sight afterwards.

It says what the console is and offers two ways on: connect a real KooGallery account (opens the
profile dialog) or keep exploring the sandbox (syncs its demo data). Meanwhile it shows the
sandbox being prepared (its data is generated on a worker the first time, which takes seconds),
so the user sees that something happens and the window stays responsive.

Once the first sync has moved the window on to the dashboard, the welcome page is gone; while the
window still shows the sandbox's demo data and no profile exists, :class:`ConnectStrip` (above
the areas) says so and keeps "Connect Your Account…" one click away.

Signals of :class:`FirstRunPage` (and ``ConnectStrip.connectRequested``)
--------------------------------
``connectRequested()``
    "Connect to KooGallery" was chosen.
``exploreRequested()``
    "Keep exploring the sandbox" was chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.views.common.fonts import scaled_font
from app.views.i18n import translate
from app.views.icons import themed_icon
from app.views.workspace import SANDBOX_FAILED, SANDBOX_RUNNING, SANDBOX_STARTING


class FirstRunPage(QWidget):
    """Welcome, and the two ways on."""

    connectRequested = Signal()
    exploreRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunPage")
        self._state = SANDBOX_STARTING
        self._orders = 0
        self.title = QLabel(self)
        self.title.setObjectName("firstRunTitle")
        self.title.setFont(scaled_font(self, 1.9, bold=True))
        self.title.setWordWrap(True)
        self.intro = QLabel(self)
        self.intro.setObjectName("firstRunIntro")
        self.intro.setWordWrap(True)
        self.connect_button = QCommandLinkButton(self)
        self.connect_button.setObjectName("firstRunConnect")
        self.connect_button.setIcon(themed_icon("connect", self.palette()))
        self.connect_button.clicked.connect(self.connectRequested)
        self.explore_button = QCommandLinkButton(self)
        self.explore_button.setObjectName("firstRunExplore")
        self.explore_button.setIcon(themed_icon("sandbox", self.palette()))
        self.explore_button.clicked.connect(self.exploreRequested)
        self.status = QLabel(self)
        self.status.setObjectName("firstRunStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("firstRunProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        for button in (self.connect_button, self.explore_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self.column = column = QWidget(self)
        column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 44)
        self._inner = inner = QVBoxLayout(column)
        spacing = self.fontMetrics().height()
        inner.setSpacing(spacing)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addSpacing(spacing)
        inner.addWidget(self.connect_button)
        inner.addWidget(self.explore_button)
        inner.addSpacing(spacing)
        inner.addWidget(self.status)
        inner.addWidget(self.progress)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_buttons()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        # QCommandLinkButton reports its height for its width, but a layout does not ask it:
        # without this the wrapped description is cut off. Before the page is first laid out
        # the buttons are 100 pixels wide, and their height for that width would make the
        # window taller than the screen it opens on (a window grows on show, it never shrinks
        # back): until then, the width the column gives them.
        margins = self._inner.contentsMargins()
        laid_out = self.column.maximumWidth() - margins.left() - margins.right()
        for button in (self.connect_button, self.explore_button):
            width = button.width() if self.isVisible() else laid_out
            button.setMinimumHeight(button.heightForWidth(max(1, width)))

    def set_sandbox_state(self, state: str, orders: int = 0) -> None:
        """Show how far the sandbox is ("starting", "running", "failed", "stopped")."""
        self._state = state
        self._orders = orders or self._orders
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.connect_button.setIcon(themed_icon("connect", self.palette()))
            self.explore_button.setIcon(themed_icon("sandbox", self.palette()))
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(translate("FirstRunPage", "Welcome to the KooGallery Seller Console"))
        self.intro.setText(
            translate("FirstRunPage",
                "The console keeps a local copy of your orders, service supervision tasks, "
                "customer demands and bills, so you can look things up and prepare your work "
                "even without a network.\n\nIt is running on the built-in sandbox now: a local "
                "marketplace with generated demo data. Nothing you do here reaches KooGallery."
            )
        )
        self.connect_button.setText(translate("FirstRunPage", "Connect to KooGallery"))
        self.connect_button.setDescription(
            translate("FirstRunPage",
                "Add your seller or partner (客户服务商) account: its endpoint, access key and "
                "secret key. The secret key is kept in the system keychain."
            )
        )
        self.explore_button.setText(translate("FirstRunPage", "Keep exploring the sandbox"))
        self.explore_button.setDescription(
            translate("FirstRunPage",
                "Sync the demo data and try every part of the console. You can connect later from the Profile menu."
            )
        )
        if self._state == SANDBOX_RUNNING:
            self.status.setText(translate("FirstRunPage", "The sandbox marketplace is ready."))
        elif self._state == SANDBOX_FAILED:
            self.status.setText(
                translate("FirstRunPage",
                    "The sandbox marketplace could not start. The details are in the banner above."
                )
            )
        elif self._orders:
            self.status.setText(
                translate("FirstRunPage",
                    "Preparing the sandbox marketplace: generating %1 demo orders the first time "
                    "takes a few seconds…"
                ).replace("%1", f"{self._orders:,}")
            )
        else:
            self.status.setText(translate("FirstRunPage", "Preparing the sandbox marketplace…"))
        self.progress.setVisible(self._state == SANDBOX_STARTING)
        self._fit_buttons()


class ConnectStrip(QFrame):
    """"Demo data from the built-in sandbox" and the button that connects one's own account."""

    connectRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setObjectName("connectStripText")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(self)
        self.button.setObjectName("connectStripButton")
        self.button.setDefault(False)
        self.button.clicked.connect(self.connectRequested)
        row = QHBoxLayout(self)
        margin = self.fontMetrics().height() // 2
        row.setContentsMargins(margin, margin // 2, margin, margin // 2)
        row.addWidget(self.icon)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._icons()
        self.retranslate()

    def _icons(self) -> None:
        size = self.fontMetrics().height()
        self.icon.setPixmap(themed_icon("sandbox", self.palette()).pixmap(size, size))
        self.button.setIcon(themed_icon("connect", self.palette()))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._icons()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.text.setText(translate(
            "ConnectStrip", "You are looking at demo data from the built-in sandbox. Connect "
            "your KooGallery seller or partner account to work with your own orders and bills."))
        self.button.setText(translate("ConnectStrip", "Connect Your Account…"))
