"""The composition root: ``python -m app`` and the ``seller-console`` command.

Builds the services and hands them to whatever front end was asked for (registering every
outbox action kind first). Sub-commands:
``gui`` (the default), ``sandbox``, ``sync``, ``status``, ``profile``, ``company``, ``invoice``,
``export``, ``outbox``, ``supervision``, ``offer``, ``demand``, ``journal``, ``evidence``, ``interfaces``, ``conformance``, ``report-problem``, ``bill``, ``partner-bill`` (docs/cli.md lists them all). Heavy imports (Qt, uvicorn) are
done only by the sub-command that needs them, so ``seller-console status`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.cli.context import CliContext


#: Where each command's parser is defined: (module, function adding it to the subparsers), in the
#: order ``--help`` lists them. ``gui``, ``screenshot`` and ``sandbox`` are added here. Only the
#: given command's module is imported (each pulls in its services: reportlab for ``evidence``,
#: openpyxl for ``export``, ...); ``--help`` or an unknown word builds them all.
#: ``tests/cli/test_one_console.py`` checks this table against what the modules add.
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "sync": ("app.cli.sync", "add_parsers"),
    "status": ("app.cli.sync", "add_parsers"),
    "supervision": ("app.cli.outbox", "add_parsers"),
    "outbox": ("app.cli.outbox", "add_parsers"),
    "journal": ("app.cli.outbox", "add_parsers"),
    "profile": ("app.cli.profile", "add_parser"),
    "company": ("app.cli.company", "add_parser"),
    "invoice": ("app.cli.invoice", "add_parser"),
    "export": ("app.cli.export", "add_parser"),
    "evidence": ("app.cli.evidence", "add_parser"),
    "cache": ("app.cli.cache", "add_parser"),
    "interfaces": ("app.cli.interfaces", "add_parser"),
    "conformance": ("app.cli.conformance", "add_parser"),
    "license": ("app.cli.openapi", "add_parsers"),
    "usage": ("app.cli.openapi", "add_parsers"),
    "order": ("app.cli.openapi", "add_parsers"),
    "bill": ("app.cli.bills", "add_parsers"),
    "partner-bill": ("app.cli.bills", "add_parsers"),
    "offer": ("app.cli.partner", "add_parsers"),
    "demand": ("app.cli.partner", "add_parsers"),
    "report-problem": ("app.cli.report", "add_parser"),
}
_BUILT_IN_COMMANDS = ("gui", "screenshot", "sandbox")


def command_names() -> frozenset[str]:
    """Every subcommand of ``seller-console`` (without importing the commands' modules)."""
    return frozenset((*_BUILT_IN_COMMANDS, *COMMAND_MODULES))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser: every command's, or only ``command``'s when it is one of
    :func:`command_names` (the rest stay unimported, so ``seller-console gui`` and ``status``
    start fast); ``"--version"``: no command at all (``seller-console --version``)."""
    from app import __version__
    from app.cli.failures import ConsoleParser, exit_codes_text
    from app.cli.words import translate

    only = command if command in command_names() or command == "--version" else None
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

    if only in (None, "gui"):
        gui = sub.add_parser("gui", help="open the desktop console (the default)")
        gui.add_argument(
            "--sandbox-orders",
            type=int,
            default=None,
            metavar="N",
            help="orders in the built-in sandbox (changing it regenerates the sandbox's demo data)",
        )
        gui.set_defaults(handler=_run_gui)

    if only in (None, "screenshot"):
        shots = sub.add_parser(
            "screenshot",
            help="render every area to PNG files (offscreen, sandbox data)",
            description="Build the console in a temporary folder over the embedded sandbox, sync "
            "it, and save each page and dialog as a PNG (for the user guide, or to check layouts).",
        )
        shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
        shots.add_argument("--lang", choices=("en", "zh_CN"), default="en",
                           help="interface language")
        shots.add_argument(
            "--orders", type=int, default=3000, metavar="N",
            help="orders in the sandbox (default 3000)",
        )
        shots.add_argument(
            "--scale", type=int, choices=(1, 2), default=1, help="2: render at 200 %% (high DPI)"
        )
        shots.add_argument("--dark", action="store_true", help="use a dark palette, as in dark mode")
        shots.set_defaults(handler=_run_screenshot)

    if only in (None, "sandbox"):
        from app.sandbox import cli as sandbox_cli

        sb = sub.add_parser(
            "sandbox",
            help="run the sandbox marketplace (a local KooGallery with demo data)",
            description="A real HTTP server on loopback implementing the seller data API over "
            "generated data, with clock control and fault injection (see docs/api.md).",
        )
        sandbox_cli.add_arguments(sb)
        sb.set_defaults(handler=lambda args, ctx: sandbox_cli.run(args))

    adders = dict.fromkeys(
        COMMAND_MODULES.values() if only is None
        else [COMMAND_MODULES[only]] if only in COMMAND_MODULES else []
    )
    for module, function in adders:
        getattr(importlib.import_module(module), function)(sub)
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
        GuiOptions(sandbox_orders=orders, language=getattr(args, "ui_language", None)),
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


def _command_given(argv: Sequence[str]) -> str | None:
    """The command word of ``argv`` (the first known one: only top-level flags come before it);
    ``"--version"`` for a bare ``--version``; None: build every command's parser (``--help``)."""
    commands = command_names()
    given = next((a for a in argv if a in commands), None)
    if given is None and "--version" in argv and not {"-h", "--help"} & set(argv):
        return "--version"
    return given


def _default_to_gui(argv: list[str]) -> list[str]:
    """No command means the window: ``seller-console --sandbox-orders 5000`` is
    ``seller-console gui --sandbox-orders 5000`` (top-level flags such as --verbose stay first)."""
    if _command_given(argv) is not None or {"-h", "--help", "--version"} & set(argv):
        return argv
    lead = 0
    while lead < len(argv) and (argv[lead] in _TOP_FLAGS or argv[lead].startswith("--lang=")
                                or (argv[lead] == "--lang" and lead + 1 < len(argv))):
        lead += 2 if argv[lead] == "--lang" else 1
    return [*argv[:lead], "gui", *argv[lead:]]


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli.failures import fail
    from app.cli.language import command_line_language
    from app.cli.words import translate, use_language

    given = list(sys.argv[1:] if argv is None else argv)
    # The language first: a wrong argument is reported in it too.
    use_language(command_line_language(given, os.environ))
    argv = _default_to_gui(given)
    parser = build_parser(_command_given(argv))
    args = parser.parse_args(argv)
    from app.cli.context import CliContext
    from app.services.logs import setup_logging

    if args.handler is not _run_gui:
        # Every outbox action a command may queue or send. The window registers them when its
        # workspace hands out a cache (app.views.workspace), after the window is shown (issue 17).
        from app.services.outbox.action_kinds import register_action_kinds

        register_action_kinds()

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
