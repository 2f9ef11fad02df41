"""Drills of issue 15 §4: a full disk, a read-only cache, a locked cache and a corrupt page.

Each drill starts from a cache synced from the sandbox over real HTTP in which a person has made
everything the console cannot get back from the marketplace: a queued action with its file (the
outbox, not sent), an invoice draft, the company profile, an import and the journal. Then the
failure is made real (a small tmpfs filled up, a file left root-owned and opened as ``nobody``, an
exclusive SQLite lock held by another process, a page overwritten on disk) and the real console is
driven through it: the command line (``python -m app``, as a user runs it), the services and the
window's workspace offscreen. Each drill asserts that the console says what happened in words
(one line, no traceback) and that nothing the user made is lost.

The disk-full drill mounts a tmpfs and the read-only drill switches to the user ``nobody``: both
need root. ``.ci/run`` runs as root and sets ``SELLER_CONSOLE_REQUIRE_ROOT_DRILLS=1``, which turns
their skip (with its reason) into a failure there.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import app.models as m
from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.models import db
from app.services import cache_rescue
from app.services.exchange import import_files as imf
from app.services.exchange import imports
from app.services.exchange.import_files import FileKind
from app.services.invoices import drafts as invoice_drafts
from app.services.marketplace.credentials import CredentialStore
from app.services.outbox import journal
from app.services.outbox.action_kinds import register_action_kinds
from app.services.outbox.factory import make_outbox
from app.services.outbox.queue import QueuedFile
from app.services.sync.engine import ALL_COLLECTIONS, SyncEngine
from app.views.bridge import Bridge
from app.views.workspace import Target, Workspace
from tests.cli.run import ROOT, run_cli
from tests.sandbox_fixtures import running_sandbox
from tests.support.invoice_data import COMPANY

REQUIRE_ROOT = "SELLER_CONSOLE_REQUIRE_ROOT_DRILLS"
WAIT_MS = 30000
NOW = datetime(2026, 11, 28, 8, tzinfo=UTC)


def _needs_root(what: str) -> None:
    """Skip with the reason when not root; a failure where the run requires these drills."""
    if os.geteuid() == 0:
        return
    reason = f"{what} needs root (a tmpfs mount / switching to the user nobody); .ci/run runs it"
    if os.environ.get(REQUIRE_ROOT) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_ROOT}=1 requires it")
    pytest.skip(reason)


# -- a cache with everything a person made ----------------------------------------------------------


@pytest.fixture(scope="module")
def synced_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache synced from a sandbox whose clock has moved on so invoice notices wait."""
    register_action_kinds()
    with running_sandbox(tmp_path_factory.mktemp("sandbox"), 60) as sb:
        sb.admin("POST", "advance", {"hours": 24 * 6})
        path = tmp_path_factory.mktemp("synced") / "shop.sqlite3"
        engine = db.open_cache(f"sqlite:///{path}")
        with sb.client() as client:
            assert SyncEngine(client, engine, page_limit=200).sync(ALL_COLLECTIONS).ok
        with engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
    return path


def _paths(home: Path) -> AppPaths:
    return AppPaths.under(home)


