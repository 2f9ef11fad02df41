"""Choosing, adding, editing and deleting profiles from the main window.

The :class:`ProfileSwitcher` owns the toolbar's profile combo box ("Sandbox (built-in)" first, then
every profile) and the Profile menu's actions. Choosing an entry switches the workspace to it;
New/Edit open the :class:`~app.views.profiles_dialog.ProfileDialog`; Delete asks first, removes the
profile and its secret key (on a worker: the keychain may be slow) and keeps the cache file.

Signals of :class:`ProfileSwitcher`
-----------------------------------
``profileCreated(object)``
    A new :class:`~app.config.profiles.Profile` was saved (the window switches to it and syncs).
``problem(object, str)``
    ``(headline function, details)``: something the banner should say.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QWidget

from app.config.profiles import Profile, ProfileError
from app.views.bridge import Bridge
from app.views.i18n import translate
from app.views.icons import themed_icon
from app.views.profiles_dialog import ProfileDialog
from app.views.workspace import SANDBOX, Target, Workspace


class ProfileSwitcher(QObject):
    """The profile combo box and the profile actions of one window."""

    profileCreated = Signal(object)
    problem = Signal(object, str)

    def __init__(self, workspace: Workspace, bridge: Bridge, window: QWidget) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._bridge = bridge
        self._window = window
        self.profile_dialog: ProfileDialog | None = None
        self.label = QLabel(window)
        self.combo = QComboBox(window)
        self.combo.setObjectName("profileCombo")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.activated.connect(self._on_chosen)
        self.label.setBuddy(self.combo)
        self.new_action = self._action("newProfileAction", self.new_profile, "profile")
        self.edit_action = self._action("editProfileAction", self.edit_profile)
        self.delete_action = self._action("deleteProfileAction", self.delete_profile)
        workspace.targetChanged.connect(lambda _t: self.reload())

    def _action(self, name: str, slot: object, icon: str | None = None) -> QAction:
        act = QAction(self._window)
        act.setObjectName(name)
        act.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        if icon:
            act.setIcon(themed_icon(icon, self._window.palette()))
        return act

    # -- the combo box -----------------------------------------------------------------------------

    def reload(self) -> None:
        """List the profiles again and select the current target."""
        combo = self.combo
        palette = self._window.palette()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(themed_icon("sandbox", palette), "", SANDBOX.key)
        try:
            profiles = self._workspace.profiles.list()
        except ProfileError as exc:
            profiles = []
            self.problem.emit(
                lambda: translate("ProfileSwitcher", "The profiles file cannot be read."), str(exc)
            )
        for profile in profiles:
            combo.addItem(themed_icon("profile", palette), profile.name, Target(profile).key)
        target = self._workspace.target
        if target is not None:
            combo.setCurrentIndex(max(0, combo.findData(target.key)))
        combo.blockSignals(False)
        self.retranslate()
        self.update_actions()

    def _on_chosen(self, index: int) -> None:
        key = self.combo.itemData(index)
        current = self._workspace.target
        if current is not None and current.key == key:
            return
        if key == SANDBOX.key:
            self._workspace.open(SANDBOX)
            return
        name = str(key).removeprefix("profile:")
        try:
            self._workspace.open(Target(self._workspace.profiles.get(name)))
        except ProfileError as exc:
            self.problem.emit(
                lambda: translate("ProfileSwitcher", "That profile cannot be opened."), str(exc)
            )
            self.reload()

    # -- actions -----------------------------------------------------------------------------------

    def new_profile(self) -> None:
        dialog = self._dialog(None)
        dialog.saved.connect(self.profileCreated)
        dialog.open()

    def edit_profile(self) -> None:
        target = self._workspace.target
        if target is None or target.profile is None:
            return
        dialog = self._dialog(target.profile)
        dialog.saved.connect(lambda profile: self._workspace.open(Target(profile)))
        dialog.open()

    def _dialog(self, profile: Profile | None) -> ProfileDialog:
        dialog = ProfileDialog(
            self._bridge,
            self._workspace.profiles,
            self._workspace.credentials,
            profile,
            self._window,
            settings=self._workspace.settings,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.profile_dialog = dialog
        return dialog

    def delete_profile(self) -> None:
        target = self._workspace.target
        if target is None or target.profile is None:
            return
        name = target.profile.name
        answer = QMessageBox.question(
            self._window,
            translate("ProfileSwitcher", "Delete Profile"),
            translate(
                "ProfileSwitcher",
                "Delete the profile “%1”? Its secret key is removed from the keychain. Its cache "
                "file stays on this computer.",
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        profiles, credentials = self._workspace.profiles, self._workspace.credentials

        def work(_ctx: object) -> None:
            profiles.remove(name)
            credentials.delete_secret(name)

        def failed(exc: BaseException) -> None:
            self.problem.emit(
                lambda: translate(
                    "ProfileSwitcher", "The profile could not be deleted completely."
                ),
                str(exc),
            )
            self.reload()

        self._workspace.open(SANDBOX)
        self._bridge.run(
            work,
            name="delete profile",
            owner=self,
            on_success=lambda _r: self.reload(),
            on_failure=failed,
        )

    # -- texts -------------------------------------------------------------------------------------

    def update_actions(self) -> None:
        target = self._workspace.target
        is_profile = target is not None and target.profile is not None
        self.edit_action.setEnabled(is_profile)
        self.delete_action.setEnabled(is_profile)

    def refresh_icons(self) -> None:
        self.new_action.setIcon(themed_icon("profile", self._window.palette()))
        self.reload()

    def retranslate(self) -> None:
        self.label.setText(translate("ProfileSwitcher", "&Profile:"))
        self.combo.setItemText(0, translate("ProfileSwitcher", "Sandbox (built-in)"))
        self.combo.setToolTip(
            translate("ProfileSwitcher", "The marketplace account the console shows and syncs")
        )
        self.new_action.setText(translate("ProfileSwitcher", "&New Profile…"))
        self.edit_action.setText(translate("ProfileSwitcher", "&Edit Profile…"))
        self.delete_action.setText(translate("ProfileSwitcher", "&Delete Profile…"))
