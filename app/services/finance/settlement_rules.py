"""The settlement rules as data: fee rates, tiers, dates, the bill-run calendar (domain §5, §7, §8).

The 中资出海 tax rates (WHT/DST), the partner formula's refund handling and the invoicing deadline
(1 month for 客户服务商, a setting for sellers) are data here too.

Huawei changes these rules often and several values are not documented (the 2024-03-01 tier table,
the 联营 share ratios, whether the 1000 元 threshold applies to sellers). So nothing here is a
constant in code: the defaults live in ``resources/settlement_rules.json``, every value that could not
be checked carries ``"unconfirmed": true``, and a profile overrides any part of the document with its
own ``<config>/settlement_rules/<profile>.json`` (merged key by key over the defaults).

Dates in the rules are Beijing calendar dates (the marketplace's own zone); :func:`beijing_date` and
:meth:`SettlementRules.bill_run_for` turn UTC instants into them. The document is immutable and
cheap to pass to a worker thread.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.config.paths import AppPaths, safe_file_stem
from app.resource_files import resource_path

DEFAULT_RULES_FILE = resource_path("settlement_rules.json")
RULES_DIR_NAME = "settlement_rules"


class RulesError(ValueError):
    """A rules document that cannot be read or does not validate; ``str()`` says where and why."""


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class FeePeriod(_Doc):
    """The platform-fee rate for 通用 products whose order took effect on or after ``from``."""

    start: date | None = Field(default=None, alias="from")
    rate: Decimal
    unconfirmed: bool = False
    note: str = ""


class PlatformFee(_Doc):
    periods: tuple[FeePeriod, ...]
    #: product id -> negotiated rate (弹性平台费); wins over the dated periods.
    product_rates: dict[str, Decimal] = Field(default_factory=dict)


class IncrementTier(_Doc):
    """From ``min_monthly_gmv`` of a product's monthly paid amount, ``increment`` more seller share."""

    min_monthly_gmv: Decimal
    increment: Decimal
    unconfirmed: bool = False
    note: str = ""


class IncrementShare(_Doc):
    """The 2024-03-01 policy: incremental share for 通用 products at ``applies_to_rate``."""

    start: date = Field(alias="from")
    applies_to_rate: Decimal
    tiers: tuple[IncrementTier, ...] = ()
    unconfirmed: bool = False

    def increment_for(self, monthly_gmv: Decimal | None) -> Decimal:
        """The increment of the highest tier ``monthly_gmv`` reaches (0 below every tier or when
        the GMV is unknown)."""
        best = Decimal(0)
        if monthly_gmv is None:
            return best
        for tier in sorted(self.tiers, key=lambda t: t.min_monthly_gmv):
            if monthly_gmv >= tier.min_monthly_gmv:
                best = tier.increment
        return best


class ShareRatio(_Doc):
    """Huawei's share of 联营 / 自服务 / 严选 sales."""

    default_huawei_share: Decimal | None = None
    product_rates: dict[str, Decimal] = Field(default_factory=dict)
    unconfirmed: bool = True


class VoucherRule(_Doc):
    deduction: Literal["proportional", "full"] = "proportional"


class International(_Doc):
    """The 中资出海 (international) formula's tax rates (§5.4). Each ``None`` rate means: a tax the
    bill line does not state is 0. The rates are not documented, hence ``unconfirmed``."""

    customer_wht_rate: Decimal | None = None  # WHT① on the sales excl. VAT
    customer_dst_rate: Decimal | None = None  # DST① on the sales excl. VAT
    seller_wht_rate: Decimal | None = None  # WHT② on the seller's share before seller taxes
    seller_dst_rate: Decimal | None = None  # DST② on the seller's share before seller taxes
    unconfirmed: bool = True