def _make_everything(url: str, paths: AppPaths, work: Path) -> None:
    """What only the user has: a queued delivery with a 256 KiB file (not sent), a second queued
    action, an invoice draft, the company profile, an import of two orders and their journal."""
    engine = db.open_cache(url)
    try:
        letter = work / "acceptance.pdf"
        letter.write_bytes(b"%PDF-1.4 acceptance " + os.urandom(256 * 1024))
        outbox = make_outbox(engine, paths)
        with Session(engine) as session:
            task = session.scalars(select(m.SupervisionTask.id).order_by(m.SupervisionTask.id)
                                   ).first()
        assert task is not None
        outbox.enqueue("supervision.deliver", task, {"note": "交付 delivered"},
                       files=[QueuedFile(letter, "acceptance")], summary=f"deliver {task}")
        outbox.enqueue("supervision.confirm", task, {}, summary=f"confirm {task}")
        with Session(engine) as session, session.begin():
            invoice_drafts.save_company(session, COMPANY)
            notice_id = next(n.id for n in session.scalars(
                select(m.InvoiceNotice).order_by(m.InvoiceNotice.id)) if n.form == "cn")
            created, _ = invoice_drafts.create_drafts(session, notice_id)
            invoice_drafts.save_draft(session, replace(created[0], invoice_no="44000001",
                                                       courier_no="SF100001"))
        orders = work / "orders.csv"
        orders.write_text(
            "订单号,客户名称,用户名,商品名称,订单状态,订单类型,订单金额(元),币种,创建时间\n"
            "IMP-1,杭州测试科技有限公司,hzcs01,云栖协同办公OA,已完成,NEW,\"1,234.50\",CNY,"
            "2026-11-02 10:30:00\n"
            "IMP-2,杭州测试科技有限公司,hzcs01,云栖协同办公OA,已完成,NEW,88.00,CNY,"
            "2026-11-03 10:30:00\n", encoding="utf-8-sig")
        mapping = imf.guess_mapping(FileKind.ORDERS, orders.read_text("utf-8-sig")
                                    .splitlines()[0].split(","))
        imports.run_import(engine, orders, FileKind.ORDERS, mapping, now=NOW)
    finally:
        engine.dispose()


def _made(url: str) -> dict[str, Any]:
    """What the user made, as a comparable snapshot: rows per table (the outbox and drafts by
    content), the journal's head, and each queued file's bytes by hash."""
    engine = db.open_cache(url)
    try:
        with engine.connect() as conn:
            counts = {t: conn.execute(select(func.count()).select_from(
                m.Base.metadata.tables[t])).scalar_one() for t in cache_rescue.USER_TABLES}
            outbox = sorted((r.kind, r.target_id, r.state, r.key) for r in conn.execute(
                select(m.OutboxEntry.__table__)))
            drafts = sorted((r.id, r.invoice_no, r.courier_no) for r in conn.execute(
                select(m.InvoiceDraft.__table__)))
            shas = sorted(conn.execute(select(m.OutboxFile.sha256)).scalars())
        check = journal.verify(engine)
    finally:
        engine.dispose()
    assert check.ok, check.problem
    assert counts["outbox_entries"] == 2 and counts["invoice_drafts"] >= 1
    assert counts["company_profile"] == 1 and counts["import_batches"] == 1 and shas
    return {"counts": counts, "outbox": outbox, "drafts": drafts, "shas": shas,
            "head": (check.head_seq, check.head_hash)}


def _files_intact(url: str, shas: list[str]) -> None:
    root = Path(url.removeprefix("sqlite:///") + ".files")
    for sha in shas:
        stored = root / sha[:2] / sha
        assert stored.exists(), f"the queued file {sha} is gone"
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha


@pytest.fixture
def shop(synced_file: Path, tmp_path: Path) -> Iterator[tuple[str, AppPaths, dict[str, Any]]]:
    """A copy of the synced cache (in ``tmp_path/shop``) with everything the user made."""
    folder = tmp_path / "shop"
    folder.mkdir()
    path = folder / "shop.sqlite3"
    shutil.copy(synced_file, path)
    url = f"sqlite:///{path}"
    paths = _paths(tmp_path / "home")
    _make_everything(url, paths, tmp_path)
    yield url, paths, _made(url)


def _env(tmp_path: Path) -> dict[str, str]:
    """The command line in English (``--lang zh_CN`` where a drill asks for Chinese)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    return {**env, "SELLER_CONSOLE_HOME": str(tmp_path / "home"),
            "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


# -- disk full ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                   check=True, capture_output=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def _fill(folder: Path) -> Path:
    """Fill the file system of ``folder`` to the last byte; the filler file's path."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        for chunk in (b"\0" * 65536, b"\0" * 512, b"\0"):
            with contextlib.suppress(OSError):
                while os.write(fd, chunk):
                    pass
    finally:
        os.close(fd)
    return filler


