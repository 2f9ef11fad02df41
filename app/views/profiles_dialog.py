"""The profile dialog: one marketplace account (seller or partner) and its keys.

A profile names the account (any language), its role (seller, or partner: 客户服务商), the
marketplace endpoint and the access key. The secret key goes to the OS keychain, never to a file:
the dialog says which keychain, never shows a stored secret again, and keeps the stored one when
the secret field is left empty while editing.

The endpoint is chosen from KooGallery's published hosts (``app.services.openapi.hosts``) or typed
after "Other…". "Test Connection" makes one signed request for one record on a worker, through
the proxy of Settings → Network, and says the result in words
(``app.services.marketplace.connection``): connected, wrong key, this computer's clock and by how
much, no network or a name that cannot be found, nothing answering (the sandbox not running), the
proxy, a certificate. Saving also runs on a worker (a keychain may take a moment, or ask the
user); if the keychain refuses, the dialog stays open with everything the user typed, and says
why. Where there is no usable keychain the dialog says so, names the environment variables that
carry the keys instead (``SELLER_CONSOLE_AK`` / ``SELLER_CONSOLE_SK``), and offers to save the
profile without its secret key; the secret never goes to a file.

A profile's name cannot change once created: it names the profile's cache file and its keychain
entry. (Create a new profile instead; the old one can then be deleted.)

Signals of :class:`ProfileDialog`
---------------------------------
``saved(object)``
    The stored :class:`~app.config.profiles.Profile`, after its secret key is in the keychain.
``testFinished(str, str)``
    ``(result, sentence)``: result is one of
    :data:`app.services.marketplace.connection.RESULTS`; the sentence is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.config.profiles import (
    MAX_PROFILE_NAME,
    InvalidEndpoint,
    InvalidProfile,
    Profile,
    ProfileError,
    ProfileStore,
    validate_endpoint,
)
from app.config.settings import SettingsStore
from app.services.marketplace.connection import (
    ConnectionVerdict,
    check_connection,
    technical_detail,
    verdict_for,
    verdict_text,
)
from app.services.marketplace.credentials import (
    ENV_ACCESS_KEY,
    ENV_SECRET_KEY,
    CredentialStore,
    KeychainUnavailable,
)
from app.services.network import NetworkConfig, network_config
from app.services.openapi.hosts import PUBLISHED_HOSTS
from app.views.banner import ACCENTS
from app.views.bridge import Bridge, TaskContext
from app.views.common.forms import SAVE_CANCEL, dialog_buttons, grow_to_fit, message_label, stack
from app.views.common.retranslating import Retranslating
from app.views.export_runner import interface_language
from app.views.i18n import translate

#: The endpoint choice's last entry: a URL typed by hand.
OTHER = "other"


@dataclass(frozen=True)
class _Typed:
    name: str
    role: str
    endpoint: str
    access_key: str
    secret_key: str


def test_connection(endpoint: str, access_key: str, secret_key: str, role: str,
                    network: NetworkConfig | None = None) -> ConnectionVerdict:
    """One signed page request for one record (see ``connection.check_connection``)."""
    return check_connection(endpoint, access_key, secret_key, role, network)


class ProfileDialog(Retranslating, QDialog):
    """Create a profile (``profile=None``) or edit one."""

    saved = Signal(object)
    testFinished = Signal(str, str)

    def __init__(
        self,
        bridge: Bridge,
        profiles: ProfileStore,
        credentials: CredentialStore,
        profile: Profile | None = None,
        parent: QWidget | None = None,
        settings: SettingsStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self._settings = settings
        self._bridge = bridge
        self._profiles = profiles
        self._credentials = credentials
        self._profile = profile
        self._where: str | None = None
        self._keychain_problem: str | None = None
        self._busy = False
        self._test_result: tuple[str, str] | None = None
        self._verdict: ConnectionVerdict | None = None
        self._error: str = ""

        self.name = QLineEdit(self)
        self.name.setObjectName("profileName")
        self.name.setMaxLength(MAX_PROFILE_NAME)
        self.role = QComboBox(self)
        self.role.setObjectName("profileRole")
        self.role.addItem("", "seller")
        self.role.addItem("", "partner")
        # The endpoint: one of KooGallery's published hosts, or Other… and a URL typed by hand.
        # The line edit always holds the URL in use (shown only for Other…).
        self.endpoint_choice = QComboBox(self)
        self.endpoint_choice.setObjectName("profileEndpointChoice")
        for host in PUBLISHED_HOSTS:
            self.endpoint_choice.addItem(host.url, host.url)
        self.endpoint_choice.addItem("", OTHER)
        self.endpoint = QLineEdit(self)
        self.endpoint.setObjectName("profileEndpoint")
        self.endpoint_box = QWidget(self)
        endpoint_rows = QVBoxLayout(self.endpoint_box)
        endpoint_rows.setContentsMargins(0, 0, 0, 0)
        endpoint_rows.addWidget(self.endpoint_choice)
        endpoint_rows.addWidget(self.endpoint)
        self.endpoint_choice.currentIndexChanged.connect(self._endpoint_chosen)
        self.endpoint.textChanged.connect(self._endpoint_typed)
        # Where KooGallery's open APIs are called (Query Order, usage push, license codes): one of
        # the published hosts (interfaces.md §7.1), or the endpoint itself (a sandbox).
        self.open_api = QComboBox(self)
        self.open_api.setObjectName("profileOpenApi")
        self.open_api.addItem("", None)
        for host in PUBLISHED_HOSTS:
            self.open_api.addItem(host.url, host.url)
        self.access_key = QLineEdit(self)
        self.access_key.setObjectName("profileAccessKey")
        self.secret_key = QLineEdit(self)
        self.secret_key.setObjectName("profileSecretKey")
        self.secret_key.setEchoMode(QLineEdit.EchoMode.Password)
        # A bullet (U+2022) rather than the default large circle, which some CJK fonts draw huge.
        self.secret_key.setStyleSheet("lineedit-password-character: 8226;")
        self.keychain = QLabel(self)
        self.keychain.setObjectName("profileKeychain")
        self.keychain.setWordWrap(True)
        self.keychain.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = message_label(
            self, "profileError", f"color: {ACCENTS['error'].name()};", selectable=True
        )
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("profileTest")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("profileTestResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: list[QLabel] = []
        for field in (self.name, self.role, self.endpoint_box, self.open_api, self.access_key,
                      self.secret_key):
            label = QLabel(self)
            label.setBuddy(self.endpoint_choice if field is self.endpoint_box else field)
            self.labels.append(label)
            self.form.addRow(label, field)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        self.buttons = dialog_buttons(self, SAVE_CANCEL, self.save)
        # Where no keychain can keep the secret key: save the profile without it (the keys then
        # come from the environment variables the keychain line names).
        self.without_secret = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.ActionRole)
        self.without_secret.setObjectName("profileSaveWithoutSecret")
        self.without_secret.setAutoDefault(False)
        self.without_secret.setVisible(False)
        self.without_secret.clicked.connect(lambda: self.save(without_secret=True))
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        # The keychain line full width, not in the form's field column: a long message wraps.
        stack(self, self.intro, self.form, self.keychain, test_row, self.error, self.buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(em * 44)

        if profile is not None:
            self.name.setText(profile.name)
            self.name.setReadOnly(True)
            self.role.setCurrentIndex(max(0, self.role.findData(profile.role)))
            self.endpoint.setText(profile.endpoint)
            self._endpoint_typed(profile.endpoint)
            if profile.open_api_endpoint is not None:
                if self.open_api.findData(profile.open_api_endpoint) < 0:
                    self.open_api.addItem(profile.open_api_endpoint, profile.open_api_endpoint)
                self.open_api.setCurrentIndex(self.open_api.findData(profile.open_api_endpoint))
            self.access_key.setText(profile.access_key)
            self.endpoint.setFocus()
        else:
            self._endpoint_chosen(0)
            self.name.setFocus()
        self.retranslate()
        bridge.run(
            self._find_keychain,
            name="where is the keychain",
            owner=self,
            on_success=self._keychain_found,
        )

    # -- public ----------------------------------------------------------------------------------

    @property
    def profile(self) -> Profile | None:
        """The profile being edited (None for a new one until it is saved)."""
        return self._profile

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisible() else ""

    def test(self) -> None:
        """Test the typed endpoint and keys (on a worker); the answer arrives as testFinished."""
        if self._busy:
            return
        typed = self._typed()
        try:
            endpoint = validate_endpoint(typed.endpoint)
        except InvalidEndpoint as exc:
            lowered = typed.endpoint.strip().lower()
            result = "not_https" if lowered.startswith("http://") else "invalid"
            self._show_verdict(ConnectionVerdict(result, typed.endpoint, detail=str(exc)))
            return
        if not typed.access_key:
            self._show_test("invalid", translate("ProfileDialog", "Enter the access key (AK) first."))
            return
        stored_name = self._profile.name if self._profile is not None else None
        credentials, settings = self._credentials, self._settings

        def work(ctx: TaskContext) -> ConnectionVerdict:
            secret = typed.secret_key
            if not secret and stored_name is not None:
                secret = credentials.get_secret(stored_name) or ""
            network = (network_config(settings.load(), credentials) if settings is not None
                       else None)
            return test_connection(endpoint, typed.access_key, secret, typed.role, network)

        self._set_busy(True)
        self._show_test("", translate("ProfileDialog", "Testing the connection…"))
        self._bridge.run(
            work,
            name="test connection",
            owner=self,
            on_success=self._show_verdict,
            on_failure=lambda exc: self._show_verdict(verdict_for(exc, endpoint)),
            on_finished=lambda: self._set_busy(False),
        )

    def save(self, without_secret: bool = False) -> None:
        """Validate, store the secret in the keychain, then the profile (on a worker).

        ``without_secret``: store the profile only (no usable keychain: its keys then come from
        SELLER_CONSOLE_AK / SELLER_CONSOLE_SK); what was typed as the secret key is dropped."""
        if self._busy:
            return
        typed = self._typed()
        if without_secret:
            self.secret_key.clear()
            typed = replace(typed, secret_key="")
        profile = self._validate(typed, without_secret)
        if profile is None:
            return
        is_new = self._profile is None
        credentials, profiles = self._credentials, self._profiles

        def work(ctx: TaskContext) -> Profile:
            if typed.secret_key:
                credentials.set_secret(profile.name, typed.secret_key)
            if is_new:
                profiles.add(profile)
            else:
                profiles.update(profile)
            return profile

        def done(stored: Profile) -> None:
            self._profile = stored
            self.secret_key.clear()
            self.saved.emit(stored)
            self.accept()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KeychainUnavailable):
                self.without_secret.setVisible(True)
                self._show_error(
                    translate("ProfileDialog",
                        "The secret key could not be stored in the keychain, so nothing was "
                        "saved. What you typed is still here."
                    ) + "\n" + self._environment_path(),
                    str(exc),
                )
            elif isinstance(exc, ProfileError):
                self._show_error(translate("ProfileDialog", "The profile could not be saved."), str(exc))
            else:
                self._show_error(translate("ProfileDialog", "The profile could not be saved."), str(exc))

        self._set_busy(True)
        self._bridge.run(
            work,
            name="save profile",
            owner=self,
            on_success=done,
            on_failure=failed,
            on_finished=lambda: self._set_busy(False),
        )

    # -- Qt --------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.secret_key.clear()
        super().closeEvent(event)

    def reject(self) -> None:
        self.secret_key.clear()
        super().reject()

    # -- internals -------------------------------------------------------------------------------

    def _typed(self) -> _Typed:
        return _Typed(
            name=self.name.text().strip(),
            role=str(self.role.currentData()),
            endpoint=self.endpoint.text().strip(),
            access_key=self.access_key.text().strip(),
            secret_key=self.secret_key.text().strip(),
        )

    def _validate(self, typed: _Typed, without_secret: bool = False) -> Profile | None:
        """The profile to store, or None after showing what to correct (and focusing it)."""
        problem: tuple[QWidget, str] | None = None
        if not typed.name:
            problem = (self.name, translate("ProfileDialog", "Give the profile a name, such as “Shop (production)”."))
        elif self._profile is None:
            try:
                taken = typed.name in self._profiles.names()
            except ProfileError as exc:
                self._show_error(translate("ProfileDialog", "The profiles file cannot be read."), str(exc))
                return None
            if taken:
                problem = (
                    self.name,
                    translate("ProfileDialog", "A profile named “%1” exists already.").replace("%1", typed.name),
                )
        if problem is None:
            try:
                validate_endpoint(typed.endpoint)
            except InvalidEndpoint as exc:
                if not typed.endpoint:
                    text = translate("ProfileDialog",
                        "Enter the marketplace address, such as https://api.example.com."
                    )
                elif typed.endpoint.lower().startswith("http://"):
                    text = translate("ProfileDialog",
                        "Use an https:// address: plain http:// is allowed only for a sandbox "
                        "on this computer."
                    )
                else:
                    text = translate("ProfileDialog", "The marketplace address is not valid: %1").replace(
                        "%1", str(exc)
                    )
                problem = (self.endpoint, text)
        if problem is None and (not typed.access_key or any(c.isspace() for c in typed.access_key)):
            problem = (self.access_key, translate("ProfileDialog", "Enter the access key (AK), without blanks."))
        if problem is None and self._profile is None and not typed.secret_key \
                and not without_secret:
            problem = (self.secret_key, translate("ProfileDialog", "Enter the secret key (SK)."))
        if problem is None and self._keychain_problem is not None and typed.secret_key:
            self.without_secret.setVisible(True)
            self._show_error(
                translate("ProfileDialog",
                    "There is no usable keychain on this computer, so the secret key cannot be "
                    "stored. Nothing was saved; what you typed is still here."
                )  # why there is none, and the environment variables, are said above already
            )
            return None
        if problem is None:
            try:
                return Profile(
                    name=typed.name,
                    endpoint=typed.endpoint,
                    access_key=typed.access_key,
                    role="partner" if typed.role == "partner" else "seller",
                    db_url=self._profile.db_url if self._profile is not None else None,
                    open_api_endpoint=self.open_api.currentData(),
                )
            except InvalidProfile as exc:
                problem = (
                    self.name,
                    translate("ProfileDialog", "The profile is not valid: %1").replace("%1", str(exc)),
                )
        widget, text = problem
        self._show_error(text)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return None

    def _show_error(self, text: str, details: str | None = None) -> None:
        self._error = text
        self.error.setText(text if not details else f"{text}\n{details}")
        self.error.setVisible(bool(text))
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Messages arrive after the dialog was sized: show every wrapped line."""
        grow_to_fit(self)

    def _show_test(self, result: str, sentence: str) -> None:
        if result:  # an answer: the dialog can be used again before anyone hears of it
            self._set_busy(False)
        self._test_result = (result, sentence) if result else None
        colour = {
            "ok": ACCENTS["ok"],
            "": None,
        }.get(result, ACCENTS["error"])
        self.test_result.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")
        self.test_result.setText(sentence)
        self._grow_to_fit()
        if result:
            self.testFinished.emit(result, sentence)

    def _show_verdict(self, verdict: ConnectionVerdict) -> None:
        self._verdict = verdict
        sentence = verdict_text(verdict, interface_language())
        detail = technical_detail(verdict)
        self._show_test(verdict.result, f"{sentence}\n{detail}" if detail else sentence)

    def _environment_path(self) -> str:
        """What to do without a keychain, naming the exact variables."""
        return translate(
            "ProfileDialog",
            "Save the profile without its secret key, and give the keys to the console as the "
            "environment variables %1 (access key) and %2 (secret key): on Windows, Start → "
            "“Edit environment variables for your account”; on macOS or Linux, ask your IT "
            "staff. Then start the console again. The console never writes the secret key to a "
            "file.").replace("%1", ENV_ACCESS_KEY).replace("%2", ENV_SECRET_KEY)

    def _endpoint_chosen(self, index: int) -> None:
        url = self.endpoint_choice.itemData(index)
        other = url == OTHER
        self.endpoint.setVisible(other)
        if other:
            if any(self.endpoint.text().strip() == h.url for h in PUBLISHED_HOSTS):
                self.endpoint.clear()
            if self.isVisible():
                self.endpoint.setFocus()
        elif self.endpoint.text().strip() != url:
            self.endpoint.setText(str(url))

    def _endpoint_typed(self, text: str) -> None:
        """A URL typed (or set) that is a published host selects it; anything else is Other…."""
        wanted = text.strip().rstrip("/").lower()
        index = next((i for i in range(self.endpoint_choice.count())
                      if self.endpoint_choice.itemData(i) == wanted),
                     self.endpoint_choice.count() - 1)
        if index != self.endpoint_choice.currentIndex():
            self.endpoint_choice.blockSignals(True)
            self.endpoint_choice.setCurrentIndex(index)
            self.endpoint_choice.blockSignals(False)
        self.endpoint.setVisible(index == self.endpoint_choice.count() - 1)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.test_button.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not busy)

    def _find_keychain(self, ctx: TaskContext) -> tuple[str | None, str | None]:
        try:
            return self._credentials.where(), None
        except KeychainUnavailable as exc:
            return None, str(exc)

    def _keychain_found(self, found: tuple[str | None, str | None]) -> None:
        self._where, self._keychain_problem = found
        self.without_secret.setVisible(self._keychain_problem is not None)
        self.retranslate()
        self._grow_to_fit()

    def retranslate(self) -> None:
        editing = self._profile is not None
        self.setWindowTitle(translate("ProfileDialog", "Edit Profile") if editing else translate("ProfileDialog", "New Profile"))
        self.intro.setText(
            translate("ProfileDialog",
                "A profile is one KooGallery account: your seller account, or a partner "
                "(客户服务商) account. Each profile has its own local cache."
            )
        )
        texts = [
            translate("ProfileDialog", "&Name:"),
            translate("ProfileDialog", "&Role:"),
            translate("ProfileDialog", "&Endpoint:"),
            translate("ProfileDialog", "&Open APIs:"),
            translate("ProfileDialog", "&Access key (AK):"),
            translate("ProfileDialog", "&Secret key (SK):"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.role.setItemText(0, translate("ProfileDialog", "Seller"))
        self.role.setItemText(1, translate("ProfileDialog", "Partner (客户服务商)"))
        self.name.setPlaceholderText(translate("ProfileDialog", "e.g. Shop (production)"))
        self.name.setToolTip(
            translate("ProfileDialog",
                "The name cannot be changed later: it names the profile's cache and keychain entry."
            )
            if editing
            else ""
        )
        self.endpoint.setPlaceholderText("https://")
        chinese = interface_language() == "zh_CN"
        for n, host in enumerate(PUBLISHED_HOSTS):
            self.endpoint_choice.setItemText(n, f"{host.zh if chinese else host.en} ({host.url})")
        self.endpoint_choice.setItemText(len(PUBLISHED_HOSTS),
                                         translate("ProfileDialog", "Other… (type the address)"))
        self.endpoint_choice.setToolTip(translate(
            "ProfileDialog", "KooGallery's published hosts; choose Other… for another address, "
            "such as a service that implements this console's data API or a sandbox on this "
            "computer (http://127.0.0.1:PORT)."))
        self.open_api.setItemText(0, translate("ProfileDialog", "The endpoint itself (a sandbox)"))
        for n, host in enumerate(PUBLISHED_HOSTS, start=1):
            name = host.zh if interface_language() == "zh_CN" else host.en
            self.open_api.setItemText(n, f"{name} ({host.url})")
        self.open_api.setToolTip(translate(
            "ProfileDialog", "Where Query Order, the usage push and license codes are called: "
            "KooGallery's published hosts"))
        self.access_key.setPlaceholderText(translate("ProfileDialog", "Access key ID from Huawei Cloud"))
        if editing:
            self.secret_key.setPlaceholderText(translate("ProfileDialog", "Stored; leave empty to keep it"))
        else:
            self.secret_key.setPlaceholderText(translate("ProfileDialog", "Required"))
        if self._keychain_problem is not None:
            self.keychain.setText(
                translate("ProfileDialog", "No usable keychain: the secret key cannot be stored "
                          "on this computer.") + " " + self._environment_path())
            self.keychain.setToolTip(self._keychain_problem)  # the technical reason, in English
        elif self._where is not None:
            self.keychain.setText(
                translate("ProfileDialog",
                    "The secret key is kept in %1, never in a file, and is not shown again."
                ).replace("%1", self._where)
            )
        else:
            self.keychain.setText(translate("ProfileDialog", "Checking the system keychain…"))
        self.test_button.setText(translate("ProfileDialog", "&Test Connection"))
        self.without_secret.setText(translate("ProfileDialog", "Save &Without the Secret Key"))
        if self._verdict is not None and self._test_result is not None:
            detail = technical_detail(self._verdict)
            sentence = verdict_text(self._verdict, interface_language())
            self.test_result.setText(f"{sentence}\n{detail}" if detail else sentence)
        if self.error.isVisible() and self._error:
            pass  # an error keeps its text until the next attempt (it may hold service details)
