"""``seller-console profile add|list|remove|set-secret|test``: connection profiles and their keys.

``profile test`` is the window's Test Connection: one signed request through the proxy of
Settings → Network, and what is wrong in the same words (``services.marketplace.connection``).

The secret key is asked for with ``getpass`` (never an argument, so it stays out of the shell
history and the process list), or read from standard input with ``--secret-stdin``, and stored in
the OS keychain only; on a machine without a keychain the profile is added without it, and the
secret key is taken from ``SELLER_CONSOLE_SK`` whenever the profile is used. ``profile list``
shows what the window's profile switcher shows: the built-in sandbox (``sandbox``) first. Every
handler returns an exit code; a failure prints one line on stderr.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from app.cli.failures import (
    EXIT_AUTH,
    EXIT_CANCELLED,
    EXIT_CONFIG,
    EXIT_FAILURE,
    EXIT_FAULTS,
    EXIT_UNREACHABLE,
    fail,
    fail_with,
    message_for,
)
from app.cli.words import language, translate
from app.config.profiles import ROLES, Profile, ProfileError, ProfileExists, shown_db_url
from app.services.marketplace.credentials import (
    ENV_ACCESS_KEY,
    ENV_SECRET_KEY,
    ISV_KEY_SERVICE,
    CredentialsError,
    KeychainUnavailable,
    mask_access_key,
)
from app.services.marketplace.embedded_sandbox import SANDBOX_NAME, sandbox_cache_url
from app.services.openapi.hosts import PUBLISHED_HOSTS, resolve_host

if TYPE_CHECKING:
    from app.cli.context import CliContext


Handler = Callable[[argparse.Namespace, "CliContext"], int]


class _Refused(Exception):
    """A reason to stop that the user can act on."""


def _reports_errors(handler: Handler) -> Handler:
    """Turn the errors a user can cause into one line on stderr and an exit code."""

    @functools.wraps(handler)
    def wrapper(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            return handler(args, ctx)
        except (ProfileError, CredentialsError, _Refused) as exc:
            return fail_with(exc, EXIT_FAILURE)
        except OSError as exc:
            return fail(translate("CliProfile", "cannot use the console's files: {error}")
                        .format(error=exc))
        except (KeyboardInterrupt, EOFError):
            return fail(translate("CliProfile", "cancelled"), EXIT_CANCELLED)

    return wrapper


def _read_secret(args: argparse.Namespace, profile_name: str) -> str:
    if args.secret_stdin:
        secret = sys.stdin.read().strip()
    else:
        stdin = sys.stdin
        if stdin is None or not stdin.isatty():
            raise _Refused(translate(
                "CliProfile", "no terminal to ask for the secret key on; pipe it in with "
                "--secret-stdin"))
        secret = getpass.getpass(translate("CliProfile", "Secret key (SK) for profile {name}: ")
                                 .format(name=repr(profile_name))).strip()
    if not secret:
        raise _Refused(translate("CliProfile", "the secret key is empty; nothing was changed"))
    return secret


def _added(profile: Profile) -> str:
    return translate("CliProfile", "Added profile {name} ({role}, {endpoint}).").format(
        name=repr(profile.name), role=profile.role, endpoint=profile.endpoint)


@_reports_errors
def run_add(args: argparse.Namespace, ctx: CliContext) -> int:
    profile = Profile(
        name=args.name,
        endpoint=args.endpoint,
        access_key=args.access_key,
        role=args.role,
        db_url=args.db,
        open_api_endpoint=resolve_host(args.open_api) if args.open_api else None,
    )
    if profile.name == SANDBOX_NAME:
        raise _Refused(translate("CliProfile", "{name} is the built-in sandbox's name; choose "
                                 "another name").format(name=repr(SANDBOX_NAME)))
    if profile.name in ctx.profiles.names():
        raise ProfileExists(profile.name)
    try:
        where = ctx.credentials.where()  # before asking for the secret: is there a keychain?
    except KeychainUnavailable:
        # The environment-variable path: the profile is added, its secret key never stored.
        ctx.profiles.add(profile)
        print(_added(profile))
        print(_no_keychain(translate("CliProfile", "The profile was saved without its "
                                     "secret key.")))
        return 0
    secret = _read_secret(args, profile.name)
    ctx.credentials.set_secret(profile.name, secret)
    try:
        ctx.profiles.add(profile)
    except BaseException:
        ctx.credentials.delete_secret(profile.name)
        raise
    print(_added(profile))
    print(translate("CliProfile", "Its secret key is stored in {where}, nowhere else.")
          .format(where=where))
    return 0


def _no_keychain(done: str) -> str:
    """The profile dialog's words where no keychain can keep the secret key: that there is
    none, what was done, and the environment-variable path (never a file)."""
    return " ".join((
        translate("CliProfile", "No usable keychain: the secret key cannot be stored on this "
                  "computer."),
        done,
        translate("CliProfile", "Give the keys to the console as the environment variables {ak} "
                  "(access key) and {sk} (secret key): on Windows, Start → “Edit environment "
                  "variables for your account”; on macOS or Linux, ask your IT staff. The "
                  "console never writes the secret key to a file.")
        .format(ak=ENV_ACCESS_KEY, sk=ENV_SECRET_KEY)))


@_reports_errors
def run_set_secret(args: argparse.Namespace, ctx: CliContext) -> int:
    profile = ctx.profiles.get(args.name)
    try:
        where = ctx.credentials.where()
    except KeychainUnavailable:
        return fail(_no_keychain(translate("CliProfile", "Nothing was changed.")), EXIT_CONFIG)
    secret = _read_secret(args, profile.name)
    ctx.credentials.set_secret(profile.name, secret)
    print(translate("CliProfile", "Stored the secret key of profile {name} in {where}.")
          .format(name=repr(profile.name), where=where))
    return 0


def _width(text: str) -> int:
    """Columns a string takes on a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


