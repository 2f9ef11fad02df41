"""The interface watchdog: KooGallery's failed calls to the seller's production interface (生产接口消息).

What KooGallery does when the seller's production interface fails (interfaces.md §2.11):

* it retries the call for a while: about **3 hours** for ``newInstance``, ``upgradeInstance`` and
  ``orderNotify``, about **1 hour** for ``refreshInstance``, ``updateInstanceStatus`` and
  ``releaseInstance`` (that length is UNCONFIRMED). The message carries KooGallery's own end of the
  window (``retryUntil``); :data:`RETRY_WINDOWS` is used only for a message without one, and the
  item then says the end is an estimate;
* a ``newInstance`` still failing when the window ends is unsubscribed and **refunded
  automatically** (the seller loses the sale); any other activity simply stops being retried:
  the buyer's renewal, freeze, release or upgrade stays undone until the seller fixes the interface
  and calls it again (重新启动, 卖家中心 > 生产接口消息);
* frequent failures get the product **delisted**; one rule says more than 5 failed orders in a
  month (UNCONFIRMED, so the number is a setting: :class:`Policy`). KooGallery counts its months in
  Beijing time, so :func:`monthly_failures` does too.

:func:`watch_list` lists every message with the cliff it runs towards, sorted by that cliff (the
open retry windows first, the one that runs out soonest on top); :func:`monthly_failures` counts
the failed orders per product and Beijing month against the threshold; :func:`queue_call_again`
queues 重新启动 in the outbox (kind :data:`CALL_AGAIN_KIND`).

The statuses are the web console's: 重试中 (KooGallery is retrying), 失败 (retries ran out),
成功 (a retry succeeded), 已重新启动 (the seller called it again).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models.integration import InterfaceMessage
from app.models.orders import Order
from app.models.outbox import OPEN_STATES, OutboxEntry
from app.services import verdicts
from app.services.outbox.queue import ActionKind, EntryView, Outbox
from app.services.supervision.query import BEIJING

TARGET = "interface_message"
MESSAGES_PATH = "/v1/seller/interface_messages"

RETRYING = "重试中"
FAILED = "失败"
SUCCEEDED = "成功"
RESTARTED = "已重新启动"
STATUSES = (RETRYING, FAILED, SUCCEEDED, RESTARTED)

NEW_INSTANCE = "newInstance"
ACTIVITIES = ("newInstance", "refreshInstance", "updateInstanceStatus", "releaseInstance",
              "upgradeInstance", "changeInstanceCheck", "orderNotify", "queryInstance")

#: 重新启动: KooGallery calls the seller's production interface again for this message.
CALL_AGAIN_KIND = ActionKind("interface.call_again", TARGET, "POST",
                             MESSAGES_PATH + "/{target_id}/restart", "Call again", priority=60)
KINDS = {"call_again": CALL_AGAIN_KIND}


@dataclass(frozen=True)
class RetryWindow:
    """How long KooGallery retries a failed call; ``confirmed`` False: the docs are unsure."""

    hours: float
    confirmed: bool


#: KooGallery's retry window per activity (interfaces.md §2.11), used when a message does not say
#: when its retries end. The 1-hour windows are UNCONFIRMED (one SaaS-center page says "called once").
RETRY_WINDOWS: dict[str, RetryWindow] = {
    "newInstance": RetryWindow(3, True),
    "upgradeInstance": RetryWindow(3, True),
    "orderNotify": RetryWindow(3, True),
    "refreshInstance": RetryWindow(1, False),
    "updateInstanceStatus": RetryWindow(1, False),
    "releaseInstance": RetryWindow(1, False),
}
#: An activity the table does not know (UNCONFIRMED): the shorter window, so the alert is early.
DEFAULT_WINDOW = RetryWindow(1, False)


@dataclass(frozen=True)
class Policy:
    """The delisting rule (interfaces.md §2.11: "more than 5 failed orders in a month",
    UNCONFIRMED): a product with more than ``threshold`` failed orders in one Beijing month risks
    delisting; from ``alert_at`` failed orders on, the console warns. Settings hold the values."""

    threshold: int = 5
    alert_at: int = 4


class Cliff(StrEnum):
    """What happens when the retry window of a message runs out."""

    REFUND = "refund"  # newInstance: the order is unsubscribed and refunded automatically
    RETRIES_STOP = "retries_stop"  # any other activity: no more retries; call it again


class Stage(StrEnum):
    """Where a message stands, most pressing first."""

    RETRYING = "retrying"  # KooGallery still retries; the cliff is ahead
    CALL_AGAIN = "call_again"  # retries ran out on a non-newInstance call: the seller must act
    REFUNDED = "refunded"  # a newInstance ran out: the order was refunded
    RESOLVED = "resolved"  # a retry succeeded, or the seller called it again


STAGE_ORDER = (Stage.RETRYING, Stage.CALL_AGAIN, Stage.REFUNDED, Stage.RESOLVED)
#: The stages that need the seller (the navigation counts them).
NEEDS_ACTION = frozenset({Stage.RETRYING, Stage.CALL_AGAIN})


def retry_window(activity: str) -> RetryWindow:
    return RETRY_WINDOWS.get(activity, DEFAULT_WINDOW)


def cliff_of(activity: str) -> Cliff:
    """§2.11: only a failed newInstance is refunded; the rest stop being retried."""
    return Cliff.REFUND if activity == NEW_INSTANCE else Cliff.RETRIES_STOP


def beijing_month(t: datetime) -> str:
    """The Beijing calendar month (``2026-03``) a call falls in: KooGallery's month."""
    return t.astimezone(BEIJING).strftime("%Y-%m")


