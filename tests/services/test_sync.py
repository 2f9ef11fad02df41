"""The sync engine against the sandbox over real HTTP: counts, increments, bad records, faults."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select

import app.models as m
from app.services.marketplace.client import (
    AuthenticationError,
    MarketplaceClient,
    TooManyFaults,
    Unreachable,
)
from app.services.sync.engine import (
    ALL_COLLECTIONS,
    SELLER_COLLECTIONS,
    SyncEngine,
    collection_counts,
    set_aside_records,
    sync_states,
)
from tests.sandbox_fixtures import FAST_RETRY, Sandbox


def _sync(sb: Sandbox, cache: Engine, collections=ALL_COLLECTIONS, **client_kw):  # type: ignore[no-untyped-def]
    with sb.client(**client_kw) as client:
        return SyncEngine(client, cache, page_limit=200).sync(collections)


def test_full_sync_matches_the_marketplace(sandbox: Sandbox, cache: Engine) -> None:
    report = _sync(sandbox, cache)
    assert report.ok, report.failure
    stats = sandbox.stats()
    counts = collection_counts(cache)
    assert counts == {name: stats[name] for name in ALL_COLLECTIONS}
    by_name = {c.collection: c for c in report.collections}
    for name in ALL_COLLECTIONS:
        assert by_name[name].inserted == stats[name], name
        assert by_name[name].updated == 0 and by_name[name].set_aside == 0
    assert 500 < counts["orders"] <= 600  # 600 generated, less the unlisted 按需 ones (§4)
    assert counts["supervision_tasks"] > 0
    states = sync_states(cache)
    assert all(states[n]["last_finished_at"] is not None for n in ALL_COLLECTIONS)


def test_cached_orders_keep_exact_amounts_and_lines(sandbox: Sandbox, cache: Engine) -> None:
    assert _sync(sandbox, cache, ("orders",)).ok
    with cache.connect() as conn:
        lines = conn.execute(select(func.count()).select_from(m.OrderLine.__table__)).scalar_one()
        orders = conn.execute(select(m.Order.__table__)).all()
        line_sums = dict(
            conn.execute(
                select(
                    m.OrderLine.__table__.c.order_id,
                    func.sum(m.OrderLine.__table__.c.amount_after_discount),
                ).group_by(m.OrderLine.__table__.c.order_id)
            ).all()
        )
    assert lines >= len(orders)
    for o in orders:
        assert isinstance(o.total_amount, Decimal)
        # integer cents in SQL: the sum of the lines is exact, and comes back as Decimal
        assert line_sums[o.id] == o.total_amount, o.id
        assert o.create_time.tzinfo is not None


def test_second_sync_fetches_nothing_new(sandbox: Sandbox, cache: Engine) -> None:
    assert _sync(sandbox, cache).ok
    again = _sync(sandbox, cache)
    assert again.ok
    assert sum(c.fetched for c in again.collections) == 0
    assert collection_counts(cache) == {n: sandbox.stats()[n] for n in ALL_COLLECTIONS}


def test_incremental_sync_after_the_clock_moves(own_sandbox: Sandbox, cache: Engine) -> None:
    assert _sync(own_sandbox, cache).ok
    summary = own_sandbox.admin("POST", "advance", {"hours": 24 * 6})
    report = _sync(own_sandbox, cache)
    assert report.ok, report.failure
    by_name = {c.collection: c for c in report.collections}
    assert sum(c.fetched for c in report.collections) > 0, summary
    assert by_name["orders"].inserted + by_name["orders"].updated > 0
    assert by_name["supervision_tasks"].updated > 0
    assert collection_counts(cache) == {n: own_sandbox.stats()[n] for n in ALL_COLLECTIONS}


def test_tombstones_remove_records(own_sandbox: Sandbox, cache: Engine) -> None:
    assert _sync(own_sandbox, cache).ok
    before = collection_counts(cache)["interface_messages"]
    deleted = 0
    for _ in range(10):  # a month of sandbox time resolves some failed interface calls
        own_sandbox.admin("POST", "advance", {"hours": 72})
        report = _sync(own_sandbox, cache)
        assert report.ok
        deleted += sum(c.deleted for c in report.collections)
        if deleted:
            break
    assert deleted > 0
    assert collection_counts(cache)["interface_messages"] == own_sandbox.stats()["interface_messages"]
    assert collection_counts(cache)["interface_messages"] < before + 1000
    with cache.connect() as conn:
        tombs = conn.execute(select(func.count()).select_from(m.Tombstone.__table__)).scalar_one()
    assert tombs >= deleted


def test_malformed_records_are_set_aside_and_the_rest_stored(own_sandbox: Sandbox, cache: Engine) -> None:
    assert _sync(own_sandbox, cache, ("orders",)).ok
    with cache.connect() as conn:
        victims = [r.id for r in conn.execute(select(m.Order.__table__.c.id).limit(2))]
        kept = {r.id: tuple(r) for r in conn.execute(select(m.Order.__table__).where(m.Order.__table__.c.id.in_(victims)))}
    own_sandbox.admin("POST", "corrupt", {"collection": "orders", "ids": victims})
    report = _sync(own_sandbox, cache, ("orders",))
    assert report.ok
    assert report.collections[0].set_aside == 2
    aside = set_aside_records(cache)
    assert sorted(r["id"] for r in aside) == sorted(victims)
    assert all(r["error"] for r in aside)
    with cache.connect() as conn:
        still = {r.id: tuple(r) for r in conn.execute(select(m.Order.__table__).where(m.Order.__table__.c.id.in_(victims)))}
    assert still == kept  # the last good version stays, nothing half-written
    assert collection_counts(cache)["orders"] == own_sandbox.stats()["orders"]


@pytest.mark.parametrize(
    "faults",
    [
        {"error_rate": 0.3},
        {"throttle_rate": 0.3, "retry_after": 0},
        {"malformed_rate": 0.3},
        {"hang_rate": 0.15},
        {"latency_ms": 30},
    ],
    ids=lambda f: next(iter(f)),
)
def test_sync_converges_under_each_fault(own_sandbox: Sandbox, cache: Engine, faults: dict[str, float]) -> None:
    own_sandbox.faults(**faults)
    timeout = 1.0 if "hang_rate" in faults else 5.0
    report = _sync(own_sandbox, cache, SELLER_COLLECTIONS, timeout_s=timeout)
    own_sandbox.faults(error_rate=0, throttle_rate=0, malformed_rate=0, hang_rate=0, latency_ms=0)
    assert report.ok, report.failure
    stats = own_sandbox.stats()
    assert collection_counts(cache) == {**collection_counts(cache), **{n: stats[n] for n in SELLER_COLLECTIONS}}


def test_too_many_faults_fails_with_a_reason_and_keeps_the_cursor(own_sandbox: Sandbox, cache: Engine) -> None:
    own_sandbox.faults(error_rate=1.0)
    report = _sync(own_sandbox, cache, ("orders", "demands"))
    assert not report.ok
    assert isinstance(report.failure, TooManyFaults)
    assert len(report.collections) == 1  # stops at the first failing collection
    assert "kept failing" in report.collections[0].error
    with cache.connect() as conn:
        cursor = conn.execute(select(m.SyncState.__table__.c.cursor).where(m.SyncState.__table__.c.collection == "orders")).scalar_one()
    assert cursor is None


def test_wrong_secret_is_an_authentication_error_without_the_secret(sandbox: Sandbox, cache: Engine) -> None:
    with MarketplaceClient(sandbox.url, sandbox.access_key, "wrong-secret-123", retry=FAST_RETRY) as client:
        report = SyncEngine(client, cache).sync(("orders",))
    assert isinstance(report.failure, AuthenticationError)
    assert report.failure.code == "MKT.0154"
    assert "wrong-secret-123" not in str(report.failure)
    assert "secret key" in str(report.failure)


def test_unreachable_marketplace(cache: Engine) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with MarketplaceClient(f"http://127.0.0.1:{port}", "ak", "sk", retry=FAST_RETRY, timeout_s=1) as client:
        report = SyncEngine(client, cache).sync(("orders",))
    assert isinstance(report.failure, Unreachable)
    assert "did not answer" in str(report.failure)


def test_secrets_and_signatures_never_reach_the_log(sandbox: Sandbox, cache: Engine, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    sandbox.faults(error_rate=0.2)
    try:
        assert _sync(sandbox, cache, ("demands",)).ok
    finally:
        sandbox.faults(error_rate=0)
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert sandbox.secret_key not in text
    assert "Signature=" not in text and "Authorization" not in text


def test_query_order_serves_the_mock_orders(sandbox: Sandbox) -> None:
    with sandbox.client() as client:
        result = client.query_order("MOCKPERIODYEARNEW", "MOCKPERIODYEARNEW-000001")
    assert result["resultCode"] == "MKT.0000"
    info = result["orderInfo"]
    assert info["orderId"] == "MOCKPERIODYEARNEW"
    assert info["orderLine"][0]["orderLineId"] == "MOCKPERIODYEARNEW-000001"
    assert info["orderLine"][0]["chargingMode"] == "PERIOD"


def test_a_large_sync_hands_pages_to_the_helper_process(
    own_sandbox: Sandbox, cache: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the threshold, pages are fetched and prepared in a helper process: same result,
    faults still retried there, progress still reported."""
    import app.services.sync.engine as sync_module

    monkeypatch.setattr(sync_module, "HELPER_PROCESS_THRESHOLD", 50)
    own_sandbox.faults(error_rate=0.2)
    seen: list[int] = []
    with own_sandbox.client() as client:
        engine = SyncEngine(client, cache, page_limit=25, progress=lambda p: seen.append(p.done))
        report = engine.sync(("orders", "supervision_tasks"))
    own_sandbox.faults(error_rate=0)
    assert report.ok, report.failure
    stats = own_sandbox.stats()
    counts = collection_counts(cache)
    assert counts["orders"] == stats["orders"]
    assert counts["supervision_tasks"] == stats["supervision_tasks"]
    assert report.collections[0].pages > 2 and seen == sorted(seen) or len(seen) > 4


def test_the_helper_process_reports_a_failure_in_words(
    own_sandbox: Sandbox, cache: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.services.sync.engine as sync_module

    monkeypatch.setattr(sync_module, "HELPER_PROCESS_THRESHOLD", 50)
    with own_sandbox.client() as client:
        engine = SyncEngine(client, cache, page_limit=25)
        first = {"done": False}

        def break_after_first_page(p) -> None:  # type: ignore[no-untyped-def]
            if not first["done"] and p.done:
                first["done"] = True
                own_sandbox.faults(error_rate=1.0)

        engine._progress = break_after_first_page
        report = engine.sync(("orders",))
    own_sandbox.faults(error_rate=0)
    assert isinstance(report.failure, TooManyFaults)
    assert "kept failing" in str(report.failure)
    assert 0 < collection_counts(cache)["orders"] < own_sandbox.stats()["orders"]