def test_drill_disk_full_says_so_and_loses_nothing(shop: tuple[str, AppPaths, dict[str, Any]],
                                                   tmp_path: Path) -> None:
    """§4 disk full: the cache on a small tmpfs that fills up while the console works."""
    _needs_root("the disk-full drill")
    url, paths, before = shop
    source = Path(url.removeprefix("sqlite:///"))
    size = sum(f.stat().st_size for f in source.parent.rglob("*") if f.is_file())
    with _tmpfs(tmp_path / "disk", f"{size // 1024 + 2048}k") as disk:
        shutil.copytree(source.parent, disk / "shop")
        full_url = f"sqlite:///{disk / 'shop' / source.name}"
        engine = db.open_cache(full_url)  # the window has the cache open when the disk fills
        filler = _fill(disk)
        env = _env(tmp_path)

        # the command line: a write that needs room ends in one line, exit 6
        seal = tmp_path / "seal.png"
        seal.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(512 * 1024))
        done = run_cli("company", "set", "--name", "新名字", "--seal", str(seal), "--db",
                       full_url, env=env)
        line = _one_line(done)
        assert done.returncode == 6, done.stderr
        assert "full" in line and "free some space" in line and "damaged" not in line
        zh = run_cli("company", "set", "--name", "新名字", "--seal", str(seal), "--db",
                     full_url, "--lang", "zh_CN", env=env)
        assert zh.returncode == 6 and "已满" in _one_line(zh)

        # the services: queuing another action with a file is refused in words, nothing queued
        try:
            big = tmp_path / "big.pdf"
            big.write_bytes(os.urandom(1024 * 1024))
            with pytest.raises(Exception) as refused:
                make_outbox(engine, paths).enqueue(
                    "supervision.deliver", "T-full", {"note": "x"},
                    files=[QueuedFile(big, "acceptance")])
            said = db.classify_failure(full_url, refused.value)
            assert type(said) is db.CacheDiskFull and "full" in str(said)
        finally:
            engine.dispose()
        assert db.quick_check(disk / "shop" / source.name) is None  # full is not damaged

        filler.unlink()  # space again: everything is there and the console goes on
        assert _made(full_url) == before
        _files_intact(full_url, before["shas"])
        again = run_cli("company", "set", "--name", "新名字", "--db", full_url, env=env)
        assert again.returncode == 0, again.stderr


# -- read-only ---------------------------------------------------------------------------------------


def _as_nobody(public: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = _env(public)
    env["SELLER_CONSOLE_HOME"] = str(public / "nobody-home")
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                           sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240, check=False)


def test_drill_read_only_cache_says_so_and_loses_nothing(
        shop: tuple[str, AppPaths, dict[str, Any]], request: pytest.FixtureRequest) -> None:
    """§4 read-only: a cache left root-owned (a ``sudo`` sync), used by an ordinary user."""
    _needs_root("the read-only drill")
    url, _paths_, before = shop
    # pytest's own folders are private to root: the root-owned cache goes where nobody can see it
    public = Path(tempfile.mkdtemp(prefix="drill-ro-"))
    request.addfinalizer(lambda: shutil.rmtree(public, ignore_errors=True))
    os.chmod(public, 0o755)
    shutil.move(Path(url.removeprefix("sqlite:///")).parent, public / "shop")
    path = public / "shop" / Path(url.removeprefix("sqlite:///")).name
    url = f"sqlite:///{path}"
    (public / "nobody-home").mkdir(mode=0o777)
    os.chmod(public / "nobody-home", 0o777)
    for p in path.parent.rglob("*"):
        os.chmod(p, 0o755 if p.is_dir() else 0o644)
    os.chmod(path.parent, 0o755)
    for args in (("company", "set", "--name", "x"), ("outbox", "list"), ("cache", "check")):
        done = _as_nobody(public, *args, "--db", url)
        line = _one_line(done)
        assert done.returncode == 6, done.stderr
        assert "cannot be written by this user" in line and "damaged" not in line
    fresh = _as_nobody(public, "cache", "fresh", "--db", url)
    assert fresh.returncode in (2, 6) and "damaged" not in _one_line(fresh).replace(
        "not damaged", "")
    assert path.exists() and not list(path.parent.glob("*.damaged.*"))
    assert _made(url) == before
    _files_intact(url, before["shas"])


