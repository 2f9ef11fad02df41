"""The record store, the data folder's reuse rule, cursors and the flow tables."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.sandbox.api.guard import CursorError, decode_cursor, encode_cursor
from app.sandbox.data import flows
from app.sandbox.data.generate import Row
from app.sandbox.state import SandboxData, default_start
from app.sandbox.store import FILE_NAME, RecordStore, listed

from .conftest import SEED, START


def _store(tmp_path: Path) -> RecordStore:
    path = tmp_path / "s.sqlite3"
    rows = [Row("orders", "A", b'{"orderId":"A"}'), Row("orders", "B", b'{"orderId":"B"}'),
            Row("bills", "X", b'{"billId":"X"}')]
    RecordStore.build(path, rows, {"fingerprint": "test"})
    return RecordStore(path)


def test_every_change_gets_a_new_seq_and_deletions_become_tombstones(tmp_path: Path) -> None:
    store = _store(tmp_path)
    try:
        page = store.page("orders", 0, 10)
        assert page.items == [b'{"orderId":"A"}', b'{"orderId":"B"}'] and page.last_seq == 2
        assert not page.has_more
        with store.transaction() as w:
            assert w.put("orders", "A", b'{"orderId":"A","v":2}') == 4
            assert w.delete("orders", "B", "20261101000000")
            assert not w.delete("orders", "NOPE", "20261101000000")
        changed = store.page("orders", 2, 10)
        assert changed.items == [b'{"orderId":"A","v":2}']
        assert changed.tombstones == [("B", "20261101000000")]
        assert changed.last_seq == 5
        assert store.stats() == {"orders": 1, "bills": 1}
        first = store.page("orders", 0, 1)
        assert first.has_more and first.last_seq == 4
        with pytest.raises(RuntimeError), store.transaction() as w:
            w.put("orders", "C", b"{}")
            raise RuntimeError("rolled back")
        assert store.get("orders", "C") is None
        with store.transaction() as w:  # the seq counter did not move with the rollback
            assert w.put("orders", "C", b"{}") == 6
    finally:
        store.close()


def test_a_data_folder_is_reused_only_for_the_same_inputs(tmp_path: Path) -> None:
    first = SandboxData(SEED, 120, START, tmp_path)
    assert first.generated_seconds is not None
    with first.store.transaction() as w:
        w.set_meta("marker", "kept")
    first.close()
    again = SandboxData(SEED, 120, START, tmp_path)
    assert again.generated_seconds is None  # reused
    assert again.store.meta("marker") == "kept"
    again.close()
    other = SandboxData(SEED + 1, 120, START, tmp_path)
    assert other.generated_seconds is not None  # regenerated for another seed
    assert other.store.meta("marker") is None
    other.close()
    assert (tmp_path / FILE_NAME).exists()


def test_without_a_data_folder_the_temp_folder_goes_away() -> None:
    data = SandboxData(SEED, 50, START)
    folder = data.path.parent
    assert folder.exists()
    data.close()
    assert not folder.exists()


def test_default_start_is_today_midnight_utc() -> None:
    assert default_start(datetime(2026, 5, 17, 13, 45, 1, tzinfo=UTC)) == \
        datetime(2026, 5, 17, tzinfo=UTC)


def test_cursors_round_trip_and_reject_anything_else() -> None:
    for seq in (0, 1, 99, 10**12):
        assert decode_cursor(encode_cursor(seq)) == seq
    assert decode_cursor("") == 0 and decode_cursor(None) == 0
    for bad in ("x", "czAx", "czE=", "s1", "cy0x", "a" * 60, "czE-"):
        with pytest.raises(CursorError):
            decode_cursor(bad)


def test_flow_tables_are_well_formed() -> None:
    for flow in flows.all_flows():
        assert flow.nodes[-1] == flows.DONE
        assert flows.DONE not in flow.moves
        for node in flow.nodes[:-1]:
            assert flow.moves[node], f"{flow.key}: {node} has no way out"
            assert all(m.to in flow.nodes for m in flow.moves[node])
            assert flows.APPEAL_ACTION in flow.seller_actions(node)
        assert flow.seller_actions(flows.DONE) == []
        assert (flows.REVIEW in flow.nodes) == flow.key.endswith("/review")
    standard = flows.flow_for("人工服务", None, "通用", "其他", flows.V_2025)
    assert standard.nodes == (flows.SUBMIT, flows.CONFIRM, flows.UPLOAD_PROOF_2025, flows.ACCEPT,
                              flows.DONE)
    assert flows.flow_for("硬件", None, "严选", "其他", flows.V_2024).start == flows.IMPLEMENT
    assert flows.flow_for("License", "线下License", "通用", "其他", flows.V_2024).start == \
        flows.OFFLINE_LICENSE


@pytest.mark.parametrize(("day", "version"), [
    (datetime(2023, 4, 27, 15, 59, tzinfo=UTC), flows.V_PRE_2023),  # 23:59 on 4-27 in Beijing
    (datetime(2023, 4, 27, 16, 0, tzinfo=UTC), flows.V_2023),  # 00:00 on 4-28 in Beijing
    (datetime(2023, 4, 28, tzinfo=UTC), flows.V_2023),
    (datetime(2024, 9, 14, tzinfo=UTC), flows.V_2024),
    (datetime(2025, 3, 26, tzinfo=UTC), flows.V_2025),
])
def test_flow_versions(day: datetime, version: str) -> None:
    """The switches are Beijing dates (business-rules §1.5), not UTC dates."""
    assert flows.flow_version(day) == version


@pytest.mark.parametrize(("pclass", "scenario", "version", "review"), [
    ("联营", "其他", flows.V_PRE_2023, True),
    ("联营", "赋能云", flows.V_2023, True),
    ("联营", "基地云", flows.V_2023, False),
    ("联营", "基地云", flows.V_2024, True),
    ("联营", "其他", flows.V_2025, False),
    ("通用", "赋能云", flows.V_2025, False),
])
def test_huawei_review_rule(pclass: str, scenario: str, version: str, review: bool) -> None:
    assert flows.needs_review(pclass, scenario, version) is review


def test_issue18_remaining_leaves_out_unlisted_orders_without_reading_the_payloads(
    tmp_path: Path,
) -> None:
    """Issue 18 (a million-order sync): a page's ``remaining`` left the unlisted (按需) orders out
    by reading every payload after the page, for every page (seconds a page at a million
    orders). It is the same count, from the index and a partial index of the unlisted ones, also
    for a store generated before that index existed (it is made when the store opens)."""
    path = tmp_path / "s.sqlite3"
    rows = [Row("orders", f"O{n}", b'{"orderId":"O%d","chargingMode":"%s"}'
                % (n, b"ON_DEMAND" if n % 3 == 0 else b"PERIOD")) for n in range(30)]
    RecordStore.build(path, rows, {"fingerprint": "test"})
    store = RecordStore(path)
    try:
        served = 0
        after = 0
        while True:
            page = store.page("orders", after, 4)
            served += len(page.items)
            listed_after = sum(1 for n in range(page.last_seq, 30) if n % 3)
            assert page.remaining == (listed_after if page.has_more else 0)
            if not page.has_more:
                break
            after = page.last_seq
        assert served == 20
        with store.transaction() as w:  # a deletion and a new unlisted order follow
            w.delete("orders", "O1", "20261101000000")
            w.put("orders", "O99", b'{"orderId":"O99","chargingMode":"ON_DEMAND"}')
        page = store.page("orders", 0, 4)
        following = store._reader().execute(
            "SELECT payload FROM records WHERE collection = 'orders' AND seq > ?",
            (page.last_seq,)).fetchall()
        # the 15 listed left, the tombstone of O1 (a change), not the unlisted O99
        assert page.remaining == sum(1 for (p,) in following if listed("orders", p)) == 16
        plan = store._reader().execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM records WHERE collection = ? AND seq > ? AND "
            "instr(payload, X'226368617267696e674d6f6465223a224f4e5f44454d414e4422') > 0",
            ("orders", 0)).fetchall()
        assert "records_unlisted_orders" in str(plan)
    finally:
        store.close()
