"""app.services.logs: named loggers, the rotating log file, and the masking of secrets."""

from __future__ import annotations

import json
import logging
import logging.handlers
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.config.paths import AppPaths
from app.services import logs
from app.services.logs import (
    MASK,
    SecretMaskingFilter,
    SecretRegistry,
    get_logger,
    mask_secrets,
    register_secret,
    setup_logging,
)
from app.services.marketplace import signing

# --- names -------------------------------------------------------------------------------------


def test_one_named_logger_per_subsystem() -> None:
    assert logs.SYNC == "seller_console.sync"
    assert logs.HTTP == "seller_console.http"
    assert logs.OUTBOX == "seller_console.outbox"
    assert logs.DB == "seller_console.db"
    assert logs.SANDBOX == "seller_console.sandbox"
    assert get_logger("sync") is logging.getLogger(logs.SYNC)
    assert get_logger(logs.OUTBOX) is logging.getLogger("seller_console.outbox")
    assert all(name.startswith("seller_console.") for name in logs.SUBSYSTEMS)


# --- patterns ----------------------------------------------------------------------------------

SIG = "9b7e4d1fb05c344f83e3b7e70a7d9807077be49b08baaa9896cec5b87aeb9af4"


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        (
            f"Authorization: SDK-HMAC-SHA256 Access=AKAAAA, SignedHeaders=host, Signature={SIG}",
            ["AKAAAA", SIG, "SDK-HMAC"],
            ["Authorization: ***"],
        ),
        (
            "headers={'Host': 'h', 'Authorization': 'SDK-HMAC-SHA256 Access=AKB, Signature=ab'}",
            ["AKB", "Signature=ab"],
            ["'Host': 'h'", "'Authorization': '***'"],
        ),
        ('{"authorization": "Bearer eyJhbGc.eyJzdWIi.sig"}', ["eyJ"], ['"authorization": "***"']),
        (
            "[(b'Host', b'h'), (b'Authorization', b'SDK-HMAC-SHA256 Access=AKC, Signature=cd')]",
            ["AKC", "cd'"],
            ["(b'Host', b'h')", "(b'Authorization', b'***')"],
        ),
        ("proxy-authorization: Basic dXNlcjpwYXNz", ["dXNlcjpwYXNz"], ["proxy-authorization"]),
        ("sent Bearer abc.def-ghi to the API", ["abc.def"], ["Bearer ***", "to the API"]),
        (f"POST /x?signature={SIG}&timestamp=1680508066618", [SIG], ["timestamp=1680508066618"]),
        ("Access=AKDDDD, SignedHeaders=host;x-sdk-date", ["AKDDDD"], ["SignedHeaders=host"]),
        ("secret_key=hunter22 and more", ["hunter22"], ["secret_key=***", "and more"]),
        ("sk: hunter22", ["hunter22"], ["sk: ***"]),
        ("SK=hunter22", ["hunter22"], ["SK=***"]),
        ("SELLER_CONSOLE_SK=hunter22", ["hunter22"], ["SELLER_CONSOLE_SK=***"]),
        ('{"secretKey": "hun\\"ter22", "name": "x"}', ["hun", "ter22"], ['"name": "x"']),
        ("{'secret_key': 'hunter22'}", ["hunter22"], ["{'secret_key': '***'}"]),
        ("Credentials(secret_key='hunter22', role='seller')", ["hunter22"], ["role='seller'"]),
        ("password=hunter22&user=bob", ["hunter22"], ["user=bob"]),
        ('{"password":"p@ss w0rd"}', ["p@ss", "w0rd"], ['{"password":"***"}']),
        ("X-Auth-Token: tok-123", ["tok-123"], ["X-Auth-Token: ***"]),
        ("access_token=tok123;next", ["tok123"], [";next"]),
        ("refreshToken = 'tok 123'", ["tok 123"], ["refreshToken = '***'"]),
        ('{"signature": "abc123", "ts": 1}', ["abc123"], ['"ts": 1']),
        ("x-sign: abc123", ["abc123"], ["x-sign: ***"]),
        ("postgresql://console:hunter22@db/cache", ["hunter22"], ["console:***@db/cache"]),
    ],
)
def test_known_secret_shapes_are_masked(text: str, hidden: list[str], kept: list[str]) -> None:
    masked = mask_secrets(text)
    for secret in hidden:
        assert secret not in masked
    for part in kept:
        assert part in masked
    assert mask_secrets(masked) == masked  # idempotent


