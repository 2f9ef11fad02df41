"""The composition root: ``python -m app`` and the ``seller-console`` command.

Builds the services and hands them to whatever front end was asked for (registering every
outbox action kind first). Sub-commands:
``gui`` (the default), ``sandbox``, ``sync``, ``status``, ``profile``, ``company``, ``invoice``,
``export``, ``outbox``, ``supervision``, ``offer``, ``demand``, ``journal``, ``evidence``, ``interfaces``, ``conformance``, ``report-problem``, ``bill``, ``partner-bill`` (docs/cli.md lists them all). Heavy imports (Qt, uvicorn) are
done only by the sub-command that needs them, so ``seller-console status`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.context import CliContext


def build_parser() -> argparse.ArgumentParser:
    from app import __version__
    from app.cli import bills as bills_cli
    from app.cli import cache as cache_cli
    from app.cli import company as company_cli
    from app.cli import conformance as conformance_cli
    from app.cli import evidence as evidence_cli
    from app.cli import export as export_cli
    from app.cli import interfaces as interfaces_cli
    from app.cli import invoice as invoice_cli
    from app.cli import openapi as openapi_cli
    from app.cli import outbox as outbox_cli
    from app.cli import partner as partner_cli
    from app.cli import profile as profile_cli
    from app.cli import report as report_cli
    from app.cli import sync as sync_cli
    from app.cli.failures import ConsoleParser, exit_codes_text
    from app.cli.words import translate
    from app.sandbox import cli as sandbox_cli

    parser = ConsoleParser(
        prog="seller-console",
        description="KooGallery Seller Console (华为云云商店 卖家控制台)",
        epilog=textwrap.fill(
            translate("CliHelp",
                      "Commands that use a cache take --profile NAME (a profile of `profile "
                      "list`; sandbox: the built-in sandbox) or --endpoint URL (keys from "
                      "SELLER_CONSOLE_AK / SELLER_CONSOLE_SK), and --db URL; with one profile "
                      "or cache, no flag is needed."),
            width=78,
        ) + "\n\n" + exit_codes_text() + "\n\n"
        + translate("CliHelp", "Every command, flag and exit code: docs/cli.md"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--verbose", action="store_true", help="also print the log (secrets masked) on stderr"
    )
    parser.set_defaults(ui_language=None)  # --lang: every parser has it (ConsoleParser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the desktop console (the default)")
    gui.add_argument(
        "--sandbox-orders",
        type=int,
        default=None,
        metavar="N",
        help="orders in the built-in sandbox (changing it regenerates the sandbox's demo data)",
    )
    gui.set_defaults(handler=_run_gui)

    shots = sub.add_parser(
        "screenshot",
        help="render every area to PNG files (offscreen, sandbox data)",
        description="Build the console in a temporary folder over the embedded sandbox, sync it, "
        "and save each page and dialog as a PNG (for the user guide, or to check layouts).",
    )
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    shots.add_argument("--lang", choices=("en", "zh_CN"), default="en", help="interface language")
    shots.add_argument(
        "--orders", type=int, default=3000, metavar="N", help="orders in the sandbox (default 3000)"
    )
    shots.add_argument(
        "--scale", type=int, choices=(1, 2), default=1, help="2: render at 200 %% (high DPI)"
    )
    shots.add_argument("--dark", action="store_true", help="use a dark palette, as in dark mode")
    shots.set_defaults(handler=_run_screenshot)

    sb = sub.add_parser(
        "sandbox",
        help="run the sandbox marketplace (a local KooGallery with demo data)",
        description="A real HTTP server on loopback implementing the seller data API over "
        "generated data, with clock control and fault injection (see docs/api.md).",
    )
    sandbox_cli.add_arguments(sb)
    sb.set_defaults(handler=lambda args, ctx: sandbox_cli.run(args))

    sync_cli.add_parsers(sub)
    outbox_cli.add_parsers(sub)
    profile_cli.add_parser(sub)
    company_cli.add_parser(sub)
    invoice_cli.add_parser(sub)
    export_cli.add_parser(sub)
    evidence_cli.add_parser(sub)
    cache_cli.add_parser(sub)
    interfaces_cli.add_parser(sub)
    conformance_cli.add_parser(sub)
    openapi_cli.add_parsers(sub)
    bills_cli.add_parsers(sub)
    partner_cli.add_parsers(sub)
    report_cli.add_parser(sub)
    return parser


def _run_gui(args: argparse.Namespace, ctx: CliContext) -> int:
    """The desktop console: the services built here are handed to the views."""
    from app.cli.failures import fail
    from app.cli.words import translate
    from app.views.app import GuiOptions, run

    orders = args.sandbox_orders
    if orders is not None and orders < 1:
        return fail(translate("CliMain", "--sandbox-orders must be at least 1"), 2)
    return run(
        ctx.paths,
        ctx.profiles,
        ctx.credentials,
        ctx.settings,
        ctx.environ,
        GuiOptions(sandbox_orders=orders),
    )


def _run_screenshot(args: argparse.Namespace, ctx: CliContext) -> int:
    """Screenshots never touch the user's data: they run in a temporary home folder."""
    from app.cli.failures import fail
    from app.cli.words import translate
    from app.views.screenshot import render

    if args.orders < 1:
        return fail(translate("CliMain", "--orders must be at least 1"), 2)
    for path in render(args.out, args.lang, args.orders, args.scale, args.dark):
        print(path)
    return 0


