"""A team on one cache (issue 15 §2): several consoles sending, syncing and writing the journal at
once, on PostgreSQL (a team's cache) and, where two consoles can meet there too (the window beside
a CLI), on SQLite. Each test names the defect it guards against; all fail on the code before the
fix (leases, file contents in the database, locked journal head, claimed submission, sync lock,
children following their parent, cursor compare-and-set)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select, text, update
from sqlalchemy.orm import Session

from app import models as m
from app.models import db
from app.models.outbox import DONE, JournalEntry
from app.services.invoices import drafts as invoice_drafts
from app.services.invoices.submit import SubmitError, queue_submit
from app.services.outbox import journal
from app.services.outbox.factory import file_store
from app.services.outbox.queue import Dispatcher, Outbox
from app.services.supervision import actions as sv
from app.services.sync.engine import Progress, SyncEngine
from tests.sandbox_fixtures import Sandbox
from tests.services.test_outbox import FAST, acceptance_file, stage, sync_tasks, tasks_with_node
from tests.support.invoice_data import COMPANY


@pytest.fixture(params=["sqlite", "postgresql"])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a cache two consoles share: an SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'team.sqlite3'}"
    else:
        yield request.getfixturevalue("pg_url")


@pytest.fixture
def engines(shared: str) -> Iterator[tuple[Engine, Engine]]:
    """Two consoles' engines on the same cache."""
    first = db.open_cache(shared)
    second = db.open_cache(shared)
    try:
        yield first, second
    finally:
        first.dispose()
        second.dispose()


class _Paths:
    """The part of ``AppPaths`` the outbox factory reads: this computer's caches folder."""

    def __init__(self, caches_dir: Path) -> None:
        self.caches_dir = caches_dir


def _console(engine: Engine, folder: Path, who: str) -> Outbox:
    """One member's console: its own data folder on its own computer, the shared cache."""
    return Outbox(engine, file_store(engine, _Paths(folder)), actor=who)  # type: ignore[arg-type]


def _outcomes(engine: Engine, key: str) -> list[str]:
    with Session(engine) as s:
        return list(s.scalars(select(JournalEntry.action).where(
            JournalEntry.outbox_key == key, JournalEntry.action.in_(("delivered", "refused")))))


def _confirmable(sb: Sandbox, engine: Engine, count: int = 1) -> list[str]:
    sync_tasks(sb, engine)
    tids = tasks_with_node(engine, "商家确认需求", count)
    for tid in tids:
        stage(sb, tid, "商家确认需求")
    sync_tasks(sb, engine)
    return tids


# -- claiming outbox entries ------------------------------------------------------------------------

def test_a_live_lease_is_never_taken_by_a_second_console(
        own_sandbox: Sandbox, engines: tuple[Engine, Engine], tmp_path: Path) -> None:
    """§2 claiming: console B starting while A sends must not reset A's ``sending`` entry and
    send it again (before: ``recover()`` reset every ``sending`` entry, B sent it too)."""
    a_engine, b_engine = engines
    (tid,) = _confirmable(own_sandbox, a_engine)
    a = _console(a_engine, tmp_path / "a", "anna@pc1")
    b = _console(b_engine, tmp_path / "b", "bo@pc2")
    entry = sv.queue_confirm(a, tid)
    second: list[Any] = []

    def meanwhile(point: str) -> None:
        if point == "marked_sending" and not second:
            with own_sandbox.client() as client:
                second.append(Dispatcher(b, client, policy=FAST).send_due(ignore_schedule=True))

    with own_sandbox.client() as client:
        first = Dispatcher(a, client, policy=FAST, checkpoint=meanwhile).send_due(
            ignore_schedule=True)
    assert second[0].delivered == [] and first.delivered == [entry.id]
    assert _outcomes(a_engine, entry.key) == ["delivered"]
    assert own_sandbox.admin("GET", "writes")["actions"] == 1


