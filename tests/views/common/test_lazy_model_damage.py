"""Issue 15 §1: damage found after the cache opened (a bad page deep in the file) reaches the user
as a message, not as blank rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.views.bridge import Bridge
from tests.views.common.test_lazy_model import WAIT_MS, FakeModel, Source

pytestmark = pytest.mark.gui


@pytest.fixture
def bridge(qtbot: QtBot) -> Iterator[Bridge]:
    b = Bridge()
    yield b
    b.wait_idle()


class DamagedRows(FakeModel):
    """Ids are listed, but reading the rows meets a page SQLite reports as malformed."""

    def __init__(self, source: Source, bridge: Bridge, damaged: Path) -> None:
        super().__init__(source, bridge)
        self.damaged = damaged

    def read_rows(self, engine: Engine, rowids: Sequence[int]) -> dict[int, str]:
        conn = sqlite3.connect(self.damaged)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        finally:
            conn.close()
        return super().read_rows(engine, rowids)


def test_issue15_s1_rows_that_cannot_be_read_say_so(qtbot: QtBot, bridge: Bridge,
                                                    tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    model = DamagedRows(Source(50), bridge, damaged)
    messages: list[str] = []
    model.queryFailed.connect(messages.append)
    with qtbot.waitSignal(model.queryFinished, timeout=WAIT_MS):
        model.run_query("asc")
    assert model.rowCount() == 50
    assert model.index(0, 0).data() == "—"  # the row itself cannot be shown ...
    assert messages and "could not be read from the local cache" in messages[0]  # ... but said
