"""The one outbox factory and the one client opener both front ends use: where the outbox keeps its
files, what a client opened from credentials carries, and sending what is due through them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine

from app.models import db
from app.models.outbox import PENDING
from app.services.marketplace.client import RetryPolicy
from app.services.marketplace.credentials import Credentials, open_client
from app.services.outbox.factory import file_store, make_outbox, send_due
from app.services.supervision import actions as sv

NO_RETRY = RetryPolicy(max_attempts=1, base_delay_s=0.0, max_delay_s=0.0, max_retry_after_s=0.0)
DEAD = Credentials("http://127.0.0.1:9", "AK-TEST-0001", "SECRET-never-shown")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    yield engine
    engine.dispose()


def paths(tmp_path: Path) -> Any:
    return SimpleNamespace(caches_dir=tmp_path / "caches")


def test_an_sqlite_cache_keeps_its_outbox_files_beside_it(cache: Engine, tmp_path: Path) -> None:
    when = datetime(2027, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    outbox = make_outbox(cache, paths(tmp_path), clock=lambda: when)
    assert outbox.files.root == tmp_path / "cache.sqlite3.files"
    assert file_store(cache, paths(tmp_path)).root == outbox.files.root
    assert outbox.engine is cache
    assert outbox.now() == when.replace(microsecond=0)  # the marketplace's clock, when given


def test_a_database_without_a_file_keeps_them_in_the_caches_folder(tmp_path: Path) -> None:
    engine = create_engine("sqlite://")
    try:
        root = make_outbox(engine, paths(tmp_path)).files.root
    finally:
        engine.dispose()
    assert root.parent == tmp_path / "caches" and root.name.startswith("files-")


def test_a_client_opened_from_credentials_signs_with_them_and_never_shows_the_secret() -> None:
    with open_client(DEAD, timeout_s=3.0, retry=NO_RETRY) as client:
        assert client.endpoint == "http://127.0.0.1:9"
        assert client.retry is NO_RETRY
        spec = client.spec()
        assert (spec.access_key, spec.secret_key, spec.timeout_s) == (
            "AK-TEST-0001", "SECRET-never-shown", 3.0)
        assert "SECRET" not in repr(client) and "SECRET" not in repr(DEAD)
    assert Credentials("http://127.0.0.1:9", "a", "b").profile_name is None  # keys being tried


def test_send_due_with_nothing_due_makes_no_request(cache: Engine, tmp_path: Path) -> None:
    report = send_due(make_outbox(cache, paths(tmp_path)), DEAD, retry=NO_RETRY, timeout_s=0.5)
    assert (report.delivered, report.refused, report.paused) == ([], [], None)


def test_send_due_offline_pauses_and_the_entry_waits(cache: Engine, tmp_path: Path) -> None:
    outbox = make_outbox(cache, paths(tmp_path))
    entry = outbox.enqueue(sv.KINDS[sv.SellerAction.CONFIRM].name, "T-1", {"comment": None},
                           summary="确认需求 T-1")
    seen: list[str] = []
    report = send_due(outbox, DEAD, ignore_schedule=True, retry=NO_RETRY, timeout_s=0.5,
                      checkpoint=seen.append)
    assert report.paused == "offline" and report.delivered == []
    assert outbox.get(entry.id).state == PENDING
    assert seen[:1] == ["marked_sending"]  # the crash-test hook reaches the dispatcher
