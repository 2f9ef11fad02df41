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
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from app.cli.context import add_cache_choice, open_chosen_cache
from app.cli.failures import EXIT_USAGE, fail
from app.services.invoices import drafts as draft_service
from app.services.invoices.data import Company
from app.services.invoices.rules import Severity, check_company

if TYPE_CHECKING:
    from app.cli.context import CliContext

MAX_SEAL_BYTES = 4 * 1024 * 1024

#: field of :class:`Company` -> (its option, what it is; the window's label)
FIELDS: dict[str, tuple[str, str]] = {
    "name": ("--name", "Company name (as registered)"),
    "name_en": ("--name-en", "Company name in English"),
    "tax_no": ("--credit-code", "Unified social credit code / VAT No."),
    "address": ("--address", "Address"),
    "address_en": ("--address-en", "Address in English"),
    "phone": ("--phone", "Phone"),
    "bank": ("--bank", "Bank (开户行)"),
    "account": ("--account", "Bank account No."),
    "swift": ("--swift", "SWIFT code"),
    "beneficiary": ("--beneficiary", "Beneficiary"),
    "bank_address": ("--bank-address", "Bank address"),
}


def option_for(field: str) -> str | None:
    """The ``company set`` option of a company field (``None`` if there is none)."""
    entry = FIELDS.get(field)
    return entry[0] if entry else None


def _show(company: Company, as_json: bool) -> None:
    problems = check_company(company)
    if as_json:
        data: dict[str, Any] = {name: getattr(company, name) for name in FIELDS}
        data["seal"] = company.seal_file_name if company.seal_image else None
        data["problems"] = [{"field": p.field, "severity": str(p.severity), "message": p.message}
                            for p in problems]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = max(len(label) for _, label in FIELDS.values())
    for name, (_option, label) in FIELDS.items():
        print(f"{label:<{width}}  {getattr(company, name) or '-'}")
    seal = (company.seal_file_name or "image") if company.seal_image else "-"
    print(f"{'Seal or signature image':<{width}}  {seal}")
    for p in problems:
        option = option_for(p.field) or p.field
        word = "missing" if p.code == "required" else str(p.severity)
        if p.severity is Severity.ERROR and p.code == "required":
            print(f"{word}: {FIELDS[p.field][1]} (set it with `seller-console company set "
                  f"{option} ...`)")
        else:
            print(f"{word}: {FIELDS.get(p.field, ('', p.field))[1]}: {p.message}")


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
        raise ValueError(f"the image could not be read: {e}") from None
    if len(data) > MAX_SEAL_BYTES:
        raise ValueError("the image is larger than 4 MB; use a smaller scan")
    png = data.startswith(b"\x89PNG\r\n\x1a\n")
    jpeg = data.startswith(b"\xff\xd8\xff")
    if not (png or jpeg) or path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise ValueError(f"{path.name} is not a PNG or JPEG image")
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
        return fail("nothing to set; give at least one of "
                    + ", ".join(option for option, _ in FIELDS.values()), EXIT_USAGE)
    engine = open_chosen_cache(args, ctx)
    if isinstance(engine, int):
        return engine
    try:
        with Session(engine) as session, session.begin():
            company = replace(draft_service.load_company(session), **changes)
            draft_service.save_company(session, company)
    finally:
        engine.dispose()
    print(f"Saved the company profile ({len(changes)} field(s) changed).")
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
