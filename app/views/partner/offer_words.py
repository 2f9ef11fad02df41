"""The words of the exclusive-offer (专属优惠) and partner-demand refusals in the window, by the
services' reason codes (``app.services.offers.actions.REASONS``, ``app.services.demands.partner.
REASONS``, ``app.services.demands.actions.REASONS``), and of the 100 % partner-discount conditions
(``app.services.offers.rules``)."""

from __future__ import annotations

from collections.abc import Mapping

from app.services.offers import rules
from app.views.i18n import translate


def reason_text(code: str, params: Mapping[str, str] | None = None, fallback: str = "") -> str:
    """Why an offer or partner-demand action is not possible, in the user's language."""
    words = {
        "no_name": translate("OfferWords", "The offer needs a name (优惠名称); the customer sees "
                                           "it."),
        "no_account": translate("OfferWords", "Enter the customer's account (用户账号): only that "
                                              "account can use the offer."),
        "starts_past": translate("OfferWords", "The effective time must be later than now."),
        "ends_first": translate("OfferWords", "The offer must end after it starts."),
        "no_products": translate("OfferWords", "Add at least one product with its discount."),
        "bad_discount": translate("OfferWords", "%1: the discount must be more than 0 and at "
                                                "most 1 (1 = list price)."),
        "no_reason": translate("OfferWords", "A special business request (转人工处理) needs a "
                                             "reason for the approver."),
        "offer_exists": translate("OfferWords", "A 100% partner discount is not possible: the "
                                                "customer has exclusive offer %1 for this "
                                                "product, effective now or within 24 hours."),
        "confirm_bound": translate("OfferWords", "Confirm that the customer is bound to you "
                                                 "(condition 1)."),
        "confirm_picks_partner": translate("OfferWords", "Confirm that you agreed with the "
                                                         "customer to pick you on the order page "
                                                         "(condition 3)."),
        "not_under_approval": translate("OfferWords", "Only an offer under approval (审批中) can "
                                                      "be revoked."),
        "waiting": translate("OfferWords", "An earlier action on this record is waiting in the "
                                           "outbox; wait until it is sent."),
        "unknown_offer": translate("OfferWords", "This offer is not in the cache; sync first."),
        "no_customer": translate("OfferWords", "The customer's name (客户名称) is required."),
        "no_demand_name": translate("OfferWords", "The demand needs a name (客户需求名称)."),
        "no_product": translate("OfferWords", "Choose the seller's joint-operation (联营) "
                                              "product."),
        "not_partner": translate("OfferWords", "Only a demand a partner (客户服务商) submitted can "
                                               "be edited."),
        "not_open": translate("OfferWords", "Only a demand waiting for acceptance or in "
                                            "conversion can be edited."),
        "offer_locks": translate("OfferWords", "An exclusive offer (专属优惠) exists for this "
                                               "demand: its details are locked."),
        "not_converting": translate("OfferWords", "An exclusive offer is created for a demand in "
                                                  "conversion (需求转化中)."),
    }.get(code)
    if words is None:
        return fallback
    values = dict(params or {})
    first = values.get("product") or values.get("offer") or values.get("status") or ""
    return words.replace("%1", first)


def condition_text(code: str) -> str:
    """One condition of the 100 % partner discount (original material), with who checks it."""
    return {
        "bound": translate("OfferWords", "1. The customer is already bound to you (客户已与客户服务商"
                                         "建立绑定关系). The console cannot see your bindings; "
                                         "KooGallery checks it when you apply."),
        "no_offer": translate("OfferWords", "2. The customer has no exclusive offer for this "
                                            "product that is effective or takes effect within 24 "
                                            "hours (checked in this cache as of the last sync; "
                                            "KooGallery checks it again)."),
        "picks_partner": translate("OfferWords", "3. The customer picks you on the order page "
                                                 "when ordering (在下单界面选择与之绑定). Nobody can "
                                                 "check this before the order: agree it with the "
                                                 "customer."),
    }[code]


def check_text(condition: rules.Condition) -> str:
    if condition.check is rules.Check.MET:
        return translate("OfferWords", "Met")
    if condition.check is rules.Check.NOT_MET:
        return translate("OfferWords", "Not met: offer %1").replace("%1", condition.clash)
    return translate("OfferWords", "You confirm")
