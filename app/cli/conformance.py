"""``seller-console conformance``: the production-interface conformance tester (生产接口) from the
command line, for a seller's own CI.

``conformance --url URL [--family saas-v2|saas-v1|license|kit] [--junit FILE] [--html FILE]
[--json] [--profile NAME] [--key-stdin] [--set NAME=VALUE ...]``

The key is ``SELLER_CONSOLE_ISV_KEY``, else the one kept in the keychain for ``--profile``
(``--key-stdin`` reads one from standard input, and with ``--profile`` keeps it there for the next
runs). Prints one line per check (or the report as JSON), writes the JUnit XML and HTML reports
asked for, and exits 0 only when no check failed (11 when one did); a URL that cannot be reached
is one line and exit 4.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, Any

from app.cli.failures import (
    EXIT_CONFIG,
    EXIT_CONFORMANCE,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    fail,
    fail_with,
)
from app.cli.words import language, translate
from app.config.paths import atomic_write_text
from app.services.integration.rules import FAMILIES, ConformanceSettings
from app.services.marketplace.credentials import (
    ENV_ISV_KEY,
    CredentialsError,
    resolve_isv_key,
    store_isv_key,
)

if TYPE_CHECKING:
    from pathlib import Path

    from app.cli.context import CliContext


def _settings(pairs: list[str]) -> ConformanceSettings | str:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            return translate("CliConformance", "--set takes NAME=VALUE, not {pair}").format(
                pair=pair)
        values[name.strip()] = value
    try:
        return ConformanceSettings().with_overrides(values)
    except ValueError as e:
        return str(e)


def _key(args: argparse.Namespace, ctx: CliContext) -> str:
    if args.key_stdin:
        key = (getpass.getpass(translate("CliConformance", "production-interface key: "))
               if sys.stdin.isatty() else sys.stdin.readline()).strip()
        if not key:
            raise CredentialsError("the key read from standard input is empty")
        if args.profile:
            store_isv_key(ctx.credentials, args.profile, key)
        return key
    return resolve_isv_key(ctx.credentials, args.profile, ctx.environ)


def _write(path: Path, text: str) -> None:
    atomic_write_text(path, text)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    # httpx and cryptography only when testing, so other commands start fast
    from app.services.integration.conformance import run_conformance
    from app.services.integration.export import to_html, to_json, to_junit
    from app.services.integration.tester import EndpointUnreachable, InvalidProductionUrl

    settings = _settings(args.set or [])
    if isinstance(settings, str):
        return fail(settings, EXIT_USAGE)
    try:
        key = _key(args, ctx)
    except CredentialsError as e:
        return fail_with(e, EXIT_CONFIG)
    lang = language()
    try:
        report = run_conformance(args.url, key, args.family, settings)
    except EndpointUnreachable:
        return fail(translate("CliConformance", "cannot reach {url}; nothing was checked (is the "
                              "server running, and the address right?)").format(url=args.url),
                    EXIT_UNREACHABLE)
    except InvalidProductionUrl as e:
        if e.failure_code == "production_key":
            return fail(translate("CliConformance", "the production-interface key is empty; set "
                                  "{env}").format(env=ENV_ISV_KEY), EXIT_CONFIG)
        return fail(translate("CliConformance", "not an http(s) address: {url}").format(
            url=args.url), EXIT_USAGE)
    try:
        if args.junit:
            _write(args.junit, to_junit(report, lang))
        if args.html:
            _write(args.html, to_html(report, lang))
    except OSError as e:
        return fail(translate("CliConformance", "cannot write the report: {error}").format(
            error=e.strerror or e), 1)
    if args.json:
        print(to_json(report))
    else:
        _print(report, lang)
    return 0 if report.ok else EXIT_CONFORMANCE


def _print(report: Any, lang: str) -> None:
    from app.services.integration.words import check_title, findings_text, status_word

    width = max(len(status_word(s, lang)) for s in ("passed", "failed", "warning", "skipped"))
    for check in report.checks:
        word = status_word(check.status, lang).upper() if lang == "en" else \
            status_word(check.status, lang)
        print(f"{word:<{width}}  {check_title(check.name, lang)} [{check.name}]")
        detail = findings_text(check.findings, lang)
        if detail and check.status != "passed":
            print(f"{'':<{width}}    {detail}")
    counts = report.counts()
    print(translate("CliConformance", "{family} at {url}: {passed} passed, {failed} failed, "
                    "{warning} warning(s), {skipped} skipped in {seconds:.1f} s").format(
                        family=report.family, url=report.url, seconds=report.seconds(),
                        **counts))


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "conformance",
        help="test a production interface (生产接口) the way KooGallery calls it",
        description="Sends correctly signed requests with testFlag=1 for every activity of the "
        "family to URL and checks what KooGallery depends on (interfaces.md §1-§8). Exit 0 only "
        f"when no check failed. The key: {ENV_ISV_KEY}, or the one kept for --profile.")
    p.add_argument("--url", required=True, help="the production address (生产地址)")
    p.add_argument("--family", choices=FAMILIES, default="saas-v2",
                   help="the interface family (default: saas-v2)")
    p.add_argument("--profile", metavar="NAME",
                   help="take the key kept in the keychain for this profile")
    p.add_argument("--key-stdin", action="store_true",
                   help="read the key from standard input (with --profile: and keep it)")
    p.add_argument("--junit", type=_path, metavar="FILE", help="write a JUnit XML report")
    p.add_argument("--html", type=_path, metavar="FILE", help="write an HTML report")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--set", action="append", metavar="NAME=VALUE",
                   help="change a setting (the report lists them; UNCONFIRMED ones are marked)")
    p.set_defaults(handler=run)


def _path(value: str) -> Path:
    from pathlib import Path

    return Path(value)