def next_beijing_month(month: str) -> datetime:
    """When KooGallery's count for ``month`` starts again (the next month's first Beijing midnight),
    in UTC."""
    year, mon = (int(x) for x in month.split("-"))
    year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return datetime(year, mon, 1, tzinfo=BEIJING).astimezone(UTC)


@dataclass(frozen=True)
class WatchItem:
    """One message with its cliff. ``retry_until`` is UTC (KooGallery's, or estimated from the call
    time when ``estimated``); ``month_failures`` is the product's failed orders in the Beijing month
    of the call; ``queued``: a call-again waits in the outbox."""

    message: InterfaceMessage
    product_name: str | None
    retry_until: datetime
    estimated: bool
    cliff: Cliff
    stage: Stage
    month: str
    month_failures: int
    queued: bool

    @property
    def id(self) -> str:
        return self.message.id

    @property
    def needs_action(self) -> bool:
        return self.stage in NEEDS_ACTION

    def time_left(self, now: datetime) -> timedelta:
        return self.retry_until - now


def _stage(message: InterfaceMessage, retry_until: datetime, now: datetime) -> Stage:
    if message.status in (SUCCEEDED, RESTARTED):
        return Stage.RESOLVED
    ran_out = message.status == FAILED or retry_until <= now
    if not ran_out:
        return Stage.RETRYING
    return Stage.REFUNDED if cliff_of(message.activity) is Cliff.REFUND else Stage.CALL_AGAIN


def _retry_until(message: InterfaceMessage) -> tuple[datetime, bool]:
    if message.retry_until is not None:
        return message.retry_until, False
    return message.call_time + timedelta(hours=retry_window(message.activity).hours), True


def _failure_key(message: InterfaceMessage) -> str:
    """One failed order counts once, however many of its calls failed (§2.11 counts orders)."""
    return message.order_id or message.id


@dataclass(frozen=True)
class ProductMonth:
    """A product's failed orders in one Beijing month, against the delisting rule."""

    product_id: str
    product_name: str | None
    month: str
    failures: int
    threshold: int
    alert_at: int

    @property
    def over(self) -> bool:
        """More than the threshold: delisting may follow (§2.11)."""
        return self.failures > self.threshold

    @property
    def near(self) -> bool:
        """At or past the alert level (and not yet over)."""
        return not self.over and self.failures >= self.alert_at

    @property
    def left(self) -> int:
        """How many more failed orders this month the rule allows (0 when over)."""
        return max(0, self.threshold - self.failures)


def _product_names(session: Session, messages: list[InterfaceMessage]) -> dict[str, str]:
    """Product names by product id, from the orders the cache holds for these messages."""
    order_ids = {m.order_id for m in messages if m.order_id}
    names: dict[str, str] = {}
    ids = sorted(order_ids)
    for start in range(0, len(ids), 500):
        q = select(Order.product_id, Order.product_name).where(Order.id.in_(ids[start:start + 500]))
        for pid, name in session.execute(q):
            if pid and name:
                names.setdefault(pid, name)
    return names


def _load(engine: Engine) -> tuple[list[InterfaceMessage], dict[str, str], set[str]]:
    with Session(engine, expire_on_commit=False) as session:
        messages = list(session.execute(select(InterfaceMessage)).scalars())
        names = _product_names(session, messages)
        queued = set(session.execute(select(OutboxEntry.target_id).where(
            OutboxEntry.target_type == TARGET, OutboxEntry.state.in_(OPEN_STATES))).scalars())
        session.expunge_all()
    return messages, names, queued


