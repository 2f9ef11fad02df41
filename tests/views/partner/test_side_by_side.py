"""A seller profile and a partner profile side by side (issue 16 §3): Profile > Open in New Window
opens the partner profile in a second window of the same console, each window with its own cache,
sync and outbox, over a real sandbox marketplace; one window per profile still holds, and the
window lock names both caches for the command line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import keyring
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app.config.paths import AppPaths
from app.config.profiles import Profile, ProfileStore
from app.config.settings import SettingsStore
from app.models.outbox import DONE
from app.models.partner import ExclusiveOffer
from app.sandbox.data.catalog import SELF_PARTNER_ID
from app.services.instance import WindowLock, window_holding
from app.services.marketplace.client import RetryPolicy
from app.services.marketplace.credentials import CredentialStore
from app.services.offers import actions as oa
from app.services.offers import rules
from app.services.outbox.factory import make_outbox
from app.views.app import create_application, window_state
from app.views.i18n import Translations
from app.views.windows import ConsoleWindow, ConsoleWindows
from app.views.workspace import SANDBOX_FOLDER, EmbeddedSandbox, Target
from tests.sandbox_fixtures import Sandbox, own_sandbox

__all__ = ["own_sandbox"]
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.gui

FAST_RETRY = RetryPolicy(max_attempts=2, base_delay_s=0.01, max_delay_s=0.05, max_retry_after_s=0.1)
WAIT_MS = 90_000
SERVICE = "koogallery-seller-console"


@pytest.fixture
def windows(qtbot: QtBot, own_sandbox: Sandbox) -> Iterator[ConsoleWindows]:
    """A console over an in-memory keychain with a seller and a partner profile of the sandbox."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    create_application()
    paths = AppPaths.from_env()
    paths.ensure()
    store = ProfileStore(paths)
    for name, role in (("华为 商店", "seller"), ("伙伴 中心", "partner")):
        store.add(Profile(name=name, endpoint=own_sandbox.url, access_key=own_sandbox.access_key,
                          role=role))  # type: ignore[arg-type]
        backend.set_password(SERVICE, name, own_sandbox.secret_key)
    settings = SettingsStore(paths)
    settings.update(last_profile="华为 商店")
    made = ConsoleWindows(paths, store, CredentialStore(backend), settings, Translations(),
                          EmbeddedSandbox(paths.data_dir / SANDBOX_FOLDER, orders=100),
                          lambda: window_state(paths), retry=FAST_RETRY)
    try:
        yield made
    finally:
        for w in list(made.windows):
            w.window.close()
        made.shutdown()
        keyring.set_keyring(previous)


def synced(qtbot: QtBot, *consoles: ConsoleWindow) -> None:
    for c in consoles:
        qtbot.waitUntil(lambda c=c: c.workspace.engine is not None, timeout=WAIT_MS)
    with qtbot.waitSignals([c.sync.finished for c in consoles], timeout=WAIT_MS) as blocker:
        for c in consoles:
            assert c.sync.sync()
    for signal in blocker.all_signals_and_args:
        assert signal.args[0].ok, signal.args[0].failure


def open_beside(qtbot: QtBot, windows: ConsoleWindows, first: ConsoleWindow,
                name: str) -> ConsoleWindow:
    """Profile > Open in New Window > ``name`` in ``first``'s menu."""
    first.window.new_window_menu.aboutToShow.emit()
    key = Target(windows.profiles.get(name)).key
    action = next(a for a in first.window.new_window_menu.actions()
                  if a.objectName() == f"newWindow:{key}")
    with qtbot.waitSignal(windows.opened, timeout=WAIT_MS) as blocker:
        action.trigger()
    made = blocker.args[0]
    assert isinstance(made, ConsoleWindow)
    return made


def test_issue16_s3_seller_and_partner_profiles_side_by_side(
        qtbot: QtBot, windows: ConsoleWindows, own_sandbox: Sandbox, tmp_path: Path) -> None:
    lock = WindowLock(windows.paths.data_dir)
    assert lock.acquire()
    windows.cachesChanged.connect(lock.record_all)
    try:
        seller = windows.open()
        assert seller.workspace.target is not None and seller.workspace.target.role == "seller"
        seller.window.new_window_menu.aboutToShow.emit()
        menu_names = {a.text() for a in seller.window.new_window_menu.actions()}
        assert "伙伴 中心" in menu_names and "华为 商店" not in menu_names  # not its own profile
        partner = open_beside(qtbot, windows, seller, "伙伴 中心")
        assert len(windows.windows) == 2 and partner.window.isVisible()
        assert partner.workspace.target is not None
        assert partner.workspace.target.role == "partner"
        assert partner.bridge is not seller.bridge and partner.sync is not seller.sync
        synced(qtbot, seller, partner)

        # Each window its own cache; the Partner area is listed in the partner window only.
        assert seller.workspace.engine is not None and partner.workspace.engine is not None
        assert str(seller.workspace.engine.url) != str(partner.workspace.engine.url)
        partner_row = seller.window.areas.row("partner")
        assert seller.window.nav.item(partner_row).isHidden()
        assert not partner.window.nav.item(partner_row).isHidden()
        # The window lock names both caches: the command line leaves their sending to the windows.
        for c in (seller, partner):
            assert window_holding(windows.paths.data_dir, str(c.workspace.engine.url)) is not None

        # An offer applied in the partner window goes through the partner window's outbox only,
        # is sent by it and lands, after its sync, in the partner's cache only.
        world = own_sandbox.server.data.world
        product = next(p for p in world.products if p.product_class == "联营")
        account = next(c.account for c in world.customers if c.partner_id != SELF_PARTNER_ID)
        # The window's outbox checks against the wall clock, the sandbox against its own.
        now = max(datetime.now(UTC),
                  datetime.fromisoformat(own_sandbox.admin("GET", "clock")["now"]))
        request = oa.OfferRequest("自拓优惠-并排", account, now + timedelta(days=1),
                                  now + timedelta(days=60),
                                  (oa.OfferLine(product.product_id, product.name,
                                                Decimal("0.9")),))
        outbox = make_outbox(partner.workspace.engine, windows.paths)
        entry = oa.queue_apply(outbox, request)
        assert make_outbox(seller.workspace.engine, windows.paths).open_for(
            "offer", entry.target_id) == []
        partner.bridge.announce({"outbox"})
        qtbot.waitUntil(lambda: outbox.get(entry.id).state == DONE, timeout=WAIT_MS)
        offer_id = (outbox.get(entry.id).response or {})["offerId"]

        def in_cache(c: ConsoleWindow) -> ExclusiveOffer | None:
            assert c.workspace.engine is not None
            with Session(c.workspace.engine) as s:
                return s.get(ExclusiveOffer, offer_id)

        qtbot.waitUntil(lambda: in_cache(partner) is not None, timeout=WAIT_MS)
        found = in_cache(partner)
        assert found is not None and found.status == rules.EFFECTIVE
        assert in_cache(seller) is None

        # One window per profile: choosing the partner profile in the seller window brings the
        # partner window forward; the seller window stays on its profile.
        seller.workspace.open(partner.workspace.target)
        assert seller.workspace.target is not None and seller.workspace.target.role == "seller"
        assert windows.open(partner.workspace.target) is partner and len(windows.windows) == 2

        # Closing the partner window leaves the seller window working.
        with qtbot.waitSignal(windows.cachesChanged, timeout=WAIT_MS):
            partner.window.close()
        assert windows.windows == [seller] and seller.workspace.engine is not None
        assert windows.caches() == [str(seller.workspace.engine.url)]
        synced(qtbot, seller)
    finally:
        lock.release()
