"""The sandbox clock and what happens when it moves (``POST /_sandbox/advance``).

Every generated record is a pure function of its key and of "now", so moving the clock from t0 to t1
means: rebuild, as of t1, every record that could still change (the store marks them ``live``), store
those whose bytes differ (each gets a new seq), add what arrived in between (new orders at about
orders/730 a day, new demands and offers), run the bill runs whose date was crossed (the 3rd of each
month, for the previous period), and delete the interface messages that got resolved (tombstones).
Buyers submitting requirements and accepting deliveries, 待接收 demands closing after 5 days, bills
moving to 待开票 with an invoice notice: all of it falls out of rebuilding the live records.

One advance is one write transaction: a reader sees all of it or none of it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from app.sandbox.data.catalog import World
from app.sandbox.data.demands import (
    build_demand,
    build_offer,
    demand_count,
    offer_count,
)
from app.sandbox.data.finance import (
    INVOICE_IN_REVIEW,
    PAID,
    PAY_WORKING_DAYS,
    VERIFY_WORKING_DAYS,
    BillItem,
    bill_at,
    notice_id_of,
    partner_bill,
    run_bills,
)
from app.sandbox.data.generate import BILLED, dumps, partner_periods
from app.sandbox.data.orders import BuiltOrder, build_order
from app.sandbox.data.rand import Stream, mix
from app.sandbox.data.timeutil import (
    DAY,
    HOUR,
    bill_run_ts,
    from_hw,
    hw,
    next_period,
    period_of,
    plus_working_days,
    quarter_of,
    to_dt,
    to_ts,
)
from app.sandbox.manual_tasks import MANUAL, hand_order_to_user
from app.sandbox.manual_tasks import advance as advance_manual
from app.sandbox.store import RecordStore, Writer, listed

SALT_ADVANCE = 61
MAX_HOURS = 24 * 366 * 2

META_CLOCK = "clock"
META_NEXT_ORDER = "next_order_index"
META_NEXT_DEMAND = "next_demand_index"
META_NEXT_OFFER = "next_offer_index"


@dataclass
class Summary:
    """What one advance changed."""

    counts: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)  # records given a new seq, per collection
    bills_created: list[str] = field(default_factory=list)

    def to_json(self, t0: int, t1: int, hours: float) -> dict[str, Any]:
        return {
            "from": to_dt(t0).isoformat(), "to": to_dt(t1).isoformat(), "hours": hours,
            **{k: self.counts[k] for k in sorted(self.counts)},
            "bills_created": self.bills_created,
            "changed": {k: self.changed[k] for k in sorted(self.changed)},
        }


def _poisson(s: Stream, mean: float) -> int:
    """A Poisson draw (normal approximation for large means)."""
    if mean <= 0:
        return 0
    if mean < 50:
        limit, k, p = math.exp(-mean), 0, 1.0
        while True:
            p *= s.random()
            if p <= limit:
                return k
            k += 1
    u1, u2 = max(s.random(), 1e-12), s.random()
    normal = math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
    return max(0, round(mean + math.sqrt(mean) * normal))


class Simulator:
    """Moves the sandbox clock of one store. Not thread-safe by itself: the server serialises calls."""

    def __init__(self, world: World, store: RecordStore) -> None:
        self.world = world
        self.store = store

    @property
    def now(self) -> int:
        value = self.store.meta(META_CLOCK)
        return int(value) if value is not None else to_ts(self.world.start)

    def now_datetime(self) -> datetime:
        return to_dt(self.now)

    def advance(self, hours: float) -> dict[str, Any]:
        """Move the clock forward by ``hours`` and apply everything that happens meanwhile."""
        if not (0 < hours <= MAX_HOURS) or math.isnan(hours):
            raise ValueError(f"hours must be in (0, {MAX_HOURS}]")
        t0 = self.now
        t1 = t0 + max(1, round(hours * HOUR))
        summary = Summary()
        with self.store.transaction() as w:
            self._new_orders(w, t0, t1, summary)
            self._live_orders(w, t1, summary)
            self._demands_and_offers(w, t0, t1, summary)
            self._bill_runs(w, t0, t1, summary)
            self._live_bills(w, t1, summary)
            self._manual_tasks(w, t1, summary)
            w.set_meta(META_CLOCK, str(t1))
        return summary.to_json(t0, t1, hours)

    # -- orders ------------------------------------------------------------------------------------

    def _store_order(self, w: Writer, built: BuiltOrder, gen: str, aux: str | None,
                     summary: Summary, is_new: bool) -> None:
        order = built.order
        oid = order["orderId"]
        stored = None if is_new else w.get("orders", oid)
        if built.bill_period is not None and (aux is None or aux == ""):
            aux = built.bill_period
        payload = dumps(order)
        shown = listed("orders", payload)  # 按需 orders are kept, not listed (§4): not counted
        if is_new and shown:
            summary.counts["new_orders"] += 1
        if stored is None or stored.payload != payload:
            w.put("orders", oid, payload, built.live, gen, aux)
            summary.changed["orders"] += shown
            if not is_new and stored is not None and shown:
                summary.counts["orders_updated"] += 1
                if _field(stored.payload, "orderStatus") != "已完成" \
                        and order["orderStatus"] == "已完成":
                    summary.counts["orders_completed"] += 1
        elif stored.live != built.live or stored.aux != aux:
            w.set_flags("orders", oid, built.live, aux)
        for task in built.tasks:
            old = None if is_new else w.get("supervision_tasks", task["taskId"])
            if old is not None and old.gen == MANUAL:
                continue  # the console acted on it: the user drives it now (manual_tasks)
            payload = dumps(task)
            if old is None or old.payload != payload:
                w.put("supervision_tasks", task["taskId"], payload)
                summary.changed["supervision_tasks"] += 1
                if old is None:
                    summary.counts["tasks_created"] += 1
                elif _field(old.payload, "node") != task["node"]:
                    summary.counts["tasks_moved"] += 1
                else:
                    summary.counts["tasks_updated"] += 1
        for message, deleted in built.messages:
            mid = message["messageId"]
            old = None if is_new else w.get("interface_messages", mid)
            if old is not None and old.gen == MANUAL:
                continue  # the seller called it again: the user drives it now
            if deleted is not None:
                if old is not None and not old.deleted and w.delete(
                        "interface_messages", mid, hw(deleted)):
                    summary.changed["interface_messages"] += 1
                    summary.counts["interface_messages_deleted"] += 1
                continue
            payload = dumps(message)
            if old is None or old.payload != payload:
                w.put("interface_messages", mid, payload)
                summary.changed["interface_messages"] += 1
                summary.counts["interface_messages_created" if old is None
                               else "interface_messages_updated"] += 1
        if built.customer_invoice is not None:
            req = built.customer_invoice
            old = None if is_new else w.get("customer_invoices", req["requestId"])
            payload = dumps(req)
            # the console issued, returned or revoked it: the user drives it now
            if (old is None or old.gen != MANUAL) and (old is None or old.payload != payload):
                w.put("customer_invoices", req["requestId"], payload)
                summary.changed["customer_invoices"] += 1
        if built.performance is not None:
            perf = built.performance
            old = None if is_new else w.get("partner_performance", perf["recordId"])
            payload = dumps(perf)
            if old is None or old.payload != payload:
                w.put("partner_performance", perf["recordId"], payload, aux=perf["period"])
                summary.changed["partner_performance"] += 1

    def _new_orders(self, w: Writer, t0: int, t1: int, summary: Summary) -> None:
        s = Stream(mix(self.world.seed, SALT_ADVANCE, t0, t1))
        count = _poisson(s, self.world.orders / 730.0 * (t1 - t0) / DAY)
        first = int(w.meta(META_NEXT_ORDER) or self.world.orders)
        times = sorted(t0 + 1 + s.next64() % (t1 - t0) for _ in range(count))
        for k, ts in enumerate(times):
            built = build_order(self.world, first + k, ts, t1)
            self._store_order(w, built, f"{first + k}:{ts}", None, summary, is_new=True)
        w.set_meta(META_NEXT_ORDER, str(first + count))

    def _live_orders(self, w: Writer, t1: int, summary: Summary) -> None:
        for stored in w.live("orders"):
            index, create_ts = _gen_key(stored.gen)
            if index is None:
                continue
            built = build_order(self.world, index, create_ts, t1)
            self._store_order(w, built, stored.gen or "", stored.aux, summary, is_new=False)

    def _manual_tasks(self, w: Writer, t1: int, summary: Summary) -> None:
        """The buyer, the platform and the system answer on the tasks the console acted on."""
        for stored in w.live("supervision_tasks"):
            if stored.gen != MANUAL or stored.payload is None:
                continue
            task = orjson.loads(stored.payload)
            if advance_manual(task, t1):
                done = task["status"] == "已完成"
                w.put("supervision_tasks", stored.id, dumps(task), live=not done, gen=MANUAL)
                hand_order_to_user(w, task)
                summary.changed["supervision_tasks"] += 1
                summary.counts["tasks_answered"] += 1

    # -- demands and offers ------------------------------------------------------------------------

    def _put_if_changed(self, w: Writer, collection: str, rid: str, record: dict[str, Any],
                        live: bool = False, gen: str | None = None,
                        aux: str | None = None) -> str | None:
        """Store ``record`` if it differs; return its previous payload's status (or "" if new)."""
        old = w.get(collection, rid)
        payload = dumps(record)
        if old is not None and old.payload == payload:
            if old.live != live:
                w.set_flags(collection, rid, live, aux)
            return None
        w.put(collection, rid, payload, live, gen, aux)
        return "" if old is None else (_field(old.payload, "status") or "")

    def _demands_and_offers(self, w: Writer, t0: int, t1: int, summary: Summary) -> None:
        def keep(demand: dict[str, Any], offer: dict[str, Any] | None, live: bool,
                 gen: str) -> None:
            before = self._put_if_changed(w, "demands", demand["demandId"], demand, live, gen)
            if before is not None:
                summary.changed["demands"] += 1
                if before == "":
                    summary.counts["demands_new"] += 1
                elif before == "待接收" and demand["status"] == "已关闭":
                    summary.counts["demands_auto_closed"] += 1
                elif before != demand["status"]:
                    summary.counts["demands_updated"] += 1
            if offer is not None and self._put_if_changed(
                    w, "exclusive_offers", offer["offerId"], offer) is not None:
                summary.changed["exclusive_offers"] += 1

        for stored in w.live("demands"):
            index, assign_ts = _gen_key(stored.gen)
            if index is not None:
                keep(*build_demand(self.world, index, assign_ts, t1), stored.gen or "")
        s = Stream(mix(self.world.seed, SALT_ADVANCE, t0, t1, 2))
        first = int(w.meta(META_NEXT_DEMAND) or demand_count(self.world))
        count = _poisson(s, demand_count(self.world) / 730.0 * (t1 - t0) / DAY)
        for k, ts in enumerate(sorted(t0 + 1 + s.next64() % (t1 - t0) for _ in range(count))):
            keep(*build_demand(self.world, first + k, ts, t1), f"{first + k}:{ts}")
        w.set_meta(META_NEXT_DEMAND, str(first + count))

        for stored in w.live("exclusive_offers"):
            index, create_ts = _gen_key(stored.gen)
            if index is not None:
                offer, live = build_offer(self.world, index, create_ts, t1)
                if self._put_if_changed(w, "exclusive_offers", offer["offerId"], offer, live,
                                        stored.gen) is not None:
                    summary.changed["exclusive_offers"] += 1
        first = int(w.meta(META_NEXT_OFFER) or offer_count(self.world))
        count = _poisson(s, offer_count(self.world) / 730.0 * (t1 - t0) / DAY)
        for k, ts in enumerate(sorted(t0 + 1 + s.next64() % (t1 - t0) for _ in range(count))):
            offer, live = build_offer(self.world, first + k, ts, t1)
            self._put_if_changed(w, "exclusive_offers", offer["offerId"], offer, live,
                                 f"{first + k}:{ts}")
            summary.changed["exclusive_offers"] += 1
        w.set_meta(META_NEXT_OFFER, str(first + count))

    # -- bills -------------------------------------------------------------------------------------

    def _bill_runs(self, w: Writer, t0: int, t1: int, summary: Summary) -> None:
        """Run every monthly bill run dated in (t0, t1], oldest first."""
        period = period_of(t0 - 40 * DAY)
        while bill_run_ts(period) <= t1:
            run = bill_run_ts(period)
            if run > t0:
                self._run(w, period, t1, summary)
            period = next_period(period)

    def _run(self, w: Writer, period: str, t1: int, summary: Summary) -> None:
        items: list[BillItem] = []
        for stored in w.with_aux("orders", "000000", period):
            index, create_ts = _gen_key(stored.gen)
            if index is None or stored.aux == BILLED:
                continue
            items.extend(build_order(self.world, index, create_ts, t1).items)
        bills, deferred = run_bills(self.world, period, items)
        waiting = {i.order_id for i in deferred}
        for oid in dict.fromkeys(i.order_id for i in items):
            if oid not in waiting:
                order = w.get("orders", oid)
                if order is not None:
                    w.set_flags("orders", oid, order.live, BILLED)
        for content in bills:
            bill, notice, live = bill_at(self.world, content, t1)
            w.put("bills", bill["billId"], dumps(bill), live)
            summary.changed["bills"] += 1
            summary.bills_created.append(bill["billId"])
            if notice is not None:
                w.put("invoice_notices", notice["noticeId"], dumps(notice))
                summary.changed["invoice_notices"] += 1
                summary.counts["invoice_notices_created"] += 1
        monthly = self._performance(w, [period])
        made = partner_bill(self.world, "基础激励", period, monthly, t1)
        if made is not None:
            self._put_partner_bill(w, made, f"基础激励:{period}", summary)
        if int(period[4:]) % 3 == 0:
            quarter = quarter_of(period)
            made = partner_bill(self.world, "业绩考核激励", quarter,
                                self._performance(w, partner_periods(quarter)), t1)
            if made is not None:
                self._put_partner_bill(w, made, f"业绩考核激励:{quarter}", summary)

    def _performance(self, w: Writer, periods: list[str]) -> list[dict[str, Any]]:
        records = []
        for stored in w.with_aux("partner_performance", min(periods), max(periods)):
            record = _loads(stored.payload)
            if record is not None:
                records.append(record)
        return records

    def _put_partner_bill(self, w: Writer, made: tuple[dict[str, Any], bool], gen: str,
                          summary: Summary) -> None:
        bill, live = made
        before = self._put_if_changed(w, "partner_bills", bill["billId"], bill, live, gen)
        if before is not None:
            summary.changed["partner_bills"] += 1
            if before == "":
                summary.counts["partner_bills_created"] += 1

    def _live_bills(self, w: Writer, t1: int, summary: Summary) -> None:
        for stored in w.live("bills"):
            content = _loads(stored.payload)
            if content is None:
                continue
            if stored.gen == MANUAL:  # the console submitted its invoice
                self._manual_bill(w, content, stored.aux, t1, summary)
                continue
            try:
                bill, notice, live = bill_at(self.world, content, t1)
            except (KeyError, TypeError, ValueError):  # a corrupted record: leave it alone
                continue
            if self._put_if_changed(w, "bills", bill["billId"], bill, live) is not None:
                summary.changed["bills"] += 1
                summary.counts["bills_updated"] += 1
            if notice is not None:
                before = self._put_if_changed(w, "invoice_notices", notice["noticeId"], notice)
                if before is not None:
                    summary.changed["invoice_notices"] += 1
                    if before == "":
                        summary.counts["invoice_notices_created"] += 1
        for stored in w.live("partner_bills"):
            kind, _, period = (stored.gen or "").partition(":")
            if kind not in ("基础激励", "业绩考核激励"):
                continue
            periods = [period] if kind == "基础激励" else partner_periods(period)
            made = partner_bill(self.world, kind, period, self._performance(w, periods), t1)
            if made is not None:
                self._put_partner_bill(w, made, stored.gen or "", summary)


    def _manual_bill(self, w: Writer, bill: dict[str, Any], aux: str | None, t1: int,
                     summary: Summary) -> None:
        """A bill whose invoice the console submitted: Huawei verifies it and pays (§5.2); the bill
        and its notice become 已付款 and the bill stops changing."""
        bill_id = bill["billId"]
        if bill.get("status") != INVOICE_IN_REVIEW:
            w.set_flags("bills", bill_id, False, aux)
            return
        paid = _manual_bill_paid_at(bill)
        if paid > t1:
            return
        bill.update(status=PAID, updateTime=hw(paid))
        w.put("bills", bill_id, dumps(bill), False, MANUAL, aux)
        summary.changed["bills"] += 1
        summary.counts["bills_updated"] += 1
        stored = w.get("invoice_notices", notice_id_of(bill_id))
        notice = _loads(stored.payload) if stored is not None else None
        if notice is not None:
            notice.update(billStatus=PAID, updateTime=hw(paid))
            w.put("invoice_notices", notice["noticeId"], dumps(notice), gen=MANUAL)
            summary.changed["invoice_notices"] += 1


def _manual_bill_paid_at(bill: dict[str, Any]) -> int:
    received = from_hw(bill["updateTime"])
    return plus_working_days(received, VERIFY_WORKING_DAYS + PAY_WORKING_DAYS)


def _gen_key(gen: str | None) -> tuple[Any, int]:
    """``"index:time"`` -> (index, time); (None, 0) if absent or malformed."""
    try:
        index, ts = (gen or "").split(":")
        return int(index), int(ts)
    except ValueError:
        return None, 0


def _loads(payload: bytes | None) -> dict[str, Any] | None:
    if payload is None:
        return None
    try:
        value = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _field(payload: bytes | None, name: str) -> Any:
    record = _loads(payload)
    return None if record is None else record.get(name)