def test_an_expired_lease_is_taken_over_and_the_late_sender_records_nothing(
        own_sandbox: Sandbox, engines: tuple[Engine, Engine], tmp_path: Path) -> None:
    """§2 claiming: only an expired lease is recovered; the console that lost it (it stalled
    past its lease) sends with the same key but leaves the outcome to the one that took over."""
    a_engine, b_engine = engines
    (tid,) = _confirmable(own_sandbox, a_engine)
    a = _console(a_engine, tmp_path / "a", "anna@pc1")
    b = _console(b_engine, tmp_path / "b", "bo@pc2")
    entry = sv.queue_confirm(a, tid)
    second: list[Any] = []

    def stall(point: str) -> None:
        if point == "marked_sending" and not second:
            with own_sandbox.client() as client:
                second.append(Dispatcher(b, client, policy=FAST).send_due(ignore_schedule=True))

    with own_sandbox.client() as client:
        first = Dispatcher(a, client, policy=FAST, checkpoint=stall,
                           lease=timedelta(0)).send_due(ignore_schedule=True)
    assert second[0].delivered == [entry.id] and first.delivered == []
    assert a.get(entry.id).state == DONE
    assert _outcomes(a_engine, entry.key) == ["delivered"]
    assert own_sandbox.admin("GET", "writes")["actions"] == 1  # the repeated key had no effect


