"""``seller-console report-problem [--out FILE.zip|FOLDER]``: the window's Help → Report a problem… as a
command (the same ZIP: versions, cache schema versions, profile names, the log with secrets
masked; see ``app.services.problem_report``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.failures import EXIT_FAILURE, EXIT_USAGE, fail
from app.cli.words import translate

if TYPE_CHECKING:
    from app.cli.context import CliContext


def qt_version() -> str:
    """Qt's and PySide6's versions (QtCore only, as the command line may use)."""
    import PySide6
    from PySide6.QtCore import qVersion

    return f"{qVersion()} (PySide6 {PySide6.__version__})"


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.problem_report import ReportError, write_report

    out: Path = args.out if args.out is not None else Path.cwd()
    if not out.expanduser().is_dir() and out.suffix.lower() != ".zip":
        return fail(translate("CliReport", "the report is a ZIP file: give --out a name ending "
                              "in .zip, or a folder"), EXIT_USAGE)
    try:
        summary = write_report(out, ctx.paths, ctx.profiles, ctx.settings,
                               qt_version=qt_version(), environ=ctx.environ)
    except ReportError as exc:
        if exc.kind == "no_folder":
            text = translate("CliReport", "the folder {folder} does not exist").format(
                folder=exc.where)
        else:
            text = translate("CliReport", "the report could not be written to {path}: {error}"
                             ).format(path=exc.where, error=exc.detail or exc)
        return fail(text, EXIT_FAILURE)
    print(translate("CliReport", "Wrote {path} ({logs} log files). It holds versions, the "
                    "settings, the caches' schema versions, profile names and the log with "
                    "secrets masked; send it to your IT staff.")
          .format(path=summary.path.resolve(), logs=summary.log_files))
    return 0


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report-problem",
        help="pack the log (secrets masked), versions and cache schema versions into a ZIP",
        description="Write the window's Help → Report a problem… ZIP: the console's, Python's, "
        "Qt's and the system's versions, the settings (no password is in them), each cache's "
        "schema version, the profiles by name and endpoint (never a key or password), and the "
        "log with secrets masked.",
    )
    parser.add_argument("--out", type=Path, metavar="FILE.zip|FOLDER",
                        help="where to write the ZIP (default: a new "
                        "seller-console-report-DATE-TIME.zip in the current folder)")
    parser.set_defaults(handler=run)
    return parser