def test_drill_read_only_folder_in_the_window_offers_try_again_only(
        qtbot: QtBot, tmp_path: Path, synced_file: Path) -> None:
    """§4 read-only in the window: the profile's cache folder is a read-only mount (a read-only
    bind mount of itself); the workspace says the cache cannot be written and never offers a
    fresh cache."""
    _needs_root("the read-only window drill")
    bridge = Bridge()
    paths = _paths(tmp_path / "home")
    profile = Profile("shop", "https://marketplace.example.com", "AK123")
    ProfileStore(paths).add(profile)
    ws = Workspace(paths, ProfileStore(paths), CredentialStore(), SettingsStore(paths), bridge)
    target = Target(profile)
    path = Path(ws.cache_url(target).removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(synced_file, path)
    _make_everything(f"sqlite:///{path}", paths, tmp_path)
    before = _made(f"sqlite:///{path}")
    subprocess.run(["mount", "--bind", str(path.parent), str(path.parent)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(path.parent)], check=True)
        with qtbot.waitSignal(ws.cacheFailed, timeout=WAIT_MS) as failed:
            ws.open(target)
        message, can_start_fresh = failed.args
        assert not can_start_fresh
        assert "cannot be written" in message and "damaged" not in message
    finally:
        bridge.wait_idle()
        subprocess.run(["umount", "-l", str(path.parent)], check=False)
    assert _made(f"sqlite:///{path}") == before


# -- locked ------------------------------------------------------------------------------------------


_HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode=DELETE")
conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("CREATE TABLE held (x)")
print("held", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


@contextlib.contextmanager
def _held(path: Path) -> Iterator[None]:
    """Another program (a process of its own) holding an exclusive lock on the cache."""
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(30)
        holder.stdout.close()


def test_drill_locked_cache_says_so_and_loses_nothing(
        shop: tuple[str, AppPaths, dict[str, Any]], tmp_path: Path, qtbot: QtBot) -> None:
    """§4 locked: another program holds the cache; the command line and the window say it is
    locked (after the busy timeout), never damaged, and go on once it lets go."""
    url, _paths_, before = shop
    path = Path(url.removeprefix("sqlite:///"))
    env = _env(tmp_path)
    with _held(path):
        for args in (("company", "set", "--name", "x"), ("cache", "check")):
            done = run_cli(*args, "--db", url, env=env)
            line = _one_line(done)
            assert done.returncode == 6, done.stderr
            assert "locked by another program" in line and "damaged" not in line
        fresh = run_cli("cache", "fresh", "--db", url, env=env)
        assert fresh.returncode != 0 and "locked" in _one_line(fresh)

        bridge = Bridge()
        paths = _paths(tmp_path / "home-window")
        profile = Profile("shop", "https://marketplace.example.com", "AK123", db_url=url)
        ProfileStore(paths).add(profile)
        ws = Workspace(paths, ProfileStore(paths), CredentialStore(), SettingsStore(paths),
                       bridge)
        try:
            with qtbot.waitSignal(ws.cacheFailed, timeout=WAIT_MS) as failed:
                ws.open(Target(profile))
            message, can_start_fresh = failed.args
            assert not can_start_fresh and "locked" in message and "damaged" not in message
        finally:
            bridge.wait_idle()
    assert not list(path.parent.glob("*.damaged.*"))
    assert _made(url) == before
    listed = run_cli("outbox", "list", "--db", url, env=env)
    assert listed.returncode == 0 and "deliver" in listed.stdout


# -- a corrupt page ----------------------------------------------------------------------------------


def _break_page(path: Path, table: str) -> None:
    """Overwrite the root page of a synced table: a bad sector deep in the file."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as f:
        f.seek((root - 1) * size)
        f.write(b"\xa5" * size)


def test_drill_corrupt_page_is_rescued_and_nothing_is_lost(
        shop: tuple[str, AppPaths, dict[str, Any]], tmp_path: Path) -> None:
    """§4 corrupt page: a page of the file overwritten. ``cache check`` says damaged (in both
    languages); ``cache fresh`` saves everything the user made, keeps the damaged file aside and
    brings it all into the new cache: the same outbox (files included), drafts, company, import
    and journal (its chain verifies with the same head)."""
    url, _paths_, before = shop
    path = Path(url.removeprefix("sqlite:///"))
    _break_page(path, "alembic_version")
    env = _env(tmp_path)
    check = run_cli("cache", "check", "--db", url, env=env)
    assert check.returncode == 6 and "damaged" in _one_line(check)
    zh = run_cli("cache", "check", "--db", url, "--lang", "zh_CN", env=env)
    assert zh.returncode == 6 and "损坏" in _one_line(zh)
    listing = run_cli("outbox", "list", "--db", url, env=env)
    assert listing.returncode == 6 and "cache fresh" in _one_line(listing)

    fresh = run_cli("cache", "fresh", "--db", url, "--to", str(tmp_path / "rescued"), env=env)
    assert fresh.returncode == 0, fresh.stderr
    assert "kept as" in fresh.stdout and "Traceback" not in fresh.stderr
    assert list(path.parent.glob("*.damaged.*")), "the damaged file is kept"
    after = _made(url)
    assert after == before
    _files_intact(url, before["shas"])
    assert len(list((tmp_path / "rescued").rglob("manifest.json"))) == 1


def test_drill_bad_page_met_while_working_is_said_not_shown_as_blank(
        shop: tuple[str, AppPaths, dict[str, Any]], tmp_path: Path) -> None:
    """§4 corrupt page found later: the cache opens (the damage is in the orders' table), the
    command that reads the damaged rows says so in one line, and the rescue still saves all the
    user made, the imported orders on the broken page included (rebuilt from the import's
    record of what it wrote; before, they were counted as unreadable and lost)."""
    url, _paths_, before = shop
    path = Path(url.removeprefix("sqlite:///"))
    _break_page(path, "orders")
    env = _env(tmp_path)
    out = tmp_path / "orders.csv"
    done = run_cli("export", "orders", "--format", "csv", "--out", str(out), "--db", url, env=env)
    assert done.returncode == 6, done.stdout + done.stderr
    assert "damaged" in _one_line(done)
    rescued = cache_rescue.rescue(url, tmp_path / "r", Path(str(path) + ".files"))
    assert rescued.complete, rescued.unreadable
    assert {t: rescued.rows.get(t, 0) for t in cache_rescue.USER_TABLES} == before["counts"]
    # the two imported orders sat on the broken page: rebuilt from what the import wrote
    assert rescued.rebuilt == {"orders": 2}
    other = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    engine = db.open_cache(other)
    try:
        cache_rescue.restore(tmp_path / "r", engine)
        with engine.connect() as conn:
            amounts = dict(conn.execute(select(m.Order.id, m.Order.total_amount)
                                        .where(m.Order.id.in_(["IMP-1", "IMP-2"]))).all())
    finally:
        engine.dispose()
    assert amounts == {"IMP-1": Decimal("1234.50"), "IMP-2": Decimal("88.00")}