def _count(messages: list[InterfaceMessage]) -> dict[tuple[str, str], int]:
    orders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in messages:
        orders[(m.product_id or "", beijing_month(m.call_time))].add(_failure_key(m))
    return {k: len(v) for k, v in orders.items()}


def monthly_failures(engine: Engine, policy: Policy | None = None,
                     month: str | None = None) -> list[ProductMonth]:
    """Failed orders per product and Beijing month (only ``month`` when given), the most failures
    first. Every message counts, also one whose retry later succeeded: KooGallery saw the call
    fail (which failures its rule counts is UNCONFIRMED; this is the cautious reading). The cache
    holds the messages KooGallery still lists; one it removed no longer counts."""
    policy = policy or Policy()
    messages, names, _queued = _load(engine)
    found = [ProductMonth(pid, names.get(pid), mon, n, policy.threshold, policy.alert_at)
             for (pid, mon), n in _count(messages).items() if month is None or mon == month]
    return sorted(found, key=lambda p: (-p.failures, p.month, p.product_id))


def _sort_key(item: WatchItem) -> tuple[int, float]:
    rank = STAGE_ORDER.index(item.stage)
    t = item.retry_until.timestamp()
    # Open windows: the soonest cliff first; ran out or resolved: the latest first.
    return rank, (t if item.stage in NEEDS_ACTION else -t)


def watch_list(engine: Engine, now: datetime | None = None,
               stages: frozenset[Stage] | None = None) -> list[WatchItem]:
    """Every message the cache holds with its cliff, sorted by that cliff (see the module)."""
    now = now or datetime.now(UTC)
    messages, names, queued = _load(engine)
    counts = _count(messages)
    items = []
    for m in messages:
        until, estimated = _retry_until(m)
        stage = _stage(m, until, now)
        if stages is not None and stage not in stages:
            continue
        month = beijing_month(m.call_time)
        items.append(WatchItem(m, names.get(m.product_id or ""), until, estimated,
                               cliff_of(m.activity), stage, month,
                               counts[(m.product_id or "", month)], m.id in queued))
    return sorted(items, key=_sort_key)


def needing_action(engine: Engine, now: datetime | None = None) -> int:
    """How many messages need the seller now (the navigation's number)."""
    return len(watch_list(engine, now, NEEDS_ACTION))


def find(engine: Engine, message_id: str, now: datetime | None = None) -> WatchItem:
    """One message with its cliff (WatchdogError when the cache has none of that id)."""
    for item in watch_list(engine, now):
        if item.id == message_id:
            return item
    raise WatchdogError(f"There is no interface message {message_id} in this cache; sync first.",
                        failure_code="unknown_message", params={"id": message_id})


# -- 重新启动 (call again) --------------------------------------------------------------------------


class CallAgain(StrEnum):
    CALL_AGAIN = "call_again"


#: Why calling again is not possible (stable codes; English for the CLI and logs).
REASONS = {
    "resolved": "This call already succeeded or was called again; there is nothing to call again.",
    "refunded": "The retries of this newInstance ran out: KooGallery unsubscribed and refunded the "
                "order, so calling it again would provision an instance nobody pays for.",
    "waiting": "A call-again of this message is waiting in the outbox; wait until it is sent.",
}


class WatchdogError(verdicts.ActionRefused):
    """A call-again that cannot be queued, or a message the cache does not hold."""


Availability = verdicts.Availability[CallAgain]


def availability(item: WatchItem) -> Availability:
    """Whether the seller may call ``item`` again now (重新启动), and why not. Allowed while
    KooGallery still retries (after a fix, not waiting for its next retry saves the order) and
    after the retries ran out, except for a refunded newInstance."""
    action = CallAgain.CALL_AGAIN
    if item.queued:
        return verdicts.refused(action, "waiting", REASONS)
    if item.stage is Stage.RESOLVED:
        return verdicts.refused(action, "resolved", REASONS)
    if item.stage is Stage.REFUNDED:
        return verdicts.refused(action, "refunded", REASONS)
    return verdicts.allowed(action, "重新启动")


def queue_call_again(outbox: Outbox, message_id: str) -> EntryView:
    """Queue 重新启动 for one message (the marketplace re-checks the same rule)."""
    item = find(outbox.engine, message_id, outbox.now())
    verdict = availability(item)
    if not verdict.allowed:
        raise verdicts.refusal(verdict, WatchdogError)
    m = item.message
    about = " ".join(x for x in (m.activity, m.order_id or m.instance_id or "") if x)
    return outbox.enqueue(CALL_AGAIN_KIND.name, message_id, {},
                          summary=f"重新启动 {message_id} ({about})")