class InvoicingDeadline(_Doc):
    """Months after the invoice notice within which Huawei must be invoiced: 1 for 客户服务商
    (§6.3, §7); sellers have no deadline in the rules, so theirs is a setting (``None``: none)."""

    partner_months: int | None = Field(default=1, ge=1, le=24)
    seller_months: int | None = Field(default=None, ge=1, le=24)

    def months_for(self, role: str) -> int | None:
        return self.partner_months if role == "partner" else self.seller_months


class PartnerSettlement(_Doc):
    """客户服务商结算金额(含税) = 订单现金消费 × 分成比例 (§7); refunds deducted (§5.5)."""

    refund_deduction: Literal["current_or_next"] = "current_or_next"


class BillRun(_Doc):
    day: int = Field(default=3, ge=1, le=28)
    hour: int = Field(default=10, ge=0, le=23)
    roll_to_working_day: bool = True


class Calendar(_Doc):
    holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
        current = start
        left = days
        while left > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                left -= 1
        return current


class MinAccumulation(_Doc):
    amount: Decimal
    roles: frozenset[str] = frozenset({"partner"})
    unconfirmed: bool = True


class SettlementRules(_Doc):
    """The whole rules document. Build it with :func:`load_rules`; never edit it in place."""

    version: int = 1
    rounding: Literal["ROUND_HALF_UP"] = "ROUND_HALF_UP"
    platform_fee: PlatformFee
    increment_share: IncrementShare
    share_ratio: ShareRatio = ShareRatio()
    voucher: VoucherRule = VoucherRule()
    international: International = International()
    partner_settlement: PartnerSettlement = PartnerSettlement()
    invoicing_deadline: InvoicingDeadline = InvoicingDeadline()
    bill_run: BillRun = BillRun()
    calendar: Calendar = Calendar()
    invoice_verification_working_days: int = Field(default=2, ge=0, le=60)
    min_accumulation: MinAccumulation
    #: 商业信息认证 complete and correct: True/False when the seller told the console, None unknown.
    business_info_verified: bool | None = None
    timezone_offset_hours: int = Field(default=8, ge=-12, le=14)

    @property
    def zone(self) -> timezone:
        """The marketplace's zone (Beijing, UTC+8): periods, run days and rule dates use it."""
        return timezone(timedelta(hours=self.timezone_offset_hours))

    def local_date(self, instant: datetime) -> date:
        """The marketplace calendar date of an aware instant."""
        return instant.astimezone(self.zone).date()

    def period_of(self, instant: datetime) -> str:
        """The settlement period ``YYYYMM`` an instant falls in (a Beijing calendar month)."""
        return self.local_date(instant).strftime("%Y%m")

    def bill_run_for(self, period: str) -> datetime:
        """When the run that bills ``period`` happens (UTC): the run day of the next month at the
        run hour, moved to the next working day when the calendar says so."""
        year, month = int(period[:4]), int(period[4:6])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        day = date(year, month, self.bill_run.day)
        if self.bill_run.roll_to_working_day:
            while not self.calendar.is_working_day(day):
                day += timedelta(days=1)
        return datetime.combine(day, time(self.bill_run.hour), self.zone).astimezone(UTC)

    def period_end(self, period: str) -> datetime:
        """The first instant after ``period`` (UTC): an order must be billable before it."""
        year, month = int(period[:4]), int(period[4:6])
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return datetime(year, month, 1, tzinfo=self.zone).astimezone(UTC)

    def next_run(self, now: datetime) -> tuple[str, datetime]:
        """The next bill run after ``now`` and the period it bills."""
        period = self.period_of(now)
        previous = previous_period(period)
        run = self.bill_run_for(previous)
        if run > now:
            return previous, run
        return period, self.bill_run_for(period)

    def platform_fee_rate(self, product_id: str | None, effective: date) -> tuple[Decimal, bool]:
        """(rate, unconfirmed) of the platform fee for a 通用 product effective on ``effective``."""
        if product_id is not None and product_id in self.platform_fee.product_rates:
            return self.platform_fee.product_rates[product_id], False
        chosen: FeePeriod | None = None
        for p in sorted(self.platform_fee.periods, key=lambda p: p.start or date.min):
            if p.start is None or p.start <= effective:
                chosen = p
        if chosen is None:
            raise RulesError(f"no platform fee period covers {effective.isoformat()}")
        return chosen.rate, chosen.unconfirmed


