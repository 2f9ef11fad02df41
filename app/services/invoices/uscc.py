"""统一社会信用代码 (unified social credit code, GB 32100-2015): the seller's taxpayer number.

Since the 三证合一 reform every Chinese company's taxpayer number on a VAT invoice is its 18-character
unified social credit code. A mistyped code is the kind of slip that gets an invoice refused weeks
later, and the code carries two check characters that catch nearly every single-character typo:

* position 18 is the GB 32100-2015 check character over the first 17 (weights 3^(i) mod 31 over
  the 31-character alphabet ``0-9`` and ``A-Y`` without I, O, S, V and Z);
* positions 9-17 are the organisation code (GB 11714), whose own last character checks the first
  eight (weights 3 7 9 10 5 8 4 2, modulus 11, 10 written X).

:func:`check` names the first problem found (a stable code, with the expected character when a
check character is wrong, so the clerk can see which one to fix) or returns None.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
#: First character: the registering authority (机构编制, 民政, 工商, 其他, ...).
_AUTHORITIES = frozenset("1235689ANY")


@dataclass(frozen=True)
class UsccProblem:
    """Why a code is not a valid 统一社会信用代码: a stable ``code`` (length, characters,
    structure, check_character, organisation_code) and the values a message needs (``found``,
    ``expected``); the wording lives with the invoice checks (``rules.TEMPLATES``)."""

    code: str
    params: dict[str, str] = field(default_factory=dict)


def normalize(text: str) -> str:
    """What the clerk typed, without spaces and in capitals (codes are printed in capitals)."""
    return "".join(text.split()).upper()


def check_character(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a code."""
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_character(first8: str) -> str:
    """The GB 11714 check character of an organisation code's first eight characters."""
    total = sum(
        (int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w
        for c, w in zip(first8, _ORG_WEIGHTS, strict=True)
    )
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def check(text: str) -> UsccProblem | None:
    """None for a valid code, else the first problem found."""
    code = normalize(text)
    if len(code) != 18:
        return UsccProblem("length", {"found": str(len(code))})
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        return UsccProblem("characters", {"found": " ".join(bad)})
    if code[0] not in _AUTHORITIES or not code[2:8].isdigit():
        return UsccProblem("structure")
    expected = check_character(code[:17])
    if code[17] != expected:
        return UsccProblem("check_character", {"found": code[17], "expected": expected})
    org_expected = org_check_character(code[8:16])
    if code[16] != org_expected:
        return UsccProblem("organisation_code", {"found": code[16], "expected": org_expected})
    return None


def is_valid(text: str) -> bool:
    return check(text) is None
