"""Declarative base, naming convention and the column types every table uses.

Money is stored as integer minor units (cents) so SQL sums and sorts are exact on SQLite too; times are
stored as naive UTC and handed back as aware UTC datetimes; tax rates and other decimals that are not
money are stored as text. No float ever holds an amount.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, MetaData, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_CENT = Decimal("0.01")


def _decimal(value: object, type_name: str) -> Decimal:
    """``value`` if it is a Decimal; a TypeError naming the column type otherwise."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{type_name} takes Decimal, not {type(value).__name__}")
    return value


class Money(TypeDecorator[Decimal]):
    """A Decimal amount with at most two places, stored as integer cents."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        cents = _decimal(value, "Money").scaleb(2)
        if cents != cents.to_integral_value():
            raise ValueError(f"amount {value} has more than two decimal places")
        return int(cents)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-2).quantize(_CENT)


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal that is not money (tax rates, share ratios), stored as its exact text."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return str(_decimal(value, "DecimalText"))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as naive UTC; always read back as aware UTC."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store aware UTC times only")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL paths on SQLite
            value = datetime.fromisoformat(value)
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {type(value).__name__}")
        return value.replace(tzinfo=UTC)


class RawJSON(str):
    """JSON text that is already encoded (e.g. by pydantic's Rust serializer): stored as is."""

    __slots__ = ()


class JSONDoc(TypeDecorator[Any]):
    """A JSON document stored as text. Binding a :class:`RawJSON` stores it without re-encoding,
    which lets the sync engine hand over nested wire data serialized in one fast step."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, RawJSON):
            return str(value)
        return json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)