@pytest.mark.parametrize(
    "text",
    [
        "synced 1,024 orders in 3.2 s",
        "task=5 ask=3 design=7 desk=1",
        "Authorization failed for profile prod",
        "SignedHeaders=host;x-sdk-date",
        "https://api.example.com:8443/v1/orders?cursor=abc",
        "skipped 3 records; sk_count is not a key",
        "订单 CS2211181819B4LVS 已同步",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert mask_secrets(text) == text


def test_a_real_signed_request_leaves_nothing_behind() -> None:
    secret = "real-secret-key-for-signing"
    headers = signing.sign_headers(
        "GET",
        "/v1/orders",
        [("cursor", "x")],
        {"Host": "api.example.com", "Content-Type": "application/json"},
        b"",
        "AKSIGNING0001",
        secret,
        now=datetime(2026, 11, 1, tzinfo=UTC),
    )
    signature = headers["Authorization"].rsplit("Signature=", 1)[1]
    masked = mask_secrets(f"request headers: {headers!r}")
    assert signature not in masked
    assert "AKSIGNING0001" not in masked
    assert "X-Sdk-Date" in masked  # the rest of the line survives


# --- registered secrets ------------------------------------------------------------------------


def test_registered_secrets_are_masked_wherever_they_appear() -> None:
    registry = SecretRegistry()
    registry.add("Zq8/T3+vYc1Nf0")
    registry.add("Zq8/T3")  # a secret inside another: the longer one is masked whole
    text = 'in prose Zq8/T3+vYc1Nf0, url-encoded Zq8%2FT3%2BvYc1Nf0, and "Zq8/T3" alone'
    masked = mask_secrets(text, registry.values())
    assert "Zq8" not in masked
    assert masked == 'in prose ***, url-encoded ***, and "***" alone'


def test_short_or_empty_values_are_not_registered() -> None:
    registry = SecretRegistry()
    for value in ("", None, "abc"):
        registry.add(value)
    assert registry.values() == ()
    registry.add("abcd")
    assert "abcd" in registry
    registry.clear()
    assert registry.values() == ()
    assert "values" in repr(registry) and "abcd" not in repr(registry)


def test_register_secret_feeds_the_default_filter() -> None:
    secret = "process-wide-secret-4242"
    register_secret(secret)
    record = logging.LogRecord("seller_console.http", logging.INFO, __file__, 1, secret, None, None)
    SecretMaskingFilter().filter(record)
    assert record.getMessage() == MASK


# --- the filter on records ---------------------------------------------------------------------


def _record(
    msg: object, args: object = None, exc_info: object = None, stack_info: str | None = None
) -> logging.LogRecord:
    return logging.LogRecord(
        "seller_console.sync", logging.ERROR, __file__, 10, msg, args, exc_info, None, stack_info
    )


@pytest.fixture
def masking() -> SecretMaskingFilter:
    registry = SecretRegistry()
    registry.add("TOPSECRET-77")
    return SecretMaskingFilter(registry)


def test_filter_masks_arguments_and_keeps_the_record(masking: SecretMaskingFilter) -> None:
    record = _record("sending %s with %r (%d)", ("TOPSECRET-77", {"secretKey": "abc", "n": 1}, 3))
    assert masking.filter(record) is True
    assert record.args is None
    assert record.getMessage() == "sending *** with {'secretKey': '***', 'n': 1} (3)"
    assert masking.filter(record) is True  # a second handler's pass changes nothing
    assert record.getMessage() == "sending *** with {'secretKey': '***', 'n': 1} (3)"


def test_filter_masks_exception_text_and_stack(masking: SecretMaskingFilter) -> None:
    try:
        raise ValueError("keychain said TOPSECRET-77 is wrong; Signature=deadbeef")
    except ValueError:
        record = _record("failed", exc_info=sys.exc_info(), stack_info="Stack: TOPSECRET-77")
    masking.filter(record)
    assert record.exc_info is None
    assert record.exc_text is not None
    assert "ValueError: keychain said *** is wrong; Signature=***" in record.exc_text
    assert "Traceback" in record.exc_text
    assert record.stack_info == "Stack: ***"
    formatted = logging.Formatter("%(message)s").format(record)
    assert "TOPSECRET-77" not in formatted and "deadbeef" not in formatted


def test_filter_masks_an_already_formatted_exception_text(masking: SecretMaskingFilter) -> None:
    record = _record("failed")
    record.exc_text = "Traceback...\nRuntimeError: TOPSECRET-77"
    masking.filter(record)
    assert record.exc_text == "Traceback...\nRuntimeError: ***"


def test_filter_survives_a_bad_format_string(masking: SecretMaskingFilter) -> None:
    record = _record("%s and %s", ("TOPSECRET-77",))
    assert masking.filter(record) is True
    assert "TOPSECRET-77" not in record.getMessage()
    assert "%s and %s" in record.getMessage()


def test_filter_formats_non_string_messages(masking: SecretMaskingFilter) -> None:
    record = _record({"password": "TOPSECRET-77x", "user": "bob"})
    masking.filter(record)
    assert record.getMessage() == "{'password': '***', 'user': 'bob'}"


# --- setup_logging -----------------------------------------------------------------------------


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    monkeypatch.setenv("SELLER_CONSOLE_HOME", str(tmp_path))
    return AppPaths.from_env()


@pytest.fixture
def installed(paths: AppPaths) -> Iterator[list[logs.LoggingSetup]]:
    """Records every setup a test makes and closes them all afterwards."""
    made: list[logs.LoggingSetup] = []
    yield made
    for setup in made:
        setup.close()


def _read_log(paths: AppPaths) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (paths.log_dir / "console.log").read_text(encoding="utf-8")


def test_setup_writes_masked_records_to_the_log_file(
    paths: AppPaths, installed: list[logs.LoggingSetup]
) -> None:
    registry = SecretRegistry()
    registry.add("file-secret-123")
    setup = setup_logging(paths, logging.DEBUG, console=False, registry=registry)
    installed.append(setup)
    assert setup.log_file == str(paths.log_dir / "console.log")
    get_logger("sync").debug("page 1 of orders with key %s", "file-secret-123")
    get_logger("http").info("GET /v1/orders Authorization: SDK-HMAC-SHA256 Access=AKZ")
    text = _read_log(paths)
    assert "page 1 of orders with key ***" in text
    assert "seller_console.sync" in text and "seller_console.http" in text
    assert "file-secret-123" not in text and "AKZ" not in text


def test_every_handler_has_the_one_masking_filter(
    paths: AppPaths, installed: list[logs.LoggingSetup], capsys: pytest.CaptureFixture[str]
) -> None:
    setup = setup_logging(paths, "INFO", console=True)
    installed.append(setup)
    assert len(setup.handlers) == 2
    for handler in setup.handlers:
        assert handler.filters == [setup.masking_filter]
    rotating = setup.handlers[0]
    assert isinstance(rotating, logging.handlers.RotatingFileHandler)
    assert (rotating.maxBytes, rotating.backupCount) == (2 * 1024 * 1024, 4)
    get_logger("outbox").warning("resend with %s", json.dumps({"secretKey": "abc-def"}))
    err = capsys.readouterr().err
    assert 'resend with {"secretKey": "***"}' in err
    assert "abc-def" not in err and "abc-def" not in _read_log(paths)


def test_levels_ours_versus_other_libraries(
    paths: AppPaths, installed: list[logs.LoggingSetup]
) -> None:
    installed.append(setup_logging(paths, logging.INFO))
    get_logger("db").debug("debug from us")
    get_logger("db").info("info from us")
    logging.getLogger("httpx").info("info from httpx")
    logging.getLogger("httpx").warning("warning from httpx")
    text = _read_log(paths)
    assert "info from us" in text and "warning from httpx" in text
    assert "debug from us" not in text and "info from httpx" not in text


def test_setup_twice_replaces_and_close_restores(
    paths: AppPaths, installed: list[logs.LoggingSetup]
) -> None:
    root = logging.getLogger()
    before = (list(root.handlers), root.level, logging.getLogger(logs.ROOT).level)
    first = setup_logging(paths)
    second = setup_logging(paths, console=True)
    installed.append(second)
    ours = [h for h in root.handlers if h in first.handlers + second.handlers]
    assert ours == second.handlers
    get_logger("sync").info("only once")
    assert _read_log(paths).count("only once") == 1
    second.close()
    first.close()
    assert (list(root.handlers), root.level, logging.getLogger(logs.ROOT).level) == before


def test_log_file_rotates_and_keeps_five_files(
    paths: AppPaths, installed: list[logs.LoggingSetup], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    installed.append(setup_logging(paths))
    for i in range(400):
        get_logger("sync").info("record %04d %s", i, "x" * 40)
    files = sorted(p.name for p in paths.log_dir.iterdir())
    assert files == [
        "console.log",
        "console.log.1",
        "console.log.2",
        "console.log.3",
        "console.log.4",
    ]
    assert all(p.stat().st_size <= 2000 for p in paths.log_dir.iterdir())
    assert "record 0399" in _read_log(paths)