def test_two_consoles_sending_at_once_never_send_an_entry_twice(
        own_sandbox: Sandbox, engines: tuple[Engine, Engine], tmp_path: Path) -> None:
    """§2 claiming: two dispatchers on threads drain one queue; every entry has exactly one
    outcome, and no entry is in both consoles' reports."""
    a_engine, b_engine = engines
    sync_tasks(own_sandbox, a_engine)
    tids = tasks_with_node(a_engine, "用户确认验收", 12, any_state=True)
    a = _console(a_engine, tmp_path / "a", "anna@pc1")
    b = _console(b_engine, tmp_path / "b", "bo@pc2")
    kind = sv.KINDS[sv.SellerAction.CONFIRM].name
    entries = [(a if n % 2 else b).enqueue(kind, tid, {}, group=f"g{n}")
               for n, tid in enumerate(tids * 3)]
    reports: dict[str, Any] = {}
    start = threading.Barrier(2)

    def run(name: str, outbox: Outbox) -> None:
        with own_sandbox.client() as client:
            dispatcher = Dispatcher(outbox, client, policy=FAST)
            start.wait()
            reports[name] = dispatcher.send_due(ignore_schedule=True)

    threads = [threading.Thread(target=run, args=(n, o)) for n, o in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    done = {n: set(r.delivered + r.refused) for n, r in reports.items()}
    assert not done["a"] & done["b"]
    assert done["a"] | done["b"] == {e.id for e in entries}
    assert all(len(_outcomes(a_engine, e.key)) == 1 for e in entries)
    assert journal.verify(a_engine).ok


# -- files of a team cache ------------------------------------------------------------------------

def test_a_file_queued_on_one_computer_is_sent_from_another(
        own_sandbox: Sandbox, pg_url: str, tmp_path: Path) -> None:
    """§2 attachments: on a team cache the file's content is in the database, so the other
    member's console sends it (before: "the stored copy is missing", the entry refused)."""
    a_engine, b_engine = db.open_cache(pg_url), db.open_cache(pg_url)
    try:
        sync_tasks(own_sandbox, a_engine)
        (tid,) = tasks_with_node(a_engine, "商家确认需求")
        with Session(a_engine) as s:
            found = s.get(m.SupervisionTask, tid)
            assert found is not None
            node = next(n for n in found.flow_nodes or []
                        if n in ("商家实施服务", "商家上传交付凭证", "商家上传交付证明"))
        stage(own_sandbox, tid, node)
        sync_tasks(own_sandbox, a_engine)
        a = _console(a_engine, tmp_path / "pc1", "anna@pc1")
        b = _console(b_engine, tmp_path / "pc2", "bo@pc2")
        doc = acceptance_file(tmp_path, size=1024 * 1024 + 7)  # two pieces in the database
        entry = sv.queue_deliver(a, tid, [doc], "交付完成")
        assert not (tmp_path / "pc2").exists()
        with own_sandbox.client() as client:
            report = Dispatcher(b, client, policy=FAST).send_due(ignore_schedule=True)
        assert report.delivered == [entry.id], b.get(entry.id).last_error
        assert b.files.path_of(entry.files[0].sha256).read_bytes() == doc.read_bytes()
    finally:
        a_engine.dispose()
        b_engine.dispose()


# -- the journal's next number ---------------------------------------------------------------------

def test_two_members_writing_the_journal_at_once_never_collide(pg_url: str) -> None:
    """§2 journal: the next number was max + 1 without a lock; a second member's append while
    the first's transaction was open took the same number and failed at commit."""
    engine = db.open_cache(pg_url)
    try:
        errors: list[BaseException] = []
        with Session(engine) as first, first.begin():
            journal.append(first, "anna@pc1", "queued", "supervision_task:T1")

            def other() -> None:
                try:
                    with Session(engine) as second, second.begin():
                        journal.append(second, "bo@pc2", "queued", "supervision_task:T2")
                except BaseException as e:  # noqa: BLE001 - reported by the assertion below
                    errors.append(e)

            t = threading.Thread(target=other)
            t.start()
            # the second member waits for the first to commit (or, before, for its row number)
            assert _until(lambda: _someone_waits(engine) or not t.is_alive())
        t.join(30)
        assert errors == []
        check = journal.verify(engine)
        assert check.ok and check.entries == 2, check.problem
    finally:
        engine.dispose()


def _until(condition: Any, timeout: float = 30.0) -> bool:
    """Wait until ``condition()`` holds (checked every 20 ms), at most ``timeout`` seconds."""
    stop = threading.Event()
    deadline = timeout / 0.02
    while not condition():
        deadline -= 1
        if deadline < 0 or stop.wait(0.02):
            return False
    return True


def _someone_waits(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'")).scalar())


# -- the invoice submit check -----------------------------------------------------------------------

class _Racing(Outbox):
    """An outbox whose queuing waits until the other console's submission got as far."""

    def __init__(self, *args: Any, barrier: threading.Barrier, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.barrier = barrier

    def enqueue(self, *args: Any, **kw: Any) -> Any:
        self.barrier.wait(30)
        return super().enqueue(*args, **kw)


def test_two_submissions_of_one_invoice_at_once_queue_it_once(
        own_sandbox: Sandbox, engines: tuple[Engine, Engine], tmp_path: Path) -> None:
    """§2 invoice submit race: both consoles passed the state check before either queued, and
    two entries with different idempotency keys went out; now the draft is claimed in the
    transaction that queues the entry."""
    a_engine, b_engine = engines
    own_sandbox.admin("POST", "advance", {"hours": 24 * 6})
    with own_sandbox.client() as client:
        assert SyncEngine(client, a_engine).sync(("bills", "invoice_notices")).failure is None
    with Session(a_engine) as session, session.begin():
        invoice_drafts.save_company(session, COMPANY)
        notice_id = next(n.id for n in session.scalars(select(m.InvoiceNotice)
                                                       .order_by(m.InvoiceNotice.id))
                         if n.bill_status == "待开票" and n.form == "cn")
        notice = invoice_drafts.load_notice(session, notice_id)
        created, _ = invoice_drafts.create_drafts(session, notice_id)
        draft = invoice_drafts.save_draft(session, replace(
            created[0], invoice_no="44000001", invoice_date=notice.issue_date,
            courier_no="SF100001"))
    barrier = threading.Barrier(2)
    consoles = [_Racing(e, file_store(e, _Paths(tmp_path / n)), actor=f"clerk@{n}",  # type: ignore[arg-type]
                        barrier=barrier) for e, n in ((a_engine, "pc1"), (b_engine, "pc2"))]
    results: list[Any] = []

    def submit(outbox: Outbox) -> None:
        try:
            results.append(queue_submit(outbox, draft.id, today=notice.issue_date))
        except SubmitError as e:
            results.append(e)

    threads = [threading.Thread(target=submit, args=(c,)) for c in consoles]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    refused = [r for r in results if isinstance(r, SubmitError)]
    assert len(results) == 2 and len(refused) == 1, results
    assert "submitted meanwhile" in str(refused[0])
    with Session(a_engine) as session:
        queued = session.scalar(select(func.count()).select_from(m.OutboxEntry)
                                .where(m.OutboxEntry.kind == "invoice.submit"))
        row = session.get(m.InvoiceDraft, draft.id)
    assert queued == 1
    assert row is not None and row.state == "submitted"


# -- two syncs into one cache -----------------------------------------------------------------------

def test_children_follow_their_parents_verdict(own_sandbox: Sandbox,
                                               engines: tuple[Engine, Engine]) -> None:
    """§2 sync: a page with an older version of an order than the cache has keeps the order (the
    version guard) and now its lines too (before: its lines were replaced by the older ones)."""
    engine, _ = engines
    with own_sandbox.client() as client:
        assert SyncEngine(client, engine, page_limit=100).sync(("orders",)).ok
    with Session(engine) as s:
        order_id = s.scalar(select(m.OrderLine.order_id).order_by(m.OrderLine.order_id).limit(1))
        lines = s.scalar(select(func.count()).select_from(m.OrderLine)
                         .where(m.OrderLine.order_id == order_id))
        newer = s.scalar(select(m.Order.remote_updated_at).where(m.Order.id == order_id))
    assert order_id is not None and newer is not None
    # Another console stored a newer version of the order, with one line fewer.
    with engine.begin() as conn:
        conn.execute(update(m.Order.__table__).where(m.Order.id == order_id)
                     .values(remote_updated_at=newer + timedelta(days=1)))
        first_line = conn.execute(select(m.OrderLine.id).where(m.OrderLine.order_id == order_id)
                                  .order_by(m.OrderLine.id).limit(1)).scalar_one()
        conn.execute(delete(m.OrderLine.__table__).where(m.OrderLine.id == first_line))
        conn.execute(update(m.SyncState.__table__).values(cursor=None))
    with own_sandbox.client() as client:  # this sync's pages carry the older version
        assert SyncEngine(client, engine, page_limit=100).sync(("orders",)).ok
    with Session(engine) as s:
        kept = s.scalar(select(func.count()).select_from(m.OrderLine)
                        .where(m.OrderLine.order_id == order_id))
        stored = s.scalar(select(m.Order.remote_updated_at).where(m.Order.id == order_id))
    assert stored == newer + timedelta(days=1)
    assert kept == (lines or 0) - 1


def _cursor(engine: Engine, collection: str) -> str | None:
    with Session(engine) as s:
        return s.scalar(select(m.SyncState.cursor).where(m.SyncState.collection == collection))


def test_a_cursor_never_moves_backwards(own_sandbox: Sandbox, tmp_path: Path) -> None:
    """§2 sync (SQLite: the window beside a CLI): a second sync finishes while the first is
    between pages; the first's next page must not put the cursor back to where it was."""
    url = f"sqlite:///{tmp_path / 'cache.sqlite3'}"
    first_engine, second_engine = db.open_cache(url), db.open_cache(url)
    try:
        finished: list[str | None] = []
        later: list[str | None] = []

        def between_pages(p: Progress) -> None:
            if p.finished:
                return
            if finished:  # the first sync wrote another page after the second one finished
                later.append(_cursor(first_engine, "orders"))
                return
            with own_sandbox.client() as client:
                assert SyncEngine(client, second_engine, page_limit=50).sync(("orders",)).ok
            finished.append(_cursor(second_engine, "orders"))

        with own_sandbox.client() as client:
            report = SyncEngine(client, first_engine, page_limit=50, progress=between_pages,
                                use_helper_process=False).sync(("orders",))
        assert report.ok and finished
        assert all(c == finished[0] for c in later), "the cursor went back"
        assert _cursor(first_engine, "orders") == finished[0]
        with own_sandbox.client() as client:  # nothing is left to fetch
            again = SyncEngine(client, first_engine, page_limit=50).sync(("orders",))
        assert again.collections[0].inserted == 0
    finally:
        first_engine.dispose()
        second_engine.dispose()


def test_one_sync_per_collection_at_a_time_across_the_team(
        own_sandbox: Sandbox, pg_url: str, caplog: pytest.LogCaptureFixture) -> None:
    """§2 sync on PostgreSQL: a second console's sync of a collection waits for the first (the
    collection's advisory lock), then goes on from the cursor the first reached."""
    first_engine, second_engine = db.open_cache(pg_url), db.open_cache(pg_url)
    events: list[str] = []
    waiting = threading.Event()

    class Seen(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "waiting for another console's sync" in record.getMessage():
                waiting.set()

    seen = Seen()
    logging.getLogger("seller_console.sync").addHandler(seen)
    caplog.set_level(logging.INFO, "seller_console.sync")
    second_report: list[Any] = []

    def second() -> None:
        with own_sandbox.client() as client:
            second_report.append(SyncEngine(
                client, second_engine, page_limit=50,
                progress=lambda p: events.append(f"second{'-end' if p.finished else ''}"),
            ).sync(("orders",)))

    thread = threading.Thread(target=second)

    def first_progress(p: Progress) -> None:
        events.append(f"first{'-end' if p.finished else ''}")
        if not thread.is_alive() and not second_report and events.count("first") == 1:
            thread.start()
            assert waiting.wait(30), "the second sync should wait for the first"

    try:
        with own_sandbox.client() as client:
            report = SyncEngine(client, first_engine, page_limit=50,
                                progress=first_progress).sync(("orders",))
        thread.join(120)
        assert report.ok and second_report and second_report[0].ok
        assert events.index("first-end") < events.index("second-end")
        assert "second" not in events[: events.index("first-end")]
        assert second_report[0].collections[0].inserted == 0
    finally:
        logging.getLogger("seller_console.sync").removeHandler(seen)
        first_engine.dispose()
        second_engine.dispose()