@_reports_errors
def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    """What the window's profile switcher shows: the built-in sandbox first, then the profiles."""
    profiles = ctx.profiles.list()
    if args.json:
        data: list[dict[str, Any]] = [
            {
                "name": SANDBOX_NAME,
                "builtin": True,
                "role": "seller",
                "endpoint": None,
                "access_key_hint": None,
                "db_url": sandbox_cache_url(ctx.paths),
                "db_url_is_default": True,
            }
        ]
        data += [
            {
                "name": p.name,
                "builtin": False,
                "role": p.role,
                "endpoint": p.endpoint,
                "access_key_hint": mask_access_key(p.access_key),
                "db_url": shown_db_url(p.cache_url(ctx.paths)),
                "db_url_is_default": p.db_url is None,
            }
            for p in profiles
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    default = translate("CliProfile", "default")
    rows = [(translate("CliProfile", "NAME"), translate("CliProfile", "ROLE"),
             translate("CliProfile", "ENDPOINT"), translate("CliProfile", "ACCESS KEY"),
             translate("CliProfile", "CACHE"))]
    rows.append((SANDBOX_NAME, "seller",
                 translate("CliProfile", "built-in sandbox (started when used)"), "-", default))
    rows += [
        (p.name, p.role, p.endpoint, mask_access_key(p.access_key),
         shown_db_url(p.db_url) if p.db_url else default)
        for p in profiles
    ]
    print("\n".join(_table(rows)))
    if not profiles:
        print(translate("CliProfile", "No profiles yet. Add one with: seller-console profile "
                        "add NAME --endpoint URL --access-key AK"))
    return 0


@_reports_errors
def run_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    profile = ctx.profiles.get(args.name)
    ctx.profiles.remove(profile.name)
    settings = ctx.settings
    if settings.load().last_profile == profile.name:
        settings.update(last_profile=None)
    print(translate("CliProfile", "Removed profile {name}; its local cache is kept.")
          .format(name=repr(profile.name)))
    try:
        deleted = ctx.credentials.delete_secret(profile.name)
        ctx.credentials.sibling(ISV_KEY_SERVICE).delete_secret(profile.name)  # its 密钥管理 key
    except CredentialsError as exc:
        return fail(translate("CliProfile", "the profile is removed, but its secret key could "
                              "not be deleted: {error}").format(error=message_for(exc)))
    if deleted:
        print(translate("CliProfile", "Its secret key was deleted from the keychain."))
    return 0


#: Exit code of each connection-test result (0: connected).
_TEST_EXIT = {"ok": 0, "wrong_key": EXIT_AUTH, "clock": EXIT_AUTH, "not_found": EXIT_FAULTS,
              "faults": EXIT_FAULTS, "refused_request": EXIT_FAULTS, "no_secret": EXIT_CONFIG,
              "keychain": EXIT_CONFIG, "not_https": EXIT_CONFIG, "invalid": EXIT_CONFIG}


@_reports_errors
def run_test(args: argparse.Namespace, ctx: CliContext) -> int:
    """Test a profile's (or an endpoint's) keys the way the profile dialog does."""
    from app.services.marketplace.connection import check_connection, verdict_text

    creds = ctx.resolve(args.name, args.endpoint)
    verdict = check_connection(creds.endpoint, creds.access_key, creds.secret_key, creds.role,
                               creds.network)
    code = _TEST_EXIT.get(verdict.result, EXIT_UNREACHABLE)
    if args.json:
        print(json.dumps({"result": verdict.result, "endpoint": verdict.endpoint,
                          "host": verdict.host, "proxy": verdict.proxy,
                          "clock_offset_s": None if verdict.clock_offset_s is None
                          else round(verdict.clock_offset_s),
                          "message": verdict_text(verdict, "en")}, ensure_ascii=False))
        return code
    text = verdict_text(verdict, language())
    if code:
        return fail(text, code)
    print(text)
    return 0


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``profile`` and its sub-commands; each sets ``args.handler(args, ctx) -> int``."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "profile",
        help="add, list and remove connection profiles (endpoint + keys)",
        description="Connection profiles: an endpoint, an access key and a role. The secret "
        "key is kept only in the OS keychain. Scripts may instead set SELLER_CONSOLE_AK and "
        "SELLER_CONSOLE_SK.",
    )
    sub = parser.add_subparsers(dest="profile_command", metavar="ACTION", required=True)

    add = sub.add_parser(
        "add",
        help="add a profile and store its secret key in the keychain",
        description="Add a profile. The secret key is asked for (not echoed), or read from "
        "standard input with --secret-stdin, and stored in the OS keychain only.",
    )
    add.add_argument("name", metavar="NAME", help="a name for the profile (any language)")
    add.add_argument("--endpoint", required=True, metavar="URL", help="marketplace API URL")
    add.add_argument("--access-key", required=True, metavar="AK", help="access key (AK)")
    add.add_argument("--role", choices=ROLES, default="seller", help="default: seller")
    add.add_argument(
        "--db", metavar="URL", help="SQLAlchemy URL of the cache (default: a SQLite file)"
    )
    add.add_argument(
        "--secret-stdin", action="store_true", help="read the secret key from standard input"
    )
    add.add_argument(
        "--open-api", metavar="HOST",
        help="where KooGallery's open APIs (Query Order, usage push, license codes) are called: "
        f"{', '.join(h.key for h in PUBLISHED_HOSTS)} or a URL (default: the endpoint)",
    )
    add.set_defaults(handler=run_add)

    lst = sub.add_parser("list", help="list the profiles (never shows a secret)")
    lst.add_argument("--json", action="store_true", help="print as JSON")
    lst.set_defaults(handler=run_list)

    rm = sub.add_parser("remove", help="remove a profile and its secret key (the cache is kept)")
    rm.add_argument("name", metavar="NAME")
    rm.set_defaults(handler=run_remove)

    sec = sub.add_parser("set-secret", help="replace the secret key stored for a profile")
    sec.add_argument("name", metavar="NAME")
    sec.add_argument(
        "--secret-stdin", action="store_true", help="read the secret key from standard input"
    )
    sec.set_defaults(handler=run_set_secret)

    test = sub.add_parser(
        "test", help="test a profile's keys and connection, saying what is wrong",
        description="One signed request, through the proxy of Settings → Network (the system's "
        "proxy unless set otherwise), and what is wrong in words: the key, this computer's "
        "clock (and by how much), no network or an unknown name, nothing answering, the proxy, "
        "a certificate. Exit 0 when connected, 3 keys or clock, 4 no answer, 5 refused, 7 "
        "configuration.")
    test.add_argument("name", metavar="NAME", nargs="?",
                      help="the profile (default: the only one, or the one opened last)")
    test.add_argument("--endpoint", metavar="URL",
                      help="test this address with SELLER_CONSOLE_AK / SELLER_CONSOLE_SK instead")
    test.add_argument("--json", action="store_true", help="print the result as JSON")
    test.set_defaults(handler=run_test)
    return parser
