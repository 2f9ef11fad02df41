"""``seller-console evidence export|verify``: the evidence package of a supervision task.

* ``evidence export TASK --out FILE.zip [--profile P | --endpoint URL] [--db URL] [--json]`` writes the package
  (index PDF, the files the console holds for the task, manifest of SHA-256 hashes) from the cache;
  no network.
* ``evidence verify FILE.zip [--json]`` re-checks every hash, on any machine (no cache, no
  profile), and names each member that changed, is missing or was added.

Exit codes: 0 ok, 2 the package cannot be made (unknown task) or read, 6 cache, 7 configuration,
9 verification failed.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.context import add_cache_choice, open_chosen_cache
from app.cli.failures import EXIT_CHANGED, EXIT_USAGE, fail_with
from app.cli.words import translate
from app.services.evidence import package as evidence
from app.services.outbox.factory import file_store

if TYPE_CHECKING:
    from app.cli.context import CliContext



def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    engine = open_chosen_cache(args, ctx)
    if isinstance(engine, int):
        return engine
    try:
        store = file_store(engine, ctx.paths)
        summary = evidence.export(engine, store, args.task, Path(args.out))
    except evidence.EvidenceError as e:
        return fail_with(e, EXIT_USAGE)
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps({"path": str(summary.path), "included": summary.included,
                          "notIncluded": summary.not_included,
                          "files": [{"name": f.name, "sha256": f.sha256, "source": f.source,
                                     "included": f.included} for f in summary.files]},
                         ensure_ascii=False, indent=2))
    else:
        print(translate("CliEvidence", "wrote {path}: {included} file(s) included, {listed} "
                        "listed only (on the marketplace)").format(
                            path=summary.path, included=summary.included,
                            listed=summary.not_included))
    return 0


def run_verify(args: argparse.Namespace, _ctx: CliContext) -> int:
    try:
        report = evidence.verify(Path(args.file))
    except evidence.EvidenceError as e:
        return fail_with(e, EXIT_USAGE)
    if args.json:
        print(json.dumps({"task": report.task_id, "checked": report.checked, "ok": report.ok,
                          "problems": [{"member": p.member, "code": p.code, "detail": p.detail}
                                       for p in report.problems]},
                         ensure_ascii=False, indent=2))
    elif report.ok:
        print(translate("CliEvidence", "OK: {n} member(s) of task {task} match their SHA-256")
              .format(n=report.checked, task=report.task_id))
    else:
        for problem in report.problems:
            print(translate("CliEvidence", "CHANGED  {problem}").format(problem=problem))
        print(translate("CliEvidence", "{n} of {checked} member(s) do not match").format(
            n=len(report.problems), checked=report.checked))
    return 0 if report.ok else EXIT_CHANGED


def add_parser(subparsers: Any) -> None:
    ev = subparsers.add_parser(
        "evidence", help="evidence package of a supervision task (服务监管): export, verify",
        description="A ZIP with an index PDF, the task's files and a manifest of SHA-256 hashes.")
    cmds = ev.add_subparsers(dest="evidence_command", required=True, metavar="COMMAND")
    ex = cmds.add_parser("export", help="write the package of a task")
    ex.add_argument("task", help="supervision task id")
    ex.add_argument("--out", required=True, help="the ZIP file to write")
    add_cache_choice(ex)
    ex.add_argument("--json", action="store_true", help="print the result as JSON")
    ex.set_defaults(handler=run_export)
    ve = cmds.add_parser("verify", help="re-check every hash of a package")
    ve.add_argument("file", help="the evidence ZIP")
    ve.add_argument("--json", action="store_true", help="print the result as JSON")
    ve.set_defaults(handler=run_verify)
