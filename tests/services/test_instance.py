"""Issue 15 §1: one window per profile (a second start raises the first), and a command line that
works beside the window without resetting the window's ``sending`` entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

import app.models as m
from app.models import db
from app.services.instance import WindowLock, window_holding
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Outbox
from tests.cli.run import run_cli


def test_issue15_s1_the_window_lock_is_held_once_and_names_its_cache(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    first = WindowLock(tmp_path)
    assert first.acquire()
    first.record(url)
    assert not WindowLock(tmp_path).acquire()
    assert window_holding(tmp_path, url) == os.getpid()
    assert window_holding(tmp_path, f"sqlite:///{tmp_path / 'other.sqlite3'}") is None
    first.release()
    assert window_holding(tmp_path, url) is None
    again = WindowLock(tmp_path)
    assert again.acquire()
    again.release()


@pytest.mark.gui
def test_issue15_s1_a_second_start_raises_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    from app.views.single_instance import claim

    first = claim(tmp_path)
    assert first is not None
    with qtbot.waitSignal(first.raiseRequested, timeout=10000):
        assert claim(tmp_path) is None
    first.close()
    later = claim(tmp_path)
    assert later is not None
    later.close()


def test_issue15_s1_the_cli_never_resets_the_windows_sending_entries(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = tmp_path / "shop.sqlite3"
    url = f"sqlite:///{path}"
    engine = db.open_cache(url)
    outbox = Outbox(engine, FileStore(tmp_path / "files"), actor="window")
    entry = outbox.enqueue("supervision.deliver", "T-1", {"n": 1}, summary="deliver")
    with engine.begin() as conn:  # the window's dispatcher is sending it right now
        conn.execute(update(m.OutboxEntry).values(state="sending"))
    from app.config.paths import AppPaths

    lock = WindowLock(AppPaths.from_env({"SELLER_CONSOLE_HOME": str(home)}).data_dir)
    assert lock.acquire()
    lock.record(url)
    try:
        env = {**os.environ, "SELLER_CONSOLE_HOME": str(home), "SELLER_CONSOLE_AK": "AK1",
               "SELLER_CONSOLE_SK": "SK1", "QT_QPA_PLATFORM": "offscreen"}
        done = run_cli("outbox", "send", "--endpoint", "http://127.0.0.1:9", "--db", url,
                       env=env)
    finally:
        lock.release()
    assert done.returncode == 0, done.stderr
    assert "sends its outbox" in done.stdout
    with engine.connect() as conn:
        state = conn.execute(select(m.OutboxEntry.state).where(m.OutboxEntry.id == entry.id)
                             ).scalar()
    assert state == "sending"
    engine.dispose()
