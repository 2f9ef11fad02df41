"""The Settings dialog: language, automatic sync, network patience, the proxy, deadline
thresholds, and where files are.

Network: the system's proxy settings (the default; what ``urllib.request.getproxies()`` reads: the
Windows Internet Options proxy, the macOS System Settings proxy, or the proxy environment
variables), no proxy, or one given here with a user name and a password. The password goes to the
keychain (``app.services.network.store_proxy_password``), never to the settings file; the command
line reads the same settings.

Values are read from and written to ``app.config.settings.SettingsStore`` (the one owner of the settings
file), validated by ``Settings.with_changes``. Apply (or OK) writes them at once: the language
switches the interface immediately, the sync interval restarts the timer.

Signals of :class:`SettingsDialog`
----------------------------------
``applied(object)``
    The new :class:`~app.config.settings.Settings` after they were stored.
"""

from __future__ import annotations

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config.paths import AppPaths
from app.config.settings import Settings, SettingsStore
from app.services.marketplace.credentials import CredentialsError, CredentialStore
from app.services.network import (
    ENV_PROXY_PASSWORD,
    InvalidProxy,
    store_proxy_password,
    validate_proxy_url,
)
from app.views.common.forms import grow_to_fit
from app.views.common.retranslating import Retranslating
from app.views.i18n import CHINESE, ENGLISH, SYSTEM, translate


