"""Marketplace values in the interface language (docs/terms.md): titles.term / term_beside."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.services.exchange.terms import BY_VALUE, VOCABULARIES
from app.views.app import create_application
from app.views.common.titles import term, term_beside
from app.views.i18n import Translations
from app.views.orders.labels import CHARGING_MODES as ORDER_CHARGING_MODES


@pytest.fixture
def translations() -> Iterator[Translations]:
    create_application()
    t = Translations()
    t.apply("en")
    yield t
    t.apply("en")


def test_english_shows_the_english_term_and_codes_in_words(translations: Translations) -> None:
    assert term("联营") == "Joint operation"
    assert term("待开票") == "Awaiting invoice"
    assert term("ONE_TIME") == "One-time"
    assert term("PERIOD") == "Subscription"
    assert term_beside("用户确认验收") == "Buyer acceptance (用户确认验收)"
    assert term("某个新状态") == "某个新状态"  # unknown: raw, never hidden
    assert term(None) == ""


def test_partner_and_customer_invoice_statuses_are_in_words(translations: Translations) -> None:
    """The Partner area's offer, bill and performance statuses and the customer invoice requests'
    statuses (§6.5, §7) read in English in the English window, not as raw Chinese."""
    assert [term(s) for s in ("审批中", "已生效", "已撤销", "已驳回", "已过期")] == \
        ["Under approval", "Effective", "Revoked", "Rejected", "Expired"]
    assert [term(s) for s in ("待出账", "已出账", "已结算", "已退回")] == \
        ["Not yet billed", "Billed", "Settled", "Returned"]


def test_chinese_shows_the_web_consoles_own_word(translations: Translations) -> None:
    translations.apply("zh_CN")
    chinese_values = [v for v in BY_VALUE if any("\u4e00" <= c <= "\u9fff" for c in v)]
    assert len(chinese_values) > 80
    for raw in chinese_values:
        assert term(raw) == raw
        assert term_beside(raw) == raw
    assert term("ONE_TIME") == "一次性"


def test_charging_modes_are_the_orders_areas_words() -> None:
    table = {t.code: t.en for t in VOCABULARIES["charging_mode"].terms}
    assert table == ORDER_CHARGING_MODES


def test_a_value_reads_the_same_in_every_vocabulary() -> None:
    """The window looks a value up without its kind: two kinds that share a stored value must
    give it the same words (one table, one convention)."""
    seen: dict[str, tuple[str, str, str]] = {}
    for vocabulary in VOCABULARIES.values():
        for t in vocabulary.terms:
            first = seen.setdefault(t.code, (vocabulary.name, t.en, t.zh))
            assert (t.en, t.zh) == first[1:], (t.code, vocabulary.name, first[0])