_TOP_FLAGS = frozenset({"--verbose"})


def _command_names() -> frozenset[str]:
    """Every subcommand the parser knows (areas add their own in build_parser)."""
    for action in build_parser()._subparsers._group_actions:  # type: ignore[union-attr]
        if isinstance(action, argparse._SubParsersAction):
            return frozenset(action.choices)
    return frozenset()


def _default_to_gui(argv: list[str]) -> list[str]:
    """No command means the window: ``seller-console --sandbox-orders 5000`` is
    ``seller-console gui --sandbox-orders 5000`` (top-level flags such as --verbose stay first)."""
    commands = _command_names()
    if any(a in commands for a in argv) or {"-h", "--help", "--version"} & set(argv):
        return argv
    lead = 0
    while lead < len(argv) and (argv[lead] in _TOP_FLAGS or argv[lead].startswith("--lang=")
                                or (argv[lead] == "--lang" and lead + 1 < len(argv))):
        lead += 2 if argv[lead] == "--lang" else 1
    return [*argv[:lead], "gui", *argv[lead:]]


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli.context import CliContext
    from app.cli.failures import fail
    from app.cli.language import command_line_language
    from app.cli.words import translate, use_language

    given = list(sys.argv[1:] if argv is None else argv)
    # The language first: a wrong argument is reported in it too.
    use_language(command_line_language(given, os.environ))
    parser = build_parser()
    args = parser.parse_args(_default_to_gui(given))
    from app.services.logs import setup_logging
    from app.services.outbox.action_kinds import register_action_kinds

    register_action_kinds()  # every outbox action any front end may queue or send

    ctx = CliContext.from_env()
    try:
        setup_logging(ctx.paths, "DEBUG" if args.verbose else "INFO", console=args.verbose)
    except OSError as e:  # a read-only log folder must not stop the console
        print("seller-console: " + translate("CliMain", "logging to a file is off ({error})")
              .format(error=e), file=sys.stderr)
    try:
        return int(args.handler(args, ctx))
    except KeyboardInterrupt:
        return fail(translate("CliMain", "stopped"), 130)
    except BrokenPipeError:
        # Whoever read the output went away (`seller-console outbox list | head`): not an error.
        # Point stdout at nothing so the interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:
        # The cache failing after it was opened (a disk that filled up, a lock, a bad page):
        # one line that says why, like a cache that cannot be opened (issue 15 §4).
        from app.cli.failures import EXIT_CACHE, cache_failure_later, fail_with

        said = cache_failure_later(e, _chosen_cache(args, ctx))
        if said is None:
            raise
        return fail_with(said, EXIT_CACHE)


def _chosen_cache(args: argparse.Namespace, ctx: CliContext) -> str | None:
    """The cache ``args`` chose (``--db``, ``--profile``…), or None (the command opens none)."""
    if getattr(args, "db", None):
        return str(args.db)
    return None


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the sync's helper process, in a frozen (packaged) build
    sys.exit(main())
