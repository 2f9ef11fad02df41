"""Who made each action (issue 15 §2: a team shares one cache): ``outbox list`` names the staff
member who queued each entry, as the outbox view's "Queued by" column and the journal's "Who" do."""

from __future__ import annotations

import os
from pathlib import Path

from app.models import db
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Outbox
from app.services.supervision import actions as sv
from tests.cli.run import ROOT, run_cli


def test_outbox_list_names_who_queued_each_action(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'team.sqlite3'}"
    engine = db.open_cache(url)
    try:
        kind = sv.KINDS[sv.SellerAction.CONFIRM].name
        Outbox(engine, FileStore(tmp_path / "files"), actor="anna@pc1").enqueue(
            kind, "T1", {}, summary="确认需求 T1")
        Outbox(engine, FileStore(tmp_path / "files"), actor="bo@pc2").enqueue(
            kind, "T2", {}, summary="确认需求 T2")
    finally:
        engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELLER_CONSOLE_", "PYTHON"))}
    env.update(SELLER_CONSOLE_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    done = run_cli("outbox", "list", "--db", url, env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any("anna@pc1" in line and "T1" in line for line in lines), done.stdout
    assert any("bo@pc2" in line and "T2" in line for line in lines), done.stdout
