"""Property-based tests (issue 15 §4, hypothesis): the signing, the record validators at the
marketplace boundary and the amounts in words hold for any input, not only the examples the
other tests chose."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.sandbox.data.mock_orders import MOCK_ORDERS
from app.services.invoices.words import rmb_upper
from app.services.marketplace.client import parse_page
from app.services.marketplace.signing import SignatureError, sign_headers, verify_request
from app.services.marketplace.wire import COLLECTIONS_BY_NAME

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# -- signing ---------------------------------------------------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
_segment = st.text(st.characters(codec="ascii", categories=("Ll", "Lu", "Nd")) | st.sampled_from(
    "-_.~"), min_size=1, max_size=12)
_requests = st.fixed_dictionaries({
    "method": st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
    "path": st.lists(_segment, min_size=1, max_size=4).map(lambda p: "/" + "/".join(p)),
    "query": st.lists(st.tuples(_segment, _text), max_size=4),
    "body": st.binary(max_size=200),
    "at": st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                       timezones=st.just(UTC)),
})


def _signed(r: dict[str, Any], secret: str = "SK-secret") -> dict[str, str]:
    headers = {"Host": "api.example.com", "Content-Type": "application/json"}
    return {**headers, **sign_headers(r["method"], r["path"], r["query"], headers, r["body"],
                                      "AK1", secret, now=r["at"])}


@PROPERTY
@given(_requests)
def test_any_request_signed_by_the_console_verifies(r: dict[str, Any]) -> None:
    headers = _signed(r)
    assert verify_request(r["method"], r["path"], r["query"], headers, r["body"],
                          {"AK1": "SK-secret"}, now=r["at"] + timedelta(minutes=5)) == "AK1"


@PROPERTY
@given(_requests, st.binary(max_size=200), _segment)
def test_any_change_to_a_signed_request_is_refused(r: dict[str, Any], other_body: bytes,
                                                  other_segment: str) -> None:
    headers = _signed(r)
    secrets = {"AK1": "SK-secret"}
    changes = []
    if other_body != r["body"]:
        changes.append((r["method"], r["path"], r["query"], other_body))
    if r["path"] + "/" + other_segment != r["path"]:
        changes.append((r["method"], r["path"] + "/" + other_segment, r["query"], r["body"]))
    changes.append((r["method"], r["path"], [*r["query"], ("extra", "1")], r["body"]))
    for method, path, query, body in changes:
        with pytest.raises(SignatureError):
            verify_request(method, path, query, headers, body, secrets, now=r["at"])
    with pytest.raises(SignatureError):  # another secret key
        verify_request(r["method"], r["path"], r["query"], _signed(r, "other"), r["body"],
                       secrets, now=r["at"])


# -- record validators ------------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | _text
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_order = next(iter(MOCK_ORDERS.values()))


@st.composite
def _items(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Order records: the sandbox's own, with fields dropped, replaced by junk or added."""
    items = []
    for n in range(draw(st.integers(1, 6))):
        item = dict(_order, orderId=f"O{n}")
        for key in draw(st.lists(st.sampled_from(sorted(item)), max_size=3)):
            if draw(st.booleans()):
                item.pop(key, None)
            else:
                item[key] = draw(_json)
        item.update(draw(st.dictionaries(_text, _json, max_size=2)))
        items.append(item)
    return items


@PROPERTY
@given(_items())
def test_a_page_of_any_records_keeps_each_record_or_sets_it_aside(items: list[Any]) -> None:
    body = json.dumps({"items": items, "tombstones": [], "nextCursor": "c2", "hasMore": False},
                      ensure_ascii=False).encode()
    page = parse_page(COLLECTIONS_BY_NAME["orders"], body)
    assert len(page.items) + len(page.bad) == len(items)
    assert all(isinstance(b.record_id, str) and b.reason for b in page.bad)


# -- amounts in words -------------------------------------------------------------------------------

_DIGIT = {c: n for n, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}


def _read_rmb(words: str) -> int:
    """The cents an amount in 人民币大写 says (the reader a bank clerk is)."""
    sign = -1 if words.startswith("负") else 1
    words = words.removeprefix("负")
    yuan_text, _, rest = words.partition("元") if "元" in words else ("", "", words)
    total = section = number = 0
    for ch in yuan_text:
        if ch in _DIGIT:
            number = _DIGIT[ch]
        elif ch in _UNIT:
            section += number * _UNIT[ch]
            number = 0
        elif ch == "万":
            total += (section + number) * 10**4
            section = number = 0
        elif ch == "亿":
            total = (total + section + number) * 10**8
            section = number = 0
        else:
            raise AssertionError(f"unexpected {ch!r} in {words}")
    cents = (total + section + number) * 100
    rest = rest.removesuffix("整")
    digit = 0
    for ch in rest:
        if ch in _DIGIT:
            digit = _DIGIT[ch]
        elif ch == "角":
            cents += digit * 10
        elif ch == "分":
            cents += digit
        else:
            raise AssertionError(f"unexpected {ch!r} in {words}")
    return sign * cents


@PROPERTY
@given(st.integers(-(10**18) + 1, 10**18 - 1))
def test_every_amount_in_words_reads_back_as_the_same_amount(cents: int) -> None:
    words = rmb_upper(Decimal(cents).scaleb(-2))
    assert _read_rmb(words) == cents, words
    assert words.endswith("整") == (cents % 100 == 0)
    assert "零零" not in words
