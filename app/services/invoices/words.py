"""Amounts in words: 人民币大写 for the China-mainland forms, English words for international ones.

Both take an exact :class:`~decimal.Decimal` with at most two decimal places (money never passes
through a float) and refuse anything else with ``ValueError``.

人民币大写 (:func:`rmb_upper`) follows the rules for writing amounts on bills and vouchers
(中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》), which is also what the
VAT invoicing software prints in 价税合计（大写）:

* digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, sections 万, 亿 and 万亿 (up to 9999万亿…, i.e.
  below 10^16 yuan); a ten is written 壹拾 (壹拾元整, 壹仟零壹拾元整), never a bare 拾;
* a zero inside the number is written 零 (1409.50 → 壹仟肆佰零玖元伍角), and a run of zeros,
  also across a 万/亿 section, is one 零 (6007.14 → 陆仟零柒元壹角肆分, 100000500 →
  壹亿零伍佰元整);
* where the 元 digit (or a whole lower section) is zero and the next digit is not, the rules let
  one write 零 or not; we do not (1680.32 → 壹仟陆佰捌拾元叁角贰分, 107000.53 →
  壹拾万柒仟元伍角叁分), as the invoicing software does;
* 角 zero and 分 not: 零 after 元 (16409.02 → 壹万陆仟肆佰零玖元零贰分);
* 整: after 元 when there are no 角 and 分 (1005 → 壹仟零伍元整). After 角 the rules allow
  but do not require 整; we do not write it (1005.50 → 壹仟零伍元伍角). Never after 分;
* amounts below one yuan have no 元 part (0.50 → 伍角, 0.05 → 伍分), zero is 零元整;
* a negative amount (a red-letter invoice) starts with 负 (负壹佰元整).

English words (:func:`english_amount`) use the banking style of trade invoices, in capitals, with
British "and" inside each hundred and before a final part below one hundred, cents in words, and
ONLY at the end: 1005.20 USD → ``US DOLLARS ONE THOUSAND AND FIVE AND CENTS TWENTY ONLY``.
"""

from __future__ import annotations

from decimal import Decimal

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("仟", "佰", "拾", "")  # within a four-digit section, highest first
#: Section suffixes from the lowest: 元 section, 万, 亿, and 万 again (which becomes 万亿).
_SECTIONS = ("", "万", "亿", "万")
_MAX = Decimal(10) ** 16


def _cents(amount: Decimal) -> int:
    """The amount as integer cents; refuses floats, non-finite values and fractions of a cent."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"amounts are Decimal, not {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"not an amount: {amount}")
    cents = amount.scaleb(2)
    if cents != cents.to_integral_value():
        raise ValueError(f"amount {amount} has more than two decimal places")
    if abs(amount) >= _MAX:
        raise ValueError(f"amount {amount} is too large (the limit is below 10^16)")
    return int(cents)


def _section(value: int) -> str:
    """One four-digit section (1..9999) in 大写, zeros inside written as one 零."""
    out: list[str] = []
    zero = False
    for unit, digit in zip(_UNITS, f"{value:04d}", strict=True):
        d = int(digit)
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[d] + unit)
    return "".join(out)


def _yuan(value: int) -> str:
    """A whole number of yuan (> 0) in 大写, without the 元."""
    groups: list[int] = []
    while value:
        groups.append(value % 10000)
        value //= 10000
    out: list[str] = []
    gap = False  # a whole zero section (or more) since the last written one
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(out)
            continue
        if out and (gap or group < 1000):
            out.append("零")
        out.append(_section(group))
        suffix = _SECTIONS[index]
        if index == 3 and groups[2] == 0:
            suffix = "万亿"  # 壹万亿, not 壹万 followed by an empty 亿 section
        out.append(suffix)
        gap = False
    return "".join(out)


def rmb_upper(amount: Decimal) -> str:
    """The amount in 人民币大写, e.g. ``Decimal("1005")`` → ``壹仟零伍元整``."""
    cents = _cents(amount)
    sign = "负" if cents < 0 else ""
    cents = abs(cents)
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    if cents == 0:
        return "零元整"
    out = _yuan(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return sign + out + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"  # 壹万元零贰分: 角 is zero, 分 is not
    if fen:
        out += _DIGITS[fen] + "分"
    return sign + out


_ONES = (
    "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
    "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN",
    "NINETEEN",
)  # fmt: skip
_TENS = ("", "", "TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY")
_SCALES = ("", "THOUSAND", "MILLION", "BILLION", "TRILLION", "QUADRILLION")

#: How the currencies the marketplace settles in are named on an invoice (plural, major unit;
#: minor unit). Others are written with their ISO code, which a bank reads as well.
CURRENCY_WORDS: dict[str, tuple[str, str]] = {
    "USD": ("US DOLLARS", "CENTS"),
    "EUR": ("EUROS", "CENTS"),
    "CNY": ("CHINESE YUAN", "FEN"),
    "SGD": ("SINGAPORE DOLLARS", "CENTS"),
    "HKD": ("HONG KONG DOLLARS", "CENTS"),
    "GBP": ("POUNDS STERLING", "PENCE"),
    "BRL": ("BRAZILIAN REAIS", "CENTAVOS"),
    "THB": ("THAI BAHT", "SATANG"),
    "MYR": ("MALAYSIAN RINGGIT", "SEN"),
    "IDR": ("INDONESIAN RUPIAH", "SEN"),
    "ZAR": ("SOUTH AFRICAN RAND", "CENTS"),
    "SAR": ("SAUDI RIYALS", "HALALAS"),
    "AED": ("UAE DIRHAMS", "FILS"),
    "MXN": ("MEXICAN PESOS", "CENTAVOS"),
}


def _below_thousand(value: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(value, 100)
    if hundreds:
        words += [_ONES[hundreds], "HUNDRED"]
        if rest:
            words.append("AND")
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_ONES[rest])
    return words


def number_words(value: int) -> str:
    """A whole number (0 ≤ value < 10^18) in English capitals: 1005 → ``ONE THOUSAND AND FIVE``."""
    if value < 0 or value >= 1000 ** len(_SCALES):
        raise ValueError(f"{value} is out of range for words")
    if value == 0:
        return _ONES[0]
    groups: list[int] = []
    while value:
        groups.append(value % 1000)
        value //= 1000
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        if index == 0 and words and group < 100:
            words.append("AND")  # ONE THOUSAND AND FIVE
        words += _below_thousand(group)
        if _SCALES[index]:
            words.append(_SCALES[index])
    return " ".join(words)


def english_amount(amount: Decimal, currency: str) -> str:
    """The amount in words for an international invoice, e.g. ``Decimal("1005.20"), "USD"`` →
    ``US DOLLARS ONE THOUSAND AND FIVE AND CENTS TWENTY ONLY``; negative amounts start with
    MINUS."""
    cents = _cents(amount)
    sign = "MINUS " if cents < 0 else ""
    major, minor = divmod(abs(cents), 100)
    name, minor_name = CURRENCY_WORDS.get(currency.upper(), (currency.upper(), "CENTS"))
    text = f"{sign}{name} {number_words(major)}"
    if minor:
        text += f" AND {minor_name} {number_words(minor)}"
    return text + " ONLY"
