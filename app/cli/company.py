"""``seller-console company show|set``: the seller's company profile (公司信息) from the command line.

The same profile the window edits in Settings → Company Profile: one per cache (each console
profile is one company), read and written with :mod:`app.services.invoices.drafts`. New invoice
drafts take the seller block (name, credit code, address, phone, bank ...) from it.

* ``company show [--json]``: every field, and the problems the window marks while editing.
* ``company set --name TEXT --credit-code CODE --address TEXT --phone TEXT --bank TEXT
  --account NO ...``: changes only the fields given (``""`` empties one); ``--seal FILE`` a PNG or
  JPEG seal or signature image (at most 4 MB), ``--no-seal`` removes it.

Exit codes: 0 ok, 2 a seal image that cannot be used, 6 cache, 7 configuration.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.cli.context import add_cache_choice, open_chosen_cache
from app.cli.failures import EXIT_USAGE, fail
from app.cli.words import QT_TRANSLATE_NOOP, translate
from app.services.invoices import drafts as draft_service
from app.services.invoices.data import Company
from app.services.invoices.rules import Finding, Severity, check_company

if TYPE_CHECKING:
    from app.cli.context import CliContext

MAX_SEAL_BYTES = 4 * 1024 * 1024

#: field of :class:`Company` -> (its option, what it is; the window's label)
FIELDS: dict[str, tuple[str, str]] = {
    "name": ("--name", QT_TRANSLATE_NOOP("CompanyDialog", "Company name (as registered)")),
    "name_en": ("--name-en", QT_TRANSLATE_NOOP("CompanyDialog", "Company name in English")),
    "tax_no": ("--credit-code",
               QT_TRANSLATE_NOOP("CompanyDialog", "Unified social credit code / VAT No.")),
    "address": ("--address", QT_TRANSLATE_NOOP("CompanyDialog", "Address")),
    "address_en": ("--address-en", QT_TRANSLATE_NOOP("CompanyDialog", "Address in English")),
    "phone": ("--phone", QT_TRANSLATE_NOOP("CompanyDialog", "Phone")),
    "bank": ("--bank", QT_TRANSLATE_NOOP("CompanyDialog", "Bank (开户行)")),
    "account": ("--account", QT_TRANSLATE_NOOP("CompanyDialog", "Bank account No.")),
    "swift": ("--swift", QT_TRANSLATE_NOOP("CompanyDialog", "SWIFT code")),
    "beneficiary": ("--beneficiary", QT_TRANSLATE_NOOP("CompanyDialog", "Beneficiary")),
    "bank_address": ("--bank-address", QT_TRANSLATE_NOOP("CompanyDialog", "Bank address")),
}


def label(field: str) -> str:
    """What a company field is, as the window's Company Profile labels it (translated)."""
    entry = FIELDS.get(field)
    return translate("CompanyDialog", entry[1]) if entry else field


def finding_message(finding: Finding) -> str:
    """A check's message in the language spoken: the window's words (context
    ``InvoiceFindings``, the same English templates) with its values filled in."""
    return translate("InvoiceFindings", finding.template).format(**finding.params)


def option_for(field: str) -> str | None:
    """The ``company set`` option of a company field (``None`` if there is none)."""
    entry = FIELDS.get(field)
    return entry[0] if entry else None


def _width(text: str) -> int:
    """Columns a string takes on a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _show(company: Company, as_json: bool) -> None:
    problems = check_company(company)
    if as_json:
        data: dict[str, Any] = {name: getattr(company, name) for name in FIELDS}
        data["seal"] = company.seal_file_name if company.seal_image else None
        data["problems"] = [{"field": p.field, "severity": str(p.severity), "message": p.message}
                            for p in problems]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    seal_label = translate("CompanyDialog", "Seal or signature image")
    labels = [(name, label(name)) for name in FIELDS]
    width = max(_width(text) for text in [seal_label, *(text for _, text in labels)])
    for name, text in labels:
        print(f"{_pad(text, width)}  {getattr(company, name) or '-'}")
    seal = (company.seal_file_name or translate("CliCompany", "image")) if company.seal_image \
        else "-"
    print(f"{_pad(seal_label, width)}  {seal}")
    for p in problems:
        option = option_for(p.field) or p.field
        if p.severity is Severity.ERROR and p.code == "required":
            print(translate("CliCompany", "missing: {field} (set it with `seller-console company "
                            "set {option} ...`)").format(field=label(p.field), option=option))
        else:
            word = (translate("CliCompany", "error") if p.severity is Severity.ERROR
                    else translate("CliCompany", "warning"))
            print(f"{word}: {label(p.field)}: {finding_message(p)}")


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    engine = open_chosen_cache(args, ctx)
    if isinstance(engine, int):
        return engine
    try:
        with Session(engine) as session:
            company = draft_service.load_company(session)
    finally:
        engine.dispose()
    _show(company, args.json)
    return 0


def _seal(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ValueError(translate("CliCompany", "the image could not be read: {error}")
                         .format(error=e.strerror or e)) from None
    if len(data) > MAX_SEAL_BYTES:
        raise ValueError(translate("CliCompany", "the image is larger than 4 MB; use a smaller "
                                   "scan"))
    png = data.startswith(b"\x89PNG\r\n\x1a\n")
    jpeg = data.startswith(b"\xff\xd8\xff")
    if not (png or jpeg) or path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise ValueError(translate("CliCompany", "{name} is not a PNG or JPEG image")
                         .format(name=path.name))
    return data


def run_set(args: argparse.Namespace, ctx: CliContext) -> int:
    changes: dict[str, Any] = {
        name: value.strip() for name in FIELDS if (value := getattr(args, name)) is not None
    }
    try:
        if args.seal is not None:
            changes.update(seal_image=_seal(Path(args.seal)), seal_file_name=Path(args.seal).name)
    except ValueError as e:
        return fail(str(e), EXIT_USAGE)
    if args.no_seal:
        changes.update(seal_image=None, seal_file_name="")
    if not changes:
        return fail(translate("CliCompany", "nothing to set; give at least one of {options}")
                    .format(options=", ".join(option for option, _ in FIELDS.values())),
                    EXIT_USAGE)
    engine = open_chosen_cache(args, ctx)
    if isinstance(engine, int):
        return engine
    try:
        with Session(engine) as session, session.begin():
            company = replace(draft_service.load_company(session), **changes)
            draft_service.save_company(session, company)
    finally:
        engine.dispose()
    print(translate("CliCompany", "Saved the company profile ({n} field(s) changed).")
          .format(n=len(changes)))
    _show(company, False)
    return 0


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "company", help="the company profile (公司信息) printed on invoices: show, set",
        description="The seller's company profile, as in the window's Settings → Company "
        "Profile; one per cache. New invoice drafts take their seller block from it.",
    )
    sub = p.add_subparsers(dest="company_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", help="show the company profile and what is missing")
    add_cache_choice(show)
    show.add_argument("--json", action="store_true", help="print as JSON")
    show.set_defaults(handler=run_show)
    st = sub.add_parser("set", help="change fields of the company profile (only those given)")
    add_cache_choice(st)
    for name, (option, label) in FIELDS.items():
        extra = ("--tax-no",) if name == "tax_no" else ()
        st.add_argument(option, *extra, dest=name, metavar="TEXT", help=label)
    seal = st.add_mutually_exclusive_group()
    seal.add_argument("--seal", metavar="FILE", help="seal or signature image (PNG or JPEG, 4 MB)")
    seal.add_argument("--no-seal", action="store_true", help="remove the seal image")
    st.set_defaults(handler=run_set)
