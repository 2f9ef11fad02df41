"""Amounts in words (人民币大写, English) and the unified social credit code check."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.services.invoices import uscc
from app.services.invoices.words import english_amount, number_words, rmb_upper


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1005", "壹仟零伍元整"),  # a zero inside
        ("1005.00", "壹仟零伍元整"),
        ("1409.50", "壹仟肆佰零玖元伍角"),  # 角 without 分: no 整
        ("1005.5", "壹仟零伍元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),  # a run of zeros is one 零
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),  # 元 digit zero: no 零 (as the tax software)
        ("107000.53", "壹拾万柒仟元伍角叁分"),
        ("16409.02", "壹万陆仟肆佰零玖元零贰分"),  # 角 zero, 分 not: 零 after 元
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("100000.01", "壹拾万元零壹分"),
        ("10", "壹拾元整"),  # a leading ten is 壹拾
        ("110", "壹佰壹拾元整"),
        ("1010", "壹仟零壹拾元整"),
        ("100000", "壹拾万元整"),  # round yuan
        ("20000000", "贰仟万元整"),
        ("100500", "壹拾万零伍佰元整"),  # a zero section boundary
        ("100000500", "壹亿零伍佰元整"),  # zeros across 万 into 亿
        ("100050000", "壹亿零伍万元整"),
        ("123456789.12", "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"),
        ("1000000000000", "壹万亿元整"),  # large sums
        ("1200000000000", "壹万贰仟亿元整"),
        ("1000200000000", "壹万零贰亿元整"),
        ("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ("0.50", "伍角"),  # below one yuan: no 元
        ("0.05", "伍分"),
        ("0.15", "壹角伍分"),
        ("0", "零元整"),
        ("-100", "负壹佰元整"),  # red-letter invoice
        ("-0.01", "负壹分"),
    ],
)  # fmt: skip
def test_rmb_upper(amount: str, words: str) -> None:
    assert rmb_upper(Decimal(amount)) == words


@pytest.mark.parametrize("bad", ["1.005", "10000000000000000", "NaN", "Infinity"])
def test_rmb_upper_refuses_what_is_not_an_amount(bad: str) -> None:
    with pytest.raises(ValueError):
        rmb_upper(Decimal(bad))


def test_words_refuse_floats() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        rmb_upper(1005.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Decimal"):
        english_amount(1005.0, "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "currency", "words"),
    [
        ("1005.20", "USD", "US DOLLARS ONE THOUSAND AND FIVE AND CENTS TWENTY ONLY"),
        ("1005", "USD", "US DOLLARS ONE THOUSAND AND FIVE ONLY"),
        ("0.99", "EUR", "EUROS ZERO AND CENTS NINETY-NINE ONLY"),
        ("115", "SGD", "SINGAPORE DOLLARS ONE HUNDRED AND FIFTEEN ONLY"),
        ("2000000.01", "USD", "US DOLLARS TWO MILLION AND CENTS ONE ONLY"),
        ("1234567.89", "USD", "US DOLLARS ONE MILLION TWO HUNDRED AND THIRTY-FOUR THOUSAND FIVE "
                              "HUNDRED AND SIXTY-SEVEN AND CENTS EIGHTY-NINE ONLY"),
        ("10.50", "XYZ", "XYZ TEN AND CENTS FIFTY ONLY"),  # unknown currency: its code
        ("-3", "USD", "MINUS US DOLLARS THREE ONLY"),
    ],
)  # fmt: skip
def test_english_amount(amount: str, currency: str, words: str) -> None:
    assert english_amount(Decimal(amount), currency) == words


def test_number_words_range() -> None:
    assert number_words(0) == "ZERO"
    assert number_words(1_000_000_000_000) == "ONE TRILLION"
    with pytest.raises(ValueError):
        number_words(-1)


@pytest.mark.parametrize(
    "code",
    ["91520900MA6J6CBN9Q", "91440300MA5FXK3Q6D", "91110108551312342R", " 9131 0115 ma1k4b2cx3 "],
)
def test_valid_unified_social_credit_codes(code: str) -> None:
    assert uscc.check(code) is None
    assert uscc.is_valid(code)


@pytest.mark.parametrize(
    ("code", "problem", "params"),
    [
        ("91520900MA6J6CBN9R", "check_character", {"found": "R", "expected": "Q"}),
        ("91520900MA6J6CBM9Q", "check_character", {"found": "Q", "expected": "P"}),  # typo inside
        ("91520900MA6J6CBN9", "length", {"found": "17"}),
        ("91520900MA6J6CBNIQ", "characters", {"found": "I"}),
        ("X1520900MA6J6CBN9Q", "structure", {}),
        ("9152O900MA6J6CBN9Q", "characters", {"found": "O"}),
    ],
)  # fmt: skip
def test_invalid_unified_social_credit_codes(code: str, problem: str, params: dict[str, str]) -> None:
    found = uscc.check(code)
    assert found is not None
    assert (found.code, found.params) == (problem, params)


def test_a_wrong_organisation_code_is_named() -> None:
    first17 = "91520900MA6J6CBN8"  # organisation code check should be 9, not 8
    code = first17 + uscc.check_character(first17)  # ...but the overall check fits
    found = uscc.check(code)
    assert found is not None and found.code == "organisation_code"
    assert found.params == {"found": "8", "expected": "9"}
