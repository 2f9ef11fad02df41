"""The outbox view names who queued each action (issue 15 §2: a team shares one cache)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.models import db
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Outbox
from app.services.supervision import actions as sv
from app.views.outbox.model import columns


def test_the_queued_by_column_names_the_staff_member(qtbot: QtBot, tmp_path: Path) -> None:
    engine = db.open_cache(f"sqlite:///{tmp_path / 'team.sqlite3'}")
    try:
        entry = Outbox(engine, FileStore(tmp_path / "files"), actor="anna@pc1").enqueue(
            sv.KINDS[sv.SellerAction.CONFIRM].name, "T1", {}, summary="确认需求 T1")
    finally:
        engine.dispose()
    by = {c.header(): c for c in columns()}["Queued by"]
    assert by.text(entry) == "anna@pc1"
