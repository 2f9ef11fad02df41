"""What can be checked before applying for an exclusive offer (专属优惠), and what cannot.

The rules (business-rules §7 and the original material, shared/seeds):

* 优惠名称, 用户账号, 优惠有效期 and products with their discount are required; the effective time
  must be later than now.
* Within the partner's authorised discount (客户服务商授权折扣) the system approves the offer at
  once; beyond it the page says 提交特殊商务申请 ("转人工处理") and the request waits for manual
  business approval (审批中, which may be revoked). The authorised discount of a product is not
  among the records the console syncs, so the console cannot tell in advance which case applies:
  the user says whether this is a special business request, and KooGallery decides.
* A **100 % partner discount** (客户生成100%的专属优惠伙伴折扣, every product at discount 1) needs,
  in the words of the original material:

  1. 客户已与客户服务商建立绑定关系 — the customer is bound to the partner. The bindings (客户业务)
     are not synced: the console cannot check it; the user confirms it, and KooGallery refuses
     the request when it is not so (SC.1603);
  2. 客户名下无该商品已生效或24小时内即将生效的专属优惠折扣 — no offer for the product effective
     now or taking effect within 24 hours. Checked against the offers in this cache (as of the
     last sync), and again by KooGallery (SC.1604);
  3. 客户认可渠道伙伴在交易过程中的服务并在下单界面选择与之绑定 — the customer picks the partner on
     the order page. That is the customer's act when ordering: nobody can check it before; the
     user confirms they have agreed it with the customer.

:func:`full_discount_conditions` gives each condition's state in that order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models.partner import ExclusiveOffer

UNDER_APPROVAL = "审批中"
EFFECTIVE = "已生效"
REVOKED = "已撤销"
REJECTED = "已驳回"
EXPIRED = "已过期"
FULL = Decimal("1")
#: Condition 2's horizon: an offer taking effect within this time counts as effective.
SOON = timedelta(hours=24)


class Check(StrEnum):
    """How a condition stands: met or not (checked in the cache), or for the user to confirm."""

    MET = "met"
    NOT_MET = "not_met"
    CONFIRM = "confirm"  # the console cannot check it: the user confirms


@dataclass(frozen=True)
class Condition:
    """One condition of the 100 % partner discount: ``code`` (bound, no_offer, picks_partner),
    its state, and the offer that clashes (condition 2)."""

    code: str
    check: Check
    clash: str = ""


#: The conditions in English (the CLI and the logs; the window has its own words by code).
CONDITION_TEXT = {
    "bound": "The customer is already bound to you (客户已与客户服务商建立绑定关系). The console "
             "cannot see your bindings; KooGallery checks it when you apply.",
    "no_offer": "The customer has no exclusive offer for this product that is effective or takes "
                "effect within 24 hours (checked in this cache as of the last sync; KooGallery "
                "checks it again).",
    "picks_partner": "The customer picks you on the order page when ordering (在下单界面选择与之"
                     "绑定). Nobody can check this before the order; agree it with the customer.",
}


def is_full_discount(discounts: list[Decimal]) -> bool:
    """A 100 % partner discount: every product at discount 1."""
    return bool(discounts) and all(d == FULL for d in discounts)


def clashing_offer(engine: Engine, account: str, product_ids: set[str],
                   now: datetime) -> str | None:
    """An offer in the cache of ``account`` for one of ``product_ids`` effective at ``now`` or
    taking effect within 24 hours (condition 2), or None."""
    q = select(ExclusiveOffer).where(ExclusiveOffer.customer_account == account,
                                     ExclusiveOffer.status == EFFECTIVE,
                                     ExclusiveOffer.valid_to > now,
                                     ExclusiveOffer.valid_from <= now + SOON)
    with Session(engine) as s:
        for offer in s.scalars(q.order_by(ExclusiveOffer.valid_from)):
            if product_ids & {str(p.get("productId")) for p in offer.products or []}:
                return offer.id
    return None


def full_discount_conditions(engine: Engine, account: str, product_ids: set[str],
                             now: datetime) -> list[Condition]:
    """The three conditions of the 100 % partner discount, in the original's order."""
    clash = clashing_offer(engine, account, product_ids, now)
    return [Condition("bound", Check.CONFIRM),
            Condition("no_offer", Check.NOT_MET if clash else Check.MET, clash or ""),
            Condition("picks_partner", Check.CONFIRM)]
