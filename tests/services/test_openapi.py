"""KooGallery's open APIs the seller calls (issue 14 §2), over real HTTP against the sandbox:
License 2.0 (interfaces.md §7.4, codes §8.3), Query Order (§7.2), the usage push (§7.3) with the
body signature of §6.7, through the outbox, each record exactly once across a crash and a re-run."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Engine

from app.sandbox import DEMO_ISV_KEY
from app.services.marketplace import signing
from app.services.marketplace.client import AuthenticationError, MarketplaceClient
from app.services.marketplace.credentials import Credentials
from app.services.openapi import codes, hosts, license, orders, usage
from app.services.outbox.factory import send_due
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Outbox
from tests.sandbox_fixtures import FAST_RETRY, SANDBOX_START, Sandbox

# -- signatures: every vector of interfaces.md §6.6 and §6.7 --------------------------------------

USAGE_VECTOR_BODY = (
    b'{"usage_records":[{"instance_id":"inst-001","record_time":"20240306T020000Z",'
    b'"begin_time":"20240306T010000Z","end_time":"20240306T020000Z","usage_value":1.5,'
    b'"metering_sn":"sn-0001"}]}'
)


def test_usage_body_signature_agrees_with_the_vector_of_interfaces_6_8() -> None:
    """§6.7 formula, §6.8 vector: ts 1709690865879, nonce 6c63c221-..., key testAccessKey."""
    sig = signing.usage_body_signature("testAccessKey", "1709690865879",
                                       "6c63c221-1f6b-4141-8ff4-22f5dfe82b65", USAGE_VECTOR_BODY)
    assert sig == "TwTQlv1MiARUKhphHXpz537u81PeNMjdrh53Kh5d464="
    assert signing.verify_usage_body("testAccessKey", "1709690865879",
                                     "6c63c221-1f6b-4141-8ff4-22f5dfe82b65", USAGE_VECTOR_BODY, sig)
    assert not signing.verify_usage_body("testAccessKey", "1709690865880",
                                         "6c63c221-1f6b-4141-8ff4-22f5dfe82b65",
                                         USAGE_VECTOR_BODY, sig)


def test_open_api_requests_are_signed_with_the_ak_sk_vector_of_interfaces_6_6() -> None:
    """§6.6 vector (Huawei's documented example): the signer the open-API calls use."""
    headers = {"Content-Type": "application/json", "Host": "service.region.example.com"}
    added = signing.sign_headers(
        "GET", "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
        [("limit", "2"), ("marker", "13551d6b-755d-4757-b956-536f674975c0")], headers, b"",
        "QTWAOYTTINDUT2QVKYUC", "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc",
        now=datetime(2019, 11, 15, 3, 36, 55, tzinfo=UTC))
    assert added["Authorization"].endswith(
        "Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe")


# -- hosts and codes -------------------------------------------------------------------------------

def test_published_hosts_of_interfaces_7_1_with_the_china_fallback() -> None:
    urls = {h.url for h in hosts.PUBLISHED_HOSTS}
    assert urls == {"https://mkt.myhuaweicloud.com", "https://mkt.myhuaweicloud.cn",
                    "https://mkt-intl.myhuaweicloud.com", "https://mkt.myhuaweicloud.eu"}
    assert hosts.fallback_for("https://mkt.myhuaweicloud.com/") == "https://mkt.myhuaweicloud.cn"
    assert hosts.fallback_for("http://127.0.0.1:1") is None
    assert hosts.resolve_host("intl") == "https://mkt-intl.myhuaweicloud.com"


def test_license_codes_in_words_unconfirmed_marked_interfaces_8_3() -> None:
    assert codes.describe("92020004", "en") == "The buyer has not received this license code yet"
    assert codes.describe("92020004", "zh_CN") == "买家尚未收到该授权码"
    assert codes.describe("92020003", "en").endswith("(unconfirmed)")
    assert codes.describe("92029999", "en", "odd") == "92029999: odd"
    assert set(codes.LICENSE_CODES) >= {"92020000", "92020001", "92020002", "92020003",
                                         "92020004", "92020005", "92020011", "92020020"}


# -- License 2.0 against the sandbox --------------------------------------------------------------

@pytest.fixture
def client(own_sandbox: Sandbox) -> MarketplaceClient:
    c = own_sandbox.client(usage_key=DEMO_ISV_KEY)
    yield c
    c.close()


def test_activate_once_then_already_activated_interfaces_7_4(client: MarketplaceClient) -> None:
    first = license.activate(client, "TESTLIC-0001")
    assert first.ok and first.status == "ALIVE" and first.order_id == "MOCKPERIODYEARNEW"
    assert first.expire_time is not None
    again = license.activate(client, "TESTLIC-0001")
    assert again.code == "92020003" and again.already_active and again.status == "ALIVE"
    queried = license.query(client, "TESTLIC-0001")
    assert queried.ok and queried.status == "ALIVE" and queried.activate_time is not None


def test_license_refusals_unknown_undelivered_not_activated(client: MarketplaceClient) -> None:
    assert license.activate(client, "NO-SUCH-CODE").code == "92020005"
    assert license.activate(client, "TESTLIC-UNDELIVERED").code == "92020004"
    assert license.query(client, "TESTLIC-0002").code == "92020011"
    assert license.query(client, "TESTLIC-EXPIRED").status == "EXPIRED"
    with pytest.raises(license.LicenseError):
        license.activate(client, "has blank")


def test_batch_activation_v2_is_all_or_nothing(client: MarketplaceClient) -> None:
    refused = license.activate_batch(client, ["TESTLIC-0003", "NO-SUCH"])
    assert refused.code == "92020020"
    assert license.query(client, "TESTLIC-0003").code == "92020011"  # nothing activated
    done = license.activate_batch(client, ["TESTLIC-0003", "TESTLIC-0004"])
    assert done.ok
    assert license.query(client, "TESTLIC-0004").status == "ALIVE"
    assert license.report_software_usage(client, "TESTLIC-0004", active_num=3).ok


def test_wrong_keys_are_an_error_not_an_answer(own_sandbox: Sandbox) -> None:
    with MarketplaceClient(own_sandbox.url, own_sandbox.access_key, "wrong",
                           retry=FAST_RETRY) as bad, pytest.raises(AuthenticationError):
        license.query(bad, "TESTLIC-0001")


# -- Query Order -----------------------------------------------------------------------------------

@pytest.mark.parametrize("order_id", [
    "MOCKPERIODYEARNEW", "MOCKONETIMENEW", "MOCKONDEMAND", "MOCKONDEMANDPKG", "MOCKPERIODDAYTRIAL",
    "MOCKMONTYTRIALTOFORMAL", "MOCKMONTYUNSUBSCRIBE", "MOCKMONTYRENEW", "MOCKMONTYCHANGE"])
def test_the_nine_mock_orders_of_interfaces_7_2(sandbox: Sandbox, order_id: str) -> None:
    with sandbox.client() as c:
        answer = orders.query(c, order_id, f"{order_id}-000001")
    assert answer.found and answer.order_id == order_id and answer.test
    assert [ln.line_id for ln in answer.lines] == [f"{order_id}-000001"]


def test_unknown_order_or_line_is_an_answer_in_words(sandbox: Sandbox) -> None:
    with sandbox.client() as c:
        missing = orders.query(c, "NO-SUCH-ORDER")
        line = orders.query(c, "MOCKONDEMAND", "MOCKONDEMAND-000009")
    assert not missing.found and missing.code == "MKT.0101"
    assert not line.found and line.code == "MKT.0101"


# -- usage push -------------------------------------------------------------------------------------

NOW = SANDBOX_START  # the sandbox's clock: KooGallery's 21 days count from it


def _write(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["instance_id", "record_time", "begin_time", "end_time", "usage_value",
                    "metering_sn"])
        w.writerows(rows)
    return path


def _good_rows(n: int, prefix: str = "sn") -> list[list[object]]:
    begin = NOW - timedelta(days=2)
    out: list[list[object]] = []
    for i in range(n):
        b = begin + timedelta(minutes=i)
        e = b + timedelta(minutes=1)
        out.append(["inst-001", e.strftime("%Y%m%dT%H%M%SZ"), b.strftime("%Y%m%dT%H%M%SZ"),
                    e.strftime("%Y%m%dT%H%M%SZ"), "1.25", f"{prefix}-{i:05d}"])
    return out


@pytest.fixture
def outbox(cache: Engine, tmp_path: Path) -> Outbox:
    return Outbox(cache, FileStore(tmp_path / "files"), clock=lambda: NOW)


def _creds(sb: Sandbox, key: str = DEMO_ISV_KEY) -> Credentials:
    return Credentials(sb.url, sb.access_key, sb.secret_key, isv_key=key)


def test_rows_refused_with_their_reason_interfaces_7_3(outbox: Outbox, tmp_path: Path) -> None:
    old = NOW - timedelta(days=22)
    ok = _good_rows(1)[0]
    rows = [
        ok,
        ["inst-001", ok[1], old.strftime("%Y%m%dT%H%M%SZ"), ok[3], "1", "sn-old"],
        ["inst-001", ok[1], ok[2], ok[3], "0", "sn-zero"],
        ["inst-001", ok[1], ok[2], ok[3], "1.23456", "sn-decimals"],
        ["inst-001", ok[1], ok[2], ok[3], "abc", "sn-nan"],
        ["inst-001", ok[1], ok[3], ok[2], "1", "sn-reversed"],
        ["inst-001", "yesterday", ok[2], ok[3], "1", "sn-time"],
        ["", ok[1], ok[2], ok[3], "1", "sn-noinstance"],
        ["inst-001", ok[1], ok[2], ok[3], "2", ok[5]],
        ["inst-001", ok[1], ok[2], ok[3], "1.2345", "sn-four-decimals"],
    ]
    plan = usage.plan_file(_write(tmp_path / "u.csv", rows), outbox, now=NOW)
    reasons = {r.metering_sn: (r.line, r.reason) for r in plan.refused}
    assert reasons == {
        "sn-old": (3, "too_old"), "sn-zero": (4, "not_positive"),
        "sn-decimals": (5, "too_many_decimals"), "sn-nan": (6, "not_a_number"),
        "sn-reversed": (7, "begin_after_end"), "sn-time": (8, "not_a_time"),
        "sn-noinstance": (9, "missing"), ok[5]: (10, "duplicate"),
    }
    assert [r["metering_sn"] for _l, r in plan.records] == [ok[5], "sn-four-decimals"]
    dup = next(r for r in plan.refused if r.reason == "duplicate")
    assert dup.text("en") == "metering_sn repeats line 2"
    assert dup.text("zh_CN") == "metering_sn 与第2行重复"


def test_usage_push_in_signed_batches_exactly_once(own_sandbox: Sandbox, outbox: Outbox,
                                                   tmp_path: Path) -> None:
    path = _write(tmp_path / "u.csv", _good_rows(250))
    plan = usage.plan_file(path, outbox, now=NOW)
    entries = usage.queue_plan(outbox, plan, batch_size=100)
    assert [len(e.payload["usage_records"]) for e in entries] == [100, 100, 50]
    report = send_due(outbox, _creds(own_sandbox), retry=FAST_RETRY)
    assert len(report.delivered) == 3 and not report.refused
    snap = own_sandbox.admin("GET", "openapi")
    assert snap["usageRecords"] == 250 and snap["usageRequests"] == 3 and snap["repeats"] == {}
    # The same file again: everything is already queued, nothing is sent twice.
    again = usage.plan_file(path, outbox, now=NOW)
    assert again.records == () and len(again.already_queued) == 250
    states = usage.records_status(outbox, usage.plan_sns(again))
    assert {s.state for s in states} == {"sent"} and len(states) == 250


def test_wrong_isv_key_is_refused_mkt_0102_and_named(own_sandbox: Sandbox, outbox: Outbox,
                                                     tmp_path: Path) -> None:
    plan = usage.plan_file(_write(tmp_path / "u.csv", _good_rows(3)), outbox, now=NOW)
    usage.queue_plan(outbox, plan)
    report = send_due(outbox, _creds(own_sandbox, key="not-the-key"), retry=FAST_RETRY)
    assert len(report.refused) == 1
    states = usage.records_status(outbox, usage.plan_sns(plan))
    assert {s.state for s in states} == {"refused"}
    assert "MKT.0102" in (states[0].reason or "")
    assert own_sandbox.admin("GET", "openapi")["usageRecords"] == 0


def test_refused_records_named_by_koogallery_mkt_9002(own_sandbox: Sandbox, outbox: Outbox) -> None:
    """A record the console let through but KooGallery refuses (here: queued before its begin
    time fell out of the 21 days) is named with KooGallery's reason."""
    begin = NOW - timedelta(days=21, hours=-1)
    record = {"instance_id": "inst-001", "record_time": NOW.strftime(usage.HW_TIME),
              "begin_time": (begin - timedelta(hours=2)).strftime(usage.HW_TIME),
              "end_time": NOW.strftime(usage.HW_TIME), "usage_value": 1, "metering_sn": "sn-late"}
    outbox.enqueue(usage.KIND.name, "manual:1", {"usage_records": [record]}, summary="late")
    send_due(outbox, _creds(own_sandbox), retry=FAST_RETRY)
    [state] = usage.records_status(outbox, ["sn-late"])
    assert state.state == "refused"
    assert "MKT.9002" in (state.reason or "") and "sn-late: begin_time is more than 21 days" in (
        state.reason or "")


class _Killed(BaseException):
    """Stands for the process dying at a checkpoint (not an Exception: nothing catches it)."""


def _kill_at(point: str, after: int):  # type: ignore[no-untyped-def]
    seen = {"n": 0}

    def checkpoint(name: str) -> None:
        if name == point:
            seen["n"] += 1
            if seen["n"] > after:
                raise _Killed(name)

    return checkpoint


def _process_gone(outbox: Outbox) -> None:
    """The killed run was this test's own process: end its leases as a restart finds those of a
    process that no longer runs (the outbox recovers them at once)."""
    from sqlalchemy import update

    from app.models.outbox import OutboxEntry

    with outbox.engine.begin() as conn:
        conn.execute(update(OutboxEntry).where(OutboxEntry.state == "sending")
                     .values(lease_owner="gone-computer:1:run", lease_expires_at=NOW))


@pytest.mark.parametrize(("point", "after", "repeats"), [
    ("marked_sending", 1, 0),   # dies between batches: batch 2 marked, never sent
    ("answered", 1, 100),       # dies after KooGallery stored batch 2, before the console knew
])
def test_push_killed_mid_run_and_restarted_sends_no_record_twice(
        own_sandbox: Sandbox, outbox: Outbox, tmp_path: Path, point: str, after: int,
        repeats: int) -> None:
    """Issue 14 Done means: a usage push killed mid-batch and restarted; KooGallery stores every
    record once (a batch whose answer was lost arrives again and is dropped by metering_sn)."""
    path = _write(tmp_path / "u.csv", _good_rows(300))
    usage.queue_plan(outbox, usage.plan_file(path, outbox, now=NOW), batch_size=100)
    with pytest.raises(_Killed):
        send_due(outbox, _creds(own_sandbox), retry=FAST_RETRY, checkpoint=_kill_at(point, after))
    _process_gone(outbox)
    # Restart: the same command again.
    plan = usage.plan_file(path, outbox, now=NOW)
    assert plan.records == () and len(plan.already_queued) == 300
    report = send_due(outbox, _creds(own_sandbox), retry=FAST_RETRY)
    assert not report.refused
    snap = own_sandbox.admin("GET", "openapi")
    assert snap["usageRecords"] == 300
    assert len(snap["repeats"]) == repeats and set(snap["repeats"].values()) <= {2}
    states = usage.records_status(outbox, usage.plan_sns(plan))
    assert len(states) == 300 and {s.state for s in states} == {"sent"}


def test_usage_file_limits(outbox: Outbox, tmp_path: Path) -> None:
    bad = tmp_path / "u.txt"
    bad.write_text("x")
    with pytest.raises(usage.UsageFileError):
        usage.plan_file(bad, outbox, now=NOW)
    nohead = tmp_path / "n.csv"
    nohead.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(usage.UsageFileError):
        usage.plan_file(nohead, outbox, now=NOW)
    with pytest.raises(usage.UsageFileError):
        usage.check_batch_size(1001)


def test_xlsx_usage_file(outbox: Outbox, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["实例ID", "记录时间", "开始时间", "结束时间", "使用量", "计量流水号"])
    b = (NOW - timedelta(days=1)).replace(tzinfo=None)
    sheet.append(["inst-9", b + timedelta(hours=1), b, b + timedelta(hours=1), 0.5, "x-1"])
    path = tmp_path / "u.xlsx"
    book.save(path)
    plan = usage.plan_file(path, outbox, now=NOW)
    assert plan.refused == ()
    [(line, record)] = plan.records
    assert line == 2 and record["usage_value"] == 0.5
    assert orjson.dumps(record).startswith(b'{"instance_id":"inst-9","record_time":')


# -- the supervision node 授权码激活 gets its action from the license activation ----------------

def test_license_activation_moves_the_supervision_node_on(own_sandbox: Sandbox,
                                                          cache: Engine) -> None:
    """Issue 14 §2: at 授权码激活 (owned by the seller) the action is the activation of the
    order's code; the buyer cannot use a code before the seller confirmed (92020004); once
    activated, KooGallery's system moves the task on (激活授权码 -> 商家上传交付证明)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from app.models.supervision import SupervisionTask
    from app.services.supervision import actions as sv
    from app.services.sync.engine import SyncEngine

    with own_sandbox.client() as c:
        assert SyncEngine(c, cache).sync(("supervision_tasks", "orders")).failure is None
    with Session(cache) as session:
        task = session.execute(select(SupervisionTask).where(
            SupervisionTask.license_subtype == "授权码").limit(1)).scalar_one()
    code = f"LIC-{task.order_line_id}"
    own_sandbox.admin("POST", f"tasks/{task.id}/stage", {"node": "商家确认需求"})
    with own_sandbox.client() as c:
        assert license.activate(c, code).code == "92020004"
    own_sandbox.admin("POST", f"tasks/{task.id}/stage", {"node": "授权码激活"})
    with own_sandbox.client() as c:
        SyncEngine(c, cache).sync(("supervision_tasks",))
    with Session(cache) as session:
        staged = session.get(SupervisionTask, task.id)
        assert staged is not None
        assert sv.license_activation(staged).allowed
        assert not sv.availability(staged)[sv.SellerAction.DELIVER].allowed
    with own_sandbox.client() as c:
        assert license.activate(c, code).ok
        SyncEngine(c, cache).sync(("supervision_tasks",))
    with Session(cache) as session:
        moved = session.get(SupervisionTask, task.id)
        assert moved is not None and moved.node == "商家上传交付证明"
        verdict = sv.license_activation(moved)
        assert not verdict.allowed and verdict.reason_code == "not_at_node"


# -- the usage-push key (密钥管理): keychain or environment, never required elsewhere --------------

def test_isv_key_from_keychain_or_environment(tmp_path: Path) -> None:
    """§6.7's key sits in the keychain beside the profile's secret key (or SELLER_CONSOLE_ISV_KEY);
    a profile without one still resolves (only the usage push asks for it)."""
    from app.config.paths import AppPaths
    from app.config.profiles import Profile, ProfileStore
    from app.services.marketplace.credentials import (
        CredentialStore,
        resolve_credentials,
        store_isv_key,
    )
    from tests.support.memory_keyring import MemoryKeyring

    profiles = ProfileStore(AppPaths.under(tmp_path))
    profiles.add(Profile("Shop", "https://api.example.com", "AK1",
                         open_api_endpoint="https://mkt-intl.myhuaweicloud.com"))
    keys = CredentialStore(MemoryKeyring())
    keys.set_secret("Shop", "sk")
    plain = resolve_credentials(profiles, keys, "Shop", None, environ={})
    assert plain.isv_key is None and plain.open_api_endpoint == "https://mkt-intl.myhuaweicloud.com"
    store_isv_key(keys, "Shop", "isv-from-keychain")
    assert resolve_credentials(profiles, keys, "Shop", None, environ={}).isv_key == \
        "isv-from-keychain"
    env = {"SELLER_CONSOLE_ISV_KEY": "isv-from-env"}
    creds = resolve_credentials(profiles, keys, "Shop", None, environ=env)
    assert creds.isv_key == "isv-from-env"
    assert "isv-from-env" not in repr(creds) and "isv-from-keychain" not in repr(creds)


def test_a_usage_push_without_the_key_says_how_to_store_it(own_sandbox: Sandbox,
                                                           outbox: Outbox, tmp_path: Path) -> None:
    plan = usage.plan_file(_write(tmp_path / "u.csv", _good_rows(2)), outbox, now=NOW)
    usage.queue_plan(outbox, plan)
    report = send_due(outbox, _creds(own_sandbox, key=""), retry=FAST_RETRY)
    assert report.paused == "auth" and "usage set-key" in report.message
    assert {s.state for s in usage.records_status(outbox, usage.plan_sns(plan))} == {"queued"}
