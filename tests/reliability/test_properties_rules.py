"""Property-based tests of issue 15 §4 (hypothesis), part two: the signing against the vectors of
interfaces.md (§6.6 and §6.8) under any change, the production-interface signatures and credential
cipher, the invoice checks, and the supervision (business-rules §1/§2) and demand (§3) state
rules. Each holds for any input hypothesis draws, not only the examples the other tests chose."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.models.demands import Demand
from app.models.supervision import SupervisionTask
from app.services.demands import actions as demand_rules
from app.services.demands.actions import DemandAction
from app.services.invoices import rules
from app.services.marketplace import interface_signing as isig
from app.services.marketplace import signing
from app.services.supervision import actions as supervision_rules
from app.services.supervision.actions import SellerAction
from tests.support.invoice_data import cn_notice, good_cn_draft

PROPERTY = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# -- §6.6: the documented AK/SK vector, changed anywhere -------------------------------------------

AK = "QTWAOYTTINDUT2QVKYUC"
SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc"
PATH = "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs"
QUERY = [("limit", "2"), ("marker", "13551d6b-755d-4757-b956-536f674975c0")]
AT = datetime(2019, 11, 15, 3, 36, 55, tzinfo=UTC)
VECTOR = "7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"
HEADERS = {"Content-Type": "application/json", "Host": "service.region.example.com",
           "X-Sdk-Date": "20191115T033655Z",
           "Authorization": "SDK-HMAC-SHA256 Access=QTWAOYTTINDUT2QVKYUC, "
                            f"SignedHeaders=content-type;host;x-sdk-date, Signature={VECTOR}"}


def test_the_vector_of_6_6_verifies() -> None:
    assert signing.verify_request("GET", PATH, QUERY, HEADERS, b"", {AK: SK}, now=AT) == AK


@PROPERTY
@given(st.integers(0, 63), st.sampled_from("0123456789abcdef"))
def test_any_digit_of_the_vector_signature_changed_is_refused(at: int, digit: str) -> None:
    assume(VECTOR[at] != digit)
    forged = VECTOR[:at] + digit + VECTOR[at + 1:]
    headers = {**HEADERS, "Authorization": HEADERS["Authorization"].replace(VECTOR, forged)}
    with pytest.raises(signing.SignatureError):
        signing.verify_request("GET", PATH, QUERY, headers, b"", {AK: SK}, now=AT)


@PROPERTY
@given(st.sampled_from(["limit", "marker"]), st.text(min_size=1, max_size=8),
       st.binary(min_size=1, max_size=64), st.integers(-3600, 3600))
def test_the_vector_request_changed_or_replayed_late_is_refused(
        name: str, value: str, body: bytes, skew: int) -> None:
    query = [(k, v + value if k == name else v) for k, v in QUERY]
    for q, b in ((query, b""), (QUERY, body)):
        with pytest.raises(signing.SignatureError):
            signing.verify_request("GET", PATH, q, HEADERS, b, {AK: SK}, now=AT)
    late = AT + timedelta(seconds=skew)
    try:
        assert signing.verify_request("GET", PATH, QUERY, HEADERS, b"", {AK: SK}, now=late) == AK
    except signing.SignatureError:
        assert abs(skew) > 60  # only a clock far off is refused, never a good request near it


# -- §6.8 production-interface signatures, §6.5 the credential cipher ------------------------------

_key = st.text(st.characters(codec="ascii", categories=("Ll", "Lu", "Nd")), min_size=1,
               max_size=32)
_nonce = st.text("0123456789ABCDEF", min_size=32, max_size=64)
_ts = st.integers(10**12, 10**13).map(str)


def test_the_v2_vector_of_6_8() -> None:
    body = (b'{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8",'
            b'"orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001",'
            b'"testFlag":"1"}')
    assert isig.v2_signature("testAccessKey", "50D83FDE1B2C4A5E9F00112233445566",
                             "1680508066618", body) == \
        "9B7E4D1FB05C344F83E3B7E70A7D9807077BE49B08BAAA9896CEC5B87AEB9AF4"


@PROPERTY
@given(_key, _nonce, _ts, st.binary(max_size=300), st.binary(min_size=1, max_size=8))
def test_v2_and_kit_signatures_change_with_any_byte_and_compare_in_any_case(
        key: str, nonce: str, ts: str, body: bytes, extra: bytes) -> None:
    for sign in (isig.v2_signature, isig.kit_signature):
        value = sign(key, nonce, ts, body)
        assert isig.signatures_equal(value.lower(), value)
        assert isig.signatures_equal(value.upper(), value)
        assert not isig.signatures_equal(sign(key, nonce, ts, body + extra), value)
        assert not isig.signatures_equal(sign(key + "x", nonce, ts, body), value)
        assert not isig.signatures_equal(sign(key, nonce, str(int(ts) + 1), body), value)


@PROPERTY
@given(_key, st.binary(max_size=300), st.binary(min_size=1, max_size=8))
def test_a_body_sign_header_is_valid_for_its_body_only(key: str, body: bytes,
                                                      extra: bytes) -> None:
    header = isig.body_sign_header(key, body)
    assert isig.body_sign_valid(key, body, header)
    assert not isig.body_sign_valid(key, body + extra, header)
    assert not isig.body_sign_valid(key + "x", body, header)
    assert not isig.body_sign_valid(key, body, None)


@PROPERTY
@given(_key, st.text(max_size=60), st.sampled_from([128, 256]))
def test_any_credential_encrypted_decrypts_to_itself_and_only_with_its_key(
        key: str, plaintext: str, bits: int) -> None:
    value = isig.encrypt_credential(key, plaintext, bits=bits)
    assert isig.looks_encrypted(value)
    assert isig.decrypt_credential(key, value, bits=bits) == plaintext
    try:
        other = isig.decrypt_credential(key + "x", value, bits=bits)
    except Exception:  # noqa: BLE001 - a refusal of any kind is the point
        return
    assert other != plaintext or plaintext == ""


# -- the invoice checks (business-rules §6) ----------------------------------------------------------

_cents = st.integers(-10**9, 10**9).filter(lambda c: c != 0).map(lambda c: Decimal(c).scaleb(-2))
TODAY = date(2026, 11, 20)


def test_the_good_draft_passes() -> None:
    draft = good_cn_draft()
    assert [f for f in rules.check(draft, cn_notice(), today=TODAY)
            if f.severity is rules.Severity.ERROR] == []


@PROPERTY
@given(_cents)
def test_any_total_off_by_any_amount_is_an_error_naming_the_difference(delta: Decimal) -> None:
    notice = cn_notice()
    draft = good_cn_draft()
    line = draft.lines[0]
    off = replace(line, amount_excl_tax=line.amount_excl_tax + delta, amount=line.amount + delta)
    draft = replace(draft, lines=(off, *draft.lines[1:]))
    found = [f for f in rules.check(draft, notice, today=TODAY) if f.code == "amount.mismatch"]
    assert len(found) == 1 and found[0].severity is rules.Severity.ERROR
    assert found[0].params["difference"] == rules.fmt_amount(delta)


@PROPERTY
@given(st.integers(0, 10**8).map(lambda c: Decimal(c).scaleb(-2)),
       st.integers(0, 10**6).map(lambda c: Decimal(c).scaleb(-2)),
       st.integers(-10**6, 10**6).filter(lambda c: c != 0).map(lambda c: Decimal(c).scaleb(-2)))
def test_a_line_whose_parts_do_not_add_up_is_always_an_error(excl: Decimal, tax: Decimal,
                                                            off: Decimal) -> None:
    draft = good_cn_draft()
    bad = replace(draft.lines[0], amount_excl_tax=excl, tax=tax, amount=excl + tax + off)
    found = rules.check(replace(draft, lines=(bad,)), cn_notice(), today=TODAY)
    assert any(f.code == "line.sum" and f.severity is rules.Severity.ERROR for f in found)


_field_text = st.text(max_size=40)


@PROPERTY
@given(st.fixed_dictionaries({name: _field_text for name in (
    "buyer_name", "buyer_tax_no", "seller_name", "seller_tax_no", "invoice_no", "courier_no",
    "requisition_no", "period")}),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)) | st.none(),
    st.sampled_from(list(rules.Stage)))
def test_the_checks_never_fail_on_any_text_and_put_errors_first(
        texts: dict[str, str], when: date | None, stage: rules.Stage) -> None:
    draft = replace(good_cn_draft(), invoice_date=when, **texts)
    found = rules.check(draft, cn_notice(), stage=stage, today=TODAY)
    severities = [f.severity is rules.Severity.ERROR for f in found]
    assert severities == sorted(severities, reverse=True)
    assert all(f.field and f.code for f in found)
    if not texts["buyer_name"].strip():
        assert any(f.field == "buyer_name" for f in found)
    if when is not None and when > TODAY:
        assert any(f.field == "invoice_date" for f in found)


# -- supervision state rules (business-rules §1, §2) ---------------------------------------------

_SERVER = sorted(supervision_rules.CONFIRM_ACTIONS | supervision_rules.REJECT_ACTIONS
                 | supervision_rules.DELIVER_ACTIONS | supervision_rules.APPEAL_ACTIONS)
_KIND_NAMES = [supervision_rules.KINDS[a].name for a in SellerAction]


@st.composite
def _tasks(draw: st.DrawFn) -> tuple[SupervisionTask, list[Any]]:
    task = SupervisionTask(
        id="T1", status=draw(st.sampled_from(["进行中", "已完成", "已冻结"])),
        node=draw(st.sampled_from(["商家确认需求", "商家实施服务", "客户验收", "服务完成",
                                   "授权码激活"])),
        frozen=draw(st.booleans()),
        appeals=draw(st.lists(st.fixed_dictionaries(
            {"status": st.sampled_from(["处理中", "已完成", "已驳回"])}), max_size=2)),
        allowed_actions=draw(st.lists(st.sampled_from(_SERVER), unique=True, max_size=4)),
        next_nodes=draw(st.lists(st.sampled_from(["商家实施服务", "客户验收", "商家上传交付凭证"]),
                                 max_size=2)),
    )
    queued = [SimpleNamespace(kind=k) for k in draw(st.lists(st.sampled_from(_KIND_NAMES),
                                                             max_size=3))]
    return task, queued


@PROPERTY
@given(_tasks())
def test_supervision_actions_follow_the_state_rules(drawn: tuple[SupervisionTask, list[Any]]
                                                    ) -> None:
    task, queued = drawn
    result = supervision_rules.availability(task, queued)
    assert set(result) == set(SellerAction)
    allowed = {a for a, v in result.items() if v.allowed}
    for action, verdict in result.items():
        assert verdict.allowed or (verdict.reason_code and verdict.reason)
        if verdict.allowed:  # the button is named by the server's own action
            assert verdict.server_action in supervision_rules._SERVER_ACTIONS[action]
    if task.status == "已完成" or task.node == "服务完成":
        assert not allowed and all(v.reason_code == "done" for v in result.values())
    elif task.frozen or any(a["status"] == "处理中" for a in task.appeals):
        assert not allowed  # frozen, or an appeal open: nothing until it is decided
    if queued and queued[-1].kind != supervision_rules.KINDS[SellerAction.CONFIRM].name:
        assert not allowed  # one action at a time: wait for the queued one
    if queued:
        assert SellerAction.CONFIRM not in allowed and SellerAction.REJECT not in allowed
    if not queued:  # nothing queued: only what the marketplace offers at this node
        for action in allowed:
            assert set(task.allowed_actions) & supervision_rules._SERVER_ACTIONS[action]


# -- demand state rules (business-rules §3) ---------------------------------------------------------

NOW = datetime(2026, 11, 20, 8, tzinfo=UTC)
_DEMAND_KINDS = [demand_rules.KINDS[a].name for a in DemandAction]


@st.composite
def _demands(draw: st.DrawFn) -> tuple[Demand, list[Any]]:
    demand = Demand(
        id="D1",
        status=draw(st.sampled_from([demand_rules.PENDING_ACCEPTANCE, demand_rules.CONVERTING,
                                     demand_rules.DEAL, demand_rules.REJECTED,
                                     demand_rules.CLOSED])),
        source=draw(st.sampled_from([demand_rules.SOURCE_PARTNER, "客户", "华为云"])),
        accept_deadline=draw(st.none() | st.integers(-72, 72).map(
            lambda h: NOW + timedelta(hours=h))),
        offer_id=draw(st.none() | st.just("OFFER-1")),
    )
    queued = [SimpleNamespace(kind=k) for k in draw(st.lists(st.sampled_from(_DEMAND_KINDS),
                                                             max_size=3))]
    return demand, queued


@PROPERTY
@given(_demands())
def test_demand_actions_follow_the_state_rules(drawn: tuple[Demand, list[Any]]) -> None:
    demand, queued = drawn
    result = demand_rules.availability(demand, queued, now=NOW)
    assert set(result) == set(DemandAction)
    allowed = {a for a, v in result.items() if v.allowed}
    assert all(v.allowed or (v.reason_code and v.reason) for v in result.values())
    status = demand_rules.projected_status(demand, queued)
    partner = demand.source == demand_rules.SOURCE_PARTNER
    for answer in (DemandAction.ACCEPT, DemandAction.REJECT):
        if answer in allowed:  # answering: once, in time, while it waits for the seller
            assert not queued and status == demand_rules.PENDING_ACCEPTANCE
            assert demand.accept_deadline is None or demand.accept_deadline > NOW
    if DemandAction.REJECT in allowed:
        assert partner  # only a partner's demand may be refused
    for work in (DemandAction.PROGRESS, DemandAction.SOLUTION, DemandAction.CLOSE):
        if work in allowed:
            assert status == demand_rules.CONVERTING
    if partner:
        assert DemandAction.CLOSE not in allowed
    if demand.offer_id:
        assert not {DemandAction.PROGRESS, DemandAction.SOLUTION} & allowed
    if status in (demand_rules.DEAL, demand_rules.REJECTED, demand_rules.CLOSED):
        assert not allowed  # a finished demand takes no action
