"""The Settings dialog: language, automatic sync, network patience, deadline thresholds, and
where files are.

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
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config.paths import AppPaths
from app.config.settings import Settings, SettingsStore
from app.views.common.retranslating import Retranslating
from app.views.i18n import CHINESE, ENGLISH, SYSTEM, translate


class SettingsDialog(Retranslating, QDialog):
    """Edits the user's settings; non-modal use is fine (it writes only on Apply/OK)."""

    applied = Signal(object)

    def __init__(
        self, store: SettingsStore, paths: AppPaths, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._store = store
        self._paths = paths
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
        layout.addWidget(self.deadlines)
        layout.addWidget(self.folders)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(em * 38)
        self.retranslate()

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
        }

    def apply(self) -> Settings | None:
        """Store the values; None (and a message in the dialog) if they cannot be stored."""
        try:
            settings = self._store.update(**self.chosen())
        except (ValidationError, OSError) as exc:
            self.error.setText(
                translate("SettingsDialog", "The settings could not be saved: %1").replace("%1", str(exc))
            )
            self.error.setVisible(True)
            return None
        self.error.setVisible(False)
        self.applied.emit(settings)
        return settings

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
