"""Words the Supervision area shows for codes: whose turn, column titles, availability reasons,
pre-flight findings and deadlines (context ``SupervisionLabels``).

The services speak in stable codes with English messages (``app.services.supervision.actions.REASONS``,
``app.services.supervision.preflight.MESSAGES``); the same English text is marked here with
``QT_TRANSLATE_NOOP`` so lupdate finds it, and a test keeps the two in step. Huawei's own strings
(node names, 联营/通用, 赋能云, action names) are shown as the server sent them (business-rules
§8.7): they are the seller's words in either language.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.services.supervision.preflight import Finding
from app.views.i18n import QT_TRANSLATE_NOOP, translate

CONTEXT = "SupervisionLabels"

OWNERS: dict[str, str] = {
    "buyer": QT_TRANSLATE_NOOP("SupervisionLabels", "Buyer"),
    "seller": QT_TRANSLATE_NOOP("SupervisionLabels", "Seller (you)"),
    "platform": QT_TRANSLATE_NOOP("SupervisionLabels", "Huawei Cloud"),
    "system": QT_TRANSLATE_NOOP("SupervisionLabels", "System"),
    "none": QT_TRANSLATE_NOOP("SupervisionLabels", "Nobody (complete)"),
}

#: (key, English title) of the task list's columns.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("task", QT_TRANSLATE_NOOP("SupervisionLabels", "Task")),
    ("node", QT_TRANSLATE_NOOP("SupervisionLabels", "Node")),
    ("owner", QT_TRANSLATE_NOOP("SupervisionLabels", "Whose turn")),
    ("since", QT_TRANSLATE_NOOP("SupervisionLabels", "Since")),
    ("customer", QT_TRANSLATE_NOOP("SupervisionLabels", "Customer")),
    ("product", QT_TRANSLATE_NOOP("SupervisionLabels", "Product")),
    ("order", QT_TRANSLATE_NOOP("SupervisionLabels", "Order")),
    ("class", QT_TRANSLATE_NOOP("SupervisionLabels", "Class")),
    ("type", QT_TRANSLATE_NOOP("SupervisionLabels", "Type")),
    ("scenario", QT_TRANSLATE_NOOP("SupervisionLabels", "Scenario")),
    ("appeal", QT_TRANSLATE_NOOP("SupervisionLabels", "Appeal")),
    ("amount", QT_TRANSLATE_NOOP("SupervisionLabels", "Amount")),
)
#: ``app.services.supervision.actions.REASONS``, for translation.
REASONS: dict[str, str] = {
    "frozen": QT_TRANSLATE_NOOP("SupervisionLabels", "An appeal is open on this task: nothing can "
                                "be done until the platform decides."),
    "done": QT_TRANSLATE_NOOP("SupervisionLabels", "Supervision of this order is complete."),
    "not_at_node": QT_TRANSLATE_NOOP("SupervisionLabels", "Not possible at the current node "
                                     "({node})."),
    "waiting": QT_TRANSLATE_NOOP("SupervisionLabels", "An earlier action on this task is waiting "
                                 "in the outbox; wait until it is sent."),
    "appeal_open": QT_TRANSLATE_NOOP("SupervisionLabels", "An appeal on this task is already "
                                     "being handled."),
}

#: ``app.services.supervision.preflight.MESSAGES``, for translation.
FINDINGS: dict[str, str] = {
    "missing": QT_TRANSLATE_NOOP("SupervisionLabels", "The file cannot be found (any more)."),
    "unreadable": QT_TRANSLATE_NOOP("SupervisionLabels", "The file cannot be read: {reason}."),
    "empty": QT_TRANSLATE_NOOP("SupervisionLabels", "The file is empty."),
    "type_not_allowed": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Files of type .{ext} are not accepted; accepted types: {allowed}."),
    "too_large": QT_TRANSLATE_NOOP("SupervisionLabels",
                                   "The file is {size} MB; the limit is {limit} MB per file."),
    "content_mismatch": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The file's content is not a .{ext} file (it looks like {actual})."),
    "document_unreadable": QT_TRANSLATE_NOOP("SupervisionLabels",
                                             "The document cannot be opened: {reason}."),
    "document_encrypted": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The PDF is password-protected; the reviewer cannot open it."),
    "document_no_text": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "No text could be read from the document (a scan?); its content "
        "could not be checked."),
    "document_truncated": QT_TRANSLATE_NOOP("SupervisionLabels",
                                            "Only the first {pages} pages were checked."),
    "no_document": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "There is no PDF or DOCX acceptance document whose text could be "
        "checked (customer, product and specification names)."),
    "legacy_format": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The content of .{ext} files cannot be checked; a PDF or DOCX copy "
        "can."),
    "customer_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The customer's name ({expected}) does not appear in the acceptance "
        "documents."),
    "product_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The product name “{expected}” does not appear in the acceptance "
        "documents."),
    "sku_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The specification “{expected}” does not appear in the acceptance "
        "documents."),
    "screenshots_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "基地云 deliveries need at least {minimum} screenshots or remote-"
        "delivery records; found {found} screenshot(s) and no record."),
    "screenshots_uncounted": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "基地云 deliveries need at least {minimum} screenshots; found "
        "{found}, and images inside RAR archives cannot be counted."),
    "signature_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "No signature block of the {party} was found (赋能云: the seller, "
        "the Huawei project team and the customer all sign)."),
    "resource_order_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "No Huawei Cloud resource order number was found (赋能云 "
        "License-deployment products must state it)."),
    "resource_screenshot_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "No screenshot of the Huawei Cloud resource order was found (赋能云 "
        "License-deployment products need one)."),
    "image_unreadable": QT_TRANSLATE_NOOP("SupervisionLabels",
                                          "The image cannot be read: {reason}."),
    "image_too_small": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The image is only {width}×{height} pixels: too small to be a "
        "readable screenshot."),
    "authorization_screenshot_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "赋能云 deliveries need the industry-cloud platform's "
        "user-authorization screenshot (…业云平台用户授权截图); no image was found among the "
        "files."),
    "authorization_screenshot_check": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Found {found} image(s). Whether one is the industry-cloud "
        "platform's user-authorization screenshot only a person can judge: check it before "
        "delivering."),
    "feature_screenshot_check": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "基地云: whether a screenshot shows the working feature page with "
        "the customer's name ({expected}) only a person can judge: check it before delivering."),
    "template_unreadable": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The product's delivery template (商品交付模板) {template} cannot be "
        "read: {reason}."),
    "template_items_missing": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Items of the product's delivery template (商品交付模板) do not "
        "appear in the acceptance documents: {missing}."),
    "template_followed": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Every item of the product's delivery template (商品交付模板, "
        "{count} items) appears in the acceptance documents; whether what is written meets the "
        "standard only a person can judge."),
    "template_not_registered": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "{product_class} {delivery_type} products need a delivery template "
        "(商品交付模板); save your copy as {expected} to have the acceptance documents checked "
        "against it."),
}

PARTIES: dict[str, str] = {
    "seller": QT_TRANSLATE_NOOP("SupervisionLabels", "seller"),
    "Huawei project team": QT_TRANSLATE_NOOP("SupervisionLabels", "Huawei project team"),
    "customer": QT_TRANSLATE_NOOP("SupervisionLabels", "customer"),
}

DEADLINES: dict[str, str] = {
    "buyer_idle": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The buyer has had this node for 5 days: you may appeal (old rule, "
        "a hint)"),
    "seller_idle": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Your node idle for 5 days: the buyer may appeal (old rule, a hint)"),
    "unaccepted_reminder": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "180 days since the order: KooGallery reminds the buyer's Huawei BD "
        "and you"),
    "buyer_rejections": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The buyer rejected more than 3 times: you may appeal (old rule, a "
        "hint)"),
    "seller_rejections": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "You rejected more than 3 times: the buyer may appeal (old rule, a "
        "hint)"),
    "hardware_auto_accept": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Hardware auto-acceptance, 10 days after the parcel was signed for"),
    "hardware_phone_mismatch": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Signed for, but the courier's recipient phone differs from the "
        "buyer's: KooGallery will not accept automatically. Remind the buyer to confirm "
        "acceptance; if they never do, appeal with the delivery proof and the 申诉介入处理承诺函."),
    "hardware_phone_unknown": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Signed for; whether the courier's recipient phone matches the "
        "buyer's is not known, so automatic acceptance after 10 days is not certain. Ask the "
        "buyer to confirm acceptance."),
    "appeal_decision": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The platform decides the appeal (3 working days)"),
    "return_acceptance": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The returned goods await your acceptance: confirm them or mark "
        "验收异常 within 15 days, or the system accepts them and unsubscribes the order"),
    "refund_approval": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "The buyer asks for a negotiated refund (协商退订): approve or "
        "refuse it (no time limit is documented)"),
}

#: ``app.services.supervision.refunds.RefundState`` values.
REFUND_STATES: dict[str, str] = {
    "awaiting_approval": QT_TRANSLATE_NOOP("SupervisionLabels", "Waiting for your approval"),
    "approved": QT_TRANSLATE_NOOP("SupervisionLabels", "Approved: order unsubscribed"),
    "refused": QT_TRANSLATE_NOOP("SupervisionLabels", "Refused"),
    "returning": QT_TRANSLATE_NOOP("SupervisionLabels", "Goods on their way back"),
    "awaiting_return_acceptance": QT_TRANSLATE_NOOP(
        "SupervisionLabels", "Returned (待验收): accept or mark 验收异常"),
    "return_accepted": QT_TRANSLATE_NOOP("SupervisionLabels",
                                         "Return accepted: order unsubscribed"),
    "return_exception": QT_TRANSLATE_NOOP("SupervisionLabels",
                                          "验收异常: the platform looks into it"),
}

#: ``kind`` of a file on the record (the sandbox's and this project's contract, docs/api.md).
FILE_KINDS: dict[str, str] = {
    "requirement": QT_TRANSLATE_NOOP("SupervisionLabels", "Requirement"),
    "acceptance": QT_TRANSLATE_NOOP("SupervisionLabels", "Acceptance file"),
    "proof": QT_TRANSLATE_NOOP("SupervisionLabels", "Screenshot / proof"),
    "appeal": QT_TRANSLATE_NOOP("SupervisionLabels", "Appeal evidence"),
    "refund": QT_TRANSLATE_NOOP("SupervisionLabels", "Return evidence"),
}

ACTIONS: dict[str, str] = {
    "confirm": QT_TRANSLATE_NOOP("SupervisionLabels", "Confirm Requirement"),
    "reject": QT_TRANSLATE_NOOP("SupervisionLabels", "Reject"),
    "deliver": QT_TRANSLATE_NOOP("SupervisionLabels", "Deliver"),
    "appeal": QT_TRANSLATE_NOOP("SupervisionLabels", "Appeal"),
}


def tr(text: str) -> str:
    return translate(CONTEXT, text)


def fill(template: str, params: Mapping[str, str]) -> str:
    """``template``'s ``{name}`` fields filled; a field it lacks is left out, never an error."""
    out = template
    for key, value in params.items():
        out = out.replace("{" + key + "}", value)
    return out


def refund_state(raw: str) -> str:
    return tr(REFUND_STATES[raw]) if raw in REFUND_STATES else raw


def owner(raw: str) -> str:
    return tr(OWNERS[raw]) if raw in OWNERS else raw


def file_kind(raw: str) -> str:
    return tr(FILE_KINDS[raw]) if raw in FILE_KINDS else raw


def reason(code: str, english: str, node: str = "") -> str:
    """An availability reason in the interface language (the service's English if unknown)."""
    return fill(tr(REASONS[code]), {"node": node}) if code in REASONS else english


def finding(f: Finding) -> str:
    """A pre-flight finding in the interface language."""
    params = dict(f.params)
    if "party" in params:
        params["party"] = tr(PARTIES.get(params["party"], params["party"]))
    return fill(tr(FINDINGS[f.code]), params) if f.code in FINDINGS else f.message
