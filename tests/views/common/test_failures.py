"""The one failure vocabulary of the window (app/views/common/failures.py): every code has its
words, in English and in Chinese, and each failure reads as it did before there was one place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.config.profiles import InvalidEndpoint as InvalidProfileEndpoint
from app.errors import ConsoleError
from app.models.db import CacheCorrupt, CacheError
from app.services import verdicts
from app.services.demands import actions as dm
from app.services.invoices.drafts import DraftError
from app.services.invoices.render import RenderError
from app.services.marketplace.client import (
    AuthenticationError,
    Cancelled,
    InvalidEndpoint,
    MarketplaceError,
    RequestRefused,
    TooManyFaults,
    Unreachable,
)
from app.services.marketplace.credentials import CredentialsError, KeychainUnavailable
from app.services.outbox.queue import OutboxError
from app.services.supervision import actions as sv
from app.views.common import failures
from app.views.demands.view import reason_text
from app.views.i18n import Translations
from app.views.supervision import labels
from app.views.sync_controller import FailureKind, classify_failure

#: Each error class and the stable code it carries.
CODES = {
    MarketplaceError: "marketplace",
    InvalidEndpoint: "endpoint",
    AuthenticationError: "authentication",
    RequestRefused: "refused",
    Unreachable: "unreachable",
    TooManyFaults: "faults",
    Cancelled: "cancelled",
    CredentialsError: "credentials",
    KeychainUnavailable: "keychain",
    CacheError: "cache",
    CacheCorrupt: "cache_damaged",
    OutboxError: "outbox",
    DraftError: "draft",
    RenderError: "render",
    sv.ActionError: "action_refused",
    dm.DemandError: "action_refused",
}


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translations = Translations()
    assert translations.apply("zh_CN") == "zh_CN"
    yield
    translations.apply("en")


def test_every_error_class_carries_its_code_and_stays_what_it_was() -> None:
    for cls, code in CODES.items():
        exc = cls("An English sentence.")
        assert isinstance(exc, ConsoleError)
        assert exc.failure_code == code, cls
        assert failures.failure_code(exc) == code
        assert str(exc) == "An English sentence."
    assert isinstance(KeychainUnavailable("x"), CredentialsError)
    assert isinstance(CacheCorrupt("x"), CacheError)
    assert failures.failure_code(InvalidProfileEndpoint("bad")) == "endpoint"
    assert failures.failure_code(ValueError("x")) == "unexpected"


def test_every_sync_code_has_its_headline_in_english(qapp: QApplication) -> None:
    texts = {code: failures.headline(code) for code in (*failures.HEADLINE_CODES, "unexpected")}
    assert len(set(texts.values())) == len(texts)  # each its own sentence
    assert texts["unreachable"].startswith("The marketplace cannot be reached.")
    for kind in FailureKind:
        assert failures.headline(kind) == texts[kind.value]
    # A code without words of its own reads as the unexpected problem, as before.
    assert failures.headline("outbox") == texts["unexpected"]


def test_every_code_translated_today_is_chinese(chinese: None) -> None:
    for code in (*failures.HEADLINE_CODES, "unexpected"):
        text = failures.headline(code)
        assert not text.startswith("The "), (code, text)
    for area in ("supervision", "demands"):
        text = failures.queue_failure_text(ValueError("x"), area)  # type: ignore[arg-type]
        assert text.endswith("x") and "could not" not in text, (area, text)
    assert "could not" not in failures.work_failure_text(OSError("disk"))
    for code in sv.REASONS:
        assert labels.reason(code, "English", "商家实施服务") != labels.REASONS[code], code
    for code, english in dm.REASONS.items():
        assert reason_text(code) not in (english, code), code


def test_the_message_line_words_of_a_failure(qapp: QApplication) -> None:
    assert failures.failure_text(Unreachable("No answer.")) == "No answer."
    assert failures.failure_text(KeyError()) == "KeyError"
    assert failures.technical_detail(Unreachable("No answer.")) == "No answer."
    assert failures.technical_detail(ValueError("bad value")) == "ValueError: bad value"
    assert failures.technical_detail(ValueError()) == "ValueError"
    assert failures.technical_detail(OutboxError("nope")) == "OutboxError: nope"


def test_classify_failure_by_code(qapp: QApplication) -> None:
    cases = {
        AuthenticationError("a"): FailureKind.AUTHENTICATION,
        Unreachable("a"): FailureKind.UNREACHABLE,
        TooManyFaults("a"): FailureKind.FAULTS,
        RequestRefused("a"): FailureKind.REFUSED,
        InvalidEndpoint("a"): FailureKind.ENDPOINT,
        InvalidProfileEndpoint("a"): FailureKind.ENDPOINT,
        KeychainUnavailable("a"): FailureKind.KEYCHAIN,
        CredentialsError("a"): FailureKind.CREDENTIALS,
        CacheCorrupt("a"): FailureKind.CACHE,
        MarketplaceError("a"): FailureKind.UNEXPECTED,
        RuntimeError("boom"): FailureKind.UNEXPECTED,
    }
    for exc, kind in cases.items():
        assert classify_failure(exc).kind is kind, exc
    assert classify_failure(RuntimeError("boom")).details == "RuntimeError: boom"
    assert classify_failure(Unreachable("")).details == "Unreachable"


def test_queue_and_work_failures(qapp: QApplication, caplog: pytest.LogCaptureFixture) -> None:
    refusal = sv.ActionError("Not possible here.")
    assert failures.queue_failure_text(refusal, "supervision") == "Not possible here."
    assert failures.queue_failure_text(dm.DemandError("No."), "demands") == "No."
    assert failures.queue_failure_text(LookupError("gone"), "supervision") == "gone"
    assert (failures.queue_failure_text(ValueError(), "supervision")
            == "The action could not be queued: ValueError")
    assert failures.work_failure_text(DraftError("No draft.")) == "No draft."
    assert failures.work_failure_text(OSError("disk full")) == (
        "The file could not be written: disk full")
    assert failures.work_failure_text(ZeroDivisionError("x")) == (
        "Something went wrong (ZeroDivisionError). The details are in the log.")
    assert "invoice work failed unexpectedly" in caplog.text


def test_one_verdict_for_both_areas() -> None:
    verdict = verdicts.refused(sv.SellerAction.DELIVER, "not_at_node", sv.REASONS, node="X")
    assert verdict == sv.Availability(sv.SellerAction.DELIVER, False, "not_at_node",
                                      "Not possible at the current node (X).",
                                      params={"node": "X"})
    error = verdicts.refusal(verdict, sv.ActionError)
    assert (str(error), error.failure_code, error.params) == (verdict.reason, "not_at_node",
                                                              {"node": "X"})
    demand = verdicts.refused(dm.DemandAction.CLOSE, "partner_close", dm.REASONS)
    assert isinstance(demand, verdicts.Availability) and demand.reason == dm.REASONS[
        "partner_close"]
    assert verdicts.allowed(dm.DemandAction.ACCEPT).allowed


def test_issue15_s1_each_cache_failure_says_what_happened_and_what_to_do(qapp: QApplication) -> None:
    from app.models import db

    where = {"where": "/home/u/cache.sqlite3"}
    locked = failures.cache_failure_text(db.CacheLocked("x", params=where))
    assert "locked" in locked and where["where"] in locked and "damaged" not in locked
    perm = failures.cache_failure_text(db.CachePermission("x", params=where))
    assert "cannot be written" in perm and "damaged" not in perm
    full = failures.cache_failure_text(db.CacheDiskFull("x", params=where))
    assert "full" in full and "free some space" in full
    down = failures.cache_failure_text(db.CacheServerDown("x", params={"where": "db/cache"}))
    assert "PostgreSQL" in down
    damaged = failures.cache_failure_text(db.CacheCorrupt("x", params=where))
    assert "damaged" in damaged and "saves everything you made" in damaged
    for exc in (db.CacheLocked("x"), db.CacheDiskFull("x")):
        assert failures.headline_code(exc) == "cache"
