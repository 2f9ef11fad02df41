"""The company profile editor (公司信息): how the seller's company appears on its invoices.

The profile lives in the cache of the current console profile (each marketplace account is one
company). The seal or signature image is read once when chosen and kept in the cache as bytes, so
the original file may move. The 统一社会信用代码 and the SWIFT code are checked as they are typed
(``rules.check_company``); nothing here blocks saving.

Signals of :class:`CompanyDialog`
---------------------------------
``saved(object)``
    The stored :class:`~app.services.invoices.data.Company`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.services.invoices import drafts as store
from app.services.invoices.data import Company
from app.services.invoices.rules import by_field, check_company
from app.views.bridge import Bridge
from app.views.common.forms import (
    SAVE_CANCEL,
    ask_file,
    button_row,
    dialog_buttons,
    message_label,
    save_in_background,
    stack,
)
from app.views.i18n import translate
from app.views.invoices.problems import ERROR_STYLE, ProblemList, add_field_row

MAX_SEAL_BYTES = 4 * 1024 * 1024


def _rows() -> list[tuple[str, str]]:
    return [
        ("name", translate("CompanyDialog", "Company name (as registered)")), ("name_en", translate("CompanyDialog", "Company name in English")),
        ("tax_no", translate("CompanyDialog", "Unified social credit code / VAT No.")), ("address", translate("CompanyDialog", "Address")),
        ("address_en", translate("CompanyDialog", "Address in English")), ("phone", translate("CompanyDialog", "Phone")),
        ("bank", translate("CompanyDialog", "Bank (开户行)")), ("account", translate("CompanyDialog", "Bank account No.")),
        ("swift", translate("CompanyDialog", "SWIFT code")), ("beneficiary", translate("CompanyDialog", "Beneficiary")),
        ("bank_address", translate("CompanyDialog", "Bank address")),
    ]  # fmt: skip


class CompanyDialog(QDialog):
    """Edits the company profile. Open with ``open()``."""

    saved = Signal(object)

    def __init__(
        self, company: Company, engine: Engine, bridge: Bridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("companyDialog")
        self.setWindowTitle(translate("CompanyDialog", "Company Profile"))
        self._company = company
        self._engine = engine
        self._bridge = bridge
        self._seal = company.seal_image
        self._seal_name = company.seal_file_name
        self.fields: dict[str, QLineEdit] = {}
        self.problems: dict[str, ProblemList] = {}
        intro = QLabel(
            translate(
                "CompanyDialog",
                "How your company appears on the invoices to Huawei. Kept with this "
                "profile's local data.",
            ),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        for name, label in _rows():
            edit = QLineEdit(getattr(company, name), self)
            edit.setObjectName(f"company_{name}")
            edit.textChanged.connect(self.recheck)
            self.fields[name] = edit
            self.problems[name] = add_field_row(form, name, label, edit, self)
        self.seal_preview = QLabel(self)
        self.seal_preview.setObjectName("sealPreview")
        self.seal_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        size = self.fontMetrics().height() * 6
        self.seal_preview.setFixedSize(size, size)
        choose = QPushButton(translate("CompanyDialog", "Choose Image…"), self)
        choose.setObjectName("chooseSeal")
        choose.clicked.connect(lambda: self.choose_seal())
        clear = QPushButton(translate("CompanyDialog", "Remove"), self)
        clear.setObjectName("removeSeal")
        clear.clicked.connect(lambda: self._set_seal(None, ""))
        form.addRow(
            translate("CompanyDialog", "Seal or signature image"),
            button_row(self.seal_preview, choose, clear),
        )
        self.error = message_label(self, "companyError", ERROR_STYLE)
        self.buttons = dialog_buttons(self, SAVE_CANCEL, self.save)
        stack(self, intro, form, self.error, self.buttons)
        self._set_seal(self._seal, self._seal_name)
        self.recheck()

    def company(self) -> Company:
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        values["swift"] = values["swift"].upper()
        return replace(
            self._company, seal_image=self._seal, seal_file_name=self._seal_name, **values
        )

    def recheck(self) -> None:
        found = by_field(check_company(self.company()))
        for name, problems in self.problems.items():
            problems.show_findings(found.get(name, []), frozenset())

    # -- the seal --------------------------------------------------------------------------------

    def choose_seal(self, path: Path | None = None) -> bool:
        """Load a PNG or JPEG (asks with a file dialog when no path is given)."""
        if path is None:
            path = ask_file(
                self,
                translate("CompanyDialog", "Seal or Signature Image"),
                translate("CompanyDialog", "Images (*.png *.jpg *.jpeg)"),
            )
            if path is None:
                return False
        try:
            data = path.read_bytes()
        except OSError as e:
            return self._fail(
                translate("CompanyDialog", "The image could not be read: %1").replace("%1", str(e))
            )
        if len(data) > MAX_SEAL_BYTES:
            return self._fail(
                translate("CompanyDialog", "The image is larger than 4 MB; use a smaller scan.")
            )
        image = QImage.fromData(data)
        if image.isNull() or path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            return self._fail(
                translate("CompanyDialog", "%1 is not a PNG or JPEG image.").replace(
                    "%1", path.name
                )
            )
        self._set_seal(data, path.name)
        return True

    def _set_seal(self, data: bytes | None, name: str) -> None:
        self._seal, self._seal_name = data, name
        self.error.hide()
        if data:
            pixmap = QPixmap.fromImage(QImage.fromData(data))
            self.seal_preview.setPixmap(
                pixmap.scaled(
                    self.seal_preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            self.seal_preview.setToolTip(name)
        else:
            self.seal_preview.setPixmap(QPixmap())
            self.seal_preview.setText(translate("CompanyDialog", "No image"))

    def _fail(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        return False

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        company = self.company()
        engine = self._engine

        def work(_ctx: object) -> Company:
            with Session(engine) as session, session.begin():
                store.save_company(session, company)
            return company

        def failed(exc: BaseException) -> None:
            self._fail(
                translate("CompanyDialog", "The company profile could not be saved: %1").replace(
                    "%1", str(exc)
                )
            )

        save_in_background(
            self,
            self._bridge,
            work,
            name="save company profile",
            buttons=self.buttons,
            announce={"company_profile"},
            saved=self.saved.emit,
            failed=failed,
        )