def previous_period(period: str) -> str:
    year, month = int(period[:4]), int(period[4:6])
    return f"{year - 1}12" if month == 1 else f"{year}{month - 1:02d}"


def next_period(period: str) -> str:
    year, month = int(period[:4]), int(period[4:6])
    return f"{year + 1}01" if month == 12 else f"{year}{month + 1:02d}"


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` over ``base``, key by key for nested objects; lists and values replace."""
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(f"cannot read the settlement rules {path}: {exc}") from None
    if not isinstance(data, dict):
        raise RulesError(f"the settlement rules {path} do not hold a JSON object")
    return data


@lru_cache(maxsize=8)
def _defaults(path: Path) -> dict[str, Any]:
    return _read(path)


def rules_from_dict(data: Mapping[str, Any], where: str = "settlement rules") -> SettlementRules:
    """Validate a rules document (the defaults already merged in)."""
    try:
        return SettlementRules.model_validate(dict(data))
    except ValidationError as exc:
        raise RulesError(f"{where} are not valid: {exc}") from None


def load_rules(
    override: Path | Mapping[str, Any] | None = None, *, defaults: Path = DEFAULT_RULES_FILE
) -> SettlementRules:
    """The default rules with ``override`` (a file or a dict, partial) merged over them.

    A missing override file is no override; a damaged one raises :class:`RulesError` (a silent
    fallback would show wrong money).
    """
    data = dict(_defaults(defaults))
    where = str(defaults)
    if isinstance(override, Path):
        if override.exists():
            data = _merge(data, _read(override))
            where = str(override)
    elif override is not None:
        data = _merge(data, override)
    return rules_from_dict(data, where)


def profile_rules_path(paths: AppPaths, profile_name: str) -> Path:
    """Where a profile's overrides live: ``<config>/settlement_rules/<safe name>.json``."""
    return paths.config_dir / RULES_DIR_NAME / f"{safe_file_stem(profile_name)}.json"


def rules_for_profile(paths: AppPaths, profile_name: str | None) -> SettlementRules:
    """The rules a profile works with (the defaults when it has no override, or for no profile)."""
    if profile_name is None:
        return load_rules()
    return load_rules(profile_rules_path(paths, profile_name))


def unconfirmed_values(rules: SettlementRules) -> list[str]:
    """Dotted names of the values marked unconfirmed, for a notice beside computed figures."""
    found: list[str] = []
    for i, p in enumerate(rules.platform_fee.periods):
        if p.unconfirmed:
            found.append(f"platform_fee.periods[{i}]")
    if rules.increment_share.unconfirmed:
        found.append("increment_share")
    for i, t in enumerate(rules.increment_share.tiers):
        if t.unconfirmed:
            found.append(f"increment_share.tiers[{i}]")
    if rules.share_ratio.unconfirmed:
        found.append("share_ratio")
    intl = rules.international
    if intl.unconfirmed and any(r is not None for r in (
            intl.customer_wht_rate, intl.customer_dst_rate, intl.seller_wht_rate,
            intl.seller_dst_rate)):
        found.append("international")
    if rules.min_accumulation.unconfirmed:
        found.append("min_accumulation")
    return found


__all__ = [
    "BillRun", "Calendar", "DEFAULT_RULES_FILE", "FeePeriod", "IncrementShare", "IncrementTier",
    "International", "InvoicingDeadline", "MinAccumulation", "PartnerSettlement", "PlatformFee", "RulesError", "SettlementRules", "ShareRatio", "VoucherRule",
    "load_rules", "next_period", "previous_period", "profile_rules_path", "rules_for_profile",
    "rules_from_dict", "unconfirmed_values",
]