class SettingsDialog(Retranslating, QDialog):
    """Edits the user's settings; non-modal use is fine (it writes only on Apply/OK)."""

    applied = Signal(object)

    def __init__(
        self, store: SettingsStore, paths: AppPaths, parent: QWidget | None = None,
        credentials: CredentialStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._store = store
        self._paths = paths
        self._credentials = credentials
        settings = store.load()

        self.language = QComboBox(self)
        self.language.setObjectName("settingsLanguage")
        # Each language is named in itself, so a user who cannot read the current one finds theirs.
        self.language.addItem("", SYSTEM)
        self.language.addItem("简体中文", CHINESE)
        self.language.addItem("English", ENGLISH)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.interval = QSpinBox(self)
        self.interval.setObjectName("settingsInterval")
        self.interval.setRange(0, 24 * 60)
        self.interval.setSingleStep(5)
        self.interval.setValue(settings.sync_interval_minutes)
        self.timeout = QSpinBox(self)
        self.timeout.setObjectName("settingsTimeout")
        self.timeout.setRange(5, 600)
        self.timeout.setValue(round(settings.http_timeout_s))
        self.interval_note = QLabel(self)
        self.interval_note.setWordWrap(True)

        self.general = QGroupBox(self)
        general = QFormLayout(self.general)
        general.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.language_label = QLabel(self)
        self.interval_label = QLabel(self)
        self.timeout_label = QLabel(self)
        for label, field in (
            (self.language_label, self.language),
            (self.interval_label, self.interval),
            (self.timeout_label, self.timeout),
        ):
            label.setBuddy(field)
            general.addRow(label, field)
            if field is self.interval:  # the note explains the interval: keep it beneath it
                general.addRow(QLabel(self), self.interval_note)

        self.network = QGroupBox(self)
        network = QFormLayout(self.network)
        network.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.proxy_mode = QComboBox(self)
        self.proxy_mode.setObjectName("settingsProxyMode")
        for mode in ("system", "none", "manual"):
            self.proxy_mode.addItem("", mode)
        self.proxy_mode.setCurrentIndex(max(0, self.proxy_mode.findData(settings.proxy_mode)))
        self.proxy_url = QLineEdit(settings.proxy_url or "", self)
        self.proxy_url.setObjectName("settingsProxyUrl")
        self.proxy_url.setPlaceholderText("http://proxy.example.com:8080")
        self.proxy_user = QLineEdit(settings.proxy_user or "", self)
        self.proxy_user.setObjectName("settingsProxyUser")
        self.proxy_password = QLineEdit(self)
        self.proxy_password.setObjectName("settingsProxyPassword")
        self.proxy_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.proxy_password.setStyleSheet("lineedit-password-character: 8226;")
        self.proxy_note = QLabel(self)
        self.proxy_note.setWordWrap(True)
        self.proxy_mode_label, self.proxy_url_label = QLabel(self), QLabel(self)
        self.proxy_user_label, self.proxy_password_label = QLabel(self), QLabel(self)
        proxy_rows: tuple[tuple[QLabel, QWidget], ...] = (
            (self.proxy_mode_label, self.proxy_mode), (self.proxy_url_label, self.proxy_url),
            (self.proxy_user_label, self.proxy_user),
            (self.proxy_password_label, self.proxy_password))
        for proxy_label, proxy_field in proxy_rows:
            proxy_label.setBuddy(proxy_field)
            network.addRow(proxy_label, proxy_field)
        network.addRow(self.proxy_note)
        self.proxy_mode.currentIndexChanged.connect(self._proxy_mode_changed)
        self._proxy_mode_changed()

        self.deadlines = QGroupBox(self)
        deadlines = QFormLayout(self.deadlines)
        self.urgent = QSpinBox(self)
        self.urgent.setObjectName("settingsDeadlineUrgent")
        self.urgent.setRange(1, 24 * 30)
        self.urgent.setValue(settings.deadline_urgent_hours)
        self.soon = QSpinBox(self)
        self.soon.setObjectName("settingsDeadlineSoon")
        self.soon.setRange(1, 90)
        self.soon.setValue(settings.deadline_soon_days)
        self.delisting = QSpinBox(self)
        self.delisting.setObjectName("settingsDelistingThreshold")
        self.delisting.setRange(1, 1000)
        self.delisting.setValue(settings.interface_delisting_threshold)
        self.failures_alert = QSpinBox(self)
        self.failures_alert.setObjectName("settingsFailuresAlert")
        self.failures_alert.setRange(1, 1000)
        self.failures_alert.setValue(settings.interface_alert_failures)
        self.urgent_label, self.soon_label = QLabel(self), QLabel(self)
        self.delisting_label, self.failures_alert_label = QLabel(self), QLabel(self)
        for label, field in ((self.urgent_label, self.urgent), (self.soon_label, self.soon),
                             (self.delisting_label, self.delisting),
                             (self.failures_alert_label, self.failures_alert)):
            label.setBuddy(field)
            deadlines.addRow(label, field)

        self.folders = QGroupBox(self)
        folders = QFormLayout(self.folders)
        self.cache_label = QLabel(self)
        self.cache_path = self._path_label(paths.caches_dir)
        self.logs_label = QLabel(self)
        self.logs_path = self._path_label(paths.log_dir)
        self.config_label = QLabel(self)
        self.config_path = self._path_label(paths.config_dir)
        folders.addRow(self.cache_label, self.cache_path)
        folders.addRow(self.logs_label, self.logs_path)
        folders.addRow(self.config_label, self.config_path)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addWidget(self.network)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.folders)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(em * 38)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        grow_to_fit(self)  # the proxy note wraps onto lines the size hint did not count

    def _path_label(self, path: object) -> QLabel:
        label = QLabel(str(path), self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setWordWrap(True)
        return label

    def chosen(self) -> dict[str, object]:
        """The values as the dialog shows them (not yet stored)."""
        return {
            "language": self.language.currentData(),
            "sync_interval_minutes": self.interval.value(),
            "http_timeout_s": float(self.timeout.value()),
            "deadline_urgent_hours": self.urgent.value(),
            "deadline_soon_days": self.soon.value(),
            "interface_delisting_threshold": self.delisting.value(),
            "interface_alert_failures": self.failures_alert.value(),
            "proxy_mode": self.proxy_mode.currentData(),
            "proxy_url": self.proxy_url.text().strip() or None,
            "proxy_user": self.proxy_user.text().strip() or None,
        }

    def apply(self) -> Settings | None:
        """Store the values; None (and a message in the dialog) if they cannot be stored."""
        chosen = self.chosen()
        problem = self._proxy_problem(chosen)
        if problem is not None:
            self._show_error(problem)
            return None
        try:
            settings = self._store.update(**chosen)
        except (ValidationError, OSError) as exc:
            self._show_error(
                translate("SettingsDialog", "The settings could not be saved: %1").replace("%1", str(exc))
            )
            return None
        self.error.setVisible(False)
        self.applied.emit(settings)
        return settings

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _proxy_problem(self, chosen: dict[str, object]) -> str | None:
        """Check the manual proxy and keep its password in the keychain; a sentence if not."""
        if chosen["proxy_mode"] != "manual":
            return None
        try:
            chosen["proxy_url"] = validate_proxy_url(str(chosen["proxy_url"] or ""))
        except InvalidProxy as exc:
            self.proxy_url.setFocus()
            return translate("SettingsDialog", "The proxy address cannot be used: %1").replace(
                "%1", str(exc))
        password = self.proxy_password.text()
        if not password:
            return None
        user = chosen["proxy_user"]
        if not user:
            self.proxy_user.setFocus()
            return translate("SettingsDialog", "Enter the proxy's user name for its password.")
        try:
            if self._credentials is None:
                raise CredentialsError("no keychain was given to the settings")
            store_proxy_password(self._credentials, str(user), password)
        except CredentialsError:
            return translate(
                "SettingsDialog", "The proxy password could not be stored: there is no usable "
                "keychain on this computer, and the console never writes it to a file. Set the "
                "environment variable %1 to it instead (ask your IT staff), then start the "
                "console again.").replace("%1", ENV_PROXY_PASSWORD)
        self.proxy_password.clear()
        return None

    def _proxy_mode_changed(self) -> None:
        manual = self.proxy_mode.currentData() == "manual"
        for widget in (self.proxy_url, self.proxy_user, self.proxy_password,
                       self.proxy_url_label, self.proxy_user_label, self.proxy_password_label):
            widget.setEnabled(manual)

    def _ok(self) -> None:
        if self.apply() is not None:
            self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("SettingsDialog", "Settings"))
        self.general.setTitle(translate("SettingsDialog", "General"))
        self.folders.setTitle(translate("SettingsDialog", "Folders"))
        self.language_label.setText(translate("SettingsDialog", "&Language:"))
        self.interval_label.setText(translate("SettingsDialog", "&Sync automatically every:"))
        self.timeout_label.setText(translate("SettingsDialog", "&Wait for the marketplace up to:"))
        self.language.setItemText(0, translate("SettingsDialog", "Same as the system"))
        self.interval.setSpecialValueText(translate("SettingsDialog", "Off"))
        self.interval.setSuffix(translate("SettingsDialog", " min"))
        self.timeout.setSuffix(translate("SettingsDialog", " s"))
        self.interval_note.setText(
            translate("SettingsDialog", "Automatic sync runs in the background; you can always sync with F5.")
        )
        self.network.setTitle(translate("SettingsDialog", "Network"))
        self.proxy_mode_label.setText(translate("SettingsDialog", "&Proxy:"))
        self.proxy_mode.setItemText(0, translate("SettingsDialog", "Use the system's proxy settings"))
        self.proxy_mode.setItemText(1, translate("SettingsDialog", "No proxy"))
        self.proxy_mode.setItemText(2, translate("SettingsDialog", "This proxy:"))
        self.proxy_url_label.setText(translate("SettingsDialog", "Proxy &address:"))
        self.proxy_user_label.setText(translate("SettingsDialog", "User &name:"))
        self.proxy_password_label.setText(translate("SettingsDialog", "Pass&word:"))
        self.proxy_password.setPlaceholderText(
            translate("SettingsDialog", "Kept in the keychain; leave empty to keep it"))
        self.proxy_note.setText(translate(
            "SettingsDialog", "The system's proxy settings are those of Windows (Internet "
            "Options) or macOS (System Settings → Network), or the HTTPS_PROXY variable. An "
            "automatic configuration script (PAC) is not read: then enter the proxy here. The "
            "sandbox on this computer is always reached directly."))
        self.deadlines.setTitle(translate("SettingsDialog", "Deadlines"))
        self.urgent_label.setText(translate("SettingsDialog", "&Urgent (and notify) when less than:"))
        self.soon_label.setText(translate("SettingsDialog", "S&oon when less than:"))
        self.urgent.setSuffix(translate("SettingsDialog", " h"))
        self.soon.setSuffix(translate("SettingsDialog", " days"))
        self.delisting_label.setText(
            translate("SettingsDialog", "&Delisting risk above (failed orders a month):"))
        self.delisting_label.setToolTip(translate(
            "SettingsDialog", "KooGallery delists products whose production interface fails "
            "often; one of its rules says more than 5 failed orders in a month. The number is "
            "not confirmed: set what KooGallery tells you."))
        self.delisting.setToolTip(self.delisting_label.toolTip())
        self.failures_alert_label.setText(
            translate("SettingsDialog", "Wa&rn from (failed orders a month):"))
        self.cache_label.setText(translate("SettingsDialog", "Caches:"))
        self.logs_label.setText(translate("SettingsDialog", "Logs:"))
        self.config_label.setText(translate("SettingsDialog", "Settings and profiles:"))
