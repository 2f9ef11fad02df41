"""Exclusive offers (专属优惠) and partner demands over real HTTP (issue 16 §3): every rule of
business-rules §7 and of the original material (shared/seeds: 客户生成100%的专属优惠伙伴折扣),
checked by the console before queuing where it can, and enforced by the sandbox with a code."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models.demands import Demand
from app.models.partner import ExclusiveOffer
from app.sandbox.data.catalog import SELF_PARTNER_ID
from app.services.demands import actions as dm
from app.services.demands import partner as pd
from app.services.offers import actions as oa
from app.services.offers import rules
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Dispatcher, Outbox, OutboxPolicy
from app.services.sync.engine import SyncEngine
from tests.sandbox_fixtures import Sandbox

FAST = OutboxPolicy(max_attempts=5, base_delay_s=0.0, max_delay_s=0.0)


def now_of(sb: Sandbox) -> datetime:
    return datetime.fromisoformat(sb.admin("GET", "clock")["now"])


def sync(sb: Sandbox, cache: Engine) -> None:
    with sb.client() as client:
        assert SyncEngine(client, cache).sync(("demands", "exclusive_offers")).failure is None


def send(outbox: Outbox, sb: Sandbox) -> tuple[list[int], list[int]]:
    with sb.client() as client:
        report = Dispatcher(outbox, client, policy=FAST).send_due(ignore_schedule=True)
    return report.delivered, report.refused


@pytest.fixture
def partner(own_sandbox: Sandbox, cache: Engine, tmp_path: Path) -> tuple[Sandbox, Engine, Outbox]:
    sync(own_sandbox, cache)
    return own_sandbox, cache, Outbox(cache, FileStore(tmp_path / "files"), actor="p@test",
                                      clock=lambda: now_of(own_sandbox))


def world(sb: Sandbox):  # type: ignore[no-untyped-def]
    return sb.server.data.world


def product(sb: Sandbox, klass: str = "联营"):  # type: ignore[no-untyped-def]
    return next(p for p in world(sb).products if p.product_class == klass)


def customer(sb: Sandbox, bound: bool):  # type: ignore[no-untyped-def]
    return next(c for c in world(sb).customers if (c.partner_id == SELF_PARTNER_ID) == bound)


def request(sb: Sandbox, account: str, discount: str, *, special: str = "",
            confirmed: frozenset[str] = frozenset(), start_in: timedelta = timedelta(days=1),
            product_class: str = "联营") -> oa.OfferRequest:
    p = product(sb, product_class)
    start = now_of(sb) + start_in
    return oa.OfferRequest(f"自拓优惠-{p.name}-{discount}折扣", account, start,
                           start + timedelta(days=90),
                           (oa.OfferLine(p.product_id, p.name, Decimal(discount)),),
                           special_request=bool(special), special_reason=special,
                           confirmed=confirmed)


def offer(cache: Engine, offer_id: str) -> ExclusiveOffer:
    with Session(cache, expire_on_commit=False) as s:
        found = s.get(ExclusiveOffer, offer_id)
    assert found is not None, offer_id
    return found


def test_within_authorised_discount_is_approved_at_once_section_7(partner) -> None:  # type: ignore[no-untyped-def]
    """§7: within the authorised discount the system approves the offer at once (已生效)."""
    sb, cache, outbox = partner
    entry = oa.queue_apply(outbox, request(sb, customer(sb, False).account, "0.85"))
    delivered, refused = send(outbox, sb)
    assert (delivered, refused) == ([entry.id], [])
    answer = outbox.get(entry.id).response or {}
    assert answer["status"] == rules.EFFECTIVE
    sync(sb, cache)
    assert offer(cache, answer["offerId"]).status == rules.EFFECTIVE


def test_beyond_authorised_discount_needs_a_special_request_section_7(partner) -> None:  # type: ignore[no-untyped-def]
    """§7: beyond the authorised discount, 提交特殊商务申请 / 转人工处理: refused without one
    (SC.1602), pending manual approval (审批中) with one; revocable while 审批中 (撤销)."""
    sb, cache, outbox = partner
    account = customer(sb, False).account
    plain = oa.queue_apply(outbox, request(sb, account, "0.5"))
    assert send(outbox, sb)[1] == [plain.id]
    assert outbox.get(plain.id).last_error_code == "SC.1602"
    with pytest.raises(oa.OfferError) as no_reason:
        oa.queue_apply(outbox, oa.OfferRequest(**{**request(sb, account, "0.5").__dict__,
                                                 "special_request": True}))
    assert no_reason.value.failure_code == "no_reason"
    special = oa.queue_apply(outbox, request(sb, account, "0.5", special="大客户战略项目"))
    assert send(outbox, sb)[0] == [special.id]
    offer_id = (outbox.get(special.id).response or {})["offerId"]
    sync(sb, cache)
    assert offer(cache, offer_id).status == rules.UNDER_APPROVAL
    revoke = oa.queue_revoke(outbox, offer_id)
    with pytest.raises(oa.OfferError) as twice:
        oa.queue_revoke(outbox, offer_id)
    assert twice.value.failure_code == "waiting"
    assert send(outbox, sb)[0] == [revoke.id]
    sync(sb, cache)
    assert offer(cache, offer_id).status == rules.REVOKED
    with pytest.raises(oa.OfferError) as gone:
        oa.queue_revoke(outbox, offer_id)
    assert gone.value.failure_code == "not_under_approval"
    # The marketplace refuses it too (SC.1605), should a stale console send it anyway.
    forced = outbox.enqueue(oa.KINDS[oa.OfferAction.REVOKE].name, offer_id, {})
    assert send(outbox, sb)[1] == [forced.id]
    assert outbox.get(forced.id).last_error_code == "SC.1605"


def test_effective_time_must_be_later_than_now_section_7(partner) -> None:  # type: ignore[no-untyped-def]
    """§7: the requested effective time must be later than now (console, then SC.1601)."""
    sb, _cache, outbox = partner
    late = request(sb, customer(sb, False).account, "0.9", start_in=timedelta(hours=-1))
    with pytest.raises(oa.OfferError) as refused:
        oa.queue_apply(outbox, late)
    assert refused.value.failure_code == "starts_past"
    forced = outbox.enqueue(oa.KINDS[oa.OfferAction.APPLY].name, "new-x", late.to_wire())
    assert send(outbox, sb)[1] == [forced.id]
    assert outbox.get(forced.id).last_error_code == "SC.1601"


def test_full_partner_discount_conditions_seeds(partner) -> None:  # type: ignore[no-untyped-def]
    """Original material (客户生成100%的专属优惠伙伴折扣): 1. the customer is bound to the partner
    (the user confirms; SC.1603 from the marketplace), 2. no offer for the product effective or
    taking effect within 24 h (checked in the cache; SC.1604), 3. the customer picks the partner
    when ordering (the user confirms; nobody can check it before)."""
    sb, cache, outbox = partner
    bound = customer(sb, True).account
    both = frozenset({"bound", "picks_partner"})
    with pytest.raises(oa.OfferError) as unconfirmed:
        oa.queue_apply(outbox, request(sb, bound, "1", confirmed=frozenset({"picks_partner"})))
    assert unconfirmed.value.failure_code == "confirm_bound"
    with pytest.raises(oa.OfferError) as unconfirmed:
        oa.queue_apply(outbox, request(sb, bound, "1", confirmed=frozenset({"bound"})))
    assert unconfirmed.value.failure_code == "confirm_picks_partner"

    first = oa.queue_apply(outbox, request(sb, bound, "1", confirmed=both,
                                           start_in=timedelta(hours=12)))
    assert send(outbox, sb)[0] == [first.id]
    sync(sb, cache)
    # Condition 2: the offer just made takes effect within 24 hours, so a second is refused here…
    conditions = rules.full_discount_conditions(
        cache, bound, {product(sb).product_id}, now_of(sb))
    assert [(c.code, c.check) for c in conditions] == [
        ("bound", rules.Check.CONFIRM), ("no_offer", rules.Check.NOT_MET),
        ("picks_partner", rules.Check.CONFIRM)]
    with pytest.raises(oa.OfferError) as clash:
        oa.queue_apply(outbox, request(sb, bound, "1", confirmed=both))
    assert clash.value.failure_code == "offer_exists"
    # …and by the marketplace (SC.1604).
    again = outbox.enqueue(oa.KINDS[oa.OfferAction.APPLY].name, "new-y",
                           request(sb, bound, "1", confirmed=both).to_wire())
    assert send(outbox, sb)[1] == [again.id]
    assert outbox.get(again.id).last_error_code == "SC.1604"
    # Condition 1: a customer not bound to the partner (SC.1603), though the user confirmed.
    unbound = oa.queue_apply(outbox, request(sb, customer(sb, False).account, "1",
                                             confirmed=both))
    assert send(outbox, sb)[1] == [unbound.id]
    assert outbox.get(unbound.id).last_error_code == "SC.1603"


def test_partner_demand_create_edit_and_offer_from_the_seller_sections_3_7(partner) -> None:  # type: ignore[no-untyped-def]
    """§7 新增客户需求: the partner's demand reaches the seller 待接收; the partner edits the
    customer's basics; the seller accepts and creates the 专属优惠 (更多 > 创建专属优惠, §3), which
    locks the demand's edits."""
    sb, cache, outbox = partner
    p = product(sb)
    cust = customer(sb, True)
    created = pd.queue_create(outbox, pd.NewDemand(
        "浙江制造业客户园区平台需求", p.product_id, p.name,
        pd.CustomerBasics("浙江某制造有限公司", cust.account, "制造业", "浙江省", "王伟"),
        demand_type="新购", description="客户计划上云"))
    assert send(outbox, sb)[0] == [created.id]
    demand_id = (outbox.get(created.id).response or {})["demandId"]
    sync(sb, cache)
    with Session(cache) as s:
        d = s.get(Demand, demand_id)
        assert d is not None
        assert (d.status, d.source, d.partner_id) == (dm.PENDING_ACCEPTANCE, dm.SOURCE_PARTNER,
                                                       SELF_PARTNER_ID)
        assert d.accept_deadline is not None
    edit = pd.queue_edit_customer(outbox, demand_id, pd.CustomerBasics(
        "浙江某智能制造有限公司", cust.account, "制造业", "浙江省", "李强"))
    assert send(outbox, sb)[0] == [edit.id]
    sync(sb, cache)
    with Session(cache) as s:
        d = s.get(Demand, demand_id)
        assert d is not None and (d.customer_info or {})["customerName"] == "浙江某智能制造有限公司"
    # The seller (the same sandbox account) accepts, then creates the offer from the demand.
    accept = dm.queue_accept(outbox, demand_id)
    assert send(outbox, sb)[0] == [accept.id]
    sync(sb, cache)
    made = oa.queue_demand_offer(outbox, demand_id, request(sb, "", "0.9"))
    # Queued offline, it already locks the demand's edits.
    verdicts = dm.availability(dm.load_demand(cache, demand_id), outbox.open_for("demand",
                                                                                demand_id))
    assert verdicts[dm.DemandAction.SOLUTION].reason_code == "offer_locks"
    assert send(outbox, sb)[0] == [made.id]
    sync(sb, cache)
    d = dm.load_demand(cache, demand_id)
    assert d.offer_id and offer(cache, d.offer_id).demand_id == demand_id
    assert offer(cache, d.offer_id).customer_account == cust.account
    with pytest.raises(dm.DemandError) as locked:
        pd.queue_edit_customer(outbox, demand_id, pd.CustomerBasics("x"))
    assert locked.value.failure_code == "offer_locks"
    forced = outbox.enqueue(pd.CUSTOMER_KIND.name, demand_id,
                            {"customer": {"customerName": "x"}})
    assert send(outbox, sb)[1] == [forced.id]
    assert outbox.get(forced.id).last_error_code == "SC.1203"


def test_partner_demand_only_for_joint_operation_products_section_3(partner) -> None:  # type: ignore[no-untyped-def]
    """§3: customer demands are for 联营 products only (SC.1606); the name and customer are
    required before queuing."""
    sb, _cache, outbox = partner
    general = product(sb, "通用")
    with pytest.raises(dm.DemandError) as no_customer:
        pd.queue_create(outbox, pd.NewDemand("需求", general.product_id, general.name,
                                             pd.CustomerBasics(" ")))
    assert no_customer.value.failure_code == "no_customer"
    entry = pd.queue_create(outbox, pd.NewDemand("需求", general.product_id, general.name,
                                                 pd.CustomerBasics("某公司")))
    assert send(outbox, sb)[1] == [entry.id]
    assert outbox.get(entry.id).last_error_code == "SC.1606"
